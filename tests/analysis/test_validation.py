"""validate(): each rule fires on data made to break it; the Ezhou plan has no errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.analysis.validation import validate_observations
from ezhou_recovery.model.obligations import DueRule, Frequency
from ezhou_recovery.model.targets import Baseline, BaselineQualifier, Comparator, MilestoneEvent
from ezhou_recovery.units import money

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"


@pytest.fixture
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


def codes(programme: er.Programme, **options: Any) -> dict[str, er.Severity]:
    return {f.code: f.severity for f in er.validate(programme, **options)}


def bypass(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen object with fields set without running its validators."""
    copy = attrs.evolve(obj)
    for name, value in changes.items():
        object.__setattr__(copy, name, value)
    return copy


def with_category(p: er.Programme, key: str, category: er.Category) -> er.Programme:
    cats = tuple(category if c.key == key else c for c in p.categories)
    return bypass(p, categories=cats)


def test_ezhou_plan_has_no_errors() -> None:
    plan = er.load_ezhou_plan()
    findings = er.validate(plan, deadlines=plan.deadlines())
    assert [f for f in findings if f.severity is er.Severity.ERROR] == []


def test_sample_has_no_errors(sample: er.Programme) -> None:
    findings = er.validate(sample, deadlines=sample.deadlines())
    assert all(f.severity is er.Severity.WARNING for f in findings)
    # the sample quotes the clause of only one of its targets
    assert [f.code for f in findings] == ["target-without-clause"] * 3


@given(ers.programmes())
def test_generated_programmes_have_no_errors(programme: er.Programme) -> None:
    findings = er.validate(programme, deadlines=programme.deadlines())
    assert [f for f in findings if f.severity is er.Severity.ERROR] == []


def test_finding_reads_well(sample: er.Programme) -> None:
    finding = er.validate(sample)[0]
    assert str(finding) == (
        "warning: categories[0].targets[1].clause_zh: "
        "no clause of the text quoted [target-without-clause]"
    )


# Rules that construction enforces too: construction raises, validate reports a bypassed object.


def test_first_year_above_total(sample: er.Programme) -> None:
    portfolio = sample.category("transport").portfolio
    assert portfolio is not None
    too_much = money("20亿元")
    with pytest.raises(er.InvariantError, match="first_year_investment"):
        attrs.evolve(portfolio, first_year_investment=too_much)
    broken = bypass(portfolio, first_year_investment=too_much)
    p = with_category(sample, "transport", bypass(sample.category("transport"), portfolio=broken))
    assert codes(p)["first-year-above-total"] is er.Severity.ERROR


def test_target_deadline_outside_period(sample: er.Programme) -> None:
    transport = sample.category("transport")
    late = bypass(transport.targets[0], deadline=date(2024, 1, 1))
    with pytest.raises(er.InvariantError, match="outside the programme"):
        attrs.evolve(sample, categories=(attrs.evolve(transport, targets=(late,)),))
    p = with_category(sample, "transport", bypass(transport, targets=(late,)))
    assert codes(p)["target-deadline-outside-period"] is er.Severity.ERROR


def test_obligation_due_outside_period(sample: er.Programme) -> None:
    duty = sample.obligations[0]
    early = attrs.evolve(duty, rule=DueRule(Frequency.ONCE, due=date(2021, 3, 1)))
    with pytest.raises(er.InvariantError, match="outside the programme"):
        attrs.evolve(sample, obligations=(early,))
    p = bypass(sample, obligations=(early,))
    assert codes(p)["obligation-due-outside-period"] is er.Severity.ERROR


def test_a_category_the_plan_assigns_to_nobody_is_a_warning(sample: er.Programme) -> None:
    water = sample.category("water")
    p = with_category(sample, "water", attrs.evolve(water, leader=None, lead_departments=()))
    found = {f.code: f for f in er.validate(p)}
    lead, leader = found["category-without-lead"], found["category-without-leader"]
    assert (lead.severity, lead.where, lead.what) == (
        er.Severity.WARNING,
        "categories[1].lead_departments",
        "the plan names no lead department: nobody owes this category's reports",
    )
    assert (leader.severity, leader.where, leader.what) == (
        er.Severity.WARNING,
        "categories[1].leader",
        "the plan names no leading official: no official answers for this category",
    )
    assert [c.key for c in p.unassigned] == ["water"]


def test_a_gap_in_category_numbers_is_a_warning(sample: er.Programme) -> None:
    water = sample.category("water")
    p = with_category(sample, "water", attrs.evolve(water, number=4))
    (gap,) = [f for f in er.validate(p) if f.code == "category-number-gap"]
    assert (gap.severity, gap.where, gap.what) == (
        er.Severity.WARNING,
        "categories",
        "the categories are numbered 1, 4: number(s) 2, 3 missing (a fragment of a plan, or a slip?)",
    )


