"""Compliance on a date: every deadline's status, counted up by department, category and leading
official, and the departments that lag (docs/compliance.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery.analysis.compliance._results import (
    Compliance,
    DeadlineStatus,
    Laggard,
    ReportStatus,
    ScoringRule,
    Tally,
)
from ezhou_recovery.analysis.compliance._statuses import (
    as_table,
    columnar_statuses,
    deadline_status,
)
from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.analysis.matching import match_submissions
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import OwedPer, ReporterScope
from ezhou_recovery.model.people import Official

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Category, Programme

__all__ = ["compliance"]


def _tally(statuses: Iterable[DeadlineStatus], full_marks: Decimal) -> Tally:
    counts = dict.fromkeys(ReportStatus, 0)
    days_total = worst_late = worst_overdue = 0
    points = Decimal(0)
    for st in statuses:
        counts[st.status] += 1
        if st.status is ReportStatus.LATE:
            days_total += st.days_late
            worst_late = max(worst_late, st.days_late)
        elif st.status is ReportStatus.MISSING:
            worst_overdue = max(worst_overdue, st.days_late)
        if st.points is not None:
            points += st.points
    expected = (
        counts[ReportStatus.ON_TIME] + counts[ReportStatus.LATE] + counts[ReportStatus.MISSING]
    )
    return Tally(
        expected=expected,
        on_time=counts[ReportStatus.ON_TIME],
        late=counts[ReportStatus.LATE],
        missing=counts[ReportStatus.MISSING],
        not_yet_due=counts[ReportStatus.NOT_YET_DUE],
        days_late_total=days_total,
        worst_days_late=worst_late,
        worst_days_overdue=worst_overdue,
        points=points,
        max_points=full_marks * expected,
    )


def _lag_order(tally: Tally) -> tuple[object, ...]:
    score = tally.score if tally.score is not None else Fraction(1)
    on_time = tally.on_time_rate if tally.on_time_rate is not None else Fraction(1)
    return (score, -tally.missing, on_time, -tally.worst_days_overdue, -tally.worst_days_late)


def compliance(
    programme: Programme,
    submissions: Iterable[Submission],
    as_of: date,
    convention: DueConvention | None = None,
    scoring: ScoringRule | None = None,
) -> Compliance:
    """Reporting compliance of ``programme`` on ``as_of``.

    Every deadline of the programme is classified. A deadline counts once however many
    submissions answer it: the earliest received on or before ``as_of`` decides, the rest are
    resubmissions. Submissions received after ``as_of`` are ignored (not yet known).

    Args:
        programme: The programme.
        submissions: Reports received: objects, or a
            :class:`~ezhou_recovery.SubmissionTable` of this programme's (columns, read by
            ``load_submissions(path, programme, columnar=True)``), which gives the same result
            faster for many submissions.
        as_of: The status date.
        convention: How due dates are read; the default convention when None.
        scoring: How reports are scored; the default rule when None.

    Raises:
        TypeError: ``programme`` is not a :class:`~ezhou_recovery.Programme`, or ``as_of`` not a
            date.
        UnmatchedSubmissionError: A submission names a duty, department, category or period the
            programme does not owe.
    """
    from ezhou_recovery.model.programme import Programme

    check_type(programme, Programme, function="compliance", name="programme")
    check_type(as_of, date, function="compliance", name="as_of")
    convention = convention or DueConvention()
    scoring = scoring or ScoringRule()
    deadlines = programme.deadlines()
    last_days: dict[date, date] = {}
    for d in deadlines:
        if d.due not in last_days:
            last_days[d.due] = convention.last_on_time_day(d.due)
    lasts = [last_days[d.due] for d in deadlines]
    found = None
    table = as_table(programme, submissions)
    if table is not None:  # the columnar path: the same statuses, found with numpy
        found = columnar_statuses(programme, table, deadlines, lasts, as_of, scoring)
    if found is None:
        matched = match_submissions(programme, submissions, deadlines)
        found = tuple(
            deadline_status(d, matched[d.key], as_of, last, scoring)
            for d, last in zip(deadlines, lasts, strict=True)
        )
    statuses = found

    def group(key: Callable[[DeadlineStatus], str | None]) -> dict[str, list[DeadlineStatus]]:
        groups: dict[str, list[DeadlineStatus]] = {}
        for st in statuses:
            k = key(st)
            if k is not None:
                groups.setdefault(k, []).append(st)
        return groups

    full = scoring.full_marks
    per_dept = group(lambda st: st.deadline.department.key)
    by_department = tuple((d, _tally(per_dept.get(d.key, ()), full)) for d in programme.departments)
    # A department's report owed per department (not per category) counts in each category it
    # leads, and once for an official leading several of them.
    per_department = {
        o.key
        for o in programme.obligations
        if o.owed_per is OwedPer.DEPARTMENT and o.reporters is ReporterScope.LEAD_DEPARTMENTS
    }
    leads: dict[str, list[str]] = {}
    for c in programme.categories:
        for x in c.lead_departments:
            leads.setdefault(x.key, []).append(c.key)
    per_cat: dict[str, list[DeadlineStatus]] = {}
    for st in statuses:
        d = st.deadline
        if d.category is not None:
            per_cat.setdefault(d.category, []).append(st)
        elif d.obligation in per_department:
            for k in leads.get(d.department.key, ()):
                per_cat.setdefault(k, []).append(st)
    by_category = tuple((c.key, _tally(per_cat.get(c.key, ()), full)) for c in programme.categories)
    leaders: dict[Official, dict[int, DeadlineStatus]] = {}
    for c in programme.categories:
        if c.leader is None:
            continue  # the plan names no leader: compliance lists the category as unassigned
        mine = leaders.setdefault(c.leader, {})
        for st in per_cat.get(c.key, ()):
            mine.setdefault(id(st), st)
    by_official = tuple((o, _tally(sts.values(), full)) for o, sts in leaders.items())
    lagging = [(d, t) for d, t in by_department if t.late or t.missing]
    lagging.sort(key=lambda dt: (_lag_order(dt[1]), dt[0].key))
    laggards = tuple(Laggard(i + 1, d, t) for i, (d, t) in enumerate(lagging))
    return Compliance(
        as_of=as_of,
        convention=convention,
        scoring=scoring,
        statuses=statuses,
        programme=_tally(statuses, full),
        by_department=by_department,
        by_category=by_category,
        by_official=by_official,
        laggards=laggards,
        unassigned=tuple((c.key, _missing_words(c)) for c in programme.unassigned),
        findings=tuple(
            f"premature: {st.deadline.key} received {day.isoformat()}, before its period "
            f"{st.deadline.period.label} began ({st.deadline.period.start.isoformat()}); "
            "not counted"
            for st in statuses
            for day in st.premature
        ),
    )


def _missing_words(category: Category) -> str:
    missing = []
    if category.leader is None:
        missing.append("leading official 分管领导")
    if not category.lead_departments:
        missing.append("lead department 牵头部门")
    return " and ".join(missing)
