"""Ready to publish? Example settings and summaries without a clinical reviewer block it."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_site.commands import cli
from evidence_site.publish import ready as publish
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
REVIEW = ("so no clinician has reviewed this summary; have a clinician review it, then give "
          "their name (and reviewer_role) before you publish")


def test_example_addresses_and_todo_settings_are_listed_by_line() -> None:
    text = ('name = "My site"  # TODO: give your site\'s name\n'
            'base_url = "https://example.org/ms/"\n'
            'language = "en-GB"\n'
            'contact = "corrections@example.org"\n'
            'publisher = "Example Trust"\n')
    assert [str(b) for b in publish.settings_blockers(text)] == [
        "site.toml:1: name is an example value; give your site's name, and delete the # TODO "
        "comment before you publish",
        "site.toml:2: base_url is 'https://example.org/ms/', an example address; give the real "
        "one before you publish",
        "site.toml:4: contact is 'corrections@example.org', an example address; give the real "
        "one before you publish",
    ]


@pytest.mark.parametrize(
    ("reviewer", "unreviewed"),
    [("Not yet reviewed by a clinician", True), ("not reviewed", True), ("", True),
     ("None", True), ("TBC", True), ("TODO: ask Dr Smith", True), ("Unreviewed", True),
     ("No clinical review yet", True),
     ("Dr A. Example, consultant neurologist", False), ("Test Reviewer", False)],
)
def test_what_counts_as_unreviewed(reviewer: str, unreviewed: bool) -> None:
    assert publish.unreviewed(reviewer) is unreviewed


def test_the_real_site_is_not_ready_and_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The repository's own site: example.org addresses and three unreviewed summaries."""
    blockers = publish.load_blockers(Project(REPO))
    assert [str(b) for b in blockers] == [
        "site.toml:2: base_url is 'https://example.org/ms-evidence/', an example address; give "
        "the real one before you publish",
        "site.toml:5: contact is 'corrections@example.org', an example address; give the real "
        "one before you publish",
        f"content/alemtuzumab-infections.md:11: reviewer is 'Not yet reviewed by a clinician', "
        f"{REVIEW}",
        f"content/cladribine-infections.md:11: reviewer is 'Not yet reviewed by a clinician', "
        f"{REVIEW}",
        f"content/ocrelizumab-infections.md:12: reviewer is 'Not yet reviewed by a clinician', "
        f"{REVIEW}",
    ]
    assert publish.summary_line(blockers, "python build.py check") == (
        "Not ready to publish: example settings site.toml:2 base_url, site.toml:5 contact; no "
        "clinical reviewer in content/alemtuzumab-infections.md:11, "
        "content/cladribine-infections.md:11, content/ocrelizumab-infections.md:12. Change "
        "them before publishing; `python build.py check --publish` says how (note)"
    )


def test_check_publish_fails_while_anything_is_left(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture's addresses are at example.org; once real, the same check passes."""
    out = fixture_site / "site"
    assert cli.main(["build", "--root", str(fixture_site), "--no-cache"]) == 0
    assert (
        "Not ready to publish: example settings site.toml:2 base_url, site.toml:5 contact. "
        "Change them before publishing; `evidence-site check --publish` says how (note)"
    ) in capsys.readouterr().out.splitlines()
    assert cli.main(["check", "--out", str(out), "--publish", "--root", str(fixture_site)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "Not ready to publish: 2 thing(s) to change first." in err
    settings = fixture_site / "site.toml"
    settings.write_text(settings.read_text().replace("example.org", "ms-evidence.nhs.uk"))
    assert publish.load_blockers(Project(fixture_site)) == []
    assert cli.main(["check", "--out", str(out), "--publish", "--root", str(fixture_site)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Ready to publish: no example settings, and every summary has a clinical reviewer")


def test_an_unreviewed_summary_blocks_publishing(fixture_site: Path) -> None:
    from helpers import edit

    edit(fixture_site, "content/cladribine.md", "reviewer: Test Reviewer", "reviewer: TBC")
    assert [str(b) for b in publish.load_blockers(Project(fixture_site)) if b.review] == [
        f"content/cladribine.md:10: reviewer is 'TBC', {REVIEW}"]
