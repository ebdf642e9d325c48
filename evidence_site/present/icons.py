"""Icon arrays: 100 (or 1,000) people, the affected first in reading order. Pure Altair builders.

Every array of one colour (and one height) has one shape, so Altair builds its spec once and
vl-convert compiles it once; each array's rows (who is filled, the words) fill it.

Each array is its own small SVG (at most WIDTH px wide, text FONT_SIZE px), so arrays being
compared sit side by side on a wide screen and stack on a phone while text stays >= 12 px.
An array of 1,000 is ten blocks of 100; each row of ten is one mark, so it stays light.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_site.present import numbers
from evidence_site.present.charts import Layout, Rows

if TYPE_CHECKING:
    import altair as alt

COLUMNS = 10
ROWS = 10
PITCH = 16  # px from one icon to the next
ROW_GAP = 5  # extra px after every 10 icons (each row), so tens can be counted
ICON_SIZE = 140  # Vega symbol area in px^2: circles about 12 px across
TOP = 44  # room for the two-line label above the grid
TEXT_X = COLUMNS * PITCH + 12
WIDTH = 290
FONT_SIZE = 14
INK = "#1a1a1a"
FILLED = "#1d4e89"  # affected: filled in the group's site-wide colour (colours.py); this by default
HOLLOW = "#6b6b6b"  # not affected: outline only, 5.3:1 on white; fill vs outline, not hue
SHAPE = "circle"  # a person glyph tripled the SVG's size and read no better at 12 px


@dataclass(frozen=True)
class ArrayShape:
    """What an icon array's Altair spec depends on, besides its rows."""

    colour: str  # the affected's fill
    width: float
    height: float
    big: bool  # an array of 1,000: rows of ten drawn as one mark each