def test_an_empty_programme_fails(sample: er.Programme) -> None:
    empty = attrs.evolve(sample, categories=(), obligations=())
    (found,) = [f for f in er.validate(empty) if f.code == "empty-programme"]
    assert (found.severity, found.what) == (
        er.Severity.ERROR,
        "the programme has no categories: nothing to check",
    )
    bare = tuple(
        attrs.evolve(c, targets=(), projects=(), portfolio=None) for c in sample.categories
    )
    hollow = attrs.evolve(sample, categories=bare)
    assert "no targets, projects or portfolio" in codes_what(hollow)["empty-programme"]


def codes_what(programme: er.Programme) -> dict[str, str]:
    return {f.code: f.what for f in er.validate(programme)}


def test_duplicate_keys(sample: er.Programme) -> None:
    with pytest.raises(er.InvariantError, match="duplicate"):
        attrs.evolve(sample, categories=sample.categories * 2)
    p = bypass(sample, categories=sample.categories * 2)
    found = [f for f in er.validate(p) if f.code == "duplicate-key"]
    # The repeats, named where they stand in the file: the third category, its first target.
    assert {f.where for f in found} >= {"categories[2].key", "categories[2].targets[0].key"}
    assert all(f.severity is er.Severity.ERROR for f in found)


def test_target_of_another_category_is_dangling(sample: er.Programme) -> None:
    water = sample.category("water")
    stray = sample.category("transport").targets[0]
    with pytest.raises(er.InvariantError, match="must start with"):
        attrs.evolve(water, targets=(stray,))
    p = with_category(sample, "water", bypass(water, targets=(stray,)))
    finding = next(f for f in er.validate(p) if f.code == "dangling-key")
    assert finding.where == "categories[1].targets[0]"


def test_published_before_issued(sample: er.Programme) -> None:
    with pytest.raises(er.InvariantError, match="published"):
        attrs.evolve(sample, published=date(2021, 1, 1))
    p = bypass(sample, published=date(2021, 1, 1))
    assert codes(p)["published-before-issued"] is er.Severity.ERROR


# Rules of consistency beyond construction.


def test_baseline_meets_target(sample: er.Programme) -> None:
    water = sample.category("water")
    leakage = water.targets[0]  # at most 10%, baseline 15%
    assert "baseline-meets-target" not in codes(sample)
    met = attrs.evolve(leakage, baseline=Baseline(er.Q_(Decimal(8), "percent")))
    p = attrs.evolve(sample, categories=(sample.categories[0], attrs.evolve(water, targets=(met,))))
    assert codes(p)["baseline-meets-target"] is er.Severity.WARNING


@pytest.mark.parametrize(
    ("comparator", "baseline", "qualifier", "meets"),
    [
        (Comparator.AT_LEAST, "80", BaselineQualifier.EXACT, True),
        (Comparator.AT_LEAST, "79.9", BaselineQualifier.EXACT, False),
        (Comparator.AT_LEAST, "90", BaselineQualifier.ABOUT, True),
        (Comparator.AT_LEAST, "80", BaselineQualifier.MORE_THAN, True),
        (Comparator.AT_LEAST, "90", BaselineQualifier.LESS_THAN, False),  # maybe below
        (Comparator.AT_MOST, "80", BaselineQualifier.EXACT, True),
        (Comparator.AT_MOST, "81", BaselineQualifier.EXACT, False),
        (Comparator.AT_MOST, "70", BaselineQualifier.MORE_THAN, False),  # maybe above
        (Comparator.AT_MOST, "80", BaselineQualifier.LESS_THAN, True),
        (Comparator.EQUAL, "80", BaselineQualifier.EXACT, True),
        (Comparator.EQUAL, "80", BaselineQualifier.LESS_THAN, False),
    ],
)
def test_baseline_meets_target_by_direction_and_qualifier(
    comparator: Comparator, baseline: str, qualifier: BaselineQualifier, meets: bool
) -> None:
    target = er.Target(
        key="a.b",
        description_zh="达到80%",
        description_en="reach 80%",
        kind=er.TargetKind.LEVEL,
        deadline=date(2021, 12, 31),
        value=er.Q_(Decimal(80), "percent"),
        comparator=comparator,
        baseline=Baseline(er.Q_(Decimal(baseline) / 100, "dimensionless"), qualifier),
        clause_zh="达到80%",
    )
    findings = [
        f for f in er.validate(_one_target_programme(target)) if f.code == "baseline-meets-target"
    ]
    assert bool(findings) is meets


