"""Every shape of evidence in words: one rounding rule per shape; prose cannot misstate it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from evidence_site.present import numbers, render
from evidence_site.records import Figure

BASE = Figure(id="f", dataset="d", measure="m", group="Medicine A", period="Months 1 to 12",
              value=2.4, value_high=None, value_text="2.4", high_text="", relation="",
              scale="per_1000", unit="people", n_people=None, source="X1", locator="Table 2",
              quote="q", line=2, ci_low=1.1, ci_high=4.6, ci_low_text="1.1",
              ci_high_text="4.6")


def figure(**changes: object) -> Figure:
    return dataclasses.replace(BASE, **changes)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42.5, "about 57 in 100"),  # 43 shown, so 57 did not: never 43 and 58 (101 people)
        (58.7, "about 41 in 100"),
        (0.3, "more than 99 in 100"),
        (99.7, "fewer than 1 in 100"),
        (0, "100 in 100"),  # exactly none had it
        (100, "none of 100"),
    ],
)
def test_the_other_framing_adds_up_to_the_denominator(value: float, expected: str) -> None:
    """The other framing is the denominator minus the whole number the words show."""
    assert numbers.complement(value) == expected


@pytest.mark.parametrize(
    ("value", "denominator", "words"),
    [
        (2.4, 1000, "about 2 in 1,000"),
        (0.4, 1000, "fewer than 1 in 1,000"),
        (0, 1000, "none of 1,000"),
        (999.6, 1000, "more than 999 in 1,000"),
        (12.5, 10000, "about 13 in 10,000"),
    ],
)
def test_natural_frequencies_use_the_page_denominator(value: float, denominator: int,
                                                      words: str) -> None:
    """One rule for every denominator, with thousands written as a reader writes them."""
    assert numbers.natural(value, None, "", denominator) == words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (1.1, 4.6, "between about 1 and 5 in 1,000"),
        (0.2, 0.7, "between fewer than 1 and about 1 in 1,000"),
        (0.1, 0.3, "fewer than 1 in 1,000"),
        (0, 2.1, "between none and about 2 in 1,000"),
    ],
)
def test_a_confidence_interval_in_plain_words(low: float, high: float, words: str) -> None:
    assert numbers.interval(low, high, 1000) == words


@pytest.mark.parametrize(
    ("value", "text"), [(76.2, "76"), (248, "248"), (2.01, "2.0"), (0.46, "0.46"), (1.81, "1.8")])
def test_rates_keep_two_significant_figures_below_ten(value: float, text: str) -> None:
    assert numbers.plain(value) == text


def test_rates_are_events_over_time_never_people() -> None:
    rate = figure(scale="rate", value=76.2, value_text="76.2", ci_low=74.9, ci_high=77.4,
                  ci_low_text="74.9", ci_high_text="77.4", per="100 patient-years",
                  unit="infections")
    assert rate.about == "about 76 infections for every 100 patient-years"
    assert rate.interval == "between about 75 and 77"
    assert rate.exact == "76.2 per 100 patient-years, 95% CI 74.9 to 77.4"
    assert "people" not in rate.about


def test_a_count_gives_people_and_its_share() -> None:
    count = figure(scale="count", value=20, value_text="20", n_people=870, ci_low=None,
                   ci_high=None, ci_low_text="", ci_high_text="")
    assert (count.about, count.exact) == ("about 2 in 100", "20 of 870 people (2.3%)")


def test_a_figure_is_shown_out_of_its_page_denominator() -> None:
    percent = figure(scale="percent", value=0.24, value_text="0.24", ci_low=None, ci_high=None,
                     ci_low_text="", ci_high_text="")
    assert percent.about == "fewer than 1 in 100"
    assert dataclasses.replace(percent, denominator=1000).about == "about 2 in 1,000"


def test_a_ratio_always_carries_both_groups_absolute_numbers() -> None:
    treated, control = figure(), figure(id="p", group="Placebo", value=0.8, value_text="0.8")
    ratio = figure(id="rr", scale="risk_ratio", value=3.0, value_text="3.0", ci_low=1.2,
                   ci_high=7.5, ci_low_text="1.2", ci_high_text="7.5", compares=("f", "p"),
                   compared=(treated, control))
    assert ratio.about == ("about 2 in 1,000 with medicine A and about 1 in 1,000 with placebo "
                           "(risk ratio 3.0)")


def test_group_names_keep_their_capitals_inside_a_sentence() -> None:
    assert [numbers.in_sentence(n) for n in ("Medicine A", "Placebo", "MS drug", "Cladribine "
                                             "tablets")] == ["medicine A", "placebo", "MS drug",
                                                             "cladribine tablets"]


def prose_error(figures: dict[str, Figure], text: str) -> list[str]:
    return [str(e) for e in render.render_prose(Path("content/x.md"), 10, text, figures, {})[1]]


def test_prose_cannot_print_a_ratio_alone() -> None:
    ratio = figure(id="rr", scale="risk_ratio", value=3.0, value_text="3.0", compares=("f", "p"))
    assert prose_error({"rr": ratio}, "It was {{ fig.rr.exact }}.") == [
        "content/x.md:10: figure 'rr' is a risk ratio; write {{ fig.rr.about }}, which gives "
        "both groups' numbers beside it"]


def test_prose_cannot_turn_a_rate_into_people() -> None:
    rate = figure(scale="rate", per="100 patient-years", unit="infections")
    assert prose_error({"f": rate}, "{{ fig.f.others }} did not.") == [
        "content/x.md:10: figure 'f' counts infections over time, not people, so it has no other "
        "framing; use fig.f.about"]


def test_an_interval_the_data_does_not_give_is_refused() -> None:
    bare = figure(ci_low=None, ci_high=None, ci_low_text="", ci_high_text="")
    assert prose_error({"f": bare}, "{{ fig.f.interval }}") == [
        "content/x.md:10: figure 'f' has no confidence interval in its data (ci_low, ci_high)"]


def test_warnings_with_and_without_a_line_sort_together() -> None:
    """A file-level warning (no line) beside line warnings must not crash the build's sort."""
    from evidence_site.errors import SourceError, sort_key

    mixed = [SourceError(Path("a.md"), 3, "x"), SourceError(Path("a.md"), None, "y")]
    assert [e.line for e in sorted(mixed, key=sort_key)] == [None, 3]
