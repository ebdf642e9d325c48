"""Incremental builds: results of pure functions kept in .cache/, one file per entry.

Every entry is a pure function of its key, so deleting .cache/ is always safe and a cached build
is byte-identical to a clean one. An entry is read only when a build asks for it, and only new
entries are written, so a rebuild costs what changed, not the size of the site. INDEX lists
every entry file and its size, so a successful build prunes what it did not use and reports the
size without walking the folder. Files are read only in load_* functions and methods named so;
new files are handed back by Cache.changes() and written by write.write_cache.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import io
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PosixPath, PurePath, PurePosixPath
from typing import Any

from evidence_site import theme
from evidence_site.present.converter import CACHE_DIR as CACHE_DIR  # re-exported
from evidence_site.present.converter import CHARTS, FONTS
from evidence_site.read.files import Digests, list_tree
from evidence_site.records import Figure

# CACHE_DIR and CHARTS (the folder of .cache/ that holds the drawn SVGs) are the converter's:
# the command asks whether charts were drawn before it loads this module.
PRUNED = (CHARTS, "memo")  # the folders of .cache/ a successful build prunes to what it used
INDEX = "index.pickle"  # {entry file: size in bytes}, rewritten by each build
RECORD = "files.pickle"  # {input file: (stat signature, content hash)}, as Digests keeps it
SITE_RECORD = "site.pickle"  # (site folder, {file: (stat signature, digest)}): write_site's
# The site the last swap put aside, the next write's staging folder (publish.write.write_site):
# mostly hard links to the published files, so not counted in the size of .cache/.
SPARE = "spare"
BUILD_RECORD = "build.pickle"  # (key of every input, what that build printed): the last build's
FAILED = "failed.pickle"  # the entries that builds which failed added since the last that worked
FORMAT = "3"  # bump when the layout of .cache/ changes
PACKAGE = Path(__file__).resolve().parent
# What a chart's pixels depend on besides its figures: the builders and the rounding rule.
CHART_CODE = ("charts.py", "icons.py", "records.py", "numbers.py", "shapes.py")
RENDERERS = ("altair", "vl-convert-python")
# What a PNG picture (card, icon) depends on besides its layout or SVG: not the rest of the
# code, so an upgrade does not draw every card again; and the fonts a card is drawn in.
PICTURE_CODE = ("card.py",)
PAINTERS = ("vl-convert-python", "pillow")
# selectolax and html5lib: the checks memoised with each page parse it with them.
LIBRARIES = RENDERERS + ("jinja2", "markdown", "pyyaml", "selectolax", "html5lib")
_MISSING = object()
PACKS = 32  # remember_all's packs per table
# What reading back a damaged or foreign pickle can raise.
UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
              IndexError, ValueError, TypeError)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: everything that determines its SVG."""

    kind: str
    figures: tuple[Figure, ...]
    label: str
    outcome: str = ""  # icon arrays write it beside each array
    denominator: int = 0  # people are drawn out of this (0: the chart draws no people)
    palette: tuple[tuple[str, str, int], ...] = ()  # (group, colour, style): site-wide


