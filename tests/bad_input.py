"""Plant one fault in a built copy of the fixture project; check how the command line answers."""

from __future__ import annotations

import io
import traceback
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from helpers import snapshot

import build


@dataclass(frozen=True)
class Answer:
    """What a curator saw: the exit code and everything printed."""

    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Answer:
    """Run build.main in this process; an escaping exception is printed as the traceback it is."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = build.main(list(argv))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 2
        except BaseException:  # noqa: BLE001 - a curator would see this traceback
            traceback.print_exc()
            code = -1
    return Answer(code, out.getvalue(), err.getvalue())


def planted(root: Path, fault: Callable[[Path], None], *, args: tuple[str, ...] = (),
            code: int = 1) -> Answer:
    """Plant the fault in a built project (the built_site fixture), build again; site/ must not
    change.

    Returns the build's answer after checking: the exit code, no traceback, and a byte-identical
    site/ (the built_site fixture checked that the clean build succeeded).
    """
    before = snapshot(root / "site")
    assert "index.html" in before, f"{root}/site: not built; use the built_site fixture"
    fault(root)
    answer = run_cli("--root", str(root), *args)
    assert answer.code == code, (answer.code, answer.err)
    assert "Traceback" not in answer.err + answer.out, answer.err
    assert snapshot(root / "site") == before, "the previous site changed"
    return answer
