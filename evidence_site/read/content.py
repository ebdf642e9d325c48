"""Stage 1: read content/*.md (YAML front matter + Markdown body) into Page records.

Only read_pages and load_page open files; parse_page is pure and keeps the line of every
front-matter key.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from evidence_site import shapes
from evidence_site.check import lint
from evidence_site.errors import SourceError
from evidence_site.present import findings
from evidence_site.read import files
from evidence_site.records import (
    Answer,
    Certainty,
    Change,
    ChartSpec,
    FactBox,
    FactRow,
    Page,
    Scope,
)

KINDS = ("summary", "page")
CHART_KINDS = ("trend", "bars", "icons")
REQUIRED = ("title", "slug", "description")
SUMMARY_REQUIRED = ("datasets", "published", "last_reviewed", "next_review", "author",
                    "reviewer", "key_messages")
LAYERS = ("fact_box", "certainty", "unknowns", "methods", "findings")  # optional summary layers
TRUST = ("author_role", "reviewer_role", "changelog", "card", "condition", "drugs")
TOP = ("answer", "scope")  # the headline numbers and chart under the title; what the page covers
KNOWN = (REQUIRED + SUMMARY_REQUIRED + ("kind", "charts", "order", "denominator") + LAYERS
         + TRUST + TOP)
ANSWER_KEYS = ("figures", "chart", "outcomes")
ANSWER_EXAMPLE = "answer: {figures: [alem_y1, alem_y6], chart: infections-by-year}"
SCOPE_KEYS = ("text", "source")
FACT_BOX_KEYS = ("title", "who", "columns", "rows")
CERTAINTY_KEYS = ("level", "statement", "reason")
# GRADE certainty levels and the words a finding at that level uses.
CERTAINTY_WORDS = {"high": (), "moderate": ("probably",), "low": ("may", "might"),
                   "very low": ("very uncertain",)}
CHART_KEYS = ("kind", "dataset", "measure", "outcome", "title")
CHART_OPTIONAL = ("figures",  # figure ids to draw, in order (an icon array per figure)
                  "denominator")  # people out of 100, 1000 or 10000 in this chart only
DATES = ("published", "last_reviewed", "next_review")
TEXT = ("title", "description", "author", "reviewer")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Top-level names the build writes itself (the home page, glossary/, data-dictionary/, static/,
# 404.html): a page with such a slug would replace one or be replaced. test_content checks this
# list against a real build's output.
RESERVED_SLUGS = ("index", "glossary", "data-dictionary", "static", "404")

# libyaml's safe loader where PyYAML was built with it (the wheels are): the same documents in
# a thirtieth of the time (26 ms a summary's front matter in Python).
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_pages(content_dir: Path, rel: Path) -> tuple[list[Page], list[SourceError]]:
    """Parse every Markdown file; collect problems instead of stopping at the first."""
    texts, errors = read_pages(content_dir, rel)
    pages: list[Page] = []
    for shown, text in texts:
        page, page_errors = parse_page(shown, text)
        pages += [page] if page is not None else []
        errors += page_errors
    return pages, errors


def read_pages(content_dir: Path, rel: Path) -> tuple[list[tuple[Path, str]], list[SourceError]]:
    """Every Markdown file's shown path and text, as parse_page takes them, and read problems."""
    texts: list[tuple[Path, str]] = []
    paths, errors = files.list_files(content_dir, rel, "*.md")
    for path in paths:
        # A byte-order mark (some editors write one before the '---') is dropped.
        text, read_errors = files.read_text(path, rel / path.name)
        texts += [(rel / path.name, text)] if text is not None else []
        errors += read_errors
    return texts, errors


def list_pages(content_dir: Path, rel: Path) -> tuple[list[Path], list[SourceError]]:
    """Every Markdown file of content/ (links out of the project are refused)."""
    return files.list_files(content_dir, rel, "*.md")


def load_page(path: Path, shown: Path, raw: bytes | None = None
              ) -> tuple[Page | None, list[SourceError]]:
    """One content file parsed from its bytes (raw, when they were read already)."""
    text, errors = files.decode(path.read_bytes() if raw is None else raw, shown)
    return parse_page(shown, text) if text is not None else (None, errors)


