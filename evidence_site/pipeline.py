"""Read everything, validate, render and check: return the whole site. Reads, never writes."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TypeVar

import jinja2

from evidence_site import cache as caching
from evidence_site import shapes, theme
from evidence_site.cache import Cache, ChartJob, Progress
from evidence_site.check import readability
from evidence_site.check import site as check
from evidence_site.errors import BuildError, SourceError, sort_key
from evidence_site.present import colours, drawing, layers, metadata, numbers, render, share, trust
from evidence_site.present import style as site_style
from evidence_site.read import content, data, files, glossary, settings
from evidence_site.records import (
    ChartSpec,
    Dataset,
    Figure,
    Page,
    Project,
    Settings,
    Source,
    Stored,
)

Files = dict[PurePosixPath, str | bytes]
# Files on their way through the build: a file kept in .cache/ travels as its Stored marker.
Marked = dict[PurePosixPath, "str | bytes | Stored | drawing.Picture"]
Loaders = dict[PurePosixPath, Callable[[], "str | bytes"]]
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
    # The cache key each page (by source) and dataset (by name) was parsed under: a page's
    # rendering key hashes these instead of the records they name.
    parsed: Mapping[Path | str, str] = field(default_factory=dict)
    facts: Mapping[Path, PageFacts] = field(default_factory=dict)  # by page source: read_facts


class SiteFiles(Mapping[PurePosixPath, "str | bytes"]):
    """The site's files; one kept in .cache/ (an unchanged page's) is read when first asked for.

    stored(path) gives such a file's digest without reading it: the writer links the published
    file whose digest it recorded, so a warm build never reads what did not change.
    """

    def __init__(self, files: Marked, loaders: Loaders) -> None:
        self.files, self.loaders = files, loaders

    def __getitem__(self, path: PurePosixPath) -> str | bytes:
        content = self.files[path]
        if isinstance(content, Stored):
            content = self.files[path] = self.loaders[path]()
        return content  # type: ignore[return-value]

    def __iter__(self) -> Iterator[PurePosixPath]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def __contains__(self, path: object) -> bool:
        return path in self.files

    def stored(self, path: PurePosixPath) -> Stored | None:
        """The marker of a file not read yet (None: it is in memory)."""
        content = self.files[path]
        return content if isinstance(content, Stored) else None


@dataclass(frozen=True)
class Site:
    """The finished site and the warnings met on the way."""

    files: Mapping[PurePosixPath, str | bytes]  # a SiteFiles
    warnings: tuple[SourceError, ...]
    pages: int = 0
    charts_rendered: int = 0
    charts_reused: int = 0
    readability: tuple[readability.Reading, ...] = ()
    page_records: tuple[Page, ...] = ()  # every content page, as parsed


def load_static(static_dir: Path, shown: Path
                ) -> tuple[dict[PurePosixPath, bytes], list[SourceError]]:
    """Every file under static/, as bytes, to be copied as it is; links out are refused, and a
    stylesheet must be UTF-8 (it is inlined in every page)."""
    paths, errors = files.list_files(static_dir, shown, "**/*")
    static = {}
    for path in paths:
        relative = path.relative_to(static_dir)
        raw = path.read_bytes()
        if path.suffix == ".css" and (problems := files.decode(raw, shown / relative)[1]):
            errors += problems
            continue
        static[PurePosixPath("static", relative.as_posix())] = raw
    return static, errors


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
    Each file is parsed by a pure function, memoised here by the file's text.
    """
    rel = project.rel
    cache = cache or caching.load_cache(None)
    data_dir, data_shown = project.data_dir, rel(project.data_dir)
    site_settings, errors = settings.load_settings(project.settings_file,
                                                   rel(project.settings_file))
    text, shown, source_errors = data.read_sources(data_dir, data_shown)
    sources, source_errors = (cache.memo("sources", data.parse_sources)(text, shown)
                              if text is not None else ({}, source_errors))
    datasets, data_errors, warnings, dataset_keys = read_datasets(
        project, cache, None if source_errors else sources)
    pages, page_errors, page_keys = read_pages(project, cache)
    text, glossary_errors = glossary.read_glossary(data_dir, data_shown)
    terms, glossary_errors = (cache.memo("glossary", glossary.parse_glossary)(
        text, data_shown / glossary.FILE) if text is not None else ((), glossary_errors))
    static, static_errors = site_static(project)
    # Templates are read by Jinja later; a link out of the project, or a template that is not
    # UTF-8, is refused before that.
    template_files, template_errors = files.list_files(
        project.templates_dir, rel(project.templates_dir), "**/*")
    template_errors += [problem for path in template_files if path.suffix == ".html"
                        for problem in files.decode(path.read_bytes(), rel(path))[1]]
    failed = {e.path.name.removesuffix(".meta.toml").removesuffix(".csv") for e in data_errors}
    errors += source_errors + data_errors + page_errors + glossary_errors + static_errors
    errors += template_errors
    facts = read_facts(cache, pages, datasets, page_keys | dataset_keys, failed)
    errors += cross_check(pages, datasets, failed=failed, facts=facts)
    if site_settings is None or template_errors:
        return None, errors
    # Without sources.csv, a figure's source cannot be shown: pages with data wait for it.
    blocked = frozenset(p.source for p in pages if p.source in {e.path for e in errors}
                        or failed.intersection(p.datasets) or (source_errors and p.datasets))
    warnings += settings.settings_warnings(site_settings, rel(project.settings_file))
    return Inputs(site_settings, sources, datasets, tuple(pages), static, tuple(warnings),
                  terms, blocked, page_keys | dataset_keys, facts), errors


