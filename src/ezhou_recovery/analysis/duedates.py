"""Due-date conventions: when a report due "before the 25th" stops being on time.

The plan writes 每季度最后一个月的25日前 ("before the 25th of each quarter's last month"). Whether the
25th itself is still on time, whether a few days of grace apply, and what happens when the date falls
on a weekend or a public holiday are choices; :class:`DueConvention` makes them explicit. See
``docs/compliance.md``.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.analysis.calendar import next_working_day
from ezhou_recovery.model.obligations import Deadline

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Programme

__all__ = ["DueConvention", "HolidayPolicy", "Upcoming", "upcoming"]


class HolidayPolicy(enum.StrEnum):
    """What happens to a due date that falls on a day off."""

    #: The date stands as written, weekend or holiday (the default).
    AS_WRITTEN = "as_written"
    #: A due date on a weekend or public holiday moves to the next working day, counting the
    #: weekends China makes working days (调休) as working days.
    NEXT_WORKING_DAY = "next_working_day"


@attrs.frozen
class DueConvention:
    """How a written due date turns into the last day a report is on time.

    Attributes:
        inclusive: Whether the written day itself is on time (by default it is: a report on the
            25th meets "25日前"). When False, the last on-time day is the day before.
        grace_days: Calendar days added after that day (none by default).
        holidays: Whether a last day that falls on a day off stands or moves to the next working
            day (it stands by default). Moving uses the official calendar with its 调休 days.
    """

    inclusive: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    grace_days: int = attrs.field(default=0, validator=v.non_negative_int)
    holidays: HolidayPolicy = attrs.field(
        default=HolidayPolicy.AS_WRITTEN, validator=attrs.validators.instance_of(HolidayPolicy)
    )

    def last_on_time_day(self, due: date) -> date:
        """The last day a report due on ``due`` is on time.

        The written day (or the day before it, when not inclusive) moves to the next working day
        under :attr:`HolidayPolicy.NEXT_WORKING_DAY`; grace days are then added.

        Raises:
            CalendarUnavailableError: Moving needs the holiday calendar and it is missing or has
                no data for the year.
        """
        day = due if self.inclusive else due - timedelta(days=1)
        if self.holidays is HolidayPolicy.NEXT_WORKING_DAY:
            day = next_working_day(day)
        return day + timedelta(days=self.grace_days)

    def days_late(self, due: date, received: date) -> int:
        """Days after the last on-time day that ``received`` falls; 0 when on time."""
        return max(0, (received - self.last_on_time_day(due)).days)


@attrs.frozen
class Upcoming:
    """A deadline still ahead.

    Attributes:
        deadline: The deadline.
        last_day: Its last on-time day under the convention.
        days_left: Days from the status date to ``last_day`` (0 when it is today).
    """

    deadline: Deadline
    last_day: date
    days_left: int


def upcoming(
    programme: Programme,
    as_of: date,
    within: int = 30,
    convention: DueConvention | None = None,
) -> tuple[Upcoming, ...]:
    """What falls due next, by whom: deadlines whose last on-time day is ``as_of`` or up to
    ``within`` days after it, in order of that day.

    Args:
        programme: The programme.
        as_of: The status date.
        within: How many days ahead to look (0: only what is due today).
        convention: The due-date convention; the default convention when None.

    Raises:
        ValueError: ``within`` is negative.
    """
    if isinstance(within, bool) or not isinstance(within, int) or within < 0:
        raise ValueError(f"within must be a whole number of days, zero or more: {within!r}")
    convention = convention or DueConvention()
    horizon = as_of + timedelta(days=within)
    # A moved or graced last day lies after the written one; widen the search back to cover it.
    slack = convention.grace_days + (
        15 if convention.holidays is HolidayPolicy.NEXT_WORKING_DAY else 0
    )
    # When the written day is not itself on time, the last day is the day before: a deadline due
    # the day after the horizon may end inside the window.
    ahead = 0 if convention.inclusive else 1
    found = []
    for deadline in programme.deadlines(
        as_of - timedelta(days=slack), horizon + timedelta(days=ahead)
    ):
        last = convention.last_on_time_day(deadline.due)
        if as_of <= last <= horizon:
            found.append(Upcoming(deadline, last, (last - as_of).days))
    found.sort(key=lambda u: (u.last_day, u.deadline))
    return tuple(found)
