"""Stage 4: prose pulls numbers from data (Jinja, then Markdown); charts get words and tables."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from evidence_site import theme
from evidence_site.errors import BuildError
from evidence_site.present import render
from evidence_site.read import data
from evidence_site.records import ChartSpec, Figure

QUOTE = "Years 1 (58.7% vs 41.3%) and 2 (52.6% vs 37.7%), Years 3 (46.6%)"
SOURCE = Path("content/x.md")


def figure(id_: str, group: str, period: str, value: str, n_people: str = "") -> Figure:
    """A validated figure, as data.py makes it."""
    row = dict(
        id=id_,
        measure="any_infection",
        group=group,
        period=period,
        value=value,
        value_high="",
        relation="",
        scale="percent",
        unit="people",
        n_people=n_people,
        source="S1",
        locator="Abstract",
        quote=QUOTE,
    )
    return data.to_figure("alem", row, 2)


FIGURES = [
    figure("alem_y1", "Alemtuzumab", "Year 1", "58.7"),
    figure("alem_y2", "Alemtuzumab", "Year 2", "52.6"),
    figure("alem_y3", "Alemtuzumab", "Year 3", "46.6"),
    figure("ifn_y1", "Interferon beta-1a", "Year 1", "41.3"),
    figure("ifn_y2", "Interferon beta-1a", "Year 2", "37.7"),
]
BY_ID = {f.id: f for f in FIGURES}
SPEC = ChartSpec(
    "by-year", "trend", "alem", "any_infection", "had an infection", "Fewer each year", 15
)


def test_prose_takes_numbers_from_data() -> None:
    """{{ fig.ID.about }} and friends become words before Markdown runs."""
    text = (
        "**{{ fig.alem_y1.period }}**: {{ fig.alem_y1.about }} "
        "({{ fig.alem_y1.percent }}, {{ fig.alem_y1.group }}; followed: "
        "{{ fig.alem_y1.followed }})."
    )
    html, errors = render.render_prose(SOURCE, 10, text, BY_ID, {})
    assert errors == []
    assert html == (
        "<p><strong>Year 1</strong>: about 59 in 100 (58.7%, Alemtuzumab; "
        "followed: not reported).</p>"
    )


def test_prose_places_charts_by_name() -> None:
    """{{ chart("name") }} puts the chart's HTML where it is named, outside any <p>."""
    text = 'Before.\n\n{{ chart("by-year") }}\n\nAfter.'
    html, errors = render.render_prose(SOURCE, 10, text, BY_ID, {"by-year": "<figure>F</figure>"})
    assert errors == []
    assert html == "<p>Before.</p>\n<figure>F</figure>\n<p>After.</p>"


def test_inline_prose_has_no_paragraph() -> None:
    """Key messages render inline, inside their <li>."""
    html, errors = render.render_prose(
        SOURCE, 12, "It was {{ fig.ifn_y2.about }}.", BY_ID, {}, inline=True
    )
    assert (html, errors) == ("It was about 38 in 100.", [])


def test_headings_get_ids_for_links() -> None:
    """Markdown headings get ids so sections can be linked."""
    html, _ = render.render_prose(SOURCE, 1, "## What we do not know", {}, {})
    assert html == '<h2 id="what-we-do-not-know">What we do not know</h2>'


def test_prose_error_line_is_the_file_line() -> None:
    """An unknown figure on the body's third line is reported at first_line + 2."""
    _, errors = render.render_prose(SOURCE, 20, "One.\n\n{{ fig.nope.about }}", BY_ID, {})
    assert [str(e) for e in errors] == [
        "content/x.md:22: no figure 'nope' in this page's datasets "
        "(known: alem_y1, alem_y2, alem_y3, ifn_y1, ifn_y2)"
    ]


def test_prose_warnings_count_lines_from_the_file() -> None:
    """Typed numerals are reported at their file line."""
    warnings = render.prose_warnings(SOURCE, 20, "One.\nTwo is 2.\n")
    assert [(w.line, w.message[:15]) for w in warnings] == [(21, "the number '2' ")]


def test_chart_view_table_marks_missing_comparison() -> None:
    """Every plotted value is in the table; a period a group lacks says so instead of a blank."""
    view = render.chart_view(SPEC, FIGURES, "<svg></svg>")
    assert view.groups == ("Alemtuzumab", "Interferon beta-1a")
    assert [period for period, _ in view.rows] == ["Year 1", "Year 2", "Year 3"]
    year3 = dict(view.rows)["Year 3"]
    assert year3[0] is not None and (year3[0].about, year3[0].percent) == (
        "about 47 in 100",
        "46.6%",
    )
    assert year3[1] is None
    assert view.followed == "The number of people followed was not reported in the source."


