"""Prose lints: how a page speaks about risk, checked before it is published. Pure.

Each lint returns (line offset, message) pairs; render.py turns them into path:line warnings
(errors under --strict). Blockquotes and text in quotation marks are the source's own words and
are not linted; a {{ fig.ID.about }} placeholder counts as a number drawn from the data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

_NUMBER_EXPR = re.compile(
    r"\{\{[^}]*\.(?:about|others|interval|exact|percent|count)\b[^}]*\}\}", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_URL = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2} (?:January|February|"
                   r"March|April|May|June|July|August|September|October|November|December)\b")
_NUMERAL = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*%?(?![\w-])")
_PLACEHOLDER = re.compile(r"\bTODO\b[^\n]*")  # what `build.py new` leaves for the curator
NUMBER_TOKEN = "NUMBER"

_WORD_NUMBERS = ("two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                 "twenty-five|thirty|forty|fifty|a thousand|thousand|a million")


@functools.cache
def denominator_pattern(denominator: int = 100) -> re.Pattern[str]:
    """'in 100' (or 'of 1,000' on a per-1,000 page): the page's one denominator is not a figure."""
    return re.compile(rf"\b(?:in|of) (?:{denominator}|{denominator:,})\b")


@functools.cache
def one_in_x(denominator: int = 100) -> re.Pattern[str]:
    """'1 in 3', 'one in every 250': another denominator than the page's."""
    own = f"(?!(?:{denominator}|{denominator:,})\\b)"
    return re.compile(rf"\b(?:1|one)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{own}\d[\d,]*|"
                      rf"{_WORD_NUMBERS})\b", re.I)


ONE_IN_X = one_in_x(100)
RELATIVE = re.compile(
    r"\b(?:twice|half|double|triple|(?:two|three|four|five|ten|\d+(?:\.\d+)?)\s*(?:times|-fold|x)"
    r")\s+(?:as\s+\w+|more|less|fewer|higher|lower|the)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+(?:more|less|fewer|higher|lower|greater|"
    r"increase|decrease|reduction|lower\s+risk|higher\s+risk)\b"
    r"|\b(?:more|less)\s+(?:likely|common|frequent)\b"
    r"|\b(?:higher|lower|increased|reduced|greater)\s+risk\b"
    r"|\b(?:doubles|doubled|halved|triples|tripled)\b"
    r"|\b(?:relative\s+risk|risk\s+ratio|hazard\s+ratio|odds\s+ratio)\b",
    re.I,
)
VERBAL = re.compile(r"\b(?:common|commonly|uncommon|rare|rarely|likely|unlikely)\b", re.I)
# Vague amounts: 'a few more', 'most', 'several'. Not 'how many' (a question), 'too few' (a
# condition, as in 'too few lymphocytes'), 'the most' and
# 'most common' (superlatives: the verbal lint has 'common'), nor 'fewer' (a comparison).
VAGUE = re.compile(
    r"\b(?:a\s+few|(?<!\btoo\s)few|some\s+(?:more|fewer|less)|(?<!\b(?:how|too)\s)many|mostly|"
    r"(?<!\bthe\s)most(?!\s+(?:common|commonly|uncommon|likely|often|frequent|frequently|"
    r"important|serious|severe|recent)\b)|a\s+lot(?:\s+of)?|lots\s+of|several|a\s+handful|"
    r"the\s+majority|a\s+minority|almost\s+all|nearly\s+all|hardly\s+any|"
    r"a\s+(?:little|bit)\s+(?:more|less|fewer)|slightly\s+(?:more|less|fewer|higher|lower)|"
    r"numerous|countless|plenty)\b",
    re.I,
)
ADVICE = re.compile(r"\b(?:should|must)\b", re.I)
_UNIT_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]\s|#|\d+\.\s|\|))")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”')\]]*\s+")


