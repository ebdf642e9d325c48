"""The vague-amount lint: 'a few more', 'most', 'several' need a number in the same sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_site.check import lint


def message(phrase: str) -> str:
    """The exact message a curator sees for one vague phrase."""
    return (f"{phrase!r} is a vague amount with no number in the same sentence, and readers "
            "take such words very differently; write the number instead, e.g. "
            "'{{ fig.ID.about }} people', or say what happened without it")


def test_the_message_is_exact() -> None:
    assert lint.vague_message("a few") == message("a few")


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("A few more people had an infection with cladribine tablets.", ["A few"]),
        ("Some more people had one.", ["Some more"]),
        ("Many people had a cold.", ["Many"]),
        ("Most infections were mild or moderate.", ["Most"]),
        ("Infections were mostly mild.", ["mostly"]),
        ("A lot of people had one.", ["A lot of"]),
        ("Several people had shingles.", ["Several"]),
        ("Few people had shingles.", ["Few"]),
        ("Almost all infections were mild.", ["Almost all"]),
        ("A little more people had the harm with medicine A.", ["A little more"]),
        # a number in the same sentence says how many
        ("Most infections were mild or moderate ({{ fig.mild.about }} infections).", []),
        ("Almost all infections were mild: {{ fig.mild.about }}.", []),
        # not amounts: a question, a condition, a superlative, a comparison
        ("The study does not say how many people had one.", []),
        ("How many were followed is not known.", []),
        ("Lymphopenia means too few lymphocytes.", []),
        ("Fewer people had infections each year.", []),
        # quoted source words and blockquotes are the source's
        ('The study said "most were mild".', []),
        ("> Infections were predominantly mild, and most resolved.", []),
    ],
)
def test_vague_amounts_without_a_number(text: str, phrases: list[str]) -> None:
    assert lint.check_prose(text) == [(0, message(p)) for p in phrases]


def test_the_most_common_is_left_to_the_verbal_lint() -> None:
    """'The most common' is a superlative: 'common' is flagged once, by the verbal lint."""
    assert lint.check_prose("Colds were the most common kind.") == [
        (0, lint.verbal_message("common"))
    ]


def test_headings_are_checked_too() -> None:
    """A title or description cannot hold a number from data, so it must not say 'a few more'."""
    assert lint.check_prose("A few more people had an infection", heading=True) == [
        (0, message("A few"))
    ]
    assert lint.check_prose("More people had an infection", heading=True) == []


def test_not_reported_twice_inside_a_comparison() -> None:
    """'slightly higher risk' is one comparison: the relative lint names it, once."""
    assert lint.check_prose("It was a slightly higher risk.") == [
        (0, lint.relative_message("higher risk"))
    ]


def test_vague_amounts_reach_the_build_as_path_line_warnings_and_strict_errors(
    fixture_site: Path,
) -> None:
    from helpers import edit, errors_for, warnings_for

    edit(
        fixture_site,
        "content/alemtuzumab.md",
        "## What we do not know",
        "Several people had shingles.\n\n## What we do not know",
    )
    line = next(
        n
        for n, text in enumerate(
            (fixture_site / "content/alemtuzumab.md").read_text().splitlines(), 1
        )
        if text.startswith("Several people")
    )
    expected = [f"content/alemtuzumab.md:{line}: {message('Several')}"]
    assert warnings_for(fixture_site) == expected
    assert errors_for(fixture_site, strict=True) == expected


def test_a_vague_chart_title_is_reported_at_its_line(fixture_site: Path) -> None:
    from helpers import edit, warnings_for

    edit(
        fixture_site,
        "content/cladribine.md",
        "    title: More people had an infection with cladribine tablets",
        "    title: A few more people had an infection with cladribine tablets",
    )
    assert warnings_for(fixture_site) == [f"content/cladribine.md:15: {message('A few')}"]
