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
from ezhou_recovery.io._arrow import _kernel
from ezhou_recovery.io._arrow.columns import (
    by_parts,
    dictionary_parts,
    pyarrow_module,
)
from ezhou_recovery.units import magnitude_problem, parse_quantity
from ezhou_recovery.units._conversion import root_factor
from ezhou_recovery.units._parsing import normalise

__all__ = [
    "SCALES",
    "Scale",
    "Units",
    "day_number",
    "plain_numbers",
    "plain_rows",
    "plain_values",
    "read_number",
    "read_plain",
    "read_values",
    "split_values",
    "value_texts",
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


def plain_values(values: Any) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """Per row of a text column (plain or dictionary, without nulls): whether its cell is a plain
    decimal number (:func:`plain_numbers`), and that number (0 where it is not)."""
    pa = pyarrow_module()
    if pa.types.is_dictionary(values.type):
        codes, texts = dictionary_parts(values)
        plain, floats = plain_values(texts)
        return plain[codes], floats[codes]
    n = len(values)
    plain = np.zeros(n, bool)
    floats = np.zeros(n, np.float64)

    def part(start: int, stop: int) -> None:
        found, numbers = _plain_part(values.slice(start, stop - start))
        plain[start:stop] = found
        floats[start:stop][found] = numbers

    by_parts(n, part)
    return plain, floats


def plain_rows(
    values: Any, rows: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Of the ``rows`` chosen in a text column (without nulls), those whose cell is a plain
    decimal number (:func:`plain_numbers`), and their numbers."""
    at = np.flatnonzero(rows)
    found, numbers = _plain_part(values.filter(pyarrow_module().array(rows)))
    return at[found], numbers


def read_plain(
    values: Any, rows: npt.NDArray[np.bool_], magnitude: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    """Per row of a text column (without nulls), whether it is among the ``rows`` chosen and its
    cell is a plain decimal number (:func:`plain_numbers`); each such number is written into
    ``magnitude`` (a contiguous array, one entry a row). In one pass where the compiled kernel
    is installed, else as :func:`plain_rows`."""
    kernel = _kernel.KERNEL
    if kernel is not None:
        plain = kernel.plain_numbers(values, rows, magnitude)
        if plain is not None:
            return plain
    at, numbers = plain_rows(values, rows)
    magnitude[at] = numbers
    plain = np.zeros(len(values), bool)
    plain[at] = True
    return plain


def read_values(
    values: Any,
    rows: npt.NDArray[np.bool_],
    magnitude: npt.NDArray[np.float64],
    codes: npt.NDArray[np.int32],
) -> tuple[npt.NDArray[np.bool_], Any]:
    """Read a text column (without nulls): each of the ``rows`` chosen whose cell is a plain
    decimal number into ``magnitude`` (as :func:`read_plain`), every other row's text encoded
    into ``codes`` (as :func:`value_texts`; -1 for a plain number). Returns which rows are plain
    numbers, and the distinct texts (an Arrow array). In one pass where the compiled kernel is
    installed."""
    kernel = _kernel.KERNEL
    if kernel is not None:
        first = kernel.read_values(values, rows, magnitude, codes)
        if first is not None:
            texts = values.take(pyarrow_module().array(first))
            if hasattr(texts, "combine_chunks"):
                texts = texts.combine_chunks()
            return codes < 0, texts
    plain = read_plain(values, rows, magnitude)
    return plain, value_texts(values, ~plain, codes)


def _plain_part(values: Any) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """Per cell, whether it is a plain decimal number; the numbers of those that are."""
    pa = pyarrow_module()
    import pyarrow.compute as pc

    kernel = _kernel.KERNEL
    if kernel is not None:
        numbers = np.zeros(len(values), np.float64)
        found = kernel.plain_numbers(values, np.ones(len(values), bool), numbers)
        if found is not None:
            return found, numbers[found]
    plain = plain_numbers(values)
    if not plain.any():
        return plain, np.zeros(0, np.float64)
    return plain, pc.cast(values.filter(pa.array(plain)), pa.float64()).to_numpy()


def value_texts(values: Any, rows: npt.NDArray[np.bool_], codes: npt.NDArray[Any]) -> Any:
    """The distinct texts of the ``rows`` chosen in a text column (without nulls); the index of
    each chosen row's text is written into ``codes`` (encoding only the rows that are not plain
    numbers is the fast way)."""
    pa = pyarrow_module()
    chosen = np.flatnonzero(rows)
    if not len(chosen):
        return pa.array([], pa.string())
    found, texts = dictionary_parts(values.filter(pa.array(rows)).dictionary_encode())
    codes[chosen] = found
    return texts


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
    pair_target: npt.NDArray[np.int64],
    pair_text: npt.NDArray[np.int64],
    units: Units,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Values of quantitative targets written as a number and a unit (``77.6公里``), given as
    distinct pairs of a target and a text (an index into ``texts``): per pair its magnitude, and
    whether it was read so. Each distinct text is split once into a number and a unit text, each
    distinct unit text read once per target. A short plain number in the target's own unit is
    converted as a column; any other number exactly as the per-object reader converts it."""
    pa = pyarrow_module()
    import pyarrow.compute as pc

    read = np.zeros(len(pair_target), np.float64)
    if not len(pair_target):
        return read, np.zeros(0, bool)
    # Each distinct text split once.
    needed, at = np.unique(pair_text, return_inverse=True)
    parts = pc.extract_regex(texts.take(pa.array(needed)), _SPLIT)
    matched = np.asarray(parts.is_valid().to_numpy(zero_copy_only=False), bool)
    numbers = pc.struct_field(parts, "number").fill_null("")
    unit_codes, unit_dictionary = dictionary_parts(pc.struct_field(parts, "unit").fill_null(""))
    unit_texts = unit_dictionary.to_pylist()
    short, floats = plain_values(numbers)
    # Each distinct unit text read once per target.
    width = max(1, len(unit_texts))
    scale_keys, scale_at = np.unique(pair_target * width + unit_codes[at], return_inverse=True)
    scales = [
        units.scale(int(key) // width, unit_texts[int(key) % width]) for key in scale_keys.tolist()
    ]
    readable = np.array([found is not None for found in scales] + [False])[scale_at] & matched[at]
    identity = np.array([found == _IDENTITY for found in scales] + [False])[scale_at]
    ok = readable & identity & short[at]
    read[ok] = floats[at[ok]]
    # The others (a multiplier, another unit, a long or exponent number) through Decimal.
    listed = numbers.to_pylist() if (readable & ~ok).any() else []
    for j in np.flatnonzero(readable & ~ok).tolist():
        scale = scales[int(scale_at[j])]
        assert scale is not None
        d = Decimal(listed[int(at[j])])
        if magnitude_problem(d) is not None:
            continue
        multiplier, factors = scale
        if multiplier != 1:
            d *= multiplier
        if factors is not None:
            d = d * factors[0] / factors[1]
        read[j] = float(d)
        ok[j] = True
    return read, ok


#: The scale of a unit text that is the target's own unit.
_IDENTITY: Final[Scale] = (Decimal(1), None)
