"""Scoring against hand-annotated gold (tests/gold/): quotations, speakers, kinds and grouping.

Kept out of the extractors so that nothing the pipeline computes depends on the gold.
"""

from __future__ import annotations

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
    same system group.
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
    tp = fp = fn = 0
    for i in range(len(all_found)):
        for j in range(i + 1, len(all_found)):
            (g1, q1), (g2, q2) = all_found[i], all_found[j]
            if g1["article"] == g2["article"]:
                continue
            gold_same = bool({g1["group"], *(g1.get("also_groups") or [])}
                             & {g2["group"], *(g2.get("also_groups") or [])})
            system_same = q1.group == q2.group
            tp += gold_same and system_same
            fp += system_same and not gold_same
            fn += gold_same and not system_same
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
        "group_pair_precision": tp / (tp + fp) if tp + fp else 0.0,
        "group_pair_recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def load_quote_gold(path: str | Path) -> list[dict]:
    """The `quotes` list of a gold file (tests/gold/quotes.yml)."""
    return list((yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("quotes") or [])
