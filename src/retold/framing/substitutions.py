"""Substitutions: the words one outlet printed where another printed different ones, found without a lexicon.

Sentences that coverage grouped into one claim are renderings of one statement. A word diff
of two renderings (compound words like "run-off" kept whole) leaves short stretches that
differ between stretches that agree: "stood up to [haughty → arrogant] Western hegemony".
Each such stretch of at most `MAX_WORDS` words on either side is a substitution; a clause
that moved within the sentence is diffed against its new position, so a swap inside it is
still found. Stretches of function words only ("has been" → "was"), punctuation, or one
word whose letters are all that changed in case are left out.

Kinds, from the two texts alone:
- `spelling`: the same letters once accents, hyphens, spaces and British/American endings are
  set aside (labour/labor, run-off/runoff, dock workers/dockworkers, organisation/organization);
- `name variant`: capitalised on both sides and either the same name spelled or transliterated
  differently (Petrović/Petrovic, Müller/Mueller) or close in letters (Novak/Nowak, Petersen/Peterson);
- `word choice`: any other replacement (haughty/arrogant, strike/walkout);
- `dropped` / `added`: words one rendering has and the other lacks ("so-called", "not").

`count` is how often the same swap (same kind, same texts either way round, any case) recurs
across the corpus; rows are ranked by it. What this cannot see: swaps in headlines (titles
are not aligned), in sentences no other outlet carries, or inside rewrites looser than the
claim grouping; and a reworded clause of more than `MAX_WORDS` words is not listed.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
import pandas as pd

from ..coverage.claims import Coverage
from ..engine import map_distinct
from ..model import field_columns
from ..similarity.diff import COMPOUND_TOKEN_RE, DiffOp, tokens, word_diff
from ..text.words import comparison_stop_words

SPELLING = "spelling"
NAME_VARIANT = "name variant"
WORD_CHOICE = "word choice"
DROPPED = "dropped"
ADDED = "added"
KIND_ORDER = {NAME_VARIANT: 0, SPELLING: 1, WORD_CHOICE: 2, DROPPED: 3, ADDED: 4}

MAX_WORDS = 4
MOVED_MIN_WORDS = 3
ALL_PAIRS_UP_TO = 12  # claims with more members: each member against the claim's most typical sentence
NAME_RATIO = 0.6
NAME_RATIO_SAME_INITIAL = 0.5

LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l",
                         "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th"})
NOT_LETTERS = re.compile(r"[\s'’‐‑–-]+")
BRITISH_ENDINGS = [  # (British, American), applied to words of five letters or more
    (re.compile(r"our(?=(?:s|ed|ing|ite|ites|able|er|ers|ful|less|hood)?$)"), "or"),
    (re.compile(r"is(?=(?:e|es|ed|ing|ation|ations|er|ers)$)"), "iz"),
    (re.compile(r"ys(?=(?:e|es|ed|ing)$)"), "yz"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"ence(?=s?$)"), "ense"),
]
DOUBLED_CONSONANT = re.compile(r"(?<=[aeiou])([lp])\1(?=(?:ed|ing|er|ers)$)")  # travelled -> traveled
WORD = re.compile(r"\w")
POSSESSIVE = re.compile(r"['’]s?$")
DERIVATION_ENDING = re.compile(r"(?:ions?|al|ian|ians|ans?|ern|ese|ish|ic|ical|ist|ists|ism|s)$")
EDGE_LEFT = re.compile(r"^[\W_]+")
EDGE_RIGHT = re.compile(r"[\W_]+$")
INNER_PUNCTUATION = re.compile(r"[^\w\s'’‐‑–-]")


@dataclass(frozen=True)
class Substitution:
    """One stretch of text that differs between two renderings of a claim (offsets into each article)."""

    claim: str
    article_a: str
    article_b: str
    start_a: int
    end_a: int
    start_b: int
    end_b: int
    text_a: str
    text_b: str
    kind: str


COLUMNS = ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b", "kind",
           "count"]


def _plain(text: str) -> str:
    """Lower case without accents ("Sørensen" -> "sorensen")."""
    text = unicodedata.normalize("NFKD", text.translate(LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def folded(text: str) -> str:
    """Lower case without accents, hyphens, spaces or apostrophes: "Sørensen" -> "sorensen", "run-off" -> "runoff"."""
    return NOT_LETTERS.sub("", _plain(text))


def _american(word: str) -> str:
    if len(word) < 5:
        return word
    for pattern, replacement in BRITISH_ENDINGS:
        word = pattern.sub(replacement, word)
    return DOUBLED_CONSONANT.sub(r"\1", word)


def spelling_key(text: str) -> str:
    """Letters that stay the same across spelling conventions: folded, British endings made American."""
    return "".join(_american(w) for w in re.findall(r"\w+", _plain(text)))


def name_key(text: str) -> str:
    """A name folded, with German-style transliterations undone (Mueller -> muller)."""
    return re.sub(r"(?<=[a-z])([aou])e", r"\1", folded(text))


def _capitalised(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’‐‑–-]*", text)
    return bool(words) and len(words) <= 3 and all(w[0].isupper() for w in words)


def _common_word(text: str) -> bool:
    """A function word ("The", "About"): capitalised at the start of a sentence, never a name."""
    return any(w.lower() in comparison_stop_words() for w in re.findall(r"\w+", text))


def _derived(x: str, y: str) -> bool:
    """One word derived from the other (Norway/Norwegian, West/Western, election/electoral), not respelled."""
    if x.startswith(y) or y.startswith(x):
        return True
    prefix = len(os.path.commonprefix([x, y]))
    return prefix >= min(len(x), len(y)) - 3 and bool(DERIVATION_ENDING.search(x)) \
        and bool(DERIVATION_ENDING.search(y))


def is_name_variant(a: str, b: str) -> bool:
    """Two capitalised forms of one name: equal once folded, or close in letters (not one a stem of the other)."""
    if not (_capitalised(a) and _capitalised(b)) or _common_word(a) or _common_word(b):
        return False
    x, y = name_key(POSSESSIVE.sub("", a)), name_key(POSSESSIVE.sub("", b))
    if x == y:
        return True
    if _derived(x, y):
        return False
    ratio = SequenceMatcher(None, x, y).ratio()
    return ratio >= NAME_RATIO or (ratio >= NAME_RATIO_SAME_INITIAL and x[:1] == y[:1])


@lru_cache(maxsize=1 << 16)
def substitution_kind(a: str, b: str) -> str:
    """spelling, name variant, word choice, dropped or added (see the module docstring)."""
    if not a.strip():
        return ADDED
    if not b.strip():
        return DROPPED
    names = _capitalised(a) and _capitalised(b)
    if folded(a) == folded(b):
        return NAME_VARIANT if names else SPELLING
    if spelling_key(a) == spelling_key(b):
        return SPELLING
    return NAME_VARIANT if is_name_variant(a, b) else WORD_CHOICE


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in COMPOUND_TOKEN_RE.findall(text) if WORD.search(w)]


def is_substantive(a: str, b: str) -> bool:
    """Short enough, holding a word that is not a function word, and not a change of letter case only."""
    wa, wb = _words(a), _words(b)
    if not (wa or wb) or len(wa) > MAX_WORDS or len(wb) > MAX_WORDS or wa == wb:
        return False
    stop = comparison_stop_words()
    return any(w not in stop and not w.isdigit() for w in wa + wb)


def _has_word(op: DiffOp | None) -> bool:
    return op is not None and op.op == "equal" and bool(_words(op.a_text))


def _anchored_steps(ops: list[DiffOp]) -> list[tuple[DiffOp, bool]]:
    """The differing steps of a diff, each with whether agreeing text stands on both its sides (words on one
    side at least); a token that matched only by its spelling key is a step of its own."""
    steps = []
    for k, op in enumerate(ops):
        before, after = (ops[k - 1] if k else None), (ops[k + 1] if k + 1 < len(ops) else None)
        if op.op == "equal":
            steps += [(step, True) for step in _respelled(op)]
        else:
            anchored = before is not None and after is not None and (_has_word(before) or _has_word(after))
            steps += _split_names(op, anchored)
    return steps


def _split_names(op: DiffOp, anchored: bool) -> list[tuple[DiffOp, bool]]:
    """A replacement whose first or last words are one name spelled two ways ("Al-Sayed a lead of" ->
    "El-Sayed an advantage of"), split so that the name is a step of its own and anchors the rest."""
    ta, tb = tokens(op.a_text, COMPOUND_TOKEN_RE), tokens(op.b_text, COMPOUND_TOKEN_RE)
    if op.op != "replace" or len(ta) + len(tb) < 3:
        return [(op, anchored)]
    for first in (0, -1):
        (sa, ea, x), (sb, eb, y) = ta[first], tb[first]
        if x != y and is_name_variant(x, y):
            name = DiffOp("replace", op.a_start + sa, op.a_start + ea, op.b_start + sb, op.b_start + eb, x, y)
            rest_a, text_a = _rest(op.a_start, op.a_text, ta, first)
            rest_b, text_b = _rest(op.b_start, op.b_text, tb, first)
            kind = "replace" if text_a and text_b else ("delete" if text_a else "insert")
            rest = DiffOp(kind, *rest_a, *rest_b, text_a, text_b)
            return [(name, True)] + _split_names(rest, True)
    return [(op, anchored)]


def _respelled(op: DiffOp) -> list[DiffOp]:
    """Tokens of an agreeing stretch that agree only once spelling is set aside (recognise/recognize)."""
    found = []
    for (sa, ea, x), (sb, eb, y) in zip(tokens(op.a_text, COMPOUND_TOKEN_RE), tokens(op.b_text, COMPOUND_TOKEN_RE)):
        if x.lower() != y.lower() and WORD.search(x):
            found.append(DiffOp("replace", op.a_start + sa, op.a_start + ea, op.b_start + sb, op.b_start + eb, x, y))
    return found


def _rest(offset: int, text: str, toks: list[tuple[int, int, str]], first: int) -> tuple[tuple[int, int], str]:
    """The span and text of a step without its first (first=0) or last (first=-1) token."""
    if len(toks) == 1:
        end = offset + len(text) if first == 0 else offset
        return (end, end), ""
    start, end = (toks[1][0], len(text)) if first == 0 else (0, toks[-2][1])
    return (offset + start, offset + end), text[start:end]


def _diff(a: str, b: str) -> list[DiffOp]:
    """Word diff where tokens spelled alike (accents, British/American endings) agree."""
    return word_diff(a, b, COMPOUND_TOKEN_RE, key=_match_key)


def _match_key(token: str) -> str:
    return spelling_key(token) if WORD.search(token) else token.replace("“", '"').replace("”", '"').replace("’", "'")


def _moved_block_steps(ops: list[DiffOp], a: str, b: str) -> list[tuple[DiffOp, bool, int, int]]:
    """Diff steps inside clauses that moved: each long a-only stretch diffed against each long b-only one
    when they share three words or open with the same content word.

    Returns (step, anchored, offset in a, offset in b) for the anchored steps inside a moved clause."""
    only_a = [op for op in ops if op.op in ("delete", "replace") and len(_words(op.a_text)) >= MOVED_MIN_WORDS]
    only_b = [op for op in ops if op.op in ("insert", "replace") and len(_words(op.b_text)) >= MOVED_MIN_WORDS]
    found = []
    for x, y in itertools.product(only_a, only_b):
        if x is y:
            continue
        inner = _diff(a[x.a_start:x.a_end], b[y.b_start:y.b_end])
        shared = sum(len(_words(op.a_text)) for op in inner if op.op == "equal")
        if shared >= MOVED_MIN_WORDS or _same_opening_word(inner):
            found += [(op, True, x.a_start, y.b_start) for op, anchored in _anchored_steps(inner) if anchored]
    return found


def _same_opening_word(inner: list[DiffOp]) -> bool:
    """Two stretches that open with the same content word ("new areas ..." / "new territory ..."): the word
    anchors what follows it."""
    opening = _words(inner[0].a_text)[:1] if inner and inner[0].op == "equal" else []
    return bool(opening) and opening[0] not in comparison_stop_words()


def _moved(op: DiffOp, a: str, b: str) -> bool:
    """An insertion or deletion whose words stand elsewhere in the other rendering: moved, not added or dropped."""
    if op.op not in ("insert", "delete"):
        return False
    piece, other = (_words(op.b_text), _words(a)) if op.op == "insert" else (_words(op.a_text), _words(b))
    return any(other[k:k + len(piece)] == piece for k in range(len(other) - len(piece) + 1))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without punctuation or spaces at either end."""
    piece = text[start:end]
    lead = len(piece) - len(EDGE_LEFT.sub("", piece))
    trail = len(piece) - len(EDGE_RIGHT.sub("", piece))
    return start + lead, max(start + lead, end - trail)


