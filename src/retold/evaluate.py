"""Scoring against hand-annotated gold (tests/gold/): quotations, speakers, kinds and grouping.

Kept out of the extractors so that nothing the pipeline computes depends on the gold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

from .model import Quote
from .quotes import QUOTE_KINDS, REPORTED, CorpusQuotes


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span match rule: the overlap covers at least half of the longer span."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def quote_scores(cq: CorpusQuotes, gold: list[dict]) -> dict[str, float]:
    """Precision, recall, speaker and kind accuracy of quotations; reported recall; grouping pairwise P/R.

    Quotations are direct/partial/unmarked items on both sides; a system item matches a
    gold item of the same article under `spans_match`. Grouping is scored on gold items
    (including reported ones) matched by a system item: over pairs from different
    articles, "same group" in the gold (sharing `group` or `also_groups`) against the
    same system group; the `_with_links` figures also count a fragment and the group of the
    longer quotation it is `part of` (`CorpusQuotes.links`) as together.
    """
    system_quotes = [q for q in cq.quotes]
    system_all = system_quotes + list(cq.reported)
    gold_quotes = [g for g in gold if g["kind"] in QUOTE_KINDS]
    gold_reported = [g for g in gold if g["kind"] == REPORTED]

    def match(g: dict, pool: list[Quote]) -> Quote | None:
        hits = [q for q in pool if q.article == g["article"] and spans_match((q.start, q.end), (g["start"], g["end"]))]
        return max(hits, key=lambda q: min(q.end, g["end"]) - max(q.start, g["start"])) if hits else None

    matched = [(g, match(g, system_quotes)) for g in gold_quotes]
    found = [(g, q) for g, q in matched if q is not None]
    true_system = sum(1 for q in system_quotes if any(g["article"] == q.article and spans_match(
        (q.start, q.end), (g["start"], g["end"])) for g in gold_quotes))
    reported_found = sum(1 for g in gold_reported if match(g, system_all) is not None)
    all_found = [(g, match(g, system_all)) for g in gold]
    all_found = [(g, q) for g, q in all_found if q is not None]
    linked = {frozenset((k.fragment.group, k.source.group)) for k in getattr(cq, "links", ())}
    counts = {"": [0, 0, 0], "_with_links": [0, 0, 0]}
    for i in range(len(all_found)):
        for j in range(i + 1, len(all_found)):
            (g1, q1), (g2, q2) = all_found[i], all_found[j]
            if g1["article"] == g2["article"]:
                continue
            gold_same = bool({g1["group"], *(g1.get("also_groups") or [])}
                             & {g2["group"], *(g2.get("also_groups") or [])})
            for suffix, system_same in (("", q1.group == q2.group),
                                        ("_with_links", q1.group == q2.group
                                         or frozenset((q1.group, q2.group)) in linked)):
                counts[suffix][0] += gold_same and system_same
                counts[suffix][1] += system_same and not gold_same
                counts[suffix][2] += gold_same and not system_same
    grouping = {}
    for suffix, (tp, fp, fn) in counts.items():
        grouping[f"group_pair_precision{suffix}"] = tp / (tp + fp) if tp + fp else 0.0
        grouping[f"group_pair_recall{suffix}"] = tp / (tp + fn) if tp + fn else 0.0
    return {
        "quotes_gold": len(gold_quotes),
        "quotes_system": len(system_quotes),
        "precision": true_system / len(system_quotes) if system_quotes else 0.0,
        "recall": len(found) / len(gold_quotes) if gold_quotes else 0.0,
        "speaker_accuracy": sum(q.speaker == g["speaker"] for g, q in found) / len(found) if found else 0.0,
        "kind_accuracy": sum(q.kind == g["kind"] for g, q in found) / len(found) if found else 0.0,
        "reported_recall": reported_found / len(gold_reported) if gold_reported else 0.0,
        "reported_speaker_accuracy": (
            sum(q.speaker == g["speaker"] for g, q in all_found if g["kind"] == REPORTED)
            / max(1, sum(1 for g, _ in all_found if g["kind"] == REPORTED))),
        **grouping,
    }


def load_quote_gold(path: str | Path) -> list[dict]:
    """The `quotes` list of a gold file (tests/gold/quotes.yml)."""
    return list((yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("quotes") or [])


# ---------------------------------------------------------------- short news passages (tests/gold/passages_dev.yml)

SPEAKER_FORMS = ("named", "pronoun", "description", "unnamed", "none")
_HEAD_STOPS = {"of", "for", "at", "in", "on", "from", "with", "who", "that", "familiar", "close", "to", "near"}
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def load_passages(path: str | Path) -> list[dict]:
    """The `passages` list of a passages gold file (tests/gold/passages_dev.yml)."""
    return list((yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("passages") or [])


def locate(text: str, items: list[dict]) -> list[tuple[int, int] | None]:
    """(start, end) of each gold item: the `occurrence`-th occurrence of its text (None when there is none)."""
    spans: list[tuple[int, int] | None] = []
    for item in items:
        needle, wanted, at, found = item["text"], int(item.get("occurrence") or 1), -1, None
        for _ in range(wanted):
            at = text.find(needle, at + 1)
            if at < 0:
                break
        else:
            found = (at, at + len(needle))
        spans.append(found)
    return spans


def _plain(name: str | None) -> str:
    return " ".join(str(name or "").replace("’", "'").casefold().split())


def _head_noun(phrase: str) -> str:
    """The head noun of an unnamed source's phrase: the last word before a post-modifier, plural folded
    ("two people familiar with the talks" -> "people", "spokesperson for the agency" -> "spokesperson")."""
    words = re.findall(r"[\w'-]+", _LEADING_ARTICLE.sub("", _plain(phrase)))
    for n, word in enumerate(words):
        if n and word in _HEAD_STOPS:
            words = words[:n]
            break
    head = words[-1] if words else ""
    return head[:-1] if len(head) > 3 and head.endswith("s") and not head.endswith("ss") else head


def same_speaker(system: str | None, gold: str | None, people: dict[str, dict]) -> bool:
    """Speaker matching rule for scoring passages.

    * No speaker in the gold (`null`): right only when the system names nobody.
    * A gold speaker listed in `people` (a named person or organisation): the canonical names are equal,
      ignoring case, whitespace and the apostrophe style; for a person, the surname alone also counts
      ("Alvarez" for "Luis Alvarez").
    * An unnamed source (a printed noun phrase not listed in `people`): the head nouns are equal
      ("senior officials" for "officials", "a spokesperson" for "spokesperson for the agency").
    """
    if gold is None:
        return system is None
    if system is None:
        return False
    s, g = _plain(system), _plain(gold)
    if s == g:
        return True
    person = people.get(gold)
    if person is not None:
        return person.get("kind", "person") == "person" and len(g.split()) > 1 and s == g.split()[-1]
    return bool(_head_noun(system)) and _head_noun(system) == _head_noun(gold)


def _best_match(span: tuple[int, int], pool: list[Quote]) -> Quote | None:
    hits = [q for q in pool if spans_match((q.start, q.end), span)]
    return max(hits, key=lambda q: min(q.end, span[1]) - max(q.start, span[0])) if hits else None


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def passage_scores(passages: list[dict], speakers=None) -> dict:
    """Quotation and speaker scores on short news passages, each run alone through `quotes_in_text` and
    `reported_in_text` with the speakers lexicon `speakers` (a path or SpeakerBook; None: the default one).

    Spans match under `spans_match`. Returns quote precision/recall (`quote_precision`, `quote_recall`),
    speaker accuracy over matched quotations overall and per `speaker_form` (`speaker_accuracy`,
    `speaker_<form>`), reported recall/precision and speaker accuracy, speaker accuracy over matched quotations
    and reported spans together per form (`all_<form>`), and per `forms` tag (`by_tag`: tag -> n, found,
    right). A missed item counts as wrong for the per-form and per-tag figures only through `found`; the
    speaker accuracies are over matched items, so span and speaker errors are not counted twice.
    """
    from .config import DEFAULT_SPEAKERS
    from .quotes import load_speakers, quotes_in_text, reported_in_text
    from .quotes.speakers import SpeakerBook

    book = speakers if isinstance(speakers, SpeakerBook) else load_speakers(speakers or DEFAULT_SPEAKERS)
    counts: dict[str, int] = defaultdict(int)
    by_tag: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "found": 0, "right": 0})
    for passage in passages:
        text = passage["text"]
        people = {p["name"]: p for p in passage.get("people") or []}
        system_quotes = quotes_in_text(text, book, article=passage["id"])
        system_reported = reported_in_text(text, book, article=passage["id"])
        gold_quote_spans = [s for s in locate(text, passage.get("quotes") or []) if s]
        counts["quotes_system"] += len(system_quotes)
        counts["quotes_true"] += sum(any(spans_match((q.start, q.end), s) for s in gold_quote_spans)
                                     for q in system_quotes)
        gold_reported_spans = [s for s in locate(text, passage.get("reported") or []) if s]
        counts["reported_system"] += len(system_reported)
        counts["reported_true"] += sum(any(spans_match((r.start, r.end), s) for s in gold_reported_spans)
                                       for r in system_reported)
        for part, pool in (("quotes", system_quotes), ("reported", system_reported)):
            items = passage.get(part) or []
            for item, span in zip(items, locate(text, items)):
                form = item.get("speaker_form") or "none"
                hit = _best_match(span, pool) if span else None
                right = hit is not None and same_speaker(hit.speaker, item.get("speaker"), people)
                counts[f"{part}_gold"] += 1
                counts[f"{part}_found"] += hit is not None
                counts[f"{part}_right"] += right
                counts[f"{part}_{form}_found"] += hit is not None
                counts[f"{part}_{form}_right"] += right
                for tag in item.get("forms") or []:
                    by_tag[tag]["n"] += 1
                    by_tag[tag]["found"] += hit is not None
                    by_tag[tag]["right"] += right
    scores: dict = {
        "passages": len(passages),
        "quotes_gold": counts["quotes_gold"], "quotes_system": counts["quotes_system"],
        "quote_precision": _ratio(counts["quotes_true"], counts["quotes_system"]),
        "quote_recall": _ratio(counts["quotes_found"], counts["quotes_gold"]),
        "speaker_accuracy": _ratio(counts["quotes_right"], counts["quotes_found"]),
        "reported_gold": counts["reported_gold"], "reported_system": counts["reported_system"],
        "reported_precision": _ratio(counts["reported_true"], counts["reported_system"]),
        "reported_recall": _ratio(counts["reported_found"], counts["reported_gold"]),
        "reported_speaker_accuracy": _ratio(counts["reported_right"], counts["reported_found"]),
    }
    for form in SPEAKER_FORMS:
        scores[f"speaker_{form}"] = _ratio(counts[f"quotes_{form}_right"], counts[f"quotes_{form}_found"])
        scores[f"all_{form}"] = _ratio(counts[f"quotes_{form}_right"] + counts[f"reported_{form}_right"],
                                       counts[f"quotes_{form}_found"] + counts[f"reported_{form}_found"])
        scores[f"all_{form}_n"] = counts[f"quotes_{form}_found"] + counts[f"reported_{form}_found"]
    scores["by_tag"] = {tag: dict(v) for tag, v in sorted(by_tag.items())}
    return scores


# ---------------------------------------------------------------- meaning-change flags (changes.csv)

def _covers(texts: dict[str, str], article: str, start: int, end: int, needle: str) -> bool:
    return needle in texts.get(article, "")[int(start):int(end)]


def _row_is(row, texts: dict[str, str], pair: dict) -> bool:
    """Does a changes.csv row hold the gold pair (its two texts inside the row's two sentences, either order)?"""
    for x, y in (("a", "b"), ("b", "a")):
        if row[f"article_{x}"] == pair["article_a"] and row[f"article_{y}"] == pair["article_b"] \
                and _covers(texts, row[f"article_{x}"], row[f"start_{x}"], row[f"end_{x}"], pair["text_a"]) \
                and _covers(texts, row[f"article_{y}"], row[f"start_{y}"], row[f"end_{y}"], pair["text_b"]):
            return True
    return False


def _with_faithful_partners(flips: list[dict], no_flips: list[dict]) -> list[dict]:
    """Each flip, plus the flipped text against every other faithful rendering of the same sentence: when b
    flips a, b also flips each c that says what a says (gold `no_flips` pairs from a)."""
    found = list(flips)
    for f in flips:
        for p in no_flips:
            if p["article_a"] == f["article_a"] and (p["text_a"] in f["text_a"] or f["text_a"] in p["text_a"]) \
                    and p["article_b"] != f["article_b"]:
                found.append({"article_a": p["article_b"], "text_a": p["text_b"], "article_b": f["article_b"],
                              "text_b": f["text_b"]})
    return found


def flag_scores(changes, texts: dict[str, str], flips: list[dict], no_flips: list[dict],
                flag: str = "negation") -> dict:
    """Precision of a meaning-change flag over the pairs a report counts, and the planted cases it finds.

    `changes` is changes.csv; a row counts when it carries `flag` and (if the column exists) is a close
    rewrite (`close`). `flips` and `no_flips` are gold pairs (article_a, text_a, article_b, text_b): a counted
    row is true when it holds a flip, or the flipped text against another faithful rendering (a `no_flips`
    partner of the flip's first text). Returns counted, true, precision, flips_found (of the flips) and
    no_flip_flagged (gold same-sentence pairs without a flip that were nevertheless counted).
    """
    planted, flips = flips, _with_faithful_partners(flips, no_flips)
    rows = [r for _, r in changes.iterrows() if flag in str(r.get("flags") or "").split(";")]
    if "close" in changes.columns:
        rows = [r for r in rows if str(r["close"]).lower() == "true"]
    true = sum(any(_row_is(r, texts, f) for f in flips) for r in rows)
    return {
        "counted": len(rows), "true": true, "precision": _ratio(true, len(rows)),
        "flips": len(planted), "flips_found": sum(any(_row_is(r, texts, f) for r in rows) for f in planted),
        "no_flip_flagged": sum(any(_row_is(r, texts, p) for r in rows) for p in no_flips),
    }


def main() -> None:
    """Print the scores on the development gold: `python -m retold.evaluate [speakers.yml]`."""
    import sys

    from .config import default_corpus
    from .coverage import changes_table
    from .pipeline import analyse

    root = Path.cwd()
    for name in ("passages_dev.yml", "passages_heldout.yml"):
        if not (root / "tests/gold" / name).is_file():
            continue
        scores = passage_scores(load_passages(root / "tests/gold" / name), sys.argv[1] if sys.argv[1:] else None)
        by_tag = scores.pop("by_tag")
        print(f"passages (tests/gold/{name})")
        for key, value in scores.items():
            print(f"  {key:28s} {value:.3f}" if isinstance(value, float) else f"  {key:28s} {value}")
        for tag, v in by_tag.items():
            print(f"    {tag:28s} n={v['n']:3d} found={v['found']:3d} speaker right={v['right']:3d}")
    seed = default_corpus()
    if seed is None:
        return
    analysis = analyse(seed)
    print("seed corpus (tests/gold/quotes.yml)")
    for key, value in quote_scores(analysis.quotes, load_quote_gold(root / "tests/gold/quotes.yml")).items():
        print(f"  {key:28s} {value:.3f}" if isinstance(value, float) else f"  {key:28s} {value}")
    print("negation flags counted as findings (close rewrites; tests/gold/coverage.yml, expectations.yml)")
    for folder, flips, no_flips in _flag_gold(root, seed):
        corpus = analyse(folder)
        changes = changes_table(corpus.coverage, corpus.voices)
        texts = {a.id: a.text for a in corpus.corpus.articles}
        print(f"  {folder.name:28s} {flag_scores(changes, texts, flips, no_flips)}")


def _flag_gold(root: Path, seed: Path):
    """(corpus folder, flips, same-sentence pairs without a flip) for the seeds and the test corpora."""
    pairs = (yaml.safe_load((root / "tests/gold/coverage.yml").read_text(encoding="utf-8")) or {}).get("pairs") or []
    yield seed, [p for p in pairs if "negation" in p["flags"]], [p for p in pairs if "negation" not in p["flags"]]
    for folder in sorted((root / "tests/fixtures/corpora").glob("*/expectations.yml")):
        expected = yaml.safe_load(folder.read_text(encoding="utf-8")) or {}
        yield folder.parent, expected.get("meaning_flip") or [], expected.get("same_sentence_no_flip") or []


if __name__ == "__main__":
    main()
