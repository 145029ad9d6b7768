"""Periods of time: a programme's span, the quarter a report covers."""

from __future__ import annotations

from datetime import date

import attrs

from ezhou_recovery._core import validators as v

__all__ = ["Period", "quarter_of"]


@attrs.frozen
class Period:
    """A closed span of days, ``start`` and ``end`` included.

    Attributes:
        start: First day.
        end: Last day; not before ``start``.
    """

    start: date = attrs.field(validator=v.a_date)
    end: date = attrs.field(validator=v.a_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise v.fail(self, "end", self.end, f"is before start {self.start.isoformat()}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """A short name: ``2021Q2`` for a calendar quarter, ``2020`` for a year, else the dates."""
        s, e = self.start, self.end
        if s.day == 1 and (s.month - 1) % 3 == 0 and quarter_of(s) == self:
            return f"{s.year}Q{(s.month - 1) // 3 + 1}"
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return str(s.year)
        return f"{s.isoformat()}..{e.isoformat()}"

    def __str__(self) -> str:
        return self.label


def quarter_of(day: date) -> Period:
    """The calendar quarter that holds ``day``."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    return Period(start, date.fromordinal(end.toordinal() - 1))
