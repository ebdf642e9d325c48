"""Read everything, validate, render and check: return the whole site. Reads, never writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TypeVar

import jinja2
import jinja2.meta

from evidence_site import cache as caching
from evidence_site import (
    card,
    check,
    colours,
    content,
    data,
    files,
    glossary,
    layers,
    metadata,
    numbers,
    readability,
    render,
    settings,
    shapes,
    share,
    theme,
    trust,
)
from evidence_site.cache import Cache, ChartJob, Progress
from evidence_site.errors import BuildError, SourceError, sort_key
from evidence_site.records import ChartSpec, Dataset, Figure, Page, Project, Settings, Source

Files = dict[PurePosixPath, str | bytes]
T = TypeVar("T")
_CHART_CALL = re.compile(r"""chart\(\s*["']([^"']*)["']\s*\)""")


@dataclass(frozen=True)
class Inputs:
    """Everything read from the project folder, validated."""

    settings: Settings
    sources: Mapping[str, Source]
    datasets: Mapping[str, Dataset]
    pages: tuple[Page, ...]
    static: Mapping[PurePosixPath, bytes]
    warnings: tuple[SourceError, ...]
    glossary: tuple[glossary.Term, ...] = ()
    blocked: frozenset[Path] = frozenset()  # pages not rendered: their inputs have problems


@dataclass(frozen=True)
class Site:
    """The finished site and the warnings met on the way."""

    files: Files
    warnings: tuple[SourceError, ...]
    pages: int = 0
    charts_rendered: int = 0
    charts_reused: int = 0
    readability: tuple[readability.Reading, ...] = ()


def load_static(static_dir: Path, shown: Path
                ) -> tuple[dict[PurePosixPath, bytes], list[SourceError]]:
    """Every file under static/, as bytes, to be copied as it is; links out are refused."""
    paths, errors = files.list_files(static_dir, shown, "**/*")
    return {PurePosixPath("static", p.relative_to(static_dir).as_posix()): p.read_bytes()
            for p in paths}, errors


def site_static(project: Project) -> tuple[dict[PurePosixPath, bytes], list[SourceError]]:
    """The theme's static files, each replaced by the site's own file of the same name."""
    own, errors = load_static(project.static_dir, project.rel(project.static_dir))
    own.pop(PurePosixPath("static", theme.OVERRIDES_NOTE), None)
    return load_static(theme.STATIC, Path("static"))[0] | own, errors


def load_inputs(project: Project, cache: Cache | None = None) -> Inputs:
    """Read and validate every input; raise BuildError listing all problems at once."""
    inputs, errors = read_inputs(project, cache)
    if errors or inputs is None:
        raise BuildError(errors)
    return inputs


def read_inputs(project: Project, cache: Cache | None = None
                ) -> tuple[Inputs | None, list[SourceError]]:
    """Read and validate every input: what can be rendered (None if nothing), and every problem.

    A page with problems of its own, or that uses a dataset with problems, is in
    Inputs.blocked: the build renders the other pages to report their problems too.
    """
    rel = project.rel
    cache = cache or caching.load_cache(None)
    site_settings, errors = settings.load_settings(project.settings_file,
                                                   rel(project.settings_file))
    sources, source_errors = data.load_sources(project.data_dir, rel(project.data_dir),
                                               cache.memo("sources", data.parse_sources))
    datasets, data_errors, warnings = data.load_datasets(
        project.data_dir, rel(project.data_dir), None if source_errors else sources,
        cache.memo("datasets", data.parse_dataset))
    pages, page_errors = content.load_pages(project.content_dir, rel(project.content_dir),
                                            cache.memo("pages", content.parse_page))
    terms, glossary_errors = glossary.load_glossary(project.data_dir, rel(project.data_dir),
                                                    cache.memo("glossary", glossary.parse_glossary))
    static, static_errors = site_static(project)
    # Templates are read by Jinja later; a link out of the project is refused before that.
    template_errors = files.list_files(project.templates_dir, rel(project.templates_dir),
                                       "**/*")[1]
    failed = {e.path.name.removesuffix(".meta.toml").removesuffix(".csv") for e in data_errors}
    errors += source_errors + data_errors + page_errors + glossary_errors + static_errors
    errors += template_errors
    errors += cross_check(pages, datasets, failed=failed)
    if site_settings is None or template_errors:
        return None, errors
    # Without sources.csv, a figure's source cannot be shown: pages with data wait for it.
    blocked = frozenset(p.source for p in pages if p.source in {e.path for e in errors}
                        or failed.intersection(p.datasets) or (source_errors and p.datasets))
    warnings += settings.settings_warnings(site_settings, rel(project.settings_file))
    return Inputs(site_settings, sources, datasets, tuple(pages),
                  static, tuple(warnings), terms, blocked), errors


def cross_check(pages: list[Page], datasets: Mapping[str, Dataset], *,
                failed: Set[str] = frozenset()) -> list[SourceError]:
    """Pages must name datasets and charts that exist, and slugs must be unique.

    failed names the datasets with problems of their own: a page using one is not checked
    further, as its dataset's errors say why it is missing.
    """
    errors = []
    seen: dict[str, Path] = {}
    for page in pages:
        if page.slug in seen:
            errors.append(SourceError(page.source, page.lines.get("slug"), f"slug {page.slug!r} "
                                      f"is already used by {seen[page.slug]}"))
        seen.setdefault(page.slug, page.source)
        if failed.intersection(page.datasets):
            continue
        for name in page.datasets:
            if name not in datasets:
                known = ", ".join(sorted(datasets)) or "none"
                errors.append(SourceError(page.source, page.lines.get("datasets"),
                                          f"unknown dataset {name!r}; expected data/{name}.csv "
                                          f"(known: {known})"))
        first: dict[str, str] = {}
        for name in page.datasets:
            for figure in datasets[name].figures if name in datasets else ():
                if figure.id in first:
                    errors.append(SourceError(page.source, page.lines.get("datasets"),
                                              f"figure id {figure.id!r} is in both "
                                              f"data/{first[figure.id]}.csv and data/{name}.csv; "
                                              "rename one so prose can tell them apart"))
                first.setdefault(figure.id, name)
        errors += chart_placements(page)
        for spec in page.charts:
            if spec.dataset not in page.datasets:
                errors.append(SourceError(page.source, spec.line, f"chart {spec.name!r} uses "
                                          f"dataset {spec.dataset!r}, which is not in this page's "
                                          "datasets"))
            elif spec.dataset in datasets:
                errors += check_chart_figures(page, spec, datasets[spec.dataset],
                                              page_denominator(page, page_figures(page, datasets)))
    return errors


def chart_placements(page: Page) -> list[SourceError]:
    """Each chart in the front matter is placed exactly once in the body."""
    placed: dict[str, list[int]] = {}
    for found in _CHART_CALL.finditer(page.body):
        line = page.body_line + page.body.count("\n", 0, found.start())
        placed.setdefault(found.group(1), []).append(line)
    names = {spec.name for spec in page.charts}
    known = ", ".join(sorted(names)) or "none"
    errors = [SourceError(page.source, line, f"no chart {name!r} in this page's front matter "
                          f"(known: {known})")
              for name, lines in placed.items() if name not in names for line in lines]
    answer = page.answer.chart if page.answer else ""
    errors += [SourceError(page.source, line, f"chart {answer!r} is shown in the answer under "
                           f"the title (answer: chart); remove {{{{ chart(\"{answer}\") }}}} "
                           "from the body") for line in placed.get(answer, [])]
    for spec in page.charts:
        if spec.name == answer:
            continue  # placed by the answer block
        lines = placed.get(spec.name, [])
        if not lines:
            errors.append(SourceError(page.source, spec.line, f"chart {spec.name!r} is never "
                                      f"placed; put {{{{ chart(\"{spec.name}\") }}}} on a line of "
                                      "its own where it should appear"))
        errors += [SourceError(page.source, line, f"chart {spec.name!r} is placed again (first "
                               f"on line {lines[0]}); each chart appears once")
                   for line in lines[1:]]
    return errors


def check_chart_figures(page: Page, spec: ChartSpec, dataset: Dataset,
                        denominator: int = 0) -> list[SourceError]:
    """A chart needs figures of its measure, of one shape; icon arrays need people, one number.

    denominator is the page's (page_denominator); the chart's own denominator wins over it.
    """
    def at(message: str) -> SourceError:
        return SourceError(page.source, spec.line, f"chart {spec.name!r}: {message}")

    by_id = dataset.by_id()
    errors = [at(f"no figure {i!r} with measure {spec.measure!r} in data/{dataset.name}.csv")
              for i in spec.figures if i not in by_id or by_id[i].measure != spec.measure]
    plotted = chart_figures(dataset, spec.measure, spec.figures)
    if not plotted and not errors:
        errors.append(at(f"no figures with measure {spec.measure!r} in data/{dataset.name}.csv"))
    ratios = [f for f in plotted if f.kind == shapes.RATIO]
    errors += [at(f"figure {f.id!r} is a {numbers.ratio_name(f.scale)}, which compares two "
                  "groups; a chart draws each group's own numbers, so chart the figures it "
                  "compares instead") for f in ratios]
    axes = {axis_words(f): f for f in plotted if f.kind != shapes.RATIO}
    if len(axes) > 1:
        (a, one), (b, other) = list(axes.items())[:2]
        errors.append(at(f"figures {one.id!r} ({a}) and {other.id!r} ({b}) cannot share one "
                         "axis; draw them in separate charts"))
    if spec.kind == "icons":
        errors += [at(f"figure {f.id!r} is a range; an icon array shows one number, so draw "
                      "it in a table or fact box instead") for f in plotted
                   if f.value_high is not None]
        errors += [at(f"figure {f.id!r} is a rate ({axis_words(f)}), not a share of people; "
                      "an icon array shows people, so use kind: bars or kind: trend")
                   for f in plotted if f.kind == shapes.RATE]
        shown = spec.denominator or denominator
        if shown not in (0, *ICON_SIZES) and any(f.kind == shapes.PEOPLE for f in plotted):
            errors.append(at(f"an icon array shows 100 or 1,000 people, and this chart's people "
                             f"are out of {numbers.grouped(shown)}; use kind: bars, or set "
                             "denominator: 1000 on the chart"))
    return errors


ICON_SIZES = (100, 1000)  # icons.SIZES (not imported: warm builds never need Altair)


def axis_words(f: Figure) -> str:
    """What a figure's number counts, as an axis would say it: 'people', 'infections per ...'."""
    if f.kind == shapes.RATE:
        return f"{f.unit} per {f.per}"
    return "people" if f.kind == shapes.PEOPLE else numbers.ratio_name(f.scale)


