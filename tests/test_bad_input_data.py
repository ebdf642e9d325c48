"""Bad input files (issue 9): links out of the project, unsafe addresses, legacy encodings,
stray quotes, decimal commas, odd contacts and huge pages each get one line a curator can act on,
exit code 1, no traceback, and the previous site/ left exactly as it was."""

from __future__ import annotations

from pathlib import Path

from bad_input import planted
from helpers import edit

TREND = "data/alemtuzumab-trend.csv"
BARS = "data/cladribine-infections.csv"
CLAD = "content/cladribine.md"
OUTSIDE = "outside the project; copy the {} into the project instead"
NOT_UTF8 = "not UTF-8 ({}); save the file as UTF-8"
EXCEL = " (in Excel: Save As, 'CSV UTF-8')"
OPEN_QUOTE = ('a double quote (") opens a cell here and is never closed; close it, or remove the '
              "stray quote")


def problems(answer_err: str) -> list[str]:
    """The curator's problem lines, without the closing 'Build failed' line."""
    return [line for line in answer_err.splitlines() if not line.startswith("Build failed")]


def secret(root: Path, name: str = "secret.txt") -> Path:
    """A file next to the project, outside it, that must never be published."""
    path = root.parent / name
    path.write_text("password: hunter2\n", encoding="utf-8")
    return path.resolve()


def line_of(root: Path, relative: str, needle: str) -> int:
    """The 1-based line of needle in a project file."""
    text = (root / relative).read_text(encoding="utf-8")
    assert needle in text, f"{relative} no longer contains {needle!r}; update the test"
    return text[: text.index(needle)].count("\n") + 1


def cp1252(root: Path, relative: str, old: str, new: str) -> None:
    """Replace old with new, then save the whole file as Windows-1252, as an old editor does."""
    path = root / relative
    path.write_bytes(path.read_text(encoding="utf-8").replace(old, new, 1).encode("cp1252"))


# Item 5: symbolic links that leave the project


def test_markdown_link_to_a_file_outside(built_site: Path) -> None:
    """A content file that is a link to a file elsewhere is refused, naming the link."""
    target = secret(built_site, "secret.md")
    answer = planted(built_site, lambda r: (r / "content/leak.md").symlink_to(target))
    assert problems(answer.err) == [f"content/leak.md: is a link to {target}, "
                                    + OUTSIDE.format("file")]


def test_dataset_and_sidecar_links_outside(built_site: Path) -> None:
    """A dataset or sidecar that links out of the project is refused."""
    target = secret(built_site)

    def fault(root: Path) -> None:
        (root / "data/leak.csv").symlink_to(target)
        (root / "data/alemtuzumab-trend.meta.toml").unlink()
        (root / "data/alemtuzumab-trend.meta.toml").symlink_to(target)

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        f"data/alemtuzumab-trend.meta.toml: is a link to {target}, " + OUTSIDE.format("file"),
        f"data/leak.csv: is a link to {target}, " + OUTSIDE.format("file"),
    ]


def test_sources_and_glossary_links_outside(built_site: Path) -> None:
    """sources.csv and glossary.csv are read only from inside the project."""
    sources = (built_site / "data/sources.csv").read_bytes()
    target = built_site.parent / "sources.csv"
    target.write_bytes(sources)
    target = target.resolve()

    def fault(root: Path) -> None:
        for name in ("sources.csv", "glossary.csv"):
            (root / "data" / name).unlink()
            (root / "data" / name).symlink_to(target)

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        f"data/glossary.csv: is a link to {target}, " + OUTSIDE.format("file"),
        f"data/sources.csv: is a link to {target}, " + OUTSIDE.format("file"),
    ]


def test_static_file_and_template_links_outside(built_site: Path) -> None:
    """A static file would be published as it is; a template would be read by Jinja."""
    target = secret(built_site)

    def fault(root: Path) -> None:
        (root / "static/passwords.txt").symlink_to(target)
        (root / "templates/page.html").symlink_to(target)

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        f"static/passwords.txt: is a link to {target}, " + OUTSIDE.format("file"),
        f"templates/page.html: is a link to {target}, " + OUTSIDE.format("file"),
    ]


def test_content_folder_link_outside(built_site: Path) -> None:
    """A whole folder linked from elsewhere is one message, not one per file in it."""
    elsewhere = built_site.parent / "elsewhere"

    def fault(root: Path) -> None:
        (root / "content").rename(elsewhere)
        (root / "content").symlink_to(elsewhere)

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        f"content: is a link to {elsewhere.resolve()}, " + OUTSIDE.format("folder")]


