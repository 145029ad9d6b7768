"""Projects keep their own schedule: milestones, BEI, SPI and the earned-schedule SPI(t)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ezhou_recovery import InvariantError, InvestmentReport, Project
from ezhou_recovery.analysis.schedule import (
    EarnedSchedule,
    MilestoneState,
    ScheduleError,
    earned_schedule,
    milestone_schedule,
    project_performance,
)
from ezhou_recovery.model.projects import Milestone, PlannedInvestment
from ezhou_recovery.units import money

START = date(2021, 1, 1)
QUARTER_ENDS = (date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30), date(2021, 12, 31))
PLAN = tuple(
    PlannedInvestment(end, money(f"{25 * (i + 1)}亿元")) for i, end in enumerate(QUARTER_ENDS)
)


def project(key: str, *milestones: Milestone, plan: tuple[PlannedInvestment, ...] = ()) -> Project:
    return Project(
        key,
        "项目",
        "Project",
        planned_start=START,
        planned_completion=QUARTER_ENDS[-1],
        milestones=milestones,
        investment_plan=plan,
    )


def report(subject: str, on: date, amount: str) -> InvestmentReport:
    return InvestmentReport(subject, on, money(amount))


# Milestones -------------------------------------------------------------------------------------


def test_projects_finishing_early_on_time_and_late() -> None:
    due = date(2021, 12, 31)
    early = project("transport.early", Milestone("completion", due, met=date(2021, 11, 30)))
    on_time = project("transport.on_time", Milestone("completion", due, met=due))
    late = project("transport.late", Milestone("completion", due, met=date(2022, 2, 9)))
    open_ = project("transport.open", Milestone("completion", due))
    status = milestone_schedule([early, on_time, late, open_], as_of=date(2022, 3, 1))
    states = [(m.project, m.state, m.slip_days) for m in status.milestones]
    assert states == [
        ("transport.early", MilestoneState.MET_ON_TIME, -31),
        ("transport.on_time", MilestoneState.MET_ON_TIME, 0),
        ("transport.late", MilestoneState.MET_LATE, 40),
        ("transport.open", MilestoneState.OVERDUE, 60),
    ]
    assert (status.due, status.completed, status.met_on_time) == (4, 3, 2)
    assert status.bei == Fraction(3, 4)
    assert status.on_time_share == Fraction(1, 2)
    assert status.overdue_projects == ("transport.open",)
    assert status.worst_slip_days == 60


def test_the_status_date_decides() -> None:
    p = project(
        "water.dike",
        Milestone("start", date(2021, 3, 1), met=date(2021, 3, 10)),
        Milestone("completion", date(2021, 12, 31), met=date(2021, 12, 20)),
    )
    before = milestone_schedule([p], as_of=date(2021, 2, 1))
    assert [m.state for m in before.milestones] == [MilestoneState.PENDING] * 2
    assert before.bei is None
    assert before.overdue_projects == ()
    mid = milestone_schedule([p], as_of=date(2021, 3, 5))
    assert mid.milestones[0].state is MilestoneState.OVERDUE
    assert mid.overdue_projects == ("water.dike",)
    # Completion met ahead of plan counts in the BEI numerator but not its denominator (DCMA).
    ahead = milestone_schedule([p], as_of=date(2021, 12, 25))
    assert (ahead.completed, ahead.due) == (2, 1)
    assert ahead.bei == 2
    assert ahead.on_time_share == 0
    # Due today and not met: pending, but due by the status date.
    today = milestone_schedule(
        [project("water.x", Milestone("start", date(2021, 3, 1)))], date(2021, 3, 1)
    )
    assert today.milestones[0].state is MilestoneState.PENDING
    assert today.due == 1
    assert today.bei == 0


# Earned value and earned schedule ---------------------------------------------------------------


def days(d: date) -> int:
    """A date as a day number counted to its end, START being day 1 (as attainment counts)."""
    return (d - START).days + 1


def test_on_time_completion_gives_one_and_one() -> None:
    es = earned_schedule(
        "transport.x",
        PLAN,
        START,
        [report("transport.x", QUARTER_ENDS[-1], "100亿元")],
        QUARTER_ENDS[-1],
    )
    assert es.spi == 1
    assert es.spi_t == 1
    assert es.complete


def test_late_completion_spi_returns_to_one_but_spi_t_stays_below() -> None:
    finished = date(2022, 3, 31)
    es = earned_schedule(
        "transport.x", PLAN, START, [report("transport.x", finished, "100亿元")], date(2022, 6, 1)
    )
    assert es.data_date == finished
    assert es.spi == 1
    assert es.spi_t == Fraction(days(QUARTER_ENDS[-1]), days(finished))
    assert es.spi_t is not None
    assert es.spi_t < 1
    assert es.schedule_variance_days == days(QUARTER_ENDS[-1]) - days(finished)
    assert es.schedule_variance == money(0)


def test_early_completion_is_above_one_on_both() -> None:
    finished = QUARTER_ENDS[2]
    es = earned_schedule(
        "transport.x", PLAN, START, [report("transport.x", finished, "100亿元")], finished
    )
    assert es.spi == Fraction(100, 75)
    assert es.spi_t == Fraction(days(QUARTER_ENDS[-1]), days(finished))
    assert es.spi_t is not None
    assert es.spi_t > 1


def test_behind_mid_way_follows_lipke() -> None:
    # EV 40 at the end of Q2: PV 50, so SPI = 0.8. C = Q1 (PV 25 <= 40 < 50):
    # ES = t(Q1) + (40 - 25) / (50 - 25) x (t(Q2) - t(Q1)).
    es = earned_schedule(
        "transport.x",
        PLAN,
        START,
        [
            report("transport.x", QUARTER_ENDS[0], "20亿元"),
            report("transport.x", QUARTER_ENDS[1], "40亿元"),
            report("water.y", QUARTER_ENDS[1], "1亿元"),
        ],
        QUARTER_ENDS[1],
    )
    assert es.planned == money("50亿元")
    assert es.spi == Fraction(4, 5)
    t1, t2 = days(QUARTER_ENDS[0]), days(QUARTER_ENDS[1])
    assert es.earned_days == t1 + Fraction(15, 25) * (t2 - t1)
    assert es.spi_t == es.earned_days / t2
    assert es.schedule_variance == money("-10亿元")


def test_planned_value_is_interpolated_between_period_ends() -> None:
    mid = START + timedelta(days=45)
    es = earned_schedule("p.x", PLAN, START, [report("p.x", mid, "10亿元")], mid)
    assert es.planned.magnitude == Decimal(25) * 46 / days(QUARTER_ENDS[0])  # day 46 of 90


def test_the_latest_report_by_the_status_date_is_used() -> None:
    reports = [report("p.x", QUARTER_ENDS[0], "25亿元"), report("p.x", QUARTER_ENDS[1], "60亿元")]
    es = earned_schedule("p.x", PLAN, START, reports, as_of=QUARTER_ENDS[1] - timedelta(days=1))
    assert es.data_date == QUARTER_ENDS[0]
    assert es.spi == 1


def test_errors_name_the_subject() -> None:
    with pytest.raises(ScheduleError, match=r"p\.x: no investment report"):
        earned_schedule("p.x", PLAN, START, [], QUARTER_ENDS[-1])
    with pytest.raises(ScheduleError, match="no planned investment"):
        earned_schedule("p.x", (), START, [], QUARTER_ENDS[-1])
    with pytest.raises(ScheduleError, match="disagree"):
        earned_schedule(
            "p.x",
            PLAN,
            START,
            [report("p.x", QUARTER_ENDS[0], "1亿元"), report("p.x", QUARTER_ENDS[0], "2亿元")],
            QUARTER_ENDS[-1],
        )
    with pytest.raises(ScheduleError, match="start"):
        earned_schedule("p.x", PLAN, QUARTER_ENDS[0] + timedelta(days=1), [], QUARTER_ENDS[-1])


def test_project_performance_measures_planned_projects_only() -> None:
    planned = project("transport.a", plan=PLAN)
    unplanned = project("transport.b")
    found = project_performance(
        [planned, unplanned], [report("transport.a", QUARTER_ENDS[1], "50亿元")], QUARTER_ENDS[1]
    )
    assert [e.subject for e in found] == ["transport.a"]
    assert found[0].spi == 1
    with pytest.raises(ScheduleError, match=r"transport\.a"):
        project_performance([planned], [], QUARTER_ENDS[1])


def test_an_investment_plan_must_be_ordered_and_start_after_the_planned_start() -> None:
    with pytest.raises(InvariantError, match="period_end"):
        project("transport.a", plan=(PLAN[1], PLAN[0]))
    with pytest.raises(InvariantError, match="must not fall"):
        project("transport.a", plan=(PLAN[0], PlannedInvestment(QUARTER_ENDS[1], money("1亿元"))))
    with pytest.raises(InvariantError, match="planned_start"):
        Project("transport.a", "项目", "Project", investment_plan=PLAN)
    # Existing projects stay valid without a plan.
    assert Project("transport.a", "项目", "Project").investment_plan == ()


# Properties -------------------------------------------------------------------------------------


@st.composite
def plans(draw: st.DrawFn) -> tuple[PlannedInvestment, ...]:
    lengths = draw(st.lists(st.integers(10, 120), min_size=1, max_size=8))
    steps = draw(st.lists(st.integers(1, 500), min_size=len(lengths), max_size=len(lengths)))
    end, total, out = START, 0, []
    for length, step in zip(lengths, steps, strict=True):
        end += timedelta(days=length)
        total += step
        out.append(PlannedInvestment(end, money(Decimal(total) / 10)))
    return tuple(out)


@given(plans(), st.integers(1, 1200), st.integers(0, 100))
def test_earned_schedule_agrees_in_sign_with_earned_value(
    plan: tuple[PlannedInvestment, ...], at: int, share: int
) -> None:
    bac = plan[-1].cumulative.magnitude
    on = START + timedelta(days=at)
    ev = bac * share / 100
    es = earned_schedule("p.x", plan, START, [InvestmentReport("p.x", on, money(ev))], on)
    assert 0 <= es.earned_days <= es.planned_days
    sv = es.earned.magnitude - es.planned.magnitude
    if es.complete:
        assert (es.spi is not None and es.spi >= 1) or at >= es.planned_days
    # Behind in money means behind in time while the plan is still running, and vice versa.
    if at <= es.planned_days:
        assert (sv < 0) == (es.schedule_variance_days < 0)
        assert (sv > 0) == (es.schedule_variance_days > 0)
    else:
        assert es.spi_t is not None
        assert es.spi_t < 1


def test_disagreeing_reports_raise_whatever_their_order() -> None:
    r1 = report("p.x", QUARTER_ENDS[0], "20亿元")
    r2 = report("p.x", QUARTER_ENDS[0], "21亿元")
    r3 = report("p.x", QUARTER_ENDS[1], "40亿元")
    for order in ([r1, r2, r3], [r1, r3, r2], [r3, r2, r1]):
        with pytest.raises(ScheduleError, match="2021-03-31 disagree"):
            earned_schedule("p.x", PLAN, START, order, QUARTER_ENDS[-1])
    # A disagreement after the status date is not yet known.
    r4 = report("p.x", QUARTER_ENDS[1], "41亿元")
    es = earned_schedule("p.x", PLAN, START, [r4, r3, r1], QUARTER_ENDS[1] - timedelta(days=1))
    assert es.earned == money("20亿元")
    with pytest.raises(ScheduleError, match="2021-06-30 disagree"):
        earned_schedule("p.x", PLAN, START, [r4, r1, r3], QUARTER_ENDS[1])


def test_equal_reports_in_other_units_agree() -> None:
    reports = [
        report("p.x", QUARTER_ENDS[0], "20亿元"),
        report("p.x", QUARTER_ENDS[0], "200000万元"),
    ]
    es = earned_schedule("p.x", PLAN, START, reports, QUARTER_ENDS[0])
    assert es.earned == money("20亿元")


def test_spi_is_exact_between_period_ends() -> None:
    # PV at the end of 2021-01-14 (day 14 of 90) is 25 x 14 / 90 = 35/9 亿元, which no Decimal
    # holds exactly.
    day = date(2021, 1, 14)
    es = earned_schedule("p.x", PLAN, START, [report("p.x", day, "10亿元")], day)
    pv = Fraction(25) * days(day) / days(QUARTER_ENDS[0])
    assert es.planned_exact == pv
    assert es.spi == Fraction(10) / pv == Fraction(18, 7)
    assert es.planned.magnitude == Decimal(25) * days(day) / days(QUARTER_ENDS[0])


report_rows = st.lists(
    st.tuples(
        st.sampled_from(["p.x", "p.y"]),
        st.sampled_from([START, *QUARTER_ENDS, date(2022, 3, 31)]),
        st.sampled_from(["10亿元", "100000万元", "25亿元", "40亿元", "100亿元"]),
    ),
    max_size=8,
)


def _outcome(reports: list[InvestmentReport]) -> object:
    try:
        return earned_schedule("p.x", PLAN, START, reports, QUARTER_ENDS[-1])
    except ScheduleError as e:
        return ("error", str(e))


@given(report_rows.flatmap(lambda rows: st.tuples(st.just(rows), st.permutations(rows))))
def test_the_order_of_the_reports_does_not_matter(
    pair: tuple[list[tuple[str, date, str]], list[tuple[str, date, str]]],
) -> None:
    rows, shuffled = pair
    first = _outcome([report(*row) for row in rows])
    second = _outcome([report(*row) for row in shuffled])
    assert first == second
    if isinstance(first, EarnedSchedule):
        assert str(first.earned) == str(second.earned)  # type: ignore[union-attr]


# Lipke's textbook cases ------------------------------------------------------------------------

MONDAY = date(2021, 1, 4)


def weekly(*cumulative: str) -> tuple[PlannedInvestment, ...]:
    """A plan of equal weekly periods from MONDAY: each ends on a Sunday."""
    return tuple(
        PlannedInvestment(MONDAY + timedelta(days=7 * (i + 1) - 1), money(f"{v}亿元"))
        for i, v in enumerate(cumulative)
    )


def test_earned_schedule_equals_lipke_with_equal_periods() -> None:
    plan = weekly("100", "250", "450", "700", "1000")
    end_of_week_4 = MONDAY + timedelta(days=27)
    es = earned_schedule(
        "p.x", plan, MONDAY, [report("p.x", end_of_week_4, "520亿元")], end_of_week_4
    )
    # C = 3 (PV 450 <= EV 520 < 700): ES = 3 + (520 - 450) / (700 - 450) = 3.28 periods.
    assert es.earned_periods == Fraction(328, 100)
    assert es.actual_periods == 4
    assert es.earned_days == Fraction(2296, 100)  # 3.28 periods of 7 days
    assert es.actual_days == 28
    assert es.spi_t == Fraction(82, 100)
    assert es.planned == money("700亿元")
    assert es.spi == Fraction(520, 700)


def test_earned_schedule_second_textbook_case() -> None:
    plan = weekly("0.1", "0.2", "0.4", "0.7", "1.0")
    t3 = MONDAY + timedelta(days=20)
    es = earned_schedule("p.x", plan, MONDAY, [report("p.x", t3, "0.35亿元")], t3)
    # C = 2: ES = 2 + (0.35 - 0.2) / (0.4 - 0.2) = 2.75; SPI(t) = 2.75 / 3.
    assert es.earned_periods == Fraction(11, 4)
    assert es.actual_periods == 3
    assert es.spi_t == Fraction(11, 12)
    assert round(float(es.spi_t), 4) == 0.9167
