"""Evidence of every shape: each mistake a curator can make in a dataset gets one exact message.

The fakes are what a new curator typed on the wrong scale; each is refused at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit, errors_for

import build
from evidence_site import pipeline
from evidence_site.read import data

HARM = "data/rare-harm.csv"
RATE = "data/infection-rate.csv"
COUNT = "data/shingles-count.csv"
TREND = "data/alemtuzumab-trend.csv"
BARS = "data/cladribine-infections.csv"
SOURCES = {"X1": None}  # check_figure only asks whether the id is known

HARM_Q = (
    "In months 1 to 12, the rare harm occurred in 2.4 per 1,000 people taking medicine A (95% "
    "CI 1.1 to 4.6) and in 0.8 per 1,000 people taking placebo (95% CI 0.2 to 2.1)."
)
RATE_Q = (
    "Over up to 3 years (4,210 patient-years), rates per 100 patient-years (95% confidence "
    "interval) were 64.0 (60.1–68.2) for infections and 1.5 (1.1–2.0) for serious infections."
)
RR_Q = (
    "In months 1 to 12, the risk ratio for the rare harm with medicine A compared with placebo "
    "was 3.0 (95% CI 1.2 to 7.5)."
)
COUNT_Q = (
    "Over 2 years, shingles developed in 20 of 870 people taking medicine C and in 4 of 861 "
    "people taking placebo."
)
PCT_Q = "Infections occurred during Years 1 (58.7% vs 41.3%)"
UNITS = (
    "patient-years, person-years, participant-years, patient-months, person-months, "
    "patient-weeks, person-weeks"
)
RATE_HINT = (
    "; the quote gives a rate over person-time: use scale rate, with per (e.g. '100 patient-years')"
)


def harm(**changes: str) -> dict[str, str]:
    """A valid per-1,000 row with a 95% interval (invented figures)."""
    return {
        "id": "harm_a_1",
        "measure": "rare_harm",
        "group": "Medicine A",
        "period": "Months 1 to 12",
        "value": "2.4",
        "ci_low": "1.1",
        "ci_high": "4.6",
        "scale": "per_1000",
        "unit": "people",
        "source": "X1",
        "locator": "Table 2",
        "quote": HARM_Q,
    } | changes


def rate(**changes: str) -> dict[str, str]:
    """A valid rate per 100 patient-years (invented figures)."""
    return {
        "id": "rate_any",
        "measure": "any_infection",
        "group": "Medicine B",
        "period": "Up to 3 years",
        "value": "64.0",
        "ci_low": "60.1",
        "ci_high": "68.2",
        "ci_level": "95",
        "scale": "rate",
        "per": "100 patient-years",
        "unit": "infections",
        "source": "X1",
        "locator": "Table 4",
        "quote": RATE_Q,
    } | changes


def ratio(**changes: str) -> dict[str, str]:
    """A valid risk ratio comparing two per-1,000 figures (invented figures)."""
    return {
        "id": "harm_rr_1",
        "measure": "rare_harm_ratio",
        "group": "Medicine A vs placebo",
        "period": "Months 1 to 12",
        "value": "3.0",
        "ci_low": "1.2",
        "ci_high": "7.5",
        "scale": "risk_ratio",
        "unit": "people",
        "compares": "harm_a_1 vs harm_p_1",
        "source": "X1",
        "locator": "Table 3",
        "quote": RR_Q,
    } | changes


def count(**changes: str) -> dict[str, str]:
    """A valid count of people out of n_people (invented figures)."""
    return {
        "id": "zoster_c",
        "measure": "herpes_zoster",
        "group": "Medicine C",
        "period": "Over 2 years",
        "value": "20",
        "scale": "count",
        "unit": "people",
        "n_people": "870",
        "source": "X1",
        "locator": "Table 5",
        "quote": COUNT_Q,
    } | changes


def percent(**changes: str) -> dict[str, str]:
    """A valid percentage row."""
    return {
        "id": "alem_y1",
        "measure": "any_infection",
        "group": "Alemtuzumab",
        "period": "Year 1",
        "value": "58.7",
        "scale": "percent",
        "unit": "people",
        "source": "X1",
        "locator": "Abstract",
        "quote": PCT_Q,
    } | changes


@pytest.mark.parametrize(
    ("cells", "problems"),
    [
        (harm(), []),
        (rate(), []),
        (ratio(), []),
        (count(), []),
        (percent(), []),
        (percent(period="Over 96 weeks", period_quote="cumulative dose over 96 weeks"), []),
        (harm(ci_low="", ci_high="", quote=HARM_Q.replace("95% CI", "CI")), []),
        # A percentage must be written as one; a per-N figure's quote says per N.
        (
            harm(scale="percent"),
            [
                "value 2.4 is not written as a percentage in the quote (with %, 'per cent' or "
                "'percent'); the quote says per 1,000: use scale per_1000"
            ],
        ),
        (
            harm(scale="per_10000"),
            [
                "scale is per_10000, but the quote does not give figures per 10,000 people (as "
                "'per 10,000', 'in 10,000' or '/10,000'); the quote says per 1,000: use scale "
                "per_1000"
            ],
        ),
        (
            percent(scale="per_1000"),
            [
                "scale is per_1000, but the quote does not give figures per 1,000 people (as "
                "'per 1,000', 'in 1,000' or '/1,000'); the quote gives percentages: use scale "
                "percent"
            ],
        ),
        (
            harm(value="1001", ci_low="", ci_high="", quote="1001 per 1,000 in months 1 to 12"),
            ["value 1001 is outside 0 to 1,000 for a per_1000"],
        ),
        # Confidence intervals: both ends, around the value, at a level the quote states.
        (
            harm(ci_high=""),
            ["give both ci_low and ci_high (the ends of the confidence interval), or neither"],
        ),
        (
            harm(ci_low="2.9", quote=HARM_Q.replace("1.1", "2.9")),
            ["ci_low 2.9 is above value 2.4; a confidence interval contains its value"],
        ),
        (
            harm(ci_high="2.1"),
            ["ci_high 2.1 is below value 2.4; a confidence interval contains its value"],
        ),
        (
            harm(ci_low="1.3"),
            [
                "the quote does not contain the ci_low '1.3'; copy the sentence from the source "
                "exactly"
            ],
        ),
        (
            harm(ci_low="one"),
            [
                "ci_low is 'one', not a number; write a plain number such as 58.7 (leave "
                "value_high empty if there is no range)"
            ],
        ),
        (
            rate(ci_level="95%"),
            ["ci_level is '95%'; write the level as a number between 0 and 100 without %, e.g. 95"],
        ),
        (
            rate(ci_level="100"),
            ["ci_level is '100'; write the level as a number between 0 and 100 without %, e.g. 95"],
        ),
        (
            percent(ci_level="95"),
            [
                "ci_level is '95' but there is no confidence interval; fill in ci_low and ci_high, "
                "or leave ci_level empty"
            ],
        ),
        (
            rate(ci_level="90"),
            [
                "the quote does not give the confidence level 90; quote the words that say it "
                "(e.g. '95% CI'), or set ci_level to the level the source gives"
            ],
        ),
        (
            harm(quote=HARM_Q.replace("95% CI", "CI")),
            [
                "the quote does not give the confidence level 95 (the default); quote the words "
                "that say it (e.g. '95% CI'), or set ci_level to the level the source gives"
            ],
        ),
        # Counts: whole numbers of people, never more than n_people, which the quote gives.
        (count(n_people=""), ["a count needs n_people (the number of people it is out of)"]),
        (
            count(value="20.5", quote=COUNT_Q.replace(" 20 ", " 20.5 ")),
            ["value 20.5 is not a whole number; a count is a number of people"],
        ),
        (
            count(value="870", n_people="20", quote="Over 2 years, 870 of 20 people."),
            ["value 870 is more than n_people 20; a count cannot be more people than it is out of"],
        ),
        (
            count(n_people="900"),
            [
                "the quote does not contain the n_people '900'; copy the sentence from the source "
                "exactly"
            ],
        ),
        # Rates: per names the person-time, and the quote names it too.
        (
            rate(per=""),
            ["a rate needs per: the person-time it counts events over, e.g. '100 patient-years'"],
        ),
        (
            rate(per="PY"),
            [
                f"per is 'PY'; write a number and a unit of person-time, e.g. '100 patient-years' "
                f"(units: {UNITS})"
            ],
        ),
        (
            rate(per="100 years"),
            [
                f"per is '100 years'; write a number and a unit of person-time, e.g. '100 "
                f"patient-years' (units: {UNITS})"
            ],
        ),
        (
            rate(per="1,000 patient-years"),
            [
                "the quote does not give the rate per 1,000 (per is '1,000 patient-years'); write "
                "per as the source does"
            ],
        ),
        (
            rate(
                quote="Rates per 100 (95% confidence interval) were 64.0 (60.1–68.2) for "
                "infections over up to 3 years."
            ),
            [
                "a rate's quote must name its person-time (patient-years, person-years or PY); if "
                "the source counts people, use percent, per_100, per_1000, per_10000 or count"
            ],
        ),
        (rate(value="-1"), ["value -1 is below 0"]),
        (
            percent(per="100 patient-years"),
            ["per is only for a rate (events per person-time); leave it empty for a percent"],
        ),
        # Relative effects: two named figures, a value above 0, a quote that names the ratio.
        (
            percent(compares="alem_y1 vs ifn_y1"),
            [
                "compares is only for a relative effect (risk_ratio, odds_ratio or hazard_ratio); "
                "leave it empty for a percent"
            ],
        ),
        (
            ratio(compares=""),
            [
                "a risk_ratio needs compares: the two figures it compares, as 'TREATED_ID vs "
                "COMPARISON_ID' (e.g. 'alem_y1 vs ifn_y1')"
            ],
        ),
        (
            ratio(compares="harm_a_1, harm_p_1"),
            [
                "compares is 'harm_a_1, harm_p_1'; write the two figure ids as 'TREATED_ID vs "
                "COMPARISON_ID', e.g. 'alem_y1 vs ifn_y1'"
            ],
        ),
        (
            ratio(scale="hazard_ratio"),
            [
                "scale is hazard_ratio, but the quote does not say 'hazard ratio' or 'HR'; it says "
                "'risk ratio': use scale risk_ratio"
            ],
        ),
        (
            ratio(scale="odds_ratio", quote=RR_Q.replace("risk ratio", "ratio")),
            ["scale is odds_ratio, but the quote does not say 'odds ratio' or 'OR'"],
        ),
        (
            ratio(value="0", ci_low="", ci_high="", quote=RR_Q.replace("3.0", "0")),
            ["value 0 is not above 0; a risk_ratio is above 0 (1 means no difference)"],
        ),
        # Periods: a number in the period must be in the source's words.
        (
            harm(period="Months 13 to 24"),
            [
                "period 'Months 13 to 24' has 13 and 24, which the quote does not; correct the "
                "period, or copy the source's words that give it into period_quote"
            ],
        ),
        (
            percent(period="Year 7", period_quote="Years 1 to 6"),
            [
                "period 'Year 7' has 7, which the quote or period_quote does not; copy the "
                "source's words that give the period into period_quote exactly"
            ],
        ),
    ],
)
def test_check_figure_of_every_shape(cells: dict[str, str], problems: list[str]) -> None:
    """Each mistake in one row gives one phrase a curator can act on."""
    assert data.check_figure(cells, SOURCES) == problems


# The fakes: a figure typed on the wrong scale is refused at its line.


def test_fake_per_1000_typed_as_per_100(fixture_site: Path) -> None:
    """Typed as per 100, a per-1,000 risk would read ten times higher than it is."""
    edit(fixture_site, HARM, ",per_1000,people,,X1", ",per_100,people,,X1")
    assert errors_for(fixture_site) == [
        "data/rare-harm.csv:2: value 2.4 is not given per 100 people in the quote (as a % or "
        "'per 100'); the quote says per 1,000: use scale per_1000"
    ]


def test_fake_per_1000_typed_as_count(fixture_site: Path) -> None:
    """Typed as a count, per-1,000 figures would all read 'fewer than 1 in 100 (0.0%)'."""
    edit(fixture_site, HARM, ",per_1000,people,,X1", ",count,people,,X1")
    assert errors_for(fixture_site) == [
        "data/rare-harm.csv:2: a count needs n_people (the number of people it is out of)",
        "data/rare-harm.csv:2: value 2.4 is not a whole number; a count is a number of people; "
        "the quote says per 1,000: use scale per_1000",
    ]


def test_fake_rate_typed_as_percent(fixture_site: Path) -> None:
    """A rate per 100 patient-years typed as a percentage would read as '64 in 100 people'."""
    edit(fixture_site, RATE, ",rate,100 patient-years,", ",percent,,")
    assert errors_for(fixture_site) == [
        f"data/infection-rate.csv:2: value 64.0 is not written as a percentage in the quote "
        f"(with %, 'per cent' or 'percent'){RATE_HINT}"
    ]


def test_fake_rate_typed_as_per_100(fixture_site: Path) -> None:
    """'Per 100 patient-years' is not 'per 100 people', even though the quote says '95%'."""
    edit(fixture_site, RATE, ",rate,100 patient-years,", ",per_100,,")
    assert errors_for(fixture_site) == [
        f"data/infection-rate.csv:2: value 64.0 is not given per 100 people in the quote (as a "
        f"% or 'per 100'){RATE_HINT}"
    ]


def test_fake_percent_typed_as_per_1000(fixture_site: Path) -> None:
    """A percentage typed as per 1,000 would read ten times lower than it is."""
    edit(fixture_site, BARS, ",48.3,,,percent,", ",48.3,,,per_1000,")
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:2: scale is per_1000, but the quote does not give "
        "figures per 1,000 people (as 'per 1,000', 'in 1,000' or '/1,000'); the quote gives "
        "percentages: use scale percent"
    ]


def test_fake_value_inside_a_longer_number(fixture_site: Path) -> None:
    """8.7 is not in '58.7%': the page would say infections rose."""
    edit(fixture_site, TREND, ",58.7,,,percent", ",8.7,,,percent")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:2: the quote does not contain the value '8.7' as a number "
        "of its own (only inside 58.7); copy the number exactly as the source writes it"
    ]


def test_fake_period_the_quote_does_not_cover(fixture_site: Path) -> None:
    """A 'Year 7' row whose quote covers years 1 to 6 is refused."""
    edit(fixture_site, TREND, ",Year 3,46.6,", ",Year 7,46.6,")
    assert errors_for(fixture_site) == [
        "data/alemtuzumab-trend.csv:4: period 'Year 7' has 7, which the quote does not; correct "
        "the period, or copy the source's words that give it into period_quote"
    ]


def test_fake_period_quote_that_does_not_say_it(fixture_site: Path) -> None:
    """period_quote must hold the period's number too."""
    edit(fixture_site, BARS, "dose over 96 weeks)", "dose over 48 weeks)")  # first row only
    assert errors_for(fixture_site) == [
        "data/cladribine-infections.csv:2: period 'Over 96 weeks' has 96, which the quote or "
        "period_quote does not; copy the source's words that give the period into period_quote "
        "exactly"
    ]


