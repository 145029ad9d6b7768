"""Results as JSON documents: every result class has a format and a schema; assessments and
compliance read back equal to what was written."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Any

import jsonschema
import pytest

import ezhou_recovery as er
from ezhou_recovery.analysis.schedule import (
    EarnedSchedule,
    ScheduleStatus,
    milestone_schedule,
    project_performance,
)
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.json.documents import document_format
from ezhou_recovery.io.json.results import RESULT_FORMAT_VERSION, RESULT_FORMATS
from ezhou_recovery.io.json.schema import json_schema
from ezhou_recovery.model.projects import Milestone, PlannedInvestment
from ezhou_recovery.units import money

AS_OF = date(2021, 7, 15)


@cache
def plan() -> er.Programme:
    return er.load_ezhou_plan()


@cache
def assessment() -> er.Assessment:
    p = plan()
    return er.assess(
        p,
        example_observations(p),
        as_of=AS_OF,
        investment=example_investment_reports(p),
    )


@cache
def compliance() -> er.Compliance:
    return er.compliance(plan(), example_submissions(), AS_OF)


def _schedule() -> tuple[ScheduleStatus, EarnedSchedule]:
    start = date(2021, 1, 1)
    ends = (date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30))
    planned = tuple(PlannedInvestment(e, money(f"{10 * (i + 1)}亿元")) for i, e in enumerate(ends))
    project = er.Project(
        "transport.a",
        "项目",
        "Project",
        planned_start=start,
        planned_completion=ends[-1],
        milestones=(Milestone("completion", ends[-1], met=date(2021, 10, 9)),),
        investment_plan=planned,
    )
    reports = [er.InvestmentReport("transport.a", date(2021, 5, 15), money("13亿元"))]
    return (
        milestone_schedule([project], date(2021, 12, 1)),
        project_performance([project], reports, date(2021, 6, 1))[0],
    )


def _examples() -> list[Any]:
    a, c = assessment(), compliance()
    schedule, earned = _schedule()
    return [
        a,
        a.results[0],
        a.overall,
        a.thresholds,
        a.money_total,
        c,
        c.statuses[0],
        c.programme,
        c.laggards[0],
        c.scoring,
        c.convention,
        schedule,
        schedule.milestones[0],
        earned,
    ]


@pytest.mark.parametrize("result", _examples(), ids=lambda r: type(r).__name__)
def test_results_read_back_equal_and_match_their_schema(result: Any) -> None:
    text = er.to_json(result)
    data = json.loads(text)
    fmt = document_format(type(result))
    assert data["format"] == fmt.name == "ezhou-recovery/" + RESULT_FORMATS[type(result)]
    assert data["format_version"] == RESULT_FORMAT_VERSION
    jsonschema.validate(data, json_schema(type(result)))
    assert er.from_json(text, type(result)) == result


def test_assessment_and_compliance_read_back_equal() -> None:
    a = er.from_json(er.to_json(assessment()), er.Assessment)
    assert a == assessment()
    assert (
        a.target("transport.rural_roads").reason
        == assessment().target("transport.rural_roads").reason
    )
    c = er.from_json(er.to_json(compliance()), er.Compliance)
    assert c == compliance()
    assert c.programme.on_time_rate == compliance().programme.on_time_rate


def test_every_result_class_is_covered() -> None:
    names = {
        "Assessment",
        "TargetResult",
        "Rollup",
        "Compliance",
        "Tally",
        "Laggard",
        "ScheduleStatus",
        "MilestoneStatus",
        "EarnedSchedule",
        "MoneyResult",
    }
    assert names <= {cls.__name__ for cls in RESULT_FORMATS}


def test_fractions_are_written_exactly() -> None:
    _, earned = _schedule()
    data = json.loads(er.to_json(earned))
    assert Fraction(data["earned_days"]) == earned.earned_days
    assert "/" in data["earned_days"] or earned.earned_days.denominator == 1


def test_shares_stay_numbers() -> None:
    data = json.loads(er.to_json(assessment().target("transport.rural_roads")))
    assert isinstance(data["expected_progress"], float)
    assert data["status"] == assessment().target("transport.rural_roads").status.value


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format_version=2), "version"),
        (lambda d: d.update(format="ezhou-recovery/assessment"), "assessment"),
        (lambda d: d["programme"].update(on_time="3"), "whole number"),
        (lambda d: d["statuses"][0].update(status="lost"), "expected one of"),
        (lambda d: d.update(colour="red"), "unknown field"),
    ],
)
def test_broken_documents_are_refused_with_the_path(change: Any, words: str) -> None:
    data = json.loads(er.to_json(compliance()))
    change(data)
    with pytest.raises(er.LoadError, match=words) as caught:
        er.from_json(json.dumps(data), er.Compliance, source="q2.json")
    assert "q2.json" in str(caught.value)


def test_a_fraction_must_be_written_as_one() -> None:
    _, earned = _schedule()
    data = json.loads(er.to_json(earned))
    data["earned_days"] = "three quarters"
    with pytest.raises(er.LoadError, match=r"earned_days.*fraction"):
        er.from_json(json.dumps(data), EarnedSchedule)
    data["earned_days"] = "3/0"
    with pytest.raises(er.LoadError, match="denominator"):
        er.from_json(json.dumps(data), EarnedSchedule)


def test_a_share_must_be_a_finite_number() -> None:
    data = json.loads(er.to_json(assessment().results[0]))
    data["expected_progress"] = "half"
    with pytest.raises(er.LoadError, match="expected_progress"):
        er.from_json(json.dumps(data), er.TargetResult)


def _annual_plan(unit: str) -> er.Programme:
    """A programme with one annual-rate target counted in ``unit`` (reduced from a falsifying
    example of the round-trip property)."""
    target = er.Target(
        key="a.a",
        description_zh="每年一",
        description_en="one a year",
        kind=er.TargetKind.ANNUAL_RATE,
        deadline=date(2020, 12, 31),
        value=er.parse_quantity(f"1 {unit}"),
    )
    category = er.Category(
        key="a", number=1, name_zh="一", name_en="a", leader=None, targets=(target,)
    )
    return er.Programme(
        key="p",
        document_number="一",
        title_zh="一",
        title_en="a",
        issuer=er.Department("a", "一", "a"),
        issued=date(2019, 11, 2),
        period=er.Period(date(2020, 1, 1), date(2020, 12, 31)),
        categories=(category,),
    )


@pytest.mark.parametrize(
    ("unit", "observed", "written"),
    [
        # 4.33 hours in years has 28 significant digits: the model's writer refused it.
        ("year", "4.33 hour", "0.0004939539128450832762947752681 year"),
        # A total over the years is exact: 10389.67 pieces read back as 10389.67, not a float.
        ("piece", "10389.67 piece", "10389.67 piece"),
    ],
)
def test_computed_quantities_are_written_in_full_and_read_back_equal(
    unit: str, observed: str, written: str
) -> None:
    plan = _annual_plan(unit)
    seen = er.Observation("a.a", date(2020, 5, 11), er.parse_quantity(observed))
    a = er.assess(plan, [seen], as_of=date(2020, 5, 11))
    data = json.loads(er.to_json(a))
    result = data["results"][0]
    assert result["value"] == result["years"][0]["value"] == result["latest"]["value"] == written
    assert er.from_json(er.to_json(a), er.Assessment) == a
    jsonschema.validate(data, json_schema(er.Assessment))


def test_the_model_writer_keeps_the_input_range() -> None:
    long = er.Observation("a.a", date(2020, 5, 11), er.parse_quantity("1 year") / 3)
    with pytest.raises(er.UnitError, match="18 significant digits"):
        er.to_json(long)
    a = er.assess(_annual_plan("year"), [long], as_of=date(2020, 5, 11))
    assert er.from_json(er.to_json(a), er.Assessment) == a
