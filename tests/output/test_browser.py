"""Every built page in a real browser: axe-core, no JavaScript, phones, privacy, keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
MIN_TEXT_PX = 12

# Text smaller than 12 CSS px, HTML and SVG alike: an SVG's text is scaled with its viewBox.
SMALL_TEXT = """(minimum) => {
  const small = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(element)) continue;
    seen.add(element);
    if (!element.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) {
      const m = element.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    if (size < minimum - 0.01) {
      small.push(`<${element.tagName.toLowerCase()}> "${element.textContent.trim().slice(0, 30)}"`
                 + ` is ${size.toFixed(1)} px`);
    }
  }
  return small;
}"""

# Elements wider than the viewport that are not inside something that scrolls on its own.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .filter(e => !e.parentElement.closest('.table-wrap, pre'))
    .slice(0, 3)
    .map(e => `<${e.tagName.toLowerCase()} class="${e.className.baseVal ?? e.className}">`
              + ` ends at ${Math.round(e.getBoundingClientRect().right)} px`);
}"""

FOCUSABLE = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, iframe, summary, '
    + '[tabindex], [contenteditable="true"], [contenteditable=""]';
  const elements = [...document.querySelectorAll(selector)].filter(e =>
    !e.disabled && e.getAttribute('tabindex') !== '-1' && !e.closest('[inert]')
    && e.checkVisibility({visibilityProperty: true}));
  elements.forEach((e, i) => { e.dataset.kbd = String(i); });
  return elements.map(e => `<${e.tagName.toLowerCase()}> "${e.textContent.trim().slice(0, 30)}"`);
}"""

TO_MAIN = """(href) => {
  const target = href.startsWith('#') && document.getElementById(href.slice(1));
  return !!target && (target.matches('main, [role=main]') || !!target.querySelector('main'));
}"""

AFTER_TARGET = """(id) => {
  const target = document.getElementById(id);
  const active = document.activeElement;
  return !!target && (target.contains(active)
    || !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING));
}"""

FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return null;
  const s = getComputedStyle(a);
  const r = a.getBoundingClientRect();
  return {
    kbd: a.dataset.kbd ?? null,
    name: `<${a.tagName.toLowerCase()}> "${a.textContent.trim().slice(0, 30)}"`,
    href: a.getAttribute('href'),
    ring: a.matches(':focus-visible')
      && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
  };
}"""


def watch(context: Any, base_url: str) -> list[str]:
    """Record requests to anywhere but the local server (the browser cannot resolve other
    hosts, see CHROME_FLAGS), failed loads and console errors, for every page of a context.

    No page.route here: routing stops Chromium asking for /favicon.ico, a request a real
    visitor's browser does make.
    """
    log: list[str] = []

    def local(url: str) -> bool:
        return url.startswith(base_url) or url.startswith("data:")

    def page_opened(page: Any) -> None:
        page.on("request", lambda r: None if local(r.url) else
                log.append(f"request to {r.url} would leave 127.0.0.1"))
        page.on("console", lambda m: log.append(
            f"console {m.type}: {m.text} ({m.location.get('url') or 'no url'})")
            if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: log.append(f"page error: {e}"))
        # ERR_ABORTED is the browser dropping a late request (the icon) when the test moves on.
        page.on("requestfailed", lambda r: log.append(f"request failed: {r.url} {r.failure}")
                if local(r.url) and r.failure != "net::ERR_ABORTED" else None)
        page.on("response", lambda r: log.append(f"HTTP {r.status} for {r.url}")
                if r.status >= 400 else None)

    context.on("page", page_opened)
    return log


def each_page(page: Any, base_url: str, page_paths: list[str], log: list[str],
              check: Callable[[str], list[str]]) -> list[str]:
    """Open every page in turn and run one check on it; problems as 'site/PATH: message'."""
    problems = []
    for path in page_paths:
        before = len(log)
        page.goto(base_url + path, wait_until="load")
        problems += [f"site/{path}: {message}" for message in check(path)]
        problems += [f"site/{path}: {message}" for message in log[before:]]
    return problems


