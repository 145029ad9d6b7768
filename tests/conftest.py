"""Shared test set-up."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI machines have two cores: no per-example deadline, and a bounded number of examples.
settings.register_profile(
    "ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