def split_front_matter(source: Path, text: str) -> tuple[str, str, int] | SourceError:
    """Return (front matter, body, line where the body starts) or the problem."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return SourceError(source, 1, "expected front matter: the first line must be '---'")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    return SourceError(source, 1, "front matter is not closed: add a line '---' after it")


def read_yaml(front: str) -> tuple[Any, Any]:
    """The front matter's node tree (for key lines) and its values ({} when empty).

    Text that libyaml refuses is read again by PyYAML's Python loader, which raises the error
    a curator sees: its messages are the ones the docs and tests show.
    """
    try:
        return yaml.compose(front, Loader=FAST_LOADER), yaml.load(front, Loader=FAST_LOADER) or {}
    except yaml.YAMLError:
        return yaml.compose(front), yaml.safe_load(front) or {}


def parse_page(source: Path, text: str) -> tuple[Page | None, list[SourceError]]:
    """Parse one content file; return the Page or the problems, each with its line."""
    split = split_front_matter(source, text)
    if isinstance(split, SourceError):
        return None, [split]
    front, body, body_line = split
    try:
        node, meta = read_yaml(front)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(e, "problem", None) or str(e)
        return None, [SourceError(source, line, f"front matter is not valid YAML: {problem}")]
    except ValueError as e:  # YAML reads 2026-13-01 as a date and the calendar refuses it
        line = next((n for n, t in enumerate(front.split("\n"), start=2)
                     if re.search(r"\b\d{4}-\d{1,2}-\d{1,2}\b", t) and not _real_date(t)), 1)
        return None, [SourceError(source, line, f"this date does not exist ({e}); write a real "
                                  "date as YYYY-MM-DD")]
    if not isinstance(meta, dict):
        return None, [SourceError(source, 2, "front matter must be 'key: value' lines")]
    lines = key_lines(node)
    errors = check_front_matter(source, meta, lines)
    errors += placeholder_errors(source, text, {e.line for e in errors})
    if errors:
        return None, errors
    kind = meta.get("kind", "summary")
    charts = tuple(
        ChartSpec(name=str(name), line=lines.get(f"charts.{name}", 1),
                  figures=tuple(spec.get("figures") or ()),
                  denominator=int(spec.get("denominator") or 0),
                  **{k: str(spec[k]) for k in CHART_KEYS})
        for name, spec in (meta.get("charts") or {}).items()
    )
    page = Page(
        source=source, slug=meta["slug"], kind=kind, title=str(meta["title"]),
        description=str(meta["description"]),
        datasets=tuple(meta.get("datasets") or ()),
        published=meta.get("published"), last_reviewed=meta.get("last_reviewed"),
        next_review=meta.get("next_review"), author=str(meta.get("author", "")),
        reviewer=str(meta.get("reviewer", "")),
        key_messages=tuple(str(m) for m in meta.get("key_messages") or ()),
        charts=charts, body=body, body_line=body_line, lines=lines,
        order=int(meta.get("order", 0)),
        fact_box=to_fact_box(meta.get("fact_box"), lines),
        certainty=to_certainty(meta.get("certainty"), lines),
        findings=findings.to_findings(meta.get("findings"), lines),
        unknowns=tuple(str(u) for u in meta.get("unknowns") or ()),
        methods=str(meta.get("methods") or ""),
        author_role=str(meta.get("author_role") or ""),
        reviewer_role=str(meta.get("reviewer_role") or ""),
        changelog=tuple(sorted((Change(c["date"], str(c["change"]), lines.get(f"changelog.{i}", 1))
                                for i, c in enumerate(meta.get("changelog") or ())),
                               key=lambda c: c.date, reverse=True)),
        card=str(meta.get("card") or ""),
        condition=str(meta.get("condition") or ""),
        drugs=tuple(meta.get("drugs") or ()),
        denominator=int(meta.get("denominator") or 0),
        answer=to_answer(meta.get("answer"), lines),
        scope=to_scope(meta.get("scope"), lines),
    )
    return page, []


def placeholder_errors(source: Path, text: str, reported: set[int | None]) -> list[SourceError]:
    """One error per 'TODO' a curator has not replaced yet (lines with other errors excepted)."""
    return [SourceError(source, line, f"replace the placeholder {snippet!r} with your own text")
            for line, snippet in lint.placeholders(text) if line not in reported]


def key_lines(node: Any, prefix: str = "") -> dict[str, int]:
    """Map each key path (title, charts.NAME, key_messages.I, fact_box.rows.I, ...) to its line."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        children = [(str(key.value), key, value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(str(index), item, item) for index, item in enumerate(node.value)]
    else:
        return lines
    for name, key, value in children:
        # Interned: pages share their key paths, so .cache/'s packs hold each one once.
        path = sys.intern(f"{prefix}{name}")
        lines[path] = key.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
        lines.update(key_lines(value, f"{path}."))
    return lines


