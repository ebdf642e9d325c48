"""The mkdocs peer: the real site's content as an MkDocs-Material project with mkdocs-charts-plugin.

    .venv/bin/python bench/peer_mkdocs.py OUT        # write the project to OUT and build it once

bench/run.py uses it to time a cold `mkdocs build` paired with our cold build. The pages are the
prose our build renders (numbers from data already filled in, recorded from one build of the
checkout), each chart as a `vegalite` block holding the Vega-Lite spec our build draws it from,
each dataset as a Markdown table, and a home page and a glossary as ours has. The pinned packages
(bench/peer-requirements.txt) go into bench/out/peer-venv/, never the project's .venv.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import yaml
from timing import Timed, run

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PINS = HERE / "peer-requirements.txt"
VENV = HERE / "out" / "peer-venv"
MKDOCS = VENV / "bin" / "mkdocs"
PLACEHOLDER = "CHART-PLACEHOLDER-"

# Runs build.py in this process, recording the Markdown our build renders (after its numbers are
# filled in) for each page, and the Vega-Lite spec of every SVG drawn for each chart title.
RECORD = """
import json, os, sys
build, root, record = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(build))
try:
    from evidence_site.present import charts, render
except ImportError:  # a checkout from before the stage folders
    from evidence_site import charts, render
texts, pictures, sources, drawn = [], {}, [], []
prose, markdown, picture, to_svg = (render.render_prose, render.render_markdown,
                                    charts.picture, getattr(charts, "to_svg", None))
def render_prose(source, *args, **kwargs):
    sources.append(str(source))
    try:
        return prose(source, *args, **kwargs)
    finally:
        sources.pop()
def render_markdown(text, *args, **kwargs):
    if sources:
        texts.append((sources[-1], text))
    return markdown(text, *args, **kwargs)
def recording(convert):
    def call(layout, *args, **kwargs):
        if hasattr(charts, "vega_lite"):  # older checkouts have no way to get the filled spec
            drawn.append(charts.vega_lite(layout))
        return convert(layout, *args, **kwargs)
    return call
def by_title(draw):
    def call(kind, figures, *args, title, **kwargs):
        drawn.clear()
        result = draw(kind, figures, *args, title=title, **kwargs)
        pictures[title] = list(drawn)
        return result
    return call
render.render_prose, render.render_markdown = render_prose, render_markdown
charts.picture, charts.to_svg = by_title(picture), recording(to_svg)
if hasattr(charts, "sketch"):  # charts drawn as a sketch (Altair) and then by vl-convert
    charts.sketch = by_title(charts.sketch)
    if hasattr(charts, "plan"):  # each SVG's Vega-Lite planned with Altair, compiled later
        charts.plan = recording(charts.plan)
    else:
        charts.to_vega = recording(charts.to_vega)
import build as checkout  # its main() returns: build.py as a script exits at once
if checkout.main(["--root", root, "--jobs", "1"]):
    raise SystemExit("the recorded build failed")
with open(record, "w", encoding="utf-8") as handle:
    json.dump({"texts": texts, "charts": pictures}, handle, default=str)
"""

MKDOCS_YML = """\
site_name: {name}
site_url: https://example.org/
theme:
  name: material
plugins:
  - search
  - charts
extra_javascript:
  - https://cdn.jsdelivr.net/npm/vega@5
  - https://cdn.jsdelivr.net/npm/vega-lite@5
  - https://cdn.jsdelivr.net/npm/vega-embed@6
markdown_extensions:
  - extra
  - sane_lists
  - toc:
      permalink: true
  - smarty
  - pymdownx.superfences:
      custom_fences:
        - name: vegalite
          class: vegalite
          format: !!python/name:mkdocs_charts_plugin.fences.fence_vegalite
"""


def install() -> Path:
    """The mkdocs command of the pinned peer, installed into its own venv once."""
    stamp = VENV / "installed-pins.txt"
    pins = PINS.read_text(encoding="utf-8")
    if not (MKDOCS.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == pins):
        print(f"Installing the mkdocs peer into {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True, clear=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", str(PINS)], check=True)
        stamp.write_text(pins, encoding="utf-8")
    return MKDOCS


def front_matter(path: Path) -> dict:
    """A content page's YAML front matter ({} if it has none)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}


