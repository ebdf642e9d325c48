"""Ready to publish? Example values left in site.toml and summaries no clinician has reviewed.

A build keeps working with them and prints one line listing them; `check --publish` prints one
`path:line: what to do` per item and fails while any is left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_site.commands import init
from evidence_site.read import content
from evidence_site.records import Page, Project

# Addresses reserved for examples (RFC 2606): never a real site or mailbox.
_EXAMPLE = re.compile(r"\bexample\.(?:org|com|net)\b|\w\.(?:example|test|invalid)\b", re.I)
_SETTING = re.compile(r"^\s*([A-Za-z_]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
# "Not yet reviewed by a clinician", "unreviewed", "none", "TBC", "TODO", or nothing at all.
_UNREVIEWED = re.compile(r"\bnot\b.*\breview|\bno\b.*\breview|\bunreviewed\b|\bTODO\b|"
                         r"^\s*(?:none|nobody|tbc|tbd|n/?a|-+|\?+)?\s*$", re.I)


@dataclass(frozen=True)
class Blocker:
    """One thing to change before publishing: where it is, a short name and what to do."""

    path: str
    line: int | None
    short: str  # for the build's one line: "site.toml:5 contact"
    message: str
    review: bool = False  # a summary with no clinical reviewer (else an example setting)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def unreviewed(reviewer: str) -> bool:
    """Whether a summary's reviewer says no clinician has reviewed it."""
    return bool(_UNREVIEWED.search(reviewer))


def settings_blockers(text: str, shown: str = "site.toml") -> list[Blocker]:
    """Settings marked `# TODO` (the starter's examples) and example addresses, by line."""
    found, todo = [], set()
    for line, key, what in parse_todos(text):
        todo.add(line)
        found.append(Blocker(shown, line, f"{shown}:{line} {key}",
                             f"{key} is an example value; {what}, and delete the # TODO "
                             "comment before you publish"))
    for number, raw in enumerate(text.split("\n"), 1):
        setting = _SETTING.match(raw)
        if number in todo or not setting or not _EXAMPLE.search(setting.group(2)):
            continue
        key, value = setting.group(1), setting.group(2)[1:-1]
        found.append(Blocker(shown, number, f"{shown}:{number} {key}",
                             f"{key} is {value!r}, an example address; give the real one "
                             "before you publish"))
    return sorted(found, key=lambda b: b.line or 0)


def parse_todos(text: str) -> list[tuple[int, str, str]]:
    """(line, key, what to do) for each setting marked `# TODO: what to do`."""
    return [(number, found.group(1), found.group(2))
            for number, line in enumerate(text.split("\n"), 1) if (found := init.TODO.match(line))]


def review_blockers(pages: Sequence[Page], project: Project) -> list[Blocker]:
    """Each summary whose reviewer says no clinician has reviewed it."""
    found = []
    for page in sorted(pages, key=lambda p: p.source):
        if page.kind != "summary" or not unreviewed(page.reviewer):
            continue
        shown = project.rel(page.source).as_posix()
        line = page.lines.get("reviewer")
        said = f"reviewer is {page.reviewer!r}" if page.reviewer.strip() else "reviewer is empty"
        found.append(Blocker(shown, line, f"{shown}:{line}" if line else shown,
                             f"{said}, so no clinician has reviewed this summary; have a "
                             "clinician review it, then give their name (and reviewer_role) "
                             "before you publish", review=True))
    return found


def load_blockers(project: Project) -> list[Blocker]:
    """Everything that must change before publishing, read from site.toml and content/."""
    pages = (content.load_pages(project.content_dir, project.rel(project.content_dir))[0]
             if project.content_dir.is_dir() else [])
    return blockers(project, pages)


def blockers(project: Project, pages: Sequence[Page]) -> list[Blocker]:
    """What must change before publishing: site.toml's example settings, unreviewed pages."""
    found = []
    if project.settings_file.is_file():
        text = project.settings_file.read_text(encoding="utf-8", errors="replace")
        found += settings_blockers(text, project.rel(project.settings_file).as_posix())
    return found + review_blockers(pages, project)


def summary_line(blockers: list[Blocker], check: str) -> str | None:
    """The build's one line: what must change before publishing, or None when nothing must."""
    if not blockers:
        return None
    settings = [b.short for b in blockers if not b.review]
    reviews = [b.short for b in blockers if b.review]
    parts = []
    if settings:
        parts.append("example settings " + ", ".join(settings))
    if reviews:
        parts.append("no clinical reviewer in " + ", ".join(reviews))
    return (f"Not ready to publish: {'; '.join(parts)}. Change them before publishing; "
            f"`{check} --publish` says how (note)")


def report(blockers: list[Blocker]) -> list[str]:
    """The lines `check --publish` prints: one per blocker, then the verdict."""
    if not blockers:
        return ["Ready to publish: no example settings, and every summary has a clinical reviewer"]
    return [str(b) for b in blockers] + [
        f"Not ready to publish: {len(blockers)} thing(s) to change first."]
