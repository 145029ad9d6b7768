"""The rules of each kind of target: from the observations selected for a target to its status,
progress, projection and pace (docs/methodology.md). A level and a cumulative target share the
quantity rule; an annual rate, a milestone and a qualitative goal have their own. The numbers come
from :mod:`~ezhou_recovery.analysis.attainment.formulas`, the sentences from :mod:`._reasons`.

:func:`result_for` is the entry point of both paths, per-object and columnar.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

import attrs

from ezhou_recovery.analysis.attainment import _reasons as words
from ezhou_recovery.analysis.attainment import formulas as f
from ezhou_recovery.analysis.attainment._results import TargetResult, YearResult
from ezhou_recovery.analysis.attainment._selection import Selection, magnitude, year_span
from ezhou_recovery.analysis.attainment._status import Status
from ezhou_recovery.analysis.attainment._thresholds import Thresholds
from ezhou_recovery.evidence._values import exact_quantity
from ezhou_recovery.evidence.observations import Observation, QualitativeLevel
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import (
    ABOUT_TOLERANCE,
    BaselineQualifier,
    Comparator,
    Target,
    TargetKind,
)
from ezhou_recovery.units import Q_, Quantity

__all__ = ["result_for"]

# Indexed by the status codes of ``formulas``.
_BY_CODE: Final = (
    Status.ATTAINED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.MISSED,
    Status.NO_DATA,
    Status.OVERDUE,
)
_COMPARATOR_CODE: Final = {Comparator.AT_LEAST: 1, Comparator.AT_MOST: -1, Comparator.EQUAL: 0}


def result_for(
    programme: Programme, target: Target, sel: Selection, as_of: date, th: Thresholds
) -> TargetResult:
    """The result of one target from its selected observations."""
    if target.kind is TargetKind.ANNUAL_RATE:
        return _annual(programme, target, sel, as_of, th)
    judged = sel.judged
    if judged is not None and judged.as_of < programme.period.start:
        # Evidence of the starting point only (docs/methodology.md, "Figures from before the
        # programme"): judged as if there were no figure, and said so.
        return _no_data(programme, target, sel, as_of, pre=judged)
    if judged is None:
        return _no_data(programme, target, sel, as_of)
    if target.kind is TargetKind.MILESTONE:
        result = _milestone(programme, target, sel, judged, as_of, th)
    elif target.kind is TargetKind.QUALITATIVE:
        result = _qualitative(programme, target, sel, judged, as_of, th)
    else:
        result = _quantity(programme, target, sel, judged, as_of, th)
    return _finish(result, target, judged, as_of, th)


def _day(d: date) -> float:
    return float(d.toordinal())


def _overdue_if_stale(
    status: Status, judged: Observation, target: Target, th: Thresholds
) -> Status:
    """A miss judged by a figure too old, at the deadline, to judge the deadline by is overdue."""
    if status is Status.MISSED and (target.deadline - judged.as_of).days > th.stale_after_days:
        return Status.OVERDUE
    return status


def _within_tolerance(target: Target, goal: float) -> float:
    """The goal to meet: an approximate target's (80%左右) is eased by ``ABOUT_TOLERANCE``."""
    if not target.about:
        return goal
    if target.comparator is Comparator.AT_MOST:
        return goal * (1 + ABOUT_TOLERANCE)
    return goal * (1 - ABOUT_TOLERANCE)


def _start_day(programme: Programme, target: Target) -> date:
    """Where a target's time runs from: the day after its baseline's date, if it has one before
    the deadline, else the programme's start."""
    b = target.baseline
    if (
        target.kind is TargetKind.LEVEL
        and b is not None
        and b.as_of is not None
        and b.as_of < target.deadline
    ):
        return b.as_of + timedelta(days=1)
    return programme.period.start


def _baseline(target: Target) -> tuple[Quantity | None, bool]:
    """The baseline to count progress from, in the target's unit, and whether it is exact."""
    if target.baseline is not None:
        exact = target.baseline.qualifier is BaselineQualifier.EXACT
        return target.baseline.value.to(target.unit), exact
    if target.kind is TargetKind.CUMULATIVE:
        return Q_(0, target.unit), True  # an amount to build starts from nothing
    return None, True


def _censored_away(target: Target) -> bool:
    """Whether the baseline is a bound on the far side of the target ("不足200" for an at-least
    target): a value still inside its range is no progress."""
    b = target.baseline
    if b is None:
        return False
    if target.comparator is Comparator.AT_LEAST:
        return b.qualifier is BaselineQualifier.LESS_THAN
    if target.comparator is Comparator.AT_MOST:
        return b.qualifier is BaselineQualifier.MORE_THAN
    return False


def _finish(
    result: TargetResult, target: Target, judged: Observation, as_of: date, th: Thresholds
) -> TargetResult:
    """Add what every judged result carries: the figure's quality, its staleness, and the data
    problems found, each also in the reasons."""
    final = result.status in (Status.ATTAINED, Status.MISSED, Status.OVERDUE)
    stale = not final and (as_of - judged.as_of).days > th.stale_after_days
    note, note_zh = words.figure_notes(target, judged, as_of, stale=stale, findings=result.findings)
    return attrs.evolve(
        result,
        stale=stale,
        quality=judged.quality,
        reason=result.reason + note,
        reason_zh=result.reason_zh + note_zh,
    )


