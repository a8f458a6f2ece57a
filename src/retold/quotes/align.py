"""The same utterance across outlets: quotations and reported spans grouped by statement.

Candidates come from the similarity index (long texts) or a stem index (short
fragments: they pair only with short fragments), and only from different articles
with compatible speakers (`same_voice`). Pairs at or above the pair threshold are
merged best first by average linkage (`similarity.grouping`), so a chain of weak links
cannot glue different statements on one topic together; two groups of two or more also
need a cross mean of at least `COHESION` times the inner mean of the looser one, so two
tight groups of different statements on one topic ("ready to talk", "the only way is
withdrawal") stay apart. A group holds renderings of one statement.

A short fragment quoted word for word inside a longer quotation of another article
("destructive" inside “… the destructive line of Western states …”) is a separate
relation, not a merge: `fragment_sources` finds it and `QuoteLink` records it (kind
`part of`, written to quote_links.csv). Group ids `q01`, `q02`, ... follow the first
member in corpus order; a single item keeps its own id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from itertools import islice

import numpy as np

from ..engine import map_distinct, serial
from ..model import Quote, field_values
from ..similarity.flags import meaning_flags
from ..similarity.grouping import average_linkage
from ..similarity.vectors import content_stems, similarity, text_vectors
from ..text.words import words
from ..vocab import FRAGMENT_VERBS
from .direct import REPORTED
from .speakers import UNKNOWN_SIDE

PAIR_THRESHOLD = 0.4
SHORT_PAIR_THRESHOLD = 0.35
LINK_THRESHOLD = 0.35
PAIRS_PER_ITEM = 4
SHORT_STEMS = 3
MIN_REPORTED_STEMS = 4
SHORT_NEIGHBOURS = 10
FRAGMENT_SOURCE_CHECKS = 200
COHESION = 0.8
PART_OF = "part of"
_GROUP_AT = [f.name for f in fields(Quote)].index("group")


@dataclass(frozen=True, slots=True)
class QuotePair:
    """Two renderings of the same utterance in different articles."""

    group: str
    a: Quote
    b: Quote
    similarity: float
    flags: tuple[str, ...]


@dataclass(frozen=True)
class QuoteLink:
    """A quotation printed word for word inside a longer one of another article: `fragment` is `kind` `source`."""

    fragment: Quote
    source: Quote
    kind: str = PART_OF


def _alignable(q: Quote) -> bool:
    """Long enough to compare; a label reported without marks ("what he called a special operation") is a name
    for something, not a statement, and is not aligned."""
    n = len(content_stems(q.text))
    if q.kind == REPORTED and (q.cue or "").lower().split(" ")[0] in FRAGMENT_VERBS:
        return False
    return n >= 1 and (q.kind != REPORTED or n >= MIN_REPORTED_STEMS)


def _short(q: Quote) -> bool:
    return len(content_stems(q.text)) <= SHORT_STEMS


def short_candidates(items: list[Quote]) -> list[tuple[int, int]]:
    """Pairs of short fragments sharing a stem: each fragment with the next `SHORT_NEIGHBOURS` of other
    articles in that stem's list, so a word quoted in thousands of articles makes a chain, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        if _short(q):
            for stem in content_stems(q.text):
                index[stem].append(i)
    pairs = set()
    for members in index.values():
        articles = [items[i].article for i in members]
        run_end = list(range(1, len(members) + 1))  # end of the run of one article starting at each position
        for n in range(len(members) - 2, -1, -1):
            if articles[n + 1] == articles[n]:
                run_end[n] = run_end[n + 1]
        for n, x in enumerate(members):
            partners, y = [], n + 1
            while y < len(members) and len(partners) < SHORT_NEIGHBOURS:
                if articles[y] == articles[n]:
                    y = run_end[y]  # skip the run of this fragment's own article in one step
                else:
                    partners.append(members[y])
                    y += 1
            pairs.update((x, partner) for partner in partners)
    return sorted(pairs)


def _word_run(text: str) -> str:
    return " " + " ".join(words(text)) + " "


