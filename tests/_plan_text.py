"""The Ezhou plan's source text, which is not part of the repository.

Found through ``EZHOU_PLAN_TEXT`` (a path to its UTF-8 text) or in ``shared/seeds/`` beside the
repository. Without it the tests that need it skip with a reason that says how to provide it; with
``EZHOU_REQUIRE_PLAN_TEXT`` set (as CI sets it) a missing text fails them instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEED_NAME = "000_f51d655266ac6fb6.txt"
BESIDE = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / SEED_NAME


def plan_text(purpose: str) -> str:
    """The text, or a skip (a failure under ``EZHOU_REQUIRE_PLAN_TEXT``) naming ``purpose``."""
    named = os.environ.get("EZHOU_PLAN_TEXT")
    path = Path(named) if named else BESIDE
    if not path.is_file():
        message = (
            f"the Ezhou plan's source text is not at {path}: set EZHOU_PLAN_TEXT to the path of "
            f"its UTF-8 text ({SEED_NAME}) to {purpose}"
        )
        if os.environ.get("EZHOU_REQUIRE_PLAN_TEXT"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")
