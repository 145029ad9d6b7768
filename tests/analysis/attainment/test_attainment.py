"""Attainment: statuses at the boundaries, progress, baselines, units, roll-ups, money, the example."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import (
    Assessment,
    Category,
    Department,
    InvariantError,
    Observation,
    Official,
    Period,
    Portfolio,
    Programme,
    Project,
    Status,
    Target,
    TargetKind,
    UnitError,
    assess,
    parse_quantity,
)
from ezhou_recovery.analysis.attainment import AT_RISK_RATIO, ON_TRACK_RATIO, Thresholds
from ezhou_recovery.evidence.observations import AnnualInvestmentPlan, QualitativeLevel
from ezhou_recovery.examples import example_observations
from ezhou_recovery.model.targets import Baseline, BaselineQualifier, Comparator
from ezhou_recovery.units import money

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
START, END = date(2020, 1, 1), date(2022, 12, 31)
DAYS = (END - START).days + 1  # 1096
HEALTH = Department("health_commission", "市卫健委", "Health Commission")
TRANSPORT = Department("transport_bureau", "市交通运输局", "Transport Bureau")
EMERGENCY = Department("emergency_bureau", "市应急局", "Emergency Bureau")
CHENG = Official("程少云", "Cheng Shaoyun")
YUE = Official("岳劲", "Yue Jin")


def target(key: str, kind: TargetKind, value: str | None = None, **more: Any) -> Target:
    return Target(
        key=key,
        description_zh=key,
        description_en=key,
        kind=kind,
        deadline=more.pop("deadline", END),
        value=None if value is None else parse_quantity(value),
        **more,
    )


TARGETS = {
    "x.level_up": target("x.level_up", TargetKind.LEVEL, "100公里"),
    "x.level_down": target(
        "x.level_down",
        TargetKind.LEVEL,
        "10%",
        comparator=Comparator.AT_MOST,
        baseline=Baseline(parse_quantity("15%")),
    ),
    "x.built": target("x.built", TargetKind.CUMULATIVE, "2000个基站"),
    "x.villages": target("x.villages", TargetKind.ANNUAL_RATE, "12村"),
    "x.lng": target("x.lng", TargetKind.MILESTONE, deadline=date(2020, 12, 31)),
    "x.goal": target("x.goal", TargetKind.QUALITATIVE),
    "y.beds": target(
        "y.beds",
        TargetKind.LEVEL,
        "1600张",
        baseline=Baseline(parse_quantity("200张"), BaselineQualifier.LESS_THAN),
    ),
    "y.icu": target(
        "y.icu",
        TargetKind.LEVEL,
        "80张",
        baseline=Baseline(parse_quantity("20张"), BaselineQualifier.ABOUT),
    ),
    "y.exact": target(
        "y.exact", TargetKind.LEVEL, "80张", baseline=Baseline(parse_quantity("20张"))
    ),
}


def programme() -> Programme:
    x = Category(
        key="x",
        number=1,
        name_zh="交通",
        name_en="Transport",
        leader=YUE,
        lead_departments=(TRANSPORT,),
        targets=tuple(t for k, t in TARGETS.items() if k.startswith("x.")),
        projects=(
            Project("x.road", "道路", "Road", investment=money("3亿元")),
            Project("x.port", "港口", "Port", investment=money("2亿元")),
        ),
        portfolio=Portfolio(2, money("10亿元"), money("2亿元"), 2020),
    )
    y = Category(
        key="y",
        number=2,
        name_zh="卫生",
        name_en="Health",
        leader=CHENG,
        lead_departments=(HEALTH, EMERGENCY),
        targets=tuple(t for k, t in TARGETS.items() if k.startswith("y.")),
        portfolio=Portfolio(1, money("4亿元"), money("1亿元"), 2020),
    )
    return Programme(
        key="test_programme",
        document_number="测〔2020〕1号",
        title_zh="测试方案",
        title_en="Test programme",
        issuer=TRANSPORT,
        issued=date(2020, 11, 18),
        period=Period(START, END),
        categories=(x, y),
    )


PROGRAMME = programme()


def obs(key: str, day: date, value: Any) -> Observation:
    return Observation.for_target(PROGRAMME.target(key), day, value)


def result(key: str, day: date, *values: tuple[date, Any], **kw: Any) -> er.TargetResult:
    observations = [obs(key, d, v) for d, v in values]
    return assess(PROGRAMME, observations, as_of=day, **kw).target(key)


def elapsed(day: date, start: date = START, end: date = END) -> float:
    return ((day - start).days + 1) / ((end - start).days + 1)


AFTER = END + timedelta(days=1)


# One test per kind and direction at the boundary -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [("100公里", Status.ATTAINED), ("99.99公里", Status.MISSED), ("100.01公里", Status.ATTAINED)],
)
def test_level_at_least_at_the_target(value: str, status: Status) -> None:
    r = result("x.level_up", END, (END, value))
    assert r.status is status
    assert r.expected_progress == 1.0


def test_level_at_least_at_the_deadline_and_a_day_after() -> None:
    at = result("x.level_up", END, (END, "94.9公里"))
    assert at.status is Status.MISSED  # the deadline day is final
    assert at.progress == pytest.approx(0.949)
    before = result("x.level_up", END - timedelta(days=1), (END, "94.9公里"))
    assert before.status is Status.NO_DATA  # a figure after the assessment date is ignored
    eve = result("x.level_up", END - timedelta(days=1), (END - timedelta(days=1), "94.9公里"))
    assert eve.status is Status.AT_RISK  # 94.9% < 95% of 99.9% time progress
    after = result("x.level_up", AFTER, (END, "94.9公里"))
    assert after.status is Status.MISSED
    assert after.catch_up_per_quarter is None
    attained = result("x.level_up", AFTER, (END, "100公里"))
    assert attained.status is Status.ATTAINED


def test_a_value_after_the_deadline_does_not_rescue_it() -> None:
    r = result("x.level_up", AFTER + timedelta(days=30), (END, "90公里"), (AFTER, "100公里"))
    assert r.status is Status.MISSED
    assert r.value == er.Q_(Decimal(90), "km")
    assert r.latest is not None
    assert r.latest.as_of == AFTER


@pytest.mark.parametrize(
    ("value", "status"),
    [("10%", Status.ATTAINED), ("10.01%", Status.MISSED), ("9.99%", Status.ATTAINED)],
)
def test_level_at_most_at_the_target(value: str, status: Status) -> None:
    assert result("x.level_down", END, (END, value)).status is status


def test_level_at_most_progress_goes_down() -> None:
    r = result("x.level_down", date(2021, 6, 30), (date(2021, 6, 30), "12%"))
    assert r.progress == pytest.approx(0.6)  # (15 - 12) / (15 - 10)
    assert result("x.level_down", AFTER, (END, "10.01%")).status is Status.MISSED
    worse = result("x.level_down", date(2021, 6, 30), (date(2021, 6, 30), "16%"))
    assert worse.progress == pytest.approx(-0.2)
    assert worse.status is Status.OFF_TRACK


@pytest.mark.parametrize(
    ("value", "status"),
    [("2000个", Status.ATTAINED), ("1999个", Status.MISSED), ("2001个", Status.ATTAINED)],
)
def test_cumulative_at_the_target(value: str, status: Status) -> None:
    assert result("x.built", END, (END, value)).status is status


def test_cumulative_takes_the_latest_value_never_a_sum() -> None:
    day = date(2021, 6, 30)
    r = result("x.built", day, (date(2020, 12, 31), "500个"), (day, "1000个"))
    assert r.value == er.Q_(1000, "base_station")
    assert r.progress == pytest.approx(0.5)
    assert r.observations == 2
    assert r.expected_progress == pytest.approx(elapsed(day))


def test_cumulative_at_the_deadline_and_a_day_after() -> None:
    at = result("x.built", END, (END, "1444个"))
    assert at.status is Status.MISSED
    assert at.reason == (
        "missed: 1444 base stations as of 2022-12-31 against at least 2000 base stations by the "
        "deadline 2022-12-31, 72% of target"
    )
    assert "逾期未完成" in at.reason_zh
    eve = result("x.built", END - timedelta(days=1), (END - timedelta(days=1), "1444个"))
    assert eve.reason == (
        "at risk: 1444 of 2000 base stations as of 2022-12-30, 72% of target with 99% of the "
        "time elapsed"
    )
    assert result("x.built", AFTER, (END, "1444个")).status is Status.MISSED


def test_observations_after_the_assessment_date_are_ignored() -> None:
    r = result("x.built", date(2021, 6, 30), (date(2021, 12, 31), "2000个"))
    assert r.status is Status.NO_DATA
    assert r.progress is None
    assert r.reason == "no data: no value reported by 2021-06-30"


def test_annual_rate_each_year_on_its_own() -> None:
    y2020 = date(2020, 12, 31)
    exactly = result("x.villages", y2020, (y2020, "12村"))
    assert exactly.years[0].status is Status.ATTAINED
    assert exactly.status is Status.ON_TRACK  # two more years to go
    y1230 = date(2020, 12, 30)
    short = result("x.villages", y1230, (y1230, "11村"))
    assert short.years[0].status is Status.AT_RISK  # 11/12 = 91.7%, below 95% of the year
    assert short.years[0].progress == pytest.approx(11 / 12)


def test_annual_rate_a_year_short_is_missed_on_its_last_day() -> None:
    y2020 = date(2020, 12, 31)
    eve = result("x.villages", y2020 - timedelta(days=1), (y2020 - timedelta(days=1), "11村"))
    at = result("x.villages", y2020, (y2020, "11村"))
    after = result("x.villages", y2020 + timedelta(days=1), (y2020, "11村"))
    assert eve.years[0].status is not Status.MISSED
    assert at.years[0].status is Status.MISSED
    assert after.years[0].status is Status.MISSED
    assert after.status is Status.MISSED  # "12 a year" can no longer be kept
    assert [y.year for y in after.years] == [2020, 2021]
    assert after.years[1].status is Status.NO_DATA


def test_annual_rate_over_the_whole_period() -> None:
    values = ((date(2020, 12, 31), "12"), (date(2021, 12, 31), "13"), (END, "12"))
    r = result("x.villages", END, *values)
    assert r.status is Status.ATTAINED
    assert r.value == er.Q_(37, "village")
    assert r.progress == pytest.approx(37 / 36)
    assert [y.status for y in r.years] == [Status.ATTAINED] * 3
    mid = result("x.villages", date(2021, 6, 30), values[0], (date(2021, 6, 30), "5"))
    assert mid.years[1].progress == pytest.approx(5 / 12)
    assert mid.years[1].expected_progress == pytest.approx(181 / 365)
    assert mid.status is Status.AT_RISK  # 0.417 / 0.496 = 84% of time progress
    assert mid.catch_up_per_quarter is not None


def test_annual_rate_open_year_without_data_does_not_count_yet() -> None:
    r = result("x.villages", date(2021, 1, 15), (date(2020, 12, 31), "12"))
    assert r.status is Status.ON_TRACK
    assert r.years[1].status is Status.NO_DATA


def test_annual_rate_a_closed_year_without_a_report_is_named_and_counts_as_nothing() -> None:
    values = ((date(2020, 12, 31), "12"), (date(2022, 2, 1), "3"))
    a = assess(PROGRAMME, [obs("x.villages", d, v) for d, v in values], as_of=date(2022, 3, 1))
    r = a.target("x.villages")
    assert [y.status for y in r.years] == [Status.ATTAINED, Status.NO_DATA, Status.ON_TRACK]
    assert r.years[2].progress == pytest.approx(3 / 12)  # 25% against 60 / 365 = 16% of 2022
    assert r.progress == pytest.approx(15 / 36)
    assert r.expected_progress == pytest.approx(elapsed(date(2022, 3, 1)))  # 791 / 1096
    # 41.7% against 72.2% is 58% of time progress, below the at-risk band.
    assert r.status is Status.OFF_TRACK
    assert "2021: no report;" in r.reason
    assert "2021年未报送" in r.reason_zh
    x = a.category("x")
    without = x.count(Status.NO_DATA) + x.count(Status.OVERDUE)
    assert without == sum(1 for t in x.results if t.progress is None)
    assert r in x.results
    assert r.status is not Status.NO_DATA
    # With the 2021 report filed the same data stand on track.
    filed = result("x.villages", date(2022, 3, 1), *values, (date(2021, 12, 31), "12"))
    assert filed.status is Status.ON_TRACK
    assert "no report" not in filed.reason


def test_annual_rate_an_unreported_year_cannot_be_attained() -> None:
    values = ((date(2020, 12, 31), "12"), (END, "12"))
    on_the_deadline = result("x.villages", END, *values)
    assert on_the_deadline.progress == pytest.approx(24 / 36)
    assert on_the_deadline.status is Status.MISSED  # 2021 unreported, the deadline is final
    assert result("x.villages", AFTER, *values).status is Status.MISSED
    # An open year without a report yet is not named as missing.
    early = result("x.villages", date(2021, 1, 15), values[0])
    assert "2021: no report yet" in early.reason


@settings(deadline=None)
@given(
    st.lists(st.tuples(st.dates(START, AFTER), st.integers(0, 30)), max_size=6),
    st.dates(START, END + timedelta(days=400)),
)
def test_annual_rate_is_no_data_exactly_when_it_has_no_progress(
    values: list[tuple[date, int]], day: date
) -> None:
    unique = dict(values)
    a = assess(PROGRAMME, [obs("x.villages", d, n) for d, n in unique.items()], as_of=day)
    r = a.target("x.villages")
    assert (r.status in (Status.NO_DATA, Status.OVERDUE)) == (r.progress is None)
    closed_gap = any(y.value is None and day >= min(date(y.year, 12, 31), END) for y in r.years)
    if closed_gap:
        assert r.status is not Status.ATTAINED
    for rollup in (a.overall, a.category("x")):
        averaged = [t for t in rollup.results if t.capped_progress is not None]
        without = rollup.count(Status.NO_DATA) + rollup.count(Status.OVERDUE)
        assert without == rollup.total - len(averaged) == rollup.total - rollup.reported


@pytest.mark.parametrize(
    ("day", "values", "status"),
    [
        (date(2020, 12, 31), ((date(2020, 12, 31), True),), Status.ATTAINED),
        (date(2020, 12, 31), ((date(2020, 12, 31), False),), Status.MISSED),  # on the day
        (date(2020, 12, 30), ((date(2020, 12, 30), False),), Status.AT_RISK),
        (date(2021, 1, 1), ((date(2020, 12, 31), False),), Status.MISSED),
        (date(2021, 6, 30), ((date(2020, 12, 31), False), (date(2021, 3, 1), True)), Status.MISSED),
        (date(2020, 6, 30), ((date(2020, 6, 30), False),), Status.ON_TRACK),
        (date(2020, 9, 30), ((date(2020, 9, 30), False),), Status.ON_TRACK),  # 274/366 < 75%
        (date(2020, 10, 1), ((date(2020, 9, 30), False),), Status.AT_RISK),  # 275/366 >= 75%
        (date(2020, 9, 30), (), Status.NO_DATA),
    ],
)
def test_milestone(day: date, values: tuple[tuple[date, bool], ...], status: Status) -> None:
    assert result("x.lng", day, *values).status is status


def test_milestone_done_late_says_so() -> None:
    r = result("x.lng", date(2021, 6, 30), (date(2020, 12, 31), False), (date(2021, 3, 1), True))
    assert r.reason == (
        "missed: not done as of 2020-12-31, on or near the deadline 2020-12-31 "
        "(done later, by 2021-03-01)"
    )


@pytest.mark.parametrize(
    ("day", "level", "status"),
    [
        (END, QualitativeLevel.ACHIEVED, Status.ATTAINED),
        (END, QualitativeLevel.BASICALLY_ACHIEVED, Status.MISSED),  # the deadline is final
        (END - timedelta(days=1), QualitativeLevel.BASICALLY_ACHIEVED, Status.AT_RISK),
        (AFTER, QualitativeLevel.BASICALLY_ACHIEVED, Status.MISSED),
        (date(2020, 12, 31), QualitativeLevel.IN_PROGRESS, Status.ON_TRACK),  # 1/3 vs 33.4%
        (date(2021, 6, 30), QualitativeLevel.IN_PROGRESS, Status.AT_RISK),  # 1/3 vs 49.9%
        (date(2021, 6, 30), QualitativeLevel.NOT_STARTED, Status.OFF_TRACK),
    ],
)
def test_qualitative(day: date, level: QualitativeLevel, status: Status) -> None:
    r = result("x.goal", day, (min(day, END), level))
    assert r.status is status
    assert r.progress == pytest.approx(level.rank / 3)


# Baselines --------------------------------------------------------------------------------------


def test_less_than_baseline_uses_the_bound_and_says_it_is_not_exact() -> None:
    day = date(2021, 6, 30)
    r = result("y.beds", day, (day, "900张"))
    assert r.progress == pytest.approx((900 - 200) / (1600 - 200))
    assert r.baseline_exact is False
    assert r.baseline_used == er.Q_(200, "bed")
    assert "less than 200 beds (not exact)" in r.reason
    assert "不足200张床位（非精确值）" in r.reason_zh


def test_about_baseline_uses_the_value_and_says_it_is_not_exact() -> None:
    day = date(2021, 6, 30)
    about = result("y.icu", day, (day, "45张"))
    exact = result("y.exact", day, (day, "45张"))
    assert about.progress == exact.progress == pytest.approx(25 / 60)
    assert about.baseline_exact is False
    assert exact.baseline_exact is True
    assert "about 20 beds (not exact)" in about.reason
    assert "not exact" not in exact.reason


# Units never change a result --------------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=200, places=3))
def test_units_never_change_a_result(km: Decimal) -> None:
    day = date(2021, 6, 30)
    in_km = result("x.level_up", day, (day, er.Q_(km, "km")))
    in_m = result("x.level_up", day, (day, er.Q_(km * 1000, "m")))
    in_text = result("x.level_up", day, (day, f"{km * 1000}米"))
    assert in_km.status is in_m.status is in_text.status
    assert in_km.progress == in_m.progress == in_text.progress


def test_77600_m_is_77_6_km() -> None:
    target = target_with_value("77.6公里")
    p = attrs.evolve(PROGRAMME, categories=(target,))
    day = END
    a = [Observation.for_target(p.target("x.waterway"), day, "77600米")]
    b = [Observation.for_target(p.target("x.waterway"), day, 77.6)]
    c = [Observation("x.waterway", day, er.Q_(77600.0, "m"))]  # converted when assessed
    results = [assess(p, o, as_of=day).target("x.waterway") for o in (a, b, c)]
    assert {r.status for r in results} == {Status.ATTAINED}
    assert len({r.progress for r in results}) == 1


def target_with_value(value: str) -> Category:
    return Category(
        key="x",
        number=1,
        name_zh="交通",
        name_en="Transport",
        leader=YUE,
        lead_departments=(TRANSPORT,),
        targets=(target("x.waterway", TargetKind.LEVEL, value),),
    )


def test_an_incompatible_quantity_is_an_error_naming_the_target() -> None:
    bad = Observation("x.level_up", END, er.Q_(3, "bed"))
    with pytest.raises(UnitError, match=r"x\.level_up") as info:
        assess(PROGRAMME, [bad], as_of=END)
    assert (
        info.value.problem
        == "x.level_up: 3 bed is a count of beds; this target counts length (公里)"
    )


def test_bad_observations_are_errors() -> None:
    with pytest.raises(InvariantError, match="no such target"):
        assess(PROGRAMME, [Observation("x.nowhere", END, er.Q_(1, "km"))], as_of=END)
    with pytest.raises(InvariantError, match="milestone"):
        assess(PROGRAMME, [Observation("x.lng", END, er.Q_(1, "km"))], as_of=END)
    with pytest.raises(InvariantError, match="quantity"):
        assess(PROGRAMME, [Observation("x.built", END, True)], as_of=END)
    with pytest.raises(InvariantError, match="disagrees"):
        assess(PROGRAMME, [obs("x.built", END, "1个"), obs("x.built", END, "2个")], as_of=END)
    same = assess(PROGRAMME, [obs("x.built", END, "1个"), obs("x.built", END, "1个")], as_of=END)
    assert same.target("x.built").observations == 1


# Projection, pace, thresholds ------------------------------------------------------------------


def test_projection_and_catch_up() -> None:
    first, last = date(2020, 12, 31), date(2021, 12, 31)
    r = result("x.built", last, (first, "500个"), (last, "1000个"))
    # 500 more in 365 days; 365 days to go: 1500 by the deadline
    assert r.projected_value == er.Q_(1500.0, "base_station")
    assert r.projected_progress == pytest.approx(0.75)
    assert r.catch_up_per_quarter is not None
    assert r.catch_up_per_quarter.magnitude == pytest.approx(1000 / (365 / (365.25 / 4)))
    single = result("x.built", last, (last, "1000个"))
    assert single.projected_value is None


def test_thresholds_can_be_overridden() -> None:
    day = date(2021, 6, 30)
    values = (day, "900个")  # 45% against 49.9%: 90% of time progress
    assert result("x.built", day, values).status is Status.AT_RISK
    lenient = Thresholds(on_track=0.9, at_risk=0.5)
    assert result("x.built", day, values, thresholds=lenient).status is Status.ON_TRACK
    with pytest.raises(InvariantError):
        Thresholds(on_track=0.5, at_risk=0.9)
    with pytest.raises(InvariantError):
        Thresholds(on_track=1.5)
    assert Thresholds().on_track == ON_TRACK_RATIO == 0.95
    assert Thresholds().at_risk == AT_RISK_RATIO == 0.60


# Roll-ups ---------------------------------------------------------------------------------------


def rollup_assessment() -> Assessment:
    day = date(2021, 6, 30)
    return assess(
        PROGRAMME,
        [
            obs("x.level_up", day, "120公里"),  # attained, progress 1.2 -> capped at 1
            obs("x.built", day, "200个"),  # 10% vs 49.9%: off track
            obs("x.lng", date(2020, 12, 31), False),  # missed
            obs("y.beds", day, "900张"),  # 50%: on track
        ],
        as_of=day,
    )


def test_category_rollup() -> None:
    a = rollup_assessment()
    x = a.category("x")
    assert x.total == 6
    assert x.count(Status.ATTAINED) == 1
    assert x.count(Status.MISSED) == 1
    assert x.count(Status.OFF_TRACK) == 1
    assert x.count(Status.NO_DATA) == 3
    assert sum(x.counts.values()) == x.total
    assert x.share_attained == pytest.approx(1 / 6)
    # The headline counts the three targets without data as 0; the second figure leaves them out.
    assert x.mean_progress == pytest.approx((1.0 + 0.1 + 0.0) / 6)
    assert x.mean_progress_reported == pytest.approx((1.0 + 0.1 + 0.0) / 3)
    assert x.reported == 3
    assert x.coverage == pytest.approx(3 / 6)
    assert x.mean_expected_progress == pytest.approx(
        sum(r.expected_progress for r in x.results) / 6
    )
    assert x.worst_status is Status.MISSED
    assert x.worst_count == 1
    assert x.overall_status_text == "missed: 1 of 6"
    assert x.overall_status_zh == "逾期未完成：6项中1项"
    assert [r.key for r in x.worst[:2]] == ["x.lng", "x.built"]
    assert x.worst[-1].key == "x.level_up"


def test_programme_official_and_department_rollups() -> None:
    a = rollup_assessment()
    assert a.overall.total == len(PROGRAMME.targets)
    assert a.overall.count(Status.ON_TRACK) == 1
    assert a.official("Cheng Shaoyun").results == a.category("y").results
    assert a.official("程少云") == a.official("Cheng Shaoyun")
    assert a.department("emergency_bureau").results == a.category("y").results
    assert a.department("transport_bureau").total == 6
    with pytest.raises(KeyError):
        a.category("z")
    with pytest.raises(KeyError):
        a.target("x.nowhere")


def test_results_are_immutable() -> None:
    a = rollup_assessment()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.target("x.built").status = Status.ATTAINED  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.as_of = END  # type: ignore[misc]


# Money ------------------------------------------------------------------------------------------


def test_money_completion_is_exact() -> None:
    day = date(2021, 6, 30)
    reports = [
        er.InvestmentReport("x", date(2020, 12, 31), money("2.2亿元")),
        er.InvestmentReport("x", day, money("35000万元")),
        er.InvestmentReport("y", date(2020, 12, 31), money("0.5亿元")),
    ]
    a = assess(PROGRAMME, [], as_of=day, investment=reports)
    x = a.money_for("x")
    assert x.completed == money("3.5亿元")
    assert x.completion_rate == Decimal("0.35")
    share = Decimal((day - START).days + 1) / Decimal(DAYS)
    assert x.time_progress == share
    assert x.gap_pp == (Decimal("0.35") - share) * 100
    assert x.first_year_rate == Decimal("1.1")
    assert x.first_year_time_progress == Decimal(1)
    assert x.first_year_gap_pp == Decimal("10.0")
    total = a.money_total
    assert total.completed == money("4亿元")
    assert total.completion_rate == Decimal(4) / Decimal(14)
    assert total.first_year_rate == Decimal("2.7") / Decimal(3)


def test_money_from_projects_and_annual_plans() -> None:
    day = date(2021, 9, 30)
    reports = [
        er.InvestmentReport("x.road", date(2020, 12, 31), money("1亿元")),
        er.InvestmentReport("x.road", day, money("2亿元")),
        er.InvestmentReport("x.port", day, money("0.5亿元")),
    ]
    plans = [
        AnnualInvestmentPlan("x", 2021, money("2亿元")),
        AnnualInvestmentPlan("x.road", 2021, money("1.25亿元")),
    ]
    a = assess(PROGRAMME, [], as_of=day, investment=reports, annual_plans=plans)
    x = a.money_for("x")
    assert x.from_projects is True
    assert x.completed == money("2.5亿元")
    road = a.money_for("x.road")
    assert road.completion_rate == Decimal(2) / Decimal(3)
    assert road.annual[0].completed == money("1亿元")
    assert road.annual[0].rate == Decimal("0.8")
    # x: no report at the end of 2020 for the port, so the year's start is only the road's 1亿元
    assert x.annual[0].completed == money("1.5亿元")
    assert x.annual[0].time_progress == Decimal(273) / Decimal(365)
    assert a.money_total.completed is None  # y has no figure


def test_money_reports_must_name_known_subjects() -> None:
    bad = er.InvestmentReport("z", END, money("1亿元"))
    with pytest.raises(InvariantError, match="no such category or project"):
        assess(PROGRAMME, [], as_of=END, investment=[bad])


# The shipped example ----------------------------------------------------------------------------

EXPECTED = {
    # key: statuses as of 2020-12-31, 2021-06-30, 2022-12-31, 2023-01-01 (the deadline day is
    # final: a figure on it that falls short is missed)
    "new_infrastructure.base_stations_5g": ("at_risk", "on_track", "missed", "missed"),
    "transport.rural_roads": ("on_track", "on_track", "attained", "attained"),
    "transport.high_grade_waterway": ("on_track", "on_track", "attained", "attained"),
    "transport.trunk_road_grade_ii_share": ("on_track", "on_track", "missed", "missed"),
    "public_health.convertible_ward_beds": ("at_risk", "on_track", "attained", "attained"),
    "public_health.icu_beds": ("off_track", "at_risk", "missed", "missed"),
    "public_health.district_cdcs": ("no_data", "at_risk", "attained", "attained"),
    "public_health.nucleic_acid_testing": ("on_track", "attained", "attained", "attained"),
    "urban.water_pipe_leakage": ("at_risk", "at_risk", "attained", "attained"),
    "urban.black_odorous_water": ("on_track", "at_risk", "attained", "attained"),
    "urban.water_environment_ppp_started": ("missed", "missed", "missed", "missed"),
    "energy.sanjiang_lng_storage": ("attained", "attained", "attained", "attained"),
    "ecology.village_living_environment": ("on_track", "at_risk", "missed", "missed"),
}
DATES = (date(2020, 12, 31), date(2021, 6, 30), date(2022, 12, 31), date(2023, 1, 1))


@pytest.mark.parametrize(("i", "day"), list(enumerate(DATES)))
def test_the_example_dataset(i: int, day: date) -> None:
    plan = er.load_ezhou_plan()
    observations = er.load_observations(EXAMPLES / "ezhou_progress.csv", er.load_ezhou_plan())
    reports = er.load_investment_reports(EXAMPLES / "ezhou_investment.csv", er.load_ezhou_plan())
    a = assess(plan, observations, as_of=day, investment=reports)
    for key, statuses in EXPECTED.items():
        assert a.target(key).status.value == statuses[i], key
    others = [r for r in a.results if r.key not in EXPECTED]
    for r in others:  # without a figure: overdue from the deadline day on
        assert r.status is (Status.OVERDUE if day >= r.target.deadline else Status.NO_DATA)
    assert a.overall.total == len(plan.targets)
    without = a.overall.count(Status.NO_DATA) + a.overall.count(Status.OVERDUE)
    assert without == len(others) + (i == 0)
    assert a.overall.reported == a.overall.total - without
    health = a.money_for("public_health")
    assert health.first_year_rate == Decimal("6.1") / Decimal("5.8")
    assert a.money_total.completed is None  # not every category reported


def test_the_example_5g_figures_follow_from_the_data() -> None:
    plan = er.load_ezhou_plan()
    observations = er.load_observations(EXAMPLES / "ezhou_progress.csv", er.load_ezhou_plan())
    first = assess(plan, observations, as_of=date(2020, 12, 31))
    r = first.target("new_infrastructure.base_stations_5g")
    assert r.progress == pytest.approx(500 / 2000)
    assert r.expected_progress == pytest.approx(366 / 1096)
    assert r.gap == pytest.approx(500 / 2000 - 366 / 1096)
    last = assess(plan, observations, as_of=END).target("new_infrastructure.base_stations_5g")
    assert last.reason.startswith("missed: 1444 base stations as of 2022-12-31 against at least")
    eve = assess(plan, observations, as_of=date(2022, 12, 30))
    assert eve.target(last.key).projected_value is not None  # two figures: a trend


def test_reasons_name_counted_things_in_plain_english() -> None:
    plan = er.load_ezhou_plan()
    target = plan.target("public_health.district_cdcs")
    result = er.assess(
        plan, [er.Observation.for_target(target, date(2021, 6, 30), 1)], as_of=date(2021, 6, 30)
    ).target(target.key)
    assert "1 of 3 CDCs" in result.reason


def test_districts_roll_up_their_own_targets() -> None:
    plan = er.load_ezhou_plan()
    extra = er.Observation(
        "urban.old_neighbourhoods_echeng", date(2021, 6, 30), er.Q_(Decimal(40), "neighbourhood")
    )
    a = er.assess(plan, [*example_observations(), extra], as_of=date(2021, 10, 15))
    assert [r.key for r in a.districts] == [d.key for d in plan.districts]
    echeng = a.district("echeng")
    assert echeng.scope == "district"
    assert echeng.name_zh == "鄂城区"
    assert {r.key for r in echeng.results} == {t.key for t in plan.district_targets("echeng")}
    assert echeng.count(er.Status.OFF_TRACK) == 1
    assert echeng.worst[0].key == "urban.old_neighbourhoods_echeng"
    assert "按区 by district" in str(a)
    assert "按区 By district" in a._repr_html_()
    with pytest.raises(KeyError):
        a.district("wuchang")
