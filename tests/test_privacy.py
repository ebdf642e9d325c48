"""The real site loads nothing from other origins, runs no script, and breaks no CSP in Chromium."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import chromium
from share_helpers import parse

from evidence_site.check import safety

REPO = Path(__file__).resolve().parent.parent
FETCHING = ("src", "srcset", "poster", "data", "action", "formaction", "background",
            "{http://www.w3.org/1999/xlink}href", "xlink:href")
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload",
                 "apple-touch-icon", "dns-prefetch", "preconnect"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


@pytest.fixture
def site(real_folder: Path) -> Path:
    """The real site, built and written once per session (tests/conftest.py)."""
    return real_folder


def is_foreign(url: str) -> bool:
    """True for anything but a same-site relative address or an in-page #fragment."""
    url = url.strip()
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I))


def fetched_urls(html: str) -> list[str]:
    """Every URL a browser would load by itself, found by a browser-grade parser (html5lib)."""
    urls = []
    for element in parse(html).iter():
        tag = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        for name in FETCHING:
            if element.get(name):
                urls.append(element.get(name))
        if tag == "link" and set((element.get("rel") or "").lower().split()) & FETCHING_RELS:
            urls.append(element.get("href"))
        if tag in ("image", "use", "feImage") and element.get("href"):
            urls.append(element.get("href"))
        if tag == "style":
            urls += [a or b for a, b in CSS_URL.findall(element.text or "")]
        urls += [a or b for a, b in CSS_URL.findall(element.get("style") or "")]
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            urls.append(element.get("content"))
    return urls


def test_no_built_file_loads_from_another_origin(site: Path) -> None:
    """Parse every HTML and CSS file; any resource from elsewhere would leak the reader."""
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            urls = fetched_urls(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            urls = [a or b for a, b in CSS_URL.findall(path.read_text(encoding="utf-8"))]
        else:
            continue
        checked += 1
        assert [u for u in urls if is_foreign(u)] == [], path
    assert checked >= 8


def test_the_check_sees_what_this_test_sees() -> None:
    """The html5lib scan above and the build's own check agree on a page with a tracker."""
    page = ('<meta http-equiv="Content-Security-Policy" content="x"><img src="https://t.co/p.gif">'
            '<svg><use href="https://t.co/s.svg#a"/></svg>')
    assert [u for u in fetched_urls(page) if is_foreign(u)] == ["https://t.co/p.gif",
                                                                "https://t.co/s.svg#a"]
    assert len(safety.check_files({Path("x.html"): page})) == 2


def test_no_script_runs_and_nothing_is_stored(site: Path) -> None:
    """Only JSON-LD data blocks: no script can set cookies or use storage."""
    for path in site.rglob("*.html"):
        for element in parse(path.read_text(encoding="utf-8")).iter("script"):
            assert element.get("type") == "application/ld+json", path
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in text
        assert "default-src &#39;self&#39;" in text
        assert not re.search(r"\son[a-z]+=", text), path


def test_external_links_carry_noopener_noreferrer(site: Path) -> None:
    for path in site.rglob("*.html"):
        for a in parse(path.read_text(encoding="utf-8")).iter("a"):
            if (a.get("href") or "").startswith(("http://", "https://")):
                assert set((a.get("rel") or "").split()) >= {"noopener", "noreferrer"}, path


def test_headers_file_sets_the_security_headers(site: Path) -> None:
    text = (site / "_headers").read_text(encoding="utf-8")
    assert text.startswith("/*\n")
    for header in ("Content-Security-Policy: default-src 'self';", "Referrer-Policy: no-referrer",
                   "X-Content-Type-Options: nosniff", "Permissions-Policy: ",
                   "Strict-Transport-Security: max-age="):
        assert f"\n  {header}" in text


def console(url: str) -> list[str]:
    """What the page wrote to the console while loading in headless Chromium."""
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--dump-dom", url], capture_output=True, text=True, timeout=120, check=False)
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.parametrize("page", ["alemtuzumab-infections/index.html",
                                  "alemtuzumab-infections/handout.html", "404.html",
                                  "data-dictionary/index.html"])
def test_chromium_reports_no_csp_violation(site: Path, page: str) -> None:
    """Inline SVG from vl-convert and segno needs no CSP allowance: the console stays empty."""
    assert console((site / page).as_uri()) == []


def test_chromium_would_report_a_violation(tmp_path: Path) -> None:
    """The console check above can fail: an inline style under the same CSP is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><meta http-equiv="Content-Security-Policy" '
                    "content=\"default-src 'self'; style-src 'self'\"><title>x</title>"
                    '<p style="color:red">x</p>', encoding="utf-8")
    assert any("Content Security Policy" in line for line in console(page.as_uri()))


@pytest.mark.parametrize("allowed", [True, False])
def test_chromium_takes_an_inline_style_only_by_the_hash_the_check_computes(
        tmp_path: Path, allowed: bool) -> None:
    """safety.style_source is the browser's own hash: with it the console is empty, without
    it Chromium reports the <style> it refused."""
    css = "p{color:#111}"
    source = safety.style_source(css if allowed else css + " ")
    page = tmp_path / "styled.html"
    page.write_text('<!doctype html><meta http-equiv="Content-Security-Policy" '
                    f"content=\"default-src 'self'; style-src 'self' {source}\"><title>x</title>"
                    f"<style>{css}</style><p>x</p>", encoding="utf-8")
    reported = any("Content Security Policy" in line for line in console(page.as_uri()))
    assert reported is not allowed


def test_headers_file_has_the_pages_own_policy(site: Path) -> None:
    """The header and the <meta> say the same, so a host that sends _headers keeps the style."""
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                     (site / "index.html").read_text(encoding="utf-8"))
    assert meta is not None
    policy = meta.group(1).replace("&#39;", "'")
    assert f"  Content-Security-Policy: {policy}; frame-ancestors 'none'\n" in \
        (site / "_headers").read_text(encoding="utf-8")


def test_handout_prints_on_one_a4_page(site: Path, tmp_path: Path) -> None:
    """Chromium's print-to-PDF of the handout has exactly one page."""
    pdf = tmp_path / "handout.pdf"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    (site / "alemtuzumab-infections" / "handout.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1
    [box] = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert (round(float(box[0])), round(float(box[1]))) == (595, 842)  # A4 in points
