"""The one rounding rule: every share a patient reads is worded here."""

from __future__ import annotations

import pytest

from evidence_site.present import numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (58.7, 59),
        (58.5, 59),  # half up, where round() would give 58 (banker's rounding)
        (58.4999, 58),
        (0.5, 1),
        (2.5, 3),
        (0.4, 0),
        (0, 0),
        (100, 100),
    ],
)
def test_round_half_up(value: float, expected: int) -> None:
    """Halves go up, so 58.5% reads 'about 59 in 100' on every page."""
    assert numbers.round_half_up(value) == expected


@pytest.mark.parametrize(
    ("low", "high", "relation", "words"),
    [
        (58.7, None, "", "about 59 in 100"),
        (58.5, None, "", "about 59 in 100"),
        (41.3, None, "", "about 41 in 100"),
        (0.4, None, "", "fewer than 1 in 100"),
        (0.01, None, "", "fewer than 1 in 100"),
        (0.5, None, "", "about 1 in 100"),
        (0, None, "", "none of 100"),
        (100, None, "", "about 100 in 100"),
        (95, None, ">", "more than 95 in 100"),
        (5, None, "<", "fewer than 5 in 100"),
        (1.0, 1.9, "", "about 1 to 2 in 100"),
        (0.2, 1.9, "", "up to about 2 in 100"),
        (0, 2.5, "", "up to about 3 in 100"),
        (1.0, 1.4, "", "about 1 in 100"),  # both ends round to the same whole number
        (0, 0.3, "", "fewer than 1 in 100"),  # some people, even if the low end is none
        (99.5, None, "", "more than 99 in 100"),
        (99.9, None, "", "more than 99 in 100"),  # never 'about 100' when some did not
        (99.4, None, "", "about 99 in 100"),
    ],
)
def test_in_100(low: float, high: float | None, relation: str, words: str) -> None:
    """A share is worded as a whole number of people out of 100, ranges as 'N to M'."""
    assert numbers.in_100(low, high, relation) == words


@pytest.mark.parametrize(
    ("value", "scale", "n_people", "per_100"),
    [
        (58.7, "percent", None, 58.7),
        (12.0, "per_100", None, 12.0),
        (20, "count", 400, 5.0),
        (1, "count", 1000, 0.1),
    ],
)
def test_to_per_100(value: float, scale: str, n_people: int | None, per_100: float) -> None:
    """Percentages stay as they are; a count is divided by the number of people."""
    assert numbers.to_per_100(value, scale, n_people) == pytest.approx(per_100)


def test_count_without_people_cannot_be_put_out_of_100() -> None:
    """A count with no denominator is a bug upstream (data.py rejects such rows)."""
    with pytest.raises(ValueError, match="without a number of people"):
        numbers.to_per_100(20, "count", None)


@pytest.mark.parametrize(
    ("low", "high", "relation", "text"),
    [
        ("58.7", "", "", "58.7%"),
        ("95", "", ">", "more than 95%"),
        ("5", "", "<", "fewer than 5%"),
        ("1.0", "1.9", "", "1.0% to 1.9%"),
    ],
)
def test_as_percent_keeps_the_source_digits(low: str, high: str, relation: str, text: str) -> None:
    """The percentage is shown as the source printed it (1.0 stays 1.0, not 1)."""
    assert numbers.as_percent(low, high, relation) == text


def test_both_ways_gives_the_complement() -> None:
    """Both framings of one share use the same denominator."""
    assert numbers.both_ways(58.7, "had an infection", "did not") == (
        "about 59 in 100 had an infection; about 41 in 100 did not"
    )
    assert numbers.complement(0.4) == "more than 99 in 100"


@pytest.mark.parametrize(
    ("low", "high", "relation", "words"),
    [
        (58.7, None, "", "about 41 in 100"),
        (38.1, None, "", "about 62 in 100"),
        (95.0, None, ">", "fewer than 5 in 100"),  # the other side of a bound flips it
        (1.0, 1.9, "", "about 98 to 99 in 100"),  # a range's other framing is a range
        (0.0, None, "", "100 in 100"),
    ],
)
def test_complement(low: float, high: float | None, relation: str, words: str) -> None:
    """The other framing ('did not') of a share, a bound or a range."""
    assert numbers.complement(low, high, relation) == words


@pytest.mark.parametrize(
    ("per_100", "filled"), [(58.7, 59), (0.3, 0), (99.6, 99), (100, 100), (41.3, 41)]
)
def test_icons_fill_the_same_whole_number_as_the_words(per_100: float, filled: int) -> None:
    """An icon array fills as many of its 100 icons as the rounding rule says."""
    assert numbers.icons(per_100) == filled


def test_people() -> None:
    """A number of people is written with a thousands separator, or as not reported."""
    assert numbers.people(1326) == "1,326"
    assert numbers.people(None) == "not reported"
