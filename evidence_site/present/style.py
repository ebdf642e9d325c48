"""The site's stylesheet, inlined in every page's <head>, and the policy that allows it. Pure.

A phone on a slow network would otherwise wait for the page and then for style.css before it
paints anything: inlined, the first screen needs one request. print.css rides along inside
@media print, so printing needs none. The CSS is minified (comments and spaces out) by
tinycss2's tokenizer, so strings, url()s and selectors keep their meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import tinycss2
from markupsafe import Markup

from evidence_site.check.safety import style_source

SCREEN = PurePosixPath("static", "style.css")
PRINT = PurePosixPath("static", "print.css")
_NESTED = {"media", "supports", "layer", "container", "document"}  # blocks of rules


@dataclass(frozen=True)
class Style:
    """The CSS of every page's <style> element and its CSP source ('sha256-...')."""

    css: str
    source: str

    @property
    def element(self) -> Markup:
        """The <style> element itself (the CSS is not HTML: it must not be escaped)."""
        return Markup(f"<style>{self.css}</style>") if self.css else Markup("")


NO_STYLE = Style("", "")  # a page without the site's stylesheet (templates tested alone)


def site_style(static: Mapping[PurePosixPath, bytes]) -> Style:
    """static/style.css, then static/print.css inside @media print, minified, with its hash."""
    screen = minify(static[SCREEN].decode("utf-8-sig")) if SCREEN in static else ""
    printed = minify(static[PRINT].decode("utf-8-sig")) if PRINT in static else ""
    css = screen + (f"@media print{{{printed}}}" if printed else "")
    # "</" would end the element early; "<\/" is the same text to CSS.
    css = css.replace("</", "<\\/")
    return Style(css, style_source(css) if css else "")


def minify(css: str) -> str:
    """The same rules without comments or spaces that carry no meaning.

    A stylesheet tinycss2 cannot parse cleanly is kept as it is: better long than changed.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    try:
        return "".join(_rule(r) for r in rules)
    except ValueError:
        return css


def _rule(rule: Any) -> str:
    if rule.type == "error":
        raise ValueError(rule.message)
    prelude = _values(rule.prelude)
    if rule.type == "qualified-rule":
        return f"{prelude}{{{_block(rule.content)}}}"
    head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
    if rule.content is None:
        return head + ";"
    if rule.lower_at_keyword in _NESTED:
        rules = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        return head + "{" + "".join(_rule(r) for r in rules) + "}"
    return f"{head}{{{_block(rule.content)}}}"


def _block(content: Iterable[Any]) -> str:
    """Declarations (and nested rules) of one block, ';'-separated."""
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True,
                                               skip_whitespace=True):
        if item.type == "declaration":
            parts.append(f"{item.name}:{_values(item.value)}"
                         + ("!important" if item.important else ""))
        else:
            parts.append(_rule(item))
    return ";".join(parts)


def _values(tokens: Iterable[Any]) -> str:
    """Component values with comments dropped and each run of whitespace one space (none
    beside a comma)."""
    out: list[str] = []
    for token in tokens:
        if token.type == "error":
            raise ValueError(token.message)
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1] not in (" ", ","):
                out.append(" ")
        elif token.type == "() block":
            out.append(f"({_values(token.content)})")
        elif token.type == "[] block":
            out.append(f"[{_values(token.content)}]")
        elif token.type == "{} block":
            out.append(f"{{{_values(token.content)}}}")
        elif token.type == "function":
            out.append(f"{token.name}({_values(token.arguments)})")
        elif token.type == "literal" and token.value == "," and out and out[-1] == " ":
            out[-1] = ","  # a space beside a comma means nothing
        else:
            out.append(token.serialize())
    return "".join(out).strip()
