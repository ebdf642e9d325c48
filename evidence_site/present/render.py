"""Stage 4: turn records into HTML strings: the Markdown body (Jinja first) and the pages."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import posixpath
import re
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from evidence_site import theme
from evidence_site.check import lint, safety
from evidence_site.errors import BuildError, SourceError
from evidence_site.present import metadata, numbers, prose
from evidence_site.present.style import NO_STYLE, Style
from evidence_site.records import ChartSpec, Figure

MARKDOWN_EXTENSIONS = ("extra", "sane_lists", "toc", "smarty")


@dataclass(frozen=True)
class Cell:
    """One table cell of a chart's data table."""

    about: str
    percent: str


@dataclass(frozen=True)
class ChartView:
    """Everything a page shows for one chart: picture, words and table."""

    name: str
    title: str
    svg: str
    summary: str
    groups: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell | None, ...]], ...]
    followed: str
    counts: str = "people out of 100"  # what the table's numbers count (its caption)


def make_env(templates_dir: Path, theme_dir: Path = theme.TEMPLATES,
             style: Style = NO_STYLE) -> jinja2.Environment:
    """Strict environment: a typo in a template fails the build; the site's templates win.

    Every page gets the site's inline style and the policy that allows it (style, csp).
    """
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates_dir),
                                    ThemeLoader(theme_dir)]),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals.update(style=style.element, csp=metadata.policy(style.source))
    return env


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's templates, each taken compiled ahead (theme/compiled/, read as Python's
    bytecode) when it was compiled from the same text with the same settings, else compiled
    here: compiling the theme's 16 templates took 55 ms of every build that renders a page."""

    def load(self, environment: jinja2.Environment, name: str,
             globals: Any = None) -> jinja2.Template:  # noqa: A002  (Jinja's name)
        source, filename, uptodate = self.get_source(environment, name)
        module = f"{theme.COMPILED}.{compiled_name(environment, name, source)}"
        spec = importlib.util.find_spec(module)
        if spec is None or spec.loader is None:
            return super().load(environment, name, globals)
        code = spec.loader.get_code(spec.name)  # type: ignore[attr-defined]
        template = environment.template_class.from_code(environment, code, globals, uptodate)
        template.filename = filename  # where its errors are reported, as if compiled here
        return template


def compiled_name(env: jinja2.Environment, name: str, source: str) -> str:
    """The module a theme template is shipped compiled as: named by a hash of its text and of
    everything Jinja's compiling depends on, so a module made from other text is never used."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    made_by = (jinja2.__version__, name, source, autoescape, env.finalize is None,
               env.optimized, sorted(env.extensions), env.keep_trailing_newline,
               env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.block_start_string,
               env.block_end_string, env.variable_start_string, env.variable_end_string,
               env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
               env.line_comment_prefix)
    digest = hashlib.sha256(repr(made_by).encode()).hexdigest()[:16]
    return f"{re.sub(r'[^a-z0-9]', '_', name.lower())}_{digest}"


def compiled_theme(env: jinja2.Environment) -> dict[str, str]:
    """The theme's templates compiled by env, as the modules theme/compiled/ holds
    ({file name: Python}); python3 dev.py theme writes them."""
    loader = ThemeLoader(theme.TEMPLATES)
    modules = {}
    for name in loader.list_templates():
        source = loader.get_source(env, name)[0]
        modules[f"{compiled_name(env, name, source)}.py"] = (
            f"# {name} of the default theme, compiled by Jinja {jinja2.__version__}: made by "
            f"python3 dev.py theme\n{env.compile(source, name, raw=True)}\n")
    return modules


FIGURE_FIELDS = ("about", "others", "interval", "exact", "percent", "period", "group", "followed")
RATIO_FIELDS = ("about", "period", "group", "followed")


class Figures:
    """The figures a page may cite, as {{ fig.ID.FIELD }}: nothing else of a Figure is reachable."""

    def __init__(self, figures: Mapping[str, Figure]) -> None:
        self._figures = dict(figures)

    def __getattr__(self, name: str) -> FigureWords:
        if name.startswith("_") or name not in self._figures:
            raise jinja2.UndefinedError(prose.unknown_figure_message(name, self._figures))
        return FigureWords(self._figures[name])


class FigureWords:
    """One figure as prose sees it: only the documented FIGURE_FIELDS, never value_high or quote."""

    __slots__ = ("_figure",)

    def __init__(self, figure: Figure) -> None:
        self._figure = figure

    def __getattr__(self, name: str) -> str:
        if name not in FIGURE_FIELDS:
            raise jinja2.UndefinedError(
                prose.unknown_field_message(self._figure.id, name, FIGURE_FIELDS))
        figure = self._figure
        if figure.kind == "ratio" and name not in RATIO_FIELDS:
            # A relative effect is never printed without both groups' absolute numbers.
            raise jinja2.UndefinedError(
                f"figure {figure.id!r} is a {figure.scale.replace('_', ' ')}; write "
                f"{{{{ fig.{figure.id}.about }}}}, which gives both groups' numbers beside it")
        if figure.kind != "people" and name == "others":
            raise jinja2.UndefinedError(
                f"figure {figure.id!r} counts {figure.unit} over time, not people, so it has no "
                f"other framing; use fig.{figure.id}.about")
        try:
            return getattr(figure, name)  # type: ignore[no-any-return]
        except AttributeError as e:  # e.g. an interval the data does not give
            raise jinja2.UndefinedError(str(e)) from None


def placeholder(name: str) -> str:
    """A Markdown-safe marker where a chart goes; replaced after Markdown runs."""
    return f"\n\nCHART-PLACEHOLDER-{name}\n\n"


@functools.cache
def markdown_converter() -> markdown.Markdown:
    """One converter for the whole build: making one costs as much as converting a page."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html",
                             # align="..." instead of style="...", which the CSP would block
                             extension_configs={"extra": {"tables": {"use_align_attribute": True}}})


