"""The default theme: the templates and static files a site uses unless it has its own."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
COMPILED = f"{__name__}.compiled"  # the package of its templates compiled ahead (render.py)
# A note for curators in a site's templates/ or static/; never a template or a published file.
OVERRIDES_NOTE = "README.md"
