"""Icon arrays: 100 people, the affected ones first in reading order. Pure Altair builders.

Each array is its own small SVG (at most WIDTH px wide, text FONT_SIZE px), so arrays being
compared sit side by side on a wide screen and stack on a phone while text stays >= 12 px.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from evidence_site import numbers

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
FILLED = "#1d4e89"  # affected: filled, 8.6:1 on white
HOLLOW = "#6b6b6b"  # not affected: outline only, 5.3:1 on white; fill vs outline, not hue
SHAPE = "circle"  # a person glyph tripled the SVG's size and read no better at 12 px


def grid(affected: int) -> pd.DataFrame:
    """100 marks in reading order: row by row, left to right; the first `affected` are filled."""
    if not 0 <= affected <= COLUMNS * ROWS:
        raise ValueError(f"an icon array shows 0 to {COLUMNS * ROWS} people, not {affected}")
    index = list(range(COLUMNS * ROWS))
    rows = [i // COLUMNS for i in index]
    cols = [i % COLUMNS for i in index]
    return pd.DataFrame({
        "index": index,
        "row": rows,
        "col": cols,
        "x": [PITCH / 2 + c * PITCH for c in cols],
        "y": [TOP + PITCH / 2 + r * (PITCH + ROW_GAP) for r in rows],
        "affected": [i < affected for i in index],
    })


def headline(per_100: float, high: float | None = None, relation: str = "") -> str:
    """The number written beside the array: '59 in 100' (the words without 'about')."""
    words = numbers.in_100(per_100, high, relation)
    return words.removeprefix("about ")


def icon_array(per_100: float, *, label: str, period: str, outcome: str,
               relation: str = "") -> alt.LayerChart:
    """One group's icon array with its label above and 'N in 100' written beside it."""
    frame = grid(numbers.icons(per_100))
    height = TOP + ROWS * PITCH + (ROWS - 1) * ROW_GAP
    x = alt.X("x:Q", scale=None, axis=None)
    y = alt.Y("y:Q", scale=None, axis=None)
    people = alt.Chart(frame).encode(x=x, y=y)
    filled = people.transform_filter("datum.affected").mark_point(
        shape=SHAPE, size=ICON_SIZE, filled=True, color=FILLED, opacity=1, aria=False)
    hollow = people.transform_filter("!datum.affected").mark_point(
        shape=SHAPE, size=ICON_SIZE, filled=False, color=HOLLOW, strokeWidth=1.5, opacity=1,
        aria=False)
    lines = (
        (0.0, [label, period], FONT_SIZE, "bold"),
        (TOP + 2.0, [headline(per_100, relation=relation)], FONT_SIZE + 6, "bold"),
        (TOP + 32.0, textwrap.wrap(outcome, 14), FONT_SIZE, "normal"),
    )
    texts = [
        alt.Chart(pd.DataFrame({"x": [0.0 if top == 0 else float(TEXT_X)], "y": [top],
                                "text": [words]}))
        .mark_text(align="left", baseline="top", color=INK, fontSize=size, fontWeight=weight,
                   lineHeight=FONT_SIZE + 4, aria=False)
        .encode(x=x, y=y, text="text:N")
        for top, words, size, weight in lines
    ]
    return (
        alt.layer(filled, hollow, *texts)
        .properties(width=WIDTH, height=height)
        .configure(font="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, "
                   "sans-serif", aria=False, background="#ffffff")
        .configure_view(stroke=None)
    )


def arrays_html(svgs: Sequence[str]) -> str:
    """Arrays being compared, in one row that wraps into a stack on a narrow screen."""
    cells = "".join(f'<div class="icon-array">{svg}</div>' for svg in svgs)
    return f'<div class="icon-arrays">{cells}</div>'
