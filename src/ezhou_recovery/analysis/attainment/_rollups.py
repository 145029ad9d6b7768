"""Results grouped and summed up: by category, leading official, lead department, district, and
the whole programme, each group's results worst first."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

from ezhou_recovery.analysis.attainment._results import Rollup, TargetResult
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import Target

__all__ = ["Rollups", "rollups", "worst_first"]


@attrs.frozen
class Rollups:
    """Every roll-up of one assessment (see :class:`~ezhou_recovery.Assessment`)."""

    overall: Rollup
    categories: tuple[Rollup, ...]
    officials: tuple[Rollup, ...]
    departments: tuple[Rollup, ...]
    districts: tuple[Rollup, ...]


def worst_first(results: Iterable[TargetResult]) -> tuple[TargetResult, ...]:
    """The results by status (worst first), then by gap (furthest behind first), then by key."""

    def order(r: TargetResult) -> tuple[int, float, str]:
        gap = r.gap if r.gap is not None and not math.isnan(r.gap) else math.inf
        return (r.status.severity, gap, r.target.key)

    return tuple(sorted(results, key=order))


def rollups(
    programme: Programme, results: Sequence[TargetResult], *, include_strive: bool = True
) -> Rollups:
    """The roll-ups of ``results`` (one per target of ``programme``).

    ``include_strive=False`` leaves the targets the plan only strives for out of the roll-ups by
    leading official and by department.
    """
    by_key = {r.target.key: r for r in results}

    def rollup(scope: str, key: str, zh: str, en: str, targets: Iterable[Target]) -> Rollup:
        return Rollup(scope, key, zh, en, worst_first(by_key[t.key] for t in targets))

    categories = tuple(
        rollup("category", c.key, c.name_zh, c.name_en, c.targets) for c in programme.categories
    )
    officials = tuple(
        rollup(
            "official",
            o.name_en,
            o.name_zh,
            o.name_en,
            (
                t
                for c in programme.categories
                if c.leader == o
                for t in c.targets
                if include_strive or not t.strive
            ),
        )
        for o in programme.officials
    )
    departments: dict[str, Rollup] = {}
    for c in programme.categories:
        for d in c.lead_departments:
            if d.key not in departments:
                targets = [
                    t
                    for cc in programme.categories
                    if any(dd.key == d.key for dd in cc.lead_departments)
                    for t in cc.targets
                    if include_strive or not t.strive
                ]
                departments[d.key] = rollup("department", d.key, d.name_zh, d.name_en, targets)
    overall = rollup(
        "programme", programme.key, programme.title_zh, programme.title_en, programme.targets
    )
    districts = tuple(
        rollup("district", d.key, d.name_zh, d.name_en, programme.district_targets(d.key))
        for d in programme.districts
    )
    return Rollups(overall, categories, officials, tuple(departments.values()), districts)