def _quantity(
    programme: Programme,
    target: Target,
    sel: Selection,
    judged: Observation,
    as_of: date,
    th: Thresholds,
) -> TargetResult:
    assert target.value is not None
    passed = as_of >= target.deadline
    unit = target.unit
    goal = magnitude(target.value)
    comparator = _COMPARATOR_CODE[target.comparator]
    baseline_q, exact = _baseline(target)
    base = magnitude(baseline_q) if baseline_q is not None else math.nan
    if target.comparator is Comparator.EQUAL:
        higher = math.isnan(base) or base <= goal
    else:
        higher = target.higher_is_better
    start = _start_day(programme, target)
    expected = f.elapsed_share(_day(start), _day(target.deadline), _day(as_of))
    actual = magnitude(judged.value)
    censored = _censored_away(target)
    progress = f.progress(actual, goal, base, higher)
    if censored:
        progress = max(progress, 0.0)
    attained = bool(f.meets(actual, _within_tolerance(target, goal), comparator))
    code = f.status_code(True, attained, passed, progress, expected, th.on_track, th.at_risk)
    status = _BY_CODE[int(code)]
    limit = target.comparator is Comparator.AT_MOST and baseline_q is None and not attained
    if limit and not passed:
        status = Status.AT_RISK  # a limit not met, with nothing to measure progress from
    status = _overdue_if_stale(status, judged, target, th)
    projected = projected_progress = catch_up = None
    if not passed:
        first = sel.first
        if sel.usable >= 2 and first is not None:
            value = f.projection(
                magnitude(first.value),
                _day(first.as_of),
                actual,
                _day(judged.as_of),
                _day(target.deadline),
            )
            if not math.isnan(value):
                projected = Q_(value, unit)
                projected_progress = f.progress(value, goal, base, higher)
                if censored:
                    projected_progress = max(projected_progress, 0.0)
        pace = f.catch_up_per_quarter(actual, goal, higher, _day(as_of), _day(target.deadline))
        if not math.isnan(pace):
            catch_up = Q_(pace, unit)
    assert isinstance(judged.value, type(target.value))
    moved_away = (
        target.baseline is not None
        and target.comparator is not Comparator.EQUAL
        and bool(f.meets(base, goal, comparator))
        and not attained
    )
    findings = words.fall_findings(sel.falls, sel.fall_count)
    if status is Status.OVERDUE:
        reason, reason_zh = words.overdue_reasons(judged, target, th)
    else:
        reason, reason_zh = words.quantity_reasons(
            target,
            status,
            judged,
            progress,
            expected,
            exact,
            moved_away=moved_away,
            limit=limit,
            over=target.comparator is Comparator.AT_MOST and not attained and not limit,
            censored=censored and progress == 0.0 and not attained,
        )
    return TargetResult(
        target=target,
        status=status,
        value=judged.value,
        value_as_of=judged.as_of,
        latest=sel.latest,
        observations=sel.count,
        progress=progress,
        expected_progress=expected,
        gap=progress - expected,
        projected_value=projected,
        projected_progress=projected_progress,
        catch_up_per_quarter=catch_up,
        baseline_used=baseline_q,
        baseline_exact=exact,
        findings=findings,
        reason=reason,
        reason_zh=reason_zh,
    )


def _no_data(
    programme: Programme,
    target: Target,
    sel: Selection,
    as_of: date,
    *,
    pre: Observation | None = None,
) -> TargetResult:
    """A result without a figure to judge: NO_DATA, or OVERDUE from the deadline day on."""
    status = Status.OVERDUE if as_of >= target.deadline else Status.NO_DATA
    start = _start_day(programme, target)
    expected = f.elapsed_share(_day(start), _day(target.deadline), _day(as_of))
    baseline_q: Quantity | None = None
    exact = True
    if target.kind in (TargetKind.LEVEL, TargetKind.CUMULATIVE):
        baseline_q, exact = _baseline(target)
    reason, reason_zh = words.no_data_reasons(
        programme, target, as_of, count=sel.count, latest=sel.latest, pre=pre
    )
    return TargetResult(
        target=target,
        status=status,
        value=None,
        value_as_of=None,
        latest=sel.latest,
        observations=sel.count,
        progress=None,
        expected_progress=expected,
        gap=None,
        baseline_used=baseline_q,
        baseline_exact=exact,
        pre_programme=pre,
        reason=reason,
        reason_zh=reason_zh,
    )


