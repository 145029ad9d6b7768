"""The example notebook (examples/walkthrough.py, a jupytext percent script) runs as a script."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import ezhou_recovery as er

ROOT = Path(__file__).parents[1]
SCRIPT = ROOT / "examples" / "walkthrough.py"


def test_the_walkthrough_runs_and_saves_its_charts(tmp_path: Path) -> None:
    env = {**os.environ, "EZHOU_WALKTHROUGH_OUT": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    # A chart drawn with missing glyphs (a UserWarning) fails the run.
    done = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", str(SCRIPT)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "attainment.png",
        "attainment_public_health.png",
        "deadlines.png",
        "investment.png",
    ]
    assert all(p.stat().st_size > 10_000 for p in tmp_path.glob("*.png"))
    # What it prints is what the library computes.
    plan = er.load_ezhou_plan()
    tally = er.compliance(
        plan,
        er.load_submissions(ROOT / "examples" / "ezhou_submissions.csv", plan),
        date(2021, 10, 15),
    ).programme
    assert (
        f"{tally.expected} reports due so far: {tally.on_time} on time, {tally.late} late, "
        f"{tally.missing} missing" in done.stdout
    )
    assert f"{len(plan.targets)} targets" in done.stdout


def test_the_walkthrough_is_a_percent_notebook() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert "format_name: percent" in text
    cells = [line for line in text.splitlines() if line.startswith("# %%")]
    assert sum("[markdown]" in c for c in cells) >= 4
    assert sum("[markdown]" not in c for c in cells) >= 6