def read_pages(project: Project, cache: Cache
               ) -> tuple[list[Page], list[SourceError], dict[Path | str, str]]:
    """Every page of content/ and its problems, each file parsed once (memoised by its bytes'
    hash, which the record of input files gives without reading a file that did not change);
    the key each page was parsed under, by its source."""
    rel = project.rel(project.content_dir)
    paths, errors = content.list_pages(project.content_dir, rel)
    items = []
    for path in paths:
        shown = rel / path.name
        digest, raw = cache.digests.load_digest(path)
        items.append((cache.key("pages", str(shown), digest),
                      functools.partial(content.load_page, path, shown, raw)))
    pages, keys = [], {}
    for (key, _), (page, problems) in zip(items, cache.remember_all("pages", items), strict=True):
        if page is not None:
            pages.append(page)
            keys[page.source] = key
        errors += problems
    return pages, errors, keys


def read_datasets(project: Project, cache: Cache, sources: Mapping[str, Source] | None
                  ) -> tuple[Datasets, list[SourceError], list[SourceError], dict[Path | str, str]]:
    """Every dataset, parsed when first asked for (memoised by its files' hashes and the
    sources), every problem and warning of the datasets, and the key each was parsed under.

    What a build needs of every dataset (its problems and warnings) is kept apart from the
    records and read back in packs: a rebuild reads only the datasets of pages it works on."""
    rel = project.rel(project.data_dir)
    found, errors = data.list_datasets(project.data_dir, rel)
    cited = cache.key("sources", sources)
    items, keys, parse = [], {}, {}
    for path, sidecar in found:
        shown = rel / path.name
        digest, raw = cache.digests.load_digest(path)
        side_digest, side_raw = cache.digests.load_digest(sidecar) if sidecar else ("", None)
        key = keys[path.stem] = cache.key("datasets", str(shown), digest, side_digest, cited)
        parse[path.stem] = functools.partial(cache.remember, "datasets", key, functools.partial(
            parsed_dataset, path, shown, sidecar, raw, side_raw, sources))
        items.append((key, functools.partial(dataset_notes, parse[path.stem])))
    warnings: list[SourceError] = []
    names = []
    for name, (made, problems, warned) in zip(parse, cache.remember_all("dataset-notes", items),
                                              strict=True):
        errors += problems
        warnings += warned
        if made:
            names.append(name)
    return Datasets({name: parse[name] for name in names}), errors, warnings, keys


def dataset_notes(parse: Callable[[], tuple[Dataset | None, list[SourceError],
                                            list[SourceError]]]
                  ) -> tuple[bool, list[SourceError], list[SourceError]]:
    """Of one dataset's parse: whether it made a dataset, its problems and its warnings."""
    dataset, problems, warned = parse()
    return dataset is not None, problems, warned


class Datasets(Mapping[str, Dataset]):
    """The datasets by name, each parsed (or read back from .cache/) when first asked for."""

    def __init__(self, parse: Mapping[str, Callable[[], tuple[Dataset | None, list, list]]]
                 ) -> None:
        self.parse, self.made = parse, {}

    def __getitem__(self, name: str) -> Dataset:
        if name not in self.made:
            dataset = self.parse[name]()[0]
            assert dataset is not None  # listed only when its parse made one
            self.made[name] = dataset
        return self.made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.parse)

    def __len__(self) -> int:
        return len(self.parse)

    def __contains__(self, name: object) -> bool:
        return name in self.parse


@dataclass(frozen=True)
class PageFacts:
    """What the site needs of one page and its datasets, worked out once and kept: its own
    problems (cross_check), the groups its charts draw (the palette), the sources its
    figures cite."""

    problems: tuple[SourceError, ...]
    groups: tuple[str, ...]
    cited: frozenset[str]


def page_facts(page: Page, datasets: Mapping[str, Dataset], failed: Set[str] = frozenset()
               ) -> PageFacts:
    """One page's PageFacts."""
    return PageFacts(tuple(page_problems(page, datasets, failed=failed)),
                     tuple(f.group for spec in page.charts if spec.dataset in datasets
                           for f in chart_figures(datasets[spec.dataset], spec.measure,
                                                  spec.figures)),
                     frozenset(f.source for f in page_figures(page, datasets)))


