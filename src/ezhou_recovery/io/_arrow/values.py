"""Observation values read as whole columns: plain numbers converted at once, values written with
a unit split into a number and a unit text (each distinct unit text read once per target), and
the few others read one distinct text at a time, as the per-object reader reads them."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ezhou_recovery._core.dates import read_date
from ezhou_recovery.errors import UnitError
from ezhou_recovery.evidence.observations import QualitativeLevel, read_value
from ezhou_recovery.evidence.table import QUANTITATIVE
from ezhou_recovery.io._arrow.columns import dense_codes, pyarrow_module, unique_keys
from ezhou_recovery.units import magnitude_problem, parse_quantity
from ezhou_recovery.units._conversion import root_factor
from ezhou_recovery.units._parsing import normalise

__all__ = [
    "SCALES",
    "Scale",
    "Units",
    "day_number",
    "plain_numbers",
    "read_number",
    "split_values",
]

#: A plain decimal number, short enough to lie within the range of values (below 10^15, at most
#: 18 significant digits, no digit below 10^-30: 15 characters keep within all three).
_PLAIN: Final = r"^[0-9]+(?:\.[0-9]+)?$"
_PLAIN_MAX: Final = 15
#: A number followed by a unit text (whether the unit text may be split off is checked per text).
_SPLIT: Final = r"^(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?P<unit>.+)$"
#: First characters after which a unit text cannot be read apart from its number.
_JOINING: Final = frozenset("0123456789.eE+-,")


def plain_numbers(values: Any) -> npt.NDArray[np.bool_]:
    """Per cell of a text column, whether it is a plain decimal number of at most
    ``_PLAIN_MAX`` characters."""
    import pyarrow.compute as pc

    found = pc.and_(
        pc.match_substring_regex(values, _PLAIN),
        pc.less_equal(pc.binary_length(values), _PLAIN_MAX),  # a plain number is ASCII
    )
    if found.null_count:
        found = found.fill_null(False)
    return np.asarray(found.to_numpy(zero_copy_only=False), bool)


def read_number(target: Any, value: Any) -> float | None:
    """The number a value of ``target`` counts as (see ``columnar._float``), or None when the
    per-object reader refuses it. Texts are remembered across files, by target."""
    from ezhou_recovery.evidence.table import magnitude_of

    if not isinstance(value, str):
        try:
            return magnitude_of(read_value(target, value))
        except (UnitError, TypeError, ValueError, ArithmeticError):
            return None
    known = _NUMBERS.get((id(target), value))
    if known is None or known[0] is not target:
        try:
            number: float | None = magnitude_of(read_value(target, value))
        except (UnitError, TypeError, ValueError, ArithmeticError):
            number = None
        if len(_NUMBERS) > 100_000:
            _NUMBERS.clear()
        known = _NUMBERS[id(target), value] = (target, number)
    return known[1]


#: Value texts read so far, by target identity (the entry keeps its target alive).
_NUMBERS: dict[tuple[int, str], tuple[Any, float | None]] = {}


def day_number(value: Any) -> int:
    """The day number of a date value, or -1 when the per-object reader refuses it."""
    if isinstance(value, str):
        found = _DAYS.get(value)
        if found is None:
            if len(_DAYS) > 100_000:
                _DAYS.clear()
            found = _DAYS[value] = _read_ordinal(value)
        return found
    return _read_ordinal(value)


#: Date texts read so far (a text always reads as the same day).
_DAYS: dict[str, int] = {}


def _read_ordinal(value: Any) -> int:
    if isinstance(value, datetime):
        return -1
    try:
        return read_date(value).toordinal()
    except ValueError:
        return -1


#: How a unit text converts: the multiplier, and the factors of the written and the target's unit.
Scale = tuple[Decimal, tuple[Decimal, Decimal] | None]


#: The unit texts read so far, by target and text (see :class:`Units`).
SCALES: dict[tuple[int, str], tuple[Any, Scale | None]] = {}


class Units:
    """Per target: how a value written with a given unit text becomes a number in the target's
    unit, found once per distinct unit text (None: read that value the per-object way).

    ``known``: the answers remembered across files (:data:`SCALES` unless given).
    """

    def __init__(
        self,
        targets: Sequence[Any],
        known: dict[tuple[int, str], tuple[Any, Scale | None]] | None = None,
    ) -> None:
        self._targets = targets
        self._found: dict[tuple[int, str], Scale | None] = {}
        self._known = SCALES if known is None else known

    def scale(self, i: int, unit: str) -> Scale | None:
        """The multiplier (万, 亿) and the factors of the written and the target's unit (None
        when the unit is the target's); None when the text must be read whole."""
        key = (i, unit)
        if key not in self._found:
            # Across files: a target and a unit text always give the same answer. Known by the
            # target's identity (hashing a target is slow); the entry keeps the target alive, so
            # its identity is not reused.
            target = self._targets[i]
            known = self._known.get((id(target), unit))
            if known is None or known[0] is not target:
                if len(self._known) > 100_000:
                    self._known.clear()
                known = self._known[id(target), unit] = (target, self._scale(target, unit))
            self._found[key] = known[1]
        return self._found[key]

    def direct_rows(
        self, code: npt.NDArray[np.int64], done: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.bool_]:
        """Per row, whether a plain number is a magnitude in its target's unit as it stands
        (each target present asked once)."""
        found = np.zeros(len(self._targets), bool)
        present = np.zeros(len(self._targets), bool)
        present[code[~done]] = True
        for i in np.flatnonzero(present).tolist():
            found[i] = self.direct(i)
        return found[code]

    def direct(self, i: int) -> bool:
        """Whether a plain number is a magnitude in target ``i``'s unit as it stands."""
        target = self._targets[i]
        if target.kind not in QUANTITATIVE:
            return False
        found = self.scale(i, "")
        return found is not None and found == (Decimal(1), None)

    @staticmethod
    def _scale(target: Any, unit: str) -> Scale | None:
        if unit:
            first = unit[0]
            normal = normalise(unit)
            if (
                not normal
                or normal[0] in _JOINING
                or normal[0].isspace()
                or first.isspace()
                or unicodedata.combining(first)
            ):
                return None
        text = "1" + unit
        try:
            read = read_value(target, text)
            q = parse_quantity(text, unit=target.unit)
        except (UnitError, TypeError, ValueError, ArithmeticError):
            return None
        multiplier = Decimal(q.magnitude)
        if q.units == target.unit:
            found: Scale = (multiplier, None)
        else:
            found = (multiplier, (root_factor(q.units), root_factor(target.unit)))
        # The per-object reader's own reading of 1 must agree: a bare number is in the target's
        # reporting unit (1 for 50万千瓦 is 10000 kW), which parse_quantity does not know.
        one, factors = found
        if factors is not None:
            one = one * factors[0] / factors[1]
        if (
            isinstance(read, bool | QualitativeLevel)
            or read.units != target.unit
            or read.magnitude != one
        ):
            return None
        return found


