"""Stage 6: the only module that writes files: the site (atomically), stamps, cache, scaffolds.

The site folder carries a mark file (MARK). A folder is replaced only when it is empty, carries
the mark, or is a site an earlier version wrote; any other --out value is refused before a file
is touched. The new site is written beside the old one and swapped in with one rename-exchange
where the OS has it (Linux), else with two renames that the next build undoes or finishes.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from evidence_site.records import Stored

if TYPE_CHECKING:
    from evidence_site.records import Project

MARK = ".evidence-site"
MARK_TEXT = ("This folder was written by evidence-site (python build.py). Every build replaces\n"
             "the whole folder: do not keep your own files here.\n")
EARLIER_SITE = ("index.html", "404.html", "sitemap.xml", "_headers", "static/style.css")
TAG = "evidence-site"  # in the names of the sibling folders a swap uses, so no user folder matches
FIX = "choose a new folder such as site/ — nothing was written"
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


class OutRefused(Exception):
    """The output folder is not one this tool may replace; nothing was written."""


def prepare_out(out: Path, project: Project | None = None) -> str | None:
    """Return why out may not be written, or None after finishing any half-done earlier swap.

    Call it before building, so a refusal costs nothing and an interrupted swap is undone
    even when this build then fails.
    """
    problem = place_problem(out, project)
    if problem is None and out.resolve().parent.is_dir():
        with locked(out.resolve().parent):
            recover(out.resolve())
    return problem or folder_problem(out)


def write_site(files: Mapping[PurePosixPath, str | bytes], out_dir: Path,
               project: Project | None = None, known: Mapping[str, Published] | None = None,
               spare: Path | None = None) -> dict[str, Published]:
    """Write into a staging folder, then swap it in; a failed build leaves site/ alone.

    A file whose bytes site/ already holds is hard-linked into the staging folder, not written
    again, so a rebuild writes only what changed; when site/ already holds exactly these files
    (nothing changed), nothing is written. known is what the last build returned: a file whose
    digest and stat signature are as recorded is taken as the same without reading either
    (files may name a file kept elsewhere by its digest: a mapping with stored(path), see
    pipeline.SiteFiles). spare (in .cache/) keeps the site a swap put aside, and is the next
    build's staging folder: only the files that differ from it are changed (update_spare).
    Returns the record of the site now published. Raises OutRefused for a folder this tool may
    not replace.
    """
    if problem := place_problem(out_dir, project):
        raise OutRefused(problem)
    out = out_dir.resolve()
    digests = file_digests(files)
    files = Extended(files, {PurePosixPath(MARK): MARK_TEXT})
    digests[MARK] = Stored.of(MARK_TEXT).digest
    if problem := folder_problem(out_dir):
        raise OutRefused(problem)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out.parent):
        recover(out)
        if problem := folder_problem(out_dir):
            raise OutRefused(problem)
        published = load_published(out)
        same = load_same(files, out, published, known or {}, digests)
        if len(same) == len(files) == len(published):
            return {name: (published[name], digests[name]) for name in digests}
        kept = spare if spare is not None and usable_spare(spare, out) else None
        staging = kept or Path(tempfile.mkdtemp(prefix=f".{out.name}-{TAG}-build-",
                                                dir=out.parent))
        try:
            if kept:
                touched = update_spare(files, kept, out, same, published)
            else:
                write_files(files, staging, out, same)
            swap_in(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if not kept and not keep_spare(staging, spare, out):
            remove_site(staging, published)  # now the old site, or gone; next build retries
        # Signatures are taken once the old names are gone: unlinking one changes a file's ctime.
        # A file of the spare left as it was is the file that was published, its times unmoved.
        signatures = load_signatures(out, touched if kept else digests)
        if kept:
            signatures |= {name: published[name] for name in digests if name not in touched}
        return {name: (signatures[name], digests[name]) for name in digests
                if name in signatures}


def usable_spare(spare: Path, out: Path) -> bool:
    """Whether spare is a site this tool put aside, or an empty folder (what a swap leaves
    there after writing into a new empty --out), on out's disk (a folder, not a link)."""
    try:
        return (spare.is_dir() and not spare.is_symlink()
                and ((spare / MARK).is_file() or next(spare.iterdir(), None) is None)
                and spare.stat().st_dev == out.parent.stat().st_dev)
    except OSError:
        return False


def keep_spare(old_site: Path, spare: Path | None, out: Path) -> bool:
    """Move the site a swap put aside to spare (free, on out's disk); False if it cannot be."""
    if spare is None or not old_site.is_dir() or os.path.lexists(spare):
        return False
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        if spare.parent.stat().st_dev != out.parent.stat().st_dev:
            return False
        old_site.rename(spare)
    except OSError:
        return False
    return True


