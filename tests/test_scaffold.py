"""`python build.py new SLUG`: a new summary is refused with clear messages until filled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

from helpers import errors_for

import build
from evidence_site import pipeline
from evidence_site.commands import stamp
from evidence_site.read import data
from evidence_site.records import Project

SLUG = "new-summary"
FILLED = {
    '"TODO: a takeaway title in plain words, e.g. Infection risk drops with time"':
        "Infections in a test trial",
    '"TODO: one plain sentence saying what the study found"': "What a test trial found.",
    "published: TODO": "published: 2026-01-01",
    "last_reviewed: TODO": "last_reviewed: 2026-01-01",
    "next_review: TODO": "next_review: 2027-01-01",
    '"TODO: who wrote this summary"': "Test Author",
    '"TODO: who reviewed it, or: Not yet reviewed by a clinician"': "Test Reviewer",
    '"TODO: first key message; take numbers from data, e.g. {{ fig.ID.about }} people"':
        '"With the test drug, {{ fig.t_y1.about }} people had an infection in year 1."',
    '"TODO: second key message (give 2 or 3)"':
        '"With placebo, {{ fig.p_y1.about }} people had an infection in year 1."',
    '"TODO: the measure column of the rows to draw, e.g. any_infection"': "any_infection",
    '"TODO: what happened, e.g. had an infection"': "had an infection",
    '"TODO: the chart\'s takeaway, e.g. Fewer people had infections each year"':
        "Infections with the test drug and placebo",
    "level: TODO": "level: moderate",
    "\"TODO: how sure we are, with 'probably' or 'may', and the numbers\"":
        "Infections were probably more common with the test drug.",
}
# Made-up figures for a made-up trial: this project exists only inside the test's tmp_path.
ROWS = (
    't_y1,any_infection,Test drug,Year 1,30.5,,,percent,people,,{slug},Table 1,'
    '"Infections in year 1: 30.5% with the test drug."\n'
    'p_y1,any_infection,Placebo,Year 1,20.5,,,percent,people,,{slug},Table 1,'
    '"Infections in year 1: 20.5% with placebo."\n'
)


def test_new_creates_files_that_fail_with_line_numbers(fixture_site: Path, capsys):
    """The scaffold names each thing to fill in, at its file and line."""
    assert build.main(["new", SLUG, "--root", str(fixture_site)]) == 0
    printed = capsys.readouterr().out
    assert f"content/{SLUG}.md:2: replace the placeholder 'TODO: a takeaway title" in printed
    content = fixture_site / "content" / f"{SLUG}.md"
    assert "## Who was studied" in content.read_text(encoding="utf-8")
    assert (fixture_site / "data" / f"{SLUG}.csv").read_text() == ",".join(data.STARTER) + "\n"
    errors = errors_for(fixture_site)
    assert f"content/{SLUG}.md:6: published is 'TODO'; write a date as YYYY-MM-DD" in errors
    assert f"content/{SLUG}.md:40: replace the placeholder 'TODO: who took part, how many, " \
           "in which trials, and for h...' with your own text" in errors
    stub = len((fixture_site / "data" / "sources.csv").read_text().splitlines())
    assert f"data/sources.csv:{stub}: 'citation' is empty; fill it in" in errors
    assert [e for e in errors if e.startswith(f"data/{SLUG}.meta.toml: is missing;")]


def test_new_refuses_to_overwrite_or_take_a_bad_slug(fixture_site: Path, capsys):
    """An existing summary is never replaced; a slug must be a web address part."""
    before = (fixture_site / "content" / "cladribine.md").read_text()
    assert build.main(["new", "cladribine", "--root", str(fixture_site)]) == 1
    assert (fixture_site / "content" / "cladribine.md").read_text() == before
    assert build.main(["new", "Bad Slug", "--root", str(fixture_site)]) == 2
    assert "already exists; choose another slug" in capsys.readouterr().err


def test_filled_in_scaffold_builds(fixture_site: Path):
    """Once every TODO is replaced, a row per figure added and the data stamped, it builds."""
    assert build.main(["new", SLUG, "--root", str(fixture_site)]) == 0
    content = fixture_site / "content" / f"{SLUG}.md"
    text = content.read_text(encoding="utf-8")
    for old, new in FILLED.items():
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"TODO[^\"\n]*", "Plain words about the test trial.", text)
    content.write_text(text, encoding="utf-8")
    csv = fixture_site / "data" / f"{SLUG}.csv"
    csv.write_text(csv.read_text() + ROWS.format(slug=SLUG), encoding="utf-8")
    sources = fixture_site / "data" / "sources.csv"
    sources.write_text(sources.read_text().replace(
        f"{SLUG},,,,,,,", f"{SLUG},Test 2026,A test trial,,Test Journal,2026-01-01,,"
        "https://example.org/test"), encoding="utf-8")
    sidecar, _ = stamp.stamped(None, data.sha256(csv.read_bytes()), dt.date(2026, 1, 1),
                               "Test dataset", "Test Curator")
    csv.with_suffix(".meta.toml").write_text(sidecar, encoding="utf-8")
    site = pipeline.build(Project(fixture_site))
    page = site.files[PurePosixPath(SLUG, "index.html")]
    assert isinstance(page, str)
    assert "Infections in a test trial" in page and "<svg" in page
