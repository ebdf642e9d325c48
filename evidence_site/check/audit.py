"""Stage 7: deeper checks of a finished site: valid HTML, chart figures, colour contrast.

Pure except load_site, which reads a written site/ folder (bounded) into the same
{path: content} dict the pipeline produces, so `build.py check` and `build.py --strict` run
the very same checks.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from evidence_site.check import contrast, parse
from evidence_site.errors import SourceError
from evidence_site.publish import write

TEXT_SUFFIXES = {".html", ".css", ".svg", ".txt", ".xml", ".json", ".js", ".webmanifest"}
SVG = "{http://www.w3.org/2000/svg}"
Files = Mapping[PurePosixPath, str | bytes]
MAX_FILES = 20_000  # the real site has about 30 files; a few thousand pages would still pass
MAX_BYTES = 500 * 10**6
SITE = Path("site")


def load_site(out_dir: Path) -> tuple[dict[PurePosixPath, str | bytes], str | None]:
    """Every file under a site folder this tool wrote, or why the folder will not be read.

    Refuses a file system root, a home folder and any folder without the site mark (or an
    earlier version's files), and stops at MAX_FILES files or MAX_BYTES bytes: `check --out`
    must never walk a whole disk. Links are not followed; the mark file is not part of the site.
    """
    shown = f"--out {out_dir}"
    give = "give the site folder a build wrote, such as site/"
    place = write.place_problem(out_dir)
    if place is not None:
        return {}, place.split(";")[0] + f", not a site; {give}"
    if not write.written_here(out_dir):
        return {}, (f"{shown}: this folder was not written by a build (it has no {write.MARK} "
                    f"mark); {give}")
    files: dict[PurePosixPath, str | bytes] = {}
    size = 0
    for folder, subfolders, names in os.walk(out_dir):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file() or path == out_dir / write.MARK:
                continue
            size += path.stat().st_size
            if len(files) >= MAX_FILES or size > MAX_BYTES:
                return {}, (f"{shown}: more than {MAX_FILES} files or {MAX_BYTES // 10**6} MB, "
                            f"far more than a built site; {give}")
            relative = PurePosixPath(path.relative_to(out_dir).as_posix())
            data = path.read_bytes()
            files[relative] = data.decode("utf-8") if path.suffix in TEXT_SUFFIXES else data
    return dict(sorted(files.items())), None


def check_output(files: Files) -> list[SourceError]:
    """All the checks of `build.py check`: links and page basics, then the ones in this module."""
    from evidence_site.check import (
        site as check,  # check.py runs this module's checks on its one parse
    )

    return check.check_output(files)


def audit_site(files: Files) -> list[SourceError]:
    """Valid HTML, complete chart figures and enough colour contrast on every page."""
    return [error for path, html in sorted(files.items())
            if path.suffix == ".html" and isinstance(html, str)
            for error in audit_page(path, parse.parse_page(html), files)]


def audit_page(path: PurePosixPath, page: parse.Page, files: Files) -> list[SourceError]:
    """The problems of one parsed page; files holds (at least) the stylesheets it links."""
    shown = SITE / path
    errors = [SourceError(shown, line, f"invalid HTML: {message}") for line, message in page.errors]
    errors += [SourceError(shown, None, message) for message in check_figures(page.root)]
    findings = contrast.page_findings(page.root, contrast.stylesheets(path, page.root, files))
    return errors + [SourceError(shown, None, str(finding)) for finding in findings]


def text_of(element: ET.Element) -> str:
    """An element's text content with whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def check_figures(root: ET.Element) -> list[str]:
    """Every chart figure needs an accessible name, a text summary and a data table."""
    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    problems = []
    for figure in root.iter("figure"):
        pictures = [e for e in figure.iter() if e.tag in (f"{SVG}svg", "img")]
        if not pictures and "chart" not in figure.get("class", "").split():
            continue
        label = f"chart figure {'#' + figure.get('id') if figure.get('id') else ''}".strip()
        name = accessible_name(figure, ids)
        caption = next(figure.iter("figcaption"), None)
        if not name and caption is not None:
            name = text_of(caption)
        # A chart titled by a heading as its first child, its summary a paragraph after the
        # picture: the title is heard once, as the heading (the figure needs no name of its own).
        first = next(iter(figure), None)
        heading = first is not None and first.tag in ("h2", "h3", "h4", "h5", "h6")
        if not name and heading:
            name = text_of(first)
        if not name:
            problems.append(f"{label} has no accessible name; give it aria-labelledby or a "
                            "<figcaption>")
        described = " ".join(text_of(ids[i]) for i in figure.get("aria-describedby", "").split()
                             if i in ids)
        summary = (text_of(caption).replace(name, "", 1).strip() if caption is not None
                   else "") or described
        if not summary and heading:
            summary = " ".join(text_of(e) for e in figure if e.tag == "p")
        if not summary:
            problems.append(f"{label} has no text summary; say in words what it shows in its "
                            "<figcaption>")
        if not any(table_complete(t) for t in figure.iter("table")):
            problems.append(f"{label} has no data table with a <caption>, <th> and <td>")
        for picture in pictures:
            if picture.tag == "img" and not picture.get("alt", "").strip():
                problems.append(f"{label}: <img> has no alt text")
            if picture.tag == f"{SVG}svg" and (picture.get("role") != "img"
                                               or not accessible_name(picture, ids)):
                problems.append(f"{label}: <svg> needs role=\"img\" and an aria-label")
    return problems


def accessible_name(element: ET.Element, ids: Mapping[str | None, ET.Element]) -> str:
    """The name from aria-labelledby (every id must exist) or aria-label."""
    labelled = element.get("aria-labelledby", "").split()
    if labelled:
        if not all(i in ids for i in labelled):
            return ""
        return " ".join(text_of(ids[i]) for i in labelled).strip()
    return " ".join(element.get("aria-label", "").split())


def table_complete(table: ET.Element) -> bool:
    """A data table a screen reader can use: caption, header cells and data cells."""
    caption = next(table.iter("caption"), None)
    return (caption is not None and bool(text_of(caption))
            and next(table.iter("th"), None) is not None
            and next(table.iter("td"), None) is not None)