def test_link_to_nothing(built_site: Path) -> None:
    """A link whose file was deleted is named instead of silently skipped."""
    answer = planted(built_site, lambda r: (r / "content/gone.md").symlink_to("moved.md"))
    assert problems(answer.err) == [
        f"content/gone.md: is a link to {(built_site / 'content/moved.md').resolve()}, which "
        "does not exist; fix the link or delete it"]


# Item 6: addresses from data/ and site.toml pass the same scheme rule as prose


def test_javascript_url_in_sources(built_site: Path) -> None:
    """A javascript: address would be a live "Read the source" link."""
    answer = planted(built_site, lambda r: edit(
        r, "data/sources.csv", "https://pubmed.ncbi.nlm.nih.gov/21228029/", "javascript:alert(1)"))
    assert problems(answer.err) == [
        "data/sources.csv:3: url is 'javascript:alert(1)'; give the web address of the source, "
        "starting with https://"]


def test_doi_written_as_a_link(built_site: Path) -> None:
    """A DOI pasted as a link would become https://doi.org/https://doi.org/..."""
    answer = planted(built_site, lambda r: edit(
        r, "data/sources.csv", ",10.1177/1352458510391344,", ",https://doi.org/10.1177/1352458510391344,"))
    assert problems(answer.err) == [
        "data/sources.csv:3: doi is 'https://doi.org/10.1177/1352458510391344'; write just "
        "'10.1177/1352458510391344' (the page links it through https://doi.org/)"]


def test_base_url_with_another_scheme(built_site: Path) -> None:
    """base_url is put in every page's links and feed: only a web address will do."""
    answer = planted(built_site, lambda r: edit(
        r, "site.toml", '"https://example.org/minimal/"', '"javascript://example.org/%0a/"'))
    assert problems(answer.err) == [
        "site.toml:2: base_url is 'javascript://example.org/%0a/'; give the full address ending "
        "in '/', e.g. https://example.org/ms/"]


# Item 7: files that are not UTF-8 (saved as Windows-1252)


def test_markdown_saved_as_windows_1252(built_site: Path) -> None:
    """Curly quotes from an old editor: the line and the text before the bad byte are named."""
    line = line_of(built_site, CLAD, "The trial ran for")
    answer = planted(built_site, lambda r: cp1252(r, CLAD, 'ran for "96 weeks"',
                                                    "ran for \u201c96 weeks\u201d"))
    assert problems(answer.err) == [
        f"{CLAD}:{line}: " + NOT_UTF8.format("byte 0x93 after 'The trial ran for'")]


def test_csv_files_saved_as_windows_1252(built_site: Path) -> None:
    """sources.csv, glossary.csv and a dataset each say the line of their first bad byte."""
    def fault(root: Path) -> None:
        cp1252(root, "data/sources.csv", "Cook et al. 2011", "Cook et al.\u00a02011")
        cp1252(root, "data/glossary.csv", "A dummy treatment", "A \u2018dummy\u2019 treatment")
        cp1252(root, BARS, "Placebo,Over 96", "Plac\u00e9bo,Over 96")

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        f"{BARS}:3: " + NOT_UTF8.format("byte 0xe9 after 'placebo_any,any_infection,Plac'") + EXCEL,
        "data/glossary.csv:2: " + NOT_UTF8.format("byte 0x91 after 'placebo,A'") + EXCEL,
        "data/sources.csv:3: " + NOT_UTF8.format("byte 0xa0 after 'S5,Cook et al.'") + EXCEL,
    ]


def test_settings_and_sidecar_saved_as_windows_1252(built_site: Path) -> None:
    """site.toml and a .meta.toml sidecar get the same message as every other file."""
    def fault(root: Path) -> None:
        cp1252(root, "site.toml", "evidence-site tests", "evidence\u2013site tests")
        cp1252(root, "data/alemtuzumab-trend.meta.toml", "Test Curator", "T\u00e9st Curator")

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        "data/alemtuzumab-trend.meta.toml:2: "
        + NOT_UTF8.format("byte 0xe9 after 'curated_by = \"T'"),
        "site.toml:4: " + NOT_UTF8.format("byte 0x96 after 'publisher = \"evidence'"),
    ]


def test_stylesheet_saved_as_windows_1252(built_site: Path) -> None:
    """The site's own style.css is inlined in every page, so it must be UTF-8 too."""
    def fault(root: Path) -> None:
        (root / "static").mkdir(exist_ok=True)
        (root / "static" / "style.css").write_bytes(
            "body { color: #1a1a1a; }\n/* caf\u00e9 colours */\n".encode("cp1252"))

    answer = planted(built_site, fault)
    assert problems(answer.err) == [
        "static/style.css:2: " + NOT_UTF8.format("byte 0xe9 after '/* caf'")]


