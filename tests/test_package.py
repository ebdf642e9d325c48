"""The package a curator installs: a wheel, a fresh virtualenv, and the README's "Your own site".

Runs outside the repository: builds the wheel with `pip wheel --no-deps`, then runs every command
of the README section in a temporary folder (the install step uses constraints.txt), builds
strictly and fetches one page from `evidence-site serve`.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO
from test_docs import section

import build

SERVE = re.compile(r"^evidence-site serve\b")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from the checkout as the README says."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist),
                    str(REPO)], check=True, cwd=dist)
    (built,) = dist.glob("evidence_site-*-py3-none-any.whl")
    return built


def test_wheel_holds_the_code_the_theme_and_the_starter_site_only(wheel: Path) -> None:
    """The theme and init's starter ship inside; this repository's own site does not."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("evidence_site/commands/cli.py", "evidence_site/theme/templates/base.html",
                 "evidence_site/theme/templates/_chart.html",
                 "evidence_site/theme/static/style.css", "evidence_site/theme/static/favicon.svg",
                 "evidence_site/starter/site.toml",
                 "evidence_site/starter/content/alemtuzumab-infections.md",
                 "evidence_site/starter/templates/README.md"):
        assert name in names
    theme = {n.split("/")[-1] for n in names if n.startswith("evidence_site/theme/templates/")}
    assert theme == {p.name for p in (REPO / "evidence_site/theme/templates").glob("*.html")}
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"evidence_site"}
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "evidence-site = evidence_site.commands.cli:run" in zipfile.ZipFile(wheel).read(
        entry_points).decode()


def script_of_readme(port: int) -> str:
    """The commands of the README's "Your own site", as one bash script; serve runs briefly."""
    blocks = re.findall(r"```sh\n(.*?)```", section("Your own site"), re.S)
    assert len(blocks) == 2, "Your own site: expected the install block and the upgrade block"
    lines = ["set -euo pipefail", 'start="$PWD"']
    for block in blocks:
        lines.append('cd "$start"')  # each block: a new terminal in the folder of the wheel
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if SERVE.match(command):  # serve until one page has been fetched, then stop it
                command = (f"{command} --port {port} > serve.log 2>&1 & server=$!\n"
                           f"timeout 120 python -c {shlex.quote(FETCH)} {port}\n"
                           # the page can answer a moment before the line is printed
                           "for i in $(seq 100); do grep -q '^Serving' serve.log && break; "
                           "sleep 0.1; done\n"
                           "kill $server; wait $server || true; cat serve.log")
            lines.append(command)
    return "\n".join(lines) + "\n"


FETCH = """
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/alemtuzumab-infections/"
for _ in range(600):
    try:
        page = urllib.request.urlopen(url, timeout=5).read().decode()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("serve never answered " + url)
print("FETCHED", "Infections in the years after alemtuzumab" in page)
"""


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_readme_own_site_commands_work_from_the_wheel(wheel: Path, tmp_path: Path) -> None:
    """A curator's steps, outside the checkout, in a new virtualenv: init, serve, build, upgrade."""
    work = tmp_path / "curator"
    work.mkdir()
    (work / wheel.name).write_bytes(wheel.read_bytes())
    (work / "constraints.txt").write_bytes((REPO / "constraints.txt").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                  if not p.startswith(str(REPO)))
    result = subprocess.run(["bash", "-c", script_of_readme(free_port())], cwd=work, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "Created my-site/ with site.toml" in out
    assert "FETCHED True" in out
    assert re.search(r"^Serving http://127\.0\.0\.1:\d+/ ", out, re.M)
    builds = re.findall(r"^Built site/: 7 pages, .* 0 warnings, .*$", out, re.M)
    assert len(builds) == 2, out  # the first build and the one after the upgrade step
    assert "Not ready to publish: example settings site.toml:3 name, " in out + result.stderr
    site = work / "my-site" / "site"
    assert (site / "alemtuzumab-infections" / "index.html").is_file()
    assert (site / "static" / "style.css").is_file()
    assert not (site / "static" / "README.md").exists()
    tool = work / "evidence-env" / "bin"
    installed = subprocess.run([str(tool / "python"), "-c", "import evidence_site; print("
                                "evidence_site.__file__)"], capture_output=True, text=True,
                               cwd=work, check=True).stdout
    assert installed.startswith(str(work / "evidence-env"))  # the wheel, not the checkout
    no_tool = subprocess.run([str(tool / "python"), "-m", "build"], cwd=REPO, env=env,
                             capture_output=True, text=True)
    assert (no_tool.returncode, no_tool.stderr) == (1, build.NO_PACKAGING_TOOL + "\n")


def test_constraints_pin_every_installed_package() -> None:
    """constraints.txt holds each package of the test environment at its installed version."""
    from importlib import metadata

    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = dict(line.lower().replace("_", "-").split("==") for line in lines
                if line and not line.startswith("#"))
    installed = {d.metadata["Name"].lower().replace("_", "-"): d.version
                 for d in metadata.distributions()}
    missing = {name: version for name, version in installed.items()
               if name not in ("evidence-site", "pip", "setuptools") and pins.get(name) != version}
    assert missing == {}, "run python3 dev.py lock, or install from constraints.txt"
