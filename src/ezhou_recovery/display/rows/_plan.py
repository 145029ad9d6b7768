"""Records of the plan: targets, deadlines, projects, categories and the programme's head."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Final, TypedDict

from ezhou_recovery.display.rows._values import (
    Record,
    magnitude,
    plain_decimal,
    unit_code,
    unit_zh,
    yi_yuan,
)
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.projects import Project
from ezhou_recovery.model.targets import Target, TargetKind

#: Columns of a target record, in order.
TARGET_COLUMNS: Final = (
    "key",
    "category",
    "description_zh",
    "description_en",
    "kind",
    "comparator",
    "value",
    "unit",
    "unit_zh",
    "reporting_unit",
    "reporting_value",
    "baseline",
    "baseline_qualifier",
    "deadline",
    "scope_zh",
    "scope_en",
    "section",
    "strive",
    "district",
    "event",
)
#: Columns of a deadline record, in order.
DEADLINE_COLUMNS: Final = (
    "key",
    "due",
    "obligation",
    "category",
    "department",
    "department_zh",
    "department_en",
    "period",
    "period_start",
    "period_end",
)
#: Columns of a project record, in order.
PROJECT_COLUMNS: Final = (
    "key",
    "category",
    "name_zh",
    "name_en",
    "level",
    "status",
    "investment_yi_yuan",
    "funded_yi_yuan",
    "planned_start",
    "planned_completion",
)
#: Columns of a category record, in order.
CATEGORY_COLUMNS: Final = (
    "key",
    "number",
    "name_zh",
    "name_en",
    "leader_zh",
    "leader_en",
    "lead_departments",
    "target_count",
    "project_count",
    "total_investment_yi_yuan",
    "first_year_investment_yi_yuan",
    "first_year",
    "approximate",
)

Number = Decimal | float | int


class TargetRecord(TypedDict):
    """A target: value and baseline in the canonical ``unit``; ``reporting_value`` in the plan's
    ``reporting_unit`` (50 for 50万千瓦)."""

    key: str
    category: str
    description_zh: str
    description_en: str
    kind: str
    comparator: str
    value: Number | None
    unit: str | None
    unit_zh: str | None
    reporting_unit: str | None
    reporting_value: Decimal | None
    baseline: Number | None
    baseline_qualifier: str | None
    deadline: date
    scope_zh: str | None
    scope_en: str | None
    section: str
    strive: bool
    district: str | None
    event: str | None


class DeadlineRecord(TypedDict):
    """A deadline: when, what, who (key and names) and for which period."""

    key: str
    due: date
    obligation: str
    category: str | None
    department: str
    department_zh: str
    department_en: str
    period: str
    period_start: date
    period_end: date


class ProjectRecord(TypedDict):
    """A project, money in 亿元."""

    key: str
    category: str
    name_zh: str
    name_en: str
    level: str | None
    status: str
    investment_yi_yuan: Decimal | None
    funded_yi_yuan: Decimal | None
    planned_start: date | None
    planned_completion: date | None


class CategoryRecord(TypedDict):
    """A category with its portfolio, money in 亿元."""

    key: str
    number: int
    name_zh: str
    name_en: str
    leader_zh: str | None
    leader_en: str | None
    lead_departments: str
    target_count: int
    project_count: int | None
    total_investment_yi_yuan: Decimal | None
    first_year_investment_yi_yuan: Decimal | None
    first_year: int | None
    approximate: bool | None


class ProgrammeRecord(TypedDict):
    """The programme's head and totals (sums of the portfolios), money in 亿元."""

    key: str
    document_number: str
    title_zh: str
    title_en: str
    issuer: str
    issued: date
    published: date | None
    period_start: date
    period_end: date
    category_count: int
    target_count: int
    project_count: int
    total_investment_yi_yuan: Decimal | None
    first_year_investment_yi_yuan: Decimal | None
    totals_approximate: bool


