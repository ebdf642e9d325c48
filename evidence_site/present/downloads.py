"""The numbers behind every chart and table as CSV, with their sources, and what each column means.

Pure: figures in, CSV text out. The column list here is also the data dictionary page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from evidence_site.records import Dataset, Figure, Source

# (column, what it means): the order of the CSV columns and of the data dictionary.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("figure_id", "A short name for the figure, the same in every file on this site."),
    ("dataset", "The curated data file the figure comes from."),
    ("measure", "What was counted, e.g. any_infection or serious_infection."),
    ("group", "Which group of people the figure is about, e.g. the treatment they had."),
    ("period", "The time the figure covers, e.g. Year 1 (the first year after starting)."),
    ("value", "The figure exactly as the source printed it."),
    ("value_high", "The top of the range, when the source gave a range; empty otherwise."),
    ("relation", "'>' or '<' when the source said 'more than' or 'less than'; empty otherwise."),
    ("scale", "How value is expressed: percent, per_100, per_1000 or per_10000 (people), count "
              "(people out of n_people), rate (events per person-time), or a risk, odds or "
              "hazard ratio."),
    ("ci_low", "The bottom of the confidence interval the source gives; empty if none."),
    ("ci_high", "The top of the confidence interval the source gives; empty if none."),
    ("ci_level", "The confidence level of that interval, in per cent (usually 95)."),
    ("per", "For a rate: the person-time it is counted over, e.g. 100 patient-years."),
    ("compares", "For a relative effect: the two figures it compares (treated vs comparison)."),
    ("unit", "What value counts: people, or infections."),
    ("n_people", "How many people the figure is about; empty when the source did not report it."),
    ("shown_as", "How the page says it, rounded by the site's one rule, e.g. about 59 in 100."),
    ("percent", "The figure as the source printed it, with its interval."),
    ("source_id", "The source's short id on this site."),
    ("source", "The source's short name, e.g. first author and year."),
    ("source_title", "The title of the publication."),
    ("source_authors", "The authors of the publication."),
    ("source_journal", "Where it was published."),
    ("source_published", "When it was published (YYYY-MM-DD)."),
    ("source_doi", "The publication's DOI (Digital Object Identifier), if it has one."),
    ("source_url", "A link to the publication."),
    ("locator", "Where in the publication the figure is, e.g. Abstract, Results."),
    ("quote", "The exact words in the publication that give the figure."),
    ("checked", "When a curator last checked this data file's figures against the source."),
)


def figure_row(figure: Figure, source: Source | None, dataset: Dataset | None) -> list[str]:
    """One figure as a CSV row, in COLUMNS order."""
    return [
        figure.id, figure.dataset, figure.measure, figure.group, figure.period,
        figure.value_text, figure.high_text, figure.relation, figure.scale,
        figure.ci_low_text, figure.ci_high_text, figure.ci_level if figure.ci_low_text else "",
        figure.per, " vs ".join(figure.compares), figure.unit,
        "" if figure.n_people is None else str(figure.n_people), figure.about, figure.percent,
        figure.source, source.short if source else "", source.citation if source else "",
        source.authors if source else "", source.journal if source else "",
        source.published if source else "", source.doi if source else "",
        source.doi_url if source else "", figure.locator, figure.quote,
        dataset.checked.isoformat() if dataset else "",
    ]


def figures_csv(figures: Sequence[Figure], sources: Mapping[str, Source],
                datasets: Mapping[str, Dataset]) -> str:
    """The exact figures a chart or table shows, with their source columns, as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in COLUMNS])
    for figure in figures:
        writer.writerow(figure_row(figure, sources.get(figure.source),
                                   datasets.get(figure.dataset)))
    return out.getvalue()
