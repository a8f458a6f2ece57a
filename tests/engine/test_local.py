"""The local engine: results in item order whether run here or on worker processes, the same tables."""

from __future__ import annotations

import pytest
from conftest import SEED_CORPUS

from retold.engine import open_engine, serial
from retold.engine.local import LocalEngine, chunked
from retold.pipeline import analyse, build_tables


def test_chunks_keep_order_and_cover_every_item():
    items = list(range(103))
    chunks = chunked(items, workers=2)
    assert [x for chunk in chunks for x in chunk] == items and len(chunks) > 2


def test_small_maps_stay_in_this_process():
    with LocalEngine(workers=2) as engine:
        assert engine.map(abs, [-1, 2, -3]) == [1, 2, 3]
        assert engine._pool is None


def test_worker_processes_give_results_in_order():
    with LocalEngine(workers=2, min_parallel=1) as engine:
        assert engine.map(abs, list(range(-50, 50))) == [abs(x) for x in range(-50, 50)]
        assert engine.map(divmod, [(7, 2), (9, 4)], star=True) == [(3, 1), (2, 1)]
        assert engine._pool is not None


def test_worker_processes_give_the_same_tables_on_the_seeds():
    expected = build_tables(analyse(SEED_CORPUS))
    with LocalEngine(workers=2, min_parallel=1) as engine:
        found = build_tables(analyse(SEED_CORPUS, engine=engine))
    assert list(found) == list(expected)
    for name in expected:
        assert found[name].equals(expected[name]), name


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        open_engine("spark")
    assert serial().workers == 1


def test_dask_engine_without_dask_is_one_clear_error(monkeypatch, tmp_path, capsys):
    from retold.cli import main

    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    assert main(["tables", str(SEED_CORPUS), str(tmp_path / "out"), "--engine", "dask"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["retold: error: --engine dask needs Dask, an optional extra: pip install 'retold[dask]'"]
    assert not (tmp_path / "out").exists()


def test_parallel_is_whether_the_worker_pool_runs():
    with LocalEngine(workers=2, min_parallel=1) as engine:
        assert not engine.parallel
        engine.map(abs, [-1, -2])
        assert engine.parallel
    assert not serial().parallel


@pytest.mark.parametrize("name", ["port-strike", "river-flood"])
def test_stages_overlapped_in_two_threads_give_the_tables_of_one(name):
    """With worker processes, the coverage chain runs in a second thread beside the quotation stages
    (`pipeline.iter_tables`); the tables, their order and the released results are those of one thread."""
    from conftest import REPO_ROOT

    from retold.pipeline import iter_tables

    corpus = REPO_ROOT / "tests" / "fixtures" / "corpora" / name
    expected = list(iter_tables(analyse(corpus), release=True))
    with LocalEngine(workers=2, min_parallel=1) as engine:
        analysis = analyse(corpus, engine=engine)
        assert engine.parallel
        found = list(iter_tables(analysis, release=True))
    assert [n for n, _ in found] == [n for n, _ in expected]
    for (table, frame), (_, wanted) in zip(found, expected):
        assert frame.equals(wanted), table
    assert all(not f.quotes and not f.term_hits for f in analysis.findings.values())


def _started_after(seconds: float) -> float:
    """When a worker started this task (wall clock), after working `seconds`."""
    import time

    started = time.time()
    time.sleep(seconds)
    return started


def test_background_work_takes_only_idle_workers():
    """A map sent in the background never queues ahead of work the foreground sends later: it holds at most
    the workers it is running on, so the foreground's tasks start as soon as those finish."""
    import threading
    import time

    with LocalEngine(workers=2, min_parallel=1) as engine:
        engine.map(abs, [-1, -2])  # the pool is up
        found = {}

        def behind():
            with engine.background():
                found["background"] = engine.map(_started_after, [0.4] * 8)

        thread = threading.Thread(target=behind)
        thread.start()
        time.sleep(0.2)
        found["foreground"] = engine.map(_started_after, [0.05] * 2)
        thread.join()
        assert not getattr(engine._thread, "background", False)
    later = sorted(found["background"])[2:]
    assert max(found["foreground"]) < min(later)  # FIFO would run all eight first
    assert engine._running == 0 and engine._single_behind == 0


def test_single_background_tasks_leave_a_worker_for_the_foreground():
    """Single background tasks (which can run for seconds) never hold every worker: a foreground task sent while
    they run starts at once."""
    import threading
    import time

    with LocalEngine(workers=2, min_parallel=1) as engine:
        engine.map(abs, [-1, -2])
        found = {}

        def behind():
            with engine.background():
                sent = [engine.submit(_started_after, 1.0) for _ in range(2)]
                found["background"] = [f.result() for f in sent]

        thread = threading.Thread(target=behind)
        thread.start()
        time.sleep(0.3)
        sent = time.time()
        found["foreground"] = engine.submit(_started_after, 0.0).result()
        thread.join()
    first, second = sorted(found["background"])
    assert second - first >= 0.9  # one at a time, on one worker
    assert found["foreground"] - sent < 0.5  # not behind a background task


def test_worker_tasks_run_after_freed_memory_is_handed_back():
    from retold.engine import trim_freed_memory
    from retold.engine.local import after_trim

    trim_freed_memory()  # glibc's malloc_trim here; nothing where there is none
    assert after_trim(divmod, 7, 2) == (3, 1)
