"""Live preview: build, serve site/ on 127.0.0.1, rebuild on every change, reload the page.

The reload script is added to HTML as it is sent, never to the files in site/. A failed
rebuild keeps the last good site on disk and shows its problems in the terminal and over the page.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import html
import json
import mimetypes
import posixpath
import sys
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles

from evidence_site.cache import Cache
from evidence_site.commands.runner import Outcome, project_cache, run_build
from evidence_site.present.drawing import default_workers
from evidence_site.publish.write import OutRefused, prepare_out, write_cache
from evidence_site.records import Project

HOST = "127.0.0.1"  # never all interfaces: the preview may show unpublished work
EVENTS = "/__reload"
KEEPALIVE = 10.0  # seconds between comments that keep an idle event stream open
STEP_MS = 30  # how long the watcher waits for more changes before rebuilding

RELOAD_SCRIPT = """<script data-evidence-site-version="{version}">
(() => {{
  const version = document.currentScript.dataset.evidenceSiteVersion;
  const events = new EventSource("{events}");
  events.onmessage = (message) => {{
    const state = JSON.parse(message.data);
    const old = document.getElementById("evidence-site-problems");
    if (old) old.remove();
    if (state.problems.length) {{
      const box = document.createElement("div");
      box.id = "evidence-site-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;" +
        "z-index:2147483647;background:#fff;color:#1a1a1a;border-bottom:4px solid #a3471d;" +
        "padding:1rem;font:15px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      const title = document.createElement("strong");
      title.textContent = "The site did not build. This page shows the last good build.\\n\\n";
      box.append(title, state.problems.join("\\n"));
      document.body.prepend(box);
    }} else if (String(state.version) !== version) {{
      location.reload();
    }}
  }};
}})();
</script>
"""


@dataclass
class State:
    """What the server tells open pages: the site version and the current problems."""

    version: int = 0
    problems: tuple[str, ...] = ()
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)
    site_lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, outcome: Outcome) -> None:
        """Record a build's outcome and wake every open event stream."""
        with self.changed:
            if outcome.ok:
                self.version += 1
            self.problems = outcome.problems
            self.changed.notify_all()

    def message(self) -> bytes:
        """One server-sent event with the current state."""
        data = json.dumps({"version": self.version, "problems": list(self.problems)})
        return f"data: {data}\n\n".encode()


