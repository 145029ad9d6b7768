"""Submissions as columns: the same submissions and the same compliance as the objects give."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError
from ezhou_recovery.evidence.submission_table import SubmissionTable
from ezhou_recovery.examples import example_submissions
from ezhou_recovery.io.frames import submissions_from_frame

PLAN = er.load_ezhou_plan()
DEADLINES = tuple(PLAN.deadlines())
AS_OF = st.dates(date(2020, 6, 1), date(2023, 6, 30))


def _judged(submissions: Any, as_of: date, programme: er.Programme = PLAN) -> Any:
    try:
        return er.compliance(programme, submissions, as_of)
    except UnmatchedSubmissionError as exc:
        return exc


def _assert_same(found: Any, expected: Any) -> None:
    if isinstance(expected, UnmatchedSubmissionError):
        assert isinstance(found, UnmatchedSubmissionError), found
        assert (found.index, found.field, found.problem, found.submission) == (
            expected.index,
            expected.field,
            expected.problem,
            expected.submission,
        )
    else:
        assert found == expected


@st.composite
def mixed_submissions(draw: st.DrawFn) -> list[er.Submission]:
    """Submissions naming deadlines whole, by their parts, without a category (a department's
    report for all it leads), early, late, repeated, in other time zones, and some naming a
    period or category no deadline has."""
    out = []
    for _ in range(draw(st.integers(0, 40))):
        d = draw(st.sampled_from(DEADLINES))
        shift = draw(st.integers(-120, 60))
        day = d.due + timedelta(days=shift)
        at: date | datetime = day
        if draw(st.booleans()):
            hours = draw(st.integers(-12, 14))
            at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(hours=hours)
        how = draw(st.sampled_from(["whole", "parts", "no_category", "stray"]))
        if how == "whole":
            out.append(er.Submission.for_deadline(d, at))
        elif how == "parts":
            out.append(
                er.Submission(d.obligation, d.department.key, at, d.period.label, d.category)
            )
        elif how == "no_category":
            out.append(er.Submission(d.obligation, d.department.key, at, d.period.label))
        else:
            period = draw(st.sampled_from(["2019Q1", "2030Q4", d.period.label]))
            category = draw(st.sampled_from([None, "transport", "no_such_category"]))
            out.append(er.Submission(d.obligation, d.department.key, at, period, category))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_submissions(), AS_OF)
def test_compliance_from_a_table_is_compliance_from_its_objects(
    submissions: list[er.Submission], as_of: date
) -> None:
    table = SubmissionTable.from_submissions(PLAN, submissions)
    assert list(table) == submissions
    _assert_same(_judged(table, as_of), _judged(submissions, as_of))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_reports_judge_the_same_as_a_table(data: st.DataObject) -> None:
    submissions = data.draw(ers.submissions(programme=PLAN))
    as_of = data.draw(AS_OF)
    table = SubmissionTable.from_submissions(PLAN, submissions)
    _assert_same(_judged(table, as_of), _judged(submissions, as_of))


def test_a_table_of_another_programme_is_judged_from_its_objects() -> None:
    other = er.load_programme(Path(__file__).parents[1] / "data" / "provincial_plan.toml")
    subs = example_submissions()
    table = SubmissionTable.from_submissions(other, subs)
    as_of = date(2021, 7, 15)
    _assert_same(_judged(table, as_of), _judged(subs, as_of))


def test_the_readme_example_reads_as_a_table() -> None:
    path = Path(__file__).parents[2] / "examples" / "ezhou_submissions.csv"
    objects = er.load_submissions(path, PLAN)
    table = er.load_submissions(path, PLAN, columnar=True)
    assert isinstance(table, SubmissionTable)
    assert tuple(table) == objects
    assert table[0] == objects[0]
    assert list(table[1:3]) == list(objects[1:3])
    assert len(table) == len(objects) == 40
    assert repr(table) == "<SubmissionTable of 'ezhou_2020_2022': 40 submissions>"
    assert str(table.received[0]) == objects[0].received_on.isoformat()
    judged = er.compliance(PLAN, table, date(2021, 7, 15))
    assert judged == er.compliance(PLAN, objects, date(2021, 7, 15))
    assert (judged.programme.expected, judged.programme.on_time) == (38, 30)


def test_a_table_needs_its_programme() -> None:
    path = Path(__file__).parents[2] / "examples" / "ezhou_submissions.csv"
    with pytest.raises(TypeError, match="needs the programme"):
        er.load_submissions(path, None, columnar=True)  # type: ignore[call-overload]


def test_a_table_holds_only_submissions() -> None:
    with pytest.raises(er.InvariantError, match="must be Submission objects"):
        SubmissionTable.from_submissions(PLAN, ["quarterly_progress"])  # type: ignore[list-item]


def test_a_table_pickles_with_its_rows(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "received.parquet"
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = [d.key for d in DEADLINES[:50]] * 3
    days = [(d.due - timedelta(days=3)).isoformat() for d in DEADLINES[:50]] * 3
    pq.write_table(pa.table({"deadline": keys, "submitted_at": days}), path)
    table = er.load_submissions(path, PLAN, columnar=True)
    again = pickle.loads(pickle.dumps(table))
    assert tuple(again) == tuple(table)
    as_of = date(2022, 12, 31)
    assert er.compliance(PLAN, again, as_of) == er.compliance(PLAN, tuple(table), as_of)


def test_a_frame_read_with_its_programme_is_a_table() -> None:
    pa = pytest.importorskip("pyarrow")
    d = DEADLINES[0]
    frame = pa.table({"deadline": [d.key, d.key], "submitted_at": ["2020-11-20", "2020-12-01"]})
    table = submissions_from_frame(frame, PLAN)
    assert isinstance(table, SubmissionTable)
    assert tuple(table) == submissions_from_frame(frame)
    unknown = pa.table(
        {"obligation": ["nope"], "department": ["x"], "submitted_at": ["2021-01-01"]}
    )
    with pytest.raises(er.LoadError, match="unknown duty") as caught:
        submissions_from_frame(unknown, PLAN)
    assert caught.value.path == "row 0.obligation"
    with pytest.raises(er.LoadError, match="unknown duty"):
        submissions_from_frame(unknown, PLAN, columnar=False)