def fragment_sources(items: list[Quote], group_sizes: list[int]) -> list[tuple[int, int]]:
    """(fragment, source) pairs: a short quotation left alone, printed word for word inside a longer
    quotation of another article with a compatible speaker ("destructive" inside “… the destructive line
    of Western states …”). A scare quote is often a cut from a fuller rendering of the same statement,
    which similarity scores cannot see because the fragment is so short. The source in the biggest group
    wins; each fragment checks at most `FRAGMENT_SOURCE_CHECKS` longer quotations sharing its rarest stem."""
    longer: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        if not _short(q):
            for stem in content_stems(q.text):
                longer[stem].append(i)
    runs: dict[int, str] = {}
    found = []
    for x, q in enumerate(items):
        stems = content_stems(q.text)
        if not _short(q) or group_sizes[x] > 1 or not stems:
            continue
        run = _word_run(q.text)
        rarest = min(stems, key=lambda st: (len(longer.get(st, ())), st))
        sources = []
        for y in islice(longer.get(rarest, ()), FRAGMENT_SOURCE_CHECKS):
            if items[y].article != q.article and same_voice(q, items[y]):
                if y not in runs:
                    runs[y] = _word_run(items[y].text)
                if run in runs[y]:
                    sources.append(y)
        if sources:
            found.append((x, max(sources, key=lambda y: (group_sizes[y], -y))))
    return found


def same_voice(a: Quote, b: Quote) -> bool:
    """Could a and b render one utterance? Same speaker, or known speakers on the same side, or one unknown.

    Outlets attribute one statement to an institution, its spokesperson or its head, so
    the side (not the exact name) must agree.
    """
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker:
        return True
    if a.side == UNKNOWN_SIDE or b.side == UNKNOWN_SIDE:
        return True
    return a.side == b.side


