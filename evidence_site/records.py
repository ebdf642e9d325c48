"""Frozen records passed between stages. No I/O, no behaviour beyond formatting helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from evidence_site import shapes
from evidence_site.present import numbers


@dataclass(frozen=True)
class Project:
    """Where the inputs live. Tests point this at a small fixture project."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def settings_file(self) -> Path:
        return self.root / "site.toml"

    @property
    def input_folders(self) -> tuple[Path, ...]:
        """The folders a build reads: content/, data/, templates/ and static/."""
        return self.content_dir, self.data_dir, self.templates_dir, self.static_dir

    def rel(self, path: Path) -> Path:
        """Return path relative to the project root, as a curator would type it."""
        try:
            return path.relative_to(self.root)
        except ValueError:
            return path


@dataclass(frozen=True)
class Settings:
    """Site-wide settings from site.toml."""

    name: str
    base_url: str
    language: str
    publisher: str
    contact: str
    max_grade: float = 8.0  # readability gate: highest Flesch-Kincaid grade of a patient layer
    description: str = ""
    funding: str = ""
    conflicts: str = ""
    colours: tuple[tuple[str, str], ...] = ()  # [colours]: a group's chart colour, by its name

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. '/ms-evidence/' (a 404 page resolves links from it)."""
        return "/" + self.base_url.split("://", 1)[1].partition("/")[2]

    def url(self, output: str) -> str:
        """The public address of an output file; 'x/index.html' becomes 'x/'."""
        if output == "index.html" or output.endswith("/index.html"):
            output = output[: -len("index.html")]
        return self.base_url + output


@dataclass(frozen=True)
class Source:
    """One publication that figures are taken from (a row of data/sources.csv)."""

    id: str
    short: str
    citation: str
    authors: str
    journal: str
    published: str
    doi: str
    url: str
    line: int

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


@dataclass(frozen=True)
class Figure:
    """One published number with its provenance (a row of a dataset CSV)."""

    id: str
    dataset: str
    measure: str
    group: str
    period: str
    value: float
    value_high: float | None
    value_text: str
    high_text: str
    relation: str
    scale: str
    unit: str
    n_people: int | None
    source: str
    locator: str
    quote: str
    line: int
    # Issue 10 shapes (defaults keep old datasets valid):
    ci_low: float | None = None  # confidence interval, distinct from a source's range
    ci_high: float | None = None
    ci_low_text: str = ""  # the bounds as typed, shown beside the words
    ci_high_text: str = ""
    ci_level: str = "95"  # per cent
    per: str = ""  # a rate's person-time, e.g. "100 patient-years"
    compares: tuple[str, ...] = ()  # a relative effect: (treated figure id, comparison id)

    denominator: int = 0  # people are shown out of this (the page's or chart's); 0: natural
    compared: tuple[Figure, ...] = ()  # a relative effect's two figures, set per page

    @property
    def kind(self) -> str:
        """'people', 'rate' or 'ratio' (see shapes.py)."""
        return shapes.SCALES[self.scale].kind

    @property
    def natural_denominator(self) -> int:
        """The denominator the source's scale suggests: 100 for a percentage, 1,000 ..."""
        return shapes.SCALES[self.scale].denominator or numbers.DENOMINATOR

    @property
    def shown_out_of(self) -> int:
        """The denominator this figure's people are shown out of on its page."""
        return self.denominator or self.natural_denominator

    def in_people(self, value: float | None, denominator: int) -> float | None:
        """A value of this figure as people out of `denominator` (None for rates and ratios)."""
        scale = shapes.SCALES[self.scale]
        if value is None or scale.kind != shapes.PEOPLE:
            return None
        if scale.denominator is None:  # a count of people out of n_people
            return value * denominator / self.n_people if self.n_people else None
        return value * denominator / scale.denominator

    def _people(self, value: float | None) -> float | None:
        return self.in_people(value, self.shown_out_of)

    def _needs(self, kind: str, field_name: str) -> None:
        if self.kind != kind:
            raise AttributeError(f"{field_name} is for {kind} figures; {self.id!r} is a "
                                 f"{self.scale.replace('_', ' ')}")

    @property
    def about(self) -> str:
        """The number in words: 'about 59 in 100', 'about 76 infections for every 100 ...'."""
        if self.kind == shapes.RATE:
            return numbers.rate(self.value, self.unit, self.per)
        if self.kind == shapes.RATIO:
            name = f"{numbers.ratio_name(self.scale)} {self.value_text}"
            if len(self.compared) == 2:
                a, b = self.compared
                return (f"{a.about} with {numbers.in_sentence(a.group)} and {b.about} with "
                        f"{numbers.in_sentence(b.group)} ({name})")
            return name
        value, high = self._people(self.value), self._people(self.value_high)
        return numbers.natural(value or 0.0, high, self.relation, self.shown_out_of)

    @property
    def others(self) -> str:
        """The other framing, e.g. 'about 41 in 100' (who did not) for 58.7%."""
        self._needs(shapes.PEOPLE, "others")
        value, high = self._people(self.value), self._people(self.value_high)
        return numbers.complement(value or 0.0, high, self.relation, self.shown_out_of)

    @property
    def interval(self) -> str:
        """The confidence interval in words: 'between about 1 and 3 in 1,000'."""
        if self.ci_low is None or self.ci_high is None:
            raise AttributeError(f"figure {self.id!r} has no confidence interval in its data "
                                 "(ci_low, ci_high)")
        if self.kind == shapes.PEOPLE:
            low, high = self._people(self.ci_low), self._people(self.ci_high)
            return numbers.interval(low or 0.0, high or 0.0, self.shown_out_of)
        if self.kind == shapes.RATE:
            return numbers.rate_interval(self.ci_low, self.ci_high)
        return f"between {self.ci_low_text} and {self.ci_high_text}"

    @property
    def ci(self) -> str:
        """The interval as the source printed it: '95% CI 74.9 to 77.4', or ''."""
        if self.ci_low is None:
            return ""
        return f"{self.ci_level}% CI {self.ci_low_text} to {self.ci_high_text}"

    @property
    def exact(self) -> str:
        """The number as the source printed it: '58.7%', '0.4 per 1,000', '20 of 870 people'."""
        scale = shapes.SCALES[self.scale]
        words = {">": "more than ", "<": "fewer than "}.get(self.relation, "")
        if self.scale == "percent":
            text = numbers.as_percent(self.value_text, self.high_text, self.relation)
        elif self.scale == "count":
            text = f"{words}{numbers.count(self.value, self.n_people or 1)}"
        elif self.kind == shapes.PEOPLE:
            high = f" to {self.high_text}" if self.high_text else ""
            text = f"{words}{self.value_text}{high} per {numbers.grouped(scale.denominator or 100)}"
        elif self.kind == shapes.RATE:
            text = f"{words}{self.value_text} per {self.per}"
        else:
            text = f"{numbers.ratio_name(self.scale)} {self.value_text}"
        return f"{text}, {self.ci}" if self.ci else text

    @property
    def counts(self) -> str:
        """What the number counts: 'people out of 1,000', 'infections per 100 patient-years'."""
        if self.kind == shapes.RATE:
            return f"{self.unit} per {self.per}"
        if self.kind == shapes.RATIO:
            return numbers.ratio_name(self.scale)
        return f"people out of {numbers.grouped(self.shown_out_of)}"

    @property
    def percent(self) -> str:
        """The number as the source printed it (kept for templates: the same as exact)."""
        return self.exact

    @property
    def count(self) -> int:
        """The whole number of people shown (rounded by the one rule in numbers.py)."""
        return numbers.shown(self._people(self.value) or 0.0, self.shown_out_of)

    @property
    def followed(self) -> str:
        """How many people the figure is about, or plainly that it was not reported."""
        return numbers.people(self.n_people)


