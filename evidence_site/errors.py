"""Problems in the inputs, reported as ``path:line: message``. No I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in one input file, reported as ``path:line: message``."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """The inputs have problems; the site was not written."""

    def __init__(self, errors: Iterable[SourceError]) -> None:
        self.errors = sorted(errors, key=sort_key)
        super().__init__(f"{len(self.errors)} problem(s) in the inputs")


def sort_key(error: SourceError) -> tuple[str, int, str]:
    """Order problems by file, then line, so a curator can work down the list."""
    return (str(error.path), error.line or 0, error.message)
