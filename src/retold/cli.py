"""Command line: `retold check|tables|report|synth` (also `python -m retold`)."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path


def _lexicon_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lexicon", default="", help="loaded-terms lexicon (YAML); default data/lexicons/loaded_terms.yml")
    parser.add_argument("--naming", default="", help="naming lexicon (YAML); default data/lexicons/naming.yml")
    parser.add_argument("--speakers", default="", help="speakers lexicon (YAML); default data/lexicons/speakers.yml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="retold", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate a corpus folder and print every problem")
    check.add_argument("corpus")

    tables = commands.add_parser("tables", help="compute every table of a corpus into OUT_DIR as CSV")
    tables.add_argument("corpus")
    tables.add_argument("out_dir")
    tables.add_argument("--quiet", action="store_true", help="no progress output")
    _lexicon_args(tables)

    report = commands.add_parser("report", help="run the notebooks and render the HTML report")
    report.add_argument("corpus")
    report.add_argument("report_dir")
    report.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    report.add_argument("--notebooks", default="notebooks", help="folder of the notebooks")
    report.add_argument("--force", action="store_true", help="re-execute every notebook")
    _lexicon_args(report)

    handout = commands.add_parser("handout", help="print-ready handout of the reading edition (HTML, and PDF via Chromium)")
    handout.add_argument("corpus")
    handout.add_argument("report_dir")
    handout.add_argument("--notebooks", default="notebooks", help="folder of the notebooks")
    handout.add_argument("--no-pdf", action="store_true", help="only the print-ready HTML")

    synth = commands.add_parser("synth", help="write a synthetic corpus of N articles derived from a seed corpus")
    synth.add_argument("n", type=int)
    synth.add_argument("out_dir")
    synth.add_argument("--from", dest="seed_corpus", default="", help="seed corpus (default: the study corpus)")
    synth.add_argument("--seed", type=int, default=0, help="random seed")
    return parser


def _fail(message: str) -> int:
    print(f"retold: error: {message}", file=sys.stderr)
    return 1


def run_check(corpus: str) -> int:
    from .corpus import check_corpus

    problems, found_warnings = check_corpus(corpus)
    for message in found_warnings:
        print(f"warning: {message}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {corpus}", file=sys.stderr)
        return 1
    print(f"{corpus}: OK")
    return 0


def run_tables(args: argparse.Namespace) -> int:
    from .pipeline import Lexicons, analyse
    from .tables import build_tables, mark_tables_current, write_tables

    started = time.perf_counter()
    from .progress import set_quiet

    set_quiet(args.quiet)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = analyse(args.corpus, Lexicons.from_paths(args.lexicon, args.naming, args.speakers))
    for message in analysis.corpus.warnings:
        print(f"warning: {message}", file=sys.stderr)
    progress = None if args.quiet else (lambda stage: print(f"  {stage} …", file=sys.stderr))
    frames = build_tables(analysis, progress=progress)
    written = write_tables(frames, args.out_dir)
    mark_tables_current(args.out_dir, analysis.corpus, analysis.lexicons)
    if not args.quiet:
        print(f"{len(written)} tables for {len(analysis.corpus.articles)} articles in "
              f"{time.perf_counter() - started:.1f} s -> {args.out_dir}", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from .report import build_report

    build_report(args.corpus, args.report_dir, notebooks_dir=args.notebooks, jobs=args.jobs, force=args.force,
                 lexicon=args.lexicon, naming=args.naming, speakers=args.speakers)
    return 0


def run_handout(args: argparse.Namespace) -> int:
    from .handout import write_handout

    for path in write_handout(args.corpus, args.report_dir, args.notebooks, pdf=not args.no_pdf):
        print(f"wrote {path}")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from .pipeline import DEFAULT_CORPUS
    from .synth import write_synthetic_corpus

    path = write_synthetic_corpus(args.seed_corpus or DEFAULT_CORPUS, args.out_dir, args.n, seed=args.seed)
    print(f"wrote {args.n} articles to {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .corpus import CorpusError

    try:
        if args.command == "check":
            return run_check(args.corpus)
        if args.command == "tables":
            return run_tables(args)
        if args.command == "report":
            return run_report(args)
        if args.command == "handout":
            return run_handout(args)
        return run_synth(args)
    except CorpusError as exc:
        return _fail(f"the corpus has problems:\n{exc}")
    except (ValueError, OSError, RuntimeError) as exc:
        return _fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
