"""Targets: what a programme promises, with units, direction, baseline and deadline."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs
import pint

from ezhou_recovery._core import validators as v
from ezhou_recovery.units import (
    Quantity,
    dimension_mismatch,
    format_quantity,
    format_words,
    held_magnitude_problem,
    ureg,
)
from ezhou_recovery.units.reporting import ReportingUnit

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ABOUT_TOLERANCE",
    "Baseline",
    "BaselineQualifier",
    "Comparator",
    "MilestoneEvent",
    "Section",
    "Target",
    "TargetKind",
    "Targets",
]


#: A target whose value is approximate (左右) is attained within this share of it: 80%左右 is
#: attained from 76% (at least) or up to 84% (at most).
ABOUT_TOLERANCE: Final = 0.05


class Comparator(enum.StrEnum):
    """How an achieved value is compared with the target value."""

    #: 以上, 达到: the value must reach the target or more.
    AT_LEAST = "at_least"
    #: 以下, 控制在: the value must stay at the target or below (lower is better).
    AT_MOST = "at_most"
    #: The value must equal the target.
    EQUAL = "equal"


class TargetKind(enum.StrEnum):
    """What sort of promise a target is; each kind has its own attainment rule."""

    #: A level to reach by the deadline (77.6 km of high-grade waterway in service).
    LEVEL = "level"
    #: An amount to build over the period, counted from the programme start (60 km of rural road).
    CUMULATIVE = "cumulative"
    #: An amount per calendar year (12 villages a year); ``value`` is the amount for one year.
    ANNUAL_RATE = "annual_rate"
    #: Something to be done by the deadline (LNG storage built by the end of 2020); no value.
    MILESTONE = "milestone"
    #: A goal stated in words (basically eliminate black and odorous water); no value.
    QUALITATIVE = "qualitative"

    @property
    def quantitative(self) -> bool:
        """Whether targets of this kind carry a value."""
        return self in (TargetKind.LEVEL, TargetKind.CUMULATIVE, TargetKind.ANNUAL_RATE)


class BaselineQualifier(enum.StrEnum):
    """How exactly a baseline value is known."""

    EXACT = "exact"
    #: 大约: about.
    ABOUT = "about"
    #: 不足: less than.
    LESS_THAN = "less_than"
    #: 超过, 以上: more than.
    MORE_THAN = "more_than"


class MilestoneEvent(enum.StrEnum):
    """What reaching a milestone target means."""

    #: Something is done or built (完成, 建成).
    COMPLETION = "completion"
    #: Something is started (启动): reaching it says nothing of its completion.
    START = "start"


class Section(enum.StrEnum):
    """The part of a category's text a target was read from."""

    #: 三年目标.
    GOALS = "goals"
    #: 主要任务.
    TASKS = "tasks"


def _quantity(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, pint.Quantity) or value._REGISTRY is not ureg:
        raise v.fail(instance, attribute.name, value, "must be a quantity of ezhou_recovery.ureg")
    problem = held_magnitude_problem(value.magnitude)
    if problem is not None:
        raise v.fail(instance, attribute.name, value, problem)
    if value.magnitude < 0:
        raise v.fail(instance, attribute.name, value, "must not be negative")


