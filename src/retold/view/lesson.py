"""Timed lesson plans (45, 60 or 90 minutes) and learning objectives, built from what a corpus holds.

A step whose material the corpus lacks (no loaded term found, no name spelled two ways, no claim shared)
is left out and its minutes go to the pair exercise, so every plan adds up to exactly its length.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import guide
from .escape import md

PLAN_LENGTHS = (45, 60, 90)
# minutes per step in each plan; 0 = the step is left out of that plan
MINUTES = {
    "warmup": {45: 5, 60: 5, 90: 10},
    "loaded": {45: 10, 60: 10, 90: 15},
    "naming": {45: 0, 60: 5, 90: 10},
    "quotes": {45: 10, 60: 10, 90: 15},
    "coverage": {45: 0, 60: 10, 90: 15},
    "exercise": {45: 15, 60: 15, 90: 20},
    "wrapup": {45: 5, 60: 5, 90: 5},
}
OBJECTIVES = (
    "tell the outlet's own words from quoted and from reported speech, and say why the difference matters;",
    "spot a loaded term and name a more neutral alternative;",
    "compare how outlets name the same thing, and what a name can reveal about a source;",
    "follow one statement through several outlets and judge which rendering is faithful;",
    "find what an outlet left out or added, and a rewrite that changed the meaning of a claim;",
    "check a claim against its evidence (article and character offsets) instead of trusting a count.",
)


@dataclass(frozen=True)
class Step:
    key: str
    minutes: int
    title: str
    activity: str


def objectives_markdown() -> str:
    return "By the end of the lesson students can:\n\n" + "\n".join(f"* {line}" for line in OBJECTIVES)


def _activities(tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> dict[str, tuple[str, str] | None]:
    """Title and activity of each step, or None when the corpus has nothing for it."""
    n = len(outlets)
    hits = tables.get("loaded_terms")
    loaded = None
    if hits is not None and len(hits):
        spread = hits.groupby("entry")["article"].nunique()
        entry = sorted(spread.index, key=lambda e: (-spread[e], str(e)))[0]
        loaded = ("Loaded words", f"Framing notebook: the loaded terms by outlet and voice. Students find one term "
                  f"(for example “{md(entry)}”, in {spread[entry]} of the {n} articles) in two outlets with the "
                  "concordance lines: whose words are they?")
    varied = guide.most_varied_concept(tables)
    naming = None
    if varied is not None:
        concept, counts = varied
        totals = counts.sum(axis=1)
        common = sorted(counts.index, key=lambda label: (-totals[label], str(label)))[:3]
        labels = " or ".join(f"“{md(label)}”" for label in common)
        naming = ("Names", f"Framing notebook, naming map: {labels} ({md(concept.replace('_', ' '))}). What does "
                  "the choice tell you about the source an outlet used?")
    shared = guide.most_shared_utterance(tables)
    quotes = None
    if shared is not None:
        quotes = ("Quotes", f"Quotes notebook: the statement carried by the most outlets "
                  f"({shared[1]['article'].nunique()}), in each outlet's words, differences highlighted. "
                  "Which version would you trust, and why?")
    claims = tables.get("claims")
    coverage = None
    if claims is not None and len(claims) and (claims["outlets"] >= 2).any():
        coverage = ("Coverage", "Coverage notebook: which claims each outlet dropped or added, and the rewrites "
                    "flagged as changing the meaning.")
    return {
        "warmup": ("Warm-up", f"Show only the {n} headlines (corpus notebook or handout cover). Same event? "
                              "What differs?"),
        "loaded": loaded, "naming": naming, "quotes": quotes, "coverage": coverage,
        "exercise": ("Exercises in pairs", "The exercises below (or the handout worksheet), with the article "
                                           "pages."),
        "wrapup": ("Wrap-up", "One sentence each: what will you check the next time you read a rewritten story?"),
    }


def lesson_plan(minutes: int, tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> list[Step]:
    """The steps of a `minutes`-long lesson (45, 60 or 90) for this corpus; their minutes add up to `minutes`."""
    if minutes not in PLAN_LENGTHS:
        raise ValueError(f"lesson plans are {', '.join(map(str, PLAN_LENGTHS))} minutes long, not {minutes}")
    activities = _activities(tables, outlets)
    spare = sum(MINUTES[key][minutes] for key, found in activities.items() if found is None)
    steps = []
    for key, found in activities.items():
        length = MINUTES[key][minutes] + (spare if key == "exercise" else 0)
        if found is not None and length:
            steps.append(Step(key, length, *found))
    return steps


def plan_markdown(minutes: int, tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> str:
    """A lesson plan as a Markdown table with a running clock and the total."""
    steps = lesson_plan(minutes, tables, outlets)
    lines = [f"**{minutes}-minute lesson**", "", "| Time | Minutes | Step | Activity |", "|---|---|---|---|"]
    clock = 0
    for step in steps:
        lines.append(f"| {clock}–{clock + step.minutes} | {step.minutes} | {step.title} | {step.activity} |")
        clock += step.minutes
    lines.append(f"| | **{clock}** | **Total** | |")
    return "\n".join(lines)
