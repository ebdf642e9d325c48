"""What each page's <head> says about it: address, link preview, language, health-page JSON-LD.

Pure: records in, values out. The templates print these values; JSON-LD goes through |tojson.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evidence_site.records import Page, Settings, Source

# The browser may load only what this site serves itself: no script, no other origin, and no
# inline style but the site's own <style> (present/style.py), allowed by its hash.
# (frame-ancestors only works as a header, so it is in _headers and not here.)
CSP = ("default-src 'self'; script-src 'none'; style-src 'self'{style}; img-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'")
SITE_CARD = "card.png"


@dataclass(frozen=True)
class Meta:
    """The <head> values of one page."""

    canonical: str
    title: str
    description: str
    kind: str  # og:type
    image: str
    image_alt: str
    language: str
    structured: Mapping[str, Any] | None = None


def policy(style_source: str = "") -> str:
    """The Content-Security-Policy of every page; style_source allows the inline <style>."""
    return CSP.format(style=f" {style_source}" if style_source else "")


def card_path(output: str) -> str:
    """Where a summary's card goes, next to its page ('x/index.html' -> 'x/card.png')."""
    folder = output.rpartition("/")[0]
    return f"{folder}/card.png" if folder else SITE_CARD


def page_meta(site: Settings, output: str, *, title: str, description: str,
              page: Page | None = None, card_text: str = "",
              sources: Sequence[Source] = ()) -> Meta:
    """Head values for any page; summaries get their own card and JSON-LD."""
    summary = page is not None and page.kind == "summary"
    image = site.url(card_path(output)) if summary else site.url(SITE_CARD)
    alt = card_text if summary else f"{site.name}: {site.description or site.name}"
    meta = Meta(
        canonical=site.url(output), title=title,
        description=description or site.description or site.name,
        kind="article" if summary else "website", image=image, image_alt=alt,
        language=site.language,
    )
    if summary and page is not None:
        return Meta(**{**meta.__dict__, "structured": medical_web_page(site, page, meta,
                                                                       sources)})
    return meta


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def medical_web_page(site: Settings, page: Page, meta: Meta,
                     sources: Sequence[Source]) -> dict[str, Any]:
    """schema.org MedicalWebPage for one summary; keys without a value are left out."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.description,
        "url": meta.canonical,
        "inLanguage": site.language,
        "image": meta.image,
        "datePublished": _date(page.published),
        "dateModified": _date(page.modified),
        "lastReviewed": _date(page.last_reviewed),
        "author": _party("Organization", page.author, page.author_role),
        "reviewedBy": (_party("Person", page.reviewer, page.reviewer_role)
                       if page.reviewer_role else None),
        "publisher": {"@type": "Organization", "name": site.publisher, "url": site.base_url,
                      "email": site.contact},
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.base_url},
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": ([{"@type": "MedicalCondition", "name": page.condition}] if page.condition
                  else []) + [{"@type": "Drug", "name": d} for d in page.drugs] or None,
        "citation": [scholarly_article(s) for s in sources] or None,
    }
    return {k: v for k, v in data.items() if v is not None}


def _party(kind: str, name: str, role: str) -> dict[str, str]:
    """An author or reviewer with their role."""
    party = {"@type": kind, "name": name}
    if role:
        party["jobTitle" if kind == "Person" else "description"] = role
    return party


def scholarly_article(source: Source) -> dict[str, Any]:
    """A source as a ScholarlyArticle, identified by its DOI where it has one."""
    article: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "name": source.citation,
        "author": source.authors,
        "datePublished": source.published,
        "isPartOf": {"@type": "Periodical", "name": source.journal},
        "url": source.doi_url,
    }
    if source.doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI",
                                 "value": source.doi}
        article["sameAs"] = source.doi_url
    return article
