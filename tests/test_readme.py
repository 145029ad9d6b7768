"""The README's example runs, and the results its comments show are what the code gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]


def readme_python() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    assert blocks, "the README has no python example"
    return str(blocks[0])


@pytest.fixture
def namespace(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(ROOT)
    scope: dict[str, Any] = {}
    exec(compile(readme_python(), "README.md", "exec"), scope)  # our own README
    return scope


def test_the_readme_example_shows_what_the_code_gives(namespace: dict[str, Any]) -> None:
    code = readme_python()
    reason = namespace["assessment"].target("new_infrastructure.base_stations_5g").reason
    assert f"# {reason!r}" in code
    assert repr(namespace["plan"].total_investment).startswith("<Quantity(2124.81, 'yi_yuan')>")
    assert namespace["plan"].totals_approximate is True
    assert "exact" not in code.split("plan.total_investment", 1)[1].split("\n", 1)[0]
    assert repr(namespace["compliance"].programme).startswith(
        "Tally(expected=38, on_time=30, late=5, missing=3,"
    )
    assert repr(namespace["assessment"].category("transport")).startswith(
        "Rollup(category 'transport', 15 targets: attained=2,"
    )
    assert namespace["compliance"].laggards[0].department.name_zh == "市水利局"
    transport = namespace["assessment"].category("transport")
    assert f"# {transport.overall_status_text!r}" in code
