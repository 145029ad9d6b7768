"""Reporting compliance: statuses at the boundaries, duplicates, rates, scores and laggards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from _ezhou_shape import ECOLOGY, FINANCE, LI, NDRC, ezhou_shape
from ezhou_recovery import Deadline, ReportStatus, Submission, compliance, load_ezhou_plan
from ezhou_recovery.analysis.compliance import ScoringRule, Tally
from ezhou_recovery.analysis.duedates import DueConvention, HolidayPolicy
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError
from ezhou_recovery.model.obligations import OwedPer, ReporterScope

PLAN = ezhou_shape()
DEADLINES = PLAN.deadlines()
MOVE = DueConvention(holidays=HolidayPolicy.NEXT_WORKING_DAY)
Q1 = "quarterly_progress/transport/transport_bureau/2021Q1"  # due Thursday 2021-03-25
Q3 = "quarterly_progress/transport/transport_bureau/2021Q3"  # due Saturday 2021-09-25
Q4 = "quarterly_progress/transport/transport_bureau/2021Q4"  # due Saturday 2021-12-25
LATER = date(2023, 1, 31)  # every deadline has passed


def status_of(key: str, at: date | datetime, as_of: date = LATER, **kw: object):  # type: ignore[no-untyped-def]
    result = compliance(PLAN, [Submission.for_deadline(key, at)], as_of=as_of, **kw)  # type: ignore[arg-type]
    return result.status(key)


# Boundaries -------------------------------------------------------------------------------------


def test_on_the_due_date_is_on_time() -> None:
    st_ = status_of(Q1, date(2021, 3, 25))
    assert (st_.status, st_.days_late, st_.received) == (ReportStatus.ON_TIME, 0, date(2021, 3, 25))


def test_a_day_after_is_one_day_late() -> None:
    st_ = status_of(Q1, date(2021, 3, 26))
    assert (st_.status, st_.days_late) == (ReportStatus.LATE, 1)


def test_midnight_in_china_from_a_utc_time() -> None:
    # 2021-03-24T16:00Z is 2021-03-25 00:00 in China: on time.
    assert status_of(Q1, datetime(2021, 3, 24, 16, tzinfo=UTC)).status is ReportStatus.ON_TIME
    # 2021-03-25T16:00Z is 2021-03-26 00:00 in China: one day late, although still the 25th in UTC.
    late = status_of(Q1, datetime(2021, 3, 25, 16, tzinfo=UTC))
    assert (late.status, late.days_late) == (ReportStatus.LATE, 1)
    edge = status_of(Q1, datetime(2021, 3, 25, 15, 59, 59, tzinfo=UTC))
    assert edge.status is ReportStatus.ON_TIME


def test_a_deadline_on_a_saturday_moves_to_the_adjusted_working_sunday() -> None:
    sunday = date(2021, 9, 26)  # 调休: a working day before National Day
    as_written = status_of(Q3, sunday)
    moved = status_of(Q3, sunday, convention=MOVE)
    assert (as_written.status, as_written.days_late) == (ReportStatus.LATE, 1)
    assert (moved.status, moved.last_day) == (ReportStatus.ON_TIME, sunday)
    monday = status_of(Q3, date(2021, 9, 27), convention=MOVE)
    assert (monday.status, monday.days_late) == (ReportStatus.LATE, 1)


def test_a_deadline_on_a_weekend_moves_to_monday() -> None:
    monday = date(2021, 12, 27)
    assert status_of(Q4, monday).days_late == 2
    assert status_of(Q4, monday, convention=MOVE).status is ReportStatus.ON_TIME


def test_exclusive_reading_and_grace() -> None:
    assert (
        status_of(Q1, date(2021, 3, 25), convention=DueConvention(inclusive=False)).days_late == 1
    )
    graced = status_of(Q1, date(2021, 3, 27), convention=DueConvention(grace_days=2))
    assert graced.status is ReportStatus.ON_TIME


def test_missing_and_not_yet_due_depend_on_the_status_date() -> None:
    result = compliance(PLAN, [], as_of=date(2021, 3, 25))
    assert result.status(Q1).status is ReportStatus.NOT_YET_DUE
    result = compliance(PLAN, [], as_of=date(2021, 3, 26))
    missing = result.status(Q1)
    assert (missing.status, missing.days_late, missing.points) == (ReportStatus.MISSING, 1, 0)


def test_a_report_received_after_the_status_date_is_not_yet_known() -> None:
    result = compliance(
        PLAN, [Submission.for_deadline(Q1, date(2021, 4, 2))], as_of=date(2021, 3, 31)
    )
    assert result.status(Q1).status is ReportStatus.MISSING
    assert result.status(Q1).days_late == 6


def test_an_early_report_is_on_time_and_counted() -> None:
    result = compliance(
        PLAN, [Submission.for_deadline(Q1, date(2021, 3, 1))], as_of=date(2021, 3, 2)
    )
    assert result.status(Q1).status is ReportStatus.ON_TIME
    assert result.programme.expected == 11 + 12 + 1  # special plans, Q4 2020 and the early one


# Duplicates and resubmissions ------------------------------------------------------------------


def test_the_earliest_submission_counts_and_the_rest_are_resubmissions() -> None:
    subs = [
        Submission.for_deadline(Q1, date(2021, 3, 28)),
        Submission.for_deadline(Q1, date(2021, 3, 24)),
        Submission.for_deadline(Q1, date(2021, 3, 24)),
    ]
    st_ = compliance(PLAN, subs, as_of=LATER).status(Q1)
    assert (st_.status, st_.received, st_.resubmissions) == (
        ReportStatus.ON_TIME,
        date(2021, 3, 24),
        2,
    )
    once = compliance(PLAN, subs[1:2], as_of=LATER)
    thrice = compliance(PLAN, subs, as_of=LATER)
    assert once.programme == thrice.programme
    assert thrice.department("transport_bureau").on_time == 1


def test_a_correction_after_a_late_report_does_not_make_it_on_time() -> None:
    subs = [
        Submission.for_deadline(Q1, date(2021, 3, 27)),
        Submission.for_deadline(Q1, date(2021, 3, 29), note="更正"),
    ]
    st_ = compliance(PLAN, subs, as_of=LATER).status(Q1)
    assert (st_.status, st_.days_late, st_.resubmissions) == (ReportStatus.LATE, 2, 1)


# A department that never reports --------------------------------------------------------------


def everyone_on_time(but: str | None = None) -> list[Submission]:
    return [Submission.for_deadline(d, d.due) for d in DEADLINES if d.department.key != but]


def test_a_department_that_never_reports() -> None:
    result = compliance(PLAN, everyone_on_time(but=ECOLOGY.key), as_of=LATER)
    tally = result.department(ECOLOGY.key)
    assert (tally.expected, tally.missing, tally.received) == (10, 10, 0)
    assert tally.reporting_rate == 0
    assert tally.score == 0
    assert [lag.department.key for lag in result.laggards] == [ECOLOGY.key]
    assert result.laggards[0].rank == 1
    assert result.category("ecology").on_time_rate == 0
    # 李忠禄 leads six categories; ecology's 10 reports are missing of his 6 * 10 + 10 (cold chain has
    # two lead departments).
    assert result.official(LI.name_zh).expected == 70
    assert result.official(LI.name_zh).on_time == 60
    assert result.programme.on_time_rate == Fraction(119 - 10, 119)


def test_everyone_on_time() -> None:
    result = compliance(PLAN, everyone_on_time(), as_of=LATER)
    assert result.programme.on_time_rate == result.programme.reporting_rate == 1
    assert result.programme.score == 1
    assert result.laggards == ()
    assert result.programme.mean_days_late is None


def test_one_report_per_department_covers_its_categories() -> None:
    s = Submission("quarterly_progress", NDRC.key, date(2021, 3, 20), period="2021Q1")
    result = compliance(PLAN, [s], as_of=date(2021, 3, 26))
    assert result.department(NDRC.key).on_time == 4


def test_unknown_submissions_are_errors() -> None:
    with pytest.raises(UnmatchedSubmissionError, match="department"):
        compliance(
            PLAN, [Submission("special_plan", "tax_bureau", date(2020, 11, 30))], as_of=LATER
        )


# Rates, lateness, scores ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_late", "points"),
    [(0, 5), (1, 4), (2, 3), (3, 2), (4, 0), (5, 0), (30, 0)],
)
def test_default_score_one_point_off_per_day_none_from_four(days_late: int, points: int) -> None:
    received = date(2021, 3, 25) + timedelta(days=days_late)
    assert status_of(Q1, received).points == points


def test_a_custom_scoring_rule() -> None:
    rule = ScoringRule(full_marks=Decimal(10), per_day=Decimal("2.5"), zero_from_days=3)
    assert [rule.points(ReportStatus.LATE, d) for d in (1, 2, 3)] == [Decimal("7.5"), 5, 0]
    assert rule.points(ReportStatus.ON_TIME) == 10
    assert rule.points(ReportStatus.MISSING) == 0
    assert rule.points(ReportStatus.NOT_YET_DUE) is None
    assert status_of(Q1, date(2021, 3, 27), scoring=rule).points == 5


def test_lateness_rates_by_department_category_and_official() -> None:
    transport = [d for d in DEADLINES if d.category == "transport"]  # 10 reports
    subs = [
        Submission.for_deadline(d, d.due + timedelta(days=i % 4)) for i, d in enumerate(transport)
    ]
    result = compliance(PLAN, subs, as_of=LATER)
    tally = result.department("transport_bureau")
    lates = [i % 4 for i in range(10) if i % 4]
    assert tally.on_time == 10 - len(lates)
    assert tally.late == len(lates)
    assert tally.mean_days_late == Fraction(sum(lates), len(lates))
    assert tally.worst_days_late == 3
    assert tally.points == sum(5 - i % 4 for i in range(10))
    assert tally.score == Fraction(int(tally.points), 50)
    assert result.category("transport") == tally
    assert result.official("岳劲") == tally
    assert result.department(FINANCE.key).missing == 9


def test_laggards_rank_the_worst_first() -> None:
    subs = everyone_on_time(but=ECOLOGY.key)
    subs = [s for s in subs if not (s.department == "water_bureau" and s.period == "2021Q1")]
    subs.append(
        Submission.for_deadline("quarterly_progress/water/water_bureau/2021Q1", date(2021, 3, 27))
    )
    result = compliance(PLAN, subs, as_of=LATER)
    assert [lag.department.key for lag in result.laggards] == [ECOLOGY.key, "water_bureau"]
    assert [lag.rank for lag in result.laggards] == [1, 2]


def test_upcoming_lists_open_deadlines() -> None:
    subs = [Submission.for_deadline(Q1, date(2021, 3, 20))]
    result = compliance(PLAN, subs, as_of=date(2021, 3, 21))
    nxt = result.upcoming(within=10)
    assert len(nxt) == 11
    assert Q1 not in {s.deadline.key for s in nxt}


def test_lookups_raise_for_unknown_keys() -> None:
    result = compliance(PLAN, [], as_of=LATER)
    for lookup in (result.department, result.category, result.official, result.status):
        with pytest.raises(KeyError):
            lookup("nobody")


# Properties -------------------------------------------------------------------------------------

offsets = st.integers(-40, 40)
deadline_indices = st.integers(0, len(DEADLINES) - 1)
status_dates = st.dates(date(2020, 11, 1), date(2023, 2, 1))


@st.composite
def submission_sets(draw: st.DrawFn) -> list[Submission]:
    picks = draw(st.lists(st.tuples(deadline_indices, offsets), max_size=60))
    return [
        Submission.for_deadline(DEADLINES[i], DEADLINES[i].due + timedelta(days=o))
        for i, o in picks
    ]


def tallies(result: object) -> list[Tally]:
    return [
        result.programme,  # type: ignore[attr-defined]
        *(t for _, t in result.by_department),  # type: ignore[attr-defined]
        *(t for _, t in result.by_category),  # type: ignore[attr-defined]
        *(t for _, t in result.by_official),  # type: ignore[attr-defined]
    ]


@given(submission_sets(), status_dates)
def test_rates_stay_within_zero_and_one(subs: list[Submission], as_of: date) -> None:
    result = compliance(PLAN, subs, as_of=as_of)
    for t in tallies(result):
        for rate in (t.reporting_rate, t.on_time_rate, t.score):
            assert rate is None or 0 <= rate <= 1
        assert t.on_time + t.late + t.missing == t.expected
        if t.on_time_rate is not None and t.reporting_rate is not None:
            assert t.on_time_rate <= t.reporting_rate
    assert result.programme.expected + result.programme.not_yet_due == len(DEADLINES)


@given(submission_sets(), status_dates)
def test_on_time_is_never_late(subs: list[Submission], as_of: date) -> None:
    for st_ in compliance(PLAN, subs, as_of=as_of, convention=MOVE).statuses:
        if st_.status is ReportStatus.ON_TIME:
            assert st_.received is not None
            assert st_.received <= st_.last_day
            assert st_.days_late == 0
        elif st_.status is ReportStatus.LATE:
            assert st_.received is not None
            assert st_.days_late == (st_.received - st_.last_day).days > 0
        elif st_.status is ReportStatus.MISSING:
            assert st_.received is None
            assert as_of > st_.last_day


@given(submission_sets(), status_dates, deadline_indices, st.integers(1, 30))
def test_a_late_submission_never_raises_the_on_time_rate(
    subs: list[Submission], as_of: date, i: int, late_by: int
) -> None:
    d: Deadline = DEADLINES[i]
    extra = Submission.for_deadline(d, d.due + timedelta(days=late_by))
    before = compliance(PLAN, subs, as_of=as_of)
    after = compliance(PLAN, [*subs, extra], as_of=as_of)
    for b, a in zip(tallies(before), tallies(after), strict=True):
        if b.on_time_rate is not None:
            assert a.on_time_rate is not None
            assert a.on_time_rate <= b.on_time_rate
        assert a.on_time == b.on_time


@given(submission_sets(), status_dates, st.data())
def test_duplicates_and_order_never_change_the_result(
    subs: list[Submission], as_of: date, data: st.DataObject
) -> None:
    doubled = subs + data.draw(
        st.lists(st.sampled_from(subs), max_size=20) if subs else st.just([])
    )
    shuffled = data.draw(st.permutations(doubled))
    a = compliance(PLAN, subs, as_of=as_of)
    b = compliance(PLAN, shuffled, as_of=as_of)
    assert tallies(a) == tallies(b)
    assert [s.status for s in a.statuses] == [s.status for s in b.statuses]
    assert a.laggards == b.laggards


# The embedded Ezhou plan: the worked example of docs/compliance.md -------------------------------


def test_the_worked_example_on_the_embedded_plan() -> None:
    plan = load_ezhou_plan()
    key = {d.name_zh: d.key for d in plan.departments}

    def q1(name: str, at: date | datetime, note: str | None = None) -> Submission:
        return Submission("quarterly_progress", key[name], at, period="2021Q1", note=note)

    subs = [
        q1("市交通运输局", date(2021, 3, 25)),
        q1("市水利局", date(2021, 3, 27)),
        q1("市发改委", datetime(2021, 3, 24, 16, 30, tzinfo=UTC)),
        q1("市发改委", date(2021, 3, 30), note="更正"),
        q1("市财政局", date(2021, 3, 26)),
    ]
    for d in plan.deadlines(end=date(2020, 12, 31)):
        late = d.obligation == "special_plan" and d.department.name_zh == "市生态环境局"
        subs.append(Submission.for_deadline(d, date(2020, 12, 5) if late else d.due))
    result = compliance(plan, subs, as_of=date(2021, 4, 1))
    p = result.programme
    # 11 special plans (one per category and lead department) and, for 2020Q4 and 2021Q1, nine
    # quarterly reports each (one per department: eight lead departments and 市财政局).
    assert (p.expected, p.on_time, p.late, p.missing, p.not_yet_due) == (29, 21, 3, 5, 63)
    assert (p.reporting_rate, p.on_time_rate) == (Fraction(24, 29), Fraction(21, 29))
    assert p.mean_days_late == Fraction(8, 3)
    assert p.worst_days_late == 5
    assert p.worst_days_overdue == 7
    assert p.score == Fraction(112, 145)
    li = result.official("李忠禄")  # 7 special plans, 4 departments' quarterly reports twice
    assert (li.expected, li.on_time, li.late, li.missing) == (15, 11, 1, 3)
    assert li.score == Fraction(11, 15)
    ndrc = [
        s
        for s in result.statuses
        if s.deadline.department.name_zh == "市发改委" and s.deadline.period.label == "2021Q1"
    ]
    assert len(ndrc) == 1  # one report for the four categories it leads
    assert all(s.status is ReportStatus.ON_TIME and s.resubmissions == 1 for s in ndrc)
    assert result.category("energy").expected == 3  # its special plan and 市发改委's two reports
    ranked = [(lag.department.name_zh, lag.tally.score) for lag in result.laggards]
    assert ranked[0] == ("市生态环境局", Fraction(1, 3))
    assert {name for name, _ in ranked[1:5]} == {"市农业农村局", "市应急局", "市卫健委", "市住建局"}
    assert ranked[5:] == [("市水利局", Fraction(13, 15)), ("市财政局", Fraction(9, 10))]


def test_a_department_that_never_reports_on_the_embedded_plan() -> None:
    plan = load_ezhou_plan()
    silent = next(d for d in plan.departments if d.name_zh == "市生态环境局")
    subs = [Submission.for_deadline(d, d.due) for d in plan.deadlines() if d.department != silent]
    result = compliance(plan, subs, as_of=LATER, convention=MOVE)
    assert result.department(silent.key).missing == 10
    assert [lag.department for lag in result.laggards] == [silent]
    assert result.programme.on_time_rate == Fraction(41, 46)  # 82 of 92


def test_a_quarterly_report_is_owed_per_department_and_a_special_plan_per_category() -> None:
    plan = load_ezhou_plan()
    duties = {o.key: o for o in plan.obligations}
    assert duties["quarterly_progress"].owed_per is OwedPer.DEPARTMENT
    assert duties["special_plan"].owed_per is OwedPer.CATEGORY
    ndrc = next(d for d in plan.departments if d.name_zh == "市发改委")
    day = date(2021, 7, 15)

    def rate(p: er.Programme) -> Fraction:
        subs = [
            Submission.for_deadline(d, d.due)
            for d in p.deadlines(end=day)
            if not (
                d.department == ndrc
                and d.obligation == "quarterly_progress"
                and d.period.label == "2021Q2"
            )
        ]
        tally = compliance(p, subs, as_of=day).programme
        assert tally.on_time_rate is not None
        return tally.on_time_rate

    # 市发改委 leads four categories and misses one quarter: one report of 38, not four of 47.
    assert rate(plan) == Fraction(37, 38)
    per_category = attrs.evolve(
        duties["quarterly_progress"], owed_per=OwedPer.CATEGORY, departments=()
    )
    counted_four_times = attrs.evolve(
        plan,
        obligations=(
            duties["special_plan"],
            per_category,
            attrs.evolve(
                duties["quarterly_progress"],
                key="finance_quarterly",
                reporters=ReporterScope.NAMED,
            ),
        ),
    )
    assert rate(counted_four_times) == Fraction(43, 47)
    assert float(1 - Fraction(43, 47)) * 100 == pytest.approx(8.51, abs=0.01)
    assert float(1 - Fraction(37, 38)) * 100 == pytest.approx(2.63, abs=0.01)


def test_a_report_naming_a_category_answers_its_department_report() -> None:
    plan = load_ezhou_plan()
    ndrc = next(d for d in plan.departments if d.name_zh == "市发改委")
    sub = Submission(
        "quarterly_progress", ndrc.key, date(2021, 3, 23), period="2021Q1", category="energy"
    )
    result = compliance(plan, [sub], as_of=date(2021, 4, 1))
    st = result.status(f"quarterly_progress/-/{ndrc.key}/2021Q1")
    assert st.status is ReportStatus.ON_TIME
    water = Submission(
        "quarterly_progress", ndrc.key, date(2021, 3, 23), period="2021Q1", category="water"
    )
    with pytest.raises(UnmatchedSubmissionError, match="category"):
        compliance(plan, [water], as_of=date(2021, 4, 1))


def test_a_report_cannot_answer_a_period_that_has_not_begun() -> None:
    plan = load_ezhou_plan()
    ndrc = next(d for d in plan.departments if d.name_zh == "市发改委")
    early = Submission("quarterly_progress", ndrc.key, date(2020, 12, 1), period="2021Q2")
    key = f"quarterly_progress/-/{ndrc.key}/2021Q2"
    result = compliance(plan, [early], as_of=date(2021, 7, 15))
    st = result.status(key)
    assert st.status is ReportStatus.MISSING  # the deadline stays unanswered
    assert st.received is None
    assert st.premature == (date(2020, 12, 1),)
    assert result.findings == (
        f"premature: {key} received 2020-12-01, before its period 2021Q2 began (2021-04-01); "
        "not counted",
    )
    before = compliance(plan, [early], as_of=date(2021, 6, 1))
    assert before.status(key).status is ReportStatus.NOT_YET_DUE
    on_time = Submission("quarterly_progress", ndrc.key, date(2021, 6, 20), period="2021Q2")
    both = compliance(plan, [early, on_time], as_of=date(2021, 7, 15)).status(key)
    assert both.status is ReportStatus.ON_TIME
    assert both.received == date(2021, 6, 20)
    assert both.resubmissions == 0
