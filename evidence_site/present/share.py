"""Stage 4b: what travels with a page when it is shared: card, CSVs, handout, site-wide files.

Pure: values in, {path: text or bytes} out. The pipeline calls page_files() for each page and
site_files() once; everything here is decided by content dates, never by the clock.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

import jinja2

from evidence_site.errors import SourceError
from evidence_site.present import card, downloads, findings, handout, metadata, render, sitefiles
from evidence_site.present.drawing import Picture
from evidence_site.present.style import Style, site_style
from evidence_site.records import Dataset, Figure, Page, Settings, Source

Files = dict[PurePosixPath, str | bytes | Picture]  # pictures are drawn by the pipeline


def plain_text(html: str) -> str:
    """Rendered inline HTML as plain text (for the card picture and its alt text)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def card_text(page: Page, figures: Mapping[str, Figure]) -> tuple[str, list[SourceError]]:
    """A summary's card message (`card:` or its first key message), numbers filled from data."""
    if page.kind != "summary" or not (page.card or page.key_messages):
        return "", []
    line = page.lines.get("card", page.lines.get("key_messages.0", 1))
    html, errors = render.render_prose(page.source, line, page.card or page.key_messages[0],
                                       figures, {}, inline=True)
    text = plain_text(html)
    if not errors and (problem := card.card_problem(text)):
        errors.append(SourceError(page.source, line, problem))
    if problem := card.font_problem(page.title, "title", "title"):  # the card's kicker
        errors.append(SourceError(page.source, page.lines.get("title", 1), problem))
    return text, errors


def card_picture(site: Settings, page: Page, message: str, sources: Sequence[Source]
                 ) -> Picture:
    """A summary's link-preview picture: its title, card message, sources and review date."""
    return Picture(card=card.card_layout(
        site_name=site.name, kicker=page.title, message=message,
        source="Source: " + "; ".join(f"{s.short}, {s.journal}" for s in sources),
        date_line=(f"Last reviewed {page.last_reviewed:%-d %B %Y} · " if page.last_reviewed
                   else "") + site.base_url.split("://", 1)[1].rstrip("/")))


def site_pictures(site: Settings, static: Mapping[PurePosixPath, bytes]) -> Files:
    """The site's own pictures: the link-preview card of pages without one, the PNG icons."""
    return {PurePosixPath(metadata.SITE_CARD): sitefiles.site_card(site)
            } | sitefiles.icon_files(static)


def page_files(env: jinja2.Environment, output: PurePosixPath, context: Mapping[str, Any],
               message: str,
               plotted: Mapping[str, Sequence[Figure]], chart_html: Mapping[str, str],
               figures: Sequence[Figure], sources: Mapping[str, Source],
               datasets: Mapping[str, Dataset]) -> Files:
    """A CSV per chart; for a summary also its figures CSV, card picture and printable handout."""
    page: Page = context["page"]
    site: Settings = context["site"]
    meta: metadata.Meta = context["meta"]
    folder = output.parent
    files: Files = {folder / f"{name}.csv": downloads.figures_csv(shown, sources, datasets)
                    for name, shown in plotted.items()}
    if page.kind != "summary":
        return files
    used = context["sources"]
    files[folder / "figures.csv"] = downloads.figures_csv(figures, sources, datasets)
    if context.get("findings"):  # the summary-of-findings table's own figures, in row order
        files[folder / findings.CSV_NAME] = downloads.figures_csv(
            findings.table_figures(page.findings, {f.id: f for f in figures}), sources, datasets)
    files[folder / "card.png"] = card_picture(site, page, message, used)
    handout_meta = metadata.page_meta(site, (folder / "handout.html").as_posix(),
                                      title=f"Handout: {page.title}",
                                      description=page.description)
    files[folder / "handout.html"] = render.render_template(
        env, "handout.html", **{**context, "meta": handout_meta},
        chart=render.mark_safe(next(iter(chart_html.values()), "")), page_url=meta.canonical,
        qr=render.mark_safe(handout.qr_svg(
            meta.canonical, label="QR code: scan it to open the full page on a phone")))
    return files


def site_files(env: jinja2.Environment, site: Settings, pages: Sequence[Page],
               summaries: Sequence[Page], nav: Sequence[Page],
               static: Mapping[PurePosixPath, bytes], files: Files,
               style: Style | None = None) -> Files:
    """Sitemap, robots, feed, 404, data dictionary, _headers, icons and the site's own card.

    style is site_style(static), when the caller has it already."""
    outputs = {p.slug: render.page_url(p.slug, p.kind) for p in pages}
    newest = max((p.modified for p in summaries if p.modified), default=None)
    dates = {outputs[p.slug]: p.modified for p in pages} | {"index.html": newest}
    extra: Files = {}
    for name, output, title in (("404.html", "404.html", "Page not found"),
                                ("data-dictionary.html", "data-dictionary/index.html",
                                 "About the data files")):
        # A host serves 404.html at any depth, so its links start from the site's own path.
        root = site.base_path if name == "404.html" else render.relative_root(output)
        extra[PurePosixPath(output)] = render.render_template(
            env, name, site=site, root=root, nav=nav, page=None,
            summaries=summaries, columns=downloads.COLUMNS, has_about="about" in outputs,
            meta=metadata.page_meta(site, output, title=f"{title} | {site.name}",
                                    description=site.description))
    listed = {name for p in files if (name := str(p)).endswith(".html")} | set(dates)
    listed |= {"data-dictionary/index.html"}
    extra |= {
        PurePosixPath("sitemap.xml"): sitefiles.sitemap_xml(
            site, {o: dates.get(o) for o in sorted(listed) if not o.endswith("handout.html")}),
        PurePosixPath("robots.txt"): sitefiles.robots_txt(site),
        PurePosixPath("feed.xml"): sitefiles.atom_feed(site, summaries, outputs),
        PurePosixPath("_headers"): sitefiles.headers_file(site, style or site_style(static)),
    }
    return extra | site_pictures(site, static)
