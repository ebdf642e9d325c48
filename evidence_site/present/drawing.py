"""Drawing what a build needs: chart SVGs (charts.picture, in worker processes only when they
save more time than they cost to start, else beside a forked vl-convert process) and PNG
pictures (card.png_of); each from the cache when it was drawn before."""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import PurePosixPath
from typing import Any, TypeVar

from evidence_site.cache import Cache, ChartJob, Progress
from evidence_site.present import vega
from evidence_site.present.card import Picture, png_of
from evidence_site.present.converter import (
    can_fork,
    converter_pool,
    default_workers,
    started_converter,
)

# The cost model that decides whether new charts are drawn by worker processes too (measured on
# 2 CPUs with bench/synthetic.py charts): one more chart in a process that has drawn one, and
# the CPU time a spawned worker adds to a build (Python's start, our imports, its first chart).
CHART_SECONDS = 0.05
WORKER_START = 0.75
BACKLOG = 30  # charts queued for the converter before this process draws some too
T = TypeVar("T")
R = TypeVar("R")
HANDED = 2  # pictures the converter holds at a time: the one it draws and the next
WAIT = "wait"  # a step of idle work that has nothing to do until this chart is drawn
PICTURES_FORK = 4  # new PNGs (about 50 ms each) that pay for forking a process to share them
PICTURES_SPAWN = 40  # ... for spawning one (WORKER_START), when this process has vl-convert


class Pictures:
    """A build's PNG files (cards from their layouts, icons from their SVGs); one drawn before
    is taken from the cache. With a converter, pictures are queued as soon as they are known
    (ahead): the converter is handed them from the front, the next as it draws one (from the
    pool's own thread, so it keeps drawing while this process imports Altair), while this
    process draws from the back whenever it would wait (steal), so neither waits long for the
    other.

    Charts go first (chart): the pages wait for them, and only then can this process render
    them, so a picture is handed only when the converter holds fewer than HANDED charts and
    pictures, and, while charts are still being made (charts_coming), only when it holds
    none. A chart then waits for one picture at most.
    """

    def __init__(self, cache: Cache, *, workers: int = 1,
                 converter: ProcessPoolExecutor | None = None) -> None:
        self.cache, self.workers, self.converter = cache, workers, converter
        self.started: dict[Picture, Future[bytes]] = {}  # handed to the converter, or drawn
        self.queued: dict[Picture, None] = {}  # in order, not yet handed
        self.handed: collections.deque[tuple[Picture, Future[bytes]]] = collections.deque()
        self.lock = threading.RLock()  # hand also runs in the pool's thread, as one is drawn
        self.charts = 0  # charts handed to the converter and not yet drawn
        self.coming = False  # more charts are being made (charts_coming)

    def key(self, picture: Picture) -> str:
        """A picture's key in .cache/ ("png" entries): cache.picture_key of its text (quicker
        to pickle than the record: a site of 1,000 summaries keys 1,000 cards every build)."""
        return self.cache.picture_key((picture.svg, picture.card.text if picture.card else ""))

    def ahead(self, files: Mapping[PurePosixPath, str | bytes | Picture]) -> None:
        """Queue the new pictures among these files for the converter, if there is one."""
        if self.converter is None:
            return
        new = [picture for picture in dict.fromkeys(
            f for f in files.values() if isinstance(f, Picture))
            if not self.cache.listed("png", self.key(picture))]
        with self.lock:
            for picture in new:
                if picture not in self.started and picture not in self.queued:
                    self.queued[picture] = None
            self.hand()

    def hand(self, *_: object) -> None:
        """Hand the converter the first queued pictures, while it holds fewer charts and
        pictures undone than it may (see the class)."""
        with self.lock:
            while self.handed and self.handed[0][1].done():
                self.handed.popleft()
            while self.queued and self.converter is not None and (
                    len(self.handed) + self.charts < (1 if self.coming else HANDED)):
                picture = next(iter(self.queued))
                try:
                    future = self.converter.submit(png_of, picture)
                except RuntimeError:  # the pool is shut down or broken: this process draws it
                    return
                del self.queued[picture]
                self.started[picture] = future
                self.handed.append((picture, future))
                future.add_done_callback(self.hand)

    def charts_coming(self, coming: bool = True) -> None:
        """Charts are being made for the converter (it is handed fewer pictures meanwhile), or
        (False) every one is made."""
        with self.lock:
            self.coming = coming
        self.hand()

    def chart(self, sketch: Any) -> Future[str]:
        """Hand the converter a chart's sketch (vega.draw_sketch), before the pictures queued."""
        assert self.converter is not None
        future = self.converter.submit(vega.draw_sketch, sketch)
        with self.lock:
            self.charts += 1
        future.add_done_callback(self.chart_drawn)
        return future

    def chart_drawn(self, _: object) -> None:
        """One chart less for the converter: hand it pictures if it may hold more now."""
        with self.lock:
            self.charts -= 1
        self.hand()

    def steal(self) -> Iterator[None]:
        """Draw here, one at a time from the back, the pictures the converter has not started:
        those not handed, then one handed that it gives back."""
        while picture := self.untaken():
            drawn: Future[bytes] = Future()
            drawn.set_result(png_of(picture))
            with self.lock:
                self.started[picture] = drawn
            self.hand()
            yield

    def untaken(self) -> Picture | None:
        """The last picture the converter has not started, now taken from it; None if none."""
        with self.lock:
            if self.queued:
                picture = self.queued.popitem()[0]
                self.started[picture] = Future()  # being drawn here: not handed meanwhile
                return picture
            # The pool draws in order, so only the last one handed may not be started.
            if self.handed and self.handed[-1][1].cancel():
                return self.handed.pop()[0]
            return None

    def draw(self, files: Mapping[PurePosixPath, str | bytes | Picture], *, later: bool = False
             ) -> dict[PurePosixPath, str | bytes | Callable[[], bytes]]:
        """The files with every Picture (none drawn before) drawn as PNG: by the converter if
        there is one (this process draws those not handed to it), else by two processes when
        there are enough (draw_pngs). later: a picture the converter has not finished is a
        call that waits for it, so this process may write other files meanwhile."""
        self.ahead(files)
        collections.deque(self.steal(), maxlen=0)
        with self.lock:
            started = dict(self.started)
        new = [p for p in dict.fromkeys(f for f in files.values() if isinstance(f, Picture))
               if p not in started]
        drawn = dict(zip(new, draw_pngs(new, self.workers), strict=True))

        def made(picture: Picture) -> bytes:
            if picture in drawn:
                return drawn[picture]
            try:
                return started[picture].result()
            except Exception:  # noqa: BLE001  (the converter failed or was stopped: draw it here)
                return png_of(picture)

        def png(picture: Picture) -> bytes:
            return self.cache.remember("png", self.key(picture), lambda: made(picture))

        def waiting(picture: Picture) -> bool:
            return later and picture in started and not started[picture].done()

        return {path: (functools.partial(png, f) if waiting(f) else png(f))
                if isinstance(f, Picture) else f for path, f in files.items()}


