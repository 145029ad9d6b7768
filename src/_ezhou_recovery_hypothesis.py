"""Hypothesis entry point of ezhou_recovery (see ``ezhou_recovery.strategies._plugin``).

It imports nothing unless ``ezhou_recovery`` is loaded already, so ``import hypothesis`` stays fast.
"""

from __future__ import annotations

import sys


def _hypothesis_setup_hook() -> None:
    if "ezhou_recovery" in sys.modules:
        from ezhou_recovery.strategies._plugin import register

        register()
