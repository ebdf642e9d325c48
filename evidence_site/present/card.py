"""Lay out the 1200 x 630 link-preview card and draw it as PNG with Pillow, in the Liberation
Sans this package ships (fonts/), so it looks the same on every machine; icons' SVGs are drawn
by vl-convert. Pure."""

from __future__ import annotations

import bisect
import functools
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONTS = Path(__file__).with_name("fonts")  # Liberation Sans 2.1.5 (OFL.txt there)
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
# The characters the card's Liberation Sans draws, regular and bold, as (first, last) code
# points: its cmap (test_share checks them by drawing); any other is drawn as an empty box.
# Combining marks and invisible format characters are not listed (nor checked), and neither
# are its right-to-left letters (Hebrew): a card is laid out left to right only.
DRAWN = (
    (0x0020, 0x007E), (0x00A0, 0x00AC), (0x00AE, 0x02FF), (0x034F, 0x034F), (0x0374, 0x0375),
    (0x037A, 0x037E), (0x0384, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE),
    (0x03D0, 0x0482), (0x0488, 0x0513), (0x051A, 0x051D), (0x1D00, 0x1DBF), (0x1E00, 0x1E9B),
    (0x1E9E, 0x1E9E), (0x1EA0, 0x1EF9), (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D), (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D),
    (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FC4), (0x1FC6, 0x1FD3), (0x1FD6, 0x1FDB),
    (0x1FDD, 0x1FEF), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFE), (0x2000, 0x200A), (0x2010, 0x2010),
    (0x2012, 0x2022), (0x2026, 0x2026), (0x202F, 0x2030), (0x2032, 0x2034), (0x2039, 0x203A),
    (0x203C, 0x203C), (0x203E, 0x203E), (0x2044, 0x2044), (0x205E, 0x205E), (0x2074, 0x2079),
    (0x207F, 0x2089), (0x2090, 0x2094), (0x20A0, 0x20B5), (0x20BF, 0x20BF), (0x2105, 0x2105),
    (0x2113, 0x2113), (0x2116, 0x2117), (0x2122, 0x2122), (0x2126, 0x2126), (0x212E, 0x212E),
    (0x214D, 0x214E), (0x2153, 0x2154), (0x215B, 0x215E), (0x2184, 0x2184), (0x2190, 0x2195),
    (0x21A8, 0x21A8), (0x21D4, 0x21D4), (0x2202, 0x2202), (0x2206, 0x2206), (0x220F, 0x220F),
    (0x2211, 0x2212), (0x2215, 0x2215), (0x2219, 0x221A), (0x221E, 0x221F), (0x2229, 0x2229),
    (0x222B, 0x222B), (0x2248, 0x2248), (0x2260, 0x2262), (0x2264, 0x2265), (0x2302, 0x2302),
    (0x2310, 0x2310), (0x2320, 0x2321), (0x2500, 0x2500), (0x2502, 0x2502), (0x250C, 0x250C),
    (0x2510, 0x2510), (0x2514, 0x2514), (0x2518, 0x2518), (0x251C, 0x251C), (0x2524, 0x2524),
    (0x252C, 0x252C), (0x2534, 0x2534), (0x253C, 0x253C), (0x2550, 0x256C), (0x2580, 0x2580),
    (0x2584, 0x2584), (0x2588, 0x2588), (0x258C, 0x258C), (0x2590, 0x2593), (0x25A0, 0x25A1),
    (0x25AA, 0x25AC), (0x25B2, 0x25B2), (0x25BA, 0x25BA), (0x25BC, 0x25BC), (0x25C4, 0x25C4),
    (0x25CA, 0x25CC), (0x25CF, 0x25D9), (0x25E6, 0x25E6), (0x263A, 0x263C), (0x263F, 0x2647),
    (0x2660, 0x2660), (0x2663, 0x2663), (0x2665, 0x2666), (0x2669, 0x266C), (0x266F, 0x266F),
    (0x2C60, 0x2C6D), (0x2C71, 0x2C77), (0x2E17, 0x2E17), (0xA717, 0xA721), (0xA788, 0xA78C),
    (0xFB01, 0xFB02), (0xFB29, 0xFB29), (0xFFFC, 0xFFFC),
)
_STARTS = [first for first, _ in DRAWN]


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


def undrawable(text: str) -> str:
    """The characters of text that the card's font draws as empty boxes, each once."""
    def drawn(character: str) -> bool:
        point = ord(character)
        at = bisect.bisect_right(_STARTS, point) - 1
        return (at >= 0 and point <= DRAWN[at][1]) or unicodedata.combining(character) > 0 or (
            unicodedata.category(character) in ("Cc", "Cf"))

    return "".join(dict.fromkeys(c for c in unicodedata.normalize("NFC", text) if not drawn(c)))


def font_problem(text: str, what: str, field: str) -> str | None:
    """Why card text (what, written in field) would show empty boxes (or right-to-left letters
    in the wrong order); None if it would not."""
    if missing := undrawable(text):
        listed = " ".join(missing)
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in missing):
            found = (f"characters the link-preview picture cannot draw as written ({listed}): it "
                     "is laid out left to right, so they would show in the wrong order or as "
                     "empty boxes")
        else:
            found = (f"characters the link-preview picture's font cannot draw ({listed}): they "
                     "would show as empty boxes")
        return f"the {what} has {found}; write them in words or leave them out of '{field}'"
    return None


