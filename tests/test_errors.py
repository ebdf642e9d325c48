"""One test per message a curator can see: each makes one small edit and asserts the whole list."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from helpers import edit, errors_for, warnings_for

from evidence_site import pipeline
from evidence_site.records import Project

TREND = "data/alemtuzumab-trend.csv"
BARS = "data/cladribine-infections.csv"
ALEM = "content/alemtuzumab.md"
CLAD = "content/cladribine.md"
NEEDS = (
    "a dataset's header needs id,measure,group,period,value,scale,unit,source,locator,quote (in "
    "any order) and may add: value_high, relation, n_people, ci_low, ci_high, ci_level, per, "
    "compares, period_quote"
)
KNOWN = (
    "id, measure, group, period, value, value_high, relation, scale, unit, n_people, ci_low, "
    "ci_high, ci_level, per, compares, source, locator, quote, period_quote"
)


# data/*.csv: one row per figure


def test_value_that_is_not_a_number(fixture_site: Path) -> None:
    """A percent sign typed into the value cell is named, with the fix."""
    edit(fixture_site, TREND, ",58.7,,,percent", ",58.7%,,,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: value is '58.7%', not a number; write 58.7, without % "
        "or thousands commas"
    ]


def test_value_in_words(fixture_site: Path) -> None:
    """A value written in words gets an example of a plain number."""
    edit(fixture_site, TREND, ",58.7,,,percent", ",about half,,,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: value is 'about half', not a number; write a plain number "
        "such as 58.7 (leave value_high empty if there is no range)"
    ]


def test_percentage_outside_0_to_100(fixture_site: Path) -> None:
    """A percentage above 100 cannot be a share of people."""
    edit(fixture_site, TREND, ",52.6,,,percent", ",152.6,,,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:3: value 152.6 is outside 0 to 100 for a percent"
    ]


def test_negative_count(fixture_site: Path) -> None:
    """A count below zero is refused."""
    edit(fixture_site, BARS, ",2.3,,,percent,people,,", ",-20,,,count,people,870,")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:4: the quote does not contain the n_people '870'; copy "
        "the sentence from the source exactly",
        "data/cladribine-infections.csv:4: value -20 is below 0",
    ]


def test_unknown_scale(fixture_site: Path) -> None:
    """The scale must be one the rounding rule knows."""
    edit(fixture_site, TREND, ",46.6,,,percent", ",46.6,,,percentage")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:4: scale is 'percentage'; use one of: percent, per_100, "
        "per_1000, per_10000, count, rate, risk_ratio, odds_ratio, hazard_ratio"
    ]


def test_unknown_relation(fixture_site: Path) -> None:
    """Only '>' and '<' qualify a value."""
    edit(fixture_site, TREND, ",46.6,,,percent", ",46.6,,~,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:4: relation is '~'; leave it empty or use one of: >, <"
    ]


def test_high_end_below_low_end(fixture_site: Path) -> None:
    """A range must run from low to high."""
    edit(fixture_site, TREND, ",1.0,1.9,", ",1.9,1.0,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:7: value_high 1.0 is below value 1.9"
    ]


def test_unknown_source(fixture_site: Path) -> None:
    """Every figure's source must be a row of data/sources.csv."""
    edit(fixture_site, TREND, "people,,S1,", "people,,S9,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: unknown source 'S9'; add it to data/sources.csv "
        "(known: S1, S5, X1)"
    ]


def test_duplicate_figure(fixture_site: Path) -> None:
    """The same measure, group and period twice is one figure too many."""
    edit(
        fixture_site,
        TREND,
        "alem_y2,any_infection,Alemtuzumab,Year 2",
        "alem_y2,any_infection,Alemtuzumab,Year 1",
    )
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:3: duplicate figure: any_infection / Alemtuzumab / Year 1 "
        "is already on line 2"
    ]


