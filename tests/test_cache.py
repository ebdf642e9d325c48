"""Incremental builds: the cache makes rebuilds fast and never changes what is written."""

from __future__ import annotations

import io
import os
import pickle
import shutil
from pathlib import Path

from helpers import edit

from evidence_site import cache as caching
from evidence_site.cache import ChartJob
from evidence_site.commands.runner import project_cache, run_build
from evidence_site.present import drawing
from evidence_site.read import files as reading
from evidence_site.records import Project


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, out: Path, *, cached: bool = True, workers: int = 1) -> str:
    """Run one build as the CLI does; return its summary line."""
    project = Project(root)
    outcome = run_build(project, out, cache=project_cache(project, enabled=cached),
                        workers=workers, stdout=io.StringIO(), stderr=io.StringIO())
    assert outcome.ok, outcome.problems
    return outcome.summary


def test_cached_build_is_byte_identical_to_a_clean_one(fixture_site: Path, tmp_path: Path):
    """A warm rebuild reuses every chart and page and writes exactly what a clean build writes."""
    clean = tmp_path / "clean"
    build(fixture_site, clean, cached=False)
    first = build(fixture_site, tmp_path / "cold")
    assert ", 0 reused," in first and (fixture_site / ".cache" / "charts").is_dir()
    warm = build(fixture_site, tmp_path / "warm")
    assert " 0 charts rendered, 6 reused," in warm
    assert tree(tmp_path / "cold") == tree(clean)
    assert tree(tmp_path / "warm") == tree(clean)


def test_cache_never_serves_a_stale_chart_or_page(fixture_site: Path, tmp_path: Path):
    """After a figure changes, the cached build equals a clean build of the changed project."""
    build(fixture_site, tmp_path / "before")
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")  # the quote too
    summary = build(fixture_site, tmp_path / "after")
    assert " 1 chart rendered, 5 reused," in summary
    build(fixture_site, tmp_path / "clean", cached=False)
    assert tree(tmp_path / "after") == tree(tmp_path / "clean")
    assert tree(tmp_path / "after") != tree(tmp_path / "before")


def test_deleting_or_damaging_the_cache_is_safe(fixture_site: Path, tmp_path: Path):
    """A deleted or corrupted cache only makes the next build slower."""
    build(fixture_site, tmp_path / "clean", cached=False)
    build(fixture_site, tmp_path / "first")
    for entry in (fixture_site / ".cache" / "memo").rglob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:40])
    (fixture_site / ".cache" / "index.pickle").write_bytes(b"not an index")
    build(fixture_site, tmp_path / "damaged")
    shutil.rmtree(fixture_site / ".cache")
    summary = build(fixture_site, tmp_path / "deleted")
    assert " 6 charts rendered, 0 reused," in summary
    for name in ("first", "damaged", "deleted"):
        assert tree(tmp_path / name) == tree(tmp_path / "clean"), name


def test_parallel_cold_build_equals_serial_one(fixture_site: Path, tmp_path: Path, monkeypatch):
    """Charts drawn by worker processes are the same as charts drawn in one process."""
    monkeypatch.setattr(drawing, "WORKER_START", 0.0)  # a pool even for the fixture's charts
    monkeypatch.setattr(drawing, "idle_cpus", lambda: 2.0)  # even on a busy machine
    build(fixture_site, tmp_path / "serial", cached=False)
    build(fixture_site, tmp_path / "parallel", cached=False, workers=2)
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")


def test_chart_key_covers_figures_label_and_renderer_versions(fixture_site: Path):
    """Anything that changes a chart's SVG changes its cache key."""
    from evidence_site import pipeline

    inputs = pipeline.load_inputs(Project(fixture_site))
    figures = next(iter(inputs.datasets.values())).figures
    cache = caching.load_cache(None)
    job = ChartJob("trend", figures[:2], "A title")
    keys = {
        cache.chart_key(job),
        cache.chart_key(ChartJob("bars", figures[:2], "A title")),
        cache.chart_key(ChartJob("trend", figures[:1], "A title")),
        cache.chart_key(ChartJob("trend", figures[:2], "Another title")),
        caching.Cache(None, cache.code, cache.chart_code + "vl-convert 2").chart_key(job),
    }
    assert len(keys) == 5
    assert cache.chart_key(ChartJob("trend", figures[:2], "A title")) == cache.chart_key(job)


