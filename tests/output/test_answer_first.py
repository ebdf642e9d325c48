"""Issue 11 in a real browser: the answer on the first phone screen, tables that fit, heard once.

Same fixtures as test_browser.py: the real site built once, served on 127.0.0.1, one Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_browser import OPEN_DETAILS, each_page, shot_name, watch

from evidence_site.read import content

REPO = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}

FIRST_SCREEN = """() => {
  const top = e => e ? e.getBoundingClientRect().top + scrollY : null;
  const header = document.querySelector('.site-header');
  const lines = [...header.children].filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect().top);
  return {
    number: top(document.querySelector('.answer .answer-number')),
    picture: top(document.querySelector('.answer figure svg')),
    headerHeight: header.getBoundingClientRect().height,
    headerLines: new Set(lines.map(t => Math.round(t / 16))).size,
    nameLineHeight: parseFloat(getComputedStyle(document.querySelector('.site-name')).lineHeight),
    answerParagraphs: document.querySelectorAll('.answer > p').length,
    answerText: (document.querySelector('.answer-figures') || {}).textContent || '',
  };
}"""

# Text cut off: a cell, caption or line of text wider than its box with nothing to scroll it,
# a table wider than its wrapper, and a wrapper that scrolls without being a named focusable
# region (or is one without scrolling).
CLIPPED = """() => {
  const out = [];
  const say = e => `<${e.tagName.toLowerCase()}> `
    + `"${e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
  const scrolls = e => /(auto|scroll)/.test(getComputedStyle(e).overflowX)
    && e.scrollWidth > e.clientWidth + 1;
  const clipped = e => { for (let a = e; a; a = a.parentElement) {  // visually hidden on purpose
    if (getComputedStyle(a).clipPath !== 'none') return true; } return false; };
  const scroller = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (scrolls(a)) return a; } return null; };
  for (const e of document.querySelectorAll(
      'main td, main th, main caption, main p, main li, main dt, main dd, main h1, main h2, '
      + 'main h3, main summary, main .answer-item, main .answer-number')) {
    if (!e.checkVisibility({visibilityProperty: true}) || clipped(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1 && !scroller(e)) {
      out.push(`${say(e)} is clipped: it needs ${e.scrollWidth} px and has ${e.clientWidth} px`);
    }
  }
  for (const t of document.querySelectorAll('main table')) {
    if (!t.checkVisibility()) continue;
    const wrap = t.parentElement;
    const right = wrap.getBoundingClientRect().right;
    if (t.getBoundingClientRect().right > right + 1 && !scrolls(wrap)) {
      out.push(`table ${say(t.querySelector('caption') || t)} is wider than its box`);
    }
  }
  for (const w of document.querySelectorAll('main *')) {
    if (!w.checkVisibility() || !scrolls(w) || w.matches('pre')) continue;
    const named = w.getAttribute('aria-label') || w.getAttribute('aria-labelledby');
    if (!(w.tabIndex >= 0 && w.getAttribute('role') === 'region' && named)) {
      out.push(`${say(w)} scrolls sideways but is not a focusable, named region`);
    }
  }
  for (const r of document.querySelectorAll('main [role=region]')) {
    if (r.checkVisibility() && !scrolls(r)) {
      out.push(`${say(r)} is a focusable region but does not scroll at this width`);
    }
  }
  return out;
}"""

# Regions labelled by two texts run together, and links whose words repeat with another target.
PAGE_NAMES = """() => {
  const out = [];
  for (const r of document.querySelectorAll('[role=region][aria-labelledby]')) {
    const ids = r.getAttribute('aria-labelledby').trim().split(/\\s+/);
    if (ids.length > 1) out.push(`a region is labelled by ${ids.length} texts run together: `
      + ids.map(i => `"${(document.getElementById(i) || {}).textContent || i}"`).join(' + '));
  }
  const links = new Map();
  // A glossary link is a word in a sentence, marked as a term; its neighbours say what it is.
  for (const a of document.querySelectorAll('main a[href]:not(.term)')) {
    const name = (a.getAttribute('aria-label') || a.textContent).replace(/\\s+/g, ' ').trim();
    const href = a.getAttribute('href');
    if (links.has(name) && links.get(name) !== href) {
      out.push(`two links say "${name}" but go to ${links.get(name)} and ${href}`);
    }
    links.set(name, href);
  }
  for (const f of document.querySelectorAll('figure.chart')) {
    const headings = f.querySelectorAll('h1, h2, h3, h4, h5, h6');
    if (headings.length !== 1 || f.firstElementChild !== headings[0]) {
      out.push(`chart ${f.id} does not start with one heading (its title), so heading `
               + 'navigation misses it');
    }
  }
  return out;
}"""

_NODE = re.compile(r'^\s*- (?P<role>[\w-]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?'
                   r'[^:]*(?::\s*(?P<text>.+))?$')


def summaries() -> list[str]:
    """The real site's summaries, as paths under the site."""
    pages, errors = content.load_pages(REPO / "content", Path("content"))
    assert pages and not errors
    return sorted(f"{p.slug}/index.html" for p in pages if p.kind == "summary")


def spoken(snapshot: str) -> list[tuple[str, str]]:
    """(role, words) for each node of an aria snapshot that a screen reader says."""
    said = []
    for line in snapshot.splitlines():
        match = _NODE.match(line)
        if not match:
            continue
        words = match.group("name") or match.group("text") or ""
        words = " ".join(words.strip().strip('"').split())
        if words and not words.startswith("/"):  # '/url: ...' lines are link targets
            said.append((match.group("role"), words))
    return said


def figure_problems(page: Any) -> list[str]:
    """Within each chart: a name heard twice, or the title heard again outside its heading
    (a link may carry the chart's name, visually hidden, so that its words are unique)."""
    found = []
    for figure in page.locator("figure.chart").all():
        chart = figure.get_attribute("id")
        said = spoken(figure.aria_snapshot())
        title = next((w for role, w in said if role == "heading"), "")
        seen: dict[str, str] = {}
        for role, words in said:
            key = words.lower()
            if key in seen and role != "text":
                found.append(f"{chart}: {role} \"{words}\" is heard twice (also as {seen[key]})")
            seen.setdefault(key, role)
            if title and role not in ("heading", "link") and title.lower() in key:
                found.append(f"{chart}: the title is heard again in a {role}: \"{words}\"")
    return found


def test_answer_numbers_and_chart_start_on_the_first_phone_screen(browser, base_url, artifacts):
    """At 390 x 844 every summary shows its headline numbers and its chart on the first screen,
    the answer is one short passage of sentences, and the header takes one line."""
    context = browser.new_context(viewport=PHONE)
    log = watch(context, base_url)
    page = context.new_page()

    def check(path: str) -> list[str]:
        page.screenshot(path=str(artifacts / f"first-screen-{shot_name(path)}.png"))
        m = page.evaluate(FIRST_SCREEN)
        found = []
        for what in ("number", "picture"):
            if m[what] is None:
                found.append(f"the answer has no {what}")
            elif m[what] >= PHONE["height"]:
                found.append(f"the answer's {what} starts at {m[what]:.0f} px, below the first "
                             f"screen ({PHONE['height']} px)")
        if m["headerLines"] != 1 or m["headerHeight"] > 2.2 * m["nameLineHeight"]:
            found.append(f"the header takes {m['headerLines']} lines ({m['headerHeight']:.0f} px)")
        if m["answerParagraphs"] != 1 or m["answerText"].count(".") < 2:
            found.append(f"the answer is not one passage of sentences: {m['answerText']!r}")
        return found

    problems = each_page(page, base_url, summaries(), log, check)
    context.close()
    assert problems == []


@pytest.mark.parametrize("width", [320, 390])
def test_no_table_cell_caption_or_text_is_clipped(browser, base_url, page_paths, width):
    """On every page, with every <details> open, no text is cut off or hidden off to the side."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    log = watch(context, base_url)
    page = context.new_page()

    def check(_: str) -> list[str]:
        page.evaluate(OPEN_DETAILS)
        return [f"at {width} px: {p}" for p in page.evaluate(CLIPPED)]

    problems = each_page(page, base_url, page_paths, log, check)
    context.close()
    assert problems == []


def test_each_chart_is_heard_once_and_names_do_not_run_together(browser, base_url, page_paths):
    """In the accessibility tree of every page: no name twice inside a chart, no chart title
    repeated by its picture or text, no region labelled by two texts, unique link words, and
    every chart's title is a heading."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = watch(context, base_url)
    page = context.new_page()

    def check(_: str) -> list[str]:
        page.evaluate(OPEN_DETAILS)
        return figure_problems(page) + page.evaluate(PAGE_NAMES)

    problems = each_page(page, base_url, page_paths, log, check)
    context.close()
    assert problems == []


PLANTED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planted</title>
<style>td { white-space: nowrap; } .box { width: 100px; overflow: hidden; }
.wrap { width: 100px; overflow-x: auto; }</style></head>
<body><main>
<div class="box"><table><caption>Numbers</caption>
<tr><td>A very long cell that is cut off</td></tr></table></div>
<div class="wrap"><table><tr><td>Another long cell that scrolls here</td></tr></table></div>
<p id="a">First</p><p id="b">Second</p>
<div role="region" aria-labelledby="a b" tabindex="0"><p>x</p></div>
<a href="one.csv">Download (CSV)</a> <a href="two.csv">Download (CSV)</a>
<figure class="chart" id="chart-x"><p>Before</p><h3>Fewer infections</h3>
<svg role="img" aria-label="Fewer infections" viewBox="0 0 10 10"></svg>
<p>Fewer infections</p></figure>
</main></body></html>
"""


def test_the_checks_catch_planted_problems(browser, server, tmp_path):
    """Each check reports a page that breaks its rule, so a pass means something."""
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    with server(tmp_path) as url:
        context = browser.new_context(viewport={"width": 320, "height": 800})
        page = context.new_page()
        page.goto(url + "index.html")
        clipped = " | ".join(page.evaluate(CLIPPED))
        names = " | ".join(page.evaluate(PAGE_NAMES))
        heard = " | ".join(figure_problems(page))
        context.close()
    assert '<td> "A very long cell that is cut off" is clipped' not in clipped  # the box clips
    assert 'table <caption> "Numbers" is wider than its box' in clipped
    assert "scrolls sideways but is not a focusable, named region" in clipped
    assert "does not scroll at this width" in clipped
    assert 'labelled by 2 texts run together: "First" + "Second"' in names
    assert 'two links say "Download (CSV)" but go to one.csv and two.csv' in names
    assert "chart chart-x does not start with one heading" in names
    assert 'chart-x: img "Fewer infections" is heard twice' in heard