def test_fake_hazard_ratio_typed_as_risk_ratio(fixture_site: Path) -> None:
    """A relative effect's quote must name the ratio its scale says."""
    edit(fixture_site, HARM, ",risk_ratio,", ",hazard_ratio,")
    assert errors_for(fixture_site) == [
        "data/rare-harm.csv:6: scale is hazard_ratio, but the quote does not say 'hazard ratio' "
        "or 'HR'; it says 'risk ratio': use scale risk_ratio"
    ]


# A relative effect's two figures are checked once the whole file is read.


@pytest.mark.parametrize(
    ("compares", "problems"),
    [
        (
            "harm_a_1 vs harm_x",
            [
                "compares 'harm_x', which is not a figure in this file (ids: harm_a_1, harm_p_1, "
                "harm_a_2, harm_p_2)"
            ],
        ),
        ("harm_a_1 vs harm_a_1", ["compares 'harm_a_1' with itself; name two different figures"]),
        (
            "harm_a_1 vs harm_a_2",
            [
                "compares figures of different periods (harm_a_1: 'Months 1 to 12', harm_a_2: "
                "'Months 13 to 24'); compare two groups over the same period",
                "compares two figures of the same group ('Medicine A'); compare two groups",
            ],
        ),
    ],
)
def test_compares_names_two_figures_of_people(
    fixture_site: Path, compares: str, problems: list[str]
) -> None:
    """The ratio's row is refused, at its line, when its two figures do not fit."""
    edit(fixture_site, HARM, "harm_a_1 vs harm_p_1", compares)
    assert errors_for(fixture_site) == [f"data/rare-harm.csv:6: {p}" for p in problems]


