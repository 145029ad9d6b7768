"""Strategies register for ``st.from_type`` whichever of the packages is imported first."""

from __future__ import annotations

import subprocess
import sys

import pytest

ORDERS = {
    "package, then strategies": "import ezhou_recovery as er\nimport ezhou_recovery.strategies\n",
    "strategies first": "import ezhou_recovery.strategies\nimport ezhou_recovery as er\n",
    "hypothesis first": "import hypothesis\nimport ezhou_recovery as er\n",
    "package, then hypothesis": "import ezhou_recovery as er\nimport hypothesis\n",
}


@pytest.mark.parametrize("imports", ORDERS.values(), ids=ORDERS.keys())
def test_from_type_gives_valid_targets_in_any_import_order(imports: str) -> None:
    code = imports + (
        "from hypothesis import given, settings, strategies as st\n"
        "@settings(max_examples=5, deadline=None, database=None)\n"
        "@given(st.from_type(er.Target))\n"
        "def check(t): assert isinstance(t, er.Target)\n"
        "check()\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
