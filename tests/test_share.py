"""Link previews, JSON-LD, site files and data downloads on a built fixture site."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import FIXTURES, edit, errors_for
from PIL import Image
from share_helpers import ALEM, build_files, json_ld, meta_content, parse, trusted_project

from evidence_site.errors import BuildError
from evidence_site.present import card, downloads

BASE = "https://example.org/minimal/"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    """The fixture site with trust details, built once for this module."""
    return build_files(trusted_project(tmp_path_factory.mktemp("share") / "project"))


def html_pages(files: dict[str, str | bytes]) -> list[str]:
    return sorted(p for p, c in files.items() if p.endswith(".html"))


@pytest.mark.parametrize("summary", ["alemtuzumab", "cladribine"])
def test_card_is_a_small_1200_by_630_png(files: dict, summary: str) -> None:
    """Every summary has its own preview picture, the size chat apps and social sites expect."""
    png = files[f"{summary}/card.png"]
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(png) < 300_000


def test_card_carries_the_number_from_data(files: dict) -> None:
    """The card text comes from `card:` through the prose renderer; its number is highlighted."""
    page = parse(files["alemtuzumab/index.html"])
    alt = meta_content(page, "og:image:alt")
    assert alt == "About 47 in 100 people had an infection in year 3."
    image = Image.open(io.BytesIO(files["alemtuzumab/card.png"])).convert("RGB")
    accent = tuple(int(card.ACCENT[i:i + 2], 16) for i in (1, 3, 5))
    message = image.crop((0, card.MESSAGE_TOP, card.WIDTH, card.MESSAGE_BOTTOM))
    assert accent in {colour for _, colour in message.getcolors(1_000_000)}


def test_card_defaults_to_the_first_key_message(files: dict) -> None:
    """A summary without `card:` uses its first key message."""
    page = parse(files["cladribine/index.html"])
    assert meta_content(page, "og:image:alt").startswith("About 48 in 100 people on cladribine")


def test_card_text_stays_inside_the_picture() -> None:
    """The longest message that fits leaves the right margin empty (the width table is honest)."""
    words = ["Wide", "WWW", "MMM", "words", "with", "100%", "capitals", "and", "about", "59",
             "in", "100", "people"]
    message = ""
    while card.fit_message(f"{message} {words[len(message.split()) % len(words)]}".strip()):
        message = f"{message} {words[len(message.split()) % len(words)]}".strip()
    layout = card.card_layout(site_name="S", kicker="K", message=message, source="Src",
                              date_line="D")
    image = Image.open(io.BytesIO(card.card_png(layout))).convert("RGB")
    margin = image.crop((card.WIDTH - card.MARGIN + 8, 20, card.WIDTH, card.HEIGHT - 140))
    assert margin.getcolors() == [(margin.width * margin.height, (255, 255, 255))]


def test_card_too_long_is_an_error_at_its_line(fixture_site: Path) -> None:
    """A card message that cannot fit the picture is reported where it is written."""
    edit(fixture_site, ALEM, "reviewer: Test Reviewer\n",
         "reviewer: Test Reviewer\ncard: " + "Far too many words here. " * 20 + "\n")
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:11: the card message is too long for the link-preview picture "
        "(499 characters); shorten 'card' to about 120 characters"
    ]


def test_card_characters_its_font_cannot_draw_are_an_error_at_their_line(fixture_site: Path
                                                                         ) -> None:
    """A card message or title with characters the card's font would draw as empty boxes (it
    is the font vl-convert bundles, not the machine's) is reported where it is written."""
    edit(fixture_site, ALEM, "reviewer: Test Reviewer\n",
         "reviewer: Test Reviewer\ncard: Fewer infections \u2713 each year \u4e2d\u6587.\n")
    errors = errors_for(fixture_site)
    assert errors == [
        "content/alemtuzumab.md:11: the card message has characters the link-preview picture's "
        "font cannot draw (\u2713 \u4e2d \u6587): they would show as empty boxes; write them "
        "in words or leave them out of 'card'"]


