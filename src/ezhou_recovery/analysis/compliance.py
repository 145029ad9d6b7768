"""Reporting compliance: which reports came in on time, late or not at all, and who lags.

Pure computation over a programme, its submissions and a status date; see ``docs/compliance.md``
for every definition with a worked example. Rates follow DHIS2 (expected reports as denominator,
each expected report counted once) and the Chinese 按时报送率; the score follows a published rule
that deducts one point per day late.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery._core.arguments import check_type
from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.analysis.matching import DeadlineMatcher, match_submissions
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import Deadline, OwedPer, ReporterScope
from ezhou_recovery.model.people import Department, Official

if TYPE_CHECKING:
    import pandas as pd

    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.model.programme import Category, Programme

__all__ = [
    "Compliance",
    "DeadlineStatus",
    "Laggard",
    "ReportStatus",
    "ScoringRule",
    "Tally",
    "compliance",
]


class ReportStatus(enum.StrEnum):
    """Where one deadline stands on the status date."""

    #: Received on or before its last on-time day.
    ON_TIME = "on_time"
    #: Received after its last on-time day.
    LATE = "late"
    #: Not received, and its last on-time day has passed.
    MISSING = "missing"
    #: Not received, and it can still be on time.
    NOT_YET_DUE = "not_yet_due"


def _points(instance: object, attribute: attrs.Attribute[Decimal], value: object) -> None:
    if not isinstance(value, Decimal | int) or isinstance(value, bool) or value < 0:
        raise v.fail(instance, attribute.name, value, "must be a number of points, zero or more")


@attrs.frozen
class ScoringRule:
    """Points for one report: full marks on time, less per day late, none from a cut-off.

    The default follows a published rule of Chinese reporting assessments: one point off per day
    late, no score at four or more days late; a missing report scores nothing.

    Attributes:
        full_marks: Points for a report on time.
        per_day: Points deducted per day late.
        zero_from_days: Days late from which a report scores nothing.
    """

    full_marks: Decimal = attrs.field(default=Decimal(5), converter=Decimal, validator=_points)
    per_day: Decimal = attrs.field(default=Decimal(1), converter=Decimal, validator=_points)
    zero_from_days: int = attrs.field(default=4, validator=v.non_negative_int)

    def points(self, status: ReportStatus, days_late: int = 0) -> Decimal | None:
        """Points for a report; None for a report not yet due (it is not scored)."""
        if status is ReportStatus.NOT_YET_DUE:
            return None
        if status is ReportStatus.MISSING or days_late >= self.zero_from_days:
            return Decimal(0)
        return max(Decimal(0), self.full_marks - self.per_day * days_late)


@attrs.frozen
class DeadlineStatus:
    """One deadline on the status date.

    Attributes:
        deadline: The deadline.
        last_day: Its last on-time day under the convention.
        status: On time, late, missing or not yet due.
        received: The day the first submission arrived (China time); None when none has.
        days_late: Days after ``last_day`` it arrived (LATE), or has been overdue so far
            (MISSING, counted to the status date); 0 otherwise.
        resubmissions: Further submissions for the same deadline, not counted again.
        points: Its score under the scoring rule; None when not yet due.
        premature: Days (China time) of submissions received before the period they report on
            began (when the last on-time day lies within the period): not counted, the deadline
            stays unanswered by them.
    """

    deadline: Deadline
    last_day: date
    status: ReportStatus
    received: date | None = None
    days_late: int = 0
    resubmissions: int = 0
    points: Decimal | None = None
    premature: tuple[date, ...] = ()

    @property
    def assessed(self) -> bool:
        """Whether it counts in rates: received, or no longer able to be on time."""
        return self.status is not ReportStatus.NOT_YET_DUE

    # Display -----------------------------------------------------------------------------------

    def __repr__(self) -> str:
        received = "None" if self.received is None else self.received.isoformat()
        return (
            f"DeadlineStatus({self.deadline.key!r}, {self.status.value}, "
            f"last_day={self.last_day.isoformat()}, received={received}, "
            f"days_late={self.days_late})"
        )

    def __str__(self) -> str:
        from ezhou_recovery.display.text import deadline_status_line

        return deadline_status_line(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import deadline_status_html

        return deadline_status_html(self)


@attrs.frozen
class Tally:
    """Counts for a group of deadlines (a department, a category, an official, the programme).

    Rates keep numerator and denominator: ``expected`` is the number of deadlines assessed
    (received, or past their last on-time day).

    Attributes:
        expected: Reports assessed: received ones plus missing ones.
        on_time: Reports received on time.
        late: Reports received late.
        missing: Reports due and not received.
        not_yet_due: Deadlines still open (not in any rate).
        days_late_total: Sum of days late over the late reports.
        worst_days_late: Most days late of a late report (0 when none is late).
        worst_days_overdue: Most days overdue of a missing report (0 when none is missing).
        points: Points earned under the scoring rule.
        max_points: Points possible (full marks for each expected report).
    """

    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_yet_due: int = 0
    days_late_total: int = 0
    worst_days_late: int = 0
    worst_days_overdue: int = 0
    points: Decimal = Decimal(0)
    max_points: Decimal = Decimal(0)

    @property
    def received(self) -> int:
        """Reports received (on time or late)."""
        return self.on_time + self.late

    @property
    def reporting_rate(self) -> Fraction | None:
        """Reports received / reports expected; None when none is expected."""
        return Fraction(self.received, self.expected) if self.expected else None

    @property
    def on_time_rate(self) -> Fraction | None:
        """Reports on time / reports expected (按时报送率); None when none is expected."""
        return Fraction(self.on_time, self.expected) if self.expected else None

    @property
    def mean_days_late(self) -> Fraction | None:
        """Mean days late over the late reports; None when none is late."""
        return Fraction(self.days_late_total, self.late) if self.late else None

    @property
    def score(self) -> Fraction | None:
        """Points earned / points possible; None when none is expected."""
        if not self.max_points:
            return None
        return Fraction(self.points) / Fraction(self.max_points)


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


@attrs.frozen
class Laggard:
    """A department that lags, with its tally: a candidate for 约谈问责.

    Attributes:
        rank: 1 for the unit that lags most.
        department: The department.
        tally: Its counts over every deadline it owes.
    """

    rank: int
    department: Department
    tally: Tally


@attrs.frozen
class Compliance:
    """Reporting compliance of a programme on a status date.

    Attributes:
        as_of: The status date; submissions received after it are not yet known.
        convention: The due-date convention used.
        scoring: The scoring rule used.
        statuses: Every deadline of the programme up to the end of its period, in deadline order.
        programme: The tally over every deadline.
        by_department: Tallies by department key, in the programme's order of departments.
        by_category: Tallies by category key (programme-wide reports are in no category; a
            department's report owed per department is in each category it leads).
        by_official: Tallies by leading official, over the categories each leads.
        laggards: Departments with a late or missing report, the one lagging most first.
        unassigned: Categories whose leading official or lead departments the plan does not
            name, as ``(category key, what is missing)``: nobody owes their category reports, and
            no official answers for them.
        findings: Data problems found in the submissions, in words: a report received before
            the period it reports on began (premature; not counted).
    """

    as_of: date
    convention: DueConvention
    scoring: ScoringRule
    statuses: tuple[DeadlineStatus, ...]
    programme: Tally
    by_department: tuple[tuple[Department, Tally], ...]
    by_category: tuple[tuple[str, Tally], ...]
    by_official: tuple[tuple[Official, Tally], ...]
    laggards: tuple[Laggard, ...]
    unassigned: tuple[tuple[str, str], ...] = ()
    findings: tuple[str, ...] = ()

    def department(self, key: str) -> Tally:
        """The tally of the department with ``key``.

        Raises:
            KeyError: No such department reports in the programme.
        """
        for d, tally in self.by_department:
            if d.key == key:
                return tally
        raise KeyError(f"no department {key!r} reports in the programme")

    def category(self, key: str) -> Tally:
        """The tally of the category with ``key``.

        Raises:
            KeyError: No such category.
        """
        for k, tally in self.by_category:
            if k == key:
                return tally
        raise KeyError(f"no category {key!r}")

    def official(self, name_zh: str) -> Tally:
        """The tally of the leading official named ``name_zh``.

        Raises:
            KeyError: No such official.
        """
        for o, tally in self.by_official:
            if o.name_zh == name_zh:
                return tally
        raise KeyError(f"no leading official {name_zh!r}")

    def status(self, deadline_key: str) -> DeadlineStatus:
        """The status of the deadline with ``deadline_key``.

        Raises:
            KeyError: No such deadline.
        """
        for st in self.statuses:
            if st.deadline.key == deadline_key:
                return st
        raise KeyError(f"no deadline {deadline_key!r}")

    def with_status(self, status: ReportStatus) -> tuple[DeadlineStatus, ...]:
        """The deadlines with ``status``, in deadline order."""
        return tuple(st for st in self.statuses if st.status is status)

    def upcoming(self, within: int = 30) -> tuple[DeadlineStatus, ...]:
        """Open deadlines whose last on-time day is at most ``within`` days after the status
        date, soonest first: what is due next, by whom, not yet received."""
        horizon = self.as_of.toordinal() + within
        due = [
            st
            for st in self.statuses
            if st.status is ReportStatus.NOT_YET_DUE and st.last_day.toordinal() <= horizon
        ]
        return tuple(sorted(due, key=lambda st: (st.last_day, st.deadline)))

    # Display and export ------------------------------------------------------------------------

    def __repr__(self) -> str:
        t = self.programme
        return (
            f"Compliance(as_of={self.as_of.isoformat()}, {len(self.statuses)} deadlines: "
            f"expected={t.expected}, on_time={t.on_time}, late={t.late}, missing={t.missing}, "
            f"not_yet_due={t.not_yet_due}, laggards={len(self.laggards)})"
        )

    def __str__(self) -> str:
        from ezhou_recovery.display.text import compliance_text

        return compliance_text(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import compliance_html

        return compliance_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per deadline, in deadline order (needs pandas: the ``frames`` extra).

        Columns: ``key, due, last_day, obligation, category, department, department_zh,
        department_en, period, status, status_zh, received, days_late, resubmissions, points``
        (points exact Decimals; None when not yet due).
        """
        from ezhou_recovery.display.frames import deadline_statuses_frame

        return deadline_statuses_frame(self.statuses)

    def laggards_frame(self) -> pd.DataFrame:
        """One row per lagging department, the one lagging most first; rates to 4 places."""
        from ezhou_recovery.display.frames import laggards_frame

        return laggards_frame(self.laggards)


def _status(
    deadline: Deadline,
    received: list[Submission],
    as_of: date,
    last: date,
    scoring: ScoringRule,
) -> DeadlineStatus:
    known = [d for d in (s.received_on for s in received) if d <= as_of]
    # A report cannot answer a period that has not begun (when the deadline lies in the period;
    # a duty due before its period asks for a report before it).
    begins = deadline.period.start
    early = begins <= last
    premature = tuple(sorted(d for d in known if early and d < begins))
    days = [d for d in known if not (early and d < begins)]
    return _classified(
        deadline, last, min(days) if days else None, len(days), premature, as_of, scoring
    )


def _classified(
    deadline: Deadline,
    last: date,
    first: date | None,
    count: int,
    premature: tuple[date, ...],
    as_of: date,
    scoring: ScoringRule,
) -> DeadlineStatus:
    """A deadline's status from its first counted report (``count`` of them, known by ``as_of``)."""
    if first is not None:
        late = max(0, (first - last).days)
        status = ReportStatus.LATE if late else ReportStatus.ON_TIME
        return DeadlineStatus(
            deadline,
            last,
            status,
            first,
            late,
            count - 1,
            scoring.points(status, late),
            premature,
        )
    if as_of > last:
        overdue = (as_of - last).days
        return DeadlineStatus(
            deadline,
            last,
            ReportStatus.MISSING,
            None,
            overdue,
            0,
            scoring.points(ReportStatus.MISSING),
            premature,
        )
    return DeadlineStatus(deadline, last, ReportStatus.NOT_YET_DUE, premature=premature)


def _columnar_statuses(
    programme: Programme,
    table: SubmissionTable,
    deadlines: Sequence[Deadline],
    lasts: list[date],
    as_of: date,
    scoring: ScoringRule,
) -> tuple[DeadlineStatus, ...] | None:
    """The statuses of ``deadlines`` from a table, as :func:`_status` gives them from objects;
    None when a row answers no deadline (the per-object path then names it)."""
    import numpy as np

    match = DeadlineMatcher(programme, deadlines)
    found = [match(*fields) for fields in table.fields]
    if any(f is None for f in found):
        return None
    answers = [f for f in found if f is not None]
    counts = np.array([len(f) for f in answers], np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    flat = np.array([x for f in answers for x in f], np.int64)
    known = table.day <= as_of.toordinal()
    key = table.key[known]
    day = table.day[known]
    # One pair per (row, deadline it answers).
    per_row = counts[key]
    total = int(per_row.sum())
    ends = np.cumsum(per_row)
    within = np.arange(total, dtype=np.int64) - np.repeat(ends - per_row, per_row)
    deadline_of = flat[np.repeat(offsets[key], per_row) + within]
    day_of = np.repeat(day, per_row)
    begins = np.array([d.period.start.toordinal() for d in deadlines], np.int64)
    early = begins <= np.array([x.toordinal() for x in lasts], np.int64)
    premature = early[deadline_of] & (day_of < begins[deadline_of])
    counted = ~premature
    count = np.bincount(deadline_of[counted], minlength=len(deadlines))
    first = np.full(len(deadlines), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(first, deadline_of[counted], day_of[counted])
    early_days: dict[int, list[date]] = {}
    for d, x in zip(deadline_of[premature].tolist(), day_of[premature].tolist(), strict=True):
        early_days.setdefault(d, []).append(date.fromordinal(x))
    return tuple(
        _classified(
            d,
            lasts[i],
            date.fromordinal(int(first[i])) if count[i] else None,
            int(count[i]),
            tuple(sorted(early_days.get(i, ()))),
            as_of,
            scoring,
        )
        for i, d in enumerate(deadlines)
    )


def _as_table(programme: Programme, submissions: object) -> SubmissionTable | None:
    """The submissions as a table of this programme's, or None for the per-object path."""
    module = sys.modules.get("ezhou_recovery.evidence.submission_table")
    if module is None or not isinstance(submissions, module.SubmissionTable):
        return None
    table: SubmissionTable = submissions
    same = table.programme is programme or table.programme == programme
    return table if same else None


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
    table = _as_table(programme, submissions)
    if table is not None:  # the columnar path: the same statuses, found with numpy
        found = _columnar_statuses(programme, table, deadlines, lasts, as_of, scoring)
    if found is None:
        matched = match_submissions(programme, submissions, deadlines)
        found = tuple(
            _status(d, matched[d.key], as_of, last, scoring)
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
