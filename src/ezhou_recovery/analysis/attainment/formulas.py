"""The numeric formulas of attainment, written once for numbers and for numpy arrays.

Every function here takes plain Python numbers *or* numpy arrays (elementwise, broadcasting) and
gives the same result either way: the scalar path and a columnar batch path share one source of
truth. Branches are written with :func:`where` and divisions with :func:`divide`, which pick Python
or numpy operations by the type of their arguments; numpy is imported only when an array is passed,
so it is not a dependency of the scalar path.

Conventions:
    * A missing baseline is ``nan``.
    * Days are day numbers (``date.toordinal()``), as numbers or arrays.
    * ``higher_is_better`` is a bool (or bool array): False for at-most targets.
    * Status results are the integer codes ``ATTAINED`` ... ``NO_DATA`` below.

The method is described, with references, in ``docs/methodology.md``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import numpy.typing as npt

    #: A number or an array of numbers: a float in gives a float out, an array an array.
    Real = TypeVar("Real", float, npt.NDArray[np.float64])
    #: A truth value or an array of them.
    Truth: TypeAlias = bool | npt.NDArray[np.bool_]
    #: A status code or an array of them.
    Code: TypeAlias = int | npt.NDArray[np.int64]

__all__ = [
    "ATTAINED",
    "AT_RISK",
    "DAYS_PER_QUARTER",
    "MATCH_TOLERANCE",
    "MISSED",
    "NO_DATA",
    "OFF_TRACK",
    "ON_TRACK",
    "OVERDUE",
    "catch_up_per_quarter",
    "completion_rate",
    "divide",
    "elapsed_share",
    "elapsed_share_exact",
    "meets",
    "milestone_status_code",
    "percentage_points",
    "progress",
    "projection",
    "status_code",
    "where",
]

# Status codes, in the order of :class:`ezhou_recovery.Status`.
ATTAINED: Final = 0
ON_TRACK: Final = 1
AT_RISK: Final = 2
OFF_TRACK: Final = 3
MISSED: Final = 4
NO_DATA: Final = 5
OVERDUE: Final = 6

#: Relative tolerance when comparing a value with its target, so that a float value converted from
#: another unit (77,600 m read as 77.6 km) is not judged short by a rounding error.
MATCH_TOLERANCE: Final = 1e-9
#: Average length of a calendar quarter in days (365.25 / 4), for the catch-up pace.
DAYS_PER_QUARTER: Final = 365.25 / 4


def _is_scalar(*values: Any) -> bool:
    return all(isinstance(v, int | float) for v in values)


def where(condition: Any, if_true: Any, if_false: Any) -> Any:
    """``if_true`` where ``condition`` holds, else ``if_false`` (elementwise for arrays)."""
    if _is_scalar(condition, if_true, if_false):
        return if_true if condition else if_false
    import numpy as np

    return np.where(condition, if_true, if_false)


def divide(numerator: Any, denominator: Any, fallback: Any) -> Any:
    """``numerator / denominator``, or ``fallback`` where the denominator is zero (or nan)."""
    if _is_scalar(numerator, denominator, fallback):
        if denominator == 0 or math.isnan(denominator):
            return float(fallback)
        return float(numerator) / float(denominator)
    import numpy as np

    n, d = np.broadcast_arrays(np.asarray(numerator, float), np.asarray(denominator, float))
    ok = (d != 0) & ~np.isnan(d)
    out = np.broadcast_to(np.asarray(fallback, float), n.shape).copy()
    with np.errstate(over="ignore"):  # a huge quotient is inf, as in Python
        np.divide(n, d, out=out, where=ok)
    return out


def progress(actual: Real, target: Real, baseline: Real, higher_is_better: Truth) -> Real:
    """Share of the way from the baseline to the target that ``actual`` has come.

    With a usable baseline (on the far side of the target): ``(actual - baseline) / (target -
    baseline)``, which for an at-most target equals ``(baseline - actual) / (baseline - target)``
    (TolaData / Mercy Corps IPTT percent met). It is negative when the value moved away from the
    target and above 1 when it went beyond.

    With a baseline that already meets the target: 1 while ``actual`` meets it too (for an
    at-least target ``actual / target``, which may exceed 1); once it does not, the value has
    moved away and progress is the shortfall as a negative share of the target (``actual /
    target - 1`` for at least, ``1 - actual / target`` for at most): 12 min against at most 10 min
    is -0.2.

    Without a baseline (``nan``): for an at-least target ``actual / target`` (1 when the target is
    0); an at-most target is a limit with no distance to measure along, so progress is 1 when
    ``actual`` meets it and 0 when not.
    """
    distance = where(higher_is_better, target - baseline, baseline - target)
    usable = distance > 0  # False for nan
    no_baseline = baseline != baseline  # nan
    with_baseline = divide(actual - baseline, target - baseline, 0.0)
    up = divide(actual, target, 1.0)
    met = meets(actual, target, where(higher_is_better, 1, -1))
    share = divide(actual, target, 2.0)  # a zero target not met: a shortfall of 100%
    away = where(higher_is_better, share - 1.0, 1.0 - share)
    down = where(met, 1.0, where(no_baseline, 0.0, away))
    up_or_away = where(met, up, where(no_baseline, up, away))
    return where(usable, with_baseline, where(higher_is_better, up_or_away, down))  # type: ignore[no-any-return]


def meets(actual: Real, target: Real, comparator: Code) -> Truth:
    """Whether ``actual`` meets ``target``; ``comparator`` is 1 (at least), -1 (at most), 0 (equal).

    Comparisons allow a relative error of :data:`MATCH_TOLERANCE`.
    """
    slack = MATCH_TOLERANCE * where(abs(target) > 1.0, abs(target), 1.0)
    at_least = actual >= target - slack
    at_most = actual <= target + slack
    equal = abs(actual - target) <= slack
    return where(comparator > 0, at_least, where(comparator < 0, at_most, equal))  # type: ignore[no-any-return]


def elapsed_share(start: Real, deadline: Real, day: Real) -> Real:
    """Time progress: the share of the days from ``start`` to ``deadline`` (both included) that
    have passed by the end of ``day``, between 0 and 1.

    ``day == deadline`` gives 1; ``day == start - 1`` gives 0.
    """
    share = divide(day - start + 1, deadline - start + 1, 1.0)
    return where(share < 0, 0.0, where(share > 1, 1.0, share))  # type: ignore[no-any-return]


def elapsed_share_exact(start: int, deadline: int, day: int) -> Decimal:
    """:func:`elapsed_share` in exact decimal arithmetic, for money."""
    total = deadline - start + 1
    if total <= 0:
        return Decimal(1)
    share = Decimal(day - start + 1) / Decimal(total)
    return min(Decimal(1), max(Decimal(0), share))


def status_code(
    has_data: Truth,
    attained: Truth,
    deadline_passed: Truth,
    progress: Real,
    expected: Real,
    on_track: float,
    at_risk: float,
) -> Code:
    """The status code of a quantitative target.

    NO_DATA without a value; ATTAINED when the value meets the target; MISSED when the deadline has
    passed; otherwise progress is compared with expected (time) progress: at least ``on_track``
    times it is ON_TRACK (also while nothing is expected yet), at least ``at_risk`` times it is
    AT_RISK, less is OFF_TRACK. Negative progress (a value that moved away) is OFF_TRACK even
    while nothing is expected yet.

    ``deadline_passed`` is true on the deadline day itself: the verdict is final then. The caller
    turns MISSED into OVERDUE when the figure judged is too old to judge the deadline by.
    """
    banded = where(
        progress >= on_track * expected,
        ON_TRACK,
        where(progress >= at_risk * expected, AT_RISK, OFF_TRACK),
    )
    return where(  # type: ignore[no-any-return]
        has_data,
        where(attained, ATTAINED, where(deadline_passed, MISSED, banded)),
        NO_DATA,
    )


def milestone_status_code(
    has_data: Truth, done: Truth, deadline_passed: Truth, expected: Real, at_risk_elapsed: float
) -> Code:
    """The status code of a milestone: NO_DATA, ATTAINED once done, MISSED from the deadline day,
    AT_RISK when not done with at least ``at_risk_elapsed`` of the time gone, else ON_TRACK."""
    pending = where(deadline_passed, MISSED, where(expected >= at_risk_elapsed, AT_RISK, ON_TRACK))
    return where(has_data, where(done, ATTAINED, pending), NO_DATA)  # type: ignore[no-any-return]


def projection(
    first_value: Real, first_day: Real, last_value: Real, last_day: Real, deadline: Real
) -> Real:
    """The value at ``deadline`` if the mean change per day from the first to the last observation
    continues (a straight line through both); ``nan`` when the two days are the same."""
    slope = divide(last_value - first_value, last_day - first_day, math.nan)
    return last_value + slope * (deadline - last_day)  # type: ignore[no-any-return]


def catch_up_per_quarter(
    actual: Real, target: Real, higher_is_better: Truth, day: Real, deadline: Real
) -> Real:
    """The change still needed per remaining quarter to meet the target by the deadline.

    0 when the target is met; ``nan`` when no time is left. A quarter is :data:`DAYS_PER_QUARTER`
    days. The figure is a size (always >= 0): for an at-most target it is the fall still needed.
    """
    remaining = where(higher_is_better, target - actual, actual - target)
    quarters = (deadline - day) / DAYS_PER_QUARTER
    pace = divide(remaining, where(quarters > 0, quarters, 0.0), math.nan)
    return where(remaining <= 0, 0.0, pace)  # type: ignore[no-any-return]


def completion_rate(completed: Decimal, planned: Decimal) -> Decimal | None:
    """Investment completion rate ``completed / planned`` in exact decimals; None if nothing planned."""
    if planned == 0:
        return None
    return completed / planned


def percentage_points(rate: Decimal, time_share: Decimal) -> Decimal:
    """Ahead (+) or behind (-) time progress, in percentage points: ``(rate - time_share) * 100``."""
    return (rate - time_share) * 100
