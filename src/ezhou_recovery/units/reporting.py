"""Reporting units: the unit a sector writes its numbers in (万千瓦, 亿立方米, 万吨, 公里).

A plan writes "新增装机50万千瓦": the energy bureau reports 40 meaning 40万千瓦. The library keeps
every quantity in its canonical unit (500000 kW) for arithmetic, and keeps beside each target the
unit its plan wrote (万千瓦, ten thousand kW) for reading bare numbers and for showing values. The
conversion between the two is exact: the factor is a whole power of ten and magnitudes are Decimals.

万 and 亿 before a generic measure word are numbers, not units: ``10万个感知单元`` is reported in
个感知单元, so a bare 85000 is 85,000 sensing units.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

import attrs
import pint

from ezhou_recovery.errors import UnitError
from ezhou_recovery.units import (
    GENERIC_MEASURE_WORDS,
    Q_,
    Quantity,
    convert,
    format_quantity,
    format_words,
    parse_unit,
    ureg,
)
from ezhou_recovery.units._formatting import format_number
from ezhou_recovery.units._parsing import normalise
from ezhou_recovery.units._registry import ZH_UNITS

__all__ = ["MULTIPLIERS", "ReportingUnit", "reporting_unit_of"]

#: Chinese number words a reporting unit may start with, and their factors.
MULTIPLIERS: Final[dict[str, Decimal]] = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
#: Unit words a sector writes that are kept as written (方 for 立方米 in water and earthworks).
SECTOR_WORDS: Final[frozenset[str]] = frozenset({"方"})
# Unit words whose own name starts with 万 or 亿 (万元, 亿元): not a multiplier and a unit.
_NUMBER_PART = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*")


def _is_unit(value: Any) -> bool:
    return isinstance(value, pint.Unit) and value._REGISTRY is ureg


def _canonical_text(unit: pint.Unit) -> str:
    shown = format_quantity(Q_(Decimal(1), unit), lang="zh")
    return shown[1:].strip() if shown.startswith("1") else f"{unit:~P}"


@attrs.frozen
class ReportingUnit:
    """The unit a target's sector writes its numbers in, and how it maps to the canonical unit.

    Attributes:
        text: The unit as the plan writes it (``万千瓦``, ``亿立方米``, ``公里``, ``个感知单元``).
        unit: The canonical pint unit quantities are kept in (``kW``).
        factor: How many canonical units one reporting unit is (10000 for 万千瓦), exactly.
    """

    text: str = attrs.field()
    unit: pint.Unit = attrs.field()
    factor: Decimal = attrs.field(default=Decimal(1))

    @text.validator
    def _check_text(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise UnitError(value, "a reporting unit needs its text (such as '万千瓦')")

    @unit.validator
    def _check_unit(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not _is_unit(value):
            raise UnitError(value, "a reporting unit's unit must be a unit of ezhou_recovery.ureg")

    @factor.validator
    def _check_factor(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
            raise UnitError(value, "a reporting unit's factor must be a positive Decimal")

    @classmethod
    def of(cls, unit: Any) -> ReportingUnit:
        """The plain reporting unit of a canonical unit (公里 for km), factor 1."""
        canonical = parse_unit(unit) if isinstance(unit, str) else unit
        return cls(_canonical_text(canonical), canonical)

    @classmethod
    def parse(cls, text: str) -> ReportingUnit:
        """Read a reporting unit as a plan writes it: ``万千瓦``, ``亿立方米``, ``亿方``, ``公里``.

        Raises:
            UnitError: The text is not a unit, or a multiplier with a unit.
        """
        if not isinstance(text, str) or not text.strip():
            raise UnitError(text, "a reporting unit needs its text (such as '万千瓦')")
        word = _normal(text)
        head, rest = word[:1], word[1:]
        if head in MULTIPLIERS and rest and not _plain_unit_word(word):
            if rest[:1] in GENERIC_MEASURE_WORDS:
                raise UnitError(
                    text,
                    f"{head} before a measure word is a number, not a unit: write the count in "
                    f"{rest} (10万个 is 100000 {rest})",
                )
            base = _unit(rest, text)
            return cls(head + _display_word(rest, base), base, MULTIPLIERS[head])
        unit = _unit(word, text)
        return cls(_display_word(word, unit), unit)

    def quantity(self, number: Any) -> Quantity:
        """A bare number in this unit as a canonical quantity, exactly (40 万千瓦 -> 400000 kW).

        Raises:
            UnitError: The number is not a finite number (a bool is not a number).
        """
        return Q_(_decimal(number) * self.factor, self.unit)

    def number(self, q: Quantity) -> Decimal:
        """A quantity as a number in this unit, exactly (400000 kW -> 40 for 万千瓦).

        Raises:
            UnitError: The quantity is of another dimension.
        """
        if q.dimensionality != self.unit.dimensionality:
            raise UnitError(q, f"not a quantity of {self.text}")
        magnitude = convert(q, self.unit).magnitude
        return _decimal(magnitude) / self.factor

    def format(self, q: Quantity, lang: str = "zh") -> str:
        """Write ``q`` in this unit: ``50万千瓦`` (English shows a 万/亿 unit as written too)."""
        if self.factor == 1 and lang != "zh":
            return format_words(convert(q, self.unit))
        return f"{format_number(self.number(q))}{self.text}"

    @property
    def canonical(self) -> bool:
        """Whether this is the canonical unit itself (factor 1)."""
        return self.factor == 1

    def __str__(self) -> str:
        return self.text


def _normal(text: str) -> str:
    return normalise(text).strip()


def _plain_unit_word(word: str) -> bool:
    return word in ZH_UNITS


def _unit(word: str, text: str) -> pint.Unit:
    if word in SECTOR_WORDS:
        return ureg.Unit("m**3")
    return parse_unit(word)


def _display_word(word: str, unit: pint.Unit) -> str:
    return word if word in SECTOR_WORDS else _canonical_text(unit)


def _decimal(number: Any) -> Decimal:
    if isinstance(number, bool):
        raise UnitError(number, "a true/false value is not a number")
    if isinstance(number, Decimal):
        value = number
    elif isinstance(number, int):
        value = Decimal(number)
    elif isinstance(number, float):
        value = Decimal(repr(number))
    else:
        raise UnitError(number, "not a number")
    if not value.is_finite():
        raise UnitError(number, "not a finite number")
    return value


def reporting_unit_of(text: str, unit: Any = None) -> ReportingUnit | None:
    """The reporting unit a quantity's text is written in: ``50万千瓦`` -> 万千瓦.

    万 or 亿 before a generic measure word is a number (``10万个感知单元`` -> 个感知单元). A text
    without a unit word gives None (the caller decides).

    Args:
        text: A quantity as written (``50万千瓦``, ``2亿方``, ``77.6公里``).
        unit: The canonical unit the text was read as, if known; otherwise read from the text.
    """
    match = _NUMBER_PART.match(_normal(text))
    if match is None:
        return None
    word = _normal(text)[match.end() :].strip()
    if not word:
        return None
    try:
        found = ReportingUnit.parse(word)
    except UnitError:
        head, rest = word[:1], word[1:]
        if head in MULTIPLIERS and rest[:1] in GENERIC_MEASURE_WORDS:
            try:
                return ReportingUnit.parse(rest)
            except UnitError:
                pass
        return None if unit is None else ReportingUnit.of(unit)
    if unit is not None and found.unit != unit:
        return ReportingUnit.of(unit) if found.unit.dimensionality != unit.dimensionality else found
    return found
