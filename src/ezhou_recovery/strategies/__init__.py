"""Hypothesis strategies for the model, for property-based tests of rules built on this library.

Every factory takes keyword-only options and returns a typed ``SearchStrategy``. Every object drawn
passes its class's own validators, and shrinks towards a small, readable example (one category, one
target, short Chinese and English names, round numbers). Programmes drawn by :func:`programmes` are
also consistent: :func:`ezhou_recovery.validate` finds no errors in them.

This module imports Hypothesis; ``import ezhou_recovery`` does not import it. With the package
installed, ``st.from_type(Target)`` (and each other model class) uses these strategies.

The world layer has its factories too: :func:`observations` of a target (consistent with it, or
deliberately not, for error paths), :func:`observed_values` (the raw inputs
:meth:`~ezhou_recovery.Observation.for_target` and the loaders read), :func:`investment_reports`,
and :func:`submissions` for a programme's deadlines (on time, late, missing, duplicated).
A module that adds classes lists them in :func:`type_strategies`.
"""

from __future__ import annotations

import contextlib
import functools
import string
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Literal, ParamSpec, TypeVar

from hypothesis import strategies as st

from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.errors import UnitError
from ezhou_recovery.evidence._values import FALSE_WORDS, TRUE_WORDS
from ezhou_recovery.evidence.observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
    QualitativeLevel,
    Quality,
)
from ezhou_recovery.evidence.submissions import CHINA_TIME, Submission
from ezhou_recovery.model.obligations import (
    Deadline,
    DueRule,
    Frequency,
    OwedPer,
    ReporterScope,
    ReportingObligation,
)
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme, Task
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
from ezhou_recovery.units import (
    _ZH_UNITS,
    COUNTED_THINGS,
    MAX_DIGITS,
    MIN_EXPONENT,
    Q_,
    Quantity,
    Unit,
    format_quantity,
    ureg,
)
from ezhou_recovery.units.reporting import ReportingUnit

__all__ = [
    "UNITS",
    "annual_investment_plans",
    "baselines",
    "categories",
    "dates",
    "deadlines",
    "departments",
    "due_rules",
    "extreme_decimals",
    "fundings",
    "investment_plans",
    "investment_reports",
    "milestones",
    "moments",
    "money",
    "obligations",
    "observations",
    "observed_values",
    "officials",
    "periods",
    "planned_investments",
    "portfolios",
    "programmes",
    "projects",
    "quantities",
    "register_type_strategies",
    "single_submissions",
    "slugs",
    "submissions",
    "targets",
    "tasks",
    "texts_en",
    "texts_zh",
    "type_strategies",
]

T = TypeVar("T")
P = ParamSpec("P")

#: Units the plans use, simplest first (shrinking goes to the first): pint expressions.
UNITS: tuple[str, ...] = (
    "piece",
    "km",
    "m",
    "km**2",
    "m**2",
    "m**2/person",
    "km_per_km2",
    "percent",
    "minute",
    "hour",
    "day",
    "year",
    "kV",
    "yuan",
    "wan_yuan",
    "yi_yuan",
    *(name for name in COUNTED_THINGS if name != "piece"),
)
_MONEY_UNITS = ("yi_yuan", "wan_yuan", "yuan")
_EARLIEST, _LATEST = date(2000, 1, 1), date(2049, 12, 31)


def _memo(factory: Callable[P, T]) -> Callable[P, T]:
    # Building a strategy (composite ones read their source) costs far more than drawing from it:
    # the same options give the same strategy object, so drawing nested objects stays fast.
    cached = functools.lru_cache(maxsize=1024)(factory)

    @functools.wraps(factory)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return cached(*args, **kwargs)  # type: ignore[arg-type]
        except TypeError:  # an unhashable option
            return factory(*args, **kwargs)

    return wrapper


# Building blocks ---------------------------------------------------------------------------------


