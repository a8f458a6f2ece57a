"""The report folder belongs to retold only as far as retold wrote it.

* A manifest (`.retold-manifest.json`) lists every file a build produced; a rebuild deletes or
  overwrites only those, and `retold clean` removes only those. Anything else a reader put there
  (notes, a `tables/grades.csv`) is left alone and never listed on the index.
* A non-empty folder retold did not write is refused, unless the reader says `--force`; the
  filesystem root, the home folder, the repository and folders holding the corpus are refused always.
* A build happens in a hidden sibling folder that starts as a hard-linked copy of the previous
  report, and is swapped in whole at the end, so a failed or killed build leaves the previous report
  exactly as it was, and readers never see half of one build and half of another.
* A lock next to the folder stops a second build of the same folder with a clear message.

Standard library only: `retold clean` runs before the virtual environment exists.
"""

from __future__ import annotations

import ctypes
import errno
import fnmatch
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

MANIFEST = ".retold-manifest.json"
BUILDING_MARK = ".retold-building"
INPUTS_STAMP = ".inputs"
IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini"}
# What reports built before manifests existed contained (so they are recognised and cleaned).
LEGACY_OUTPUTS = ("tables/*.csv", "tables/.inputs", "executed/*.ipynb", "executed/*.log", "executed/state.json",
                  "reading/*.html", "teacher/*.html", "code/*.html", "figures/*.svg", "figures/*.png",
                  "index.html", "handout.html", "handout.pdf")
LEGACY_SCRATCH = (".executing-*", ".tables-*")


class FolderError(RuntimeError):
    """An output folder retold may not write, or a build already running; the message is one line."""


@dataclass
class Ownership:
    """What is in an output folder: `new` (missing or empty), `report`, `tables`, `legacy` or `foreign`,
    and the files (relative, POSIX) that retold wrote there."""

    kind: str
    files: set[str] = field(default_factory=set)


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name not in IGNORABLE]


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a folder retold wrote, or None."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        return None
    return data


def _safe_relative(name: object) -> str | None:
    """A manifest entry only if it is a plain relative path inside the folder (a forged one is ignored)."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name or "\0" in name:
        return None
    parts = name.split("/")
    return name if all(part not in ("", ".", "..") for part in parts) else None


def _legacy_files(folder: Path) -> set[str]:
    found = set()
    for pattern in LEGACY_OUTPUTS:
        directory, _, glob = pattern.rpartition("/")
        base = folder / directory if directory else folder
        if base.is_dir() and not base.is_symlink():
            found |= {(f"{directory}/" if directory else "") + p.name for p in base.iterdir()
                      if fnmatch.fnmatch(p.name, glob) and (p.is_file() or p.is_symlink())}
    return found


def _is_tables_folder(folder: Path) -> bool:
    manifest = read_manifest(folder)
    return (manifest is not None and manifest.get("kind") == "tables") or (folder / INPUTS_STAMP).is_file()


def ownership(folder: Path) -> Ownership:
    """What kind of folder `folder` is and which of its files retold wrote."""
    if not folder.exists() and not folder.is_symlink():
        return Ownership("new")
    if not folder.is_dir():
        raise FolderError(f"{folder} is a file, not a folder")
    entries = _entries(folder)
    if not entries:
        return Ownership("new")
    manifest = read_manifest(folder)
    if manifest is not None and manifest.get("kind") in ("report", "tables"):
        return Ownership(manifest["kind"], {n for n in map(_safe_relative, manifest["files"]) if n})
    if (folder / "executed" / "state.json").is_file() and (folder / "tables" / INPUTS_STAMP).is_file():
        return Ownership("legacy", _legacy_files(folder))
    if (folder / INPUTS_STAMP).is_file():
        return Ownership("tables", {p.name for p in folder.glob("*.csv")} | {INPUTS_STAMP})
    if all(p.name == "tables" and p.is_dir() and _is_tables_folder(p) for p in entries):
        inner = ownership(folder / "tables")
        return Ownership("tables-only", {f"tables/{name}" for name in inner.files})
    return Ownership("foreign")


def _never_replace(folder: Path, protected: dict[Path, str]) -> str | None:
    resolved = folder.resolve()
    home = Path.home().resolve() if "HOME" in os.environ else None
    if resolved == resolved.parent:
        return "is the root of the filesystem"
    if home is not None and resolved in (home, *home.parents):
        return "is your home folder (or holds it)"
    for path, what in protected.items():
        target = path.resolve()
        if resolved == target:
            return f"is {what}"
        if resolved in target.parents:
            return f"holds {what} ({path})"
    return None


def check_output_folder(folder: Path, want: str, force: bool = False, protected: dict[Path, str] | None = None
                        ) -> Ownership:
    """The folder's ownership if retold may write `want` ("report" or "tables") there, else a FolderError."""
    reason = _never_replace(folder, protected or {})
    if reason:
        raise FolderError(f"{folder} {reason}: choose an empty or new folder for the {want}")
    found = ownership(folder)
    allowed = ("new", "tables") if want == "tables" else ("new", "report", "legacy", "tables-only")
    if found.kind not in allowed:
        if not force:
            raise FolderError(f"{folder} is not empty and is not a {want} folder retold wrote (no {MANIFEST}); "
                              "choose a new folder, or pass --force to write into it (retold never deletes files "
                              "it did not write)")
        return Ownership("foreign")
    return found


def report_folder(report_dir: str | Path) -> Path:
    """The output folder with every link resolved: two paths to one folder share one lock and one sibling."""
    return Path(os.path.realpath(report_dir))


