"""What a compliance check gives: each deadline's status, the tallies by department, category and
leading official, the departments that lag, and how reports are scored. Data only; their text,
HTML and tables come from :mod:`ezhou_recovery.display`."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.people import Department, Official

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Compliance",
    "DeadlineStatus",
    "Laggard",
    "ReportStatus",
    "ScoringRule",
    "Tally",
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
