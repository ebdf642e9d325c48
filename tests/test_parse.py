"""The checks' one parse of a page (check/parse.py): lexbor's tree, made the tree html5lib makes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import html5lib
import pytest

from evidence_site import pipeline
from evidence_site.check import parse

# Pages a browser parses in awkward ways: trackers in <noscript> (parsed as markup, scripting
# off), SVG and MathML with their namespaces and adjusted names, templates, CDATA, broken tables.
AWKWARD = [
    '<!DOCTYPE html><html lang=en><head><noscript><img src="http://t/x.gif"></noscript>'
    '<link rel=canonical href="/a"></head><body>x',
    '<head><noscript><link rel=stylesheet href="http://cdn/x.css">'
    '<style>@import url(http://x)</style></noscript></head>',
    '<p><svg><image href="http://x/a.png"/><image xlink:href="http://x/b.png"/>'
    '<use xlink:href="http://x/s.svg#a"/>'
    '<a xlink:href="http://x" xlink:title=t xml:space=preserve xmlns:xlink="http://www.w3.org/1999/xlink">a</a>'
    '</svg>',
    '<svg><clippath id=c><rect/></clippath><lineargradient gradientunits=x><stop/>'
    '</lineargradient><foreignobject><p>hi</p><svg><circle/></svg></foreignobject><desc>'
    '<b>x</b></desc><title>t</title></svg>',
    '<math><mi><b>x</b><mglyph/></mi><annotation-xml encoding="text/html"><div>d</div>'
    '</annotation-xml><annotation-xml><svg><g/></svg><foo/></annotation-xml><mtext><math>'
    '<mi>y</mi></math></mtext></math>',
    '<math definitionurl=x><mi mathvariant=bold>x</mi></math>',
    '<template><img src="http://t/1.gif"><template><a href=x>in</a></template></template>'
    '<p>after',
    '<b><i>bi</b>i</i>x<table><tr><td>c</td></tr><a href=http://x>voodoo</a><div>d</div>'
    '</table>',
    '<!-- before --><html><!-- in --><body><p>x</p></body></html><!-- after -->',
    '<img src=a.png alt=""><image src=b.png><input disabled><br></br><p><button><p>x</button>',
    '<a href="http://x" href="http://y" HREF=z>dup</a><div ID=A Class=B>case</div>',
    '<svg><![CDATA[ <img src=http://x> ]]><text>t</text></svg>',
    '<select><option>a<img src=http://x/o.png></option><selectedcontent></selectedcontent>'
    '</select>',
    '<iframe srcdoc="<img src=http://x>"></iframe><object data="http://x/o"></object>'
    '<embed src="http://x/e">',
    '<p style="background:url(http://x/bg.png)">s</p><svg>'
    '<style>@import "http://x/s.css";</style></svg>',
    '<frameset><frame src="http://x"></frameset>',
    '<plaintext><img src=http://x>',
    '<textarea><img src=http://x></textarea><title>t<img></title><xmp><b></xmp><noembed>'
    '<img src=q></noembed><noframes><img src=r></noframes>',
    '<p>&amp; &lt; &notin; &notit; &#x26; &#0; &#x110000; x\r\ny\rz</p>'
    '<a title="&amp;&quot;&copy">e</a>',
    '<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl><p>para<div>div</div><table><caption>c<tr>'
    '<th>h</table>',
    '<svg viewbox="0 0 1 1" preserveaspectratio=x><feGaussianBlur stdDeviation=1 />'
    '<fegaussianblur/></svg>',
    '<body onload=x><script>var a="<img src=http://x>";</script><noscript><p>no js</p>'
    '</noscript>',
    '<base href="http://evil/"><a href="rel">r</a>',
    '<svg><script href="http://x/s.js"></script><a href="javascript:alert(1)">j</a></svg>',
    '<html><head></head><body><p>x<svg><p>breakout</p></svg></body>',
    '<svg><font color=red>f</font><font>ok</font></svg>',
    '<table><tr><td><svg><desc><td>x</td></desc></svg></td></tr></table>',
    '\ufeff<!DOCTYPE html><p>bom',
    '<p>a\x00b</p><div>\x0c</div>',
    '<math><mi>x</mi><mo><svg><rect/></svg></mo></math><math>'
    '<annotation-xml encoding="application/xhtml+xml"><svg/><p>p</p></annotation-xml></math>',
]
# Where html5lib 1.1 follows an older HTML standard than lexbor (and browsers) do.
NEWER = {
    AWKWARD[6]: "<html><head><template><img src=\"http://t/1.gif\" /><template><a href=\"x\">in"
                "</a></template></template></head><body><p>after</p></body></html>",
    AWKWARD[12]: "<html><head /><body><select><option>a<img src=\"http://x/o.png\" /></option>"
                 "<selectedcontent /></select></body></html>",
}


def html5lib_tree(html: str) -> bytes:
    """The page as html5lib parses it, serialised."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET),
                                 namespaceHTMLElements=False)
    return ET.tostring(parser.parse(html))


def pages(site: pipeline.Site) -> dict[str, str]:
    return {str(p): c for p, c in site.files.items()
            if p.suffix == ".html" and isinstance(c, str)}


def test_every_built_page_parses_to_the_tree_html5lib_makes(real_build: pipeline.Site,
                                                            minimal_build: pipeline.Site) -> None:
    """Every page of the real site and the minimal project: the same elements, attributes,
    namespaces, text and comments, in the same order."""
    built = pages(real_build) | {f"minimal/{p}": c for p, c in pages(minimal_build).items()}
    assert len(built) > 15
    for path, html in built.items():
        assert ET.tostring(parse.parse_page(html).root) == html5lib_tree(html), path


@pytest.mark.parametrize("html", AWKWARD)
def test_awkward_pages_parse_as_html5lib_or_todays_standard(html: str) -> None:
    """The same tree as html5lib, or (NEWER) the one today's standard gives."""
    tree = ET.tostring(parse.parse_page(html).root)
    assert tree == (NEWER[html].encode() if html in NEWER else html5lib_tree(html))


def test_a_tracker_in_noscript_is_an_element_the_checks_see() -> None:
    """With scripting off, as the site is read with JavaScript off, <noscript> holds markup."""
    found = parse.parse_page(AWKWARD[0])
    assert ("img", {"src": "http://t/x.gif"}) in found.tags


def test_parse_errors_are_html5lib_messages_found_when_asked() -> None:
    """The audit's errors: html5lib's, with their lines; not looked for until asked."""
    found = parse.parse_page("<!DOCTYPE html><title>t</title>\n<p>a</span>")
    assert "errors" not in vars(found)
    assert found.errors == ((2, "Unexpected end tag (span). Ignored."),)
