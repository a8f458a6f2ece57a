"""Command line: `retold check|tables|report|handout|import|lexicons|synth` (also `python -m retold`).

Only the command that runs imports what it needs, so `retold check` starts in a
fraction of a second without loading pandas, scikit-learn or matplotlib.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from . import __version__


def _lexicon_args(parser: argparse.ArgumentParser) -> None:
    for option, what in (("lexicon", "loaded-terms lexicon"), ("naming", "naming lexicon"),
                         ("speakers", "speakers lexicon")):
        parser.add_argument(f"--{option}", default="", metavar="PACK|YAML",
                            help=f"{what}: a pack name (`retold lexicons` lists them) or a YAML file (default: the "
                                 f"pack or file corpus.yml names under `{option}:`"
                                 + (", else speakers.yml beside corpus.yml" if option == "speakers" else "")
                                 + ", else `general`)")


def _engine_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="where the work runs: local processes (default) or a Dask cluster (pip install "
                        "retold[dask])")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: one per CPU; 1 runs everything in this process)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: the scheduler of a running cluster (default: start a "
                        "LocalCluster on this machine)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="retold", description="How news outlets retell one event: loaded terms, "
                                     "voice, quotations and coverage, with spans a reader can check.")
    parser.add_argument("--version", action="version", version=f"retold {__version__}")
    parser.add_argument("--debug", action="store_true", help="on an error, also show the Python traceback")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a corpus folder and print every problem")
    check.add_argument("corpus", help="corpus folder (holding corpus.yml)")

    tables = commands.add_parser("tables", help="compute every table of a corpus into OUT_DIR (CSV and/or Parquet, "
                                 "with datapackage.json)")
    tables.add_argument("corpus", help="corpus folder (holding corpus.yml); with --each, a folder of corpus folders")
    tables.add_argument("out_dir", help="folder for the tables (created if missing); with --each, one sub-folder "
                        "per corpus and summary.csv")
    tables.add_argument("--each", action="store_true",
                        help="analyse every corpus folder under CORPUS in one run; a failing corpus gives its error "
                        "and the others finish (exit status 1 if any failed)")
    tables.add_argument("--format", choices=["csv", "parquet", "both"], default="csv",
                        help="table files: CSV (default), Parquet (typed, compressed) or both")
    tables.add_argument("--pair-texts", choices=["auto", "inline", "ids"], default="auto",
                        help="texts in changes, quote_pairs and coverage: inline, or ids only (the texts stay in "
                        "sentences and quotes); auto: inline up to 1,000 articles")
    tables.add_argument("--quiet", action="store_true", help="no progress output")
    _engine_args(tables)
    tables.add_argument("--force", action="store_true",
                        help="write into a non-empty folder retold did not write (nothing else in it is touched)")
    _lexicon_args(tables)

    report = commands.add_parser("report", help="run the notebooks and render the HTML report")
    report.add_argument("corpus", help="corpus folder (holding corpus.yml)")
    report.add_argument("report_dir", help="folder for the report (tables, notebooks, HTML, index.html)")
    report.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    report.add_argument("--notebooks", default="", metavar="DIR",
                        help="folder of the notebooks (default: the study's notebooks)")
    report.add_argument("--force", action="store_true",
                        help="re-execute every notebook; also write into a non-empty folder retold did not write "
                             "(retold never deletes files it did not write)")
    _lexicon_args(report)

    handout = commands.add_parser("handout", help="print-ready handout of the reading edition (HTML, and PDF via "
                                  "Chromium)")
    handout.add_argument("corpus", help="corpus folder (holding corpus.yml)")
    handout.add_argument("report_dir", help="a report folder built by `retold report`")
    handout.add_argument("--notebooks", default="", metavar="DIR",
                         help="folder of the notebooks (default: the study's notebooks)")
    handout.add_argument("--no-pdf", action="store_true", help="only the print-ready HTML")

    imports = commands.add_parser(
        "import", help="make a corpus folder from .txt files, saved .html pages, a CSV/JSONL table or a URL list",
        description="Make a corpus folder (articles/*.txt in UTF-8 + corpus.yml) from SOURCE: a folder of .txt "
                    "and/or saved .html pages, one such file, a CSV/TSV/JSONL/JSON table with a text column "
                    "(Media Cloud, news-please and GDELT-derived column names are recognised), or a .txt list of "
                    "URLs (fetched politely: robots.txt honoured, a pause between requests to one host).")
    imports.add_argument("source", help="folder, .txt, .html, .csv, .tsv, .jsonl, .json, or a .txt list of URLs")
    imports.add_argument("corpus", help="the corpus folder to write (created if missing)")
    imports.add_argument("--title", default="", help="corpus title (default: the source's name)")
    imports.add_argument("--force", action="store_true", help="replace files already there with other content")
    for field in ("text", "title", "outlet", "date", "url", "id", "author"):
        imports.add_argument(f"--{field}-col", default="", metavar="COLUMN",
                             help=f"table column holding the {field} (default: found by common names)")
    imports.add_argument("--delay", type=float, default=2.0,
                         help="URL lists: seconds between two requests to one host (default: 2)")
    imports.add_argument("--timeout", type=float, default=20.0, help="URL lists: seconds per request (default: 20)")

    commands.add_parser("lexicons", help="list the lexicon packs shipped with retold (use one with --lexicon NAME)")
    clean = commands.add_parser("clean", help="remove a report (or tables) folder retold wrote: only the files its "
                                "manifest lists")
    clean.add_argument("report_dir", help="the report folder")

    synth = commands.add_parser("synth", help="write a synthetic corpus of N articles derived from a seed corpus")
    synth.add_argument("n", type=int, help="number of articles")
    synth.add_argument("out_dir", help="folder for the synthetic corpus")
    synth.add_argument("--from", dest="seed_corpus", default="", metavar="CORPUS",
                       help="seed corpus (default: the study corpus, when running from its checkout)")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    return parser


def _fail(message: str) -> int:
    print(f"retold: error: {message}", file=sys.stderr)
    return 1


def _os_error(exc: OSError) -> str:
    """An OS error as one line naming the file: "path: reason"."""
    if exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return exc.strerror or str(exc)


def _terminate(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary folders and kernels are cleaned up."""
    raise KeyboardInterrupt


