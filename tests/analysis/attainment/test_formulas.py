"""The numeric formulas: boundaries, direction, and the same answers for numbers and arrays."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ezhou_recovery.analysis.attainment import formulas as f

NAN = math.nan
finite = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
maybe_baseline = st.one_of(st.just(NAN), finite)


# Progress ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "baseline", "higher", "expected"),
    [
        # at least, with a baseline: (a - b) / (t - b)
        (900.0, 1600.0, 200.0, True, 0.5),
        (200.0, 1600.0, 200.0, True, 0.0),
        (1600.0, 1600.0, 200.0, True, 1.0),
        (100.0, 1600.0, 200.0, True, -100 / 1400),  # moved away
        # at most, with a baseline: (b - a) / (b - t)
        (12.0, 10.0, 15.0, False, 0.6),
        (10.0, 10.0, 15.0, False, 1.0),
        (16.0, 10.0, 15.0, False, -0.2),
        # without a baseline
        (1444.0, 2000.0, NAN, True, 0.722),
        (0.0, 0.0, NAN, True, 1.0),
        (5.0, 10.0, NAN, False, 1.0),
        # an at-most target without a baseline is a limit: met (1) or not (0), however far
        (20.0, 10.0, NAN, False, 0.0),
        (30.0, 10.0, NAN, False, 0.0),
        # a baseline that already meets the target: a value that no longer does moved away,
        # progress is the shortfall as a negative share of the target
        (12.0, 10.0, 8.0, False, -0.2),
        (20.0, 10.0, 5.0, False, -1.0),
        (50.0, 100.0, 150.0, True, -0.5),
        (9.0, 10.0, 8.0, False, 1.0),
        (120.0, 100.0, 150.0, True, 1.2),
    ],
)
def test_progress_table(
    actual: float, target: float, baseline: float, higher: bool, expected: float
) -> None:
    assert f.progress(actual, target, baseline, higher) == pytest.approx(expected)


@given(finite, finite, finite, maybe_baseline)
def test_progress_is_monotone_for_at_least_targets(
    a: float, b: float, target: float, baseline: float
) -> None:
    lo, hi = sorted((a, b))
    assert f.progress(lo, target, baseline, True) <= f.progress(hi, target, baseline, True)


@given(finite, finite, finite, maybe_baseline)
def test_progress_is_mirrored_for_at_most_targets(
    a: float, b: float, target: float, baseline: float
) -> None:
    lo, hi = sorted((a, b))
    assert f.progress(lo, target, baseline, False) >= f.progress(hi, target, baseline, False)


@given(finite, maybe_baseline)
def test_progress_is_one_exactly_at_the_target_from_any_baseline(
    target: float, baseline: float
) -> None:
    for higher in (True, False):
        assert f.progress(target, target, baseline, higher) == pytest.approx(1.0)


# Meeting the target -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "comparator", "met"),
    [
        (100.0, 100.0, 1, True),
        (99.99, 100.0, 1, False),
        (100.01, 100.0, 1, True),
        (10.0, 10.0, -1, True),
        (10.01, 10.0, -1, False),
        (9.99, 10.0, -1, True),
        (3.0, 3.0, 0, True),
        (3.01, 3.0, 0, False),
        (77600 * 0.001, 77.6, 1, True),  # 77.60000000000001 or 77.6: the tolerance absorbs it
        (77.6 * (1 - 1e-12), 77.6, 1, True),
        (77.6 * (1 - 1e-6), 77.6, 1, False),
    ],
)
def test_meets(actual: float, target: float, comparator: int, met: bool) -> None:
    assert f.meets(actual, target, comparator) is met


# Time progress ----------------------------------------------------------------------------------


def test_elapsed_share_counts_days_inclusively() -> None:
    start, end = 0.0, 1095.0  # 2020-01-01 .. 2022-12-31: 1096 days
    assert f.elapsed_share(start, end, start - 1) == 0.0
    assert f.elapsed_share(start, end, start) == pytest.approx(1 / 1096)
    assert f.elapsed_share(start, end, 365.0) == pytest.approx(366 / 1096)
    assert f.elapsed_share(start, end, end) == 1.0
    assert f.elapsed_share(start, end, end + 1) == 1.0
    assert f.elapsed_share(start, end, start - 100) == 0.0


def test_elapsed_share_exact_is_decimal() -> None:
    share = f.elapsed_share_exact(0, 1095, 365)
    assert share == Decimal(366) / Decimal(1096)
    assert f.elapsed_share_exact(0, 1095, 2000) == Decimal(1)
    assert f.elapsed_share_exact(0, 1095, -5) == Decimal(0)


# Status bands -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "expected", "code"),
    [
        (0.95, 1.0, f.ON_TRACK),  # exactly at the on-track band
        (0.9499, 1.0, f.AT_RISK),
        (0.60, 1.0, f.AT_RISK),  # exactly at the at-risk band
        (0.5999, 1.0, f.OFF_TRACK),
        (0.0, 0.0, f.ON_TRACK),  # nothing expected yet
        (-0.2, 0.0, f.OFF_TRACK),  # moved away, even with nothing expected yet
        (-0.1, 0.5, f.OFF_TRACK),
        (0.475, 0.5, f.ON_TRACK),
    ],
)
def test_status_bands(progress: float, expected: float, code: int) -> None:
    assert f.status_code(True, False, False, progress, expected, 0.95, 0.60) == code


def test_status_precedence() -> None:
    assert f.status_code(False, True, True, 1.0, 1.0, 0.95, 0.6) == f.NO_DATA
    assert f.status_code(True, True, True, 1.0, 1.0, 0.95, 0.6) == f.ATTAINED
    assert f.status_code(True, False, True, 0.99, 1.0, 0.95, 0.6) == f.MISSED


def test_milestone_status() -> None:
    assert f.milestone_status_code(True, True, True, 1.0, 0.75) == f.ATTAINED
    assert f.milestone_status_code(True, False, True, 1.0, 0.75) == f.MISSED
    assert f.milestone_status_code(True, False, False, 0.75, 0.75) == f.AT_RISK
    assert f.milestone_status_code(True, False, False, 0.7499, 0.75) == f.ON_TRACK
    assert f.milestone_status_code(False, False, False, 0.5, 0.75) == f.NO_DATA


# Projection and catch-up ------------------------------------------------------------------------


def test_projection_continues_the_straight_line() -> None:
    assert f.projection(500.0, 0.0, 1000.0, 100.0, 300.0) == pytest.approx(2000.0)
    assert math.isnan(f.projection(500.0, 10.0, 1000.0, 10.0, 300.0))


def test_catch_up_per_quarter() -> None:
    quarter = f.DAYS_PER_QUARTER
    assert f.catch_up_per_quarter(1444.0, 2000.0, True, 0.0, 4 * quarter) == pytest.approx(139.0)
    assert f.catch_up_per_quarter(12.0, 10.0, False, 0.0, 2 * quarter) == pytest.approx(1.0)
    assert f.catch_up_per_quarter(2000.0, 2000.0, True, 0.0, quarter) == 0.0
    assert math.isnan(f.catch_up_per_quarter(1.0, 2.0, True, 5.0, 5.0))


# Money ------------------------------------------------------------------------------------------


def test_money_formulas_are_exact() -> None:
    rate = f.completion_rate(Decimal("6.1"), Decimal("5.8"))
    assert rate == Decimal("6.1") / Decimal("5.8")
    assert f.completion_rate(Decimal(1), Decimal(0)) is None
    assert f.percentage_points(Decimal("0.25"), Decimal("0.5")) == Decimal("-25.00")


# One source of truth: arrays give what numbers give -------------------------------------------

row = st.tuples(finite, finite, maybe_baseline, st.booleans(), st.integers(-1, 1))


@given(st.lists(row, min_size=1, max_size=20), st.floats(0, 1))
def test_arrays_give_the_same_results_as_numbers(rows: list[tuple], expected: float) -> None:
    actual = np.array([r[0] for r in rows])
    target = np.array([r[1] for r in rows])
    baseline = np.array([r[2] for r in rows])
    higher = np.array([r[3] for r in rows])
    comparator = np.array([r[4] for r in rows])
    progress = f.progress(actual, target, baseline, higher)
    met = f.meets(actual, target, comparator)
    codes = f.status_code(
        np.ones(len(rows), bool), met, np.zeros(len(rows), bool), progress, expected, 0.95, 0.6
    )
    pace = f.catch_up_per_quarter(actual, target, higher, 0.0, 200.0)
    for i, (a, t, b, h, c) in enumerate(rows):
        p = f.progress(a, t, b, h)
        assert progress[i] == pytest.approx(p, nan_ok=True)
        assert bool(met[i]) is bool(f.meets(a, t, c))
        assert codes[i] == f.status_code(True, f.meets(a, t, c), False, p, expected, 0.95, 0.6)
        assert pace[i] == pytest.approx(f.catch_up_per_quarter(a, t, h, 0.0, 200.0), nan_ok=True)


@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 2000)), min_size=1, max_size=20))
def test_elapsed_share_arrays_match(days: list[tuple[int, int]]) -> None:
    day = np.array([float(d) for d, _ in days])
    deadline = np.array([float(e) for _, e in days])
    shares = f.elapsed_share(np.zeros(len(days)), deadline, day)
    for i, (d, e) in enumerate(days):
        assert shares[i] == pytest.approx(f.elapsed_share(0.0, float(e), float(d)))
