"""The package as a user gets it: a wheel installed outside the repository, a fast `check`, a version."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, SEED_CORPUS

UV = Path(sys.executable).parent / "uv"
HEAVY = ("pandas", "numpy", "scipy", "sklearn", "matplotlib", "nbformat", "nltk")


def run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=900,
                          **kwargs)


def test_version_and_help_on_every_argument():
    result = run([sys.executable, "-m", "retold", "--version"], REPO_ROOT)
    assert result.returncode == 0 and result.stdout.startswith("retold ")
    from retold.cli import _parser

    for command in _parser()._subparsers._group_actions[0].choices.values():
        for action in command._actions:
            if action.dest != "help":
                assert action.help, (command.prog, action.dest)


def test_check_imports_nothing_heavy():
    probe = ("import sys\nfrom retold.cli import main\ncode = main(['check', sys.argv[1]])\n"
             f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\nsys.exit(code)")
    result = run([sys.executable, "-c", probe, SEED_CORPUS], REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_modules_stay_short():
    long = {p.relative_to(REPO_ROOT).as_posix(): n for p in (REPO_ROOT / "src" / "retold").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 520}
    assert long == {}


@pytest.mark.skipif(not UV.exists(), reason="uv is installed in .venv by `make venv`")
def test_wheel_installs_outside_the_repo_and_builds_the_report(tmp_path):
    """Build the wheel from the tracked files, install it into a fresh virtualenv (dependencies from the uv cache
    that `make venv` filled, pinned by the lock file), then run `retold tables` and `retold report` elsewhere."""
    source = tmp_path / "source"
    files = run(["git", "ls-files"], REPO_ROOT).stdout.splitlines()
    for name in files:
        if (REPO_ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, source / name)
    built = run([UV, "build", "--wheel", "--out-dir", tmp_path / "dist"], source)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("retold-*.whl"))
    venv = tmp_path / "venv"
    assert run([UV, "venv", "-q", "--python", sys.executable, venv], tmp_path).returncode == 0
    installed = run([UV, "pip", "install", "-q", "--offline", "--python", venv / "bin" / "python",
                     "-c", REPO_ROOT / "requirements.lock", wheel], tmp_path)
    if installed.returncode != 0:
        installed = run([UV, "pip", "install", "-q", "--python", venv / "bin" / "python",
                         "-c", REPO_ROOT / "requirements.lock", wheel], tmp_path)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    retold = venv / "bin" / "retold"
    tables = run([retold, "tables", SEED_CORPUS, "tables", "--quiet"], elsewhere, env=env)
    assert tables.returncode == 0, tables.stderr
    reference = tmp_path / "reference"
    assert run([sys.executable, "-m", "retold", "tables", SEED_CORPUS, reference, "--quiet"], REPO_ROOT).returncode == 0
    names = sorted(p.name for p in reference.glob("*.csv"))
    assert names and filecmp.cmpfiles(reference, elsewhere / "tables", names, shallow=False)[0] == names

    report = run([retold, "report", SEED_CORPUS, "report"], elsewhere, env=env)
    assert report.returncode == 0, report.stderr
    index = (elsewhere / "report" / "index.html").read_text(encoding="utf-8")
    assert "reading/20_quotes.html" in index
    assert (elsewhere / "report" / "reading" / "40_article-a004.html").stat().st_size > 1000
