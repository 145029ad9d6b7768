"""The code of docs/strategies.md runs, and its tests pass."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).parents[2] / "docs" / "strategies.md"


def doc_namespace() -> dict[str, Any]:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    namespace: dict[str, Any] = {"__name__": "docs_strategies"}
    exec(compile("\n".join(blocks), str(DOC), "exec"), namespace)
    return namespace


NAMESPACE = doc_namespace()
TESTS = sorted(name for name in NAMESPACE if name.startswith("test_"))


def test_the_page_has_tests() -> None:
    assert len(TESTS) == 5


@pytest.mark.parametrize("name", TESTS)
def test_doc_test_passes(name: str) -> None:
    NAMESPACE[name]()


def test_the_rule_fires_on_a_programme_without_duties() -> None:
    import attrs

    import ezhou_recovery as er

    plan = er.load_ezhou_plan()
    silent = attrs.evolve(plan, obligations=())
    missing = NAMESPACE["unreported_quarters"](silent)
    funded = [c for c in plan.categories if c.portfolio is not None]
    assert plan.issued.isoformat() == "2020-11-18"  # so 2021Q1 to 2022Q4 lie wholly after it
    assert len(missing) == len(funded) * 8
    assert {q for _, q in missing} == {f"{y}Q{n}" for y in (2021, 2022) for n in (1, 2, 3, 4)}
