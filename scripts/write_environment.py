"""Write environment.yml (for conda users) from requirements.lock: python plus the same pins via pip."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def locked_pins(lock: Path) -> list[str]:
    """The `name==version` lines of a uv/pip-compile lock file, in file order."""
    return [line.strip() for line in lock.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#") and "==" in line]


def environment_yml(pins: list[str], python: str = "3.11") -> str:
    lines = [
        "# Generated from requirements.lock by scripts/write_environment.py (`make lock`); do not edit by hand.",
        "name: retold",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python}",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {pin}" for pin in pins]
    lines.append("      - -e .")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = ROOT / "environment.yml"
    target.write_text(environment_yml(locked_pins(ROOT / "requirements.lock")), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
