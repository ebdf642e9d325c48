"""Prose reaches only documented, sourced names: a whitelist of Jinja forms and a sandbox."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
from helpers import REPO
from test_render import BY_ID

from evidence_site.check import lint
from evidence_site.present import prose, render

SOURCE = Path("content/x.md")
CHARTS = {"by-year": "<figure>F</figure>"}
RULE = ('prose may use only {{ fig.ID.FIELD }} (with | lower or | capitalize) and '
        '{{ chart("name") }}')
FIELDS = ("fig.alem_y1.about, fig.alem_y1.others, fig.alem_y1.interval, fig.alem_y1.exact, "
          "fig.alem_y1.percent, fig.alem_y1.period, "
          "fig.alem_y1.group, fig.alem_y1.followed")


def messages(text: str, first_line: int = 10) -> list[str]:
    """What a curator sees for one piece of prose (rendering must fail)."""
    html, errors = render.render_prose(SOURCE, first_line, text, BY_ID, CHARTS)
    assert html == ""
    return [str(e) for e in errors]


def refused(found: str, line: int = 10) -> str:
    """The general message, as it reads for one refused tag."""
    return (f"content/x.md:{line}: {RULE}; found {found}: take numbers from data/ and write "
            "words outside {{ }}")


def test_documented_forms_render() -> None:
    """Figures with the documented filters, and a chart on its own line, still work."""
    text = ("{{ fig.alem_y1.about | capitalize }} in {{ fig.alem_y1.period | lower }}; "
            "{{- fig.ifn_y1.about | lower | capitalize }}.\n\n{{ chart(\"by-year\") }}")
    html, errors = render.render_prose(SOURCE, 1, text, BY_ID, CHARTS)
    assert errors == []
    assert html == ("<p>About 59 in 100 in year 1;About 41 in 100.</p>\n"
                    "<figure>F</figure>")


def test_shell_payload_does_not_run(tmp_path: Path) -> None:
    """The issue's os.popen payload is refused before anything renders: the file never appears."""
    marker = tmp_path / "ran"
    text = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    found = messages(text)
    assert not marker.exists()
    assert found == [refused(f"{{{{ cycler.__init__.__globals__.os.popen('touch "
                             f"{marker}').read() }}}}"[:57] + "...")]


def test_sandbox_alone_refuses_the_payload(tmp_path: Path) -> None:
    """Behind the whitelist, the sandbox has no globals and refuses underscore attributes."""
    marker = tmp_path / "ran"
    text = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    with pytest.raises(jinja2.exceptions.SecurityError, match="'__init__' of 'StrictUndefined'"):
        prose.sandbox("x", text).get_template("x").render()
    assert not marker.exists()


def test_sandbox_alone_blocks_python_internals() -> None:
    """The sandbox refuses underscore attributes and has only the documented filters."""
    env = prose.sandbox("x", "")
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    assert sorted(env.filters) == sorted(prose.FILTERS)
    assert (dict(env.globals), dict(env.tests)) == ({}, {})


def test_sandbox_serves_only_the_prose_itself() -> None:
    """The loader knows one name: include, import and extends find nothing."""
    env = prose.sandbox("content/x.md", '{% include "other.md" %}')
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("content/x.md").render()


@pytest.mark.parametrize(("text", "found"), [
    ("{{ ''.__class__.__mro__ }}", "{{ ''.__class__.__mro__ }}"),
    ('{% include "x" %}', '{% include "x" %}'),
    ("{% import 'x' as y %}", "{% import 'x' as y %}"),
    ("{% extends 'x' %}", "{% extends 'x' %}"),
    ("{{ range(10**9)|list }}", "{{ range(10**9)|list }}"),
    ('{{ "0.01" }}', '{{ "0.01" }}'),
    ("{{ 55 }}", "{{ 55 }}"),
    ("{{ in_100(55) }}", "{{ in_100(55) }}"),
    ("{{ 1 + 2 }}", "{{ 1 + 2 }}"),
    ('{{ fig["alem_y1"].about }}', '{{ fig["alem_y1"].about }}'),
    ("{{ fig.alem_y1 }}", "{{ fig.alem_y1 }}"),
    ("{{ fig.alem_y1.about.upper() }}", "{{ fig.alem_y1.about.upper() }}"),
    ("{{ fig.alem_y1.about | title }}", "{{ fig.alem_y1.about | title }}"),
    ("{{ fig.alem_y1.about | lower(1) }}", "{{ fig.alem_y1.about | lower(1) }}"),
    ("{{ fig.alem_y1.about" + " | lower" * 4 + " }}",
     "{{ fig.alem_y1.about" + " | lower" * 4 + " }}"),
    ("{{ chart(name) }}", "{{ chart(name) }}"),
    ('{{ chart("by-year") | lower }}', '{{ chart("by-year") | lower }}'),
    ('{{ chart("by-year", 2) }}', '{{ chart("by-year", 2) }}'),
    ("{% set x = 1 %}", "{% set x = 1 %}"),
    ("{% for x in y %}\n{% endfor %}", "{% for x in y %}"),
    ("{% if fig %}a{% endif %}", "{% if fig %}"),
    ("{% macro m() %}a{% endmacro %}", "{% macro m() %}"),
    ("{% block b %}a{% endblock %}", "{% block b %}"),
    ("{% raw %}{{ x }}{% endraw %}", "{% raw %}"),
])
def test_only_documented_forms_pass(text: str, found: str) -> None:
    """Constants, calls, arithmetic, loops, blocks, item access: each refused, quoted."""
    assert messages(text) == [refused(found)]


