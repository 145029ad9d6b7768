"""Strategies for the model's parts: officials, departments, targets and their baselines, projects,
fundings, milestones, planned investments and portfolios."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from ezhou_recovery.errors import UnitError
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.projects import (
    Funding,
    FundingSource,
    Milestone,
    PlannedInvestment,
    Portfolio,
    Project,
    ProjectLevel,
    ProjectStatus,
)
from ezhou_recovery.model.targets import (
    Baseline,
    BaselineQualifier,
    Comparator,
    Section,
    Target,
    TargetKind,
)
from ezhou_recovery.strategies._basics import (
    LATEST,
    MONEY_UNITS,
    UNITS,
    dates,
    decimal_magnitudes,
    memo,
    money,
    quantities,
    slugs,
    texts_en,
    texts_zh,
)
from ezhou_recovery.units import (
    Q_,
    Quantity,
    Unit,
)
from ezhou_recovery.units.reporting import ReportingUnit


@memo
def officials() -> st.SearchStrategy[Official]:
    """Leading officials."""
    return st.builds(Official, name_zh=texts_zh(max_size=3), name_en=texts_en(max_words=2))


@memo
def departments(*, key: str | None = None) -> st.SearchStrategy[Department]:
    """Departments (with ``key`` when given)."""
    keys = st.just(key) if key is not None else slugs()
    return st.builds(Department, key=keys, name_zh=texts_zh(max_size=8), name_en=texts_en())


@memo
def department_pools(min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[list[Department]]:
    return st.lists(departments(), min_size=min_size, max_size=max_size, unique_by=lambda d: d.key)


@memo
def baselines(
    *, unit: Unit | str | None = None, qualifier: BaselineQualifier | None = None
) -> st.SearchStrategy[Baseline]:
    """Baselines, in ``unit`` when given, with ``qualifier`` when given (else any)."""
    qualifiers = st.just(qualifier) if qualifier is not None else st.sampled_from(BaselineQualifier)
    return st.builds(
        Baseline,
        value=quantities(unit=unit),
        qualifier=qualifiers,
        as_of=st.none() | dates(),
        note_zh=st.none() | texts_zh(max_size=4),
    )


@memo
def targets(
    *,
    kind: TargetKind | None = None,
    comparator: Comparator | None = None,
    category: str | None = None,
    within: Period | None = None,
    unit: Unit | str | None = None,
) -> st.SearchStrategy[Target]:
    """Targets of each kind and direction, with or without baseline, scope and clause.

    Args:
        kind: Only this kind.
        comparator: Only this direction.
        category: Key of the category (the first part of the target's key).
        within: A period the deadline lies in.
        unit: The unit of the value of quantitative targets.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        k = kind if kind is not None else draw(st.sampled_from(TargetKind))
        cat = category if category is not None else draw(slugs())
        value = baseline = reporting = None
        if k.quantitative:
            target_unit = unit if unit is not None else draw(st.sampled_from(UNITS))
            value = draw(quantities(unit=target_unit))
            baseline = draw(st.none() | baselines(unit=target_unit))
            reporting = draw(st.none() | st.sampled_from(_sector_units(value.units)))
        scope = draw(st.none() | st.tuples(texts_zh(max_size=6), texts_en()))
        return Target(
            key=f"{cat}.{draw(slugs())}",
            description_zh=draw(texts_zh()),
            description_en=draw(texts_en()),
            kind=k,
            deadline=draw(dates(within=within)),
            value=value,
            comparator=comparator if comparator is not None else draw(st.sampled_from(Comparator)),
            baseline=baseline,
            scope_zh=None if scope is None else scope[0],
            scope_en=None if scope is None else scope[1],
            section=draw(st.sampled_from(Section)),
            clause_zh=draw(st.none() | texts_zh()),
            reporting_unit=reporting,
            strive=draw(st.booleans()),
            note=draw(st.none() | texts_zh()),
        )

    return build()


def _sector_units(unit: Unit) -> list[ReportingUnit]:
    """The unit itself and, where the sector may write it so, the unit in 万 or 亿 (万公里)."""
    plain = ReportingUnit.of(unit)
    found = [plain]
    for head in ("万", "亿"):
        with contextlib.suppress(UnitError):  # 万个: a number, not a unit
            found.append(ReportingUnit.parse(head + plain.text))
    return [u for u in found if u.unit == unit]


@memo
def fundings() -> st.SearchStrategy[Funding]:
    """Funding of a project from one source."""
    return st.builds(Funding, source=st.sampled_from(FundingSource), amount=money(max_value=100))


@memo
def milestones(*, within: Period | None = None) -> st.SearchStrategy[Milestone]:
    """Dated steps of a project, met or not (never met before being planned is not a rule)."""
    return st.builds(
        Milestone,
        name=st.sampled_from(("start", "completion")) | texts_en(max_words=2),
        due=dates(within=within),
        met=st.none() | dates(within=within),
    )


@memo
def projects(
    *,
    category: str | None = None,
    with_milestones: bool | None = None,
    within: Period | None = None,
    max_investment: int = 1000,
) -> st.SearchStrategy[Project]:
    """Projects, with milestones (``with_milestones=True``), without (``False``) or either.

    Args:
        category: Key of the category (the first part of the project's key).
        with_milestones: Whether the project has at least one milestone; None for either.
        within: A period its planned dates and milestones lie in.
        max_investment: Largest investment, in the money unit drawn.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Project:
        cat = category if category is not None else draw(slugs())
        low = 1 if with_milestones else 0
        high = 0 if with_milestones is False else 3
        steps = draw(
            st.lists(
                milestones(within=within), min_size=low, max_size=high, unique_by=lambda m: m.name
            )
        )
        start = draw(st.none() | dates(within=within))
        latest = within.end if within is not None else LATEST
        ends = dates(within=within) if start is None else st.dates(start, latest)
        end = draw(st.none() | ends)
        return Project(
            key=f"{cat}.{draw(slugs())}",
            name_zh=draw(texts_zh()),
            name_en=draw(texts_en()),
            level=draw(st.sampled_from(ProjectLevel)),
            status=draw(st.sampled_from(ProjectStatus)),
            investment=draw(st.none() | money(max_value=max_investment)),
            planned_start=start,
            planned_completion=end,
            funding=tuple(draw(st.lists(fundings(), max_size=2))),
            investment_plan=draw(investment_plans(after=start, until=latest)) if start else (),
            milestones=tuple(steps),
            clause_zh=draw(st.none() | texts_zh()),
        )

    return build()


@memo
def planned_investments() -> st.SearchStrategy[PlannedInvestment]:
    """One step of a project's investment plan (for a whole plan, see :func:`investment_plans`)."""
    return st.builds(PlannedInvestment, period_end=dates(), cumulative=money())


@memo
def investment_plans(
    *, after: date, until: date | None = None, max_size: int = 3
) -> st.SearchStrategy[tuple[PlannedInvestment, ...]]:
    """A project's planned cumulative investment: period ends after ``after`` (its planned start),
    in order, with amounts that never fall, in one money unit."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[PlannedInvestment, ...]:
        last = until if until is not None else LATEST
        if last <= after:
            return ()
        ends = draw(
            st.lists(st.dates(after + timedelta(days=1), last), max_size=max_size, unique=True)
        )
        amounts = draw(
            st.lists(decimal_magnitudes(max_value=1000), min_size=len(ends), max_size=len(ends))
        )
        unit = draw(st.sampled_from(MONEY_UNITS))
        return tuple(
            PlannedInvestment(end, Q_(amount, unit))
            for end, amount in zip(sorted(ends), sorted(amounts), strict=True)
        )

    return build()


@memo
def portfolios(
    *,
    min_count: int = 0,
    min_total: Quantity | None = None,
    first_year: int | None = None,
) -> st.SearchStrategy[Portfolio]:
    """Portfolios whose first-year investment is at most the total.

    Args:
        min_count: Fewest projects counted (the number a category names, for consistency).
        min_total: Smallest total investment (what the named projects sum to).
        first_year: The first year; else drawn.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Portfolio:
        unit = draw(st.sampled_from(MONEY_UNITS))
        floor = Decimal(0) if min_total is None else Decimal(min_total.to(unit).magnitude)
        total = floor + draw(decimal_magnitudes(max_value=10**4))
        share = draw(st.integers(0, 100))
        first = (total * share / 100).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        return Portfolio(
            project_count=min_count + draw(st.integers(0, 50)),
            total_investment=Q_(total, unit),
            first_year_investment=Q_(min(first, total), unit),
            first_year=first_year if first_year is not None else draw(st.integers(2000, 2049)),
            approximate=draw(st.booleans()),
        )

    return build()
