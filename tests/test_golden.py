"""The whole pipeline on the minimal fixture project, compared byte for byte with tests/golden/."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from evidence_site import pipeline

MINIMAL = Path(__file__).resolve().parent / "golden" / "minimal"


def as_bytes(content: str | bytes) -> bytes:
    """What write_site puts on disk for one file."""
    return content if isinstance(content, bytes) else content.encode("utf-8")


def golden_diff(files: Mapping[PurePosixPath, str | bytes], golden: Path) -> str:
    """A unified diff of every file that differs from its golden copy ('' when none does).

    Binary files, and files only on one side, get a line each.
    """
    built = {p.as_posix(): as_bytes(c) for p, c in files.items()}
    kept = {p.relative_to(golden).as_posix(): p.read_bytes()
            for p in golden.rglob("*") if p.is_file()}
    out = []
    for name in sorted(built.keys() | kept.keys()):
        new, old = built.get(name), kept.get(name)
        if new == old:
            continue
        if old is None or new is None:
            out.append(f"{name}: only in the {'build' if old is None else 'golden files'}\n")
            continue
        try:
            lines = old.decode("utf-8").splitlines(True), new.decode("utf-8").splitlines(True)
        except UnicodeDecodeError:
            out.append(f"{name}: binary, {len(old)} bytes in golden, {len(new)} built\n")
            continue
        out += difflib.unified_diff(*lines, f"golden/{name}", f"built/{name}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def test_minimal_site_matches_golden(minimal_build: pipeline.Site, update_golden: bool) -> None:
    """Every built file equals its checked-in copy (`pytest --update-golden` rewrites them)."""
    site = minimal_build  # built with strict=True
    if update_golden:
        shutil.rmtree(MINIMAL, ignore_errors=True)
        for relative, content in site.files.items():
            (MINIMAL / relative).parent.mkdir(parents=True, exist_ok=True)
            (MINIMAL / relative).write_bytes(as_bytes(content))
    differences = golden_diff(site.files, MINIMAL)
    assert not differences, (
        "the build differs from tests/golden/minimal/; if the change is intended, run "
        "`python3 dev.py test --update-golden` and commit the golden diff\n" + differences)
    assert site.warnings == ()


def test_golden_diff_shows_every_differing_file(tmp_path: Path) -> None:
    """A golden failure prints a unified diff of each file, not one bytes comparison."""
    for name, content in {"a.html": "one\ntwo\n", "b.css": "x\n", "c.png": b"\x89PNG\x00",
                          "gone.txt": "old\n"}.items():
        (tmp_path / name).write_bytes(as_bytes(content))
    built = {PurePosixPath("a.html"): "one\nTWO\n", PurePosixPath("b.css"): "x\n",
             PurePosixPath("c.png"): b"\x89PNG\x01", PurePosixPath("new.js"): "y"}
    assert golden_diff(built, tmp_path) == (
        "--- golden/a.html\n+++ built/a.html\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n"
        "c.png: binary, 5 bytes in golden, 5 built\n"
        "gone.txt: only in the golden files\n"
        "new.js: only in the build\n")
    assert golden_diff({PurePosixPath("b.css"): "x\n"}, tmp_path / "none") == (
        "b.css: only in the build\n")
