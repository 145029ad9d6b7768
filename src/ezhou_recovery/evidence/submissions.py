"""Reports received: which deadline each answers, from whom, and when it arrived (China time).

Matching them to deadlines: :mod:`ezhou_recovery.analysis.matching`; reading them from files:
:mod:`ezhou_recovery.io.submission_files`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery._core.dates import check_in_range
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.model.obligations import Deadline

__all__ = ["CHINA_TIME", "Submission", "china_day"]

#: The time zone submissions are compared in (China Standard Time, UTC+8, no daylight saving).
CHINA_TIME: Final = ZoneInfo("Asia/Shanghai")


def china_day(moment: datetime) -> date:
    """The day of an aware ``moment`` in China time.

    Raises:
        ValueError: The moment lies beyond the calendar in China time.
    """
    try:
        return moment.astimezone(CHINA_TIME).date()
    except (OverflowError, ValueError):
        raise ValueError("beyond the calendar in China time") from None


def _moment(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise v.fail(
                instance,
                attribute.name,
                value,
                "a time needs a time zone (for example +08:00 or Z); naive times are ambiguous",
            )
    elif not isinstance(value, date):
        raise v.fail(instance, attribute.name, value, "must be a date or a time-zone-aware time")
    try:
        check_in_range(china_day(value) if isinstance(value, datetime) else value)
    except ValueError as exc:
        raise v.fail(instance, attribute.name, value, f"in China time, {exc}") from None


def _optional_slug(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        v.slug(instance, attribute, value)


@attrs.frozen
class Submission:
    """One report received.

    A submission answers the deadlines of ``obligation`` owed by ``department`` for ``period``.
    With ``category`` it answers only that category's deadline; without, it answers every category
    the department reports on for that obligation and period (one report per department).

    Attributes:
        obligation: Key of the reporting duty (``quarterly_progress``).
        department: Key of the reporting department.
        submitted_at: When it arrived: a date, or a time-zone-aware datetime (naive times are
            rejected). Compared in China time.
        period: Label of the period covered (``2021Q2``); None for a duty due once, which has
            only one period.
        category: Key of the category reported on, when the report is for one category.
        note: Free text.
    """

    obligation: str = attrs.field(validator=v.slug)
    department: str = attrs.field(validator=v.slug)
    submitted_at: date | datetime = attrs.field(validator=_moment)
    period: str | None = attrs.field(default=None, validator=v.optional_text)
    category: str | None = attrs.field(default=None, validator=_optional_slug)
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    @classmethod
    def for_deadline(
        cls, deadline: Deadline | str, submitted_at: date | datetime, note: str | None = None
    ) -> Submission:
        """A submission answering one deadline, given as a :class:`Deadline` or its key
        (``quarterly_progress/-/transport_bureau/2021Q2``; ``-`` for no category).

        Raises:
            InvariantError: The key does not have four parts.
        """
        key = deadline.key if isinstance(deadline, Deadline) else deadline
        parts = key.split("/") if isinstance(key, str) else []
        if len(parts) != 4 or not all(parts):
            raise InvariantError(
                "Submission", "deadline", key, "expected obligation/category/department/period"
            )
        obligation, category, department, period = parts
        return cls(
            obligation,
            department,
            submitted_at,
            period=period,
            category=None if category == "-" else category,
            note=note,
        )

    @property
    def received_on(self) -> date:
        """The day it arrived, in China time."""
        at = self.submitted_at
        if isinstance(at, datetime):
            return at.astimezone(CHINA_TIME).date()
        return at
