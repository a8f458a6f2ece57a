"""Results kept by key within one process, a bounded number of them.

Much of the analysis depends on one piece of text alone (a paragraph, a sentence, a window
before a cue) or on one set of texts, and syndicated copy repeats those word for word, so
each result is kept by what it depends on and reused.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

R = TypeVar("R")


class Kept(dict):
    """Results by key; emptied when it holds `limit` of them (no bookkeeping on each hit, as least recently
    used would need: a corpus's repeats come close together, so starting afresh costs little)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def get_or(self, key: Hashable, compute: Callable[[], R]) -> R:
        """The result kept for `key`, else `compute()`, kept."""
        found = self.get(key)
        if found is None:
            found = compute()
            if len(self) >= self.limit:
                self.clear()
            self[key] = found
        return found
