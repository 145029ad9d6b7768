"""The accountability rule (约谈问责) applied to the example figures; events; a special plan's contents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.analysis.accountability import (
    BEHIND,
    ContentCheck,
    Event,
    EventReportStatus,
    GroundKind,
    accountability,
    check_contents,
    event_reports,
)
from ezhou_recovery.examples import example_observations, example_submissions
from ezhou_recovery.model.obligations import OwedPer, ReporterScope
from ezhou_recovery.model.supervision import AccountabilityRule

PLAN = er.load_ezhou_plan()
SUBMISSIONS = example_submissions()
OBSERVATIONS = example_observations()


def _results(
    as_of: date, observations: object = OBSERVATIONS
) -> tuple[er.Compliance, er.Assessment]:
    return (
        er.compliance(PLAN, SUBMISSIONS, as_of),
        er.assess(PLAN, observations, as_of=as_of),  # type: ignore[arg-type]
    )


def test_the_embedded_rule_is_the_documented_default() -> None:
    rule = PLAN.accountability
    assert rule is not None
    assert attrs.evolve(rule, decided_by_zh=None, decided_by_en=None, clause_zh=None) == (
        AccountabilityRule()
    )
    assert (rule.late_or_missing_reports, rule.missing_reports, rule.window_quarters) == (2, 1, 4)
    assert (rule.category_targets, rule.district_targets) == (3, 1)
    assert rule.decided_by_zh == "市督查考评办"
    assert "对推进不力的部门和地区进行约谈问责" in (rule.clause_zh or "")


# Reports, as of 2021-06-30: the window is 2020Q3 to 2021Q2 ----------------------------------------

CALLED_IN_2021_06_30 = {
    # key: (late, missing, items quoted)
    "health_commission": (
        2,
        0,
        ("quarterly_progress/2021Q1 late by 1 day", "quarterly_progress/2021Q2 late by 2 days"),
    ),
    "water_bureau": (
        1,
        1,
        (
            "quarterly_progress/2021Q2 missing, 5 days overdue",
            "special_plan/water/2020-01-01..2022-12-31 late by 3 days",
        ),
    ),
    "emergency_bureau": (
        0,
        1,
        ("special_plan/cold_chain/2020-01-01..2022-12-31 missing, 212 days overdue",),
    ),
    "housing_construction_bureau": (0, 1, ("quarterly_progress/2021Q1 missing, 97 days overdue",)),
}


def test_who_is_called_in_for_reports() -> None:
    compliance, assessment = _results(date(2021, 6, 30))
    result = accountability(PLAN, compliance, assessment)
    assert result.window == er.Period(date(2020, 7, 1), date(2021, 6, 30))
    assert [c.key for c in result.call_ins] == list(CALLED_IN_2021_06_30)
    assert result.districts == ()
    for call_in in result.call_ins:
        late, missing, items = CALLED_IN_2021_06_30[call_in.key]
        (ground,) = call_in.grounds
        assert ground.kind is GroundKind.REPORTS
        assert ground.count == late + missing
        assert ground.items == items
        assert f"({late} late, {missing} missing" in ground.reason
        assert f"迟报{late}次、漏报{missing}次" in ground.reason_zh
        for item in items:
            assert item in call_in.reason
    assert "1 missing" in result.for_unit("emergency_bureau").reason  # type: ignore[union-attr]
    # One late report (2020Q4, 3 days) is below the rule's 2.
    assert result.for_unit("agriculture_rural_bureau") is None


def test_reports_count_once_per_department_and_period() -> None:
    """市发改委 leads four categories: it owes one quarterly report a quarter, not four. Its 2021Q1
    report arrived on 2021-03-23; the parts it sent per category after it (the last 4 days late)
    are resubmissions. Only 2021Q3 (1 day late) counts, below the rule's 2."""
    compliance, assessment = _results(date(2021, 10, 15))
    q1 = compliance.status("quarterly_progress/-/development_reform/2021Q1")
    assert (q1.status, q1.resubmissions) == (er.ReportStatus.ON_TIME, 3)
    result = accountability(PLAN, compliance, assessment)
    assert result.for_unit("development_reform") is None
    # Owed per category, the same submissions make four reports a quarter, one of them late.
    duties = tuple(
        attrs.evolve(o, owed_per=OwedPer.CATEGORY) if o.key == "quarterly_progress" else o
        for o in PLAN.obligations
    )
    per_category = attrs.evolve(PLAN, obligations=duties)
    counted = er.compliance(per_category, SUBMISSIONS, date(2021, 10, 15))
    call_in = accountability(per_category, counted, assessment).for_unit("development_reform")
    assert call_in is not None
    (ground,) = call_in.grounds
    assert "quarterly_progress/industrial_parks/2021Q1 late by 4 days" in ground.items
    assert ground.count > 2


