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

from evidence_site import shapes

DENOMINATOR = 100
RELATIONS = {"": "about", "=": "about", ">": "more than", "<": "fewer than"}
FLIPPED = {"": "", "=": "=", ">": "<", "<": ">"}  # the other framing of a bound


def round_half_up(value: float) -> int:
    """Round to a whole number, halves away from zero (58.5 -> 59, unlike round())."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_per_100(value: float, scale: str, n_people: int | None) -> float:
    """Convert a people value on its scale to 'out of 100'; a count needs its number of people."""
    per = shapes.SCALES[scale].denominator
    if per is not None:
        return value * DENOMINATOR / per
    if shapes.SCALES[scale].kind != shapes.PEOPLE:
        return value  # a rate or ratio is not people out of anything
    if n_people:
        return value * DENOMINATOR / n_people
    raise ValueError(f"cannot put {value} ({scale}) out of 100 without a number of people")


def grouped(n: int) -> str:
    """A whole number as a page writes it: 1000 -> '1,000'."""
    return f"{n:,}"


def natural(low: float, high: float | None = None, relation: str = "",
            denominator: int = DENOMINATOR) -> str:
    """Return 'about 59 in 100', 'fewer than 1 in 1,000', 'about 1 to 2 in 100', ..."""
    d = grouped(denominator)
    if high is not None and round_half_up(low) != round_half_up(high):
        if round_half_up(low) == 0:
            return f"up to about {grouped(round_half_up(high))} in {d}"
        return f"about {grouped(round_half_up(low))} to {grouped(round_half_up(high))} in {d}"
    top = low if high is None else high
    if top == 0:
        return f"none of {d}"
    if top < 0.5:
        return f"fewer than 1 in {d}"
    if denominator - 0.5 <= low < denominator:
        return f"more than {grouped(denominator - 1)} in {d}"
    return f"{RELATIONS[relation]} {grouped(round_half_up(low))} in {d}"


def in_100(low: float, high: float | None = None, relation: str = "") -> str:
    """Return 'about 59 in 100', 'fewer than 1 in 100', 'about 1 to 2 in 100', ..."""
    return natural(low, high, relation, DENOMINATOR)


def shown(value: float, denominator: int = DENOMINATOR) -> int:
    """The whole number of people the words give for a value (also the icons filled)."""
    if denominator - 0.5 <= value < denominator:
        return denominator - 1
    return max(0, min(denominator, round_half_up(value)))


def complement(low: float, high: float | None = None, relation: str = "",
               denominator: int = DENOMINATOR) -> str:
    """The other framing, from the rounded number: 'about 57 in 100' for 42.5 ('about 43').

    Computed as the denominator minus the whole number shown, so the two framings always add
    up to the denominator; 'fewer than 1' becomes 'more than 99', and the reverse.
    """
    d = grouped(denominator)
    top = low if high is None else high
    if high is None and 0 < low < 0.5:
        return f"more than {grouped(denominator - 1)} in {d}"
    if high is not None and round_half_up(low) != round_half_up(high):
        if round_half_up(low) == 0:
            return f"at least about {grouped(denominator - round_half_up(high))} in {d}"
        return (f"about {grouped(denominator - round_half_up(high))} to "
                f"{grouped(denominator - round_half_up(low))} in {d}")
    if high is not None and 0 < top < 0.5:
        return f"more than {grouped(denominator - 1)} in {d}"
    if denominator - 0.5 <= low < denominator:
        return f"fewer than 1 in {d}"
    if relation in (">", "<"):
        return f"{RELATIONS[FLIPPED[relation]]} {grouped(denominator - round_half_up(low))} in {d}"
    if low == 0 and high is None:  # exactly none had it, so exactly everyone did not
        return f"{d} in {d}"
    rest = denominator - shown(low, denominator)
    if rest == 0:
        return f"none of {d}"
    return f"about {grouped(rest)} in {d}"


def both_ways(per_100: float, did: str, did_not: str, high: float | None = None,
              relation: str = "") -> str:
    """Both framings: 'about 59 in 100 had an infection; about 41 in 100 did not'."""
    other = complement(per_100, high, relation)
    return f"{in_100(per_100, high, relation)} {did}; {other} {did_not}"


def interval(low: float, high: float, denominator: int) -> str:
    """A confidence interval of people in plain words: 'between about 1 and 3 in 1,000'."""
    d = grouped(denominator)
    a, b = round_half_up(low), round_half_up(high)
    if a == b:
        if a == 0:
            return f"{'none' if high == 0 else 'fewer than 1'} in {d}"
        return f"about {grouped(a)} in {d}"
    if a == 0:
        return f"between {'none' if low == 0 else 'fewer than 1'} and about {grouped(b)} in {d}"
    return f"between about {grouped(a)} and {grouped(b)} in {d}"


def plain(value: float) -> str:
    """A rate or ratio for reading: whole numbers from 10 up, else 2 significant figures."""
    if value == 0:
        return "0"
    if abs(value) >= 10:
        return grouped(round_half_up(value))
    digits = max(0, 1 - int(Decimal(str(abs(value))).adjusted()))
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{rounded:f}"


def rate(value: float, unit: str, per: str, low: float | None = None,
         high: float | None = None) -> str:
    """Events over time, never people: 'about 76 infections for every 100 patient-years'."""
    words = f"about {plain(value)} {unit} for every {per}"
    if low is not None and high is not None:
        words += f" (between about {plain(low)} and {plain(high)})"
    return words


def rate_interval(low: float, high: float) -> str:
    """A rate's confidence interval in words: 'between about 75 and 77'."""
    return f"between about {plain(low)} and {plain(high)}"


def in_sentence(name: str) -> str:
    """A group's name inside a sentence: 'Medicine A' -> 'medicine A', 'MS' stays 'MS'."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return name[0].lower() + name[1:]
    return name


def ratio_name(scale: str) -> str:
    """'risk ratio' for risk_ratio."""
    return scale.replace("_", " ")


def count(value: float, n_people: int) -> str:
    """A count as the source gives it: '20 of 870 people (2.3%)'."""
    share = Decimal(str(value * 100 / n_people)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{grouped(int(value))} of {grouped(n_people)} people ({share}%)"


def as_percent(low_text: str, high_text: str = "", relation: str = "") -> str:
    """The figure as the source printed it: '58.7%', 'more than 95%', '1.0% to 1.9%'."""
    if high_text:
        return f"{low_text}% to {high_text}%"
    words = {">": "more than ", "<": "fewer than "}.get(relation, "")
    return f"{words}{low_text}%"


def people(n: int | None) -> str:
    """A number of people as written on a page ('1,326'), or plainly that it is unknown."""
    return f"{n:,}" if n is not None else "not reported"


def icons(value: float, denominator: int = DENOMINATOR) -> int:
    """How many of `denominator` icons to fill: the same whole number the words give.

    "More than 99 in 100" fills 99, so a picture never shows everyone when some did not.
    """
    return shown(value, denominator)