def check_front_matter(
    source: Path, meta: Mapping[str, Any], lines: Mapping[str, int]
) -> list[SourceError]:
    """Problems with the front matter, each at the line of its key."""

    def at(key: str, message: str) -> SourceError:
        return SourceError(source, lines.get(key, 1), message)

    kind = meta.get("kind", "summary")
    errors = [at(k, f"unknown key {k!r}; known keys: {', '.join(KNOWN)}") for k in meta
              if k not in KNOWN]
    if kind not in KINDS:
        errors.append(at("kind", f"kind is {kind!r}; use one of: {', '.join(KINDS)}"))
    required = REQUIRED + (SUMMARY_REQUIRED if kind == "summary" else ())
    errors += [SourceError(source, 1, f"front matter is missing '{k}'") if meta.get(k) != []
               else at(k, f"{k} is an empty list; " + ("name the data files this page uses, e.g. "
                       "[alemtuzumab-infections]" if k == "datasets" else "give at least one"))
               for k in required if meta.get(k) in (None, "", [])]
    slug = meta.get("slug")
    if slug and not (isinstance(slug, str) and _SLUG.match(slug)):
        errors.append(at("slug", f"slug is {slug!r}; use lower-case letters, digits and "
                         "hyphens, e.g. alemtuzumab-infections"))
    elif slug in RESERVED_SLUGS:
        errors.append(at("slug", f"slug {slug!r} is taken by a page or folder the build makes "
                         f"itself ({', '.join(RESERVED_SLUGS)}); choose another slug"))
    if "denominator" in meta and meta["denominator"] not in shapes.DENOMINATORS:
        errors.append(at("denominator", f"denominator is {meta['denominator']!r}; use 100, 1000 or "
                         "10000: the number of people this page's risks are shown out of (1000 "
                         "for risks below 1 in 100)"))
    order = meta.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        errors.append(at("order", f"order is {order!r}; give a whole number (lower comes first)"))
    errors += [at(k, f"{k} must be one line of text, not a list or a set of keys")
               for k in TEXT if isinstance(meta.get(k), list | dict)]
    for key in DATES:
        value = meta.get(key)
        if value is not None and not isinstance(value, dt.date):
            errors.append(at(key, f"{key} is {value!r}; write a date as YYYY-MM-DD"))
    if meta.get("datasets") is not None and not _is_str_list(meta["datasets"]):
        errors.append(at("datasets", "datasets must be a list of data file names, e.g. "
                         "[alemtuzumab-infections]"))
    messages = meta.get("key_messages")
    if messages is not None and not _is_str_list(messages):
        errors.append(at("key_messages", "key_messages must be a list of sentences"))
    elif kind == "summary" and messages and not 2 <= len(messages) <= 3:
        count = "is 1 key message" if len(messages) == 1 else f"are {len(messages)} key messages"
        errors.append(at("key_messages", f"there {count}; give 2 or 3"))
    errors += check_charts(meta.get("charts"), at)
    errors += check_answer(meta.get("answer"), meta.get("charts"), at)
    errors += check_scope(meta.get("scope"), at)
    errors += check_fact_box(meta.get("fact_box"), at)
    errors += check_certainty(meta.get("certainty"), at)
    errors += findings.check_findings(meta, at)
    if meta.get("unknowns") is not None and not _is_str_list(meta["unknowns"]):
        errors.append(at("unknowns", "unknowns must be a list of sentences, one for each thing "
                         "the evidence does not tell us"))
    if meta.get("methods") is not None and not isinstance(meta["methods"], str):
        errors.append(at("methods", "methods must be text (use 'methods: |' for paragraphs)"))
    errors += check_trust(meta, at)
    return errors


