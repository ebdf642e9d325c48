"""Draw the 1200 x 630 link-preview card as SVG, then PNG via vl-convert (no Cairo). Pure."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONT = "Liberation Sans"  # bundled inside vl-convert, so the card looks the same on every machine
INK, MUTED, ACCENT, PAPER, TINT = "#1a1a1a", "#4a4a4a", "#0b4f9c", "#ffffff", "#eef3f9"
MESSAGE_SIZES = (58, 52, 46, 42)  # the largest size whose lines fit is used
MESSAGE_TOP, MESSAGE_BOTTOM = 150, 480
# Advance widths of Liberation Sans (metric-compatible with Arial), in em, for line breaking.
_REGULAR = dict(zip("abcdefghijklmnopqrstuvwxyz",
                    (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
                     556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500), strict=True))
_BOLD = dict(zip("abcdefghijklmnopqrstuvwxyz",
                 (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611,
                  611, 389, 556, 333, 611, 556, 778, 556, 556, 500), strict=True))
_CAPITALS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                     (722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
                      667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611), strict=True))
_NARROW = {" ": 278, ".": 278, ",": 278, ":": 333, ";": 333, "'": 238, "’": 278, "(": 333,
           ")": 333, "-": 333, "–": 556, "—": 1000, "|": 280, "!": 333, "/": 278, "“": 500,
           "”": 500, '"': 474, "%": 889, "·": 333}
# The page's numbers, drawn in the accent colour so they stand out in a chat preview.
_NUMBER = re.compile(r"(?:about |fewer than |more than )?\d+(?:\.\d+)?(?: to \d+)? in 100"
                     r"|\d+(?:\.\d+)?%", re.I)
NBSP = "\u00a0"


def text_width(text: str, size: float, *, bold: bool) -> float:
    """Estimated width in pixels (generous for capitals and unknown characters)."""
    table = _BOLD if bold else _REGULAR
    units = sum(_NARROW.get(c.replace(NBSP, " ")) or table.get(c) or _CAPITALS.get(c)
                or (556 if c.isdigit() else 1000) for c in text)
    return units * size / 1000


def wrap(text: str, size: float, width: float, *, bold: bool) -> list[str]:
    """Break text into lines no wider than width."""
    lines: list[str] = []
    text = _NUMBER.sub(lambda m: m.group(0).replace(" ", NBSP), text)  # keep a number whole
    for word in text.split(" "):
        if not word:
            continue
        if lines and text_width(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fit_message(message: str) -> tuple[int, list[str]] | None:
    """The biggest font size at which the message fits its box, with its lines; None if none."""
    for size in MESSAGE_SIZES:
        lines = wrap(message, size, WIDTH - 2 * MARGIN, bold=True)
        if len(lines) * size * 1.22 <= MESSAGE_BOTTOM - MESSAGE_TOP and all(
                text_width(line, size, bold=True) <= WIDTH - 2 * MARGIN for line in lines):
            return size, lines
    return None


def card_problem(message: str) -> str | None:
    """Why a card message cannot be drawn, in words a curator can act on; None if it can."""
    if fit_message(message) is None:
        return (f"the card message is too long for the link-preview picture ({len(message)} "
                "characters); shorten 'card' to about 120 characters")
    return None


def _tspans(line: str) -> str:
    """One line of the message, numbers in the accent colour."""
    parts, last = [], 0
    line = line.replace(NBSP, " ")
    for match in _NUMBER.finditer(line):
        parts.append(html.escape(line[last:match.start()]))
        parts.append(f'<tspan fill="{ACCENT}">{html.escape(match.group(0))}</tspan>')
        last = match.end()
    parts.append(html.escape(line[last:]))
    return "".join(parts)


def _lines(lines: Sequence[str], *, x: int, y: float, size: int, colour: str,
           weight: str = "400", numbers: bool = False) -> str:
    """Text lines as SVG <text> elements, one per line."""
    return "".join(
        f'<text x="{x}" y="{y + i * size * 1.22:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{colour}">'
        f"{_tspans(line) if numbers else html.escape(line)}</text>"
        for i, line in enumerate(lines))


def card_svg(*, site_name: str, kicker: str, message: str, source: str, date_line: str) -> str:
    """The card: site name, page title, the key message with its number, source and date."""
    fitted = fit_message(message)
    if fitted is None:
        raise ValueError(card_problem(message))
    size, lines = fitted
    kicker_lines = wrap(kicker, 32, WIDTH - 2 * MARGIN, bold=True)[:2]
    footer = [line for text in (source, date_line)
              for line in wrap(text, 26, WIDTH - 2 * MARGIN, bold=False)][:3]
    message_top = MESSAGE_TOP + (MESSAGE_BOTTOM - MESSAGE_TOP - len(lines) * size * 1.22) / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>'
        f'<rect width="{WIDTH}" height="16" fill="{ACCENT}"/>'
        f'<rect y="{HEIGHT - 130}" width="{WIDTH}" height="130" fill="{TINT}"/>'
        + _lines([site_name], x=MARGIN, y=72, size=28, colour=MUTED, weight="700")
        + _lines(kicker_lines, x=MARGIN, y=122, size=32, colour=INK, weight="700")
        + _lines(lines, x=MARGIN, y=message_top + size, size=size, colour=INK, weight="700",
                 numbers=True)
        + _lines(footer, x=MARGIN, y=HEIGHT - 130 + 50, size=26, colour=INK)
        + "</svg>"
    )


def to_png(svg: str, *, colours: int = 64) -> bytes:
    """Render an SVG to PNG at its own size; 0 colours keeps it RGBA (icons with transparency).

    Cards are flat colours and text, so a palette of 64 colours makes them about 7x smaller.
    The palette is chosen by maximum coverage (half median cut's time, the same look, 2% larger)
    and saved at zlib's default level, not with optimize=True: that searched for the smallest
    file for ten times as long (about 40 ms a card) to save a tenth of 25 KB.
    """
    from PIL import Image  # imported here: a warm build draws no card and never needs it

    from evidence_site.present.converter import vl_convert

    png = bytes(vl_convert().svg_to_png(svg, scale=1))
    if not colours:
        return png
    rendered = Image.open(io.BytesIO(png))
    out = io.BytesIO()
    rendered.convert("RGB").quantize(colours, method=Image.Quantize.MAXCOVERAGE,
                                     dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


@dataclass(frozen=True)
class Picture:
    """A PNG file still to be drawn from its SVG (a card or an icon); see drawing.Pictures."""

    svg: str
    colours: int = 64  # to_png's palette size (0: full colour with transparency)


def png_of(picture: Picture) -> bytes:
    """to_png of one picture (in the converter or a worker process too)."""
    return to_png(picture.svg, colours=picture.colours)