def test_a_stricter_rule_calls_in_fewer() -> None:
    compliance, assessment = _results(date(2021, 6, 30))
    rule = AccountabilityRule(late_or_missing_reports=2, missing_reports=2)
    result = accountability(PLAN, compliance, assessment, rule)
    assert [c.key for c in result.call_ins] == ["health_commission", "water_bureau"]
    assert result.rule is rule


def test_a_category_behind_calls_in_its_lead_departments() -> None:
    compliance, assessment = _results(date(2021, 10, 15))
    behind = [r for r in assessment.category("urban").results if r.status in BEHIND]
    assert [r.key for r in behind] == [
        "urban.water_environment_ppp_started",
        "urban.water_supply_renovation_started",  # overdue: due 2020-12-31, no figure
        "urban.black_odorous_water",
    ]
    # The default (3) is reached: 市住建局 is called in for its reports and for the category.
    default = accountability(PLAN, compliance, assessment)
    call_in = default.for_unit("housing_construction_bureau")
    assert call_in is not None
    assert [g.kind for g in call_in.grounds] == [
        GroundKind.REPORTS,
        GroundKind.CATEGORY_TARGETS,
    ]
    ground = call_in.grounds[-1]
    assert ground.subject == "urban"
    total = len(PLAN.category("urban").targets)
    assert (ground.count, ground.out_of, ground.threshold) == (3, total, 3)
    assert f"3 of {total} targets off track, missed or overdue" in ground.reason
    assert "not started as of 2020-12-31, on or near the deadline 2020-12-31" in ground.reason
    assert "(started later, by 2021-03-31)" in ground.reason
    assert "the deadline 2020-12-31 has come with no figure to judge it by" in ground.reason
    assert f"{total}个目标中3个明显滞后、逾期未完成或到期无数据" in ground.reason_zh
    # A stricter rule (4) does not reach it.
    strict = accountability(PLAN, compliance, assessment, AccountabilityRule(category_targets=4))
    call_in = strict.for_unit("housing_construction_bureau")
    assert call_in is not None
    assert [g.kind for g in call_in.grounds] == [GroundKind.REPORTS]


def test_a_district_behind_is_called_in() -> None:
    """With one more figure beside the example ones: 40 of 鄂城区's 277 neighbourhoods by mid-2021."""
    extra = er.Observation(
        "urban.old_neighbourhoods_echeng", date(2021, 6, 30), er.Q_(Decimal(40), "neighbourhood")
    )
    compliance, assessment = _results(date(2021, 10, 15), [*OBSERVATIONS, extra])
    result = accountability(PLAN, compliance, assessment)
    (district,) = result.districts
    assert district.unit == PLAN.district("echeng")
    assert district.is_district
    (ground,) = district.grounds
    assert ground.kind is GroundKind.DISTRICT_TARGETS
    judged = assessment.target("urban.old_neighbourhoods_echeng")
    assert judged.status is er.Status.OFF_TRACK
    assert "40 of 277 neighbourhoods as of 2021-06-30" in judged.reason
    assert ground.items == (f"urban.old_neighbourhoods_echeng off track ({judged.reason})",)
    assert ground.reason.startswith("Echeng District: 1 of 7 targets off track, missed or overdue")
    assert ground.reason_zh.startswith("鄂城区：7个目标中1个明显滞后、逾期未完成或到期无数据")
    assert result.call_ins[-1] is district


def test_no_reports_due_and_no_data_call_no_one_in() -> None:
    compliance, assessment = _results(date(2020, 6, 30))
    assert accountability(PLAN, compliance, assessment).call_ins == ()


def test_an_assessment_of_another_programme_is_refused() -> None:
    compliance, assessment = _results(date(2021, 6, 30))
    other = attrs.evolve(assessment, programme="another_plan")
    with pytest.raises(er.InvariantError, match="another_plan"):
        accountability(PLAN, compliance, other)


def test_result_text_names_everyone_called_in() -> None:
    compliance, assessment = _results(date(2021, 6, 30))
    text = str(accountability(PLAN, compliance, assessment))
    assert text.splitlines()[0].endswith("4 to be called in")
    for name in ("市卫健委", "市水利局", "市应急局", "市住建局"):
        assert name in text


# Events and their reports ------------------------------------------------------------------------