def pair_substitutions(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """(start_a, end_a, start_b, end_b) of each substantive difference between two renderings of a statement.

    A change of letters only (a spelling, a name) may stand at a sentence edge; any other needs agreeing
    words on both sides and no punctuation inside (a rebuilt clause is not a word swap)."""
    ops = _diff(a, b)
    steps = [(op, anchored, 0, 0) for op, anchored in _anchored_steps(ops)] + _moved_block_steps(ops, a, b)
    spans = set()
    for op, anchored, da, db in steps:
        if _moved(op, a, b):
            continue
        for start_a, end_a, start_b, end_b in _pieces(a, op.a_start + da, op.a_end + da, b, op.b_start + db,
                                                      op.b_end + db, anchored):
            text_a, text_b = a[start_a:end_a], b[start_b:end_b]
            if not is_substantive(text_a, text_b) or INNER_PUNCTUATION.search(f"{text_a} {text_b}"):
                continue
            if anchored or substitution_kind(text_a, text_b) in (SPELLING, NAME_VARIANT):
                spans.add((start_a, end_a, start_b, end_b))
    return sorted(spans)


def _pieces(a: str, start_a: int, end_a: int, b: str, start_b: int, end_b: int, anchored: bool
            ) -> list[tuple[int, int, int, int]]:
    """A differing step, trimmed; where punctuation splits it (an aside put in: "filed" / ", Petrović's
    party, had lodged"), also what follows the last mark on each side, next to the agreeing text after it."""
    whole = (*_trimmed(a, start_a, end_a), *_trimmed(b, start_b, end_b))
    if not anchored or not INNER_PUNCTUATION.search(a[whole[0]:whole[1]] + " " + b[whole[2]:whole[3]]):
        return [whole]
    marks_a = [m.end() for m in INNER_PUNCTUATION.finditer(a, start_a, end_a)]
    marks_b = [m.end() for m in INNER_PUNCTUATION.finditer(b, start_b, end_b)]
    tail = (*_trimmed(a, max(marks_a, default=start_a), end_a), *_trimmed(b, max(marks_b, default=start_b), end_b))
    return [p for p in (whole, tail) if p[0] < p[1] and p[2] < p[3]]


def _claim_pairs(cov: Coverage, n: int, claim: list[int]) -> list[tuple[int, int]]:
    if len(claim) <= ALL_PAIRS_UP_TO:
        return list(itertools.combinations(claim, 2))
    centre = cov.representatives[n] if cov.representatives else claim[0]
    return [(centre, i) for i in claim if i != centre]


def substitutions(cov: Coverage, engine=None) -> list[Substitution]:
    """Every substitution between renderings of one claim, article_a before article_b in corpus order
    (the pairs diffed through `engine.map` when an engine is given)."""
    pairs = []
    for n, claim in enumerate(cov.claims):
        for i, j in _claim_pairs(cov, n, claim):
            ua, ub = sorted((cov.units[i], cov.units[j]), key=lambda u: (u.order, u.index))
            pairs.append((n, ua.sentence, ub.sentence))
    spans = map_distinct(engine, pair_substitutions, [(sa.text, sb.text) for _, sa, sb in pairs], "substitutions",
                         star=True)
    found = []
    for (n, sa, sb), found_spans in zip(pairs, spans):
        for start_a, end_a, start_b, end_b in found_spans:
            text_a, text_b = sa.text[start_a:end_a], sb.text[start_b:end_b]
            found.append(Substitution(
                cov.claim_ids[n], sa.article, sb.article, sa.start + start_a, sa.start + end_a,
                sb.start + start_b, sb.start + end_b, text_a, text_b, substitution_kind(text_a, text_b)))
    return found


def swap_key(kind: str, text_a: str, text_b: str) -> tuple[str, frozenset[str]]:
    """What makes two substitutions the same swap: the kind and the two texts, either way round, any case."""
    return kind, frozenset((" ".join(text_a.lower().split()), " ".join(text_b.lower().split())))


def substitutions_table(found: list[Substitution], article_ids: list[str]) -> pd.DataFrame:
    """substitutions.csv: one row per substitution, the most recurrent swaps first.

    Ordered by swap (count, kind, texts), then by articles and offsets; each distinct swap is ranked once and the
    rows sorted on numbers, as a large corpus has hundreds of thousands of rows and few distinct swaps."""
    if not found:
        return pd.DataFrame([], columns=COLUMNS)
    raw = [(s.kind, s.text_a, s.text_b) for s in found]
    key_of = {r: swap_key(*r) for r in dict.fromkeys(raw)}
    keys = [key_of[r] for r in raw]
    counts = Counter(keys)
    rank = {key: n for n, key in enumerate(sorted(counts, key=lambda key: (-counts[key], KIND_ORDER[key[0]],
                                                                             sorted(key[1]))))}
    order = {a: k for k, a in enumerate(article_ids)}
    columns = field_columns(Substitution, found)
    rows = np.lexsort((columns["start_b"], columns["start_a"], [order[a] for a in columns["article_b"]],
                       [order[a] for a in columns["article_a"]], [rank[key] for key in keys])).tolist()
    columns["count"] = [counts[key] for key in keys]
    return pd.DataFrame({name: [values[i] for i in rows] for name, values in columns.items()}, columns=COLUMNS)
