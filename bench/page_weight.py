"""Page weights of the real site, with and without each page's link-preview card.

    python bench/page_weight.py          # builds into a temporary folder; prints a table

A browser opening a page fetches its HTML (charts are inline SVG), the stylesheets it links and
one icon. The card PNG is fetched only by chat apps and social sites that draw a link preview,
so it is shown separately: "with card" is what a page costs when someone shares it.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from evidence_site import pipeline  # noqa: E402
from evidence_site.check import site as check  # noqa: E402
from evidence_site.publish.write import write_site  # noqa: E402
from evidence_site.records import Project  # noqa: E402

_LINK = re.compile(r'<link rel="(stylesheet|icon)" href="([^"]+)"[^>]*>')
_SHARE = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*>\n|<meta (?:property="og:|name="'
                    r'twitter:)[^>]*>\n|<script type="application/ld\+json">.*?</script>\n', re.S)


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def weigh(site: Path, page: Path, base: str) -> dict[str, int]:
    """Bytes a browser fetches for one page, gzip-compressed where a server would compress."""
    html = page.read_text(encoding="utf-8")

    def file(href: str) -> Path:  # 404.html links from the site's path, the rest relatively
        return site / href[len(base):] if href.startswith("/") else (page.parent / href).resolve()

    sheets = [href for rel, href in _LINK.findall(html) if rel == "stylesheet"]
    icon = next(href for rel, href in _LINK.findall(html) if rel == "icon")
    css = [file(href).read_bytes() for href in sheets]
    card = file(urlsplit(re.search(r'property="og:image" content="([^"]+)"', html)[1]).path)
    return {
        "html": len(html.encode()), "html_gz": len(gzip.compress(html.encode(), mtime=0)),
        "share_tags": sum(len(m.encode()) for m in _SHARE.findall(html)),
        "css_gz": sum(len(gzip.compress(c, mtime=0)) for c in css),
        "icon": file(icon).stat().st_size,
        "card": card.stat().st_size,
    }


def main() -> int:
    """Build the real site once and print every page's weight."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        built = pipeline.build(Project(REPO))
        write_site(built.files, site)
        base = check.site_path(built.files)
        rows = []
        for page in sorted(site.rglob("*.html")):
            w = weigh(site, page, base)
            page_kb = w["html_gz"] + w["css_gz"] + w["icon"]
            rows.append((page.relative_to(site).as_posix(), kb(w["html"]), kb(w["html_gz"]),
                         kb(w["share_tags"]), kb(w["css_gz"]), kb(w["icon"]), kb(page_kb),
                         kb(w["card"]), kb(page_kb + w["card"])))
    head = ("page", "HTML", "HTML gz", "share tags", "CSS gz", "icon", "page total",
            "card PNG", "with card")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    print("Sizes in KB (1024 bytes). 'page total' = gzipped HTML + gzipped CSS + SVG icon;")
    print("'share tags' = canonical, hreflang, Open Graph, Twitter and JSON-LD, inside the HTML.")
    for row in [head, *rows]:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
