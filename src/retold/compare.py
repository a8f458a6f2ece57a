"""Compare short texts across articles: candidate pairs, similarity, word diffs, meaning flags.

Shared by quotation grouping and sentence alignment.

Similarity (`similarity`, `pair_similarities`) is the mean of two cosines:

* content-word stems (Snowball stemmer, our own stop list, each stem counted once):
  it matches the same content words under re-ordering and inflection
  ("negotiations"/"negotiate", "withdraws"/"withdrawal") and ignores the function
  words in which rewrites and translations differ most;
* character 3–5-grams inside words (term frequency, no IDF): it gives partial credit
  for spelling variants and morphology the stemmer misses ("recognise"/"recognize",
  "Scholz"/"Schultz", "Soviet"/"Soviets") and for shared phrasing.

Neither part uses corpus statistics, so a pair's score does not depend on which other
texts are in the corpus. Typical values: the same sentence lightly edited 0.7–1.0, a
paraphrase or a second translation 0.35–0.7, two sentences on the same topic 0.1–0.3.

Candidate pairs (`candidate_pairs`) come from an inverted index over content stems,
not from all pairs: stems that occur in too many texts (a document-frequency cap) are
not indexed, two texts must share at least `min_shared` indexed stems, and only each
text's `top_k` best candidates (by shared-stem cosine) are kept. The index is a
sparse matrix product done in chunks, so it runs in C: about 250,000 sentences take
on the order of a minute and well under 4 GB on one core (`bench/scale.py` measures
it on synthetic corpora of up to 10,000 articles).

The cap alone would blind the index exactly where a story is widely syndicated: when
thousands of outlets print the same sentence, all its stems are "too common". So the
texts that hold a capped stem also get candidates from MinHash locality-sensitive
hashing (`lsh_pairs`): texts whose stem sets agree on a band of min-hashes share a
bucket, and within a bucket each text is paired only with its next few neighbours in
signature order, so a bucket of thousands of near-copies becomes a chain, not all
pairs. (datasketch's MinHashLSH returns whole buckets, which is quadratic for such
floods, and hashes one text at a time in Python; here the signatures are one
vectorised pass over the stem matrix.) On corpora where no stem reaches the cap,
nothing changes.

`word_diff` aligns word tokens with difflib; `meaning_flags` names the kinds of change
that can alter what a sentence claims (negation, modality, number, entity, spelling,
intensity). Flags are cues for a reader to check, not judgements.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself of off
on once only or other our ours ourselves out over own same she so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why with you your yours yourself s t said says say saying told tell
according also would will could should can may might must shall ll d re ve m o y mr mrs ms
""".split())

NEGATION_WORDS = frozenset(
    "not no never none nobody nothing neither nor without cannot can't won't don't doesn't didn't isn't "
    "aren't wasn't weren't wouldn't couldn't shouldn't hasn't haven't hadn't mustn't n't impossible unable "
    "refuse refused refuses refusing reject rejected rejects rejecting deny denied denies unlikely "
    "lack lacks lacked lacking".split()
)
MODAL_CLASSES = {
    "will": "will", "would": "will", "'ll": "will", "shall": "will", "won't": "will", "wouldn't": "will",
    "can": "can", "could": "can", "cannot": "can", "can't": "can", "couldn't": "can", "able": "can", "unable": "can",
    "may": "may", "might": "may", "possibly": "may", "perhaps": "may",
    "must": "must", "mustn't": "must",
    "should": "should", "ought": "should", "shouldn't": "should",
}
MUST_PHRASES = re.compile(r"\b(?:have|has|had|need|needs|needed)\s+to\b", re.I)

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions dozen dozens half third quarter fifth tenth "
    "first second".split()
)
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december yesterday today tomorrow".split()
)

