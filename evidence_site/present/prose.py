"""What prose may say in {{ }}: a whitelist of forms, checked on the parsed template, and a sandbox.

Prose (the body and front-matter text) is a Jinja template only so that numbers come from data.
Before anything renders, the parsed template is walked: plain text, {{ fig.ID.FIELD }} (with the
documented filters) and {{ chart("name") }} pass; every other node (constants, calls, arithmetic,
loops, blocks, includes, item access, other attribute chains) is refused with path:line. What
passes renders in a sandbox with no globals, no tests and only the documented filters. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

FILTERS = ("lower", "capitalize")  # the README's Prose section documents exactly these
MAX_FILTERS = 3  # a chain of filters on one figure, e.g. | lower | capitalize
MAX_NESTING = 10  # list or quote levels; Python-Markdown recurses once per level
RULE = ('prose may use only {{ fig.ID.FIELD }} (with ' + " or ".join(f"| {f}" for f in FILTERS)
        + ') and {{ chart("name") }}')
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_RAW = re.compile(r"\{%[-+]?\s*raw\b.*?%\}", re.S)  # leaves no node in the parsed template
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")
_JINJA = re.compile(r"\{[{%#]")  # where Jinja's syntax starts (the sandbox's default delimiters)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # as Jinja's lexer splits lines


@dataclass(frozen=True)
class Allowed:
    """The names one piece of prose may use: fields of a figure, figure ids, chart names."""

    fields: tuple[str, ...]
    figures: Collection[str]
    charts: Collection[str]


def is_plain(text: str) -> bool:
    """Whether prose holds no Jinja at all (no {{, {% or {#): Jinja would output it as text."""
    return _JINJA.search(text) is None


def as_rendered(text: str) -> str:
    """Plain prose as the sandbox renders it: newlines made \\n, one at the very end dropped."""
    lines = _NEWLINE.split(text)
    if lines[-1] == "":  # keep_trailing_newline is off in the sandbox
        del lines[-1]
    return "\n".join(lines)


def sandbox(name: str, text: str) -> ImmutableSandboxedEnvironment:
    """A sandbox that knows only this prose (no include), no globals and the documented filters."""
    loader = jinja2.FunctionLoader(lambda wanted: (text, name, lambda: True)
                                   if wanted == name else None)
    env = ImmutableSandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined,
                                        autoescape=False)
    env.globals.clear()
    env.tests.clear()
    env.filters = {f: env.filters[f] for f in FILTERS}
    return env


def rule_message(found: str) -> str:
    """The one message for every form prose may not use, quoting what was found."""
    shown = " ".join(found.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{RULE}; found {shown}: take numbers from data/ and write words outside {{{{ }}}}"


def unknown_name_message(name: str) -> str:
    """A name that is neither fig nor chart."""
    return (f"{name!r} is not something prose can use; write "
            '{{ fig.ID.about }} for a figure or {{ chart("name") }} for a chart')


def unknown_field_message(figure: str, field: str, fields: tuple[str, ...]) -> str:
    """A field of a figure that prose may not show (misspelt, or not documented)."""
    return (f"figure {figure!r} has no {field!r}; use "
            + ", ".join(f"fig.{figure}.{k}" for k in fields))


def unknown_figure_message(figure: str, known: Collection[str]) -> str:
    """A figure id that is not in the page's datasets."""
    return (f"no figure {figure!r} in this page's datasets "
            f"(known: {', '.join(sorted(known)) or 'none'})")


def unknown_chart_message(chart: str, known: Collection[str]) -> str:
    """A chart name that is not in the page's front matter."""
    return (f"no chart {chart!r} in this page's front matter "
            f"(known: {', '.join(sorted(known)) or 'none'})")


def check_template(tree: nodes.Template, text: str, allowed: Allowed) -> list[tuple[int, str]]:
    """(line in text, message) for each node of parsed prose that is not a documented form."""
    found: dict[tuple[int, str], None] = {}
    for node, message in problems(tree, allowed):
        line = node.lineno or 1
        found[line, message or rule_message(snippet(text, line, allowed) or describe(node))] = None
    for raw in _RAW.finditer(text):
        found[text.count("\n", 0, raw.start()) + 1, rule_message(raw.group(0))] = None
    return sorted(found)


# A checked template as its text and each {{ fig.ID.FIELD | filter ... }}: (id, field, filters).
Part = str | tuple[str, str, tuple[str, ...]]


def figure_parts(tree: nodes.Template) -> list[Part] | None:
    """Checked prose as text and figure outputs, in order; None if it calls chart() (compiled
    by Jinja then). Rendering the parts takes microseconds; compiling the template, 3 ms."""
    parts: list[Part] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return None
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                parts.append(part.data)
                continue
            filters = []
            while isinstance(part, nodes.Filter) and part.node is not None:
                filters.append(part.name)
                part = part.node
            if not (isinstance(part, nodes.Getattr) and isinstance(part.node, nodes.Getattr)
                    and isinstance(part.node.node, nodes.Name) and part.node.node.name == "fig"):
                return None
            parts.append((part.node.attr, part.attr, tuple(reversed(filters))))
    return parts


def render_parts(env: ImmutableSandboxedEnvironment, parts: list[Part], fig: object) -> str:
    """What the sandbox renders for figure_parts: each figure looked up and filtered by the
    sandbox itself, so the text and any error are Jinja's."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        figure, field, filters = part
        value = env.getattr(env.getattr(fig, figure), field)
        for name in filters:
            value = env.call_filter(name, value)
        out.append(str(value))
    return "".join(out)


def problems(tree: nodes.Template, allowed: Allowed) -> Iterator[tuple[nodes.Node, str]]:
    """Each refused node with its specific message ('' for the general rule)."""
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            yield node, ""
            continue
        for part in node.nodes:
            if not isinstance(part, nodes.TemplateData):
                message = expression_problem(part, allowed)
                if message is not None:
                    yield part, message


def expression_problem(node: nodes.Node, allowed: Allowed) -> str | None:
    """None for {{ fig.ID.FIELD | filter }} or {{ chart("name") }}; else what is wrong."""
    filters = 0
    while isinstance(node, nodes.Filter):
        if (node.name not in FILTERS or node.args or node.kwargs or node.dyn_args
                or node.dyn_kwargs or filters == MAX_FILTERS or node.node is None):
            return ""
        node, filters = node.node, filters + 1
    if isinstance(node, nodes.Call) and not filters:
        return chart_problem(node, allowed)
    chain = []
    while isinstance(node, nodes.Getattr):
        chain.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return ""
    if node.name not in ("fig", "chart"):
        return unknown_name_message(node.name)
    if node.name != "fig" or len(chain) != 2:
        return ""
    field, figure = chain
    if figure not in allowed.figures:
        return unknown_figure_message(figure, allowed.figures)
    if field not in allowed.fields:
        return unknown_field_message(figure, field, allowed.fields)
    return None


def chart_problem(call: nodes.Call, allowed: Allowed) -> str | None:
    """None for chart("a known name") with one string literal; else what is wrong."""
    if not (isinstance(call.node, nodes.Name) and call.node.name == "chart" and len(call.args) == 1
            and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str)
            and not (call.kwargs or call.dyn_args or call.dyn_kwargs)):
        return ""
    name = call.args[0].value
    return None if name in allowed.charts else unknown_chart_message(name, allowed.charts)


def snippet(text: str, line: int, allowed: Allowed) -> str:
    """The {{ }} or {% %} on that line that is refused (the first tag there if none alone is)."""
    tags = [m.group(0) for m in _TAG.finditer(text)
            if text.count("\n", 0, m.start()) + 1 <= line <= text.count("\n", 0, m.end()) + 1]
    return next((t for t in tags if refused(t, allowed)), tags[0] if tags else "")


def refused(tag: str, allowed: Allowed) -> bool:
    """Whether one tag, on its own, is refused (a {% %} always is)."""
    if tag.startswith("{%"):
        return True
    try:
        tree = sandbox("tag", tag).parse(tag)
    except (jinja2.TemplateSyntaxError, RecursionError):
        return True
    return any(message == "" for _, message in problems(tree, allowed))


def describe(node: nodes.Node) -> str:
    """A node's kind, when no tag in the text can be quoted for it."""
    return f"a {type(node).__name__.lower()} tag"


def nesting(text: str) -> tuple[int, int] | None:
    """(line offset, depth) of the first line whose lists or quotes nest past MAX_NESTING."""
    fenced = False
    for offset, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        line = line.expandtabs(4)
        depth, at = (len(line) - len(line.lstrip(" "))) // 4, 0
        while match := _MARKER.match(line, at):
            depth, at = depth + 1, match.end()
        if depth > MAX_NESTING and line[at:].strip(" \t-*+>"):  # '- - - -' is a rule
            return offset, depth
    return None


def nesting_message(depth: int | None) -> str:
    """What to tell a curator whose lists or quotes nest too deeply for Markdown."""
    deep = f"nested {depth} levels deep" if depth else "nested too deeply for Markdown"
    return (f"this list or quote is {deep}; prose may nest at most {MAX_NESTING} levels, so "
            "flatten it (a patient page rarely needs more than two)")
