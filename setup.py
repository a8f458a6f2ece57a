"""Ship the study's notebooks inside the wheel, so an installed `retold report` has them.

The notebooks live in `notebooks/` at the top of the repository (where teachers and
JupyterLab find them); this copies their .ipynb files into `retold/notebooks/` when a
wheel is built. Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithNotebooks(build_py):
    def run(self):
        super().run()
        source = Path(__file__).resolve().parent / "notebooks"
        target = Path(self.build_lib) / "retold" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for notebook in sorted(source.glob("*.ipynb")):
            shutil.copy2(notebook, target / notebook.name)


setup(cmdclass={"build_py": BuildWithNotebooks})
