"""Warm and one-edit rebuilds: an unchanged page is carried through the build by a small record
(its files' digests, its checks), never read back, re-checked or re-written."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path

from helpers import edit

from evidence_site import cache as caching
from evidence_site import pipeline
from evidence_site.commands.runner import Outcome, project_cache, run_build
from evidence_site.publish import write
from evidence_site.records import Project


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(root: Path, out: Path, *, cached: bool = True, today: dt.date | None = None,
        strict: bool = False, printed: list[str] | None = None) -> Outcome:
    """One build as the CLI runs it (what it printed is added to printed)."""
    project = Project(root)
    stdout, stderr = io.StringIO(), io.StringIO()
    outcome = run_build(project, out, cache=project_cache(project, enabled=cached),
                        stdout=stdout, stderr=stderr, today=today, strict=strict,
                        publish_check="python build.py check")
    if printed is not None:
        printed += [stdout.getvalue(), stderr.getvalue()]
    return outcome


def clean(root: Path, out: Path) -> dict[str, bytes]:
    """The site a build without the cache writes."""
    assert run(root, out, cached=False).ok
    return tree(out)


def reads(monkeypatch) -> list[str]:
    """The entries of .cache/ read from now on, and the published files read back."""
    seen: list[str] = []
    entry, published = caching.Cache.load_entry, write.load_bytes
    monkeypatch.setattr(caching.Cache, "load_entry", lambda self, path: (
        path in self.index and seen.append(path)) or entry(self, path))  # a file of .cache/
    monkeypatch.setattr(write, "load_bytes",
                        lambda path, size: seen.append(f"site:{path}") or published(path, size))
    return seen


def test_a_warm_build_reads_no_page_picture_or_published_file(fixture_site, tmp_path,
                                                              monkeypatch):
    """Unchanged pages travel as Stored markers: their HTML, CSVs and PNGs stay in .cache/,
    and the writer trusts its record of site/ instead of reading the files back."""
    out = tmp_path / "site"
    assert run(fixture_site, out, today=dt.date(2026, 1, 1)).ok
    before = {p: os.stat(out / p).st_ino for p in tree(out)}
    seen = reads(monkeypatch)
    # Another day (no page falls due for review): the build runs, every page unchanged.
    assert run(fixture_site, out, today=dt.date(2026, 1, 2)).ok
    assert not [p for p in seen if p.startswith(("memo/page-files/", "memo/png/", "site:"))]
    assert any(p.startswith("memo/render-packs/") for p in seen)  # small records, in packs
    assert not [p for p in seen if p.startswith(("memo/pages/", "memo/datasets/", "memo/render/"))]
    assert {p: os.stat(out / p).st_ino for p in tree(out)} == before  # nothing written
    assert tree(out) == clean(fixture_site, tmp_path / "clean")


def test_an_edit_reads_back_only_the_edited_page(fixture_site, tmp_path, monkeypatch):
    """After one page is edited, only its files are rendered and written; the output equals a
    clean build, and every other published file is linked, not read or written."""
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    before = {p: os.stat(out / p).st_ino for p in tree(out)}
    edit(fixture_site, "content/cladribine.md", "## What the trial found",
         "## What the trial found out")
    seen = reads(monkeypatch)
    assert run(fixture_site, out).ok
    assert not [p for p in seen if p.startswith(("memo/page-files/", "memo/png/"))]
    # The edited page's dataset is read back (to render it), not all five.
    assert 0 < len({p for p in seen if p.startswith("memo/datasets/")}) < 5
    changed = {p for p, ino in before.items() if os.stat(out / p).st_ino != ino}
    assert changed and all(p.startswith("cladribine/") or p in ("sitemap.xml", "index.html")
                           for p in changed), changed
    assert tree(out) == clean(fixture_site, tmp_path / "clean")


def test_an_edit_takes_the_other_pages_from_the_packs_of_the_last_build(fixture_site, tmp_path,
                                                                        monkeypatch):
    """An edit changes the key of its page's pack: the pack's other pages are taken from the
    pack the last build kept, not read back one by one (all pages in one pack here)."""
    monkeypatch.setattr(caching, "PACKS", 1)
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    edit(fixture_site, "content/cladribine.md", "## What the trial found",
         "## What the trial found out")
    seen = reads(monkeypatch)
    assert run(fixture_site, out).ok
    assert not [p for p in seen if p.startswith(("memo/pages/", "memo/render/",
                                                 "memo/page-facts/", "memo/dataset-notes/"))]
    assert {p.split("/")[1] for p in seen if p.startswith("memo/") and "-packs/" in p} == {
        "pages-packs", "render-packs", "page-facts-packs", "dataset-notes-packs"}
    assert tree(out) == clean(fixture_site, tmp_path / "clean")
    seen.clear()
    assert run(fixture_site, out).ok  # and the new packs serve the next build whole
    assert not [p for p in seen if p.startswith(("memo/pages/", "memo/render/"))]


def test_a_broken_link_added_by_an_edit_is_found(fixture_site, tmp_path):
    """An edited page is checked again: a link to a page that does not exist stops the build."""
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    edit(fixture_site, "content/cladribine.md", "## What the trial found",
         "See [the other page](../nowhere/).\n\n## What the trial found")
    outcome = run(fixture_site, out)
    assert not outcome.ok
    assert any("site/cladribine/index.html" in p and "'../nowhere/' goes nowhere" in p
               for p in outcome.problems), outcome.problems


def test_a_reused_page_whose_link_target_changed_still_fails(fixture_site, tmp_path,
                                                             monkeypatch):
    """The site-wide link check runs on every page: a page reused from .cache/ whose link now
    points at an anchor another page no longer has fails the build, from its stored record."""
    out = tmp_path / "site"
    edit(fixture_site, "content/alemtuzumab.md", "## What the study found",
         "Compare [cladribine](../cladribine/#what-the-trial-found).\n\n"
         "## What the study found")
    assert run(fixture_site, out).ok
    rendered: list[str] = []
    real = pipeline.checked_page
    monkeypatch.setattr(pipeline, "checked_page", lambda env, record, svgs: (
        rendered.append(record.page.slug) or real(env, record, svgs)))
    edit(fixture_site, "content/cladribine.md", "## What the trial found", "## Results")
    outcome = run(fixture_site, out)
    assert "alemtuzumab" not in rendered and "cladribine" in rendered
    assert not outcome.ok
    assert any("site/alemtuzumab/index.html" in p and "no element with id "
               "'what-the-trial-found'" in p for p in outcome.problems), outcome.problems


def test_a_changed_published_file_is_written_again(fixture_site, tmp_path):
    """The writer's record holds each file's stat signature: a published file changed by
    hand, even to the same size and mtime, is compared and written again."""
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    page = out / "cladribine" / "index.html"
    stat = page.stat()
    text = page.read_bytes()
    page.write_bytes(text.replace(b"<h1", b"<h2", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size and page.read_bytes() != text
    assert run(fixture_site, out).ok
    assert page.read_bytes() == text
    assert tree(out) == clean(fixture_site, tmp_path / "clean")


def test_lost_page_files_are_rendered_again(fixture_site, tmp_path):
    """A page whose stored files are gone from .cache/ (listed in the index or not) is rendered
    again, so a damaged cache is only a slower build."""
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    shutil.rmtree(fixture_site / ".cache" / "memo" / "page-files")
    shutil.rmtree(out)
    assert run(fixture_site, out).ok
    assert tree(out) == clean(fixture_site, tmp_path / "clean")
    for stored in (fixture_site / ".cache" / "memo" / "page-files").rglob("*.pickle"):
        stored.write_bytes(b"damaged")
    shutil.rmtree(out)
    assert run(fixture_site, out).ok
    assert tree(out) == clean(fixture_site, tmp_path / "clean2")


def test_site_files_read_a_stored_page_when_asked(fixture_site):
    """pipeline.build's files read an unchanged page from .cache/ only when it is asked for,
    and give what a build without the cache gives."""
    project = Project(fixture_site)
    cache = project_cache(project)
    pipeline.build(project, cache=cache)
    cache.start_build()
    site = pipeline.build(project, cache=cache)
    page = next(p for p in site.files if p.as_posix() == "cladribine/index.html")
    assert isinstance(site.files, pipeline.SiteFiles)
    assert site.files.stored(page) is not None
    fresh = pipeline.build(project).files
    assert dict(site.files.items()) == dict(fresh.items())
    assert site.files.stored(page) is None  # read now


def test_an_unchanged_build_repeats_the_last_one(fixture_site, tmp_path, monkeypatch):
    """Inputs, code, options and site/ all as the last build left them: nothing is read back,
    rendered or written, and the build says what the last one said."""
    out = tmp_path / "site"
    first: list[str] = []
    assert run(fixture_site, out, printed=first).ok
    before = {p: os.stat(out / p).st_ino for p in tree(out)}
    seen = reads(monkeypatch)
    again: list[str] = []
    assert run(fixture_site, out, printed=again).ok
    assert seen == []
    assert {p: os.stat(out / p).st_ino for p in tree(out)} == before
    # The same words, but for the time taken and the charts now reused, not drawn.
    said = [re.sub(r"\d+ charts? rendered, \d+ reused, (.*), \d+\.\d\d s,", r"\1", text)
            for text in first + again]
    assert said[:2] == said[2:] and "Not ready to publish" in first[0]
    assert " 0 charts rendered, 6 reused, 0 warnings, " in again[0]
    assert "Readability of each page" in first[0]


def test_each_kind_of_change_is_built(fixture_site, tmp_path, monkeypatch):
    """An input edited, a published file changed, added or deleted by hand, another option:
    each is a build with work to do, and site/ ends as a clean build writes it."""
    out = tmp_path / "site"
    assert run(fixture_site, out).ok
    expected = clean(fixture_site, tmp_path / "clean")
    for change in ("edited", "added", "deleted"):
        page = out / "cladribine" / "index.html"
        if change == "edited":
            page.write_text(page.read_text(encoding="utf-8") + "<!-- by hand -->")
        elif change == "added":
            (out / "stray.html").write_text("<p>kept by mistake</p>")
        else:
            page.unlink()
        seen = reads(monkeypatch)
        assert run(fixture_site, out).ok
        assert seen and tree(out) == expected, change
    seen = reads(monkeypatch)
    assert run(fixture_site, out, strict=True).ok
    assert seen  # another option: built
    edit(fixture_site, "content/cladribine.md", "## ", "## Edited: ")
    assert run(fixture_site, out).ok
    assert "## Edited: " not in tree(out)["cladribine/index.html"].decode()
    assert "Edited: " in tree(out)["cladribine/index.html"].decode()
    edit(fixture_site, "site.toml", 'name = "', 'name = "Renamed ')  # a file, not a folder
    assert run(fixture_site, out).ok
    assert "<title>Renamed " in tree(out)["index.html"].decode()


def test_what_a_failed_build_added_goes_when_the_inputs_are_put_back(fixture_site, tmp_path):
    """A build that fails leaves its new entries in .cache/ (the fix may reuse them); when the
    inputs are put back as the last build that worked had them, that build is repeated and
    .cache/ is again as it left it. A build that works after a failure keeps only what it used."""
    out, cache = tmp_path / "site", fixture_site / ".cache"
    assert run(fixture_site, out).ok
    worked = tree(cache)
    page = fixture_site / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n\nA new sentence, then {{ fig.nothing.about }}.\n", encoding="utf-8")
    assert not run(fixture_site, out).ok
    assert set(tree(cache)) - set(worked)  # the edited page's parse, at least
    page.write_text(text, encoding="utf-8")
    printed: list[str] = []
    assert run(fixture_site, out, printed=printed).ok and " 0 charts rendered, " in printed[0]
    assert set(tree(cache)) == set(worked)
    page.write_text(text + "\n\nAnother sentence {{ oops }}.\n", encoding="utf-8")
    assert not run(fixture_site, out).ok and (cache / caching.FAILED).is_file()
    page.write_text(text + "\n\nAnother sentence.\n", encoding="utf-8")
    assert run(fixture_site, out).ok and not (cache / caching.FAILED).exists()


def test_a_summary_edit_renders_a_plain_page_again_only_if_it_lists_summaries(
        fixture_site, tmp_path, monkeypatch):
    """A plain page is given the summaries, but the theme's page.html never names them: an
    edit of a summary leaves the about page alone. A site's page.html that lists them (here,
    through a template it includes) is rendered again, and shows the edit."""
    out = tmp_path / "site"
    rendered: list[str] = []
    render_page = pipeline.render_page
    monkeypatch.setattr(pipeline, "render_page", lambda env, record, svgs: rendered.append(
        record.page.slug) or render_page(env, record, svgs))
    assert run(fixture_site, out).ok
    edit(fixture_site, "content/cladribine.md", "## What the trial found",
         "## What the trial found out")
    rendered.clear()
    assert run(fixture_site, out).ok
    assert rendered == ["cladribine"]
    assert tree(out) == clean(fixture_site, tmp_path / "clean")

    templates = fixture_site / "templates"
    templates.mkdir(exist_ok=True)
    page = (Path(pipeline.theme.TEMPLATES) / "page.html").read_text(encoding="utf-8")
    (templates / "page.html").write_text(page.replace(
        "{% endblock %}", '{% include "_list.html" %}{% endblock %}', 1), encoding="utf-8")
    (templates / "_list.html").write_text(
        "{% for s in summaries %}<p>{{ s.title }}</p>{% endfor %}", encoding="utf-8")
    assert run(fixture_site, out).ok
    edit(fixture_site, "content/cladribine.md", "in the CLARITY trial\n",
         "in the CLARITY trial, edited\n")
    rendered.clear()
    assert run(fixture_site, out).ok
    assert sorted(rendered) == ["about", "cladribine"]
    assert "CLARITY trial, edited</p>" in (out / "about" / "index.html").read_text(encoding="utf-8")
