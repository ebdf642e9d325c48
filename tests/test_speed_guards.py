"""What keeps builds fast, checked by structure, never by the clock: pools only where they pay,
no process left behind, and nothing imported that a warm build does not need."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path, PurePosixPath

import pytest
from helpers import edit

from evidence_site import pipeline
from evidence_site.commands.runner import project_cache, run_build
from evidence_site.present import drawing
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent


def children() -> set[int]:
    """The ids of this process's living child processes (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def folder_files(folder: Path, pattern: str = "*") -> dict[Path, bytes]:
    """Every file under folder (matching pattern), by its path inside it."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob(pattern) if p.is_file()}


def build(root: Path, out: Path, *, workers: int = 1) -> str:
    """One build as the CLI runs it, with a cache that starts empty; its summary line."""
    project = Project(root)
    outcome = run_build(project, out, cache=project_cache(project, enabled=False), workers=workers,
                        stdout=io.StringIO(), stderr=io.StringIO())
    assert outcome.ok, outcome.problems
    return outcome.summary


def test_small_sites_and_small_edits_draw_their_charts_in_the_building_process() -> None:
    """The real site's seven charts are drawn here; only many new charts start a pool."""
    assert drawing.pool_workers(7, 2, idle=2) == 0
    assert drawing.pool_workers(1, 2, idle=2) == 0
    assert drawing.pool_workers(600, 1, idle=2) == 0
    assert drawing.pool_workers(600, 2, idle=2) == 1  # this process is the other drawer
    assert drawing.pool_workers(600, 8, idle=8) == 7
    assert 0 < drawing.pool_workers(150, 8, idle=8) < 7  # as many as pay for their start
    threshold = next(n for n in range(1, 1000) if drawing.pool_workers(n, 2, idle=2))
    assert 7 < threshold < 150  # 50 synthetic summaries (150 charts) are drawn in parallel


def test_a_busy_machine_draws_charts_in_the_building_process() -> None:
    """A worker needs an idle CPU: with the other CPUs busy, it would only slow the build."""
    assert drawing.pool_workers(600, 2, idle=1.2) == 0
    assert drawing.pool_workers(600, 8, idle=3.4) == 2
    assert 0 <= drawing.idle_cpus() <= drawing.default_workers()


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every build with 2 workers use a spawned pool (as where forking is not safe); the
    list counts the pools started."""
    started: list[int] = []

    class Counted(drawing.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            started.append(kwargs.get("max_workers", 0))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(drawing, "WORKER_START", 0.0)
    monkeypatch.setattr(drawing, "idle_cpus", lambda: 2.0)
    monkeypatch.setattr(drawing, "can_fork", lambda: False)  # e.g. on macOS: no converter
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", Counted)
    return started


def test_a_pooled_build_leaves_no_process_running(fixture_site: Path, tmp_path: Path,
                                                  pooled: list[int]) -> None:
    """Workers and multiprocessing's resource tracker have ended when the build returns."""
    before = children()
    assert ", 0 charts rendered," not in build(fixture_site, tmp_path / "site", workers=2)
    assert pooled == [1]
    assert children() - before == set()


def test_a_failure_while_charts_are_drawn_still_stops_the_workers(
        fixture_site: Path, pooled: list[int]) -> None:
    """If the build stops half-way through the charts, no worker is left behind."""
    before = children()

    def fail(stage: str, done: int, total: int) -> None:
        if stage == "charts":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.build(Project(fixture_site), workers=2, progress=fail)
    assert pooled == [1]
    assert children() - before == set()


