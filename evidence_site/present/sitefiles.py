"""Files for crawlers, feed readers and hosts: sitemap, robots, Atom feed, _headers, icons. Pure.

Every date comes from the content (never the build time), so the output is byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from evidence_site.present import card
from evidence_site.present.drawing import Picture
from evidence_site.present.metadata import policy
from evidence_site.present.style import Style
from evidence_site.records import Page, Settings

# Header values for static hosts that read a _headers file (Netlify, Cloudflare Pages),
# after the Content-Security-Policy (the pages' own, and frame-ancestors).
HEADERS = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
     "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def headers_file(site: Settings, style: Style) -> str:
    """The _headers file (paths relative to the folder the host serves): meta policy and more."""
    csp = ("Content-Security-Policy", policy(style.source) + "; frame-ancestors 'none'")
    lines = ["/*"] + [f"  {name}: {value}" for name, value in (csp, *HEADERS)]
    return "\n".join(lines) + "\n"


def robots_txt(site: Settings) -> str:
    """Let every crawler in and point it at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.base_url}sitemap.xml\n"


def sitemap_xml(site: Settings, pages: Mapping[str, dt.date | None]) -> str:
    """Every HTML page with its last content date ({output path: date or None})."""
    entries = []
    for output, modified in sorted(pages.items()):
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        entries.append(f"  <url><loc>{escape(site.url(output))}</loc>{lastmod}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>\n")


# Entries in feed.xml: the newest changes, as feeds carry (all 1,000 summaries of a large site
# made a 600 KB file that every reader downloads on every check).
FEED_ENTRIES = 50


def _stamp(day: dt.date) -> str:
    """An Atom date-time for a content date (midnight UTC)."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(site: Settings, summaries: Sequence[Page], outputs: Mapping[str, str]) -> str:
    """An Atom feed: one entry per summary, updated whenever its changelog or review moves;
    the FEED_ENTRIES most recently changed (a feed reader fetches it again and again)."""
    dated = [(modified, p.slug, p) for p in summaries if (modified := p.modified)]
    newest = max((modified for modified, _, _ in dated), default=dt.date(1970, 1, 1))
    entries = []
    for modified, _, page in sorted(dated, key=lambda d: d[:2], reverse=True)[:FEED_ENTRIES]:
        url = site.url(outputs[page.slug])
        changes = "".join(f"<li>{c.date.isoformat()}: {escape(c.text)}</li>"
                          for c in page.changelog)
        content = f"<p>{escape(page.description)}</p>" + (f"<ul>{changes}</ul>" if changes else "")
        published = f"<published>{_stamp(page.published)}</published>" if page.published else ""
        entries.append(
            f"  <entry>\n    <title>{escape(page.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>\n"
            f"    <id>{escape(url)}</id>\n    {published}<updated>{_stamp(modified)}"
            f"</updated>\n    <summary>{escape(page.description)}</summary>\n"
            f"    <content type=\"html\">{escape(content)}</content>\n  </entry>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.language)}>\n'
        f"  <title>{escape(site.name)}</title>\n"
        f"  <subtitle>{escape(site.description or site.name)}</subtitle>\n"
        '  <link rel="self" type="application/atom+xml" '
        f'href={quoteattr(site.base_url + "feed.xml")}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(site.base_url)}/>\n'
        f"  <id>{escape(site.base_url)}feed.xml</id>\n"
        f"  <updated>{_stamp(newest)}</updated>\n"
        f"  <author><name>{escape(site.publisher)}</name><email>{escape(site.contact)}</email>"
        "</author>\n" + "".join(e + "\n" for e in entries) + "</feed>\n"
    )


def icon_files(static: Mapping[PurePosixPath, bytes]) -> dict[PurePosixPath, Picture]:
    """PNG icons drawn from static/favicon.svg (for browsers and phones that want PNG)."""
    svg = static.get(PurePosixPath("static", "favicon.svg"))
    if svg is None:
        return {}
    text = svg.decode("utf-8")
    return {PurePosixPath("favicon.png"): Picture(_sized(text, 32)),
            PurePosixPath("apple-touch-icon.png"): Picture(_sized(text, 180))}


def _sized(svg: str, size: int) -> str:
    """The same SVG with a pixel size on its root (the viewBox scales the drawing)."""
    return svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)


def site_card(site: Settings) -> Picture:
    """The link-preview picture for pages that have no card of their own."""
    return Picture(card=card.card_layout(
        site_name=site.name, kicker="", message=site.description or site.name,
        source=f"Published by {site.publisher}", date_line=site.base_url.split("://", 1)[1]))