class Stored(NamedTuple):
    """A site file kept in .cache/ and not read: named by a digest that decides its bytes.

    A plain tuple, not a dataclass: a site of 1,000 summaries reads back 6,000 every build.
    """

    digest: str
    size: int | None = None  # its bytes (pages: oversized_pages needs it); None: not known

    @classmethod
    def of(cls, content: str | bytes) -> Stored:
        """The marker of content held in memory: its SHA-256 and size."""
        raw = content.encode("utf-8") if isinstance(content, str) else content
        return cls(hashlib.sha256(raw).hexdigest(), len(raw))


@dataclass(frozen=True)
class Dataset:
    """One curated CSV, its figures and its sidecar."""

    name: str
    path: Path
    title: str
    curated_by: str
    checked: dt.date
    figures: tuple[Figure, ...]

    def by_id(self) -> Mapping[str, Figure]:
        return {f.id: f for f in self.figures}


@dataclass(frozen=True)
class ChartSpec:
    """A chart named in front matter: which figures to draw and how."""

    name: str
    kind: str
    dataset: str
    measure: str
    outcome: str
    title: str
    line: int
    figures: tuple[str, ...] = ()  # figure ids to draw, in order; empty: all of the measure
    denominator: int = 0  # people out of 100, 1,000 or 10,000 in this chart; 0: the page's


