"""Every problem in one round: problems planted in several files of several kinds all come back
from one build, so a curator never fixes one thing per build."""

from __future__ import annotations

from pathlib import Path

from helpers import edit, errors_for


def test_one_build_reports_problems_in_every_file(fixture_site: Path) -> None:
    """A CSV typo, a bad front matter date, an unknown figure id, a misnamed chart and a
    misspelt template name, each in its own file, are reported together."""
    edit(fixture_site, "data/alemtuzumab-trend.csv", ",58.7,,,percent", ",58.7%,,,percent")
    edit(fixture_site, "content/count-example.md", "published: 2026-03-01",
         "published: 2026-13-01")
    edit(fixture_site, "content/cladribine.md", "\n## ", "\n{{ fig.nope.about }}\n\n## ")
    edit(fixture_site, "content/rate-example.md", "\n## ",
         '\n{{ chart("infection-rates") }}\n\n## ')
    edit(fixture_site, "templates/page.html", "<h1>{{ page.title }}</h1>",
         "<h1>{{ page.titel }}</h1>")
    # alemtuzumab.md, which uses the broken CSV, is not rendered: its figures are not echoed.
    assert errors_for(fixture_site) == [
        "content/cladribine.md:26: no figure 'nope' in this page's datasets (known: clad_any, "
        "clad_zoster, placebo_any, placebo_zoster)",
        "content/count-example.md:7: this date does not exist (month must be in 1..12); write a "
        "real date as YYYY-MM-DD",
        "content/rate-example.md:29: no chart 'infection-rates' in this page's front matter "
        "(known: infection-rate)",
        "data/alemtuzumab-trend.csv:2: value is '58.7%', not a number; write 58.7, without % or "
        "thousands commas",
        "templates/page.html:7: 'evidence_site.records.Page object' has no attribute 'titel'; "
        "check the name in the template",
    ]