def test_right_to_left_card_text_is_an_error_not_a_picture_in_the_wrong_order() -> None:
    """The card is laid out left to right only: Hebrew, which its font has, is refused too."""
    assert card.font_problem("Infections \u05e9\u05dc\u05d5\u05dd", "title", "title") == (
        "the title has characters the link-preview picture cannot draw as written (\u05e9 \u05dc "
        "\u05d5 \u05dd): it is laid out left to right, so they would show in the wrong order or "
        "as empty boxes; write them in words or leave them out of 'title'")


def test_the_card_font_draws_exactly_the_characters_listed() -> None:
    """card.DRAWN is what the card's Liberation Sans draws, regular and bold: each range's
    first and last character are drawn, and the visible characters just outside a range come
    out as the empty box an unknown character gives."""
    import unicodedata

    def png(character: str) -> tuple[bytes, ...]:
        masks = [card._font(32, bold).getmask(character) for bold in (False, True)]
        return tuple(bytes(mask) + bytes(str(mask.size), "ascii") for mask in masks)

    empty_box = png("\u4e2d")
    for first, last in card.DRAWN:
        for point in (first, last):
            assert png(chr(point)) != empty_box, hex(point)
        for point in (first - 1, last + 1):
            character = chr(point)
            if not card.undrawable(character) or unicodedata.category(character) == "Cn" or (
                    unicodedata.bidirectional(character) in ("R", "AL")):
                continue  # inside the next range, invisible, unassigned, or right to left
            assert png(character) == empty_box, hex(point)
    assert card.undrawable("Ab \u00e9 \u03a9 \u0416 \u2264 \u20ac e\u0301") == ""
    assert card.undrawable("\u05e9\u05dc\u05d5\u05dd") == "\u05e9\u05dc\u05d5\u05dd"  # Hebrew


def test_every_page_has_link_preview_metadata(files: dict) -> None:
    """Canonical, description, Open Graph and Twitter card on every page, with absolute URLs."""
    for path in html_pages(files):
        tree = parse(files[path])
        canonical = [link.get("href") for link in tree.iter("link")
                     if link.get("rel") == "canonical"]
        assert len(canonical) == 1 and canonical[0].startswith(BASE), path
        for key in ("description", "og:title", "og:description", "og:type", "og:url",
                    "og:image", "og:image:alt", "twitter:card", "twitter:image:alt"):
            assert meta_content(tree, key), (path, key)
        assert meta_content(tree, "og:url") == canonical[0]
        assert meta_content(tree, "twitter:card") == "summary_large_image"
        image = meta_content(tree, "og:image")
        assert image.startswith(BASE) and files[image.removeprefix(BASE)][:4] == b"\x89PNG", path


def test_canonical_urls_follow_the_base_url(files: dict) -> None:
    """Folders, not index.html, in public addresses; the site root is the base URL."""
    assert meta_content(parse(files["index.html"]), "og:url") == BASE
    assert meta_content(parse(files["alemtuzumab/index.html"]), "og:url") == BASE + "alemtuzumab/"


def test_hreflang_and_lang_are_set(files: dict) -> None:
    """Each page says its language and offers itself as the x-default alternate."""
    tree = parse(files["alemtuzumab/index.html"])
    assert tree.get("lang") == "en-GB"
    alternates = {link.get("hreflang"): link.get("href") for link in tree.iter("link")
                  if link.get("rel") == "alternate" and link.get("hreflang")}
    assert alternates == {"en-GB": BASE + "alemtuzumab/", "x-default": BASE + "alemtuzumab/"}


