"""JSON documents of results: assessments, compliance, roll-ups, tallies and schedules.

Each result class gets a document format (``ezhou-recovery/assessment``, version 1, ...) in the
registry of :mod:`~ezhou_recovery.io.json.documents`, so ``to_json`` writes it and ``from_json`` reads
it back equal to what was written. The documents are built generically from the classes' attrs
fields (cattrs), so a field added to a result is written and read without further code.

Besides the model's conventions (exact decimals as text, quantities with their unit, ISO dates),
a result document writes a share that is a float (progress, time progress) as a JSON number (it
reads back to the same float), an exact fraction (a rate, ES in days) as text ``"3/4"``, and a
quantity, at any depth, with all the digits it was computed with (the model's writer keeps to the
18 significant digits of input): ``"0.0004939539128450832762947752681 year"``.

:mod:`~ezhou_recovery.io.json.documents` imports this module the first time a result's format is asked
for, so that reading a plan does not import the attainment and compliance modules.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs
import pint
from cattrs.gen import make_dict_structure_fn, override

from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.analysis.attainment import (
    Assessment,
    Rollup,
    TargetResult,
    Thresholds,
    YearResult,
)
from ezhou_recovery.analysis.compliance import (
    Compliance,
    DeadlineStatus,
    Laggard,
    ScoringRule,
    Tally,
)
from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.analysis.investment import AnnualMoneyResult, MoneyResult
from ezhou_recovery.analysis.schedule import EarnedSchedule, MilestoneStatus, ScheduleStatus
from ezhou_recovery.bulletins.contents import (
    Bulletin,
    BulletinHeader,
    CallInEntry,
    CategorySection,
    Changes,
    DepartmentChange,
    DepartmentReporting,
    Headline,
    InvestmentChange,
    StatusChange,
)
from ezhou_recovery.errors import UnitError
from ezhou_recovery.io.json import _converter
from ezhou_recovery.io.json.documents import (
    FORMAT_PREFIX,
    DocumentFormat,
    JSONObject,
    register_format,
)
from ezhou_recovery.units import Q_, Quantity, ureg

__all__ = ["RESULT_FORMATS", "RESULT_FORMAT_VERSION"]

#: The version of every result format; reading another version is an error.
RESULT_FORMAT_VERSION: Final = 1

#: Each result class and the last part of its format name.
RESULT_FORMATS: Final[dict[type, str]] = {
    Assessment: "assessment",
    TargetResult: "target-result",
    YearResult: "year-result",
    Rollup: "rollup",
    Thresholds: "thresholds",
    MoneyResult: "money-result",
    AnnualMoneyResult: "annual-money-result",
    Compliance: "compliance",
    DeadlineStatus: "deadline-status",
    Tally: "tally",
    Laggard: "laggard",
    ScoringRule: "scoring-rule",
    DueConvention: "due-convention",
    ScheduleStatus: "schedule-status",
    MilestoneStatus: "milestone-status",
    EarnedSchedule: "earned-schedule",
    Bulletin: "bulletin",
    BulletinHeader: "bulletin-header",
    Headline: "bulletin-headline",
    Changes: "bulletin-changes",
    StatusChange: "status-change",
    DepartmentChange: "department-change",
    InvestmentChange: "investment-change",
    CategorySection: "bulletin-category",
    DepartmentReporting: "department-reporting",
    CallInEntry: "call-in",
}

_FRACTION: Final = re.compile(r"^[+-]?\d+(/\d+)?$")


def _structure_fraction(value: Any, _: type) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldProblem("", "expected a fraction written as text, such as '3/4'", value)
    if isinstance(value, int):
        return Fraction(value)
    if not _FRACTION.fullmatch(value):
        raise FieldProblem("", "expected a fraction written as text, such as '3/4'", value)
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise FieldProblem("", "a fraction's denominator cannot be 0", value) from None


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldProblem("", "expected a number", value)
    number = float(value)
    if not math.isfinite(number):
        raise FieldProblem("", "expected a finite number", value)
    return number


def _structure_computed_decimal(value: Any, _: type) -> Decimal:
    """A computed figure (a rate, a share) at the full precision it was written with."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldProblem("", "expected a decimal number written as text", value)
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise FieldProblem("", "not a decimal number", value) from None
    if not number.is_finite():
        raise FieldProblem("", "not a finite number", value)
    return number