def test_duplicate_figure_id(fixture_site: Path) -> None:
    """Prose cites figures by id, so an id may be used once."""
    edit(fixture_site, TREND, "alem_y2,", "alem_y1,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:3: figure id 'alem_y1' is used twice (first on line 2); "
        "give each figure its own id"
    ]


def test_figure_id_with_a_hyphen(fixture_site: Path) -> None:
    """An id must work as {{ fig.ID.about }}."""
    edit(fixture_site, TREND, "alem_y3,", "alem-y3,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:4: id 'alem-y3' may use only letters, digits and _ "
        "(it is used in prose as {{ fig.ID.about }})"
    ]


def test_missing_column(fixture_site: Path) -> None:
    """A renamed header column is reported once, with the header to copy."""
    edit(fixture_site, TREND, ",scale,", ",scales,")
    assert errors_for(fixture_site) == [
        f"data/alemtuzumab-trend.csv:1: missing column(s): scale; {NEEDS}",
        "data/alemtuzumab-trend.csv:1: unknown column 'scales' (did you mean 'scale'?); the "
        f"columns a dataset may have are: {KNOWN}",
    ]


def test_empty_required_cell(fixture_site: Path) -> None:
    """A figure without its locator is refused."""
    edit(fixture_site, TREND, '"Abstract, Results"', '""')
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: 'locator' is empty; fill it in"
    ]


def test_quote_that_does_not_contain_the_value(fixture_site: Path) -> None:
    """A value mistyped from its quote is caught at its own line."""
    edit(fixture_site, TREND, ",52.6,,,percent", ",52.7,,,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:3: the quote does not contain the value '52.7'; "
        "copy the sentence from the source exactly"
    ]


def test_quote_that_does_not_contain_the_high_value(fixture_site: Path) -> None:
    """Both ends of a range must appear in the quote."""
    edit(fixture_site, TREND, ",1.0,1.9,", ",1.0,2.9,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:7: the quote does not contain the value_high '2.9'; "
        "copy the sentence from the source exactly"
    ]


def test_blank_line_keeps_line_numbers_true(fixture_site: Path) -> None:
    """A blank line is an error at its own line, and later lines keep their numbers."""
    edit(fixture_site, TREND, "\nifn_y1", "\n\nifn_y1")
    edit(fixture_site, TREND, ",37.7,,,percent", ",37.7,,,percents")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:5: empty row; delete it",
        "data/alemtuzumab-trend.csv:7: scale is 'percents'; use one of: percent, per_100, "
        "per_1000, per_10000, count, rate, risk_ratio, odds_ratio, hazard_ratio",
    ]


def test_people_that_is_not_a_whole_number(fixture_site: Path) -> None:
    """n_people is a whole number or empty, never a guess in words."""
    edit(fixture_site, TREND, "people,,S1", "people,many,S1")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: n_people is 'many'; give a whole number of people, "
        "or leave it empty if the source does not report it"
    ]


def test_count_without_people(fixture_site: Path) -> None:
    """A count cannot be put out of 100 without its number of people."""
    edit(fixture_site, BARS, ",2.3,,,percent,", ",20,,,count,")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:4: a count needs n_people "
        "(the number of people it is out of)"
    ]


def test_line_break_inside_a_cell(fixture_site: Path) -> None:
    """A quoted line break would shift every line number after it, so it is refused."""
    edit(fixture_site, TREND, '"Serious infections were', '"Serious\ninfections were')
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv: a cell contains a line break; keep each figure on one line "
        "so line numbers stay true"
    ]


def test_row_with_an_unquoted_comma(fixture_site: Path) -> None:
    """A comma in unquoted text makes an extra cell; the row is named instead of misread."""
    edit(fixture_site, BARS, ',"Abstract, Results",', ",Abstract, Results,")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:2: this row has 15 cells but the header has 14; put "
        "text that contains a comma in double quotes"
    ]


