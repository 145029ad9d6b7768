"""The label table: every fixed word of an output in Chinese and English.

Chinese is the default language of every output; English stands beside it on request. A rendering
asks for ``label(key, lang)``; a table's column for ``heading(key)``; a status for
:func:`status_label` (read from :class:`~ezhou_recovery.analysis.attainment.Status` itself, whose
names the reason sentences use too), a report status for :func:`report_status_label` and a
finding's severity for :func:`severity_label`.

A late report is 迟报 everywhere (tables, CSV, frames, charts, the bulletin): the plan asks each
department to 报送 its progress by a date, and 迟报 (with 未报 for a report never sent) is the word
of statistics law and of 通报 for a report sent after its date.
"""

from __future__ import annotations

from typing import Final, Literal

from ezhou_recovery.analysis.attainment import Status
from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.analysis.validation import Severity

__all__ = [
    "HEADINGS",
    "LABELS",
    "REPORT_STATUS_LABELS",
    "SEVERITY_LABELS",
    "Lang",
    "both",
    "heading",
    "label",
    "report_status_label",
    "severity_label",
    "status_label",
]

#: A document's language.
Lang = Literal["zh", "en"]

#: key -> (Chinese, English).
LABELS: Final[dict[str, tuple[str, str]]] = {
    "bulletin": ("通报", "Bulletin"),
    "bulletin_title": ("关于{programme}推进情况的通报", "Bulletin on the progress of {programme}"),
    "as_of": ("截至{date}", "as of {date}"),
    "quarter": ("{year}年第{quarter}季度", "{year} Q{quarter}"),
    "contents": ("目录", "Contents"),
    "headline": ("总体情况", "Where the programme stands"),
    "changes": ("与上期相比", "What changed since the previous bulletin"),
    "categories": ("各项工程", "Programme areas"),
    "reporting": ("报送情况", "Reporting"),
    "call_ins": ("约谈问责", "Called in for accountability (约谈问责)"),
    "next_deadlines": ("下季度报送节点", "Deadlines of the next quarter"),
    "targets": ("目标", "Targets"),
    "targets_count": ("目标{n}项", "{n} targets"),
    "coverage": ("有数据{with_data}项，占{share}", "{with_data} with data ({share})"),
    "investment": ("投资完成", "Investment completed"),
    "investment_line": (
        "累计完成投资{completed}，占估算总投资{planned}的{rate}，时间进度{time}，{gap}",
        "{completed} invested, {rate} of the estimated {planned}; time progress {time}; {gap}",
    ),
    "investment_unknown": (
        "累计投资完成情况尚无完整数据",
        "Investment completed is not fully reported",
    ),
    "investment_partial": (
        "累计投资完成情况尚不完整：{total}项工程中{n}项已报送，暂不汇总；时间进度{time}",
        "Investment completed is reported for {n} of {total} programme areas, so no total is given; time progress {time}",
    ),
    "ahead": ("快于时间进度{pp}个百分点", "{pp} points ahead of time"),
    "behind": ("慢于时间进度{pp}个百分点", "{pp} points behind time"),
    "reporting_line": (
        "应报{expected}份，已报{received}份（报送率{rate}），按时{on_time}份（按时报送率{on_time_rate}），迟报{late}份，未报{missing}份",
        "{expected} reports due, {received} received ({rate}), {on_time} on time ({on_time_rate}), {late} late, {missing} missing",
    ),
    "no_previous": (
        "本期为首期通报，无上期数据可比。",
        "This is the first bulletin: there is nothing to compare with.",
    ),
    "previous_as_of": ("上期通报截至{date}。", "The previous bulletin was as of {date}."),
    "status_changes": ("目标状态变化", "Targets whose status changed"),
    "no_status_changes": ("无目标状态变化。", "No target changed status."),
    "newly_late": ("新出现迟报、未报的单位", "Departments newly late"),
    "recovered": ("已恢复按时报送的单位", "Departments that recovered"),
    "none": ("无", "none"),
    "investment_added": ("本期新增完成投资", "Investment added this quarter"),
    "investment_added_line": ("本期新增完成投资{amount}", "{amount} invested this quarter"),
    "investment_added_unknown": (
        "本期新增完成投资无法计算（缺少一期的数据）",
        "Investment added cannot be computed (a quarter's figure is missing)",
    ),
    "leader": ("牵头市领导", "Leading official"),
    "lead_departments": ("牵头部门", "Lead departments"),
    "unassigned": ("未明确", "not named"),
    "target": ("目标", "Target"),
    "status": ("状态", "Status"),
    "before": ("上期", "Before"),
    "after": ("本期", "Now"),
    "value": ("完成值", "Value"),
    "goal": ("目标值", "Goal"),
    "progress": ("进度", "Progress"),
    "time_progress": ("时间进度", "Time progress"),
    "reason": ("说明", "Reason"),
    "department": ("单位", "Department"),
    "expected": ("应报", "Due"),
    "on_time": ("按时", "On time"),
    "late": ("迟报", "Late"),
    "missing": ("未报", "Missing"),
    "on_time_rate": ("按时报送率", "On-time rate"),
    "late_reports": ("迟报事项", "Late reports"),
    "missing_reports": ("未报事项", "Missing reports"),
    "days_late": ("迟{days}天", "{days} days late"),
    "days_overdue": ("已逾期{days}天", "{days} days overdue"),
    "rank": ("序号", "Rank"),
    "reasons": ("理由", "Reasons"),
    "basis_rule": ("依据：{rule}", "Basis: {rule}"),
    "basis_laggards": (
        "本方案未规定约谈问责的具体标准，以下按报送滞后程度排序列出（迟报、未报越多越靠前）。",
        "The programme states no accountability rule: listed by the laggard ranking (most late and missing reports first).",
    ),
    "no_call_ins": ("本期无需约谈的单位。", "No department is to be called in."),
    "laggard_reason": (
        "迟报{late}份、未报{missing}份，按时报送率{rate}（{on_time}/{expected}）",
        "{late} late and {missing} missing reports; on-time rate {rate} ({on_time} of {expected})",
    ),
    "due": ("截止日期", "Due"),
    "obligation": ("报送事项", "Report"),
    "period": ("所属期间", "Period"),
    "category": ("工程", "Programme area"),
    "programme_wide": ("全局", "programme-wide"),
    "no_deadlines": ("下季度无报送节点。", "Nothing falls due next quarter."),
    "issuer": ("发文机关", "Issuing office"),
    "doc_number": ("发文字号", "Document number"),
    "addressees": ("主送机关", "Addressees"),
    "date": ("成文日期", "Date"),
    "placeholder": ("〔待填：{what}〕", "[to be filled in: {what}]"),
    "chart_status": ("各项工程目标状态", "Targets by status, per programme area"),
    "chart_investment": ("投资完成情况", "Investment completed"),
    "figures_note": (
        "本通报数据均来自同期目标评估与报送合规计算结果。",
        "Every figure comes from the assessment and the compliance results of the same date.",
    ),
    "status_text": ("状态：{status}", "status: {status}"),
}