EDITS = (  # one edit to each kind of input a page is made from
    ("site.toml", 'name = "Minimal Evidence"', 'name = "Minimal Evidence Site"'),
    ("templates/base.html", "Skip to main content", "Skip to the main content"),
    ("content/about.md", "title: How we make these pages", "title: How we write these pages"),
    ("data/sources.csv", "Infection risk with alemtuzumab decreases over time",
     "Infection risk with alemtuzumab falls over time"),
    ("data/glossary.csv", "A dummy treatment with no medicine in it.",
     "A pretend treatment with no medicine in it."),
    ("data/cladribine-infections.csv", "Cladribine tablets,", "Cladribine,"),
)


def test_every_kind_of_edit_gives_the_same_site_as_a_clean_build(fixture_site, tmp_path):
    """After each edit, the cached rebuild equals a clean build: no input is missed by a key."""
    build(fixture_site, tmp_path / "first")
    for number, (relative, old, new) in enumerate(EDITS):
        edit(fixture_site, relative, old, new)
        build(fixture_site, tmp_path / f"cached-{number}")
        build(fixture_site, tmp_path / f"clean-{number}", cached=False)
        cached, clean = tree(tmp_path / f"cached-{number}"), tree(tmp_path / f"clean-{number}")
        assert cached == clean, relative
        previous = tree(tmp_path / ("first" if number == 0 else f"cached-{number - 1}"))
        assert cached != previous, f"{relative}: the edit changed nothing; pick another"


def cache_files(root: Path) -> set[str]:
    """The chart SVGs, memo tables and records in ROOT/.cache/ (not the spare site)."""
    return {p.relative_to(root / ".cache").as_posix() for p in kept_files(root)}


def kept_files(root: Path) -> list[Path]:
    """Every file of ROOT/.cache/ but the spare site (the last site a swap put aside: mostly
    hard links to the published files, so not counted in its size)."""
    return [p for p in (root / ".cache").rglob("*")
            if p.is_file() and p.relative_to(root / ".cache").parts[0] != caching.SPARE]


def test_a_build_prunes_what_it_did_not_use_and_reports_the_size(fixture_site, tmp_path,
                                                                  monkeypatch):
    """An edited chart's old SVG and the old entries of every memo table are dropped."""
    monkeypatch.setattr(reading, "SETTLE_NS", 0)  # the record is written by the first build
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "first")
    first = cache_files(fixture_site)
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")
    summary = build(fixture_site, tmp_path / "edited")
    charts = {f for f in cache_files(fixture_site) if f.startswith("charts/")}
    drawn = {f for f in first if f.startswith("charts/")}
    assert len(charts) == len(drawn) and len(charts - drawn) == 1  # one redrawn, old SVG gone
    files = cache_files(fixture_site)
    index = project_cache(Project(fixture_site)).index
    assert set(index) == files - {caching.INDEX, caching.RECORD, caching.SITE_RECORD,
                                  caching.BUILD_RECORD}  # exact
    for table, count in (("pages", len(list((fixture_site / "content").glob("*.md")))),
                         ("datasets", len(list((fixture_site / "data").glob("*.csv"))) - 2)):
        entries = {f for f in files if f.startswith(f"memo/{table}/")}
        assert len(entries) == count, table  # the edited file's old entry is gone
    kept = sum(p.stat().st_size for p in kept_files(fixture_site))
    assert summary.endswith(f" s, .cache/ {kept / 1e6:.1f} MB")
    assert f" 0 charts rendered, {len(charts)} reused," in build(fixture_site, tmp_path / "warm")
    assert cache_files(fixture_site) == files  # nothing more to drop


def stamps(root: Path) -> dict[str, int]:
    """Each file of ROOT/.cache/ and when it was last written."""
    return {p.relative_to(root / ".cache").as_posix(): p.stat().st_mtime_ns
            for p in kept_files(root)}