def read_facts(cache: Cache, pages: Sequence[Page], datasets: Mapping[str, Dataset],
               keys: Mapping[Path | str, str], failed: Set[str]) -> dict[Path, PageFacts]:
    """Every page's PageFacts, memoised by the keys its page and datasets were parsed under
    (and the names of all datasets, which a missing one's message lists), in packs: an edit
    reads only the datasets of the pages in the packs it changes."""
    items = []
    for page in pages:
        missing = any(name not in datasets for name in page.datasets)
        key = cache.key("page-facts", keys.get(page.source) or page,
                        [(name, keys.get(name) if name in datasets else None)
                         for name in page.datasets],
                        sorted(failed.intersection(page.datasets)),
                        sorted(datasets) if missing else ())
        items.append((key, functools.partial(page_facts, page, datasets, failed)))
    return {page.source: facts for page, facts in
            zip(pages, cache.remember_all("page-facts", items), strict=True)}


def parsed_dataset(path: Path, shown: Path, sidecar: Path | None, raw: bytes | None,
                   side_raw: bytes | None, sources: Mapping[str, Source] | None
                   ) -> tuple[Dataset | None, list[SourceError], list[SourceError]]:
    """One dataset's files read (unless given) and parsed: a sidecar that is not UTF-8 is
    one of its problems."""
    files_read, problems = data.load_dataset_files(path, shown, sidecar, raw, side_raw)
    return (None, problems, []) if files_read is None else data.parse_dataset(*files_read,
                                                                               sources)


def cross_check(pages: list[Page], datasets: Mapping[str, Dataset], *,
                failed: Set[str] = frozenset(),
                facts: Mapping[Path, PageFacts] | None = None) -> list[SourceError]:
    """Pages must name datasets and charts that exist, and slugs must be unique.

    failed names the datasets with problems of their own: a page using one is not checked
    further, as its dataset's errors say why it is missing. facts holds each page's own
    problems, worked out before (read_facts).
    """
    errors = []
    seen: dict[str, Path] = {}
    for page in pages:
        if page.slug in seen:
            errors.append(SourceError(page.source, page.lines.get("slug"), f"slug {page.slug!r} "
                                      f"is already used by {seen[page.slug]}"))
        seen.setdefault(page.slug, page.source)
        errors += (facts[page.source].problems if facts and page.source in facts else
                   page_problems(page, datasets, failed=failed))
    return errors


def page_problems(page: Page, datasets: Mapping[str, Dataset], *,
                  failed: Set[str] = frozenset()) -> list[SourceError]:
    """cross_check of one page: the datasets, figures and charts it names (failed: see there)."""
    errors: list[SourceError] = []
    if failed.intersection(page.datasets):
        return errors
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
    denominator = page_denominator(page, page_figures(page, datasets))
    for spec in page.charts:
        if spec.dataset not in page.datasets:
            errors.append(SourceError(page.source, spec.line, f"chart {spec.name!r} uses "
                                      f"dataset {spec.dataset!r}, which is not in this page's "
                                      "datasets"))
        elif spec.dataset in datasets:
            errors += check_chart_figures(page, spec, datasets[spec.dataset], denominator)
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


def chart_figures(dataset: Dataset, measure: str, ids: tuple[str, ...] = ()) -> list[Figure]:
    """The figures one chart draws: the ones listed by id, else all of the measure, in order."""
    if ids:
        by_id = dataset.by_id()
        return [by_id[i] for i in ids if i in by_id and by_id[i].measure == measure]
    return [f for f in dataset.figures if f.measure == measure]


def build(project: Project, *, strict: bool = False, cache: Cache | None = None,
          workers: int = 1, progress: Progress | None = None, today: dt.date | None = None,
          converter: ProcessPoolExecutor | None = None) -> Site:
    """Return every output file, or raise BuildError (warnings too, under strict).

    With a cache, unchanged inputs are not parsed again, unchanged pages are not rendered
    again, and only new charts are drawn (by `workers` processes, or beside the converter
    the command started: converter.started_converter); the output is the same.
    today (build.py --date) decides which summaries are past their review date; None skips that.
    """
    cache = cache or caching.load_cache(None)
    inputs, errors = read_inputs(project, cache)
    if inputs is None:
        raise BuildError(errors)  # without settings or templates, no page can be rendered
    # Inlined in every page, so keyed with them; memoised, as minifying takes a while.
    style = cache.memo("style", site_style.site_style)(inputs.static)
    templates = cache.key(caching.load_templates(project.templates_dir), style)
    # The preview server keeps compiled templates between rebuilds while they are unchanged.
    env = cache.keep("env", templates,
                     lambda: render.make_env(project.templates_dir, style=style))
    pictures = drawing.Pictures(cache, workers=workers, converter=converter)
    files, rendered, checks, loaders = render_pages(env, templates, inputs, today, cache,
                                                    workers, progress, errors, pictures)
    files = inputs.static | files | reported(lambda: shared_pages(env, inputs), errors, {})
    if errors:
        raise BuildError(set(errors))  # one template problem is met by every page using it
    files |= share.site_files(env, inputs.settings, inputs.pages, summaries(inputs),
                              nav(inputs), inputs.static, files, style)
    pictures.ahead(files)  # the converter draws the site's own card and icons meanwhile
    warnings = [*inputs.warnings, *trust.review_warnings(inputs.pages, today), *rendered]
    # The checks read pages, stylesheets and file names only: the pictures can wait.
    problems, warnings, readings = check_output(SiteFiles(files, loaders), inputs, warnings,
                                                cache, checks, strict=strict)
    if problems:
        raise BuildError(problems)
    site_files = SiteFiles(pictures_drawn(cache, files, loaders, pictures), loaders)
    return Site(site_files, tuple(sorted(set(warnings), key=sort_key)),
                sum(1 for p in files if p.suffix == ".html"), cache.rendered, cache.reused,
                readings, inputs.pages)


