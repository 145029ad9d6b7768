"""The observations a target's result depends on: each checked against its target and put in the
target's unit, grouped by target, then for one target the few that its rules read (the latest, the
one judged, the first, each year's latest, the falls of a running total).

The per-object path selects them from a list here (:func:`select`); the columnar path
(:mod:`~ezhou_recovery.analysis.attainment.columnar`) builds the same :class:`Selection` with numpy.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.analysis.attainment._reasons import show
from ezhou_recovery.analysis.attainment._thresholds import MAX_FALLS_NAMED
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import Observation, normalised
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import Target, TargetKind

__all__ = [
    "Selection",
    "disagreement",
    "group_by_target",
    "magnitude",
    "select",
    "year_span",
]


def group_by_target(
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
            raise disagreement(o, seen)
        grouped[target.key].setdefault(o.as_of, o)
    return {key: tuple(sorted(d.values(), key=lambda o: o.as_of)) for key, d in grouped.items()}


def disagreement(other: Observation, kept: Observation) -> InvariantError:
    """The error for two observations of one target on one date with different values."""
    return v.fail(
        other,
        "value",
        show(other.value),
        f"disagrees with another observation of {other.as_of.isoformat()} ({show(kept.value)})",
    )


def magnitude(q: Any) -> float:
    """A quantity's magnitude as a float."""
    return float(q.magnitude)


def _latest(obs: Sequence[Observation], until: date) -> Observation | None:
    found = None
    for o in obs:
        if o.as_of <= until:
            found = o
    return found


@attrs.frozen
class Selection:
    """The observations of one target that its result depends on (of those at or before the
    assessment date, deduplicated and sorted by date). The per-object path picks them from a list
    (:func:`select`), the columnar path (:mod:`~ezhou_recovery.analysis.attainment.columnar`) with
    numpy; both then call :func:`~ezhou_recovery.analysis.attainment._rules.result_for`.

    Attributes:
        count: How many observations there are.
        judged: The latest at or before the deadline (whatever its date: one before the
            programme's start is shown as evidence only).
        latest: The latest.
        first: The first on or after the programme's start (the start of the projection line).
        usable: How many are on or after the programme's start and at or before the deadline.
        years: For an annual-rate target, the latest observation within each year counted
            (see :func:`year_span`), None for a year without one.
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


def year_span(programme: Programme, target: Target, as_of: date) -> list[tuple[int, date, date]]:
    """The years of an annual-rate target judged so far, each with its first and last day."""
    return [
        (
            year,
            max(date(year, 1, 1), programme.period.start),
            min(date(year, 12, 31), target.deadline),
        )
        for year in range(programme.period.start.year, min(target.deadline.year, as_of.year) + 1)
    ]


def select(
    programme: Programme, target: Target, obs: Sequence[Observation], as_of: date
) -> Selection:
    """What the result of ``target`` reads from its observations ``obs`` (sorted by date, one per
    date) as of ``as_of``."""
    seen = tuple(o for o in obs if o.as_of <= as_of)
    start = programme.period.start
    years: tuple[Observation | None, ...] = ()
    if target.kind is TargetKind.ANNUAL_RATE:
        years = tuple(
            _latest([o for o in seen if y_start <= o.as_of], y_end)
            for _, y_start, y_end in year_span(programme, target, as_of)
        )
    falls: list[tuple[Observation, Observation]] = []
    fall_count = 0
    if target.kind is TargetKind.CUMULATIVE:
        for a, b in itertools.pairwise(seen):
            if magnitude(b.value) < magnitude(a.value):
                fall_count += 1
                if len(falls) < MAX_FALLS_NAMED:
                    falls.append((a, b))
    in_programme = [o for o in seen if o.as_of >= start]
    return Selection(
        count=len(seen),
        judged=_latest(seen, min(as_of, target.deadline)),
        latest=seen[-1] if seen else None,
        first=in_programme[0] if in_programme else None,
        usable=sum(1 for o in in_programme if o.as_of <= target.deadline),
        years=years,
        falls=tuple(falls),
        fall_count=fall_count,
    )
