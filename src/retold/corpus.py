"""Load and validate a corpus folder: `corpus.yml` plus one text file per article.

Every problem is reported as one line naming the file (and field or line), so a
teacher who adds an article can fix all mistakes in one pass. Offsets anywhere in
the project index `Article.text`, the decoded file with its newlines untouched.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Callable

from .safeyaml import YamlError, load_yaml_file

from .text.encoding import detected_code_page

CORPUS_FILE = "corpus.yml"
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
DEFAULT_MAX_ARTICLE_MB = 10.0
UNKNOWN = "unknown"

TOP_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "language": str,
    "encoding": str,
    "max_article_mb": (int, float),
    "lexicon": str,
    "naming": str,
    "speakers": str,
    "articles": list,
}
PACK_FIELDS = ("lexicon", "naming", "speakers")  # a pack name or a file inside the corpus folder
REQUIRED_ARTICLE_FIELDS = ("id", "file", "outlet")
ARTICLE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "file": str,
    "outlet": str,
    "title": str,
    "published": (str, dt.date),
    "url": str,
    "country": str,
    "outlet_type": str,
    "credited_sources": list,
    "notes": str,
    "author": str,
    "encoding_detected": str,
}


class CorpusWarning(UserWarning):
    """A corpus problem that does not stop the analysis (e.g. a cp1252 fallback)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus, located as precisely as we can."""

    file: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        location = f"{self.file}: {self.where}" if self.where else self.file
        return f"{location}: {self.message}"


class CorpusError(ValueError):
    """Raised with every problem found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


TITLE_CHARS = 200


@dataclass(frozen=True)
class Article:
    """One article: its decoded text and the metadata from corpus.yml."""

    id: str
    outlet: str
    text: str
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)
    encoding: str = "utf-8"

    @property
    def title(self) -> str:
        """The headline: from corpus.yml, else the first line of the text (where article files keep it)."""
        given = self.metadata.get("title")
        if given and str(given).strip().lower() != UNKNOWN:
            return str(given)
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return first[:TITLE_CHARS] or UNKNOWN

    @property
    def credited_sources(self) -> list[str]:
        return list(self.metadata.get("credited_sources") or [])


@dataclass(frozen=True)
class Corpus:
    """A validated corpus: top-level description and its articles in file order."""

    path: Path
    title: str
    description: str
    language: str
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()
    packs: dict[str, str] = field(default_factory=dict, compare=False)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"{self.path / CORPUS_FILE}: no article with id {article_id!r}")

    def outlet_names(self) -> dict[str, str]:
        """Article id -> a label for charts: the outlet, disambiguated when outlets repeat; an outlet without a
        name is described by what the metadata says (type, country), e.g. "news portal, Indonesia (a003)"."""
        counts: dict[str, int] = {}
        for article in self.articles:
            counts[article.outlet] = counts.get(article.outlet, 0) + 1
        labels = {}
        for a in self.articles:
            if a.outlet == UNKNOWN:
                labels[a.id] = f"{_what_is_known(a)} ({a.id})"
            elif counts[a.outlet] > 1:
                labels[a.id] = f"{a.outlet} ({a.id})"
            else:
                labels[a.id] = a.outlet
        return labels


def decode_text(data: bytes, file: str, encoding: str = "auto") -> tuple[str, str, list[str]]:
    """Decode article bytes; return (text, encoding used, warnings).

    `auto` accepts UTF-8 (BOM optional), UTF-16 with a BOM, and falls back to the
    code page charset-normalizer finds most plausible (cp1252, cp1251, ...) with a warning. Any other value is a strict codec with no fallback.
    Newlines are kept exactly as in the file.
    """
    if encoding != "auto":
        try:
            return _checked_text(data.decode(encoding), file), encoding, []
        except (UnicodeDecodeError, LookupError) as exc:
            raise CorpusError([Problem(file, f"cannot decode as {encoding}: {exc}")]) from None
    if data.startswith(codecs.BOM_UTF8):
        return _checked_text(data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), file), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked_text(data.decode("utf-16"), file), "utf-16", []
        except UnicodeDecodeError as exc:
            raise CorpusError([Problem(file, f"has a UTF-16 byte-order mark but is not valid UTF-16: {exc}")]) from None
    if b"\x00" in data:
        raise CorpusError([Problem(file, "looks like a binary file (it contains NUL bytes), not text")])
    try:
        return _checked_text(data.decode("utf-8"), file), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guess = detected_code_page(data)
    if guess is None:
        raise CorpusError([Problem(file, f"is neither UTF-8 nor text in a common code page ({utf8_error})")])
    message = (
        f"{file}: not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); decoded as {guess}, "
        f"the code page it most likely is: check its letters and quotation marks, then say `encoding: {guess}` "
        "in corpus.yml or convert it to UTF-8 (`retold import` does)"
    )
    return _checked_text(data.decode(guess), file), guess, [message]


CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32, not \t \n \v \f \r
HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(file: str, text: str) -> bool:
    """True for a saved web page: an .htm(l) name or text that opens like an HTML document."""
    return file.lower().endswith((".html", ".htm", ".xhtml")) or bool(HTML_START.match(text[:4096]))


def _checked_text(text: str, file: str) -> str:
    if "\x00" in text:
        raise CorpusError([Problem(file, "looks like a binary file (it contains NUL characters), not text")])
    control = sum(1 for _ in CONTROL_CHARACTER.finditer(text))
    if text and control / len(text) > 0.01:
        raise CorpusError([Problem(file, f"looks like a binary file ({control} control characters), not text")])
    return text


def _visible(value: str) -> bool:
    """Does the text hold a character a reader can see (not only spaces, controls or zero-width marks)?"""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in value)


def _type_name(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    names = {str: "text", list: "list", int: "number", float: "number", dt.date: "date"}
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


def _check_fields(record: dict, allowed: dict, file: str, where: str) -> list[Problem]:
    problems = []
    for key, value in record.items():
        if key not in allowed:
            problems.append(Problem(file, f"unknown field {key!r} (allowed: {', '.join(allowed)})", where))
        elif value is not None and not isinstance(value, allowed[key]):
            problems.append(
                Problem(file, f"field {key!r} should be {_type_name(allowed[key])}, got {type(value).__name__}", where)
            )
    return problems


def _check_published(value: Any, file: str, where: str) -> list[Problem]:
    if value is None or isinstance(value, dt.date) or value == UNKNOWN:
        return []
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return [Problem(file, f"field 'published' should be an ISO date (YYYY-MM-DD) or 'unknown', got {value!r}", where)]
    return []


def _read_manifest(folder: Path) -> tuple[dict, list[Problem]]:
    manifest = folder / CORPUS_FILE
    name = str(manifest)
    if not folder.is_dir():
        return {}, [Problem(str(folder), "corpus folder does not exist")]
    if not manifest.is_file():
        return {}, [Problem(name, f"missing: a corpus folder needs a {CORPUS_FILE} listing its articles")]
    try:
        data = load_yaml_file(manifest)
    except YamlError as exc:
        where = f"line {exc.line}, column {exc.column}" if exc.line is not None else ""
        return {}, [Problem(name, exc.message, where)]
    if not isinstance(data, dict):
        return {}, [Problem(name, "should be a mapping with 'title' and 'articles'")]
    return data, []


def check_corpus(path: str | Path) -> tuple[list[Problem], list[str]]:
    """Every problem (and warning) of a corpus folder, without raising or warning."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            corpus = load_corpus(path)
    except CorpusError as exc:
        return exc.problems, []
    return [], list(corpus.warnings)


def load_corpus(path: str | Path, listed: Callable[[int], None] | None = None) -> Corpus:
    """Read and validate a corpus folder; raise CorpusError listing every problem. `listed` is told how many
    articles the manifest lists before they are read (an engine can start its workers meanwhile)."""
    folder = Path(path)
    data, problems = _read_manifest(folder)
    if problems:
        raise CorpusError(problems)
    manifest = str(folder / CORPUS_FILE)
    problems += _check_fields(data, TOP_FIELDS, manifest, "")
    if "title" not in data:
        problems.append(Problem(manifest, "missing required field 'title'"))
    entries = data.get("articles")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(manifest, "'articles' must be a non-empty list"))
        raise CorpusError(problems)
    if listed is not None:
        listed(len(entries))
    encoding = data.get("encoding") or "auto"
    max_mb = data.get("max_article_mb") or DEFAULT_MAX_ARTICLE_MB

    articles: list[Article] = []
    found_warnings: list[str] = []
    seen_ids: dict[str, int] = {}
    paths = ResolvedPaths(folder)
    for number, entry in enumerate(entries, start=1):
        where = f"articles[{number}]"
        if not isinstance(entry, dict):
            problems.append(Problem(manifest, "each article must be a mapping with id, file and outlet", where))
            continue
        if isinstance(entry.get("id"), str):
            where = f"article {entry['id']!r}"
        entry_problems = _check_fields(entry, ARTICLE_FIELDS, manifest, where)
        for required in REQUIRED_ARTICLE_FIELDS:
            if entry.get(required) in (None, ""):
                entry_problems.append(Problem(manifest, f"missing required field {required!r}", where))
            elif isinstance(entry.get(required), str) and not _visible(entry[required]):
                entry_problems.append(Problem(manifest, f"field {required!r} is empty-looking (only spaces or "
                                              "invisible characters)", where))
        entry_problems += _check_published(entry.get("published"), manifest, where)
        article_id = entry.get("id")
        if isinstance(article_id, str) and article_id:
            if not ID_PATTERN.fullmatch(article_id):
                entry_problems.append(
                    Problem(manifest, f"id {article_id!r} may only hold letters, digits, '-' and '_'", where)
                )
            if article_id in seen_ids:
                entry_problems.append(
                    Problem(manifest, f"duplicate id {article_id!r} (first used by articles[{seen_ids[article_id]}])", where)
                )
            seen_ids.setdefault(article_id, number)
        sources = entry.get("credited_sources")
        if isinstance(sources, list) and not all(isinstance(s, str) for s in sources):
            entry_problems.append(Problem(manifest, "field 'credited_sources' should be a list of text", where))
        problems += entry_problems
        if entry_problems or not isinstance(entry.get("file"), str):
            continue
        try:
            path = article_path(paths, entry["file"], manifest, where)
            text, used, notes = _read_article(path, encoding, max_mb)
        except CorpusError as exc:
            problems += exc.problems
            continue
        found_warnings += notes
        metadata = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in entry.items()
                    if k not in REQUIRED_ARTICLE_FIELDS}
        articles.append(Article(article_id, entry["outlet"], text, folder / entry["file"], metadata, used))
    if problems:
        raise CorpusError(problems)
    for message in found_warnings:
        warnings.warn(message, CorpusWarning, stacklevel=2)
    return Corpus(
        path=folder,
        title=data.get("title") or folder.name,
        description=data.get("description") or "",
        language=data.get("language") or UNKNOWN,
        articles=tuple(articles),
        warnings=tuple(found_warnings),
        packs={k: data[k] for k in PACK_FIELDS if isinstance(data.get(k), str) and data[k]},
    )


class ResolvedPaths:
    """Paths under one folder with their links resolved, each directory resolved once: a 10,000-article corpus
    costs a stat per file, not one per path component of every file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()
        self._directories: dict[Path, Path] = {}

    def resolved(self, candidate: Path) -> Path:
        """`candidate.resolve()`: its resolved directory, then its name unless that is a link."""
        if candidate.is_symlink():
            return candidate.resolve()
        directory = candidate.parent
        if directory not in self._directories:
            self._directories[directory] = directory.resolve()
        return self._directories[directory] / candidate.name


def article_path(paths: ResolvedPaths, relative: str, manifest: str, where: str) -> Path:
    """The article file `relative` names, which must lie inside the corpus folder once links are resolved.

    A corpus from a stranger must not read the reader's other files: absolute paths, `..` and links that
    point out of the folder are refused, each as one problem."""
    def refuse(reason: str) -> CorpusError:
        return CorpusError([Problem(manifest, f"field 'file' {relative!r} {reason}", where)])

    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() or \
            PureWindowsPath(relative).drive:
        raise refuse("is an absolute path; give a path inside the corpus folder (e.g. articles/a1.txt)")
    if ".." in PurePosixPath(relative.replace("\\", "/")).parts:
        raise refuse("leaves the corpus folder (..); article files must be inside it")
    candidate = paths.folder / relative
    try:
        resolved = paths.resolved(candidate)
        inside = resolved.is_relative_to(paths.root)
    except (OSError, RuntimeError):
        raise refuse("cannot be resolved (a link loop?)") from None
    if not inside:
        raise refuse(f"is a link to {resolved}, outside the corpus folder; copy the file into the folder instead")
    if candidate.exists() and not candidate.is_file():
        raise CorpusError([Problem(str(candidate), "is not a regular file (a folder or a device?)")])
    return candidate


def _read_article(file_path: Path, encoding: str, max_mb: float) -> tuple[str, str, list[str]]:
    name = str(file_path)
    if not file_path.is_file():
        raise CorpusError([Problem(name, "missing: listed in corpus.yml but no such file")])
    size = file_path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise CorpusError([Problem(
            name,
            f"is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit per article "
            "(split it, or raise max_article_mb in corpus.yml)",
        )])
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise CorpusError([Problem(name, f"cannot be read: {exc.strerror or exc}")]) from None
    text, used, notes = decode_text(data, name, encoding)
    if not text.strip():
        raise CorpusError([Problem(name, "is empty (or whitespace only)")])
    if looks_like_html(file_path.name, text):
        raise CorpusError([Problem(name, "is a web page (HTML), not the article's text: make a corpus of saved "
                                         "pages with `retold import PAGES_FOLDER NEW_CORPUS_FOLDER`")])
    return text, used, notes


def _what_is_known(article: Article) -> str:
    """An unnamed outlet in words from its metadata: its type (without a parenthetical) and country."""
    kind = re.sub(r"\s*\(.*?\)", "", str(article.metadata.get("outlet_type") or "")).strip()
    country = str(article.metadata.get("country") or "").strip()
    kind, country = ("" if v.lower() == UNKNOWN else v for v in (kind, country))
    if kind and country:
        return f"{kind}, {country}"
    return kind or (f"outlet from {country}" if country else "unnamed")