def pictures_drawn(cache: Cache, files: Marked, loaders: Loaders,
                   pictures: drawing.Pictures) -> Marked:
    """The files with every picture as the Stored marker of its PNG, named by its key in
    .cache/: one drawn before is not read unless the writer needs it; pictures.draw draws
    the rest."""
    keys = {path: pictures.key(f) for path, f in files.items() if isinstance(f, drawing.Picture)}
    before = {path for path, key in keys.items() if cache.listed("png", key)}
    cache.use(*(caching.entry_path("png", keys[path]) for path in before))
    # Those the converter is still drawing are waited for when written (write_site): the
    # cache's other entries are written meanwhile.
    drawn = pictures.draw({path: files[path] for path in keys if path not in before},
                          later=True)
    for path, key in keys.items():
        picture = files[path]
        assert isinstance(picture, drawing.Picture)
        loaders[path] = functools.partial(stored_png, cache, key, picture, drawn.get(path))
    return {path: Stored(keys[path]) if path in keys else files[path] for path in files}


def stored_png(cache: Cache, key: str, picture: drawing.Picture,
               drawn: str | bytes | Callable[[], bytes] | None) -> str | bytes:
    """A picture's PNG: drawn by this build (waited for, if still being drawn), else read from
    .cache/ (drawn again if lost)."""
    if callable(drawn):
        return drawn()
    if drawn is not None:
        return drawn
    found = cache.load_value("png", key)
    return found if isinstance(found, bytes) else drawing.png_of(picture)


@dataclass(frozen=True)
class PageInputs:
    """Everything one page is made from, worked out once: its rendering is keyed by this."""

    page: Page
    output: PurePosixPath
    figures: Mapping[str, Figure]  # as the page shows them (local_figures)
    denominator: int
    charts: tuple[tuple[ChartSpec, ChartJob], ...]
    sources: Mapping[str, Source]  # the ones it cites (all, if its scope cites an unknown one)
    datasets: Mapping[str, Dataset]
    settings: Settings
    nav: tuple[Page, ...]
    summaries: tuple[Page, ...]  # plain pages may list the summaries; a summary is not given them
    terms: tuple[glossary.Term, ...]
    overdue: bool

    @functools.cached_property
    def card(self) -> tuple[str, tuple[SourceError, ...]]:
        """share.card_text, worked out once for the picture and the page (not before the charts
        are handed to the converter: a cold build waits for those)."""
        text, errors = share.card_text(self.page, self.figures)
        return text, tuple(errors)


def nav(inputs: Inputs) -> tuple[Page, ...]:
    """The plain pages (kind: page), in menu order."""
    return tuple(sorted((p for p in inputs.pages if p.kind == "page"),
                        key=lambda p: (p.order, p.title)))


def summaries(inputs: Inputs) -> tuple[Page, ...]:
    """The summaries, in the order the home page lists them."""
    return tuple(sorted((p for p in inputs.pages if p.kind == "summary"),
                        key=lambda p: (p.order, p.title)))


def page_context(inputs: Inputs) -> tuple[tuple[dict[str, str], dict[str, int]],
                                          tuple[Page, ...], tuple[Page, ...]]:
    """What every page's PageInputs shares: the site's palette, the menu, the summaries."""
    return (site_palette(inputs), nav(inputs),
            tuple(p for p in inputs.pages if p.kind == "summary"))