def test_a_warm_build_writes_nothing_and_an_edit_writes_only_what_changed(fixture_site,
                                                                          tmp_path, monkeypatch):
    """Entries are files of their own: an edit of one page adds that page's new entries and
    rewrites no other entry, so a rebuild costs what changed, not the size of the site."""
    # The fixture was just copied: without this, its files would enter the record of input
    # files only once they are older than the clock margin, rewriting it then.
    monkeypatch.setattr(reading, "SETTLE_NS", 0)
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "first")
    first = stamps(fixture_site)
    build(fixture_site, tmp_path / "first")  # into the same folder: its record stays as it is
    assert stamps(fixture_site) == first
    edit(fixture_site, "content/cladribine.md", "## ", "## Edited: ")
    build(fixture_site, tmp_path / "edited")
    after = stamps(fixture_site)
    kept = {f for f in after if f in first
            and f not in (caching.INDEX, caching.RECORD, caching.SITE_RECORD,
                          caching.BUILD_RECORD)}
    assert all(after[f] == first[f] for f in kept)  # no entry rewritten
    added = {f.split("/")[1] for f in after.keys() - first.keys()}
    assert "pages" in added and "render" in added and "charts" not in added
    assert len(after.keys() - first.keys()) < len(first) / 4


def test_reusing_a_page_keeps_the_card_drawn_inside_it(fixture_site, tmp_path, monkeypatch):
    """Entries used inside a reused entry (a page's card PNG) are kept, so a later edit of that
    page draws no card again."""
    from evidence_site.present import card

    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "first")
    drawn: list[int] = []
    real = card.card_png
    monkeypatch.setattr(card, "card_png", lambda layout: drawn.append(1) or real(layout))
    edit(fixture_site, "content/alemtuzumab.md", "## ", "## Edited: ")
    build(fixture_site, tmp_path / "one")  # cladribine's page is reused, not rendered
    edit(fixture_site, "content/cladribine.md", "## ", "## Edited: ")
    build(fixture_site, tmp_path / "two")
    assert drawn == []
    assert tree(tmp_path / "two") == tree(build_clean(fixture_site, tmp_path / "clean"))


def build_clean(root: Path, out: Path) -> Path:
    """Build without the cache; return the output folder."""
    build(root, out, cached=False)
    return out


def test_a_failed_build_prunes_nothing(fixture_site, tmp_path):
    """A build that fails stops before it uses everything, so it drops nothing from .cache/."""
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "first")
    first = cache_files(fixture_site)
    page = fixture_site / "content" / "cladribine.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title:", "title: [", 1), encoding="utf-8")
    project = Project(fixture_site)
    failed = run_build(project, tmp_path / "failed", cache=project_cache(project),
                       stdout=io.StringIO(), stderr=io.StringIO())
    assert not failed.ok
    assert cache_files(fixture_site) >= first
    page.write_text(text, encoding="utf-8")
    assert " 0 charts rendered, " in build(fixture_site, tmp_path / "again")


def test_equal_values_have_equal_keys_however_they_were_made(fixture_site: Path):
    """A page parsed now and the same page read back from .cache/ share no objects with their
    datasets, yet their keys are equal (a plain pickle would differ), so warm builds hit."""
    import pickle

    from evidence_site import pipeline

    cache = caching.load_cache(None)
    inputs = pipeline.load_inputs(Project(fixture_site))
    context = pipeline.page_context(inputs)
    records = [pipeline.describe_page(inputs, page, *context, None) for page in inputs.pages]
    word = "".join(["same", "word"])
    assert cache.key((word, word)) == cache.key(("sameword", "".join(["same", "word"])))
    for record in records:
        assert cache.key(record) == cache.key(pickle.loads(pickle.dumps(record)))