def test_chart_summary_in_plain_words() -> None:
    """The text summary says first and last values and where the comparison stops."""
    view = render.chart_view(SPEC, FIGURES, "")
    assert view.summary == (
        "With alemtuzumab, about 59 in 100 people had an infection in year 1, and about 47 in "
        "100 in year 3. With interferon beta-1a, about 41 in 100 people had an infection in "
        "year 1, and about 38 in 100 in year 2. There is no interferon beta-1a group after "
        "year 2, so later years have nothing to compare with."
    )


def test_chart_view_lists_people_followed_when_known() -> None:
    """When the source gives the number of people, the note gives it for every value."""
    figures = [
        figure("a", "Cladribine tablets", "Over 96 weeks", "58.7", "433"),
        figure("b", "Placebo", "Over 96 weeks", "41.3", "437"),
    ]
    view = render.chart_view(SPEC, figures, "")
    assert view.followed == (
        "Number of people: Cladribine tablets, over 96 weeks: 433, Placebo, over 96 weeks: 437."
    )


@pytest.mark.parametrize(
    ("slug", "url", "root"),
    [("index", "index.html", ""), ("about", "about/index.html", "../")],
)
def test_page_addresses(slug: str, url: str, root: str) -> None:
    """Pages live at SLUG/index.html and link back with relative paths (works from file://)."""
    assert render.page_url(slug, "page") == url
    assert render.relative_root(url) == root


def test_site_templates_are_strict_and_escape(tmp_path: Path) -> None:
    """A typo in a template fails the build; data is escaped unless our code marked it safe."""
    (tmp_path / "t.html").write_text("{{ x }}|{{ y }}", encoding="utf-8")
    (tmp_path / "u.html").write_text("{{ missing }}", encoding="utf-8")
    env = render.make_env(tmp_path)
    assert render.render_template(env, "t.html", x="<b>", y=render.mark_safe("<i>")) == (
        "&lt;b&gt;|<i>"
    )
    with pytest.raises(BuildError) as raised:
        render.render_template(env, "u.html")
    assert [str(e) for e in raised.value.errors] == [
        "templates/u.html: 'missing' is undefined; check the name in the template"
    ]


def test_theme_is_shipped_compiled_from_its_templates_now(tmp_path: Path) -> None:
    """theme/compiled/ holds exactly the theme's templates as this Jinja compiles them."""
    folder = Path(render.__file__).parents[1] / "theme" / "compiled"
    shipped = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.py")
               if p.name != "__init__.py"}
    assert shipped == render.compiled_theme(render.make_env(tmp_path)), (
        "the default theme changed: run `python3 dev.py theme` to compile it again")


def test_theme_templates_load_compiled_unless_their_text_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme template compiled ahead is used as it is; one whose text differs from what was
    compiled (an edited copy here) is compiled."""
    env = render.make_env(tmp_path)
    compiled: list[str] = []
    monkeypatch.setattr(jinja2.Environment, "_compile",
                        lambda self, source, filename: compiled.append(filename) or compile(
                            source, filename, "exec"))
    template = env.get_template("_dates.html")
    assert compiled == []
    assert template.filename == str(theme.TEMPLATES / "_dates.html")
    edited = tmp_path / "theme"
    edited.mkdir()
    text = (theme.TEMPLATES / "_dates.html").read_text(encoding="utf-8")
    (edited / "_dates.html").write_text(text + "edited\n", encoding="utf-8")
    changed = render.make_env(tmp_path, theme_dir=edited).get_template("_dates.html")
    assert compiled == [str(edited / "_dates.html")]
    assert changed.filename == str(edited / "_dates.html")


def test_error_in_a_compiled_theme_template_names_its_line(tmp_path: Path) -> None:
    """A theme template compiled ahead reports a runtime error at its own file and line, as
    one compiled during the build does."""
    env = render.make_env(tmp_path)
    with pytest.raises(BuildError) as raised:
        render.render_template(env, "glossary.html")
    [error] = raised.value.errors
    fresh = render.make_env(tmp_path)
    fresh.loader = jinja2.FileSystemLoader(theme.TEMPLATES)  # compiles every template here
    with pytest.raises(BuildError) as again:
        render.render_template(fresh, "glossary.html")
    assert str(error) == str(again.value.errors[0])
    assert error.line is not None
