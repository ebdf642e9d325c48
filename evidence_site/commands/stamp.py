"""Make the text of a dataset sidecar after a curator re-checked its figures. Pure."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from evidence_site.errors import sort_key
from evidence_site.read import data
from evidence_site.records import Source


def stamped(old: str | None, digest: str, checked: dt.date, title: str | None,
            curator: str | None) -> tuple[str, str | None]:
    """Return (new sidecar text, problem); keeps the old title and curator unless given."""
    meta = tomllib.loads(old) if old else {}
    title = title or meta.get("title")
    curator = curator or meta.get("curated_by")
    if not title or not curator:
        return "", "needs --title 'TITLE' and --curator 'NAME' the first time"
    lines = [
        f"title = {json.dumps(title, ensure_ascii=False)}",
        f"curated_by = {json.dumps(curator, ensure_ascii=False)}",
        f"checked = {checked.isoformat()}",
        f"sha256 = \"{digest}\"",
    ]
    return "\n".join(lines) + "\n", None


def refusal(csv: Path, raw_bytes: bytes, sidecar_text: str,
            sources: Mapping[str, Source] | None) -> list[str]:
    """Why the build would refuse this dataset even once stamped: lines to print, or [].

    A stamp says the figures were checked; it must not vouch for a file that does not build.
    """
    sidecar = csv.with_suffix(".meta.toml")
    _, errors, _ = data.parse_dataset(csv.stem, csv, raw_bytes, sidecar_text, sidecar, sources)
    if not errors:
        return []
    return [str(e) for e in sorted(errors, key=sort_key)] + [
        f"{sidecar}: not stamped, because the build would refuse {csv}: fix the "
        f"{len(errors)} problem(s) above, check the figures against the source, then stamp again"
    ]