def axe_problems(page: Any, label: str) -> list[str]:
    """axe-core's violations, with <details> shut as loaded and then opened."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    found = []
    for state in ("as loaded", "details open"):
        if state == "details open":
            page.evaluate(OPEN_DETAILS)
        for v in Axe().run(page, options=options).response["violations"]:
            targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
            found.append(f"axe {v['id']} ({label}, {state}): {v['help']}: {targets}")
    return found


def no_js_problems(page: Any, seen: dict[str, int]) -> list[str]:
    """Charts, tables and key messages that do not show (the page has JavaScript off)."""
    found = []
    for summary in page.query_selector_all("details:not([open]) > summary"):
        summary.click()  # the browser opens <details> itself; no script involved
    for what, selector in (("chart", "figure svg"), ("table", "table"),
                           ("key message", ".key-messages li")):
        for index, element in enumerate(page.locator(selector).all()):
            seen[what] = seen.get(what, 0) + 1
            box = element.bounding_box()
            if not element.is_visible() or not box or box["height"] < 10:
                found.append(f"{what} {index + 1} is not visible without JavaScript")
    if not page.locator("main h1").is_visible():
        found.append("the <h1> is not visible without JavaScript")
    return found


def phone_problems(page: Any) -> list[str]:
    """Sideways scrolling and text under 12 px (charts included), details open."""
    page.evaluate(OPEN_DETAILS)
    width = page.viewport_size["width"]
    return ([f"scrolls sideways at {width} px: {e}" for e in page.evaluate(SIDEWAYS)]
            + [f"text under {MIN_TEXT_PX} px at {width} px wide: {t}"
               for t in page.evaluate(SMALL_TEXT, MIN_TEXT_PX)])


def keyboard_problems(page: Any, url: str) -> list[str]:
    """The skip link comes first and works; Tab reaches every control with a visible ring."""
    found = []
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    if not skip or not page.evaluate(TO_MAIN, skip["href"] or ""):
        found.append(f"the first Tab stop is {skip and skip['name']}, not a link to <main>")
    else:
        if not (skip["ring"] and skip["inView"]):
            found.append(f"the skip link {skip['name']} is not visibly focused on screen")
        page.keyboard.press("Enter")
        if page.evaluate("() => location.hash") != skip["href"]:
            found.append("the skip link did not move to its target")
        page.keyboard.press("Tab")
        if not page.evaluate(AFTER_TARGET, skip["href"][1:]):
            found.append(f"after the skip link, Tab did not continue inside {skip['href']}")
    page.goto(url)  # afresh, without the #fragment the skip link added
    page.evaluate(OPEN_DETAILS)
    expected = page.evaluate(FOCUSABLE)
    reached: set[str] = set()
    for _ in range(len(expected) + 3):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["kbd"] in reached:
            break
        if focused["kbd"] is not None:
            reached.add(focused["kbd"])
        if not (focused["ring"] and focused["inView"]):
            found.append(f"{focused['name']} has no visible focus ring on screen")
    return found + [f"{name} cannot be reached with Tab" for index, name in enumerate(expected)
                    if str(index) not in reached]


def shot_name(path: str) -> str:
    """about/index.html -> about; index.html -> home."""
    return path.removesuffix("index.html").strip("/").replace("/", "_") or "home"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser, base_url, page_paths, scheme):
    """axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices) finds nothing, details shut or open."""
    context = browser.new_context(color_scheme=scheme)
    log = watch(context, base_url)
    page = context.new_page()
    problems = each_page(page, base_url, page_paths, log, lambda _: axe_problems(page, scheme))
    context.close()
    assert problems == []


def test_without_javascript_every_chart_table_and_key_message_shows(browser, base_url,
                                                                    page_paths):
    """With JavaScript off, charts, tables (after opening their <details>) and key messages show."""
    context = browser.new_context(java_script_enabled=False)
    log = watch(context, base_url)
    page = context.new_page()
    seen: dict[str, int] = {}
    problems = each_page(page, base_url, page_paths, log, lambda _: no_js_problems(page, seen))
    context.close()
    assert problems == []
    assert {"chart", "table", "key message"} <= set(seen), f"the site lacks some: {seen}"


def test_phone_320_no_sideways_scroll_and_no_text_under_12px(browser, base_url, page_paths):
    """At 320 px wide nothing scrolls sideways and no text, charts included, is under 12 px."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    log = watch(context, base_url)
    page = context.new_page()
    problems = each_page(page, base_url, page_paths, log, lambda _: phone_problems(page))
    context.close()
    assert problems == []


