"""Distinctive words: which words and two-word phrases one article uses more than the others.

Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words"), each article against all the others, over the title and body.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

import numpy as np
import pandas as pd

from ..text.segment import SegmentedArticle, word_pattern
from ..text.words import keyness_stop_words


def _norm(token: str) -> str:
    return token.lower().replace("’", "'").replace("–", "-")


@lru_cache(maxsize=1 << 18)
def _content_form(token: str) -> str | None:
    """A token's normal form if it can be a content word (holds a letter, does not open with an apostrophe);
    kept per process, as the same few thousand tokens make up most of a corpus."""
    word = _norm(token)
    return word if any(ch.isalpha() for ch in word) and not word.startswith("'") else None


def ngram_counts(text: str, sentence_spans: Iterable[tuple[int, int]], stopwords: frozenset[str]) -> Counter:
    """Unigrams and bigrams of content words; a bigram never crosses punctuation or a stop word."""
    counts: Counter = Counter()
    for start, end in sentence_spans:
        counts.update(_sentence_ngrams(text[start:end], stopwords))
    return counts


@lru_cache(maxsize=1 << 15)
def _sentence_ngrams(sentence: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """The unigrams and bigrams of one sentence in the order `ngram_counts` counts them (kept per sentence
    text: syndicated copy repeats sentences word for word)."""
    found = []
    previous = None
    for token in word_pattern().findall(sentence):
        word = _content_form(token)
        if word is None or word in stopwords:
            previous = None
            continue
        found.append(word)
        if previous:
            found.append(f"{previous} {word}")
        previous = word
    return tuple(found)


def log_odds_z(counts: dict[str, Counter], prior: Counter | None = None, prior_scale: float = 0.1,
               absent_top: int = 500, absent_below: float | None = None) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior, each group against the rest (Monroe et al. 2008).

    The prior for a term is `prior_scale` times its count in `prior` (default: the whole corpus).
    At scale 1 the prior weighs as much as the data, which flattens every score of a few short
    articles; at 0.1 a word an article repeats stands out while a word used once stays near 0.
    delta = log((y_i+a)/(n_i+a0-y_i-a)) - log((y_r+a)/(n_r+a0-y_r-a)); var = 1/(y_i+a) + 1/(y_r+a);
    z = delta / sqrt(var). Returns group, term, zscore, count, count_rest, log_odds for every term a
    group uses, and for the `absent_top` most frequent corpus terms it does not use (so the work grows
    with the number of tokens, not groups × vocabulary); with `absent_below`, only the absent terms
    whose z is at most that. Fewer than two groups: nothing to compare. All groups are scored at once
    (one array per column), each number computed as it would be for one group alone.
    """
    columns = ["group", "term", "zscore", "count", "count_rest", "log_odds"]
    groups = list(counts)
    total = Counter()
    for c in counts.values():
        total.update(c)
    if len(groups) < 2 or not total:
        return pd.DataFrame(columns=columns)
    prior = total if prior is None else prior
    vocabulary = sorted(total)
    index = {term: i for i, term in enumerate(vocabulary)}
    totals = np.array([total[t] for t in vocabulary], dtype=float)
    alpha = np.array([prior_scale * prior.get(t, 0) for t in vocabulary], dtype=float)
    alpha[alpha <= 0] = prior_scale * 0.01
    alpha0 = alpha.sum()
    n_total = totals.sum()
    frequent = np.argsort(-totals, kind="stable")[:absent_top]
    used_group = np.repeat(np.arange(len(groups)), [len(counts[g]) for g in groups])
    used_term = np.fromiter((index[t] for g in groups for t in counts[g]), dtype=np.int64, count=used_group.size)
    used_count = np.fromiter((k for g in groups for k in counts[g].values()), dtype=float, count=used_group.size)
    n_groups = np.bincount(used_group, weights=used_count, minlength=len(groups))
    absent_group, absent_slot = np.nonzero(~_frequent_used(used_group, used_term, frequent, len(groups),
                                                           len(vocabulary)))
    group = np.concatenate([used_group, absent_group])
    terms = np.concatenate([used_term, frequent[absent_slot]])
    y_i = np.concatenate([used_count, np.zeros(absent_group.size)])
    n_i = n_groups[group]
    n_r = n_total - n_i
    a = alpha[terms]
    y_r = totals[terms] - y_i
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + a) / (n_i + alpha0 - y_i - a)) - np.log((y_r + a) / (n_r + alpha0 - y_r - a))
        z = delta / np.sqrt(1 / (y_i + a) + 1 / (y_r + a))
    keep = np.isfinite(z)
    if absent_below is not None:
        keep &= (y_i > 0) | (z <= absent_below)
    absent = np.r_[np.zeros(used_group.size, dtype=bool), np.ones(absent_group.size, dtype=bool)]
    rows = np.flatnonzero(keep)
    rows = rows[np.lexsort((terms[rows], absent[rows], group[rows]))]  # per group: used, then absent, by term
    names, words = np.array(groups, dtype=object), np.array(vocabulary, dtype=object)
    return pd.DataFrame({"group": names[group[rows]], "term": words[terms[rows]], "zscore": z[rows],
                         "count": y_i[rows].astype(int), "count_rest": y_r[rows].astype(int),
                         "log_odds": delta[rows]}, columns=columns)


