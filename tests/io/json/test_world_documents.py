"""Observations, investment reports and submissions as JSON documents: lossless round trips of
generated objects, and schemas that accept the shipped example data and the documents written."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.evidence.submissions import CHINA_TIME
from ezhou_recovery.io.json.documents import from_data, to_data
from ezhou_recovery.io.json.schema import FILE_FORMATS, file_schema, json_schema
from ezhou_recovery.io.observation_files import INVESTMENT_FORMAT, OBSERVATIONS_FORMAT
from ezhou_recovery.io.submission_files import SUBMISSIONS_FORMAT

ROOT = Path(__file__).parents[3]
EXAMPLES = ROOT / "examples"
PLAN = er.load_ezhou_plan()
CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=CHECKER)


OBSERVATION = validator(json_schema(er.Observation))
SUBMISSION = validator(json_schema(er.Submission))
INVESTMENT = validator(json_schema(er.InvestmentReport))
FILES = {name: validator(file_schema(name)) for name, *_ in FILE_FORMATS}


# Round trips ------------------------------------------------------------------------------------


@given(ers.observations() | ers.observations(consistent=False))
def test_observation_round_trip(observation: er.Observation) -> None:
    text = er.to_json(observation)
    back = er.from_json(text, er.Observation)
    assert back == observation
    value = observation.value
    if isinstance(value, bool | QualitativeLevel):
        assert type(back.value) is type(value)
    else:
        assert back.value.units == value.units  # the unit is kept, not converted
        assert isinstance(back.value.magnitude, Decimal)
        assert str(back.value.magnitude) == str(value.magnitude)  # exact, trailing zeros too
    OBSERVATION.validate(json.loads(text))


@given(ers.single_submissions())
def test_submission_round_trip(submission: er.Submission) -> None:
    text = er.to_json(submission)
    back = er.from_json(text, er.Submission)
    assert back == submission
    assert type(back.submitted_at) is type(submission.submitted_at)
    if isinstance(submission.submitted_at, datetime):
        assert isinstance(back.submitted_at, datetime)
        assert back.submitted_at.utcoffset() == submission.submitted_at.utcoffset()
        assert back.submitted_at.replace(tzinfo=None) == submission.submitted_at.replace(
            tzinfo=None
        )
    assert back.note == submission.note  # Chinese intact
    assert "\\u" not in text
    SUBMISSION.validate(json.loads(text))


@settings(max_examples=25)
@given(ers.programmes(min_obligations=1), st.data())
def test_submissions_for_a_programme_round_trip(programme: er.Programme, data: Any) -> None:
    for s in data.draw(ers.submissions(programme=programme)):
        assert er.from_json(er.to_json(s), er.Submission) == s


@given(ers.investment_reports() | ers.investment_reports(subject="transport"))
def test_investment_report_round_trip(report: er.InvestmentReport) -> None:
    text = er.to_json(report)
    back = er.from_json(text, er.InvestmentReport)
    assert back == report
    assert back.completed.units == report.completed.units
    assert str(back.completed.magnitude) == str(report.completed.magnitude)
    INVESTMENT.validate(json.loads(text))


def test_a_zone_name_is_kept_as_its_offset() -> None:
    at = datetime(2021, 3, 24, 16, 0, tzinfo=CHINA_TIME)
    back = er.from_json(er.to_json(er.Submission("q", "d", at, "2021Q1")), er.Submission)
    assert back.submitted_at == at
    assert back.submitted_at.utcoffset() == at.utcoffset()
    assert back.received_on == at.date()


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("value", 77.6, "quantity written as text"),
        ("value", "77.6 茶杯", "unknown unit"),
        ("value", "halfway", "not a number"),
        ("value", "nan km", "not a number"),
        ("as_of", "2021-02-30", "not a real date"),
        ("target", "transport", "'<category>.<slug>'"),
    ],
)
def test_bad_observation_documents_name_the_field(field: str, value: Any, problem: str) -> None:
    data = to_data(er.Observation("a.b", PLAN.period.start, er.Q_(Decimal(1), "km")))
    data[field] = value
    with pytest.raises(er.LoadError) as caught:
        from_data(data, er.Observation, source="obs.json")
    assert caught.value.path == field
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2021-03-24T16:00", "offset"),
        ("2021-03-24 16:00+08:00", "date"),
        ("2021-02-30T16:00+08:00", "not a time"),
        ("9999-01-01T00:00+08:00", "outside the years"),
        (20210324, "date"),
    ],
)
def test_bad_submission_times_are_named(value: Any, problem: str) -> None:
    data = to_data(er.Submission("q", "d", PLAN.period.start))
    data["submitted_at"] = value
    with pytest.raises(er.LoadError, match=problem) as caught:
        from_data(data, er.Submission)
    assert caught.value.path == "submitted_at"


# The shipped examples, as JSON files ------------------------------------------------------------


def csv_as_json_file(path: Path, name: str, list_name: str) -> dict[str, Any]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(f)]
    return {"format": name, "format_version": 1, list_name: rows}


@pytest.mark.parametrize(
    ("csv_name", "name", "list_name", "load"),
    [
        (
            "ezhou_progress.csv",
            OBSERVATIONS_FORMAT,
            "observations",
            lambda p: er.load_observations(p, PLAN),
        ),
        (
            "ezhou_investment.csv",
            INVESTMENT_FORMAT,
            "investment_reports",
            lambda p: er.load_investment_reports(p, PLAN),
        ),
        (
            "ezhou_submissions.csv",
            SUBMISSIONS_FORMAT,
            "submissions",
            lambda p: er.load_submissions(p, PLAN),
        ),
    ],
)
def test_the_examples_as_json_files_are_valid_and_load_the_same(
    tmp_path: Path, csv_name: str, name: str, list_name: str, load: Any
) -> None:
    document = csv_as_json_file(EXAMPLES / csv_name, name, list_name)
    assert document[list_name]
    FILES[name].validate(document)
    path = tmp_path / (csv_name.removesuffix(".csv") + ".json")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert load(path) == load(EXAMPLES / csv_name)


def test_the_loaded_examples_write_valid_documents() -> None:
    for o in er.load_observations(EXAMPLES / "ezhou_progress.csv", PLAN):
        OBSERVATION.validate(to_data(o))
        assert from_data(to_data(o), er.Observation) == o
    for s in er.load_submissions(EXAMPLES / "ezhou_submissions.csv", er.load_ezhou_plan()):
        SUBMISSION.validate(to_data(s))
    for r in er.load_investment_reports(EXAMPLES / "ezhou_investment.csv", PLAN):
        INVESTMENT.validate(to_data(r))


@settings(max_examples=25)
@given(ers.programmes(min_obligations=1), st.data())
def test_generated_files_are_valid_and_load(
    tmp_path_factory: Any, programme: er.Programme, data: Any
) -> None:
    subs = data.draw(ers.submissions(programme=programme))
    document = {
        "format": SUBMISSIONS_FORMAT,
        "format_version": 1,
        "submissions": [
            {k: v for k, v in to_data(s).items() if k not in ("format", "format_version")}
            for s in subs
        ],
    }
    FILES[SUBMISSIONS_FORMAT].validate(document)
    path = tmp_path_factory.mktemp("subs") / "subs.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert list(er.load_submissions(path, programme)) == subs


@pytest.mark.parametrize(
    "entry",
    [
        {"target": "transport.x", "as_of": "2021-06-30"},
        {"target": "transport.x", "as_of": "2021-6-30", "value": "1公里"},
        {"target": "transport.x", "as_of": "2021-06-30", "value": -1},
        {"target": "transport.x", "as_of": "2021-06-30", "value": "many"},
        {"target": "transport.x", "as_of": "2021-06-30", "value": "1", "colour": "red"},
    ],
)
def test_the_observations_file_schema_refuses_broken_entries(entry: dict[str, Any]) -> None:
    document = {"format": OBSERVATIONS_FORMAT, "format_version": 1, "observations": [entry]}
    assert not FILES[OBSERVATIONS_FORMAT].is_valid(document)


def test_the_submissions_file_schema_needs_a_deadline_or_duty_and_department() -> None:
    entry = {"obligation": "q", "submitted_at": "2021-03-24"}
    document = {"format": SUBMISSIONS_FORMAT, "format_version": 1, "submissions": [entry]}
    assert not FILES[SUBMISSIONS_FORMAT].is_valid(document)
    entry["department"] = "d"
    assert FILES[SUBMISSIONS_FORMAT].is_valid(document)
    document["submissions"] = [{"deadline": "q/-/d/2021Q1", "submitted_at": "2021-03-24"}]
    assert FILES[SUBMISSIONS_FORMAT].is_valid(document)