CONVERTER = """
import io, os, sys
from concurrent.futures import Future
from pathlib import Path, PurePosixPath
from evidence_site.commands.runner import project_cache, run_build
from evidence_site.present import drawing
from evidence_site.records import Project
forked = []
beside = drawing.draw_beside_converter
def counted(missing, pool, *idle, **kw):
    forked.append(len(missing))
    yield from beside(missing, pool, *idle, **kw)
drawing.draw_beside_converter = counted
shared = []
pngs = drawing.draw_pngs
def counted_pngs(pictures, workers):
    shared.append(len(pictures) >= drawing.PICTURES_FORK and drawing.can_fork())
    return pngs(pictures, workers)
drawing.draw_pngs = counted_pngs
drawing.BACKLOG = int(sys.argv[3])  # 1: this process draws too, whenever one chart waits
project = Project(Path(sys.argv[1]))
outcome = run_build(project, Path(sys.argv[2]), cache=project_cache(project, enabled=False),
                    workers=2, stdout=io.StringIO(), stderr=io.StringIO())
try:
    os.waitpid(-1, os.WNOHANG)
    left = "a child left"
except ChildProcessError:
    left = "no child left"
print(outcome.ok, bool(forked and forked[0]), left, "altair" in sys.modules, shared == [True])
"""