INTENSITY_SCALES: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "devastating destructive damaging harmful disastrous catastrophic ruinous",
    "necessary forced inevitable unavoidable needed required compelled",
    "barbaric brutal cruel savage inhumane",
    "heinous terrible horrible atrocious",
    "haughty arrogant",
    "impossible difficult hard unlikely",
    "crucial important essential vital significant key",
    "huge large big massive enormous",
    "terrorist militant",
    "attack strike assault",
    "killed died dead",
    "invasion operation offensive",
))
INTENSIFIERS = frozenset(
    "very extremely highly deeply absolutely completely totally entirely utterly fully really truly "
    "always ever essentially basically significantly seriously strongly much greatly particularly "
    "especially even only just still all any every most least definitely certainly clearly".split()
)
SPELLING_VARIANTS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "kyiv kiev", "kharkiv kharkov", "odesa odessa", "mykolaiv nikolaev mykolayiv", "luhansk lugansk",
    "zaporizhzhia zaporozhye zaporizhia", "zelensky zelenskyy zelenskiy", "scholz schultz schulz",
    "peskov peskow", "lavrov lawrow", "dnipro dnieper dnepr", "donbas donbass", "chernihiv chernigov",
))

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*")

@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stem(word)


def _normal_word(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_normal_word(w) for w in WORD_RE.findall(text))


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes straightened, possessive 's dropped (cached: pairs reuse texts)."""
    return list(_words(text))


@lru_cache(maxsize=65_536)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(sorted({stem(w) for w in _words(text) if w not in STOP_WORDS and len(w) > 1}))


def content_stems(text: str) -> list[str]:
    """Sorted distinct stems of the content words (stop words and 1-letter words dropped)."""
    return list(_content_stems(text))


def _normalised(text: str) -> str:
    return " ".join(words(text))


@lru_cache(maxsize=1)
def _char_vectorizer() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=_normalised,
                             n_features=2 ** 20, alternate_sign=False, norm="l2", dtype=np.float32)


@lru_cache(maxsize=1)
def _stem_vectorizer() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=content_stems, n_features=2 ** 20, alternate_sign=False,
                             binary=True, norm=None, dtype=np.float32)


def stem_matrix(texts: list[str]) -> sp.csr_matrix:
    """Binary text × stem matrix (hashed columns)."""
    return _stem_vectorizer().transform(texts).tocsr()


def char_matrix(texts: list[str]) -> sp.csr_matrix:
    """L2-normalised text × character-3–5-gram matrix (hashed columns)."""
    return _char_vectorizer().transform(texts).tocsr()


def _rowwise_dot(x: sp.csr_matrix, left: np.ndarray, right: np.ndarray, batch: int = 50_000) -> np.ndarray:
    parts = [np.asarray(x[left[i:i + batch]].multiply(x[right[i:i + batch]]).sum(axis=1)).ravel()
             for i in range(0, left.size, batch)]
    return np.concatenate(parts) if parts else np.zeros(0)


def spread(members: list[int], limit: int) -> list[int]:
    """At most `limit` members, evenly spaced through the list (all of them if there are few).

    Average linkage over big groups scores a sample of cross pairs; spreading the sample
    keeps it from being the first few members, who all came from the first articles."""
    if len(members) <= limit:
        return list(members)
    step = len(members) / limit
    return [members[int(k * step)] for k in range(limit)]


@dataclass(frozen=True)
class TextVectors:
    """Stem and character vectors of many texts, for scoring many pairs without recomputing them."""

    stems: sp.csr_matrix
    sizes: np.ndarray
    chars: sp.csr_matrix

    def mean_scores_within(self, members) -> np.ndarray:
        """For each member, its mean `similarity` to the other members, in linear time.

        Both halves of the score are dot products of unit vectors (binary stems scaled by
        1/sqrt(size); L2-normalised character n-grams), so the mean over the others is
        v_i · (sum − v_i) / (k − 1). Equal to averaging `pair_scores` before its clip and rounding."""
        members = np.asarray(members, dtype=np.int64)
        k = members.size
        if k < 2:
            return np.zeros(k)
        scale = np.where(self.sizes[members] > 0, 1 / np.sqrt(np.maximum(self.sizes[members], 1)), 0.0)
        stems = self.stems[members].multiply(scale[:, None]).tocsr()
        chars = self.chars[members]
        stem_total = np.asarray(stems.sum(axis=0)).ravel()
        char_total = np.asarray(chars.sum(axis=0)).ravel()
        stem_self = np.asarray(stems.multiply(stems).sum(axis=1)).ravel()
        char_self = np.asarray(chars.multiply(chars).sum(axis=1)).ravel()
        stem_mean = (stems @ stem_total - stem_self) / (k - 1)
        char_mean = (chars @ char_total - char_self) / (k - 1)
        return 0.5 * stem_mean + 0.5 * char_mean

    def pair_scores(self, left, right) -> np.ndarray:
        """`similarity` of texts left[k] and right[k] for every k."""
        left = np.asarray(left, dtype=np.int64)
        right = np.asarray(right, dtype=np.int64)
        if left.size == 0:
            return np.zeros(0)
        shared = _rowwise_dot(self.stems, left, right)
        denominator = np.sqrt(self.sizes[left] * self.sizes[right])
        stem_cos = np.divide(shared, denominator, out=np.zeros_like(shared), where=denominator > 0)
        char_cos = _rowwise_dot(self.chars, left, right)
        return np.clip(0.5 * stem_cos + 0.5 * char_cos, 0.0, 1.0).round(6)