def describe_page(inputs: Inputs, page: Page, palette: tuple[dict[str, str], dict[str, int]],
                  menu: tuple[Page, ...], listed: tuple[Page, ...], today: dt.date | None,
                  ) -> PageInputs:
    """One page's PageInputs."""
    figures = local_figures(page, inputs.datasets)
    d = page_denominator(page, page_figures(page, inputs.datasets))
    return PageInputs(
        page=page, output=PurePosixPath(render.page_url(page.slug, page.kind)), figures=figures,
        denominator=d,
        charts=tuple((spec, chart_job(inputs.datasets[spec.dataset], spec, d, palette))
                     for spec in page.charts),
        sources=page_sources(inputs, page), datasets=page_datasets(inputs, page),
        settings=inputs.settings,
        nav=menu, summaries=listed if page.kind == "page" else (), terms=inputs.glossary,
        overdue=trust.is_overdue(page, today))


def facts_of(inputs: Inputs, page: Page) -> PageFacts:
    """A page's PageFacts, as read_facts found them (worked out here if it did not)."""
    found = inputs.facts.get(page.source)
    return found if found is not None else page_facts(page, inputs.datasets)


def page_sources(inputs: Inputs, page: Page) -> dict[str, Source]:
    """The sources a page cites (all of them, if its scope cites an unknown one)."""
    used = set(facts_of(inputs, page).cited)
    used.add(page.scope.source if page.scope else "")
    scope_known = not page.scope or not page.scope.source or page.scope.source in inputs.sources
    return {i: s for i, s in inputs.sources.items() if i in used or not scope_known}


def page_datasets(inputs: Inputs, page: Page) -> dict[str, Dataset]:
    """The datasets a page uses, by name."""
    return {n: inputs.datasets[n] for n in page.datasets}


def page_keys(inputs: Inputs, pages: Sequence[Page], templates: str, cache: Cache,
              context: tuple[tuple[dict[str, str], dict[str, int]], tuple[Page, ...],
                             tuple[Page, ...]], today: dt.date | None, lists: bool = True,
              ) -> dict[Path, str]:
    """Each page's rendering key: a hash of everything its PageInputs is made from.

    What every page shares is hashed once, so an unchanged page is found without working out
    its PageInputs; PageInputs is a pure function of exactly these values. A page or dataset
    stands in by the key it was parsed under (its record is a pure function of that key).
    Plain pages are keyed by the summaries they are given only when their template can show
    them (lists: plain_pages_list), so editing a summary does not render them again.
    """
    palette, menu, listed = context
    parsed = inputs.parsed
    shared = cache.key("site", templates, inputs.settings, palette, menu, inputs.glossary)
    listing = cache.key("listing", [parsed.get(p.source) or p for p in listed]) if lists else ""
    return {page.source: cache.key(
        "render", shared, listing if page.kind == "page" else "", parsed.get(page.source) or page,
        [(name, parsed.get(name) or inputs.datasets[name]) for name in page.datasets],
        page_sources(inputs, page), trust.is_overdue(page, today))
            for page in pages}


def plain_pages_list(env: jinja2.Environment, templates: str, cache: Cache) -> bool:
    """Whether the plain pages' template (page.html, the site's or the theme's) can show the
    summaries: memoised by the templates' key."""
    return cache.remember("lists-summaries", cache.key("lists-summaries", templates),
                          lambda: render.names_variable(env, "page.html", "summaries"))


def denominator_warnings(record: PageInputs) -> list[SourceError]:
    """A chart whose denominator differs from its page's: readers compare across a page."""
    d = record.denominator
    return [SourceError(record.page.source, spec.line, f"chart {spec.name!r} shows people out "
                        f"of {numbers.grouped(spec.denominator)} but the rest of the page uses "
                        f"{numbers.grouped(d)}; readers compare numbers across a page, so keep "
                        "one denominator unless this chart needs its own")
            for spec, _ in record.charts if spec.denominator not in (0, d)]