def test_empty_csv(fixture_site: Path) -> None:
    """An empty file gets the header it needs, not a crash."""
    (fixture_site / BARS).write_text("", encoding="utf-8")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:1: missing column(s): id, measure, group, period, value, "
        f"scale, unit, source, locator, quote; {NEEDS}"
    ]


def test_csv_saved_by_excel_with_a_byte_order_mark(fixture_site: Path) -> None:
    """Excel's "CSV UTF-8" starts with a byte-order mark; it builds (and asks for a re-stamp)."""
    path = fixture_site / BARS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert warnings_for(fixture_site) == [CHANGED]


def test_csv_that_is_not_utf8(fixture_site: Path) -> None:
    """A CSV saved in a legacy encoding is named, with how to save it."""
    path = fixture_site / BARS
    path.write_bytes(path.read_bytes().replace(b"Placebo", "Placébo".encode("latin-1")))
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:3: not UTF-8 (byte 0xe9 after "
        "'placebo_any,any_infection,Plac'); save the file as UTF-8 (in Excel: Save As, 'CSV UTF-8')"
    ]


def test_every_problem_is_reported_at_once(fixture_site: Path) -> None:
    """Problems in several files come back together, sorted by file and line."""
    edit(fixture_site, BARS, ",42.5,,,percent", ",42.5%,,,percent")
    edit(fixture_site, TREND, ",58.7,,,percent", ",158.7,,,percent")
    edit(fixture_site, TREND, "people,,S1,", "people,,S9,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: unknown source 'S9'; add it to data/sources.csv "
        "(known: S1, S5, X1)",
        "data/alemtuzumab-trend.csv:2: value 158.7 is outside 0 to 100 for a percent",
        "data/cladribine-infections.csv:3: value is '42.5%', not a number; write 42.5, "
        "without % or thousands commas",
    ]


# data/sources.csv


def test_sources_file_missing(fixture_site: Path) -> None:
    """Without sources.csv, the build says what it must hold (and no row repeats it)."""
    (fixture_site / "data" / "sources.csv").unlink()
    assert errors_for(fixture_site) == [
        "data/sources.csv: file is missing; every figure must name a source listed here "
        "(columns: id, short, citation, authors, journal, published, doi, url)"
    ]


def test_sources_missing_column(fixture_site: Path) -> None:
    """A renamed column in sources.csv is one message, not one per figure citing it."""
    edit(fixture_site, "data/sources.csv", "id,short,", "id,shorts,")
    assert errors_for(fixture_site) == [
        "data/sources.csv:1: missing column(s): short; the header must be: "
        "id,short,citation,authors,journal,published,doi,url"
    ]


def test_source_with_an_empty_cell(fixture_site: Path) -> None:
    """A source without its journal is refused at its line."""
    edit(fixture_site, "data/sources.csv", ",Multiple Sclerosis Journal,2011", ",,2011")
    assert errors_for(fixture_site) == ["data/sources.csv:3: 'journal' is empty; fill it in"]


def test_source_without_doi_or_url(fixture_site: Path) -> None:
    """A source whose DOI was not seen is cited in full, never given a guessed link."""
    edit(
        fixture_site,
        "data/sources.csv",
        ",10.1177/1352458510391344,https://pubmed.ncbi.nlm.nih.gov/21228029/",
        ",,",
    )
    site = pipeline.build(Project(fixture_site))
    assert [str(w) for w in site.warnings] == []
    html = site.files[PurePosixPath("cladribine/index.html")]
    assert "No link: we did not see a DOI for this source." in html


def test_source_listed_twice(fixture_site: Path) -> None:
    """One row per source."""
    path = fixture_site / "data" / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    assert errors_for(fixture_site) == [
        "data/sources.csv:5: source id 'S1' is listed twice (first on line 2); "
        "give each source one row"
    ]


# data/*.meta.toml: the sidecar that records when the figures were checked


