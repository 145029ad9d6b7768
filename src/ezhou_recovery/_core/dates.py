"""Reading dates from data: one rule for every loader."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Final

#: Dates a document may hold: wide enough for any plan, narrow enough that date arithmetic (the day
#: after the issue, the quarter after the end) never leaves Python's calendar.
DATE_RANGE: Final = (date(1900, 1, 1), date(2199, 12, 31))
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def read_date(value: Any) -> date:
    """A date given as a :class:`datetime.date` or as text ``YYYY-MM-DD`` (full-width digits, as
    Chinese input methods type them, are read as the digits they are).

    Raises:
        ValueError: Says what is wrong: not written YYYY-MM-DD, not a real date (2021-02-30), or
            outside :data:`DATE_RANGE`.
    """
    text = ascii_digits(value.strip()) if isinstance(value, str) else None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif text is not None and _ISO_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"not a real date ({exc}; dates are written YYYY-MM-DD)") from None
    else:
        raise ValueError("expected a date written YYYY-MM-DD")
    check_in_range(day)
    return day


def ascii_digits(text: str) -> str:
    """``text`` with full-width forms of ASCII characters (digits, hyphens, colons, as Chinese input
    methods type them) as the ASCII characters they are; anything else unchanged."""
    if text.isascii():
        return text
    return text.translate(_FULL_WIDTH)


# The full-width forms U+FF01..U+FF5E stand 0xFEE0 above the ASCII characters they copy.
_FULL_WIDTH: Final = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


def check_in_range(day: date) -> None:
    """Raise ValueError when ``day`` is outside :data:`DATE_RANGE`."""
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise ValueError(f"outside the years {DATE_RANGE[0].year} to {DATE_RANGE[1].year}")
