"""JSON documents of results: assessments, compliance, roll-ups, tallies and schedules.

Each result class gets a document format (``ezhou-recovery/assessment``, version 1, ...) in the
registry of :mod:`~ezhou_recovery.serialization`, so ``to_json`` writes it and ``from_json`` reads
it back equal to what was written. The documents are built generically from the classes' attrs
fields (cattrs), so a field added to a result is written and read without further code.

Besides the model's conventions (exact decimals as text, quantities with their unit, ISO dates),
a result document writes a share that is a float (progress, time progress) as a JSON number (it
reads back to the same float) and an exact fraction (a rate, ES in days) as text ``"3/4"``.

:mod:`~ezhou_recovery.serialization` imports this module the first time a result's format is asked
for, so that reading a plan does not import the attainment and compliance modules.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any, Final

import attrs

from ._converter import _ProblemError, converter
from .attainment import Assessment, Rollup, TargetResult, Thresholds, YearResult
from .bulletin import (
    Bulletin,
    BulletinHeader,
    CallInEntry,
    CategorySection,
    Changes,
    DepartmentChange,
    DepartmentReporting,
    Headline,
    InvestmentChange,
    StatusChange,
)
from .compliance import Compliance, DeadlineStatus, Laggard, ScoringRule, Tally
from .duedates import DueConvention
from .investment import AnnualMoneyResult, MoneyResult
from .schedule import EarnedSchedule, MilestoneStatus, ScheduleStatus
from .serialization import FORMAT_PREFIX, DocumentFormat, register_format

__all__ = ["RESULT_FORMATS", "RESULT_FORMAT_VERSION"]

#: The version of every result format; reading another version is an error.
RESULT_FORMAT_VERSION: Final = 1

#: Each result class and the last part of its format name.
RESULT_FORMATS: Final[dict[type, str]] = {
    Assessment: "assessment",
    TargetResult: "target-result",
    YearResult: "year-result",
    Rollup: "rollup",
    Thresholds: "thresholds",
    MoneyResult: "money-result",
    AnnualMoneyResult: "annual-money-result",
    Compliance: "compliance",
    DeadlineStatus: "deadline-status",
    Tally: "tally",
    Laggard: "laggard",
    ScoringRule: "scoring-rule",
    DueConvention: "due-convention",
    ScheduleStatus: "schedule-status",
    MilestoneStatus: "milestone-status",
    EarnedSchedule: "earned-schedule",
    Bulletin: "bulletin",
    BulletinHeader: "bulletin-header",
    Headline: "bulletin-headline",
    Changes: "bulletin-changes",
    StatusChange: "status-change",
    DepartmentChange: "department-change",
    InvestmentChange: "investment-change",
    CategorySection: "bulletin-category",
    DepartmentReporting: "department-reporting",
    CallInEntry: "call-in",
}

_FRACTION: Final = re.compile(r"^[+-]?\d+(/\d+)?$")


def _structure_fraction(value: Any, _: type) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _ProblemError("expected a fraction written as text, such as '3/4'", value)
    if isinstance(value, int):
        return Fraction(value)
    if not _FRACTION.fullmatch(value):
        raise _ProblemError("expected a fraction written as text, such as '3/4'", value)
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise _ProblemError("a fraction's denominator cannot be 0", value) from None


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _ProblemError("expected a number", value)
    number = float(value)
    if not math.isfinite(number):
        raise _ProblemError("expected a finite number", value)
    return number


def _register() -> None:
    for cls in RESULT_FORMATS:
        attrs.resolve_types(cls)
    converter.register_structure_hook(Fraction, _structure_fraction)
    converter.register_unstructure_hook(Fraction, str)
    converter.register_structure_hook(float, _structure_float)
    for cls, name in RESULT_FORMATS.items():
        register_format(DocumentFormat(cls, FORMAT_PREFIX + name, RESULT_FORMAT_VERSION))


_register()
