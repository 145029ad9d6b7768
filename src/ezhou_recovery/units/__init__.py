"""Units: the library's own pint registry, and reading quantities as Chinese official texts write them.

The registry is owned by this library (not pint's application registry), so that its counted things
and money units never leak into, or collide with, another library's. Each counted thing (beds, base
stations, villages, ...) is its own base dimension: adding beds to base stations, or beds to
kilometres, raises :class:`pint.DimensionalityError` instead of giving a number.

Magnitudes read from text are :class:`decimal.Decimal`, so money in 元 / 万元 / 亿元 adds and converts
exactly (the conversion factors are whole powers of ten).

The parts: ``_registry`` (the registry and its definitions, the Chinese unit words),
``_parsing`` (reading units, quantities and qualifying words), ``_magnitudes`` (the range
rules), ``_conversion`` (reading a value in a unit, exact conversion), ``_formatting``
(writing quantities for people). :mod:`ezhou_recovery.units.reporting` is the units a sector reports in.
"""

from __future__ import annotations

from ezhou_recovery.units._conversion import (
    convert,
    dimension_mismatch,
    is_money,
    money,
    quantity_in,
)
from ezhou_recovery.units._formatting import describe_dimension, format_quantity, format_words
from ezhou_recovery.units._magnitudes import (
    MAX_DIGITS,
    MAX_HELD_MAGNITUDE,
    MAX_MAGNITUDE,
    MIN_EXPONENT,
    held_magnitude_problem,
    magnitude_problem,
)
from ezhou_recovery.units._parsing import (
    QUALIFIER_WORDS,
    Qualifier,
    parse_quantity,
    parse_unit,
    read_qualified,
)
from ezhou_recovery.units._registry import (
    COUNTED_THINGS,
    GENERIC_MEASURE_WORDS,
    Q_,
    UNIT_SYMBOLS,
    Quantity,
    Unit,
    declare_counted_thing,
    share,
    ureg,
    zh_unit_words,
)

__all__ = [
    "COUNTED_THINGS",
    "GENERIC_MEASURE_WORDS",
    "MAX_DIGITS",
    "MAX_HELD_MAGNITUDE",
    "MAX_MAGNITUDE",
    "MIN_EXPONENT",
    "QUALIFIER_WORDS",
    "Q_",
    "UNIT_SYMBOLS",
    "Qualifier",
    "Quantity",
    "Unit",
    "convert",
    "declare_counted_thing",
    "describe_dimension",
    "dimension_mismatch",
    "format_quantity",
    "format_words",
    "held_magnitude_problem",
    "is_money",
    "magnitude_problem",
    "money",
    "parse_quantity",
    "parse_unit",
    "quantity_in",
    "read_qualified",
    "share",
    "ureg",
    "zh_unit_words",
]
