"""Every case of tests/fixtures/hostile/ (one folder per case, described in its case.yml) through the command line.

A case `refused` must give, from `retold check` (corpus problems) and `retold tables`, one error line naming the
file and the cause, a non-zero exit, no traceback, leave earlier tables byte for byte, and never put the
contents of a file outside the corpus into a table. A case that `builds` must build every table. Commands run
in this process (`retold.cli.main`), except where real stderr matters (warnings), which runs `python -m retold`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT
from retold.cli import main

HOSTILE = REPO_ROOT / "tests" / "fixtures" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "case.yml").is_file())


def expectation(name: str) -> dict:
    return yaml.safe_load((HOSTILE / name / "case.yml").read_text(encoding="utf-8"))


def retold(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command as a reader runs it, in its own process (real stderr, real warnings)."""
    return subprocess.run([sys.executable, "-m", "retold", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "RETOLD_PROGRESS": "0", **(env or {})}, timeout=300)


def run(capsys, *args) -> subprocess.CompletedProcess:
    """The command run in this process: its exit code, stdout and stderr."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


def lexicon_args(case: Path, expected: dict) -> list[str]:
    args = []
    for option, key in (("--lexicon", "lexicon"), ("--naming", "naming"), ("--speakers", "speakers")):
        if expected.get("option") == option:
            value = expected["lexicon"]
            args += [option, value if value.startswith("/") else case / value]
        elif key in expected and "option" not in expected:
            args += [option, case / expected[key]]
    return args


@pytest.fixture(scope="module")
def earlier_tables(tmp_path_factory) -> Path:
    """Good tables built once, copied into each test as the reader's earlier output."""
    out = tmp_path_factory.mktemp("earlier") / "tables"
    assert main(["tables", str(HOSTILE / "identical-articles" / "corpus"), str(out), "--quiet"]) == 0
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_case_folder_is_described():
    assert len(CASES) >= 20
    for name in CASES:
        expected = expectation(name)
        assert expected["outcome"] in ("refused", "builds") and expected.get("about"), name


@pytest.mark.parametrize("name", [c for c in CASES if expectation(c)["outcome"] == "refused"])
def test_refused_with_one_line_naming_file_and_cause(name, tmp_path, earlier_tables, capsys, monkeypatch):
    case, expected = HOSTILE / name, expectation(name)
    tables = tmp_path / "tables"
    shutil.copytree(earlier_tables, tables)
    before = snapshot(tables)
    if "RETOLD_PATTERN_SECONDS" in expected.get("env", {}):
        monkeypatch.setattr("retold.framing.patterns.PATTERN_SECONDS", float(expected["env"]["RETOLD_PATTERN_SECONDS"]))
    result = run(capsys, "tables", case / "corpus", tables, "--quiet", *lexicon_args(case, expected))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0, result.stderr
    problem_lines = lines[1:] if lines[0] == "retold: error: the corpus has problems:" else lines
    assert len(problem_lines) == 1, result.stderr
    assert problem_lines[0].startswith("retold: error:") or lines[0].startswith("retold: error:")
    assert expected["file"] in problem_lines[0] and expected["cause"] in problem_lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(tables) == before
    if "option" not in expected:
        checked = run(capsys, "check", case / "corpus")
        problems = [line for line in checked.stdout.splitlines() if line and not line.startswith("warning:")]
        assert checked.returncode != 0 and len(problems) == 1, checked.stdout
        assert expected["file"] in problems[0] and expected["cause"] in problems[0]


@pytest.mark.parametrize("name", [c for c in CASES if expectation(c).get("secret")])
def test_files_outside_the_corpus_never_reach_a_table(name, tmp_path, capsys):
    expected = expectation(name)
    result = run(capsys, "tables", HOSTILE / name / "corpus", tmp_path / "tables", "--quiet")
    assert result.returncode != 0
    written = b"".join(snapshot(tmp_path / "tables").values()) if (tmp_path / "tables").exists() else b""
    assert expected["secret"].encode() not in written + result.stderr.encode() + result.stdout.encode()


@pytest.mark.parametrize("name", [c for c in CASES if expectation(c)["outcome"] == "builds"])
def test_valid_looking_corpora_build_every_table(name, tmp_path, capsys):
    case, expected = HOSTILE / name, expectation(name)
    result = (retold if "warning" in expected else lambda *a: run(capsys, *a))(
        "tables", case / "corpus", tmp_path / "tables", "--quiet", *lexicon_args(case, expected))
    assert result.returncode == 0, result.stderr
    assert {"articles.csv", "sentences.csv", "quotes.csv", "claims.csv", "changes.csv"} <= set(
        snapshot(tmp_path / "tables"))
    assert "Traceback" not in result.stderr
    if "warning" in expected:
        warning_lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(warning_lines) == 1 and expected["warning"] in warning_lines[0], result.stderr
        checked = retold("check", case / "corpus")
        assert checked.returncode == 0 and "warnings.warn" not in checked.stderr + checked.stdout
        assert len([line for line in checked.stdout.splitlines() if line.startswith("warning:")]) == 1
        assert checked.stderr.strip() == ""


def test_a_missing_lexicon_given_by_each_option_is_an_error(tmp_path, capsys):
    corpus = HOSTILE / "identical-articles" / "corpus"
    for option in ("--lexicon", "--naming", "--speakers"):
        result = run(capsys, "tables", corpus, tmp_path / "t", "--quiet", option, tmp_path / "nowhere.yml")
        assert result.returncode == 1 and result.stderr.count("\n") == 1
        assert "nowhere.yml" in result.stderr and "not found" in result.stderr
    result = subprocess.run(["make", "-s", "tables", f"CORPUS={corpus}", f"REPORT_DIR={tmp_path}/r",
                             "SPEAKERS=/missing.yml"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "/missing.yml: speakers lexicon" in result.stderr
