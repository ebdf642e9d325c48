"""One meaning per colour, site-wide: a group's colour comes from its name, on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidence_site import pipeline
from evidence_site.check import contrast
from evidence_site.pipeline import Project
from evidence_site.present import colours
from evidence_site.read import settings

CLADRIBINE = ["Cladribine tablets", "Placebo", "Cladribine 3.5 mg/kg", "Cladribine 5.25 mg/kg"]


def hue(colour: str) -> float:
    import colorsys

    rgba = contrast.parse_colour(colour)
    assert rgba is not None
    return colorsys.rgb_to_hls(*(c / 255 for c in rgba[:3]))[0]


def test_doses_are_shades_of_their_medicines_hue_lighter_for_a_lower_dose() -> None:
    site = colours.site_colours(["Alemtuzumab", "Interferon beta-1a", *CLADRIBINE])
    low, high = site["Cladribine 3.5 mg/kg"], site["Cladribine 5.25 mg/kg"]
    assert len({low, high, site["Cladribine tablets"]}) == 3
    assert hue(low) == pytest.approx(hue(high), abs=0.01)
    assert hue(low) == pytest.approx(hue(site["Cladribine tablets"]), abs=0.01)
    assert colours.ratio(low) < colours.ratio(high)
    assert hue(site["Interferon beta-1a"]) != pytest.approx(hue(low), abs=0.05)


def test_placebo_and_no_treatment_are_grey() -> None:
    site = colours.site_colours(["Drug A", "Placebo", "No treatment", "placebo (dummy)"])
    assert site["Placebo"] == site["No treatment"] == site["placebo (dummy)"] == colours.GREY


def test_every_derived_colour_is_text_contrast_on_white() -> None:
    """Marks need 3:1; the derived colours also label lines, so they keep 4.5:1."""
    site = colours.site_colours([*CLADRIBINE, "A 1 mg", "A 2 mg", "A 3 mg", "A 4 mg", "B", "C",
                                 "D", "E", "F", "G"])
    assert min(colours.ratio(c) for c in site.values()) >= 4.5


def test_medicine_and_dose_are_read_from_the_group_name() -> None:
    assert colours.medicine("Cladribine 3.5 mg/kg") == colours.medicine("Cladribine tablets")
    assert colours.medicine("Interferon beta-1a") == "interferon beta-1a"
    assert colours.medicine("Medicine A") != colours.medicine("Medicine B")
    assert colours.dose("Cladribine 5.25 mg/kg") == 5.25
    assert colours.dose("Interferon beta-1a") is None


def test_the_override_sets_a_group_and_its_medicines_hue() -> None:
    site = colours.site_colours(["Interferon beta-1a", *CLADRIBINE],
                                {"Cladribine tablets": "#8a1c4a", "Interferon beta-1a": "#0b4f9c"})
    assert site["Interferon beta-1a"] == "#0b4f9c"
    assert site["Cladribine tablets"] == "#8a1c4a"
    assert hue(site["Cladribine 3.5 mg/kg"]) == pytest.approx(hue("#8a1c4a"), abs=0.01)


def build_files(root: Path) -> dict[str, str]:
    """The built site's HTML pages by path."""
    return {p.as_posix(): text for p, text in pipeline.build(Project(root)).files.items()
            if p.suffix == ".html" and isinstance(text, str)}


def fills(html: str) -> set[str]:
    """The colours the page's charts fill marks with."""
    return set(re.findall(r'fill="(#[0-9a-f]{6})"', html))


def write_second_page(root: Path) -> None:
    """A second summary that charts the fixture's Alemtuzumab group again, as icons."""
    text = (root / "content/alemtuzumab.md").read_text()
    text = text.replace("slug: alemtuzumab", "slug: alemtuzumab-again", 1)
    (root / "content/alemtuzumab-again.md").write_text(text)


def test_the_same_group_has_the_same_colour_on_two_pages(fixture_site: Path) -> None:
    write_second_page(fixture_site)
    files = build_files(fixture_site)
    one, two = files["alemtuzumab/index.html"], files["alemtuzumab-again/index.html"]
    assert {"#1d4e89", "#a3471d"} <= fills(one) and fills(one) == fills(two)
    clad = fills(files["cladribine/index.html"])
    assert colours.GREY in clad and not {"#1d4e89", "#a3471d"} & clad


def test_the_override_reaches_every_chart(fixture_site: Path) -> None:
    with (fixture_site / "site.toml").open("a") as f:
        f.write('\n[colours]\n"Alemtuzumab" = "#8a1c4a"\n')
    files = build_files(fixture_site)
    page = fills(files["alemtuzumab/index.html"])
    assert "#8a1c4a" in page and "#1d4e89" not in page


SITE = ('name = "S"\nbase_url = "https://example.org/"\nlanguage = "en"\npublisher = "P"\n'
        'contact = "a@example.org"\n')


def test_bad_overrides_are_reported_at_their_lines() -> None:
    text = SITE + '\n[colours]\n"Placebo" = "grey"\n"Drug A" = "#dddddd"\nDrug_B = 5\n'
    assert settings.parse_settings(text, Path("site.toml"))[1] == [
        settings.SourceError(Path("site.toml"), 8, "the colour for 'Placebo' is 'grey'; give a "
                             'hex colour in quotes, e.g. "Placebo" = "#a3471d"'),
        settings.SourceError(Path("site.toml"), 9, "the colour for 'Drug A' (#dddddd) has "
                             "contrast 1.4:1 on white; chart marks need at least 3:1, so choose "
                             "a darker colour"),
        settings.SourceError(Path("site.toml"), 10, "the colour for 'Drug_B' is 5; give a hex "
                             'colour in quotes, e.g. "Drug_B" = "#a3471d"'),
    ]


def test_colours_that_is_not_a_table() -> None:
    text = SITE + 'colours = "blue"\n'
    assert settings.parse_settings(text, Path("site.toml"))[1] == [
        settings.SourceError(Path("site.toml"), 6, 'colours must be a table: [colours] and '
                             'lines such as "Interferon beta-1a" = "#a3471d"'),
    ]


def test_a_good_override_is_kept() -> None:
    text = SITE + '\n[colours]\n"Interferon beta-1a" = "#a3471d"\n'
    site, errors = settings.parse_settings(text, Path("site.toml"))
    assert errors == [] and site is not None
    assert site.colours == (("Interferon beta-1a", "#a3471d"),)
