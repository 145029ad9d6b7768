"""Registration of the model's Hypothesis strategies, so ``st.from_type(Target)`` works.

Two ways in, whichever of the two packages is imported second:

- ``import hypothesis`` runs the entry point ``_ezhou_recovery_hypothesis:_hypothesis_setup_hook``
  (a top-level module that imports nothing); the hook calls :func:`register` only when
  ``ezhou_recovery`` is loaded already. Registering needs the model classes, so it imports the model
  modules and pint (0.1 to 0.2 s): every ``import hypothesis`` in the environment would pay that if
  the hook registered unconditionally.
- ``import ezhou_recovery`` calls :func:`register` when Hypothesis is loaded already (a test process).

The strategies themselves are built on first use (``st.deferred``).
"""

from __future__ import annotations

import sys

__all__ = ["register"]


def register() -> None:
    """Register a strategy for every model class with ``st.register_type_strategy``.

    When ``ezhou_recovery.strategies`` is itself being imported (its ``import hypothesis`` runs the
    entry point), it is left to register at the end of its own import.
    """
    importing = sys.modules.get(__package__ or "ezhou_recovery.strategies")
    if importing is not None and not hasattr(importing, "register_type_strategies"):
        return
    from ezhou_recovery.strategies import register_type_strategies

    register_type_strategies()
