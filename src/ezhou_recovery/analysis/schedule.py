"""Whether projects keep their own schedule: milestones, and schedule performance on money.

Milestones follow OC4IDS (due date, date met) and the DCMA Baseline Execution Index; performance on
money follows earned value (SPI = EV / PV) and Lipke's earned schedule (SPI(t) = ES / AT). See
``docs/compliance.md``. Pure computations: nothing here reads a file.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from ezhou_recovery.errors import ScheduleError
from ezhou_recovery.evidence.observations import InvestmentReport
from ezhou_recovery.model.projects import Milestone, PlannedInvestment, Project
from ezhou_recovery.units import Quantity, money

__all__ = [
    "EarnedSchedule",
    "MilestoneState",
    "MilestoneStatus",
    "ScheduleError",
    "ScheduleStatus",
    "earned_schedule",
    "milestone_schedule",
    "project_performance",
]


class MilestoneState(enum.StrEnum):
    """Where a milestone stands on the status date (after OC4IDS met / notMet / scheduled)."""

    #: Met on or before its due date.
    MET_ON_TIME = "met_on_time"
    #: Met after its due date.
    MET_LATE = "met_late"
    #: Not met, and its due date has passed.
    OVERDUE = "overdue"
    #: Not met, and not yet due.
    PENDING = "pending"


@attrs.frozen
class MilestoneStatus:
    """One milestone of one project on the status date.

    Attributes:
        project: Key of the project.
        milestone: The milestone.
        state: Met on time, met late, overdue or pending.
        slip_days: Met: date met minus due date (negative when early). Overdue: status date minus
            due date (the slip so far). Pending: 0.
    """

    project: str
    milestone: Milestone
    state: MilestoneState
    slip_days: int


@attrs.frozen
class ScheduleStatus:
    """Milestones of a set of projects on a status date.

    Attributes:
        as_of: The status date; a milestone met after it counts as not yet met.
        milestones: Every milestone, project by project.
        due: Milestones due on or before the status date.
        completed: Milestones met on or before the status date, whenever they were due.
        met_on_time: Milestones due by the status date and met on or before their due date.
        overdue_projects: Keys of projects with an overdue milestone, in the order given.
    """

    as_of: date
    milestones: tuple[MilestoneStatus, ...]
    due: int
    completed: int
    met_on_time: int
    overdue_projects: tuple[str, ...]

    @property
    def bei(self) -> Fraction | None:
        """DCMA Baseline Execution Index: milestones completed / milestones due by the status date.

        Above 1 when work finishes ahead of plan; DCMA's threshold is 0.95. None when none is due.
        """
        return Fraction(self.completed, self.due) if self.due else None

    @property
    def on_time_share(self) -> Fraction | None:
        """Milestones met on time / milestones due by the status date; None when none is due."""
        return Fraction(self.met_on_time, self.due) if self.due else None

    @property
    def worst_slip_days(self) -> int:
        """The largest slip of any met or overdue milestone (0 when none slipped)."""
        return max((m.slip_days for m in self.milestones), default=0)


def _milestone(project: str, m: Milestone, as_of: date) -> MilestoneStatus:
    if m.met is not None and m.met <= as_of:
        slip = (m.met - m.due).days
        state = MilestoneState.MET_LATE if slip > 0 else MilestoneState.MET_ON_TIME
        return MilestoneStatus(project, m, state, slip)
    if m.due < as_of:
        return MilestoneStatus(project, m, MilestoneState.OVERDUE, (as_of - m.due).days)
    return MilestoneStatus(project, m, MilestoneState.PENDING, 0)


def milestone_schedule(projects: Iterable[Project], as_of: date) -> ScheduleStatus:
    """The milestones of ``projects`` on ``as_of``.

    A milestone due on ``as_of`` and not met is pending, not overdue: it can still be met that
    day. It is due by the status date, though, and counts in the BEI denominator.
    """
    statuses: list[MilestoneStatus] = []
    overdue: list[str] = []
    due = completed = on_time = 0
    for p in projects:
        late_here = False
        for m in p.milestones:
            st = _milestone(p.key, m, as_of)
            statuses.append(st)
            if m.due <= as_of:
                due += 1
                if st.state is MilestoneState.MET_ON_TIME:
                    on_time += 1
            if st.state in (MilestoneState.MET_ON_TIME, MilestoneState.MET_LATE):
                completed += 1
            late_here = late_here or st.state is MilestoneState.OVERDUE
        if late_here:
            overdue.append(p.key)
    return ScheduleStatus(as_of, tuple(statuses), due, completed, on_time, tuple(overdue))


# Earned value and earned schedule ---------------------------------------------------------------


@attrs.frozen
class EarnedSchedule:
    """Schedule performance of a project (or category) on money, at the date of its latest report.

    Time is counted in whole days as attainment counts them: the plan's first day is day 1, and
    a date counts to its end (a week's plan that starts on a Monday ends on day 7, its Sunday).
    Planned value between two period ends is interpolated linearly. ES and AT are also given in
    periods (Lipke's unit): with periods of equal length, ``earned_days`` is ``earned_periods``
    periods of that length, and SPI(t) is the same either way (EV 520 against a cumulative plan
    of 100/250/450/700/1000 at the end of week 4: ES = 3.28 periods = 22.96 days, SPI(t) = 0.82).

    Attributes:
        subject: Key of the project or category.
        data_date: Date of the investment report used (the latest on or before the status date).
        earned: EV, investment completed by ``data_date``.
        planned: PV, investment planned by ``data_date``.
        budget_at_completion: BAC, the plan's final cumulative investment.
        planned_days: Days from the plan's start to the end of its last period, both included.
        actual_days: AT, days from the plan's start to the end of ``data_date``, both included.
        earned_days: ES, the day on the plan by which ``earned`` was planned.
        earned_periods: ES in periods: C, the number of periods whose planned value ``earned``
            has reached, plus the share of the next (Lipke).
        actual_periods: AT in periods: the periods gone by the end of ``data_date`` (a share of
            the period it falls in; beyond the plan, in periods of the last one's length).
        planned_exact: PV in 亿元 as an exact fraction (``planned`` is it as a Decimal, which may
            be rounded); :attr:`spi` uses it. None when not known: ``planned`` is used.
    """

    subject: str
    data_date: date
    earned: Quantity
    planned: Quantity
    budget_at_completion: Quantity
    planned_days: int
    actual_days: int
    earned_days: Fraction
    planned_exact: Fraction | None = None
    earned_periods: Fraction | None = None
    actual_periods: Fraction | None = None

    @property
    def spi(self) -> Fraction | None:
        """SPI = EV / PV, exact; None while nothing is planned. Returns to 1 at completion, even
        late."""
        pv = Fraction(_yi(self.planned)) if self.planned_exact is None else self.planned_exact
        return Fraction(_yi(self.earned)) / pv if pv else None

    @property
    def schedule_variance(self) -> Quantity:
        """SV = EV - PV, in 亿元."""
        return money(_yi(self.earned) - _yi(self.planned))

    @property
    def spi_t(self) -> Fraction | None:
        """SPI(t) = ES / AT; None at the plan's start. Stays below 1 for a project that finishes late."""
        return self.earned_days / self.actual_days if self.actual_days > 0 else None

    @property
    def schedule_variance_days(self) -> Fraction:
        """SV(t) = ES - AT, in days; negative when behind."""
        return self.earned_days - self.actual_days

    @property
    def complete(self) -> bool:
        """Whether the investment planned at completion has been earned."""
        return _yi(self.earned) >= _yi(self.budget_at_completion)


def _yi(q: Quantity) -> Decimal:
    magnitude = money(q, "yi_yuan").magnitude
    assert isinstance(magnitude, Decimal)
    return magnitude


def earned_schedule(
    subject: str,
    plan: Sequence[PlannedInvestment],
    start: date,
    reports: Iterable[InvestmentReport],
    as_of: date,
) -> EarnedSchedule:
    """Earned value and earned schedule of ``subject`` from its plan and its investment reports.

    Args:
        subject: Key of the project or category; only reports for it are read.
        plan: Planned cumulative investment at period ends, in order.
        start: The plan's start (planned value 0).
        reports: Investment reports (cumulative completed investment); others' are skipped.
        as_of: The status date; the latest report for ``subject`` on or before it is used.

    Raises:
        ScheduleError: The plan is empty, starts after its first period end, no report for the
            subject is on or before ``as_of``, or two reports for the same date on or before
            ``as_of`` disagree (the earliest such date is named, whatever the reports' order).
    """
    if not plan:
        raise ScheduleError(subject, "no planned investment per period")
    if plan[0].period_end < start:
        raise ScheduleError(subject, "the plan's start must not be after its first period end")
    # Sorted first, so that neither the check nor the result depends on the reports' order.
    mine = sorted(
        ((r.as_of, _yi(r.completed)) for r in reports if r.subject == subject and r.as_of <= as_of),
        key=lambda dv: (dv[0], dv[1], str(dv[1])),
    )
    for (day, a), (other_day, b) in itertools.pairwise(mine):
        if day == other_day and a != b:
            raise ScheduleError(subject, f"two investment reports for {day.isoformat()} disagree")
    if not mine:
        raise ScheduleError(subject, f"no investment report on or before {as_of.isoformat()}")
    data_date, completed = mine[-1]
    # Day numbers count to the end of each day, the start's day being 1 (as in attainment).
    days = [0, *((p.period_end - start).days + 1 for p in plan)]
    values = [Fraction(0), *(Fraction(_yi(p.cumulative)) for p in plan)]
    ev = Fraction(completed)
    at = (data_date - start).days + 1
    pv = _planned_at(days, values, at)
    return EarnedSchedule(
        subject=subject,
        data_date=data_date,
        earned=money(completed),
        planned=money(_decimal(pv)),
        budget_at_completion=money(_yi(plan[-1].cumulative)),
        planned_days=days[-1],
        actual_days=at,
        earned_days=_earned_days(days, values, ev),
        planned_exact=pv,
        earned_periods=_earned_periods(values, ev),
        actual_periods=_periods(days, at),
    )


def _decimal(x: Fraction) -> Decimal:
    return Decimal(x.numerator) / Decimal(x.denominator)


def _planned_at(days: list[int], values: list[Fraction], t: int) -> Fraction:
    """PV at day ``t``: 0 before the start, BAC after the end, linear between period ends."""
    if t <= 0:
        return Fraction(0)
    for i in range(1, len(days)):
        if t <= days[i]:
            share = Fraction(t - days[i - 1], days[i] - days[i - 1])
            return values[i - 1] + share * (values[i] - values[i - 1])
    return values[-1]


def _earned_days(days: list[int], values: list[Fraction], ev: Fraction) -> Fraction:
    """ES: C is the last period end with PV_C <= EV; ES = t_C + (EV - PV_C) / (PV_C+1 - PV_C) x
    (t_C+1 - t_C), capped at the plan's end."""
    if ev >= values[-1]:
        return Fraction(days[-1])
    c = max(i for i, pv in enumerate(values) if pv <= ev)
    step = values[c + 1] - values[c]
    return days[c] + (ev - values[c]) / step * (days[c + 1] - days[c])


def _earned_periods(values: list[Fraction], ev: Fraction) -> Fraction:
    """ES in periods: C + (EV - PV_C) / (PV_C+1 - PV_C), capped at the number of periods."""
    if ev >= values[-1]:
        return Fraction(len(values) - 1)
    c = max(i for i, pv in enumerate(values) if pv <= ev)
    return c + (ev - values[c]) / (values[c + 1] - values[c])


def _periods(days: list[int], t: int) -> Fraction:
    """Day ``t`` in periods: whole periods gone plus the share of the one it falls in."""
    if t <= 0:
        return Fraction(0)
    for i in range(1, len(days)):
        if t <= days[i]:
            return i - 1 + Fraction(t - days[i - 1], days[i] - days[i - 1])
    return len(days) - 1 + Fraction(t - days[-1], days[-1] - days[-2])


def project_performance(
    projects: Iterable[Project], reports: Iterable[InvestmentReport], as_of: date
) -> tuple[EarnedSchedule, ...]:
    """Earned schedule of each project that has an investment plan and a report by ``as_of``.

    Projects without an investment plan are not measured; a project with a plan but no report on
    or before ``as_of`` raises.

    Raises:
        ScheduleError: A planned project has no report by ``as_of``, or its reports disagree.
    """
    by_subject: dict[str, list[InvestmentReport]] = {}
    for r in reports:
        by_subject.setdefault(r.subject, []).append(r)
    out = []
    for p in projects:
        if not p.investment_plan:
            continue
        assert p.planned_start is not None  # Project requires it with a plan
        out.append(
            earned_schedule(
                p.key, p.investment_plan, p.planned_start, by_subject.get(p.key, ()), as_of
            )
        )
    return tuple(out)