def test_compares_a_rate_or_another_measure() -> None:
    """A ratio compares figures of people, of one measure."""
    header = "id,measure,group,period,value,scale,per,unit,compares,source,locator,quote\n"
    quote = (
        '"In months 1 to 12, 2.4 per 1,000 with A, 0.8 per 1,000 with placebo, 5.1 per 100 '
        'patient-years with A; risk ratio 3.0."'
    )
    rows = [
        f"a,harm,A,Months 1 to 12,2.4,per_1000,,people,,X1,T,{quote}",
        f"p,harm,Placebo,Months 1 to 12,0.8,per_1000,,people,,X1,T,{quote}",
        f"o,other,Placebo,Months 1 to 12,0.8,per_1000,,people,,X1,T,{quote}",
        f"r,infection,A,Months 1 to 12,5.1,rate,100 patient-years,infections,,X1,T,{quote}",
        f"rr,ratio,A vs placebo,Months 1 to 12,3.0,risk_ratio,,people,a vs r,X1,T,{quote}",
        f"rr2,ratio,A vs other,Months 1 to 12,3.0,risk_ratio,,people,a vs o,X1,T,{quote}",
        f"rr3,ratio,A vs placebo,Month 1 to 12,3.0,risk_ratio,,people,a vs p,X1,T,{quote}",
    ]
    text = header + "\n".join(rows) + "\n"
    figures, errors = data.parse_figures(
        "d", Path("data/d.csv"), data.read_csv_text(text), SOURCES, text
    )
    assert [str(e) for e in errors] == [
        "data/d.csv:6: compares 'r', which is a rate; a relative effect compares two figures "
        "of people (percent, per_100, per_1000, per_10000, count)",
        "data/d.csv:7: compares figures of different measures (a: harm, o: other); compare one "
        "measure in two groups",
    ]
    assert [f.id for f in figures] == ["a", "p", "o", "r", "rr3"]
    assert figures[-1].compares == ("a", "p")


