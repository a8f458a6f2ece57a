"""Engines: where the per-article work and the cross-article candidate search run.

The pipeline asks an engine for two things:

* `map(func, items, desc, star)`: `func` applied to every item (`func(*item)` with `star`),
  results in item order. The
  per-article stages (segment, quotations, voice, lexicon hits), the character
  vectors of many texts and the meaning flags of many pairs go through it.
* `candidate_pairs(texts, owners, top_k, min_shared)`: which pairs of texts from
  different owners are worth scoring (`similarity.candidates`).

Besides, `submit(func, *args)` runs one call where the engine likes (writing a table file
while the next is built), and `prepare(items)` is told how many articles are coming
before they are read, so workers can start meanwhile. When `parallel` is true (maps run
in other processes), the pipeline computes two independent chains of stages side by side,
the second inside `background()`: its work yields to the first chain's on the workers.

`local` (the default) runs them in this process, or spread over worker processes when
a corpus is large enough to repay starting them; `dask` runs them on a Dask cluster
(`retold.engine.dask`, an optional extra). Every engine gives the same tables: the
work functions are the same pure functions, results come back in item order, and the
candidate search follows the same rules.
"""

from __future__ import annotations

import ctypes
import gc
from concurrent.futures import Future
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, ContextManager, Iterator, Protocol, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


class Engine(Protocol):
    name: str
    parallel: bool  # maps run in other processes, so two stages can overlap here (`pipeline.iter_tables`)
    submits_here: bool  # `submit` runs its call in this process (so a result computed ahead would be held here)
    pauses_collector: bool  # this process makes no reference cycles while the engine works: see `collector_paused`

    def map(self, func: Callable[..., R], items: Sequence, desc: str = "", star: bool = False) -> list[R]: ...

    def candidate_pairs(self, texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2,
                        ) -> list[tuple[int, int]]: ...

    def submit(self, func: Callable[..., R], *args) -> Future: ...

    def background(self) -> ContextManager[None]: ...

    def prepare(self, items: int) -> None: ...

    def close(self) -> None: ...


def open_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None,
                **options: Any) -> Engine:
    """An engine by name: `local` (worker processes, default one per CPU) or `dask` (a LocalCluster of
    `workers` processes, or the cluster whose scheduler is at `scheduler`)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers, **options)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def done_now(func: Callable[..., R], *args) -> Future:
    """`func(*args)` run here and now, as a finished Future (what `Engine.submit` gives without workers)."""
    done: Future = Future()
    done.set_result(func(*args))
    return done


def serial() -> Engine:
    """The engine that runs everything in this process, one item after another."""
    from .local import LocalEngine

    return LocalEngine(workers=1)


def map_distinct(engine: Engine | None, func: Callable[..., R], items: Sequence, desc: str = "",
                 star: bool = False) -> list[R]:
    """`engine.map` (default: this process) over the distinct items only, the result of each item in item
    order. For a `func` of its item alone: pairs of texts repeated word for word (syndicated copy) are
    compared once."""
    numbers: dict = {}
    index = [numbers.setdefault(item, len(numbers)) for item in items]
    results = (engine or serial()).map(func, list(numbers), desc, star)
    return [results[k] for k in index]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a block that makes many objects and no reference cycles (the findings
    of every article, a worker's chunk of them): each collection would walk all of them again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def trim_freed_memory() -> None:
    """Hand the memory this process has freed back to the system (glibc's malloc_trim; elsewhere nothing):
    glibc keeps it for reuse, so a process that once held a big table would stay that big."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc (macOS, musl)
        return None
