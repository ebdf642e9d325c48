"""Stage 6: the site is written into a staging folder and swapped in, or not at all."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from helpers import snapshot

from evidence_site.publish import write
from evidence_site.publish.write import MARK, MARK_TEXT, OutRefused, write_site, write_stamp

NEW = {PurePosixPath("index.html"): "<p>new é</p>\n", PurePosixPath("static/a.bin"): b"\x00\xff"}


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    """A site an earlier build wrote (it has the mark), with a file the new build no longer has."""
    site = tmp_path / "site"
    (site / "gone").mkdir(parents=True)
    (site / "index.html").write_text("<p>old</p>\n", encoding="utf-8")
    (site / "gone" / "index.html").write_text("<p>stale</p>\n", encoding="utf-8")
    (site / MARK).write_text(MARK_TEXT, encoding="utf-8")
    return site


def test_write_replaces_the_whole_site(old_site: Path) -> None:
    """Text is UTF-8 with \\n, bytes are copied as they are, stale files go, the mark stays."""
    write_site(NEW, old_site)
    assert snapshot(old_site) == {
        ".evidence-site": MARK_TEXT.encode(),
        "index.html": "<p>new é</p>\n".encode(),
        "static/a.bin": b"\x00\xff",
    }
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_write_creates_a_missing_output_folder(tmp_path: Path) -> None:
    """The first build needs no site/ to exist, even in a new parent folder."""
    out = tmp_path / "new" / "public"
    write_site(NEW, out)
    assert sorted(snapshot(out)) == [".evidence-site", "index.html", "static/a.bin"]


def test_an_unchanged_rebuild_writes_nothing(old_site: Path) -> None:
    """With the mark counted as one of the site's files, a second identical write is skipped."""
    write_site(NEW, old_site)
    inode = (old_site / "index.html").stat().st_ino
    write_site(NEW, old_site)
    assert (old_site / "index.html").stat().st_ino == inode


