"""Target attainment: from reported values to status, progress, pace and reasons.

:func:`assess` is pure: it takes a programme, observations and investment reports, and a date, and
returns an immutable :class:`Assessment`. The method, with its references, is written down in
``docs/methodology.md``; the numeric formulas live in :mod:`ezhou_recovery.analysis.attainment.formulas`.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs
import pint

from ezhou_recovery._core import validators as v
from ezhou_recovery.analysis.attainment import formulas as f
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import (
    Observation,
    QualitativeLevel,
    Quality,
    _exact,
    normalised,
)
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import (
    ABOUT_TOLERANCE,
    BaselineQualifier,
    Comparator,
    MilestoneEvent,
    Target,
    TargetKind,
)
from ezhou_recovery.units import Q_, Quantity, format_quantity, format_words

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "AT_RISK_RATIO",
    "BATCH_MIN_OBSERVATIONS",
    "MAX_FALLS_NAMED",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "STALE_AFTER_DAYS",
    "WORST_FIRST",
    "Assessment",
    "Rollup",
    "Status",
    "TargetResult",
    "Thresholds",
    "YearResult",
    "percent_text",
]

#: Progress of at least 95% of time progress (linear pace) is on track.
ON_TRACK_RATIO: Final = 0.95
#: Progress of 60% to 95% of time progress is at risk; below 60% is off track.
AT_RISK_RATIO: Final = 0.60
#: A figure older than this many days is stale: two quarterly reporting periods (the longest two
#: consecutive quarters, July to December, have 184 days), so the figure of a quarter's end is
#: still fresh at the end of the next quarter but one.
STALE_AFTER_DAYS: Final = 184
#: From this many observations (in a sequence), :func:`assess` takes the columnar path
#: (:mod:`ezhou_recovery.evidence.table`, when numpy is installed); the results are the same.
BATCH_MIN_OBSERVATIONS: Final = 20_000
#: A milestone not done when this share of its time has gone is at risk (a convention of this
#: library: a milestone has no partial progress to compare with time progress).
MILESTONE_AT_RISK_ELAPSED: Final = 0.75
#: A result names at most this many falls of a running total, then says how many there are in all
#: (:func:`~ezhou_recovery.validate_observations` names every one).
MAX_FALLS_NAMED: Final = 3


class Status(enum.StrEnum):
    """Where a target stands on the assessment date."""

    #: The latest value meets the target (for a milestone: done by its deadline).
    ATTAINED = "attained"
    #: Progress keeps pace with time progress.
    ON_TRACK = "on_track"
    #: Progress lags time progress somewhat.
    AT_RISK = "at_risk"
    #: Progress lags time progress badly.
    OFF_TRACK = "off_track"
    #: The deadline has come and a figure from on or near it shows the target not attained.
    MISSED = "missed"
    #: No value was reported.
    NO_DATA = "no_data"
    #: The deadline has come with no figure to judge it by (none, or only one older than the
    #: staleness age at the deadline); ranked with MISSED.
    OVERDUE = "overdue"

    @property
    def severity(self) -> int:
        """0 for the worst (missed, overdue) to 5 for the best (attained); sorts worst first."""
        return _SEVERITY[self]

    @property
    def is_final(self) -> bool:
        """Whether the status is a verdict on the deadline (missed or overdue)."""
        return self in (Status.MISSED, Status.OVERDUE)

    @property
    def label_en(self) -> str:
        """``on track``, ``at risk``, ..."""
        return self.value.replace("_", " ")

    @property
    def label_zh(self) -> str:
        """已达成, 进度正常, 存在风险, 明显滞后, 逾期未完成, 无数据."""
        return _STATUS_ZH[self]


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
_SEVERITY: Final = {
    Status.MISSED: 0,
    Status.OVERDUE: 0,
    Status.OFF_TRACK: 1,
    Status.AT_RISK: 2,
    Status.NO_DATA: 3,
    Status.ON_TRACK: 4,
    Status.ATTAINED: 5,
}
#: Worst first, every status once (MISSED before OVERDUE).
WORST_FIRST: Final = tuple(sorted(Status, key=lambda s: (_SEVERITY[s], s is Status.OVERDUE)))
_STATUS_ZH: Final = {
    Status.ATTAINED: "已达成",
    Status.ON_TRACK: "进度正常",
    Status.AT_RISK: "存在风险",
    Status.OFF_TRACK: "明显滞后",
    Status.MISSED: "逾期未完成",
    Status.NO_DATA: "无数据",
    Status.OVERDUE: "到期无数据",
}
_COMPARATOR_CODE: Final = {Comparator.AT_LEAST: 1, Comparator.AT_MOST: -1, Comparator.EQUAL: 0}


def _days(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise v.fail(instance, attribute.name, value, "must be a whole number of days, at least 1")


def _ratio(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise v.fail(instance, attribute.name, value, "must be a number above 0 and at most 1")


@attrs.frozen
class Thresholds:
    """The bands that turn progress into a status; override any of them.

    Attributes:
        on_track: Progress at least this share of time progress is ON_TRACK.
        at_risk: Progress at least this share of time progress (and below ``on_track``) is
            AT_RISK; below it is OFF_TRACK.
        milestone_at_risk: A milestone not yet done when at least this share of its time has gone
            is AT_RISK.
        stale_after_days: A figure older than this many days on the assessment date is stale
            (before the deadline), and one older than this at the deadline cannot judge it
            (OVERDUE, not MISSED).
    """

    on_track: float = attrs.field(default=ON_TRACK_RATIO, validator=_ratio)
    at_risk: float = attrs.field(default=AT_RISK_RATIO, validator=_ratio)
    milestone_at_risk: float = attrs.field(default=MILESTONE_AT_RISK_ELAPSED, validator=_ratio)
    stale_after_days: int = attrs.field(default=STALE_AFTER_DAYS, validator=_days)

    def __attrs_post_init__(self) -> None:
        if self.at_risk > self.on_track:
            raise v.fail(self, "at_risk", self.at_risk, f"is above on_track {self.on_track}")


# Results ----------------------------------------------------------------------------------------


@attrs.frozen
class YearResult:
    """One calendar year of an annual-rate target, judged on its own.

    Attributes:
        year: The calendar year.
        value: The amount reported for the year (latest observation in it), None without one.
        status: The year's status.
        progress: ``value / rate`` (None without a value).
        expected_progress: Share of the year (within the programme) elapsed.
    """

    year: int
    value: Quantity | None
    status: Status
    progress: float | None
    expected_progress: float


@attrs.frozen(kw_only=True)
class TargetResult:
    """Where one target stands on the assessment date.

    Attributes:
        target: The target.
        status: Its status.
        value: The value judged: the latest at or before the assessment date (after the deadline:
            at or before the deadline); for an annual rate, the total over the years so far.
        value_as_of: The date of that value.
        latest: The latest observation at or before the assessment date, whatever its date.
        observations: How many observations at or before the assessment date were used.
        progress: Share of the way from baseline to target (direction-aware; may be below 0 or
            above 1); None without data.
        expected_progress: Time progress: share of the target's time elapsed.
        gap: ``progress - expected_progress`` (negative: behind); None without data.
        projected_value: The value at the deadline if the trend from the first to the latest
            observation continues; None with fewer than two observations or after the deadline.
        projected_progress: Progress of ``projected_value``.
        catch_up_per_quarter: The change still needed per remaining quarter (a size; for an
            at-most target a fall); for an annual rate, within the current year.
        baseline_used: The baseline value the progress was computed from, if any.
        baseline_exact: False when the baseline was given as less than, more than or about.
        years: For an annual-rate target, each year so far judged on its own.
        stale: The figure judged is older than ``Thresholds.stale_after_days`` on the assessment
            date, and the status is not final (not attained, missed or overdue).
        quality: Where the figure judged comes from (reported, official statistics, estimate).
        pre_programme: The latest figure dated before the programme's start when it is the only
            kind there is: evidence of the starting point, never progress.
        findings: Data problems found in the target's figures (a running total that fell).
        reason: One plain English sentence with the numbers.
        reason_zh: The same in Chinese.
    """

    target: Target
    status: Status
    value: Quantity | bool | QualitativeLevel | None
    value_as_of: date | None
    latest: Observation | None
    observations: int
    progress: float | None
    expected_progress: float
    gap: float | None
    projected_value: Quantity | None = None
    projected_progress: float | None = None
    catch_up_per_quarter: Quantity | None = None
    baseline_used: Quantity | None = None
    baseline_exact: bool = True
    years: tuple[YearResult, ...] = ()
    stale: bool = False
    quality: Quality | None = None
    pre_programme: Observation | None = None
    findings: tuple[str, ...] = ()
    reason: str
    reason_zh: str

    @property
    def key(self) -> str:
        """The target's key."""
        return self.target.key

    @property
    def capped_progress(self) -> float | None:
        """Progress clipped to [0, 1], as roll-ups count it."""
        return None if self.progress is None else min(max(self.progress, 0.0), 1.0)

    # Display -----------------------------------------------------------------------------------

    def __repr__(self) -> str:
        from ezhou_recovery.display.text import percent, value_text

        return (
            f"TargetResult({self.key!r}, {self.status.value}, value={value_text(self.value)}, "
            f"progress={percent(self.progress)}, expected={percent(self.expected_progress)})"
        )

    def __str__(self) -> str:
        from ezhou_recovery.display.text import result_line

        return result_line(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import target_result_html

        return target_result_html(self)


@attrs.frozen
class Rollup:
    """Targets grouped (a category, an official, a department, the programme) and summed up.

    The figures after ``results`` are computed from them when the roll-up is built (fields, so
    that they travel with it to JSON and tables).

    Attributes:
        scope: ``programme``, ``category``, ``official``, ``department`` or ``district``.
        key: The group's key (the official's English name for an official).
        name_zh: The group's name in Chinese.
        name_en: The group's name in English.
        results: Its target results, worst first (by status, then by gap, then by key).
        reported: Number of targets with a figure judged (a progress).
        coverage: ``reported / total``; None without targets.
        mean_progress: The headline: mean progress over *all* targets, each clipped to [0, 1],
            a target without data counting as 0; None without targets.
        mean_progress_reported: Mean progress over the targets with data only (clipped the same
            way); None without any. Never below ``mean_progress``.
        mean_expected_progress: Mean time progress over all targets, to set beside
            ``mean_progress``; None without targets.
        worst_status: The worst status any of its targets holds (None without targets).
        worst_count: How many targets hold it.
        stale: How many results are stale.
    """

    scope: str
    key: str
    name_zh: str
    name_en: str
    results: tuple[TargetResult, ...]
    reported: int = attrs.field(kw_only=True)
    coverage: float | None = attrs.field(kw_only=True)
    mean_progress: float | None = attrs.field(kw_only=True)
    mean_progress_reported: float | None = attrs.field(kw_only=True)
    mean_expected_progress: float | None = attrs.field(kw_only=True)
    worst_status: Status | None = attrs.field(kw_only=True)
    worst_count: int = attrs.field(kw_only=True)
    stale: int = attrs.field(kw_only=True)

    @reported.default
    def _reported(self) -> int:
        return sum(1 for r in self.results if r.progress is not None)

    @coverage.default
    def _coverage(self) -> float | None:
        return self.reported / len(self.results) if self.results else None

    @mean_progress.default
    def _mean_progress(self) -> float | None:
        values = [r.capped_progress or 0.0 for r in self.results]
        return math.fsum(values) / len(values) if values else None

    @mean_progress_reported.default
    def _mean_progress_reported(self) -> float | None:
        values = [r.capped_progress for r in self.results if r.capped_progress is not None]
        return math.fsum(values) / len(values) if values else None

    @mean_expected_progress.default
    def _mean_expected_progress(self) -> float | None:
        values = [r.expected_progress for r in self.results]
        return math.fsum(values) / len(values) if values else None

    @worst_status.default
    def _worst_status(self) -> Status | None:
        held = {r.status for r in self.results}
        return next((s for s in WORST_FIRST if s in held), None)

    @worst_count.default
    def _worst_count(self) -> int:
        return sum(1 for r in self.results if r.status is self.worst_status)

    @stale.default
    def _stale(self) -> int:
        return sum(1 for r in self.results if r.stale)

    @property
    def total(self) -> int:
        """Number of targets."""
        return len(self.results)

    def count(self, status: Status) -> int:
        """Number of targets with ``status``."""
        return sum(1 for r in self.results if r.status is status)

    @property
    def counts(self) -> dict[Status, int]:
        """Number of targets by status, every status present (a fresh dict)."""
        return {s: self.count(s) for s in Status}

    @property
    def share_attained(self) -> float | None:
        """Share of the targets attained; None without targets."""
        return self.count(Status.ATTAINED) / self.total if self.results else None

    @property
    def overall_status_text(self) -> str:
        """``at risk: 3 of 28``: the worst status with its count (``none`` without targets)."""
        if self.worst_status is None:
            return "none"
        return f"{self.worst_status.label_en}: {self.worst_count} of {self.total}"

    @property
    def overall_status_zh(self) -> str:
        """``存在风险：28项中3项``."""
        if self.worst_status is None:
            return "无"
        return f"{self.worst_status.label_zh}：{self.total}项中{self.worst_count}项"

    @property
    def worst(self) -> tuple[TargetResult, ...]:
        """The results, worst first (the same as ``results``)."""
        return self.results

    # Display -----------------------------------------------------------------------------------

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value}={n}" for s, n in self.counts.items() if n)
        return f"Rollup({self.scope} {self.key!r}, {self.total} targets: {counts or 'none'})"

    def __str__(self) -> str:
        from ezhou_recovery.display.text import rollup_text

        return rollup_text(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import rollup_html

        return rollup_html(self)

    def to_frame(self) -> pd.DataFrame:
        """Its results, worst first, one row each (needs pandas: the ``frames`` extra)."""
        from ezhou_recovery.display.frames import results_frame

        return results_frame(self.results)


@attrs.frozen
class Assessment:
    """Where a programme stands on one date.

    Attributes:
        programme: Key of the programme assessed.
        as_of: The assessment date.
        thresholds: The thresholds used.
        results: One result per target, in the programme's order.
        overall: The programme-wide roll-up.
        categories: One roll-up per category, in the programme's order.
        officials: One roll-up per leading official.
        departments: One roll-up per lead department.
        money: Investment completion per category with a portfolio or a report, then per reported
            project; the programme-wide figure is :attr:`money_total`.
        money_total: Investment completion of the whole programme; its ``completed`` is None
            unless every category with a portfolio has a figure.
        districts: One roll-up per district of the programme, over the targets for it (鄂城区's
            277 old neighbourhoods), in the programme's order.
    """

    programme: str
    as_of: date
    thresholds: Thresholds
    results: tuple[TargetResult, ...]
    overall: Rollup
    categories: tuple[Rollup, ...]
    officials: tuple[Rollup, ...]
    departments: tuple[Rollup, ...]
    money: tuple[MoneyResult, ...]
    money_total: MoneyResult
    districts: tuple[Rollup, ...] = ()

    def target(self, key: str) -> TargetResult:
        """The result for the target ``key``.

        Raises:
            KeyError: No such target.
        """
        for r in self.results:
            if r.target.key == key:
                return r
        raise KeyError(f"assessment of {self.programme!r} has no target {key!r}")

    def category(self, key: str) -> Rollup:
        """The roll-up of category ``key``."""
        return _find(self.categories, key, "category")

    def official(self, key: str) -> Rollup:
        """The roll-up of the leading official named ``key`` (English or Chinese name)."""
        for r in self.officials:
            if key in (r.key, r.name_zh):
                return r
        raise KeyError(f"assessment of {self.programme!r} has no official {key!r}")

    def department(self, key: str) -> Rollup:
        """The roll-up of lead department ``key``."""
        return _find(self.departments, key, "department")

    def district(self, key: str) -> Rollup:
        """The roll-up of district ``key``."""
        return _find(self.districts, key, "district")

    def money_for(self, subject: str) -> MoneyResult:
        """Investment completion of a category or project ``subject``."""
        for m in self.money:
            if m.subject == subject:
                return m
        raise KeyError(f"assessment of {self.programme!r} has no money figures for {subject!r}")

    # Display and export ------------------------------------------------------------------------

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value}={n}" for s, n in self.overall.counts.items() if n)
        return (
            f"Assessment({self.programme!r}, as_of={self.as_of.isoformat()}, "
            f"{self.overall.total} targets: {counts or 'none'})"
        )

    def __str__(self) -> str:
        from ezhou_recovery.display.text import assessment_text

        return assessment_text(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import assessment_html

        return assessment_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per target, in the programme's order (needs pandas: the ``frames`` extra).

        Columns: ``key, category, kind, status, status_zh, value, unit, value_text, value_as_of,
        target_value, progress, expected_progress, gap, projected_value, catch_up_per_quarter,
        observations, deadline, reason, reason_zh``. Values are exact Decimals in the target's
        unit (``unit``); progress figures are shares (0.5 is 50%).
        """
        from ezhou_recovery.display.frames import results_frame

        return results_frame(self.results)

    def rollups_frame(self, scope: str = "category") -> pd.DataFrame:
        """One row per roll-up of ``scope`` (``category``, ``official``, ``department``,
        ``district`` or ``programme``): counts by status, share attained, mean progress."""
        from ezhou_recovery.display.frames import rollups_frame

        groups = {
            "category": self.categories,
            "official": self.officials,
            "department": self.departments,
            "district": self.districts,
            "programme": (self.overall,),
        }
        if scope not in groups:
            raise ValueError(f"scope must be one of {', '.join(groups)}: {scope!r}")
        return rollups_frame(groups[scope])

    def money_frame(self) -> pd.DataFrame:
        """Investment completion, one row per category or project then the programme; money in
        亿元 as exact Decimals (columns ``*_yi_yuan``)."""
        from ezhou_recovery.display.frames import money_frame

        return money_frame((*self.money, self.money_total))


def _find(rollups: Iterable[Rollup], key: str, what: str) -> Rollup:
    for r in rollups:
        if r.key == key:
            return r
    raise KeyError(f"no {what} {key!r} in the assessment")


# The computation --------------------------------------------------------------------------------


def _worst_first(results: Iterable[TargetResult]) -> tuple[TargetResult, ...]:
    def order(r: TargetResult) -> tuple[int, float, str]:
        gap = r.gap if r.gap is not None and not math.isnan(r.gap) else math.inf
        return (r.status.severity, gap, r.target.key)

    return tuple(sorted(results, key=order))


def _group(
    programme: Programme, observations: Iterable[Observation]
) -> dict[str, tuple[Observation, ...]]:
    """Check each observation against its target, convert quantities to the target's unit, and
    group them by target sorted by date."""
    grouped: dict[str, dict[date, Observation]] = defaultdict(dict)
    for o in observations:
        if not isinstance(o, Observation):
            raise InvariantError("assess", "observations", o, "must be Observation objects")
        try:
            target = programme.target(o.target)
        except KeyError:
            raise v.fail(
                o, "target", o.target, f"no such target in programme {programme.key!r}"
            ) from None
        o = normalised(target, o)
        seen = grouped[target.key].get(o.as_of)
        if seen is not None and seen.value != o.value:
            raise v.fail(
                o,
                "value",
                _show(o.value),
                f"disagrees with another observation of {o.as_of.isoformat()} ({_show(seen.value)})",
            )
        grouped[target.key].setdefault(o.as_of, o)
    return {key: tuple(sorted(d.values(), key=lambda o: o.as_of)) for key, d in grouped.items()}


def _within_tolerance(target: Target, goal: float) -> float:
    """The goal to meet: an approximate target's (80%左右) is eased by ``ABOUT_TOLERANCE``."""
    if not target.about:
        return goal
    if target.comparator is Comparator.AT_MOST:
        return goal * (1 + ABOUT_TOLERANCE)
    return goal * (1 - ABOUT_TOLERANCE)


def _show(value: Any, target: Target | None = None) -> str:
    """A value in English words: ``1444 base stations``, ``77.6 km``, ``done``; in the target's
    reporting unit where that is not the canonical unit (``40万千瓦``)."""
    unit = None if target is None else target.reporting_unit
    if unit is not None and not unit.canonical and isinstance(value, pint.Quantity):
        return unit.format(value, "en")
    if isinstance(value, QualitativeLevel):
        return value.name_en
    if isinstance(value, bool):
        return "done" if value else "not done"
    if value is None:
        return "none"
    return format_words(value)


def _number(q: Quantity, target: Target | None = None) -> str:
    unit = None if target is None else target.reporting_unit
    magnitude = q.magnitude if unit is None or unit.canonical else unit.number(q)
    return format_quantity(Q_(magnitude, "dimensionless"), lang="en")


def _day(d: date) -> float:
    return float(d.toordinal())


def _latest(obs: Sequence[Observation], until: date) -> Observation | None:
    found = None
    for o in obs:
        if o.as_of <= until:
            found = o
    return found


def _magnitude(q: Any) -> float:
    return float(q.magnitude)


@attrs.frozen
class _Selection:
    """The observations of one target that its result depends on (of those at or before the
    assessment date, deduplicated and sorted by date). The per-object path picks them from a list
    (:func:`_select`), the columnar path (:mod:`ezhou_recovery.evidence.table`) with numpy; both then
    call :func:`_result`.

    Attributes:
        count: How many observations there are.
        judged: The latest at or before the deadline (whatever its date: one before the
            programme's start is shown as evidence only).
        latest: The latest.
        first: The first on or after the programme's start (the start of the projection line).
        usable: How many are on or after the programme's start and at or before the deadline.
        years: For an annual-rate target, the latest observation within each year counted
            (see :func:`_year_span`), None for a year without one.
        falls: For a cumulative target, the first :data:`MAX_FALLS_NAMED` pairs of consecutive
            observations whose running total fell (the earlier, the later).
        fall_count: How many such pairs there are in all.
    """

    count: int
    judged: Observation | None
    latest: Observation | None
    first: Observation | None
    usable: int
    years: tuple[Observation | None, ...] = ()
    falls: tuple[tuple[Observation, Observation], ...] = ()
    fall_count: int = 0


def _year_span(programme: Programme, target: Target, as_of: date) -> list[tuple[int, date, date]]:
    """The years of an annual-rate target judged so far, each with its first and last day."""
    return [
        (
            year,
            max(date(year, 1, 1), programme.period.start),
            min(date(year, 12, 31), target.deadline),
        )
        for year in range(programme.period.start.year, min(target.deadline.year, as_of.year) + 1)
    ]


def _select(
    programme: Programme, target: Target, obs: Sequence[Observation], as_of: date
) -> _Selection:
    seen = tuple(o for o in obs if o.as_of <= as_of)
    start = programme.period.start
    years: tuple[Observation | None, ...] = ()
    if target.kind is TargetKind.ANNUAL_RATE:
        years = tuple(
            _latest([o for o in seen if y_start <= o.as_of], y_end)
            for _, y_start, y_end in _year_span(programme, target, as_of)
        )
    falls: list[tuple[Observation, Observation]] = []
    fall_count = 0
    if target.kind is TargetKind.CUMULATIVE:
        for a, b in itertools.pairwise(seen):
            if _magnitude(b.value) < _magnitude(a.value):
                fall_count += 1
                if len(falls) < MAX_FALLS_NAMED:
                    falls.append((a, b))
    in_programme = [o for o in seen if o.as_of >= start]
    return _Selection(
        count=len(seen),
        judged=_latest(seen, min(as_of, target.deadline)),
        latest=seen[-1] if seen else None,
        first=in_programme[0] if in_programme else None,
        usable=sum(1 for o in in_programme if o.as_of <= target.deadline),
        years=years,
        falls=tuple(falls),
        fall_count=fall_count,
    )


def _assess_target(
    programme: Programme,
    target: Target,
    obs: Sequence[Observation],
    as_of: date,
    th: Thresholds,
) -> TargetResult:
    return _result(programme, target, _select(programme, target, obs, as_of), as_of, th)


def _result(
    programme: Programme, target: Target, sel: _Selection, as_of: date, th: Thresholds
) -> TargetResult:
    """The result of one target from its selected observations."""
    if target.kind is TargetKind.ANNUAL_RATE:
        return _annual(programme, target, sel, as_of, th)
    judged = sel.judged
    if judged is not None and judged.as_of < programme.period.start:
        # Evidence of the starting point only (docs/methodology.md, "Figures from before the
        # programme"): judged as if there were no figure, and said so.
        return _no_data(programme, target, sel, as_of, th, pre=judged)
    if judged is None:
        return _no_data(programme, target, sel, as_of, th)
    if target.kind is TargetKind.MILESTONE:
        result = _milestone(programme, target, sel, judged, as_of, th)
    elif target.kind is TargetKind.QUALITATIVE:
        result = _qualitative(programme, target, sel, judged, as_of, th)
    else:
        result = _quantitative(programme, target, sel, judged, as_of, th)
    return _finish(result, target, judged, as_of, th)


def _months(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _too_old(figure: date, deadline: date, th: Thresholds) -> bool:
    """Whether a figure is too old, at the deadline, to judge the deadline by."""
    return (deadline - figure).days > th.stale_after_days


def _figure_en(target: Target, value: Any) -> str:
    """A figure in words for a reason: ``0 of 277 cases``, ``78.5% against at least 80%``."""
    if isinstance(value, bool | QualitativeLevel):
        return _show(value)
    assert target.value is not None
    if target.kind is TargetKind.CUMULATIVE and target.comparator is Comparator.AT_LEAST:
        return f"{_number(value)} of {_show(target.value)}"
    return f"{_show(value)} against {_AGAINST[target.comparator]} {_show(target.value)}"


_AGAINST: Final = {
    Comparator.AT_LEAST: "at least",
    Comparator.AT_MOST: "at most",
    Comparator.EQUAL: "exactly",
}
_QUALITY_EN: Final = {
    Quality.REPORTED: "",
    Quality.OFFICIAL_STATISTICS: " (official statistics)",
    Quality.ESTIMATE: " (an estimate)",
}
_QUALITY_ZH: Final = {
    Quality.REPORTED: "",
    Quality.OFFICIAL_STATISTICS: "（统计数据）",
    Quality.ESTIMATE: "（估算）",
}


def _finish(
    result: TargetResult, target: Target, judged: Observation, as_of: date, th: Thresholds
) -> TargetResult:
    """Add what every judged result carries: the figure's quality, its staleness, and the data
    problems found, each also in the reasons."""
    reason, reason_zh = result.reason, result.reason_zh
    quality = judged.quality
    if quality is not Quality.REPORTED:
        reason += f"; the figure is {_QUALITY_EN[quality].strip(' ()')}"
        reason_zh += f"；该数值为{_QUALITY_ZH[quality].strip('（）')}"
    age = (as_of - judged.as_of).days
    final = result.status in (Status.ATTAINED, Status.MISSED, Status.OVERDUE)
    stale = not final and age > th.stale_after_days
    if stale:
        months = _months(judged.as_of, as_of)
        reason += (
            f"; stale: latest figure {_figure_en(target, judged.value)}, {months} months old "
            f"({judged.as_of.isoformat()})"
        )
        reason_zh += f"；数据陈旧：最新数值为{judged.as_of.isoformat()}的数值，已{months}个月未更新"
    for finding in result.findings:
        reason += f"; data problem: {finding}"
    if result.findings:
        reason_zh += f"；数据问题：累计数回落{len(result.findings)}次（详见findings）"
    return attrs.evolve(result, stale=stale, quality=quality, reason=reason, reason_zh=reason_zh)


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


def _quantitative(
    programme: Programme,
    target: Target,
    sel: _Selection,
    judged: Observation,
    as_of: date,
    th: Thresholds,
) -> TargetResult:
    assert target.value is not None
    passed = as_of >= target.deadline
    unit = target.unit
    goal = _magnitude(target.value)
    comparator = _COMPARATOR_CODE[target.comparator]
    baseline_q, exact = _baseline(target)
    base = _magnitude(baseline_q) if baseline_q is not None else math.nan
    if target.comparator is Comparator.EQUAL:
        higher = math.isnan(base) or base <= goal
    else:
        higher = target.higher_is_better
    start = _start_day(programme, target)
    expected = f.elapsed_share(_day(start), _day(target.deadline), _day(as_of))
    actual = _magnitude(judged.value)
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
    if status is Status.MISSED and _too_old(judged.as_of, target.deadline, th):
        status = Status.OVERDUE
    projected = projected_progress = catch_up = None
    if not passed:
        first = sel.first
        if sel.usable >= 2 and first is not None:
            value = f.projection(
                _magnitude(first.value),
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
    findings = tuple(
        f"the running total fell from {_show(a.value)} on {a.as_of.isoformat()} to "
        f"{_show(b.value)} on {b.as_of.isoformat()}"
        for a, b in sel.falls
    )
    if sel.fall_count > len(sel.falls):
        findings += (
            f"the running total fell {sel.fall_count} times in all; the first "
            f"{len(sel.falls)} are named here (validate_observations names every one)",
        )
    if status is Status.OVERDUE:
        reason, reason_zh = _overdue_words(judged, target, th)
    else:
        reason, reason_zh = _reasons(
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
    sel: _Selection,
    as_of: date,
    th: Thresholds,
    *,
    pre: Observation | None = None,
) -> TargetResult:
    """A result without a figure to judge: NO_DATA, or OVERDUE from the deadline day on."""
    latest = sel.latest
    passed = as_of >= target.deadline
    status = Status.OVERDUE if passed else Status.NO_DATA
    start = _start_day(programme, target)
    expected = f.elapsed_share(_day(start), _day(target.deadline), _day(as_of))
    baseline_q: Quantity | None = None
    exact = True
    if target.kind in (TargetKind.LEVEL, TargetKind.CUMULATIVE):
        baseline_q, exact = _baseline(target)
    due = target.deadline.isoformat()
    if passed:
        head = f"overdue: the deadline {due} has come with no figure to judge it by"
        head_zh = f"到期无数据：期限{due}已到，无可据以判断的数值"
    else:
        head = f"no data: no value reported by {as_of.isoformat()}"
        head_zh = f"无数据：截至{as_of.isoformat()}无报送数值"
    if pre is not None:
        which = "only" if sel.count == 1 else "latest"
        head += (
            f"; the {which} figure, {_show(pre.value)} on {pre.as_of.isoformat()}, predates the "
            f"programme (from {programme.period.start.isoformat()}) and shows its starting point "
            f"only"
        )
        head_zh += (
            f"；{pre.as_of.isoformat()}的数值{_zh(pre.value)}早于规划期"
            f"（{programme.period.start.isoformat()}起），仅作起点参考"
        )
    elif latest is not None and latest.as_of > target.deadline:
        head += f"; the first value is of {latest.as_of.isoformat()}, after the deadline {due}"
        head_zh += f"；首个数值为{latest.as_of.isoformat()}，晚于期限"
    return TargetResult(
        target=target,
        status=status,
        value=None,
        value_as_of=None,
        latest=latest,
        observations=sel.count,
        progress=None,
        expected_progress=expected,
        gap=None,
        baseline_used=baseline_q,
        baseline_exact=exact,
        pre_programme=pre,
        reason=head,
        reason_zh=head_zh,
    )


def _zh(value: Any) -> str:
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    if isinstance(value, QualitativeLevel):
        return value.name_zh
    return format_quantity(value)


def _overdue_words(judged: Observation, target: Target, th: Thresholds) -> tuple[str, str]:
    """Why a figure too old cannot judge the deadline."""
    due = target.deadline.isoformat()
    months = _months(judged.as_of, target.deadline)
    return (
        f"overdue: the deadline {due} has come with no figure to judge it by; the latest before "
        f"it, {_figure_en(target, judged.value)} on {judged.as_of.isoformat()}, is {months} "
        f"months older than the deadline (more than {th.stale_after_days} days)",
        f"到期无数据：期限{due}已到，最近数值为{judged.as_of.isoformat()}的{_zh(judged.value)}，"
        f"早于期限{months}个月，不足以判断",
    )


def _milestone(
    programme: Programme,
    target: Target,
    sel: _Selection,
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
    if status is Status.MISSED and _too_old(judged.as_of, target.deadline, th):
        status = Status.OVERDUE
    progress = 1.0 if done else 0.0
    due = target.deadline.isoformat()
    did, did_zh = ("started", "启动") if target.event is MilestoneEvent.START else ("done", "完成")
    if done:
        reason = f"attained: {did} as of {judged.as_of.isoformat()}, due {due}"
        reason_zh = f"已达成：截至{judged.as_of.isoformat()}已{did_zh}（期限{due}）"
    elif status is Status.OVERDUE:
        reason, reason_zh = _overdue_words(judged, target, th)
    elif status is Status.MISSED:
        late = latest is not None and latest.value is True and latest.as_of > target.deadline
        tail = f" ({did} later, by {latest.as_of.isoformat()})" if late and latest else ""
        reason = (
            f"missed: not {did} as of {judged.as_of.isoformat()}, on or near the deadline {due}"
            f"{tail}"
        )
        reason_zh = f"逾期未{did_zh}：期限{due}前未{did_zh}（截至{judged.as_of.isoformat()}）"
    else:
        reason = (
            f"{status.label_en}: not {did} as of {judged.as_of.isoformat()}, due {due}, "
            f"with {_pct(expected)} of the time elapsed"
        )
        reason_zh = (
            f"{status.label_zh}：截至{judged.as_of.isoformat()}未{did_zh}，期限{due}，"
            f"时间进度{_pct(expected)}"
        )
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
    sel: _Selection,
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
    if status is Status.MISSED and _too_old(judged.as_of, target.deadline, th):
        status = Status.OVERDUE
        reason, reason_zh = _overdue_words(judged, target, th)
    else:
        reason = (
            f"{status.label_en}: {level.name_en} ({level.rank} of {top} on the scale) as of "
            f"{judged.as_of.isoformat()}, with {_pct(expected)} of the time elapsed"
        )
        reason_zh = (
            f"{status.label_zh}：截至{judged.as_of.isoformat()}{level.name_zh}，"
            f"时间进度{_pct(expected)}"
        )
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
    programme: Programme, target: Target, sel: _Selection, as_of: date, th: Thresholds
) -> TargetResult:
    assert target.value is not None
    unit = target.unit
    rate = _magnitude(target.value)
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
        _year_span(programme, target, as_of), sel.years, strict=True
    ):
        expected_y = f.elapsed_share(_day(y_start), _day(y_end), _day(as_of))
        passed_y = as_of >= y_end
        if judged is None:
            years.append(YearResult(year, None, Status.NO_DATA, None, expected_y))
            if passed_y:
                unreported.append(year)
            continue
        current = judged
        amount = _magnitude(judged.value)
        total += amount
        exact_total += _exact(judged.value).magnitude
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
        result = _no_data(programme, target, sel, as_of, th, pre=pre)
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
    rate_text = _show(target.value, target)
    per_year = "; ".join(
        f"{y.year}: {_show(y.value, target)} ({y.status.label_en})"
        if y.value is not None
        else f"{y.year}: {'no report' if y.year in unreported else 'no report yet'}"
        for y in years
    )
    reason = (
        f"{status.label_en}: {_show(total_q, target)} over {len(years)} of {n_years} years against "
        f"{rate_text} a year ({_pct(progress)} of the period's "
        f"{_number(Q_(rate * n_years, unit), target)}) with "
        f"{_pct(expected)} of the time elapsed; {per_year}"
    )
    per_year_zh = "；".join(
        f"{y.year}年{target.format_value(y.value)}（{y.status.label_zh}）"
        if y.value is not None
        else f"{y.year}年{'未报送' if y.year in unreported else '尚未报送'}"
        for y in years
    )
    reason_zh = (
        f"{status.label_zh}：每年{target.format_value(target.value)}，"
        f"累计{target.format_value(total_q)}，"
        f"完成{_pct(progress)}，时间进度{_pct(expected)}；{per_year_zh}"
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


def percent_text(share: float | Decimal | Fraction) -> str:
    """A share as a whole percentage that never flatters: floored, so 0.996 reads ``99%`` (and
    only a share of at least 1 reads ``100%``); -0.004 reads ``-1%``."""
    # Ten decimal places first, so that a float a hair below a round share (0.8 computed as
    # 0.7999999999999999) is not pushed down a whole point.
    exact = Decimal(f"{share:.10f}") if isinstance(share, float) else share
    hundredths = exact * 100
    return f"{math.floor(hundredths)}%"


_pct = percent_text


def _reasons(
    target: Target,
    status: Status,
    judged: Observation,
    progress: float,
    expected: float,
    exact: bool,
    *,
    moved_away: bool,
    limit: bool,
    over: bool,
    censored: bool,
) -> tuple[str, str]:
    assert target.value is not None
    value = judged.value
    goal_en = _show(target.value, target)
    value_en = _show(value, target)
    value_zh = target.format_value(value)  # type: ignore[arg-type]
    against = _AGAINST[target.comparator]
    baseline_words = ""
    baseline_zh = ""
    shown_base = target.baseline is not None
    if shown_base and target.baseline is not None:
        baseline_words = f" from the baseline {_baseline_en(target)}"
        baseline_zh = f"，基线{target.baseline}"
        if not exact:
            baseline_words += " (not exact)"
            baseline_zh += "（非精确值）"
    when = judged.as_of.isoformat()
    if status is Status.ATTAINED:
        reason = f"attained: {value_en} as of {when} against a target of {against} {goal_en}"
        reason_zh = f"已达成：截至{when}为{value_zh}，目标{target.describe_value()}"
        return reason, reason_zh
    if moved_away:
        share = (
            f"moved away from the target: the baseline {_baseline_en(target)} met it, "
            f"progress {_pct(progress)}"
        )
        share_zh = f"，偏离目标：基线{target.baseline}已达标，进度{_pct(progress)}"
    elif limit:
        share = "a limit not met (without a baseline no progress is counted)"
        share_zh = "，未达到限值（无基线，不计进度）"
    elif over and not shown_base:
        share = f"over the limit, progress {_pct(progress)}"
        share_zh = f"，超出限值，进度{_pct(progress)}"
    elif censored:
        share = (
            f"still within the baseline's range {_baseline_en(target)}: no progress counted (0%)"
        )
        share_zh = f"，仍在基线范围{target.baseline}内，不计进度（0%）"
    else:
        share = (
            f"{_pct(progress)} of the way{baseline_words}"
            if shown_base
            else f"{_pct(progress)} of target"
        )
        share_zh = f"，完成{_pct(progress)}{baseline_zh}"
    if status is Status.MISSED:
        reason = (
            f"missed: {value_en} as of {when} against {against} {goal_en} by the deadline "
            f"{target.deadline.isoformat()}, {share}"
        )
        reason_zh = (
            f"逾期未完成：期限{target.deadline.isoformat()}时（{when}）为{value_zh}，目标"
            f"{target.describe_value()}{share_zh}"
        )
        return reason, reason_zh
    counted = target.kind is TargetKind.CUMULATIVE and target.comparator is Comparator.AT_LEAST
    head = (
        f"{_number(value, target)} of {goal_en}"  # type: ignore[arg-type]
        if counted
        else f"{value_en} against {against} {goal_en}"
    )
    reason = (
        f"{status.label_en}: {head} as of {when}, {share} with {_pct(expected)} of the time elapsed"
    )
    reason_zh = (
        f"{status.label_zh}：截至{when}为{value_zh}，目标{target.describe_value()}"
        f"{share_zh}，时间进度{_pct(expected)}"
    )
    return reason, reason_zh


def _baseline_en(target: Target) -> str:
    b = target.baseline
    assert b is not None
    word = {
        BaselineQualifier.EXACT: "",
        BaselineQualifier.ABOUT: "about ",
        BaselineQualifier.LESS_THAN: "less than ",
        BaselineQualifier.MORE_THAN: "more than ",
    }[b.qualifier]
    return f"{word}{_show(b.value, target)}"