def page_figures(page: Page, datasets: Mapping[str, Dataset]) -> list[Figure]:
    """Every figure of the page's datasets, in order."""
    return [f for name in page.datasets if name in datasets for f in datasets[name].figures]


def page_denominator(page: Page, figures: Sequence[Figure]) -> int:
    """The denominator a page's people are shown out of: its own, else the largest in its data.

    A page's own `denominator` (front matter) wins.
    """
    if page.denominator:
        return page.denominator
    return max((f.natural_denominator for f in figures if f.kind == shapes.PEOPLE),
               default=numbers.DENOMINATOR)


def local_figures(page: Page, datasets: Mapping[str, Dataset]) -> dict[str, Figure]:
    """The page's figures as it shows them: people out of its denominator; a ratio with both
    of the figures it compares, so its words always carry both groups' absolute numbers."""
    figures = page_figures(page, datasets)
    d = page_denominator(page, figures)
    local = {f.id: replace(f, denominator=d) for f in figures}
    for i, f in local.items():
        if f.kind == shapes.RATIO and all(c in local for c in f.compares):
            local[i] = replace(f, compared=tuple(local[c] for c in f.compares))
    return local


def denominator_warnings(inputs: Inputs) -> list[SourceError]:
    """A chart whose denominator differs from its page's: readers compare across a page."""
    warnings = []
    for page in inputs.pages:
        d = page_denominator(page, page_figures(page, inputs.datasets))
        warnings += [SourceError(page.source, spec.line, f"chart {spec.name!r} shows people out "
                                 f"of {numbers.grouped(spec.denominator)} but the rest of the "
                                 f"page uses {numbers.grouped(d)}; readers compare numbers "
                                 "across a page, so keep one denominator unless this chart "
                                 "needs its own")
                     for spec in page.charts
                     if spec.denominator not in (0, d)]
    return warnings


