"""The targets of issue 14 from one bench run's results, as a table; results saved and compared.

Results are a plain dict (saved as JSON by `bench/run.py --json PATH`), so a later run can print
itself beside an earlier one (`--compare PATH`). Nothing here measures anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLD_FLOOR = 2.0  # cold real-site build / vl-convert floor
COLD_MKDOCS = 1.5  # cold real-site build / cold `mkdocs build` of the same content
COLD_SECONDS = {200: 45.0, 1000: 240.0}  # cold synthetic builds, wall seconds
REBUILD_GROWTH = 2.0  # warm and one-edit builds at a size / at the smallest size measured
LCP_MS = 1000.0  # Lighthouse mobile LCP, every page
PERFORMANCE = 100  # Lighthouse mobile performance score, every page


@dataclass(frozen=True)
class Target:
    """One target: what was measured (None: not this run), the limit and how it compares."""

    name: str
    measured: float | None
    limit: float
    unit: str
    at_least: bool = False  # the measure must reach the limit, not stay under it

    @property
    def verdict(self) -> str:
        """met, MISSED or not measured."""
        if self.measured is None:
            return "not measured"
        good = self.measured >= self.limit if self.at_least else self.measured <= self.limit
        return "met" if good else "MISSED"


def targets(results: dict[str, Any]) -> list[Target]:
    """Every target of the issue, measured or not, from one run's results."""
    real = results.get("real") or {}
    found = [
        # The limits are on time taken (wall); the CPU ratios are printed beside them.
        Target("cold real site / vl-convert floor (wall)", real.get("cold_floor"), COLD_FLOOR, "x"),
        Target("cold real site / mkdocs build (wall)", real.get("cold_mkdocs"), COLD_MKDOCS, "x"),
    ]
    sizes = {point["size"]: point for point in results.get("sizes") or []}
    for size, limit in COLD_SECONDS.items():
        found.append(Target(f"cold build, {size} summaries", sizes[size]["cold"]["wall"]
                            if size in sizes else None, limit, "s"))
    if len(sizes) > 1:
        smallest = sizes[min(sizes)]
        for size in sorted(sizes)[1:]:
            for kind, words in (("warm", "warm build"), ("edit", "one-edit build")):
                found.append(Target(f"{words} at {size} / at {min(sizes)} summaries",
                                    sizes[size][kind]["wall"] / smallest[kind]["wall"],
                                    REBUILD_GROWTH, "x"))
    else:
        for words in ("warm build", "one-edit build"):
            found.append(Target(f"{words} at the largest / smallest size (two sizes needed)",
                                None, REBUILD_GROWTH, "x"))
    pages = (results.get("lighthouse") or {}).get("pages") or []
    slowest = max(pages, key=lambda p: p["lcp_ms"], default=None)
    lowest = min(pages, key=lambda p: p["performance"], default=None)
    found.append(Target("Lighthouse mobile LCP, slowest page"
                        + (f" ({slowest['page']})" if slowest else ""),
                        slowest["lcp_ms"] if slowest else None, LCP_MS, "ms"))
    found.append(Target("Lighthouse mobile performance, lowest page"
                        + (f" ({lowest['page']})" if lowest else ""),
                        lowest["performance"] if lowest else None, PERFORMANCE, "",
                        at_least=True))
    return found


def number(value: float | None, unit: str) -> str:
    """A measure with its unit, to a sensible precision ('-' when not measured)."""
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f} x"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g}"


def target_table(found: list[Target]) -> str:
    """The targets as a fixed-width table: measured, target, met or missed."""
    width = max(len(t.name) for t in found)
    lines = [f"{'target':<{width}} {'measured':>10} {'target':>10}  verdict",
             "-" * (width + 31)]
    for t in found:
        limit = ("≥ " if t.at_least else "≤ ") + number(t.limit, t.unit)
        lines.append(f"{t.name:<{width}} {number(t.measured, t.unit):>10} {limit:>10}  "
                     f"{t.verdict}")
    return "\n".join(lines)


def measures(results: dict[str, Any]) -> dict[str, tuple[float, str]]:
    """Every number of a run worth comparing with another run, by a readable name."""
    found: dict[str, tuple[float, str]] = {}
    real = results.get("real") or {}
    for kind in ("floor", "cold", "warm", "edit", "mkdocs"):
        if real.get(kind):
            found[f"real site {kind} wall"] = (real[kind]["wall"], "s")
            found[f"real site {kind} cpu"] = (real[kind]["cpu"], "s")
    for key in ("cold_floor", "cold_floor_cpu", "cold_mkdocs", "cold_mkdocs_cpu"):
        if real.get(key) is not None:
            found[f"real site {key.replace('_', ' / ', 1).replace('_', ' ')}"] = (real[key], "x")
    if real.get("cache_mb") is not None:
        found["real site .cache/"] = (real["cache_mb"], "MB")
    for point in results.get("sizes") or []:
        size = point["size"]
        for kind in ("cold", "warm", "edit"):
            found[f"{size} summaries {kind} wall"] = (point[kind]["wall"], "s")
            found[f"{size} summaries {kind} cpu"] = (point[kind]["cpu"], "s")
        found[f"{size} summaries .cache/"] = (point["cache_mb"], "MB")
    for page in (results.get("lighthouse") or {}).get("pages") or []:
        found[f"LCP {page['page']}"] = (page["lcp_ms"], "ms")
        found[f"performance {page['page']}"] = (page["performance"], "")
    return found


def comparison(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Two runs side by side: every measure either has, and the change."""
    old, new = measures(before), measures(after)
    names = list(dict.fromkeys([*old, *new]))
    if not names:
        return "Nothing to compare."
    width = max(len(name) for name in names)
    lines = [f"{'measure':<{width}} {'before':>10} {'after':>10} {'change':>8}",
             f"{'':<{width}} {label(before):>10} {label(after):>10}"]
    for name in names:
        (a, unit), (b, _) = old.get(name, (None, "")), new.get(name, (None, ""))
        unit = unit or new[name][1]
        change = f"{100 * (b - a) / a:+.0f}%" if a and b is not None else ""
        lines.append(f"{name:<{width}} {number(a, unit):>10} {number(b, unit):>10} {change:>8}")
    return "\n".join(lines)


def label(results: dict[str, Any]) -> str:
    """A short name for a run: its commit, or '?'."""
    return str((results.get("meta") or {}).get("commit", "?"))[:10]


def save(path: Path, results: dict[str, Any]) -> None:
    """Write the results as JSON."""
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> dict[str, Any]:
    """Results saved by an earlier run."""
    return json.loads(path.read_text(encoding="utf-8"))
