"""Benchmark the report build against the plain one-process-per-step baseline.

Measures, on one corpus with a ready .venv:
- baseline: each notebook (each article for per-article notebooks) run one after another with the
  `papermill` CLI, then `jupyter nbconvert --to html` CLI;
- full `make report` into an empty report folder (tables, all notebooks, three HTML editions, index);
- a no-op `make report` (nothing changed);
- `make report` after editing one article: which notebooks execute again.

Writes bench/results/report_build.md and .json, and prints the table.
Usage: python bench/report_build.py [--corpus PATH] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "src"))

from retold.corpus import load_corpus  # noqa: E402
from retold.build.execute import has_article_parameter, notebook_jobs  # noqa: E402


def timed(command: list[str], **kwargs) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - started, result.stdout + result.stderr


def baseline(corpus: Path, work: Path) -> float:
    """papermill CLI then nbconvert CLI, one notebook after another."""
    notebooks = ROOT / "notebooks"
    report_dir = work / "baseline"
    out = report_dir / "executed"
    out.mkdir(parents=True)
    jobs = notebook_jobs(notebooks, load_corpus(corpus), report_dir)
    started = time.perf_counter()
    for job in jobs:
        target = out / f"{job.name}.ipynb"
        command = [str(VENV_BIN / "papermill"), str(job.notebook), str(target), "--cwd", str(notebooks),
                   "--no-progress-bar"]
        for key, value in job.parameters.items():
            command += ["-p", key, str(value)]
        timed(command)
        timed([str(VENV_BIN / "jupyter"), "nbconvert", "--to", "html", str(target)])
    return time.perf_counter() - started


def make_report(corpus: Path, report_dir: Path) -> tuple[float, str]:
    return timed(["make", "-s", "report", f"CORPUS={corpus}", f"REPORT_DIR={report_dir}"], cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "data" / "corpora" / "kremlin-talks-2022-12-02"))
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nf-bench-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus)
        results: dict[str, object] = {"corpus": Path(args.corpus).name, "cores": os.cpu_count()}
        report_dir = work / "report"
        results["full_build_s"], _ = make_report(corpus, report_dir)
        results["noop_build_s"], _ = make_report(corpus, report_dir)
        article = sorted((corpus / "articles").glob("*.txt"))[-1]
        article.write_text(article.read_text(encoding="utf-8") + "\nOne added sentence for the benchmark.\n",
                           encoding="utf-8")
        results["edit_one_article_s"], output = make_report(corpus, report_dir)
        rerun = sorted(line.split()[1] for line in output.splitlines() if line.strip().startswith("executed "))
        total = len(list((report_dir / "executed").glob("*.ipynb")))
        results["edit_one_article_reexecuted"] = rerun
        results["notebook_executions"] = total
        per_article = [p.stem for p in (ROOT / "notebooks").glob("*.ipynb") if has_article_parameter(p)]
        results["per_article_notebooks"] = per_article
        if not args.skip_baseline:
            results["baseline_s"] = baseline(corpus, work)
            results["ratio_full_to_baseline"] = results["full_build_s"] / results["baseline_s"]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        "# Report build benchmark", "",
        f"Corpus `{results['corpus']}`, {results['cores']} cores, {results['notebook_executions']} notebook executions.", "",
        "| measurement | value |", "|---|---|",
        f"| full `make report` (empty report dir, ready .venv) | {results['full_build_s']:.1f} s |",
    ]
    if "baseline_s" in results:
        lines += [
            f"| baseline: papermill CLI + nbconvert CLI per notebook, in sequence | {results['baseline_s']:.1f} s |",
            f"| full build / baseline (target ≤ 0.5) | {results['ratio_full_to_baseline']:.2f} |",
        ]
    lines += [
        f"| no-op `make report` (target < 1 s) | {results['noop_build_s']:.2f} s |",
        f"| `make report` after editing one article | {results['edit_one_article_s']:.1f} s |",
        f"| notebooks re-executed after that edit | {len(results['edit_one_article_reexecuted'])} of "
        f"{results['notebook_executions']}: {', '.join(results['edit_one_article_reexecuted'])} |",
    ]
    text = "\n".join(lines) + "\n"
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report_build.md").write_text(text, encoding="utf-8")
    (out_dir / "report_build.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
