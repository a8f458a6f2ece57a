"""The conda environment and the lock file describe the same packages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from write_environment import environment_yml, locked_pins  # noqa: E402


def test_environment_yml_pins_exactly_the_lock():
    pins = locked_pins(ROOT / "requirements.lock")
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert [p for p in pip_section if "==" in p] == pins
    assert "python=3.11" in environment["dependencies"]


def test_environment_yml_is_what_the_generator_writes():
    expected = environment_yml(locked_pins(ROOT / "requirements.lock"))
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == expected


def test_lock_pins_every_direct_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    pinned = {p.split("==")[0].lower().replace("_", "-") for p in locked_pins(ROOT / "requirements.lock")}
    names = {re.split(r"[\[<>=!~;\s]", w, maxsplit=1)[0].lower().replace("_", "-") for w in wanted}  # dask[distributed]
    assert names <= pinned
    assert {"dask", "distributed"} <= pinned