@dataclass(frozen=True)
class FactRow:
    """One row of a fact box: a label and one figure id per column (None: not reported)."""

    label: str
    figures: tuple[str | None, ...]


@dataclass(frozen=True)
class FactBox:
    """A Harding-style fact box: who the numbers are about, groups side by side."""

    title: str
    who: str
    columns: tuple[str, ...]
    rows: tuple[FactRow, ...]
    line: int


@dataclass(frozen=True)
class Certainty:
    """How sure we are, in GRADE words ('probably', 'may'), with a one-line reason."""

    level: str
    statement: str
    reason: str
    line: int


@dataclass(frozen=True)
class FindingRow:
    """One outcome of a summary-of-findings table: figure ids for each group and the effect."""

    outcome: str
    comparison: str  # `without`: the comparison group's people figure
    treated: str  # `with`: the treated group's people figure
    relative: str | None  # a ratio figure comparing (treated, comparison), if any
    difference: str | None  # a people figure the source gives; None: not given by the source
    certainty: str  # a GRADE level: high, moderate, low, very low
    reason: str
    line: int


@dataclass(frozen=True)
class Findings:
    """A GRADE-style summary of findings: one row per outcome, with a caption."""

    title: str
    rows: tuple[FindingRow, ...]
    line: int


@dataclass(frozen=True)
class Answer:
    """The answer under a summary's title: 2 or 3 headline figure ids and its main chart."""

    figures: tuple[str, ...]
    chart: str  # a chart name from the page's charts; '' for none
    line: int
    outcomes: tuple[tuple[str, str], ...] = ()  # (figure id, what happened) where no chart says


@dataclass(frozen=True)
class Scope:
    """One line near the top saying what the page covers, with the source of any claim."""

    text: str
    source: str  # a source id, or ''
    line: int


@dataclass(frozen=True)
class Change:
    """One entry of a page's changelog (front matter), newest first on the page."""

    date: dt.date
    text: str
    line: int


@dataclass(frozen=True)
class Page:
    """One Markdown file from content/, parsed but not yet rendered."""

    source: Path
    slug: str
    kind: str
    title: str
    description: str
    datasets: tuple[str, ...]
    published: dt.date | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    author: str
    reviewer: str
    key_messages: tuple[str, ...]
    charts: tuple[ChartSpec, ...]
    body: str
    body_line: int
    lines: Mapping[str, int] = field(default_factory=dict)
    order: int = 0
    fact_box: FactBox | None = None
    certainty: Certainty | None = None
    unknowns: tuple[str, ...] = ()
    methods: str = ""
    author_role: str = ""
    reviewer_role: str = ""
    changelog: tuple[Change, ...] = ()
    card: str = ""
    condition: str = ""
    drugs: tuple[str, ...] = ()
    denominator: int = 0  # people out of 100, 1,000 or 10,000 on this page; 0: from its data
    findings: Findings | None = None
    answer: Answer | None = None
    scope: Scope | None = None

    @property
    def modified(self) -> dt.date | None:
        """The newest content date: published, last reviewed or a changelog entry."""
        dates = [d for d in (self.published, self.last_reviewed) if d]
        dates += [c.date for c in self.changelog]
        return max(dates) if dates else None