def _milestone(
    programme: Programme,
    target: Target,
    sel: Selection,
    judged: Observation,
    as_of: date,
    th: Thresholds,
) -> TargetResult:
    latest = sel.latest
    passed = as_of >= target.deadline
    expected = f.elapsed_share(_day(programme.period.start), _day(target.deadline), _day(as_of))
    done = judged.value is True
    code = f.milestone_status_code(True, done, passed, expected, th.milestone_at_risk)
    status = _BY_CODE[int(code)]
    status = _overdue_if_stale(status, judged, target, th)
    progress = 1.0 if done else 0.0
    reason, reason_zh = words.milestone_reasons(target, status, judged, latest, expected, th)
    return TargetResult(
        target=target,
        status=status,
        value=done,
        value_as_of=judged.as_of,
        latest=latest,
        observations=sel.count,
        progress=progress,
        expected_progress=expected,
        gap=progress - expected,
        reason=reason,
        reason_zh=reason_zh,
    )


def _qualitative(
    programme: Programme,
    target: Target,
    sel: Selection,
    judged: Observation,
    as_of: date,
    th: Thresholds,
) -> TargetResult:
    passed = as_of >= target.deadline
    expected = f.elapsed_share(_day(programme.period.start), _day(target.deadline), _day(as_of))
    level = judged.value
    assert isinstance(level, QualitativeLevel)
    top = QualitativeLevel.ACHIEVED.rank
    progress = level.rank / top
    code = f.status_code(
        True,
        level is QualitativeLevel.ACHIEVED,
        passed,
        progress,
        expected,
        th.on_track,
        th.at_risk,
    )
    status = _BY_CODE[int(code)]
    status = _overdue_if_stale(status, judged, target, th)
    reason, reason_zh = words.qualitative_reasons(target, status, judged, expected, th)
    return TargetResult(
        target=target,
        status=status,
        value=level,
        value_as_of=judged.as_of,
        latest=sel.latest,
        observations=sel.count,
        progress=progress,
        expected_progress=expected,
        gap=progress - expected,
        reason=reason,
        reason_zh=reason_zh,
    )


def _annual(
    programme: Programme, target: Target, sel: Selection, as_of: date, th: Thresholds
) -> TargetResult:
    assert target.value is not None
    unit = target.unit
    rate = magnitude(target.value)
    comparator = _COMPARATOR_CODE[target.comparator]
    higher = target.higher_is_better
    first_year = programme.period.start.year
    last_year = target.deadline.year
    years: list[YearResult] = []
    total = 0.0
    exact_total = Decimal(0)  # the total reported, as the figures are written
    catch_up: Quantity | None = None
    current: Observation | None = None
    unreported: list[int] = []  # closed years without any report
    for (year, y_start, y_end), judged in zip(
        year_span(programme, target, as_of), sel.years, strict=True
    ):
        expected_y = f.elapsed_share(_day(y_start), _day(y_end), _day(as_of))
        passed_y = as_of >= y_end
        if judged is None:
            years.append(YearResult(year, None, Status.NO_DATA, None, expected_y))
            if passed_y:
                unreported.append(year)
            continue
        current = judged
        amount = magnitude(judged.value)
        total += amount
        exact_total += exact_quantity(judged.value).magnitude
        p = f.progress(amount, rate, math.nan, higher)
        attained = bool(f.meets(amount, _within_tolerance(target, rate), comparator))
        code = f.status_code(True, attained, passed_y, p, expected_y, th.on_track, th.at_risk)
        years.append(YearResult(year, judged.value, _BY_CODE[int(code)], p, expected_y))  # type: ignore[arg-type]
        if not passed_y:
            pace = f.catch_up_per_quarter(amount, rate, higher, _day(as_of), _day(y_end))
            catch_up = None if math.isnan(pace) else Q_(pace, unit)
    n_years = last_year - first_year + 1
    expected = f.elapsed_share(_day(programme.period.start), _day(target.deadline), _day(as_of))
    latest = sel.latest
    if all(y.status is Status.NO_DATA for y in years):
        early = sel.judged
        pre = early if early is not None and early.as_of < programme.period.start else None
        result = _no_data(programme, target, sel, as_of, pre=pre)
        return attrs.evolve(result, years=tuple(years))
    progress = total / (rate * n_years) if rate > 0 else 1.0
    # The headline is the worst year with a report (docs/methodology.md section 5). A year without
    # one says nothing about itself, but a closed year without one counts as nothing in the
    # period's total, and the headline is then no better than the period's own standing.
    status = min((y.status for y in years if y.value is not None), key=lambda s: s.severity)
    if unreported:
        period = f.status_code(
            True, False, as_of >= target.deadline, progress, expected, th.on_track, th.at_risk
        )
        status = min(status, _BY_CODE[int(period)], key=lambda s: s.severity)
    if status is Status.ATTAINED and (len(years) < n_years or any(y.value is None for y in years)):
        status = Status.ON_TRACK  # a year to come, or the current one, is still open
    total_q = Q_(exact_total, unit)
    reason, reason_zh = words.annual_reasons(
        target, status, years, unreported, total_q, progress, expected, n_years
    )
    result = TargetResult(
        target=target,
        status=status,
        value=total_q,
        value_as_of=current.as_of if current else None,
        latest=latest,
        observations=sel.count,
        progress=progress,
        expected_progress=expected,
        gap=progress - expected,
        catch_up_per_quarter=catch_up,
        years=tuple(years),
        reason=reason,
        reason_zh=reason_zh,
    )
    assert current is not None
    return _finish(result, target, current, as_of, th)
