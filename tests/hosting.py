"""Serve a built site folder on 127.0.0.1 the way a static host would (for tests and benches)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from evidence_site.check import site as check

# What GitHub Pages, Netlify and Cloudflare Pages send gzip-compressed to a browser that asks.
COMPRESSED = (".html", ".css", ".xml", ".txt", ".svg", ".csv", ".json")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under a path prefix, as the host would; unknown paths get 404.html."""

    prefix = "/"
    compress = False

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def site_prefix(site: Path) -> str:
    """The path the site lives under on its host ('/ms-evidence/'), as check.py reads it."""
    robots = site / "robots.txt"
    text = robots.read_text(encoding="utf-8") if robots.is_file() else ""
    return check.site_path({PurePosixPath("robots.txt"): text})


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/", compress: bool = False) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (a free port) under prefix; yield its base URL."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix, "compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