def check_trust(meta: Mapping[str, Any], at: Any) -> list[SourceError]:
    """Roles, card text and subject are short text; each changelog entry has a date and a change."""
    errors = [at(k, f"{k} must be one line of text") for k in ("author_role", "reviewer_role",
                                                                "card", "condition")
              if meta.get(k) is not None and not isinstance(meta[k], str)]
    if meta.get("drugs") is not None and not _is_str_list(meta["drugs"]):
        errors.append(at("drugs", "drugs must be a list of medicine names, e.g. [alemtuzumab]"))
    changelog = meta.get("changelog")
    if changelog is None:
        return errors
    if not isinstance(changelog, list):
        return [*errors, at("changelog", "changelog must be a list of entries like "
                            "'- {date: 2026-11-26, change: First published}'")]
    for index, entry in enumerate(changelog):
        where = f"changelog.{index}"
        if not isinstance(entry, dict) or set(entry) != {"date", "change"}:
            errors.append(at(where, "each changelog entry needs exactly a date and a change, e.g. "
                             "{date: 2026-11-26, change: First published}"))
        elif not isinstance(entry["date"], dt.date):
            errors.append(at(where, f"changelog date is {entry['date']!r}; write it as "
                             "YYYY-MM-DD"))
        elif not isinstance(entry["change"], str) or not entry["change"].strip():
            errors.append(at(where, "changelog change must say in words what changed"))
    return errors


def check_fact_box(box: Any, at: Any) -> list[SourceError]:
    """A fact box needs a title, who it is about, column labels and rows of figure ids."""
    if box is None:
        return []
    if not isinstance(box, dict):
        return [at("fact_box", f"fact_box needs: {', '.join(FACT_BOX_KEYS)}")]
    errors = [at("fact_box", f"fact_box is missing '{k}'") for k in FACT_BOX_KEYS
              if not box.get(k)]
    errors += [at(f"fact_box.{k}", f"fact_box has unknown key {k!r}; known keys: "
                  f"{', '.join(FACT_BOX_KEYS)}") for k in box if k not in FACT_BOX_KEYS]
    columns = box.get("columns")
    if columns and not _is_str_list(columns):
        errors.append(at("fact_box.columns", "fact_box columns must be a list of labels, e.g. "
                         "[Alemtuzumab year 1, Interferon beta-1a year 1]"))
        return errors
    rows = box.get("rows") or []
    if not isinstance(rows, list):
        return errors + [at("fact_box.rows", "fact_box rows must be a list of "
                            "{label: ..., figures: [ID, ...]}")]
    for index, row in enumerate(rows):
        where = f"fact_box.rows.{index}"
        if not isinstance(row, dict) or not row.get("label") or "figures" not in row:
            errors.append(at(where, "each fact_box row needs a label and figures: [ID, ...] "
                             "(write ~ for a column the source does not report)"))
            continue
        ids = row["figures"]
        if not isinstance(ids, list) or not all(i is None or isinstance(i, str) for i in ids):
            errors.append(at(where, "figures must be a list of figure ids, or ~ where the "
                             "source does not report the number"))
        elif columns and len(ids) != len(columns):
            errors.append(at(where, f"row {row['label']!r} has {len(ids)} figure(s) for "
                             f"{len(columns)} column(s); give one per column (~ if not "
                             "reported)"))
    return errors


