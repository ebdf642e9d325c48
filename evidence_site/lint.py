"""Prose lints: find numbers typed into commentary instead of drawn from data/. Pure."""

from __future__ import annotations

import re

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_URL = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2} (?:January|February|"
                   r"March|April|May|June|July|August|September|October|November|December)\b")
_NUMERAL = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*%?(?![\w-])")
_DENOMINATOR = re.compile(r"\b(?:in|of) 100\b")  # the page's one denominator is not a figure
_PLACEHOLDER = re.compile(r"\bTODO\b[^\n]*")  # what `build.py new` leaves for the curator


def blank(match: re.Match[str]) -> str:
    """Replace a match with spaces, keeping newlines so line numbers stay true."""
    return re.sub(r"[^\n]", " ", match.group(0))


def typed_numbers(text: str) -> list[tuple[int, str]]:
    """Return (line offset, numeral) for each number typed into prose, outside quotes and dates.

    Blockquotes, quoted text, link targets, dates and years are allowed: they quote sources
    or say when. Numerals joined to letters (CAMMS223, beta-1a) are names, not figures.
    """
    text = _JINJA.sub(blank, text)
    found = []
    for offset, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(">"):
            continue
        for pattern in (_URL, _QUOTED, _DATE, _DENOMINATOR):
            line = pattern.sub(blank, line)
        found += [(offset, m.group(0)) for m in _NUMERAL.finditer(line)]
    return found


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
