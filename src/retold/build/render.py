"""Render executed notebooks as HTML in three editions, in one process through the nbconvert API.

*reading* (no code, no answers: for students), *teacher* (no code, with answers) and
*code* (everything). Answers are cells tagged `answer`. Figures are also saved as SVG
for reuse in slides.
"""

from __future__ import annotations

import base64
import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .. import __version__
from ..config import CSS_FILE, TEMPLATE_DIR
from .execute import PARAMETER_TAGS
from .layout import Layout, write_atomic

ANSWER_TAG = "answer"
# Every page the report writes forbids scripts (inline or external), plug-ins, frames and forms: even if a
# value from a stranger's corpus escaped its escaping, a browser would refuse to run it. Pages need none.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
SECURITY_META = (f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
                 '<meta name="referrer" content="no-referrer">')


@dataclass(frozen=True)
class Edition:
    name: str
    label: str
    show_code: bool
    show_answers: bool


EDITIONS = (
    Edition("reading", "Reading edition (no code)", show_code=False, show_answers=False),
    Edition("teacher", "Teacher edition (with answers)", show_code=False, show_answers=True),
    Edition("code", "Code edition", show_code=True, show_answers=True),
)

def edition_cells(nb: nbformat.NotebookNode, edition: Edition) -> nbformat.NotebookNode:
    """The cells one edition shows: no code, parameters or warnings for readers; answers for teachers."""
    result = copy.deepcopy(nb)
    cells = []
    for cell in result.cells:
        tags = set(cell.metadata.get("tags", []))
        if ANSWER_TAG in tags and not edition.show_answers:
            continue
        if not edition.show_code and cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            if tags & PARAMETER_TAGS or not cell.outputs:
                continue
        cells.append(cell)
    result.cells = cells
    return result


def notebook_summary(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """A notebook's title (its first heading) and one-line description (the first sentence after it)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or not cell.source.lstrip().startswith("#"):
            continue
        heading, _, rest = cell.source.strip().partition("\n")
        paragraph = rest.strip().split("\n\n")[0]
        text = " ".join(line.strip() for line in paragraph.splitlines())
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] if text else ""
        return heading.lstrip("#").strip(), first
    return fallback, ""


def _html_exporter() -> HTMLExporter:
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATE_DIR)], template_name="retold")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.anchor_link_text = ""
    return exporter


def render_html(layout: Layout, names: list[str], titles: dict[str, str], log) -> None:
    """Render every edition of the given executed notebooks, replacing files atomically."""
    if not names:
        return
    exporter = _html_exporter()
    css = CSS_FILE.read_text(encoding="utf-8")
    for name in names:
        nb = nbformat.read(layout.executed / f"{name}.ipynb", as_version=4)
        for edition in EDITIONS:
            exporter.exclude_input = not edition.show_code
            others = [(e.label.split(" (")[0], f"../{e.name}/{name}.html") for e in EDITIONS if e != edition]
            resources = {
                "metadata": {"name": name},
                "retold": {
                    "title": titles.get(name, name), "edition": edition.name, "edition_label": edition.label,
                    "css": css, "index_href": "../index.html", "other_editions": others,
                    "footer": f"retold {__version__} · {edition.label}", "security_meta": SECURITY_META,
                },
            }
            body, _ = exporter.from_notebook_node(edition_cells(nb, edition), resources=resources)
            target = layout.html(edition.name, name)
            write_atomic(target, body)
        log(f"  rendered {name}")


def export_figures(layout: Layout, names: list[str]) -> None:
    """Save every SVG figure of the executed notebooks under figures/ for reuse in slides."""
    layout.figures.mkdir(parents=True, exist_ok=True)
    for name in names:
        for old in layout.figures.glob(f"{name}-fig*.svg"):
            old.unlink()
        nb = nbformat.read(layout.executed / f"{name}.ipynb", as_version=4)
        number = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data:
                    number += 1
                    write_atomic(layout.figures / f"{name}-fig{number:02d}.svg", data["image/svg+xml"])
                elif "image/png" in data:
                    number += 1
                    write_atomic(layout.figures / f"{name}-fig{number:02d}.png", base64.b64decode(data["image/png"]))