def inodes(folder: Path) -> dict[str, int]:
    """Each file under folder and its inode (the same inode: the file was linked, not written)."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*") if p.is_file()}


def test_an_edit_in_place_rewrites_only_what_changed_and_equals_a_clean_build(fixture_site,
                                                                              tmp_path):
    """Built again into the same site/, an edited page's files are new and every other file is
    the one already published (hard-linked); the site equals a clean build's, byte for byte.
    A warm build changes no file at all, and a deleted page's files go."""
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    site = fixture_site / "site"
    build(fixture_site, site)
    first = inodes(site)
    assert "count-example/index.html" in first
    build(fixture_site, site)
    assert inodes(site) == first  # warm: nothing written, nothing relinked
    edit(fixture_site, "content/cladribine.md", "## ", "## Edited: ")
    build(fixture_site, site)
    assert tree(site) == tree(build_clean(fixture_site, tmp_path / "clean"))
    after = inodes(site)
    rewritten = {path for path in after if after[path] != first.get(path)}
    assert "cladribine/index.html" in rewritten and "alemtuzumab/index.html" not in rewritten
    assert len(rewritten) < len(first) / 4
    (fixture_site / "content" / "count-example.md").unlink()
    build(fixture_site, site)
    assert tree(site) == tree(build_clean(fixture_site, tmp_path / "clean-deleted"))
    assert not any(path.startswith("count-example") for path in inodes(site))
    assert sorted(p.name for p in fixture_site.iterdir() if p.name.startswith(".site")) == []


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(fixture_site, tmp_path, monkeypatch):
    """The record of input files trusts a file only while its size, mtime, ctime and inode
    all match: an edit that keeps the size and puts the mtime back still changes the site."""
    monkeypatch.setattr(reading, "SETTLE_NS", 0)  # every file enters the record at once
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "before")
    assert (fixture_site / ".cache" / caching.RECORD).is_file()
    for relative in ("data/cladribine-infections.csv", "content/cladribine.md"):
        path = fixture_site / relative
        was = path.stat()
        text = path.read_text(encoding="utf-8")
        changed = (text.replace("48.3", "47.3") if "48.3" in text else
                   text.replace("## What the trial found", "## What the study found", 1))
        assert changed != text and len(changed) == len(text)
        path.write_text(changed, encoding="utf-8")
        os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (was.st_size, was.st_mtime_ns)
    build(fixture_site, tmp_path / "after")
    assert tree(tmp_path / "after") == tree(build_clean(fixture_site, tmp_path / "clean"))
    assert tree(tmp_path / "after") != tree(tmp_path / "before")


def test_a_damaged_or_missing_record_reads_every_file(fixture_site, tmp_path, monkeypatch):
    """Without a readable record of input files every file is read and hashed again."""
    monkeypatch.setattr(reading, "SETTLE_NS", 0)
    shutil.rmtree(fixture_site / ".cache", ignore_errors=True)
    build(fixture_site, tmp_path / "first")
    record = fixture_site / ".cache" / caching.RECORD
    assert caching.load_record(fixture_site / ".cache")
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")
    edit(fixture_site, "data/cladribine-infections.csv", "48.3", "47.3")  # the quote too
    for damage in (b"not a record", pickle.dumps({"content/a.md": "no signature"}), None):
        if damage is None:
            record.unlink()
        else:
            record.write_bytes(damage)
        assert caching.load_record(fixture_site / ".cache") == {}
        build(fixture_site, tmp_path / "damaged")
        assert tree(tmp_path / "damaged") == tree(build_clean(fixture_site, tmp_path / "clean"))
        shutil.rmtree(tmp_path / "damaged")
        shutil.rmtree(tmp_path / "clean")
    assert caching.load_record(fixture_site / ".cache")  # written again


def test_paths_read_back_from_the_cache_are_the_paths_stored():
    """Entries store paths by their parts (cache.dumps): each reads back equal, with the same
    hash, text, parts and type, relative or absolute, pure or not."""
    from pathlib import PosixPath, PurePosixPath

    for path in (PurePosixPath("a/b.html"), PurePosixPath("/x/y"), PurePosixPath("."),
                 PosixPath("content/a.md"), PosixPath("/tmp/site/index.html")):
        back = pickle.loads(caching.dumps({path: [path]}))
        (key, [value]), = back.items()
        for found in (key, value):
            assert (found, hash(found), str(found), found.parts, type(found)) == (
                path, hash(path), str(path), path.parts, type(path))
            assert (found.suffix, found.parent, found / "c") == (path.suffix, path.parent,
                                                                 path / "c")
