"""One meaning per colour, site-wide: each group's colour, dash and shape, derived from its name.

A medicine keeps one hue on every chart of the site (in the order medicines first appear in
the pages); doses of one medicine are shades of that hue, lighter for a lower dose; placebo and
no-treatment groups are grey. site.toml's [colours] table overrides a group's colour (and, for a
group without a dose, its medicine's hue). Pure: no Altair, so warm builds stay light.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Mapping, Sequence

from evidence_site.check import contrast

WHITE = (255.0, 255.0, 255.0)
# Hues far apart in hue and lightness, each >= 4.5:1 on white, so a coloured label is text too.
HUES = ("#1d4e89", "#a3471d", "#2f6b3a", "#6a3d9a", "#8a1c4a", "#00666b")
GREY = "#595959"  # placebo and no treatment: 7:1 on white, filled (the unaffected are outlines)
DASHES = ([1, 0], [6, 4], [2, 3], [8, 3, 2, 3], [10, 2], [4, 2, 1, 2])
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross")
# Shades of one hue run from this contrast on white (lightest) to DARKEST (darkest).
LIGHTEST, DARKEST = 4.6, 11.0
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_UNTREATED = re.compile(r"^(?:placebo|no treatment|no medicine|untreated|usual care)\b", re.I)
_DOSE = re.compile(r"\s+\d[\d.,]*\s*(?:mg/kg|mg|µg|μg|mcg|g|ml|iu|units?)\b.*$", re.I)
_FORM = re.compile(r"\s+(?:tablets?|capsules?|injections?|infusions?)$", re.I)


def untreated(group: str) -> bool:
    """Whether a group took no active medicine (placebo, no treatment): it is grey."""
    return bool(_UNTREATED.match(group.strip()))


def medicine(group: str) -> str:
    """The medicine a group took, without dose or form: 'Cladribine 3.5 mg/kg' -> 'cladribine'."""
    return _FORM.sub("", _DOSE.sub("", group.strip())).strip().lower()


def dose(group: str) -> float | None:
    """The group's dose as a number ('Cladribine 3.5 mg/kg' -> 3.5), or None without one."""
    found = _DOSE.search(group)
    return float(found.group(0).split()[0].replace(",", "")) if found else None


def ratio(colour: str) -> float:
    """The colour's contrast ratio on white."""
    rgba = contrast.parse_colour(colour)
    assert rgba is not None, colour
    return contrast.ratio(contrast.blend(rgba, WHITE), WHITE)


def shade(colour: str, target: float) -> str:
    """The colour with its hue and saturation, made lighter or darker to `target`:1 on white."""
    rgba = contrast.parse_colour(colour)
    assert rgba is not None, colour
    h, _, s = colorsys.rgb_to_hls(*(c / 255 for c in rgba[:3]))
    low, high = 0.0, 1.0  # lightness: darker gives more contrast
    for _ in range(40):
        middle = (low + high) / 2
        rgb = tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, middle, s))
        if ratio(contrast.hex_of(rgb)) >= target:
            low = middle
        else:
            high = middle
    return contrast.hex_of(tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, low, s)))


def shades(colour: str, count: int) -> list[str]:
    """`count` shades of one hue, lightest first, each >= LIGHTEST:1 on white."""
    if count == 1:
        return [colour]
    return [shade(colour, LIGHTEST + (DARKEST - LIGHTEST) * i / (count - 1))
            for i in range(count)]


def site_colours(groups: Iterable[str], overrides: Mapping[str, str] | None = None
                 ) -> dict[str, str]:
    """Every group's colour, from the site's groups in the order they first appear."""
    overrides = overrides or {}
    ordered = list(dict.fromkeys(groups))
    hues: dict[str, str] = {}
    for group in ordered:
        if untreated(group):
            continue
        name = medicine(group)
        if name not in hues:
            hues[name] = HUES[len(hues) % len(HUES)]
        if dose(group) is None and group in overrides:
            hues[name] = overrides[group]
    colours = {}
    for name, hue in hues.items():
        dosed = sorted({d for g in ordered if medicine(g) == name and not untreated(g)
                        and (d := dose(g)) is not None})
        tones = dict(zip(dosed, shades(hue, len(dosed)), strict=True))
        for group in ordered:
            if medicine(group) == name and not untreated(group):
                given = dose(group)
                colours[group] = hue if given is None else tones[given]
    colours |= {g: GREY for g in ordered if untreated(g)}
    return colours | {g: c for g, c in overrides.items() if g in colours}


def site_styles(groups: Iterable[str]) -> dict[str, int]:
    """Every group's dash and shape (an index into DASHES and SHAPES), in order of appearance."""
    return {g: i % len(SHAPES) for i, g in enumerate(dict.fromkeys(groups))}


def chart_palette(groups: Sequence[str], colours: Mapping[str, str],
                  styles: Mapping[str, int]) -> tuple[tuple[str, str, int], ...]:
    """(group, colour, style) for one chart's groups: the site's, with no two styles alike.

    A group keeps its site-wide dash and shape unless another group of the same chart has
    them (more groups on the site than shapes); then it takes the next free one.
    """
    taken: set[int] = set()
    palette = []
    for group in groups:
        style = styles.get(group, 0)
        while style in taken and len(taken) < len(SHAPES):
            style = (style + 1) % len(SHAPES)
        taken.add(style)
        palette.append((group, colours.get(group, HUES[0]), style))
    return tuple(palette)


def override_problems(value: object) -> list[tuple[str | None, str]]:
    """(group or None, problem) for each bad entry of site.toml's [colours] table."""
    if not isinstance(value, dict):
        return [(None, 'colours must be a table: [colours] and lines such as '
                       '"Interferon beta-1a" = "#a3471d"')]
    problems: list[tuple[str | None, str]] = []
    for group, colour in value.items():
        if not isinstance(colour, str) or not HEX.match(colour):
            problems.append((group, f"the colour for {group!r} is {colour!r}; give a hex colour "
                                    f'in quotes, e.g. "{group}" = "#a3471d"'))
        elif ratio(colour) < contrast.GRAPHIC_RATIO:
            problems.append((group, f"the colour for {group!r} ({colour}) has contrast "
                                    f"{ratio(colour):.1f}:1 on white; chart marks need at least "
                                    f"{contrast.GRAPHIC_RATIO:g}:1, so choose a darker colour"))
    return problems