def split_values(
    texts: Any,
    value_codes: npt.NDArray[np.int64],
    rest: npt.NDArray[np.intp],
    code: npt.NDArray[np.int64],
    units: Units,
    magnitude: npt.NDArray[np.float64],
    done: npt.NDArray[np.bool_],
) -> None:
    """Values of quantitative targets written as a number and a unit (``77.6公里``): each distinct
    text split once into a number and a unit text, each distinct unit text read once per target,
    each number converted exactly as the per-object reader converts it (once per target and
    text)."""
    pa = pyarrow_module()
    import pyarrow.compute as pc

    present = np.zeros(len(texts), bool)
    present[value_codes[rest]] = True
    needed = np.flatnonzero(present)
    parts = pc.extract_regex(texts.take(pa.array(needed)), _SPLIT)
    numbers = pc.struct_field(parts, "number").to_pylist()
    unit_texts = pc.struct_field(parts, "unit").to_pylist()
    split: dict[int, tuple[str, str]] = {
        int(j): (number, unit)
        for j, number, unit in zip(needed.tolist(), numbers, unit_texts, strict=True)
        if number is not None
    }
    dense, kept = dense_codes(value_codes[rest], len(texts) + 1)
    size = len(kept)
    unique, inverse = unique_keys(code[rest] * size + dense, int(code.max() + 1) * size)
    read = np.zeros(len(unique), np.float64)
    ok = np.zeros(len(unique), bool)
    one = Decimal(1)
    for j, pair in enumerate(unique.tolist()):
        found = split.get(int(kept[pair % size]))
        if found is None:
            continue
        number, unit = found
        scale = units.scale(pair // size, unit)
        if scale is None:
            continue
        d = Decimal(number)
        if magnitude_problem(d) is not None:
            continue
        multiplier, factors = scale
        if multiplier != one:
            d *= multiplier
        if factors is not None:
            d = d * factors[0] / factors[1]
        read[j] = float(d)
        ok[j] = True
    fine = ok[inverse]
    magnitude[rest[fine]] = read[inverse][fine]
    done[rest[fine]] = True