def test_sidecar_missing(fixture_site: Path) -> None:
    """A dataset nobody has checked cannot be published; the message gives the command."""
    (fixture_site / "data" / "cladribine-infections.meta.toml").unlink()
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.meta.toml: is missing; every dataset needs a sidecar with "
        "title, curated_by, checked, sha256. After checking the figures against the source, "
        "run: python build.py stamp data/cladribine-infections.csv --title 'TITLE' "
        "--curator 'NAME'"
    ]


def test_sidecar_key_missing(fixture_site: Path) -> None:
    """Each sidecar names its curator."""
    edit(fixture_site, "data/cladribine-infections.meta.toml", "curated_by", "curator")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.meta.toml: 'curated_by' is missing; add curated_by = ..."
    ]


def test_sidecar_date_in_quotes(fixture_site: Path) -> None:
    """A quoted date is a string in TOML; the message shows how to write it."""
    edit(
        fixture_site,
        "data/cladribine-infections.meta.toml",
        "checked = 2026-03-01",
        'checked = "2026-03-01"',
    )
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.meta.toml: checked is '2026-03-01'; write a date without "
        "quotes, e.g. checked = 2026-11-26"
    ]


def test_sidecar_not_toml(fixture_site: Path) -> None:
    """A typo in the sidecar is reported at its line."""
    edit(fixture_site, "data/cladribine-infections.meta.toml", "checked = ", "checked == ")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.meta.toml:3: is not valid TOML: Invalid value "
        "(at line 3, column 10)"
    ]


CHANGED = (
    "data/cladribine-infections.csv: changed since its figures were checked on 2026-03-01; "
    "check every changed figure against its source, then run: "
    "python build.py stamp data/cladribine-infections.csv"
)


def test_csv_changed_since_stamped_is_a_warning(fixture_site: Path) -> None:
    """Editing a CSV after it was checked warns, and says how to re-stamp it."""
    edit(fixture_site, BARS, "Placebo,Over 96 weeks,42.5", "Placebo,Over 96 weeks,42.5 ")
    assert warnings_for(fixture_site) == [CHANGED]


def test_csv_changed_since_stamped_is_an_error_when_strict(fixture_site: Path) -> None:
    """Under --strict the same message stops the build."""
    edit(fixture_site, BARS, "Placebo,Over 96 weeks,42.5", "Placebo,Over 96 weeks,42.5 ")
    assert errors_for(fixture_site, strict=True) == [CHANGED]


# content/*.md: front matter


def test_no_front_matter(fixture_site: Path) -> None:
    """A page must start with its front matter."""
    edit(fixture_site, CLAD, "---\ntitle", "title")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:1: expected front matter: the first line must be '---'"
    ]


def test_front_matter_not_closed(fixture_site: Path) -> None:
    """A missing closing '---' is named."""
    edit(fixture_site, "content/about.md", "checked.\n---\n", "checked.\n")
    assert errors_for(fixture_site) == [
        "content/about.md:1: front matter is not closed: add a line '---' after it"
    ]


def test_front_matter_not_yaml(fixture_site: Path) -> None:
    """A YAML mistake points at its own line."""
    edit(fixture_site, CLAD, "slug: cladribine", "slug: [cladribine")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:4: front matter is not valid YAML: expected ',' or ']', but got ':'"
    ]


def test_front_matter_missing_title(fixture_site: Path) -> None:
    """Every page needs a title."""
    edit(fixture_site, CLAD, "title: Infections with cladribine tablets in the CLARITY trial\n", "")
    assert errors_for(fixture_site) == ["content/cladribine.md:1: front matter is missing 'title'"]


def test_front_matter_unknown_key(fixture_site: Path) -> None:
    """A misspelt key is reported at its line, with the keys that exist."""
    edit(fixture_site, CLAD, "slug: cladribine\n", "slug: cladribine\nsulg: x\n")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:4: unknown key 'sulg'; known keys: title, slug, description, "
        "datasets, published, last_reviewed, next_review, author, reviewer, key_messages, kind, "
        "charts, order, denominator, fact_box, certainty, unknowns, methods, findings, "
        "author_role, reviewer_role, "
        "changelog, card, condition, drugs, answer, scope"
    ]


