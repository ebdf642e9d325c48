"""Progress of a long build (a bar on a terminal, plain lines in CI) and the summary line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

SHOW_FROM = 20  # stages with fewer steps finish before anyone would look at a bar
BAR = 30


class Progress:
    """Report (stage, done, total) steps: redraw one bar on a terminal, or print every tenth."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.last_step: dict[str, int] = {}
        self.last_draw = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < SHOW_FROM:
            return
        if self.tty:
            self.draw(stage, done, total)
            return
        step = done * 10 // total
        if step != self.last_step.get(stage) and (step > 0 or done == total):
            self.last_step[stage] = step
            print(f"{stage}: {done}/{total}", file=self.stream, flush=True)

    def draw(self, stage: str, done: int, total: int) -> None:
        """Redraw the bar in place, at most twenty times a second."""
        now = time.monotonic()
        if done != total and now - self.last_draw < 0.05:
            return
        self.last_draw = now
        filled = BAR * done // total
        bar = "#" * filled + "-" * (BAR - filled)
        end = "\n" if done == total else ""
        print(f"\r{stage:>7} [{bar}] {done}/{total}", end=end, file=self.stream, flush=True)


def plural(count: int, word: str) -> str:
    """'1 page', '2 pages'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(out: Path, pages: int, rendered: int, reused: int, warnings: int,
                 seconds: float, cache_bytes: int | None = None) -> str:
    """The one line every successful build ends with (and the size of .cache/, if kept)."""
    kept = "" if cache_bytes is None else f", .cache/ {cache_bytes / 1e6:.1f} MB"
    return (f"Built {out}/: {plural(pages, 'page')}, {plural(rendered, 'chart')} rendered, "
            f"{reused} reused, {plural(warnings, 'warning')}, {seconds:.2f} s{kept}")
