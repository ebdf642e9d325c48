"""Stage 2: read data/*.csv and their sidecars into validated Dataset records.

Reads files only in load_* functions; every check returns SourceErrors with the CSV line.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_site import shapes
from evidence_site.check import safety
from evidence_site.errors import SourceError, sort_key
from evidence_site.present.numbers import RELATIONS
from evidence_site.read import files, quotes
from evidence_site.records import Dataset, Figure, Source

SOURCES_FILE = "sources.csv"
GLOSSARY_FILE = "glossary.csv"  # read by glossary.py; not a dataset of figures
SOURCE_COLUMNS = ("id", "short", "citation", "authors", "journal", "published", "doi", "url")
SOURCE_REQUIRED = ("id", "short", "citation", "journal", "published")
REQUIRED = ("id", "measure", "group", "period", "value", "scale", "unit", "source", "locator",
            "quote")
COLUMNS = (  # every column a dataset may have, in any order; only REQUIRED ones must be there
    "id", "measure", "group", "period", "value", "value_high", "relation", "scale", "unit",
    "n_people", "ci_low", "ci_high", "ci_level", "per", "compares", "source", "locator", "quote",
    "period_quote",
)
STARTER = (  # the header `new` writes: the columns of a figure about people
    "id", "measure", "group", "period", "value", "value_high", "relation", "scale", "unit",
    "n_people", "source", "locator", "quote",
)
NUMBERS = ("value", "value_high", "ci_low", "ci_high")  # each must be a number in the quote
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^\s*(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)
# 58,7 or 1.234,5 (a decimal comma); 1,234 and 12,345,678 are thousands commas.
_DECIMAL_COMMA = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
SIDECAR_KEYS = ("title", "curated_by", "checked", "sha256")
STAMP_HINT = "python build.py stamp {csv}"


@dataclass(frozen=True)
class Table:
    """A CSV's cells as text: the header's column names and one {column: cell} per line after it."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    @property
    def cells(self) -> list[str]:
        """Every cell, row by row."""
        return [cell for row in self.rows for cell in row.values()]


def read_csv_text(text: str) -> Table:
    """Every cell as text; blank lines kept as rows of empty cells so row i is line i + 2.

    A byte-order mark (Excel's "CSV UTF-8" writes one) is dropped; an empty file has no columns.
    A short row's missing cells are empty. Only called once open_quote and check_widths found
    the text readable, with no row wider than its header.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Table((), ())
    lines = csv.reader(io.StringIO(text))
    columns = column_names(next(lines, []))
    return Table(columns, tuple(dict(zip(columns, [*cells, *[""] * (len(columns) - len(cells))],
                                         strict=False)) for cells in lines))


def column_names(header: Sequence[str]) -> tuple[str, ...]:
    """The header's names as pandas names them, so messages name them the same way: an empty
    one is 'Unnamed: 3' (its position), a repeated one 'value.1', then 'value.2'."""
    names = [name or f"Unnamed: {i}" for i, name in enumerate(header)]
    counts: dict[str, int] = {}
    for i, name in enumerate(names):
        count, new = counts.get(name, 0), name
        while count > 0:
            counts[name] = count + 1
            new = f"{name}.{count}"
            count = count + 1 if new in names else counts.get(new, 0)
        names[i] = new
        counts[new] = count + 1
    return tuple(names)


def read_table(text: str, shown: Path, required: Sequence[str] = ()
               ) -> tuple[Table | None, list[SourceError]]:
    """Check the CSV's shape (every quote closed, no row wider than the header), then read it.

    A quote that never closes, or a row wider than the header, would shift cells. If the
    header itself lacks a required column, only the header is read, so the caller reports
    that one missing column rather than every row.
    """
    if quote := files.open_quote(text, shown):
        return None, [quote]
    if widths := check_widths(text, shown):
        head = read_csv_text(text.removeprefix("\ufeff").partition("\n")[0])
        return (head, []) if set(required) - set(head.columns) else (None, widths)
    return read_csv_text(text), []


def check_widths(text: str, shown: Path) -> list[SourceError]:
    """Rows with more cells than the header (they would shift every cell)."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(rows, [])
    errors, line = [], 2
    for row in rows:
        if len(row) > len(header):
            errors.append(SourceError(shown, line, f"this row has {len(row)} cells but the header "
                                      f"has {len(header)}; put text that contains a comma in "
                                      "double quotes"))
        line = rows.line_num + 1
    return errors


