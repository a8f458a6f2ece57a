"""Where each kind of output goes inside a report folder, and how files are replaced safely."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Layout:
    """The report folder: tables/, executed/, figures/, one folder per edition, index.html."""

    root: Path
    tables: Path = field(init=False)
    executed: Path = field(init=False)
    figures: Path = field(init=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.tables = self.root / "tables"
        self.executed = self.root / "executed"
        self.figures = self.root / "figures"

    def html(self, edition: str, name: str) -> Path:
        return self.root / edition / f"{name}.html"


def write_atomic(target: Path, text: str | bytes) -> None:
    """Write a file under a temporary name, then rename it into place: readers never see half a file, and a
    file hard-linked from the previous build is replaced, never edited. A failure names the file."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, f"cannot write {target}: {exc.strerror or exc}") from None
