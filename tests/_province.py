"""The province generator of ``benchmarks/province.py``, loaded once for the tests that use it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _province() -> Any:
    spec = importlib.util.spec_from_file_location("province", ROOT / "benchmarks" / "province.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["province"] = module
    spec.loader.exec_module(module)
    return module


province = _province()
