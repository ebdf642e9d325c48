"""Read everything, validate, render and check: return the whole site. Reads, never writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2

from evidence_site import charts, check, content, data, render, settings
from evidence_site.errors import BuildError, SourceError
from evidence_site.records import Dataset, Figure, Page, Project, Settings, Source

Files = dict[PurePosixPath, str | bytes]


@dataclass(frozen=True)
class Inputs:
    """Everything read from the project folder, validated."""

    settings: Settings
    sources: Mapping[str, Source]
    datasets: Mapping[str, Dataset]
    pages: tuple[Page, ...]
    static: Mapping[PurePosixPath, bytes]
    warnings: tuple[SourceError, ...]


@dataclass(frozen=True)
class Site:
    """The finished site and the warnings met on the way."""

    files: Files
    warnings: tuple[SourceError, ...]


def load_static(static_dir: Path) -> dict[PurePosixPath, bytes]:
    """Every file under static/, as bytes, to be copied as it is."""
    if not static_dir.is_dir():
        return {}
    return {PurePosixPath("static", p.relative_to(static_dir).as_posix()): p.read_bytes()
            for p in sorted(static_dir.rglob("*")) if p.is_file()}


def load_inputs(project: Project) -> Inputs:
    """Read and validate every input; raise BuildError listing all problems at once."""
    rel = project.rel
    site_settings, errors = settings.load_settings(project.settings_file,
                                                   rel(project.settings_file))
    sources, source_errors = data.load_sources(project.data_dir, rel(project.data_dir))
    datasets, data_errors, warnings = data.load_datasets(project.data_dir, rel(project.data_dir),
                                                         None if source_errors else sources)
    pages, page_errors = content.load_pages(project.content_dir, rel(project.content_dir))
    errors += source_errors + data_errors + page_errors
    errors += cross_check(pages, datasets, data_failed=bool(data_errors))
    if errors or site_settings is None:
        raise BuildError(errors)
    return Inputs(site_settings, sources, datasets, tuple(pages),
                  load_static(project.static_dir), tuple(warnings))


def cross_check(pages: list[Page], datasets: Mapping[str, Dataset], *,
                data_failed: bool) -> list[SourceError]:
    """Pages must name datasets and charts that exist, and slugs must be unique."""
    errors = []
    seen: dict[str, Path] = {}
    for page in pages:
        if page.slug in seen:
            errors.append(SourceError(page.source, page.lines.get("slug"), f"slug {page.slug!r} "
                                      f"is already used by {seen[page.slug]}"))
        seen.setdefault(page.slug, page.source)
        if data_failed:
            continue  # a dataset with errors is missing here; its own errors say why
        for name in page.datasets:
            if name not in datasets:
                known = ", ".join(sorted(datasets)) or "none"
                errors.append(SourceError(page.source, page.lines.get("datasets"),
                                          f"unknown dataset {name!r}; expected data/{name}.csv "
                                          f"(known: {known})"))
        for spec in page.charts:
            if spec.dataset not in page.datasets:
                errors.append(SourceError(page.source, spec.line, f"chart {spec.name!r} uses "
                                          f"dataset {spec.dataset!r}, which is not in this page's "
                                          "datasets"))
            elif spec.dataset in datasets and not chart_figures(datasets[spec.dataset], spec.measure):
                errors.append(SourceError(page.source, spec.line, f"chart {spec.name!r}: no "
                                          f"figures with measure {spec.measure!r} in "
                                          f"data/{spec.dataset}.csv"))
    return errors


def chart_figures(dataset: Dataset, measure: str) -> list[Figure]:
    """The figures one chart draws, in the curator's order."""
    return [f for f in dataset.figures if f.measure == measure]


def build(project: Project, *, strict: bool = False) -> Site:
    """Return every output file, or raise BuildError (warnings too, under strict)."""
    inputs = load_inputs(project)
    env = render.make_env(project.templates_dir)
    files: Files = dict(inputs.static)
    errors: list[SourceError] = []
    warnings = list(inputs.warnings)
    summaries = sorted((p for p in inputs.pages if p.kind == "summary"),
                       key=lambda p: (p.order, p.title))
    nav = sorted((p for p in inputs.pages if p.kind == "page"), key=lambda p: (p.order, p.title))
    for page in inputs.pages:
        output = PurePosixPath(render.page_url(page.slug, page.kind))
        html, page_errors, page_warnings = render_page(env, page, inputs, output, nav)
        errors += page_errors
        warnings += page_warnings
        files[output] = html
    if "index" not in {p.slug for p in inputs.pages}:
        files[PurePosixPath("index.html")] = render.render_template(
            env, "index.html", site=inputs.settings, root="", summaries=summaries, nav=nav,
            page=None)
    if errors:
        raise BuildError(errors)
    if problems := check.check_site(files):
        raise BuildError(problems)
    if strict and warnings:
        raise BuildError(warnings)
    return Site(files, tuple(sorted(set(warnings))))


def render_page(env: jinja2.Environment, page: Page, inputs: Inputs, output: PurePosixPath,
                nav: list[Page]) -> tuple[str, list[SourceError], list[SourceError]]:
    """Render one content page; return its HTML, errors and warnings."""
    figures = {f.id: f for name in page.datasets for f in inputs.datasets[name].figures}
    views = {}
    for spec in page.charts:
        plotted = chart_figures(inputs.datasets[spec.dataset], spec.measure)
        svg = charts.to_svg(charts.make_chart(spec.kind, plotted), label=spec.title)
        views[spec.name] = render.chart_view(spec, plotted, svg)
    chart_html = {name: render.render_template(env, "_chart.html", chart=view)
                  for name, view in views.items()}
    body, errors = render.render_prose(page.source, page.body_line, page.body, figures,
                                       chart_html)
    warnings = render.prose_warnings(page.source, page.body_line, page.body)
    messages = []
    for index, text in enumerate(page.key_messages):
        line = page.lines.get(f"key_messages.{index}", 1)
        html, message_errors = render.render_prose(page.source, line, text, figures, {},
                                                   inline=True)
        errors += message_errors
        warnings += render.prose_warnings(page.source, line, text)
        messages.append(render.mark_safe(html))
    if errors:
        return "", errors, warnings
    used = {f.source for f in figures.values()}
    html = render.render_template(
        env, f"{page.kind}.html", site=inputs.settings, page=page,
        root=render.relative_root(output.as_posix()), body=render.mark_safe(body),
        key_messages=messages, figures=list(figures.values()), nav=nav,
        datasets=[inputs.datasets[n] for n in page.datasets],
        sources=[s for s in inputs.sources.values() if s.id in used],
        summaries=[p for p in inputs.pages if p.kind == "summary"],
    )
    return html, [], warnings