def grid(affected: int) -> Rows:
    """100 marks in reading order: row by row, left to right; the first `affected` are filled."""
    if not 0 <= affected <= COLUMNS * ROWS:
        raise ValueError(f"an icon array shows 0 to {COLUMNS * ROWS} people, not {affected}")
    return [{"index": i, "row": i // COLUMNS, "col": i % COLUMNS,
             "x": PITCH / 2 + i % COLUMNS * PITCH,
             "y": TOP + PITCH / 2 + i // COLUMNS * (PITCH + ROW_GAP), "affected": i < affected}
            for i in range(COLUMNS * ROWS)]


SIZES = (100, 1000)  # the arrays a page can show; 10,000 icons would be too small to see
BLOCK = 10  # people per row of a block; a block is BLOCK x BLOCK
BLOCKS_ACROSS = 5  # an array of 1,000: two rows of five blocks of 100
BIG_PITCH = 5.0  # px from one icon to the next in an array of 1,000
BIG_RADIUS = 2.0
BLOCK_GAP = 8  # px between blocks of 100
BIG_TOP = 74  # room for the label and the headline above the blocks


def headline(value: float, high: float | None = None, relation: str = "",
             denominator: int = numbers.DENOMINATOR) -> str:
    """The number written beside the array, as the words say it: 'about 59 in 100'."""
    return numbers.natural(value, high, relation, denominator)


TEXTS = ((FONT_SIZE, "bold"), (FONT_SIZE + 6, "bold"), (FONT_SIZE, "normal"))  # label, number,
# outcome: the three lines of text of every array, in this order


def text_rows(lines: Sequence[tuple[float, float, list[str]]]) -> tuple[Rows, ...]:
    """Each text of an array (its left, its top and its lines) as the rows of its own mark."""
    return tuple([{"x": left, "y": top, "text": text}] for left, top, text in lines)


def icon_array(value: float, *, label: str, period: str, outcome: str, relation: str = "",
               words: str = "", denominator: int = numbers.DENOMINATOR,
               colour: str = FILLED) -> Layout:
    """One group's icon array with its label above and the number in words beside it.

    `words` is the figure's own wording (f.about); by default it is made from the value.
    `colour` fills the affected: the group's colour on every chart of the site.
    """
    words = words or headline(value, relation=relation, denominator=denominator)
    if denominator == 1000:
        return big_array(value, label=label, period=period, outcome=outcome, words=words,
                         colour=colour)
    if denominator != COLUMNS * ROWS:
        raise ValueError(f"an icon array shows 100 or 1,000 people, not {denominator:,}")
    height = TOP + ROWS * PITCH + (ROWS - 1) * ROW_GAP
    number = textwrap.wrap(words, 10)  # 20 px bold beside the grid: about 10 characters
    outcome_top = TOP + 2.0 + 24 * len(number) + 6
    texts = text_rows(((0.0, 0.0, [label, period]), (float(TEXT_X), TOP + 2.0, number),
                       (float(TEXT_X), outcome_top, textwrap.wrap(outcome, 14))))
    return Layout(draw, ArrayShape(colour, WIDTH, height, big=False),
                  (grid(numbers.icons(value)), *texts))


def draw(shape: ArrayShape, data: Iterator[alt.NamedData]) -> alt.LayerChart:
    """The Altair chart of an array: filled and hollow icons, then its three texts."""
    import altair as alt

    x = alt.X("x:Q", scale=None, axis=None)
    y = alt.Y("y:Q", scale=None, axis=None)
    people = alt.Chart(next(data)).encode(x=x, y=y)
    if shape.big:
        # A custom symbol path is drawn at sqrt(size) / 2 px per unit: size 4 draws it in px.
        filled = people.transform_filter("datum.filled > 0").mark_point(
            filled=True, color=shape.colour, size=4, opacity=1, aria=False
        ).encode(shape=alt.Shape("filled_path:N", scale=None))
        hollow = people.transform_filter(f"datum.filled < {BLOCK}").mark_point(
            filled=False, color=HOLLOW, strokeWidth=1, size=4, opacity=1, aria=False
        ).encode(shape=alt.Shape("hollow_path:N", scale=None))
    else:
        filled = people.transform_filter("datum.affected").mark_point(
            shape=SHAPE, size=ICON_SIZE, filled=True, color=shape.colour, opacity=1, aria=False)
        hollow = people.transform_filter("!datum.affected").mark_point(
            shape=SHAPE, size=ICON_SIZE, filled=False, color=HOLLOW, strokeWidth=1.5, opacity=1,
            aria=False)
    texts = [alt.Chart(next(data))
             .mark_text(align="left", baseline="top", color=INK, fontSize=size,
                        fontWeight=weight, lineHeight=size + 4, aria=False)
             .encode(x=x, y=y, text=alt.Text("text:N"))
             for size, weight in TEXTS]
    # The layers in one chart, styled, made in one step (each later call copies every layer).
    return alt.layer(filled, hollow, *texts, width=shape.width, height=shape.height,
                     config=style())


def style() -> alt.Config:
    """The arrays' font and background."""
    import altair as alt

    return alt.Config(font="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, "
                           "sans-serif", aria=False, background="#ffffff",
                      view=alt.ViewConfig(stroke=None))


def row_path(start: int, stop: int, pitch: float = BIG_PITCH, radius: float = BIG_RADIUS) -> str:
    """One SVG path of the circles start..stop-1 of a row of ten, centred on the row's middle."""
    middle = (BLOCK - 1) * pitch / 2
    r = f"{radius:g}"
    return "".join(f"M{i * pitch - middle - radius:.2f},0a{r},{r} 0 1,0 {2 * radius:g},0"
                   f"a{r},{r} 0 1,0 {-2 * radius:g},0" for i in range(start, stop))


def big_grid(affected: int, top: float = BIG_TOP) -> Rows:
    """1,000 people as 100 rows of ten in ten blocks of 100, the affected first in reading order.

    Blocks are read left to right, then the second row of blocks; within a block, row by row.
    """
    if not 0 <= affected <= 1000:
        raise ValueError(f"an icon array shows 0 to 1,000 people, not {affected}")
    rows = []
    side = BLOCK * BIG_PITCH + BLOCK_GAP
    for row in range(100):
        block, line = divmod(row, BLOCK)
        filled = max(0, min(BLOCK, affected - row * BLOCK))
        rows.append({
            "row": row,
            "x": (block % BLOCKS_ACROSS) * side + (BLOCK - 1) * BIG_PITCH / 2 + BIG_RADIUS,
            "y": top + (block // BLOCKS_ACROSS) * side + line * BIG_PITCH + BIG_RADIUS,
            "filled": filled,
            "filled_path": row_path(0, filled, radius=2.4),  # filled a little bigger: seen
            "hollow_path": row_path(filled, BLOCK),
        })
    return rows


def big_array(value: float, *, label: str, period: str, outcome: str,
              words: str, colour: str = FILLED) -> Layout:
    """An array of 1,000: the label and the number in words above ten blocks of 100."""
    said = textwrap.wrap(outcome, 34)
    top = BIG_TOP + (FONT_SIZE + 4) * (len(said) - 1)
    side = BLOCK * BIG_PITCH + BLOCK_GAP
    height = top + 2 * side - BLOCK_GAP
    texts = text_rows(((0.0, 0.0, [f"{label}, {period.lower()}"]), (0.0, 22.0, [words]),
                       (0.0, 48.0, said)))
    # Vega's bounds of the custom row paths run a pixel past the width: keep inside 300 px.
    return Layout(draw, ArrayShape(colour, WIDTH - 2, height, big=True),
                  (big_grid(numbers.icons(value, 1000), top), *texts))
