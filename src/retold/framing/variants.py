"""Spellings of one name that differ across outlets, discovered without a naming lexicon.

Three ways of finding them: a substitution of kind `name variant` (one rendering of a claim
prints "Nowak" where another prints "Novak"); capitalised words that are the same name once
accents and transliteration are set aside ("Petrović"/"Petrovic", "Müller"/"Mueller"); and
close spellings after the same first name or title ("Anna Schmitt"/"Anna Schmidt"). Forms linked either way form one
group; each group not already covered by a naming-lexicon concept becomes a naming
concept `variants of "<commonest form>"`, marked as discovered, so the naming map shows
who prints which spelling. What this cannot see: variants that never stand in aligned
sentences and differ by more than accents or transliteration (Nowak in one article, Novak
only in an unrelated sentence of another).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..text.segment import SegmentedArticle
from .lexicon import NamingConcept, NamingLabel, compile_bounded, literal_regex
from .substitutions import NAME_VARIANT, Substitution, is_name_variant, name_key

_LOWER_RUN = r"(?:(?![A-ZÀ-Þ])[^\W\d_])+"  # a word ends where upper case follows lower ("SchmidtThe")
_NAME = rf"[^\W\d_]{_LOWER_RUN}(?:[-‐‑][^\W\d_]{_LOWER_RUN})*"
NAME_WORD = re.compile(rf"(?<![\w'’]){_NAME}")
NAME_PAIR = re.compile(rf"(?<![\w'’])([A-ZÀ-Þ]{_LOWER_RUN}) (?=([A-ZÀ-Þ]{_LOWER_RUN}(?:[-‐‑][^\W\d_]{_LOWER_RUN})*))")
DISCOVERED_NOTE = "discovered by alignment and fuzzy matching across outlets, not from a lexicon"


def _body_text(article: SegmentedArticle) -> list[str]:
    return [article.text[p.start:p.end] for p in article.paragraphs]


def name_forms(articles: list[SegmentedArticle]) -> Counter:
    """How often each capitalised word (possessive 's left off) is printed, over titles and bodies."""
    counts: Counter = Counter()
    for article in articles:
        for paragraph in _body_text(article):
            counts.update(_paragraph_names(paragraph))
    return counts


def name_contexts(articles: list[SegmentedArticle]) -> dict[str, set[str]]:
    """Capitalised word -> the forms printed right after it ("Anna" -> {"Schmitt", "Schmidt"})."""
    after: dict[str, set[str]] = {}
    for article in articles:
        for paragraph in _body_text(article):
            for first, then in _paragraph_name_pairs(paragraph):
                after.setdefault(first, set()).add(then)
    return after


@lru_cache(maxsize=1 << 15)
def _paragraph_names(paragraph: str) -> tuple[str, ...]:
    """The capitalised words of one paragraph, in order (kept per paragraph text: syndicated copy repeats
    paragraphs word for word)."""
    return tuple(word for word in NAME_WORD.findall(paragraph) if word[0].isupper())


@lru_cache(maxsize=1 << 15)
def _paragraph_name_pairs(paragraph: str) -> tuple[tuple[str, str], ...]:
    """(capitalised word, the form printed right after it) of one paragraph, in order."""
    return tuple((m.group(1), m.group(2)) for m in NAME_PAIR.finditer(paragraph))


def _same_first_name_links(contexts: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Close spellings with one initial printed after the same first name or title."""
    links = []
    for forms in contexts.values():
        ordered = sorted(forms)
        links += [(x, y) for k, x in enumerate(ordered) for y in ordered[k + 1:]
                  if x[0] == y[0] and x.lower() != y.lower() and is_name_variant(x, y)]
    return links


def _groups(links: list[tuple[str, str]]) -> list[list[str]]:
    """Connected forms, each group sorted, groups in order of their first form."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    members: dict[str, set[str]] = {}
    for form in parent:
        members.setdefault(root(form), set()).add(form)
    return sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda g: g[0])


def variant_groups(found: list[Substitution], forms: Counter, contexts: dict[str, set[str]] | None = None
                   ) -> list[list[str]]:
    """Groups of forms of one name: linked by aligned substitutions, equal once folded, or close in spelling
    after one first name."""
    links = [(s.text_a, s.text_b) for s in found if s.kind == NAME_VARIANT and s.text_a.lower() != s.text_b.lower()]
    links += _same_first_name_links(contexts or {})
    by_key: dict[str, list[str]] = {}
    for form in sorted(forms):
        by_key.setdefault(name_key(form), []).append(form)
    for same in by_key.values():
        distinct = list({f.lower(): f for f in same}.values())
        links += list(zip(distinct, distinct[1:]))
    return _groups(links)


def _covered(group: list[str], concepts: tuple[NamingConcept, ...]) -> bool:
    """True when one lexicon concept already has labels for two or more of the forms."""
    for concept in concepts:
        matched = {f for f in group for label in concept.labels for rx in label.matchers if rx.fullmatch(f)}
        if len(matched) >= 2:
            return True
    return False


def discovered_naming(articles: list[SegmentedArticle], found: list[Substitution],
                      concepts: tuple[NamingConcept, ...] = ()) -> tuple[NamingConcept, ...]:
    """One naming concept per group of name variants that no lexicon concept covers (labels: the forms)."""
    forms = name_forms(articles)
    result = []
    for group in variant_groups(found, forms, name_contexts(articles)):
        if _covered(group, concepts):
            continue
        counts = {f: sum(n for form, n in forms.items() if form.lower() == f.lower()) for f in group}
        ordered = sorted(group, key=lambda f: (-counts[f], f))
        name = f'variants of "{ordered[0]}"'
        labels = tuple(NamingLabel(name, form, DISCOVERED_NOTE, (compile_bounded(literal_regex(form)),))
                       for form in ordered)
        result.append(NamingConcept(name, DISCOVERED_NOTE, labels, discovered=True))
    return tuple(result)
