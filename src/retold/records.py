"""Lexicon files are data from strangers: read them strictly and report every problem, one line each.

Loaded-terms, naming and speakers lexicons all go through here: `read_lexicon` (safe YAML, named file),
then `check_fields`, `text_field` and `text_list` on each record, collecting problems that name the file,
the entry and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .safeyaml import YamlError, load_yaml_file


class LexiconError(ValueError):
    """A lexicon file with problems; the message names the file, the entry and each problem, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_lexicon(path: str | Path) -> Any:
    """The parsed YAML of a lexicon file (aliases and duplicate keys refused)."""
    try:
        return load_yaml_file(path)
    except YamlError as exc:
        message = "lexicon file not found" if exc.message == "file not found" else exc.message
        where = f"line {exc.line}, column {exc.column}: " if exc.line is not None else ""
        raise LexiconError([f"{path}: {where}{message}"]) from None


def check_fields(record: dict, allowed: set[str], where: str, problems: list[str]) -> None:
    """One problem per field of `record` that the file format does not know."""
    for key in sorted(set(map(str, record)) - allowed):
        problems.append(f"{where}: unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")


def text_field(record: dict, key: str, where: str, problems: list[str], required: bool) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            problems.append(f"{where}: missing required field {key!r}")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.append(f"{where}: field {key!r} should be text, got {type(value).__name__}")
        return ""
    return str(value)


def text_list(record: dict, key: str, where: str, problems: list[str]) -> list[str]:
    """A field holding a text or a list of texts, as a list."""
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    problems.append(f"{where}: {key!r} must be a text or a list of texts")
    return []
