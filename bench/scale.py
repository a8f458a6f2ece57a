"""Analysis at scale: `retold tables` on synthetic corpora of growing size.

For each size N, writes (or reuses) a synthetic corpus derived from the seed corpus,
runs `python -m retold tables` on it in a child process, and records wall time,
the child's peak resident memory (from `os.wait4`, i.e. getrusage of that child), and
the time spent in each stage (timestamps of the stage lines the CLI prints). Then
prints a table with the growth between successive sizes, (time ratio) / (size ratio):
1.0 is linear growth, 2.0 at a doubling means quadratic.

    python bench/scale.py                      # N = 1000, 2000, 5000, 10000
    python bench/scale.py --sizes 1000,2000    # a quicker check

Results go to bench/results/scale.md and scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "data" / "corpora" / "kremlin-talks-2022-12-02"
MEMORY_LIMIT_MB = 4096
LINEAR_TOLERANCE = 1.3
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


def measure_tables(corpus: Path, out_dir: Path) -> dict:
    """Run `retold tables` in a child; return seconds, peak RSS (MB) and seconds per stage."""
    command = [sys.executable, "-m", "retold", "tables", str(corpus), str(out_dir)]
    env = {**os.environ, "RETOLD_PROGRESS": "0", "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, encoding="utf-8", errors="replace")
    marks: list[tuple[str, float]] = [("load+segment", started)]
    errors = []
    for line in child.stderr:
        stripped = line.strip()
        if stripped.endswith("…") and " " not in stripped[:-2].strip():
            marks.append((stripped[:-1].strip(), time.perf_counter()))
        elif stripped and not stripped.startswith("warning:"):
            errors.append(stripped)
    _, status, usage = os.wait4(child.pid, 0)
    ended = time.perf_counter()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"retold tables failed on {corpus} (exit {code}):\n" + "\n".join(errors[-20:]))
    marks.append(("write", ended))
    stages = {name: round(marks[i + 1][1] - at, 3) for i, (name, at) in enumerate(marks[:-1])}
    rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return {"seconds": round(ended - started, 2), "peak_mb": round(rss_kb / 1024, 1), "stages": stages}


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
    nearest = []
    for start in range(0, len(claims), 2000):
        rows = np.arange(start, min(start + 2000, len(claims))) + n_seed
        stems = (vectors.stems[rows] @ vectors.stems[:n_seed].T).toarray() \
            / np.sqrt(np.maximum(np.outer(vectors.sizes[rows], vectors.sizes[:n_seed]), 1))
        chars = (vectors.chars[rows] @ vectors.chars[:n_seed].T).toarray()
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
    """Add (time ratio)/(size ratio) between each size and the one before, with and without start-up time."""
    for row in rows:
        row["net_seconds"] = round(max(row["seconds"] - startup, 0.01), 2)
    for previous, row in zip(rows, rows[1:]):
        size_ratio = row["n"] / previous["n"]
        time_ratio = row["seconds"] / previous["seconds"]
        net_ratio = row["net_seconds"] / previous["net_seconds"]
        row["time_ratio"] = round(time_ratio, 2)
        row["size_ratio"] = round(size_ratio, 2)
        row["growth"] = round(time_ratio / size_ratio, 2)
        row["net_growth"] = round(net_ratio / size_ratio, 2)


def markdown(rows: list[dict], baseline: dict) -> str:
    stages = list(dict.fromkeys(name for row in rows for name in row["stages"]))
    lines = [
        "# `retold tables` at scale",
        "",
        f"Machine: {os.cpu_count()} CPU(s), Python {platform.python_version()}, {platform.system()}. "
        f"Seed-corpus run (5 articles, start-up cost): {baseline['seconds']} s, {baseline['peak_mb']} MB.",
        "",
        "growth = (time ratio) / (size ratio) against the previous size: 1.0 is linear, "
        f"above {LINEAR_TOLERANCE} flags super-linear growth. net = seconds minus the seed-corpus run "
        "(start-up and imports), so net growth is not flattered by the fixed cost. "
        f"Memory target: under {MEMORY_LIMIT_MB} MB.",
        "",
        "| N | seconds | net seconds | peak MB | time ratio | size ratio | growth | net growth |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['n']} | {row['seconds']} | {row['net_seconds']} | {row['peak_mb']} | "
                     f"{row.get('time_ratio', '')} | {row.get('size_ratio', '')} | {row.get('growth', '')} | "
                     f"{row.get('net_growth', '')} |")
    lines += ["", "Seconds per stage:", "", "| N | " + " | ".join(stages) + " |",
              "|---:|" + "---:|" * len(stages)]
    for row in rows:
        lines.append(f"| {row['n']} | " + " | ".join(str(row["stages"].get(s, "")) for s in stages) + " |")
    lines += ["", "Alignment quality (see `quality` in bench/scale.py): aligned = share of sentences in a claim "
              "with another article; purity = share of sentences in a claim whose majority seed claim is their "
              "own; split = synthetic claims per seed claim (1.0 is perfect); quotes grouped = share of "
              "quotations in a group with another article.", "",
              "| N | claims | aligned | purity | split | quotes grouped |", "|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        q = row.get("quality", {})
        lines.append(f"| {row['n']} | {q.get('claims', '')} | {q.get('aligned', '')} | {q.get('purity', '')} | "
                     f"{q.get('split', '')} | {q.get('quotes_grouped', '')} |")
    verdicts = []
    for row in rows:
        q = row.get("quality", {})
        if q and (q["aligned"] < MIN_ALIGNED or q["purity"] < MIN_PURITY or q["split"] > MAX_SPLIT):
            verdicts.append(f"- N={row['n']}: alignment quality fell (aligned {q['aligned']}, purity {q['purity']}, "
                            f"split {q['split']})")
        if row["peak_mb"] >= MEMORY_LIMIT_MB:
            verdicts.append(f"- N={row['n']}: peak memory {row['peak_mb']} MB is over the {MEMORY_LIMIT_MB} MB target")
        if row.get("net_growth", 0) > LINEAR_TOLERANCE:
            verdicts.append(f"- N={row['n']}: net time grew {row['net_growth']}x faster than the corpus "
                            "(super-linear)")
    lines += ["", "Verdict:", ""] + (verdicts or ["- within targets: memory under the limit, growth close to linear, "
                                                  "alignment quality held"])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", default=str(REPO / "bench" / ".work"), help="where corpora and tables go")
    parser.add_argument("--results", default=str(REPO / "bench" / "results"))
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work, results = Path(args.work), Path(args.results)
    work.mkdir(parents=True, exist_ok=True)
    results.mkdir(parents=True, exist_ok=True)

    print("seed corpus …", file=sys.stderr)
    baseline = measure_tables(SEED_CORPUS, work / "tables-seed")
    rows = []
    for n in sizes:
        print(f"N = {n} …", file=sys.stderr)
        corpus = synthetic_corpus(n, args.seed, work)
        row = {"n": n, **measure_tables(corpus, work / f"tables-{n}")}
        row["quality"] = quality(work / f"tables-{n}", work / "tables-seed")
        print(f"  {row['seconds']} s, {row['peak_mb']} MB, stages {row['stages']}, quality {row['quality']}",
              file=sys.stderr)
        rows.append(row)
    growth(rows, baseline["seconds"])
    report = markdown(rows, baseline)
    (results / "scale.md").write_text(report, encoding="utf-8")
    (results / "scale.json").write_text(
        json.dumps({"baseline": baseline, "sizes": rows, "cpus": os.cpu_count(),
                    "python": platform.python_version()}, indent=2) + "\n", encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
