"""Progress bars for long per-article loops, shown only to a person watching a terminal.

Stages wrap their long loops with `progress(items, "quotes")`, engines their maps. The bar goes
to stderr, so tables and other output are byte-identical with or without it, and it
stays hidden when stderr is not a terminal (notebooks, make logs, tests), when the
corpus is small, when `set_quiet(True)` was called (`retold tables --quiet`), or
when the environment sets RETOLD_PROGRESS=0.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

MIN_ITEMS = 500
_quiet = False


def set_quiet(quiet: bool) -> None:
    """Hide (True) or allow (False) progress bars for the rest of this process."""
    global _quiet
    _quiet = quiet


def enabled(total: int | None, min_items: int = MIN_ITEMS) -> bool:
    """Whether a bar over `total` items would be shown now."""
    if _quiet or os.environ.get("RETOLD_PROGRESS", "1") == "0":
        return False
    if total is not None and total < min_items:
        return False
    return sys.stderr.isatty()


def progress(items: Iterable[T], desc: str = "", total: int | None = None, unit: str = "it",
             min_items: int = MIN_ITEMS) -> Iterator[T]:
    """Iterate over `items`, drawing a tqdm bar with the time left on stderr when `enabled` (at least
    `min_items` items: fewer, heavier items such as the chunks of a parallel map can lower it); items pass
    through unchanged."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if not desc or not enabled(total, min_items):
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, file=sys.stderr, leave=False, mininterval=0.5,
                    dynamic_ncols=True, unit=unit)