def test_event_duties_of_the_plan_state_no_days() -> None:
    feedback, to_leadership = PLAN.event_duties
    assert feedback.owners is ReporterScope.LEAD_DEPARTMENTS
    assert [d.key for d in feedback.owners_named] == ["finance_bureau"]
    assert feedback.recipient_zh == "市推进重大项目建设扩大有效投资工作领导小组办公室"
    assert [d.key for d in to_leadership.owners_named] == ["development_reform", "finance_bureau"]
    assert to_leadership.recipient_zh == "市委、市政府"
    assert feedback.within_days is None
    assert to_leadership.within_days is None


def test_without_days_no_event_report_is_late() -> None:
    events = [
        Event("major_matters_feedback", "water_bureau", date(2021, 7, 1), date(2021, 9, 1)),
        Event("major_matters_feedback", "finance_bureau", date(2021, 8, 1)),
        Event("major_matters_to_city_leadership", "finance_bureau", date(2021, 12, 1)),
    ]
    statuses = event_reports(PLAN, events, date(2021, 10, 1))
    assert [(s.event.department, s.status, s.days) for s in statuses] == [
        ("water_bureau", EventReportStatus.REPORTED, 62),
        ("finance_bureau", EventReportStatus.NOT_REPORTED, 61),
    ]
    assert "after 62 days (the duty states no time limit: never late)" in statuses[0].reason
    assert "未规定时限，不判定迟报" in statuses[1].reason_zh


def test_with_days_a_report_can_be_late_or_overdue() -> None:
    duty = attrs.evolve(PLAN.event_duties[0], within_days=5)
    plan = attrs.evolve(PLAN, event_duties=(duty, *PLAN.event_duties[1:]))
    events = [
        Event("major_matters_feedback", "water_bureau", date(2021, 7, 1), date(2021, 7, 6)),
        Event("major_matters_feedback", "transport_bureau", date(2021, 7, 1), date(2021, 7, 7)),
        Event("major_matters_feedback", "finance_bureau", date(2021, 7, 1)),
        Event("major_matters_feedback", "health_commission", date(2021, 7, 8)),
    ]
    statuses = event_reports(plan, events, date(2021, 7, 10))
    got = {s.event.department: (s.status, s.days) for s in statuses}
    assert got == {
        "water_bureau": (EventReportStatus.REPORTED, 5),
        "transport_bureau": (EventReportStatus.LATE, 6),
        "finance_bureau": (EventReportStatus.OVERDUE, 9),
        "health_commission": (EventReportStatus.NOT_REPORTED, 2),
    }
    assert all(s.reason.endswith("(limit 5 days)") for s in statuses)


def test_an_event_of_an_unknown_duty_or_owner_is_refused() -> None:
    with pytest.raises(er.InvariantError, match="no such duty"):
        event_reports(PLAN, [Event("gossip", "water_bureau", date(2021, 7, 1))], date(2021, 8, 1))
    # 重大情况及时报告市委、市政府 is owed by 市发改委 and 市财政局 only.
    event = Event("major_matters_to_city_leadership", "water_bureau", date(2021, 7, 1))
    with pytest.raises(er.InvariantError, match="does not owe"):
        event_reports(PLAN, [event], date(2021, 8, 1))


def test_an_event_is_not_reported_before_it_happens() -> None:
    with pytest.raises(er.InvariantError, match="reported"):
        Event("major_matters_feedback", "water_bureau", date(2021, 7, 1), date(2021, 6, 1))


# A special plan's contents -----------------------------------------------------------------------

CHECKLIST = [
    "detailed_tasks",
    "responsible_persons",
    "timetable",
    "roadmap",
    "rolling_project_library",
    "project_list",
    "responsibility_list",
    "time_limit_list",
]


def test_the_special_plan_checklist() -> None:
    items = PLAN.obligation("special_plan").contents
    assert [i.key for i in items] == CHECKLIST
    assert [i.name_zh for i in items][:5] == [
        "细化工作任务",
        "项目责任人",
        "项目时间表",
        "路线图",
        "滚动项目库(实行动态调整)",
    ]
    assert PLAN.obligation("quarterly_progress").contents == ()


def test_a_special_plan_is_checked_against_the_checklist() -> None:
    check = check_contents(
        PLAN, "special_plan", "water_bureau", ["detailed_tasks", "timetable", "roadmap", "budget"]
    )
    assert not check.complete
    assert [i.key for i in check.present] == ["detailed_tasks", "timetable", "roadmap"]
    assert [i.key for i in check.missing] == [k for k in CHECKLIST if k not in check_keys(check)]
    assert check.unknown == ("budget",)
    assert check.reason.startswith("incomplete: 5 of 8 items missing (A person responsible")
    assert check.reason_zh.startswith("内容不全：8项中缺5项（项目责任人、")
    full = check_contents(PLAN, "special_plan", "water_bureau", CHECKLIST)
    assert full.complete
    assert full.reason == "complete: all 8 items present"


