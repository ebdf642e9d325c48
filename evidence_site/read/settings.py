"""Read and validate site.toml into a Settings record."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from evidence_site.check import safety
from evidence_site.errors import SourceError
from evidence_site.present import colours
from evidence_site.read import files
from evidence_site.records import Settings

KEYS = ("name", "base_url", "language", "publisher", "contact")
OPTIONAL = ("max_grade",)  # number settings with defaults in the Settings record
# Text settings with defaults: a one-line site description (home page, feed), and the funding
# and conflicts-of-interest statements shown in every summary's trust block.
TEXT_OPTIONAL = ("description", "funding", "conflicts")
TABLES = ("colours",)  # [colours]: "Group name" = "#rrggbb", a group's colour on every chart
# name@host.tld and nothing else: the pages put it in mailto: links, so no '?', '&' or spaces.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_MAILTO = re.compile(r"^mailto:", re.I)


def load_settings(path: Path, shown: Path) -> tuple[Settings | None, list[SourceError]]:
    """Read site.toml; every problem is reported with its line."""
    if not path.exists():
        return None, [SourceError(shown, None, "is missing; create it with: "
                                  + ", ".join(f"{k} = \"...\"" for k in KEYS))]
    text, errors = files.read_text(path, shown)
    return parse_settings(text, shown) if text is not None else (None, errors)


def parse_settings(text: str, shown: Path) -> tuple[Settings | None, list[SourceError]]:
    """Validate settings text; pure."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        found = re.search(r"at line (\d+)", str(e))
        return None, [SourceError(shown, int(found.group(1)) if found else None,
                                  f"is not valid TOML: {e}")]

    def line_of(key: str) -> int | None:
        for number, line in enumerate(text.split("\n"), start=1):
            if re.match(rf"\s*{re.escape(key)}\s*=", line):
                return number
        return None

    known = KEYS + OPTIONAL + TEXT_OPTIONAL + TABLES
    errors = [SourceError(shown, line_of(k), f"unknown setting {k!r}; known: {', '.join(known)}")
              for k in raw if k not in known]
    errors += [SourceError(shown, colour_line(text, group), problem)
               for group, problem in colours.override_problems(raw.get("colours", {}))]
    grade = raw.get("max_grade", 8.0)
    if isinstance(grade, bool) or not isinstance(grade, int | float) or not 0 < grade <= 100:
        errors.append(SourceError(shown, line_of("max_grade"), f"max_grade is {grade!r}; give "
                                  "a reading grade above 0, e.g. max_grade = 8"))
    errors += [SourceError(shown, line_of(k), f"{k} must be text in quotes, e.g. {k} = \"...\"")
               for k in TEXT_OPTIONAL if k in raw and not isinstance(raw[k], str)]
    errors += [SourceError(shown, None, f"'{k}' is missing; add {k} = \"...\"") for k in KEYS
               if not isinstance(raw.get(k), str) or not raw.get(k)]
    base = raw.get("base_url", "")
    if isinstance(base, str) and base and not (safety.web_address(base) and base.endswith("/")):
        errors.append(SourceError(shown, line_of("base_url"), f"base_url is {base!r}; give the "
                                  "full address ending in '/', e.g. https://example.org/ms/"))
    lang = raw.get("language", "")
    if isinstance(lang, str) and lang and not re.match(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", lang):
        errors.append(SourceError(shown, line_of("language"), f"language is {lang!r}; use a "
                                  "language tag such as en or en-GB"))
    contact = raw.get("contact", "")
    if isinstance(contact, str) and contact:
        contact = _MAILTO.sub("", contact.strip())  # the pages add mailto: themselves
        if not _EMAIL.match(contact):
            errors.append(SourceError(shown, line_of("contact"), f"contact is "
                                      f"{raw['contact']!r}; give the email address that receives "
                                      'error reports, e.g. contact = "corrections@example.org"'))
    if errors:
        return None, errors
    return Settings(**{k: raw[k] for k in KEYS + TEXT_OPTIONAL if k in raw} | {"contact": contact},
                    max_grade=float(grade),
                    colours=tuple(raw.get("colours", {}).items())), []


def colour_line(text: str, group: str | None) -> int | None:
    """The line of the [colours] table (group None), or of one group's colour in it."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines, 1)
                  if re.match(r"\s*(?:\[colours\]|colours\s*=)", line)), None)
    if start is None or group is None:
        return start
    key = re.compile(rf"\s*(?:{re.escape(group)}|\"{re.escape(group)}\"|'{re.escape(group)}')\s*=")
    return next((n for n, line in enumerate(lines[start - 1:], start) if key.match(line)), start)


def settings_warnings(site: Settings, shown: Path) -> list[SourceError]:
    """Trust statements every summary shows; missing ones are said plainly on the page."""
    return [SourceError(shown, None, f"'{k}' is not set, so summaries say no {k} statement has "
                        f"been published; add {k} = \"...\"") for k in ("funding", "conflicts")
            if not getattr(site, k)]