def load_sources(data_dir: Path, rel: Path) -> tuple[dict[str, Source], list[SourceError]]:
    """Read data/sources.csv into {id: Source}."""
    text, shown, errors = read_sources(data_dir, rel)
    return parse_sources(text, shown) if text is not None else ({}, errors)


def read_sources(data_dir: Path, rel: Path) -> tuple[str | None, Path, list[SourceError]]:
    """The text of data/sources.csv and its shown path, as parse_sources takes them."""
    path = data_dir / SOURCES_FILE
    shown = rel / SOURCES_FILE
    if not path.exists():
        return None, shown, [SourceError(shown, None, "file is missing; every figure must name "
                                         "a source listed here (columns: "
                                         + ", ".join(SOURCE_COLUMNS) + ")")]
    text, errors = files.read_text(path, shown)
    return text, shown, errors


def parse_sources(text: str, shown: Path) -> tuple[dict[str, Source], list[SourceError]]:
    """Validate the sources table; return the good rows and one error per problem."""
    raw, errors = read_table(text, shown, SOURCE_COLUMNS)
    if raw is None:
        return {}, errors
    missing = [c for c in SOURCE_COLUMNS if c not in raw.columns]
    if missing:
        return {}, [SourceError(shown, 1, f"missing column(s): {', '.join(missing)}; the header "
                                f"must be: {','.join(SOURCE_COLUMNS)}")]
    sources: dict[str, Source] = {}
    errors = []
    for position, row in enumerate(raw.rows):
        line = position + 2  # line 1 is the header; blank lines are kept as rows
        row = {k: v.strip() for k, v in row.items()}
        if not any(row.values()):
            errors.append(SourceError(shown, line, "empty row; delete it"))
            continue
        problems = [f"'{c}' is empty; fill it in" for c in SOURCE_REQUIRED if not row[c]]
        # No DOI or URL is allowed: a full citation (title, journal, date) still finds the
        # source, and a DOI that was not seen must not be guessed.
        problems += source_link_problems(row)
        if row["id"] in sources:
            problems.append(f"source id {row['id']!r} is listed twice (first on line "
                            f"{sources[row['id']].line}); give each source one row")
        errors += [SourceError(shown, line, p) for p in problems]
        if not problems:
            sources[row["id"]] = Source(line=line, **{c: row[c] for c in SOURCE_COLUMNS})
    return sources, errors


def source_link_problems(row: Mapping[str, str]) -> list[str]:
    """A source's DOI and web address become links, so they must be https:// (or http://)."""
    problems = []
    doi, url = row["doi"], row["url"]
    if doi and not _DOI.match(doi):
        bare = _DOI_PREFIX.sub("", doi)
        fix = (f"write just {bare!r}" if _DOI.match(bare)
               else "a DOI looks like 10.1177/1352458510391344")
        problems.append(f"doi is {doi!r}; {fix} (the page links it through https://doi.org/)")
    if url and not safety.web_address(url):
        problems.append(f"url is {url!r}; give the web address of the source, starting with "
                        "https://")
    return problems


def load_datasets(
    data_dir: Path, rel: Path, sources: Mapping[str, Source] | None,
) -> tuple[dict[str, Dataset], list[SourceError], list[SourceError]]:
    """Read every data/*.csv except sources.csv; return datasets, errors and warnings.

    sources is None when sources.csv has problems of its own: source ids are then not
    checked, so one bad row there is not echoed once per figure that cites it.
    """
    raw, errors = read_datasets(data_dir, rel)
    return collect_datasets([parse_dataset(*args, sources) for args in raw], errors)


DatasetFiles = tuple[str, Path, bytes, "str | None", Path]  # parse_dataset's file arguments


