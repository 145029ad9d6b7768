"""The programme model: construction rejects broken invariants with a clear message."""

from __future__ import annotations

import json
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import ezhou_recovery as er
from ezhou_recovery import (
    Category,
    Department,
    InvariantError,
    Official,
    Period,
    Portfolio,
    Programme,
    Project,
    ReportingObligation,
    Target,
    TargetKind,
    parse_quantity,
)
from ezhou_recovery.model.obligations import DueRule, Frequency
from ezhou_recovery.model.targets import Baseline, BaselineQualifier, Comparator
from ezhou_recovery.units import money

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"
END = date(2022, 12, 31)
DEPT = Department("transport_bureau", "市交通运输局", "Transport Bureau")
LEADER = Official("岳劲", "Yue Jin")


def target(**changes: object) -> Target:
    base: dict[str, object] = {
        "key": "transport.rural_roads",
        "description_zh": "新改建农村公路60公里",
        "description_en": "60 km of rural roads",
        "kind": TargetKind.CUMULATIVE,
        "deadline": END,
        "value": parse_quantity("60公里"),
    }
    base.update(changes)
    return Target(**base)  # type: ignore[arg-type]


def category(**changes: object) -> Category:
    base: dict[str, object] = {
        "key": "transport",
        "number": 2,
        "name_zh": "交通补短板工程",
        "name_en": "Transport",
        "leader": LEADER,
        "lead_departments": (DEPT,),
        "targets": (target(),),
    }
    base.update(changes)
    return Category(**base)  # type: ignore[arg-type]


def programme(**changes: object) -> Programme:
    base: dict[str, object] = {
        "key": "test_plan",
        "document_number": "测试〔2020〕1号",
        "title_zh": "测试方案",
        "title_en": "Test plan",
        "issuer": Department("city", "市人民政府", "City government"),
        "issued": date(2020, 11, 18),
        "period": Period(date(2020, 1, 1), END),
        "categories": (category(),),
    }
    base.update(changes)
    return Programme(**base)  # type: ignore[arg-type]


def test_a_valid_programme_builds() -> None:
    p = programme()
    assert p.target("transport.rural_roads").value == parse_quantity("60 km")
    assert p.category("transport").target("rural_roads").category == "transport"


@pytest.mark.parametrize(
    ("build", "field", "fragment"),
    [
        (lambda: target(key="rural_roads"), "key", "<category>.<slug>"),
        (lambda: target(description_zh=""), "description_zh", "non-empty"),
        (lambda: target(value=None), "value", "needs a value"),
        (lambda: target(kind=TargetKind.MILESTONE), "value", "has no value"),
        (lambda: target(value=parse_quantity("-1公里")), "value", "negative"),
        (
            lambda: target(baseline=Baseline(parse_quantity("20张"))),
            "baseline",
            "20张床位 is a count of beds; this target counts length (公里)",
        ),
        (lambda: target(scope_zh="临空经济区"), "scope_en", "both"),
        (lambda: target(deadline="2022-12-31"), "deadline", "date"),
        (lambda: Period(date(2022, 1, 1), date(2021, 1, 1)), "end", "before start"),
        (
            lambda: Portfolio(3, money("1亿元"), money("2亿元")),
            "first_year_investment",
            "above total",
        ),
        (lambda: Portfolio(-1, money("1亿元"), money("0亿元")), "project_count", "zero or more"),
        (lambda: Portfolio(1, money("-1亿元"), money("0亿元")), "total_investment", "negative"),
        (
            lambda: Portfolio(1, parse_quantity("3公里"), money("0亿元")),
            "total_investment",
            "money",
        ),
        (lambda: category(lead_departments=(DEPT, DEPT)), "lead_departments", "duplicate"),
        (lambda: category(targets=(target(), target())), "targets", "duplicate"),
        (
            lambda: category(targets=(target(key="water.rural_roads"),)),
            "targets[0].key",
            "must start with 'transport.'",
        ),
        (lambda: category(key="Transport"), "key", "lower-case"),
        (lambda: programme(categories=(category(), category())), "categories", "duplicate"),
        (
            lambda: programme(
                categories=(category(targets=(target(deadline=date(2023, 6, 30)),)),)
            ),
            "deadline",
            "outside the programme",
        ),
        (
            lambda: programme(
                obligations=(
                    ReportingObligation(
                        "special_plan",
                        "专项方案",
                        "Special plan",
                        DueRule(Frequency.ONCE, date(2020, 11, 1)),
                    ),
                )
            ),
            "rule.due",
            "outside the programme",
        ),
        (lambda: programme(published=date(2020, 1, 1)), "published", "before issued"),
        (lambda: DueRule(Frequency.QUARTERLY, day=31), "day", "1 to 28"),
        (lambda: DueRule(Frequency.ONCE), "due", "exactly when"),
        (
            lambda: Project(
                "transport.x",
                "某项目",
                "A project",
                planned_start=date(2021, 1, 1),
                planned_completion=date(2020, 1, 1),
            ),
            "planned_completion",
            "before planned_start",
        ),
    ],
)
def test_construction_rejects_broken_invariants(build: object, field: str, fragment: str) -> None:
    with pytest.raises(InvariantError) as info:
        build()  # type: ignore[operator]
    assert field in info.value.field
    assert fragment in str(info.value)