def label(key: str, lang: Lang = "zh", **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` fields filled in from ``values``.

    Raises:
        KeyError: No such label.
    """
    zh, en = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


#: Report status -> (Chinese, English).
REPORT_STATUS_LABELS: Final[dict[ReportStatus, tuple[str, str]]] = {
    ReportStatus.ON_TIME: ("按时", "on time"),
    ReportStatus.LATE: ("迟报", "late"),
    ReportStatus.MISSING: ("未报", "missing"),
    ReportStatus.NOT_YET_DUE: ("未到期", "not yet due"),
}

#: Severity of a finding -> (Chinese, English).
SEVERITY_LABELS: Final[dict[Severity, tuple[str, str]]] = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
}

#: Column headings of the tables (text, HTML, command line): key -> (Chinese, English). The English
#: is written as an HTML heading has it; a text table starts it in lower case (``截止 due``).
HEADINGS: Final[dict[str, tuple[str, str]]] = {
    "field": ("字段", "Field"),
    "field_value": ("值", "Value"),
    "key": ("键", "Key"),
    "target": ("目标", "Target"),
    "target_en": ("", "Target (English)"),
    "kind": ("类型", "Kind"),
    "goal": ("目标值", "Goal"),
    "goal_en": ("", "Goal (English)"),
    "baseline": ("基数", "Baseline"),
    "deadline": ("截止", "Deadline"),
    "scope": ("范围", "Scope"),
    "clause": ("原文", "Clause"),
    "due": ("截止", "Due"),
    "last_day": ("最后一天", "Last day"),
    "obligation": ("事项", "Obligation"),
    "category": ("工程", "Category"),
    "category_en": ("", "Category (English)"),
    "district": ("区", "District"),
    "district_en": ("", "District (English)"),
    "department": ("报送单位", "Department"),
    "department_en": ("", "Department (English)"),
    "period": ("期间", "Period"),
    "status": ("状态", "Status"),
    "received": ("收到", "Received"),
    "days_late": ("逾期天数", "Days late"),
    "resubmissions": ("重报", "Resubmissions"),
    "points": ("得分", "Points"),
    "rank": ("名次", "Rank"),
    "expected": ("应报", "Expected"),
    "on_time": REPORT_STATUS_LABELS[ReportStatus.ON_TIME],
    "late": REPORT_STATUS_LABELS[ReportStatus.LATE],
    "missing": REPORT_STATUS_LABELS[ReportStatus.MISSING],
    "on_time_rate": ("按时率", "On-time rate"),
    "score": ("得分", "Score"),
    "value": ("完成值", "Value"),
    "as_of": ("截至", "As of"),
    "progress": ("进度", "Progress"),
    "time_progress": ("时间进度", "Time"),
    "gap": ("差距", "Gap (pp)"),
    "reason": ("说明", "Reason"),
    "reason_en": ("", "Reason (English)"),
    "name": ("名称", "Name"),
    "name_en": ("", "Name (English)"),
    "targets": ("目标", "Targets"),
    "data": ("有数据", "Data"),
    "mean_progress": ("平均进度", "Mean"),
    "mean_reported": ("有数据者平均", "Mean of reported"),
    "stale": ("陈旧", "Stale"),
    "worst": ("最差状态", "Worst"),
    "subject": ("对象", "Subject"),
    "completed": ("累计完成（亿元）", "Completed"),
    "planned": ("估算总投资（亿元）", "Planned"),
    "rate": ("完成率", "Rate"),
    "severity": ("级别", "Severity"),
    "code": ("规则", "Code"),
    "where": ("位置", "Where"),
    "what": ("问题", "What"),
    "project": ("项目", "Project"),
    "project_en": ("", "Project (English)"),
    "investment": ("估算投资", "Investment"),
    "number": ("序号", "No."),
    "leader": ("分管领导", "Leader"),
    "lead_departments": ("牵头部门", "Lead departments"),
    "projects": ("项目", "Projects"),
    "total_investment": ("估算总投资", "Investment"),
}


def both(zh: str, en: str) -> str:
    """Chinese and English side by side (``迟报 late``); one of them alone when the other is empty."""
    return f"{zh} {en}" if zh and en else zh or en


def heading(key: str, *, html: bool = False) -> str:
    """The column heading ``key``: ``截止 due`` in a text table, ``截止 Due`` in HTML.

    Raises:
        KeyError: No such heading.
    """
    zh, en = HEADINGS[key]
    if not html:
        en = en[:1].lower() + en[1:]
    return both(zh, en)


def status_label(status: Status, lang: Lang | None = None) -> str:
    """已达成 or ``attained`` in ``lang``; both (``存在风险 at risk``) without one."""
    if lang is None:
        return both(status.label_zh, status.label_en)
    return status.label_zh if lang == "zh" else status.label_en


def report_status_label(status: ReportStatus, lang: Lang | None = None) -> str:
    """按时, 迟报, 未报, 未到期 or ``on time``, ``late``, ...; both (``迟报 late``) without ``lang``."""
    zh, en = REPORT_STATUS_LABELS[status]
    if lang is None:
        return both(zh, en)
    return zh if lang == "zh" else en


def severity_label(severity: Severity, lang: Lang | None = None) -> str:
    """错误 or ``error``; both (``错误 error``) without ``lang``."""
    zh, en = SEVERITY_LABELS[severity]
    if lang is None:
        return both(zh, en)
    return zh if lang == "zh" else en