def read_datasets(data_dir: Path, rel: Path) -> tuple[list[DatasetFiles], list[SourceError]]:
    """Every dataset's name, CSV bytes and sidecar text, as parse_dataset takes them."""
    found: list[DatasetFiles] = []
    paths, errors = files.list_files(data_dir, rel, "*.csv")
    # sources.csv and glossary.csv are checked by their own loaders
    errors = [e for e in errors if e.path.name not in (SOURCES_FILE, GLOSSARY_FILE)]
    for path in paths:
        if path.name in (SOURCES_FILE, GLOSSARY_FILE):
            continue
        shown = rel / path.name
        sidecar_path = path.with_suffix(".meta.toml")
        raw_bytes, errs = files.read_bytes(path, shown)
        sidecar_text, sidecar_errors = None, []
        if sidecar_path.exists() or sidecar_path.is_symlink():
            sidecar_text, sidecar_errors = files.read_text(sidecar_path, rel / sidecar_path.name)
        if raw_bytes is None or sidecar_errors:
            errors += errs + sidecar_errors
            continue
        found.append((path.stem, shown, raw_bytes, sidecar_text, rel / sidecar_path.name))
    return found, errors


def list_datasets(data_dir: Path, rel: Path
                  ) -> tuple[list[tuple[Path, Path | None]], list[SourceError]]:
    """Every dataset CSV and its sidecar (None: it has none), as load_dataset_files takes them."""
    found: list[tuple[Path, Path | None]] = []
    paths, errors = files.list_files(data_dir, rel, "*.csv")
    errors = [e for e in errors if e.path.name not in (SOURCES_FILE, GLOSSARY_FILE)]
    # One listing says which sidecars there are (1,000 datasets: no look at each name).
    sidecars, problems = files.list_files(data_dir, rel, "*.meta.toml")
    present = {p.name for p in sidecars}
    refused = {e.path.name: e for e in problems}
    for path in paths:
        if path.name in (SOURCES_FILE, GLOSSARY_FILE):
            continue
        sidecar = path.with_suffix(".meta.toml")
        if sidecar.name in refused:
            errors.append(refused[sidecar.name])
            continue
        found.append((path, sidecar if sidecar.name in present else None))
    return found, errors


def load_dataset_files(path: Path, shown: Path, sidecar: Path | None, raw: bytes | None,
                       sidecar_raw: bytes | None) -> tuple[DatasetFiles | None, list[SourceError]]:
    """One dataset's files as parse_dataset takes them (raw: bytes already read, if any)."""
    sidecar_shown = shown.with_name(path.with_suffix(".meta.toml").name)
    sidecar_text = None
    if sidecar is not None:
        sidecar_text, errors = files.decode(
            sidecar.read_bytes() if sidecar_raw is None else sidecar_raw, sidecar_shown)
        if errors:
            return None, errors
    return (path.stem, shown, path.read_bytes() if raw is None else raw, sidecar_text,
            sidecar_shown), []


def collect_datasets(
    parsed: list[tuple[Dataset | None, list[SourceError], list[SourceError]]],
    errors: list[SourceError],
) -> tuple[dict[str, Dataset], list[SourceError], list[SourceError]]:
    """parse_dataset's results as one {name: dataset}, every error and every warning."""
    datasets: dict[str, Dataset] = {}
    warnings: list[SourceError] = []
    for dataset, errs, warns in parsed:
        errors = errors + errs
        warnings += warns
        if dataset is not None:
            datasets[dataset.name] = dataset
    return datasets, errors, warnings


