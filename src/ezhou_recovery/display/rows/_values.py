"""How a record writes a value: exact numbers, units, money in 亿元, rates, text and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Final

import pint

from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.units import Quantity, format_quantity

#: One value of a record: text, a number (exact Decimal, int or a float share), a date, a flag.
Cell = str | int | float | Decimal | date | bool | None

#: A record of any kind, as the writers (CSV, JSON, frames, sheets) read it.
Record = Mapping[str, object]

#: Places of the rates, scores and mean days late of a tally record (``0.2500``).
RATE_PLACES: Final = 4

#: Significant digits of the estimates of a result record (projection, catch-up pace).
ESTIMATE_DIGITS: Final = 6

#: Columns that hold a rate or share: CSV and JSON write each to :data:`RATE_PLACES` places.
SHARE_COLUMNS: Final = frozenset(
    {
        "progress",
        "expected_progress",
        "gap",
        "share_attained",
        "coverage",
        "mean_progress",
        "mean_progress_reported",
        "mean_expected_progress",
        "completion_rate",
        "time_progress",
        "gap_pp",
        "first_year_rate",
        "reporting_rate",
        "on_time_rate",
        "score",
    }
)


def share_value(value: object) -> object:
    """A rate or share to :data:`RATE_PLACES` places, rounded down so that it never flatters
    (0.99996 is ``0.9999``, never ``1.0000``); None and other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    if isinstance(value, float):
        if value != value:  # nan
            return None
        value = Decimal(f"{value:.10f}")
    return value.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_FLOOR)


def plain_decimal(number: Decimal) -> Decimal:
    """``number`` without trailing zeros and never in exponent notation (``1.2000`` -> ``1.2``)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def unit_code(q: Quantity) -> str:
    """The unit of ``q`` as the programme format writes it (``km``, ``yi_yuan``, ``percent``)."""
    code = format(q.units, "D")
    return "" if code == "dimensionless" else code


def magnitude(q: Quantity) -> Decimal | float | int:
    """The magnitude of ``q``: a Decimal without trailing zeros when exact, else as it is."""
    m = q.magnitude
    if isinstance(m, Decimal):
        return plain_decimal(m)
    return m if isinstance(m, int | float) else float(m)


def yi_yuan(q: Quantity | None) -> Decimal | None:
    """An amount of money in 亿元, exactly; None stays None."""
    if q is None:
        return None
    m = q.to("yi_yuan").magnitude
    return plain_decimal(m if isinstance(m, Decimal) else Decimal(m))


def unit_zh(q: Quantity) -> str:
    """The unit of ``q`` as a Chinese reader writes it (``公里``), else its pint symbol."""
    text = format_quantity(q.__class__(Decimal(1), q.units), lang="zh")
    return text[1:].strip()


def exact_share(x: Decimal | None) -> Decimal | None:
    """An exact share without trailing zeros; None stays None."""
    return None if x is None else plain_decimal(x)


def fraction_value(x: Fraction | None, *, rate: bool = True) -> Decimal | None:
    """An exact fraction as a Decimal to :data:`RATE_PLACES` places, trailing zeros kept: a rate
    rounded down (it never flatters), another figure to the nearest."""
    if x is None:
        return None
    exact = Decimal(x.numerator) / Decimal(x.denominator)
    if rate:
        return exact.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_FLOOR)
    return exact.quantize(Decimal(1).scaleb(-RATE_PLACES))


def estimate(q: Quantity | None) -> Decimal | None:
    """The magnitude of an estimate as a Decimal: exact when it is exact, else a binary float
    rounded to :data:`ESTIMATE_DIGITS` significant digits (``179.51086956521738`` -> ``179.511``).
    """
    if q is None:
        return None
    m = q.magnitude
    if isinstance(m, Decimal):
        return plain_decimal(m)
    return plain_decimal(Decimal(format(float(m), f".{ESTIMATE_DIGITS}g")))


def value_parts(
    value: Quantity | bool | QualitativeLevel | None,
) -> tuple[Decimal | float | int | bool | str | None, str | None, str | None]:
    """(exact magnitude or plain value, unit code, text) of an observed or judged value."""
    if value is None:
        return None, None, None
    if isinstance(value, bool):
        return value, None, "是 done" if value else "否 not done"
    if isinstance(value, pint.Quantity):
        return magnitude(value), unit_code(value), format_quantity(value)
    # A qualitative level: its value, with its Chinese and English names as text.
    return str(value), None, f"{value.name_zh} {value.name_en}"


def observation_value_text(value: Quantity | bool | QualitativeLevel | None) -> str | None:
    """An observed or judged value as a person reads it (``32 公里``, ``是 done``); None for none."""
    return value_parts(value)[2]


def text_value(value: object) -> str:
    """A record value as text for CSV and terminals: dates ISO, None empty.

    Decimals are written as they are, never in exponent notation: the record decides the places
    (:func:`plain_decimal` for exact numbers, four places for rates).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_value(value: object) -> object:
    """A record value for JSON: dates ISO text, Decimals as decimal text (as :func:`text_value`)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value