def card_problem(message: str) -> str | None:
    """Why a card message cannot be drawn, in words a curator can act on; None if it can."""
    if problem := font_problem(message, "card message", "card"):
        return problem
    if fit_message(message) is None:
        return (f"the card message is too long for the link-preview picture ({len(message)} "
                "characters); shorten 'card' to about 120 characters")
    return None


def _runs(line: str, colour: str) -> tuple[tuple[str, str], ...]:
    """One line of the message as (text, colour) runs, numbers in the accent colour."""
    runs, last = [], 0
    line = line.replace(NBSP, " ")
    for match in _NUMBER.finditer(line):
        runs += [(line[last:match.start()], colour), (match.group(0), ACCENT)]
        last = match.end()
    runs.append((line[last:], colour))
    return tuple((text, c) for text, c in runs if text)


@dataclass(frozen=True)
class Line:
    """One line of card text: where its baseline starts, its size and weight, its runs."""

    x: float
    y: float
    size: int
    bold: bool
    runs: tuple[tuple[str, str], ...]  # (text, colour)


@dataclass(frozen=True)
class Card:
    """A link-preview card laid out: its lines on the fixed background (paper, an accent bar
    at the top, a tinted band at the bottom for the source and date), kept as JSON text: every
    unchanged page's card is read back from .cache/ and keyed on each build, and one string
    is quick to read and hash (a site of 1,000 summaries has 1,000 cards)."""

    text: str

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Card:
        """The card of these lines."""
        return cls(json.dumps([[line.x, line.y, line.size, line.bold, line.runs]
                               for line in lines], ensure_ascii=False))

    @property
    def lines(self) -> list[Line]:
        """Its lines, read from its text."""
        return [Line(x, y, size, bold, tuple((text, colour) for text, colour in runs))
                for x, y, size, bold, runs in json.loads(self.text)]


def _lines(lines: Sequence[str], *, y: float, size: int, colour: str, bold: bool,
           numbers: bool = False) -> list[Line]:
    """Text lines from baseline y down, each 1.22 of its size below the last."""
    return [Line(MARGIN, round(y + i * size * 1.22, 1), size, bold,
                 _runs(line, colour) if numbers else ((line.replace(NBSP, " "), colour),))
            for i, line in enumerate(lines)]


def card_layout(*, site_name: str, kicker: str, message: str, source: str, date_line: str
                ) -> Card:
    """The card: site name, page title, the key message with its number, source and date."""
    site_name, kicker, message, source, date_line = (
        unicodedata.normalize("NFC", text) for text in (site_name, kicker, message, source,
                                                         date_line))
    fitted = fit_message(message)
    if fitted is None:
        raise ValueError(card_problem(message))
    size, lines = fitted
    kicker_lines = wrap(kicker, 32, WIDTH - 2 * MARGIN, bold=True)[:2]
    footer = [line for text in (source, date_line)
              for line in wrap(text, 26, WIDTH - 2 * MARGIN, bold=False)][:3]
    message_top = MESSAGE_TOP + (MESSAGE_BOTTOM - MESSAGE_TOP - len(lines) * size * 1.22) / 2
    return Card.of(
        _lines([site_name], y=72, size=28, colour=MUTED, bold=True)
        + _lines(kicker_lines, y=122, size=32, colour=INK, bold=True)
        + _lines(lines, y=message_top + size, size=size, colour=INK, bold=True, numbers=True)
        + _lines(footer, y=HEIGHT - 130 + 50, size=26, colour=INK, bold=False))


@functools.cache
def _font(size: int, bold: bool) -> Any:
    """Liberation Sans at a size, laid out by FreeType alone (Raqm is not on every machine)."""
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _palette() -> Any:
    """Every colour a card can have: each text colour over each background, in 32 steps of
    its antialiased edges (so the PNG has a palette: a sixth of the file in full colour)."""
    from PIL import Image, ImageColor

    colours = [[round(b + (f - b) * step / 31) for b, f in zip(
        ImageColor.getrgb(bg), ImageColor.getrgb(fg), strict=True)]
        for bg in (PAPER, TINT) for fg in (INK, MUTED, ACCENT) for step in range(32)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for colour in colours for v in colour])
    return palette


def card_png(card: Card) -> bytes:
    """Draw a card as PNG: its text antialiased, each pixel then the nearest palette colour.

    Saved at zlib's level 2: 2.8 ms, not 8.4 at its default level, for a file a fifth larger
    (the real site's largest is 53 KB, fetched only by link previews); optimize=True searched
    for the smallest file for 40 ms a card to save a tenth.
    """
    from PIL import Image, ImageDraw  # imported here: a warm build draws no card

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH - 1, 15), fill=ACCENT)
    draw.rectangle((0, HEIGHT - 130, WIDTH - 1, HEIGHT - 1), fill=TINT)
    for line in card.lines:
        font, x = _font(line.size, line.bold), line.x
        for text, colour in line.runs:
            draw.text((x, line.y), text, font=font, fill=colour, anchor="ls")
            x += font.getlength(text)
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=2)
    return out.getvalue()


def to_png(svg: str) -> bytes:
    """Render an SVG (an icon, with transparency) to PNG at its own size, with vl-convert."""
    from evidence_site.present.converter import vl_convert

    return bytes(vl_convert().svg_to_png(svg, scale=1))


@dataclass(frozen=True)
class Picture:
    """A PNG file still to be drawn (see drawing.Pictures): an icon from its SVG, or a card."""

    svg: str = ""
    card: Card | None = None


def png_of(picture: Picture) -> bytes:
    """The PNG of one picture (in the converter or a worker process too)."""
    if picture.card is not None:
        return card_png(picture.card)
    return to_png(picture.svg)
