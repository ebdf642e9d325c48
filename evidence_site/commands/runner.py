"""Run one build end to end for the CLI and the preview server: build, write, report.

A one-off build whose inputs, code and options are all as the last one's, and whose site is
as that build left it, changes nothing: it prints what that build printed (repeat).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from evidence_site import theme
from evidence_site.cache import CACHE_DIR, SPARE, Cache, load_cache
from evidence_site.commands.progress import Progress, summary_line
from evidence_site.errors import BuildError
from evidence_site.publish.write import (
    OutRefused,
    load_as_recorded,
    prepare_out,
    prune_cache,
    write_cache,
    write_site,
)
from evidence_site.records import Project

if TYPE_CHECKING:  # imported only by a build that has work to do (a fifth of a second)
    from evidence_site import pipeline


@dataclass(frozen=True)
class Outcome:
    """How one build ended: the messages a person should see, and the last line printed."""

    ok: bool
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    summary: str
    refused: bool = False  # the output folder was refused before anything was built or written

    @property
    def exit_code(self) -> int:
        """0 built, 1 the build failed, 2 the output folder was refused."""
        return 0 if self.ok else 2 if self.refused else 1


def project_cache(project: Project, *, enabled: bool = True) -> Cache:
    """The project's cache in ROOT/.cache/, or an in-memory one that starts empty."""
    return load_cache(project.root / CACHE_DIR if enabled else None)


@dataclass(frozen=True)
class Printed:
    """What a successful build printed, kept so an unchanged build says the same."""

    pages: int
    charts: int
    warnings: tuple[str, ...]
    note: str
    readability: str


def run_build(
    project: Project, out: Path, *, cache: Cache, strict: bool = False, workers: int = 1,
    stdout: TextIO | None = None, stderr: TextIO | None = None,
    site_lock: contextlib.AbstractContextManager | None = None, save_tables: bool = True,
    today: dt.date | None = None, publish_check: str = "",
    converter: ProcessPoolExecutor | None = None,
) -> Outcome:
    """Build and write the site; print problems, warnings, a note (if any) and one summary line.

    publish_check is the command that checks a site before publishing: when given, the note
    says what must change before publishing. New cache entries are stored at once; the
    preview server passes save_tables=False, so .cache/ is pruned only by a one-off build
    (the preview keeps what it used in memory).
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    started = time.perf_counter()
    with site_lock or contextlib.nullcontext():
        try:
            refusal = prepare_out(out, project)
        except OSError as e:
            refusal = could_not_write(out, e, "nothing was written")
    if refusal:
        print(refusal, file=stderr, flush=True)
        return Outcome(False, (refusal,), (), refusal, refused=True)
    cache.start_build()
    key = (cache.build_key(inputs(project), strict, today, str(out.resolve()), publish_check)
           if save_tables and cache.root is not None else None)
    if cache.root is not None and (printed := cache.repeat(key)) and load_as_recorded(
            out, cache.published(out)):
        gone, index = cache.forget_failed()
        # The record of input files, if it changed; the index without what failed builds left.
        write_cache(cache.root, cache.changes() | index)
        prune_cache(cache.root, gone)
        cache.reused = printed.charts
        for warning in printed.warnings:
            print(warning, file=stderr)
        return report(out, printed, cache, started, stdout, cache.size())
    from evidence_site import pipeline

    failed = True  # until the build returns: an interrupted build fails too
    try:
        site = pipeline.build(project, strict=strict, cache=cache, workers=workers,
                              progress=Progress(stdout), today=today, converter=converter)
        failed = False
    except BuildError as e:
        problems = tuple(str(error) for error in e.errors)
        for problem in problems:
            print(problem, file=stderr)
        line = f"Build failed: {e}. {out}/ was not changed."
        print(line, file=stderr, flush=True)
        return Outcome(False, problems, (), line)
    finally:
        if converter is not None:  # it is handed nothing more: it ends once it has drawn what
            converter.shutdown(wait=False)  # it holds, while site/ is written (joined later)
        if cache.root is not None:
            write_cache(cache.root, cache.changes(failed=failed))
    warnings = tuple(f"{warning} (warning)" for warning in site.warnings)
    for warning in warnings:
        print(warning, file=stderr)
    with site_lock or contextlib.nullcontext():
        try:
            published = write_site(site.files, out, project, cache.published(out),
                                   spare=cache.root / SPARE if cache.root else None)
        except OutRefused as e:
            print(e, file=stderr, flush=True)
            return Outcome(False, (str(e),), warnings, str(e), refused=True)
        except OSError as e:
            line = could_not_write(out, e, f"{out}/ was not changed")
            print(line, file=stderr, flush=True)
            return Outcome(False, (line,), warnings, line)
    printed = Printed(site.pages, site.charts_rendered + site.charts_reused, warnings,
                      publish_note(project, site, publish_check), reading_report(site))
    if cache.root is not None:  # with the PNGs the converter finished while site/ was written
        write_cache(cache.root, cache.changes() | cache.record_site(out, published) | (
            cache.record_build(key, printed) if save_tables else {}))
    return report(out, printed, cache, started, stdout, prune(cache, on_disk=save_tables))


def inputs(project: Project) -> list[Path]:
    """Every folder and file a build reads: the project's and the default theme's."""
    return [project.settings_file, *project.input_folders, theme.TEMPLATES, theme.STATIC]


def publish_note(project: Project, site: pipeline.Site, check: str) -> str:
    """What must change before publishing (site.toml's examples, unreviewed summaries), as one
    line; none when check (the command that says how) is not given."""
    from evidence_site.publish import ready

    if not check:
        return ""
    return ready.summary_line(ready.blockers(project, site.page_records), check) or ""


def reading_report(site: pipeline.Site) -> str:
    """The readability table of a site's pages ("" when none was measured)."""
    from evidence_site.check import readability

    return readability.report(site.readability) if site.readability else ""


def report(out: Path, printed: Printed, cache: Cache, started: float, stdout: TextIO,
           kept: int | None) -> Outcome:
    """Print a successful build's note, readability table and summary line (kept: the bytes
    .cache/ holds, None when it is not pruned on disk)."""
    if printed.note:  # e.g. what must change before publishing: said only when the build worked
        print(printed.note, file=stdout)
    if printed.readability:
        print(printed.readability, file=stdout)
    line = summary_line(out, printed.pages, cache.rendered, cache.reused,
                        len(printed.warnings), time.perf_counter() - started, kept)
    print(line, file=stdout, flush=True)
    return Outcome(True, (), printed.warnings, line)


def prune(cache: Cache, *, on_disk: bool = True) -> int | None:
    """After a successful build, drop what it did not use (from memory, and from .cache/ when
    on_disk); the bytes .cache/ holds then (None: not pruned on disk)."""
    if cache.root is None or not on_disk:
        cache.forget_unused()
        return None
    unused, index = cache.pruned()
    write_cache(cache.root, index)
    prune_cache(cache.root, unused)
    return cache.size()


def could_not_write(out: Path, error: OSError, result: str) -> str:
    """What failed while preparing or writing the output folder, as `path: what, result`."""
    where = f" {error.filename}" if error.filename else ""
    return (f"--out {out}: could not write{where} ({error.strerror or error}); check that the "
            f"folder and its parent exist and you may write there — {result}")