def _notebooks(folder: str):
    from pathlib import Path

    from .config import notebooks_dir

    return Path(folder) if folder else notebooks_dir()


def run_check(corpus: str) -> int:
    from .corpus import check_corpus
    from .ingest import import_hint

    hint = import_hint(corpus)
    if hint:
        return _fail(hint)
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
    from .batch import TableOptions, corpus_tables, each_corpus_tables, print_to_stderr
    from .engine import open_engine
    from .progress import set_quiet

    started = time.perf_counter()
    set_quiet(args.quiet)
    options = TableOptions(args.lexicon, args.naming, args.speakers, args.format, args.pair_texts, args.force)
    say = (lambda message: None) if args.quiet else print_to_stderr
    engine = open_engine(args.engine, workers=args.workers, scheduler=args.scheduler)
    try:
        if args.each:
            runs = each_corpus_tables(args.corpus, args.out_dir, engine, options,
                                      say=lambda m: print_to_stderr(m) if m.startswith("retold: error") else say(m))
            failed = [run for run in runs if run.error]
            say(f"{len(runs) - len(failed)} of {len(runs)} corpora in {time.perf_counter() - started:.1f} s -> "
                f"{args.out_dir} (summary.csv)")
            return 1 if failed else 0
        run = corpus_tables(args.corpus, args.out_dir, engine, options,
                            stage_progress=None if args.quiet else (lambda stage: say(f"  {stage} …")))
    finally:
        engine.close()
    for message in run.warnings:
        print(f"warning: {message}", file=sys.stderr)
    say(f"{len(run.rows)} tables for {run.articles} articles in {time.perf_counter() - started:.1f} s -> "
        f"{args.out_dir}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from .build.report import build_report

    index = build_report(args.corpus, args.report_dir, notebooks_dir=_notebooks(args.notebooks), jobs=args.jobs,
                         force=args.force, lexicon=args.lexicon, naming=args.naming, speakers=args.speakers)
    print(f"Report: {index}", file=sys.stderr)
    return 0


def run_clean(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .build.folder import clean
    from .config import repo_root

    folder = Path(args.report_dir).absolute()
    kept = clean(folder, {repo_root(): "the retold repository"} if repo_root() is not None else {})
    if kept is None:
        print(f"nothing to remove: {folder} holds no report", file=sys.stderr)
    elif kept:
        print(f"removed what retold wrote in {folder}; kept {len(kept)} file(s) it did not write: "
              + ", ".join(kept[:5]) + (" …" if len(kept) > 5 else ""), file=sys.stderr)
    else:
        print(f"removed {folder}", file=sys.stderr)
    return 0


def run_handout(args: argparse.Namespace) -> int:
    from .build.handout import write_handout

    for path in write_handout(args.corpus, args.report_dir, _notebooks(args.notebooks), pdf=not args.no_pdf):
        print(f"wrote {path}")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from .config import default_corpus
    from .synth import write_synthetic_corpus

    seed_corpus = args.seed_corpus or default_corpus()
    if seed_corpus is None:
        return _fail("give the seed corpus with --from (no study corpus next to this installation)")
    path = write_synthetic_corpus(seed_corpus, args.out_dir, args.n, seed=args.seed)
    print(f"wrote {args.n} articles to {path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .ingest import ImportProblem, import_source
    from .ingest.fetch import PoliteFetcher
    from .ingest.tabular import Columns

    columns = Columns(args.text_col, args.title_col, args.outlet_col, args.date_col, args.url_col, args.id_col,
                      args.author_col)
    try:
        result = import_source(args.source, args.corpus, columns, args.title, args.force,
                               PoliteFetcher(timeout=args.timeout, delay=args.delay))
    except ImportProblem as exc:
        return _fail(str(exc))
    for note in result.notes:
        print(f"skipped: {note}", file=sys.stderr)
    unchanged = "" if result.written else " (nothing changed: already imported)"
    print(f"{result.articles} articles -> {result.folder}{unchanged}; next: retold check {result.folder}")
    return 0


def run_lexicons(args: argparse.Namespace) -> int:
    from .framing.packs import pack_listing

    print(pack_listing())
    return 0


COMMANDS = {"check": lambda args: run_check(args.corpus), "tables": run_tables, "report": run_report,
            "handout": run_handout, "clean": run_clean, "synth": run_synth, "import": run_import,
            "lexicons": run_lexicons}


def _stacks_on_request() -> None:
    """`kill -USR1 PID` prints where a long run is, on stderr (where the platform and stderr allow)."""
    import faulthandler

    try:
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    except (AttributeError, OSError, ValueError):  # no SIGUSR1 (Windows), or stderr is not a file
        pass


def main(argv: list[str] | None = None) -> int:
    """Run one command; any error is one line per problem (file and cause) and a non-zero exit, with the
    traceback only under --debug."""
    args = _parser().parse_args(argv)
    from .corpus import CorpusError

    import threading

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main_thread else None
    if previous is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminate)
    if main_thread:
        _stacks_on_request()
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("retold: interrupted; earlier output is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - every failure becomes one clear line
        if args.debug:
            import traceback

            traceback.print_exc()
        if isinstance(exc, CorpusError):
            from .ingest import import_hint

            hint = import_hint(args.corpus) if args.command in ("tables", "report", "handout") else None
            return _fail(hint or f"the corpus has problems:\n{exc}")
        if isinstance(exc, OSError):
            return _fail(_os_error(exc))
        if isinstance(exc, (ValueError, RuntimeError)):
            return _fail(str(exc))
        return _fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug to see where; please report it)")
    finally:
        if previous is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


if __name__ == "__main__":
    sys.exit(main())
