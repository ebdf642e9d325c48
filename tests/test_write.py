"""Stage 6: the site is written into a staging folder and swapped in, or not at all."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from helpers import snapshot

from evidence_site.write import write_site, write_stamp

NEW = {PurePosixPath("index.html"): "<p>new é</p>\n", PurePosixPath("static/a.bin"): b"\x00\xff"}


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    """A previously published site with a file the new build no longer has."""
    site = tmp_path / "site"
    (site / "gone").mkdir(parents=True)
    (site / "index.html").write_text("<p>old</p>\n", encoding="utf-8")
    (site / "gone" / "index.html").write_text("<p>stale</p>\n", encoding="utf-8")
    return site


def test_write_replaces_the_whole_site(old_site: Path) -> None:
    """Text is UTF-8 with \\n, bytes are copied as they are, and stale files disappear."""
    write_site(NEW, old_site)
    assert snapshot(old_site) == {
        "index.html": "<p>new é</p>\n".encode(),
        "static/a.bin": b"\x00\xff",
    }
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_write_creates_a_missing_output_folder(tmp_path: Path) -> None:
    """The first build needs no site/ to exist, even in a new parent folder."""
    out = tmp_path / "new" / "public"
    write_site(NEW, out)
    assert sorted(snapshot(out)) == ["index.html", "static/a.bin"]


@pytest.mark.parametrize("failing_call", [1, 2])
def test_interrupted_swap_leaves_the_old_site(
    old_site: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    """A rename that fails (moving site/ aside, or moving the new one in) changes nothing."""
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


def test_leftover_from_a_killed_build_is_cleared(old_site: Path) -> None:
    """A .site-old folder left by a build that was killed is removed by the next one."""
    (old_site.parent / ".site-old").mkdir()
    (old_site.parent / ".site-old" / "x").write_text("x", encoding="utf-8")
    write_site(NEW, old_site)
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]


def test_write_stamp(tmp_path: Path) -> None:
    """The sidecar is written as UTF-8 with \\n line ends."""
    sidecar = tmp_path / "d.meta.toml"
    write_stamp(sidecar, 'title = "Ä"\n')
    assert sidecar.read_bytes() == 'title = "Ä"\n'.encode()
