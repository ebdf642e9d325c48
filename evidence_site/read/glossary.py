"""The glossary: data/glossary.csv (term, explanation, also), its page, and term links.

The first use of each term on a page becomes a link to the term's entry on the glossary page,
so its explanation is reachable by keyboard, touch and screen reader without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_site.errors import SourceError
from evidence_site.read import files
from evidence_site.read.data import read_table

FILE = "glossary.csv"
COLUMNS = ("term", "explanation")
OPTIONAL = ("also",)  # other ways the term is written, separated by ';'
URL = "glossary/index.html"
# Text inside these elements is never linked: it is a heading, a link, a picture, a table,
# a quotation of the source, or the clinicians' layer.
SKIP = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "table", "details", "summary",
        "blockquote", "q", "cite", "code", "pre", "script", "style", "title", "figcaption", "nav",
        "header", "footer", "button", "label")
# Nor inside an element marked with this attribute (the key messages and the answer block,
# which are read first and must not be interrupted): the body's first use is linked instead.
NO_TERMS = "data-no-terms"
_SKIPPED = frozenset(SKIP)
_PIECES = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_MARKED = re.compile(rf"\s{NO_TERMS}[\s=>]")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    explanation: str
    also: tuple[str, ...]
    line: int

    @property
    def anchor(self) -> str:
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def read_glossary(data_dir: Path, rel: Path) -> tuple[str | None, list[SourceError]]:
    """The text of data/glossary.csv, as parse_glossary takes it (None: no glossary, or why)."""
    path = data_dir / FILE
    if not path.exists() and not path.is_symlink():
        return None, []
    return files.read_text(path, rel / FILE)


def parse_glossary(text: str, shown: Path) -> tuple[tuple[Term, ...], list[SourceError]]:
    """Validate the glossary table; one error per problem, at its line."""
    raw, errors = read_table(text, shown, COLUMNS)
    if raw is None:
        return (), errors
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        return (), [SourceError(shown, 1, f"missing column(s): {', '.join(missing)}; the header "
                                f"must be: {','.join(COLUMNS + OPTIONAL)}")]
    terms: list[Term] = []
    errors: list[SourceError] = []
    seen: dict[str, int] = {}
    for position, row in enumerate(raw.rows):
        line = position + 2
        row = {k: (v or "").strip() for k, v in row.items()}
        problems = [f"'{c}' is empty; fill it in" for c in COLUMNS if not row[c]]
        forms = [row["term"], *[a.strip() for a in row.get("also", "").split(";") if a.strip()]]
        for form in forms:
            if form and form.lower() in seen:
                problems.append(f"{form!r} is already on line {seen[form.lower()]}; give each "
                                "term one row")
        errors += [SourceError(shown, line, p) for p in problems]
        if not problems:
            seen.update({f.lower(): line for f in forms})
            terms.append(Term(row["term"], row["explanation"], tuple(forms[1:]), line))
    return tuple(sorted(terms, key=lambda t: t.term.lower())), errors


def term_pattern(terms: Sequence[Term]) -> re.Pattern[str] | None:
    """One pattern for every form of every term, longest first, plurals allowed."""
    forms = sorted({f for t in terms for f in (t.term, *t.also)}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|es)?(?![\w-])", re.I)


def mark_terms(html: str, terms: Sequence[Term], root: str) -> str:
    """Link the first use of each term inside <main> to its glossary entry."""
    pattern = term_pattern(terms)
    if pattern is None or "<main" not in html:
        return html
    by_form = {f.lower(): t for t in terms for f in (t.term, *t.also)}
    done: set[str] = set()
    head, main = html.split("<main", 1)
    pieces = _PIECES.split(main)
    skipping: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            tag = _TAG_NAME.match(piece)
            name = tag.group(1).lower() if tag else ""
            if piece.startswith("</"):
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            elif not piece.endswith("/>") and (name in _SKIPPED or name in skipping
                                               or _MARKED.search(piece)):
                skipping.append(name)  # the same tag nested inside is counted, to close right
            continue
        if skipping or index == 0:
            continue

        def link(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = " ".join(word.lower().split())
            term = by_form.get(lower) or by_form.get(lower[:-1]) or by_form.get(lower[:-2])
            if term is None or term.term in done:
                return word
            done.add(term.term)
            return f'<a class="term" href="{root}{URL}#{term.anchor}">{word}</a>'

        pieces[index] = pattern.sub(link, piece)
    return head + "<main" + "".join(pieces)
