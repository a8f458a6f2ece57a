"""Analysis at scale: `retold tables` on synthetic corpora of growing size, local and Dask engines.

For each size N, writes (or reuses) a synthetic corpus derived from the seed corpus, runs
`python -m retold tables` on it in a child process and records: wall time and throughput
(articles per second); CPU seconds and peak resident memory of the whole process tree (the
command, its worker processes or Dask workers; sampled every 0.2 s with psutil); the seconds
of each stage (timestamps of the stage lines the CLI prints); the size of the tables (MB, MB
per 1,000 articles, per table); the growth between sizes, (time ratio) / (size ratio): 1.0
is linear, 2.0 at a doubling means quadratic; and whether alignment still works (`quality`).
With --compare N, the tables of both engines at size N must be byte-identical.

    python bench/scale.py                                  # local engine, N = 1000, 2000, 5000, 10000
    python bench/scale.py --engine dask --sizes 1000,2000  # the Dask engine (LocalCluster)
    python bench/scale.py --engine dask --sizes 100000 --no-quality   # the big one (an hour or more)
    python bench/scale.py --engine both --compare 2000     # what `make bench` runs

Results go to bench/results/scale-<engine>.md and .json (and scale.md: every engine run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "data" / "corpora" / "kremlin-talks-2022-12-02"
MEMORY_LIMIT_MB = 4096
TARGET_RATE = 100
MAX_GROWTH = 2.1 / 2  # per doubling, as (time ratio) / (size ratio)
MIN_ALIGNED = 0.8
MIN_PURITY = 0.85
MAX_SPLIT = 3.0


def synthetic_corpus(n: int, seed: int, work: Path) -> Path:
    """A synthetic corpus of n articles, written once and reused by later runs."""
    folder = work / f"synth-{n}-seed{seed}"
    if not (folder / "corpus.yml").exists():
        from retold.synth import write_synthetic_corpus

        started = time.perf_counter()
        write_synthetic_corpus(SEED_CORPUS, folder, n, seed=seed)
        print(f"  wrote synthetic corpus of {n} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


class TreeSampler(threading.Thread):
    """Peak summed RSS and CPU seconds of a process and all its descendants, sampled while it runs."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        import psutil

        self.root, self.interval, self.peak_rss, self.cpu = psutil.Process(pid), interval, 0, {}
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stopped.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            rss = 0
            for process in tree:
                try:
                    rss += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
                except psutil.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            self.stopped.wait(self.interval)


def measure_tables(corpus: Path, out_dir: Path, engine: str, extra: list[str]) -> dict:
    """Run `retold tables` in a child; wall and CPU seconds, peak tree memory (MB), seconds per stage, sizes."""
    command = [sys.executable, "-m", "retold", "tables", str(corpus), str(out_dir), "--engine", engine, *extra]
    env = {**os.environ, "RETOLD_PROGRESS": "0", "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, encoding="utf-8", errors="replace")
    sampler = TreeSampler(child.pid)
    sampler.start()
    marks: list[tuple[str, float]] = [("articles", started)]
    errors = []
    for line in child.stderr:
        stripped = line.strip()
        if stripped.endswith("…") and " " not in stripped[:-2].strip():
            marks.append((stripped[:-1].strip(), time.perf_counter()))
            print(f"  {corpus.name}: {marks[-1][0]} after {marks[-1][1] - started:.0f} s, peak so far "
                  f"{sampler.peak_rss / 2 ** 20:.0f} MB", file=sys.stderr, flush=True)
        elif stripped and not stripped.startswith("warning:"):
            errors.append(stripped)
    _, status, usage = os.wait4(child.pid, 0)
    ended = time.perf_counter()
    sampler.stopped.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"retold tables failed on {corpus} (exit {code}):\n" + "\n".join(errors[-20:]))
    marks.append(("write", ended))
    stages = {name: round(marks[i + 1][1] - at, 2) for i, (name, at) in enumerate(marks[:-1])}
    own_rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    sizes = {p.name: p.stat().st_size for p in out_dir.iterdir() if p.is_file() and not p.name.startswith(".")}
    return {"seconds": round(ended - started, 2), "cpu_seconds": round(sum(sampler.cpu.values()), 1),
            "peak_mb": round(max(sampler.peak_rss / 2 ** 20, own_rss / 1024), 1), "stages": stages,
            "output_mb": round(sum(sizes.values()) / 1e6, 2),
            "table_mb": {name: round(size / 1e6, 3) for name, size in sorted(sizes.items())}}


