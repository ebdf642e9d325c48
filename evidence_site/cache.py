"""Incremental builds: keep chart SVGs and earlier results in .cache/, keyed by input hashes.

Every entry is a pure function of its key, so deleting .cache/ is always safe and a cached build
is byte-identical to a clean one. Files are read only in load_* functions; new entries are
handed back by Cache.changes() and written by write.write_cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from evidence_site import theme
from evidence_site.records import Figure

CACHE_DIR = ".cache"
PRUNED = ("charts", "memo")  # the folders of .cache/ a successful build prunes to what it used
NESTED = "nested"  # memo table: the entries each entry's computation used, kept while it is
FORMAT = "1"  # bump when the layout of .cache/ changes
PACKAGE = Path(__file__).resolve().parent
# What a chart's pixels depend on besides its figures: the builders and the rounding rule.
CHART_CODE = ("charts.py", "icons.py", "records.py", "numbers.py", "shapes.py")
RENDERERS = ("altair", "vl-convert-python", "pandas")  # pandas builds the chart data
LIBRARIES = RENDERERS + ("jinja2", "markdown", "pyyaml")
# The cost model that decides whether new charts are drawn by worker processes too (measured on
# 2 CPUs with bench/synthetic.py charts): one more chart in a process that has drawn one, and
# the CPU time a spawned worker adds to a build (Python's start, our imports, its first chart).
CHART_SECONDS = 0.05
WORKER_START = 0.75

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
    """Earlier results (read once) and this build's new ones (written by the caller).

    Mutable on purpose, like functools.lru_cache: the preview server keeps one Cache in
    memory across rebuilds, so an unchanged page costs one dictionary look-up.
    """

    root: Path | None
    code: str
    chart_code: str
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)
    new_files: dict[PurePosixPath, bytes] = field(default_factory=dict)
    live: dict[str, tuple[str, Any]] = field(default_factory=dict)
    charts_used: set[str] = field(default_factory=set)
    computing: list[set[tuple[str, str]]] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0

    def start_build(self) -> None:
        """Reset the chart counts (the preview server reuses one Cache for every rebuild)."""
        self.rendered = self.reused = 0

    def key(self, *material: Any) -> str:
        """A hash of this code version and the given values (records, text, bytes)."""
        digest = hashlib.sha256(self.code.encode())
        digest.update(pickle.dumps(material, protocol=5))
        return digest.hexdigest()

    def remember(self, table: str, key: str, compute: Callable[[], Any]) -> Any:
        """Return the value stored under key, computing and storing it on a miss.

        The entries a computation looks up (a page's card inside its rendering) are noted
        in the nested table, so reusing the outer entry keeps them in use too.
        """
        entries = self.tables.setdefault(table, {})
        if self.computing:
            self.computing[-1].add((table, key))
        self.use(table, key)
        if key in entries:
            return entries[key]
        self.computing.append(set())
        try:
            value = compute()
        finally:
            inner = self.computing.pop()
        entries[key] = value
        self.dirty.add(table)
        if inner:
            link = f"{table}/{key}"
            self.tables.setdefault(NESTED, {})[link] = tuple(sorted(inner))
            self.used.setdefault(NESTED, set()).add(link)
            self.dirty.add(NESTED)
        return value

    def use(self, table: str, key: str) -> None:
        """Mark an entry as used by this build, with the entries its computation used."""
        todo = [(table, key)]
        nested = self.tables.get(NESTED, {})
        while todo:
            table, key = todo.pop()
            used = self.used.setdefault(table, set())
            if key in used:
                continue
            used.add(key)
            link = f"{table}/{key}"
            if link in nested:
                self.used.setdefault(NESTED, set()).add(link)
                todo.extend(nested[link])

    def keep(self, name: str, key: str, make: Callable[[], Any]) -> Any:
        """A value kept in memory only, made again when its key changes (e.g. a Jinja env)."""
        if name not in self.live or self.live[name][0] != key:
            self.live[name] = (key, make())
        return self.live[name][1]

    def has(self, table: str, key: str) -> bool:
        """Whether a value is stored under key."""
        return key in self.tables.get(table, {})

    def memo(self, table: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a pure function so a call with the same arguments returns the stored result."""

        def call(*args: Any, **kwargs: Any) -> Any:
            key = self.key(table, args, sorted(kwargs.items()))
            return self.remember(table, key, lambda: function(*args, **kwargs))

        return call

    def chart_key(self, job: ChartJob) -> str:
        """Hash of the full chart input: kind, figures, label, builder code, renderer versions."""
        digest = hashlib.sha256(self.chart_code.encode())
        digest.update(pickle.dumps(job, protocol=5))
        key = digest.hexdigest()
        self.charts_used.add(key)  # every page's charts are keyed on every build
        return key

    def changes(self, *, tables: bool = True) -> dict[PurePosixPath, bytes]:
        """The files to write back: new chart SVGs and (unless told not to) the memo tables
        that changed, keeping only entries used since the cache was opened."""
        files, self.new_files = self.new_files, {}
        for table in sorted(self.dirty) if tables else ():
            kept = {k: v for k, v in self.tables[table].items() if k in self.used.get(table, ())}
            files[PurePosixPath("memo", f"{table}.pickle")] = (
                self.code.encode() + b"\n" + pickle.dumps(kept, protocol=5))
        if tables:
            self.dirty = set()
        return files

    def pruned(self) -> dict[PurePosixPath, bytes]:
        """The memo tables that hold entries this build did not use, rewritten without them.

        Only after a build that succeeded: a failed one stops before it uses everything.
        """
        for table, entries in self.tables.items():
            used = self.used.get(table)
            if used and entries.keys() - used:
                self.dirty.add(table)
        return self.changes()

    def in_use(self) -> set[PurePosixPath]:
        """The files of .cache/ this build used: its memo tables and its charts' SVGs."""
        return ({PurePosixPath("memo", f"{table}.pickle") for table, keys in self.used.items()
                 if keys} | {svg_path(key) for key in self.charts_used})


def files_key(cache: Cache, files: Mapping[PurePosixPath, str | bytes]) -> str:
    """A hash of a whole site's paths and contents (a check of the same files gives the same)."""
    digest = hashlib.sha256(cache.code.encode())
    for path, content in sorted(files.items()):
        digest.update(f"{path}\0".encode())
        digest.update(hashlib.sha256(content if isinstance(content, bytes)
                                     else content.encode()).digest())
    return digest.hexdigest()


def svg_path(key: str) -> PurePosixPath:
    """Where a chart's SVG is kept, relative to the cache folder."""
    return PurePosixPath("charts", key[:2], f"{key}.svg")


def load_cache(root: Path | None) -> Cache:
    """Open the cache folder (None: an in-memory cache that starts empty)."""
    code, chart_code = load_versions()
    cache = Cache(root=root, code=code, chart_code=chart_code)
    if root is None:
        return cache
    memo_dir = root / "memo"
    for path in sorted(memo_dir.glob("*.pickle")) if memo_dir.is_dir() else ():
        cache.tables[path.stem] = load_table(path, code)
    return cache


def load_table(path: Path, code: str) -> dict[str, Any]:
    """One memo table; empty when it was made by other code or cannot be read."""
    try:
        with path.open("rb") as handle:
            if handle.readline().rstrip(b"\n") != code.encode():
                return {}
            table = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return {}  # a damaged cache is only a slower build: the entries are made again
    return table if isinstance(table, dict) else {}


def load_svg(cache: Cache, key: str) -> str | None:
    """A chart's stored SVG, or None if it was never rendered (or the cache was deleted)."""
    if cache.root is None:
        return None
    try:
        return (cache.root / svg_path(key)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def load_versions() -> tuple[str, str]:
    """Hashes of (all our code and library versions, what chart SVGs depend on)."""
    code = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for path in sorted(PACKAGE.glob("*.py")):
        code.update(path.name.encode() + path.read_bytes())
    chart = hashlib.sha256(f"{FORMAT}".encode())
    for name in CHART_CODE:
        chart.update(name.encode() + (PACKAGE / name).read_bytes())
    for name in LIBRARIES:
        version = f"{name}=={metadata.version(name)}".encode()
        code.update(version)
        if name in RENDERERS:
            chart.update(version)
    return code.hexdigest(), chart.hexdigest()


def load_templates(templates_dir: Path) -> tuple[tuple[str, bytes], ...]:
    """Every template's name and text (the site's, then the theme's), so a change re-renders."""
    return tuple((f"{where}/{p.relative_to(folder).as_posix()}", p.read_bytes())
                 for where, folder in (("site", templates_dir), ("theme", theme.TEMPLATES))
                 for p in sorted(folder.rglob("*")) if p.is_file())


def render_svg(job: ChartJob) -> str:
    """Draw one chart (runs in a worker process on cold builds)."""
    from evidence_site import charts  # imported here: warm builds never need Altair

    return charts.picture(job.kind, job.figures, title=job.label, outcome=job.outcome,
                          palette=job.palette)


def render_charts(cache: Cache, jobs: Sequence[ChartJob], *, workers: int = 1,
                  progress: Progress | None = None) -> dict[ChartJob, str]:
    """Return the SVG of every chart: from the cache, or drawn (in parallel when many)."""
    svgs: dict[ChartJob, str] = {}
    missing: dict[str, ChartJob] = {}
    for job in dict.fromkeys(jobs):
        key = cache.chart_key(job)
        svg = cache.new_files.get(svg_path(key))
        svg = svg.decode() if svg is not None else load_svg(cache, key)
        if svg is None:
            missing.setdefault(key, job)
        else:
            svgs[job] = svg
    cache.reused += len(jobs) - len(missing)
    # closing: however the loop ends, the workers are stopped before this function returns.
    with contextlib.closing(draw(missing, workers)) as drawn:
        for done, (key, svg) in enumerate(drawn, start=1):
            svgs[missing[key]] = svg
            if cache.root is not None:
                cache.new_files[svg_path(key)] = svg.encode()
            cache.rendered += 1
            if progress:
                progress("charts", done, len(missing))
    return svgs


def pool_workers(charts: int, workers: int, idle: float) -> int:
    """How many worker processes to start beside this one for this many new charts (0: none).

    This process draws too, so `workers` drawers need workers - 1 processes, and each needs a
    CPU that is idle (`idle`: CPUs free of other work, this build's own included). They are
    started only when the time they save is at least twice what they cost to start, so a small
    site (or a small edit, or a busy machine) never waits for processes to spawn.
    """
    for spawned in range(min(workers, charts, round(idle)) - 1, 0, -1):
        saved = charts * CHART_SECONDS * (1 - 1 / (spawned + 1))
        if saved >= 2 * WORKER_START * spawned:
            return spawned
    return 0


def draw(missing: Mapping[str, ChartJob], workers: int) -> Iterator[tuple[str, str]]:
    """Yield (key, svg) as charts finish; across processes when that saves time."""
    size = pool_workers(len(missing), workers, idle_cpus()) if workers > 1 else 0
    if not size:
        for key, job in missing.items():
            yield key, render_svg(job)
        return
    # spawn, not fork: vl-convert runs its own threads, which a forked child would not have.
    pool = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("spawn"))
    futures: dict[Future[str], str] = {}
    try:
        futures = {pool.submit(render_svg, job): key for key, job in missing.items()}
        # This process draws from the end of the queue until it meets a chart a worker took,
        # so a worker slow to start (a busy machine) costs little.
        for future, key in reversed(list(futures.items())):
            if not future.cancel():
                break
            yield key, render_svg(missing[key])
        for future in as_completed([f for f in futures if not f.cancelled()]):
            yield futures[future], future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        del pool, futures
        stop_resource_tracker()


def stop_resource_tracker() -> None:
    """End the helper process multiprocessing starts beside a spawn pool (it would outlive us).

    Its semaphores are freed first (gc), so nothing restarts the tracker afterwards.
    """
    from multiprocessing import resource_tracker

    gc.collect()
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    stop = getattr(tracker, "_stop", None)
    if stop is not None:
        stop()


def idle_cpus() -> float:
    """CPUs that other processes left idle over the last minute (by the load average)."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not every system reports one: assume the machine is ours
        load = 0.0
    return max(0.0, default_workers() - load)


def default_workers() -> int:
    """One worker per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
