"""`evidence-site init DIR`, and a site's own templates/ and static/ over the default theme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence_site import pipeline, theme
from evidence_site.commands import cli, init
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 3, 1)
# The build lists what must change before publishing in one line (`check --publish` says how).
NOTE = (
    "Not ready to publish: example settings site.toml:3 name, site.toml:4 base_url, "
    "site.toml:6 publisher, site.toml:7 contact, site.toml:9 description, site.toml:10 funding, "
    "site.toml:11 conflicts; no clinical reviewer in content/alemtuzumab-infections.md:10. "
    "Change them before publishing; `evidence-site check --publish` says how (note)"
)


@pytest.fixture
def new_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A site made by `evidence-site init`, dated DAY."""
    root = tmp_path / "my-site"
    assert cli.main(["init", str(root), "--date", DAY.isoformat()]) == 0
    assert capsys.readouterr().out == (
        f"Created {root}/ with site.toml, content/ (an about page and an example summary), data/ "
        "(its source, figures, sidecar and glossary), and templates/ and static/ for your own "
        "overrides of the default theme.\n"
        f"Next: cd {root}, then `evidence-site serve` to preview it, or "
        "`evidence-site build --strict`.\n"
        "Before you publish, replace the 7 example settings in site.toml (the build lists those "
        "left).\n")
    return root


def test_init_makes_a_site_that_builds_strictly_and_lists_its_placeholders(
    new_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No theme is copied; the strict build passes and names each example setting."""
    assert sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()) \
        == ["content/about.md", "content/alemtuzumab-infections.md",
            "data/alemtuzumab-infections.csv", "data/alemtuzumab-infections.meta.toml",
            "data/glossary.csv", "data/sources.csv", "site.toml", "static/README.md",
            "templates/README.md"]
    code = cli.main(["build", "--root", str(new_site), "--strict", "--date", "2026-03-02",
                     "--no-cache"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert NOTE in out.splitlines()
    assert out.splitlines()[-1].startswith(f"Built {new_site}/site/: 7 pages, 1 chart rendered, "
                                           "0 reused, 0 warnings, ")
    summary = (new_site / "site" / "alemtuzumab-infections" / "index.html").read_text()
    assert "Infections in the years after alemtuzumab" in summary
    assert not (new_site / "site" / "static" / "README.md").exists()
    assert (new_site / "site" / "static" / "style.css").read_bytes() == \
        (theme.STATIC / "style.css").read_bytes()
    assert cli.main(["check", "--out", str(new_site / "site")]) == 0


def test_init_dates_the_summary_and_stamps_its_data(new_site: Path) -> None:
    """The example is published on the day of init and due for review a year later."""
    text = (new_site / "content" / "alemtuzumab-infections.md").read_text(encoding="utf-8")
    assert "published: 2026-03-01\nlast_reviewed: 2026-03-01\nnext_review: 2027-03-01\n" in text
    sidecar = (new_site / "data" / "alemtuzumab-infections.meta.toml").read_text()
    assert "checked = 2026-03-01\n" in sidecar


def test_example_figures_are_quoted_from_the_evidence_file() -> None:
    """Every example quote is word for word in S1 of shared/EVIDENCE.md."""
    evidence = REPO.parent / "shared" / "EVIDENCE.md"  # CI lays shared/ beside the clone
    text = " ".join(evidence.read_text(encoding="utf-8").split())
    rows = init.load_starter()[init.PurePosixPath("data", f"{init.SLUG}.csv")].splitlines()[1:]
    for row in rows:
        quote = row.rsplit(',"', 1)[1].rstrip('"')
        value = row.split(",")[4]
        assert quote in text and f"{value}%" in quote


def test_init_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """init never mixes its files into an existing site."""
    (tmp_path / "site.toml").write_text("name = 'x'\n")
    assert cli.main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"{tmp_path}/: already has site.toml; choose a new or "
                                       "empty folder\n")


def test_repository_override_notes_are_the_ones_init_writes() -> None:
    """templates/README.md and static/README.md say the same here and in a new site."""
    starter = init.load_starter()
    for folder in ("templates", "static"):
        note = (REPO / folder / theme.OVERRIDES_NOTE).read_text(encoding="utf-8")
        assert note == starter[init.PurePosixPath(folder, theme.OVERRIDES_NOTE)]


def test_a_site_file_overrides_the_theme_file_of_the_same_name(new_site: Path) -> None:
    """One template and one stylesheet of the site's own replace the theme's."""
    base = (theme.TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert "</body>" in base
    (new_site / "templates" / "base.html").write_text(
        base.replace("</body>", "<p>Our own footer</p></body>"), encoding="utf-8")
    (new_site / "static" / "style.css").write_text("body { color: #111; }\n", encoding="utf-8")
    (new_site / "static" / "extra.txt").write_text("ours\n", encoding="utf-8")
    files = pipeline.build(Project(new_site)).files
    about = files[pipeline.PurePosixPath("about", "index.html")]
    about = about if isinstance(about, str) else about.decode()
    assert "<p>Our own footer</p>" in about
    assert "<style>body{color:#111}@media print{@page{size:A4;" in about  # pages inline it
    assert files[pipeline.PurePosixPath("static", "style.css")] == b"body { color: #111; }\n"
    assert files[pipeline.PurePosixPath("static", "print.css")] == \
        (theme.STATIC / "print.css").read_bytes()
    assert files[pipeline.PurePosixPath("static", "extra.txt")] == b"ours\n"
    assert pipeline.PurePosixPath("static", "README.md") not in files
