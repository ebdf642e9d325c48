"""Find the numbers a source's quote writes, as whole numeric tokens. Pure: text in, answers out.

"8.7" is not in "58.7%" and "4" is not in "0.04": a value must equal a number written in the
quote. The source's own formatting counts: "1,000", "18 218" (thin space), "0·07" (a raised
decimal point), ".5", "1.0%–1.9%", "(76.2; 74.9–77.4)", ">95%"; "no", "none" and "zero" are 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_GROUP = ",\u00a0\u2009\u202f"  # thousands separators: comma, no-break, thin, narrow no-break
_POINT = ".\u00b7\u22c5"  # decimal points: full stop, middle dot (0·07), dot operator
_NUMBER = re.compile(
    rf"(?<![\w{_POINT}])(?<!\d[{_GROUP}])"  # not the tail of a word or a longer number
    rf"(?:(?:\d{{1,3}}(?:[{_GROUP}]\d{{3}})+|\d+)(?:[{_POINT}]\d+)?|[{_POINT}]\d+)"
    rf"(?!\w|[{_POINT}{_GROUP}]\d)"  # not the head of a word or a longer number
)
_ZERO = re.compile(r"\b(?:no|none|zero)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b)", re.IGNORECASE)
_RANGE = re.compile(r"\s?(?:[-\u2010-\u2015\u2212]|to|and|or)\s?", re.IGNORECASE)
_PER = re.compile(r"(?:\bper|\bin|\bof|\bout of|/)\s?$", re.IGNORECASE)
_PERSON_TIME = re.compile(
    r"\b(?:patient|person|participant)s?[-\s]?(?:year|month|week|day)s?\b", re.IGNORECASE
)
_PY = re.compile(r"\bPYs?\b")  # the abbreviation is upper case; "py" is not person-time
_WORDS = {100: "hundred", 1000: "thousand", 10000: "ten thousand"}


@dataclass(frozen=True)
class Token:
    """One number written in a text: where it is, how it is written, and its value."""

    start: int
    end: int
    text: str
    value: Decimal


def to_decimal(text: str) -> Decimal | None:
    """The value of a number as written ('1,000' -> 1000, '0·07' -> 0.07), or None."""
    plain = text.strip()
    for mark in _GROUP:
        plain = plain.replace(mark, "")
    for mark in _POINT:
        plain = plain.replace(mark, ".")
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def tokens(text: str) -> tuple[Token, ...]:
    """Every number written with digits in text, in order."""
    found = []
    for match in _NUMBER.finditer(text):
        value = to_decimal(match.group())
        if value is not None:
            found.append(Token(match.start(), match.end(), match.group(), value))
    return tuple(found)


def numbers_in(text: str) -> tuple[Decimal, ...]:
    """The values of every number in text; 'no', 'none' and 'zero' count as 0."""
    zeros = tuple(Decimal(0) for _ in _ZERO.finditer(text))
    return tuple(t.value for t in tokens(text)) + zeros


def has_number(text: str, typed: str) -> bool:
    """Whether text writes the number typed (a curator's cell) as a whole number of its own."""
    value = to_decimal(typed)
    return value is not None and value in numbers_in(text)


def containing(text: str, typed: str) -> tuple[str, ...]:
    """The numbers in text that merely contain typed ('58.7' for '8.7'), to explain a miss."""
    return tuple(t.text for t in tokens(text) if typed in t.text and t.text != typed)


def as_percentage(text: str, typed: str) -> bool:
    """Whether text writes this number as a percentage: '58.7%', '1.0–1.9%', '12 per cent'.

    A number is marked by a % (or 'per cent') right after it, or after the range or list it
    opens ('1.0 to 1.9%'); zero also counts when written 'no' or 'none'.
    """
    value = to_decimal(typed)
    if value is None:
        return False
    if value == 0 and _ZERO.search(text):
        return True
    found = tokens(text)
    return any(t.value == value and _marked(text, found, i) for i, t in enumerate(found))


def _marked(text: str, found: tuple[Token, ...], index: int) -> bool:
    """Whether token index, or the last number of the range it opens, is followed by %."""
    run = found[index:]
    for this, following in zip(run, [*run[1:], None], strict=True):
        if _PERCENT.match(text, this.end):
            return True
        gap = _RANGE.match(text, this.end)
        if following is None or gap is None or gap.end() != following.start:
            return False
    return False


def per_people(text: str, denominator: int) -> bool:
    """Whether text gives figures per this many people: 'per 1,000', 'in 1000', '/1,000'.

    'Per 100 patient-years' is a rate over person-time, not people, so it does not count.
    """
    for token in tokens(text):
        after = " ".join(text[token.end:].split()[:2])  # 'patient-years [PY]', 'person years'
        if (token.value == denominator and _PER.search(text, 0, token.start)
                and not names_person_time(after)):
            return True
    words = _WORDS.get(denominator)
    return bool(words and re.search(rf"\b(?:per|in) (?:a |one )?{words}\b", text, re.I))


def names_person_time(text: str) -> bool:
    """Whether text names person-time: patient-years, person-years, PY, participant-months."""
    return bool(_PERSON_TIME.search(text) or _PY.search(text))


def mentions(text: str, names: Iterable[str]) -> bool:
    """Whether text says one of names; an upper-case abbreviation ('HR') must match its case."""
    for name in names:
        flags = 0 if name.isupper() else re.IGNORECASE
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags):
            return True
    return False
