"""Properties the library holds for any programme: attainment, roll-ups, compliance, deadlines.

Each property runs over programmes, targets, observations and submissions drawn from
:mod:`ezhou_recovery.strategies` (the fixed-plan versions are in test_attainment.py,
test_compliance.py and test_duedates.py). Drawing whole programmes is the expensive part, so these
tests use fewer examples than the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.analysis.compliance import ReportStatus, Tally
from ezhou_recovery.model.targets import Baseline, Comparator
from ezhou_recovery.units.reporting import ReportingUnit

SOME = settings(max_examples=25)
FEW = settings(max_examples=15)
#: Magnitudes used where results must be exact: whole numbers, so floats hold them exactly.
WHOLE = st.integers(0, 10**5).map(Decimal)
ORDERED_KINDS = st.sampled_from([er.TargetKind.LEVEL, er.TargetKind.CUMULATIVE])


@st.composite
def one_target_programmes(draw: st.DrawFn, **target_options: Any) -> er.Programme:
    """A generated programme whose first category holds one generated target (and no other)."""
    programme = draw(ers.programmes(max_categories=1))
    category = programme.categories[0]
    target = draw(ers.targets(category=category.key, within=programme.period, **target_options))
    return attrs.evolve(programme, categories=(attrs.evolve(category, targets=(target,)),))


def only(programme: er.Programme) -> er.Target:
    return programme.categories[0].targets[0]


def judged(programme: er.Programme, value: Any, day: date, as_of: date) -> er.TargetResult:
    target = only(programme)
    return er.assess(programme, [er.Observation(target.key, day, value)], as_of=as_of).target(
        target.key
    )


def days_in(programme: er.Programme) -> st.SearchStrategy[date]:
    return st.dates(programme.period.start, programme.period.end + timedelta(days=400))


# Attainment ---------------------------------------------------------------------------------------


@SOME
@given(st.data(), ORDERED_KINDS, st.sampled_from([Comparator.AT_LEAST, Comparator.AT_MOST]))
def test_attainment_is_monotone_in_the_value(
    data: st.DataObject, kind: er.TargetKind, comparator: Comparator
) -> None:
    programme = data.draw(one_target_programmes(kind=kind, comparator=comparator))
    target = only(programme)
    assert target.value is not None
    low, high = sorted(data.draw(st.lists(WHOLE, min_size=2, max_size=2)))
    day = data.draw(st.dates(programme.period.start, target.deadline))
    as_of = data.draw(st.dates(day, target.deadline + timedelta(days=400)))
    smaller = judged(programme, er.Q_(low, target.unit), day, as_of)
    larger = judged(programme, er.Q_(high, target.unit), day, as_of)
    assert smaller.progress is not None
    assert larger.progress is not None
    better, worse = (larger, smaller) if comparator is Comparator.AT_LEAST else (smaller, larger)
    assert better.status.severity >= worse.status.severity
    assert better.progress >= worse.progress


@SOME
@given(st.data())
def test_the_same_value_in_another_unit_gives_the_same_result(data: st.DataObject) -> None:
    programme = data.draw(one_target_programmes(kind=data.draw(ORDERED_KINDS)))
    target = only(programme)
    assert target.unit is not None
    others = [u for u in ers.UNITS if er.ureg.Unit(u).dimensionality == target.unit.dimensionality]
    unit = data.draw(st.sampled_from(others))
    value = er.Q_(data.draw(WHOLE), target.unit)
    converted = value.to(unit)
    assume(converted.to(target.unit) == value)  # an exact conversion (not 1/60 of an hour)
    day = data.draw(st.dates(programme.period.start, target.deadline))
    as_of = data.draw(st.dates(day, target.deadline + timedelta(days=400)))
    a = judged(programme, value, day, as_of)
    b = judged(programme, converted, day, as_of)
    assert (a.status, a.progress, a.expected_progress) == (
        b.status,
        b.progress,
        b.expected_progress,
    )


@SOME
@given(st.data())
def test_the_same_value_written_as_text_gives_the_same_result(data: st.DataObject) -> None:
    programme = data.draw(one_target_programmes())
    target = only(programme)
    raw = data.draw(ers.observed_values(target=target))
    day = data.draw(st.dates(programme.period.start, programme.period.end))
    read = er.Observation.for_target(target, day, raw)
    again = er.Observation.for_target(target, day, read.value)
    a = judged(programme, read.value, day, programme.period.end)
    b = judged(programme, again.value, day, programme.period.end)
    assert (a.status, a.progress) == (b.status, b.progress)


@SOME
@given(st.data())
def test_an_at_most_target_is_the_mirror_of_an_at_least_target(data: st.DataObject) -> None:
    # Reflecting every number about a ceiling M (x -> M - x) turns an at-most target into an
    # at-least one: the same status and progress for every value.
    ceiling = Decimal(10**6)
    base = data.draw(ers.programmes(max_categories=1))
    category = base.categories[0]
    goal, start = sorted(data.draw(st.lists(WHOLE, min_size=2, max_size=2, unique=True)))
    unit = data.draw(st.sampled_from(ers.UNITS))
    at_most = data.draw(
        ers.targets(
            category=category.key,
            within=base.period,
            kind=er.TargetKind.LEVEL,
            comparator=Comparator.AT_MOST,
        )
    )
    at_most = attrs.evolve(
        at_most,
        value=er.Q_(goal, unit),
        baseline=Baseline(er.Q_(start, unit)),
        reporting_unit=ReportingUnit.of(unit),
    )
    at_least = attrs.evolve(
        at_most,
        comparator=Comparator.AT_LEAST,
        value=er.Q_(ceiling - goal, unit),
        baseline=Baseline(er.Q_(ceiling - start, unit)),
    )

    def with_target(t: er.Target) -> er.Programme:
        return attrs.evolve(base, categories=(attrs.evolve(category, targets=(t,)),))

    x = data.draw(WHOLE)
    day = data.draw(st.dates(base.period.start, at_most.deadline))
    as_of = data.draw(st.dates(day, at_most.deadline + timedelta(days=400)))
    down = judged(with_target(at_most), er.Q_(x, unit), day, as_of)
    up = judged(with_target(at_least), er.Q_(ceiling - x, unit), day, as_of)
    assert (down.status, down.progress, down.expected_progress) == (
        up.status,
        up.progress,
        up.expected_progress,
    )


def consistent_observations(
    programme: er.Programme, data: st.DataObject, max_size: int = 8
) -> list[er.Observation]:
    if not len(programme.targets):
        return []
    drawn = data.draw(st.lists(ers.observations(programme=programme), max_size=max_size))
    one_per_day = {(o.target, o.as_of): o for o in drawn}  # two values on one day would disagree
    return list(one_per_day.values())


@SOME
@given(ers.programmes(), st.data())
def test_roll_ups_stay_in_range_and_count_each_target_once(
    programme: er.Programme, data: st.DataObject
) -> None:
    observations = consistent_observations(programme, data)
    as_of = data.draw(days_in(programme))
    result = er.assess(programme, observations, as_of=as_of)
    keys = [t.key for t in programme.targets]
    assert sorted(r.key for r in result.results) == sorted(keys)
    assert result.overall.total == len(keys)
    assert sum(c.total for c in result.categories) == len(keys)
    for category, rollup in zip(programme.categories, result.categories, strict=True):
        assert sorted(r.key for r in rollup.results) == sorted(t.key for t in category.targets)
    for rollup in result.departments:
        led = {
            t.key
            for c in programme.categories
            for t in c.targets
            if rollup.key in {d.key for d in c.lead_departments}
        }
        assert sorted(r.key for r in rollup.results) == sorted(led)
    for rollup in (result.overall, *result.categories, *result.departments, *result.officials):
        assert sum(rollup.counts.values()) == rollup.total
        if rollup.share_attained is not None:
            assert 0 <= rollup.share_attained <= 1
        if rollup.mean_expected_progress is not None:
            assert 0 <= rollup.mean_expected_progress <= 1
    for r in result.results:
        assert 0 <= r.expected_progress <= 1


@FEW
@given(ers.programmes(), st.data())
def test_inconsistent_observations_are_refused_or_named(
    programme: er.Programme, data: st.DataObject
) -> None:
    assume(len(programme.targets) > 0)
    bad = data.draw(ers.observations(programme=programme, consistent=False))
    try:
        result = er.assess(programme, [bad], as_of=programme.period.end)
    except (er.InvariantError, er.UnitError) as error:
        assert bad.target in str(error) or "value" in str(error)  # noqa: PT017
    else:  # only a date outside the period is not an error: it is after the assessment date
        assert bad.as_of > programme.period.end
        assert all(r.status is er.Status.NO_DATA or r.observations == 0 for r in result.results)


# Compliance ---------------------------------------------------------------------------------------


def tallies(result: er.Compliance) -> list[Tally]:
    return [
        result.programme,
        *(t for _, t in result.by_department),
        *(t for _, t in result.by_category),
        *(t for _, t in result.by_official),
    ]


def after_everything(programme: er.Programme) -> date:
    return programme.period.end + timedelta(days=120)


duty_programmes = ers.programmes(min_obligations=1)


@SOME
@given(duty_programmes, st.data())
def test_on_time_submissions_are_never_late_or_missing(
    programme: er.Programme, data: st.DataObject
) -> None:
    subs = data.draw(ers.submissions(programme=programme, kind="on_time"))
    as_of = data.draw(days_in(programme))
    for status in er.compliance(programme, subs, as_of).statuses:
        assert status.status in (ReportStatus.ON_TIME, ReportStatus.NOT_YET_DUE)
    final = er.compliance(programme, subs, after_everything(programme))
    assert all(s.status is ReportStatus.ON_TIME for s in final.statuses)
    if final.programme.expected:
        assert final.programme.on_time_rate == 1


@FEW
@given(duty_programmes, st.data())
def test_late_and_missing_submissions_are_seen_as_such(
    programme: er.Programme, data: st.DataObject
) -> None:
    late = data.draw(ers.submissions(programme=programme, kind="late"))
    result = er.compliance(programme, late, after_everything(programme))
    assert all(s.status is ReportStatus.LATE for s in result.statuses)
    missing = data.draw(ers.submissions(programme=programme, kind="missing"))
    result = er.compliance(programme, missing, after_everything(programme))
    statuses = [s.status for s in result.statuses]
    assert set(statuses) <= {ReportStatus.ON_TIME, ReportStatus.MISSING}
    assert (ReportStatus.MISSING in statuses) == bool(statuses)


@SOME
@given(duty_programmes, st.data())
def test_rates_stay_within_zero_and_one(programme: er.Programme, data: st.DataObject) -> None:
    subs = data.draw(ers.submissions(programme=programme))
    result = er.compliance(programme, subs, data.draw(days_in(programme)))
    for t in tallies(result):
        for rate in (t.reporting_rate, t.on_time_rate, t.score):
            assert rate is None or 0 <= rate <= 1
        assert t.on_time + t.late + t.missing == t.expected
    assert result.programme.expected + result.programme.not_yet_due == len(result.statuses)


@SOME
@given(duty_programmes, st.data())
def test_a_late_submission_never_raises_the_on_time_rate(
    programme: er.Programme, data: st.DataObject
) -> None:
    subs = data.draw(ers.submissions(programme=programme))
    owed = programme.deadlines()
    assume(len(owed) > 0)
    d = data.draw(st.sampled_from(tuple(owed)))
    extra = er.Submission.for_deadline(d, d.due + timedelta(days=data.draw(st.integers(1, 90))))
    as_of = data.draw(days_in(programme))
    before = er.compliance(programme, subs, as_of)
    after = er.compliance(programme, [*subs, extra], as_of)
    for b, a in zip(tallies(before), tallies(after), strict=True):
        assert a.on_time == b.on_time
        if b.on_time_rate is not None:
            assert a.on_time_rate is not None
            assert a.on_time_rate <= b.on_time_rate


@SOME
@given(duty_programmes, st.data())
def test_duplicates_never_change_rates(programme: er.Programme, data: st.DataObject) -> None:
    subs = data.draw(ers.submissions(programme=programme))
    copies = data.draw(st.lists(st.sampled_from(subs), max_size=10)) if subs else []
    shuffled = data.draw(st.permutations([*subs, *copies]))
    as_of = data.draw(days_in(programme))
    a = er.compliance(programme, subs, as_of)
    b = er.compliance(programme, shuffled, as_of)
    assert tallies(a) == tallies(b)
    assert [s.status for s in a.statuses] == [s.status for s in b.statuses]


@FEW
@given(duty_programmes, st.data())
def test_a_duplicated_report_counts_once(programme: er.Programme, data: st.DataObject) -> None:
    subs = data.draw(ers.submissions(programme=programme, kind="duplicate"))
    result = er.compliance(programme, subs, after_everything(programme))
    assert result.programme.expected == len(result.statuses)
    assert result.programme.received == len(result.statuses)
    assert all(s.resubmissions >= 1 for s in result.statuses)


# Deadlines ----------------------------------------------------------------------------------------


def window(programme: er.Programme) -> st.SearchStrategy[Sequence[date]]:
    around = st.dates(
        programme.period.start - timedelta(days=200), programme.period.end + timedelta(days=200)
    )
    return st.lists(around, min_size=2, max_size=2).map(sorted)


@SOME
@given(duty_programmes, st.data())
def test_deadlines_are_sorted_inside_the_window_and_stable(
    programme: er.Programme, data: st.DataObject
) -> None:
    start, end = data.draw(window(programme))
    found = programme.deadlines(start, end)
    assert list(found) == sorted(found)
    assert all(start <= d.due <= end for d in found)
    assert all(programme.issued < d.due <= programme.period.end for d in found)
    assert found == programme.deadlines(start, end)
    assert tuple(found) == tuple(d for d in programme.deadlines() if start <= d.due <= end)
    keys = [d.key for d in programme.deadlines()]
    assert len(keys) == len(set(keys))
    if keys:  # the strategy of a programme's deadlines draws only those it owes
        assert data.draw(ers.deadlines(programme=programme)).key in keys
