"""The one-page handout: key messages, main picture, source, dates and a QR code that scans."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from share_helpers import build_files, parse, trusted_project

from evidence_site.present import handout
from evidence_site.present.converter import vl_convert


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    root = trusted_project(tmp_path_factory.mktemp("handout") / "project")
    return build_files(root)


@pytest.fixture(scope="module")
def page(files: dict[str, str | bytes]) -> str:
    return files["alemtuzumab/handout.html"]


def decode(svg: str) -> list[str]:
    """Render an SVG QR code to PNG (vl-convert), then read it like a phone camera (zxing-cpp)."""
    png = bytes(vl_convert().svg_to_png(svg, scale=8))
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_qr_code_on_the_handout_decodes_to_the_page_url(page: str) -> None:
    [svg] = re.findall(r'<svg role="img"[^>]*class="qr".*?</svg>', page, re.S)
    assert decode(svg) == ["https://example.org/minimal/alemtuzumab/"]


def test_qr_svg_decodes_long_addresses() -> None:
    url = "https://example.org/a/much/longer/sub/path/for/a/summary-with-a-long-slug/"
    assert decode(handout.qr_svg(url, label="QR")) == [url]


def test_handout_has_messages_picture_source_and_dates(page: str) -> None:
    tree = parse(page)
    assert ["".join(h.itertext()) for h in tree.iter("h1")] == [
        "Infections in the first years after alemtuzumab"]
    messages = [" ".join("".join(li.itertext()).split()) for li in tree.iter("li")]
    assert "In the first year, about 59 in 100 people on alemtuzumab had an infection." in messages
    # The chart's title is its heading; the picture is named by what it is (heard once).
    assert ">Fewer people had infections each year after starting alemtuzumab</h3>" in page
    assert 'role="img" aria-label="Line chart of people out of 100"' in page
    facts = {"".join(tr.find("th").itertext()): " ".join("".join(tr.find("td").itertext()).split())
             for table in tree.iter("table") if table.get("class") == "handout-facts"
             for tr in table.iter("tr")}
    assert facts["Full page"] == "https://example.org/minimal/alemtuzumab/"
    assert facts["Source"].startswith("Wray et al. 2018. Infection risk with alemtuzumab")
    assert facts["Source"].endswith("doi:10.1177/1352458518796675")
    assert facts["Dates"] == ("Published 15 January 2026 · last reviewed 1 February 2026 · "
                              "next review due 1 February 2027")


def test_handout_includes_the_fact_box(files: dict[str, str | bytes]) -> None:
    """A summary with a fact box (cladribine in the fixture) has it on its handout, once."""
    assert files["cladribine/handout.html"].count('class="fact-box"') == 1
    assert 'class="fact-box"' not in files["alemtuzumab/handout.html"]


def test_summary_links_to_its_handout(files: dict[str, str | bytes]) -> None:
    summary = files["alemtuzumab/index.html"]
    assert '<a href="handout.html">Printable one-page handout</a>' in summary
