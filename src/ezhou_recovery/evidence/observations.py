"""What happens in the world: reported values and reported investment (the classes).

An :class:`Observation` is one reported value of one target on one date. What the value means
depends on the target's kind:

* level: the level reached on ``as_of`` (the waterway in service, 77.6 km);
* cumulative: the amount built **from the programme start** up to ``as_of`` (km of rural road built
  since 2020-01-01), never the amount of one quarter: the latest observation is the whole amount;
* annual rate: the amount achieved in the **calendar year of** ``as_of``, from 1 January up to
  ``as_of`` (villages whose living environment was improved so far this year);
* milestone: ``True`` once the thing is done, ``False`` while it is not;
* qualitative: a :class:`QualitativeLevel`.

An :class:`InvestmentReport` is cumulative from the programme start, like a cumulative target.
Reading them from files: :mod:`ezhou_recovery.io.observation_files`.
"""

from __future__ import annotations

import enum
import math
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs
import pint

from ezhou_recovery._core import validators as v
from ezhou_recovery.errors import UnitError
from ezhou_recovery.evidence._values import FALSE_WORDS, TRUE_WORDS, exact_quantity
from ezhou_recovery.model.projects import _money
from ezhou_recovery.model.targets import Target, TargetKind
from ezhou_recovery.units import (
    Quantity,
    format_quantity,
    held_magnitude_problem,
    magnitude_problem,
    quantity_in,
    ureg,
)

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.analysis.validation import Finding

__all__ = [
    "IMPLAUSIBLE_RATIO",
    "AnnualInvestmentPlan",
    "ImplausibleValueWarning",
    "InvestmentReport",
    "Observation",
    "QualitativeLevel",
    "Quality",
    "implausibility",
    "normalised",
    "read_value",
]


class Quality(enum.StrEnum):
    """Where a reported figure comes from."""

    #: Reported by a department (部门报送).
    REPORTED = "reported"
    #: Official statistics (统计数据).
    OFFICIAL_STATISTICS = "official_statistics"
    #: An estimate (估算).
    ESTIMATE = "estimate"


class QualitativeLevel(enum.StrEnum):
    """How far a goal stated in words has got: one ordered scale for every qualitative target.

    The order is ``NOT_STARTED < IN_PROGRESS < BASICALLY_ACHIEVED < ACHIEVED``; only ``ACHIEVED``
    attains the goal. Progress is the level's rank divided by 3 (0, 1/3, 2/3, 1).
    """

    #: 未启动.
    NOT_STARTED = "not_started"
    #: 推进中.
    IN_PROGRESS = "in_progress"
    #: 基本完成.
    BASICALLY_ACHIEVED = "basically_achieved"
    #: 已完成.
    ACHIEVED = "achieved"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 (not started) to 3 (achieved)."""
        return _LEVELS.index(self)

    @property
    def name_zh(self) -> str:
        """The level's Chinese name (未启动, 推进中, 基本完成, 已完成)."""
        return _LEVEL_ZH[self]

    @property
    def name_en(self) -> str:
        """The level's English name (not started, ...)."""
        return self.value.replace("_", " ")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank >= other.rank

    @classmethod
    def read(cls, text: str) -> QualitativeLevel:
        """The level named by ``text``: its value (``in_progress``), English or Chinese name.

        Raises:
            UnitError: No level has that name; the message lists them.
        """
        word = text.strip()
        for level in cls:
            if word in (level.value, level.name_en, level.name_zh):
                return level
        names = ", ".join(f"{lv.value} ({lv.name_zh})" for lv in cls)
        raise UnitError(text, f"not a level of the qualitative scale: {names}")


_LEVELS: Final = tuple(QualitativeLevel)
_LEVEL_ZH: Final = {
    QualitativeLevel.NOT_STARTED: "未启动",
    QualitativeLevel.IN_PROGRESS: "推进中",
    QualitativeLevel.BASICALLY_ACHIEVED: "基本完成",
    QualitativeLevel.ACHIEVED: "已完成",
}


