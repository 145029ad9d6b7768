"""Results in notebooks and terminals: short reprs, text tables, escaped HTML, frames."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pandas as pd
import pytest

import ezhou_recovery as er
from ezhou_recovery.display.frames import observations_frame, submissions_frame
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)


@pytest.fixture(scope="module")
def plan() -> er.Programme:
    return er.load_ezhou_plan()


@pytest.fixture(scope="module")
def assessment(plan: er.Programme) -> er.Assessment:
    return er.assess(
        plan,
        example_observations(),
        as_of=date(2021, 6, 30),
        investment=example_investment_reports(),
    )


@pytest.fixture(scope="module")
def comp(plan: er.Programme) -> er.Compliance:
    return er.compliance(plan, example_submissions(), date(2021, 7, 15))


def test_reprs_are_short(assessment: er.Assessment, comp: er.Compliance) -> None:
    for obj in (
        assessment,
        assessment.overall,
        assessment.category("transport"),
        assessment.target("transport.rural_roads"),
        comp,
        comp.statuses[0],
    ):
        text = repr(obj)
        assert len(text) < 200, text
        assert "\n" not in text
    assert "as_of=2021-06-30" in repr(assessment)
    assert f"no_data={assessment.overall.count(er.Status.NO_DATA)}" in repr(assessment)
    assert "on_track" in repr(assessment.target("transport.rural_roads"))


def test_str_shows_tables(assessment: er.Assessment, comp: er.Compliance) -> None:
    text = str(assessment)
    for c in assessment.categories:
        assert c.key in text
    rollup = str(assessment.category("transport"))
    assert rollup.count("\n") == 2 + assessment.category("transport").total
    assert str(assessment.target("transport.rural_roads")).startswith("transport.rural_roads: ")
    assert all(lg.department.name_zh in str(comp) for lg in comp.laggards)
    late = comp.with_status(er.ReportStatus.LATE)[0]
    assert f"{late.days_late} days late" in str(late)


def test_html_escapes_data(plan: er.Programme) -> None:
    target = plan.targets[0]
    evil = attrs.evolve(target, description_zh="<script>x</script>&")
    result = er.assess(plan, [], as_of=date(2021, 1, 1)).results[0]
    shown = attrs.evolve(result, target=evil, reason_zh="<b>bad</b>")
    html = shown._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html
    assert "&amp;" in html


def test_html_of_assessment_and_compliance(assessment: er.Assessment, comp: er.Compliance) -> None:
    html = assessment._repr_html_()
    # Categories, districts (the Ezhou plan names five), then every target.
    assert html.count("<table") == 3
    assert html.count("<tr>") == (
        1 + len(assessment.categories) + 1 + len(assessment.districts) + 1 + len(assessment.results)
    )
    chtml = comp._repr_html_()
    problems = len(comp.with_status(er.ReportStatus.LATE)) + len(
        comp.with_status(er.ReportStatus.MISSING)
    )
    assert f"Late and missing reports: {problems}" in chtml
    assert "<table" in assessment.category("transport")._repr_html_()
    assert "<table" in comp.statuses[0]._repr_html_()
    assert "<table" in assessment.results[0]._repr_html_()


def test_assessment_frame(assessment: er.Assessment) -> None:
    df = assessment.to_frame()
    assert list(df["key"]) == [r.key for r in assessment.results]
    row = df.set_index("key").loc["transport.rural_roads"]
    assert row["value"] == Decimal(32)
    assert isinstance(row["value"], Decimal)
    assert row["unit"] == "kilometer"
    assert df["progress"].dtype == "float64"
    assert df["progress"].isna().sum() == assessment.overall.total - assessment.overall.reported
    cats = assessment.rollups_frame()
    assert list(cats["key"]) == [c.key for c in assessment.categories]
    assert list(cats["targets"]) == [c.total for c in assessment.categories]
    money = assessment.money_frame()
    health = money.set_index("subject").loc["public_health"]
    assert health["completed_yi_yuan"] == Decimal("15.3")
    with pytest.raises(ValueError, match="scope"):
        assessment.rollups_frame("planet")


def test_compliance_frames(comp: er.Compliance) -> None:
    df = comp.to_frame()
    assert len(df) == len(comp.statuses)
    assert (df["status"] == "late").sum() == comp.programme.late
    assert pd.api.types.is_datetime64_any_dtype(df["received"])
    lag = comp.laggards_frame()
    assert list(lag["rank"]) == list(range(1, len(comp.laggards) + 1))


def test_observation_and_submission_frames() -> None:
    obs = example_observations()
    df = observations_frame(obs)
    assert len(df) == len(obs)
    assert df.loc[0, "value"] == obs[0].value.magnitude
    subs = example_submissions()
    sf = submissions_frame(subs)
    assert len(sf) == len(subs)
    utc = next(i for i, s in enumerate(subs) if str(s.submitted_at).endswith("+00:00"))
    assert sf.loc[utc, "received_on"] == pd.Timestamp(subs[utc].received_on)
    assert sf.loc[utc, "received_on"] != pd.Timestamp(str(subs[utc].submitted_at)[:10])
