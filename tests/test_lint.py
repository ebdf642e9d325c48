"""Typed numerals in prose are found; quotes, dates, names and the denominator are not."""

from __future__ import annotations

import pytest

from evidence_site.check import lint


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("About 59 in 100 people had one.", [(0, "59")]),
        ("It was 58.7% in the first year.", [(0, "58.7%")]),
        ("Line one.\nThen 12 people.\n", [(1, "12")]),
        ("{{ fig.alem_y1.about }} people had an infection.", []),
        ("{% if x > 2 %}{{ fig.a.about }}{% endif %}", []),
        ("{% if x %}3{% endif %}", [(0, "3")]),  # text between tags is prose
        ("Out of 100 people, none of 100 had it.", []),
        ('The trial ran for "96 weeks".', []),
        ("The trial ran for “96 weeks”.", []),
        ("> Infections in Years 1 (58.7% vs 41.3%)", []),
        ("Published on 2018-10-05, in October 2018, on 5 October.", []),
        ("The CAMMS223 and CARE-MS I trials used interferon beta-1a.", []),
        ("See [the paper](https://doi.org/10.1177/1352458518796675).", []),
        ("See https://example.org/page-2 for more.", []),
        ("In 1,326 people.", [(0, "1,326")]),
        ("It dropped 5 points, then 7.", [(0, "5"), (0, "7")]),
    ],
)
def test_typed_numbers(text: str, found: list[tuple[int, str]]) -> None:
    """Only a number a curator typed as a figure is reported, with its line offset."""
    assert lint.typed_numbers(text) == found


def test_numeral_message_says_what_to_do() -> None:
    """The warning names the number and the two ways to fix it."""
    assert lint.numeral_message("59") == (
        "the number '59' is typed into the prose; take it from data/ instead, e.g. "
        "{{ fig.ID.about }}, or quote the source in a > blockquote"
    )


def messages(text: str, *, key_message: bool = False) -> list[str]:
    return [message for _, message in lint.check_prose(text, key_message=key_message)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "1 in X" with a changing denominator
        ("About one in three people had an infection.", ["'one in three' changes"]),
        ("One in every five people had a cold.", ["'One in every five' changes"]),
        ("{{ fig.a.about }} people had an infection.", []),
        # relative comparisons without both absolute numbers nearby
        ("Infections were twice as likely with the drug.", ["'twice as likely' compares"]),
        (
            "The drug led to 40% more infections.",
            ["'40% more' compares", "the number '40%' is typed"],
        ),
        ("Infections were more likely with the drug.", ["'more likely' compares"]),
        ("Infections were likely with the drug.", ["'likely' has no number"]),
        (
            "Infections were twice as frequent: {{ fig.a.about }} compared with {{ fig.b.about }}.",
            [],
        ),
        (
            "Infections were more likely with the drug. It was {{ fig.a.about }} compared with "
            "{{ fig.b.about }}.",
            [],
        ),
        # verbal descriptors without a number in the same sentence
        ("Serious infections were rare.", ["'rare' has no number"]),
        ("Colds were the most common kind.", ["'common' has no number"]),
        ("Serious infections were uncommon ({{ fig.serious.about }} people each year).", []),
        ("Serious infections happened to {{ fig.serious.about }} people each year.", []),
        # quoted source text is the source's words, not ours
        ('The study said "serious infections were uncommon".', []),
        ("> Serious infections were uncommon (1.0%–1.9% per year).", []),
        # typed numerals
        ("About 59 people had an infection.", ["the number '59' is typed"]),
        ("The CARE-MS II trial began in 2009 (CAMMS223).", []),
    ],
)
def test_prose_lints(text: str, expected: list[str]) -> None:
    found = messages(text)
    assert len(found) == len(expected), found
    for message, start in zip(found, expected, strict=True):
        assert message.startswith(start), message


def test_should_and_must_trip_only_in_key_messages() -> None:
    text = "People should take acyclovir."
    assert messages(text, key_message=True) == [lint.advice_message("should")]
    assert messages(text) == []
    assert messages("People must ask their MS team.", key_message=True) == [
        lint.advice_message("must")
    ]
    assert (
        messages(
            "In the study, people who took acyclovir had fewer herpes infections.", key_message=True
        )
        == []
    )


def test_messages_say_what_to_write_instead() -> None:
    assert "about N in 100" in lint.one_in_x_message("1 in 3")
    assert "{{ fig.A.about }} compared with {{ fig.B.about }}" in lint.relative_message("twice")
    assert "'rare ({{ fig.ID.about }} people)'" in lint.verbal_message("rare")
    assert "In the study" in lint.advice_message("should")


def test_line_offsets_point_at_the_sentence() -> None:
    text = "First line is fine.\n\nSecond paragraph.\nIt says infections were rare."
    assert lint.check_prose(text) == [(3, lint.verbal_message("rare"))]


def test_list_items_are_separate_sentences() -> None:
    text = "- Colds were common\n- {{ fig.a.about }} had one"
    assert messages(text) == [lint.verbal_message("common")]


def test_headings_get_only_the_numeral_and_1_in_x_lints() -> None:
    """A title or chart takeaway sits beside its numbers; '1 in 3' is still wrong there."""
    title = "Infections were more common with cladribine tablets"
    assert lint.check_prose(title, heading=True) == []
    assert [m for _, m in lint.check_prose(title)] == [lint.relative_message("more common")]
    assert [m for _, m in lint.check_prose("One in three had an infection", heading=True)] == [
        lint.one_in_x_message("One in three")
    ]


def test_lints_reach_the_build_as_path_line_warnings_and_strict_errors(fixture_site) -> None:
    """Each phrasing lint is reported as path:line: message, and fails the build under --strict."""
    from helpers import edit, errors_for, warnings_for

    edit(
        fixture_site,
        "content/alemtuzumab.md",
        "## What we do not know",
        "Serious infections were rare. One in three had a cold. It was twice as likely.\n\n"
        "## What we do not know",
    )
    line = next(
        n
        for n, text in enumerate(
            (fixture_site / "content/alemtuzumab.md").read_text().splitlines(), 1
        )
        if text.startswith("Serious infections were rare")
    )
    expected = sorted(
        [
            f"content/alemtuzumab.md:{line}: {lint.verbal_message('rare')}",
            f"content/alemtuzumab.md:{line}: {lint.one_in_x_message('One in three')}",
            f"content/alemtuzumab.md:{line}: {lint.relative_message('twice as likely')}",
        ]
    )
    assert warnings_for(fixture_site) == expected
    assert errors_for(fixture_site, strict=True) == expected


def test_should_in_a_key_message_is_reported_at_its_line(fixture_site) -> None:
    from helpers import edit, warnings_for

    edit(
        fixture_site,
        "content/alemtuzumab.md",
        '  - "By the third year',
        '  - "You should ask your team. By the third year',
    )
    assert warnings_for(fixture_site) == [
        f"content/alemtuzumab.md:13: {lint.advice_message('should')}"
    ]