@dataclass
class Cache:
    """Entries read on demand and this build's new ones (written by the caller).

    Mutable on purpose, like functools.lru_cache: the preview server keeps one Cache in
    memory across rebuilds, so an unchanged page costs one dictionary look-up.
    """

    root: Path | None
    code: str
    chart_code: str
    picture_code: str = ""
    # Files of .cache/ are named by their paths inside it, as text ("memo/pages/ab/ab12...").
    index: dict[str, int] = field(default_factory=dict)  # every file in .cache/, its size
    entries: dict[str, tuple[Any, tuple[str, ...]]] = field(
        default_factory=dict)  # read or made: (value, entries its computation used)
    used: set[str] = field(default_factory=set)
    new_files: dict[str, bytes] = field(default_factory=dict)
    live: dict[str, tuple[str, Any]] = field(default_factory=dict)
    computing: list[set[str]] = field(default_factory=list)
    index_bytes: int = 0  # the size of the index file itself
    digests: Digests = field(default_factory=Digests)  # input files' hashes, by stat signature
    record_bytes: int = 0  # the size of the record of input files
    # The published site as the last build left it, so a file whose digest and stat signature
    # match is linked without being read (write.write_site): (its folder, {file: record}).
    site: tuple[str, dict[str, tuple[tuple[int, ...], str]]] = ("", {})
    site_bytes: int = 0
    # The last one-off build: the key of all its inputs (build_key) and what it printed.
    last: tuple[str, Any] = ("", None)
    last_bytes: int = 0
    failed: frozenset[str] = frozenset()  # as FAILED lists them
    rendered: int = 0
    reused: int = 0

    def start_build(self) -> None:
        """Reset what a build used and its chart counts (the preview server reuses a Cache)."""
        self.rendered = self.reused = 0
        self.used = set()
        gc.unfreeze()  # the last build's entries are collected as usual again (the preview)
        self.digests = Digests(known=self.digests.seen or self.digests.known)

    def key(self, *material: Any) -> str:
        """A hash of this code version and the given values (records, text, bytes)."""
        digest = hashlib.sha256(self.code.encode())
        digest.update(canonical(material))
        return digest.hexdigest()

    def remember(self, table: str, key: str, compute: Callable[[], Any], *,
                 again: bool = False) -> Any:
        """Return the value stored under key, computing and storing it on a miss (or again).

        The entries a computation looks up (a page's card inside its rendering) are stored
        with it, so reusing the outer entry keeps them in use too.
        """
        path = entry_path(table, key)
        found = None if again else self.entries.get(path) or self.load_entry(path)
        if found is None:
            self.computing.append(set())
            try:
                value = compute()
            finally:
                inner = self.computing.pop()
            found = (value, tuple(sorted(inner)))
            self.entries[path] = found
            if self.root is not None:
                self.new_files[path] = dumps(found)
        self.use(path, *found[1])
        return found[0]

    def remember_all(self, table: str, items: list[tuple[str, Callable[[], Any]]]) -> list[Any]:
        """remember(table, key, compute) of each (key, compute), in order, read back in packs
        (packed) and kept in packs (pack)."""
        keys = [key for key, _ in items]
        found = self.packed(table, keys)
        values = [found[key] if key in found else self.remember(table, key, compute)
                  for key, compute in items]
        self.pack(table, keys)
        return values

    def packed(self, table: str, keys: list[str]) -> dict[str, Any]:
        """The values of keys found in their packs. Entries of a table are also kept in PACKS
        packs, each keyed by all the keys of its share: a site of 1,000 pages reads 32 files,
        not 1,000. An edit changes the keys of one or two shares: their other entries are
        taken from the pack an earlier build kept for the share."""
        found = {}
        missed: dict[int, set[str]] = {}
        for share, members in packs_of(keys).items():
            path = entry_path(f"{table}-packs", self.pack_key(table, share, members))
            entry = self.entries.get(path) or self.load_entry(path)
            if entry is not None and pack_members(entry[0]) == members:
                self.use(path, *entry[1])
                found.update((key, value) for key, value, _ in entry[0])
            else:
                missed[share] = set(members)
        for key, value, inner in self.earlier(table, missed) if missed else ():
            found[key] = value
            self.entries.setdefault(entry_path(table, key), (value, inner))
        return found

    def pack_key(self, table: str, share: int, members: list[str]) -> str:
        """The key of the pack of a share's members: led by the share, so the packs .cache/
        keeps for a share are found by their names (earlier)."""
        return f"{share:02x}{self.key(table, members)[2:]}"

    def earlier(self, table: str, missed: dict[int, set[str]]
                ) -> list[tuple[str, Any, tuple[str, ...]]]:
        """The members wanted by each missed share found in the packs .cache/ holds for it
        (the last build's, as a build prunes the rest): (key, value, entries it used)."""
        packs = entry_path(f"{table}-packs", "").rpartition("/")[0] + "/"
        shares = {f"{packs}{share:02x}": wanted for share, wanted in missed.items()}
        taken = []
        for path in sorted(p for p in self.index if p.startswith(packs)):
            wanted = shares.get(path[:len(packs) + 2])  # a pack's key is led by its share
            entry = self.load_entry(path) if wanted else None
            for key, value, inner in entry[0] if entry and pack_members(entry[0]) else ():
                if key in wanted:
                    wanted.discard(key)
                    taken.append((key, value, inner))
        return taken

    def pack(self, table: str, keys: list[str]) -> None:
        """Keep in packs (see packed) the entries of keys this build made or read one by one."""
        for share, members in packs_of(keys).items():
            if all(entry_path(table, key) in self.entries for key in members):
                self.remember(f"{table}-packs", self.pack_key(table, share, members),
                              lambda m=members: [(key, self.remember(table, key, unreachable),
                                                  self.entries[entry_path(table, key)][1])
                                                 for key in m])

    def use(self, *paths: str) -> None:
        """Mark files of .cache/ as used by this build (and by the entry being computed)."""
        self.used.update(paths)
        if self.computing:
            self.computing[-1].update(paths)

    def load_entry(self, path: str) -> tuple[Any, tuple[str, ...]] | None:
        """One stored entry, or None when there is none or it cannot be read."""
        if self.root is None or path not in self.index:
            return None
        paused = gc.isenabled()
        try:
            with open(f"{self.root}/{path}", "rb") as handle:
                gc.disable()  # as collector_paused, without a generator per entry
                found = pickle.load(handle)
        except UNREADABLE:
            return None  # a damaged cache is only a slower build: the entry is made again
        finally:
            if paused:
                # What was read back lives until the build ends and holds no cycles: frozen,
                # it is not scanned again by every later collection as the heap grows.
                gc.freeze()
                gc.enable()
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], tuple)):
            return None
        self.entries[path] = found
        return found

    def has(self, table: str, key: str) -> bool:
        """Whether a readable value is stored under key (read now, so it is kept in memory)."""
        path = entry_path(table, key)
        return path in self.entries or self.load_entry(path) is not None

    def listed(self, table: str, key: str) -> bool:
        """Whether an entry is held in memory or listed in .cache/, without reading it."""
        path = entry_path(table, key)
        return path in self.entries or self.root is not None and path in self.index

    def load_value(self, table: str, key: str) -> Any:
        """The value stored under key (read now if need be), or None."""
        path = entry_path(table, key)
        found = self.entries.get(path) or self.load_entry(path)
        return None if found is None else found[0]

    def keep(self, name: str, key: str, make: Callable[[], Any]) -> Any:
        """A value kept in memory only, made again when its key changes (e.g. a Jinja env)."""
        if name not in self.live or self.live[name][0] != key:
            self.live[name] = (key, make())
        return self.live[name][1]

    def memo(self, table: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a pure function so a call with the same arguments returns the stored result."""

        def call(*args: Any, **kwargs: Any) -> Any:
            key = self.key(table, args, sorted(kwargs.items()))
            return self.remember(table, key, lambda: function(*args, **kwargs))

        return call

    def chart_key(self, job: ChartJob) -> str:
        """Hash of the full chart input: kind, figures, label, builder code, renderer versions."""
        digest = hashlib.sha256(self.chart_code.encode())
        digest.update(canonical(job))
        return digest.hexdigest()

    def picture_key(self, picture: object) -> str:
        """Hash of a PNG picture's input (its SVG or card layout) and the code that paints it."""
        digest = hashlib.sha256(self.picture_code.encode())
        digest.update(canonical(picture))
        return digest.hexdigest()

    def load_svg(self, key: str) -> str | None:
        """A chart's SVG, drawn by this build or stored by an earlier one (None: not drawn)."""
        path = svg_path(key)
        svg = self.new_files.get(path)
        if svg is not None:
            return svg.decode()
        if self.root is None or path not in self.index:
            return None
        try:
            return (self.root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def add_svg(self, key: str, svg: str) -> None:
        """Keep a newly drawn chart (written with the other new files)."""
        if self.root is not None:
            self.new_files[svg_path(key)] = svg.encode()

    def changes(self, *, failed: bool = False) -> dict[PurePosixPath, bytes]:
        """The files to write back: new entries and SVGs, and the index that lists them (and,
        after a build that failed, the list of what such builds added: FAILED)."""
        files, self.new_files = self.new_files, {}
        if self.root is None:
            return {}
        if files:
            self.index.update((path, len(content)) for path, content in files.items())
            if failed:
                self.failed |= set(files)
                files[FAILED] = pickle.dumps(self.failed, protocol=5)
            files[INDEX] = self.index_file()
        if self.digests.seen != self.digests.known:
            files[RECORD] = pickle.dumps(self.digests.seen, protocol=5)
            self.record_bytes = len(files[RECORD])
            self.digests.known = self.digests.seen
        return {PurePosixPath(path): content for path, content in files.items()}

    def published(self, out: Path) -> dict[str, tuple[tuple[int, ...], str]]:
        """What the last build recorded of the site it wrote at out ({} for another folder)."""
        return self.site[1] if self.site[0] == str(out.resolve()) else {}

    def record_site(self, out: Path, files: dict[str, tuple[tuple[int, ...], str]]
                    ) -> dict[PurePosixPath, bytes]:
        """Keep write_site's record of the site at out; the file to write when it changed."""
        site = (str(out.resolve()), files)
        if site == self.site:
            return {}
        self.site = site
        if self.root is None:
            return {}
        blob = pickle.dumps(site, protocol=5)
        self.site_bytes = len(blob)
        return {PurePosixPath(SITE_RECORD): blob}

    def build_key(self, folders: list[Path], *variant: Any) -> str | None:
        """A hash of this code version, variant, and the content of every file under folders
        (None when a file cannot be read: such a build is never taken as unchanged)."""
        digest = hashlib.sha256(self.code.encode())
        digest.update(canonical(variant))
        try:
            for folder in folders:  # site.toml is one of them
                found, linked = ([str(folder)], []) if folder.is_file() else list_tree(folder)
                digest.update(canonical((str(folder), linked, [os.readlink(p) for p in linked])))
                for path in found:
                    digest.update(f"{path}\0{self.digests.load_digest(path)[0]}\0".encode())
        except OSError:
            return None
        return digest.hexdigest()

    def repeat(self, key: str | None) -> Any:
        """What the last build printed, if its inputs had this key (None: build again)."""
        return self.last[1] if key and self.last[0] == key else None

    def record_build(self, key: str | None, printed: Any) -> dict[PurePosixPath, bytes]:
        """Keep what a successful build printed under the key of its inputs; the file to write."""
        if key is None or self.root is None:
            return {}
        self.last = (key, printed)
        blob = pickle.dumps(self.last, protocol=5)
        self.last_bytes = len(blob)
        return {PurePosixPath(BUILD_RECORD): blob}

    def index_file(self) -> bytes:
        """The index of entry files, as stored."""
        blob = pickle.dumps(self.index, protocol=5)
        self.index_bytes = len(blob)
        return blob

    def pruned(self) -> tuple[set[PurePosixPath], dict[PurePosixPath, bytes]]:
        """After a successful build: the files it did not use, and the index without them.

        Only after a build that succeeded: a failed one stops before it uses everything.
        In memory, only the entries this build used are kept.
        """
        self.forget_unused()
        unused = set(self.index) - self.used
        failed, self.failed = self.failed, frozenset()
        if not unused:
            return {PurePosixPath(FAILED)} if failed else set(), {}
        self.index = {p: size for p, size in self.index.items() if p in self.used}
        return ({PurePosixPath(p) for p in unused | ({FAILED} if failed else set())},
                {PurePosixPath(INDEX): self.index_file()})

    def forget_failed(self) -> tuple[set[PurePosixPath], dict[PurePosixPath, bytes]]:
        """For a build that repeats the last one that worked: the entries that builds which
        failed since have added (made from inputs that are gone again), and the index
        without them."""
        if not self.failed:
            return set(), {}
        failed, self.failed = self.failed, frozenset()
        self.index = {p: size for p, size in self.index.items() if p not in failed}
        return ({PurePosixPath(p) for p in failed | {FAILED}},
                {PurePosixPath(INDEX): self.index_file()})

    def forget_unused(self) -> None:
        """Keep in memory only the entries the last build used (the preview's cache)."""
        self.entries = {p: e for p, e in self.entries.items() if p in self.used}

    def size(self) -> int:
        """The bytes .cache/ holds: every entry file, the index and the records of files."""
        return (sum(self.index.values()) + self.index_bytes + self.record_bytes
                + self.site_bytes + self.last_bytes)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while an entry is read back: unpickling makes many objects
    and no garbage, and collecting in the middle made every read cost more as the heap grew."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def packs_of(keys: list[str]) -> dict[int, list[str]]:
    """keys shared out among PACKS shares by their first digits, each in the order given."""
    packs: dict[int, list[str]] = {}
    for key in keys:
        packs.setdefault(int(key[:8], 16) % PACKS, []).append(key)
    return dict(sorted(packs.items()))


def pack_members(pack: Any) -> list[str] | None:
    """The keys of a pack's members, in order (None: not a pack, e.g. a damaged file)."""
    if not (isinstance(pack, list) and all(
            isinstance(member, tuple) and len(member) == 3 for member in pack)):
        return None
    return [key for key, _, _ in pack]


def unreachable() -> Any:
    """The computation of an entry that is held already (pack makes no entry)."""
    raise AssertionError("an entry of a pack is held in memory")


def canonical(material: Any) -> bytes:
    """Values as bytes that depend only on what they are, never on which objects they share.

    A plain pickle writes a second use of one object as a reference to the first, so equal
    records made by parsing and read back from .cache/ would give different bytes; the
    pickler's fast mode writes every value out in full.
    """
    if not hasattr(KEYING, "pickler"):  # one per thread, made once: a build makes 5,000 keys
        KEYING.buffer = io.BytesIO()
        KEYING.pickler = pickle.Pickler(KEYING.buffer, protocol=5)
        KEYING.pickler.fast = True  # no memo: our records hold no cycles
    KEYING.buffer.seek(0)
    KEYING.buffer.truncate()
    KEYING.pickler.dump(material)
    return KEYING.buffer.getvalue()


KEYING = threading.local()  # canonical's pickler and its buffer


def dumps(value: Any) -> bytes:
    """An entry's pickle, its paths stored as parts that are read back without parsing
    (a site of 1,000 summaries reads back 9,000 paths each build, parsing them took 30 ms)."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.dispatch_table = PATHS
    pickler.dump(value)
    return stream.getvalue()


def path_of(kind: type[PurePath], drv: str, root: str, parts: tuple[str, ...]) -> PurePath:
    """A path from the parts it was stored with (dumps): pathlib's own rebuilding, without
    parsing the text again. Only Python 3.11 stores paths so (FAST_PATHS)."""
    path = object.__new__(kind)
    path._drv, path._root, path._parts = drv, root, list(parts)  # type: ignore[attr-defined]
    return path


def reduce_path(path: PurePath) -> tuple[Callable[..., PurePath], tuple[Any, ...]]:
    """How dumps stores a path: its type and parts, as pathlib 3.11 keeps them."""
    return path_of, (type(path), path._drv, path._root, tuple(path._parts))  # type: ignore


# pathlib's inner fields are its own: other versions pickle paths as usual (and the cache of
# one Python version is never read by another: sys.version is in every key).
FAST_PATHS = sys.version_info[:2] == (3, 11)
PATHS = copyreg.dispatch_table | ({kind: reduce_path for kind in (PurePosixPath, PosixPath)}
                                  if FAST_PATHS else {})


# One folder a table, not one a key prefix: a cold build of a small site made a folder for
# nearly every entry (a hundred folders, each a slow step of the file system when it is busy).
def entry_path(table: str, key: str) -> str:
    """Where one memo entry is kept, relative to the cache folder."""
    return f"memo/{table}/{key}.pickle"


def svg_path(key: str) -> str:
    """Where a chart's SVG is kept, relative to the cache folder."""
    return f"{CHARTS}/{key}.svg"


def load_cache(root: Path | None) -> Cache:
    """Open the cache folder (None: an in-memory cache that starts empty)."""
    code, chart_code, picture_code = load_versions()
    cache = Cache(root=root, code=code, chart_code=chart_code, picture_code=picture_code)
    if root is not None:
        cache.index = load_index(root)
        cache.digests = Digests(known=load_record(root))
        with contextlib.suppress(OSError):
            cache.index_bytes = (root / INDEX).stat().st_size
        with contextlib.suppress(OSError):
            cache.record_bytes = (root / RECORD).stat().st_size
        cache.site = load_site_record(root)
        with contextlib.suppress(OSError):
            cache.site_bytes = (root / SITE_RECORD).stat().st_size
        cache.last = load_build_record(root)
        failed = load_pickled(root / FAILED)
        if isinstance(failed, frozenset | set) and all(isinstance(p, str) for p in failed):
            cache.failed = frozenset(failed)
        with contextlib.suppress(OSError):
            cache.last_bytes = (root / BUILD_RECORD).stat().st_size
    return cache


def load_pickled(path: Path) -> Any:
    """One pickled file of .cache/, or None when it is missing or damaged (each is only ever a
    speed-up: a build without it reads or makes again what it held)."""
    try:
        with path.open("rb") as handle, collector_paused():
            return pickle.load(handle)
    except UNREADABLE:
        return None


def load_record(root: Path) -> dict[str, tuple[tuple[int, int, int, int], str]]:
    """The last build's record of input files ({} when missing or damaged: all are read)."""
    record = load_pickled(root / RECORD)
    if not isinstance(record, dict) or not all(
            isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
            and isinstance(v[0], tuple) and isinstance(v[1], str) for k, v in record.items()):
        return {}
    return record


def load_site_record(root: Path) -> tuple[str, dict[str, tuple[tuple[int, ...], str]]]:
    """The last build's record of the site it wrote (none when missing or damaged: the
    writer then compares every file's bytes)."""
    site = load_pickled(root / SITE_RECORD)
    if not (isinstance(site, tuple) and len(site) == 2 and isinstance(site[0], str)
            and isinstance(site[1], dict) and all(
                isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
                and isinstance(v[0], tuple) and isinstance(v[1], str)
                for k, v in site[1].items())):
        return "", {}
    return site


def load_build_record(root: Path) -> tuple[str, Any]:
    """The last build's key and what it printed (none when missing or damaged: build again)."""
    last = load_pickled(root / BUILD_RECORD)
    if not (isinstance(last, tuple) and len(last) == 2 and isinstance(last[0], str)):
        return "", None
    return last


def load_index(root: Path) -> dict[str, int]:
    """The entry files .cache/ holds; walked once when the index is missing or damaged."""
    index = load_pickled(root / INDEX)
    if isinstance(index, dict) and all(isinstance(p, str) for p in index):
        return index
    return {p.relative_to(root).as_posix(): p.stat().st_size
            for folder in PRUNED if (root / folder).is_dir()
            for p in sorted((root / folder).rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def load_versions() -> tuple[str, str, str]:
    """Hashes of (all our code, in every folder, and library versions; what SVGs depend on;
    what PNG pictures depend on)."""
    code = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    sources = {path: path.read_bytes() for path in sorted(PACKAGE.rglob("*.py"))}
    for path, source in sources.items():
        code.update(path.relative_to(PACKAGE).as_posix().encode() + source)
    chart, picture = (hashlib.sha256(f"{FORMAT}".encode()) for _ in range(2))
    for part, names in ((chart, CHART_CODE), (picture, PICTURE_CODE)):
        for name in names:  # found in whichever folder of the package holds it
            for path in (p for p in sources if p.name == name):
                part.update(name.encode() + sources[path])
    # The cards' fonts, beside fonts.conf, by name and size: reading them costs 2 ms.
    for font in sorted(FONTS.parent.glob("*.ttf")):
        picture.update(f"{font.name} {font.stat().st_size}".encode())
    from importlib import metadata  # here: the command imports this module after it forks

    for name in dict.fromkeys(LIBRARIES + PAINTERS):
        version = f"{name}=={metadata.version(name)}".encode()
        code.update(version)
        for part, libraries in ((chart, RENDERERS), (picture, PAINTERS)):
            if name in libraries:
                part.update(version)
    return code.hexdigest(), chart.hexdigest(), picture.hexdigest()


def load_templates(templates_dir: Path) -> tuple[tuple[str, bytes], ...]:
    """Every template's name and text (the site's, then the theme's), so a change re-renders."""
    return tuple((f"{where}/{p.relative_to(folder).as_posix()}", p.read_bytes())
                 for where, folder in (("site", templates_dir), ("theme", theme.TEMPLATES))
                 for p in sorted(folder.rglob("*")) if p.is_file())