def target_record(target: Target) -> TargetRecord:
    """One target as a flat record; ``value`` and ``baseline`` are in the canonical ``unit``,
    ``reporting_value`` is the value in ``reporting_unit`` (50 for 50万千瓦), exactly."""
    value = target.value
    baseline = target.baseline
    base: Number | None = None
    if baseline is not None and value is not None:
        base = magnitude(baseline.value.to(value.units))
    return {
        "key": target.key,
        "category": target.category,
        "description_zh": target.description_zh,
        "description_en": target.description_en,
        "kind": target.kind.value,
        "comparator": target.comparator.value,
        "value": None if value is None else magnitude(value),
        "unit": None if value is None else unit_code(value),
        "unit_zh": None if value is None else unit_zh(value),
        "reporting_unit": None if target.reporting_unit is None else target.reporting_unit.text,
        "reporting_value": (
            None
            if value is None or target.reporting_unit is None
            else plain_decimal(target.reporting_unit.number(value))
        ),
        "baseline": base,
        "baseline_qualifier": None if baseline is None else baseline.qualifier.value,
        "deadline": target.deadline,
        "scope_zh": target.scope_zh,
        "scope_en": target.scope_en,
        "section": target.section.value,
        "strive": target.strive,
        "district": target.district,
        "event": target.event.value if target.kind is TargetKind.MILESTONE else None,
    }


def deadline_record(deadline: Deadline) -> DeadlineRecord:
    """One deadline as a flat record."""
    return {
        "key": deadline.key,
        "due": deadline.due,
        "obligation": deadline.obligation,
        "category": deadline.category,
        "department": deadline.department.key,
        "department_zh": deadline.department.name_zh,
        "department_en": deadline.department.name_en,
        "period": deadline.period.label,
        "period_start": deadline.period.start,
        "period_end": deadline.period.end,
    }


def project_record(project: Project) -> ProjectRecord:
    """One project as a flat record, money in 亿元 (exact Decimal)."""
    return {
        "key": project.key,
        "category": project.category,
        "name_zh": project.name_zh,
        "name_en": project.name_en,
        "level": None if project.level is None else project.level.value,
        "status": project.status.value,
        "investment_yi_yuan": yi_yuan(project.investment),
        "funded_yi_yuan": yi_yuan(project.funded),
        "planned_start": project.planned_start,
        "planned_completion": project.planned_completion,
    }


def category_record(category: Category) -> CategoryRecord:
    """One category with its portfolio as a flat record, money in 亿元 (exact Decimal)."""
    p = category.portfolio
    return {
        "key": category.key,
        "number": category.number,
        "name_zh": category.name_zh,
        "name_en": category.name_en,
        "leader_zh": None if category.leader is None else category.leader.name_zh,
        "leader_en": None if category.leader is None else category.leader.name_en,
        "lead_departments": ";".join(d.key for d in category.lead_departments),
        "target_count": len(category.targets),
        "project_count": None if p is None else p.project_count,
        "total_investment_yi_yuan": None if p is None else yi_yuan(p.total_investment),
        "first_year_investment_yi_yuan": None if p is None else yi_yuan(p.first_year_investment),
        "first_year": None if p is None else p.first_year,
        "approximate": None if p is None else p.approximate,
    }


def programme_record(programme: Programme) -> ProgrammeRecord:
    """The programme's head and totals as a flat record; the totals are sums of the portfolios,
    approximate (约) when ``totals_approximate`` is true."""
    return {
        "key": programme.key,
        "document_number": programme.document_number,
        "title_zh": programme.title_zh,
        "title_en": programme.title_en,
        "issuer": programme.issuer.key,
        "issued": programme.issued,
        "published": programme.published,
        "period_start": programme.period.start,
        "period_end": programme.period.end,
        "category_count": len(programme.categories),
        "target_count": len(programme.targets),
        "project_count": programme.project_count,
        "total_investment_yi_yuan": yi_yuan(programme.total_investment),
        "first_year_investment_yi_yuan": yi_yuan(programme.first_year_investment),
        "totals_approximate": programme.totals_approximate,
    }


def records(items: Iterable[Target | Deadline | Project | Category]) -> list[Record]:
    """Records of targets, deadlines, projects or categories (mixed kinds are not allowed)."""
    out: list[Record] = []
    for item in items:
        if isinstance(item, Target):
            out.append(target_record(item))
        elif isinstance(item, Deadline):
            out.append(deadline_record(item))
        elif isinstance(item, Project):
            out.append(project_record(item))
        elif isinstance(item, Category):
            out.append(category_record(item))
        else:
            raise TypeError(f"no record layout for {type(item).__name__}")
    return out
