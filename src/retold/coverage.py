"""Coverage: which claims each outlet carries, adds, omits and changes; text reuse; credited sources.

Sentence alignment. Body sentences (not titles, not page furniture) with at least
`MIN_STEMS` content words are compared across articles. Candidate pairs come from
`compare.candidate_pairs` (an inverted index over content stems plus MinHash LSH for
widely shared wording, never all pairs); each is scored with `compare.similarity`
(content-stem cosine plus character 3–5-gram cosine: stems survive re-ordering and
inflection, character n-grams survive spelling variants and give partial credit to
close paraphrase, and neither needs corpus statistics). A pair is aligned when it
scores at least `ALIGN_THRESHOLD` and is the best match of one of its sentences in the
other article, or at least `MUTUAL_THRESHOLD` and the best match of both. The
thresholds were set by reading the seed pairs around them: below about 0.40, sentences
of one single-event corpus often share only topic words (Putin, Biden, talks,
Ukraine); mutual best matches above 0.30 were still mostly real paraphrases.

Claims. Aligned sentences are merged greedily, strongest pair first, into claims under
two rules that stop chaining: a claim holds at most one sentence per article, and two
groups merge only when the mean similarity over their cross pairs (an evenly spread
sample of at most 400 for big claims) is at least `LINK_THRESHOLD` (average linkage). Every other content sentence is a claim of its own.
A sentence that joins two claims in one outlet can only belong to one of them.

Additions are claims only one article carries; omissions are claims carried by more
than half of the *other* articles (and at least two) that an article lacks.

Meaning changes. Every aligned pair inside a claim gets `compare.meaning_flags`
(negation, modality, number, entity, spelling, intensity) plus `attribution`: the
voice differs (the outlet's own narration vs attributed speech vs a quotation, from
`retold.voice` when available, otherwise from reporting cues and quotation
marks) or a distancing verb ("claimed", "alleged") appears in one only. `close` marks
pairs with similarity >= `CLOSE_RENDERING`, renderings of the same sentence: flags on
looser pairs often reflect different content rather than a rewrite.

Text reuse. `shared` is the fraction of a's body word 5-grams (lower-cased, all words)
that also occur in b's body. Exact 5-grams are strong evidence of copied wording but
miss translation and paraphrase; `aligned_share` (share of a's content-sentence
characters aligned with some sentence of b) complements it. Five-grams found in more
than `SHINGLE_MAX_DF` of the articles of a large corpus are ignored as stock phrases.

Sources. Agencies named in the text (body and furniture), with the cue that credits
them ("citing", "quoted by", "as reported by", "according to", a dateline, a photo
credit, "news agency") or `mention` when there is none.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from . import compare
from .pipeline import Analysis
from .segment import Sentence

MIN_STEMS = 3
ALIGN_THRESHOLD = 0.40
MUTUAL_THRESHOLD = 0.30
LINK_THRESHOLD = 0.33
CLOSE_RENDERING = 0.55
SHINGLE = 5
SHINGLE_MAX_DF = 0.05
SHINGLE_MIN_ARTICLES = 40
REUSE_TOP_K = 25
ALL_PAIRS_UP_TO = 200

AUTHOR, ATTRIBUTED, QUOTED = "author", "attributed", "quoted"
REPORTING = re.compile(
    r"\baccording to\b|\bin a statement\b|\bthe statement (read|said)\b|\b(was|were) quoted\b|\bquoted by\b"
    r"|\b(said|says|say|told|tells|stated|states|added|adds|claimed|claims|announced|announces|declared|declares"
    r"|reported|reports|stressed|noted|responded|explained|insisted|warned|emphasized|emphasised|urged"
    r"|described|revealed|argued|believes|accused|condemned|asked)\b", re.I)
DISTANCING = re.compile(r"\b(claim|claims|claimed|alleged|allegedly|purported|purportedly|so-called)\b", re.I)
QUOTE_MARKS = "“”\"«»„"

AGENCIES: dict[str, str] = {
    "Reuters": r"Reuters",
    "TASS": r"TASS|Tass|ITAR-TASS",
    "RIA Novosti": r"RIA[ -]Novosti|RIA",
    "Bloomberg": r"Bloomberg",
    "AFP": r"AFP|Agence France[- ]Presse",
    "AP": r"AP|Associated Press",
    "Xinhua": r"Xinhua",
    "Interfax": r"Interfax(?:-Ukraine)?",
    "Sputnik": r"Sputnik",
    "RT": r"RT",
    "dpa": r"dpa|DPA",
    "EFE": r"EFE",
    "ANSA": r"ANSA",
    "Anadolu": r"Anadolu(?: Agency)?",
    "Kyodo": r"Kyodo",
    "Yonhap": r"Yonhap",
    "IRNA": r"IRNA",
    "Ukrinform": r"Ukrinform",
    "UNIAN": r"UNIAN",
    "CNN": r"CNN",
    "BBC": r"BBC",
    "Al Jazeera": r"Al Jazeera",
}
AGENCY_RE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(AGENCIES.values()))
                       + r")(?![\w-])")
CUES_BEFORE = [
    ("citing", re.compile(r"\b(citing|quoting|cited|cites)\s+(the\s+)?([\w-]+\s+){0,2}$", re.I)),
    ("quoted by", re.compile(r"\b(quoted|taken|carried)\s+by\s+(the\s+)?$", re.I)),
    ("reported by", re.compile(r"\breported\s+by\s+(the\s+)?$", re.I)),
    ("according to", re.compile(r"\baccording\s+to\s+(the\s+)?$", re.I)),
    ("told", re.compile(r"\b(told|tells|said to|speaking to|interview with)\s+(the\s+)?$", re.I)),
    ("photo credit", re.compile(r"\b(photo|foto|image|picture|credit)s?\s*(:|/|by)\s*$", re.I)),
]
CUES_AFTER = [
    ("photo credit", re.compile(r"^\s*(photo|/)|^\s*\)?\s*$|^\s*(file\s+)?photo\)", re.I)),
    ("news agency", re.compile(r"^\s+(news\s+)?(agency|reported|reports|said|says|quoted|cited)\b", re.I)),
]
DATELINE_AFTER = re.compile(r"^\)?\s*(,|[-–—]|\))")
DATELINE_BEFORE = re.compile(r"(^|\n)\s*([A-Z][\w .]*\s*\(|)$")


@dataclass(frozen=True)
class Unit:
    """A body sentence taking part in alignment."""

    index: int
    sentence: Sentence
    order: int  # position of its article in the corpus

    @property
    def article(self) -> str:
        return self.sentence.article


@dataclass(frozen=True)
class AlignedPair:
    a: int
    b: int
    similarity: float


@dataclass
class Coverage:
    """Everything coverage computes for one corpus (indices refer to `units`)."""

    units: list[Unit]
    pairs: list[AlignedPair]
    claims: list[list[int]]
    claim_of: dict[int, int]
    claim_ids: list[str]
    labels: list[str]
    article_ids: list[str]
    representatives: list[int] | None = None


def content_units(analysis: Analysis) -> list[Unit]:
    """Body sentences with enough content words, in corpus order."""
    units = []
    for order, article_id in enumerate(analysis.article_ids):
        seg = analysis.segmented[article_id]
        for sentence in seg.sentences:
            if seg.title is not None and sentence.paragraph == 0:
                continue
            if len(compare.content_stems(sentence.text)) < MIN_STEMS:
                continue
            units.append(Unit(len(units), sentence, order))
    return units


def align_units(units: list[Unit], vectors: compare.TextVectors, threshold: float = ALIGN_THRESHOLD,
                mutual_threshold: float = MUTUAL_THRESHOLD, top_k: int = 10) -> list[AlignedPair]:
    """Aligned sentence pairs from different articles.

    A pair aligns when it scores at least `threshold` and is the best match of one of
    its sentences in the other article, or at least `mutual_threshold` and the best
    match of both (a looser paraphrase that nothing else in either article rivals).
    """
    candidates = compare.candidate_pairs([u.sentence.text for u in units], [u.article for u in units], top_k=top_k)
    if not candidates:
        return []
    left = np.array([p[0] for p in candidates])
    right = np.array([p[1] for p in candidates])
    scores = vectors.pair_scores(left, right)
    best: dict[tuple[int, str], float] = {}
    for i, j, s in zip(left, right, scores):
        for unit, other in ((i, j), (j, i)):
            key = (int(unit), units[other].article)
            if s > best.get(key, -1.0):
                best[key] = float(s)
    pairs = []
    for i, j, s in zip(left, right, scores):
        best_i = s >= best[(int(i), units[j].article)]
        best_j = s >= best[(int(j), units[i].article)]
        if (s >= threshold and (best_i or best_j)) or (s >= mutual_threshold and best_i and best_j):
            pairs.append(AlignedPair(int(i), int(j), float(s)))
    return sorted(pairs, key=lambda p: (-p.similarity, p.a, p.b))


def cluster_claims(units: list[Unit], pairs: list[AlignedPair], vectors: compare.TextVectors,
                   link: float = LINK_THRESHOLD, max_cross: int = 400) -> list[list[int]]:
    """Group aligned sentences into claims: one sentence per article, average linkage >= `link`
    (over at most `max_cross` cross pairs: evenly spread samples of big claims)."""
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    articles: dict[int, set[str]] = {i: {units[i].article} for i in range(len(units))}
    for pair in pairs:
        ca, cb = cluster_of[pair.a], cluster_of[pair.b]
        if ca == cb or articles[ca] & articles[cb]:
            continue
        ma, mb = members[ca], members[cb]
        if len(ma) + len(mb) > 2:
            side = max(1, int(max_cross ** 0.5))
            cross = list(product(ma, mb)) if len(ma) * len(mb) <= max_cross else \
                list(product(compare.spread(ma, side), compare.spread(mb, side)))
            mean = float(vectors.pair_scores([c[0] for c in cross], [c[1] for c in cross]).mean())
            if mean < link:
                continue
        keep, gone = (ca, cb) if ca < cb else (cb, ca)
        members[keep] = list(heapq.merge(members[keep], members[gone], key=lambda i: (units[i].order, i)))
        articles[keep] |= articles.pop(gone)
        for i in members[gone]:
            cluster_of[i] = keep
        del members[gone]
    return sorted(members.values(), key=lambda m: (-len({units[i].article for i in m}), units[m[0]].order, m[0]))


def _medoid(claim: list[int], vectors: compare.TextVectors) -> int:
    """The member most similar on average to the others (first on ties)."""
    if len(claim) <= 2:
        return claim[0]
    scores = vectors.mean_scores_within(claim).round(6)
    return claim[int(np.argmax(scores))]


def short_label(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def compute_coverage(analysis: Analysis) -> Coverage:
    units = content_units(analysis)
    vectors = compare.text_vectors([u.sentence.text for u in units])
    pairs = align_units(units, vectors)
    claims = cluster_claims(units, pairs, vectors)
    width = max(3, len(str(len(claims))))
    claim_ids = [f"c{n + 1:0{width}d}" for n in range(len(claims))]
    claim_of = {i: n for n, claim in enumerate(claims) for i in claim}
    representatives = [_medoid(claim, vectors) for claim in claims]
    labels = [short_label(units[i].sentence.text) for i in representatives]
    return Coverage(units, pairs, claims, claim_of, claim_ids, labels, analysis.article_ids, representatives)


def coverage(analysis: Analysis) -> Coverage:
    """Coverage of a corpus, computed once per analysis run."""
    return analysis.memo("coverage", lambda: compute_coverage(analysis))


# --- voice and attribution -------------------------------------------------------------

def _quoted_share(text: str) -> float:
    inside, open_at, covered = False, 0, 0
    for i, ch in enumerate(text):
        if ch in QUOTE_MARKS:
            if inside:
                covered += i - open_at
            inside, open_at = not inside, i
    if inside:
        covered += len(text) - open_at
    return covered / max(1, len(text))


def cue_voice(text: str) -> str:
    """Voice of a sentence from cues alone: quoted (mostly inside marks), attributed (a reporting cue), author."""
    if _quoted_share(text) >= 0.5:
        return QUOTED
    if REPORTING.search(text):
        return ATTRIBUTED
    return AUTHOR


def _voice_lookup(analysis: Analysis):
    """A function (article, start, end, text) -> (voice, speaker), from retold.voice when it is there."""
    try:
        from . import voice as voice_module
        segments_by_article = voice_module.voice_map(analysis)
        voice_at = voice_module.voice_at
    except (ImportError, AttributeError):
        return lambda article, start, end, text: (cue_voice(text), None)

    def lookup(article: str, start: int, end: int, text: str) -> tuple[str, str | None]:
        segments = segments_by_article.get(article)
        if not segments:
            return cue_voice(text), None
        found = voice_at(segments, start, end)
        return str(getattr(found, "voice", AUTHOR)), getattr(found, "speaker", None)

    return lookup


def attribution_changed(a: str, b: str, voice_a: str, voice_b: str, speaker_a: str | None = None,
                        speaker_b: str | None = None) -> bool:
    """True when the claim is voiced differently in a and b.

    The voice differs (the outlet's own narration, attributed speech, a quotation), or
    both are attributed to different known speakers, or a distancing verb ("claimed",
    "alleged") is in one text only.
    """
    if voice_a != voice_b:
        return True
    if voice_a != AUTHOR and speaker_a and speaker_b and speaker_a != speaker_b:
        return True
    return bool(DISTANCING.search(a)) != bool(DISTANCING.search(b))


# --- reuse ----------------------------------------------------------------------------

def body_text(analysis: Analysis, article_id: str) -> list[str]:
    """The body paragraphs of an article (no title, no furniture)."""
    seg = analysis.segmented[article_id]
    return [seg.text[p.start:p.end] for p in seg.paragraphs if not p.is_title]


def shingles(paragraphs: list[str], n: int = SHINGLE) -> set[str]:
    """Word n-grams of each paragraph (lower-cased words, punctuation dropped)."""
    found = set()
    for paragraph in paragraphs:
        ws = compare.words(paragraph)
        found.update(" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1))
    return found


def shared_shingle_counts(x, keep_all: bool, top_k: int = REUSE_TOP_K, chunk: int = 512) -> dict[tuple[int, int], int]:
    """(i, j) -> shingles of article i also in article j, computed a block of rows at a time.

    Beyond small corpora only each article's `top_k` partners are kept, so memory and output
    grow with the number of articles, not with its square."""
    xt = x.T.tocsc()
    counts: dict[tuple[int, int], int] = {}
    for start in range(0, x.shape[0], chunk):
        block = (x[start:start + chunk] @ xt).tocsr()
        for r in range(block.shape[0]):
            i = start + r
            cols, values = block.indices[block.indptr[r]:block.indptr[r + 1]], block.data[block.indptr[r]:block.indptr[r + 1]]
            keep = [(int(v), int(j)) for j, v in zip(cols, values) if j != i and v > 0]
            if not keep_all:
                keep = sorted(keep, key=lambda p: (-p[0], p[1]))[:top_k]
            counts.update(((i, j), v) for v, j in keep)
    return counts


def reuse_table(analysis: Analysis, cov: Coverage | None = None) -> pd.DataFrame:
    """For each article pair (a, b): share of a's body 5-grams found in b, and of a's sentences aligned with b.

    Small corpora get every ordered pair; larger ones each article's `REUSE_TOP_K` strongest partners."""
    ids = analysis.article_ids
    sets = [sorted(shingles(body_text(analysis, a))) for a in ids]
    vectorizer = HashingVectorizer(analyzer=lambda items: items, n_features=2 ** 22, alternate_sign=False,
                                   binary=True, norm=None, dtype=np.float32)
    x = vectorizer.transform(sets).tocsr()
    if len(ids) >= SHINGLE_MIN_ARTICLES:
        df = np.asarray(x.sum(axis=0)).ravel()
        x = x[:, np.flatnonzero(df <= max(2, SHINGLE_MAX_DF * len(ids)))]
    totals = np.array([len(s) for s in sets], dtype=float)
    counts = shared_shingle_counts(x, keep_all=len(ids) <= ALL_PAIRS_UP_TO)
    if len(ids) <= ALL_PAIRS_UP_TO:
        keys = [(i, j) for i in range(len(ids)) for j in range(len(ids)) if i != j]
    else:
        keys = sorted(counts)
    aligned = _aligned_share(cov or coverage(analysis))
    rows = []
    for i, j in keys:
        n = counts.get((i, j), 0)
        rows.append({
            "article_a": ids[i], "article_b": ids[j],
            "shared": round(n / totals[i], 4) if totals[i] else 0.0,
            "shared_shingles": n, "shingles_a": int(totals[i]),
            "aligned_share": aligned.get((ids[i], ids[j]), 0.0),
        })
    return pd.DataFrame(rows, columns=["article_a", "article_b", "shared", "shared_shingles", "shingles_a",
                                       "aligned_share"])


def _aligned_share(cov: Coverage) -> dict[tuple[str, str], float]:
    chars: dict[str, int] = {}
    for u in cov.units:
        chars[u.article] = chars.get(u.article, 0) + len(u.sentence.text)
    covered: dict[tuple[str, str], set[int]] = {}
    for p in cov.pairs:
        for x, y in ((p.a, p.b), (p.b, p.a)):
            covered.setdefault((cov.units[x].article, cov.units[y].article), set()).add(x)
    return {key: round(sum(len(cov.units[i].sentence.text) for i in idx) / chars[key[0]], 4)
            for key, idx in covered.items()}


# --- sources --------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceCredit:
    article: str
    source: str
    start: int
    end: int
    cue: str
    in_body: bool


def credited_sources(article: str, text: str, furniture_spans=()) -> list[SourceCredit]:
    """Agencies named in a text, each with the cue that credits it (or `mention`)."""
    names = list(AGENCIES)
    credits = []
    for match in AGENCY_RE.finditer(text):
        source = names[int(next(k for k, v in match.groupdict().items() if v is not None)[1:])]
        before = text[max(0, match.start() - 60):match.start()]
        after = text[match.end():match.end() + 30]
        cue = next((name for name, rx in CUES_BEFORE if rx.search(before)), None)
        if cue is None and DATELINE_AFTER.match(after) and DATELINE_BEFORE.search(before):
            cue = "dateline"
        if cue is None:
            cue = next((name for name, rx in CUES_AFTER if rx.search(after)), None)
        if cue is None and re.search(r"\(\s*$", before) and re.match(r"^\s*(photo|/|\))", after, re.I):
            cue = "photo credit"
        in_body = not any(s <= match.start() < e for s, e in furniture_spans)
        credits.append(SourceCredit(article, source, match.start(), match.end(), cue or "mention", in_body))
    return credits


def sources_table(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for article_id in analysis.article_ids:
        seg = analysis.segmented[article_id]
        spans = [(f.start, f.end) for f in seg.furniture]
        rows += [c.__dict__ for c in credited_sources(article_id, seg.text, spans)]
    return pd.DataFrame(rows, columns=["article", "source", "start", "end", "cue", "in_body"])


# --- tables ---------------------------------------------------------------------------

def claims_table(cov: Coverage) -> pd.DataFrame:
    rows = []
    for n, claim in enumerate(cov.claims):
        carried = len({cov.units[i].article for i in claim})
        for i in claim:
            s = cov.units[i].sentence
            rows.append({"claim": cov.claim_ids[n], "article": s.article, "start": s.start, "end": s.end,
                         "text": s.text, "sentence": s.index, "outlets": carried, "label": cov.labels[n]})
    return pd.DataFrame(rows, columns=["claim", "article", "start", "end", "text", "sentence", "outlets", "label"])


def changes_table(analysis: Analysis, cov: Coverage) -> pd.DataFrame:
    """Aligned pairs inside a claim, article_a before article_b in corpus order, with meaning flags."""
    voice = _voice_lookup(analysis)
    rows = []
    for p in cov.pairs:
        if cov.claim_of[p.a] != cov.claim_of[p.b]:
            continue
        a, b = sorted((cov.units[p.a], cov.units[p.b]), key=lambda u: (u.order, u.index))
        sa, sb = a.sentence, b.sentence
        va, speaker_a = voice(sa.article, sa.start, sa.end, sa.text)
        vb, speaker_b = voice(sb.article, sb.start, sb.end, sb.text)
        flags = compare.meaning_flags(sa.text, sb.text)
        if attribution_changed(sa.text, sb.text, va, vb, speaker_a, speaker_b):
            flags = sorted(flags + ["attribution"])
        rows.append({
            "claim": cov.claim_ids[cov.claim_of[p.a]], "article_a": sa.article, "article_b": sb.article,
            "start_a": sa.start, "end_a": sa.end, "start_b": sb.start, "end_b": sb.end,
            "flags": ";".join(flags), "similarity": round(p.similarity, 4),
            "close": p.similarity >= CLOSE_RENDERING,
            "voice_a": va, "voice_b": vb, "speaker_a": speaker_a or "", "speaker_b": speaker_b or "",
            "text_a": sa.text, "text_b": sb.text,
            "_order": (cov.claim_of[p.a], a.order, sa.start, b.order, sb.start),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return pd.DataFrame(rows, columns=["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b",
                                       "flags", "similarity", "close", "voice_a", "voice_b", "speaker_a", "speaker_b",
                                       "text_a", "text_b"])


def additions_omissions(cov: Coverage) -> pd.DataFrame:
    """Per article: claims only it carries (addition) and claims most others carry that it lacks (omission).

    `text` is the claim in full (for an omission, the sentence most typical of the claim, located by the
    evidence columns); `label` is a shortened form for charts."""
    n_articles = len(cov.article_ids)
    rows = []
    for n, claim in enumerate(cov.claims):
        carriers = {cov.units[i].article: cov.units[i].sentence for i in claim}
        if len(carriers) == 1:
            (article, s), = carriers.items()
            rows.append({"article": article, "claim": cov.claim_ids[n], "kind": "addition", "carried_by": 1,
                         "start": s.start, "end": s.end, "label": cov.labels[n], "text": s.text,
                         "evidence_article": article, "evidence_start": s.start, "evidence_end": s.end})
            continue
        typical = cov.units[cov.representatives[n] if cov.representatives else claim[0]].sentence
        for article in cov.article_ids:
            if article in carriers or len(carriers) < 2 or n_articles < 3:
                continue
            if len(carriers) / (n_articles - 1) > 0.5:
                rows.append({"article": article, "claim": cov.claim_ids[n], "kind": "omission",
                             "carried_by": len(carriers), "start": None, "end": None, "label": cov.labels[n],
                             "text": typical.text, "evidence_article": typical.article,
                             "evidence_start": typical.start, "evidence_end": typical.end})
    order = {a: k for k, a in enumerate(cov.article_ids)}
    rows.sort(key=lambda r: (order[r["article"]], r["kind"], r["claim"]))
    frame = pd.DataFrame(rows, columns=["article", "claim", "kind", "carried_by", "start", "end", "label", "text",
                                        "evidence_article", "evidence_start", "evidence_end"])
    return frame.astype({"start": "Int64", "end": "Int64", "evidence_start": "Int64", "evidence_end": "Int64"})


def tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """claims.csv, changes.csv, reuse.csv, sources.csv and coverage.csv (additions and omissions)."""
    cov = coverage(analysis)
    return {
        "claims.csv": claims_table(cov),
        "changes.csv": changes_table(analysis, cov),
        "reuse.csv": reuse_table(analysis, cov),
        "sources.csv": sources_table(analysis),
        "coverage.csv": additions_omissions(cov),
    }
