"""How observed values are written, shared by the observation classes, the readers of files and
the generators of test data: the words for a milestone done or not, and quantities made exact."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Final

import pint

from ezhou_recovery.units import Q_, ureg

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "exact_quantity"]

#: Words read as a milestone done (compared in lower case).
TRUE_WORDS: Final = frozenset({"true", "yes", "done", "1", "是", "已完成", "完成"})
#: Words read as a milestone not done (compared in lower case).
FALSE_WORDS: Final = frozenset({"false", "no", "not done", "0", "否", "未完成"})


def exact_quantity(value: Any) -> Any:
    """A quantity with a whole or float magnitude as the same quantity with a Decimal magnitude
    (so that unit conversions are exact); anything else unchanged."""
    if isinstance(value, pint.Quantity) and isinstance(value.magnitude, int | float):
        magnitude = value.magnitude
        if isinstance(magnitude, bool) or not math.isfinite(magnitude):
            return value
        number = Decimal(magnitude) if isinstance(magnitude, int) else Decimal(repr(magnitude))
        return Q_(number, value.units) if value._REGISTRY is ureg else value
    return value
