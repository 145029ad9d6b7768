"""Reporting compliance: which reports came in on time, late or not at all, and who lags.

Pure computation over a programme, its submissions and a status date; see ``docs/compliance.md``
for every definition with a worked example. Rates follow DHIS2 (expected reports as denominator,
each expected report counted once) and the Chinese 按时报送率; the score follows a published rule
that deducts one point per day late.

Internal modules, one job each: ``_results`` (the result classes), ``_statuses`` (each deadline's
status, per object or columnar) and ``_tallies`` (:func:`compliance`: the statuses counted up).
"""

from ezhou_recovery.analysis.compliance._results import (
    Compliance,
    DeadlineStatus,
    Laggard,
    ReportStatus,
    ScoringRule,
    Tally,
)
from ezhou_recovery.analysis.compliance._tallies import compliance

__all__ = [
    "Compliance",
    "DeadlineStatus",
    "Laggard",
    "ReportStatus",
    "ScoringRule",
    "Tally",
    "compliance",
]