def test_json_ld_is_a_complete_medical_web_page(files: dict) -> None:
    """The health-page metadata has every field search engines and assistants read."""
    data = json_ld(files["alemtuzumab/index.html"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Infections in the first years after alemtuzumab"
    assert data["description"].startswith("Fewer people had an infection")
    assert data["url"] == BASE + "alemtuzumab/"
    assert (data["datePublished"], data["dateModified"], data["lastReviewed"]) == (
        "2026-01-15", "2026-02-01", "2026-02-01")
    assert data["author"] == {"@type": "Organization", "name": "Test Author",
                              "description": "test writer"}
    assert data["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer",
                                  "jobTitle": "test neurologist"}
    assert data["publisher"]["name"] == "evidence-site tests"
    [article] = data["citation"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI",
                                     "value": "10.1177/1352458518796675"}
    assert data["about"] == [
        {"@type": "MedicalCondition", "name": "Relapsing-remitting multiple sclerosis"},
        {"@type": "Drug", "name": "Alemtuzumab"}]
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}


def test_json_ld_only_on_summaries(files: dict) -> None:
    """Plain pages are not health pages."""
    assert "application/ld+json" not in files["about/index.html"]
    assert "application/ld+json" not in files["index.html"]


def test_json_ld_cannot_break_out_of_its_script(fixture_site: Path) -> None:
    """A title with </script> stays inside the JSON (|tojson escapes <, > and &)."""
    title = "Infections </script><script>alert(1)</script> & more"
    edit(fixture_site, ALEM, "title: Infections in the first years after alemtuzumab",
         f'title: "{title}"')
    page = build_files(fixture_site)["alemtuzumab/index.html"]
    assert json_ld(page)["name"] == title
    assert "<script>alert" not in page


def test_sitemap_lists_every_page_with_content_dates(files: dict) -> None:
    """Valid sitemap XML; lastmod is the page's newest content date, never the build time."""
    root = ET.fromstring(files["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in root.findall("s:url", ns)}
    assert entries == {
        BASE: "2026-03-01", BASE + "about/": None, BASE + "alemtuzumab/": "2026-02-01",
        BASE + "cladribine/": "2026-03-01", BASE + "data-dictionary/": None,
        BASE + "glossary/": None, BASE + "findings-example/": "2026-03-01",
        BASE + "rate-example/": "2026-03-01", BASE + "count-example/": "2026-03-01",
    }


def test_robots_points_at_the_sitemap(files: dict) -> None:
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def test_feed_is_atom_with_one_entry_per_summary(files: dict) -> None:
    """Valid Atom XML, newest first, dated from the content, with the changelog inside."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(files["feed.xml"])
    assert root.tag == f"{atom}feed"
    assert root.findtext(f"{atom}updated") == "2026-03-01T00:00:00Z"
    entries = root.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}id") for e in entries] == [
        BASE + "rate-example/", BASE + "findings-example/", BASE + "count-example/",
        BASE + "cladribine/", BASE + "alemtuzumab/"]
    assert entries[4].findtext(f"{atom}updated") == "2026-02-01T00:00:00Z"
    assert "Checked the figures &lt;again&gt; &amp; fixed a typo." in \
        entries[4].findtext(f"{atom}content")


def test_feed_carries_the_newest_changes_only() -> None:
    """A feed reader fetches feed.xml again and again: it lists the FEED_ENTRIES summaries
    changed last, newest first, and is dated from the newest of all."""
    import dataclasses
    import datetime as dt

    from evidence_site import pipeline
    from evidence_site.cache import load_cache
    from evidence_site.present import sitefiles
    from evidence_site.records import Project

    inputs = pipeline.read_inputs(Project(FIXTURES / "minimal"), load_cache(None))[0]
    assert inputs is not None
    page = next(p for p in inputs.pages if p.kind == "summary")
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(60)]
    pages = [dataclasses.replace(page, slug=f"s{n:02d}", published=day, last_reviewed=day,
                                 changelog=()) for n, day in enumerate(days)]
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(sitefiles.atom_feed(inputs.settings, pages,
                                             {p.slug: f"{p.slug}/index.html" for p in pages}))
    ids = [e.findtext(f"{atom}id") for e in root.findall(f"{atom}entry")]
    assert len(ids) == sitefiles.FEED_ENTRIES == 50
    assert ids[0].endswith("/s59/") and ids[-1].endswith("/s10/")
    assert root.findtext(f"{atom}updated") == "2025-03-01T00:00:00Z"


def test_404_page_helps_and_works_at_any_depth(files: dict) -> None:
    """The host serves 404.html at any address, so its links start from the site's own path."""
    tree = parse(files["404.html"])
    links = {a.get("href") for a in tree.iter("a")}
    assert {"/minimal/index.html", "/minimal/alemtuzumab/index.html",
            "/minimal/cladribine/index.html", "#main"} <= links
    # Its style is inline, so nothing it needs to look right is at an address that could break.
    assert [link for link in tree.iter("link") if link.get("rel") == "stylesheet"] == []
    assert [style.text[:6] for style in tree.iter("style")] == [":root{"]


def test_favicons_exist(files: dict) -> None:
    assert files["static/favicon.svg"].startswith(b"<svg")
    for name, size in (("favicon.png", 32), ("apple-touch-icon.png", 180)):
        assert Image.open(io.BytesIO(files[name])).size == (size, size)


def test_chart_csv_holds_exactly_the_plotted_figures(files: dict) -> None:
    """Under each chart, a CSV of the numbers it draws, with source columns."""
    page = parse(files["alemtuzumab/index.html"])
    links = [a.get("href") for a in page.iter("a") if a.get("href", "").endswith(".csv")]
    assert links == ["by-year.csv", "first-and-third.csv", "figures.csv"]
    rows = list(csv.DictReader(io.StringIO(files["alemtuzumab/by-year.csv"])))
    assert [(r["figure_id"], r["value"], r["shown_as"]) for r in rows] == [
        ("alem_y1", "58.7", "about 59 in 100"), ("alem_y2", "52.6", "about 53 in 100"),
        ("alem_y3", "46.6", "about 47 in 100"), ("ifn_y1", "41.3", "about 41 in 100"),
        ("ifn_y2", "37.7", "about 38 in 100")]
    assert {r["source_doi"] for r in rows} == {"10.1177/1352458518796675"}
    assert all(r["quote"] and r["locator"] for r in rows)


def test_figures_csv_matches_the_clinician_table(files: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(files["alemtuzumab/figures.csv"])))
    assert [r["figure_id"] for r in rows] == ["alem_y1", "alem_y2", "alem_y3", "ifn_y1", "ifn_y2",
                                              "serious"]


def test_data_dictionary_explains_every_column(files: dict) -> None:
    header = files["alemtuzumab/by-year.csv"].split("\n", 1)[0].split(",")
    page = parse(files["data-dictionary/index.html"])
    documented = [code.text for code in page.iter("code")]
    assert [c for c in header if c not in documented] == []
    assert header == [name for name, _ in downloads.COLUMNS]


def test_missing_trust_statements_warn(fixture_site: Path) -> None:
    """Without funding and conflicts statements the build says so (an error under --strict)."""
    edit(fixture_site, "site.toml", 'funding = "Test funding statement."\n', "")
    with pytest.raises(BuildError) as failure:
        build_files_strict(fixture_site)
    assert [str(e) for e in failure.value.errors] == [
        "site.toml: 'funding' is not set, so summaries say no funding statement has been "
        "published; add funding = \"...\""]


def build_files_strict(root: Path) -> None:
    from evidence_site import pipeline
    from evidence_site.records import Project
    pipeline.build(Project(root), strict=True)


def test_settings_trust_statement_must_be_text(fixture_site: Path) -> None:
    edit(fixture_site, "site.toml", 'funding = "Test funding statement."', "funding = 3")
    assert errors_for(fixture_site) == [
        'site.toml:7: funding must be text in quotes, e.g. funding = "..."']


def test_root_absolute_links_must_stay_under_the_site_path() -> None:
    """check.py reads the site's path from robots.txt and checks 404.html's links against it."""
    from pathlib import PurePosixPath

    from evidence_site.check import site as check
    page = ('<!doctype html><html lang="en"><head><title>x</title><meta name="description" '
            'content="x"></head><body><h1>x</h1><a href="/minimal/a/index.html">a</a>'
            '<a href="/elsewhere/">b</a><a href="/minimal/nope.html">c</a></body></html>')
    files = {PurePosixPath("404.html"): page, PurePosixPath("a/index.html"): page,
             PurePosixPath("robots.txt"): f"User-agent: *\n\nSitemap: {BASE}sitemap.xml\n"}
    assert sorted(str(e) for e in check.check_site(files) if "404" in str(e.path)) == [
        "site/404.html: link to '/elsewhere/' leaves the site (its pages live under /minimal/)",
        "site/404.html: link to '/minimal/nope.html' goes nowhere",
    ]
