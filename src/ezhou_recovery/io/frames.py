"""Observations and submissions from dataframes (pandas, polars, pyarrow, or any that exports
Arrow), checked as columns; needs the ``arrow`` extra (``pip install "ezhou-recovery[arrow]"``)."""

from __future__ import annotations

from ezhou_recovery.io._arrow import observations_from_frame, submissions_from_frame

__all__ = ["observations_from_frame", "submissions_from_frame"]
