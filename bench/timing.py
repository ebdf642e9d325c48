"""Time one fresh process: wall-clock and CPU seconds (its children included), peak memory."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timed:
    """One process: wall-clock and CPU seconds, peak memory, its last line of output."""

    wall: float
    cpu: float
    peak_mb: float
    last_line: str


def measured_env() -> dict[str, str]:
    """This environment, with Python writing and reusing bytecode as an installed package does:
    a shell with PYTHONDONTWRITEBYTECODE set would compile every module of ours in every
    measured process (about 0.08 s each, the same at every size)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Timed:
    """Run a fresh process to the end; time it (CPU includes its children)."""
    # Output goes to files, not pipes: a build prints more than a pipe holds while we wait.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        # What the bench itself wrote or deleted just before (a fresh copy of the project, the
        # last round's folders) is flushed first: its writeback would fall on the measured
        # process, on one process's round more than another's.
        os.sync()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, cwd=cwd,
                                   env=measured_env() if env is None else env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{err}{out}")
    lines = out.strip().splitlines()
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 lines[-1] if lines else "")
