"""Key terms of one corpus: what keyword-in-context and dispersion show, chosen from what was found.

No list of words is fixed in advance: a report on a strike and a report on a flood look at their
own words. Three sources, in this order:
- the loaded-term entries found most often (as printed, every form of the entry);
- naming concepts whose outlets use different labels (the labels are the forms);
- the word choices and spellings the rewrites swapped most often (substitutions.csv), leaving out
  swaps of function words ("and" / "along with") and of capitalised words (names and titles,
  which the naming map already compares).
A term already covered by an earlier source is not repeated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..text.words import comparison_stop_words, words

SWAP_KINDS = ("word choice", "spelling")  # names and their spellings are the naming map's (discovered variants)


@dataclass(frozen=True)
class KeyTerm:
    """A term to look at: its display name, the printed forms to search, and why it was chosen."""

    name: str
    forms: tuple[str, ...]
    source: str  # "loaded term", "naming concept" or "substitution"


def _forms(values) -> tuple[str, ...]:
    """Distinct printed forms, any case and spacing folded, in order of first appearance."""
    seen: dict[str, str] = {}
    for value in values:
        if isinstance(value, str) and value.strip():
            seen.setdefault(" ".join(value.lower().split()), " ".join(value.split()))
    return tuple(seen.values())


def loaded_key_terms(terms: pd.DataFrame, top: int) -> list[KeyTerm]:
    """The `top` loaded-term entries with the most hits (ties: most hits in outlets' own voice, then name)."""
    if terms.empty:
        return []
    tally = terms.assign(own=terms["voice"] == "author").groupby("entry").agg(hits=("term", "size"),
                                                                             own=("own", "sum"))
    ranked = tally.reset_index().sort_values(["hits", "own", "entry"], ascending=[False, False, True], kind="stable")
    return [KeyTerm(str(entry), _forms(terms.loc[terms["entry"] == entry, "term"]), "loaded term")
            for entry in ranked["entry"].head(top)]


def varying_concepts(naming: pd.DataFrame) -> list[str]:
    """Naming concepts whose outlets print two or more different labels, most uses first."""
    used = naming[naming["count"] > 0]
    labels = used.groupby("concept", sort=False)["label"].nunique()
    uses = used.groupby("concept", sort=False)["count"].sum()
    varying = [c for c in labels.index if labels[c] >= 2]
    return sorted(varying, key=lambda c: (-int(uses[c]), c))


def naming_key_terms(naming: pd.DataFrame, top: int) -> list[KeyTerm]:
    """The `top` naming concepts whose labels vary across outlets; the used labels are the forms."""
    chosen = []
    for concept in varying_concepts(naming)[:top]:
        used = naming[(naming["concept"] == concept) & (naming["count"] > 0)]
        labels = used.groupby("label", sort=False)["count"].sum().sort_values(ascending=False, kind="stable")
        chosen.append(KeyTerm(" ".join(concept.replace("_", " ").split()), _forms(labels.index), "naming concept"))
    return chosen


def function_words_only(text: str) -> bool:
    """"and", "of the": nothing to look for in context."""
    return all(w in comparison_stop_words() for w in words(text.lower()))


def swap_key_terms(substitutions: pd.DataFrame, top: int) -> list[KeyTerm]:
    """The `top` most recurrent swaps of a word or name (not words only dropped or added)."""
    if substitutions is None or substitutions.empty:
        return []
    swaps = substitutions[substitutions["kind"].isin(SWAP_KINDS)]
    chosen: list[KeyTerm] = []
    seen: set[frozenset[str]] = set()
    for row in swaps.itertuples(index=False):
        forms = _forms([row.text_a, row.text_b])
        key = frozenset(f.lower() for f in forms)
        if len(forms) < 2 or key in seen or any(function_words_only(f) or f[:1].isupper() for f in forms):
            continue
        seen.add(key)
        chosen.append(KeyTerm(" / ".join(forms), forms, "substitution"))
        if len(chosen) == top:
            break
    return chosen


def key_terms(terms: pd.DataFrame, naming: pd.DataFrame, substitutions: pd.DataFrame | None,
              loaded: int = 4, concepts: int = 2, swaps: int = 2) -> list[KeyTerm]:
    """The key terms of this corpus: up to `loaded` loaded terms, `concepts` naming concepts and `swaps` swaps;
    a term whose forms an earlier one already searches is skipped for the next of its source."""
    chosen: list[KeyTerm] = []
    covered: set[str] = set()
    sources = ((loaded_key_terms(terms, loaded), loaded), (naming_key_terms(naming, concepts + 2), concepts),
               (swap_key_terms(substitutions, swaps + 4), swaps))
    for candidates, limit in sources:
        taken = 0
        for term in candidates:
            folded = {f.lower() for f in term.forms}
            if taken == limit or folded <= covered:
                continue
            covered |= folded
            chosen.append(term)
            taken += 1
    return chosen


def dispersion_terms(chosen: list[KeyTerm]) -> dict[str, list[str]]:
    """name -> forms, the shape `framing.dispersion` takes."""
    return {term.name: list(term.forms) for term in chosen}
