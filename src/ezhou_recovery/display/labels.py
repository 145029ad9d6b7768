"""The label table: every fixed word of a document in Chinese and English.

Chinese is the default language of every output; English stands beside it on request. A rendering
asks for ``label(key, lang)``; statuses have their own labels (``Status.label_zh``/``label_en``,
:func:`report_status_label`).
"""

from __future__ import annotations

from typing import Final, Literal

from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.display import rows as _records

__all__ = ["LABELS", "Lang", "label", "report_status_label"]

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


def report_status_label(status: ReportStatus, lang: Lang = "zh") -> str:
    """按时, 迟报, 未报, 未到期 or ``on time``, ``late``, ..."""
    if lang == "zh":
        return _records.report_status_zh(status.value)
    return status.value.replace("_", " ")
