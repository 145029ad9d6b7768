"""Attainment: how far each target has got, with a status and the reason in words.

Public modules: :mod:`.assessment` (:func:`assess`, choosing the per-object or the columnar path),
:mod:`.columnar` (the batch path, with numpy) and :mod:`.formulas` (the numeric formulas). The
rest is internal, one job a module: ``_status`` (the statuses and their names), ``_thresholds``
(the bands and constants), ``_results`` (what an assessment gives), ``_selection`` (the
observations a result reads), ``_rules`` (the rules of each target kind), ``_reasons`` (the
sentences) and ``_rollups`` (results grouped); their public names are re-exported here.
"""

from ezhou_recovery.analysis.attainment._reasons import percent_text
from ezhou_recovery.analysis.attainment._results import (
    Assessment,
    Rollup,
    TargetResult,
    YearResult,
)
from ezhou_recovery.analysis.attainment._status import WORST_FIRST, Status
from ezhou_recovery.analysis.attainment._thresholds import (
    AT_RISK_RATIO,
    MAX_FALLS_NAMED,
    MILESTONE_AT_RISK_ELAPSED,
    ON_TRACK_RATIO,
    STALE_AFTER_DAYS,
    Thresholds,
)
from ezhou_recovery.analysis.attainment.assessment import BATCH_MIN_OBSERVATIONS, assess

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
