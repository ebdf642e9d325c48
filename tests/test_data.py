"""Stage 2: CSV rows and sidecars become Figures, or problems at the line to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence_site.read import data
from evidence_site.records import Source

SOURCE = Source(
    "S1", "Wray et al. 2018", "Infection risk", "Wray S", "MSJ", "2018", "10.1/x", "", line=2
)
SOURCES = {"S1": SOURCE}
QUOTE = "Infections occurred during Years 1 (58.7% vs 41.3%)"
HEADER = ",".join(data.STARTER)


def row(**changes: str) -> dict[str, str]:
    """A valid dataset row, with some cells changed."""
    cells = dict(
        id="alem_y1",
        measure="any_infection",
        group="Alemtuzumab",
        period="Year 1",
        value="58.7",
        value_high="",
        relation="",
        scale="percent",
        unit="people",
        n_people="",
        source="S1",
        locator="Abstract, Results",
        quote=QUOTE,
    )
    return cells | changes


def sidecar(raw: bytes, checked: str = "2026-02-01") -> str:
    """Sidecar text whose checksum matches raw."""
    return f'title = "T"\ncurated_by = "C"\nchecked = {checked}\nsha256 = "{data.sha256(raw)}"\n'


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, []),
        ({"value": "58.7", "relation": ">"}, []),
        (
            {
                "value": "0",
                "period": "Each year",
                "quote": "There were no infections in the group.",
            },
            [],
        ),
        (
            {"value": "0", "period": "Each year", "quote": "Nothing happened."},
            ["the quote does not contain the value '0'; copy the sentence from the source exactly"],
        ),
        (
            {
                "scale": "count",
                "value": "20",
                "n_people": "400",
                "quote": "Year 1: 20 of 400 people",
            },
            [],
        ),
        ({"value": "41.3", "value_high": "58.7"}, []),
        (
            {"value": "58,7"},
            ["value is '58,7', not a number; use a point, not a comma, for decimals: 58.7"],
        ),
        (
            {"value": "nan"},
            [
                "value is 'nan', not a number; write a plain number such as 58.7 "
                "(leave value_high empty if there is no range)"
            ],
        ),
        (
            {"value": "101", "quote": "101% in year 1"},
            ["value 101 is outside 0 to 100 for a percent"],
        ),
        (
            {"scale": "per_100", "value": "-1", "quote": "-1"},
            ["value -1 is outside 0 to 100 for a per_100"],
        ),
        ({"quote": ""}, ["'quote' is empty; fill it in"]),
        (
            {"source": "", "unit": ""},
            ["'unit' is empty; fill it in", "'source' is empty; fill it in"],
        ),
        (
            {"n_people": "12.5"},
            [
                "n_people is '12.5'; give a whole number of people, or leave it "
                "empty if the source does not report it"
            ],
        ),
        (
            {"n_people": "0"},
            [
                "n_people is '0'; give a whole number of people, or leave it empty "
                "if the source does not report it"
            ],
        ),
        ({key: "" for key in data.COLUMNS}, ["empty row; delete it"]),
    ],
)
def test_check_figure(changes: dict[str, str], problems: list[str]) -> None:
    """Each kind of bad cell gives one phrase a curator can act on."""
    assert data.check_figure(row(**changes), SOURCES) == problems


def test_source_ids_are_not_checked_when_sources_csv_is_broken() -> None:
    """None means sources.csv has its own errors; rows citing it are not blamed too."""
    assert data.check_figure(row(source="S9"), None) == []
    assert data.check_figure(row(source="S9"), {}) == [
        "unknown source 'S9'; add it to data/sources.csv (known: none)"
    ]


@pytest.mark.parametrize(
    ("quote", "text", "found"),
    [
        ("Years 1 (58.7% vs 41.3%)", "58.7", True),
        ("Years 1 (58.7% vs 41.3%)", "58.8", False),
        ("Years 1 (58.7% vs 41.3%)", "8.7", False),
        ("Serious infections were uncommon (1.0%–1.9% per year).", "1.0", True),
        ("Serious infections were uncommon (1.0%–1.9% per year).", "1", True),
        ("There were no herpes zoster infections in the placebo group.", "0", True),
        ("None of the patients", "0", True),
        ("Infections were common", "0", False),
    ],
)
def test_quote_has(quote: str, text: str, found: bool) -> None:
    """The value must be a whole number in the quote; zero may be written as 'no' or 'none'."""
    assert data.quote_has(quote, text) is found


def test_parse_dataset_returns_figures_with_their_lines() -> None:
    """A valid CSV becomes a Dataset whose figures know their CSV line."""
    raw = (HEADER + "\n" + ",".join(f'"{v}"' for v in row().values()) + "\n").encode()
    dataset, errors, warnings = data.parse_dataset(
        "alem", Path("data/alem.csv"), raw, sidecar(raw), Path("data/alem.meta.toml"), SOURCES
    )
    assert (errors, warnings) == ([], [])
    assert dataset is not None
    assert (dataset.title, dataset.curated_by, dataset.checked) == ("T", "C", dt.date(2026, 2, 1))
    (figure,) = dataset.figures
    assert (figure.id, figure.value, figure.value_text, figure.line) == ("alem_y1", 58.7, "58.7", 2)
    assert (figure.about, figure.percent, figure.followed) == (
        "about 59 in 100",
        "58.7%",
        "not reported",
    )


def test_changed_csv_is_a_warning_not_an_error() -> None:
    """A checksum mismatch still builds, with a warning that says how to re-stamp."""
    raw = (HEADER + "\n" + ",".join(f'"{v}"' for v in row().values()) + "\n").encode()
    dataset, errors, warnings = data.parse_dataset(
        "alem",
        Path("data/alem.csv"),
        raw,
        sidecar(b"the file as it was when checked"),
        Path("data/alem.meta.toml"),
        SOURCES,
    )
    assert errors == []
    assert dataset is not None and len(dataset.figures) == 1
    assert [str(w) for w in warnings] == [
        "data/alem.csv: changed since its figures were checked on 2026-02-01; check every "
        "changed figure against its source, then run: python build.py stamp data/alem.csv"
    ]


def test_parse_sources_keeps_good_rows_and_reports_bad_ones() -> None:
    """A bad row is reported at its line; good rows are still returned."""
    text = (
        ",".join(data.SOURCE_COLUMNS) + "\n"
        "S1,Wray 2018,Title,Wray S,MSJ,2018-10-05,10.1177/x,\n"
        "S2,Cook 2011,Title,Cook S,,2011,,https://example.org/\n"
    )
    sources, errors = data.parse_sources(text, Path("data/sources.csv"))
    assert list(sources) == ["S1"]
    assert sources["S1"].doi_url == "https://doi.org/10.1177/x"
    assert [str(e) for e in errors] == ["data/sources.csv:3: 'journal' is empty; fill it in"]


def test_load_datasets_reads_every_csv_but_sources(fixture_site: Path) -> None:
    """Every data/*.csv except sources.csv is a dataset, named after its file."""
    sources, errors = data.load_sources(fixture_site / "data", Path("data"))
    assert errors == []
    datasets, errors, warnings = data.load_datasets(fixture_site / "data", Path("data"), sources)
    assert (errors, warnings) == ([], [])
    assert sorted(datasets) == [
        "alemtuzumab-trend",
        "cladribine-infections",
        "infection-rate",
        "rare-harm",
        "shingles-count",
    ]
    serious = datasets["alemtuzumab-trend"].by_id()["serious"]
    assert (serious.about, serious.percent) == ("about 1 to 2 in 100", "1.0% to 1.9%")
    none = datasets["cladribine-infections"].by_id()["placebo_zoster"]
    assert (none.about, none.percent) == ("none of 100", "0%")


def test_figure_from_a_count_is_put_out_of_100() -> None:
    """A count is shown out of 100 using its number of people."""
    figure = data.to_figure("d", row(scale="count", value="20", n_people="870"), 2)
    assert (figure.about, figure.percent, figure.followed) == (
        "about 2 in 100",
        "20 of 870 people (2.3%)",
        "870",
    )
