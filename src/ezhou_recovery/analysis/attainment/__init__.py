"""Attainment: how far each target has got, with a status and the reason in words.

The public modules: :mod:`.status` (the statuses), :mod:`.thresholds` (the bands and constants),
:mod:`.results` (what an assessment gives), :mod:`.assessment` (:func:`assess`),
:mod:`.formulas` (the numeric formulas) and :mod:`.columnar` (the batch path, with numpy). Private:
``_selection`` (the observations a result reads), ``_rules`` (the rules of each target kind),
``_reasons`` (the sentences), ``_rollups`` (results grouped).
"""

from ezhou_recovery.analysis.attainment._reasons import percent_text
from ezhou_recovery.analysis.attainment.assessment import BATCH_MIN_OBSERVATIONS, assess
from ezhou_recovery.analysis.attainment.results import (
    Assessment,
    Rollup,
    TargetResult,
    YearResult,
)
from ezhou_recovery.analysis.attainment.status import WORST_FIRST, Status
from ezhou_recovery.analysis.attainment.thresholds import (
    AT_RISK_RATIO,
    MAX_FALLS_NAMED,
    MILESTONE_AT_RISK_ELAPSED,
    ON_TRACK_RATIO,
    STALE_AFTER_DAYS,
    Thresholds,
)

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
