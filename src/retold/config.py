"""Defaults and where the package finds its own data.

Lexicons, stop words, the news-agency list, templates, the stylesheet and the notebooks
ship inside the package, so an installed wheel works outside this repository. Paths are
resolved with `importlib.resources`; in an editable install they point into `src/retold`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("retold")))
DATA_DIR = PACKAGE_DIR / "data"
LEXICON_DIR = DATA_DIR / "lexicons"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
AGENCIES_FILE = DATA_DIR / "agencies.yml"
WORD_SCALES_FILE = DATA_DIR / "word_scales.yml"
SYNTH_FILE = DATA_DIR / "synth.yml"
CODEBOOK_FILE = DATA_DIR / "codebook.yml"
BUILD_DIR = PACKAGE_DIR / "build"
TEMPLATE_DIR = BUILD_DIR / "templates"
CSS_FILE = BUILD_DIR / "report.css"

DEFAULT_LEXICON = LEXICON_DIR / "loaded" / "general.yml"  # packs: framing/packs.py
DEFAULT_NAMING = LEXICON_DIR / "naming" / "general.yml"
DEFAULT_SPEAKERS = LEXICON_DIR / "speakers" / "general.yml"

UNKNOWN = "unknown"

_REPO_ROOT = PACKAGE_DIR.parents[1]


def repo_root() -> Path | None:
    """The source checkout this package runs from (an editable install), or None for an installed wheel."""
    return _REPO_ROOT if (_REPO_ROOT / "pyproject.toml").is_file() and (_REPO_ROOT / "src").is_dir() else None


def notebooks_dir() -> Path:
    """The report notebooks: `notebooks/` of the checkout, else the copy shipped in the wheel."""
    root = repo_root()
    if root is not None and (root / "notebooks").is_dir():
        return root / "notebooks"
    return PACKAGE_DIR / "notebooks"


DEFAULT_CORPUS_FILE = "DEFAULT"


def default_corpus() -> Path | None:
    """The study's default corpus when running from the checkout: the folder named in data/corpora/DEFAULT
    (it is data of the study, not of the package)."""
    root = repo_root()
    if root is None:
        return None
    corpora = root / "data" / "corpora"
    try:
        name = (corpora / DEFAULT_CORPUS_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = corpora / name
    return folder if name and "/" not in name and name not in (".", "..") and folder.is_dir() else None
