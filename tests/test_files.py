"""evidence_site/read/files.py and the checks on it: decoding, links, stray quotes, addresses."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from evidence_site.check import safety
from evidence_site.check import site as check
from evidence_site.read import data, files, settings

OPEN = files.OPEN_QUOTE
AFTER = files.AFTER_QUOTE


@pytest.mark.parametrize(
    ("raw", "shown", "expected"),
    [
        (b"title: Caf\xc3\xa9\n", "content/a.md", "title: Caf\u00e9\n"),
        (b"\xef\xbb\xbf---\n", "content/a.md", "---\n"),  # a byte-order mark is dropped
        (b"a\nb \x93quoted\x94\n", "content/a.md",
         "content/a.md:2: not UTF-8 (byte 0x93 after 'b'); save the file as UTF-8"),
        (b"ok\n\xe9t\xe9\n", "data/x.csv",
         "data/x.csv:2: not UTF-8 (byte 0xe9 at the start of the line); save the file as UTF-8 "
         "(in Excel: Save As, 'CSV UTF-8')"),
    ],
)
def test_decode(raw: bytes, shown: str, expected: str) -> None:
    """UTF-8 text comes back as text; anything else is the line of its first bad byte."""
    text, errors = files.decode(raw, Path(shown))
    assert (text if text is not None else str(errors[0])) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a,b\n1,"x, y"\n', None),
        ('a,b\n1,"two\nlines"\n3,4\n', None),  # a quoted line break is allowed by CSV
        ('a,b\n1,"say ""hi"""\n', None),
        ('a,b\n1,x"y\n', None),  # a quote inside an unquoted cell is just a character
        ('a,b\n1,2\n3,"never closed\n4,5\n', f"x.csv:3: {OPEN}"),
        ('a,b\n1,"runs on\n3,"y"\n', f"x.csv:2: {OPEN}"),
        ('a,b\n1,"closed"then text\n', f"x.csv:2: {AFTER}"),
        ('a,b\n1,"no end', f"x.csv:2: {OPEN}"),
    ],
)
def test_open_quote(text: str, expected: str | None) -> None:
    """The line where a quoted cell opens and never closes (or closes and runs on)."""
    problem = files.open_quote(text, Path("x.csv"))
    assert (str(problem) if problem else None) == expected


def test_list_files_refuses_links_out_but_follows_links_in(tmp_path: Path) -> None:
    """Links inside the project are fine; links out of it, or to nothing, are named."""
    root = tmp_path / "project"
    (root / "static/css").mkdir(parents=True)
    (root / "README.md").write_text("hello", encoding="utf-8")
    (root / "static/css/site.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (root / "static/readme.txt").symlink_to("../README.md")
    (root / "static/secret.txt").symlink_to(tmp_path / "secret.txt")
    (root / "static/gone.txt").symlink_to("nothing.txt")
    (root / "static/more").symlink_to(tmp_path / "elsewhere")
    found, errors = files.list_files(root / "static", Path("static"), "**/*")
    assert [p.relative_to(root).as_posix() for p in found] == [
        "static/css/site.css", "static/readme.txt"]
    real = tmp_path.resolve()
    assert [str(e) for e in errors] == [
        f"static/gone.txt: is a link to {real}/project/static/nothing.txt, which does not exist; "
        "fix the link or delete it",
        f"static/more: is a link to {real}/elsewhere, outside the project; copy the folder into "
        "the project instead",
        f"static/secret.txt: is a link to {real}/secret.txt, outside the project; copy the file "
        "into the project instead",
    ]


def test_read_text_refuses_a_single_file_linked_from_outside(tmp_path: Path) -> None:
    """site.toml and sources.csv are opened one by one, with the same rule."""
    (tmp_path / "project").mkdir()
    (tmp_path / "real.toml").write_text('name = "x"\n', encoding="utf-8")
    (tmp_path / "project/site.toml").symlink_to(tmp_path / "real.toml")
    text, errors = files.read_text(tmp_path / "project/site.toml", Path("site.toml"))
    assert text is None
    assert [str(e) for e in errors] == [
        f"site.toml: is a link to {tmp_path.resolve()}/real.toml, outside the project; copy the "
        "file into the project instead"]


@pytest.mark.parametrize(
    ("path", "shown", "root"),
    [
        ("/p/content/a.md", "content/a.md", "/p"),
        ("content/a.md", "content/a.md", "."),
        ("/p/site.toml", "site.toml", "/p"),
        ("/p/other/a.md", "content/a.md", "/p/other"),  # not root/shown: the file's folder
    ],
)
def test_project_root(path: str, shown: str, root: str) -> None:
    """The project is the path without the part a curator sees."""
    assert files.project_root(Path(path), Path(shown)) == Path(root)


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("58,7", "use a point, not a comma, for decimals: 58.7"),
        ("0,25", "use a point, not a comma, for decimals: 0.25"),
        ("1.234,5", "use a point, not a comma, for decimals: 1234.5"),
        ("58,7%", "use a point, not a comma, for decimals and no %: 58.7"),
        ("1,234", "write 1234, without % or thousands commas"),
        ("12,345,678", "write 12345678, without % or thousands commas"),
        ("58.7%", "write 58.7, without % or thousands commas"),
    ],
)
def test_number_hint(cell: str, hint: str) -> None:
    """A decimal comma is told apart from a thousands comma."""
    assert data.number_hint(cell) == hint


