"""The Dask engine: the same work on a Dask cluster (`pip install 'retold[dask]'`).

`DaskEngine()` starts a `LocalCluster` on this machine (one single-threaded worker
process per CPU, or `workers`), `DaskEngine(scheduler="tcp://host:8786")` joins a running
cluster. Maps run as partitions of the items (each partition a list of items scattered
to the workers, one task per partition, results gathered back in item order); the candidate search runs its inverted index and
its MinHash LSH bands as Dask dataframe group-bys (`engine.dask_candidates`). Workers
need retold installed (the same version); they read no files of ours: articles and
lexicons travel with the tasks.
"""

from __future__ import annotations

import logging
import math
import os
import threading
from concurrent.futures import Future
from contextlib import contextmanager
from functools import partial
from typing import Callable, Iterator, Sequence, TypeVar

from ..progress import progress
from . import done_now
from .local import run_chunk

R = TypeVar("R")

PARTITIONS_PER_WORKER = 8
MAX_PARTITION = 2000
IN_FLIGHT_PER_WORKER = 2


def _require_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed
    except ImportError as exc:
        raise RuntimeError("--engine dask needs Dask, an optional extra: pip install 'retold[dask]'") from exc
    return distributed


def _partition(chunk: list, func: Callable, star: bool) -> list:
    return run_chunk(func, chunk, star)


class DaskEngine:
    """Work on a Dask cluster: a LocalCluster of `workers` processes, or the one at `scheduler`."""

    name = "dask"
    pauses_collector = False  # its client (and a LocalCluster's scheduler) run here and make reference cycles

    def __init__(self, scheduler: str | None = None, workers: int | None = None, memory_limit: str = "auto"):
        distributed = _require_dask()
        self.cluster = None
        if scheduler:
            self.client = distributed.Client(scheduler)
        else:
            self.cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                    processes=True, memory_limit=memory_limit,
                                                    dashboard_address=None, silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)
        self._thread = threading.local()  # .priority of the tasks this thread sends (lower runs later)

    @property
    def parallel(self) -> bool:
        """Maps always run on the cluster's workers."""
        return True

    @property
    def submits_here(self) -> bool:
        """`submit` runs its call on the driver (see `submit`)."""
        return True

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, func: Callable[..., R], items: Sequence, desc: str = "", star: bool = False) -> list[R]:
        """`func` of every item (`func(*item)` with `star`), in item order, one task per partition of items,
        each sent to the worker with the fewest partitions in flight (so no worker waits while another queues).

        Partitions go out a few at a time (`IN_FLIGHT_PER_WORKER` per worker) and each result is fetched
        and released as soon as it is done, so neither the workers nor the scheduler hold the whole corpus
        or all its results at once. They are scattered as they are: dask.bag.from_sequence would hash
        every item (deep dataclasses: a quarter of a run's time) to name the graph."""
        from distributed import as_completed

        items = list(items)
        if not items:
            return []
        size = min(MAX_PARTITION, max(1, math.ceil(len(items) / (self.workers * PARTITIONS_PER_WORKER))))
        chunks = iter(enumerate(items[start:start + size] for start in range(0, len(items), size)))
        total = math.ceil(len(items) / size)
        task = partial(_partition, func=func, star=star)
        results: list[list | None] = [None] * total
        position: dict = {}
        running = as_completed()
        load = dict.fromkeys(sorted(self.client.scheduler_info().get("workers", {})), 0)

        def send_next() -> None:
            for number, chunk in chunks:
                target = min(load, key=lambda w: (load[w], w)) if load else None
                workers = [target] if target else None
                [part] = self.client.scatter([chunk], hash=False, workers=workers)
                future = self.client.submit(task, part, pure=False, workers=workers, allow_other_workers=bool(workers),
                                            priority=getattr(self._thread, "priority", 0))
                position[future] = (number, target)
                if target:
                    load[target] += 1
                running.add(future)
                return

        for _ in range(self.workers * IN_FLIGHT_PER_WORKER):
            send_next()
        for future in progress(running, desc, total=total, unit="part", min_items=2):
            number, target = position.pop(future)
            results[number] = future.result()
            future.release()
            if target in load:
                load[target] -= 1
            send_next()
        return [result for part in results for result in part]

    @contextmanager
    def background(self) -> Iterator[None]:
        """Partitions this thread sends in the block get a lower priority: the scheduler runs others first."""
        before = getattr(self._thread, "priority", 0)
        self._thread.priority = -1
        try:
            yield
        finally:
            self._thread.priority = before

    def candidate_pairs(self, texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2
                        ) -> list[tuple[int, int]]:
        from .dask_candidates import distributed_candidate_pairs

        return distributed_candidate_pairs(self.client, texts, owners, top_k=top_k, min_shared=min_shared)

    def prepare(self, items: int) -> None:
        """Nothing to start: the cluster is up from the start."""

    def submit(self, func: Callable[..., R], *args) -> Future:
        """`func(*args)` here and now: what it writes must land on this machine, not a worker's."""
        return done_now(func, *args)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "DaskEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
