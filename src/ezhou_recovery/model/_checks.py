"""Attribute validators shared by the model's classes and the world's (evidence) classes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pint

from ezhou_recovery._core import validators as v
from ezhou_recovery.units import format_quantity, held_magnitude_problem, is_money, ureg

__all__ = ["money_amount", "optional_money_amount"]


def money_amount(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: an exact, non-negative amount of money (元, 万元 or 亿元) of the
    library's registry."""
    if not isinstance(value, pint.Quantity) or value._REGISTRY is not ureg:
        raise v.fail(instance, attribute.name, value, "must be an amount of money (a quantity)")
    if not is_money(value):
        raise v.fail(
            instance,
            attribute.name,
            format_quantity(value),
            f"must be an amount of money in 元, 万元 or 亿元, not in {value.units:~P}",
        )
    if not isinstance(value.magnitude, Decimal | int):
        raise v.fail(instance, attribute.name, value, "must be exact (a Decimal magnitude)")
    problem = held_magnitude_problem(value.magnitude)
    if problem is not None:
        raise v.fail(instance, attribute.name, value, problem)
    if value.magnitude < 0:
        raise v.fail(instance, attribute.name, format_quantity(value), "must not be negative")


def optional_money_amount(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: None, or an amount of money as :func:`money_amount` requires."""
    if value is not None:
        money_amount(instance, attribute, value)