def chart_figures(dataset: Dataset, measure: str, ids: tuple[str, ...] = ()) -> list[Figure]:
    """The figures one chart draws: the ones listed by id, else all of the measure, in order."""
    if ids:
        by_id = dataset.by_id()
        return [by_id[i] for i in ids if i in by_id and by_id[i].measure == measure]
    return [f for f in dataset.figures if f.measure == measure]


def build(project: Project, *, strict: bool = False, cache: Cache | None = None,
          workers: int = 1, progress: Progress | None = None, today: dt.date | None = None,
          ) -> Site:
    """Return every output file, or raise BuildError (warnings too, under strict).

    With a cache, unchanged inputs are not parsed again, unchanged pages are not rendered
    again, and only new charts are drawn (by `workers` processes); the output is the same.
    today (build.py --date) decides which summaries are past their review date; None skips that.
    """
    cache = cache or caching.load_cache(None)
    inputs, errors = read_inputs(project, cache)
    if inputs is None:
        raise BuildError(errors)
    templates = cache.key(caching.load_templates(project.templates_dir))
    # The preview server keeps compiled templates between rebuilds while they are unchanged.
    env = cache.keep("env", templates, lambda: render.make_env(project.templates_dir))
    files: Files = dict(inputs.static)
    warnings = list(inputs.warnings) + trust.review_warnings(inputs.pages, today)
    warnings += denominator_warnings(inputs)
    summaries = sorted((p for p in inputs.pages if p.kind == "summary"),
                       key=lambda p: (p.order, p.title))
    nav = sorted((p for p in inputs.pages if p.kind == "page"), key=lambda p: (p.order, p.title))
    keys = page_keys(cache, env, templates, inputs, nav, today)
    todo = [p for p in inputs.pages
            if p.source not in inputs.blocked and not cache.has("render", keys[p.source])]
    cache.reused += sum(len(p.charts) for p in inputs.pages) - sum(len(p.charts) for p in todo)
    svgs = caching.render_charts(cache, [chart_job(inputs, s, p) for p in todo for s in p.charts],
                                 workers=workers, progress=progress)
    step = {page.source: done for done, page in enumerate(todo, start=1)}
    for page in inputs.pages:
        if page.source in inputs.blocked:
            continue
        output = PurePosixPath(render.page_url(page.slug, page.kind))
        page_files, page_errors, page_warnings = reported(lambda page=page, output=output: (
            cache.remember("render", keys[page.source], lambda: render_page(
                env, page, inputs, output, nav, svgs, today, cache.memo("png", card.to_png)))),
            errors, ({}, [], []))
        errors += page_errors
        warnings += page_warnings
        files.update(page_files)
        if progress and page.source in step:
            progress("pages", step[page.source], len(todo))
    slugs = {p.slug for p in inputs.pages}
    if inputs.glossary and "glossary" not in slugs:
        files[PurePosixPath(glossary.URL)] = reported(lambda: render.render_template(
            env, "glossary.html", site=inputs.settings, root="../", nav=nav, page=None,
            terms=inputs.glossary, meta=metadata.page_meta(
                inputs.settings, glossary.URL, title=f"Glossary | {inputs.settings.name}",
                description="Plain meanings of the medical words used on this site.")), errors, "")
    mark_terms = cache.memo("terms", glossary.mark_terms)
    for path, content_ in list(files.items()):
        if path.suffix == ".html" and isinstance(content_, str) and path.as_posix() != glossary.URL:
            files[path] = mark_terms(content_, inputs.glossary,
                                     render.relative_root(path.as_posix()))
    if "index" not in slugs:
        files[PurePosixPath("index.html")] = reported(lambda: render.render_template(
            env, "index.html", site=inputs.settings, root="", summaries=summaries, nav=nav,
            page=None, meta=metadata.page_meta(inputs.settings, "index.html",
                                               title=inputs.settings.name,
                                               description=inputs.settings.description)),
            errors, "")
    if errors:
        raise BuildError(set(errors))  # one template problem is met by every page using it
    files.update(share.site_files(env, inputs.settings, inputs.pages, summaries, nav,
                                  inputs.static, files, cache.memo("png", card.to_png)))
    page_sources = {PurePosixPath(render.page_url(p.slug, p.kind)): p.source
                    for p in inputs.pages}
    checked = check.check_build(  # every output check, each page parsed once for all of them
        files, page_sources, inputs.settings.max_grade, strict=strict, warned=bool(warnings),
        report=cache.memo("page-checks", check.page_report),
        measure=cache.memo("readability", readability.measure_page),
        deeper=cache.memo("page-audit", check.audit_page))
    warnings += checked.warnings
    if problems := checked.errors or (strict and warnings) or checked.audit:
        raise BuildError(problems)  # under --strict, `build.py check` too: before any write
    readings = checked.readings
    pages = sum(1 for p in files if p.suffix == ".html")
    return Site(files, tuple(sorted(set(warnings), key=sort_key)), pages, cache.rendered,
                cache.reused, readings)


