"""Numbers in words, one way: every risk a patient reads is formatted here. Pure.

The rounding rule, as written on the about page: a share of people is shown as a whole
number out of 100, rounded half up ("about 59 in 100" for 58.7%); a value above 0 but
below 0.5 in 100 is "fewer than 1 in 100"; exactly 0 is "none of 100"; 99.5 or more but
below 100 is "more than 99 in 100" (never "about 100 in 100" when some people did not).
A range whose ends round differently is "about 1 to 2 in 100" ("up to about 2 in 100" when
the low end rounds to none). Headline numbers are given both ways: "about 59 in 100 had an
infection; about 41 in 100 did not".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DENOMINATOR = 100
SCALES = ("percent", "per_100", "count")
RELATIONS = {"": "about", "=": "about", ">": "more than", "<": "fewer than"}
FLIPPED = {"": "", "=": "=", ">": "<", "<": ">"}  # the other framing of a bound


def round_half_up(value: float) -> int:
    """Round to a whole number, halves away from zero (58.5 -> 59, unlike round())."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_per_100(value: float, scale: str, n_people: int | None) -> float:
    """Convert a value on its scale to 'out of 100'; a count needs its number of people."""
    if scale in ("percent", "per_100"):
        return value
    if scale == "count" and n_people:
        return value * DENOMINATOR / n_people
    raise ValueError(f"cannot put {value} ({scale}) out of 100 without a number of people")


def whole(per_100: float) -> str:
    """One value as a whole number out of 100, without words around it."""
    return str(round_half_up(per_100))


def in_100(low: float, high: float | None = None, relation: str = "") -> str:
    """Return 'about 59 in 100', 'fewer than 1 in 100', 'about 1 to 2 in 100', ..."""
    if high is not None and round_half_up(low) != round_half_up(high):
        if round_half_up(low) == 0:
            return f"up to about {round_half_up(high)} in {DENOMINATOR}"
        return f"about {round_half_up(low)} to {round_half_up(high)} in {DENOMINATOR}"
    top = low if high is None else high
    if top == 0:
        return f"none of {DENOMINATOR}"
    if top < 0.5:
        return f"fewer than 1 in {DENOMINATOR}"
    if DENOMINATOR - 0.5 <= low < DENOMINATOR:
        return f"more than {DENOMINATOR - 1} in {DENOMINATOR}"
    return f"{RELATIONS[relation]} {round_half_up(low)} in {DENOMINATOR}"


def complement(low: float, high: float | None = None, relation: str = "") -> str:
    """The other framing: 'about 41 in 100' for 58.7; 'fewer than 5' for 'more than 95'."""
    other_high = None if high is None else DENOMINATOR - low
    other_low = DENOMINATOR - (low if high is None else high)
    return in_100(other_low, other_high, FLIPPED[relation])


def both_ways(per_100: float, did: str, did_not: str, high: float | None = None,
              relation: str = "") -> str:
    """Both framings: 'about 59 in 100 had an infection; about 41 in 100 did not'."""
    other = complement(per_100, high, relation)
    return f"{in_100(per_100, high, relation)} {did}; {other} {did_not}"


def as_percent(low_text: str, high_text: str = "", relation: str = "") -> str:
    """The figure as the source printed it: '58.7%', 'more than 95%', '1.0% to 1.9%'."""
    if high_text:
        return f"{low_text}% to {high_text}%"
    words = {">": "more than ", "<": "fewer than "}.get(relation, "")
    return f"{words}{low_text}%"


def people(n: int | None) -> str:
    """A number of people as written on a page ('1,326'), or plainly that it is unknown."""
    return f"{n:,}" if n is not None else "not reported"


def icons(per_100: float) -> int:
    """How many of 100 icons to fill: the same whole number the words give.

    "More than 99 in 100" fills 99, so a picture never shows everyone when some did not.
    """
    if DENOMINATOR - 0.5 <= per_100 < DENOMINATOR:
        return DENOMINATOR - 1
    return max(0, min(DENOMINATOR, round_half_up(per_100)))
