"""The test and bench host: files as a static host sends them, compressed when asked."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import hosting


def fetch(url: str, encoding: str) -> tuple[str | None, bytes]:
    """The Content-Encoding header and the body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_pages_are_sent_compressed_only_when_asked_and_compression_is_on(tmp_path: Path) -> None:
    page = "<!doctype html><title>x</title>" + "<p>same words again</p>" * 200
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "card.png").write_bytes(b"\x89PNG not text")
    with hosting.serve(tmp_path, compress=True) as base:
        encoding, body = fetch(base, "gzip, deflate")
        assert encoding == "gzip" and gzip.decompress(body).decode() == page
        assert len(body) < len(page) / 5
        assert fetch(base, "identity") == (None, page.encode())
        assert fetch(base + "card.png", "gzip") == (None, b"\x89PNG not text")
    with hosting.serve(tmp_path) as base:
        assert fetch(base + "index.html", "gzip") == (None, page.encode())
