"""Stage 6: the only module that writes files: the site (atomically), stamps, cache, scaffolds."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


def write_site(files: Mapping[PurePosixPath, str | bytes], out_dir: Path) -> None:
    """Write into a sibling temp dir, then swap it in; a failed build leaves site/ alone.

    When site/ already holds exactly these files (a rebuild with nothing changed), nothing is
    written: reading a file back is much cheaper than writing and deleting it.
    """
    out_dir = out_dir.resolve()
    if load_same(files, out_dir):
        return
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    old = out_dir.with_name(f".{out_dir.name}-old")
    try:
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="\n")
        staging.chmod(0o755)
        if old.exists():
            shutil.rmtree(old)
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def load_same(files: Mapping[PurePosixPath, str | bytes], out_dir: Path) -> bool:
    """Whether out_dir holds exactly these files, byte for byte, and no others."""
    if not out_dir.is_dir():
        return False
    found = {PurePosixPath(os.path.relpath(os.path.join(folder, name), out_dir))
             for folder, _, names in os.walk(out_dir) for name in names}
    if found != set(files):
        return False
    for relative, content in files.items():
        expected = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            if (out_dir / relative).read_bytes() != expected:
                return False
        except OSError:
            return False
    return True


def write_stamp(sidecar: Path, text: str) -> None:
    """Write a dataset's sidecar after a curator re-checked its figures."""
    sidecar.write_text(text, encoding="utf-8", newline="\n")


def write_cache(cache_dir: Path, files: Mapping[PurePosixPath, bytes]) -> None:
    """Store new cache entries; each file is replaced atomically, so a reader never sees half."""
    for relative, content in sorted(files.items()):
        target = cache_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def write_scaffold(created: Mapping[Path, str], replaced: Mapping[Path, str]) -> None:
    """Create a new summary's files (never overwriting one) and update the files it extends."""
    for path, text in created.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    for path, text in replaced.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