_PALETTE: list[tuple[Inputs, tuple[dict[str, str], dict[str, int]]]] = []


def site_palette(inputs: Inputs) -> tuple[dict[str, str], dict[str, int]]:
    """Every charted group's colour and style, site-wide (remembered for the last Inputs)."""
    if _PALETTE and _PALETTE[0][0] is inputs:
        return _PALETTE[0][1]
    pages = sorted(inputs.pages, key=lambda p: (p.order, p.title))  # the summaries' order
    groups = [f.group for page in pages for spec in page.charts
              if spec.dataset in inputs.datasets
              for f in chart_figures(inputs.datasets[spec.dataset], spec.measure, spec.figures)]
    found = (colours.site_colours(groups, dict(inputs.settings.colours)),
             colours.site_styles(groups))
    _PALETTE[:] = [(inputs, found)]
    return found


def reported(make: Callable[[], T], errors: list[SourceError], default: T) -> T:
    """make(), or default with the problems it raised added to errors, so rendering goes on."""
    try:
        return make()
    except BuildError as e:
        errors += e.errors
        return default


def chart_job(inputs: Inputs, spec: ChartSpec, page: Page) -> ChartJob:
    """What one chart draws: its kind, its figures (page-local copies) and its text alternative.

    People are shown out of the chart's denominator, else the page's; each group has the
    colour, dash and shape it has on every chart of the site.
    """
    figures = page_figures(page, inputs.datasets)
    d = spec.denominator or page_denominator(page, figures)
    plotted = chart_figures(inputs.datasets[spec.dataset], spec.measure, spec.figures)
    people = any(f.kind == shapes.PEOPLE for f in plotted)
    site, styles = site_palette(inputs)
    palette = colours.chart_palette(list(dict.fromkeys(f.group for f in plotted)), site, styles)
    return ChartJob(spec.kind, tuple(replace(f, denominator=d) if f.kind == shapes.PEOPLE else f
                                     for f in plotted), spec.title, spec.outcome,
                    denominator=d if people else 0, palette=palette)