def test_front_matter_date_not_iso(fixture_site: Path) -> None:
    """Dates are written YYYY-MM-DD."""
    edit(fixture_site, CLAD, "published: 2026-03-01", "published: 1 March 2026")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:6: published is '1 March 2026'; write a date as YYYY-MM-DD"
    ]


def test_front_matter_date_not_in_calendar(fixture_site: Path) -> None:
    """A date YAML reads but the calendar refuses is reported at its line, not as a crash."""
    edit(fixture_site, CLAD, "published: 2026-03-01", "published: 2026-13-01")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:6: this date does not exist (month must be in 1..12); write a "
        "real date as YYYY-MM-DD"
    ]


def test_front_matter_order_not_a_number(fixture_site: Path) -> None:
    """order sorts pages, so it is a whole number."""
    edit(fixture_site, "content/about.md", "order: 1", "order: first")
    assert errors_for(fixture_site) == [
        "content/about.md:5: order is 'first'; give a whole number (lower comes first)"
    ]


def test_front_matter_title_that_is_a_list(fixture_site: Path) -> None:
    """A title in brackets is a YAML list; the page would show its Python form."""
    edit(
        fixture_site,
        CLAD,
        "title: Infections with cladribine tablets in the CLARITY trial",
        "title: [Infections, cladribine]",
    )
    assert errors_for(fixture_site) == [
        "content/cladribine.md:2: title must be one line of text, not a list or a set of keys"
    ]


def test_chart_title_that_is_a_list(fixture_site: Path) -> None:
    """Chart keys are text too."""
    edit(
        fixture_site,
        CLAD,
        "    title: More people had an infection with cladribine tablets",
        "    title: [a, b]",
    )
    assert errors_for(fixture_site) == [
        "content/cladribine.md:15: chart 'any-infection': title must be one line of text"
    ]


def test_front_matter_bad_slug(fixture_site: Path) -> None:
    """The slug becomes the address, so it must be lower-case with hyphens."""
    edit(fixture_site, CLAD, "slug: cladribine", "slug: Cladribine Tablets")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:3: slug is 'Cladribine Tablets'; use lower-case letters, digits "
        "and hyphens, e.g. alemtuzumab-infections"
    ]


def test_front_matter_slug_used_twice(fixture_site: Path) -> None:
    """Two pages cannot share an address."""
    edit(fixture_site, CLAD, "slug: cladribine", "slug: alemtuzumab")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:3: slug 'alemtuzumab' is already used by content/alemtuzumab.md"
    ]


def test_front_matter_unknown_dataset(fixture_site: Path) -> None:
    """A dataset name must match a file in data/ (the chart that used it is named too)."""
    edit(fixture_site, CLAD, "datasets: [cladribine-infections]", "datasets: [cladribine]")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:5: unknown dataset 'cladribine'; expected data/cladribine.csv "
        "(known: alemtuzumab-trend, cladribine-infections, infection-rate, rare-harm, "
        "shingles-count)",
        "content/cladribine.md:15: chart 'any-infection' uses dataset 'cladribine-infections', "
        "which is not in this page's datasets",
    ]


def test_same_figure_id_in_two_datasets_of_one_page(fixture_site: Path) -> None:
    """Prose names figures by id alone, so one page cannot see two figures with one id."""
    edit(
        fixture_site,
        CLAD,
        "datasets: [cladribine-infections]",
        "datasets: [cladribine-infections, alemtuzumab-trend]",
    )
    edit(fixture_site, TREND, "serious,", "clad_any,")
    # The renamed figure's own page is rendered in the same round and misses its old id.
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:34: no figure 'serious' in this page's datasets (known: alem_y1, "
        "alem_y2, alem_y3, clad_any, ifn_y1, ifn_y2)",
        "content/cladribine.md:5: figure id 'clad_any' is in both "
        "data/cladribine-infections.csv and data/alemtuzumab-trend.csv; rename one so prose can "
        "tell them apart"
    ]