# Columns: optional ones may be left out; one the format does not know is named.


def test_unknown_column_is_named_with_the_known_ones(fixture_site: Path) -> None:
    """A column the format does not know is an error, never silently dropped."""
    path = fixture_site / COUNT
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace(",quote\n", ",quote,ci_lower\n", 1)
        .replace('placebo."\n', 'placebo.",\n'),
        encoding="utf-8",
    )
    assert errors_for(fixture_site) == [
        "data/shingles-count.csv:1: unknown column 'ci_lower' (did you mean 'ci_low'?); the "
        "columns a dataset may have are: " + ", ".join(data.COLUMNS)
    ]


def test_figures_of_every_shape_are_read(fixture_site: Path) -> None:
    """The new columns reach the Figure records: intervals, person-time, the compared pair."""
    sources, _ = data.load_sources(fixture_site / "data", Path("data"))
    datasets, errors, _ = data.load_datasets(fixture_site / "data", Path("data"), sources)
    assert errors == []
    harm_a = datasets["rare-harm"].by_id()["harm_a_1"]
    assert (harm_a.ci_low, harm_a.ci_high, harm_a.ci_low_text, harm_a.ci_level) == (
        1.1,
        4.6,
        "1.1",
        "95",
    )
    assert datasets["rare-harm"].by_id()["harm_rr_1"].compares == ("harm_a_1", "harm_p_1")
    rate_any = datasets["infection-rate"].by_id()["rate_any"]
    assert (rate_any.kind, rate_any.per, rate_any.ci_high_text) == (
        "rate",
        "100 patient-years",
        "68.2",
    )
    zoster = datasets["shingles-count"].by_id()["zoster_c"]
    assert (zoster.kind, zoster.value, zoster.n_people) == ("people", 20.0, 870)


