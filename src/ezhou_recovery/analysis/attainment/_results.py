"""What an assessment gives: a result per target (with one per year for an annual rate), roll-ups
of results by category, official, department, district and programme, and the assessment holding
them all. Data only; their text, HTML and tables come from :mod:`ezhou_recovery.display`."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery.analysis.attainment._status import WORST_FIRST, Status
from ezhou_recovery.analysis.attainment._thresholds import Thresholds
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.evidence.observations import Observation, QualitativeLevel, Quality
from ezhou_recovery.model.targets import Target
from ezhou_recovery.units import Quantity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Assessment", "Rollup", "TargetResult", "YearResult"]


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