def draw_pngs(pictures: Sequence[Picture], workers: int) -> list[bytes]:
    """card.png_of each picture, in order, with workers > 1 shared with one more
    process: forked when there are PICTURES_FORK or more and forking is safe, else spawned
    when there are PICTURES_SPAWN or more (all here otherwise)."""
    start = ("fork" if len(pictures) >= PICTURES_FORK and can_fork() else
             "spawn" if len(pictures) >= PICTURES_SPAWN else None)
    if workers < 2 or start is None:
        return [png_of(picture) for picture in pictures]
    pool = (converter_pool() if start == "fork" else ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context(start), initializer=gc.freeze))
    try:
        drawn = dict(shared(pool, png_of, pictures))
        return [drawn[i] for i in range(len(pictures))]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if start == "spawn":
            stop_resource_tracker()


def shared(pool: ProcessPoolExecutor, work: Callable[[T], R], items: Sequence[T]
           ) -> Iterator[tuple[int, R]]:
    """(index, work(item)) for every item, as each is done: the pool takes items from the start
    and this process from the end until it meets one the pool took, so a pool slow to start
    (a busy machine) costs little."""
    futures = [pool.submit(work, item) for item in items]
    for index in reversed(range(len(items))):
        if not futures[index].cancel():
            break
        yield index, work(items[index])
    running = {future: index for index, future in enumerate(futures) if not future.cancelled()}
    for future in as_completed(running):
        yield running[future], future.result()


def render_svg(job: ChartJob) -> str:
    """Draw one chart (runs in a worker process on cold builds)."""
    from evidence_site.present import charts  # imported here: warm builds never need Altair

    return charts.picture(job.kind, job.figures, title=job.label, outcome=job.outcome,
                          palette=job.palette)