@pytest.mark.parametrize(
    ("url", "prose", "web"),
    [
        ("https://doi.org/10.1/x", True, True),
        ("http://example.org", True, True),
        ("javascript:alert(1)", False, False),
        (" JavaScript:alert(1)", False, False),
        ("java\tscript:alert(1)", False, False),
        ("data:text/html,<b>x</b>", False, False),
        ("mailto:a@example.org", True, False),
        ("/relative/page/", True, False),
        ("https:nowhere", True, False),
    ],
)
def test_one_scheme_rule_for_prose_and_data(url: str, prose: bool, web: bool) -> None:
    """Prose links and addresses from data/ and site.toml share one scheme rule."""
    assert (safety.allowed_url(url), safety.web_address(url)) == (prose, web)


@pytest.mark.parametrize(
    ("doi", "url", "problems"),
    [
        ("10.1177/1352458510391344", "https://pubmed.ncbi.nlm.nih.gov/1/", []),
        ("", "", []),
        ("doi:10.1/abc", "", ["doi is 'doi:10.1/abc'; a DOI looks like 10.1177/1352458510391344"
                              " (the page links it through https://doi.org/)"]),
        ("doi: 10.1177/135", "", ["doi is 'doi: 10.1177/135'; write just '10.1177/135' (the page "
                                  "links it through https://doi.org/)"]),
        ("", "ftp://example.org/x", ["url is 'ftp://example.org/x'; give the web address of the "
                                     "source, starting with https://"]),
    ],
)
def test_source_link_problems(doi: str, url: str, problems: list[str]) -> None:
    """A DOI is written bare; a source's address is a web address."""
    assert data.source_link_problems({"doi": doi, "url": url}) == problems


SETTINGS = ('name = "S"\nbase_url = "https://example.org/s/"\nlanguage = "en"\n'
            'publisher = "P"\ncontact = "{}"\nfunding = "F"\nconflicts = "C"\n')


@pytest.mark.parametrize(
    ("contact", "stored"),
    [
        ("corrections@example.org", "corrections@example.org"),
        ("mailto:corrections@example.org", "corrections@example.org"),
        ("MAILTO:a.b+ms@mail.example.co.uk", "a.b+ms@mail.example.co.uk"),
        (" corrections@example.org ", "corrections@example.org"),
        ("@", None),
        ("corrections@example", None),
        ("corrections@example.org?cc=other@example.org", None),
        ("https://example.org/contact", None),
        ("a b@example.org", None),
    ],
)
def test_contact_is_an_email_address(contact: str, stored: str | None) -> None:
    """The contact goes into mailto: links, so it is a plain address; mailto: is dropped."""
    site, errors = settings.parse_settings(SETTINGS.format(contact), Path("site.toml"))
    if stored is None:
        assert [str(e) for e in errors] == [
            f"site.toml:5: contact is {contact!r}; give the email address that receives error "
            'reports, e.g. contact = "corrections@example.org"']
    else:
        assert site is not None and site.contact == stored


def test_oversized_pages() -> None:
    """Pages past the budget are named by their content file; others by their output path."""
    big = "x" * 1_500_000
    pages = {PurePosixPath("a/index.html"): big, PurePosixPath("a/handout.html"): big,
             PurePosixPath("b/index.html"): "small", PurePosixPath("c.html"): big,
             PurePosixPath("a/figures.csv"): big}
    warnings = check.oversized_pages(pages, {PurePosixPath("a/index.html"): Path("content/a.md")})
    tail = ("; a patient page should stay under 1 MB (most are under 100 KB), so show fewer "
            "figures on it or split its dataset")
    assert [str(w) for w in warnings] == [
        "content/a.md: its page site/a/handout.html is 1.5 MB" + tail,
        "content/a.md: its page site/a/index.html is 1.5 MB" + tail,
        "site/c.html: this page is 1.5 MB" + tail,
    ]


def test_digests_trust_a_file_only_while_its_whole_signature_matches(tmp_path: Path,
                                                                      monkeypatch) -> None:
    """A recorded file is not read again; a different size, mtime, ctime or inode reads it."""
    path = tmp_path / "a.md"
    path.write_bytes(b"first")
    monkeypatch.setattr(files, "SETTLE_NS", 0)
    digest, raw = files.Digests().load_digest(path)
    assert raw == b"first"
    found = os.stat(path)
    signature = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
    # The record's hash is taken as it is: the file is not read.
    assert files.Digests({str(path): (signature, "recorded")}).load_digest(path) == (
        "recorded", None)
    for field in range(4):
        other = tuple(v + 1 if i == field else v for i, v in enumerate(signature))
        assert files.Digests({str(path): (other, "recorded")}).load_digest(path) == (
            digest, b"first")


def test_digests_do_not_record_a_file_written_just_now(tmp_path: Path) -> None:
    """A file changed within the clock margin is read again by the next build."""
    path = tmp_path / "a.md"
    path.write_bytes(b"fresh")
    digests = files.Digests()
    assert digests.load_digest(path)[1] == b"fresh"
    assert digests.seen == {}