def test_refusal_is_at_the_line_of_the_tag() -> None:
    """The second line's tag is reported at first_line + 1; a good tag beside it is not."""
    text = "One {{ fig.alem_y1.about }}.\nTwo {{ fig.alem_y1.about }} {{ 'x' }}."
    assert messages(text, 20) == [refused("{{ 'x' }}", 21)]


def test_brackets_nested_too_deeply() -> None:
    """A parser-breaking expression is refused, not a RecursionError."""
    assert messages("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}") == [
        refused("brackets nested too deeply")]


@pytest.mark.parametrize("field", ["value_high", "quote", "value", "locator", "count",
                                   "in_people", "_figure"])
def test_undocumented_figure_fields_are_not_reachable(field: str) -> None:
    """Only FIGURE_FIELDS print: no 'None' from value_high, no raw quote."""
    assert messages(f"{{{{ fig.alem_y1.{field} }}}}") == [
        f"content/x.md:10: figure 'alem_y1' has no {field!r}; use {FIELDS}"]


def test_unknown_names_say_what_prose_can_use() -> None:
    """A bare name or an attribute chain on one is neither fig nor chart."""
    assert messages("{{ cycler }}\n{{ figs.alem_y1.about }}") == [
        f"content/x.md:{line}: {name!r} is not something prose can use; write "
        '{{ fig.ID.about }} for a figure or {{ chart("name") }} for a chart'
        for line, name in ((10, "cycler"), (11, "figs"))]


def test_unknown_chart_and_figure_are_named() -> None:
    """Both are found by the walk, in line order."""
    assert messages('{{ chart("nope") }}\n{{ fig.nope.about }}') == [
        "content/x.md:10: no chart 'nope' in this page's front matter (known: by-year)",
        "content/x.md:11: no figure 'nope' in this page's datasets "
        "(known: alem_y1, alem_y2, alem_y3, ifn_y1, ifn_y2)"]


def test_figure_words_hold_only_documented_fields() -> None:
    """Even behind the walk, a figure's other attributes are not reachable at render time."""
    words = render.Figures(BY_ID).alem_y1
    assert words.about == "about 59 in 100"
    with pytest.raises(jinja2.UndefinedError, match="has no 'value_high'"):
        _ = words.value_high
    with pytest.raises(jinja2.UndefinedError, match="no figure 'nope'"):
        _ = render.Figures(BY_ID).nope


def test_deep_lists_are_refused_before_markdown() -> None:
    """Eleven list levels: a message at the deepest line, not a RecursionError."""
    text = "\n".join("    " * level + "- item" for level in range(11))
    assert messages(text) == [
        "content/x.md:20: this list or quote is nested 11 levels deep; prose may nest at most "
        "10 levels, so flatten it (a patient page rarely needs more than two)"]


@pytest.mark.parametrize("text", ["> " * 11 + "quote", "- " * 400 + "item",
                                  "\n".join("    " * n + "1. x" for n in range(500))])
def test_deep_quotes_and_one_line_lists_are_refused(text: str) -> None:
    """Nested quotes and list markers on one line count as levels too."""
    [message] = messages(text)
    assert re.fullmatch(r"content/x\.md:\d+: this list or quote is nested \d+ levels deep; "
                        r"prose may nest at most 10 levels, so flatten it \(a patient page "
                        r"rarely needs more than two\)", message)