def test_front_matter_one_key_message(fixture_site: Path) -> None:
    """A summary opens with two or three key messages."""
    edit(fixture_site, ALEM, '  - "By the third year, it was {{ fig.alem_y3.about }}."\n', "")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:11: there is 1 key message; give 2 or 3"
    ]


def test_front_matter_unknown_kind(fixture_site: Path) -> None:
    """A page is a summary or a plain page."""
    edit(fixture_site, "content/about.md", "kind: page", "kind: article")
    assert errors_for(fixture_site) == [
        "content/about.md:4: kind is 'article'; use one of: summary, page"
    ]


def test_chart_missing_measure(fixture_site: Path) -> None:
    """A chart must say which figures it draws."""
    edit(fixture_site, CLAD, "    measure: any_infection\n", "")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:15: chart 'any-infection' is missing 'measure'"
    ]


def test_chart_unknown_kind(fixture_site: Path) -> None:
    """Only the chart kinds the code can draw."""
    edit(fixture_site, CLAD, "kind: bars", "kind: pie")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:15: chart 'any-infection' has kind 'pie'; use one of: trend, bars, "
        "icons"
    ]


def test_chart_measure_with_no_figures(fixture_site: Path) -> None:
    """A chart over a measure the dataset does not have would be empty."""
    edit(fixture_site, CLAD, "measure: any_infection", "measure: infections")
    assert errors_for(fixture_site) == [
        "content/cladribine.md:15: chart 'any-infection': no figures with measure 'infections' "
        "in data/cladribine-infections.csv"
    ]


# content/*.md: the body, rendered with Jinja before Markdown


def test_unknown_figure_in_prose(fixture_site: Path) -> None:
    """A mistyped figure id points at the line of the body it is on."""
    edit(fixture_site, ALEM, "{{ fig.alem_y2.period }}", "{{ fig.alem_y9.period }}")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:31: no figure 'alem_y9' in this page's datasets "
        "(known: alem_y1, alem_y2, alem_y3, ifn_y1, ifn_y2, serious)"
    ]


def test_unknown_figure_in_key_message(fixture_site: Path) -> None:
    """A key message is checked like the body, at its own line."""
    edit(fixture_site, ALEM, "fig.alem_y3.about", "fig.alem_y4.about")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:13: no figure 'alem_y4' in this page's datasets "
        "(known: alem_y1, alem_y2, alem_y3, ifn_y1, ifn_y2, serious)"
    ]


def test_unknown_figure_field_in_prose(fixture_site: Path) -> None:
    """A misspelt field names the fields prose can use."""
    edit(fixture_site, ALEM, "{{ fig.alem_y2.period }}", "{{ fig.alem_y2.perod }}")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:31: figure 'alem_y2' has no 'perod'; use fig.alem_y2.about, "
        "fig.alem_y2.others, fig.alem_y2.interval, fig.alem_y2.exact, fig.alem_y2.percent, "
        "fig.alem_y2.period, fig.alem_y2.group, "
        "fig.alem_y2.followed"
    ]


def test_unknown_name_in_prose(fixture_site: Path) -> None:
    """A name that is neither fig nor chart says what prose can use."""
    edit(fixture_site, ALEM, "{{ fig.alem_y2.period }}", "{{ figs.alem_y2.period }}")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:31: 'figs' is not something prose can use; write "
        '{{ fig.ID.about }} for a figure or {{ chart("name") }} for a chart'
    ]