def blank(match: re.Match[str]) -> str:
    """Replace a match with spaces, keeping newlines so line numbers stay true."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _token(match: re.Match[str], word: str) -> str:
    """Replace a placeholder with a word of the same length (newlines kept)."""
    text = match.group(0)
    return word + re.sub(r"[^\n]", " ", text[len(word):])


def readable(text: str) -> str:
    """The prose as a linter reads it: same length and lines, source quotes blanked out."""
    text = _NUMBER_EXPR.sub(lambda m: _token(m, NUMBER_TOKEN), text)
    text = _JINJA.sub(lambda m: _token(m, "WORDS"), text)
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith(">"):
            line = re.sub(r"[^\n]", " ", line)
        for pattern in (_URL, _QUOTED):
            line = pattern.sub(blank, line)
        lines.append(line)
    return "\n".join(lines)


def sentences(text: str) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """Yield (line offset, sentence, neighbouring sentences) for each sentence of the prose."""
    start = 0
    for unit_end in [m.start() for m in _UNIT_BREAK.finditer(text)] + [len(text)]:
        unit = text[start:unit_end]
        spans, at = [], 0
        for end in [m.end() for m in _SENTENCE_END.finditer(unit)] + [len(unit)]:
            if unit[at:end].strip():
                spans.append((start + at, unit[at:end]))
            at = end
        for index, (offset, sentence) in enumerate(spans):
            first_char = offset + len(sentence) - len(sentence.lstrip())
            near = tuple(s for _, s in spans[max(0, index - 1):index + 2])
            yield text.count("\n", 0, first_char), sentence, near
        start = unit_end


def has_number(text: str, denominator: int = 100) -> bool:
    """Whether a stretch of prose holds a number (drawn from data or typed)."""
    return NUMBER_TOKEN in text or bool(
        _NUMERAL.search(denominator_pattern(denominator).sub(" ", text)))


def numbers_in(text: str, denominator: int = 100) -> int:
    """How many numbers a stretch of prose holds."""
    return text.count(NUMBER_TOKEN) + len(
        _NUMERAL.findall(denominator_pattern(denominator).sub(" ", text)))


def phrasing(text: str, *, key_message: bool = False, heading: bool = False,
             denominator: int = 100) -> list[tuple[int, str]]:
    """The risk-phrasing lints: 1 in X, vague amounts, bare comparisons and verbal words, advice.

    A heading (a title, a description, a chart's takeaway) sits beside the numbers it sums up,
    so only the 1-in-X and vague-amount lints apply to it: 'a few more' says no amount anywhere.
    """
    found = []
    for offset, sentence, near in sentences(readable(text)):
        flat = " ".join(sentence.split())
        for m in one_in_x(denominator).finditer(flat):
            found.append((offset, one_in_x_message(m.group(0), denominator)))
        relative = [] if heading else list(RELATIVE.finditer(flat))
        if not has_number(sentence, denominator):
            found += [(offset, vague_message(m.group(0))) for m in VAGUE.finditer(flat)
                      if not any(r.start() < m.end() and m.start() < r.end() for r in relative)]
        if heading:
            continue
        for m in relative:
            if (numbers_in(sentence, denominator) < 2
                    and numbers_in(" ".join(near), denominator) < 2):
                found.append((offset, relative_message(m.group(0))))
        # 'likely' inside 'more likely' is the comparison's
        if not has_number(sentence, denominator):
            found += [(offset, verbal_message(m.group(0))) for m in VERBAL.finditer(flat)
                      if not any(r.start() <= m.start() < r.end() for r in relative)]
        if key_message:
            found += [(offset, advice_message(m.group(0))) for m in ADVICE.finditer(flat)]
    return found


def typed_numbers(text: str, denominator: int = 100) -> list[tuple[int, str]]:
    """Return (line offset, numeral) for each number typed into prose, outside quotes and dates.

    Blockquotes, quoted text, link targets, dates and years are allowed: they quote sources
    or say when. Numerals joined to letters (CAMMS223, beta-1a) are names, not figures.
    """
    text = _JINJA.sub(blank, text)
    found = []
    for offset, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(">"):
            continue
        for pattern in (_URL, _QUOTED, _DATE, denominator_pattern(denominator)):
            line = pattern.sub(blank, line)
        found += [(offset, m.group(0)) for m in _NUMERAL.finditer(line)]
    return found


def check_prose(text: str, *, key_message: bool = False, heading: bool = False,
                denominator: int = 100) -> list[tuple[int, str]]:
    """Every lint on one piece of prose: (line offset, message), in line order.

    denominator is the page's: 'in 1,000' is not a typed figure on a per-1,000 page.
    """
    found = phrasing(text, key_message=key_message, heading=heading, denominator=denominator)
    found += [(offset, numeral_message(numeral))
              for offset, numeral in typed_numbers(text, denominator)]
    return sorted(found)


def numeral_message(numeral: str) -> str:
    """What to tell a curator who typed a number into the prose."""
    return (f"the number {numeral!r} is typed into the prose; take it from data/ instead, "
            "e.g. {{ fig.ID.about }}, or quote the source in a > blockquote")


def placeholders(text: str) -> list[tuple[int, str]]:
    """Return (line number, text) for each 'TODO' placeholder that `build.py new` left."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _PLACEHOLDER.search(line)
        if match:
            snippet = match.group(0).strip().rstrip('"')
            found.append((number, snippet if len(snippet) <= 60 else snippet[:57] + "..."))
    return found


def one_in_x_message(phrase: str, denominator: int = 100) -> str:
    """What to tell a curator who wrote '1 in 3'."""
    return (f"{phrase!r} changes the denominator; keep one denominator on the page and write "
            f"'about N in {denominator:,}' from the data instead, e.g. {{{{ fig.ID.about }}}}")


def relative_message(phrase: str) -> str:
    """What to tell a curator who compared groups without absolute numbers."""
    return (f"{phrase!r} compares groups without both groups' absolute numbers nearby; give "
            "both in the same sentence, e.g. '{{ fig.A.about }} compared with "
            "{{ fig.B.about }}', or leave the comparison out")


def verbal_message(word: str) -> str:
    """What to tell a curator who wrote 'common' or 'rare' without a number."""
    return (f"{word!r} has no number in the same sentence, and readers overestimate such "
            f"words; add the number, e.g. '{word} ({{{{ fig.ID.about }}}} people)', or say "
            "what happened without it")


def vague_message(phrase: str) -> str:
    """What to tell a curator who wrote 'a few more' or 'most' without a number."""
    return (f"{phrase!r} is a vague amount with no number in the same sentence, and readers "
            "take such words very differently; write the number instead, e.g. "
            "'{{ fig.ID.about }} people', or say what happened without it")


def advice_message(word: str) -> str:
    """What to tell a curator who wrote 'should' in a key message."""
    return (f"{word!r} in a key message recommends; summaries inform, they do not advise. Say "
            "what the study found instead, e.g. 'In the study, ...'")