def test_ten_levels_and_rules_still_render() -> None:
    """The limit itself, a '- - -' rule and deep lines inside a code fence are allowed."""
    text = ("\n".join("    " * level + "- item" for level in range(10))
            + "\n\n- - - - - - - - - - - -\n\n```\n" + "- " * 20 + "x\n```\n")
    html, errors = render.render_prose(SOURCE, 1, text, BY_ID, CHARTS)
    assert errors == [] and html.count("<ul>") == 10


def test_markdown_recursion_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backstop: if Markdown still recurses too deeply, the curator gets a message."""
    def recurse(text: str) -> str:
        raise RecursionError

    monkeypatch.setattr(render, "render_markdown", recurse)
    assert messages("Plain words.") == [
        "content/x.md:10: this list or quote is nested too deeply for Markdown; prose may nest "
        "at most 10 levels, so flatten it (a patient page rarely needs more than two)"]


def test_filters_are_documented() -> None:
    """Every filter prose may use appears in the README's Prose section, as | name."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    text = readme.split("\n## Prose\n", 1)[1].split("\n## ", 1)[0]
    assert [f for f in prose.FILTERS if f"| {f}" not in text] == []


def test_in_100_is_not_a_number_source_for_the_lint() -> None:
    """in_100 is gone from prose, so the lint no longer counts it as a number from data."""
    assert lint.NUMBER_TOKEN not in lint.readable("{{ in_100(55) }}")


@pytest.mark.parametrize("text", [
    "", "\n", "One line.", "One line.\n", "Two\r\nlines\r\n\r\n", "Old\rMac\r", "A\n\n\n",
    "Braces {x} and } and {} and }} stay; %} and #} too.", "Ends with {", "Tabs\t\n  indented\n",
])
def test_prose_without_jinja_is_taken_as_jinja_would_render_it(text: str) -> None:
    """Prose with no {{, {% or {# is not compiled: its text is exactly what the sandbox makes."""
    assert prose.is_plain(text)
    assert prose.as_rendered(text) == prose.sandbox("p.md", text).get_template("p.md").render()
    assert not prose.is_plain("a {{ fig.x.about }}") and not prose.is_plain("{# note #}")



def real_prose() -> list[str]:
    """Every piece of the real site's prose that uses a figure (body and front matter)."""
    return [line for path in sorted((REPO / "content").glob("*.md"))
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if "{{" in line and "chart(" not in line]


class Words:
    """Any figure and field, as its own name (the real site's figures, for the test below)."""

    def __init__(self, name: str = "") -> None:
        self.name = name

    def __getattr__(self, name: str) -> Any:
        return Words(name) if not self.name else f"{self.name}.{name} In Words"


@pytest.mark.parametrize("text", [
    *real_prose(),
    "{{ fig.alem_y1.about }}", "A {{ fig.alem_y1.about | capitalize }} b\r\n\r\nc\n",
    "{{ fig.alem_y1.period | lower | capitalize | lower }}{{ fig.ifn_y1.about }}\n",
    "x {{- fig.alem_y1.about -}} y\n\n {#- note -#} z {% raw %}{{ kept }}{% endraw %}",
    "{{ fig.alem_y1.percent }} of {{ fig.alem_y1.group }}, {{ fig.alem_y1.followed }}\r",
])
def test_figure_prose_renders_without_compiling_as_jinja_would(text: str) -> None:
    """Prose whose only tags are figures is not compiled: its text is what the sandbox makes."""
    assert len(real_prose()) > 20
    env = prose.sandbox("p.md", text)
    parts = prose.figure_parts(env.parse(text))
    assert parts is not None and any(not isinstance(p, str) for p in parts)
    for figures in (Words(), render.Figures(BY_ID)):
        try:
            expected = env.get_template("p.md").render(fig=figures)
        except jinja2.UndefinedError as e:  # a real-site figure BY_ID does not hold
            with pytest.raises(jinja2.UndefinedError, match=re.escape(str(e))):
                prose.render_parts(env, parts, figures)
        else:
            assert prose.render_parts(env, parts, figures) == expected


def test_figure_prose_with_a_problem_gets_jinjas_message_and_line() -> None:
    """An unknown figure is reported as when the prose is compiled, at its line; prose that
    shows a chart is compiled."""
    assert messages("Fine.\n\n{{ fig.nope.about }}") == [
        "content/x.md:12: no figure 'nope' in this page's datasets (known: "
        + ", ".join(sorted(BY_ID)) + ")"]
    assert prose.figure_parts(prose.sandbox("p.md", "").parse('{{ chart("by-year") }}')) is None