@pytest.mark.parametrize(("backlog", "forked_pngs"), [(drawing.BACKLOG, True), (1, False)])
def test_a_fresh_build_draws_beside_a_converter_the_same_charts(
        fixture_site: Path, tmp_path: Path, backlog: int, forked_pngs: bool) -> None:
    """A fresh process with 2 workers forks a vl-convert process while Altair makes the specs,
    and another to draw half the new PNGs: the site is byte for byte the one drawn in one
    process, and both have ended. When this process draws charts too (a backlog of 1), it has
    loaded vl-convert, so it cannot fork for the PNGs: it draws them, the same ones."""
    result = subprocess.run([sys.executable, "-c", CONVERTER, str(fixture_site),
                             str(tmp_path / "beside"), str(backlog)], cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[-2] == f"True True no child left True {forked_pngs}"
    build(fixture_site, tmp_path / "alone", workers=1)
    beside = folder_files(tmp_path / "beside")
    assert beside == folder_files(tmp_path / "alone") and any(p.suffix == ".html" for p in beside)


FAILING = """
import io, os, sys
from concurrent.futures import Future
from pathlib import Path, PurePosixPath
from evidence_site.commands.runner import project_cache, run_build
from evidence_site.present import vega
from evidence_site.records import Project
def broken(svg):
    raise ValueError(f"vl-convert drew no SVG in process {os.getpid()}")
vega.compact_svg = broken  # the forked converter has it too
project = Project(Path(sys.argv[1]))
try:
    run_build(project, Path(sys.argv[2]), cache=project_cache(project, enabled=False),
              workers=2, stdout=io.StringIO(), stderr=io.StringIO())
except ValueError as e:
    print("raised here:", str(e) != f"vl-convert drew no SVG in process {os.getpid()}")
try:
    os.waitpid(-1, os.WNOHANG)
    print("a child left")
except ChildProcessError:
    print("no child left")
"""


def test_a_chart_that_fails_in_the_converter_fails_the_build_here(fixture_site: Path,
                                                                   tmp_path: Path) -> None:
    """The converter's exception is raised in the building process, and the converter ends."""
    result = subprocess.run([sys.executable, "-c", FAILING, str(fixture_site),
                             str(tmp_path / "site")], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines()[-2:] == ["raised here: True", "no child left"]


def test_pngs_shared_with_a_spawned_process_are_the_same(fixture_site: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Where forking is not safe (vl-convert loaded here), many new PNGs are shared with a
    spawned process: the same bytes, and it has ended when the build returns."""
    import vl_convert  # noqa: F401  (as after a build that drew charts here)

    build(fixture_site, tmp_path / "alone", workers=1)
    monkeypatch.setattr(drawing, "PICTURES_SPAWN", 1)
    before = children()
    build(fixture_site, tmp_path / "shared", workers=2)
    assert children() - before == set()
    shared = folder_files(tmp_path / "shared", "*.png")
    assert shared == folder_files(tmp_path / "alone", "*.png") and len(shared) >= 2


def test_a_second_build_draws_no_picture_again(fixture_site: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Pictures.draw finds the PNGs drawn before under cache.memo's own key."""
    from evidence_site.present import card

    project = Project(fixture_site)
    cache = project_cache(project, enabled=False)
    for _ in range(2):
        outcome = run_build(project, tmp_path / "site", cache=cache, workers=2,
                            stdout=io.StringIO(), stderr=io.StringIO())
        assert outcome.ok, outcome.problems
        for painter in ("to_png", "card_png"):
            monkeypatch.setattr(card, painter, lambda *args, **kwargs: pytest.fail("drawn again"))


WARM = """
import sys
import build
code = build.main(["--root", sys.argv[1]])
print(code, *sorted(m for m in ("altair", "pandas", "vl_convert", "textstat", "jinja2",
                                "evidence_site.pipeline") if m in sys.modules))
"""


def test_a_warm_build_imports_no_chart_or_table_library(fixture_site: Path) -> None:
    """With nothing changed, a fresh build imports neither Altair nor vl-convert (nor pandas,
    which is not a dependency), nor even the build's own pipeline and Jinja: it repeats the
    last build. With one page edited, it imports the pipeline, but no chart library."""
    def run() -> str:
        result = subprocess.run([sys.executable, "-c", WARM, str(fixture_site)], cwd=REPO,
                                capture_output=True, text=True, check=True)
        return result.stdout.strip().splitlines()[-1]

    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    assert run().startswith("0 altair")  # the cold build draws the charts
    assert run() == "0"
    edit(fixture_site, "content/about.md", "\n\n", "\n\nAn added sentence.\n\n")
    assert run() == "0 evidence_site.pipeline jinja2 textstat"  # the edit is measured


EARLY = """
import os, sys
from evidence_site.present import converter
pools = []
made = converter.converter_pool
def counted():
    pools.append("evidence_site.pipeline" in sys.modules)
    return made()
converter.converter_pool = counted
import build
code = build.main(["--root", sys.argv[1], "--out", sys.argv[2], "--jobs", "2"])
try:
    os.waitpid(-1, os.WNOHANG)
    left = "a child left"
except ChildProcessError:
    left = "no child left"
print(code, pools, left)
"""


def test_a_cold_build_forks_its_converter_before_the_build_loads(fixture_site: Path,
                                                                  tmp_path: Path) -> None:
    """With no charts in .cache/, the command forks the converter before importing the build
    (vl-convert starts meanwhile) and draws the charts and PNGs beside it: the same site as one
    process draws, and no process is left. A warm build forks none."""
    def run(out: Path) -> str:
        result = subprocess.run([sys.executable, "-c", EARLY, str(fixture_site), str(out)],
                                cwd=REPO, capture_output=True, text=True, check=True)
        return result.stdout.splitlines()[-1]

    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    assert run(tmp_path / "early") == "0 [False] no child left"
    assert run(tmp_path / "warm") == "0 [] no child left"
    build(fixture_site, tmp_path / "alone", workers=1)
    early = folder_files(tmp_path / "early")
    assert early == folder_files(tmp_path / "alone") and any(p.suffix == ".png" for p in early)


def test_the_pictures_handed_ahead_are_the_ones_the_site_shows(fixture_site: Path,
                                                                tmp_path: Path) -> None:
    """The cards and icons handed to the converter before any page is rendered are the site's
    own, at the same paths: none is drawn for nothing, or twice."""
    from evidence_site.cache import load_cache

    inputs, errors = pipeline.read_inputs(Project(fixture_site), load_cache(None))
    assert inputs is not None and not errors
    context = pipeline.page_context(inputs)
    early = pipeline.early_pictures(
        inputs, [pipeline.describe_page(inputs, p, *context, None) for p in inputs.pages])
    build(fixture_site, tmp_path / "site", workers=1)
    pictures = {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.png")}
    assert set(early) == pictures and len(pictures) >= 4
    for path, picture in early.items():
        assert (tmp_path / "site" / path).read_bytes() == drawing.png_of(picture), path


class FakeConverter:
    """A converter whose pictures the test finishes; the first `running` it is given are
    started at once, as a pool of one takes them (the one it draws, the next)."""

    def __init__(self, running: int = 0) -> None:
        self.given: list[Future[bytes]] = []
        self.running = running

    def submit(self, work, picture):  # type: ignore[no-untyped-def]
        self.given.append(Future())
        if len(self.given) <= self.running:
            self.given[-1].set_running_or_notify_cancel()
        return self.given[-1]


def four_pictures() -> dict[PurePosixPath, drawing.Picture]:
    """Four small pictures, each its own (a different size)."""
    return {PurePosixPath(f"{size}.png"): drawing.Picture(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
        f'<rect width="{size}" height="{size}"/></svg>') for size in (4, 5, 6, 7)}


def test_the_converter_is_handed_the_next_picture_as_it_draws_one() -> None:
    """Before its charts come, the converter is handed the next queued picture as soon as it
    has drawn one (the pool's thread calls back), so it never waits for this process."""
    from evidence_site.cache import load_cache

    files, pool = four_pictures(), FakeConverter()
    pictures = drawing.Pictures(load_cache(None), converter=pool)  # type: ignore[arg-type]
    pictures.ahead(files)
    assert len(pool.given) == drawing.HANDED
    pool.given[0].set_result(b"drawn")
    assert len(pool.given) == drawing.HANDED + 1  # handed at once, with no call from here
    for future in pool.given[1:]:
        future.set_result(b"drawn")
    assert len(pool.given) == len(files)


def test_pictures_not_handed_to_the_converter_are_drawn_here() -> None:
    """The converter holds HANDED pictures at a time; the others are drawn in this process
    from the back of the queue when it would wait, the same PNGs."""
    from evidence_site.cache import load_cache

    files, converter = four_pictures(), FakeConverter(running=2)
    pictures = drawing.Pictures(load_cache(None), converter=converter)  # type: ignore[arg-type]
    pictures.ahead(files)
    assert len(converter.given) == drawing.HANDED == 2
    assert len(list(pictures.steal())) == 2  # the last two, while the first two are drawn
    assert len(converter.given) == 2
    for future in converter.given[:2]:
        future.set_result(b"drawn there")
    drawn = pictures.draw(files)
    assert [drawn[path] == b"drawn there" for path in files] == [True, True, False, False]
    assert all(drawn[path] == drawing.png_of(files[path]) for path in list(files)[2:])


def test_a_picture_the_converter_still_draws_is_waited_for_only_when_written() -> None:
    """With later, a picture the converter has not finished is a call that waits for it (the
    build writes .cache/ meanwhile); one it has finished, or one that failed there, is its PNG
    (drawn here for the one that failed), and each is remembered in the cache once called."""
    from evidence_site.cache import entry_path, load_cache

    files, converter = four_pictures(), FakeConverter(running=2)
    cache = load_cache(None)
    pictures = drawing.Pictures(cache, converter=converter)  # type: ignore[arg-type]
    pictures.ahead(files)
    converter.given[0].set_result(b"drawn there")
    converter.given[1].set_exception(RuntimeError("the converter stopped"))
    converter.given[2].set_running_or_notify_cancel()  # the next one, started meanwhile
    drawn = pictures.draw(files, later=True)
    first, second, third, fourth = (drawn[path] for path in files)
    assert first == b"drawn there" and second == drawing.png_of(list(files.values())[1])
    assert callable(third) and not callable(fourth)  # the last was drawn here (steal)
    key = pictures.key(list(files.values())[2])
    assert entry_path("png", key) not in cache.entries
    converter.given[2].set_result(b"drawn there too")
    assert third() == b"drawn there too"
    assert entry_path("png", key) in cache.entries
