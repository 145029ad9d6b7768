"""Deadlines of the plan, due-date conventions, the holiday calendar and what is due next."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _ezhou_shape import CATEGORIES, FINANCE, ezhou_shape
from ezhou_recovery import InvariantError, Programme, compliance, load_ezhou_plan
from ezhou_recovery.analysis.calendar import (
    CalendarUnavailableError,
    is_working_day,
    next_working_day,
)
from ezhou_recovery.analysis.duedates import DueConvention, HolidayPolicy, upcoming
from ezhou_recovery.model.obligations import OwedPer

PLAN = ezhou_shape()
MOVE = DueConvention(holidays=HolidayPolicy.NEXT_WORKING_DAY)
QUARTER_DUES = [
    date(2020, 12, 25),
    *(date(y, m, 25) for y in (2021, 2022) for m in (3, 6, 9, 12)),
]


# The plan's deadlines, date by date -------------------------------------------------------------


def _expected(per_department: bool) -> set[tuple[date, str, int | None, str, str]]:
    """Every deadline the plan's text gives, written out from its headings: (due, duty, category
    number, department name as the text writes it, period). ``per_department``: the quarterly
    report is owed once per department (as the embedded plan has it), not per category."""
    rows: set[tuple[date, str, int | None, str, str]] = set()
    whole = "2020-01-01..2022-12-31"
    for number, (_key, _zh, _leader, depts) in enumerate(CATEGORIES, start=1):
        for d in depts:
            rows.add((date(2020, 11, 30), "special_plan", number, d.name_zh, whole))
    for due in QUARTER_DUES:
        label = f"{due.year}Q{(due.month - 1) // 3 + 1}"
        rows.add((due, "quarterly_progress", None, FINANCE.name_zh, label))
        for number, (_key, _zh, _leader, depts) in enumerate(CATEGORIES, start=1):
            for d in depts:
                category = None if per_department else number
                rows.add((due, "quarterly_progress", category, d.name_zh, label))
    return rows


@pytest.mark.parametrize("programme", [load_ezhou_plan(), PLAN], ids=["embedded", "by_hand"])
def test_every_deadline_of_the_plan_date_by_date(programme: Programme) -> None:
    found = programme.deadlines()
    number = {c.key: c.number for c in programme.categories}
    as_rows = [
        (
            d.due,
            d.obligation,
            None if d.category is None else number[d.category],
            d.department.name_zh,
            d.period.label,
        )
        for d in found
    ]
    quarterly = next(o for o in programme.obligations if o.key == "quarterly_progress")
    per_department = quarterly.owed_per is OwedPer.DEPARTMENT
    each = 9 if per_department else 12
    assert len(as_rows) == len(set(as_rows)) == 11 + each * 9
    assert set(as_rows) == _expected(per_department)
    by_date: dict[date, int] = {}
    for d in found:
        by_date[d.due] = by_date.get(d.due, 0) + 1
    assert by_date == {date(2020, 11, 30): 11, **dict.fromkeys(QUARTER_DUES, each)}
    # A quarterly report covers the quarter it falls due in.
    for d in found:
        if d.obligation == "quarterly_progress":
            assert d.due in d.period
            assert d.period.end == date(
                d.due.year, d.due.month, 30 if d.due.month in (6, 9) else 31
            )


def test_no_quarter_is_due_before_the_plan_was_issued() -> None:
    assert min(d.due for d in PLAN.deadlines()) == date(2020, 11, 30) > PLAN.issued
    # The Q3 2020 report (due 2020-09-25) predates the plan and is not owed.
    assert not PLAN.deadlines(date(2020, 9, 1), date(2020, 10, 31))


window_days = st.dates(date(2020, 6, 1), date(2023, 6, 30))


@given(window_days, window_days)
def test_deadlines_are_sorted_inside_the_window_and_stable(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    found = PLAN.deadlines(start, end)
    assert list(found) == sorted(found)
    assert all(start <= d.due <= end for d in found)
    assert found == PLAN.deadlines(start, end)
    whole = PLAN.deadlines()
    assert found == tuple(d for d in whole if start <= d.due <= end)


# The holiday calendar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2021, 3, 25), True),  # a Thursday
        (date(2021, 9, 25), False),  # a Saturday
        (date(2021, 10, 1), False),  # National Day, a Friday
        (date(2021, 9, 26), True),  # a Sunday made a working day (调休) for National Day
        (date(2020, 10, 10), True),  # a Saturday made a working day (调休)
        (date(2021, 2, 7), True),  # a Sunday made a working day for the Spring Festival
        (date(2022, 4, 2), True),  # a Saturday made a working day for Qingming
    ],
)
def test_working_days_follow_the_official_calendar(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_a_year_without_data_is_an_error_not_a_guess() -> None:
    with pytest.raises(CalendarUnavailableError, match="2099"):
        is_working_day(date(2099, 3, 25))


@pytest.mark.parametrize(
    ("written", "moved"),
    [
        (date(2021, 3, 25), date(2021, 3, 25)),  # Thursday: stands
        (date(2021, 9, 25), date(2021, 9, 26)),  # Saturday -> the 调休 working Sunday
        (date(2021, 12, 25), date(2021, 12, 27)),  # Saturday -> Monday
        (date(2022, 6, 25), date(2022, 6, 27)),  # Saturday -> Monday
        (date(2022, 9, 25), date(2022, 9, 26)),  # Sunday -> Monday
        (date(2022, 12, 25), date(2022, 12, 26)),  # Sunday -> Monday
        (date(2021, 10, 1), date(2021, 10, 8)),  # across the National Day week
    ],
)
def test_next_working_day(written: date, moved: date) -> None:
    assert next_working_day(written) == moved
    assert MOVE.last_on_time_day(written) == moved
    assert DueConvention().last_on_time_day(written) == written


# Conventions --------------------------------------------------------------------------------------


def test_the_default_convention_admits_the_written_day() -> None:
    c = DueConvention()
    assert (c.inclusive, c.grace_days, c.holidays) == (True, 0, HolidayPolicy.AS_WRITTEN)
    due = date(2021, 3, 25)
    assert c.last_on_time_day(due) == due
    assert c.days_late(due, due) == 0
    assert c.days_late(due, due + timedelta(days=1)) == 1
    assert c.days_late(due, due - timedelta(days=10)) == 0


def test_exclusive_reading_and_grace_days() -> None:
    due = date(2021, 3, 25)
    assert DueConvention(inclusive=False).last_on_time_day(due) == date(2021, 3, 24)
    assert DueConvention(grace_days=3).last_on_time_day(due) == date(2021, 3, 28)
    both = DueConvention(inclusive=False, grace_days=1)
    assert both.last_on_time_day(due) == due
    # Grace days are added after the move to a working day.
    moved = DueConvention(grace_days=2, holidays=HolidayPolicy.NEXT_WORKING_DAY)
    assert moved.last_on_time_day(date(2021, 12, 25)) == date(2021, 12, 29)


@pytest.mark.parametrize("field", [{"grace_days": -1}, {"grace_days": True}, {"inclusive": 1}])
def test_bad_conventions_are_rejected(field: dict[str, object]) -> None:
    with pytest.raises((InvariantError, TypeError)):
        DueConvention(**field)  # type: ignore[arg-type]


@given(st.dates(date(2020, 1, 1), date(2025, 12, 1)), st.booleans(), st.integers(0, 10))
def test_the_last_day_is_never_before_the_written_day_less_one(
    due: date, inclusive: bool, grace: int
) -> None:
    for policy in HolidayPolicy:
        last = DueConvention(inclusive, grace, policy).last_on_time_day(due)
        assert last >= due - timedelta(days=1) + timedelta(days=grace)
        if policy is HolidayPolicy.NEXT_WORKING_DAY and grace == 0:
            assert is_working_day(last)


# What is due next ---------------------------------------------------------------------------------


def test_upcoming_lists_who_owes_what_next() -> None:
    found = upcoming(PLAN, date(2021, 3, 1), within=30)
    assert len(found) == 12
    assert {u.deadline.due for u in found} == {date(2021, 3, 25)}
    assert {u.days_left for u in found} == {24}
    assert {u.deadline.department.key for u in found} >= {FINANCE.key, "development_reform"}
    assert upcoming(PLAN, date(2021, 3, 1), within=23) == ()
    # On the day itself, with a zero window.
    assert len(upcoming(PLAN, date(2021, 3, 25), within=0)) == 12
    assert upcoming(PLAN, date(2021, 3, 26), within=0) == ()


def test_upcoming_follows_the_convention() -> None:
    sunday = date(2021, 9, 26)
    assert upcoming(PLAN, sunday, within=0) == ()
    moved = upcoming(PLAN, sunday, within=0, convention=MOVE)
    assert len(moved) == 12
    assert {u.deadline.due for u in moved} == {date(2021, 9, 25)}
    assert {u.last_day for u in moved} == {sunday}


def test_upcoming_rejects_a_negative_window() -> None:
    with pytest.raises(ValueError, match="within"):
        upcoming(PLAN, date(2021, 3, 1), within=-1)


conventions = st.builds(
    DueConvention,
    inclusive=st.booleans(),
    grace_days=st.integers(0, 10),
    holidays=st.sampled_from(HolidayPolicy),
)


@given(st.dates(date(2020, 10, 1), date(2023, 3, 1)), st.integers(0, 200), conventions)
def test_upcoming_is_sorted_and_inside_its_window(
    as_of: date, within: int, convention: DueConvention
) -> None:
    found = upcoming(PLAN, as_of, within=within, convention=convention)
    days = [u.last_day for u in found]
    assert days == sorted(days)
    assert all(0 <= u.days_left <= within for u in found)
    assert all(u.last_day == as_of + timedelta(days=u.days_left) for u in found)
    expected = {
        d.key
        for d in PLAN.deadlines()
        if as_of <= convention.last_on_time_day(d.due) <= as_of + timedelta(days=within)
    }
    assert {u.deadline.key for u in found} == expected
    # The compliance view agrees while nothing has been received.
    open_ones = compliance(PLAN, [], as_of=as_of, convention=convention).upcoming(within)
    assert {st.deadline.key for st in open_ones} == expected


# The window's edges under each convention, around the 2021Q1 report due Thursday 2021-03-25 and
# the 2021Q3 report due Saturday 2021-09-25 (next working day Sunday 09-26, a 调休 working day).
EDGES = [
    # (convention, last on-time day)
    (DueConvention(), date(2021, 3, 25)),
    (DueConvention(inclusive=False), date(2021, 3, 24)),
    (DueConvention(grace_days=3), date(2021, 3, 28)),
    (DueConvention(inclusive=False, grace_days=3), date(2021, 3, 27)),
    (MOVE, date(2021, 3, 25)),
    (DueConvention(inclusive=False, holidays=HolidayPolicy.NEXT_WORKING_DAY), date(2021, 3, 24)),
]


@pytest.mark.parametrize(("convention", "last"), EDGES)
def test_upcoming_window_edges(convention: DueConvention, last: date) -> None:
    as_of = date(2021, 3, 1)
    reach = (last - as_of).days
    inside = upcoming(PLAN, as_of, reach, convention)
    assert len(inside) == 12
    assert {u.last_day for u in inside} == {last}
    assert {u.deadline.due for u in inside} == {date(2021, 3, 25)}
    assert upcoming(PLAN, as_of, reach - 1, convention) == ()
    assert len(upcoming(PLAN, last, 0, convention)) == 12  # the last day itself
    assert upcoming(PLAN, last + timedelta(days=1), 0, convention) == ()
    assert len(compliance(PLAN, [], as_of=as_of, convention=convention).upcoming(reach)) == 12
    assert compliance(PLAN, [], as_of=as_of, convention=convention).upcoming(reach - 1) == ()


@pytest.mark.parametrize(
    ("convention", "last"),
    [
        (MOVE, date(2021, 9, 26)),  # Saturday moves to the Sunday made a working day
        (
            DueConvention(inclusive=False, holidays=HolidayPolicy.NEXT_WORKING_DAY),
            date(2021, 9, 24),
        ),
        (DueConvention(grace_days=2, holidays=HolidayPolicy.NEXT_WORKING_DAY), date(2021, 9, 28)),
        (DueConvention(), date(2021, 9, 25)),
    ],
)
def test_upcoming_window_edges_on_a_day_off(convention: DueConvention, last: date) -> None:
    as_of = date(2021, 9, 1)
    assert convention.last_on_time_day(date(2021, 9, 25)) == last
    reach = (last - as_of).days
    assert {u.last_day for u in upcoming(PLAN, as_of, reach, convention)} == {last}
    assert upcoming(PLAN, as_of, reach - 1, convention) == ()
    assert len(upcoming(PLAN, last, 0, convention)) == 12


def test_without_the_calendar_package_moving_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "chinese_calendar", None)  # import now fails
    assert DueConvention().last_on_time_day(date(2021, 9, 25)) == date(2021, 9, 25)
    with pytest.raises(CalendarUnavailableError, match=r"ezhou-recovery\[holidays\]"):
        MOVE.last_on_time_day(date(2021, 9, 25))
