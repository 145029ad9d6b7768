"""Short plain-text views (``str()`` outside notebooks, and the command line's tables): targets,
deadlines, assessment results, compliance and findings.

Headings and status words come from the label table (:mod:`ezhou_recovery.display.labels`); the
rows of deadlines, deadline statuses, laggards and findings from their records through the views
of :mod:`ezhou_recovery.display.tables`, which the HTML tables share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from ezhou_recovery._core.text import table
from ezhou_recovery.analysis.attainment import (
    Assessment,
    Rollup,
    Status,
    TargetResult,
    percent_text,
)
from ezhou_recovery.analysis.compliance import (
    Compliance,
    DeadlineStatus,
    Laggard,
    ReportStatus,
    Tally,
)
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.analysis.validation import Finding
from ezhou_recovery.display import labels, rows
from ezhou_recovery.display.tables import (
    DEADLINE_STATUS_VIEW,
    DEADLINE_VIEW,
    FINDING_VIEW,
    LAGGARD_VIEW,
    Column,
    headings,
    row_cells,
)
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.targets import Target
from ezhou_recovery.units import Quantity


def view_table(records: Sequence[Mapping[str, object]], view: Sequence[Column]) -> str:
    """An aligned table of ``records`` through ``view`` (``-`` for no value)."""
    right = frozenset(i for i, c in enumerate(view) if c.right)
    return table(headings(view), [row_cells(r, view, none="-") for r in records], right=right)


def target_cells(target: Target) -> dict[str, str]:
    """The cells of a target that text and HTML tables show, by column: key, target,
    target_en, goal, deadline."""
    t = target
    return {
        "key": t.key,
        "target": t.description_zh,
        "target_en": t.description_en,
        "goal": t.describe_value(),
        "deadline": t.deadline.isoformat(),
    }


def targets_text(targets: Sequence[Target]) -> str:
    """An aligned table of targets: key, description, value, deadline."""
    columns = ("key", "target", "goal", "deadline")
    body = [[cells[c] for c in columns] for cells in map(target_cells, targets)]
    return table(["key", "目标 target", "目标值 value", "截止 deadline"], body)


def deadlines_text(deadlines: Sequence[Deadline]) -> str:
    """An aligned table of deadlines: due, obligation, category, department, period."""
    return view_table([rows.deadline_record(d) for d in deadlines], DEADLINE_VIEW)


# Results ----------------------------------------------------------------------------------------


def percent(share: float | Decimal | None) -> str:
    """``0.4`` as ``40%``, floored so that it never flatters (0.996 is ``99%``); None as ``-``."""
    return "-" if share is None else percent_text(share)


def points(gap: float | Decimal | None) -> str:
    """A gap in shares as signed percentage points (``-12.3``); None as ``-``."""
    return "-" if gap is None else f"{float(gap) * 100:+.1f}"


def status_label(status: Status) -> str:
    """``存在风险 at risk``."""
    return labels.status_label(status)


def report_label(status: ReportStatus) -> str:
    """``迟报 late``."""
    return labels.report_status_label(status)


def value_text(value: Quantity | bool | QualitativeLevel | None) -> str:
    """A judged value as a person reads it; ``-`` for none."""
    text = rows.observation_value_text(value)
    return "-" if text is None else text


def counts_text(rollup: Rollup) -> str:
    """``2 attained, 6 on track, ...`` over every status."""
    return ", ".join(f"{n} {s.label_en}" for s, n in rollup.counts.items())


def coverage_text(rollup: Rollup) -> str:
    """``3/12``: targets with data of all targets."""
    return f"{rollup.reported}/{rollup.total}"


def standing_text(rollup: Rollup) -> str:
    """``data for 3 of 12 targets; worst: missed: 1 of 12; 1 stale``."""
    text = (
        f"data for {rollup.reported} of {rollup.total} targets; worst: {rollup.overall_status_text}"
    )
    return text + (f"; {rollup.stale} stale" if rollup.stale else "")


def result_line(result: TargetResult) -> str:
    """One line: key, status, reason."""
    return f"{result.key}: {status_label(result.status)}: {result.reason}"


def result_cells(result: TargetResult, *, none: str) -> dict[str, str]:
    """The cells of a target result that text and HTML tables show, by column (a missing date is
    ``none``): status, key, target, goal, value, as_of, progress, time, gap, reason_zh."""
    r = result
    return {
        "status": status_label(r.status),
        "key": r.key,
        "target": r.target.description_zh,
        "goal": r.target.describe_value(),
        "value": value_text(r.value),
        "as_of": none if r.value_as_of is None else r.value_as_of.isoformat(),
        "progress": percent(r.progress),
        "time": percent(r.expected_progress),
        "gap": points(r.gap),
        "reason_zh": r.reason_zh,
    }


#: The columns of a target result in a text table (HTML adds the target and the reason).
RESULT_TEXT_COLUMNS = ("status", "key", "goal", "value", "as_of", "progress", "time", "gap")


def results_text(results: Sequence[TargetResult]) -> str:
    """An aligned table of target results."""
    body = [
        [cells[c] for c in RESULT_TEXT_COLUMNS]
        for cells in (result_cells(r, none="-") for r in results)
    ]
    header = [
        "状态 status",
        "目标 target",
        "目标值 goal",
        "完成值 value",
        "截至 as of",
        "进度 progress",
        "时间进度 time",
        "差距 gap (pp)",
    ]
    return table(header, body, right=frozenset({5, 6, 7}))


def rollup_cells(rollup: Rollup) -> dict[str, str]:
    """The cells of a roll-up that text and HTML tables show, by column: key, name_zh, name_en,
    total, one per status (its value), coverage, mean, mean_reported, stale, worst."""
    r = rollup
    return {
        "key": r.key,
        "name_zh": r.name_zh,
        "name_en": r.name_en,
        "total": str(r.total),
        **{s.value: str(r.count(s)) for s in Status},
        "coverage": coverage_text(r),
        "mean": percent(r.mean_progress),
        "mean_reported": percent(r.mean_progress_reported),
        "stale": str(r.stale),
        "worst": "-"
        if r.worst_status is None
        else f"{status_label(r.worst_status)} {r.worst_count}",
    }


def rollup_columns(*, english_name: bool) -> tuple[str, ...]:
    """The columns of a roll-up table; HTML shows the English name too."""
    names = ("name_zh", "name_en") if english_name else ("name_zh",)
    return (
        "key",
        *names,
        "total",
        *(s.value for s in Status),
        "coverage",
        "mean",
        "mean_reported",
        "stale",
        "worst",
    )


def rollups_text(rollups: Sequence[Rollup]) -> str:
    """An aligned table of roll-ups: counts by status and mean progress."""
    columns = rollup_columns(english_name=False)
    body = [[cells[c] for c in columns] for cells in (rollup_cells(r) for r in rollups)]
    header = [
        "key",
        "名称 name",
        "目标 targets",
        *(f"{s.label_zh} {s.label_en}" for s in Status),
        "有数据 data",
        "平均进度 mean",
        "有数据者平均 mean of reported",
        "陈旧 stale",
        "最差状态 worst",
    ]
    n = len(Status)
    return table(header, body, right=frozenset(range(2, n + 7)))


def rollup_text(rollup: Rollup) -> str:
    """A roll-up: its head line and its results, worst first."""
    head = (
        f"{rollup.name_zh} {rollup.name_en} ({rollup.scope} {rollup.key}): {rollup.total} "
        f"targets: {counts_text(rollup)}; {standing_text(rollup)}"
    )
    return head + "\n" + results_text(rollup.results)


def money_text(money: Sequence[MoneyResult]) -> str:
    """An aligned table of investment completion, in 亿元."""

    def yi(q: Quantity | None) -> str:
        return "-" if q is None else rows.text_value(rows.yi_yuan(q))

    body = [
        [
            m.subject,
            yi(m.completed),
            "-" if m.reported_on is None else m.reported_on.isoformat(),
            yi(m.planned_total),
            percent(m.completion_rate),
            percent(m.time_progress),
            "-" if m.gap_pp is None else f"{float(m.gap_pp):+.1f}",
        ]
        for m in money
    ]
    header = [
        "对象 subject",
        "累计完成（亿元） completed",
        "截至 as of",
        "估算总投资（亿元） planned",
        "完成率 rate",
        "时间进度 time",
        "差距 gap (pp)",
    ]
    return table(header, body, right=frozenset({1, 3, 4, 5, 6}))


def assessment_head(a: Assessment) -> str:
    """One line: programme, date and counts by status."""
    return (
        f"Assessment of {a.programme} as of {a.as_of.isoformat()}: {a.overall.total} targets: "
        f"{counts_text(a.overall)}; {standing_text(a.overall)}"
    )


def assessment_text(a: Assessment) -> str:
    """An assessment: its head line, the roll-up by category and, when it has any, by district."""
    text = assessment_head(a) + "\n" + rollups_text(a.categories)
    if a.districts:
        text += "\n\n按区 by district:\n" + rollups_text(a.districts)
    return text


def deadline_status_line(st: DeadlineStatus) -> str:
    """One line: the deadline, its status, when received and how late."""
    parts = [f"{st.deadline.key}: {report_label(st.status)}", f"last day {st.last_day.isoformat()}"]
    if st.received is not None:
        parts.append(f"received {st.received.isoformat()}")
    if st.days_late:
        word = "late" if st.status is ReportStatus.LATE else "overdue"
        parts.append(f"{st.days_late} days {word}")
    if st.resubmissions:
        parts.append(f"{st.resubmissions} resubmissions")
    return ", ".join(parts)


def deadline_statuses_text(statuses: Sequence[DeadlineStatus]) -> str:
    """An aligned table of deadline statuses."""
    return view_table([rows.deadline_status_record(st) for st in statuses], DEADLINE_STATUS_VIEW)


def tally_line(t: Tally) -> str:
    """Counts and rates of a tally in one line."""
    return (
        f"{t.expected} reports expected: {t.on_time} on time, {t.late} late, {t.missing} missing "
        f"({t.not_yet_due} not yet due); 按时报送率 on-time rate {percent(_float(t.on_time_rate))}, "
        f"score {percent(_float(t.score))}"
    )


def _float(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def laggards_text(laggards: Sequence[Laggard]) -> str:
    """An aligned table of the departments that lag, the one lagging most first."""
    return view_table([rows.laggard_record(lg) for lg in laggards], LAGGARD_VIEW)


def compliance_head(c: Compliance) -> str:
    """One line: the date and the programme tally; a line per category nobody is assigned to."""
    head = f"Reporting compliance as of {c.as_of.isoformat()}: {tally_line(c.programme)}"
    for key, missing in c.unassigned:
        head += f"\nUnassigned 未明确责任: {key} has no {missing} named in the plan"
    return head


def compliance_text(c: Compliance) -> str:
    """Compliance: its head line and the laggards."""
    found = "".join(f"\nfinding: {f}" for f in c.findings)
    if not c.laggards:
        return compliance_head(c) + "\nNo department lags." + found
    return compliance_head(c) + "\n" + laggards_text(c.laggards) + found


def findings_text(findings: Sequence[Finding]) -> str:
    """An aligned table of consistency findings: severity, rule, place, problem."""
    return view_table([rows.finding_record(f) for f in findings], FINDING_VIEW)