def _optional_quantity(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _quantity(instance, attribute, value)


@attrs.frozen
class Baseline:
    """Where a target starts from.

    Attributes:
        value: The starting value.
        qualifier: How exactly it is known (``less_than`` for 不足200张, ``about`` for 大约20张).
        as_of: When it was measured, if the text says.
        note_zh: The text's own words for when (``疫情前``), if any.
    """

    value: Quantity = attrs.field(validator=_quantity)
    qualifier: BaselineQualifier = attrs.field(
        default=BaselineQualifier.EXACT, validator=attrs.validators.instance_of(BaselineQualifier)
    )
    as_of: date | None = attrs.field(default=None, validator=v.optional_date)
    note_zh: str | None = attrs.field(default=None, validator=v.optional_text)

    @property
    def exact(self) -> bool:
        """Whether the value is known exactly."""
        return self.qualifier is BaselineQualifier.EXACT

    def __str__(self) -> str:
        prefix = {
            BaselineQualifier.EXACT: "",
            BaselineQualifier.ABOUT: "大约",
            BaselineQualifier.LESS_THAN: "不足",
            BaselineQualifier.MORE_THAN: "超过",
        }[self.qualifier]
        return f"{prefix}{format_quantity(self.value)}"


@attrs.frozen
class Target:
    """One promise of a programme.

    Attributes:
        key: Stable identifier ``<category>.<slug>``.
        description_zh: The target in Chinese (authoritative).
        description_en: The target in English.
        kind: What sort of promise it is.
        deadline: The date by which it is due (the programme's end unless the text says otherwise).
        value: The promised value; None for milestones and qualitative goals.
        comparator: How achieved values compare with ``value``.
        baseline: Where it starts from, if the text says.
        scope_zh: The area or group the target is limited to (临空经济区), if any.
        scope_en: The same in English.
        section: The part of the category's text it was read from.
        clause_zh: The clause of the text it came from, word for word.
        district: Key of the programme's district the target is for (鄂城区), if it is for one.
        event: For a milestone, whether it is reached by completing or by starting something.
        about: Whether the value is approximate (80%左右): the target is attained within
            :data:`ABOUT_TOLERANCE` of it.
        strive: Whether the plan only strives for it (争取, 力争 as a stretch): marked as such,
            and left out of accountability views that ask for binding targets only.
        note: Free text about the target (not read by any computation).
        reporting_unit: The unit its sector writes numbers in (万千瓦 for a target of 50万千瓦); a
            bare number reported for the target is read in it, and values are shown in it. A loaded
            target takes it from its value's text; by default it is the value's own unit. None for
            milestones and qualitative goals.
    """

    key: str = attrs.field(validator=v.dotted_key)
    description_zh: str = attrs.field(validator=v.text)
    description_en: str = attrs.field(validator=v.text)
    kind: TargetKind = attrs.field(validator=attrs.validators.instance_of(TargetKind))
    deadline: date = attrs.field(validator=v.a_date)
    value: Quantity | None = attrs.field(default=None, validator=_optional_quantity)
    comparator: Comparator = attrs.field(
        default=Comparator.AT_LEAST, validator=attrs.validators.instance_of(Comparator)
    )
    baseline: Baseline | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Baseline))
    )
    scope_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    scope_en: str | None = attrs.field(default=None, validator=v.optional_text)
    section: Section = attrs.field(
        default=Section.GOALS, validator=attrs.validators.instance_of(Section)
    )
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    district: str | None = attrs.field(default=None, validator=attrs.validators.optional(v.slug))
    event: MilestoneEvent = attrs.field(
        default=MilestoneEvent.COMPLETION, validator=attrs.validators.instance_of(MilestoneEvent)
    )
    reporting_unit: ReportingUnit | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(ReportingUnit)),
    )
    about: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    strive: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.event is not MilestoneEvent.COMPLETION and self.kind is not TargetKind.MILESTONE:
            raise v.fail(self, "event", self.event.value, "only a milestone starts something")
        if self.about and self.value is None:
            raise v.fail(self, "about", True, "only a target with a value is approximate")
        if self.kind.quantitative and self.value is None:
            raise v.fail(self, "value", None, f"a {self.kind.value} target needs a value")
        if not self.kind.quantitative and self.value is not None:
            raise v.fail(self, "value", self.value, f"a {self.kind.value} target has no value")
        if self.value is None:
            if self.reporting_unit is not None:
                raise v.fail(self, "reporting_unit", str(self.reporting_unit), "needs a value")
        elif self.reporting_unit is None:
            object.__setattr__(self, "reporting_unit", ReportingUnit.of(self.value.units))
        elif self.reporting_unit.unit.dimensionality != self.value.dimensionality:
            raise v.fail(
                self,
                "reporting_unit",
                str(self.reporting_unit),
                dimension_mismatch(
                    str(self.reporting_unit), self.reporting_unit.unit, self.value.units
                ).replace(" is ", " measures ", 1)
                + f": it does not fit the value {format_quantity(self.value)}",
            )
        if self.baseline is not None:
            if self.value is None:
                raise v.fail(self, "baseline", self.baseline, "only a target with a value has one")
            if self.baseline.value.dimensionality != self.value.dimensionality:
                shown = format_quantity(self.baseline.value)
                unit = self.reporting_unit
                raise v.fail(
                    self,
                    "baseline",
                    shown,
                    dimension_mismatch(
                        shown,
                        self.baseline.value.units,
                        self.value.units,
                        None if unit is None else unit.text,
                    ),
                )
        if (self.scope_zh is None) != (self.scope_en is None):
            raise v.fail(self, "scope_en", self.scope_en, "scope needs both scope_zh and scope_en")

    @property
    def category(self) -> str:
        """Key of the category the target belongs to."""
        return self.key.split(".", 1)[0]

    @property
    def unit(self) -> Any:
        """Canonical unit of the target value (a pint unit); None for milestones and qualitative
        goals. Numbers are reported in :attr:`reporting_unit`, which may be 10⁴ of it (万千瓦)."""
        return None if self.value is None else self.value.units

    def in_reporting_unit(self, number: Any) -> Quantity:
        """A bare number in the target's reporting unit as a quantity, exactly.

        ``40`` for a target of 50万千瓦 is 400000 kW. The quantity is in the canonical unit.

        Raises:
            ValueError: The target has no value (a milestone or a qualitative goal).
            UnitError: ``number`` is not a finite number.
        """
        if self.reporting_unit is None:
            raise ValueError(f"target {self.key!r} has no value, so no reporting unit")
        return self.reporting_unit.quantity(number)

    def format_value(self, q: Quantity, lang: str = "zh") -> str:
        """``q`` written in the target's reporting unit (``40万千瓦``)."""
        if (
            self.reporting_unit is None
            or q.dimensionality != self.reporting_unit.unit.dimensionality
        ):
            return format_quantity(q) if lang == "zh" else format_words(q)
        return self.reporting_unit.format(q, lang)

    @property
    def higher_is_better(self) -> bool:
        """False for an at-most target (pipe leakage at most 10%)."""
        return self.comparator is not Comparator.AT_MOST

    def describe_value(self, lang: str = "zh") -> str:
        """The promise in a few words, ``≥ 77.6公里`` or ``done by 2020-12-31``."""
        if self.value is None:
            if self.kind is TargetKind.MILESTONE:
                if self.event is MilestoneEvent.START:
                    return (
                        f"{self.deadline.isoformat()}前启动"
                        if lang == "zh"
                        else f"started by {self.deadline.isoformat()}"
                    )
                return (
                    f"{self.deadline.isoformat()}前完成"
                    if lang == "zh"
                    else (f"done by {self.deadline.isoformat()}")
                )
            return "定性目标" if lang == "zh" else "qualitative"
        sign = {Comparator.AT_LEAST: "≥", Comparator.AT_MOST: "≤", Comparator.EQUAL: "="}
        per_year = (
            ("/年" if lang == "zh" else " a year") if self.kind is TargetKind.ANNUAL_RATE else ""
        )
        about = ("左右" if lang == "zh" else " or about") if self.about else ""
        return f"{sign[self.comparator]} {self.format_value(self.value, lang)}{about}{per_year}"

    def __str__(self) -> str:
        strive = "争取" if self.strive and not self.description_zh.startswith("争取") else ""
        return f"{self.key}: {strive}{self.description_zh} ({self.describe_value()})"

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import target_html

        return target_html(self)


class Targets(tuple[Target, ...]):
    """A tuple of targets that shows as a table (text, or HTML in a notebook) and exports to pandas."""

    __slots__ = ()

    def __str__(self) -> str:
        from ezhou_recovery.display.text import targets_text

        return targets_text(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import targets_html

        return targets_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per target (needs pandas: the ``frames`` extra); see ``docs/quickstart.md``."""
        from ezhou_recovery.display.frames import targets_frame

        return targets_frame(self)
