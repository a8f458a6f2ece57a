"""Results kept by key within one process, a bounded number of them.

Much of the analysis depends on one piece of text alone (a paragraph, a sentence, a window
before a cue) or on one set of texts, and syndicated copy repeats those word for word, so
each result is kept by what it depends on and reused.
"""

from __future__ import annotations

from typing import Callable, Hashable, Sequence, TypeVar

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

    def get_all(self, keys: Sequence[Hashable], compute: Callable[[list], Sequence[R]]) -> list[R]:
        """The result of each key (repeats allowed), those not kept computed by one `compute(missing keys)` call
        that returns their results in order, and kept (the store emptied first if they would overflow it)."""
        known = {key: self[key] for key in keys if key in self}
        missing = list(dict.fromkeys(key for key in keys if key not in known))
        if missing:
            found = dict(zip(missing, compute(missing)))
            if len(self) + len(found) > self.limit:
                self.clear()
            self.update(found)
            known.update(found)
        return [known[key] for key in keys]
