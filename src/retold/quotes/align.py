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
from dataclasses import dataclass, replace
from itertools import islice

from ..engine import map_distinct, serial
from ..model import Quote
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


def _table_pairs(kept: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """The pairs worth a row: each item's `PAIRS_PER_ITEM` best, so the table stays small on big corpora."""
    used: dict[int, int] = defaultdict(int)
    rows = []
    for value, x, y in sorted(kept, key=lambda t: (-t[0], t[1], t[2])):
        if used[x] < PAIRS_PER_ITEM or used[y] < PAIRS_PER_ITEM:
            rows.append((value, x, y))
            used[x] += 1
            used[y] += 1
    return rows


def _scored_pairs(sub: list[Quote], threshold: float, short_threshold: float, engine):
    """Candidate pairs of compatible items with their scores, best first, down to the first below its threshold."""
    texts = [q.text for q in sub]
    pairs = set(engine.candidate_pairs(texts, [q.article for q in sub], top_k=20, min_shared=2)) \
        if len(sub) > 1 else set()
    pairs |= set(short_candidates(sub))
    short = [_short(q) for q in sub]
    pairs = sorted(p for p in pairs if short[p[0]] == short[p[1]] and same_voice(sub[p[0]], sub[p[1]]))
    vectors = text_vectors(texts, engine)
    scores = vectors.pair_scores([p[0] for p in pairs], [p[1] for p in pairs]) if pairs else []
    ranked = sorted(((float(v), x, y) for (x, y), v in zip(pairs, scores)), key=lambda t: (-t[0], t[1], t[2]))
    kept = []
    for value, x, y in ranked:
        if value < (short_threshold if short[x] else threshold):
            break
        kept.append((value, x, y))
    return kept, vectors


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
    root = {candidates[i]: grouping.root[i] for i in range(len(sub))}
    order = {a: n for n, a in enumerate(article_order)}
    ranked = sorted(range(len(items)), key=lambda i: (order.get(items[i].article, len(order)), items[i].start,
                                                      items[i].end))
    keys = {i: ("c", root[i]) if i in root else ("s", i) for i in range(len(items))}
    first: dict[tuple, int] = {}
    for i in ranked:
        first.setdefault(keys[i], len(first) + 1)
    width = max(2, len(str(len(first))))
    grouped = [replace(q, group=f"q{first[keys[i]]:0{width}d}") for i, q in enumerate(items)]
    ordered = []
    for value, x, y in _table_pairs(grouping.kept):
        a, b = grouped[candidates[x]], grouped[candidates[y]]
        if (order.get(a.article, 0), a.start) > (order.get(b.article, 0), b.start):
            a, b = b, a
        ordered.append((value, a, b))
    flags = map_distinct(engine, meaning_flags, [(a.text, b.text) for _, a, b in ordered], "quotation flags",
                         star=True)
    result_pairs = [QuotePair(a.group, a, b, round(value, 4), tuple(found))
                    for (value, a, b), found in zip(ordered, flags)]
    result_pairs.sort(key=lambda p: (p.group, order.get(p.a.article, 0), p.a.index, order.get(p.b.article, 0),
                                     p.b.index))
    links = [QuoteLink(grouped[candidates[x]], grouped[candidates[y]]) for x, y in fragments]
    links.sort(key=lambda k: (order.get(k.fragment.article, 0), k.fragment.start))
    return grouped, result_pairs, links