def render_markdown(text: str) -> str:
    """Markdown to HTML, with ids on headings so sections can be linked."""
    return markdown_converter().reset().convert(text)


def render_prose(
    source: Path, first_line: int, text: str, figures: Mapping[str, Figure],
    charts: Mapping[str, str], *, inline: bool = False,
) -> tuple[str, list[SourceError]]:
    """Render prose as Jinja (numbers from data, charts by name), then as Markdown.

    Only the forms in prose.py pass; they render in a sandbox. Front-matter text comes here too.
    """
    def at(line: int, message: str) -> list[SourceError]:
        return [SourceError(source, first_line + line - 1, message)]

    if deep := prose.nesting(text):
        return "", at(deep[0] + 1, prose.nesting_message(deep[1]))
    if prose.is_plain(text):
        rendered = prose.as_rendered(text)  # what Jinja makes of it, without compiling it
    else:
        rendered, problems = render_jinja(source, text, figures, charts)
        if problems:
            return "", [e for line, message in problems for e in at(line, message)]
    try:
        html = render_markdown(rendered)
    except RecursionError:
        return "", at(1, prose.nesting_message(None))
    if unsafe := safety.check_prose(source, first_line, text, html):
        return "", unsafe
    html = safety.add_rel(html)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    for name, figure_html in charts.items():
        html = html.replace(f"<p>CHART-PLACEHOLDER-{name}</p>", figure_html)
    return html, []


def render_jinja(source: Path, text: str, figures: Mapping[str, Figure],
                 charts: Mapping[str, str]) -> tuple[str, list[tuple[int, str]]]:
    """Prose with {{ }} rendered in its sandbox: the text, or (line, message) problems."""
    env = prose.sandbox(str(source), text)
    try:
        tree = env.parse(text, name=str(source))
    except jinja2.TemplateSyntaxError as e:
        return "", [(e.lineno or 1, e.message or str(e))]
    except RecursionError:
        return "", [(1, prose.rule_message("brackets nested too deeply"))]
    allowed = prose.Allowed(FIGURE_FIELDS, figures, charts)
    if refused := prose.check_template(tree, text, allowed):
        return "", refused
    fig = Figures(figures)
    if (parts := prose.figure_parts(tree)) is not None:
        with contextlib.suppress(jinja2.TemplateError, AttributeError, TypeError):
            return prose.render_parts(env, parts, fig), []  # a problem is Jinja's, with its line
    try:
        return env.get_template(str(source)).render(fig=fig, chart=placeholder), []
    except (jinja2.TemplateError, AttributeError, TypeError, RecursionError) as e:
        return "", [(template_line(e, str(source)), str(e))]


def template_line(error: BaseException, name: str) -> int:
    """The line inside a Jinja template where a runtime error happened (Jinja rewrites frames)."""
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    return (lines[-1] or 1) if lines else 1


def prose_warnings(source: Path, first_line: int, text: str, *, key_message: bool = False,
                   heading: bool = False, denominator: int = 100) -> list[SourceError]:
    """Warn about typed numbers and risk phrasing (1 in X, bare 'rare', advice) in prose."""
    return [SourceError(source, first_line + offset, message) for offset, message in
            lint.check_prose(text, key_message=key_message, heading=heading,
                             denominator=denominator)]


