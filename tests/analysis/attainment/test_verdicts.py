"""Verdicts a supervising office can defend: each rule with the figures of its case, through both
assessment paths (per object and columnar), which must give the same results."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import Observation, Status, TargetKind, parse_quantity
from ezhou_recovery.analysis.attainment import MAX_FALLS_NAMED, Thresholds, formulas, percent_text
from ezhou_recovery.analysis.validation import validate_observations
from ezhou_recovery.evidence.observations import QualitativeLevel, Quality
from ezhou_recovery.evidence.table import ObservationTable
from ezhou_recovery.examples import example_observations
from ezhou_recovery.model.targets import Baseline, BaselineQualifier

PLAN = er.load_ezhou_plan()
END = date(2022, 12, 31)


def both(
    programme: er.Programme, observations: list[Observation], as_of: date, **kw: Any
) -> er.Assessment:
    """The assessment through both paths, checked to be identical."""
    by_object = er.assess(programme, observations, as_of=as_of, columnar=False, **kw)
    table = ObservationTable.from_observations(programme, observations)
    by_table = er.assess(programme, table, as_of=as_of, **kw)
    for x, y in zip(by_object.results, by_table.results, strict=True):
        for field in attrs.fields(er.TargetResult):
            assert getattr(x, field.name) == getattr(y, field.name), (x.key, field.name)
    assert by_object == by_table
    return by_object


def one(key: str, as_of: date, *values: tuple[date, Any], **kw: Any) -> er.TargetResult:
    target = PLAN.target(key)
    quality = kw.pop("quality", Quality.REPORTED)
    observations = [
        Observation.for_target(target, day, value, quality=quality) for day, value in values
    ]
    return both(PLAN, observations, as_of, **kw).target(key)


def with_target(key: str, **changes: Any) -> er.Programme:
    """The Ezhou plan with one target changed."""
    categories = []
    for c in PLAN.categories:
        targets = tuple(attrs.evolve(t, **changes) if t.key == key else t for t in c.targets)
        categories.append(attrs.evolve(c, targets=targets))
    return attrs.evolve(PLAN, categories=tuple(categories))


def on(
    programme: er.Programme, key: str, as_of: date, *values: tuple[date, Any]
) -> er.TargetResult:
    target = programme.target(key)
    observations = [Observation.for_target(target, day, value) for day, value in values]
    return both(programme, observations, as_of).target(key)


# 1. The deadline day is final -------------------------------------------------------------------

TRUNK = "transport.trunk_road_grade_ii_share"
FIVE_G = "new_infrastructure.base_stations_5g"
LNG = "energy.sanjiang_lng_storage"  # a milestone due 2020-12-31
BLACK_WATER = "urban.black_odorous_water"  # a qualitative goal due 2022-12-31


def test_a_year_end_review_on_the_deadline_calls_a_shortfall_missed() -> None:
    trunk = one(TRUNK, END, (END, "78.5%"))
    assert trunk.status is Status.MISSED
    assert trunk.reason.startswith("missed: 78.5% as of 2022-12-31 against at least 80%")
    five_g = one(FIVE_G, END, (END, "1444个"))
    assert five_g.status is Status.MISSED
    assert five_g.progress == pytest.approx(0.722)
    # A figure from near the deadline (within the staleness age) also judges it.
    near = one(TRUNK, END, (END - timedelta(days=184), "78.5%"))
    assert near.status is Status.MISSED


def test_without_a_figure_to_judge_it_by_the_deadline_is_overdue() -> None:
    nothing = one(TRUNK, END)
    assert nothing.status is Status.OVERDUE
    assert nothing.reason == (
        "overdue: the deadline 2022-12-31 has come with no figure to judge it by"
    )
    old = one(TRUNK, END, (date(2021, 6, 30), "78.5%"))  # 549 days before the deadline
    assert old.status is Status.OVERDUE
    assert "78.5% against at least 80% on 2021-06-30, is 18 months older than the deadline" in (
        old.reason
    )
    assert old.value is not None  # the figure is shown, not used as a verdict
    assert Status.OVERDUE.severity == Status.MISSED.severity == 0
    assert Status.OVERDUE.label_zh == "到期无数据"


def test_a_milestone_not_done_on_its_deadline_is_missed_that_day() -> None:
    due = date(2020, 12, 31)
    assert one(LNG, due, (due, False)).status is Status.MISSED
    assert one(LNG, due - timedelta(days=1), (due - timedelta(days=1), False)).status is (
        Status.AT_RISK
    )
    assert one(LNG, due).status is Status.OVERDUE
    assert one(LNG, due, (due, True)).status is Status.ATTAINED


def test_a_qualitative_goal_short_on_its_deadline_is_missed() -> None:
    r = one(BLACK_WATER, END, (END, QualitativeLevel.BASICALLY_ACHIEVED))
    assert r.status is Status.MISSED
    assert one(BLACK_WATER, END, (date(2020, 6, 30), QualitativeLevel.IN_PROGRESS)).status is (
        Status.OVERDUE
    )


def test_worst_first_ranks_overdue_with_missed_above_at_risk() -> None:
    day = date(2021, 6, 30)
    a = both(
        PLAN,
        [
            Observation.for_target(PLAN.target(LNG), date(2020, 12, 31), False),  # missed
            Observation.for_target(PLAN.target(FIVE_G), day, "800个"),  # 40% of 49%: at risk
        ],
        day,
    )
    order = [r.status for r in a.overall.worst]
    assert order[0] is Status.MISSED
    assert Status.OVERDUE in order  # the other duties due 2020-12-31, without a figure
    assert max(i for i, s in enumerate(order) if s is Status.OVERDUE) < order.index(Status.AT_RISK)
    ranks = [s.severity for s in order]
    assert ranks == sorted(ranks)
    assert a.overall.worst_status is Status.MISSED
    assert a.overall.worst_count == 1
    assert a.overall.overall_status_text == f"missed: 1 of {a.overall.total}"


# 2. Figures from before the programme are not progress ------------------------------------------

WASTE = "urban.household_waste_safe_treatment_rate"


def test_a_figure_from_before_the_programme_never_attains() -> None:
    r = one(WASTE, date(2021, 6, 30), (date(2018, 4, 28), "100%"))
    assert r.status is Status.NO_DATA
    assert r.progress is None
    assert r.baseline_used is None  # never turned into a baseline the plan did not state
    assert r.pre_programme is not None
    assert r.pre_programme.as_of == date(2018, 4, 28)
    assert "the only figure, 100% on 2018-04-28, predates the programme" in r.reason
    assert "早于规划期" in r.reason_zh
    after = one(WASTE, END, (date(2018, 4, 28), "100%"))
    assert after.status is Status.OVERDUE
    # A figure within the programme is judged; the earlier one is not the projection's start.
    later = one(WASTE, date(2021, 6, 30), (date(2018, 4, 28), "100%"), (date(2021, 6, 30), "90%"))
    assert later.status is Status.ON_TRACK
    assert later.pre_programme is None
    assert later.projected_value is None  # one figure within the programme: no trend


# 3. Stale figures are named, and their quality ----------------------------------------------------

STARTED = "urban.old_neighbourhoods_started"


def test_a_stale_figure_is_named_with_its_age() -> None:
    r = one(STARTED, date(2022, 10, 31), (date(2020, 6, 30), "0个"))
    assert r.stale
    assert "latest figure 0 of 277" in r.reason
    assert "28 months old (2020-06-30)" in r.reason
    assert "数据陈旧" in r.reason_zh
    fresh = one(STARTED, date(2020, 12, 31), (date(2020, 6, 30), "0个"))  # 184 days
    assert not fresh.stale
    a = both(PLAN, [Observation.for_target(PLAN.target(STARTED), date(2020, 6, 30), 0)], END)
    assert not a.target(STARTED).stale  # a verdict after the deadline is final
    assert a.target(STARTED).status is Status.OVERDUE
    stale = Thresholds(stale_after_days=30)
    assert one(STARTED, date(2020, 12, 31), (date(2020, 6, 30), "0个"), thresholds=stale).stale


def test_a_final_result_is_never_stale() -> None:
    done = one(LNG, date(2022, 6, 30), (date(2020, 6, 30), True))
    assert done.status is Status.ATTAINED
    assert not done.stale
    kept = one(TRUNK, date(2022, 6, 30), (date(2020, 6, 30), "81%"))
    assert kept.status is Status.ATTAINED
    assert not kept.stale


def test_rollups_count_stale_results() -> None:
    day = date(2022, 10, 31)
    a = both(PLAN, [Observation.for_target(PLAN.target(STARTED), date(2020, 6, 30), 0)], day)
    assert a.overall.stale == 1
    assert a.category("urban").stale == 1


def test_an_estimate_is_never_shown_as_a_measured_fact() -> None:
    day = date(2021, 6, 30)
    r = one(TRUNK, day, (day, "75%"), quality=Quality.ESTIMATE)
    assert r.quality is Quality.ESTIMATE
    assert r.reason.endswith("; the figure is an estimate")
    assert "该数值为估算" in r.reason_zh
    official = one(TRUNK, day, (day, "75%"), quality=Quality.OFFICIAL_STATISTICS)
    assert "the figure is official statistics" in official.reason
    reported = one(TRUNK, day, (day, "75%"))
    assert reported.quality is Quality.REPORTED
    assert "the figure is" not in reported.reason


# 4. and 5. Moving away from the target; limits without a baseline --------------------------------

CIRCLE = "public_health.emergency_circle_central"  # at most 10 minutes, no baseline in the plan


def test_moving_away_from_a_baseline_that_met_the_target_is_a_regression() -> None:
    plan = with_target(CIRCLE, baseline=Baseline(parse_quantity("8分钟")))
    day = date(2021, 6, 30)
    r = on(plan, CIRCLE, day, (day, "12分钟"))
    assert r.progress == pytest.approx(-0.2)  # 2 minutes over a limit of 10: -20%
    assert r.status in (Status.AT_RISK, Status.OFF_TRACK)
    assert r.status is Status.OFF_TRACK
    assert "moved away from the target: the baseline 8 minutes met it, progress -20%" in r.reason
    assert "83%" not in r.reason
    assert "偏离目标" in r.reason_zh
    # Even before any time has passed, moving away is never on track.
    assert formulas.status_code(True, False, False, -0.2, 0.0, 0.95, 0.6) == formulas.OFF_TRACK


def test_an_at_most_target_without_a_baseline_is_a_limit() -> None:
    day = date(2020, 3, 31)  # little time has gone
    r = one(CIRCLE, day, (day, "30分钟"))
    assert r.status is Status.AT_RISK  # never on track
    assert r.progress == 0.0
    assert "30 minutes against at most 10 minutes" in r.reason
    assert "a limit not met" in r.reason
    near = one(CIRCLE, day, (day, "10.5分钟"))
    assert near.status is Status.AT_RISK
    met = one(CIRCLE, day, (day, "9分钟"))
    assert met.status is Status.ATTAINED


# 6. A falling running total is flagged -----------------------------------------------------------


def test_a_falling_running_total_is_a_finding() -> None:
    values = ((date(2021, 6, 30), "2100个"), (date(2021, 12, 31), "1900个"))
    r = one(FIVE_G, date(2022, 1, 31), *values)
    assert r.findings == (
        "the running total fell from 2100 base stations on 2021-06-30 to 1900 base stations on "
        "2021-12-31",
    )
    assert "data problem: the running total fell from 2100 base stations on 2021-06-30" in (
        r.reason
    )
    assert "累计数回落" in r.reason_zh
    assert r.value == er.Q_(1900, "base_station")  # judged on the latest figure, and says so
    rising = one(
        FIVE_G, date(2022, 1, 31), (date(2021, 6, 30), "1900个"), (date(2021, 12, 31), "2100个")
    )
    assert rising.findings == ()


def test_a_total_that_falls_often_names_its_first_falls_and_counts_them_all() -> None:
    # Up and down every quarter: five falls; the result names three and counts five.
    figures = (2100, 1900, 2000, 1800, 1900, 1700, 1800, 1600, 1700, 1500)
    days = [date(2020, 3, 31) + timedelta(days=91 * i) for i in range(len(figures))]
    r = one(
        FIVE_G, date(2022, 12, 31), *((d, f"{n}个") for d, n in zip(days, figures, strict=True))
    )
    assert len(r.findings) == MAX_FALLS_NAMED + 1 == 4
    assert r.findings[0].startswith("the running total fell from 2100 base stations on 2020-03-31")
    assert r.findings[2].startswith("the running total fell from 1900 base stations")
    assert r.findings[-1] == (
        "the running total fell 5 times in all; the first 3 are named here "
        "(validate_observations names every one)"
    )
    every = validate_observations(
        PLAN,
        [
            Observation.for_target(PLAN.target(FIVE_G), d, f"{n}个")
            for d, n in zip(days, figures, strict=True)
        ],
    )
    assert len(every) == 5


def test_validate_reports_a_falling_running_total() -> None:
    target = PLAN.target(FIVE_G)
    observations = [
        Observation.for_target(target, date(2021, 6, 30), "2100个"),
        Observation.for_target(target, date(2021, 12, 31), "1900个"),
    ]
    findings = validate_observations(PLAN, observations)
    falls = [f for f in findings if f.code == "running-total-fell"]
    assert len(falls) == 1
    assert "2100" in falls[0].what
    assert "1900" in falls[0].what
    assert "2021-06-30" in falls[0].what
    assert "2021-12-31" in falls[0].what
    assert falls[0].where == FIVE_G


# 7. Censored baselines ----------------------------------------------------------------------------

BEDS = "public_health.convertible_ward_beds"  # at least 1600, from a baseline of 不足200


def test_a_value_inside_a_censored_baseline_is_no_progress() -> None:
    assert PLAN.target(BEDS).baseline is not None
    assert PLAN.target(BEDS).baseline.qualifier is BaselineQualifier.LESS_THAN  # type: ignore[union-attr]
    plan = with_target(BEDS, value=parse_quantity("300张"))
    day = date(2021, 6, 30)
    inside = on(plan, BEDS, day, (day, "150张"))
    assert inside.progress == 0.0
    assert "still within the baseline's range less than 200 beds" in inside.reason
    beyond = on(plan, BEDS, day, (day, "250张"))
    assert beyond.progress == pytest.approx(0.5)  # (250 - 200) / (300 - 200)


# 8. One-off builds are milestones ----------------------------------------------------------------


def test_one_off_builds_are_milestones() -> None:
    airport = [t for t in PLAN.targets if "民用机场" in t.description_zh]
    assert airport
    for t in airport:
        assert t.kind is TargetKind.MILESTONE, t.key
    for t in PLAN.targets:
        if t.value is not None and t.kind is TargetKind.CUMULATIVE:
            assert not (t.value.magnitude == 1 and "建成" in t.description_zh), t.key


# 9. Roll-ups must not hide gaps -------------------------------------------------------------------


def test_a_category_with_most_targets_unreported_does_not_read_as_done() -> None:
    category = PLAN.category("urban")
    day = date(2021, 6, 30)
    reported = category.targets[:3]
    observations = []
    for t in reported:
        if t.kind is TargetKind.MILESTONE:
            observations.append(Observation.for_target(t, day, True))
        elif t.kind is TargetKind.QUALITATIVE:
            observations.append(Observation.for_target(t, day, QualitativeLevel.ACHIEVED))
        else:
            assert t.value is not None
            observations.append(Observation(t.key, day, t.value))
    rollup = both(PLAN, observations, day).category("urban")
    assert rollup.reported == 3
    assert rollup.coverage == pytest.approx(3 / len(category.targets))
    assert rollup.mean_progress_reported is not None
    assert rollup.mean_progress_reported >= 0.89
    assert rollup.mean_progress == pytest.approx(
        rollup.mean_progress_reported * 3 / len(category.targets)
    )


def test_progress_is_clipped_for_means() -> None:
    plan = with_target(CIRCLE, baseline=Baseline(parse_quantity("8分钟")))
    day = date(2021, 6, 30)
    target = plan.target(CIRCLE)
    a = both(plan, [Observation.for_target(target, day, "12分钟")], day)
    r = a.target(CIRCLE)
    assert r.progress is not None
    assert r.progress < 0
    assert r.capped_progress == 0.0
    rollup = a.category("public_health")
    assert rollup.mean_progress_reported == 0.0


# 11. Rounding never flatters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.996, "99%"), (1.0, "100%"), (0.9999, "99%"), (0.29, "29%"), (-0.004, "-1%"), (0.0, "0%")],
)
def test_a_percentage_never_reads_higher_than_it_is(share: float, text: str) -> None:
    assert percent_text(share) == text


def test_a_target_just_short_never_reads_100_percent() -> None:
    day = date(2021, 6, 30)
    r = one(FIVE_G, day, (day, "1992个"))  # 99.6%
    assert "99% of target" in r.reason
    assert "100%" not in r.reason.split("with")[0]


# Properties ----------------------------------------------------------------------------------------

QUANTITIES = st.integers(0, 3000)


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2019, 12, 31)), QUANTITIES, st.dates(date(2020, 1, 1), END))
def test_a_pre_programme_figure_never_attains(day: date, value: int, as_of: date) -> None:
    for key in (FIVE_G, TRUNK, WASTE, CIRCLE):
        target = PLAN.target(key)
        observation = Observation(target.key, day, er.Q_(value, target.value.units))  # type: ignore[union-attr]
        r = er.assess(PLAN, [observation], as_of=as_of).target(key)
        assert r.status not in (Status.ATTAINED, Status.ON_TRACK)
        assert r.progress is None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.dates(date(2020, 1, 1), date(2023, 6, 30)), QUANTITIES), max_size=4),
    st.integers(0, 400),
)
def test_on_or_after_the_deadline_never_on_track_or_at_risk(
    values: list[tuple[date, int]], days_after: int
) -> None:
    as_of = END + timedelta(days=days_after)
    observations = []
    for key in (FIVE_G, TRUNK, CIRCLE, "ecology.village_living_environment"):
        target = PLAN.target(key)
        assert target.value is not None
        observations += [
            Observation(key, day, er.Q_(n, target.value.units)) for day, n in dict(values).items()
        ]
    for done in (True, False):
        a = er.assess(
            PLAN,
            [*observations, Observation(LNG, date(2020, 12, 31), done)],
            as_of=max(as_of, date(2020, 12, 31)),
        )
        for r in a.results:
            if a.as_of >= r.target.deadline:
                assert r.status not in (Status.ON_TRACK, Status.AT_RISK), r.key
                assert not r.stale


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLAN.targets), st.booleans()), max_size=12), st.data())
def test_headline_mean_is_at_most_the_mean_over_reported(
    picks: list[tuple[er.Target, bool]], data: st.DataObject
) -> None:
    day = date(2021, 6, 30)
    observations = {}
    for t, high in picks:
        if t.kind is TargetKind.MILESTONE:
            value: Any = high
        elif t.kind is TargetKind.QUALITATIVE:
            value = QualitativeLevel.ACHIEVED if high else QualitativeLevel.IN_PROGRESS
        else:
            assert t.value is not None
            value = t.value * (Decimal(data.draw(st.integers(0, 20))) / 10)
        observations[t.key] = Observation(t.key, day, value)
    a = er.assess(PLAN, list(observations.values()), as_of=day)
    for rollup in (a.overall, *a.categories, *a.departments, *a.officials):
        if rollup.mean_progress_reported is None:
            assert rollup.reported == 0
            continue
        assert rollup.mean_progress is not None
        assert rollup.mean_progress <= rollup.mean_progress_reported + 1e-12
        if rollup.reported == rollup.total:
            assert rollup.mean_progress == pytest.approx(rollup.mean_progress_reported)
        assert 0 <= rollup.mean_progress <= 1


def test_an_annual_rate_with_the_current_year_unreported_is_not_attained() -> None:
    key = "ecology.village_living_environment"
    values = ((date(2020, 12, 31), "12村"), (date(2021, 12, 31), "13村"))
    eve = one(key, date(2022, 12, 30), *values)
    assert eve.status is Status.ON_TRACK  # 2022 is open without a report yet
    assert "2022: no report yet" in eve.reason
    due = one(key, END, *values)
    assert due.status is Status.MISSED  # on the deadline 2022 closed without a report


def test_every_view_of_a_rollup_shows_coverage_and_the_worst_status() -> None:
    day = date(2021, 6, 30)
    a = er.assess(PLAN, example_observations(), as_of=day)
    urban = a.category("urban")
    total = len(PLAN.category("urban").targets)
    everything = len(PLAN.targets)
    assert (urban.reported, urban.total) == (3, total)
    assert f"3/{total}" in str(a)
    assert f"data for 13 of {everything} targets; worst: missed: 1 of {everything}" in str(a)
    assert f"3/{total}" in a._repr_html_()
    assert "逾期未完成 missed 1" in a._repr_html_()
    assert f"data for 3 of {total} targets" in str(urban)
    frame = a.rollups_frame("category").set_index("key")
    assert frame.loc["urban", "coverage"] == pytest.approx(3 / total)
    assert frame.loc["urban", "mean_progress"] == pytest.approx(urban.mean_progress)
    assert frame.loc["urban", "worst_status"] == "missed"
    pytest.importorskip("matplotlib")
    from ezhou_recovery.display import charts

    figure = charts.attainment_chart(a)
    drawn = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert any(f"3/{total}" in t for t in drawn)


def test_an_annual_rate_with_only_a_pre_programme_figure_says_so() -> None:
    key = "ecology.village_living_environment"
    r = one(key, date(2021, 6, 30), (date(2019, 12, 31), "12村"))
    assert r.status is Status.NO_DATA
    assert r.pre_programme is not None
    assert "predates the programme" in r.reason
