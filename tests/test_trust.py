"""The trust block: who, when, money, mistakes, changes; and the review-date warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import edit, errors_for
from share_helpers import ALEM, build_files, parse, trusted_project

import build
from evidence_site import pipeline
from evidence_site.errors import BuildError
from evidence_site.records import Project

OVERDUE = ("content/alemtuzumab.md:8: next_review 2027-02-01 has passed (today is 2027-02-02); "
           "review the page, then update last_reviewed and next_review")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The alemtuzumab summary of the trusted fixture, built once."""
    root = trusted_project(tmp_path_factory.mktemp("trust") / "project")
    return build_files(root, today=dt.date(2026, 6, 1))["alemtuzumab/index.html"]


def trust_block(html: str) -> dict[str, str]:
    """The <dt>/<dd> pairs of the trust block, as text."""
    section = next(s for s in parse(html).iter("section") if s.get("class") == "trust")
    terms = ["".join(t.itertext()) for t in section.iter("dt")]
    return dict(zip(terms, ["".join(d.itertext()) for d in section.iter("dd")], strict=True))


def test_trust_block_shows_people_dates_and_money(page: str) -> None:
    assert trust_block(page) == {
        "Written by": "Test Author (test writer)",
        "Reviewed by": "Test Reviewer (test neurologist)",
        "Published": "15 January 2026",
        "Last reviewed": "1 February 2026",
        "Next review due": "1 February 2027",
        "Funding": "Test funding statement.",
        "Conflicts of interest": "Test conflicts statement.",
    }


def test_report_an_error_names_the_page(page: str) -> None:
    """The mailto subject carries the page title and address."""
    [href] = [a.get("href") for a in parse(page).iter("a")
              if "".join(a.itertext()) == "Report an error on this page"]
    assert unquote(href) == ("mailto:corrections@example.org?subject=Error report: Infections in "
                             "the first years after alemtuzumab "
                             "(https://example.org/minimal/alemtuzumab/)")


def test_changelog_newest_first_from_front_matter(page: str) -> None:
    [changelog] = [u for u in parse(page).iter("ul") if u.get("class") == "changelog"]
    assert ["".join(li.itertext()) for li in changelog.iter("li")] == [
        "1 February 2026: Checked the figures <again> & fixed a typo.",
        "15 January 2026: First published."]


def test_no_overdue_note_before_the_review_date(page: str) -> None:
    assert "due for review" not in page


def test_past_review_date_warns_and_shows(fixture_site: Path) -> None:
    """The date comes in from build.py; one day late is a warning and a visible note."""
    site = pipeline.build(Project(fixture_site), today=dt.date(2027, 2, 2))
    assert [str(w) for w in site.warnings] == [OVERDUE]
    html = site.files[Path("alemtuzumab/index.html")]
    assert "This page is due for review." in html


def test_past_review_date_is_an_error_when_strict(fixture_site: Path) -> None:
    with pytest.raises(BuildError) as failure:
        pipeline.build(Project(fixture_site), strict=True, today=dt.date(2027, 2, 2))
    assert [str(e) for e in failure.value.errors] == [OVERDUE]


def test_review_day_itself_is_not_late(fixture_site: Path) -> None:
    site = pipeline.build(Project(fixture_site), today=dt.date(2027, 2, 1))
    assert site.warnings == ()


def test_build_py_passes_date(fixture_site: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    """`build.py --date` is the only source of "today"; --strict turns lateness into failure."""
    args = ["--root", str(fixture_site), "--out", str(tmp_path / "out"), "--date", "2027-02-02"]
    assert build.main(args) == 0
    assert f"{OVERDUE} (warning)" in capsys.readouterr().err
    assert build.main([*args, "--strict"]) == 1


@pytest.mark.parametrize(("entry", "message"), [
    ("- {date: 26 Nov, change: x}", "changelog date is '26 Nov'; write it as YYYY-MM-DD"),
    ("- {date: 2026-01-15}", "each changelog entry needs exactly a date and a change, e.g. "
     "{date: 2026-11-26, change: First published}"),
    ("- {date: 2026-01-15, change: ''}", "changelog change must say in words what changed"),
])
def test_changelog_entry_problems_point_at_the_entry(fixture_site: Path, entry: str,
                                                     message: str) -> None:
    edit(fixture_site, ALEM, "reviewer: Test Reviewer\n",
         f"reviewer: Test Reviewer\nchangelog:\n  {entry}\n")
    assert errors_for(fixture_site) == [f"content/alemtuzumab.md:12: {message}"]
