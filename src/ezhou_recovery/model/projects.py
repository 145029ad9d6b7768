"""Projects and portfolios: what a category will build, and with how much money."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.model._checks import money_amount, optional_money_amount
from ezhou_recovery.units import Quantity, format_quantity, ureg

__all__ = [
    "Funding",
    "FundingSource",
    "Milestone",
    "PlannedInvestment",
    "Portfolio",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
]


class ProjectLevel(enum.StrEnum):
    """The level of government that carries a project out."""

    #: 国家级项目.
    NATIONAL = "national"
    #: 省级项目.
    PROVINCE = "province"
    #: 市级项目.
    CITY = "city"
    #: 区级项目.
    DISTRICT = "district"
    #: 县级项目.
    COUNTY = "county"

    @property
    def label_zh(self) -> str:
        """国家级, 省级, 市级, 区级, 县级."""
        return _LEVEL_ZH[self]


_LEVEL_ZH = {
    ProjectLevel.NATIONAL: "国家级",
    ProjectLevel.PROVINCE: "省级",
    ProjectLevel.CITY: "市级",
    ProjectLevel.DISTRICT: "区级",
    ProjectLevel.COUNTY: "县级",
}


class ProjectStatus(enum.StrEnum):
    """Stage of a project, after the OC4IDS project status codelist."""

    #: 谋划: being identified.
    IDENTIFICATION = "identification"
    #: 前期 / 启动: being prepared.
    PREPARATION = "preparation"
    #: 推进 / 建设: being built.
    IMPLEMENTATION = "implementation"
    #: 建成: built.
    COMPLETION = "completion"
    MAINTENANCE = "maintenance"
    DECOMMISSIONING = "decommissioning"
    DECOMMISSIONED = "decommissioned"
    CANCELLED = "cancelled"


class FundingSource(enum.StrEnum):
    """Where a project's money comes from; the plan counts on the first three."""

    #: 中央预算内投资.
    CENTRAL_BUDGET = "central_budget"
    #: 抗疫特别国债.
    SPECIAL_TREASURY_BONDS = "special_treasury_bonds"
    #: 地方政府专项债.
    LOCAL_SPECIAL_BONDS = "local_special_bonds"
    OTHER = "other"


@attrs.frozen
class Funding:
    """An amount a project receives from one source.

    Attributes:
        source: Where the money comes from.
        amount: How much.
    """

    source: FundingSource = attrs.field(validator=attrs.validators.instance_of(FundingSource))
    amount: Quantity = attrs.field(validator=money_amount)


@attrs.frozen
class Milestone:
    """A dated step of a project: planned (``due``) and, once reached, actual (``met``).

    Attributes:
        name: ``start``, ``completion`` or any other name.
        due: When it is planned.
        met: When it was reached; None while it is not.
    """

    name: str = attrs.field(validator=v.text)
    due: date = attrs.field(validator=v.a_date)
    met: date | None = attrs.field(default=None, validator=v.optional_date)


@attrs.frozen
class PlannedInvestment:
    """Planned cumulative investment of a project at the end of a period (the planned value curve).

    Attributes:
        period_end: Last day of the period.
        cumulative: Investment planned from the project's planned start up to ``period_end``.
    """

    period_end: date = attrs.field(validator=v.a_date)
    cumulative: Quantity = attrs.field(validator=money_amount)


def _investment_plan(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.instances_of(PlannedInvestment)(instance, attribute, value)
    for i in range(1, len(value)):
        before, step = value[i - 1], value[i]
        if step.period_end <= before.period_end:
            raise v.fail(
                instance,
                f"{attribute.name}[{i}].period_end",
                step.period_end,
                "must be after the one before",
            )
        if step.cumulative < before.cumulative:
            raise v.fail(
                instance,
                f"{attribute.name}[{i}].cumulative",
                format_quantity(step.cumulative),
                "a cumulative amount must not fall",
            )


@attrs.frozen
class Project:
    """One project of a category.

    Attributes:
        key: Stable identifier ``<category>.<slug>``.
        name_zh: Name in Chinese, as the plan writes it.
        name_en: Name in English.
        level: The level of government that carries it out; None where the data does not say.
        status: Stage of the project when the data was written.
        investment: Estimated total investment, if known.
        planned_start: Planned start, if known.
        planned_completion: Planned completion, if known.
        funding: Money by source.
        milestones: Planned and actual dated steps.
        investment_plan: Planned cumulative investment at the end of each period, from
            ``planned_start`` (which it requires); empty when not planned per period.
        clause_zh: The clause of the plan that names it.
        note: Free text about the project (not read by any computation).
    """

    key: str = attrs.field(validator=v.dotted_key)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    level: ProjectLevel | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(ProjectLevel)),
    )
    status: ProjectStatus = attrs.field(
        default=ProjectStatus.IMPLEMENTATION, validator=attrs.validators.instance_of(ProjectStatus)
    )
    investment: Quantity | None = attrs.field(default=None, validator=optional_money_amount)
    planned_start: date | None = attrs.field(default=None, validator=v.optional_date)
    planned_completion: date | None = attrs.field(default=None, validator=v.optional_date)
    funding: tuple[Funding, ...] = attrs.field(default=(), validator=v.instances_of(Funding))
    milestones: tuple[Milestone, ...] = attrs.field(default=(), validator=v.instances_of(Milestone))
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    investment_plan: tuple[PlannedInvestment, ...] = attrs.field(
        default=(), validator=_investment_plan
    )
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        s, c = self.planned_start, self.planned_completion
        if s is not None and c is not None and c < s:
            raise v.fail(self, "planned_completion", c, f"is before planned_start {s.isoformat()}")
        if self.investment_plan:
            first = self.investment_plan[0].period_end
            if s is None or first <= s:
                raise v.fail(
                    self,
                    "investment_plan[0].period_end",
                    first,
                    "an investment plan needs a planned_start before its first period end",
                )
        v.unique(self, "milestones", (m.name for m in self.milestones))

    @property
    def category(self) -> str:
        """Key of the category the project belongs to."""
        return self.key.split(".", 1)[0]

    @property
    def funded(self) -> Quantity | None:
        """Sum of the funding amounts, in 亿元; None when no funding is recorded."""
        if not self.funding:
            return None
        total = ureg.Quantity(Decimal(0), "yi_yuan")
        for item in self.funding:
            total = total + item.amount.to("yi_yuan")
        return total


@attrs.frozen
class Portfolio:
    """A category's planned projects and estimated investment (重大项目及投资测算).

    Attributes:
        project_count: Number of projects planned over the period.
        total_investment: Estimated total investment (估算总投资).
        first_year_investment: Estimated investment in the first year (2020年估算投资).
        first_year: The year ``first_year_investment`` is for.
        approximate: Whether the text gives the total as approximate (约).
    """

    project_count: int = attrs.field(validator=v.non_negative_int)
    total_investment: Quantity = attrs.field(validator=money_amount)
    first_year_investment: Quantity = attrs.field(validator=money_amount)
    first_year: int = attrs.field(default=2020, validator=v.non_negative_int)
    approximate: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.first_year_investment > self.total_investment:
            raise v.fail(
                self,
                "first_year_investment",
                format_quantity(self.first_year_investment),
                f"is above total_investment {format_quantity(self.total_investment)}",
            )