def same_voice_mask(items: list[Quote], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """`same_voice(items[x[k]], items[y[k]])` for every k, computed on codes (a large corpus has millions of
    candidate pairs)."""
    speaker_code = {s: n for n, s in enumerate(dict.fromkeys(q.speaker for q in items if q.speaker is not None))}
    side_code = {s: n for n, s in enumerate(dict.fromkeys(q.side for q in items))}
    speaker = np.array([-1 if q.speaker is None else speaker_code[q.speaker] for q in items], dtype=np.int64)
    side = np.array([side_code[q.side] for q in items], dtype=np.int64)
    unknown = side == side_code.get(UNKNOWN_SIDE, -1)
    return ((speaker[x] < 0) | (speaker[y] < 0) | (speaker[x] == speaker[y]) | unknown[x] | unknown[y]
            | (side[x] == side[y]))


def _table_pairs(values: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Positions of the pairs worth a row: each item's `PAIRS_PER_ITEM` best, so the table stays small on big
    corpora (best first; ties by items)."""
    used: dict[int, int] = defaultdict(int)
    rows = []
    ranked = np.lexsort((y, x, -values))
    for k, i, j in zip(ranked.tolist(), x[ranked].tolist(), y[ranked].tolist()):
        if used[i] < PAIRS_PER_ITEM or used[j] < PAIRS_PER_ITEM:
            rows.append(k)
            used[i] += 1
            used[j] += 1
    return np.array(rows, dtype=np.int64)


def _scored_pairs(sub: list[Quote], threshold: float, short_threshold: float, engine):
    """Candidate pairs of compatible items with their scores, best first, down to the first below its threshold."""
    texts = [q.text for q in sub]
    n = max(1, len(sub))
    codes = [np.array([x * n + y for x, y in short_candidates(sub)], dtype=np.int64)]
    if len(sub) > 1:
        found = engine.candidate_pairs(texts, [q.article for q in sub], top_k=20, min_shared=2)
        codes.append(np.array([x * n + y for x, y in found], dtype=np.int64))
    codes = np.unique(np.concatenate(codes))
    x, y = codes // n, codes % n
    short = np.array([_short(q) for q in sub], dtype=bool)
    if x.size:
        compatible = (short[x] == short[y]) & same_voice_mask(sub, x, y)
        x, y = x[compatible], y[compatible]
    vectors = text_vectors(texts, engine)
    scores = vectors.pair_scores(x, y) if x.size else np.zeros(0)
    ranked = np.lexsort((y, x, -scores))
    x, y, scores = x[ranked], y[ranked], scores[ranked]
    below = np.flatnonzero(scores < np.where(short[x], short_threshold, threshold))
    cut = int(below[0]) if below.size else scores.size
    return list(zip(scores[:cut].tolist(), x[:cut].tolist(), y[:cut].tolist())), vectors


def align(items: list[Quote], article_order: list[str], threshold: float = PAIR_THRESHOLD,
          short_threshold: float = SHORT_PAIR_THRESHOLD, link: float = LINK_THRESHOLD, engine=None
          ) -> tuple[list[Quote], list[QuotePair]]:
    """Group renderings of the same utterance across articles; return items with `group` set, and the pairs."""
    grouped, pairs, _ = align_with_links(items, article_order, threshold, short_threshold, link, engine)
    return grouped, pairs


def align_with_links(items: list[Quote], article_order: list[str], threshold: float = PAIR_THRESHOLD,
                     short_threshold: float = SHORT_PAIR_THRESHOLD, link: float = LINK_THRESHOLD, engine=None
                     ) -> tuple[list[Quote], list[QuotePair], list[QuoteLink]]:
    """`align`, plus the fragments quoted from a longer quotation of another article (`QuoteLink`).

    `engine` (`retold.engine`, default: this process) runs the candidate search, the vectors and the flags."""
    engine = engine or serial()
    candidates = [i for i, q in enumerate(items) if _alignable(q)]
    sub = [items[i] for i in candidates]
    scored, vectors = _scored_pairs(sub, threshold, short_threshold, engine)
    grouping = average_linkage(len(sub), scored, vectors, [q.article for q in sub], link, cohesion=COHESION,
                               engine=engine)
    fragments = fragment_sources(sub, [grouping.size(i) for i in range(len(sub))])
    order = {a: n for n, a in enumerate(article_order)}
    number = _group_numbers(items, candidates, grouping.root, order)
    width = max(2, len(str(int(number.max(initial=0)))))
    groups = [f"q{k:0{width}d}" for k in number.tolist()]
    grouped = _with_groups(items, groups)
    article = np.array([order.get(q.article, 0) for q in items], dtype=np.int64)
    values, a, b = _rendered_pairs(items, candidates, grouping.kept, article)
    texts = [(items[i].text, items[j].text) for i, j in zip(a.tolist(), b.tolist())]
    flags = map_distinct(engine, meaning_flags, texts, "quotation flags", star=True)
    index = np.array([q.index for q in items], dtype=np.int64)
    sequence = np.lexsort((index[b], article[b], index[a], article[a], number[a])).tolist()
    result_pairs = [QuotePair(groups[i], grouped[i], grouped[j], round(value, 4), tuple(flags[k]))
                    for k, i, j, value in zip(sequence, a[sequence].tolist(), b[sequence].tolist(),
                                              values[sequence].tolist())]
    links = [QuoteLink(grouped[candidates[x]], grouped[candidates[y]]) for x, y in fragments]
    links.sort(key=lambda k: (order.get(k.fragment.article, 0), k.fragment.start))
    return grouped, result_pairs, links


def _group_numbers(items: list[Quote], candidates: list[int], root: list[int], order: dict[str, int]) -> np.ndarray:
    """Each item's group number, 1, 2, ... by each group's first member in corpus order (article, start, end); an
    item not aligned is a group of its own (`root`: the group of each candidate, by position in `candidates`)."""
    key = np.arange(len(candidates), len(candidates) + len(items), dtype=np.int64)
    key[np.array(candidates, dtype=np.int64)] = np.array(root, dtype=np.int64)
    ranked = np.lexsort((np.array([q.end for q in items]), np.array([q.start for q in items]),
                         np.array([order.get(q.article, len(order)) for q in items])))
    distinct, first_seen = np.unique(key[ranked], return_index=True)
    number = np.empty(distinct.size, dtype=np.int64)
    number[np.argsort(first_seen)] = np.arange(1, distinct.size + 1)
    return number[np.searchsorted(distinct, key)]


def _rendered_pairs(items: list[Quote], candidates: list[int], kept: list[tuple[float, int, int]],
                    article: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(similarity, a, b) of the kept pairs worth a row (`_table_pairs`), as item positions, a before b in corpus
    order (`article`: each item's article's place in it)."""
    values, x, y = (np.array(column) for column in zip(*kept)) if kept else (np.zeros(0), *[np.zeros(0, np.int64)] * 2)
    rows = _table_pairs(values, x, y)
    position = np.array(candidates, dtype=np.int64)
    values, a, b = values[rows], position[x[rows]], position[y[rows]]
    start = np.array([q.start for q in items], dtype=np.int64)
    swap = (article[a] > article[b]) | ((article[a] == article[b]) & (start[a] > start[b]))
    return values, np.where(swap, b, a), np.where(swap, a, b)


def _with_groups(items: list[Quote], groups: list[str]) -> list[Quote]:
    """The items with their group ids set (the constructor with every value given: `dataclasses.replace` looks
    the fields up again for each of a large corpus's quotations)."""
    values = field_values(Quote)
    at = _GROUP_AT
    return [type(q)(*v[:at], g, *v[at + 1:]) for q, v, g in zip(items, map(values, items), groups)]