def update_spare(files: Mapping[PurePosixPath, str | bytes], spare: Path, published: Path,
                 same: Collection[str], signatures: Mapping[str, tuple[int, ...]]) -> set[str]:
    """Make spare hold exactly files, changing only what differs: a file of spare that is the
    published file itself (same inode), where that is what is wanted, is left as it is; any
    other is replaced, never written to (it may be a published file's other name). Returns
    the names of the files replaced."""
    wanted = {path.as_posix(): path for path in files}
    found = load_inodes(spare)
    for name in found.keys() - wanted.keys():
        os.unlink(f"{spare}/{name}")
        while (name := name.rpartition("/")[0]) and name not in wanted:
            try:
                os.rmdir(f"{spare}/{name}")
            except OSError:
                break
    made: set[str] = set()
    touched = set()
    for name, relative in sorted(wanted.items()):
        had, target = found.get(name), f"{spare}/{name}"
        if name in same and had is not None and had == signatures[name][3]:
            continue
        touched.add(name)
        if had is not None:
            os.unlink(target)
        elif os.path.isdir(target):
            shutil.rmtree(target)  # a folder where a file now goes
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if name not in same or not link(f"{published}/{name}", target):
            put(files[relative], target)
    return touched


def remove_site(folder: Path, names: Collection[str]) -> None:
    """Delete a site put aside by a swap whose files are known by name (no walk to find them),
    then whatever else the folder holds."""
    folders = {""}
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(f"{folder}/{name}")
        while (name := name.rpartition("/")[0]) and name not in folders:
            folders.add(name)
    for name in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(f"{folder}/{name}" if name else folder)
    shutil.rmtree(folder, ignore_errors=True)


# A published file as write_site records it: (its stat signature, the digest of its bytes).
Published = tuple[tuple[int, ...], str]


class Extended(Mapping[PurePosixPath, "str | bytes"]):
    """files with a few more added, keeping files' stored(path) (digests of files not read)."""

    def __init__(self, files: Mapping[PurePosixPath, str | bytes],
                 more: Mapping[PurePosixPath, str | bytes]) -> None:
        self.files, self.more = files, more

    def __getitem__(self, path: PurePosixPath) -> str | bytes:
        return self.more[path] if path in self.more else self.files[path]

    def __iter__(self) -> Iterator[PurePosixPath]:
        yield from self.files
        yield from (p for p in self.more if p not in self.files)

    def __len__(self) -> int:
        return len(self.files) + sum(p not in self.files for p in self.more)

    def stored(self, path: PurePosixPath) -> Stored | None:
        """files' stored(path), for a file not added here."""
        stored = getattr(self.files, "stored", None)
        return stored(path) if stored is not None and path not in self.more else None


def file_digests(files: Mapping[PurePosixPath, str | bytes]) -> dict[str, str]:
    """Each file's digest: as stored for a file kept elsewhere, else hashed here."""
    stored = getattr(files, "stored", None)
    digests = {}
    for path in files:
        marker = stored(path) if stored is not None else None
        digests[path.as_posix()] = (marker or Stored.of(files[path])).digest
    return digests


def write_files(files: Mapping[PurePosixPath, str | bytes], folder: Path,
                published: Path | None = None, same: Collection[str] = ()) -> None:
    """Write every file under folder: text as UTF-8 with \\n, bytes as they are.

    The files named in same are hard-linked from the published site instead (copied where
    the disk cannot link): the old site keeps its own name for each, so it is never changed.
    A file linked is not asked for its content.
    """
    made: set[str] = set()
    stored = getattr(files, "stored", None)
    # Paths as text: a rebuild of 1,000 summaries links 7,000 files, and pathlib cost more.
    # Files still to be read go last: a picture the converter is finishing is one of them, so
    # the rest of the site is written while it draws.
    for _, name, relative in sorted((stored is not None and stored(path) is not None,
                                     path.as_posix(), path) for path in files):
        target = f"{folder}/{name}"
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if published is not None and name in same and link(f"{published}/{name}", target):
            continue
        put(files[relative], target)
    folder.chmod(0o755)


def put(content: str | bytes, target: str) -> None:
    """Write one new file: text as UTF-8 with \\n, bytes as they are."""
    if isinstance(content, bytes):
        Path(target).write_bytes(content)
    else:
        Path(target).write_text(content, encoding="utf-8", newline="\n")


