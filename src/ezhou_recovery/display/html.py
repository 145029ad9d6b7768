"""HTML for notebooks (``_repr_html_``): programmes, categories, targets, deadlines, assessment
results and compliance as tables.

Presentation only. Every text from the data is escaped; headers carry Chinese beside English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ezhou_recovery._core.text import departments_text, leader_text
from ezhou_recovery.analysis.attainment import Assessment, Rollup, Status, TargetResult
from ezhou_recovery.analysis.compliance import Compliance, DeadlineStatus, ReportStatus
from ezhou_recovery.display import rows
from ezhou_recovery.display.tables import (
    DEADLINE_STATUS_VIEW,
    DEADLINE_VIEW,
    LAGGARD_VIEW,
    Column,
    headings,
    row_cells,
)
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.projects import Project
from ezhou_recovery.model.targets import Target
from ezhou_recovery.units import format_quantity

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


def view_table(records: Iterable[Mapping[str, object]], view: Sequence[Column]) -> str:
    """An HTML table of ``records`` through ``view`` (empty cells for no value)."""
    return table(headings(view, html=True), [row_cells(r, view, none="") for r in records])


def _heading(zh: str, en: str, level: int = 3) -> str:
    return f"<h{level}>{escape(zh)}<br><small>{escape(en)}</small></h{level}>"


def _para(text: str) -> str:
    return f"<p>{escape(text)}</p>"


_TARGET_HEADER = ("键 Key", "目标 Target", "Target (English)", "目标值 Value", "截止 Deadline")


def targets_html(targets: Iterable[Target]) -> str:
    """A table of targets, one row each."""
    from ezhou_recovery.display.text import target_cells

    columns = ("key", "target", "target_en", "goal", "deadline")
    rows = [[cells[c] for c in columns] for cells in map(target_cells, targets)]
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


def deadlines_html(deadlines: Iterable[Deadline]) -> str:
    """A table of deadlines, one row each."""
    records = [rows.deadline_record(d) for d in deadlines]
    return _para(f"{len(records)} 个报送节点 deadlines") + view_table(records, DEADLINE_VIEW)


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
    departments = departments_text(category.lead_departments)
    departments_en = departments_text(category.lead_departments, "en")
    parts = [
        _heading(f"({category.number}) {category.name_zh}", f"{category.name_en} [{category.key}]"),
        _para(f"分管领导 Leader: {leader_text(category.leader)}"),
        _para(
            f"牵头部门 Lead departments: {departments}"
            + ("" if not category.lead_departments else f" ({departments_en})")
        ),
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
            leader_text(c.leader),
            departments_text(c.lead_departments),
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
                f"合计 Totals (sums of the portfolios): {programme.project_count}个项目 projects, "
                f"估算总投资 {'约' if programme.totals_approximate else ''}"
                f"{format_quantity(programme.total_investment)}"
                f"{' (about)' if programme.totals_approximate else ''}, {len(programme.targets)} "
                "个目标 targets"
            ),
            table(header, rows),
        ]
    )


# Results ----------------------------------------------------------------------------------------


def _result_rows(results: Iterable[TargetResult]) -> list[list[str]]:
    from ezhou_recovery.display.text import RESULT_TEXT_COLUMNS, result_cells

    columns = (*RESULT_TEXT_COLUMNS[:2], "target", *RESULT_TEXT_COLUMNS[2:], "reason_zh")
    return [[cells[c] for c in columns] for cells in (result_cells(r, none="") for r in results)]


_RESULT_HEADER = (
    "状态 Status",
    "键 Key",
    "目标 Target",
    "目标值 Goal",
    "完成值 Value",
    "截至 As of",
    "进度 Progress",
    "时间进度 Time",
    "差距 Gap (pp)",
    "说明 Reason",
)


def target_result_html(result: TargetResult) -> str:
    """One target result as a two-column table."""
    from ezhou_recovery.display.text import percent, points, status_label, value_text

    fields: list[tuple[str, object]] = [
        ("键 Key", result.key),
        ("目标 Target", result.target.description_zh),
        ("Target (English)", result.target.description_en),
        ("状态 Status", status_label(result.status)),
        ("目标值 Goal", result.target.describe_value()),
        ("完成值 Value", value_text(result.value)),
        ("截至 As of", "" if result.value_as_of is None else result.value_as_of.isoformat()),
        ("进度 Progress", percent(result.progress)),
        ("时间进度 Time progress", percent(result.expected_progress)),
        ("差距 Gap (pp)", points(result.gap)),
        ("说明", result.reason_zh),
        ("Reason", result.reason),
    ]
    return table(("字段 Field", "值 Value"), fields)


def rollup_html(rollup: Rollup) -> str:
    """A roll-up: its counts and its results, worst first."""
    from ezhou_recovery.display.text import counts_text, standing_text

    return (
        _heading(rollup.name_zh, f"{rollup.name_en} [{rollup.scope} {rollup.key}]")
        + _para(f"{rollup.total} 个目标 targets: {counts_text(rollup)}; {standing_text(rollup)}")
        + table(_RESULT_HEADER, _result_rows(rollup.results))
    )


def _rollup_rows(rollups: Iterable[Rollup]) -> list[list[str]]:
    from ezhou_recovery.display.text import rollup_cells, rollup_columns

    columns = rollup_columns(english_name=True)
    return [[cells[c] for c in columns] for cells in (rollup_cells(r) for r in rollups)]


def assessment_html(a: Assessment) -> str:
    """An assessment: counts, the roll-up by category (and district), then every target worst first."""
    from ezhou_recovery.display.text import assessment_head

    header = (
        "键 Key",
        "工程 Category",
        "Category (English)",
        "目标 Targets",
        *(f"{s.label_zh} {s.label_en}" for s in Status),
        "有数据 Data",
        "平均进度 Mean progress",
        "有数据者平均 Mean of reported",
        "陈旧 Stale",
        "最差状态 Worst",
    )
    return (
        _heading(f"目标完成情况 {a.as_of.isoformat()}", assessment_head(a))
        + table(header, _rollup_rows(a.categories))
        + (
            _para("按区 By district")
            + table(
                ("键 Key", "区 District", "District (English)", *header[3:]),
                _rollup_rows(a.districts),
            )
            if a.districts
            else ""
        )
        + _para("目标（最差在前） Targets, worst first")
        + table(_RESULT_HEADER, _result_rows(a.overall.worst))
    )


def deadline_status_html(st: DeadlineStatus) -> str:
    """One deadline's status as a two-column table."""
    from ezhou_recovery.display.text import report_label

    d = st.deadline
    fields: list[tuple[str, object]] = [
        ("键 Key", d.key),
        ("状态 Status", report_label(st.status)),
        ("截止 Due", d.due.isoformat()),
        ("最后一天 Last on-time day", st.last_day.isoformat()),
        ("报送单位 Department", f"{d.department.name_zh} ({d.department.name_en})"),
        ("期间 Period", d.period.label),
        ("收到 Received", "" if st.received is None else st.received.isoformat()),
        ("逾期天数 Days late", st.days_late),
        ("重报 Resubmissions", st.resubmissions),
        ("得分 Points", "" if st.points is None else st.points),
    ]
    return table(("字段 Field", "值 Value"), fields)


def compliance_html(c: Compliance) -> str:
    """Compliance: the programme tally, the laggards, and the late and missing reports."""
    from ezhou_recovery.display.text import tally_line

    problems = [
        rows.deadline_status_record(st)
        for st in c.statuses
        if st.status in (ReportStatus.LATE, ReportStatus.MISSING)
    ]
    return (
        _heading(f"报送情况 {c.as_of.isoformat()}", f"Reporting compliance as of {c.as_of}")
        + _para(tally_line(c.programme))
        + _para("滞后单位 Departments that lag")
        + view_table([rows.laggard_record(lg) for lg in c.laggards], LAGGARD_VIEW)
        + _para(f"迟报和未报 Late and missing reports: {len(problems)}")
        + view_table(problems, DEADLINE_STATUS_VIEW)
    )
