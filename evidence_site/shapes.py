"""The shapes of evidence a figure can have: its scale names what the number counts, and per what.

Also the checks each shape needs (a figure's range, its denominator in the quote, a rate's
person-time, a relative effect's two figures), as phrases a curator can act on. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_site.read import quotes

if TYPE_CHECKING:
    from evidence_site.records import Figure


@dataclass(frozen=True)
class Scale:
    """One value of a dataset's `scale` column."""

    name: str
    kind: str  # "people" (a share of people), "rate" (events per person-time), "ratio"
    denominator: int | None  # people per N as the source gives it; None: count, rate, ratio
    words: str  # what the scale means, for messages and the README


PEOPLE, RATE, RATIO = "people", "rate", "ratio"
SCALES: dict[str, Scale] = {s.name: s for s in (
    Scale("percent", PEOPLE, 100, "a percentage of people (per 100)"),
    Scale("per_100", PEOPLE, 100, "people per 100"),
    Scale("per_1000", PEOPLE, 1000, "people per 1,000"),
    Scale("per_10000", PEOPLE, 10000, "people per 10,000"),
    Scale("count", PEOPLE, None, "a number of people, out of n_people"),
    Scale("rate", RATE, None, "events per person-time, e.g. per 100 patient-years (see per)"),
    Scale("risk_ratio", RATIO, None, "a risk ratio (relative risk) comparing two figures"),
    Scale("odds_ratio", RATIO, None, "an odds ratio comparing two figures"),
    Scale("hazard_ratio", RATIO, None, "a hazard ratio comparing two figures"),
)}
DENOMINATORS = (100, 1000, 10000)  # the natural-frequency denominators a page may use
# What a relative effect's quote calls it; an upper-case abbreviation must match its case.
RATIO_NAMES = {
    "risk_ratio": ("risk ratio", "relative risk", "RR"),
    "odds_ratio": ("odds ratio", "OR"),
    "hazard_ratio": ("hazard ratio", "HR"),
}
PERSON_TIME = ("patient-years", "person-years", "participant-years", "patient-months",
               "person-months", "patient-weeks", "person-weeks")
_PER = re.compile(r"^(\d[\d,]*) ([a-z]+-[a-z]+)$")
_COMPARES = re.compile(r"^(\w+) vs (\w+)$")
EXAMPLE_PER = "'100 patient-years'"
EXAMPLE_COMPARES = "'alem_y1 vs ifn_y1'"
PEOPLE_SCALES = ", ".join(s.name for s in SCALES.values() if s.kind == PEOPLE)


def names(kind: str) -> str:
    """The scales of one kind, for messages: 'risk_ratio, odds_ratio or hazard_ratio'."""
    found = [s.name for s in SCALES.values() if s.kind == kind]
    return ", ".join(found[:-1]) + " or " + found[-1] if len(found) > 1 else found[0]


def out_of_range(scale: Scale | None, column: str, text: str, number: float) -> str | None:
    """A value no figure of this scale can have: 101 percent, a ratio of 0, a negative rate."""
    if scale is not None and scale.denominator:
        if not 0 <= number <= scale.denominator:
            return f"{column} {text} is outside 0 to {scale.denominator:,} for a {scale.name}"
    elif scale is not None and scale.kind == RATIO:
        if number <= 0:
            return (f"{column} {text} is not above 0; a {scale.name} is above 0 (1 means no "
                    "difference)")
    elif number < 0:
        return f"{column} {text} is below 0"
    return None


def check_shape(row: Mapping[str, str], values: Mapping[str, float],
                n_people: int | None) -> list[str]:
    """Problems with a row's shape; values holds its cells that are numbers in range."""
    scale = SCALES.get(row["scale"])
    if scale is None:
        return []
    problems = []
    if row["per"] and scale.kind != RATE:
        problems.append(f"per is only for a rate (events per person-time); leave it empty for "
                        f"a {scale.name}")
    if row["compares"] and scale.kind != RATIO:
        problems.append(f"compares is only for a relative effect ({names(RATIO)}); leave it "
                        f"empty for a {scale.name}")
    if scale.kind == RATE:
        problems += check_rate(row)
    elif scale.kind == RATIO:
        problems += check_ratio(row, scale)
    elif scale.denominator is None:
        problems += check_count(row, values, n_people)
    elif row["quote"]:
        problems += check_denominator(row, values, scale)
    return problems


def check_denominator(row: Mapping[str, str], values: Mapping[str, float],
                      scale: Scale) -> list[str]:
    """The quote must give the figure on the declared scale, so a wrong scale is refused."""
    quote = row["quote"]
    hint = suggest(quote, scale.name)
    if scale.name == "percent" or (scale.name == "per_100"
                                   and not quotes.per_people(quote, 100)):
        how = ("is not written as a percentage in the quote (with %, 'per cent' or 'percent')"
               if scale.name == "percent"
               else "is not given per 100 people in the quote (as a % or 'per 100')")
        return [f"{column} {row[column]} {how}{hint}" for column in ("value", "value_high")
                if column in values and quotes.has_number(quote, row[column])
                and not quotes.as_percentage(quote, row[column])]
    if (scale.denominator or 0) > 100 and not quotes.per_people(quote, scale.denominator or 0):
        n = f"{scale.denominator:,}"
        return [f"scale is {scale.name}, but the quote does not give figures per {n} people (as "
                f"'per {n}', 'in {n}' or '/{n}'){hint}"]
    return []


