"""YAML from strangers: corpus.yml and lexicons are read with aliases refused and duplicate keys reported.

An alias (`*name`) lets a few lines expand into gigabytes once code walks the data (a
"billion laughs" bomb), and no retold file needs one, so any alias is an error. A key
given twice in one mapping is an error too (plain YAML silently keeps the last one). A
date YAML cannot read (`2022-13-45`) stays text, so the caller can name the field.
Every problem is one `YamlError` naming the file, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200
_DEEP_INDENT = re.compile(r"^[ \t]{%d,}" % MAX_DEPTH, re.M)
_COMPACT_RUN = re.compile(r"(?:[-?][ \t]+){%d,}" % (MAX_DEPTH // 4))
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ValueError):
    """A YAML file that cannot be read; str() is one line naming the file, the place and the problem."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None):
        self.file, self.message, self.line, self.column = file, message, line, column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{file}: {where}{message}")


class StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loading without aliases or duplicate keys; an impossible timestamp stays a string."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, "the value anchored here (&name) is reused by an alias (*name); "
                                   "retold files allow no aliases: write each value out in full", node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        mapping: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConstructorError(None, None, "merge keys (<<) are not allowed in retold files",
                                       key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in mapping
            except TypeError:
                raise ConstructorError(None, None, "a key must be text or a number", key_node.start_mark) from None
            if duplicate:
                raise ConstructorError(None, None, f"duplicate key {key!r} (first given on line {lines[key]})",
                                       key_node.start_mark)
            lines[key] = key_node.start_mark.line + 1
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_lenient_timestamp(self, node):
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_lenient_timestamp)


def _located(exc: yaml.YAMLError, file: str) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return YamlError(file, f"YAML syntax error: {reason}")
    kind = "" if isinstance(exc, ConstructorError) else "YAML syntax error: "
    return YamlError(file, f"{kind}{reason}", mark.line + 1, mark.column + 1)


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing (libyaml's composer recurses in C and would crash).

    Nesting needs brackets, indentation or a run of "- " on one line, so the event stream is only walked
    when one of those could reach the limit."""
    if (text.count("[") + text.count("{") < MAX_DEPTH and not _DEEP_INDENT.search(text)
            and not _COMPACT_RUN.search(text)):
        return
    depth = 0
    opening, closing = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in yaml.parse(text, Loader=_BASE):
        if isinstance(event, opening):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlError(file, f"is nested more than {MAX_DEPTH} levels deep", mark.line + 1, mark.column + 1)
        elif isinstance(event, closing):
            depth -= 1


def load_yaml_text(text: str, file: str) -> Any:
    """Parse YAML text read from `file` (named in errors)."""
    if "\x00" in text:
        raise YamlError(file, "contains NUL bytes: not a YAML text file")
    try:
        _check_depth(text, file)
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise _located(exc, file) from None
    except RecursionError:
        raise YamlError(file, "is nested too deeply to read") from None


def load_yaml_file(path: str | Path) -> Any:
    """Read and parse a UTF-8 YAML file; every failure is a YamlError naming the file."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlError(name, f"is {size / 1024 / 1024:.0f} MB, over the {MAX_YAML_BYTES // 1024 // 1024} MB "
                                  "limit for a YAML file")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise YamlError(name, "file not found") from None
    except IsADirectoryError:
        raise YamlError(name, "is a folder, not a YAML file") from None
    except UnicodeDecodeError as exc:
        raise YamlError(name, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise YamlError(name, f"cannot be read: {exc.strerror or exc}") from None
    return load_yaml_text(text, name)