def test_unknown_chart_in_prose(fixture_site: Path) -> None:
    """A chart is placed by a name from the front matter."""
    edit(fixture_site, ALEM, 'chart("by-year")', 'chart("by-years")')
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:15: chart 'by-year' is never placed; put "
        '{{ chart("by-year") }} on a line of its own where it should appear',
        "content/alemtuzumab.md:28: no chart 'by-years' in this page's front matter "
        "(known: by-year, first-and-third)",
    ]


def test_chart_never_placed(fixture_site: Path) -> None:
    """A chart in the front matter that the body never places would silently be missing."""
    edit(fixture_site, ALEM, '{{ chart("by-year") }}', "")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:15: chart 'by-year' is never placed; put "
        '{{ chart("by-year") }} on a line of its own where it should appear'
    ]


def test_chart_placed_twice(fixture_site: Path) -> None:
    """A chart placed twice would repeat its ids on the page."""
    edit(
        fixture_site,
        ALEM,
        "## What we do not know",
        '{{ chart("by-year") }}\n\n## What we do not know',
    )
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:36: chart 'by-year' is placed again (first on line 28); "
        "each chart appears once"
    ]


def test_template_syntax_error_in_prose(fixture_site: Path) -> None:
    """An unclosed {{ is reported at its line, in Jinja's words."""
    edit(fixture_site, ALEM, "{{ fig.alem_y2.period }}", "{{ fig.alem_y2.period }")
    assert errors_for(fixture_site) == ["content/alemtuzumab.md:31: unexpected '}'"]


NUMERAL = (
    "content/alemtuzumab.md:36: the number '58.7%' is typed into the prose; take it from data/ "
    "instead, e.g. {{ fig.ID.about }}, or quote the source in a > blockquote"
)


def test_typed_numeral_is_a_warning(fixture_site: Path) -> None:
    """A number typed into prose warns at its line."""
    edit(fixture_site, ALEM, "## What we do not know", "It was 58.7% at first.\n\n## Not known")
    assert warnings_for(fixture_site) == [NUMERAL]


def test_typed_numeral_is_an_error_when_strict(fixture_site: Path) -> None:
    """Under --strict a typed number stops the build."""
    edit(fixture_site, ALEM, "## What we do not know", "It was 58.7% at first.\n\n## Not known")
    assert errors_for(fixture_site, strict=True) == [NUMERAL]


def test_typed_numeral_in_key_message(fixture_site: Path) -> None:
    """Key messages are linted too, at their own line."""
    edit(fixture_site, ALEM, "By the third year", "By year 3")
    assert warnings_for(fixture_site) == [
        "content/alemtuzumab.md:13: the number '3' is typed into the prose; take it from data/ "
        "instead, e.g. {{ fig.ID.about }}, or quote the source in a > blockquote"
    ]


def test_typed_numeral_in_title(fixture_site: Path) -> None:
    """The title and description are linted too, at their own lines."""
    edit(fixture_site, CLAD, "in the CLARITY trial", "in 1,326 people")
    assert warnings_for(fixture_site) == [
        "content/cladribine.md:2: the number '1,326' is typed into the prose; take it from data/ "
        "instead, e.g. {{ fig.ID.about }}, or quote the source in a > blockquote"
    ]


def test_typed_numeral_in_chart_title(fixture_site: Path) -> None:
    """A chart's takeaway title is linted at the chart's line."""
    edit(
        fixture_site,
        CLAD,
        "    title: More people had",
        "    title: 6 more people had",
    )
    assert warnings_for(fixture_site) == [
        "content/cladribine.md:15: the number '6' is typed into the prose; take it from data/ "
        "instead, e.g. {{ fig.ID.about }}, or quote the source in a > blockquote"
    ]


# site.toml


def test_settings_missing(fixture_site: Path) -> None:
    """Without site.toml, the message lists what to write."""
    (fixture_site / "site.toml").unlink()
    assert errors_for(fixture_site) == [
        'site.toml: is missing; create it with: name = "...", base_url = "...", '
        'language = "...", publisher = "...", contact = "..."'
    ]