def page_keys(cache: Cache, env: jinja2.Environment, templates: str, inputs: Inputs,
              nav: list[Page], today: dt.date | None = None) -> dict[Path, str]:
    """A hash of everything render_page reads for each page, so unchanged pages are reused."""
    summaries = tuple(p for p in inputs.pages if p.kind == "summary")
    # A template that cannot be read uses everything; rendering reports its problem.
    uses_summaries = {
        kind: reported(lambda kind=kind: cache.remember(
            "templates", cache.key(templates, kind),
            lambda: "summaries" in template_names(env, f"{kind}.html")), [], True)
        for kind in {p.kind for p in inputs.pages}}
    keys = {}
    for page in inputs.pages:
        if page.source in inputs.blocked:
            continue
        datasets = tuple(inputs.datasets[n] for n in page.datasets if n in inputs.datasets)
        used = {f.source for d in datasets for f in d.figures}
        used |= {page.scope.source} if page.scope else set()
        keys[page.source] = cache.key(
            "render", templates, inputs.settings, page, datasets, tuple(nav),
            tuple(s for s in inputs.sources.values() if s.id in used),
            tuple(cache.chart_key(chart_job(inputs, s, page)) for s in page.charts
                  if s.dataset in inputs.datasets),
            summaries if uses_summaries[page.kind] else (), bool(inputs.glossary),
            trust.is_overdue(page, today))
    return keys