def test_real_ocrelizumab_rates_build_without_a_page() -> None:
    """S6 rates are read from data/ (no page uses them yet, and the build does not mind)."""
    root = Path(__file__).resolve().parent.parent
    sources, errors = data.load_sources(root / "data", Path("data"))
    datasets, data_errors, warnings = data.load_datasets(root / "data", Path("data"), sources)
    assert (errors, data_errors, warnings) == ([], [], [])
    rates = datasets["ocrelizumab-infections"].by_id()
    assert [(f.value, f.ci_low, f.ci_high, f.per) for f in rates.values()] == [
        (76.2, 74.9, 77.4, "100 patient-years"),
        (2.01, 1.81, 2.23, "100 patient-years"),
    ]


# Issue 9: stamp refuses a CSV that does not build; an empty dataset list says so.


def test_stamp_refuses_a_csv_that_does_not_validate(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stamp vouches for checked figures, so it is not given to a file the build refuses."""
    csv = fixture_site / TREND
    sidecar = csv.with_suffix(".meta.toml")
    before = sidecar.read_text(encoding="utf-8")
    edit(fixture_site, TREND, ",58.7,,,percent", ",8.7,,,percent")
    code = build.main(["stamp", str(csv), "--checked", "2026-04-02"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{csv}:2: the quote does not contain the value '8.7' as a number of its own (only "
        "inside 58.7); copy the number exactly as the source writes it",
        f"{sidecar}: not stamped, because the build would refuse {csv}: fix the 1 problem(s) "
        "above, check the figures against the source, then stamp again",
    ]
    assert sidecar.read_text(encoding="utf-8") == before


def test_empty_dataset_list_says_it_is_empty(fixture_site: Path) -> None:
    """`datasets: []` is not 'missing': the message says what is actually wrong."""
    edit(fixture_site, "content/cladribine.md", "datasets: [cladribine-infections]", "datasets: []")
    errors = errors_for(fixture_site)
    assert errors[0] == (
        "content/cladribine.md:5: datasets is an empty list; name the data files this page uses, "
        "e.g. [alemtuzumab-infections]"
    )
    assert all("front matter is missing 'datasets'" not in e for e in errors)


def test_unused_dataset_does_not_break_the_build(minimal_build: pipeline.Site) -> None:
    """A dataset no page names (here infection-rate and shingles-count) still builds."""
    assert minimal_build.files
