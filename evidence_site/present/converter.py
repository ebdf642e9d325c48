"""The converter: one forked process that runs vl-convert (and draws PNGs) beside the build.

It imports nothing of the build, so the command can fork it before the build's own libraries
load: vl-convert's JavaScript engine (about a third of a second) then starts while this
process reads and renders.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

CACHE_DIR = ".cache"
CHARTS = "charts"  # the folder of .cache/ that holds the drawn SVGs
FONTS = Path(__file__).with_name("fonts") / "fonts.conf"  # a font configuration with no fonts
_TEXT = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
         '<text y="8" font-family="Liberation Sans">0</text></svg>')


def charts_drawn(project_root: Path) -> bool:
    """Whether the project's .cache/ holds drawn charts (if not, a build draws every chart)."""
    return (project_root / CACHE_DIR / CHARTS).is_dir()


def can_fork() -> bool:
    """Whether a drawing process can be forked safely: on Linux (macOS system libraries break
    in a forked child), with no threads here and vl-convert (which runs its own) not loaded."""
    return (sys.platform == "linux" and threading.active_count() == 1
            and "vl_convert" not in sys.modules)


def converter_pool() -> ProcessPoolExecutor:
    """A pool of one forked process (forked at its first task), to start vl-convert in."""
    # gc.freeze: a forked child never scans (and so never copies) the objects it was born with.
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=gc.freeze)


@contextlib.contextmanager
def started_converter(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """The converter forked now, with vl-convert starting, when it is wanted and forking is
    safe; None otherwise. It has ended when the block ends."""
    if not (wanted and can_fork()):
        yield None
        return
    pool = converter_pool()
    pool.submit(start_converter)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        # A pool told to end earlier without waiting (the runner does, once the pipeline has
        # handed it everything) forgets its worker: wait for that process here too.
        for child in multiprocessing.active_children():
            child.join()


@functools.cache
def vl_convert() -> ModuleType:
    """vl-convert, its fonts loaded: only the Liberation Sans it bundles, never the machine's.

    So every machine measures chart text and draws cards with the same font. It is faster too:
    vl-convert opened and mapped a machine's font file again for each piece of text it measured
    or drew (about 7,000 times in a build of the real site).
    """
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS)  # read once, when vl-convert first needs fonts
    try:
        import vl_convert as module

        module.svg_to_png(_TEXT)
    finally:  # processes this one starts later (a browser, say) keep the machine's fonts
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous
    return module


def start_converter() -> None:
    """Start vl-convert's engine and fonts in the converter (each starts on first use), then
    load what it draws charts and pictures with, before the first of them comes."""
    vl = vl_convert()
    vl.vega_to_svg(vl.vegalite_to_vega({"mark": "point"}))
    import PIL.ImageDraw
    import PIL.ImageFont
    import PIL.PngImagePlugin  # noqa: F401  (card.card_png)

    import evidence_site.present.card
    import evidence_site.present.vega  # noqa: F401


def default_workers() -> int:
    """One worker per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