# Item 8: a double quote that opens a cell and never closes


def test_unclosed_quote_in_a_dataset(built_site: Path) -> None:
    """The line where the quoted cell opens, not a pandas ParserError about the end."""
    lines = (built_site / BARS).read_text(encoding="utf-8").splitlines()
    assert lines[-1].endswith('"')

    def fault(root: Path) -> None:
        (root / BARS).write_text("\n".join(lines)[:-1] + "\n", encoding="utf-8")

    answer = planted(built_site, fault)
    assert problems(answer.err) == [f"{BARS}:{len(lines)}: {OPEN_QUOTE}"]


def test_unclosed_quote_in_sources_and_glossary(built_site: Path) -> None:
    """The same rule for every CSV: quotes that do not pair up on a line, or run to the end."""
    def fault(root: Path) -> None:
        edit(root, "data/sources.csv", '"Infection risk with', '"Infection "risk" with')
        path = root / "data/glossary.csv"
        path.write_text(path.read_text(encoding="utf-8") + 'relapse,"A new attack.\n',
                        encoding="utf-8")

    answer = planted(built_site, fault)
    last = len((built_site / "data/glossary.csv").read_text(encoding="utf-8").splitlines())
    assert problems(answer.err) == [
        f"data/glossary.csv:{last}: {OPEN_QUOTE}",
        'data/sources.csv:2: the double quotes (") on this line do not pair up; close each quoted '
        'cell with a quote just before its comma, and write a quote inside a cell as ""',
    ]


def test_extra_cell_after_the_first_row(built_site: Path) -> None:
    """A wide row below line 2 made pandas raise ParserError; now it is named like line 2."""
    width = len((built_site / BARS).read_text(encoding="utf-8").split("\n")[0].split(","))
    answer = planted(built_site, lambda r: edit(
        r, BARS, 'Placebo,Over 96 weeks,42.5,,,percent,people,,S5,"Abstract, Results"',
        "Placebo,Over 96 weeks,42.5,,,percent,people,,S5,Abstract, Results"))
    assert problems(answer.err) == [
        f"{BARS}:3: this row has {width + 1} cells but the header has {width}; put text that "
        "contains a comma in double quotes"]


# Item 11: a decimal comma


def test_decimal_comma(built_site: Path) -> None:
    """58,7 is 58.7 written the European way, not 587."""
    answer = planted(built_site, lambda r: edit(r, TREND, ",58.7,,,percent", ',"58,7",,,percent'))
    assert f"{TREND}:2: value is '58,7', not a number; use a point, not a comma, for decimals: " \
        "58.7" in problems(answer.err)


# Item 13: the contact address


def test_contact_with_mailto_is_normalised(built_site: Path) -> None:
    """mailto: is dropped (the pages add it), so the site is the same as without it."""
    answer = planted(built_site, lambda r: edit(
        r, "site.toml", '"corrections@example.org"', '"mailto:corrections@example.org"'), code=0)
    assert "mailto:mailto:" not in answer.err + answer.out


def test_contact_that_is_not_an_address(built_site: Path) -> None:
    """'@' alone, or an address with a mailto query in it, is refused with an example."""
    answer = planted(built_site, lambda r: edit(
        r, "site.toml", '"corrections@example.org"', '"@"'))
    assert problems(answer.err) == [
        "site.toml:5: contact is '@'; give the email address that receives error reports, e.g. "
        'contact = "corrections@example.org"']


# Item 15: a page no patient should have to load


def test_huge_dataset_makes_a_page_too_big(built_site: Path) -> None:
    """Thousands of rows make a page of megabytes; the build says which content file to fix."""
    def fault(root: Path) -> None:
        rows = [f"big{i},other,Group {i},Week {i},{i % 90}.5,,,percent,people,,S5,Table 2,"
                f'"It was {i % 90}.5% in group {i}."' for i in range(6000)]
        path = root / BARS
        path.write_text(path.read_text(encoding="utf-8") + "\n".join(rows) + "\n",
                        encoding="utf-8")

    answer = planted(built_site, fault, args=("--strict",))
    big = [line for line in problems(answer.err) if "MB" in line]
    assert len(big) == 1
    assert big[0].startswith(f"{CLAD}: its page site/cladribine/index.html is ")
    assert big[0].endswith(" MB; a patient page should stay under 1 MB (most are under 100 KB), "
                           "so show fewer figures on it or split its dataset")
