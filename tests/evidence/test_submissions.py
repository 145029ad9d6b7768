"""Submissions: China time, strict loading from CSV and JSON, matching against a programme."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from _ezhou_shape import NDRC, ezhou_shape
from ezhou_recovery import InvariantError, LoadError, Submission, load_submissions
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError, match_submissions

PLAN = ezhou_shape()
Q1_2021 = "quarterly_progress/transport/transport_bureau/2021Q1"


# China time -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2021, 3, 24, 16, 0, tzinfo=UTC), date(2021, 3, 25)),  # midnight in China
        (datetime(2021, 3, 24, 15, 59, 59, tzinfo=UTC), date(2021, 3, 24)),
        (datetime(2021, 3, 25, 15, 59, 59, tzinfo=UTC), date(2021, 3, 25)),
        (datetime(2021, 3, 25, 16, 0, tzinfo=UTC), date(2021, 3, 26)),
        (datetime(2021, 3, 25, 23, 0, tzinfo=timezone(timedelta(hours=8))), date(2021, 3, 25)),
        (datetime(2021, 3, 24, 12, 0, tzinfo=timezone(timedelta(hours=-5))), date(2021, 3, 25)),
        (date(2021, 3, 25), date(2021, 3, 25)),
    ],
)
def test_received_on_is_the_day_in_china(moment: date, day: date) -> None:
    assert Submission.for_deadline(Q1_2021, moment).received_on == day


@given(st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_china_time_is_utc_plus_eight(moment: datetime) -> None:
    expected = (moment.replace(tzinfo=None) + timedelta(hours=8)).date()
    assert Submission.for_deadline(Q1_2021, moment).received_on == expected


def test_naive_times_are_rejected() -> None:
    with pytest.raises(InvariantError, match="time zone"):
        Submission("quarterly_progress", "transport_bureau", datetime(2021, 3, 25, 9, 0))
    with pytest.raises(InvariantError, match="date"):
        Submission("quarterly_progress", "transport_bureau", "2021-03-25")  # type: ignore[arg-type]


def test_for_deadline_splits_the_key() -> None:
    s = Submission.for_deadline("quarterly_progress/-/finance_bureau/2021Q1", date(2021, 3, 20))
    assert (s.obligation, s.category, s.department, s.period) == (
        "quarterly_progress",
        None,
        "finance_bureau",
        "2021Q1",
    )
    d = PLAN.deadlines()[0]
    t = Submission.for_deadline(d, date(2020, 11, 30), note="首报")
    assert (t.obligation, t.category, t.department.replace("_", ""), t.note) == (
        d.obligation,
        d.category,
        d.department.key.replace("_", ""),
        "首报",
    )
    with pytest.raises(InvariantError, match="obligation/category/department/period"):
        Submission.for_deadline("quarterly_progress/transport", date(2021, 3, 20))


# Matching ---------------------------------------------------------------------------------------


def test_a_submission_matches_its_deadline() -> None:
    s = Submission.for_deadline(Q1_2021, date(2021, 3, 20))
    matched = match_submissions(PLAN, [s])
    assert [k for k, found in matched.items() if found] == [Q1_2021]
    assert len(matched) == len(PLAN.deadlines())


def test_a_department_report_without_category_answers_each_category_it_leads() -> None:
    s = Submission("quarterly_progress", NDRC.key, date(2021, 3, 20), period="2021Q1")
    answered = {k for k, found in match_submissions(PLAN, [s]).items() if found}
    assert answered == {
        f"quarterly_progress/{c}/development_reform/2021Q1"
        for c in ("energy", "new_infrastructure", "cold_chain", "industrial_parks")
    }


def test_a_once_only_duty_needs_no_period() -> None:
    s = Submission("special_plan", "water_bureau", date(2020, 11, 29))
    answered = [k for k, found in match_submissions(PLAN, [s]).items() if found]
    assert answered == ["special_plan/water/water_bureau/2020-01-01..2022-12-31"]


@pytest.mark.parametrize(
    ("submission", "field"),
    [
        (
            Submission("monthly_report", "water_bureau", date(2021, 3, 1), period="2021Q1"),
            "obligation",
        ),
        (
            Submission("quarterly_progress", "tax_bureau", date(2021, 3, 1), period="2021Q1"),
            "department",
        ),
        (
            Submission(
                "quarterly_progress",
                "water_bureau",
                date(2021, 3, 1),
                period="2021Q1",
                category="space",
            ),
            "category",
        ),
        (
            Submission(
                "quarterly_progress",
                "water_bureau",
                date(2021, 3, 1),
                period="2021Q1",
                category="transport",
            ),
            "category",
        ),
        (Submission("quarterly_progress", "water_bureau", date(2021, 3, 1)), "period"),
        (
            Submission("quarterly_progress", "water_bureau", date(2021, 3, 1), period="2020Q3"),
            "period",
        ),
        (
            Submission("quarterly_progress", "water_bureau", date(2021, 3, 1), period="2023Q1"),
            "period",
        ),
    ],
)
def test_unknown_duties_departments_and_periods_are_errors(
    submission: Submission, field: str
) -> None:
    ok = Submission.for_deadline(Q1_2021, date(2021, 3, 1))
    with pytest.raises(UnmatchedSubmissionError) as info:
        match_submissions(PLAN, [ok, submission])
    assert info.value.index == 1
    assert info.value.field == field
    assert f"submission 1: {field} = " in str(info.value)


# Loading ----------------------------------------------------------------------------------------

CSV_HEADER = "obligation,department,period,category,submitted_at,note\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_loads_both_ways_of_naming_a_deadline(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "deadline,obligation,department,period,category,submitted_at,note\n"
        f"{Q1_2021},,,,,2021-03-24T16:00:00Z,按时\n"
        ",quarterly_progress,development_reform,2021Q1,,2021-03-26,\n"
        ",special_plan,water_bureau,,water,2020-11-30T09:30:00+08:00,\n",
    )
    loaded = load_submissions(path, er.load_ezhou_plan())
    assert len(loaded) == 3
    assert loaded[0] == Submission.for_deadline(
        Q1_2021, datetime(2021, 3, 24, 16, 0, tzinfo=UTC), note="按时"
    )
    assert loaded[0].received_on == date(2021, 3, 25)
    assert loaded[1] == Submission(
        "quarterly_progress", "development_reform", date(2021, 3, 26), period="2021Q1"
    )
    assert loaded[2].category == "water"
    assert loaded[2].period is None
    match_submissions(PLAN, loaded)  # every row names a real deadline


def test_json_loads(tmp_path: Path) -> None:
    data = {
        "format": "ezhou-recovery/submissions",
        "format_version": 1,
        "submissions": [
            {"deadline": Q1_2021, "submitted_at": "2021-03-25"},
            {
                "obligation": "quarterly_progress",
                "department": "finance_bureau",
                "period": "2021Q1",
                "submitted_at": "2021-03-25T08:00:00+08:00",
                "note": "重报",
            },
        ],
    }
    path = write(tmp_path, "s.json", json.dumps(data, ensure_ascii=False))
    loaded = load_submissions(path, er.load_ezhou_plan())
    assert [s.received_on for s in loaded] == [date(2021, 3, 25)] * 2
    assert loaded[1].note == "重报"


@pytest.mark.parametrize(
    ("body", "where", "fragment", "value"),
    [
        (
            CSV_HEADER + "quarterly_progress,water_bureau,2021Q1,,2021-03-25T09:00:00,\n",
            "row 2.submitted_at",
            "time zone",
            None,
        ),
        (
            CSV_HEADER + "quarterly_progress,water_bureau,2021Q1,,,\n",
            "row 2.submitted_at",
            "required",
            None,
        ),
        (
            CSV_HEADER + "quarterly_progress,water_bureau,2021Q1,,\n",
            "row 2.submitted_at",
            "required",
            None,
        ),
        (
            CSV_HEADER + "quarterly_progress,water_bureau,2021Q1,,2021-02-30,\n",
            "row 2.submitted_at",
            "not a real date",
            "2021-02-30",
        ),
        (
            CSV_HEADER
            + "quarterly_progress,water_bureau,2021Q1,,2021-03-25,\n"
            + "Quarterly,water_bureau,2021Q1,,2021-03-25,\n",
            "row 3.obligation",
            "identifier",
            "Quarterly",
        ),
        (
            CSV_HEADER
            + "quarterly_progress,water_bureau,2021Q1,,2021-03-25,\n,water_bureau,2021Q1,,2021-03-25,\n",
            "row 3.obligation",
            "required",
            None,
        ),
        (
            CSV_HEADER + "quarterly_progress,water_bureau,2021Q1,,2021-03-25,,extra\n",
            "row 2",
            "more cells",
            None,
        ),
        ("obligation,department,submitted_at,when\n", "row 1", "unknown column", ["when"]),
        (
            "deadline,department,submitted_at\nquarterly_progress/-/finance_bureau/2021Q1,finance_bureau,2021-03-25\n",
            "row 2.department",
            "not both",
            "finance_bureau",
        ),
        (
            "deadline,submitted_at\nquarterly_progress/finance_bureau,2021-03-25\n",
            "row 2.deadline",
            "obligation/category",
            "quarterly_progress/finance_bureau",
        ),
    ],
)
def test_bad_csv_rows_name_row_field_and_value(
    tmp_path: Path, body: str, where: str, fragment: str, value: Any
) -> None:
    path = write(tmp_path, "bad.csv", body)
    with pytest.raises(LoadError) as info:
        load_submissions(path, er.load_ezhou_plan())
    error = info.value
    assert error.source == str(path)
    assert error.path == where
    assert fragment in error.problem
    if value is not None:
        assert error.value == value


@pytest.mark.parametrize(
    ("data", "where", "fragment"),
    [
        (
            {"format": "ezhou-recovery/programme", "format_version": 1, "submissions": []},
            "format",
            "expected",
        ),
        ({"format": "ezhou-recovery/submissions", "format_version": 1}, "submissions", "list"),
        (
            {
                "format": "ezhou-recovery/submissions",
                "format_version": 1,
                "submissions": [],
                "x": 1,
            },
            "x",
            "unknown",
        ),
        (
            {
                "format": "ezhou-recovery/submissions",
                "format_version": 1,
                "submissions": [
                    {"deadline": Q1_2021, "submitted_at": "2021-03-25"},
                    {"deadline": Q1_2021, "submitted_at": 20210325},
                ],
            },
            "submissions[1].submitted_at",
            "expected a date",
        ),
        (
            {
                "format": "ezhou-recovery/submissions",
                "format_version": 1,
                "submissions": [{"deadline": Q1_2021, "submitted_at": "2021-03-25", "late": True}],
            },
            "submissions[0].late",
            "unknown field",
        ),
        (
            {
                "format": "ezhou-recovery/submissions",
                "format_version": 1,
                "submissions": [{"obligation": 3, "department": "x", "submitted_at": "2021-03-25"}],
            },
            "submissions[0].obligation",
            "expected a text",
        ),
        (
            {
                "format": "ezhou-recovery/submissions",
                "format_version": 1,
                "submissions": ["2021-03-25"],
            },
            "submissions[0]",
            "table of fields",
        ),
    ],
)
def test_bad_json_entries_name_entry_field_and_value(
    tmp_path: Path, data: Any, where: str, fragment: str
) -> None:
    path = write(tmp_path, "bad.json", json.dumps(data))
    with pytest.raises(LoadError) as info:
        load_submissions(path, er.load_ezhou_plan())
    assert info.value.path == where
    assert fragment in info.value.problem
    assert str(path) in str(info.value)


def test_unreadable_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        load_submissions(tmp_path / "missing.csv", er.load_ezhou_plan())
    with pytest.raises(LoadError, match="unknown file type"):
        load_submissions(write(tmp_path, "s.txt", "x"), er.load_ezhou_plan())
    with pytest.raises(LoadError, match="expected a header row"):
        load_submissions(write(tmp_path, "s.csv", ""), er.load_ezhou_plan())
    bad = tmp_path / "latin.csv"
    bad.write_bytes(CSV_HEADER.encode() + "é".encode("latin-1"))
    with pytest.raises(LoadError, match="UTF-8"):
        load_submissions(bad, er.load_ezhou_plan())


# A period that is not one -----------------------------------------------------------------------


@pytest.mark.parametrize("period", ["2021Q5", "2021Q0", "Q2", "2021-02-30..2021-03-31", "上半年"])
def test_a_malformed_period_is_said_to_be_no_period(period: str) -> None:
    s = Submission("quarterly_progress", "transport_bureau", date(2021, 7, 1), period=period)
    with pytest.raises(UnmatchedSubmissionError) as caught:
        match_submissions(PLAN, [s])
    assert caught.value.field == "period"
    assert caught.value.problem.startswith("not a period")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.integers(min_value=0, max_value=2000),
)
def test_every_period_label_is_read_as_a_period(start: date, days: int) -> None:
    from ezhou_recovery.analysis.matching import _is_period_label
    from ezhou_recovery.model.periods import Period, quarter_of

    assert _is_period_label(Period(start, start + timedelta(days=days)).label)
    assert _is_period_label(quarter_of(start).label)
    assert _is_period_label(Period(date(start.year, 1, 1), date(start.year, 12, 31)).label)


@pytest.mark.parametrize(
    ("row", "where", "words", "value"),
    [
        (
            "quarterly_report,water_bureau,2021Q1,,2021-03-25,",
            "row 2.obligation",
            "unknown duty (known: quarterly_progress, special_plan)",
            "quarterly_report",
        ),
        (
            "quarterly_progress,energy_bureau,2021Q1,,2021-03-25,",
            "row 2.department",
            "unknown department",
            "energy_bureau",
        ),
        (
            "quarterly_progress,water_bureau,2021Q1,cold_chain_x,2021-03-25,",
            "row 2.category",
            "unknown category",
            "cold_chain_x",
        ),
    ],
)
def test_submissions_are_checked_against_the_programme(
    tmp_path: Path, row: str, where: str, words: str, value: str
) -> None:
    path = write(tmp_path, "s.csv", CSV_HEADER + row + "\n")
    with pytest.raises(LoadError) as info:
        load_submissions(path, er.load_ezhou_plan())
    assert (info.value.path, info.value.problem, info.value.value) == (where, words, value)


def test_load_submissions_without_a_programme_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", CSV_HEADER + "quarterly_report,x_bureau,2021Q1,,2021-03-25,\n")
    with pytest.warns(DeprecationWarning, match=r"without a programme does not check duties"):
        loaded = load_submissions(path)
    assert loaded[0].department == "x_bureau"
