"""Registration of the model's Hypothesis strategies, so ``st.from_type(Target)`` works.

Two ways in, whichever of the two packages is imported second:

- ``import hypothesis`` runs the entry point ``_ezhou_recovery_hypothesis:_hypothesis_setup_hook``
  (a top-level module, so that it does not import this package: that costs about 0.3 s, and every
  ``import hypothesis`` in the environment would pay it); the hook calls :func:`register` only when
  ``ezhou_recovery`` is loaded already.
- ``import ezhou_recovery`` calls :func:`register` when Hypothesis is loaded already.

The strategies themselves are built on first use (``st.deferred``).
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    """Register a strategy for every model class with ``st.register_type_strategy``."""
    from .strategies import register_type_strategies

    register_type_strategies()
