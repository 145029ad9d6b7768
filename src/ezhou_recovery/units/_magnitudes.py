"""The range rules for magnitudes: what a value entering the library, and a value a model object
holds, may be."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from ezhou_recovery.errors import UnitError

#: Values entering the library (text, JSON and spreadsheet numbers, Python numbers and quantities)
#: are below this in the unit they are written in...
MAX_MAGNITUDE: Final = Decimal(10) ** 15
#: ...have at most this many significant digits...
MAX_DIGITS: Final = 18
#: ...and no digit below this power of ten.
MIN_EXPONENT: Final = -30
#: Values held by the model's objects, converted to their target's unit, are below this: the entry
#: bound times the largest conversion factor the library applies (cubic kilometres to cubic metres).
MAX_HELD_MAGNITUDE: Final = Decimal(10) ** 24


def magnitude_problem(number: Decimal | int | float) -> str | None:
    """What makes ``number`` unfit to enter the library as a value, or None when it is fit.

    The rule, one for every way a value enters: a finite number below 10^15 in the unit it is
    written in, with at most 18 significant digits and no digit below 10^-30. Every conversion the
    library makes (亿元 to 元 multiplies by 10^8) and every figure an exporter writes then stays exact
    within Decimal's 28 digits.
    """
    if isinstance(number, bool):
        return "a true/false value is not a number"
    if isinstance(number, float):
        if not math.isfinite(number):
            return "not a finite number"
        number = Decimal(repr(number))
    elif isinstance(number, int):
        number = Decimal(number)
    if not number.is_finite():
        return "not a finite number"
    if not number:
        return None
    if number.adjusted() >= 15:
        return "beyond the range of values: a value is below 10^15 in the unit it is written in"
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    kept = len(digits)
    while kept > 1 and digits[kept - 1] == 0:
        kept -= 1
    exponent += len(digits) - kept
    if kept > MAX_DIGITS:
        return f"beyond the range of values: a value has at most {MAX_DIGITS} significant digits"
    if exponent < MIN_EXPONENT:
        return f"beyond the range of values: a value has no digit below 10^{MIN_EXPONENT}"
    return None


def held_magnitude_problem(number: Any) -> str | None:
    """What makes the magnitude ``number`` of a model object unfit, or None: it must be finite and
    below 10^24 (see :data:`MAX_HELD_MAGNITUDE`)."""
    if isinstance(number, bool) or not isinstance(number, Decimal | int | float):
        return "not a number"
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not exact.is_finite():
        return "not a finite number"
    if abs(exact) >= MAX_HELD_MAGNITUDE:
        return "beyond the range of values (10^24 in the target's unit)"
    return None


def to_decimal(
    value: Any, text: object, rule: Callable[[Any], str | None] = magnitude_problem
) -> Decimal:
    if isinstance(value, bool):
        raise UnitError(text, "a true/false value is not a quantity")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        raise UnitError(text, "not a number")
    problem = rule(number)
    if problem is not None:
        raise UnitError(text, problem)
    return number


def is_number(magnitude: Any) -> bool:
    return isinstance(magnitude, Decimal | int | float) and not isinstance(magnitude, bool)