def test_a_rebuild_links_unchanged_files_and_writes_changed_ones(old_site: Path) -> None:
    """A file with the same bytes keeps its inode (hard-linked into the new site); a changed one
    is a new file, so the old site's copy was never written to."""
    write_site(NEW, old_site)
    kept, changed = (old_site / "static/a.bin").stat(), (old_site / "index.html").stat()
    write_site({**NEW, PurePosixPath("index.html"): "<p>newer</p>\n"}, old_site)
    assert (old_site / "static/a.bin").stat().st_ino == kept.st_ino
    assert (old_site / "index.html").stat().st_ino != changed.st_ino
    assert snapshot(old_site) == {".evidence-site": MARK_TEXT.encode(),
                                  "index.html": b"<p>newer</p>\n", "static/a.bin": b"\x00\xff"}
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_where_links_fail_unchanged_files_are_written(
    old_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a disk without hard links (or another owner's files), every file is written."""
    write_site(NEW, old_site)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError("no links here")

    monkeypatch.setattr(write.os, "link", refused)
    write_site({**NEW, PurePosixPath("index.html"): "<p>newer</p>\n"}, old_site)
    assert snapshot(old_site) == {".evidence-site": MARK_TEXT.encode(),
                                  "index.html": b"<p>newer</p>\n", "static/a.bin": b"\x00\xff"}


def test_a_published_symlink_is_replaced_not_followed(old_site: Path, tmp_path: Path) -> None:
    """A link someone put in site/ is never taken for one of the site's files."""
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"\x00\xff")
    (old_site / "static").mkdir()
    (old_site / "static/a.bin").symlink_to(outside)
    write_site(NEW, old_site)
    assert not (old_site / "static/a.bin").is_symlink()
    assert outside.read_bytes() == b"\x00\xff"


@pytest.mark.parametrize("failing_call", [1, 2])
def test_interrupted_two_rename_swap_leaves_the_old_site(
    old_site: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    """Without rename-exchange, a rename that fails (moving site/ aside, or the new one in)
    changes nothing."""
    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    before = snapshot(old_site)
    real_rename = Path.rename
    calls = []

    def rename(self: Path, target: Path) -> Path:
        calls.append((self, target))
        if len(calls) == failing_call:
            raise OSError("disk full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="disk full"):
        write_site(NEW, old_site)
    assert snapshot(old_site) == before
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]  # no staging left


def test_two_rename_swap_writes_the_new_site(
    old_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the OS has no rename-exchange, the fallback swap gives the same result."""
    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    write_site(NEW, old_site)
    assert sorted(snapshot(old_site)) == [".evidence-site", "index.html", "static/a.bin"]
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_failed_exchange_leaves_the_old_site(
    old_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename-exchange the disk refuses changes nothing and leaves no staging folder."""
    def exchange(a: Path, b: Path) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write, "exchange", exchange)
    before = snapshot(old_site)
    with pytest.raises(OSError, match="No space"):
        write_site(NEW, old_site)
    assert snapshot(old_site) == before
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    """On Linux, renameat2(RENAME_EXCHANGE) swaps two folders in one step."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("a", encoding="utf-8")
    assert write.exchange(tmp_path / "a", tmp_path / "b") is True
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["x"]
    assert list((tmp_path / "a").iterdir()) == []


def test_interrupted_writing_leaves_the_old_site(
    old_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while files are being written leaves site/ as it was, and no staging folder."""
    before = snapshot(old_site)

    def interrupted(self: Path, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site(NEW, old_site)
    assert snapshot(old_site) == before
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_leftovers_from_killed_builds_are_cleared(old_site: Path) -> None:
    """Staging and old copies left by killed builds are removed; a curator's own folder is not."""
    parent = old_site.parent
    for name in (".site-evidence-site-old", ".site-evidence-site-build-abc123",
                 ".site-evidence-site-build-xyz789", ".site-notes"):
        (parent / name).mkdir()
        (parent / name / "x").write_text("x", encoding="utf-8")
    write_site(NEW, old_site)
    assert sorted(p.name for p in parent.iterdir()) == [".site-notes", "site"]


def test_a_curators_copy_of_a_site_beside_it_is_kept(old_site: Path) -> None:
    """A backup named like an earlier version's staging folder stays; its .site-old goes."""
    for name in (".site-backup1", ".site-old"):
        for relative in (MARK, "index.html"):
            (old_site.parent / name / relative).parent.mkdir(parents=True, exist_ok=True)
            (old_site.parent / name / relative).write_text("x", encoding="utf-8")
    write_site(NEW, old_site)
    assert sorted(p.name for p in old_site.parent.iterdir()) == [".site-backup1", "site"]


def test_a_site_from_an_earlier_version_is_replaced(tmp_path: Path) -> None:
    """A site written before the mark existed is recognised by its files and replaced."""
    site = tmp_path / "site"
    for relative in ("index.html", "404.html", "sitemap.xml", "_headers", "static/style.css",
                     "about/index.html"):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text("old", encoding="utf-8")
    write_site(NEW, site)
    assert sorted(snapshot(site)) == [".evidence-site", "index.html", "static/a.bin"]


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    """An empty folder may become the site."""
    (tmp_path / "public").mkdir()
    write_site(NEW, tmp_path / "public")
    assert sorted(snapshot(tmp_path / "public")) == [".evidence-site", "index.html", "static/a.bin"]


@pytest.mark.parametrize("make", ["folder", "file"])
def test_a_folder_or_file_this_tool_did_not_write_is_refused(tmp_path: Path, make: str) -> None:
    """write_site itself refuses, whoever calls it: the folder and its files stay as they were."""
    out = tmp_path / "photos"
    if make == "folder":
        out.mkdir()
        (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    else:
        out.write_bytes(b"\xff\xd8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(OutRefused, match=f"^--out {out}: this "):
        write_site(NEW, out)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_write_stamp(tmp_path: Path) -> None:
    """The sidecar is written as UTF-8 with \\n line ends."""
    sidecar = tmp_path / "d.meta.toml"
    write_stamp(sidecar, 'title = "Ä"\n')
    assert sidecar.read_bytes() == 'title = "Ä"\n'.encode()


def test_load_bytes_reads_one_byte_more_than_expected(tmp_path):
    """A published file read back is never cut to the expected size: a longer one differs."""
    path = tmp_path / "page.html"
    path.write_bytes(b"x" * 70_000 + b"tail")
    assert write.load_bytes(str(path), 70_000) == b"x" * 70_000 + b"t"
    assert write.load_bytes(str(path), 80_000) == b"x" * 70_000 + b"tail"


def test_the_site_put_aside_is_the_next_staging_folder(old_site: Path, tmp_path: Path) -> None:
    """With a spare folder, the site a swap put aside is kept there (not deleted), and the next
    write changes in it only what differs: a file the published site holds unchanged stays
    the very same file (one inode for both names), so an edit costs what changed."""
    spare = tmp_path / "cache" / "spare"
    write_site(NEW, old_site, spare=spare)
    assert snapshot(spare)["index.html"] == b"<p>old</p>\n"  # the old site, put aside
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["cache", "site"]
    edited = NEW | {PurePosixPath("index.html"): "<p>edited</p>\n",
                    PurePosixPath("new/page.html"): "<p>added</p>\n"}
    write_site(edited, old_site, spare=spare)
    assert snapshot(old_site) == {".evidence-site": MARK_TEXT.encode(),
                                  "index.html": b"<p>edited</p>\n",
                                  "new/page.html": b"<p>added</p>\n",
                                  "static/a.bin": b"\x00\xff"}
    assert snapshot(spare)["index.html"] == "<p>new é</p>\n".encode()
    same = old_site / "static" / "a.bin", spare / "static" / "a.bin"
    assert same[0].stat().st_ino == same[1].stat().st_ino
    write_site(NEW, old_site, spare=spare)  # the spare held "edited"'s site before: now NEW
    assert snapshot(old_site) == {".evidence-site": MARK_TEXT.encode(),
                                  "index.html": "<p>new é</p>\n".encode(),
                                  "static/a.bin": b"\x00\xff"}
    assert not (old_site / "new").exists()


def test_a_spare_changed_by_hand_is_never_trusted(old_site: Path, tmp_path: Path) -> None:
    """A file of the spare folder is kept only when it is the published file itself: a spare
    edited, added to or half updated by a killed build still gives exactly the new site."""
    spare = tmp_path / "cache" / "spare"
    write_site(NEW, old_site, spare=spare)
    write_site(NEW | {PurePosixPath("index.html"): "<p>two</p>\n"}, old_site, spare=spare)
    (spare / "index.html").write_text("<p>by hand</p>\n", encoding="utf-8")
    (spare / "stray").mkdir()
    (spare / "stray" / "x.html").write_text("stray", encoding="utf-8")
    (spare / "static" / "a.bin").unlink()
    (spare / "static" / "a.bin").mkdir()  # a folder where a file goes
    write_site(NEW, old_site, spare=spare)
    assert snapshot(old_site) == {".evidence-site": MARK_TEXT.encode(),
                                  "index.html": "<p>new é</p>\n".encode(),
                                  "static/a.bin": b"\x00\xff"}


def test_a_spare_folder_this_tool_did_not_write_is_left_alone(old_site: Path,
                                                              tmp_path: Path) -> None:
    """Without the mark, the folder at the spare's place is not used, changed or replaced."""
    spare = tmp_path / "cache" / "spare"
    spare.mkdir(parents=True)
    (spare / "notes.txt").write_text("mine", encoding="utf-8")
    write_site(NEW, old_site, spare=spare)
    assert snapshot(spare) == {"notes.txt": b"mine"}
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["cache", "site"]


def test_an_empty_spare_folder_is_used(old_site: Path, tmp_path: Path) -> None:
    """A swap into an empty new --out leaves an empty folder at the spare's place: the next
    write stages there and keeps the site it puts aside, as usual."""
    spare = tmp_path / "cache" / "spare"
    spare.mkdir(parents=True)
    write_site(NEW, old_site, spare=spare)
    assert snapshot(spare)["index.html"] == b"<p>old</p>\n"
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["cache", "site"]
