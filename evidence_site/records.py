"""Frozen records passed between stages. No I/O, no behaviour beyond formatting helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from evidence_site import numbers


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

    @property
    def about(self) -> str:
        """The number in words, e.g. 'about 59 in 100'."""
        return numbers.in_100(self.per_100, self.per_100_high, self.relation)

    @property
    def others(self) -> str:
        """The other framing, e.g. 'about 41 in 100' (who did not) for 58.7%."""
        return numbers.complement(self.per_100, self.per_100_high, self.relation)

    @property
    def per_100(self) -> float:
        return numbers.to_per_100(self.value, self.scale, self.n_people)

    @property
    def per_100_high(self) -> float | None:
        if self.value_high is None:
            return None
        return numbers.to_per_100(self.value_high, self.scale, self.n_people)

    @property
    def percent(self) -> str:
        """The number as the source printed it, e.g. '58.7%' or '1.0% to 1.9%'."""
        if self.scale == "count":
            return numbers.as_percent(f"{self.per_100:.1f}", "", self.relation)
        return numbers.as_percent(self.value_text, self.high_text, self.relation)

    @property
    def count(self) -> int:
        """The whole number out of 100 (rounded by the one rule in numbers.py)."""
        return numbers.round_half_up(self.per_100)

    @property
    def followed(self) -> str:
        """How many people the figure is about, or plainly that it was not reported."""
        return numbers.people(self.n_people)


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

    @property
    def modified(self) -> dt.date | None:
        """The newest content date: published, last reviewed or a changelog entry."""
        dates = [d for d in (self.published, self.last_reviewed) if d]
        dates += [c.date for c in self.changelog]
        return max(dates) if dates else None
