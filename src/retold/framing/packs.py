"""Lexicon packs: named lexicons shipped with retold, chosen per run or per corpus.

A pack is a file `data/lexicons/<kind>/<name>.yml`, kind `loaded` (loaded terms), `naming` or
`speakers`. `general` is the default of each kind: news on any subject. `war` holds the
lexicons written for war reporting (the seed corpus uses them). A value is either a pack
name (letters, digits, - and _) or a path to a YAML file. On the command line a path is
taken as given; in corpus.yml (`lexicon:`, `naming:`, `speakers:`) a path is relative to
the corpus folder and must stay inside it, since corpora come from strangers. A corpus that
declares no speakers lexicon but has a `speakers.yml` beside its corpus.yml uses that file:
speakers and aliases are particular to one story, so they live with its corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..config import LEXICON_DIR
from .lexicon import LexiconError

KINDS = {"lexicon": "loaded", "naming": "naming", "speakers": "speakers"}
CORPUS_OWN = {"speakers": "speakers.yml"}  # a lexicon a corpus folder holds without declaring it
DEFAULT_PACK = "general"
PACK_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def is_pack_name(value: str) -> bool:
    """A bare name ("war"), as opposed to a path to a YAML file."""
    return bool(PACK_NAME.match(value))


def pack_names(kind: str) -> list[str]:
    """The packs shipped for one kind (`lexicon`, `naming` or `speakers`)."""
    return sorted(p.stem for p in (LEXICON_DIR / KINDS[kind]).glob("*.yml"))


def pack_path(kind: str, name: str) -> Path:
    """The file of a shipped pack; LexiconError naming the packs there are when it does not exist."""
    path = LEXICON_DIR / KINDS[kind] / f"{name}.yml"
    if not path.is_file():
        raise LexiconError([f"no {kind} pack {name!r} (packs: {', '.join(pack_names(kind))}; "
                            "`retold lexicons` describes them)"])
    return path


def _inside(folder: Path, relative: str, kind: str) -> Path:
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise LexiconError([f"{folder / 'corpus.yml'}: {kind}: {relative!r} is outside the corpus folder "
                            "(name a pack, or put the file inside the corpus folder)"])
    return path


def lexicon_path(kind: str, given: str | Path | None = None, declared: str | None = None,
                 corpus_dir: Path | None = None) -> Path:
    """The lexicon file to use: the one given (pack or path), else the corpus's declared one, else the corpus's
    own (`speakers.yml` beside corpus.yml), else `general`."""
    if given:
        if is_pack_name(str(given)):
            return pack_path(kind, str(given))
        if not Path(given).is_file():  # never a silent change of results
            raise LexiconError([f"{given}: {kind} lexicon not found (--{kind}, {kind.upper()}=)"])
        return Path(given)
    if declared:
        if is_pack_name(declared):
            return pack_path(kind, declared)
        return _inside(corpus_dir or Path("."), declared, kind)
    own = corpus_dir / CORPUS_OWN[kind] if corpus_dir is not None and kind in CORPUS_OWN else None
    if own is not None and own.is_file():
        return _inside(corpus_dir, CORPUS_OWN[kind], kind)
    return pack_path(kind, DEFAULT_PACK)


def _summary(path: Path) -> tuple[str, int]:
    """A pack's opening comment (first paragraph, shortened) and its number of entries."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    comment = []
    for line in lines[:next((i for i, x in enumerate(lines) if not x.startswith("#")), len(lines))]:
        if not line.strip("# "):
            break
        comment.append(line.strip("# "))
    first = " ".join(comment)
    first = first if len(first) <= 160 else first[:159].rsplit(" ", 1)[0] + "…"
    data = yaml.safe_load(text)
    items = data.get("terms") or data.get("concepts") or [] if isinstance(data, dict) else data or []
    return first, len(items)


def pack_listing() -> str:
    """Every shipped pack, one line each: option, name, entries, what it is."""
    lines = ["Lexicon packs (choose with --lexicon/--naming/--speakers NAME, LEXICON=NAME with make, "
             "or `lexicon: NAME` in corpus.yml):"]
    for kind in KINDS:
        for name in pack_names(kind):
            first, count = _summary(pack_path(kind, name))
            default = " (default)" if name == DEFAULT_PACK else ""
            lines.append(f"  --{kind} {name}{default}: {count} entries. {first}")
    return "\n".join(lines)