def link(source: Path | str, target: Path | str) -> bool:
    """Hard-link source at target; False where the disk or its owner does not allow it."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def swap_in(staging: Path, out: Path) -> None:
    """Put staging at out; afterwards staging holds the old site (or nothing).

    With rename-exchange, out is a whole site at every instant. The two-rename fallback leaves
    the old site whole in .NAME-evidence-site-old while out is missing; recover() restores it.
    """
    if not out.exists():
        staging.rename(out)
        return
    if exchange(staging, out):
        return
    old = sibling(out, "old")
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    with contextlib.suppress(OSError):  # the new site is in place; the next build clears old
        old.rename(staging)


def recover(out: Path) -> None:
    """Finish or undo a swap an interrupted build left half done; clear its leftovers.

    Only folders named by this tool are touched: .NAME-evidence-site-*, and an earlier version's
    .NAME-old when it holds a site. (An earlier version's staging folder, .NAME-XXXXXXXX, cannot
    be told from a curator's own folder, so it is left alone.)
    """
    if not out.parent.is_dir():
        return
    old, earlier_old = sibling(out, "old"), out.with_name(f".{out.name}-old")
    for candidate in (old, earlier_old):
        whole = candidate.is_dir() and (candidate is old or written_here(candidate))
        if whole and not out.exists():
            candidate.rename(out)
    for entry in sorted(os.listdir(out.parent)):
        path = out.parent / entry
        ours = entry.startswith(f".{out.name}-{TAG}-")
        earlier = entry == earlier_old.name and written_here(path)
        if (ours or earlier) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def sibling(out: Path, role: str) -> Path:
    """The fixed-name folder beside out that a swap uses for one role."""
    return out.with_name(f".{out.name}-{TAG}-{role}")


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the OS or disk cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


@functools.cache
def _renameat2() -> ctypes._CFuncPtr | None:
    """libc's renameat2, or None off Linux or on a C library without it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on folder, so two builds never clear each other's staging."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds are not run side by side there
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def place_problem(out: Path, project: Project | None = None) -> str | None:
    """Why out is a place no build may write (a file system root, a home, the project's inputs).

    Looks only at paths, never at what is in the folders.
    """
    shown, target = f"--out {out}", out.resolve()
    if target == Path(target.anchor):
        return f"{shown}: this is the root of the file system; {FIX}"
    if project is not None:
        root = project.root.resolve()
        if target == root:
            return f"{shown}: this is the project folder (it holds content/ and data/); {FIX}"
        if root.is_relative_to(target):
            return f"{shown}: this folder holds the project ({root}); {FIX}"
        for path in inputs(project):
            label = f"{path.name} file" if path.suffix == ".toml" else f"{path.name}/ folder"
            if target == path.resolve():
                return f"{shown}: this is the project's {label}; {FIX}"
            if target.is_relative_to(path.resolve()):
                return f"{shown}: this is inside the project's {label}; {FIX}"
    for home in homes():
        if target == home:
            return f"{shown}: this is your home folder; {FIX}"
        if home.is_relative_to(target):
            return f"{shown}: this folder holds your home folder ({home}); {FIX}"
    return None


def inputs(project: Project) -> tuple[Path, ...]:
    """What a build reads or keeps in the project: never an output folder, nor inside one."""
    return (*project.input_folders, project.settings_file, project.root / ".git",
            project.root / ".cache")


def homes() -> tuple[Path, ...]:
    """This user's home folder (from HOME, and from the password database where there is one)."""
    found = {Path.home().resolve()}
    with contextlib.suppress(ImportError, KeyError):
        import pwd

        found.add(Path(pwd.getpwuid(os.getuid()).pw_dir).resolve())
    return tuple(sorted(found))


def folder_problem(out: Path) -> str | None:
    """Why the folder at out may not be replaced: a file, someone else's folder, no permission."""
    shown, target = f"--out {out}", out.resolve()
    existing = next(p for p in (target, *target.parents) if p.exists())
    if existing == target and not target.is_dir():
        return f"{shown}: this is a file, not a folder; {FIX}"
    if not existing.is_dir():
        return f"{shown}: {existing} is a file, not a folder; {FIX}"
    if existing == target and not replaceable(target):
        return (f"{shown}: this folder holds files this tool did not write (it has no {MARK} "
                "mark); choose a new or empty folder, or empty this one yourself — nothing was "
                "written")
    writable = target.parent if existing == target else existing
    if not os.access(writable, os.W_OK | os.X_OK):
        return (f"{shown}: cannot write in {writable}/ (permission denied); choose a folder you "
                "can write to — nothing was written")
    return None


def replaceable(folder: Path) -> bool:
    """Whether a build may replace folder: it is empty or holds a site this tool wrote."""
    with os.scandir(folder) as entries:
        empty = next(entries, None) is None
    return empty or written_here(folder)


def written_here(folder: Path) -> bool:
    """Whether folder holds a site this tool wrote: the mark, or an earlier version's files."""
    return (folder / MARK).is_file() or all((folder / p).is_file() for p in EARLIER_SITE)


def load_published(out_dir: Path) -> dict[str, tuple[int, ...]]:
    """The regular files of the published site and their stat signatures (size first; {} when
    there is none). A warm build of 1,000 summaries looks at 7,000 files: the loop is lean."""
    found: dict[str, tuple[int, ...]] = {}
    for name, entry in listed_files(out_dir):
        if entry.is_file(follow_symlinks=False):
            try:
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[name] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        else:
            found[name] = (-1,)  # a link or device: never the same as a file we write
    return found


def load_inodes(folder: Path) -> dict[str, int]:
    """The files under folder by name, and each one's inode, as the folder lists it (no file
    is looked at: the inode is in the listing); a link or device is -1."""
    return {name: entry.inode() if entry.is_file(follow_symlinks=False) else -1
            for name, entry in listed_files(folder)}


def listed_files(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under folder that is not a folder, by its path inside it (links to folders
    are not entered); a folder that cannot be listed holds nothing."""
    folders = [(str(folder), "")]
    while folders:
        here, prefix = folders.pop()
        try:
            with os.scandir(here) as listed:
                entries = list(listed)
        except OSError:
            continue
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{name}/"))
            else:
                yield name, entry


def load_as_recorded(out_dir: Path, known: Mapping[str, Published]) -> bool:
    """Whether the published site holds exactly the files of the record, as they were then
    (none was changed, added or taken away since the last build wrote it)."""
    found = load_published(out_dir.resolve()) if known else {}
    return bool(found) and found.keys() == known.keys() and all(
        known[name][0] == stat for name, stat in found.items())


def signature(stat: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written or replaced: size, mtime, ctime, inode."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def load_signatures(out_dir: Path, names: Collection[str]) -> dict[str, tuple[int, ...]]:
    """The stat signatures of the given files of the published site (those that are there)."""
    found = {}
    for name in names:
        with contextlib.suppress(OSError):
            found[name] = signature(os.stat(f"{out_dir}/{name}", follow_symlinks=False))
    return found


def load_same(files: Mapping[PurePosixPath, str | bytes], out_dir: Path,
              published: Mapping[str, tuple[int, ...]],
              known: Mapping[str, Published] | None = None,
              digests: Mapping[str, str] | None = None) -> set[str]:
    """The files whose bytes the published site already holds under the same name.

    A file recorded in known with its digest and the signature it has now is not read;
    any other is compared byte for byte.
    """
    known, digests = known or {}, digests or {}
    same = set()
    for relative in files:
        name = relative.as_posix()
        if name not in published:
            continue
        if (record := known.get(name)) is not None and record == (published[name],
                                                                   digests.get(name)):
            same.add(name)
            continue
        content = files[relative]
        expected = content if isinstance(content, bytes) else content.encode("utf-8")
        if published[name][0] != len(expected):
            continue
        try:
            if load_bytes(f"{out_dir}/{name}", len(expected)) == expected:
                same.add(name)
        except OSError:
            continue
    return same


def load_bytes(path: str, size: int) -> bytes:
    """Up to size + 1 bytes of a file, read without the buffered-file layers (7,000 files
    are read back after a warm build of 1,000 summaries); one byte more shows a longer file."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks, left = [], size + 1
        while left > 0 and (chunk := os.read(handle, left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def write_stamp(sidecar: Path, text: str) -> None:
    """Write a dataset's sidecar after a curator re-checked its figures."""
    sidecar.write_text(text, encoding="utf-8", newline="\n")


def write_cache(cache_dir: Path, files: Mapping[PurePosixPath, bytes]) -> None:
    """Store new cache entries; each file is replaced atomically, so a reader never sees half."""
    for relative, content in sorted(files.items()):
        target = cache_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def write_scaffold(created: Mapping[Path, str], replaced: Mapping[Path, str]) -> None:
    """Create a new summary's files (never overwriting one) and update the files it extends."""
    for path, text in created.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    for path, text in replaced.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def prune_cache(cache_dir: Path, unused: Collection[PurePosixPath]) -> None:
    """Delete the given files of cache_dir (what the last build did not use) and the folders
    they leave empty; a file already gone, or changed while we look, is left to the next build."""
    folders = set()
    for relative in sorted(unused):
        with contextlib.suppress(OSError):
            (cache_dir / relative).unlink(missing_ok=True)
        folders.add(cache_dir / relative.parent)
    for folder in sorted(folders, reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
