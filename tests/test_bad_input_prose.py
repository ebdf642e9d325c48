"""Bad prose (issues 9 and 10): template payloads, unsourced numbers, undocumented fields, deep
nesting and reserved slugs each get one path:line message, exit code 1, no traceback, and the
previous site/ left exactly as it was."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from bad_input import planted
from helpers import FIXTURES, edit

from evidence_site import pipeline
from evidence_site.read import content

ALEM = "content/alemtuzumab.md"
CLAD = "content/cladribine.md"
BODY = "Serious infections: {{ fig.serious.about }}"  # line 34 of the fixture's alemtuzumab.md
RULE = ('prose may use only {{ fig.ID.FIELD }} (with | lower or | capitalize) and '
        '{{ chart("name") }}')
FIELDS = ", ".join(f"fig.alem_y1.{f}" for f in ("about", "others", "interval", "exact",
                                                "percent", "period", "group", "followed"))


def problems(answer_err: str) -> list[str]:
    """The curator's problem lines, without the closing 'Build failed' line."""
    return [line for line in answer_err.splitlines() if not line.startswith("Build failed")]


def refused(where: str, found: str) -> str:
    """The general refusal, as the curator reads it."""
    return (f"{where}: {RULE}; found {found}: take numbers from data/ and write words outside "
            "{{ }}")


def in_body(text: str) -> object:
    """A fault: text at the start of line 34 of content/alemtuzumab.md."""
    return lambda root: edit(root, ALEM, BODY, text + " " + BODY)


def test_shell_command_in_prose_does_not_run(built_site: Path, tmp_path: Path) -> None:
    """The issue's payload: refused before rendering, so the marker file is never made."""
    marker = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    answer = planted(built_site, in_body(payload))
    assert not marker.exists()
    assert problems(answer.err) == [refused(f"{ALEM}:34", payload[:57] + "...")]


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__ }}",
    '{% include "x" %}',
    "{{ range(10**9)|list }}",
    '{{ "0.01" }}',
    "{{ in_100(55) }}",
])
def test_template_payloads_in_the_body(built_site: Path, payload: str) -> None:
    """Python internals, include, a huge range, a quoted number and in_100: each refused."""
    answer = planted(built_site, in_body(payload))
    assert problems(answer.err) == [refused(f"{ALEM}:34", payload)]


def test_undocumented_field_in_the_body(built_site: Path) -> None:
    """value_high would print 'None' for a figure without a range: it is not a prose field."""
    answer = planted(built_site, in_body("{{ fig.alem_y1.value_high }}"))
    assert problems(answer.err) == [
        f"{ALEM}:34: figure 'alem_y1' has no 'value_high'; use {FIELDS}"]


def test_deeply_nested_list_in_the_body(built_site: Path) -> None:
    """Twelve list levels: a message at the first line past ten, not a RecursionError."""
    nested = "\n".join("    " * level + "- item" for level in range(12)) + "\n\n"
    answer = planted(built_site, in_body(nested))
    assert problems(answer.err) == [
        f"{ALEM}:44: this list or quote is nested 11 levels deep; prose may nest at most 10 "
        "levels, so flatten it (a patient page rarely needs more than two)"]


@pytest.mark.parametrize(("old", "new", "line"), [
    ("it was {{ fig.alem_y3.about }}", "it was {{ in_100(55) }}", 13),  # a key message
    ('unknowns: ["How many', 'unknowns: ["{{ in_100(55) }} How many', 23),
    ("in the third.", "in the {{ in_100(55) }} third.", 22),  # certainty statement
    ("reviewer: Test Reviewer\n", "reviewer: Test Reviewer\ncard: '{{ in_100(55) }} people'\n",
     11),
    ("reviewer: Test Reviewer\n", "reviewer: Test Reviewer\nmethods: '{{ in_100(55) }}'\n", 11),
])
def test_front_matter_text_goes_through_the_same_guard(built_site: Path, old: str, new: str,
                                                        line: int) -> None:
    """Key messages, unknowns, certainty, card and methods: refused at their key's line."""
    answer = planted(built_site, lambda root: edit(root, ALEM, old, new))
    assert problems(answer.err) == [refused(f"{ALEM}:{line}", "{{ in_100(55) }}")]


@pytest.mark.parametrize(("old", "new"), [
    ('who: "People', 'who: "{{ in_100(55) }} People'),
    ("columns: [Cladribine tablets,", "columns: ['{{ in_100(55) }}',"),
    ("label: Had any infection,", "label: '{{ in_100(55) }}',"),
])
def test_fact_box_text_goes_through_the_same_guard(built_site: Path, old: str,
                                                   new: str) -> None:
    """Who, column labels and row labels of a fact box: refused at the fact box's line."""
    answer = planted(built_site, lambda root: edit(root, CLAD, old, new))
    assert problems(answer.err) == [refused(f"{CLAD}:21", "{{ in_100(55) }}")]


@pytest.mark.parametrize("slug", content.RESERVED_SLUGS)
def test_reserved_slug_is_refused(built_site: Path, slug: str) -> None:
    """A page may not take the address of a page or folder the build makes itself."""
    answer = planted(built_site, lambda root: edit(root, "content/about.md", "slug: about",
                                                     f"slug: '{slug}'"))
    assert problems(answer.err) == [
        f"content/about.md:3: slug {slug!r} is taken by a page or folder the build makes itself "
        "(index, glossary, data-dictionary, static, 404); choose another slug"]


def test_reserved_slugs_are_what_the_build_writes(minimal_build: pipeline.Site) -> None:
    """Every top-level folder or .html page of a real build that no content page made is
    reserved, and every reserved slug is one of them: the list cannot drift from the build."""
    site = minimal_build
    pages, _ = content.load_pages(FIXTURES / "minimal" / "content", Path("content"))
    slugs = {p.slug for p in pages}
    assert slugs == {"about", "alemtuzumab", "cladribine", "count-example", "findings-example",
                     "rate-example"}
    tops = {PurePosixPath(p).parts[0] for p in site.files}
    made = {t for t in tops if "." not in t} | {t.removesuffix(".html") for t in tops
                                                if t.endswith(".html")}
    slug_shaped = {t for t in made if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t)}  # not _headers
    assert slug_shaped - slugs == set(content.RESERVED_SLUGS)