def test_cumulative_target_baseline_is_not_compared() -> None:
    target = er.Target(
        key="a.b",
        description_zh="新建60公里",
        description_en="build 60 km",
        kind=er.TargetKind.CUMULATIVE,
        deadline=date(2021, 12, 31),
        value=er.Q_(Decimal(60), "km"),
        baseline=Baseline(er.Q_(Decimal(500), "km")),
        clause_zh="新建60公里",
    )
    assert er.validate(_one_target_programme(target)) == ()


def _one_target_programme(target: er.Target) -> er.Programme:
    dept = er.Department("office", "办公室", "Office")
    category = er.Category(
        key="a",
        number=1,
        name_zh="甲",
        name_en="A",
        leader=er.Official("张三", "Zhang San"),
        lead_departments=(dept,),
        targets=(target,),
    )
    return er.Programme(
        key="p",
        document_number="一号",
        title_zh="方案",
        title_en="Plan",
        issuer=dept,
        issued=date(2021, 1, 1),
        period=er.Period(date(2021, 1, 1), date(2021, 12, 31)),
        categories=(category,),
    )


def _project(key: str, investment: str | None) -> er.Project:
    return er.Project(
        key=key,
        name_zh="项目",
        name_en="Project",
        investment=None if investment is None else money(investment),
    )


def test_more_named_projects_than_counted(sample: er.Programme) -> None:
    transport = sample.category("transport")  # counts 3, names 1
    assert "portfolio-count-exceeded" not in codes(sample)
    extra = tuple(_project(f"transport.p{i}", None) for i in range(3))
    p = with_category(
        sample, "transport", attrs.evolve(transport, projects=transport.projects + extra)
    )
    assert codes(p)["portfolio-count-exceeded"] is er.Severity.WARNING


@pytest.mark.parametrize(("approximate", "severity"), [(False, "error"), (True, "warning")])
def test_named_investment_above_portfolio_total(
    sample: er.Programme, approximate: bool, severity: str
) -> None:
    transport = sample.category("transport")  # total 12.5亿元; the ring road 3.2亿元
    assert transport.portfolio is not None
    portfolio = attrs.evolve(transport.portfolio, approximate=approximate)
    fits = attrs.evolve(
        transport,
        projects=(*transport.projects, _project("transport.x", "9.3亿元")),
        portfolio=portfolio,
    )
    assert "portfolio-investment-exceeded" not in codes(with_category(sample, "transport", fits))
    over = attrs.evolve(fits, projects=(*transport.projects, _project("transport.x", "93001万元")))
    found = codes(with_category(sample, "transport", over))
    assert found["portfolio-investment-exceeded"] == severity


def test_first_year_outside_period(sample: er.Programme) -> None:
    transport = sample.category("transport")
    assert transport.portfolio is not None
    moved = attrs.evolve(transport, portfolio=attrs.evolve(transport.portfolio, first_year=2020))
    assert (
        codes(with_category(sample, "transport", moved))["first-year-outside-period"] == "warning"
    )


def test_project_dates_and_funding(sample: er.Programme) -> None:
    transport = sample.category("transport")
    road = transport.projects[0]  # 3.2亿元, funded 2亿元 + 12000万元
    assert "project-funding-above-investment" not in codes(sample)
    rich = attrs.evolve(road, investment=money("3.1亿元"), planned_completion=date(2024, 6, 30))
    found = codes(with_category(sample, "transport", attrs.evolve(transport, projects=(rich,))))
    assert found["project-funding-above-investment"] == "warning"
    assert found["project-date-outside-period"] == "warning"


def test_department_key_conflict(sample: er.Programme) -> None:
    water = sample.category("water")
    other = er.Department("transport_bureau", "县水务局", "County Water Affairs Bureau")
    p = with_category(sample, "water", attrs.evolve(water, lead_departments=(other,)))
    finding = next(f for f in er.validate(p) if f.code == "department-key-conflict")
    assert finding.where == "categories[1].lead_departments[0]"
    assert "县交通运输局" in finding.what


def test_duplicate_numbers(sample: er.Programme) -> None:
    water = attrs.evolve(sample.category("water"), number=1)
    assert codes(with_category(sample, "water", water))["duplicate-number"] == "warning"


def test_target_without_clause(sample: er.Programme) -> None:
    target = sample.target("transport.rural_roads")
    assert target.clause_zh is not None
    wheres = {f.where for f in er.validate(sample) if f.code == "target-without-clause"}
    assert "categories[0].targets[0].clause_zh" not in wheres  # transport.rural_roads
    assert "categories[1].targets[0].clause_zh" in wheres  # water.pipe_leakage