def render_pages(env: jinja2.Environment, templates: str, inputs: Inputs,
                 today: dt.date | None, cache: Cache, workers: int, progress: Progress | None,
                 errors: list[SourceError], pictures: drawing.Pictures | None = None,
                 ) -> tuple[Marked, list[SourceError], PageChecks, Loaders]:
    """Every page's files (drawing the charts of pages not rendered before, and handing their
    pictures ahead to be drawn); their warnings; the checks of their HTML, made with each
    rendering; how to read each file kept in .cache/.

    A page is rendered again only when its PageInputs or the templates change; an unchanged
    page is found by its key (page_keys) and not described again. Its rendering is stored as
    a small record (its files as Stored markers, its warnings and checks) and its files apart,
    read only when asked for (SiteFiles).
    """
    pages = [page for page in inputs.pages if page.source not in inputs.blocked]
    context = page_context(inputs)
    keys = page_keys(inputs, pages, templates, cache, context, today,
                     lists=plain_pages_list(env, templates, cache))
    stored = cache.packed("render", [keys[page.source] for page in pages])
    todo = [page for page in pages if not (cache.listed("page-files", keys[page.source]) and (
        keys[page.source] in stored or cache.has("render", keys[page.source])))]
    records = {page.source: describe_page(inputs, page, *context, today) for page in todo}
    cache.reused += sum(len(p.charts) for p in pages) - sum(len(p.charts) for p in todo)
    svgs: dict[ChartJob, str] = {}
    early: dict[Path, Rendered | None] = {}

    def rendered(page: Page) -> Rendered | None:
        key = keys[page.source]
        if key in stored and page.source not in records:
            return stored[key]
        return reported(lambda: cache.remember("render", key, lambda: stored_page(
            cache, key, checked_page(env, records[page.source],
                                     charts_of(cache, records[page.source], svgs))),
            again=page.source in records), errors, None)

    def meanwhile() -> Iterator[str | None]:
        """While the converter draws the charts (and the pictures after them): hand it the
        pictures known already (after the charts: the pages wait for those), compile the
        templates, then render each page as soon as its charts are drawn."""
        if pictures is None or pictures.converter is None:
            return
        pictures.ahead(early_pictures(inputs, records.values()))
        yield
        for name in env.list_templates(extensions=["html"]):
            # Compiled now to be ready; any problem is reported when a page uses the template.
            with contextlib.suppress(jinja2.TemplateError, UnicodeDecodeError, OSError,
                                     RecursionError):
                env.get_template(name)
            yield
        # Pages without charts first; charts are drawn in the pages' order, so the other
        # pages are ready in that order.
        waiting = collections.deque(sorted(todo, key=lambda p: bool(records[p.source].charts)))
        while waiting:
            if all(job in svgs for _, job in records[waiting[0].source].charts):
                page = waiting.popleft()
                early[page.source] = rendered(page)
                yield None
            else:
                yield drawing.WAIT

    drawing.render_charts(
        cache, [job for r in records.values() for _, job in r.charts], workers=workers,
        progress=progress, pictures=pictures, idle=meanwhile(), svgs=svgs)
    step = {page.source: done for done, page in enumerate(todo, start=1)}
    files: Marked = {}
    warnings: list[SourceError] = []
    checks: PageChecks = {}
    loaders: Loaders = {}
    for page in pages:
        key = keys[page.source]
        result = early[page.source] if page.source in early else rendered(page)
        if result is not None:
            files |= result.files
            if pictures:
                pictures.ahead(result.files)
            errors += result.errors
            warnings += result.warnings
            checks |= {path: (result.files[path], *found) for path, *found in result.checks}
            again = functools.partial(render_again, env, inputs, page, context, today, cache)
            loaders |= {path: functools.partial(page_file, cache, key, path, again)
                        for path, content in result.files.items() if isinstance(content, Stored)}
        if progress and page.source in step:
            progress("pages", step[page.source], len(todo))
    cache.pack("render", [keys[page.source] for page in pages])
    return files, warnings, checks, loaders


def early_pictures(inputs: Inputs, records: Iterable[PageInputs]) -> share.Files:
    """The pictures a build will draw, known before its pages are rendered: the site's own and
    each summary's card (as render_page makes it)."""
    files = share.site_pictures(inputs.settings, inputs.static)
    for record in records:
        text, errors = record.card
        if text and not errors:
            files[record.output.parent / "card.png"] = share.card_picture(
                record.settings, record.page, text, list(record.sources.values()))
    return files


def stored_page(cache: Cache, key: str, rendered: Rendered) -> Rendered:
    """A rendering as kept: its files (not its pictures) stored apart, here Stored markers."""
    contents = {path: content for path, content in rendered.files.items()
                if isinstance(content, str | bytes)}
    cache.remember("page-files", key, lambda: contents, again=True)
    return replace(rendered, files={path: Stored.of(content) if path in contents else content
                                    for path, content in rendered.files.items()})


def page_file(cache: Cache, key: str, path: PurePosixPath,
              again: Callable[[], Files]) -> str | bytes:
    """One file of an unchanged page, read from .cache/ (rendered again if it cannot be)."""
    contents = cache.load_value("page-files", key)
    if not isinstance(contents, dict) or path not in contents:
        contents = again()
    return contents[path]


def render_again(env: jinja2.Environment, inputs: Inputs, page: Page,
                 context: tuple[tuple[dict[str, str], dict[str, int]], tuple[Page, ...],
                                tuple[Page, ...]], today: dt.date | None, cache: Cache) -> Files:
    """A page's files rendered again: its stored files were lost after the build found them."""
    record = describe_page(inputs, page, *context, today)
    svgs = drawing.render_charts(cache, [job for _, job in record.charts], workers=1,
                                 progress=None)
    return checked_page(env, record, charts_of(cache, record, svgs)).files  # type: ignore


def charts_of(cache: Cache, record: PageInputs, svgs: Mapping[ChartJob, str]
              ) -> dict[ChartJob, str]:
    """A page's chart SVGs, noted as used by its rendering (kept while the page is)."""
    cache.use(*(caching.svg_path(cache.chart_key(job)) for _, job in record.charts))
    return {job: svgs[job] for _, job in record.charts}