def parse_dataset(
    name: str,
    shown: Path,
    raw_bytes: bytes,
    sidecar_text: str | None,
    sidecar_shown: Path,
    sources: Mapping[str, Source] | None,
) -> tuple[Dataset | None, list[SourceError], list[SourceError]]:
    """Validate one dataset CSV and its sidecar; pure."""
    text, errors = files.decode(raw_bytes, shown)
    raw, table_errors = read_table(text, shown, REQUIRED) if text is not None else (None, [])
    if raw is None:
        return None, errors + table_errors, []
    if header_errors := check_header(list(raw.columns), shown):
        return None, header_errors, []
    figures, errors = parse_figures(name, shown, raw, sources, text)
    meta, meta_errors, warnings = check_sidecar(sidecar_text, sidecar_shown, shown, raw_bytes)
    errors += meta_errors
    if errors or meta is None:
        return None, errors, warnings
    dataset = Dataset(name=name, path=shown, title=meta["title"], curated_by=meta["curated_by"],
                      checked=meta["checked"], figures=tuple(figures))
    return dataset, [], warnings


def check_header(columns: Sequence[str], shown: Path) -> list[SourceError]:
    """Every required column is there, and every column is one the format knows."""
    errors = []
    if missing := [c for c in REQUIRED if c not in columns]:
        optional = ", ".join(c for c in COLUMNS if c not in REQUIRED)
        errors.append(SourceError(shown, 1, f"missing column(s): {', '.join(missing)}; a "
                                  f"dataset's header needs {','.join(REQUIRED)} (in any order) "
                                  f"and may add: {optional}"))
    for column in columns:
        if column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            guess = f" (did you mean {close[0]!r}?)" if close else ""
            errors.append(SourceError(shown, 1, f"unknown column {column!r}{guess}; the columns "
                                      f"a dataset may have are: {', '.join(COLUMNS)}"))
    return errors


def parse_figures(
    name: str, shown: Path, raw: Table, sources: Mapping[str, Source] | None, text: str
) -> tuple[list[Figure], list[SourceError]]:
    """Turn rows into Figures; one error per problem, at the line a curator would edit.

    A relative effect's two figures are checked once every row has been read.
    """
    figures: list[Figure] = []
    errors: list[SourceError] = []
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple[str, str, str], int] = {}
    if '"' in text and any("\n" in cell for cell in raw.cells):
        return [], [SourceError(shown, None, "a cell contains a line break; keep each figure on "
                                "one line so line numbers stay true")]
    for position, cells in enumerate(raw.rows):
        line = position + 2  # line 1 is the header; blank lines are kept as rows
        row = dict.fromkeys(COLUMNS, "") | {k: v.strip() for k, v in cells.items()}
        problems = check_figure(row, sources)
        if not problems:
            key = (row["measure"], row["group"], row["period"])
            if row["id"] in seen_ids:
                problems.append(f"figure id {row['id']!r} is used twice (first on line "
                                f"{seen_ids[row['id']]}); give each figure its own id")
            elif key in seen_keys:
                problems.append(f"duplicate figure: {row['measure']} / {row['group']} / "
                                f"{row['period']} is already on line {seen_keys[key]}")
            seen_keys.setdefault(key, line)
        if row["id"]:
            seen_ids.setdefault(row["id"], line)
        errors += [SourceError(shown, line, p) for p in problems]
        if not problems:
            figures.append(to_figure(name, row, line))
    by_id = {f.id: f for f in figures}
    compared = {f.id: shapes.check_compares(f, by_id, list(seen_ids)) for f in figures}
    errors += [SourceError(shown, by_id[i].line, p) for i, ps in compared.items() for p in ps]
    return [f for f in figures if not compared[f.id]], sorted(errors, key=sort_key)


