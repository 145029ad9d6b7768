"""The status of a target on the assessment date, with its names in Chinese and English and its
order from worst to best."""

from __future__ import annotations

import enum
from typing import Final

__all__ = ["WORST_FIRST", "Status"]


class Status(enum.StrEnum):
    """Where a target stands on the assessment date."""

    #: The latest value meets the target (for a milestone: done by its deadline).
    ATTAINED = "attained"
    #: Progress keeps pace with time progress.
    ON_TRACK = "on_track"
    #: Progress lags time progress somewhat.
    AT_RISK = "at_risk"
    #: Progress lags time progress badly.
    OFF_TRACK = "off_track"
    #: The deadline has come and a figure from on or near it shows the target not attained.
    MISSED = "missed"
    #: No value was reported.
    NO_DATA = "no_data"
    #: The deadline has come with no figure to judge it by (none, or only one older than the
    #: staleness age at the deadline); ranked with MISSED.
    OVERDUE = "overdue"

    @property
    def severity(self) -> int:
        """0 for the worst (missed, overdue) to 5 for the best (attained); sorts worst first."""
        return _SEVERITY[self]

    @property
    def is_final(self) -> bool:
        """Whether the status is a verdict on the deadline (missed or overdue)."""
        return self in (Status.MISSED, Status.OVERDUE)

    @property
    def label_en(self) -> str:
        """``on track``, ``at risk``, ..."""
        return self.value.replace("_", " ")

    @property
    def label_zh(self) -> str:
        """已达成, 进度正常, 存在风险, 明显滞后, 逾期未完成, 无数据."""
        return _STATUS_ZH[self]


_SEVERITY: Final = {
    Status.MISSED: 0,
    Status.OVERDUE: 0,
    Status.OFF_TRACK: 1,
    Status.AT_RISK: 2,
    Status.NO_DATA: 3,
    Status.ON_TRACK: 4,
    Status.ATTAINED: 5,
}
#: Worst first, every status once (MISSED before OVERDUE).
WORST_FIRST: Final = tuple(sorted(Status, key=lambda s: (_SEVERITY[s], s is Status.OVERDUE)))
_STATUS_ZH: Final = {
    Status.ATTAINED: "已达成",
    Status.ON_TRACK: "进度正常",
    Status.AT_RISK: "存在风险",
    Status.OFF_TRACK: "明显滞后",
    Status.MISSED: "逾期未完成",
    Status.NO_DATA: "无数据",
    Status.OVERDUE: "到期无数据",
}
