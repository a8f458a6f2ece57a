"""Benchmark hostile inputs: how long `retold tables` takes on input built to stall it, or to refuse it.

Inputs (written to a temporary folder): a 1 MB article, a 200 KB paragraph without sentence punctuation,
three adversarial 200 KB paragraphs (a reporting verb every 11 characters, an opening quotation mark every 3,
a quotation and reporting clause every 21), the 1 MB article with the 194-entry general lexicon, a lexicon
regex bomb `(a+)+$` on 5,000 `a`s, a pattern validation lets through (stopped by the time bound), and YAML
alias bombs in corpus.yml and speakers.yml. Each is one `python -m retold tables` process, wall-clock
seconds, stopped after --limit seconds, with at most 4 GB of memory.

With --before REV, the same inputs also run on the code of that git revision (extracted with `git archive`),
for a before/after table. Writes bench/results/hostile.md and .json, and prints the table.
Usage: python bench/hostile.py [--before REV] [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import write_corpus  # noqa: E402
from hostile_texts import ADVERSARIAL, SEED_TEXTS, news, repeated, unpunctuated  # noqa: E402

from retold.config import DEFAULT_LEXICON as GENERAL  # noqa: E402  (the general loaded-terms pack)
BOMB = "".join([f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")])


def lexicon(pattern: str) -> str:
    return ("categories:\n  evaluative: judging words\nterms:\n  - term: bomb\n    pattern: '" + pattern
            + "'\n    category: evaluative\n    reason: a test entry\n")


def cases(work: Path) -> list[tuple[str, Path, list[str], str]]:
    """(name, corpus, extra arguments, what should happen)."""
    small = SEED_TEXTS[0]
    found = []

    def corpus(name: str, text: str) -> Path:
        return write_corpus(work / name, {"big": text, "small": small})

    article = corpus("article-1mb", news(1_000_000))
    found.append(("1 MB news article", article, [], "builds"))
    found.append(("1 MB news article, 194-entry general lexicon", article, ["--lexicon", str(GENERAL)], "builds"))
    found.append(("200 KB paragraph, no sentence punctuation", corpus("plain-200kb", unpunctuated(200_000)), [],
                  "builds"))
    for name, unit in ADVERSARIAL.items():
        found.append((f"200 KB paragraph, {name}", corpus(f"p{len(found)}", repeated(unit, 200_000)), [], "builds"))
    bomb_text = corpus("regex-bomb", "Title\n\n" + "a" * 5000 + "!\n")
    (work / "bomb.yml").write_text(lexicon("(a+)+$"), encoding="utf-8")
    found.append(("lexicon regex bomb (a+)+$ on 5,000 a's", bomb_text, ["--lexicon", str(work / "bomb.yml")],
                  "refused"))
    slow_text = corpus("slow-pattern", "Title\n\n" + "a" * 3000 + " y.\n")
    (work / "slow.yml").write_text(lexicon(r"\w*\w*\w*\w*\w*\w*y"), encoding="utf-8")
    found.append(("pattern that passes validation, backtracks O(n^6)", slow_text, ["--lexicon", str(work / "slow.yml")],
                  "refused"))
    yaml_bomb = write_corpus(work / "yaml-bomb", {"a1": small}, manifest_text=(
        "title: bomb\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB
        + "articles:\n  - {id: a1, file: articles/a1.txt, outlet: *i}\n"))
    found.append(("YAML alias bomb in corpus.yml (9^9 strings)", yaml_bomb, [], "refused"))
    (work / "speakers.yml").write_text("- name: X\n  aliases: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"- name: {n}\n  aliases: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")),
        encoding="utf-8")
    found.append(("YAML alias bomb in speakers.yml", corpus("speakers-bomb", small), ["--speakers",
                                                                                      str(work / "speakers.yml")],
                  "refused"))
    return found


MEMORY_LIMIT = 4 << 30  # a YAML bomb must not take the shared machine's memory


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(source: Path, corpus: Path, extra: list[str], out: Path, limit: float) -> tuple[float | None, int, str]:
    env = {**os.environ, "PYTHONPATH": str(source), "RETOLD_PROGRESS": "0"}
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "retold", "tables", str(corpus), str(out), "--quiet", *extra],
                                capture_output=True, text=True, env=env, timeout=limit, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        return None, -1, f"still running after {limit:.0f} s: stopped"
    seconds = time.perf_counter() - started
    message = (result.stderr.strip().splitlines() or [""])[-1].replace("retold: error: ", "")
    message = message.replace(str(corpus.parent) + "/", "")[:140]
    return seconds, result.returncode, message


def checkout(revision: str, target: Path) -> Path:
    archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True).stdout
    target.mkdir(parents=True)
    archive_path = target / "src.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(target)
    return target / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="", metavar="REV", help="also run the code of this git revision")
    parser.add_argument("--limit", type=float, default=300.0, help="stop a run after this many seconds")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="retold-hostile-"))
    results = []
    try:
        sources = {"now": ROOT / "src"}
        if args.before:
            sources[args.before] = checkout(args.before, work / "before")
        for name, corpus, extra, expected in cases(work):
            row = {"input": name, "expected": expected}
            for label, source in sources.items():
                seconds, code, message = run(source, corpus, extra, work / f"out-{len(results)}-{label}", args.limit)
                row[label] = {"seconds": seconds, "exit": code, "message": message}
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def shown(cell: dict) -> str:
        if cell["seconds"] is None:
            return f"> {args.limit:.0f} s (stopped)"
        outcome = "built" if cell["exit"] == 0 else "refused: " + cell["message"].replace("|", "/")[:90]
        return f"{cell['seconds']:.1f} s, {outcome}"

    labels = list(results[0])[2:] if results else []
    lines = ["# Hostile inputs", "", f"`python -m retold tables` per input, wall-clock seconds on {os.cpu_count()} "
             "cores (includes about 3 s of start-up and imports).", "",
             "| input | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    lines += [f"| {row['input']} | " + " | ".join(shown(row[label]) for label in labels) + " |" for row in results]
    text = "\n".join(lines) + "\n"
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "hostile.md").write_text(text, encoding="utf-8")
    (out_dir / "hostile.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