def check_keys(check: ContentCheck) -> set[str]:
    return {i.key for i in check.present}


def test_standing_duties_have_owners_and_no_date() -> None:
    assert [d.key for d in PLAN.standing_duties] == [
        "funding_plans",
        "tracking_supervision",
        "progress_bulletins",
        "coordination_meetings",
        "special_bond_coordination",
        "central_provincial_budget_funds",
        "financing_support",
        "land_support",
    ]
    funding = PLAN.standing_duties[0]
    assert funding.owners is ReporterScope.LEAD_DEPARTMENTS
    assert [d.key for d in funding.owners_named] == ["finance_bureau"]
    for duty in PLAN.standing_duties:
        assert not any(isinstance(getattr(duty, f.name), date) for f in attrs.fields(type(duty)))


def test_the_docs_quote_the_reason_the_library_gives() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "accountability.md").read_text(encoding="utf-8")
    flat = " ".join(page.split())
    compliance, assessment = _results(date(2021, 6, 30))
    call_in = accountability(PLAN, compliance, assessment).for_unit("health_commission")
    assert call_in is not None
    assert f'"{call_in.reason}"' in flat
    for rule_field in attrs.fields(AccountabilityRule):
        if rule_field.name.startswith(("decided_by", "clause")):
            continue
        assert f"| `{rule_field.name}` | {rule_field.default} |" in page


_RULE_FIGURES = st.integers(min_value=1, max_value=6)


@settings(max_examples=40, deadline=None)
@given(
    figures=st.tuples(_RULE_FIGURES, _RULE_FIGURES, _RULE_FIGURES, _RULE_FIGURES, _RULE_FIGURES),
    # Every figure but the window (index 2): a longer window counts other reports.
    which=st.sampled_from([0, 1, 3, 4]),
)
def test_a_higher_figure_never_calls_in_more(figures: tuple[int, ...], which: int) -> None:
    """Raising any one figure of the rule calls in a subset of the units, on fewer grounds."""
    compliance, assessment = _RESULTS_2021_10_15
    rule = AccountabilityRule(*figures)
    stricter = AccountabilityRule(*(f + 1 if i == which else f for i, f in enumerate(figures)))
    loose = accountability(PLAN, compliance, assessment, rule)
    tight = accountability(PLAN, compliance, assessment, stricter)
    loose_grounds = {(c.key, g.kind, g.subject) for c in loose.call_ins for g in c.grounds}
    tight_grounds = {(c.key, g.kind, g.subject) for c in tight.call_ins for g in c.grounds}
    assert tight_grounds <= loose_grounds
    for call_in in tight.call_ins:
        for ground in call_in.grounds:
            assert ground.count >= ground.threshold
            assert ground.count <= ground.out_of
            assert str(ground.count) in ground.reason


_RESULTS_2021_10_15 = _results(date(2021, 10, 15))


def test_a_duty_owed_per_category_counts_each_category() -> None:
    """Without its special plan, 市发改委 misses one report per category it leads, as the duty is
    owed per category; one report in all if it were owed per department."""
    subs = [
        s
        for s in SUBMISSIONS
        if (s.obligation, s.department) != ("special_plan", "development_reform")
    ]
    day = date(2021, 6, 30)
    compliance = er.compliance(PLAN, subs, day)
    assessment = er.assess(PLAN, OBSERVATIONS, as_of=day)
    assert PLAN.obligation("special_plan").owed_per is OwedPer.CATEGORY
    counted = accountability(PLAN, compliance, assessment).for_unit("development_reform")
    assert counted is not None
    missing = [i for i in counted.grounds[0].items if i.startswith("special_plan/")]
    led = [
        c.key
        for c in PLAN.categories
        if "development_reform" in {d.key for d in c.lead_departments}
    ]
    assert missing == sorted(
        f"special_plan/{c}/2020-01-01..2022-12-31 missing, 212 days overdue" for c in led
    )
    per_department_plan = attrs.evolve(
        PLAN,
        obligations=tuple(
            attrs.evolve(o, owed_per=OwedPer.DEPARTMENT) if o.key == "special_plan" else o
            for o in PLAN.obligations
        ),
    )
    once = er.compliance(per_department_plan, subs, day)
    per_department = accountability(per_department_plan, once, assessment).for_unit(
        "development_reform"
    )
    assert per_department is not None
    assert [i for i in per_department.grounds[0].items if i.startswith("special_plan/")] == [
        "special_plan/2020-01-01..2022-12-31 missing, 212 days overdue"
    ]