def text_vectors(texts: list[str]) -> TextVectors:
    stems = stem_matrix(texts)
    return TextVectors(stems, np.asarray(stems.sum(axis=1)).ravel(), char_matrix(texts))


def pair_similarities(texts: list[str], pairs: list[tuple[int, int]]) -> np.ndarray:
    """`similarity` for many (i, j) index pairs at once (vectorised, same numbers)."""
    if not pairs:
        return np.zeros(0)
    return text_vectors(texts).pair_scores([p[0] for p in pairs], [p[1] for p in pairs])


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1]: mean of content-stem cosine and character-3–5-gram cosine."""
    return float(pair_similarities([a, b], [(0, 1)])[0])


def stem_overlap(a: str, b: str) -> float:
    """Share of the shorter text's content stems found in the other (containment)."""
    sa, sb = set(content_stems(a)), set(content_stems(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def candidate_pairs(texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2,
                    max_df: int | None = None, max_df_fraction: float = 0.01,
                    chunk_entries: int = 4_000_000) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts from different owners worth scoring, found via an inverted index.

    Stems in more than `max_df` texts (default: the larger of 500 and `max_df_fraction`
    of all texts) are not indexed; a pair needs `min_shared` shared indexed stems; each
    text keeps its `top_k` best candidates by shared-stem cosine. Texts holding a capped
    stem also get their `lsh_pairs`, under the same `min_shared` and `top_k` rules counted
    over all stems. Sorted, no duplicates.
    """
    n = len(texts)
    if n < 2:
        return []
    if len(owners) != n:
        raise ValueError("texts and owners must have the same length")
    _, owner_ids = np.unique(np.asarray([str(o) for o in owners]), return_inverse=True)
    full = stem_matrix(texts)
    sizes = np.asarray(full.sum(axis=1)).ravel()
    df = np.asarray((full > 0).sum(axis=0)).ravel()
    cap = max_df if max_df is not None else max(500, int(max_df_fraction * n))
    keep = np.flatnonzero((df >= 2) & (df <= cap))
    capped = np.flatnonzero(df > cap)
    x = full[:, keep].tocsr()
    xt = x.T.tocsr()
    work = x @ df[keep].astype(np.float64)
    found: list[np.ndarray] = []
    row = 0
    while row < n:
        end = row + 1
        budget = work[row]
        while end < n and budget + work[end] <= chunk_entries:
            budget += work[end]
            end += 1
        found.append(_chunk_pairs(x[row:end] @ xt, row, owner_ids, sizes, top_k, min_shared))
        row = end
    if capped.size:
        flooded = np.flatnonzero(np.asarray(full[:, capped].sum(axis=1)).ravel() > 0)
        codes = np.unique(lsh_pairs(full[flooded], owner_ids[flooded], flooded, n))
        rows, cols = codes // n, codes % n
        shared = _rowwise_dot(full, rows, cols)
        found.append(_top_pairs(np.r_[rows, cols], np.r_[cols, rows], np.r_[shared, shared], owner_ids, sizes,
                                top_k, min_shared))
    if not found:
        return []
    codes = np.unique(np.concatenate(found))
    return [(int(c // n), int(c % n)) for c in codes]


LSH_BANDS = 8
LSH_ROWS = 2
LSH_WINDOW = 3
_MERSENNE = np.uint64(2 ** 31 - 1)


def minhash_signatures(x: sp.csr_matrix, hashes: int = LSH_BANDS * LSH_ROWS, seed: int = 0,
                       chunk_entries: int = 250_000) -> np.ndarray:
    """MinHash signature (texts × `hashes`, uint64) of each row's set of columns; empty rows get 2**31 - 1.

    Two rows agree on one signature position with probability equal to the Jaccard
    similarity of their column sets. Fixed seed: the same input gives the same signatures.
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(_MERSENNE), size=hashes, dtype=np.uint64)[:, None]
    b = rng.integers(0, int(_MERSENNE), size=hashes, dtype=np.uint64)[:, None]
    n = x.shape[0]
    signatures = np.full((n, hashes), _MERSENNE, dtype=np.uint64)
    indptr = x.indptr
    row = 0
    while row < n:
        end = int(np.searchsorted(indptr, indptr[row] + chunk_entries, side="right")) - 1
        end = min(n, max(end, row + 1))
        lo, hi = int(indptr[row]), int(indptr[end])
        starts = indptr[row:end] - lo
        filled = np.flatnonzero(np.diff(indptr[row:end + 1]) > 0)
        if filled.size:
            hashed = (a * x.indices[lo:hi].astype(np.uint64)[None, :] + b) % _MERSENNE
            signatures[row + filled] = np.minimum.reduceat(hashed, starts[filled], axis=1).T
        row = end
    return signatures


def lsh_pairs(x: sp.csr_matrix, owner_ids: np.ndarray, ids: np.ndarray, n: int, bands: int = LSH_BANDS,
              rows: int = LSH_ROWS, window: int = LSH_WINDOW) -> np.ndarray:
    """Candidate pair codes (min * n + max over `ids`) from MinHash LSH over the rows of binary matrix x.

    For each band of `rows` min-hashes, texts are sorted by that band and then by the
    rest of their signature, so texts sharing a bucket sit together and the most alike
    sit closest; each is paired with the next `window` texts of its bucket. Work is
    linear in the number of texts, whatever the bucket sizes.
    """
    if x.shape[0] < 2:
        return np.zeros(0, dtype=np.int64)
    signatures = minhash_signatures(x, bands * rows)
    filled = signatures[:, 0] != _MERSENNE
    found = []
    for band in range(bands):
        rotated = np.roll(signatures, -band * rows, axis=1)
        order = np.lexsort((np.arange(len(rotated)), *rotated.T[::-1]))  # band first, then the rest, then id
        keys = rotated[order, :rows]
        for step in range(1, window + 1):
            first, second = order[:-step], order[step:]
            same = (keys[:-step] == keys[step:]).all(axis=1) & filled[first] & filled[second] \
                & (owner_ids[first] != owner_ids[second])
            i, j = ids[first[same]].astype(np.int64), ids[second[same]].astype(np.int64)
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    return np.concatenate(found)


def _chunk_pairs(shared: sp.csr_matrix, offset: int, owner_ids: np.ndarray, sizes: np.ndarray,
                 top_k: int, min_shared: int) -> np.ndarray:
    coo = shared.tocoo()
    return _top_pairs(coo.row.astype(np.int64) + offset, coo.col.astype(np.int64), coo.data, owner_ids, sizes,
                      top_k, min_shared)


def _top_pairs(rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, owner_ids: np.ndarray, sizes: np.ndarray,
               top_k: int, min_shared: int) -> np.ndarray:
    """Pair codes of each row's `top_k` best columns by shared-stem cosine, among pairs of other owners
    sharing at least `min_shared` stems."""
    mask = (counts >= min_shared) & (owner_ids[rows] != owner_ids[cols])
    rows, cols, counts = rows[mask], cols[mask], counts[mask]
    if rows.size == 0:
        return np.zeros(0, dtype=np.int64)
    scores = counts / np.sqrt(sizes[rows] * sizes[cols])
    order = np.lexsort((cols, -scores, rows))
    rows, cols = rows[order], cols[order]
    starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, rows.size]))
    top = (np.arange(rows.size) - run_start) < top_k
    rows, cols = rows[top], cols[top]
    n = sizes.size
    return np.minimum(rows, cols) * n + np.maximum(rows, cols)


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff; offsets are relative to text a and text b."""

    op: str  # equal, insert, delete, replace
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _token_key(token: str) -> str:
    return token.lower().replace("’", "'").replace("“", '"').replace("”", '"').replace("‘", "'")


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-level diff of a and b (case- and quote-style-insensitive matching)."""
    ta, tb = tokens(a), tokens(b)
    matcher = difflib.SequenceMatcher(None, [_token_key(t[2]) for t in ta], [_token_key(t[2]) for t in tb],
                                      autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start, a_end = _span(ta, i1, i2, len(a))
        b_start, b_end = _span(tb, j1, j2, len(b))
        ops.append(DiffOp(tag, a_start, a_end, b_start, b_end, a[a_start:a_end], b[b_start:b_end]))
    return ops


def _span(toks: list[tuple[int, int, str]], i1: int, i2: int, length: int) -> tuple[int, int]:
    if i1 < i2:
        return toks[i1][0], toks[i2 - 1][1]
    position = toks[i1][0] if i1 < len(toks) else length
    return position, position


def _count(items) -> dict[str, int]:
    result: dict[str, int] = {}
    for item in items:
        result[item] = result.get(item, 0) + 1
    return result


def negation_count(text: str) -> int:
    """Negation cues: not, never, no, n't, cannot, impossible, refuse, reject, ..."""
    lowered = text.lower().replace("’", "'")
    return sum(1 for w in re.findall(r"[a-z]+(?:'[a-z]+)?", lowered)
               if w in NEGATION_WORDS or w.endswith("n't"))


def modal_classes(text: str) -> set[str]:
    """Classes of modality expressed (will, can, may, must, should)."""
    found = {MODAL_CLASSES[w] for w in words(text) if w in MODAL_CLASSES}
    if MUST_PHRASES.search(text):
        found.add("must")
    return found


def numbers(text: str) -> set[str]:
    """Numbers, number words and date words, normalised."""
    found = {n.replace(",", "") for n in NUMBER_RE.findall(text)}
    for word in WORD_RE.findall(text):
        lowered = _normal_word(word)
        if lowered in NUMBER_WORDS or (lowered in DATE_WORDS and (word[0].isupper() or lowered.startswith("yester")
                                                                  or lowered.startswith("to"))):
            found.add(lowered)
    return found


def capitalised_names(text: str) -> set[str]:
    """Lower-cased capitalised words that look like names (sentence-initial function words skipped)."""
    names = set()
    for match in WORD_RE.finditer(text):
        word = match.group()
        if not word[0].isupper():
            continue
        lowered = _normal_word(word)
        if lowered in STOP_WORDS or lowered in NEGATION_WORDS or lowered in INTENSIFIERS or lowered in DATE_WORDS \
                or lowered in NOT_ENTITIES:
            continue
        before = text[:match.start()].rstrip(" \t\"'“”‘’«»„(–—-")
        initial = not before or before[-1] in ".!?:;\n"
        if initial and lowered in _COMMON_INITIAL:
            continue
        names.add(lowered)
    return names


NOT_ENTITIES = frozenset(
    "president chancellor minister ministry spokesman spokeswoman spokesperson secretary prime foreign defence "
    "defense general excellency premier leader head chief deputy ambassador government parliament federation "
    "republic state states kingdom union nations army forces his her their its "
    "american british french german russian ukrainian chinese european western eastern soviet iranian "
    "turkish polish indian japanese".split()
)
ACRONYMS = {"us": "united states", "usa": "united states", "uk": "united kingdom", "un": "united nations",
            "eu": "european union", "nato": "north atlantic treaty organization", "uae": "united arab emirates"}

_COMMON_INITIAL = frozenset(
    "asked speaking meanwhile however basically tens thousands earlier later last next then now yet still "
    "instead indeed although though despite moreover furthermore finally first second third attention "
    "blame leave read see in on yesterday today tomorrow".split()
)


def _same_name(x: str, y: str) -> bool:
    """Same entity up to inflection ("Russia"/"Russian", "Soviet"/"Soviets")."""
    if x == y:
        return True
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter[:max(4, len(shorter) - 1)])


