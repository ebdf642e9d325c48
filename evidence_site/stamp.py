"""Make the text of a dataset sidecar after a curator re-checked its figures. Pure."""

from __future__ import annotations

import datetime as dt
import json
import tomllib


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