def check_figure(row: Mapping[str, str], sources: Mapping[str, Source] | None) -> list[str]:
    """Problems with one row, as phrases a data curator will understand."""
    row = dict.fromkeys(COLUMNS, "") | dict(row)
    if not any(row.values()):
        return ["empty row; delete it"]
    problems = [f"'{c}' is empty; fill it in" for c in REQUIRED if not row[c]]
    if row["id"] and not row["id"].replace("_", "").isalnum():
        problems.append(f"id {row['id']!r} may use only letters, digits and _ (it is used "
                        "in prose as {{ fig." + "ID.about }})")
    scale = shapes.SCALES.get(row["scale"])
    if row["scale"] and scale is None:
        problems.append(f"scale is {row['scale']!r}; use one of: {', '.join(shapes.SCALES)}")
    if row["relation"] not in RELATIONS:
        problems.append(f"relation is {row['relation']!r}; leave it empty or use one of: >, <")
    values: dict[str, float] = {}
    for column in NUMBERS:
        if not row[column]:
            continue
        number = to_number(row[column])
        if number is None:
            problems.append(
                f"{column} is {row[column]!r}, not a number; {number_hint(row[column])}")
        elif problem := shapes.out_of_range(scale, column, row[column], number):
            problems.append(problem)
        else:
            values[column] = number
    n_people = None
    if row["n_people"]:
        n = to_number(row["n_people"])
        if n is None or n != int(n) or n <= 0:
            problems.append(f"n_people is {row['n_people']!r}; give a whole number of people, "
                            "or leave it empty if the source does not report it")
        else:
            n_people = int(n)
    if row["quote"]:
        shown = [c for c in values if c in NUMBERS] + (["n_people"] if n_people else [])
        problems += [quote_problem(row["quote"], c, row[c]) for c in shown
                     if not quote_has(row["quote"], row[c])]
    problems += check_order(row, values) + check_level(row)
    problems += shapes.check_shape(row, values, n_people) + check_period(row)
    if row["source"] and sources is not None and row["source"] not in sources:
        known = ", ".join(sorted(sources)) or "none"
        problems.append(f"unknown source {row['source']!r}; add it to data/sources.csv "
                        f"(known: {known})")
    return problems


def quote_problem(quote: str, column: str, text: str) -> str:
    """Why a number is not in the quote: missing, or only part of a longer number."""
    if inside := quotes.containing(quote, text):
        return (f"the quote does not contain the {column} {text!r} as a number of its own (only "
                f"inside {', '.join(inside)}); copy the number exactly as the source writes it")
    return (f"the quote does not contain the {column} {text!r}; copy the sentence from the "
            "source exactly")


def check_order(row: Mapping[str, str], values: Mapping[str, float]) -> list[str]:
    """A range runs upwards; a confidence interval has both ends and contains its value."""
    problems = []
    value = values.get("value")
    if value is not None and "value_high" in values and values["value_high"] < value:
        problems.append(f"value_high {row['value_high']} is below value {row['value']}")
    if bool(row["ci_low"]) != bool(row["ci_high"]):
        problems.append("give both ci_low and ci_high (the ends of the confidence interval), "
                        "or neither")
    if value is not None and "ci_low" in values and values["ci_low"] > value:
        problems.append(f"ci_low {row['ci_low']} is above value {row['value']}; a confidence "
                        "interval contains its value")
    if value is not None and "ci_high" in values and values["ci_high"] < value:
        problems.append(f"ci_high {row['ci_high']} is below value {row['value']}; a confidence "
                        "interval contains its value")
    return problems


def check_level(row: Mapping[str, str]) -> list[str]:
    """A confidence level is a number between 0 and 100 that the quote states (95 if empty)."""
    level = row["ci_level"]
    if level and not row["ci_low"] and not row["ci_high"]:
        return [f"ci_level is {level!r} but there is no confidence interval; fill in ci_low "
                "and ci_high, or leave ci_level empty"]
    if not row["ci_low"] and not row["ci_high"]:
        return []
    number = to_number(level or "95")
    if number is None or not 0 < number < 100:
        return [f"ci_level is {level!r}; write the level as a number between 0 and 100 "
                "without %, e.g. 95"]
    if row["quote"] and not quotes.has_number(row["quote"], level or "95"):
        given = level or "95 (the default)"
        return [f"the quote does not give the confidence level {given}; quote the words that "
                "say it (e.g. '95% CI'), or set ci_level to the level the source gives"]
    return []


def check_period(row: Mapping[str, str]) -> list[str]:
    """A number in the period ('Year 7') must be in the quote, or in period_quote."""
    period, quote, period_quote = row["period"], row["quote"], row["period_quote"]
    if not quote:
        return []
    missing = [t.text for t in quotes.tokens(period)
               if not quote_has(quote, t.text) and not quote_has(period_quote, t.text)]
    if not missing:
        return []
    numbers = " and ".join(missing)
    where = "the quote or period_quote" if period_quote else "the quote"
    fix = ("copy the source's words that give the period into period_quote exactly"
           if period_quote else "correct the period, or copy the source's words that give it "
           "into period_quote")
    return [f"period {period!r} has {numbers}, which {where} does not; {fix}"]


