"""Attainment: how far each target has got, with a status and the reason in words."""

from ezhou_recovery.analysis.attainment._attainment import (
    AT_RISK_RATIO,
    BATCH_MIN_OBSERVATIONS,
    MAX_FALLS_NAMED,
    MILESTONE_AT_RISK_ELAPSED,
    ON_TRACK_RATIO,
    STALE_AFTER_DAYS,
    WORST_FIRST,
    Assessment,
    Rollup,
    Status,
    TargetResult,
    Thresholds,
    YearResult,
    percent_text,
)
from ezhou_recovery.analysis.attainment.assessment import assess

__all__ = [
    "AT_RISK_RATIO",
    "BATCH_MIN_OBSERVATIONS",
    "MAX_FALLS_NAMED",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "STALE_AFTER_DAYS",
    "WORST_FIRST",
    "Assessment",
    "Rollup",
    "Status",
    "TargetResult",
    "Thresholds",
    "YearResult",
    "assess",
    "percent_text",
]