def render_charts(cache: Cache, jobs: Sequence[ChartJob], *, workers: int = 1,
                  progress: Progress | None = None, pictures: Pictures | None = None,
                  idle: Iterable[str | None] = (), svgs: dict[ChartJob, str] | None = None,
                  ) -> dict[ChartJob, str]:
    """Return the SVG of every chart: from the cache, or drawn (in parallel when many; beside
    the converter of pictures, if it has one). The steps of `idle` run while this process
    waits for the converter (not all of them, maybe); they see each SVG in `svgs` (which is
    returned, filled) as soon as it is there."""
    svgs = {} if svgs is None else svgs
    missing: dict[str, ChartJob] = {}
    for job in dict.fromkeys(jobs):
        key = cache.chart_key(job)
        svg = cache.load_svg(key)
        if svg is None:
            missing.setdefault(key, job)
        else:
            svgs[job] = svg
    cache.reused += len(jobs) - len(missing)
    # closing: however the loop ends, the workers are stopped before this function returns.
    with contextlib.closing(draw(missing, workers, pictures, idle)) as drawn:
        for done, (key, svg) in enumerate(drawn, start=1):
            svgs[missing[key]] = svg
            cache.add_svg(key, svg)
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


def draw(missing: Mapping[str, ChartJob], workers: int, pictures: Pictures | None = None,
         idle: Iterable[str | None] = ()) -> Iterator[tuple[str, str]]:
    """Yield (key, svg) as charts finish: beside the build's converter (started by the command,
    or forked now when that is safe), else by spawned workers when they save time."""
    if not missing:
        return
    if pictures is not None and pictures.converter is not None:
        pictures.charts_coming()
        try:
            yield from draw_beside_converter(missing, pictures.chart, idle,
                                             made=lambda: pictures.charts_coming(False))
        finally:
            pictures.charts_coming(False)
    elif workers > 1 and can_fork():
        with started_converter(True) as pool:  # vl-convert starts while Altair loads
            assert pool is not None
            yield from draw_beside_converter(
                missing, functools.partial(pool.submit, vega.draw_sketch), idle)
    elif size := pool_workers(len(missing), workers, idle_cpus()) if workers > 1 else 0:
        yield from draw_in_pool(missing, size)
    else:
        for key, job in missing.items():
            yield key, render_svg(job)


def draw_in_pool(missing: Mapping[str, ChartJob], size: int) -> Iterator[tuple[str, str]]:
    """Yield (key, svg): spawned workers draw whole charts, and so does this process."""
    # spawn, not fork: vl-convert runs its own threads, which a forked child would not have.
    pool = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("spawn"))
    keys = list(missing)
    try:
        for index, svg in shared(pool, render_svg, [missing[key] for key in keys]):
            yield keys[index], svg
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        del pool
        stop_resource_tracker()


def draw_beside_converter(missing: Mapping[str, ChartJob],
                          submit: Callable[[Any], Future[str]],
                          idle: Iterable[str | None] = (),
                          made: Callable[[], None] = lambda: None) -> Iterator[tuple[str, str]]:
    """Yield (key, svg): this process makes the specs with Altair while the converter (forked
    before this process imported Altair or vl-convert; submit hands it a sketch) compiles
    them and draws the SVGs; made is called once every sketch is made.

    When it falls BACKLOG charts behind, this process draws some too; while it waits for the
    converter, it does the steps of idle, and whenever those have nothing to do for now, loads
    what the rest of a cold build needs (meanwhile).
    """
    pending: collections.deque[tuple[str, Future[str]]] = collections.deque()
    steps: Iterator[str | None] = iter(idle)
    loads = meanwhile()

    def result(future: Future[Any]) -> Any:
        while not future.done() and (next(steps, WAIT) is not WAIT  # WAIT: none, for now
                                     or next(loads, WAIT) is not WAIT):
            pass
        return future.result()

    for key, job in missing.items():
        sketch = sketch_chart(job)
        while pending and pending[0][1].done():
            done_key, future = pending.popleft()
            yield done_key, future.result()
        if len(pending) >= BACKLOG:
            yield key, vega.draw_sketch(sketch)
        else:
            pending.append((key, submit(sketch)))
    made()
    while pending:
        done_key, future = pending.popleft()
        yield done_key, result(future)


def meanwhile() -> Iterator[None]:
    """What a cold build loads later anyway, a step at a time, for while this process would
    wait for the converter: the libraries of the checks. (Not Pillow: the converter draws the
    cards' PNGs.)"""
    from evidence_site.check import parse, readability

    yield
    parse.parse_page("<!DOCTYPE html><title>.</title>")  # selectolax
    yield
    readability.measure(PurePosixPath("."), "One word.")  # textstat, its words and syllables


def sketch_chart(job: ChartJob) -> Any:
    """A chart's Vega-Lite specs (charts.Sketch), made in this process with Altair."""
    from evidence_site.present import charts

    return charts.sketch(job.kind, job.figures, title=job.label, outcome=job.outcome,
                         palette=job.palette)


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