def _observed_value(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool | QualitativeLevel):
        return
    if not isinstance(value, pint.Quantity) or value._REGISTRY is not ureg:
        raise v.fail(
            instance,
            attribute.name,
            value,
            "must be a quantity of ezhou_recovery.ureg, True/False or a QualitativeLevel",
        )
    problem = held_magnitude_problem(value.magnitude)
    if problem is not None:
        raise v.fail(instance, attribute.name, value, problem)
    if value.magnitude < 0:
        raise v.fail(instance, attribute.name, value, "must not be negative")


@attrs.frozen
class Observation:
    """A reported value of one target on one date.

    Build one in the target's unit with :meth:`for_target`, which reads numbers and texts.

    Attributes:
        target: Key of the target (``transport.high_grade_waterway``).
        as_of: The date the value describes.
        value: A quantity in the target's dimension (level: the level; cumulative: the amount
            since the programme start; annual rate: the amount in the calendar year of ``as_of``
            so far); True/False for a milestone; a :class:`QualitativeLevel` for a qualitative goal.
        source: Who reported it, free text.
        quality: Where the figure comes from.
    """

    target: str = attrs.field(validator=v.dotted_key)
    as_of: date = attrs.field(validator=v.a_date)
    value: Quantity | bool | QualitativeLevel = attrs.field(validator=_observed_value)
    source: str | None = attrs.field(default=None, validator=v.optional_text)
    quality: Quality = attrs.field(
        default=Quality.REPORTED, validator=attrs.validators.instance_of(Quality)
    )

    @property
    def key(self) -> str:
        """The target key (names the observation in error messages)."""
        return self.target

    @classmethod
    def for_target(
        cls,
        target: Target,
        as_of: date,
        value: Any,
        *,
        source: str | None = None,
        quality: Quality = Quality.REPORTED,
    ) -> Observation:
        """An observation of ``target`` with ``value`` read in the target's unit.

        ``value`` may be a quantity, a number (in the target's unit), or a text such as
        ``"77.6公里"`` or ``"1,444个"`` (a bare number or a generic measure word is in the target's
        unit). A milestone takes True/False (or ``true``/``false``, ``是``/``否``, ``done``); a
        qualitative goal a :class:`QualitativeLevel` or its name (``推进中``, ``in_progress``).

        Raises:
            UnitError: The value cannot be read for this target, or its unit has another
                dimension; the message names the target, the value and both units.
        """
        return cls(target.key, as_of, read_value(target, value), source, quality)


def read_value(target: Target, value: Any) -> Quantity | bool | QualitativeLevel:
    """Read ``value`` as a value of ``target`` (see :meth:`Observation.for_target`).

    Raises:
        UnitError: The value does not fit the target.
    """
    if target.kind is TargetKind.MILESTONE:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        raise UnitError(value, f"{target.key}: a milestone's value is true (done) or false")
    if target.kind is TargetKind.QUALITATIVE:
        if isinstance(value, QualitativeLevel):
            return value
        if isinstance(value, str):
            try:
                return QualitativeLevel.read(value)
            except UnitError as exc:
                raise UnitError(value, f"{target.key}: {exc.problem}") from None
        raise UnitError(value, f"{target.key}: a qualitative goal's value is a level name")
    bare = _bare_number(value)
    if bare is not None and target.reporting_unit is not None:
        q = target.in_reporting_unit(bare)
    else:
        unit = target.reporting_unit
        q = quantity_in(
            exact_quantity(value),
            target.unit,
            what=target.key,
            unit_text=None if unit is None else unit.text,
        )
    if q.magnitude < 0:
        raise UnitError(value, f"{target.key}: a value must not be negative")
    return q


def _bare_number(value: Any) -> Decimal | None:
    """A number without a unit (40, 40.5, "40", "1,444") as a Decimal; None for anything else.

    Raises:
        UnitError: The number breaks the range rule of :func:`magnitude_problem`, as any number
            entering the library does.
    """
    number: Decimal | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value)) if math.isfinite(value) else None
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if text and all(c.isascii() for c in text):
            try:
                number = Decimal(text)
            except ArithmeticError:
                return None
    if number is None or not number.is_finite():
        return None
    problem = magnitude_problem(number)
    if problem is not None:
        raise UnitError(value, problem)
    return number


#: A reported value more than this many times its target, or less than its inverse, is implausible.
IMPLAUSIBLE_RATIO: Final = Decimal(1000)


