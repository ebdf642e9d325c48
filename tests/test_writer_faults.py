"""The writer killed at each step of a write: a whole site is always in place, and the next
build recovers."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from bad_input import run_cli
from helpers import REPO, edit, snapshot

from evidence_site.publish import write
from evidence_site.publish.write import MARK, MARK_TEXT, prepare_out, write_site

OLD = {"index.html": "<p>old</p>\n", "gone/index.html": "<p>stale</p>\n",
       "static/style.css": "p { color: red }\n"}
NEW = {"index.html": "<p>new</p>\n", "about/index.html": "<p>about</p>\n",
       "static/style.css": "p { color: blue }\n"}

# Runs write_site in a child process that SIGKILLs itself just before its STOP-th file system
# change (every mkdir, file write, hard link, chmod, rename, exchange, unlink and rmdir counts
# as one).
CHILD = r"""
import json, os, pathlib, signal, sys
sys.path.insert(0, sys.argv[1])
from evidence_site.publish import write
out, stop, mode, files = pathlib.Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
steps = 0
def counted(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == stop:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step
for name in ("mkdir", "rename", "replace", "unlink", "rmdir", "chmod", "link"):
    setattr(os, name, counted(getattr(os, name)))
for name in ("write_bytes", "write_text"):
    setattr(pathlib.Path, name, counted(getattr(pathlib.Path, name)))
write.exchange = counted(write.exchange if mode == "exchange" else lambda a, b: False)
write.write_site({pathlib.PurePosixPath(k): v for k, v in json.loads(files).items()}, out)
"""


def as_site(files: dict[str, str]) -> dict[str, bytes]:
    """What snapshot() shows for a site written from these files."""
    return {k: v.encode() for k, v in sorted({**files, MARK: MARK_TEXT}.items())}


def kill_at(out: Path, stop: int, mode: str) -> bool:
    """Write NEW over out, killed before change number stop; False if the write finished first."""
    child = subprocess.run([sys.executable, "-c", CHILD, str(REPO), str(out), str(stop), mode,
                            json.dumps(NEW)], capture_output=True, text=True, check=False)
    assert child.returncode in (0, -signal.SIGKILL), child.stderr
    return child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("mode", ["exchange", "two renames"])
def test_a_build_killed_at_any_step_leaves_a_whole_site(tmp_path: Path, mode: str) -> None:
    """Kill the write before each of its steps in turn: site/ is always the old or the new site
    (with two renames, the old one may be waiting whole beside it), and the next build puts the
    whole site back first, then writes the new one and leaves no staging folders."""
    seen = set()
    stop = 0
    while True:
        stop += 1
        out = tmp_path / f"run-{stop}" / "site"
        write_site({PurePosixPath(k): v for k, v in OLD.items()}, out)
        if not kill_at(out, stop, mode):
            break
        aside = write.sibling(out, "old")
        if out.exists():
            found = snapshot(out)
            state = "old" if found == as_site(OLD) else "new" if found == as_site(NEW) else ""
            assert state, f"killed before step {stop}: site/ is half made"
        else:
            assert mode == "two renames" and snapshot(aside) == as_site(OLD), stop
            state = "aside"
        seen.add(state)
        assert prepare_out(out) is None
        assert snapshot(out) in (as_site(OLD), as_site(NEW)), stop
        write_site({PurePosixPath(k): v for k, v in NEW.items()}, out)
        assert snapshot(out) == as_site(NEW), stop
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"], stop
    assert snapshot(out) == as_site(NEW)
    assert stop > 15  # every mkdir, write, swap and delete was a kill point
    assert seen == ({"old", "new", "aside"} if mode == "two renames" else {"old", "new"})


def test_killed_between_renames_then_a_failed_build_restores_the_site(fixture_site: Path) -> None:
    """site/ moved aside by a killed build comes back at the next run, even if that build fails."""
    assert run_cli("--root", str(fixture_site)).code == 0
    site = fixture_site / "site"
    before = snapshot(site)
    site.rename(write.sibling(site, "old"))
    edit(fixture_site, "data/cladribine-infections.csv", "people,,S5,", "people,,S7,")
    answer = run_cli("--root", str(fixture_site))
    assert answer.code == 1, answer.err
    assert snapshot(site) == before
    assert not write.sibling(site, "old").exists()


def test_the_earlier_versions_half_done_swap_is_recovered(fixture_site: Path) -> None:
    """An earlier version killed between its two renames left only .site-old: it is put back."""
    assert run_cli("--root", str(fixture_site)).code == 0
    site = fixture_site / "site"
    (site / MARK).unlink()  # as the earlier version wrote it
    before = snapshot(site)
    site.rename(fixture_site / ".site-old")
    edit(fixture_site, "data/cladribine-infections.csv", "people,,S5,", "people,,S7,")
    assert run_cli("--root", str(fixture_site)).code == 1
    assert snapshot(site) == before
    assert not (fixture_site / ".site-old").exists()


def test_clean_up_never_deletes_the_only_whole_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """site/ is missing and its only copy waits aside; a write that then fails keeps that copy."""
    out = tmp_path / "site"
    write_site({PurePosixPath(k): v for k, v in OLD.items()}, out)
    out.rename(write.sibling(out, "old"))

    def interrupted(self: Path, text: str, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site({PurePosixPath(k): v for k, v in NEW.items()}, out)
    assert snapshot(out) == as_site(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_preview_server_reading_during_the_swap_never_finds_site_missing(tmp_path: Path) -> None:
    """With rename-exchange the swap is one step: site/index.html exists before and after it."""
    out = tmp_path / "site"
    write_site({PurePosixPath(k): v for k, v in OLD.items()}, out)
    real = write.exchange
    seen = []

    def watched(a: Path, b: Path) -> bool:
        seen.append((out / "index.html").read_text(encoding="utf-8"))
        done = real(a, b)
        seen.append((out / "index.html").read_text(encoding="utf-8"))
        return done

    write.exchange = watched
    try:
        write_site({PurePosixPath(k): v for k, v in NEW.items()}, out)
    finally:
        write.exchange = real
    assert seen == ["<p>old</p>\n", "<p>new</p>\n"]
    shutil.rmtree(out)