def test_evolve_validates_too() -> None:
    with pytest.raises(InvariantError):
        attrs.evolve(target(), value=None)


def test_departments_are_computed_once_and_again_after_evolve() -> None:
    p = programme()
    assert p.departments is p.departments
    assert p.departments == (DEPT,)
    other = Department("water_bureau", "市水利和湖泊局", "Water Bureau")
    changed = attrs.evolve(p, categories=(category(lead_departments=(other, DEPT)),))
    assert changed.departments == (other, DEPT)
    assert changed.departments is changed.departments
    assert p.departments == (DEPT,)
    assert pickle.loads(pickle.dumps(changed)) == changed
    assert pickle.loads(pickle.dumps(changed)).departments == (other, DEPT)
    assert er.to_json(changed) == er.to_json(attrs.evolve(changed))
    assert not {"departments", "_departments"} & set(json.loads(er.to_json(changed)))
    assert changed == attrs.evolve(p, categories=(category(lead_departments=(other, DEPT)),))


def test_objects_are_frozen_and_slotted() -> None:
    t = target()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.key = "transport.other"  # type: ignore[misc]
    assert not hasattr(t, "__dict__")


def test_lookups_and_errors() -> None:
    p = programme()
    with pytest.raises(KeyError, match="no category 'water'"):
        p.category("water")
    with pytest.raises(KeyError, match="no target"):
        p.target("transport.nothing")
    with pytest.raises(KeyError):
        p.project("transport.nothing")
    with pytest.raises(KeyError):
        p.obligation("nothing")


def test_describe_value() -> None:
    assert target().describe_value() == "≥ 60公里"
    leak = target(value=parse_quantity("10%"), comparator=Comparator.AT_MOST, kind=TargetKind.LEVEL)
    assert leak.describe_value(lang="en") == "≤ 10%"
    assert not leak.higher_is_better
    rate = target(kind=TargetKind.ANNUAL_RATE, value=parse_quantity("12个村"))
    assert rate.describe_value() == "≥ 12个村/年"
    milestone = target(kind=TargetKind.MILESTONE, value=None, deadline=date(2020, 12, 31))
    assert milestone.describe_value(lang="en") == "done by 2020-12-31"


def test_baseline_text() -> None:
    assert str(Baseline(parse_quantity("200张"), BaselineQualifier.LESS_THAN)) == "不足200张床位"
    assert str(Baseline(parse_quantity("20张"), BaselineQualifier.ABOUT)) == "大约20张床位"


def test_sample_programme_portfolio_and_funding() -> None:
    p = er.load_programme(SAMPLE)
    assert p.project_count == 3
    assert p.total_investment.magnitude == Decimal("12.5")
    funded = p.project("transport.county_ring_road").funded
    assert funded is not None
    assert funded.magnitude == Decimal("3.2")


def test_sample_programme_deadlines() -> None:
    p = er.load_programme(SAMPLE)
    deadlines = p.deadlines()
    assert list(deadlines) == sorted(deadlines)
    special = [d for d in deadlines if d.obligation == "special_plan"]
    assert [(d.due, d.category) for d in special] == [
        (date(2021, 4, 30), "transport"),
        (date(2021, 4, 30), "water"),
    ]
    quarterly_dues = sorted({d.due for d in deadlines if d.obligation == "quarterly_progress"})
    # Issued 2021-03-01: the first quarterly report is due 2021-03-25, the last 2023-12-25.
    assert quarterly_dues[0] == date(2021, 3, 25)
    assert quarterly_dues[-1] == date(2023, 12, 25)
    assert len(quarterly_dues) == 12
    assert all(
        d.period.label.endswith(("Q1", "Q2", "Q3", "Q4"))
        for d in deadlines
        if d.obligation == "quarterly_progress"
    )
    # Each quarter: one report per category and lead department, and one from the finance bureau.
    assert len(deadlines) == 2 + 12 * 3


def test_deadline_window_is_inclusive() -> None:
    p = er.load_programme(SAMPLE)
    window = p.deadlines(start=date(2021, 6, 25), end=date(2021, 9, 25))
    assert {d.due for d in window} == {date(2021, 6, 25), date(2021, 9, 25)}
    assert p.deadlines(start=date(2024, 1, 1)) == ()


def test_quarter_of() -> None:
    q = er.quarter_of(date(2020, 12, 25))
    assert (q.start, q.end, q.label) == (date(2020, 10, 1), date(2020, 12, 31), "2020Q4")
    assert er.quarter_of(date(2021, 2, 28)).end == date(2021, 3, 31)