def shared_pages(env: jinja2.Environment, inputs: Inputs) -> Files:
    """The glossary and home pages, unless a content page takes their place."""
    slugs = {p.slug for p in inputs.pages}
    site, menu = inputs.settings, nav(inputs)
    files: Files = {}
    if inputs.glossary and "glossary" not in slugs:
        files[PurePosixPath(glossary.URL)] = render.render_template(
            env, "glossary.html", site=site, root="../", nav=menu, page=None,
            terms=inputs.glossary, meta=metadata.page_meta(
                site, glossary.URL, title=f"Glossary | {site.name}",
                description="Plain meanings of the medical words used on this site."))
    if "index" not in slugs:
        files[PurePosixPath("index.html")] = render.render_template(
            env, "index.html", site=site, root="", summaries=summaries(inputs), nav=menu,
            page=None, meta=metadata.page_meta(site, "index.html", title=site.name,
                                               description=site.description))
    return files


def check_output(files: Mapping[PurePosixPath, str | bytes], inputs: Inputs,
                 warnings: list[SourceError], cache: Cache, checks: PageChecks | None = None, *,
                 strict: bool,
                 ) -> tuple[list[SourceError], list[SourceError], tuple[readability.Reading, ...]]:
    """Check the finished files, each page parsed once: (problems that stop the build, all
    warnings, readings). Under strict, warnings stop the build too, and so does what
    `build.py check` finds, before anything is written. The checks read pages, stylesheets
    and file names, so PNGs may still be drawing (a drawing.Picture in files).

    checks holds what was found in pages as they were rendered: used for the very text checked,
    so a page kept in .cache/ (a SiteFiles' Stored marker) is not read; the audit under strict
    reads it.
    """
    checks = checks or {}
    report = cache.memo("page-checks", check.page_report)
    measure = cache.memo("readability", readability.measure_page)
    audit = cache.memo("page-audit", check.audit_page)
    marked = files.files if isinstance(files, SiteFiles) else files

    def made(path: PurePosixPath, html: str | Stored
             ) -> tuple[check.PageReport, readability.Reading | None] | None:
        found = checks.get(path)
        return found[1:] if found is not None and found[0] is html else None

    def text(path: PurePosixPath, html: str | Stored) -> str:
        return files[path] if isinstance(html, Stored) else html  # type: ignore[return-value]

    def page_report(path: PurePosixPath, html: str | Stored) -> check.PageReport:
        found = made(path, html)
        return found[0] if found else report(path, text(path, html))

    def page_reading(path: PurePosixPath, html: str | Stored) -> readability.Reading | None:
        found = made(path, html)
        return found[1] if found else measure(path, text(path, html))

    def deeper(path: PurePosixPath, html: str | Stored, sheets: check.Sheets
               ) -> tuple[SourceError, ...]:
        return audit(path, text(path, html), sheets)

    checked = check.check_build(
        marked, {PurePosixPath(render.page_url(p.slug, p.kind)): p.source for p in inputs.pages},
        inputs.settings.max_grade, strict=strict, warned=bool(warnings),
        report=page_report, measure=page_reading, deeper=deeper)
    warnings = [*warnings, *checked.warnings]
    problems = checked.errors or (warnings if strict else []) or checked.audit
    return list(problems), warnings, checked.readings


def site_palette(inputs: Inputs) -> tuple[dict[str, str], dict[str, int]]:
    """Every charted group's colour and style, site-wide."""
    pages = sorted(inputs.pages, key=lambda p: (p.order, p.title))  # the summaries' order
    groups = [group for page in pages for group in facts_of(inputs, page).groups]
    return (colours.site_colours(groups, dict(inputs.settings.colours)),
            colours.site_styles(groups))


def reported(make: Callable[[], T], errors: list[SourceError], default: T) -> T:
    """make(), or default with the problems it raised added to errors, so rendering goes on."""
    try:
        return make()
    except BuildError as e:
        errors += e.errors
        return default


def chart_job(dataset: Dataset, spec: ChartSpec, page_denominator: int,
              palette: tuple[dict[str, str], dict[str, int]]) -> ChartJob:
    """What one chart draws: its kind, its figures (page-local copies) and its text alternative.

    People are shown out of the chart's denominator, else the page's; each group has the
    colour, dash and shape it has on every chart of the site.
    """
    d = spec.denominator or page_denominator
    plotted = chart_figures(dataset, spec.measure, spec.figures)
    people = any(f.kind == shapes.PEOPLE for f in plotted)
    site, styles = palette
    groups = colours.chart_palette(list(dict.fromkeys(f.group for f in plotted)), site, styles)
    return ChartJob(spec.kind, tuple(replace(f, denominator=d) if f.kind == shapes.PEOPLE else f
                                     for f in plotted), spec.title, spec.outcome,
                    denominator=d if people else 0, palette=groups)


