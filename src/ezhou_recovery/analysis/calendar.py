"""The official calendar of working days in mainland China, from the ``chinese-calendar`` package.

China moves working days around its public holidays (调休): a Saturday or Sunday next to a holiday
can be a working day. The State Council publishes the arrangement each year; ``chinese-calendar``
carries it (2004 onward, one release per new year). This module is the only place that imports it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ezhou_recovery.errors import CalendarUnavailableError

__all__ = ["CalendarUnavailableError", "is_working_day", "next_working_day"]


def _package(day: date) -> Any:
    try:
        import chinese_calendar
    except ImportError:
        raise CalendarUnavailableError(
            day,
            "the Chinese holiday calendar is not installed: pip install 'ezhou-recovery[holidays]'",
        ) from None
    return chinese_calendar


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day in mainland China, 调休 working weekends included.

    Raises:
        CalendarUnavailableError: The calendar package is missing or has no data for the year.
    """
    package = _package(day)
    try:
        return bool(package.is_workday(day))
    except NotImplementedError as exc:
        raise CalendarUnavailableError(day, f"the holiday calendar has no data ({exc})") from None


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it.

    Raises:
        CalendarUnavailableError: The calendar package is missing or has no data for the year.
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