def number_hint(text: str) -> str:
    """How to write this cell as a plain number."""
    cell = text.strip()
    decimal = _DECIMAL_COMMA.match(cell.rstrip("%").strip())
    if decimal and not _THOUSANDS.match(cell.rstrip("%").strip()):
        number = decimal.group(1).replace(".", "") + "." + decimal.group(2)
        without = " and no %" if cell.endswith("%") else ""
        return f"use a point, not a comma, for decimals{without}: {number}"
    bare = cell.rstrip("%").strip().replace(",", "")
    if bare != text.strip() and to_number(bare) is not None:
        return f"write {bare}, without % or thousands commas"
    return "write a plain number such as 58.7 (leave value_high empty if there is no range)"


def to_number(text: str) -> float | None:
    """Parse a plain decimal number; None for anything else (including 'nan')."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def quote_has(quote: str, text: str) -> bool:
    """Whether the quote writes this number as a whole number ('no' or 'none' for 0)."""
    return quotes.has_number(quote, text)


def to_figure(dataset: str, row: Mapping[str, str], line: int) -> Figure:
    """Convert a validated row (optional columns may be absent)."""
    row = dict.fromkeys(COLUMNS, "") | dict(row)
    return Figure(
        id=row["id"], dataset=dataset, measure=row["measure"], group=row["group"],
        period=row["period"], value=float(row["value"]),
        value_high=float(row["value_high"]) if row["value_high"] else None,
        value_text=row["value"], high_text=row["value_high"], relation=row["relation"],
        scale=row["scale"], unit=row["unit"],
        n_people=int(float(row["n_people"])) if row["n_people"] else None,
        source=row["source"], locator=row["locator"], quote=row["quote"], line=line,
        ci_low=float(row["ci_low"]) if row["ci_low"] else None,
        ci_high=float(row["ci_high"]) if row["ci_high"] else None,
        ci_low_text=row["ci_low"], ci_high_text=row["ci_high"],
        ci_level=row["ci_level"] or "95", per=row["per"],
        compares=shapes.compared_ids(row["compares"]),
    )


def sha256(raw_bytes: bytes) -> str:
    return hashlib.sha256(raw_bytes).hexdigest()


def check_sidecar(
    text: str | None, shown: Path, csv_shown: Path, raw_bytes: bytes
) -> tuple[dict | None, list[SourceError], list[SourceError]]:
    """Validate the sidecar; a changed CSV is a warning that says how to re-stamp it."""
    hint = STAMP_HINT.format(csv=csv_shown)
    if text is None:
        return None, [SourceError(shown, None, "is missing; every dataset needs a sidecar with "
                                  f"{', '.join(SIDECAR_KEYS)}. After checking the figures "
                                  f"against the source, run: {hint} --title 'TITLE' "
                                  "--curator 'NAME'")], []
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        found = re.search(r"at line (\d+)", str(e))
        line = int(found.group(1)) if found else None
        return None, [SourceError(shown, line, f"is not valid TOML: {e}")], []
    errors = [SourceError(shown, None, f"'{k}' is missing; add {k} = ...") for k in SIDECAR_KEYS
              if k not in meta]
    if "checked" in meta and not isinstance(meta["checked"], dt.date):
        errors.append(SourceError(shown, None, f"checked is {meta['checked']!r}; write a date "
                                  "without quotes, e.g. checked = 2026-11-26"))
    if errors:
        return None, errors, []
    warnings = []
    if meta["sha256"] != sha256(raw_bytes):
        warnings.append(SourceError(csv_shown, None, f"changed since its figures were checked on "
                                    f"{meta['checked']}; check every changed figure against its "
                                    f"source, then run: {hint}"))
    return meta, [], warnings
