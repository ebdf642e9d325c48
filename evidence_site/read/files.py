"""Open project files for the load_* functions: UTF-8 text only, and no links out of the project.

Every problem comes back as a SourceError (`path:line: what is wrong, what to do`), never as an
exception, so a file saved as Windows-1252 or a link to /etc/passwd stops the build with one line.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from evidence_site.errors import SourceError

NOT_UTF8 = "not UTF-8 ({found}); save the file as UTF-8"
EXCEL_HINT = " (in Excel: Save As, 'CSV UTF-8')"
OUTSIDE = "is a link to {target}, outside the project; copy the {what} into the project instead"
DANGLING = "is a link to {target}, which does not exist; fix the link or delete it"
OPEN_QUOTE = ('a double quote (") opens a cell here and is never closed; close it, or remove the '
              "stray quote")
# A file changed this close to the build that hashed it could change again within one step of
# the file system's clock and keep its times: it is not recorded, so the next build reads it.
SETTLE_NS = 2_000_000_000
Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
AFTER_QUOTE = ('the double quotes (") on this line do not pair up; close each quoted cell with a '
               'quote just before its comma, and write a quote inside a cell as ""')


def decode(raw: bytes, shown: Path) -> tuple[str | None, list[SourceError]]:
    """The text of UTF-8 bytes (a byte-order mark is dropped), or the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line_start = raw.rfind(b"\n", 0, e.start) + 1
        before = raw[line_start:e.start].decode("utf-8", "replace").strip()
        if len(before) > 30:  # enough to find the place; start at a word
            before = re.split(r"[ ,]", before[-30:], maxsplit=1)[-1]
        found = f"byte 0x{raw[e.start]:02x} " + (f"after {before!r}" if before else
                                                   "at the start of the line")
        hint = EXCEL_HINT if shown.suffix == ".csv" else ""
        return None, [SourceError(shown, raw.count(b"\n", 0, e.start) + 1,
                                  NOT_UTF8.format(found=found) + hint)]


@dataclass
class Digests:
    """Content hashes of input files, each kept with the stat signature its file had.

    A file whose size, mtime, ctime and inode all match the record is not read again: any
    write changes ctime, and a replaced file has a new inode. known is the last build's record
    (empty when missing or damaged: every file is read); seen is this build's.
    """

    known: dict[str, tuple[Signature, str]] = field(default_factory=dict)
    seen: dict[str, tuple[Signature, str]] = field(default_factory=dict)
    started: int = field(default_factory=time.time_ns)

    def load_digest(self, path: Path | str) -> tuple[str, bytes | None]:
        """path's content hash, and its bytes when they had to be read (None: from the record).

        A file already seen this build (the build's key reads every input first) is not looked
        at again: a build of 1,000 summaries has 6,000 inputs.
        """
        name = os.fspath(path)
        if (seen := self.seen.get(name)) is not None:
            return seen[1], None
        found = os.stat(name)
        signature = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
        recorded = self.known.get(name)
        if recorded is not None and recorded[0] == signature:
            self.seen[name] = recorded
            return recorded[1], None
        with open(name, "rb") as handle:
            raw = handle.read()
        digest = hashlib.sha256(raw).hexdigest()
        if max(found.st_mtime_ns, found.st_ctime_ns) < self.started - SETTLE_NS:
            self.seen[name] = (signature, digest)
        return digest, raw


def read_text(path: Path, shown: Path) -> tuple[str | None, list[SourceError]]:
    """The text of one project file, or why it cannot be used (not UTF-8, a link outside)."""
    if problem := link_out(path, shown):
        return None, [problem]
    return decode(path.read_bytes(), shown)


def read_bytes(path: Path, shown: Path) -> tuple[bytes | None, list[SourceError]]:
    """The bytes of one project file, or the problem if it is a link out of the project."""
    if problem := link_out(path, shown):
        return None, [problem]
    return path.read_bytes(), []


def list_files(folder: Path, shown: Path, pattern: str = "*"
               ) -> tuple[list[Path], list[SourceError]]:
    """Files in folder matching pattern (sorted); links that lead out of the project are refused.

    shown is folder relative to the project root (as Project.rel gives it), so the root is
    folder without shown's parts. `**` patterns do not descend into linked folders.
    """
    if problem := link_out(folder, shown, what="folder"):
        return [], [problem]
    if "/" not in pattern and "**" not in pattern:
        return list_folder(folder, shown, pattern)
    found, errors = [], []
    for path in sorted(folder.glob(pattern)):
        relative = shown / path.relative_to(folder)
        if problem := link_out(path, relative, what="folder" if path.is_dir() else "file"):
            errors.append(problem)
        elif path.is_file():
            found.append(path)
    return found, errors


def list_folder(folder: Path, shown: Path, pattern: str) -> tuple[list[Path], list[SourceError]]:
    """list_files for one folder: the names the OS lists say which entries are links, so only
    a link costs a look at where it leads (a site of 1,000 summaries lists 3,000 files)."""
    try:
        with os.scandir(folder) as listed:
            by_name = {e.name: e for e in listed}
        entries = [by_name[name] for name in sorted(fnmatch.filter(by_name, pattern))]
    except OSError:
        return [], []  # as Path.glob: a missing folder holds no files
    found, errors = [], []
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink() and (problem := link_out(
                path, shown / entry.name, what="folder" if entry.is_dir() else "file")):
            errors.append(problem)
        elif entry.is_file():
            found.append(path)
    return found, errors


def list_tree(folder: Path) -> tuple[list[str], list[str]]:
    """Every file under folder, and every link to a folder (not entered, as a build's `**`
    does not), as paths in sorted order; a missing folder holds neither."""
    found, linked, folders = [], [], [str(folder)]
    while folders:
        here = folders.pop()
        try:
            with os.scandir(here) as listed:
                entries = list(listed)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir():
                (linked if entry.is_symlink() else folders).append(entry.path)
            else:
                found.append(entry.path)
    return sorted(found), sorted(linked)


def link_out(path: Path, shown: Path, what: str = "file") -> SourceError | None:
    """The problem if path is a symbolic link to outside the project folder (or to nothing)."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.is_relative_to(project_root(path, shown).resolve()):
        return SourceError(shown, None, OUTSIDE.format(target=target, what=what))
    if not target.exists():
        return SourceError(shown, None, DANGLING.format(target=target))
    return None


def project_root(path: Path, shown: Path) -> Path:
    """The project folder: path is root / shown when shown is relative (else path's folder)."""
    depth = len(shown.parts)
    if shown.is_absolute() or depth == 0 or path.parts[-depth:] != shown.parts:
        return path.parent
    return Path(*path.parts[:-depth]) if len(path.parts) > depth else Path(".")


def open_quote(text: str, shown: Path) -> SourceError | None:
    """The line where a quoted CSV cell opens and is never properly closed, if there is one.

    Checked before the file is read as a table, so the curator learns the line where the
    stray quote opens instead of an error about the end of the file.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), strict=True)
    start = 1
    while True:
        try:
            next(reader)
        except StopIteration:
            return None
        except csv.Error as e:
            if "expected after" in str(e) and reader.line_num == start:  # closed on its line
                return SourceError(shown, start, AFTER_QUOTE)
            if "expected after" in str(e) or "end of data" in str(e):
                return SourceError(shown, start, OPEN_QUOTE)
            return SourceError(shown, start, f"cannot be read as CSV ({e}); save it again as "
                               "CSV UTF-8 from a spreadsheet")
        start = reader.line_num + 1
