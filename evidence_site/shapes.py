"""The shapes of evidence a figure can have: what its number counts, and out of what."""

from __future__ import annotations

from dataclasses import dataclass


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