def _structure_computed_quantity(value: Any, t: type) -> Quantity:
    """A computed quantity as :func:`~ezhou_recovery.to_json` writes it (``"<decimal> <unit>"``),
    at full precision; any other text as the model reads it."""
    if isinstance(value, str):
        number, _, unit = value.partition(" ")
        try:
            magnitude = Decimal(number)
        except ArithmeticError:
            magnitude = None
        if magnitude is not None and magnitude.is_finite():
            if not unit:
                return Q_(magnitude, "dimensionless")
            try:
                return Q_(magnitude, ureg.parse_units(unit))
            except (pint.errors.PintError, ValueError, TypeError, AttributeError):
                pass
    return _converter.structure_quantity(value, t)


def _structure_computed_observed(value: Any, t: type) -> Any:
    if (isinstance(value, str) and value[:1].isdigit()) or str(value)[:1] in "+-":
        return _structure_computed_quantity(value, t)
    return _converter.structure_observed(value, t)


def _structure_estimate(value: Any, t: type) -> Quantity | None:
    """An estimate of a target result (a projection, a catch-up pace): computed as a binary float
    and written as its shortest text, so read back as that float."""
    if value is None:
        return None
    q = _structure_computed_quantity(value, t)
    return Q_(float(q.magnitude), q.units)


def _result_converter() -> cattrs.Converter:
    """The model's converter, reading the figures results compute at their full precision (the
    model's inputs are limited to 18 significant digits; a computed rate has 28)."""
    from ezhou_recovery.evidence.observations import QualitativeLevel

    reader = _converter.make_converter()
    reader.register_structure_hook(Decimal, _structure_computed_decimal)
    reader.register_structure_hook_func(_converter.is_quantity_type, _structure_computed_quantity)
    reader.register_structure_hook_func(
        _converter.union_of(pint.Quantity, bool, QualitativeLevel), _structure_computed_observed
    )
    reader.register_structure_hook(Fraction, _structure_fraction)
    reader.register_structure_hook(float, _structure_float)
    reader.register_structure_hook(
        TargetResult,
        make_dict_structure_fn(
            TargetResult,
            reader,
            _cattrs_forbid_extra_keys=True,
            projected_value=override(struct_hook=_structure_estimate),
            catch_up_per_quarter=override(struct_hook=_structure_estimate),
        ),
    )
    return reader


def _unstructure_computed_quantity(q: Quantity | None) -> str | None:
    """A computed quantity at its full precision (an interpolated plan has 28 digits); a float
    magnitude as its shortest text."""
    if q is None:
        return None
    magnitude = q.magnitude
    number = Decimal(repr(magnitude)) if isinstance(magnitude, float) else magnitude
    if not isinstance(number, Decimal | int) or (
        isinstance(number, Decimal) and not number.is_finite()
    ):
        raise UnitError(q, "only a finite number can be written as a quantity")
    unit = format(q.units, "D")
    return str(number) if unit == "dimensionless" else f"{number} {unit}"


def _unstructure_computed_observed(value: Any) -> Any:
    """A judged value (a quantity, true/false or a level) with its quantity at full precision."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return _unstructure_computed_quantity(value)


def _result_writer() -> cattrs.Converter:
    """The model's converter, writing every quantity in a result at its full precision, however
    deep (the model's writer refuses more than 18 significant digits, which inputs never have and
    computed figures may: a mean, an interpolated plan, a figure converted to the target's unit)."""
    from ezhou_recovery.evidence.observations import QualitativeLevel

    writer = _converter.make_converter()
    writer.register_unstructure_hook_func(
        _converter.is_quantity_type, _unstructure_computed_quantity
    )
    writer.register_unstructure_hook_func(
        _converter.union_of(pint.Quantity, bool, QualitativeLevel), _unstructure_computed_observed
    )
    writer.register_unstructure_hook(Fraction, str)
    return writer


def _register() -> None:
    for cls in RESULT_FORMATS:
        attrs.resolve_types(cls)
    writer = _result_writer()
    reader = _result_converter()

    def read(cls: type) -> Callable[[JSONObject, str], object]:
        return lambda body, source: _converter.structure(body, cls, source=source, using=reader)

    for cls, name in RESULT_FORMATS.items():
        register_format(
            DocumentFormat(
                cls,
                FORMAT_PREFIX + name,
                RESULT_FORMAT_VERSION,
                reader=read(cls),
                writer=writer.unstructure,
            )
        )


_register()
