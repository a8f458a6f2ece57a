"""`make lab`: the JupyterLab command line, as root and without a display (no server is started)."""

from __future__ import annotations

from retold.build.lab import GUIDE, lab_command
from conftest import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks"


def test_root_without_a_display_gets_allow_root_and_no_browser():
    command = lab_command(NOTEBOOKS, python="/venv/bin/python", uid=0, environ={})
    assert command[:3] == ["/venv/bin/python", "-m", "jupyterlab"]
    assert "--allow-root" in command and "--no-browser" in command
    assert f"--LabApp.default_url=/lab/tree/{GUIDE}" in command
    assert "--MappingKernelManager.default_kernel_name=python3" in command


def test_a_user_with_a_display_gets_neither_flag_and_extra_arguments_pass_through():
    environ = {"DISPLAY": ":0", "LAB_ARGS": "--ip=0.0.0.0 --port 9999"}
    command = lab_command(NOTEBOOKS, python="py", uid=1000, environ=environ)
    assert "--allow-root" not in command and "--no-browser" not in command
    assert command[-4:] == ["--ip=0.0.0.0", "--port", "9999", f"--LabApp.default_url=/lab/tree/{GUIDE}"]


def test_the_kernel_is_the_projects_python(tmp_path):
    command = lab_command(tmp_path, uid=1000, environ={"DISPLAY": ":0"})
    import sys

    assert command[0] == sys.executable
    assert not any(part.startswith("--LabApp.default_url") for part in command)  # no guide in that folder