def check_certainty(certainty: Any, at: Any) -> list[SourceError]:
    """Certainty needs a GRADE level, a statement in that level's words and a reason."""
    if certainty is None:
        return []
    if not isinstance(certainty, dict) or any(not isinstance(certainty.get(k), str)
                                              or not certainty.get(k) for k in CERTAINTY_KEYS):
        return [at("certainty", f"certainty needs: {', '.join(CERTAINTY_KEYS)}, e.g. level: "
                   "moderate, statement: 'Infections probably ...', reason: 'one line'")]
    errors = [at(f"certainty.{k}", f"certainty has unknown key {k!r}; known keys: "
                 f"{', '.join(CERTAINTY_KEYS)}") for k in certainty if k not in CERTAINTY_KEYS]
    level = certainty["level"]
    if level not in CERTAINTY_WORDS:
        return errors + [at("certainty.level", f"certainty level is {level!r}; use one of: "
                            f"{', '.join(CERTAINTY_WORDS)}")]
    statement = certainty["statement"].lower()
    words = CERTAINTY_WORDS[level]
    hedges = [w for other in CERTAINTY_WORDS.values() for w in other]
    if words and not any(re.search(rf"\b{w}\b", statement) for w in words):
        errors.append(at("certainty.statement", f"a {level}-certainty statement says "
                         f"{' or '.join(repr(w) for w in words)} (GRADE wording), e.g. "
                         f"'Infections {words[0]} ...'"))
    if not words and any(re.search(rf"\b{w}\b", statement) for w in hedges):
        errors.append(at("certainty.statement", "a high-certainty statement says what happens "
                         "without 'probably' or 'may'"))
    if "\n" in certainty["reason"].strip():
        errors.append(at("certainty.reason", "give the reason in one line"))
    return errors


def check_answer(answer: Any, charts: Any, at: Any) -> list[SourceError]:
    """The answer names 2 or 3 headline figures by id and, optionally, one of the page's charts."""
    if answer is None:
        return []
    if not isinstance(answer, dict):
        return [at("answer", f"answer must give figures and a chart, e.g. {ANSWER_EXAMPLE}")]
    errors = [at(f"answer.{k}", f"answer has unknown key {k!r}; known keys: "
                 f"{', '.join(ANSWER_KEYS)}") for k in answer if k not in ANSWER_KEYS]
    ids = answer.get("figures")
    if not _is_str_list(ids):
        errors.append(at("answer", "answer figures must be a list of 2 or 3 figure ids, e.g. "
                         "[alem_y1, alem_y6]"))
    elif not 2 <= len(ids) <= 3:
        errors.append(at("answer.figures", f"answer has {len(ids)} figure(s); give 2 or 3 "
                         "headline numbers"))
    chart = answer.get("chart")
    names = [str(n) for n in charts] if isinstance(charts, dict) else []
    if chart is not None and not isinstance(chart, str):
        errors.append(at("answer.chart", "answer chart must be the name of one of this page's "
                         "charts"))
    elif chart is not None and chart not in names:
        errors.append(at("answer.chart", f"answer chart {chart!r} is not one of this page's "
                         f"charts (known: {', '.join(names) or 'none'})"))
    outcomes = answer.get("outcomes")
    if outcomes is not None and not (isinstance(outcomes, dict) and all(
            isinstance(v, str) and v.strip() for v in outcomes.values())):
        errors.append(at("answer.outcomes", "answer outcomes must map a figure id to what "
                         "happened, e.g. {serious: had a serious infection}"))
    elif outcomes and _is_str_list(ids):
        errors += [at(f"answer.outcomes.{k}", f"answer outcome for {k!r}, which is not one of "
                      f"the answer's figures ({', '.join(ids)})") for k in outcomes if k not in ids]
    return errors


def check_scope(scope: Any, at: Any) -> list[SourceError]:
    """The scope is one line of text, or {text: ..., source: ID} when it makes a claim."""
    if scope is None:
        return []
    if isinstance(scope, dict):
        errors = [at(f"scope.{k}", f"scope has unknown key {k!r}; known keys: "
                     f"{', '.join(SCOPE_KEYS)}") for k in scope if k not in SCOPE_KEYS]
        text, source = scope.get("text"), scope.get("source")
        if source is not None and not isinstance(source, str):
            errors.append(at("scope.source", "scope source must be one source id from "
                             "data/sources.csv, e.g. S3"))
    else:
        errors, text = [], scope
    if not isinstance(text, str) or not text.strip():
        errors.append(at("scope", "scope must be one line saying what the page covers, e.g. "
                         "'This page is about infections.', or {text: ..., source: S3}"))
    elif "\n" in text.strip():
        errors.append(at("scope", "give the scope in one line"))
    return errors


