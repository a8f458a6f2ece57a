"""`make lab`: JupyterLab on the notebooks, opened on the teacher's guide, with the project's kernel.

Most containers and classroom servers run as root (JupyterLab then needs `--allow-root`) and have no display
(no browser to open: the command prints the URL to paste instead). The command line is built by
`lab_command`, so it is tested without starting a server.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

GUIDE = "05_guide.ipynb"


def lab_command(notebooks_dir: Path, python: str = sys.executable, uid: int | None = None,
                environ: dict[str, str] | None = None) -> list[str]:
    """The JupyterLab command line: started in `notebooks_dir`, opening the guide, the kernel of `python`."""
    environ = os.environ if environ is None else environ
    uid = (os.geteuid() if hasattr(os, "geteuid") else 1) if uid is None else uid
    command = [python, "-m", "jupyterlab", "--ServerApp.root_dir=.",
               "--MappingKernelManager.default_kernel_name=python3"]
    if uid == 0:
        command.append("--allow-root")
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        command.append("--no-browser")
    command += shlex.split(environ.get("LAB_ARGS", ""))
    if (Path(notebooks_dir) / GUIDE).exists():
        command.append(f"--LabApp.default_url=/lab/tree/{GUIDE}")  # the URL printed (and opened) shows the guide
    return command


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    notebooks = Path(argv[0] if argv else "notebooks").resolve()
    if not notebooks.is_dir():
        print(f"{notebooks}: no such folder of notebooks", file=sys.stderr)
        return 2
    command = lab_command(notebooks)
    print("starting:", " ".join(shlex.quote(part) for part in command), file=sys.stderr)
    os.chdir(notebooks)
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