def record_content(repo: Path, root: Path, record: Path) -> dict:
    """Build root with repo's code once, recording its rendered Markdown and chart specs."""
    run([sys.executable, "-c", RECORD, str(repo / "build.py"), str(root), str(record)], root)
    return json.loads(record.read_text(encoding="utf-8"))


def vegalite_block(spec: dict) -> str:
    """A chart as mkdocs-charts-plugin writes it in Markdown."""
    return f"\n```vegalite\n{json.dumps(spec, indent=2)}\n```\n"


def markdown_table(rows: list[list[str]]) -> str:
    """Rows (the first is the header) as a Markdown table."""
    cells = [[c.replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines) + "\n"


def csv_rows(path: Path) -> list[list[str]]:
    """A CSV file's rows, header first."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def page_markdown(meta: dict, texts: list[str], pictures: dict[str, list[dict]],
                  data_dir: Path) -> str:
    """One page: its title, every piece of prose our build renders, charts and data tables."""
    charts = {name: pictures.get(spec.get("title", ""), [])
              for name, spec in (meta.get("charts") or {}).items()}
    placed: set[str] = set()
    parts = [f"# {meta.get('title', '')}\n"]
    for text in dict.fromkeys(texts):  # the card repeats a key message: once is enough
        for name, specs in charts.items():
            if f"{PLACEHOLDER}{name}" in text:
                placed.add(name)
                text = text.replace(f"{PLACEHOLDER}{name}", "".join(map(vegalite_block, specs)))
        parts.append(text.strip() + "\n")
    for name, specs in charts.items():
        if name not in placed:  # a chart the layout places outside the prose (the answer box)
            parts += [vegalite_block(spec) for spec in specs]
    for dataset in meta.get("datasets") or []:
        table = data_dir / f"{dataset}.csv"
        if table.exists():
            parts.append(f"## Data: {dataset}\n\n{markdown_table(csv_rows(table))}")
    return "\n".join(parts)


def make_project(repo: Path, root: Path, out: Path) -> Path:
    """Write the mkdocs peer of the site at root (built once with repo's code) under out."""
    recorded = record_content(repo, root, out.parent / f"{out.name}-record.json")
    if not any(recorded["charts"].values()):
        print(f"Note: no chart specs recorded from {repo}: the mkdocs peer has no charts.")
    docs = out / "docs"
    docs.mkdir(parents=True)
    texts: dict[str, list[str]] = {}
    for source, text in recorded["texts"]:
        texts.setdefault(Path(source).stem, []).append(text)
    listed = []
    for path in sorted((root / "content").glob("*.md")):
        meta = front_matter(path)
        slug = meta.get("slug", path.stem)
        (docs / f"{slug}.md").write_text(
            page_markdown(meta, texts.get(path.stem, []), recorded["charts"], root / "data"),
            encoding="utf-8")
        if meta.get("description"):
            listed.append(f"- [{meta.get('title', slug)}]({slug}.md): {meta['description']}")
    settings = (root / "site.toml").read_text(encoding="utf-8")
    name = next((line.split("=", 1)[1].strip().strip('"') for line in settings.splitlines()
                 if line.startswith("name")), "Evidence summaries")
    (docs / "index.md").write_text(f"# {name}\n\n" + "\n".join(listed) + "\n", encoding="utf-8")
    if (root / "data" / "glossary.csv").exists():
        (docs / "glossary.md").write_text(
            "# Glossary\n\n" + markdown_table(csv_rows(root / "data" / "glossary.csv")),
            encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(name=json.dumps(name)), encoding="utf-8")
    return out


def build(project: Path) -> Timed:
    """A cold `mkdocs build` of the peer project in a fresh process (site/ removed first)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return run([str(install()), "build", "--quiet", "--clean"], project)


def main(argv: list[str]) -> int:
    """Write the peer of this checkout's site to OUT and build it once."""
    out = Path(argv[0]).resolve() if argv else HERE / "out" / "peer-site"
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        for name in ("content", "data", "templates", "static"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "site.toml", root / "site.toml")
        make_project(REPO, root, out)
    timed = build(out)
    print(f"{out}: mkdocs build {timed.wall:.2f} s, {timed.cpu:.2f} cpu s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