def test_settings_not_toml(fixture_site: Path) -> None:
    """An unquoted value is reported at its line."""
    edit(fixture_site, "site.toml", 'name = "Minimal Evidence"', "name = Minimal Evidence")
    assert errors_for(fixture_site) == [
        "site.toml:1: is not valid TOML: Invalid value (at line 1, column 8)"
    ]


def test_settings_unknown_key(fixture_site: Path) -> None:
    """A setting the code does not read is named at its line."""
    edit(fixture_site, "site.toml", 'language = "en-GB"', 'language = "en-GB"\ncolour = "blue"')
    assert errors_for(fixture_site) == [
        "site.toml:4: unknown setting 'colour'; known: name, base_url, language, publisher, "
        "contact, max_grade, description, funding, conflicts, colours"
    ]


def test_settings_key_missing(fixture_site: Path) -> None:
    """Every setting is required."""
    edit(fixture_site, "site.toml", 'publisher = "evidence-site tests"\n', "")
    assert errors_for(fixture_site) == [
        "site.toml: 'publisher' is missing; add publisher = \"...\""
    ]


def test_settings_base_url_not_absolute(fixture_site: Path) -> None:
    """The base address is a full URL ending in '/'."""
    edit(fixture_site, "site.toml", "https://example.org/minimal/", "example.org")
    assert errors_for(fixture_site) == [
        "site.toml:2: base_url is 'example.org'; give the full address ending in '/', "
        "e.g. https://example.org/ms/"
    ]


def test_settings_language_not_a_tag(fixture_site: Path) -> None:
    """The page language is a tag that screen readers understand."""
    edit(fixture_site, "site.toml", '"en-GB"', '"English"')
    assert errors_for(fixture_site) == [
        "site.toml:3: language is 'English'; use a language tag such as en or en-GB"
    ]


def test_settings_contact_not_an_email(fixture_site: Path) -> None:
    """Readers report mistakes by email."""
    edit(fixture_site, "site.toml", "corrections@example.org", "corrections")
    assert errors_for(fixture_site) == [
        "site.toml:5: contact is 'corrections'; give the email address that receives error "
        'reports, e.g. contact = "corrections@example.org"'
    ]


# templates/: a curator's own templates


def test_unknown_name_in_a_template(fixture_site: Path) -> None:
    """A misspelt name in a template points at the template line, not a traceback."""
    edit(
        fixture_site,
        "templates/summary.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.titel }}</h1>",
    )
    line = (fixture_site / "templates/summary.html").read_text().split("\n").index(
        next(
            x
            for x in (fixture_site / "templates/summary.html").read_text().split("\n")
            if "page.titel" in x
        )
    ) + 1
    assert errors_for(fixture_site) == [
        f"templates/summary.html:{line}: 'evidence_site.records.Page object' has no attribute "
        "'titel'; check the name in the template"
    ]


def test_template_syntax_error(fixture_site: Path) -> None:
    """An unclosed tag in a template is reported at its line."""
    edit(fixture_site, "templates/_dates.html", "<dl>", "<dl>{% if page.author %}")
    errors = errors_for(fixture_site)
    assert len(errors) == 1
    assert errors[0].startswith("templates/_dates.html:")
    assert "template syntax: Unexpected end of template" in errors[0]


def test_template_not_utf8(fixture_site: Path) -> None:
    """A template saved in another encoding is a path:line problem, not a traceback."""
    edit(fixture_site, "templates/_dates.html", "<dl>", "<dl>café")
    path = fixture_site / "templates" / "_dates.html"
    path.write_bytes(path.read_bytes().replace("café".encode(), "café".encode("latin-1")))
    errors = errors_for(fixture_site)
    assert len(errors) == 1
    assert errors[0].startswith("templates/_dates.html:")
    assert "not UTF-8" in errors[0]
