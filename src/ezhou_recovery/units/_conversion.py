"""Reading a value in a unit's dimension, and converting exactly (Decimal stays Decimal)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pint
import pint.util

from ezhou_recovery.errors import UnitError
from ezhou_recovery.units._formatting import describe_dimension, format_quantity
from ezhou_recovery.units._magnitudes import (
    held_magnitude_problem,
    is_number,
    magnitude_problem,
    to_decimal,
)
from ezhou_recovery.units._parsing import coerce_unit, parse_quantity
from ezhou_recovery.units._registry import Q_, Quantity, ureg, zh_name


def quantity_in(
    value: Any, unit: pint.Unit | str, *, what: str = "value", unit_text: str | None = None
) -> Quantity:
    """Read ``value`` as a quantity in ``unit``'s dimension, converted to ``unit``.

    ``value`` may be a quantity, a number (taken to be in ``unit``) or a text for
    :func:`parse_quantity` (a bare number or a generic measure word is taken to be in ``unit``).
    A number or a text must follow the range rule of :func:`magnitude_problem`; a quantity must
    be below :data:`MAX_HELD_MAGNITUDE`.

    Args:
        value: The value.
        unit: The unit to read it in.
        what: What is being read, for the message (a target's key).
        unit_text: How the unit is written for people (万千瓦), for the message.

    Raises:
        UnitError: The value cannot be read, or its unit is of another dimension than ``unit``;
            the message says what each measures, in words: ``5 ha is an area; this target
            counts power (万千瓦)``.
    """
    return _quantity_in(value, unit, what, magnitude_problem, unit_text)


def _quantity_in(
    value: Any,
    unit: pint.Unit | str,
    what: str,
    rule: Callable[[Any], str | None],
    unit_text: str | None = None,
) -> Quantity:
    target_unit = coerce_unit(unit)
    if isinstance(value, pint.Quantity):
        if value._REGISTRY is not ureg:
            raise UnitError(value, f"{what}: quantity from another unit registry")
        problem = held_magnitude_problem(value.magnitude) if is_number(value.magnitude) else None
        if problem is not None:
            raise UnitError(value, f"{what}: {problem}")
        q = value
    elif isinstance(value, str):
        q = parse_quantity(value, unit=target_unit)
    else:
        q = Q_(to_decimal(value, value, rule), target_unit)
    if q.dimensionality != target_unit.dimensionality:
        shown = value.strip() if isinstance(value, str) else format_quantity(q, lang="en")
        raise UnitError(
            value, f"{what}: {dimension_mismatch(shown, q.units, target_unit, unit_text)}"
        )
    return convert(q, target_unit)


def dimension_mismatch(
    shown: str, unit: Any, expected: Any, expected_text: str | None = None
) -> str:
    """Why a value cannot be read in a unit, in words: ``5 ha is an area; this target counts
    power (万千瓦)``, never pint's dimensionality."""
    is_, _ = describe_dimension(unit)
    _, counts = describe_dimension(expected)
    written = expected_text or zh_name(expected) or f"{expected:~P}"
    return f"{shown} is {is_}; this target counts {counts} ({written})"


def convert(q: Quantity, unit: pint.Unit) -> Quantity:
    """``q`` in ``unit``; a Decimal magnitude stays exact where the factor is a simple fraction.

    pint multiplies by floating-point factors, so 90 minutes would come out as 1.4999999999999999
    hours. For a Decimal (or whole-number) magnitude both units' factors to the base units (60 s,
    3600 s, 1000 m) are taken as the decimals they are written as and applied in decimal arithmetic:
    90分钟 is exactly 1.5 hours, 72小时 exactly 3 days, 1.609344 km exactly 1 mile.
    """
    if q.units == unit:
        return q
    magnitude = q.magnitude
    if isinstance(magnitude, bool) or not isinstance(magnitude, Decimal | int):
        return q.to(unit)
    return Q_(Decimal(magnitude) * root_factor(q.units) / root_factor(unit), unit)


def root_factor(unit: Any) -> Decimal:
    # pint's factors to base units are floats like 60.0, 0.001 or 1e8; their shortest repr is the
    # decimal the definition wrote, which Decimal then keeps exactly.
    factor: Any = ureg.get_root_units(unit)[0]
    return Decimal(repr(float(factor)))


def money(value: Any, unit: str = "yi_yuan") -> Quantity:
    """An exact amount of money: a quantity in ``unit`` (元, 万元 or 亿元) with a Decimal magnitude.

    ``value`` may be text (``46.71亿元``), a number in ``unit``, or a money quantity. A text follows
    the range rule of :func:`magnitude_problem`; a number, often computed, must be below
    :data:`MAX_HELD_MAGNITUDE`.

    Raises:
        UnitError: The value is not an amount of money.
    """
    q = _quantity_in(value, unit, "amount of money", held_magnitude_problem)
    if not isinstance(q.magnitude, Decimal):
        q = Q_(to_decimal(q.magnitude, value, held_magnitude_problem), q.units)
    return q


def is_money(q: Quantity) -> bool:
    """Whether ``q`` is an amount of money."""
    return bool(q.dimensionality == ureg.yuan.dimensionality)
