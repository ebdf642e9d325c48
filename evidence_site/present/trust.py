"""The trust block of a summary: who wrote and reviewed it, when, money, mistakes, changes. Pure.

"Today" always comes in from build.py (--date), so a page's output never depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from evidence_site.errors import SourceError
from evidence_site.records import Change, Page, Settings


@dataclass(frozen=True)
class Trust:
    """What a summary shows about itself so a reader can judge it."""

    author: str
    author_role: str
    reviewer: str
    reviewer_role: str
    published: dt.date | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    overdue: bool
    funding: str
    conflicts: str
    report_href: str
    changelog: tuple[Change, ...]


def report_href(site: Settings, title: str, url: str) -> str:
    """A mailto link whose subject names the page, so a report says where the mistake is."""
    subject = quote(f"Error report: {title} ({url})", safe="")
    return f"mailto:{site.contact}?subject={subject}"


def is_overdue(page: Page, today: dt.date | None) -> bool:
    """Whether the page is past its next review date (never, if no date was given)."""
    return bool(today and page.next_review and today > page.next_review)


def make_trust(site: Settings, page: Page, url: str, today: dt.date | None) -> Trust:
    """Everything the trust block shows for one summary."""
    missing = "No {} statement has been published for this site yet."
    return Trust(
        author=page.author, author_role=page.author_role, reviewer=page.reviewer,
        reviewer_role=page.reviewer_role, published=page.published,
        last_reviewed=page.last_reviewed, next_review=page.next_review,
        overdue=is_overdue(page, today),
        funding=site.funding or missing.format("funding"),
        conflicts=site.conflicts or missing.format("conflicts-of-interest"),
        report_href=report_href(site, page.title, url), changelog=page.changelog,
    )


def review_warnings(pages: Sequence[Page], today: dt.date | None) -> list[SourceError]:
    """One warning per summary past its next_review date (an error under --strict)."""
    return [SourceError(p.source, p.lines.get("next_review"),
                        f"next_review {p.next_review} has passed (today is {today}); review the "
                        "page, then update last_reviewed and next_review")
            for p in pages if p.kind == "summary" and is_overdue(p, today)]