def quality(tables: Path, seed_tables: Path) -> dict:
    """Does the alignment still work at this size? Compared with the seed corpus's own alignment.

    Every synthetic sentence descends from a seed sentence, so it should land in a claim
    with the other descendants of that seed claim. Each synthetic sentence is mapped to
    its most similar seed sentence (retold.similarity); then `purity` is the share of
    sentences whose claim's majority seed claim is their own, and `split` the mean number
    of synthetic claims a seed claim is spread over (1.0 is perfect; a blind index makes
    it hundreds). `aligned` and `quotes_grouped` are the shares of sentences and
    quotations that share a claim or group with another article.
    """
    import numpy as np
    import pandas as pd

    from retold.similarity.vectors import text_vectors

    claims = pd.read_csv(tables / "claims.csv", keep_default_na=False, low_memory=False)
    seed = pd.read_csv(seed_tables / "claims.csv", keep_default_na=False)
    quotes = pd.read_csv(tables / "quotes.csv", keep_default_na=False, low_memory=False)
    vectors = text_vectors(seed.text.tolist() + claims.text.tolist())
    n_seed = len(seed)
    seeds = vectors.index[:n_seed]
    nearest = []
    for start in range(0, len(claims), 2000):
        rows = vectors.index[np.arange(start, min(start + 2000, len(claims))) + n_seed]
        stems = (vectors.stems[rows] @ vectors.stems[seeds].T).toarray() \
            / np.sqrt(np.maximum(np.outer(vectors.sizes[rows], vectors.sizes[seeds]), 1))
        chars = (vectors.chars[rows] @ vectors.chars[seeds].T).toarray()
        nearest.extend(np.argmax(0.5 * stems + 0.5 * chars, axis=1))
    claims["seed_claim"] = seed.claim.to_numpy()[np.asarray(nearest, dtype=int)]
    majority = claims.groupby("claim")["seed_claim"].agg(lambda s: s.value_counts().iloc[0]).sum()

    def shared(frame: pd.DataFrame, key: str) -> float:
        articles = frame.groupby(key)["article"].nunique()
        return round(float(frame[key].isin(articles[articles > 1].index).mean()), 3)

    return {"claims": int(claims.claim.nunique()), "aligned": shared(claims, "claim"),
            "purity": round(float(majority / len(claims)), 3),
            "split": round(float(claims.groupby("seed_claim")["claim"].nunique().mean()), 2),
            "quotes_grouped": shared(quotes, "group")}


def growth(rows: list[dict], startup: float) -> None:
    """Throughput, and (time ratio)/(size ratio) against the size before, with and without start-up time."""
    for row in rows:
        row["rate"] = round(row["n"] / row["seconds"], 1)
        row["net_seconds"] = round(max(row["seconds"] - startup, 0.01), 2)
        row["mb_per_1000"] = round(row["output_mb"] / row["n"] * 1000, 2)
    for previous, row in zip(rows, rows[1:]):
        size_ratio = row["n"] / previous["n"]
        row["size_ratio"] = round(size_ratio, 2)
        row["time_ratio"] = round(row["seconds"] / previous["seconds"], 2)
        row["growth"] = round(row["time_ratio"] / size_ratio, 2)
        row["net_growth"] = round(row["net_seconds"] / previous["net_seconds"] / size_ratio, 2)


def verdicts(rows: list[dict]) -> list[str]:
    found = []
    for row in rows:
        q = row.get("quality", {})
        if q and (q["aligned"] < MIN_ALIGNED or q["purity"] < MIN_PURITY or q["split"] > MAX_SPLIT):
            found.append(f"- N={row['n']}: alignment quality fell (aligned {q['aligned']}, purity {q['purity']}, "
                         f"split {q['split']})")
        if row["peak_mb"] >= MEMORY_LIMIT_MB:
            found.append(f"- N={row['n']}: peak memory {row['peak_mb']} MB is over the {MEMORY_LIMIT_MB} MB target")
        if row.get("net_growth", 0) > MAX_GROWTH:
            found.append(f"- N={row['n']}: net time grew {row['net_growth']}x faster than the corpus (target: at most "
                         f"{MAX_GROWTH}, i.e. 2.1 per doubling)")
        if row["n"] >= 10000 and row["rate"] < TARGET_RATE:
            found.append(f"- N={row['n']}: {row['rate']} articles per second, under the target of {TARGET_RATE}")
    return found or ["- within targets"]


