"""The README documents every column, key and prose field a curator can use."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from evidence_site.present import render
from evidence_site.read import content, data

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of one '## title' section of the README."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert found, f"README has no '## {title}' section"
    return found.group(1)


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("Data format", data.COLUMNS),
        ("Data format", data.SOURCE_COLUMNS),
        ("Data format", data.SIDECAR_KEYS),
        ("Front matter", content.KNOWN),
        ("Front matter", content.CHART_KEYS),
        ("Front matter", content.KINDS + content.CHART_KINDS),
    ],
)
def test_every_name_is_documented(title: str, names: tuple[str, ...]) -> None:
    """A column or key the code accepts appears in backticks in its README section."""
    text = section(title)
    assert [name for name in names if f"`{name}`" not in text] == []


def test_prose_fields_are_documented() -> None:
    """Every field of {{ fig.ID.* }} that error messages suggest is in the Prose section."""
    text = section("Prose")
    assert [f for f in render.FIGURE_FIELDS if f".{f} }}}}" not in text] == []
    assert '{{ chart("' in text


def test_two_commands_section_has_exactly_two_commands() -> None:
    """A fresh machine needs two commands: build the site, run the tests."""
    block = re.search(
        r"```sh\n(.*?)```", section("Two commands (fresh machine with Python 3.11)"), re.S
    )
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert [c for c in commands if c] == ["python3 dev.py build", "python3 dev.py test"]
