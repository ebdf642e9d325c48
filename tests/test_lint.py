"""Typed numerals in prose are found; quotes, dates, names and the denominator are not."""

from __future__ import annotations

import pytest

from evidence_site import lint


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