def inject(page: str, version: int) -> str:
    """Add the reload script just before </body> (or at the end).

    The built page's CSP says script-src 'none'; the preview allows this one script by its hash.
    """
    script = RELOAD_SCRIPT.format(version=version, events=EVENTS)
    body = script[script.index(">") + 1:script.rindex("</script>")]
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    page = page.replace("script-src &#39;none&#39;", f"script-src &#39;sha256-{digest}&#39;", 1)
    at = page.rfind("</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


def site_file(root: Path, raw_path: str) -> Path | None:
    """The file under root that a request path names, or None if it points outside root.

    Decoding twice catches double-encoded dots (%252e%252e) as well as %2e%2e and '..'.
    """
    path = urlsplit(raw_path).path
    once = unquote(path)
    for decoded in (path, once, unquote(once)):
        if "\\" in decoded or "\0" in decoded or ".." in decoded.split("/"):
            return None
    relative = posixpath.normpath(once).lstrip("/")
    target = (root / relative).resolve() if relative not in ("", ".") else root.resolve()
    if not target.is_relative_to(root.resolve()):
        return None
    return target


class Handler(BaseHTTPRequestHandler):
    """Serve files from the site folder, plus the event stream that reloads pages."""

    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if urlsplit(self.path).path == EVENTS:
            self.stream_events()
            return
        target = site_file(self.server.site_dir, self.path)
        if target is None:
            self.send_text(HTTPStatus.FORBIDDEN, "Refused: that path is outside the site.")
            return
        if target.is_dir() and not urlsplit(self.path).path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        with self.server.state.site_lock:
            try:
                body = target.read_bytes()
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                body = None
        if body is None:
            self.send_page(HTTPStatus.NOT_FOUND, "<!doctype html><html lang=en><title>Not found"
                           f"</title><body><h1>Not found</h1><p>{html.escape(self.path)}</p>"
                           "</body></html>")
        elif target.suffix == ".html":
            self.send_page(HTTPStatus.OK, body.decode("utf-8"))
        else:
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_bytes(HTTPStatus.OK, body, kind)

    def send_page(self, status: HTTPStatus, page: str) -> None:
        """Send HTML with the reload script added (the file on disk stays as built)."""
        self.send_bytes(status, inject(page, self.server.state.version).encode(),
                        "text/html; charset=utf-8")

    def send_text(self, status: HTTPStatus, text: str) -> None:
        self.send_bytes(status, text.encode(), "text/plain; charset=utf-8")

    def send_bytes(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def stream_events(self) -> None:
        """Send the state now and after every build, until the page or the server goes away."""
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = None
        try:
            while not state.stopping:
                with state.changed:
                    now = (state.version, state.problems)
                    if now == seen:
                        state.changed.wait(KEEPALIVE)
                        if (state.version, state.problems) == seen:
                            self.wfile.write(b": keep-alive\n\n")
                            self.wfile.flush()
                            continue
                    seen = (state.version, state.problems)
                    message = state.message()
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the terminal for build output; requests are not worth a line each."""


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server that knows the site folder and the build state."""

    daemon_threads = True

    def __init__(self, port: int, site_dir: Path, state: State) -> None:
        self.site_dir = site_dir
        self.state = state
        super().__init__((HOST, port), Handler)


@dataclass
class Preview:
    """A running preview: the server, the watcher and how to stop them."""

    project: Project
    out: Path
    cache: Cache
    server: PreviewServer
    state: State
    workers: int
    stop_event: threading.Event = field(default_factory=threading.Event)
    build_lock: threading.Lock = field(default_factory=threading.Lock)
    threads: list[threading.Thread] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def rebuild(self) -> Outcome:
        """Build once; whatever happens, the server keeps running and says what went wrong."""
        try:
            # The preview is the command line for a long session: "today" is read per rebuild,
            # so a page that falls due for review shows it, as the one-off build would.
            outcome = run_build(self.project, self.out, cache=self.cache, workers=self.workers,
                                site_lock=self.state.site_lock, save_tables=False,
                                today=dt.date.today())
        except Exception:  # a bug, not bad input: show it, keep the last good site, go on
            text = traceback.format_exc()
            print(text, file=sys.stderr, flush=True)
            outcome = Outcome(False, ("Internal error while building (see the terminal):",
                                      text.strip().splitlines()[-1]), (), "Build crashed")
        self.state.publish(outcome)
        return outcome

    def watch(self, paths: list[Path], *, recursive: bool = True,
              only: str | None = None) -> None:
        """Rebuild after each batch of changes under paths (only files named `only`, if given)."""
        def wanted(change: watchfiles.Change, path: str) -> bool:
            return only is None or Path(path).name == only

        for _changes in watchfiles.watch(*paths, stop_event=self.stop_event, step=STEP_MS,
                                         recursive=recursive, watch_filter=wanted,
                                         raise_interrupt=False):
            with self.build_lock:
                self.rebuild()

    def stop(self) -> None:
        """Stop watching and serving; wake open event streams so they end."""
        self.stop_event.set()
        with self.state.changed:
            self.state.stopping = True
            self.state.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        with self.build_lock:
            if self.cache.root is not None:
                write_cache(self.cache.root, self.cache.changes())


def watched(project: Project) -> list[Path]:
    """The input folders: content/, data/, templates/ and static/ (those that exist)."""
    return [p for p in project.input_folders if p.is_dir()]


def start(project: Project, out: Path, *, port: int = 8000, workers: int = 1,
          cache: Cache | None = None) -> Preview:
    """Build once, then serve and watch in background threads; return the running preview.

    Raises OutRefused, before anything is built or served, for an output folder the writer
    may not replace (serving `--out ~` would also publish the home folder to the browser).
    """
    if refusal := prepare_out(out, project):
        raise OutRefused(refusal)
    state = State()
    server = PreviewServer(port, out.resolve(), state)
    preview = Preview(project, out, cache or project_cache(project), server, state, workers)
    preview.rebuild()
    # site.toml is watched through its folder (not recursively): an editor that saves by
    # replacing the file would otherwise end a watch on the file itself after the first save.
    settings = project.settings_file
    preview.threads = [
        threading.Thread(target=server.serve_forever, daemon=True),
        threading.Thread(target=preview.watch, args=(watched(project),), daemon=True),
        threading.Thread(target=preview.watch, args=([settings.parent],),
                         kwargs={"recursive": False, "only": settings.name}, daemon=True),
    ]
    for thread in preview.threads:
        thread.start()
    return preview


def main(argv: list[str], command: str = "evidence-site") -> int:
    """`evidence-site serve`: preview the site until Ctrl+C."""
    parser = argparse.ArgumentParser(prog=f"{command} serve", description=main.__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    parser.add_argument("--out", type=Path, default=None, help="output folder (ROOT/site)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--jobs", type=int, default=default_workers(),
                        help="processes that draw new charts (default: one per CPU)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        preview = start(project, args.out or project.root / "site", port=args.port,
                        workers=args.jobs)
    except OutRefused as e:
        print(e, file=sys.stderr)
        return 2
    except OSError as e:
        print(f"Cannot serve on {HOST}:{args.port}: {e.strerror}; try --port {args.port + 1}",
              file=sys.stderr)
        return 1
    inputs = [*short(project, watched(project)), project.settings_file.name]
    print(f"Serving {preview.url} (watching {', '.join(inputs)}); press Ctrl+C to stop",
          flush=True)
    try:
        preview.stop_event.wait()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        preview.stop()
    return 0


def short(project: Project, paths: list[Path]) -> Iterator[str]:
    """Paths as the curator types them."""
    return (str(project.rel(p)) for p in paths)