def _spelling_variant(x: str, y: str) -> bool:
    if any(x in g and y in g for g in SPELLING_VARIANTS):
        return True
    return x[0] == y[0] and min(len(x), len(y)) >= 4 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


def entity_changes(a: str, b: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(spelling variants as (a, b) pairs, names present in only one text)."""
    na, nb = capitalised_names(a), capitalised_names(b)
    la, lb = set(words(a)), set(words(b))
    joined_a, joined_b = " ".join(words(a)), " ".join(words(b))
    expanded_a = {w for x in na if x in ACRONYMS and ACRONYMS[x] in joined_b for w in ACRONYMS[x].split()}
    expanded_b = {w for y in nb if y in ACRONYMS and ACRONYMS[y] in joined_a for w in ACRONYMS[y].split()}
    na, nb = (
        {x for x in na if not (x in ACRONYMS and ACRONYMS[x] in joined_b) and x not in expanded_b},
        {y for y in nb if not (y in ACRONYMS and ACRONYMS[y] in joined_a) and y not in expanded_a},
    )
    only_a = sorted(x for x in na if not any(_same_name(x, y) for y in nb | lb))
    only_b = sorted(y for y in nb if not any(_same_name(y, x) for x in na | la))
    variants, changed = [], []
    matched_b: set[str] = set()
    for x in only_a:
        partner = next((y for y in only_b if y not in matched_b and _spelling_variant(x, y)), None)
        if partner:
            variants.append((x, partner))
            matched_b.add(partner)
        else:
            changed.append(x)
    changed += [y for y in only_b if y not in matched_b]
    return variants, changed


SHORT_EDIT = 3
SHORT_REPLACE = 6


def substituted_names(a: str, b: str, names: list[str]) -> list[str]:
    """The names that sit in a short substituted stretch (<= 6 words a side) or a short (<= 3 words) addition or drop.

    A name that only comes with a longer added passage ("..., as reported by Reuters in
    Moscow on Friday") is extra information, not a changed entity.
    """
    wanted = set(names)
    found = set()
    for op in word_diff(a, b):
        if op.op == "equal":
            continue
        for text in (op.a_text, op.b_text):
            hits = {w for w in words(text) if w in wanted}
            limit = SHORT_REPLACE if op.op == "replace" else SHORT_EDIT
            if hits and max(len(WORD_RE.findall(op.a_text)), len(WORD_RE.findall(op.b_text))) <= limit:
                found |= hits
    return sorted(found)


def intensity_changes(a: str, b: str) -> list[str]:
    """Intensity words swapped within a scale ("devastating"→"destructive") or intensifiers added/dropped."""
    wa, wb = set(words(a)), set(words(b))
    sa, sb = {stem(w) for w in wa}, {stem(w) for w in wb}
    changes = []
    for scale in INTENSITY_SCALES:
        stems = {stem(w): w for w in scale}
        in_a = {s for s in stems if s in sa}
        in_b = {s for s in stems if s in sb}
        if in_a and in_b and in_a != in_b:
            changes.append("/".join(stems[s] for s in sorted(in_a ^ in_b)))
    for word in sorted((wa ^ wb) & INTENSIFIERS):
        changes.append(word)
    return changes


def meaning_flags(a: str, b: str) -> list[str]:
    """Kinds of change between two renderings that may alter meaning, sorted.

    negation (polarity cues added or dropped), modality (will/can/may/must/should
    classes differ), number (numbers or dates differ), entity (a name in one text
    only, where it replaces other words or is a short addition or drop),
    spelling (the same name spelled differently: Kyiv/Kiev, Scholz/Schultz),
    intensity (a word swapped on a scale such as devastating/destructive, or an
    intensifier such as very/always/essentially added or dropped).
    """
    flags = set()
    if negation_count(a) != negation_count(b):
        flags.add("negation")
    if modal_classes(a) != modal_classes(b):
        flags.add("modality")
    if numbers(a) != numbers(b):
        flags.add("number")
    variants, changed = entity_changes(a, b)
    if variants:
        flags.add("spelling")
    if changed and substituted_names(a, b, changed):
        flags.add("entity")
    if intensity_changes(a, b):
        flags.add("intensity")
    return sorted(flags)