def test_dangling_deadlines(sample: er.Programme) -> None:
    good = sample.deadlines()
    assert codes(sample, deadlines=good) == codes(sample)
    stranger = er.Department("police", "县公安局", "County Police")
    bad = [
        attrs.evolve(good[0], obligation="monthly_report"),
        attrs.evolve(good[0], category="health"),
        attrs.evolve(good[0], department=stranger),
    ]
    found = [f for f in er.validate(sample, deadlines=bad) if f.code == "dangling-key"]
    assert [f.where.rsplit(".", 1)[1] for f in found] == ["obligation", "category", "department"]
    assert all(f.severity is er.Severity.ERROR for f in found)


def test_deadline_outside_programme(sample: er.Programme) -> None:
    deadline = attrs.evolve(sample.deadlines()[-1], due=date(2024, 3, 25))
    assert codes(sample, deadlines=[deadline])["deadline-outside-period"] == "error"


def test_every_documented_rule_is_tested() -> None:
    import ezhou_recovery.analysis.validation as module

    documented = {
        line.split("``")[1] for line in (module.__doc__ or "").splitlines() if line.startswith("``")
    }
    source = Path(__file__).read_text(encoding="utf-8")
    assert documented
    assert {code for code in documented if f'"{code}"' not in source} == set()


def test_a_running_total_that_fell_is_a_finding() -> None:
    plan = er.load_ezhou_plan()
    target = plan.target("new_infrastructure.base_stations_5g")
    observations = [
        er.Observation.for_target(target, date(2021, 6, 30), "2100个"),
        er.Observation.for_target(target, date(2021, 12, 31), "1900个"),
        er.Observation.for_target(target, date(2022, 6, 30), "2000个"),
    ]
    findings = validate_observations(plan, observations)
    assert [f.code for f in findings] == ["running-total-fell"]
    assert findings[0].severity is er.Severity.WARNING
    assert "2021-06-30" in findings[0].what
    assert "2021-12-31" in findings[0].what
    level = plan.target("transport.trunk_road_grade_ii_share")  # a level may go down
    down = [
        er.Observation.for_target(level, date(2021, 6, 30), "75%"),
        er.Observation.for_target(level, date(2021, 12, 31), "70%"),
    ]
    assert validate_observations(plan, down) == ()


def test_a_target_scoped_to_a_district_names_it() -> None:
    plan = er.load_ezhou_plan()
    assert "district-not-named" not in codes(plan)
    category = plan.category("urban")
    target = category.target("old_neighbourhoods_echeng")
    unnamed = attrs.evolve(target, district=None)
    changed = attrs.evolve(
        category, targets=tuple(unnamed if t is target else t for t in category.targets)
    )
    found = [
        f
        for f in er.validate(with_category(plan, "urban", changed))
        if f.code == "district-not-named"
    ]
    assert [(f.severity, f.where) for f in found] == [
        (er.Severity.WARNING, "categories[6].targets[20].district")
    ]
    assert "'echeng'" in found[0].what
    dangling = bypass(target, district="wuchang")
    bad = attrs.evolve(
        category, targets=tuple(dangling if t is target else t for t in category.targets)
    )
    assert (
        codes(bypass(plan, categories=tuple(bad if c is category else c for c in plan.categories)))[
            "dangling-key"
        ]
        is er.Severity.ERROR
    )


def test_a_start_milestone_shown_as_completion_is_flagged() -> None:
    plan = er.load_ezhou_plan()
    assert "start-shown-as-completion" not in codes(plan)
    category = plan.category("urban")
    target = category.target("water_environment_ppp_started")
    done = attrs.evolve(target, event=MilestoneEvent.COMPLETION)
    changed = attrs.evolve(
        category, targets=tuple(done if t is target else t for t in category.targets)
    )
    assert codes(with_category(plan, "urban", changed))["start-shown-as-completion"] is (
        er.Severity.WARNING
    )


def test_findings_name_the_entry_as_the_loader_does(sample: er.Programme, tmp_path: Path) -> None:
    import tomllib

    transport = sample.category("transport")
    late = bypass(transport.targets[1], deadline=date(2024, 1, 1))
    p = with_category(sample, "transport", bypass(transport, targets=(transport.targets[0], late)))
    (finding,) = [f for f in er.validate(p) if f.code == "target-deadline-outside-period"]
    data = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    data["categories"][0]["targets"][1]["deadline"] = "2024-01-01"
    path = tmp_path / "late.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(er.LoadError) as info:
        er.load_programme(path)
    assert finding.where == info.value.path == "categories[0].targets[1].deadline"