def check_count(row: Mapping[str, str], values: Mapping[str, float],
                n_people: int | None) -> list[str]:
    """A count is a whole number of people, out of n_people, and never more than it."""
    problems = []
    if not row["n_people"]:
        problems.append("a count needs n_people (the number of people it is out of)")
    for column in ("value", "value_high", "ci_low", "ci_high"):
        number = values.get(column)
        if number is None:
            continue
        if column in ("value", "value_high") and number != int(number):
            problems.append(f"{column} {row[column]} is not a whole number; a count is a number "
                            f"of people{suggest(row['quote'], 'count')}")
        elif n_people is not None and number > n_people:
            problems.append(f"{column} {row[column]} is more than n_people {row['n_people']}; a "
                            "count cannot be more people than it is out of")
    return problems


def check_rate(row: Mapping[str, str]) -> list[str]:
    """A rate names its person-time in `per`, and its quote names person-time too."""
    problems = []
    per, quote = row["per"], row["quote"]
    found = _PER.match(per)
    size = quotes.to_decimal(found.group(1)) if found else None
    if not per:
        problems.append(f"a rate needs per: the person-time it counts events over, e.g. "
                        f"{EXAMPLE_PER}")
    elif not found or not size or found.group(2) not in PERSON_TIME:
        problems.append(f"per is {per!r}; write a number and a unit of person-time, e.g. "
                        f"{EXAMPLE_PER} (units: {', '.join(PERSON_TIME)})")
    elif quote and not quotes.has_number(quote, found.group(1)):
        problems.append(f"the quote does not give the rate per {found.group(1)} (per is "
                        f"{per!r}); write per as the source does")
    if quote and not quotes.names_person_time(quote):
        problems.append("a rate's quote must name its person-time (patient-years, "
                        "person-years or PY); if the source counts people, use "
                        f"{names(PEOPLE)}")
    return problems


def check_ratio(row: Mapping[str, str], scale: Scale) -> list[str]:
    """A relative effect names the two figures it compares, and its quote names the ratio."""
    problems = []
    if not row["compares"]:
        problems.append(f"a {scale.name} needs compares: the two figures it compares, as "
                        f"'TREATED_ID vs COMPARISON_ID' (e.g. {EXAMPLE_COMPARES})")
    elif not _COMPARES.match(row["compares"]):
        problems.append(f"compares is {row['compares']!r}; write the two figure ids as "
                        f"'TREATED_ID vs COMPARISON_ID', e.g. {EXAMPLE_COMPARES}")
    said = RATIO_NAMES[scale.name]
    if row["quote"] and not quotes.mentions(row["quote"], said):
        other = [name for name, words in RATIO_NAMES.items()
                 if name != scale.name and quotes.mentions(row["quote"], words)]
        fix = f"; it says {RATIO_NAMES[other[0]][0]!r}: use scale {other[0]}" if other else ""
        problems.append(f"scale is {scale.name}, but the quote does not say "
                        f"{' or '.join(repr(w) for w in said)}{fix}")
    return problems


def suggest(quote: str, scale: str) -> str:
    """A hint at the scale the quote's own words suggest, or ''."""
    for denominator in (10000, 1000):
        if quotes.per_people(quote, denominator) and scale != f"per_{denominator}":
            return f"; the quote says per {denominator:,}: use scale per_{denominator}"
    if quotes.names_person_time(quote) and scale != "rate":
        return (f"; the quote gives a rate over person-time: use scale rate, with per (e.g. "
                f"{EXAMPLE_PER})")
    if "%" in quote and scale not in ("percent", "per_100"):
        return "; the quote gives percentages: use scale percent"
    return ""


def compared_ids(text: str) -> tuple[str, ...]:
    """The two ids in a compares cell ('a vs b' -> ('a', 'b')), or () if it is malformed."""
    found = _COMPARES.match(text)
    return found.groups() if found else ()


def check_compares(figure: Figure, figures: Mapping[str, Figure],
                   ids: Sequence[str]) -> list[str]:
    """Problems with the two figures a relative effect compares (all rows have been read).

    ids are every id in the file: a row with problems of its own is not blamed again here.
    """
    problems = []
    if len(figure.compares) != 2:
        return []
    first, second = figure.compares
    if first == second:
        return [f"compares {first!r} with itself; name two different figures"]
    for name in (first, second):
        if name not in ids:
            known = ", ".join(i for i in ids if i != figure.id) or "none"
            problems.append(f"compares {name!r}, which is not a figure in this file "
                            f"(ids: {known})")
        elif name in figures and figures[name].kind != PEOPLE:
            problems.append(f"compares {name!r}, which is a {figures[name].scale}; a relative "
                            f"effect compares two figures of people ({PEOPLE_SCALES})")
    if problems or first not in figures or second not in figures:
        return problems
    a, b = figures[first], figures[second]
    if a.measure != b.measure:
        problems.append(f"compares figures of different measures ({first}: {a.measure}, "
                        f"{second}: {b.measure}); compare one measure in two groups")
    if a.period != b.period:
        problems.append(f"compares figures of different periods ({first}: {a.period!r}, "
                        f"{second}: {b.period!r}); compare two groups over the same period")
    if a.group == b.group:
        problems.append(f"compares two figures of the same group ({a.group!r}); compare two "
                        "groups")
    return problems
