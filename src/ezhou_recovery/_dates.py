"""Reading dates from data: one rule for every loader."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Final

#: Dates a document may hold: wide enough for any plan, narrow enough that date arithmetic (the day
#: after the issue, the quarter after the end) never leaves Python's calendar.
DATE_RANGE: Final = (date(1900, 1, 1), date(2199, 12, 31))
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_date(value: Any) -> date:
    """A date given as a :class:`datetime.date` or as text ``YYYY-MM-DD``.

    Raises:
        ValueError: Says what is wrong: not written YYYY-MM-DD, not a real date (2021-02-30), or
            outside :data:`DATE_RANGE`.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"not a real date ({exc}; dates are written YYYY-MM-DD)") from None
    else:
        raise ValueError("expected a date written YYYY-MM-DD")
    check_in_range(day)
    return day


def check_in_range(day: date) -> None:
    """Raise ValueError when ``day`` is outside :data:`DATE_RANGE`."""
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise ValueError(f"outside the years {DATE_RANGE[0].year} to {DATE_RANGE[1].year}")