def template_names(env: jinja2.Environment, name: str) -> set[str]:
    """The variables a template and the templates it extends or includes use."""
    names: set[str] = set()
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0] if env.loader else ""
            tree = env.parse(source, name=current)
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as e:
            raise BuildError([render.template_problem(e, current)]) from e
        names |= jinja2.meta.find_undeclared_variables(tree)
        todo += [t for t in jinja2.meta.find_referenced_templates(tree) if t]
    return names


def render_page(env: jinja2.Environment, page: Page, inputs: Inputs, output: PurePosixPath,
                nav: list[Page], svgs: Mapping[ChartJob, str], today: dt.date | None = None,
                png: Callable[..., bytes] = card.to_png,
                ) -> tuple[Files, list[SourceError], list[SourceError]]:
    """Render one content page and what goes with it (card, CSVs, handout); files, problems."""
    figures = local_figures(page, inputs.datasets)
    root = render.relative_root(output.as_posix())
    views = {}
    for spec in page.charts:
        job = chart_job(inputs, spec, page)
        views[spec.name] = layers.named_once(render.chart_view(spec, job.figures, svgs[job]),
                                             spec.kind)
    answer_chart = page.answer.chart if page.answer else ""
    chart_html = {name: render.render_template(env, "_chart.html", chart=view, root=root,
                                               level=2 if name == answer_chart else 3)
                  for name, view in views.items()}
    body, errors = render.render_prose(page.source, page.body_line, page.body, figures,
                                       {n: h for n, h in chart_html.items() if n != answer_chart})
    d = page_denominator(page, list(figures.values()))
    warnings = render.prose_warnings(page.source, page.body_line, page.body, denominator=d)
    # Titles and chart words are prose a patient reads too: typed numbers there have no source.
    for key in ("title", "description"):
        warnings += render.prose_warnings(page.source, page.lines.get(key, 1),
                                          getattr(page, key), heading=True, denominator=d)
    for spec in page.charts:
        warnings += render.prose_warnings(page.source, spec.line, f"{spec.title} {spec.outcome}",
                                          heading=True, denominator=spec.denominator or d)
    messages = []
    for index, text in enumerate(page.key_messages):
        line = page.lines.get(f"key_messages.{index}", 1)
        html, message_errors = render.render_prose(page.source, line, text, figures, {},
                                                   inline=True)
        errors += message_errors
        warnings += render.prose_warnings(page.source, line, text, key_message=True,
                                          denominator=d)
        messages.append(render.mark_safe(html))
    page_datasets = [inputs.datasets[n] for n in page.datasets]
    layer_context, layer_errors, layer_warnings = layers.render_layers(
        page, figures, inputs.sources, page_datasets)
    layer_context["glossary"] = bool(inputs.glossary)
    layer_context["answer_chart"] = render.mark_safe(chart_html.get(answer_chart, ""))
    layer_context["contents"] = layers.contents(body)
    errors += layer_errors
    warnings += layer_warnings
    card_text, card_errors = share.card_text(page, figures)
    errors += card_errors
    if errors:
        return {}, errors, warnings
    used = {f.source for f in figures.values()} | {page.scope.source if page.scope else ""}
    sources = [s for s in inputs.sources.values() if s.id in used]
    meta = metadata.page_meta(inputs.settings, output.as_posix(), title=page.title,
                              description=page.description, page=page, card_text=card_text,
                              sources=sources)
    context = dict(site=inputs.settings, page=page, root=root, key_messages=messages, nav=nav,
                   meta=meta, sources=sources,
                   trust=trust.make_trust(inputs.settings, page, meta.canonical, today),
                   **layer_context)
    html = render.render_template(
        env, f"{page.kind}.html", body=render.mark_safe(body), figures=list(figures.values()),
        datasets=[inputs.datasets[n] for n in page.datasets],
        summaries=[p for p in inputs.pages if p.kind == "summary"], **context)
    plotted = {spec.name: chart_job(inputs, spec, page).figures for spec in page.charts}
    return {output: html} | share.page_files(env, output, context, card_text, plotted,
                                             chart_html, list(figures.values()),
                                             inputs.sources, inputs.datasets, png), [], warnings
