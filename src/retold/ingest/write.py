"""Write imported articles as a corpus folder: `articles/<id>.txt` (UTF-8) and `corpus.yml`.

The same articles always give the same bytes, so importing again changes nothing. A file
already there with other content is only replaced with `force`; nothing else in the
folder is touched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from ..corpus import CORPUS_FILE, UNKNOWN
from .records import ImportedArticle, ImportProblem, unique_ids

HEADER = """\
# Written by `retold import` from {source}. Edit freely: every value below is what the source
# stated, or `unknown` where it said nothing. Fill in outlets, dates (YYYY-MM-DD) and titles you know,
# then `retold check` this folder. encoding_detected: the code page a non-UTF-8 source was decoded
# from (the article files here are all UTF-8).
"""


def article_entry(article_id: str, article: ImportedArticle) -> dict:
    """The corpus.yml entry of one article."""
    entry = {"id": article_id, "file": f"articles/{article_id}.txt", "outlet": article.outlet,
             "title": article.title, "published": article.published, "url": article.url,
             "author": article.author, "country": UNKNOWN, "outlet_type": UNKNOWN}
    if article.encoding_detected:
        entry["encoding_detected"] = article.encoding_detected
    if article.notes:
        entry["notes"] = article.notes
    return entry


def corpus_files(articles: list[ImportedArticle], title: str, source: str) -> dict[str, bytes]:
    """Relative path -> bytes of every file of the corpus folder."""
    ids = unique_ids([a.name for a in articles])
    manifest = {"title": title, "description": f"{len(articles)} articles imported from {source}.",
                "language": UNKNOWN, "articles": [article_entry(i, a) for i, a in zip(ids, articles)]}
    files = {f"articles/{i}.txt": a.text.encode("utf-8") for i, a in zip(ids, articles)}
    text = HEADER.format(source=source) + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100)
    files[CORPUS_FILE] = text.encode("utf-8")
    return files


def write_corpus(files: dict[str, bytes], folder: Path, force: bool = False) -> list[str]:
    """Write the files under `folder`; return those written (unchanged ones are left alone).

    Refuses, writing nothing, when a file there holds other content and `force` is not given."""
    differing = [name for name, data in files.items()
                 if (folder / name).exists() and (folder / name).read_bytes() != data]
    if differing and not force:
        listed = ", ".join(differing[:3]) + (f" and {len(differing) - 3} more" if len(differing) > 3 else "")
        raise ImportProblem(f"{folder}: {listed} already there with other content: nothing written "
                            "(pass --force to replace them, or import into a new folder)")
    written = []
    for name, data in files.items():
        target = folder / name
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".import-", dir=target.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
        written.append(name)
    return written