def chart_view(spec: ChartSpec, figures: Sequence[Figure], svg: str) -> ChartView:
    """The words and table that go with a chart, generated from the same figures."""
    groups = tuple(dict.fromkeys(f.group for f in figures))
    periods = tuple(dict.fromkeys(f.period for f in figures))
    cell = {(f.group, f.period): Cell(f.about, f.exact) for f in figures}
    rows = tuple((p, tuple(cell.get((g, p)) for g in groups)) for p in periods)
    followed = sorted({f.followed for f in figures})
    counts = figures[0].counts
    return ChartView(
        name=spec.name, title=spec.title, svg=svg,
        summary=chart_summary(spec, figures, groups, periods), groups=groups, rows=rows,
        followed=("The number of people followed was not reported in the source."
                  if followed == ["not reported"] else
                  "Number of people: " + ", ".join(
                      f"{f.group}, {f.period.lower()}: {f.followed}" for f in figures) + "."),
        counts=counts,
    )


def likely(f: Figure) -> str:
    """A figure's confidence interval for the summary, ' (likely between ...)', or ''."""
    if f.ci_low is None or f.ci_high is None:
        return ""
    return f" (likely {f.interval})"


def chart_summary(spec: ChartSpec, figures: Sequence[Figure], groups: Sequence[str],
                  periods: Sequence[str]) -> str:
    """A plain-language sentence or three saying what the chart shows."""
    if spec.kind == "icons":  # one array per figure: each number both ways
        return " ".join(f"{f.group}, {f.period.lower()}: {f.about} people {spec.outcome}"
                        f"{likely(f)}; {f.others} did not." for f in figures)
    sentences = []
    for group in groups:
        name = numbers.in_sentence(group)
        own = [f for f in figures if f.group == group]
        first, last = own[0], own[-1]
        if first.kind == "rate":  # events over time, never people
            said = [f"{f.about}{likely(f)} in {f.period.lower()}" for f in dict.fromkeys(
                (first, last))]
            sentences.append(f"With {name}, there were {', and '.join(said)}.")
        elif len(own) == 1:
            sentences.append(f"With {name}, {first.about} people {spec.outcome} "
                             f"({first.period.lower()}){likely(first)}.")
        else:
            sentences.append(f"With {name}, {first.about} people {spec.outcome} in "
                             f"{first.period.lower()}{likely(first)}, and {last.about} in "
                             f"{last.period.lower()}{likely(last)}.")
        if own[-1].period != periods[-1] and len(periods) > 1:
            sentences.append(f"There is no {name} group after "
                             f"{own[-1].period.lower()}, so later years have nothing to "
                             "compare with.")
    return " ".join(sentences)


def relative_root(output: str) -> str:
    """The prefix from an output file back to the site root ('' or '../')."""
    depth = output.count("/")
    return "../" * depth


def page_url(slug: str, kind: str) -> str:
    """Where a page is written, relative to the site root."""
    return "index.html" if slug == "index" else posixpath.join(slug, "index.html")


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one site template; a mistake in a curator's template is a path:line error."""
    try:
        return env.get_template(name).render(**context)
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound, jinja2.UndefinedError) as e:
        raise BuildError([template_problem(e, name)]) from e


def names_variable(env: jinja2.Environment, name: str, variable: str) -> bool:
    """Whether a template, or any it extends, includes or imports, names variable (True when
    one cannot be read or parsed, or is chosen at render time: it might)."""
    from jinja2 import meta

    seen, todo = set(), [name]
    while todo:
        template = todo.pop()
        if template in seen:
            continue
        seen.add(template)
        try:
            tree = env.parse(env.loader.get_source(env, template)[0])  # type: ignore[union-attr]
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            return True
        if variable in meta.find_undeclared_variables(tree):
            return True
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:
                return True
            todo.append(referenced)
    return False


def template_problem(error: jinja2.TemplateError, name: str) -> SourceError:
    """Where in templates/ a template went wrong, and what to do about it."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return SourceError(Path("templates", error.name or name), error.lineno,
                           f"template syntax: {error.message}")
    if isinstance(error, jinja2.TemplateNotFound):
        return SourceError(Path("templates", name), None,
                           f"template {error.name!r} not found in templates/")
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename and Path(f.filename).parent.name == "templates"]
    where = frames[-1] if frames else None
    return SourceError(Path("templates", Path(where.filename).name if where else name),
                       where.lineno if where else None,
                       f"{error.message}; check the name in the template")


def mark_safe(html: str) -> Markup:
    """Mark HTML produced by our own code (Markdown, vl-convert SVG) as safe to inline."""
    return Markup(html)
