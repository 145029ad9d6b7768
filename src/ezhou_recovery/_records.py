"""Flat records (one dict per row) of the model, shared by frames, CSV and JSON output.

Presentation only: each function reads attributes and formats them, nothing is computed beyond unit
conversion of money to 亿元 (exact, Decimal). Every record of a kind has the same keys, in the order
of the ``*_COLUMNS`` tuples, which are the single definition of those columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Final

from .obligations import Deadline
from .programme import Category, Programme
from .projects import Project
from .targets import Target
from .units import Quantity, format_quantity

Record = dict[str, Any]

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
    "baseline",
    "baseline_qualifier",
    "deadline",
    "scope_zh",
    "scope_en",
    "section",
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


def plain_decimal(number: Decimal) -> Decimal:
    """``number`` without trailing zeros and never in exponent notation (``1.2000`` -> ``1.2``)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def unit_code(q: Quantity) -> str:
    """The unit of ``q`` as the programme format writes it (``km``, ``yi_yuan``, ``percent``)."""
    code = format(q.units, "D")
    return "" if code == "dimensionless" else code


def _magnitude(q: Quantity) -> Decimal | Any:
    m = q.magnitude
    return plain_decimal(m) if isinstance(m, Decimal) else m


def yi_yuan(q: Quantity | None) -> Decimal | None:
    """An amount of money in 亿元, exactly; None stays None."""
    if q is None:
        return None
    m = q.to("yi_yuan").magnitude
    return plain_decimal(m if isinstance(m, Decimal) else Decimal(m))


def unit_zh(q: Quantity) -> str:
    """The unit of ``q`` as a Chinese reader writes it (``公里``), else its pint symbol."""
    text = format_quantity(q.__class__(Decimal(1), q.units), lang="zh")
    return text[1:].strip()


def target_record(target: Target) -> Record:
    """One target as a flat record; ``baseline`` is given in the target's unit."""
    value = target.value
    baseline = target.baseline
    base: Any = None
    if baseline is not None and value is not None:
        base = _magnitude(baseline.value.to(value.units))
    return {
        "key": target.key,
        "category": target.category,
        "description_zh": target.description_zh,
        "description_en": target.description_en,
        "kind": target.kind.value,
        "comparator": target.comparator.value,
        "value": None if value is None else _magnitude(value),
        "unit": None if value is None else unit_code(value),
        "unit_zh": None if value is None else unit_zh(value),
        "baseline": base,
        "baseline_qualifier": None if baseline is None else baseline.qualifier.value,
        "deadline": target.deadline,
        "scope_zh": target.scope_zh,
        "scope_en": target.scope_en,
        "section": target.section.value,
    }


def deadline_record(deadline: Deadline) -> Record:
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


def project_record(project: Project) -> Record:
    """One project as a flat record, money in 亿元 (exact Decimal)."""
    return {
        "key": project.key,
        "category": project.category,
        "name_zh": project.name_zh,
        "name_en": project.name_en,
        "level": project.level.value,
        "status": project.status.value,
        "investment_yi_yuan": yi_yuan(project.investment),
        "funded_yi_yuan": yi_yuan(project.funded),
        "planned_start": project.planned_start,
        "planned_completion": project.planned_completion,
    }


def category_record(category: Category) -> Record:
    """One category with its portfolio as a flat record, money in 亿元 (exact Decimal)."""
    p = category.portfolio
    return {
        "key": category.key,
        "number": category.number,
        "name_zh": category.name_zh,
        "name_en": category.name_en,
        "leader_zh": category.leader.name_zh,
        "leader_en": category.leader.name_en,
        "lead_departments": ";".join(d.key for d in category.lead_departments),
        "target_count": len(category.targets),
        "project_count": None if p is None else p.project_count,
        "total_investment_yi_yuan": None if p is None else yi_yuan(p.total_investment),
        "first_year_investment_yi_yuan": None if p is None else yi_yuan(p.first_year_investment),
        "first_year": None if p is None else p.first_year,
        "approximate": None if p is None else p.approximate,
    }


def programme_record(programme: Programme) -> Record:
    """The programme's head and totals as a flat record."""
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
    }


def records(items: Iterable[Any]) -> list[Record]:
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


def text_value(value: Any) -> str:
    """A record value as text for CSV and terminals: dates ISO, Decimals plain, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(plain_decimal(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A record value for JSON: dates ISO text, Decimals as exact decimal text, others as they are."""
    if isinstance(value, Decimal):
        return format(plain_decimal(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value
