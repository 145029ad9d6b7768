"""HTML for notebooks (``_repr_html_``): programmes, categories, targets and deadlines as tables.

Presentation only. Every text from the data is escaped; headers carry Chinese beside English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from .obligations import Deadline
from .programme import Category, Programme
from .projects import Project
from .targets import Target
from .units import format_quantity

_STYLE = "border-collapse:collapse;text-align:left"


def _cell(text: object, tag: str = "td") -> str:
    return f"<{tag} style='text-align:left;padding:2px 8px'>{escape(str(text))}</{tag}>"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table; every cell is escaped text (None shows as empty)."""
    head = "".join(_cell(h, "th") for h in header)
    body = "".join(
        "<tr>" + "".join(_cell("" if c is None else c) for c in row) + "</tr>" for row in rows
    )
    return f"<table style='{_STYLE}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _heading(zh: str, en: str, level: int = 3) -> str:
    return f"<h{level}>{escape(zh)}<br><small>{escape(en)}</small></h{level}>"


def _para(text: str) -> str:
    return f"<p>{escape(text)}</p>"


_TARGET_HEADER = ("键 Key", "目标 Target", "Target (English)", "目标值 Value", "截止 Deadline")


def _target_row(t: Target) -> tuple[str, ...]:
    return (t.key, t.description_zh, t.description_en, t.describe_value(), t.deadline.isoformat())


def targets_html(targets: Iterable[Target]) -> str:
    """A table of targets, one row each."""
    rows = [_target_row(t) for t in targets]
    return _para(f"{len(rows)} 个目标 targets") + table(_TARGET_HEADER, rows)


def target_html(target: Target) -> str:
    """One target as a two-column table of its fields."""
    fields: list[tuple[str, object]] = [
        ("键 Key", target.key),
        ("目标 Target", target.description_zh),
        ("Target (English)", target.description_en),
        ("类型 Kind", target.kind.value),
        ("目标值 Value", target.describe_value()),
        ("Value (English)", target.describe_value("en")),
        ("基数 Baseline", "" if target.baseline is None else str(target.baseline)),
        ("截止 Deadline", target.deadline.isoformat()),
    ]
    if target.scope_zh is not None:
        fields.append(("范围 Scope", f"{target.scope_zh} ({target.scope_en})"))
    if target.clause_zh is not None:
        fields.append(("原文 Clause", target.clause_zh))
    return table(("字段 Field", "值 Value"), fields)


_DEADLINE_HEADER = (
    "截止 Due",
    "事项 Obligation",
    "工程 Category",
    "报送单位 Department",
    "Department (English)",
    "期间 Period",
)


def deadlines_html(deadlines: Iterable[Deadline]) -> str:
    """A table of deadlines, one row each."""
    rows = [
        (
            d.due.isoformat(),
            d.obligation,
            d.category or "-",
            d.department.name_zh,
            d.department.name_en,
            d.period.label,
        )
        for d in deadlines
    ]
    return _para(f"{len(rows)} 个报送节点 deadlines") + table(_DEADLINE_HEADER, rows)


def _projects_html(projects: Sequence[Project]) -> str:
    rows = [
        (
            p.key,
            p.name_zh,
            p.name_en,
            p.status.value,
            "" if p.investment is None else format_quantity(p.investment),
        )
        for p in projects
    ]
    header = ("键 Key", "项目 Project", "Project (English)", "状态 Status", "估算投资 Investment")
    return table(header, rows)


def category_html(category: Category) -> str:
    """A category: leader, lead departments, portfolio, targets and named projects."""
    departments = "、".join(d.name_zh for d in category.lead_departments)
    departments_en = "; ".join(d.name_en for d in category.lead_departments)
    parts = [
        _heading(f"({category.number}) {category.name_zh}", f"{category.name_en} [{category.key}]"),
        _para(f"分管领导 Leader: {category.leader.name_zh} ({category.leader.name_en})"),
        _para(f"牵头部门 Lead departments: {departments} ({departments_en})"),
    ]
    p = category.portfolio
    if p is not None:
        about = "约" if p.approximate else ""
        parts.append(
            _para(
                f"项目 Portfolio: {p.project_count}个项目 projects, 估算总投资 total {about}"
                f"{format_quantity(p.total_investment)}, {p.first_year}年 "
                f"{format_quantity(p.first_year_investment)}"
            )
        )
    if category.targets:
        parts.append(targets_html(category.targets))
    if category.projects:
        parts.append(_projects_html(category.projects))
    return "".join(parts)


def programme_html(programme: Programme) -> str:
    """A programme: its head, totals and a table of its categories."""
    period = programme.period
    rows = [
        (
            c.number,
            c.name_zh,
            c.name_en,
            f"{c.leader.name_zh} ({c.leader.name_en})",
            "、".join(d.name_zh for d in c.lead_departments),
            len(c.targets),
            "" if c.portfolio is None else c.portfolio.project_count,
            "" if c.portfolio is None else format_quantity(c.portfolio.total_investment),
        )
        for c in programme.categories
    ]
    header = (
        "序号 No.",
        "工程 Category",
        "Category (English)",
        "分管领导 Leader",
        "牵头部门 Lead departments",
        "目标 Targets",
        "项目 Projects",
        "估算总投资 Investment",
    )
    return "".join(
        [
            _heading(programme.title_zh, programme.title_en),
            _para(
                f"{programme.document_number} · 印发 issued {programme.issued.isoformat()} · "
                f"期间 period {period.start.isoformat()} to {period.end.isoformat()}"
            ),
            _para(
                f"合计 Totals: {programme.project_count}个项目 projects, 估算总投资 "
                f"{format_quantity(programme.total_investment)}, {len(programme.targets)} "
                "个目标 targets"
            ),
            table(header, rows),
        ]
    )