def to_answer(answer: Any, lines: Mapping[str, int]) -> Answer | None:
    """The validated answer mapping as a record."""
    if not answer:
        return None
    return Answer(figures=tuple(answer["figures"]), chart=str(answer.get("chart") or ""),
                  line=lines.get("answer", 1),
                  outcomes=tuple((str(k), v) for k, v in (answer.get("outcomes") or {}).items()))


def to_scope(scope: Any, lines: Mapping[str, int]) -> Scope | None:
    """The validated scope (text, or text and source) as a record."""
    if not scope:
        return None
    if isinstance(scope, str):
        return Scope(text=scope.strip(), source="", line=lines.get("scope", 1))
    return Scope(text=str(scope["text"]).strip(), source=str(scope.get("source") or ""),
                 line=lines.get("scope.text", lines.get("scope", 1)))


def to_fact_box(box: Any, lines: Mapping[str, int]) -> FactBox | None:
    """The validated fact_box mapping as a record."""
    if not box:
        return None
    return FactBox(
        title=str(box["title"]), who=str(box["who"]), columns=tuple(box["columns"]),
        rows=tuple(FactRow(str(r["label"]), tuple(r["figures"])) for r in box["rows"]),
        line=lines.get("fact_box", 1),
    )


def to_certainty(certainty: Any, lines: Mapping[str, int]) -> Certainty | None:
    """The validated certainty mapping as a record."""
    if not certainty:
        return None
    return Certainty(level=certainty["level"], statement=certainty["statement"],
                     reason=certainty["reason"], line=lines.get("certainty", 1))


def check_charts(charts: Any, at: Any) -> list[SourceError]:
    """Each chart needs a kind, a dataset, a measure and a takeaway title."""
    if charts is None:
        return []
    if not isinstance(charts, dict):
        return [at("charts", "charts must map a chart name to its kind, dataset, measure "
                   "and title")]
    errors = []
    for name, spec in charts.items():
        where = f"charts.{name}"
        if not isinstance(spec, dict):
            errors.append(at(where, f"chart {name!r} needs: {', '.join(CHART_KEYS)}"))
            continue
        errors += [at(where, f"chart {name!r} is missing '{k}'") for k in CHART_KEYS
                   if not spec.get(k)]
        errors += [at(where, f"chart {name!r}: {k} must be one line of text") for k in CHART_KEYS
                   if isinstance(spec.get(k), list | dict)]
        errors += [at(where, f"chart {name!r} has unknown key {k!r}; known keys: "
                      f"{', '.join(CHART_KEYS + CHART_OPTIONAL)}") for k in spec
                   if k not in CHART_KEYS + CHART_OPTIONAL]
        if "figures" in spec and not _is_str_list(spec["figures"]):
            errors.append(at(where, f"chart {name!r}: figures must be a list of figure ids, "
                             "e.g. [alem_y1, ifn_y1]"))
        if spec.get("kind") and spec["kind"] not in CHART_KINDS:
            errors.append(at(where, f"chart {name!r} has kind {spec['kind']!r}; use one of: "
                             f"{', '.join(CHART_KINDS)}"))
        if "denominator" in spec and spec["denominator"] not in shapes.DENOMINATORS:
            errors.append(at(where, f"chart {name!r}: denominator must be one of "
                             f"{', '.join(map(str, shapes.DENOMINATORS))} (people out of "
                             f"that many), not {spec['denominator']!r}"))
    return errors


def _real_date(line: str) -> bool:
    """Whether every YYYY-MM-DD on the line is a date in the calendar."""
    try:
        for found in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            dt.date(*map(int, found))
    except ValueError:
        return False
    return True


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
