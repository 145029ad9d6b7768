"""Strategies for categories, reporting duties and whole programmes (consistent: validation finds no
error in them), and for their deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from hypothesis import strategies as st

from ezhou_recovery.model.obligations import (
    Deadline,
    DueRule,
    Frequency,
    OwedPer,
    ReporterScope,
    ReportingObligation,
)
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme, Task
from ezhou_recovery.strategies._basics import dates, memo, periods, slugs, texts_en, texts_zh
from ezhou_recovery.strategies._model import (
    department_pools,
    departments,
    officials,
    portfolios,
    projects,
    targets,
)
from ezhou_recovery.units import (
    Q_,
)


@memo
def tasks(*, number: int | None = None) -> st.SearchStrategy[Task]:
    """Main tasks of a category."""
    return st.builds(
        Task,
        number=st.just(number) if number is not None else st.integers(1, 20),
        title_zh=texts_zh(),
        title_en=texts_en(),
        text_zh=texts_zh(max_size=30),
    )


@memo
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
        pool = lead_departments if lead_departments else draw(department_pools())
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


@memo
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


@memo
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
        pool = reporters if reporters else draw(department_pools())
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


@memo
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
        pool = draw(department_pools(max_size=5))
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


@memo
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
