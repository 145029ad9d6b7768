"""The assessment: every target's result, the roll-ups and the investment, on the per-object path
or (for many observations, with numpy) on the columnar path of
:mod:`~ezhou_recovery.analysis.attainment.columnar`; both give the same results.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery.analysis.attainment._results import Assessment
from ezhou_recovery.analysis.attainment._rollups import rollups
from ezhou_recovery.analysis.attainment._rules import result_for
from ezhou_recovery.analysis.attainment._selection import group_by_target, select
from ezhou_recovery.analysis.attainment._thresholds import Thresholds
from ezhou_recovery.analysis.investment import assess_investment
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
)

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.evidence.table import ObservationTable
    from ezhou_recovery.model.programme import Programme

__all__ = ["BATCH_MIN_OBSERVATIONS", "assess"]

#: From this many observations (in a sequence), :func:`assess` takes the columnar path
#: (:mod:`ezhou_recovery.evidence.table`, when numpy is installed); the results are the same.
BATCH_MIN_OBSERVATIONS: Final = 20_000


def assess(
    programme: Programme,
    observations: Iterable[Observation] | ObservationTable,
    *,
    as_of: date,
    investment: Iterable[InvestmentReport] = (),
    annual_plans: Iterable[AnnualInvestmentPlan] = (),
    thresholds: Thresholds | None = None,
    columnar: bool | None = None,
    include_strive: bool = True,
) -> Assessment:
    """Assess every target of ``programme`` and its investment as of ``as_of``.

    ``include_strive=False`` leaves the targets the plan only strives for (争取, ``Target.strive``)
    out of the accountability views, the roll-ups by leading official and by department; they
    keep their results and stay in the category and programme roll-ups.

    Observations and reports dated after ``as_of`` are ignored (the assessment is of that day).

    ``observations`` may be an :class:`~ezhou_recovery.ObservationTable` (columns, for hundreds of
    thousands of observations); a sequence of at least :data:`BATCH_MIN_OBSERVATIONS` is turned
    into one when numpy is installed. Either way the results are the same as the per-object path's,
    to the last digit. ``columnar`` forces the choice: True the columnar path (needs numpy), False
    the per-object path.

    Raises:
        TypeError: ``programme`` is not a :class:`~ezhou_recovery.Programme`.
        InvariantError: An observation names a target the programme does not have, has the wrong
            kind of value for its target, or two observations of a target on one date disagree.
        UnitError: A quantity's unit does not fit its target; the message names the target, the
            value and both units.
    """
    from ezhou_recovery.model.programme import Programme

    check_type(programme, Programme, function="assess", name="programme")
    if not isinstance(as_of, date) or hasattr(as_of, "hour"):
        raise InvariantError("assess", "as_of", as_of, "must be a date")
    th = Thresholds() if thresholds is None else thresholds
    table = _as_table(programme, observations, columnar)
    if table is not None:  # the columnar path: the same results, computed with numpy
        from ezhou_recovery.analysis.attainment.columnar import table_results

        results = table_results(table, as_of, th)
    else:
        if not isinstance(observations, Iterable):  # a table, assessed object by object
            observations = [observations.observation(i) for i in range(len(observations))]
        by_target = group_by_target(programme, observations)
        results = tuple(
            result_for(
                programme, t, select(programme, t, by_target.get(t.key, ()), as_of), as_of, th
            )
            for t in programme.targets
        )
    groups = rollups(programme, results, include_strive=include_strive)
    money, money_total = assess_investment(programme, investment, annual_plans, as_of)
    return Assessment(
        programme=programme.key,
        as_of=as_of,
        thresholds=th,
        results=results,
        overall=groups.overall,
        categories=groups.categories,
        officials=groups.officials,
        departments=groups.departments,
        money=money,
        money_total=money_total,
        districts=groups.districts,
    )


def _as_table(
    programme: Programme, observations: Any, columnar: bool | None
) -> ObservationTable | None:
    """The observations as a table for the columnar path, or None for the per-object path.

    Automatically (``columnar`` None): a table as given; a sequence of at least
    :data:`BATCH_MIN_OBSERVATIONS` observations converted when numpy is installed.
    """
    module = sys.modules.get("ezhou_recovery.evidence.table")
    if module is not None and isinstance(observations, module.ObservationTable):
        if observations.programme is not programme and observations.programme != programme:
            raise InvariantError(
                "assess",
                "observations",
                observations,
                f"a table of programme {observations.programme.key!r}, not {programme.key!r}",
            )
        table: ObservationTable = observations
        return None if columnar is False else table
    if columnar is False:
        return None
    if columnar is None and (
        not isinstance(observations, Sequence)
        or len(observations) < BATCH_MIN_OBSERVATIONS
        or importlib.util.find_spec("numpy") is None
    ):
        return None
    from ezhou_recovery.evidence.table import ObservationTable

    return ObservationTable.from_observations(programme, observations)
