"""The bench's target table, before/after comparison and mkdocs peer pages (nothing is timed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import peer_mkdocs  # noqa: E402
import report  # noqa: E402


def timed(wall: float, cpu: float | None = None) -> dict[str, float]:
    """A median entry as bench/run.py saves it."""
    return {"wall": wall, "cpu": wall if cpu is None else cpu, "peak_mb": 100.0}


def point(size: int, cold: float, warm: float, edit: float) -> dict:
    """One synthetic size's results."""
    return {"size": size, "cold": timed(cold), "warm": timed(warm), "edit": timed(edit),
            "cache_mb": size / 10}


RESULTS = {
    "meta": {"commit": "abc1234"},
    "real": {"floor": timed(1.0), "cold": timed(1.9), "mkdocs": timed(1.0),
             "cold_floor": 1.9, "cold_floor_cpu": 2.1, "cold_mkdocs": 1.9,
             "cold_mkdocs_cpu": 1.4, "cache_mb": 0.5},
    "sizes": [point(50, 10.0, 0.5, 0.8), point(200, 44.0, 0.9, 2.0)],
    "lighthouse": {"pages": [{"page": "index.html", "lcp_ms": 800.0, "performance": 100},
                             {"page": "a/index.html", "lcp_ms": 1200.0, "performance": 97}]},
}


def verdicts(results: dict) -> dict[str, str]:
    """Each target's name and verdict."""
    return {t.name: t.verdict for t in report.targets(results)}


def test_every_target_gets_a_verdict_against_its_limit() -> None:
    found = verdicts(RESULTS)
    assert found["cold real site / vl-convert floor (wall)"] == "met"
    assert found["cold real site / mkdocs build (wall)"] == "MISSED"
    assert not any("(cpu)" in name for name in found)  # shown beside, not a limit of the issue
    assert found["cold build, 200 summaries"] == "met"
    assert found["cold build, 1000 summaries"] == "not measured"
    assert found["warm build at 200 / at 50 summaries"] == "met"  # 1.8 x
    assert found["one-edit build at 200 / at 50 summaries"] == "MISSED"  # 2.5 x
    assert found["Lighthouse mobile LCP, slowest page (a/index.html)"] == "MISSED"
    assert found["Lighthouse mobile performance, lowest page (a/index.html)"] == "MISSED"


def test_a_run_with_nothing_measured_says_so_for_every_target() -> None:
    assert set(verdicts({}).values()) == {"not measured"}


def test_the_table_shows_measured_target_and_verdict() -> None:
    table = report.target_table(report.targets(RESULTS))
    row = next(line for line in table.splitlines() if line.startswith("cold build, 200"))
    assert "44.0 s" in row and "≤ 45.0 s" in row and row.endswith("met")
    assert "≥ 100" in table


def test_a_comparison_lists_both_runs_and_the_change() -> None:
    after = json.loads(json.dumps(RESULTS))
    after["real"]["cold"] = timed(0.95)
    after["meta"]["commit"] = "def5678"
    lines = report.comparison(RESULTS, after).splitlines()
    assert "abc1234" in lines[1] and "def5678" in lines[1]
    cold = next(line for line in lines if line.startswith("real site cold wall"))
    assert cold.split()[-1] == "-50%"


def test_results_survive_saving(tmp_path: Path) -> None:
    report.save(tmp_path / "r.json", RESULTS)
    assert report.load(tmp_path / "r.json") == RESULTS


def test_a_peer_page_has_its_prose_charts_and_data(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("id,quote\na,\"one | two\"\n", encoding="utf-8")
    meta = {"title": "A page", "datasets": ["d"],
            "charts": {"c": {"title": "Chart C"}, "e": {"title": "Chart E"}}}
    spec = {"mark": "bar", "data": {"values": [{"x": 1}]}}
    text = peer_mkdocs.page_markdown(
        meta, ["Some *prose*.\n\nCHART-PLACEHOLDER-c\n", "A key message.", "A key message."],
        {"Chart C": [spec], "Chart E": [spec, spec]}, tmp_path)
    assert text.startswith("# A page\n")
    assert text.count("A key message.") == 1
    assert "CHART-PLACEHOLDER" not in text
    assert text.count("```vegalite\n") == 3  # c in the prose; e's two pictures after it
    assert text.index("```vegalite") < text.index("A key message.")
    assert "| a | one \\| two |" in text
