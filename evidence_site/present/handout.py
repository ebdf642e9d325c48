"""A one-page printable handout per summary, with a QR code back to the page. Pure."""

from __future__ import annotations

import io
import re

import segno


def qr_svg(url: str, *, label: str) -> str:
    """The page address as a QR code, inline SVG (dark on white, so it scans in dark mode too)."""
    out = io.BytesIO()
    qr = segno.make(url, error="m", micro=False)
    qr.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=4,
            dark="#000000", light=None, svgclass="qr", lineclass=None)
    svg = out.getvalue().decode("ascii")
    size = qr.symbol_size(scale=1, border=4)[0]
    # A white <rect> first, like a chart's background, so the code scans on a dark page too.
    svg = re.sub(r"^(<svg [^>]*>)", rf'\1<rect width="{size}" height="{size}" fill="#ffffff"/>',
                 svg)
    return re.sub(r"^<svg ", f'<svg role="img" aria-label="{escape_attr(label)}" ', svg)


def escape_attr(text: str) -> str:
    """Escape text for an XML attribute."""
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