def implausibility(target: Target, value: Any) -> str | None:
    """Why a reported value is implausible for its target, in words; None when it is plausible.

    A value is implausible when it is more than :data:`IMPLAUSIBLE_RATIO` (10³) times the target,
    or below 10⁻³ of it where neither is zero: a number typed in 千瓦 for a target in 万千瓦 (or
    the reverse) lands there. The words give both readings of the number.
    """
    goal = target.value
    unit = target.reporting_unit
    if goal is None or unit is None or not isinstance(value, pint.Quantity):
        return None
    if value.dimensionality != goal.dimensionality:
        return None
    reported, promised = unit.number(value), unit.number(goal)
    if not reported or not promised:
        return None
    ratio = reported / promised
    if IMPLAUSIBLE_RATIO**-1 <= ratio <= IMPLAUSIBLE_RATIO:
        return None
    shown = target.format_value(value)
    slip = Decimal(10_000) if ratio > 1 else Decimal(1) / Decimal(10_000)
    meant = unit.quantity(reported / slip)
    other = target.format_value(meant)
    if unit.factor != 1:
        other += f" ({format_quantity(meant)})"
    size = f"{_ratio(ratio)} times" if ratio > 1 else f"1/{_ratio(1 / ratio)} of"
    return (
        f"{shown} is {size} the target {target.describe_value()}: implausible; "
        f"was {other} meant (a slip of 万)?"
    )


class ImplausibleValueWarning(UserWarning):
    """A loaded value is implausible for its target (a slip of 万); ``finding`` says where and why."""

    def __init__(self, finding: Finding, source: str) -> None:
        self.finding = finding
        self.source = source
        super().__init__(f"{source}: {finding.where}: {finding.what}")


def _ratio(number: Decimal) -> str:
    return f"{number:,.0f}" if number >= 10 else f"{number:.3g}"


@attrs.frozen
class InvestmentReport:
    """Investment completed for a category or a project, cumulative from the programme start.

    Attributes:
        subject: Key of a category (``transport``) or of a project (``transport.ezhou_xianning_expressway``).
        as_of: The date the amount is reported for.
        completed: Investment completed from the programme start up to ``as_of`` (开累完成投资).
        source: Who reported it, free text.
        quality: Where the figure comes from.
    """

    subject: str = attrs.field(validator=v.text)
    as_of: date = attrs.field(validator=v.a_date)
    completed: Quantity = attrs.field(validator=_money)
    source: str | None = attrs.field(default=None, validator=v.optional_text)
    quality: Quality = attrs.field(
        default=Quality.REPORTED, validator=attrs.validators.instance_of(Quality)
    )


@attrs.frozen
class AnnualInvestmentPlan:
    """Investment planned for a category (or a project) in one calendar year (年度投资计划).

    Attributes:
        subject: Key of a category or of a project.
        year: The calendar year.
        planned: Investment planned for that year.
    """

    subject: str = attrs.field(validator=v.text)
    year: int = attrs.field(validator=v.non_negative_int)
    planned: Quantity = attrs.field(validator=_money)


def normalised(target: Target, o: Observation) -> Observation:
    """``o`` with its value in ``target``'s unit (a milestone's and a qualitative goal's unchanged).

    Raises:
        InvariantError: The value is of the wrong kind for the target.
        UnitError: The quantity's unit does not fit the target.
    """
    value = o.value
    if target.kind is TargetKind.MILESTONE:
        if not isinstance(value, bool):
            raise v.fail(o, "value", value, "a milestone's value is True (done) or False")
        return o
    if target.kind is TargetKind.QUALITATIVE:
        if not isinstance(value, QualitativeLevel):
            raise v.fail(o, "value", value, "a qualitative goal's value is a QualitativeLevel")
        return o
    if isinstance(value, bool | QualitativeLevel):
        raise v.fail(o, "value", value, f"a {target.kind.value} target's value is a quantity")
    unit = target.reporting_unit
    converted = quantity_in(
        exact_quantity(value),
        target.unit,
        what=target.key,
        unit_text=None if unit is None else unit.text,
    )
    return o if converted is value else attrs.evolve(o, value=converted)
