"""The assessment and compliance report workbook for the supervising office (needs ``xlsx``).

Presentation only: the sheets are the records of :mod:`ezhou_recovery.display.rows` with a header row
in Chinese and English. Money stays exact (Decimal cells, in 亿元); shares are numbers shown as
percentages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery.analysis.attainment import Assessment
from ezhou_recovery.analysis.compliance import Compliance
from ezhou_recovery.display import rows as records
from ezhou_recovery.io.xlsx._openpyxl import load_openpyxl
from ezhou_recovery.io.xlsx.forms import save_text_as_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["REPORT_SHEETS", "write_report_workbook"]

#: The sheets of the report workbook, in order.
REPORT_SHEETS: Final = (
    "说明 About",
    "目标 Targets",
    "工程 Categories",
    "单位 Departments",
    "投资 Investment",
    "报送 Deadlines",
    "滞后单位 Laggards",
)

#: Header labels (Chinese and English) of record fields; a field not here shows its own name.
_LABELS: Final = {
    "key": "键 Key",
    "category": "工程 Category",
    "kind": "类型 Kind",
    "status": "状态 Status",
    "status_zh": "状态（中文） Status (Chinese)",
    "value": "完成值 Value",
    "unit": "单位 Unit",
    "value_text": "完成值（文字） Value (text)",
    "value_as_of": "截至 As of",
    "target_value": "目标值 Target value",
    "progress": "进度 Progress",
    "expected_progress": "时间进度 Time progress",
    "gap": "差距 Gap",
    "projected_value": "预计值 Projected value",
    "catch_up_per_quarter": "每季度需完成 Needed per quarter",
    "observations": "数据条数 Observations",
    "deadline": "截止 Deadline",
    "reason": "Reason",
    "reason_zh": "说明 Reason (Chinese)",
    "scope": "范围 Scope",
    "name_zh": "名称 Name",
    "name_en": "Name (English)",
    "targets": "目标数 Targets",
    "attained": "已达成 Attained",
    "on_track": "进度正常 On track",
    "at_risk": "存在风险 At risk",
    "off_track": "明显滞后 Off track",
    "missed": "逾期未完成 Missed",
    "no_data": "无数据 No data",
    "overdue": "到期无数据 Overdue",
    "share_attained": "达成率 Share attained",
    "reported": "有数据 Targets with data",
    "coverage": "数据覆盖率 Coverage",
    "mean_progress": "平均进度 Mean progress",
    "mean_progress_reported": "有数据者平均进度 Mean of reported",
    "mean_expected_progress": "平均时间进度 Mean time progress",
    "stale": "数据陈旧 Stale",
    "worst_status": "最差状态 Worst status",
    "worst_count": "最差状态数 Worst count",
    "quality": "数据来源 Quality",
    "findings": "数据问题 Findings",
    "subject": "对象 Subject",
    "completed_yi_yuan": "累计完成（亿元） Completed (100 million yuan)",
    "reported_on": "截至 Reported on",
    "from_projects": "按项目合计 Sum of projects",
    "planned_total_yi_yuan": "估算总投资（亿元） Planned total (100 million yuan)",
    "completion_rate": "完成率 Completion rate",
    "time_progress": "时间进度 Time progress",
    "gap_pp": "差距（百分点） Gap (pp)",
    "first_year": "首年 First year",
    "planned_first_year_yi_yuan": "首年计划（亿元） First-year plan",
    "completed_first_year_yi_yuan": "首年完成（亿元） First-year completed",
    "first_year_rate": "首年完成率 First-year rate",
    "due": "截止 Due",
    "last_day": "最后一天 Last on-time day",
    "obligation": "事项 Obligation",
    "department": "报送单位 Department",
    "department_zh": "单位名称 Department (Chinese)",
    "department_en": "Department (English)",
    "period": "期间 Period",
    "received": "收到 Received",
    "days_late": "逾期天数 Days late",
    "resubmissions": "重报 Resubmissions",
    "points": "得分 Points",
    "expected": "应报 Expected",
    "late": "迟报 Late",
    "missing": "未报 Missing",
    "not_yet_due": "未到期 Not yet due",
    "reporting_rate": "报送率 Reporting rate",
    "on_time_rate": "按时报送率 On-time rate",
    "mean_days_late": "平均逾期天数 Mean days late",
    "worst_days_late": "最长迟报天数 Worst days late",
    "worst_days_overdue": "最长未报天数 Worst days overdue",
    "max_points": "满分 Maximum points",
    "score": "得分率 Score",
    "rank": "名次 Rank",
}
#: Columns shown as percentages: the records' shares (a gap in percentage points stays a number).
_PERCENT: Final = records.SHARE_COLUMNS - {"gap_pp"}
_DATE_FORMAT: Final = "yyyy-mm-dd"
_HEADER_COLOUR: Final = "DDEBF7"


def _sheet(
    book: Any, title: str, rows: Sequence[records.Record], columns: Sequence[str]
) -> Worksheet:
    openpyxl = load_openpyxl()
    styles = openpyxl.styles
    sheet: Worksheet = book.create_sheet(title)
    sheet.append([_LABELS.get(c, c) for c in columns])
    for index in range(1, len(columns) + 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = styles.Font(bold=True)
        cell.fill = styles.PatternFill("solid", fgColor=_HEADER_COLOUR)
        cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 16
    for record in rows:
        sheet.append([_cell_value(record[c]) for c in columns])
    for index, name in enumerate(columns, start=1):
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=index)
            if name in _PERCENT and cell.value is not None:
                cell.number_format = "0.0%"
            elif isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
    sheet.freeze_panes = "B2"
    return sheet


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal | int | float | date | str | bool) or value is None:
        return value
    return str(value)


def write_report_workbook(
    assessment: Assessment, compliance: Compliance, path: str | PathLike[str]
) -> Path:
    """Write the report workbook: targets by status (worst first), roll-ups by category and by
    department, investment completion, every deadline with its status, and the laggards.

    Args:
        assessment: Where the targets stand.
        compliance: Where the reports stand.
        path: Where to write the ``.xlsx`` file (overwritten if it exists).

    Returns:
        The path written.
    """
    openpyxl = load_openpyxl()
    book = openpyxl.Workbook()
    about = book.active
    about.title = REPORT_SHEETS[0]
    t = compliance.programme
    for row in (
        ("programme", assessment.programme, "规划 Programme"),
        ("assessed_as_of", assessment.as_of, "目标评估日期 Targets assessed as of"),
        ("compliance_as_of", compliance.as_of, "报送统计日期 Reports counted as of"),
        ("targets", assessment.overall.total, "目标数 Targets"),
        *(
            (s.value, n, f"{s.label_zh} {s.label_en.capitalize()}")
            for s, n in assessment.overall.counts.items()
        ),
        ("reports_expected", t.expected, "应报 Reports expected"),
        ("on_time", t.on_time, "按时 On time"),
        ("late", t.late, "迟报 Late"),
        ("missing", t.missing, "未报 Missing"),
        (
            "on_time_rate",
            records.tally_record("", "", "", "", t)["on_time_rate"],
            "按时报送率 On-time rate",
        ),
    ):
        about.append(list(row))
    for cell in about["B"]:
        if isinstance(cell.value, date):
            cell.number_format = _DATE_FORMAT
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 24
    about.column_dimensions["C"].width = 32

    _sheet(
        book,
        REPORT_SHEETS[1],
        [records.result_record(r) for r in assessment.overall.worst],
        records.RESULT_COLUMNS,
    )
    _sheet(
        book,
        REPORT_SHEETS[2],
        [records.rollup_record(r) for r in (*assessment.categories, assessment.overall)],
        records.ROLLUP_COLUMNS,
    )
    _sheet(
        book,
        REPORT_SHEETS[3],
        [records.rollup_record(r) for r in assessment.departments],
        records.ROLLUP_COLUMNS,
    )
    _sheet(
        book,
        REPORT_SHEETS[4],
        [records.money_record(m) for m in (*assessment.money, assessment.money_total)],
        records.MONEY_COLUMNS,
    )
    _sheet(
        book,
        REPORT_SHEETS[5],
        [records.deadline_status_record(st) for st in compliance.statuses],
        records.DEADLINE_STATUS_COLUMNS,
    )
    _sheet(
        book,
        REPORT_SHEETS[6],
        [records.laggard_record(lg) for lg in compliance.laggards],
        records.LAGGARD_COLUMNS,
    )
    out = Path(path)
    save_text_as_text(book, out)
    return out
