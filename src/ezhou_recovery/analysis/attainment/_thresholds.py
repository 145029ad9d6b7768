"""The thresholds that turn progress into a status, their defaults, and the other constants of the
method (docs/methodology.md)."""

from __future__ import annotations

from typing import Any, Final

import attrs

from ezhou_recovery._core import validators as v

__all__ = [
    "AT_RISK_RATIO",
    "MAX_FALLS_NAMED",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "STALE_AFTER_DAYS",
    "Thresholds",
]

#: Progress of at least 95% of time progress (linear pace) is on track.
ON_TRACK_RATIO: Final = 0.95
#: Progress of 60% to 95% of time progress is at risk; below 60% is off track.
AT_RISK_RATIO: Final = 0.60
#: A figure older than this many days is stale: two quarterly reporting periods (the longest two
#: consecutive quarters, July to December, have 184 days), so the figure of a quarter's end is
#: still fresh at the end of the next quarter but one.
STALE_AFTER_DAYS: Final = 184
#: A milestone not done when this share of its time has gone is at risk (a convention of this
#: library: a milestone has no partial progress to compare with time progress).
MILESTONE_AT_RISK_ELAPSED: Final = 0.75
#: A result names at most this many falls of a running total, then says how many there are in all
#: (:func:`~ezhou_recovery.validate_observations` names every one).
MAX_FALLS_NAMED: Final = 3


def _days(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise v.fail(instance, attribute.name, value, "must be a whole number of days, at least 1")


def _ratio(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise v.fail(instance, attribute.name, value, "must be a number above 0 and at most 1")


@attrs.frozen
class Thresholds:
    """The bands that turn progress into a status; override any of them.

    Attributes:
        on_track: Progress at least this share of time progress is ON_TRACK.
        at_risk: Progress at least this share of time progress (and below ``on_track``) is
            AT_RISK; below it is OFF_TRACK.
        milestone_at_risk: A milestone not yet done when at least this share of its time has gone
            is AT_RISK.
        stale_after_days: A figure older than this many days on the assessment date is stale
            (before the deadline), and one older than this at the deadline cannot judge it
            (OVERDUE, not MISSED).
    """

    on_track: float = attrs.field(default=ON_TRACK_RATIO, validator=_ratio)
    at_risk: float = attrs.field(default=AT_RISK_RATIO, validator=_ratio)
    milestone_at_risk: float = attrs.field(default=MILESTONE_AT_RISK_ELAPSED, validator=_ratio)
    stale_after_days: int = attrs.field(default=STALE_AFTER_DAYS, validator=_days)

    def __attrs_post_init__(self) -> None:
        if self.at_risk > self.on_track:
            raise v.fail(self, "at_risk", self.at_risk, f"is above on_track {self.on_track}")