@dataclass(frozen=True)
class Rendered:
    """One page's files, or the problems that stopped it; its warnings either way."""

    files: Files
    errors: tuple[SourceError, ...]
    warnings: tuple[SourceError, ...]
    checks: tuple[tuple[PurePosixPath, check.PageReport, readability.Reading | None], ...] = ()


# Each page's checks found as it was rendered: {path: (its HTML, report, reading)}.
PageChecks = dict[PurePosixPath, tuple[str, check.PageReport, readability.Reading | None]]


def checked_page(env: jinja2.Environment, record: PageInputs, svgs: Mapping[ChartJob, str]
                 ) -> Rendered:
    """render_page, with its denominator warnings and the checks of its HTML pages."""
    rendered = render_page(env, record, svgs)
    warnings = (*rendered.warnings, *denominator_warnings(record))
    if rendered.errors:
        return replace(rendered, warnings=warnings)
    return replace(rendered, warnings=warnings, checks=tuple(
        (path, check.page_report(path, html), readability.measure_page(path, html))
        for path, html in rendered.files.items()
        if path.suffix == ".html" and isinstance(html, str)))


def render_page(env: jinja2.Environment, record: PageInputs, svgs: Mapping[ChartJob, str]
                ) -> Rendered:
    """Render one content page and what goes with it (card, CSVs, handout)."""
    page, figures = record.page, record.figures
    root = render.relative_root(record.output.as_posix())
    answer_chart = page.answer.chart if page.answer else ""
    chart_html = {spec.name: render.render_template(
        env, "_chart.html", root=root, level=2 if spec.name == answer_chart else 3,
        chart=layers.named_once(render.chart_view(spec, job.figures, svgs[job]), spec.kind))
        for spec, job in record.charts}
    body, errors = render.render_prose(page.source, page.body_line, page.body, figures,
                                       {n: h for n, h in chart_html.items() if n != answer_chart})
    warnings = page_warnings(record)
    messages = []
    for index, text in enumerate(page.key_messages):
        line = page.lines.get(f"key_messages.{index}", 1)
        html, message_errors = render.render_prose(page.source, line, text, figures, {},
                                                   inline=True)
        errors += message_errors
        messages.append(render.mark_safe(html))
    layer_context, layer_errors, layer_warnings = layers.render_layers(
        page, figures, record.sources, list(record.datasets.values()))
    card_text, card_errors = record.card
    errors += layer_errors + list(card_errors)
    warnings += layer_warnings
    if errors:
        return Rendered({}, tuple(errors), tuple(warnings))
    meta = metadata.page_meta(record.settings, record.output.as_posix(), title=page.title,
                              description=page.description, page=page, card_text=card_text,
                              sources=list(record.sources.values()))
    context = dict(site=record.settings, page=page, root=root, key_messages=messages,
                   nav=list(record.nav), meta=meta, sources=list(record.sources.values()),
                   trust=replace(trust.make_trust(record.settings, page, meta.canonical, None),
                                 overdue=record.overdue),
                   **layer_context, glossary=bool(record.terms),
                   answer_chart=render.mark_safe(chart_html.get(answer_chart, "")),
                   contents=layers.contents(body))
    listed = {"summaries": list(record.summaries)} if page.kind == "page" else {}
    html = render.render_template(
        env, f"{page.kind}.html", body=render.mark_safe(body), figures=list(figures.values()),
        datasets=list(record.datasets.values()), **listed, **context)
    files = {record.output: html} | share.page_files(
        env, record.output, context, card_text, {s.name: j.figures for s, j in record.charts},
        chart_html, list(figures.values()), record.sources, record.datasets)
    return Rendered({path: glossary.mark_terms(f, record.terms, render.relative_root(str(path)))
                     if path.suffix == ".html" and isinstance(f, str)
                     and path.as_posix() != glossary.URL else f
                     for path, f in files.items()}, (), tuple(warnings))


def page_warnings(record: PageInputs) -> list[SourceError]:
    """Typed numbers and risk phrasing in the prose a patient reads: body, titles, charts."""
    page, d = record.page, record.denominator
    warnings = render.prose_warnings(page.source, page.body_line, page.body, denominator=d)
    # Titles and chart words are prose a patient reads too: typed numbers there have no source.
    for key in ("title", "description"):
        warnings += render.prose_warnings(page.source, page.lines.get(key, 1),
                                          getattr(page, key), heading=True, denominator=d)
    for spec, _ in record.charts:
        warnings += render.prose_warnings(page.source, spec.line, f"{spec.title} {spec.outcome}",
                                          heading=True, denominator=spec.denominator or d)
    for index, text in enumerate(page.key_messages):
        warnings += render.prose_warnings(page.source, page.lines.get(f"key_messages.{index}", 1),
                                          text, key_message=True, denominator=d)
    return warnings
