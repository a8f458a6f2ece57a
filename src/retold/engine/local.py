"""The local engine: work in this process, or spread over worker processes of this machine.

A pool of worker processes (started by a fork server that has already imported the
analysis code, so each starts in milliseconds) takes the items in chunks and sends
results back in item order. Starting the pool costs about a second, so it starts only for a map of at least
`min_parallel` items (the articles of a large corpus); once started, every later map of
two or more items uses it. On the classroom corpora nothing leaves this process, and
with `workers=1` nothing ever does.

Work started inside `background()` (the pipeline's second chain) takes only idle workers:
each of its tasks is sent when fewer tasks than workers are running, so the first chain's
tasks never queue behind it, at most behind tasks already running. A map's chunks are short,
but a single submitted task can run for seconds (keyness, the 5-gram overlap), so those never
take the last idle worker: the first chain always finds one.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import forkserver
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from ..progress import progress
from . import collector_paused, done_now, trim_freed_memory
from ..similarity.candidates import candidate_codes, decoded_pairs

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 400
CHUNKS_PER_WORKER = 16
PRELOAD = ["retold.article_stages"]  # what the workers run first: imported once, before they fork


def run_chunk(func: Callable[..., R], chunk: Iterable, star: bool = False) -> list[R]:
    """`func` over one chunk of items (what a worker process runs); with `star`, each item is a tuple of
    arguments."""
    with collector_paused():
        return [func(*item) for item in chunk] if star else [func(item) for item in chunk]


def after_trim(func: Callable[..., R], *args) -> R:
    """`func(*args)` on a worker, once the memory the worker's last task freed is handed back to the system
    (`trim_freed_memory`): a worker that once built a big table would otherwise stay that big."""
    trim_freed_memory()
    return func(*args)


def chunked(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """Items cut into about `CHUNKS_PER_WORKER` chunks per worker, in order."""
    size = max(1, math.ceil(len(items) / (workers * CHUNKS_PER_WORKER)))
    return [items[i:i + size] for i in range(0, len(items), size)]


class LocalEngine:
    """Worker processes on this machine (default: one per CPU); `workers=1` runs in this process."""

    name = "local"
    pauses_collector = True  # the pool's threads only pass results on

    def __init__(self, workers: int | None = None, min_parallel: int = PARALLEL_FROM):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.min_parallel = min_parallel
        self._pool: ProcessPoolExecutor | None = None
        self._starting = threading.Lock()
        self._running = 0  # tasks sent to the workers and not yet done
        self._single_behind = 0  # of them, single tasks sent in the background
        self._changed = threading.Condition()
        self._thread = threading.local()  # .background: this thread's tasks wait for an idle worker

    @property
    def parallel(self) -> bool:
        """Whether maps run on worker processes (the pool is running), so this process is free meanwhile."""
        return self._pool is not None

    @property
    def submits_here(self) -> bool:
        """Whether `submit` runs its call in this process (no pool running)."""
        return self._pool is None

    def _executor(self) -> ProcessPoolExecutor:
        with self._starting:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(PRELOAD)
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            return self._pool

    def prepare(self, items: int) -> None:
        """Told that a map of `items` items is coming: if it will run on workers, start the fork server now, so
        it imports the analysis code while this process reads the corpus."""
        if self.workers > 1 and items >= self.min_parallel:
            self._executor()
            forkserver.ensure_running()

    def map(self, func: Callable[..., R], items: Sequence, desc: str = "", star: bool = False) -> list[R]:
        """`func` of every item (`func(*item)` with `star`), in item order; in worker processes when there
        are enough items."""
        items = list(items)
        if self.workers == 1 or len(items) < (2 if self._pool else self.min_parallel):
            return run_chunk(func, progress(items, desc), star)
        chunks = chunked(items, self.workers)
        results = self._results([(run_chunk, func, chunk, star) for chunk in chunks])
        return list(progress((r for chunk in results for r in chunk), desc, total=len(items), min_items=2))

    @contextmanager
    def background(self) -> Iterator[None]:
        """Work this thread starts in the block runs on idle workers only (see the module docstring)."""
        before = getattr(self._thread, "background", False)
        self._thread.background = True
        try:
            yield
        finally:
            self._thread.background = before

    def _send(self, func: Callable[..., R], *args, single: bool = False) -> Future:
        """`func(*args)` sent to the pool (in the background, once a worker is idle, and for a `single` task once
        another is left for the foreground), counted while it runs."""
        pool = self._executor()
        behind = getattr(self._thread, "background", False)
        single_behind = single and behind
        with self._changed:
            if behind:
                self._changed.wait_for(lambda: self._running < self.workers and not (
                    single_behind and self._single_behind >= max(1, self.workers - 1)))
            self._single_behind += single_behind
            self._running += 1
        future = pool.submit(after_trim, func, *args)
        future.add_done_callback(partial(self._finished, single_behind))
        return future

    def _finished(self, single_behind: bool, _future: Future) -> None:
        with self._changed:
            self._running -= 1
            self._single_behind -= single_behind
            self._changed.notify_all()

    def _results(self, tasks: list[tuple]) -> Iterator:
        """The result of every task (func, *args), in order; in the background each is sent only when a worker is
        idle, so results are taken as they come meanwhile. If one fails, the tasks not yet started are cancelled."""
        sent: deque[Future] = deque()
        try:
            for task in tasks:
                sent.append(self._send(*task))
                while sent and sent[0].done():
                    yield sent.popleft().result()
            while sent:
                yield sent.popleft().result()
        finally:
            for future in sent:
                future.cancel()

    def candidate_pairs(self, texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2
                        ) -> list[tuple[int, int]]:
        """`similarity.candidates.candidate_pairs`, on a worker process when the pool is running: the search is
        the longest step of each chain's main-process work, and this process is then free for the other chain."""
        codes = self.submit(candidate_codes, texts, owners, top_k, min_shared).result()
        return decoded_pairs(codes, len(texts))

    def submit(self, func: Callable[..., R], *args) -> Future:
        """`func(*args)` on a worker process when the pool is running (a large corpus), else here and now."""
        return self._send(func, *args, single=True) if self._pool is not None else done_now(func, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