def test_keyboard_skip_link_and_visible_focus_on_every_interactive_element(browser, base_url,
                                                                          page_paths):
    """Tab reaches the skip link first and it jumps to <main>; Tab then reaches every control,
    each with a visible focus ring, in view."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    log = watch(context, base_url)
    page = context.new_page()
    problems = each_page(page, base_url, page_paths, log,
                         lambda path: keyboard_problems(page, base_url + path))
    context.close()
    assert problems == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_without_outside_requests_or_console_errors(browser, base_url, page_paths,
                                                                artifacts, width, scheme):
    """Screenshot every page for a person to look at; nothing leaves 127.0.0.1, nothing errs."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    log = watch(context, base_url)
    page = context.new_page()

    def check(path: str) -> list[str]:
        page.screenshot(path=str(artifacts / f"{shot_name(path)}-{width}-{scheme}.png"),
                        full_page=True)
        return [f"scrolls sideways at {width} px: {e}" for e in page.evaluate(SIDEWAYS)]

    problems = each_page(page, base_url, page_paths, log, check)
    context.close()
    assert problems == []
    for path in page_paths:
        assert (artifacts / f"{shot_name(path)}-{width}-{scheme}.png").stat().st_size > 1000


PLANTED = """<!doctype html>
<html><head><meta charset="utf-8"><title>Planted</title>
<style>.faint{color:#bbbbbb} .tiny{font-size:9px} .wide{width:900px} a.bare:focus{outline:none}
.hide{display:none}</style></head>
<body>
<a class="bare" href="#nowhere">A link with no focus ring</a>
<img src="http://example.com/tracker.png" alt="">
<p class="faint">Faint text</p><p class="tiny">Tiny text</p><div class="wide">Too wide</div>
<figure><svg class="hide" viewBox="0 0 10 10" role="img" aria-label="x"></svg></figure>
<div class="key-messages"><ul><li class="hide">Hidden message</li></ul></div>
<details><summary>One</summary><p>x</p></details>
<details><summary>Two</summary><table><tr><td>1</td></tr></table></details>
<script>console.error("boom")</script>
</body></html>
"""


def test_the_browser_checks_catch_planted_problems(browser, server, tmp_path):
    """Each browser check reports a page that breaks its rule, so a pass means something."""
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    with server(tmp_path) as url:
        context = browser.new_context(viewport={"width": 320, "height": 800})
        log = watch(context, url)
        page = context.new_page()
        page.goto(url + "index.html")
        axe = " ".join(axe_problems(page, "light"))
        phone = " ".join(phone_problems(page))
        page.goto(url + "index.html")
        keyboard = " ".join(keyboard_problems(page, url + "index.html"))
        context.close()
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(url + "index.html")
        no_js = " ".join(no_js_problems(page, {}))
        context.close()
    assert "axe color-contrast" in axe and "axe html-has-lang" in axe
    assert "scrolls sideways at 320 px" in phone and '"Tiny text" is 9.0 px' in phone
    assert "not a link to <main>" in keyboard and "no visible focus ring" in keyboard
    assert "chart 1 is not visible" in no_js and "key message 1 is not visible" in no_js
    assert "table" not in no_js, "a table in the second closed <details> shows once opened"
    assert any("tracker.png would leave 127.0.0.1" in line for line in log)
    assert any("console error: boom" in line for line in log)
    assert any("/favicon.ico" in line for line in log), "a missing icon is a console error"


def test_404_page_works_at_any_depth(browser, base_url, real_site):
    """A missing address deep in the site gets the 404 page, styled, with links that land."""
    assert (real_site / "404.html").is_file(), "the site has no 404 page"
    context = browser.new_context()
    log = watch(context, base_url)
    page = context.new_page()
    missing = base_url + "no/such/page/"
    response = page.goto(missing, wait_until="load")
    styled = page.evaluate("() => [...document.styleSheets].some(s => s.cssRules.length > 0)")
    links = {href.split("#")[0] for href in
             page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
             if href.startswith(base_url)} - {missing}  # "#main" is the page itself
    broken = [link for link in sorted(links) if context.request.get(link).status != 200]
    h1 = page.locator("h1").count()
    context.close()
    assert response is not None and response.status == 404
    assert styled, "the 404 page's stylesheet did not load at depth"
    assert links and broken == []
    assert h1 == 1
    assert [line for line in log if missing not in line] == []