def protected_folders(corpus_path: Path, notebooks_dir: Path) -> dict[Path, str]:
    """Folders an output must never replace: the corpus, the notebooks and the repository."""
    from ..config import repo_root

    root = repo_root()
    found = {corpus_path: "the corpus folder", notebooks_dir: "the notebooks folder"}
    return found | ({root: "the retold repository"} if root is not None else {})


def write_manifest(folder: Path, kind: str, files: set[str]) -> None:
    """Record the files retold wrote in `folder` (written atomically)."""
    from .. import __version__

    data = {"retold": __version__, "kind": kind, "files": sorted(files)}
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


# ---- locking
class FolderLock:
    """An exclusive lock on building `folder`, held in a file next to it (`.NAME.lock`)."""

    def __init__(self, folder: Path):
        self.path = folder.parent / f".{folder.name}.lock"
        self.folder = folder
        self._fd: int | None = None

    def __enter__(self) -> "FolderLock":
        try:
            import fcntl
        except ImportError:  # no advisory locks (Windows): build without one
            return self
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise FolderError(f"another retold build is writing {self.folder} (process {holder}); wait for it "
                                  "to finish, then run again") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the lock file was removed by a build that just finished: lock the new one
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                self.path.unlink()
            except OSError:
                pass
            os.close(self._fd)
            self._fd = None


# ---- building beside the folder, then swapping it in
def _clone(source: Path, target: Path) -> None:
    """Recreate `source` under `target` with hard links (copies where links are impossible); links stay links."""
    for entry in os.scandir(source):
        if entry.name in (MANIFEST, BUILDING_MARK) or any(fnmatch.fnmatch(entry.name, p) for p in LEGACY_SCRATCH):
            continue
        destination = target / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), destination)
        elif entry.is_dir():
            destination.mkdir()
            _clone(Path(entry.path), destination)
        elif entry.is_file():
            try:
                os.link(entry.path, destination)
            except OSError:
                shutil.copy2(entry.path, destination)


def remove_stale_builds(folder: Path) -> None:
    """Remove sibling build folders left by a build that was killed (they hold retold's mark)."""
    for sibling in folder.parent.glob(f".{folder.name}.building-*"):
        if sibling.is_dir() and not sibling.is_symlink() and (sibling / BUILDING_MARK).is_file():
            shutil.rmtree(sibling, ignore_errors=True)


@contextmanager
def staging_folder(folder: Path, previous: Ownership) -> Iterator[Path]:
    """A hidden sibling of `folder` holding a hard-linked copy of it; removed on every way out."""
    remove_stale_builds(folder)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        (staging / BUILDING_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
        if previous.kind != "new":
            _clone(folder, staging)
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def carry_over(folder: Path, staging: Path, ours: set[str]) -> None:
    """Copy into the finished build what a reader added to or changed in `folder` while it ran (any file that
    is not one of retold's outputs), so the swap loses none of it."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if not (path.is_file() or path.is_symlink()):
            continue
        name = path.relative_to(folder).as_posix()
        if name in ours or name == MANIFEST or any(fnmatch.fnmatch(part, p) for p in LEGACY_SCRATCH
                                                   for part in name.split("/")):
            continue
        target = staging / name
        try:
            if target.exists() and os.path.samefile(path, target):
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if path.is_symlink():
            os.symlink(os.readlink(path), target)
        else:
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), f"cannot swap {b} for the new build: {os.strerror(ctypes.get_errno())}")


def swap_in(staging: Path, folder: Path) -> None:
    """Put the finished build in place of `folder`; the previous contents end up in `staging` (to be removed)."""
    (staging / BUILDING_MARK).unlink(missing_ok=True)
    if not folder.exists():
        os.rename(staging, folder)
        return
    if _exchange(staging, folder):
        (staging / BUILDING_MARK).touch()
        return
    old = folder.with_name(f".{folder.name}.building-old-{os.getpid()}")
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except OSError:
        os.rename(old, folder)
        raise
    os.rename(old, staging)
    (staging / BUILDING_MARK).touch()


def remove_outputs(folder: Path, files: set[str]) -> None:
    """Delete the listed files (never following a link out of the folder), then folders left empty."""
    root = folder.resolve()
    parents = set()
    for name in files:
        path = folder / name
        if not (path.is_file() or path.is_symlink()) or not path.parent.resolve().is_relative_to(root):
            continue
        path.unlink()
        parents |= {p for p in path.relative_to(folder).parents if str(p) != "."}
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        try:
            (folder / parent).rmdir()
        except OSError:
            pass


def clean(folder: Path, protected: dict[Path, str] | None = None) -> list[str] | None:
    """Remove a report (or tables) folder retold wrote: its listed files only. Returns the names of files it
    kept (not retold's), or None when there was nothing to remove."""
    reason = _never_replace(folder, protected or {})
    if reason:
        raise FolderError(f"{folder} {reason}: not removing it")
    found = ownership(folder)
    if found.kind == "new":
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
        return None
    if found.kind == "foreign":
        raise FolderError(f"{folder} is not a report retold wrote (no {MANIFEST}): not removing it")
    with FolderLock(folder):
        remove_stale_builds(folder)
        owned = found.files | {MANIFEST} | ({f"tables/{MANIFEST}"} if found.kind == "tables-only" else set())
        owned |= {str(Path(name).with_name(f".{Path(name).name}.tmp").as_posix()) for name in owned}
        remove_outputs(folder, owned)
        for scratch in LEGACY_SCRATCH:
            for leftover in folder.rglob(scratch):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
        kept = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink())
        for directory in sorted((p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()),
                                key=lambda p: len(p.parts), reverse=True):
            try:
                directory.rmdir()
            except OSError:
                pass
        try:
            folder.rmdir()
        except OSError:
            pass
    return kept
