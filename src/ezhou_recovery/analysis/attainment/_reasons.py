"""The reasons of a result in words: one English and one Chinese sentence with the numbers, built
from what the rules (:mod:`._rules`) found. Nothing here decides a status."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import pint

from ezhou_recovery.analysis.attainment._results import YearResult
from ezhou_recovery.analysis.attainment._status import Status
from ezhou_recovery.analysis.attainment._thresholds import Thresholds
from ezhou_recovery.evidence.observations import Observation, QualitativeLevel, Quality
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import (
    BaselineQualifier,
    Comparator,
    MilestoneEvent,
    Target,
    TargetKind,
)
from ezhou_recovery.units import Q_, Quantity, format_quantity, format_words

__all__ = [
    "annual_reasons",
    "figure_notes",
    "milestone_reasons",
    "no_data_reasons",
    "overdue_reasons",
    "percent_text",
    "qualitative_reasons",
    "quantity_reasons",
    "show",
]


def percent_text(share: float | Decimal | Fraction) -> str:
    """A share as a whole percentage that never flatters: floored, so 0.996 reads ``99%`` (and
    only a share of at least 1 reads ``100%``); -0.004 reads ``-1%``."""
    # Ten decimal places first, so that a float a hair below a round share (0.8 computed as
    # 0.7999999999999999) is not pushed down a whole point.
    exact = Decimal(f"{share:.10f}") if isinstance(share, float) else share
    hundredths = exact * 100
    return f"{math.floor(hundredths)}%"


def show(value: Any, target: Target | None = None) -> str:
    """A value in English words: ``1444 base stations``, ``77.6 km``, ``done``; in the target's
    reporting unit where that is not the canonical unit (``40万千瓦``)."""
    unit = None if target is None else target.reporting_unit
    if unit is not None and not unit.canonical and isinstance(value, pint.Quantity):
        return unit.format(value, "en")
    if isinstance(value, QualitativeLevel):
        return value.name_en
    if isinstance(value, bool):
        return "done" if value else "not done"
    if value is None:
        return "none"
    return format_words(value)


def _number(q: Quantity, target: Target | None = None) -> str:
    unit = None if target is None else target.reporting_unit
    magnitude = q.magnitude if unit is None or unit.canonical else unit.number(q)
    return format_quantity(Q_(magnitude, "dimensionless"), lang="en")


def _zh(value: Any) -> str:
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    if isinstance(value, QualitativeLevel):
        return value.name_zh
    return format_quantity(value)


def _months(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _figure_en(target: Target, value: Any) -> str:
    """A figure in words for a reason: ``0 of 277 cases``, ``78.5% against at least 80%``."""
    if isinstance(value, bool | QualitativeLevel):
        return show(value)
    assert target.value is not None
    if target.kind is TargetKind.CUMULATIVE and target.comparator is Comparator.AT_LEAST:
        return f"{_number(value)} of {show(target.value)}"
    return f"{show(value)} against {_AGAINST[target.comparator]} {show(target.value)}"


_AGAINST: Final = {
    Comparator.AT_LEAST: "at least",
    Comparator.AT_MOST: "at most",
    Comparator.EQUAL: "exactly",
}
_QUALITY_EN: Final = {
    Quality.REPORTED: "",
    Quality.OFFICIAL_STATISTICS: " (official statistics)",
    Quality.ESTIMATE: " (an estimate)",
}
_QUALITY_ZH: Final = {
    Quality.REPORTED: "",
    Quality.OFFICIAL_STATISTICS: "（统计数据）",
    Quality.ESTIMATE: "（估算）",
}


def overdue_reasons(judged: Observation, target: Target, th: Thresholds) -> tuple[str, str]:
    """Why a figure too old cannot judge the deadline."""
    due = target.deadline.isoformat()
    months = _months(judged.as_of, target.deadline)
    return (
        f"overdue: the deadline {due} has come with no figure to judge it by; the latest before "
        f"it, {_figure_en(target, judged.value)} on {judged.as_of.isoformat()}, is {months} "
        f"months older than the deadline (more than {th.stale_after_days} days)",
        f"到期无数据：期限{due}已到，最近数值为{judged.as_of.isoformat()}的{_zh(judged.value)}，"
        f"早于期限{months}个月，不足以判断",
    )


def quantity_reasons(
    target: Target,
    status: Status,
    judged: Observation,
    progress: float,
    expected: float,
    exact: bool,
    *,
    moved_away: bool,
    limit: bool,
    over: bool,
    censored: bool,
) -> tuple[str, str]:
    assert target.value is not None
    value = judged.value
    goal_en = show(target.value, target)
    value_en = show(value, target)
    value_zh = target.format_value(value)  # type: ignore[arg-type]
    against = _AGAINST[target.comparator]
    baseline_words = ""
    baseline_zh = ""
    shown_base = target.baseline is not None
    if shown_base and target.baseline is not None:
        baseline_words = f" from the baseline {_baseline_en(target)}"
        baseline_zh = f"，基线{target.baseline}"
        if not exact:
            baseline_words += " (not exact)"
            baseline_zh += "（非精确值）"
    when = judged.as_of.isoformat()
    if status is Status.ATTAINED:
        reason = f"attained: {value_en} as of {when} against a target of {against} {goal_en}"
        reason_zh = f"已达成：截至{when}为{value_zh}，目标{target.describe_value()}"
        return reason, reason_zh
    if moved_away:
        share = (
            f"moved away from the target: the baseline {_baseline_en(target)} met it, "
            f"progress {percent_text(progress)}"
        )
        share_zh = f"，偏离目标：基线{target.baseline}已达标，进度{percent_text(progress)}"
    elif limit:
        share = "a limit not met (without a baseline no progress is counted)"
        share_zh = "，未达到限值（无基线，不计进度）"
    elif over and not shown_base:
        share = f"over the limit, progress {percent_text(progress)}"
        share_zh = f"，超出限值，进度{percent_text(progress)}"
    elif censored:
        share = (
            f"still within the baseline's range {_baseline_en(target)}: no progress counted (0%)"
        )
        share_zh = f"，仍在基线范围{target.baseline}内，不计进度（0%）"
    else:
        share = (
            f"{percent_text(progress)} of the way{baseline_words}"
            if shown_base
            else f"{percent_text(progress)} of target"
        )
        share_zh = f"，完成{percent_text(progress)}{baseline_zh}"
    if status is Status.MISSED:
        reason = (
            f"missed: {value_en} as of {when} against {against} {goal_en} by the deadline "
            f"{target.deadline.isoformat()}, {share}"
        )
        reason_zh = (
            f"逾期未完成：期限{target.deadline.isoformat()}时（{when}）为{value_zh}，目标"
            f"{target.describe_value()}{share_zh}"
        )
        return reason, reason_zh
    counted = target.kind is TargetKind.CUMULATIVE and target.comparator is Comparator.AT_LEAST
    head = (
        f"{_number(value, target)} of {goal_en}"  # type: ignore[arg-type]
        if counted
        else f"{value_en} against {against} {goal_en}"
    )
    reason = f"{status.label_en}: {head} as of {when}, {share} with {percent_text(expected)} of the time elapsed"
    reason_zh = (
        f"{status.label_zh}：截至{when}为{value_zh}，目标{target.describe_value()}"
        f"{share_zh}，时间进度{percent_text(expected)}"
    )
    return reason, reason_zh


def _baseline_en(target: Target) -> str:
    b = target.baseline
    assert b is not None
    word = {
        BaselineQualifier.EXACT: "",
        BaselineQualifier.ABOUT: "about ",
        BaselineQualifier.LESS_THAN: "less than ",
        BaselineQualifier.MORE_THAN: "more than ",
    }[b.qualifier]
    return f"{word}{show(b.value, target)}"


def fall_findings(
    falls: Sequence[tuple[Observation, Observation]], fall_count: int
) -> tuple[str, ...]:
    """A finding per named fall of a running total, and one saying how many there are in all when
    not every one is named."""
    findings = tuple(
        f"the running total fell from {show(a.value)} on {a.as_of.isoformat()} to "
        f"{show(b.value)} on {b.as_of.isoformat()}"
        for a, b in falls
    )
    if fall_count > len(falls):
        findings += (
            f"the running total fell {fall_count} times in all; the first "
            f"{len(falls)} are named here (validate_observations names every one)",
        )
    return findings


def figure_notes(
    target: Target,
    judged: Observation,
    as_of: date,
    *,
    stale: bool,
    findings: Sequence[str],
) -> tuple[str, str]:
    """What follows every judged result's reasons: where the figure comes from (unless reported),
    that it is stale, and the data problems found (empty strings when there is nothing to say)."""
    note = note_zh = ""
    quality = judged.quality
    if quality is not Quality.REPORTED:
        note += f"; the figure is {_QUALITY_EN[quality].strip(' ()')}"
        note_zh += f"；该数值为{_QUALITY_ZH[quality].strip('（）')}"
    if stale:
        months = _months(judged.as_of, as_of)
        note += (
            f"; stale: latest figure {_figure_en(target, judged.value)}, {months} months old "
            f"({judged.as_of.isoformat()})"
        )
        note_zh += f"；数据陈旧：最新数值为{judged.as_of.isoformat()}的数值，已{months}个月未更新"
    for finding in findings:
        note += f"; data problem: {finding}"
    if findings:
        note_zh += f"；数据问题：累计数回落{len(findings)}次（详见findings）"
    return note, note_zh


def no_data_reasons(
    programme: Programme,
    target: Target,
    as_of: date,
    *,
    count: int,
    latest: Observation | None,
    pre: Observation | None,
) -> tuple[str, str]:
    """Why a target has no figure to judge: none yet, none by the deadline, only one from before
    the programme, or only ones after the deadline."""
    due = target.deadline.isoformat()
    if as_of >= target.deadline:
        head = f"overdue: the deadline {due} has come with no figure to judge it by"
        head_zh = f"到期无数据：期限{due}已到，无可据以判断的数值"
    else:
        head = f"no data: no value reported by {as_of.isoformat()}"
        head_zh = f"无数据：截至{as_of.isoformat()}无报送数值"
    if pre is not None:
        which = "only" if count == 1 else "latest"
        head += (
            f"; the {which} figure, {show(pre.value)} on {pre.as_of.isoformat()}, predates the "
            f"programme (from {programme.period.start.isoformat()}) and shows its starting point "
            f"only"
        )
        head_zh += (
            f"；{pre.as_of.isoformat()}的数值{_zh(pre.value)}早于规划期"
            f"（{programme.period.start.isoformat()}起），仅作起点参考"
        )
    elif latest is not None and latest.as_of > target.deadline:
        head += f"; the first value is of {latest.as_of.isoformat()}, after the deadline {due}"
        head_zh += f"；首个数值为{latest.as_of.isoformat()}，晚于期限"
    return head, head_zh


def milestone_reasons(
    target: Target,
    status: Status,
    judged: Observation,
    latest: Observation | None,
    expected: float,
    th: Thresholds,
) -> tuple[str, str]:
    """Why a milestone has its status: done or not by the figure judged, and how much time has
    gone."""
    due = target.deadline.isoformat()
    did, did_zh = ("started", "启动") if target.event is MilestoneEvent.START else ("done", "完成")
    if judged.value is True:
        return (
            f"attained: {did} as of {judged.as_of.isoformat()}, due {due}",
            f"已达成：截至{judged.as_of.isoformat()}已{did_zh}（期限{due}）",
        )
    if status is Status.OVERDUE:
        return overdue_reasons(judged, target, th)
    if status is Status.MISSED:
        late = latest is not None and latest.value is True and latest.as_of > target.deadline
        tail = f" ({did} later, by {latest.as_of.isoformat()})" if late and latest else ""
        return (
            f"missed: not {did} as of {judged.as_of.isoformat()}, on or near the deadline {due}"
            f"{tail}",
            f"逾期未{did_zh}：期限{due}前未{did_zh}（截至{judged.as_of.isoformat()}）",
        )
    return (
        f"{status.label_en}: not {did} as of {judged.as_of.isoformat()}, due {due}, "
        f"with {percent_text(expected)} of the time elapsed",
        f"{status.label_zh}：截至{judged.as_of.isoformat()}未{did_zh}，期限{due}，"
        f"时间进度{percent_text(expected)}",
    )


def qualitative_reasons(
    target: Target, status: Status, judged: Observation, expected: float, th: Thresholds
) -> tuple[str, str]:
    """Why a qualitative goal has its status: the level reached on the scale."""
    if status is Status.OVERDUE:
        return overdue_reasons(judged, target, th)
    level = judged.value
    assert isinstance(level, QualitativeLevel)
    top = QualitativeLevel.ACHIEVED.rank
    return (
        f"{status.label_en}: {level.name_en} ({level.rank} of {top} on the scale) as of "
        f"{judged.as_of.isoformat()}, with {percent_text(expected)} of the time elapsed",
        f"{status.label_zh}：截至{judged.as_of.isoformat()}{level.name_zh}，"
        f"时间进度{percent_text(expected)}",
    )


def annual_reasons(
    target: Target,
    status: Status,
    years: Sequence[YearResult],
    unreported: Sequence[int],
    total: Quantity,
    progress: float,
    expected: float,
    n_years: int,
) -> tuple[str, str]:
    """Why an annual rate has its status: the total over the years so far against the period's,
    then each year's figure and status."""
    assert target.value is not None
    rate = float(target.value.magnitude)
    rate_text = show(target.value, target)
    per_year = "; ".join(
        f"{y.year}: {show(y.value, target)} ({y.status.label_en})"
        if y.value is not None
        else f"{y.year}: {'no report' if y.year in unreported else 'no report yet'}"
        for y in years
    )
    reason = (
        f"{status.label_en}: {show(total, target)} over {len(years)} of {n_years} years against "
        f"{rate_text} a year ({percent_text(progress)} of the period's "
        f"{_number(Q_(rate * n_years, target.unit), target)}) with "
        f"{percent_text(expected)} of the time elapsed; {per_year}"
    )
    per_year_zh = "；".join(
        f"{y.year}年{target.format_value(y.value)}（{y.status.label_zh}）"
        if y.value is not None
        else f"{y.year}年{'未报送' if y.year in unreported else '尚未报送'}"
        for y in years
    )
    reason_zh = (
        f"{status.label_zh}：每年{target.format_value(target.value)}，"
        f"累计{target.format_value(total)}，"
        f"完成{percent_text(progress)}，时间进度{percent_text(expected)}；{per_year_zh}"
    )
    return reason, reason_zh
