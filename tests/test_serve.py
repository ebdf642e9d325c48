"""Live preview: real file changes reload the page; bad input shows problems and keeps serving."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import edit

import build
from evidence_site.commands import serve
from evidence_site.records import Project

WAIT = 20  # seconds; a rebuild of the fixture takes well under one


class EventStream:
    """A minimal server-sent-events client, as the browser's EventSource is."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(serve.HOST, port, timeout=WAIT)
        self.connection.request("GET", serve.EVENTS)
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> dict:
        """The next state the server sends (keep-alive comments are skipped).

        Fails, never hangs: a closed stream, a silent one (the socket's read timeout) and one
        that sends only keep-alives for WAIT seconds are all errors.
        """
        data = []
        deadline = time.monotonic() + WAIT
        while True:
            raw = self.response.fp.readline()
            assert raw, "the event stream closed before the next state"
            assert time.monotonic() < deadline, f"no state on the event stream in {WAIT} s"
            line = raw.decode().rstrip("\n")
            if line.startswith("data: "):
                data.append(line[len("data: "):])
            elif not line and data:
                return json.loads("\n".join(data))

    def close(self) -> None:
        self.connection.close()


def test_event_stream_client_fails_when_the_stream_closes() -> None:
    """The client above raises on a stream that ends, instead of reading it forever."""
    listener = socket.create_server((serve.HOST, 0))

    def answer_and_hang_up() -> None:
        connection, _ = listener.accept()
        connection.recv(4096)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hi\n\n")
        connection.close()

    thread = threading.Thread(target=answer_and_hang_up, daemon=True)
    thread.start()
    stream = EventStream(listener.getsockname()[1])
    with pytest.raises(AssertionError, match="the event stream closed before the next state"):
        stream.next()
    stream.close()
    listener.close()
    thread.join(WAIT)


def get(port: int, path: str) -> tuple[int, str]:
    """Status and body of one request, with the path sent exactly as given."""
    connection = http.client.HTTPConnection(serve.HOST, port, timeout=WAIT)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


@pytest.fixture
def preview(fixture_site: Path) -> Iterator[serve.Preview]:
    """The fixture project, built and served on a free port, watched for changes."""
    running = serve.start(Project(fixture_site), fixture_site / "site", port=0)
    yield running
    running.stop()


def port_of(preview: serve.Preview) -> int:
    return preview.server.server_address[1]


def test_edit_reloads_page_then_broken_csv_keeps_last_good_site(preview, fixture_site):
    """Save a sentence: the page reloads with it. Break the CSV: problems show, the site stays."""
    port = port_of(preview)
    events = EventStream(port)
    try:
        assert events.next() == {"version": 1, "problems": []}
        edit(fixture_site, "content/cladribine.md", "## What the trial found",
             "## What the trial found in plain words")
        assert events.next() == {"version": 2, "problems": []}
        status, page = get(port, "/cladribine/")
        assert status == 200 and "What the trial found in plain words" in page

        edit(fixture_site, "data/cladribine-infections.csv", ",48.3,", ",48.3%,")
        broken = events.next()
        assert broken["version"] == 2
        assert [p for p in broken["problems"] if p.startswith(
            "data/cladribine-infections.csv:2: value is '48.3%', not a number")]
        status, page = get(port, "/cladribine/")
        assert status == 200 and "What the trial found in plain words" in page

        edit(fixture_site, "data/cladribine-infections.csv", ",48.3%,", ",48.3,")
        assert events.next() == {"version": 3, "problems": []}
    finally:
        events.close()


def test_reload_script_is_served_but_never_written(preview, fixture_site):
    """The page on disk is the published page; only the served copy listens for rebuilds."""
    status, served = get(port_of(preview), "/cladribine/index.html")
    on_disk = (fixture_site / "site" / "cladribine" / "index.html").read_text(encoding="utf-8")
    assert status == 200
    assert "EventSource" in served and "EventSource" not in on_disk
    # The only other difference: the CSP allows that one script by its hash.
    served = served.replace(serve.inject("", 1), "")
    assert "script-src &#39;sha256-" in served
    assert re.sub(r"script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;", "script-src &#39;none&#39;",
                  served, count=1) == on_disk


TRAVERSALS = (
    "/../site.toml",
    "/cladribine/../../site.toml",
    "/%2e%2e/site.toml",
    "/%2E%2E%2Fsite.toml",
    "/..%2fsite.toml",
    "/%252e%252e/site.toml",
    "/static/..%5c..%5csite.toml",
    "/%00../site.toml",
)


def test_paths_outside_the_site_are_refused(preview):
    """Plain, encoded and double-encoded '..' never reach files outside site/."""
    for path in TRAVERSALS:
        status, body = get(port_of(preview), path)
        assert (status, "base_url" in body) == (403, False), path


def test_server_listens_only_on_localhost(preview):
    """The preview is reachable on 127.0.0.1 and bound to nothing else."""
    assert preview.server.server_address[0] == "127.0.0.1"
    assert get(port_of(preview), "/static/style.css")[0] == 200
    assert get(port_of(preview), "/no-such-page/")[0] == 404


def test_busy_port_is_reported_not_a_traceback(fixture_site, capsys):
    """Asking for a port in use says so and suggests another."""
    with socket.socket() as taken:
        taken.bind((serve.HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = serve.main(["--root", str(fixture_site), "--port", str(port)])
    assert code == 1
    assert f"Cannot serve on 127.0.0.1:{port}" in capsys.readouterr().err



def test_settings_saved_by_replacing_the_file_rebuild_every_time(preview, fixture_site):
    """Editors that save by writing a new file and renaming it over site.toml still reload."""
    events = EventStream(port_of(preview))
    settings = fixture_site / "site.toml"
    try:
        assert events.next()["version"] == 1
        for version, name in ((2, "First new name"), (3, "Second new name")):
            text = settings.read_text(encoding="utf-8")
            text = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', text)
            replacement = fixture_site / "site.toml.new"
            replacement.write_text(text, encoding="utf-8")
            os.replace(replacement, settings)
            assert events.next() == {"version": version, "problems": []}
            assert name in get(port_of(preview), "/")[1]
    finally:
        events.close()


def test_the_preview_saves_the_cache_for_the_next_build(fixture_site, capsys):
    """Work done while previewing is not done again by the next `python build.py`."""
    running = serve.start(Project(fixture_site), fixture_site / "site", port=0)
    assert list((fixture_site / ".cache" / "charts").rglob("*.svg"))
    assert list((fixture_site / ".cache" / "memo" / "render").rglob("*.pickle"))
    running.stop()
    capsys.readouterr()
    assert build.main(["--root", str(fixture_site)]) == 0
    assert " 0 charts rendered, " in capsys.readouterr().out.splitlines()[-1]