@_memo
def texts_zh(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Chinese text (CJK ideographs, shrinking to ``一``)."""
    return st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=max_size
    )


@_memo
def texts_en(*, max_words: int = 4) -> st.SearchStrategy[str]:
    """English-looking text: a few lower-case words (shrinking to ``a``)."""
    word = st.text(string.ascii_lowercase, min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


@_memo
def slugs(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Lower-case identifiers such as ``public_health`` (shrinking to ``a``)."""
    rest = st.text(string.ascii_lowercase + string.digits + "_", max_size=max_size - 1)
    return st.builds(
        lambda first, tail: first + tail, st.sampled_from(string.ascii_lowercase), rest
    )


@_memo
def dates(*, within: Period | None = None) -> st.SearchStrategy[date]:
    """Dates, inside ``within`` when given."""
    lo, hi = (within.start, within.end) if within is not None else (_EARLIEST, _LATEST)
    return st.dates(min_value=lo, max_value=hi)


@_memo
def periods(*, min_years: int = 1, max_years: int = 5) -> st.SearchStrategy[Period]:
    """Periods of whole calendar years (2000 to 2049), as programmes cover."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        first = draw(st.integers(2020, 2049 - max_years + 1) | st.integers(2000, 2019))
        years = draw(st.integers(min_years, max_years))
        return Period(date(first, 1, 1), date(first + years - 1, 12, 31))

    return build()


@_memo
def _magnitudes(*, max_value: int = 10**6, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    )


#: Values at the edges of the range rule (see :func:`~ezhou_recovery.units.magnitude_problem`).
_EDGES: tuple[Decimal, ...] = (
    Decimal(0),
    Decimal("999999999999999.999"),
    Decimal(10**15 - 1),
    Decimal("1E-30"),
    Decimal("123456789012345678E-30"),
    Decimal("0.1"),
    Decimal("46.71"),
)


@_memo
def extreme_decimals() -> st.SearchStrategy[Decimal]:
    """Non-negative decimals anywhere in the range a value may have, edges first: up to 18
    significant digits, from 10^-30 to just below 10^15, with trailing zeros and without.

    Every loader accepts these (in a unit that fits), and every exporter writes them.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        digits = draw(st.integers(1, MAX_DIGITS))
        coefficient = draw(st.integers(10 ** (digits - 1), 10**digits - 1))
        exponent = draw(st.integers(MIN_EXPONENT, 14 - (digits - 1)))
        return Decimal(coefficient).scaleb(exponent)

    return st.sampled_from(_EDGES) | build()


def _units(unit: Unit | str | None, dimension: str | None) -> list[Any]:
    if unit is not None:
        return [ureg.Unit(unit) if isinstance(unit, str) else unit]
    if dimension is None:
        return list(UNITS)
    wanted = (
        ureg.get_dimensionality(dimension)
        if dimension.startswith("[")
        else ureg.Unit(dimension).dimensionality
    )
    found = [u for u in UNITS if ureg.Unit(u).dimensionality == wanted]
    if not found:
        raise ValueError(f"no unit of the plans has dimension {dimension!r}")
    return found


# Chinese words parse_quantity reads, by the unit they stand for.
_ZH_WORDS: dict[Any, list[str]] = {}


def _zh_words(unit: Any) -> list[str]:
    if not _ZH_WORDS:
        for word, expression in _ZH_UNITS.items():
            _ZH_WORDS.setdefault(ureg.Unit(expression), []).append(word)
    return sorted(_ZH_WORDS.get(unit, []), key=len)


def _as_text(q: Quantity, draw: st.DrawFn) -> str:
    number = format_quantity(Q_(q.magnitude, "dimensionless"))
    words = _zh_words(q.units)
    forms = [f"{number} {format(q.units, 'D')}"] + [f"{number}{w}" for w in words]
    if q.units == ureg.Unit("m**2/person"):
        forms.append(f"{number}平方米/人")
    return draw(st.sampled_from(sorted(set(forms), key=lambda f: (len(f), f))))


@_memo
def quantities(
    *,
    unit: Unit | str | None = None,
    dimension: str | None = None,
    as_text: bool = False,
    max_value: int = 10**6,
    places: int = 2,
    extreme: bool = False,
) -> st.SearchStrategy[Any]:
    """Non-negative quantities of the library's registry with exact Decimal magnitudes.

    Args:
        unit: Only this unit (``"km"``, ``"平方米/人"`` is not accepted: give pint notation).
        dimension: Only units of this dimension: ``"[length]"`` or a unit whose dimension to take
            (``"km"`` gives km and m).
        as_text: Draw texts that :func:`~ezhou_recovery.parse_quantity` reads back to the quantity
            instead: pint notation (``"77.6 kilometer"``) or Chinese (``"77.6公里"``, ``"12平方米/人"``).
        max_value: Largest magnitude.
        places: Decimal places of the magnitude.
        extreme: Draw magnitudes from the whole range a value may have
            (:func:`extreme_decimals`) instead; ``max_value`` and ``places`` are then ignored.

    Returns:
        A strategy of :class:`pint.Quantity` (or of ``str`` when ``as_text``).
    """
    units = _units(unit, dimension)
    magnitudes = extreme_decimals() if extreme else _magnitudes(max_value=max_value, places=places)

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        q = Q_(draw(magnitudes), draw(st.sampled_from(units)))
        return _as_text(q, draw) if as_text else q

    return build()


@_memo
def money(
    *, max_value: int = 10**4, unit: str | None = None, extreme: bool = False
) -> st.SearchStrategy[Quantity]:
    """Exact amounts of money in 亿元, 万元 or 元 (``extreme``: anywhere in the range a value may
    have, as :func:`extreme_decimals`)."""
    units = [unit] if unit is not None else list(_MONEY_UNITS)
    magnitudes = extreme_decimals() if extreme else _magnitudes(max_value=max_value)
    return st.builds(lambda m, u: Q_(m, u), magnitudes, st.sampled_from(units))


# People and time ---------------------------------------------------------------------------------


@_memo
def officials() -> st.SearchStrategy[Official]:
    """Leading officials."""
    return st.builds(Official, name_zh=texts_zh(max_size=3), name_en=texts_en(max_words=2))


@_memo
def departments(*, key: str | None = None) -> st.SearchStrategy[Department]:
    """Departments (with ``key`` when given)."""
    keys = st.just(key) if key is not None else slugs()
    return st.builds(Department, key=keys, name_zh=texts_zh(max_size=8), name_en=texts_en())


@_memo
def _department_pools(min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[list[Department]]:
    return st.lists(departments(), min_size=min_size, max_size=max_size, unique_by=lambda d: d.key)


# Targets -----------------------------------------------------------------------------------------


@_memo
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


@_memo
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


# Projects ----------------------------------------------------------------------------------------


@_memo
def fundings() -> st.SearchStrategy[Funding]:
    """Funding of a project from one source."""
    return st.builds(Funding, source=st.sampled_from(FundingSource), amount=money(max_value=100))


@_memo
def milestones(*, within: Period | None = None) -> st.SearchStrategy[Milestone]:
    """Dated steps of a project, met or not (never met before being planned is not a rule)."""
    return st.builds(
        Milestone,
        name=st.sampled_from(("start", "completion")) | texts_en(max_words=2),
        due=dates(within=within),
        met=st.none() | dates(within=within),
    )


@_memo
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
        latest = within.end if within is not None else _LATEST
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


@_memo
def planned_investments() -> st.SearchStrategy[PlannedInvestment]:
    """One step of a project's investment plan (for a whole plan, see :func:`investment_plans`)."""
    return st.builds(PlannedInvestment, period_end=dates(), cumulative=money())


@_memo
def investment_plans(
    *, after: date, until: date | None = None, max_size: int = 3
) -> st.SearchStrategy[tuple[PlannedInvestment, ...]]:
    """A project's planned cumulative investment: period ends after ``after`` (its planned start),
    in order, with amounts that never fall, in one money unit."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[PlannedInvestment, ...]:
        last = until if until is not None else _LATEST
        if last <= after:
            return ()
        ends = draw(
            st.lists(st.dates(after + timedelta(days=1), last), max_size=max_size, unique=True)
        )
        amounts = draw(
            st.lists(_magnitudes(max_value=1000), min_size=len(ends), max_size=len(ends))
        )
        unit = draw(st.sampled_from(_MONEY_UNITS))
        return tuple(
            PlannedInvestment(end, Q_(amount, unit))
            for end, amount in zip(sorted(ends), sorted(amounts), strict=True)
        )

    return build()


@_memo
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
        unit = draw(st.sampled_from(_MONEY_UNITS))
        floor = Decimal(0) if min_total is None else Decimal(min_total.to(unit).magnitude)
        total = floor + draw(_magnitudes(max_value=10**4))
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


# Categories and programmes -----------------------------------------------------------------------


@_memo
def tasks(*, number: int | None = None) -> st.SearchStrategy[Task]:
    """Main tasks of a category."""
    return st.builds(
        Task,
        number=st.just(number) if number is not None else st.integers(1, 20),
        title_zh=texts_zh(),
        title_en=texts_en(),
        text_zh=texts_zh(max_size=30),
    )


@_memo
def categories(
    *,
    key: str | None = None,
    number: int | None = None,
    within: Period | None = None,
    lead_departments: Sequence[Department] | None = None,
    max_targets: int = 3,
    max_projects: int = 2,
    min_targets: int = 0,
) -> st.SearchStrategy[Category]:
    """Categories with targets, tasks, projects and, perhaps, a portfolio consistent with them.

    Args:
        key: The category's key; else drawn.
        number: Its number; else drawn.
        within: The programme period its dates lie in.
        lead_departments: Departments to choose the lead departments from; else drawn.
        max_targets: Most targets.
        max_projects: Most named projects.
        min_targets: Fewest targets.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Category:
        k = key if key is not None else draw(slugs())
        pool = lead_departments if lead_departments else draw(_department_pools())
        leads = draw(
            st.lists(
                st.sampled_from(pool),
                min_size=1,
                max_size=min(2, len(pool)),
                unique_by=lambda d: d.key,
            )
        )
        ts = draw(
            st.lists(
                targets(category=k, within=within),
                min_size=min_targets,
                max_size=max(min_targets, max_targets),
                unique_by=lambda t: t.key,
            )
        )
        ps = draw(
            st.lists(
                projects(category=k, within=within),
                max_size=max_projects,
                unique_by=lambda p: p.key,
            )
        )
        named = sum(
            (p.investment.to("yi_yuan") for p in ps if p.investment is not None),
            Q_(Decimal(0), "yi_yuan"),
        )
        first_year = within.start.year if within is not None else None
        portfolio = draw(
            st.none() | portfolios(min_count=len(ps), min_total=named, first_year=first_year)
        )
        task_numbers = draw(st.lists(st.integers(1, 20), max_size=2, unique=True))
        return Category(
            key=k,
            number=number if number is not None else draw(st.integers(1, 20)),
            name_zh=draw(texts_zh()),
            name_en=draw(texts_en()),
            leader=draw(officials()),
            lead_departments=tuple(leads),
            targets=tuple(ts),
            tasks=tuple(draw(tasks(number=n)) for n in task_numbers),
            projects=tuple(ps),
            portfolio=portfolio,
        )

    return build()


@_memo
def due_rules(
    *, frequency: Frequency | None = None, within: Period | None = None
) -> st.SearchStrategy[DueRule]:
    """When a duty falls due: once on a date (inside ``within``) or each quarter."""
    frequencies = st.just(frequency) if frequency is not None else st.sampled_from(Frequency)

    @st.composite
    def build(draw: st.DrawFn) -> DueRule:
        f = draw(frequencies)
        if f is Frequency.ONCE:
            return DueRule(f, due=draw(dates(within=within)))
        return DueRule(
            f,
            month_of_quarter=draw(st.sampled_from((3, 1, 2))),
            day=draw(st.sampled_from((25, -1)) | st.integers(1, 28)),
        )

    return build()


@_memo
def obligations(
    *,
    key: str | None = None,
    within: Period | None = None,
    reporters: Sequence[Department] | None = None,
    frequency: Frequency | None = None,
    scope: ReporterScope | None = None,
) -> st.SearchStrategy[ReportingObligation]:
    """Reporting duties: quarterly or once, by lead departments (per category or per department)
    and/or named departments.

    Args:
        key: The duty's key; else drawn.
        within: The period a once-only duty is due in (after the issue date, for a programme).
        reporters: Departments to choose named reporters from; else drawn.
        frequency: Only this frequency.
        scope: Only duties of this reporter scope (each category's lead departments, or named
            departments only).
    """

    @st.composite
    def build(draw: st.DrawFn) -> ReportingObligation:
        who = scope if scope is not None else draw(st.sampled_from(ReporterScope))
        pool = reporters if reporters else draw(_department_pools())
        low = 1 if who is ReporterScope.NAMED else 0
        named = draw(
            st.lists(
                st.sampled_from(pool),
                min_size=low,
                max_size=min(2, len(pool)),
                unique_by=lambda d: d.key,
            )
        )
        recipient = draw(st.none() | st.tuples(texts_zh(max_size=6), texts_en()))
        return ReportingObligation(
            key=key if key is not None else draw(slugs()),
            name_zh=draw(texts_zh()),
            name_en=draw(texts_en()),
            rule=draw(due_rules(frequency=frequency, within=within)),
            reporters=who,
            owed_per=draw(st.sampled_from(OwedPer)),
            departments=tuple(named),
            recipient_zh=None if recipient is None else recipient[0],
            recipient_en=None if recipient is None else recipient[1],
            clause_zh=draw(st.none() | texts_zh()),
        )

    return build()


@_memo
def programmes(
    *,
    min_categories: int = 1,
    max_categories: int = 3,
    min_obligations: int = 0,
    max_obligations: int = 2,
) -> st.SearchStrategy[Programme]:
    """Whole programmes, consistent (:func:`~ezhou_recovery.validate` finds no errors in them).

    Departments are drawn once per programme, so one key always names one department; projects
    stay within their portfolio's count and total; dates lie in the period.

    Args:
        min_categories: Fewest categories.
        max_categories: Most categories.
        min_obligations: Fewest reporting duties.
        max_obligations: Most reporting duties.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Programme:
        period = draw(periods(max_years=4))
        issued = draw(
            st.dates(
                min_value=period.start - timedelta(days=60),
                max_value=period.end - timedelta(days=1),
            )
        )
        published = draw(
            st.none() | st.dates(min_value=issued, max_value=issued + timedelta(days=60))
        )
        pool = draw(_department_pools(max_size=5))
        keys = draw(
            st.lists(slugs(), min_size=min_categories, max_size=max_categories, unique=True)
        )
        cats = [
            draw(
                categories(
                    key=k,
                    number=i + 1,
                    within=period,
                    lead_departments=tuple(pool),
                    min_targets=1 if i == 0 else 0,  # a programme with nothing is an error
                )
            )
            for i, k in enumerate(keys)
        ]
        after_issue = Period(issued + timedelta(days=1), period.end)
        duty_keys = draw(
            st.lists(
                slugs(),
                min_size=min_obligations,
                max_size=max(min_obligations, max_obligations),
                unique=True,
            )
        )
        duties = [
            draw(obligations(key=k, within=after_issue, reporters=tuple(pool))) for k in duty_keys
        ]
        return Programme(
            key=draw(slugs()),
            document_number=draw(texts_zh(max_size=6)),
            title_zh=draw(texts_zh()),
            title_en=draw(texts_en()),
            issuer=draw(departments()),
            issued=issued,
            period=period,
            categories=tuple(cats),
            obligations=tuple(duties),
            published=published,
            source_url=draw(st.none() | st.just("https://example.org/plan.html")),
        )

    return build()


@_memo
def deadlines(
    *, within: Period | None = None, programme: Programme | None = None
) -> st.SearchStrategy[Deadline]:
    """Single deadlines: one of ``programme``'s own (due inside ``within`` when given), or made up.

    Args:
        within: A period the deadline is due in.
        programme: Draw from ``programme.deadlines()``; the strategy is empty (nothing to draw)
            when the programme owes none in ``within``.
    """
    if programme is not None:
        owed = (
            programme.deadlines()
            if within is None
            else programme.deadlines(within.start, within.end)
        )
        return st.sampled_from(tuple(owed)) if owed else st.nothing()

    @st.composite
    def build(draw: st.DrawFn) -> Deadline:
        due = draw(dates(within=within))
        return Deadline(
            due=due,
            obligation=draw(slugs()),
            category=draw(st.none() | slugs()),
            department=draw(departments()),
            period=draw(st.just(Period(due, due)) | periods()),
        )

    return build()


@_memo
def investment_reports(
    *, subject: str | None = None, programme: Programme | None = None
) -> st.SearchStrategy[InvestmentReport]:
    """Reports of investment completed for a category or project.

    Args:
        subject: Only this subject (a category or project key).
        programme: Subjects among its categories and projects, dated inside its period.
    """
    if programme is not None and subject is None:
        keys = [c.key for c in programme.categories] + [p.key for p in programme.projects]
        subjects: st.SearchStrategy[str] = st.sampled_from(keys)
    else:
        subjects = st.just(subject) if subject is not None else slugs()
    return st.builds(
        InvestmentReport,
        subject=subjects,
        as_of=dates(within=None if programme is None else programme.period),
        completed=money(),
        source=st.none() | texts_zh(max_size=6),
        quality=st.sampled_from(Quality),
    )


@_memo
def annual_investment_plans(
    *, subject: str | None = None
) -> st.SearchStrategy[AnnualInvestmentPlan]:
    """Investment planned for a category or project in one year."""
    return st.builds(
        AnnualInvestmentPlan,
        subject=st.just(subject) if subject is not None else slugs(),
        year=st.integers(2000, 2049),
        planned=money(),
    )


# Observations ------------------------------------------------------------------------------------

#: What makes an observation inconsistent with its target, for ``observations(consistent=False)``.
Inconsistency = Literal["unit", "kind", "date", "key"]


def _compatible_units(target: Target) -> list[str]:
    assert target.unit is not None
    own = ureg.Unit(target.unit)
    others = [u for u in UNITS if ureg.Unit(u).dimensionality == own.dimensionality]
    return sorted(set(others), key=lambda u: (ureg.Unit(u) != own, UNITS.index(u)))


def _incompatible_units(target: Target | None) -> list[str]:
    own = None if target is None or target.unit is None else ureg.Unit(target.unit)
    return [u for u in UNITS if own is None or ureg.Unit(u).dimensionality != own.dimensionality]


@_memo
def observed_values(*, target: Target, consistent: bool = True) -> st.SearchStrategy[Any]:
    """Raw values as people report them, which :meth:`Observation.for_target` (and the loaders)
    read for ``target``, or, with ``consistent=False``, refuse with a UnitError.

    Consistent: for a quantitative target a quantity in its unit or another unit of the same
    dimension, a bare number (in its unit), or a text (``"77600米"``, ``"77.6 kilometer"``, a bare
    ``"12.5"``); for a milestone True/False or a yes/no word (``是``, ``done``); for a qualitative
    goal a :class:`QualitativeLevel` or its name (``推进中``, ``in_progress``).

    Inconsistent: a quantity or text in a unit of another dimension, a unit that does not exist,
    a negative number, or a value of the wrong kind (a level for a quantity, a number for a
    milestone, true/false for a qualitative goal).
    """
    if target.kind is TargetKind.MILESTONE:
        if consistent:
            words = sorted(TRUE_WORDS | FALSE_WORDS, key=lambda w: (len(w), w))
            return st.booleans() | st.sampled_from(words)
        return quantities(max_value=100) | st.sampled_from(QualitativeLevel) | st.just("maybe")
    if target.kind is TargetKind.QUALITATIVE:
        if consistent:
            names = [n for lv in QualitativeLevel for n in (lv.value, lv.name_zh, lv.name_en)]
            return st.sampled_from(QualitativeLevel) | st.sampled_from(names)
        return st.booleans() | quantities(max_value=100) | st.just("halfway")
    units = _compatible_units(target)
    if consistent:
        return st.one_of(
            st.sampled_from(units).flatmap(lambda u: quantities(unit=u)),
            _magnitudes(),
            _magnitudes().map(str),
            st.sampled_from(units).flatmap(lambda u: quantities(unit=u, as_text=True)),
        )
    wrong = _incompatible_units(target)
    return st.one_of(
        st.sampled_from(wrong).flatmap(lambda u: quantities(unit=u)),
        st.sampled_from(wrong).flatmap(lambda u: quantities(unit=u, as_text=True)),
        _magnitudes(max_value=1000).map(lambda m: f"{m} 茶杯"),
        _magnitudes(max_value=1000).filter(bool).map(lambda m: -m),
        st.booleans(),
        st.sampled_from(QualitativeLevel),
    )


def _consistent_value(target: Target, draw: st.DrawFn) -> Quantity | bool | QualitativeLevel:
    if target.kind is TargetKind.MILESTONE:
        return draw(st.booleans())
    if target.kind is TargetKind.QUALITATIVE:
        level: QualitativeLevel = draw(st.sampled_from(QualitativeLevel))
        return level
    unit = draw(st.sampled_from(_compatible_units(target)))
    value: Quantity = draw(quantities(unit=unit))
    return value


@_memo
def observations(
    *,
    programme: Programme | None = None,
    target: Target | None = None,
    consistent: bool = True,
    problems: Sequence[Inconsistency] = ("unit", "kind", "date", "key"),
) -> st.SearchStrategy[Observation]:
    """Observations of a target, consistent with it or, for error paths, deliberately not.

    Consistent: the value fits the target (a quantity in its unit or another unit of the same
    dimension; True/False for a milestone; a :class:`QualitativeLevel` for a qualitative goal),
    dated inside the programme's period (else in the three years up to the target's deadline).

    Inconsistent (``consistent=False``): each observation has one of ``problems``: ``"unit"`` (a
    quantity of another dimension), ``"kind"`` (a value of the wrong kind: true/false for a
    quantity, a quantity for a milestone), ``"date"`` (dated outside the programme's period, or
    after the target's deadline without a programme) or ``"key"`` (a target key the programme does
    not have). Every observation still passes :class:`Observation`'s own validators.

    Args:
        programme: Observe one of its targets (the strategy is empty if it has none).
        target: Observe this target (of ``programme``, if both are given).
        consistent: Whether the observations fit their target.
        problems: The inconsistencies to draw from.
    """
    if target is None and programme is not None:
        choices: st.SearchStrategy[Target] = (
            st.sampled_from(tuple(programme.targets)) if len(programme.targets) else st.nothing()
        )
    elif target is not None:
        choices = st.just(target)
    else:
        choices = targets()
    period = None if programme is None else programme.period
    wanted = tuple(problems)
    if not consistent and not wanted:
        raise ValueError("consistent=False needs at least one problem to draw")

    @st.composite
    def build(draw: st.DrawFn) -> Observation:
        t = draw(choices)
        if period is not None:
            window = Period(period.start, period.end)
        else:
            first = max(_EARLIEST, date(max(t.deadline.year - 3, _EARLIEST.year), 1, 1))
            window = Period(min(first, t.deadline), t.deadline)
        as_of = draw(dates(within=window))
        quality = draw(st.sampled_from(Quality))
        source = draw(st.none() | texts_zh(max_size=6))
        key = t.key
        if consistent:
            return Observation(key, as_of, _consistent_value(t, draw), source, quality)
        usable = [
            p
            for p in wanted
            if not (p == "unit" and not t.kind.quantitative)
            and not (p == "date" and window.end >= _LATEST)
        ]
        problem = draw(st.sampled_from(usable or ["kind"]))
        value: Any = _consistent_value(t, draw)
        if problem == "unit":
            value = draw(quantities(unit=draw(st.sampled_from(_incompatible_units(t)))))
        elif problem == "kind":
            value = draw(quantities()) if not t.kind.quantitative else draw(st.booleans())
        elif problem == "date":
            as_of = draw(st.dates(window.end + timedelta(days=1), _LATEST))
        else:
            known = {x.key for x in programme.targets} if programme is not None else {t.key}
            key = draw(
                st.builds(lambda c, s: f"{c}.{s}", slugs(), slugs()).filter(
                    lambda k: k not in known
                )
            )
        return Observation(key, as_of, value, source, quality)

    return build()


# Submissions -------------------------------------------------------------------------------------

#: What happens to each deadline in :func:`submissions`.
SubmissionKind = Literal["on_time", "late", "missing", "duplicate", "any"]
_OFFSETS = (timedelta(hours=8), timedelta(0), timedelta(hours=-5), timedelta(hours=5, minutes=30))


@_memo
def moments(*, within: Period | None = None) -> st.SearchStrategy[date | datetime]:
    """When a report arrived: a date, or a time with a UTC offset (whole minutes, like ``+08:00``,
    ``Z`` or ``-05:00``) whose day in China time lies inside ``within`` when given."""

    @st.composite
    def aware(draw: st.DrawFn) -> datetime:
        day = draw(dates(within=within))
        at = datetime.combine(day, draw(st.times()), tzinfo=CHINA_TIME)
        offset = draw(
            st.sampled_from(_OFFSETS)
            | st.integers(-14 * 60, 14 * 60).map(lambda m: timedelta(minutes=m))
        )
        return at.astimezone(timezone(offset))

    return dates(within=within) | aware()


def _days_from(day: date, low: int, high: int) -> st.SearchStrategy[date]:
    """Days ``low`` to ``high`` days after ``day`` (shrinking towards ``day``)."""
    return st.integers(low, high).map(lambda n: day + timedelta(days=n))


def _group(d: Deadline) -> tuple[str, str, str]:
    return d.obligation, d.department.key, d.period.label


def _arrival(day: date, draw: st.DrawFn) -> date | datetime:
    """A moment whose day in China time is ``day``."""
    if not draw(st.booleans()):
        return day
    at = datetime.combine(day, draw(st.times()), tzinfo=CHINA_TIME)
    return at.astimezone(timezone(draw(st.sampled_from(_OFFSETS))))


@_memo
def single_submissions(*, within: Period | None = None) -> st.SearchStrategy[Submission]:
    """Submissions on their own, not tied to a programme (for the round trip of the class)."""
    return st.builds(
        Submission,
        obligation=slugs(),
        department=slugs(),
        submitted_at=moments(within=within),
        period=st.none() | st.sampled_from(("2021Q1", "2021Q2", "2022Q4")),
        category=st.none() | slugs(),
        note=st.none() | texts_zh(max_size=8),
    )


@_memo
def submissions(
    *,
    programme: Programme,
    kind: SubmissionKind = "any",
    start: date | None = None,
    end: date | None = None,
    convention: DueConvention | None = None,
    max_days_late: int = 60,
) -> st.SearchStrategy[list[Submission]]:
    """Reports received for ``programme``'s deadlines (those due from ``start`` to ``end``).

    Each deadline is answered by submissions for it alone (:meth:`Submission.for_deadline`), dated
    by its day in China time (a date, or a time in some UTC offset):

    * ``"on_time"``: every deadline once, on or before its last on-time day;
    * ``"late"``: every deadline once, 1 to ``max_days_late`` days after that day;
    * ``"missing"``: at least one deadline (when there are any) has no submission, the rest one on
      time;
    * ``"duplicate"``: every deadline two to three times, on time or late;
    * ``"any"``: each deadline on time, late, missing or duplicated.

    The list is shuffled. Compliance computed on a status date after every last day (plus
    ``max_days_late``) sees each deadline as intended, with one rule of matching to keep in mind:
    a report without a category (the answer to a duty of named departments) also answers the
    same department's category deadlines of that duty and period, which fall due the same day.
    So under ``"missing"`` such a deadline is missing whenever one of its category deadlines is,
    and under ``"duplicate"`` the category deadlines count its reports as resubmissions too.

    Args:
        programme: The programme whose deadlines are answered.
        kind: What happens to each deadline.
        start: First due date considered; None for all.
        end: Last due date considered; None for all.
        convention: How due dates are read (the default convention when None).
        max_days_late: Most days late.
    """
    owed = tuple(programme.deadlines(start, end))
    rule = convention if convention is not None else DueConvention()
    outcomes: dict[str, tuple[str, ...]] = {
        "on_time": ("on_time",),
        "late": ("late",),
        "missing": ("on_time",),
        "duplicate": ("duplicate",),
        "any": ("missing", "on_time", "late", "duplicate"),  # shrinks to fewest reports
    }
    if kind not in outcomes:
        raise ValueError(f"kind must be one of {', '.join(outcomes)}: {kind!r}")
    choices = outcomes[kind]

    @st.composite
    def build(draw: st.DrawFn) -> list[Submission]:
        fates = [draw(st.sampled_from(choices)) for _ in owed]
        if kind == "missing" and owed:
            for i in draw(st.lists(st.integers(0, len(owed) - 1), min_size=1, unique=True)):
                fates[i] = "missing"
            # A report without a category answers the department's category deadlines too: the
            # category-less deadline of a group stays missing whenever one of the group does.
            gone = {_group(d) for d, fate in zip(owed, fates, strict=True) if fate == "missing"}
            fates = [
                "missing" if d.category is None and _group(d) in gone else fate
                for d, fate in zip(owed, fates, strict=True)
            ]
        out: list[Submission] = []
        for d, fate in zip(owed, fates, strict=True):
            last = rule.last_on_time_day(d.due)
            # On time, and not before the period reported on began (a premature report is not
            # counted), when the deadline lies in that period.
            earliest = -30 if d.period.start > last else max(-30, (d.period.start - last).days)
            on_time = _days_from(last, earliest, 0)
            late = _days_from(last, 1, max_days_late)
            if fate == "missing":
                continue
            if fate == "on_time":
                days = [draw(on_time)]
            elif fate == "late":
                days = [draw(late)]
            else:
                days = draw(st.lists(on_time | late, min_size=2, max_size=3))
            out += [Submission.for_deadline(d, _arrival(day, draw)) for day in days]
        return draw(st.permutations(out))

    return build()


# Registration ------------------------------------------------------------------------------------


def type_strategies() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """The strategy factory of each model class, for ``st.register_type_strategy``.

    A module that adds classes adds its entries here.
    """
    return {
        Programme: programmes,
        Category: categories,
        Target: targets,
        Baseline: baselines,
        Task: tasks,
        Project: projects,
        Portfolio: portfolios,
        Funding: fundings,
        Milestone: milestones,
        PlannedInvestment: planned_investments,
        Department: departments,
        Official: officials,
        ReportingObligation: obligations,
        DueRule: due_rules,
        Deadline: deadlines,
        Period: periods,
        InvestmentReport: investment_reports,
        AnnualInvestmentPlan: annual_investment_plans,
        Observation: observations,
        Submission: single_submissions,
    }


def register_type_strategies() -> None:
    """Make ``st.from_type(C)`` use these strategies for every model class ``C``.

    Each strategy is built on first use (``st.deferred``), so registering costs next to nothing.
    """
    for cls, factory in type_strategies().items():
        st.register_type_strategy(cls, st.deferred(_call(factory)))


def _call(factory: Callable[[], st.SearchStrategy[T]]) -> Callable[[], st.SearchStrategy[T]]:
    return lambda: factory()


# Imported before Hypothesis was, this module registers its strategies itself (see _plugin.py).
register_type_strategies()