def _frequent_used(used_group: np.ndarray, used_term: np.ndarray, frequent: np.ndarray, n_groups: int,
                   n_terms: int) -> np.ndarray:
    """groups × frequent terms: whether the group uses the term."""
    slot = np.full(n_terms, -1, dtype=np.int64)
    slot[frequent] = np.arange(frequent.size)
    hit = slot[used_term] >= 0
    marked = np.zeros((n_groups, frequent.size), dtype=bool)
    marked[used_group[hit], slot[used_term[hit]]] = True
    return marked


def article_ngrams(segmented: SegmentedArticle) -> tuple[Counter, Counter]:
    """The unigram counts and the bigram counts keyness compares, for one article (title and body sentences),
    each in order of first use."""
    counts = ngram_counts(segmented.text, [(x.start, x.end) for x in segmented.sentences], keyness_stop_words())
    unigrams, bigrams = Counter(), Counter()
    for term, count in counts.items():
        (bigrams if " " in term else unigrams)[term] = count
    return unigrams, bigrams


def keyness(articles: list[SegmentedArticle], outlets: dict[str, str], min_z_absent: float = -1.96,
            prior_scale: float = 0.1, counts: dict[str, tuple[Counter, Counter]] | None = None) -> pd.DataFrame:
    """Distinctive words and bigrams of each article against all others (title + body).

    Keeps every term the article uses, plus terms it conspicuously avoids (z <= `min_z_absent`).
    Columns: article, term, zscore, count, count_rest, log_odds, ngram, outlet. `counts` are the
    articles' `article_ngrams` when already computed (the per-article stages do it on the workers).
    """
    if counts is None:
        counts = {s.article.id: article_ngrams(s) for s in articles}
    return counts_keyness(counts, outlets, [s.article.id for s in articles], min_z_absent, prior_scale)


def counts_keyness(counts: dict[str, tuple[Counter, Counter]], outlets: dict[str, str], order: list[str],
                   min_z_absent: float = -1.96, prior_scale: float = 0.1) -> pd.DataFrame:
    """`keyness` from the articles' (unigram, bigram) counts alone, rows in the article order `order`: all a
    worker process needs to be sent."""
    frames = []
    for n in (1, 2):
        subset = {a: c[n - 1] for a, c in counts.items()}
        if not any(subset.values()):
            continue
        frame = log_odds_z(subset, prior_scale=prior_scale, absent_below=min_z_absent)
        frame["ngram"] = n
        frames.append(frame)
    columns = ["article", "term", "zscore", "count", "count_rest", "log_odds", "ngram", "outlet"]
    if not frames:
        return pd.DataFrame(columns=columns)
    result = pd.concat(frames, ignore_index=True).rename(columns={"group": "article"})
    result = result[(result["count"] > 0) | (result["zscore"] <= min_z_absent)].copy()
    result["zscore"] = result["zscore"].round(4)
    result["log_odds"] = result["log_odds"].round(4)
    result["outlet"] = result["article"].map(outlets)
    result["_order"] = result["article"].map({article: i for i, article in enumerate(order)})
    result = result.sort_values(["_order", "zscore", "term"], ascending=[True, False, True], kind="stable")
    return result[columns].reset_index(drop=True)