def markdown(engine: str, rows: list[dict], baseline: dict, load: tuple[float, float, float]) -> str:
    stages = list(dict.fromkeys(name for row in rows for name in row["stages"]))
    tables = sorted({t for row in rows for t in row["table_mb"]}, key=lambda t: -max(r["table_mb"].get(t, 0)
                                                                                    for r in rows))[:6]
    lines = [f"## `retold tables --engine {engine}` at scale", "",
             f"Machine: {os.cpu_count()} CPU(s), Python {platform.python_version()}, {platform.system()}; load "
             f"average when the run started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other work on the machine "
             f"slows every figure). Seed-corpus run (5 articles, start-up cost): {baseline['seconds']} s.", "",
             "rate = articles per second; growth = (time ratio) / (size ratio) against the previous size (1.0 is "
             "linear; 2.1 per doubling is 1.05); net = minus the seed-corpus run. CPU = seconds of every process "
             "of the run (workers included); peak MB = summed resident memory of those processes.", "",
             "| N | seconds | rate | CPU s | peak MB | output MB | MB / 1,000 art. | time ratio | growth | net growth |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']} | {r['seconds']} | {r['rate']} | {r['cpu_seconds']} | {r['peak_mb']} | "
                     f"{r['output_mb']} | {r['mb_per_1000']} | {r.get('time_ratio', '')} | {r.get('growth', '')} | "
                     f"{r.get('net_growth', '')} |")
    lines += ["", "Seconds per stage:", "", "| N | " + " | ".join(stages) + " |", "|---:|" + "---:|" * len(stages)]
    lines += [f"| {r['n']} | " + " | ".join(str(r["stages"].get(s, "")) for s in stages) + " |" for r in rows]
    lines += ["", "Largest tables (MB):", "", "| N | " + " | ".join(tables) + " |", "|---:|" + "---:|" * len(tables)]
    lines += [f"| {r['n']} | " + " | ".join(str(r["table_mb"].get(t, "")) for t in tables) + " |" for r in rows]
    lines += ["", "Alignment quality (see `quality` in bench/scale.py):", "",
              "| N | claims | aligned | purity | split | quotes grouped |", "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        q = r.get("quality", {})
        lines.append(f"| {r['n']} | {q.get('claims', '')} | {q.get('aligned', '')} | {q.get('purity', '')} | "
                     f"{q.get('split', '')} | {q.get('quotes_grouped', '')} |")
    return "\n".join(lines + ["", "Verdict:", "", *verdicts(rows), ""])


def run_engine(engine: str, sizes: list[int], args: argparse.Namespace, work: Path) -> tuple[list[dict], dict]:
    extra = ["--workers", str(args.workers)] if args.workers else []
    print(f"[{engine}] seed corpus …", file=sys.stderr)
    baseline = measure_tables(SEED_CORPUS, work / f"{engine}-seed", engine, extra)
    rows = []
    for n in sizes:
        print(f"[{engine}] N = {n} …", file=sys.stderr)
        out = work / f"{engine}-{n}"
        row = {"n": n, **measure_tables(synthetic_corpus(n, args.seed, work), out, engine, extra)}
        if args.quality:
            row["quality"] = quality(out, work / f"{engine}-seed")
        print(f"  {row['seconds']} s, {row['peak_mb']} MB, {row['output_mb']} MB out, stages {row['stages']}, "
              f"quality {row.get('quality')}", file=sys.stderr)
        rows.append(row)
    growth(rows, baseline["seconds"])
    return rows, baseline


def same_tables(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.csv"))
    return names == sorted(p.name for p in b.glob("*.csv")) and all(
        (a / name).read_bytes() == (b / name).read_bytes() for name in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--engine", choices=["local", "dask", "both"], default="local")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per CPU)")
    parser.add_argument("--compare", type=int, default=0, metavar="N",
                        help="with --engine both: check that both engines wrote identical tables at size N")
    parser.add_argument("--no-quality", dest="quality", action="store_false", help="skip the alignment check")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", default=str(REPO / "bench" / ".work"), help="where corpora and tables go")
    parser.add_argument("--results", default=str(REPO / "bench" / "results"))
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | ({args.compare} if args.compare else set()))
    work, results = Path(args.work), Path(args.results)
    work.mkdir(parents=True, exist_ok=True)
    results.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    engines = ["local", "dask"] if args.engine == "both" else [args.engine]
    sections = []
    for engine in engines:
        rows, baseline = run_engine(engine, sizes, args, work)
        report = markdown(engine, rows, baseline, load)
        sections.append(report)
        (results / f"scale-{engine}.md").write_text("# Scale\n\n" + report, encoding="utf-8")
        (results / f"scale-{engine}.json").write_text(json.dumps(
            {"engine": engine, "baseline": baseline, "sizes": rows, "cpus": os.cpu_count(), "load": load,
             "python": platform.python_version()}, indent=2) + "\n", encoding="utf-8")
    if args.compare and len(engines) == 2:
        same = same_tables(work / f"local-{args.compare}", work / f"dask-{args.compare}")
        sections.append(f"## Local and Dask engines\n\nAt N = {args.compare} the two engines wrote "
                        f"{'byte-identical' if same else 'DIFFERENT'} tables.\n")
    (results / "scale.md").write_text("# `retold tables` at scale\n\n" + "\n".join(sections), encoding="utf-8")
    print("\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
