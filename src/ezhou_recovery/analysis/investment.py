"""Investment completion: completed investment against the portfolio's estimates and annual plans.

All arithmetic is exact (:class:`~decimal.Decimal`); time progress is an exact fraction of days.
:func:`assess_investment` is pure; :func:`ezhou_recovery.assess` calls it. The method is written
down in ``docs/methodology.md`` (section 7).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.analysis.attainment import formulas as f
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import AnnualInvestmentPlan, InvestmentReport
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.units import Q_, Quantity, format_quantity

__all__ = ["AnnualMoneyResult", "MoneyResult", "assess_investment"]


@attrs.frozen
class AnnualMoneyResult:
    """Investment completed in one calendar year against its annual plan (年度投资完成率).

    Attributes:
        year: The year.
        planned: Investment planned for the year.
        completed: Completed in the year up to the assessment date; None when unknown.
        rate: ``completed / planned``, exact.
        time_progress: Share of the year elapsed, exact.
        gap_pp: ``(rate - time_progress) * 100``, percentage points.
    """

    year: int
    planned: Quantity
    completed: Quantity | None
    rate: Decimal | None
    time_progress: Decimal
    gap_pp: Decimal | None


@attrs.frozen
class MoneyResult:
    """Investment completion of a category, a project or the programme, in exact decimals.

    Attributes:
        subject: Category key, project key, or the programme's key.
        completed: Investment completed from the programme start to the assessment date
            (latest report); None without a report.
        reported_on: Date of the report(s) used (the latest, when summed over projects).
        from_projects: True when the category figure is the sum of its projects' reports (no
            report for the category itself), so it covers only the projects reported.
        planned_total: Estimated total investment (估算总投资); None when not known.
        completion_rate: ``completed / planned_total`` (累计投资完成率).
        time_progress: Share of the programme period elapsed.
        gap_pp: ``(completion_rate - time_progress) * 100``, percentage points.
        first_year: The year of the first-year plan, when there is one.
        planned_first_year: Estimated investment of the first year.
        completed_first_year: Completed in the first year (up to the assessment date).
        first_year_rate: ``completed_first_year / planned_first_year``.
        first_year_time_progress: Share of the first year elapsed.
        first_year_gap_pp: First-year gap to time progress, percentage points.
        annual: Completion against annual plans the caller supplied.
        reported_total: Programme-wide result only: the investment reported over every category
            with a figure, those without a portfolio included (what was reported), beside
            ``completed``, which sums the categories with a portfolio only, to set against the
            plan's stated total (what the plan states). None without any figure.
    """

    subject: str
    completed: Quantity | None
    reported_on: date | None
    from_projects: bool
    planned_total: Quantity | None
    completion_rate: Decimal | None
    time_progress: Decimal
    gap_pp: Decimal | None
    first_year: int | None = None
    planned_first_year: Quantity | None = None
    completed_first_year: Quantity | None = None
    first_year_rate: Decimal | None = None
    first_year_time_progress: Decimal | None = None
    first_year_gap_pp: Decimal | None = None
    annual: tuple[AnnualMoneyResult, ...] = ()
    reported_total: Quantity | None = None


def assess_investment(
    programme: Programme,
    reports: Iterable[InvestmentReport],
    annual_plans: Iterable[AnnualInvestmentPlan],
    as_of: date,
) -> tuple[tuple[MoneyResult, ...], MoneyResult]:
    """Investment completion per category and reported project, and for the whole programme.

    Reports dated after ``as_of`` are ignored.

    Returns:
        The results per category (each with a portfolio, a report or an annual plan) then per
        reported project, and the programme-wide result (its ``completed`` is None unless every
        category with a portfolio has a figure; its ``reported_total`` sums every category's
        figure, those without a portfolio included).

    Raises:
        InvariantError: A report names no category or project of the programme, or two reports of
            one subject on one date disagree.
    """
    category_keys = {c.key for c in programme.categories}
    by_subject: dict[str, list[InvestmentReport]] = defaultdict(list)
    for r in reports:
        if not isinstance(r, InvestmentReport):
            raise InvariantError("assess", "investment", r, "must be InvestmentReport objects")
        if r.subject not in category_keys:
            try:
                programme.project(r.subject)
            except KeyError:
                raise v.fail(
                    r, "subject", r.subject, f"no such category or project in {programme.key!r}"
                ) from None
        if r.as_of <= as_of:
            by_subject[r.subject].append(r)
    for subject_reports in by_subject.values():
        subject_reports.sort(key=lambda r: r.as_of)
        for a, b in itertools.pairwise(subject_reports):
            if a.as_of == b.as_of and a.completed != b.completed:
                raise v.fail(
                    b,
                    "completed",
                    format_quantity(b.completed),
                    f"disagrees with another report of {b.subject!r} on {b.as_of.isoformat()}",
                )
    plans: dict[str, list[AnnualInvestmentPlan]] = defaultdict(list)
    for p in annual_plans:
        if not isinstance(p, AnnualInvestmentPlan):
            raise InvariantError(
                "assess", "annual_plans", p, "must be AnnualInvestmentPlan objects"
            )
        plans[p.subject].append(p)

    start, end = programme.period.start, programme.period.end
    time_progress = f.elapsed_share_exact(start.toordinal(), end.toordinal(), as_of.toordinal())

    def cumulative(subject: str, until: date) -> tuple[Quantity | None, date | None, bool]:
        own = [r for r in by_subject.get(subject, ()) if r.as_of <= until]
        if own:
            return own[-1].completed.to("yi_yuan"), own[-1].as_of, False
        if subject not in category_keys:
            return None, None, False
        projects = [p.key for p in programme.category(subject).projects]
        parts = [[r for r in by_subject.get(k, ()) if r.as_of <= until] for k in projects]
        parts = [p for p in parts if p]
        if not parts:
            return None, None, False
        total = Q_(Decimal(0), "yi_yuan")
        for p in parts:
            total = total + p[-1].completed.to("yi_yuan")
        return total, max(p[-1].as_of for p in parts), True

    def annual(subject: str) -> tuple[AnnualMoneyResult, ...]:
        out = []
        for p in sorted(plans.get(subject, ()), key=lambda p: p.year):
            if p.year > as_of.year:
                continue
            y_start = max(date(p.year, 1, 1), start)
            y_end = date(p.year, 12, 31)
            share = f.elapsed_share_exact(y_start.toordinal(), y_end.toordinal(), as_of.toordinal())
            now, _, _ = cumulative(subject, min(as_of, y_end))
            if p.year <= start.year:
                before: Quantity | None = Q_(Decimal(0), "yi_yuan")
            else:
                before, _, _ = cumulative(subject, date(p.year - 1, 12, 31))
            done = None if now is None or before is None else now - before
            planned = p.planned.to("yi_yuan")
            rate = None if done is None else f.completion_rate(done.magnitude, planned.magnitude)
            gap = None if rate is None else f.percentage_points(rate, share)
            out.append(AnnualMoneyResult(p.year, planned, done, rate, share, gap))
        return tuple(out)

    def result(
        subject: str,
        planned_total: Quantity | None,
        first_year: int | None,
        planned_first: Quantity | None,
    ) -> MoneyResult:
        completed, on, from_projects = cumulative(subject, as_of)
        rate = None
        if completed is not None and planned_total is not None:
            rate = f.completion_rate(completed.magnitude, planned_total.to("yi_yuan").magnitude)
        extra: dict[str, Any] = {}
        if first_year is not None and planned_first is not None:
            y_start = max(date(first_year, 1, 1), start)
            y_end = date(first_year, 12, 31)
            share = f.elapsed_share_exact(y_start.toordinal(), y_end.toordinal(), as_of.toordinal())
            done, _, _ = cumulative(subject, min(as_of, y_end))
            if first_year > start.year and done is not None:
                before, _, _ = cumulative(subject, date(first_year - 1, 12, 31))
                done = None if before is None else done - before
            first_rate = None
            if done is not None:
                first_rate = f.completion_rate(
                    done.magnitude, planned_first.to("yi_yuan").magnitude
                )
            extra = {
                "first_year": first_year,
                "planned_first_year": planned_first,
                "completed_first_year": done,
                "first_year_rate": first_rate,
                "first_year_time_progress": share,
                "first_year_gap_pp": None
                if first_rate is None
                else f.percentage_points(first_rate, share),
            }
        return MoneyResult(
            subject=subject,
            completed=completed,
            reported_on=on,
            from_projects=from_projects,
            planned_total=planned_total,
            completion_rate=rate,
            time_progress=time_progress,
            gap_pp=None if rate is None else f.percentage_points(rate, time_progress),
            annual=annual(subject),
            **extra,
        )

    money: list[MoneyResult] = []
    for c in programme.categories:
        reported = c.key in by_subject or any(p.key in by_subject for p in c.projects)
        if c.portfolio is None and c.key not in plans and not reported:
            continue
        pf = c.portfolio
        money.append(
            result(
                c.key,
                pf.total_investment if pf else None,
                pf.first_year if pf else None,
                pf.first_year_investment if pf else None,
            )
        )
    for project in programme.projects:
        if project.key in by_subject or project.key in plans:
            money.append(result(project.key, project.investment, None, None))
    # The programme as a whole: only when every category with a portfolio has a figure.
    portfolio_results = [
        m for m in money if m.subject in category_keys and programme.category(m.subject).portfolio
    ]
    complete = bool(portfolio_results) and all(m.completed is not None for m in portfolio_results)
    total_completed: Quantity | None = None
    total_first: Quantity | None = None
    if complete:
        total_completed = Q_(Decimal(0), "yi_yuan")
        for m in portfolio_results:
            assert m.completed is not None
            total_completed = total_completed + m.completed
        if all(m.completed_first_year is not None for m in portfolio_results):
            total_first = Q_(Decimal(0), "yi_yuan")
            for m in portfolio_results:
                assert m.completed_first_year is not None
                total_first = total_first + m.completed_first_year
    figures = [m.completed for m in money if m.subject in category_keys and m.completed is not None]
    reported_total: Quantity | None = None
    for amount in figures:
        reported_total = amount if reported_total is None else reported_total + amount
    planned_total = programme.total_investment
    planned_first = programme.first_year_investment
    first_years = {m.first_year for m in portfolio_results}
    first_year = first_years.pop() if len(first_years) == 1 else None
    total_rate = (
        None
        if total_completed is None
        else f.completion_rate(total_completed.magnitude, planned_total.magnitude)
    )
    first_rate = (
        None
        if total_first is None or first_year is None
        else f.completion_rate(total_first.magnitude, planned_first.magnitude)
    )
    first_share = None
    if first_year is not None:
        first_share = f.elapsed_share_exact(
            max(date(first_year, 1, 1), start).toordinal(),
            date(first_year, 12, 31).toordinal(),
            as_of.toordinal(),
        )
    total = MoneyResult(
        subject=programme.key,
        completed=total_completed,
        reported_on=max((m.reported_on for m in portfolio_results if m.reported_on), default=None)
        if complete
        else None,
        from_projects=any(m.from_projects for m in portfolio_results),
        planned_total=planned_total,
        completion_rate=total_rate,
        time_progress=time_progress,
        gap_pp=None if total_rate is None else f.percentage_points(total_rate, time_progress),
        first_year=first_year,
        planned_first_year=planned_first if first_year is not None else None,
        completed_first_year=total_first,
        first_year_rate=first_rate,
        first_year_time_progress=first_share,
        first_year_gap_pp=None
        if first_rate is None or first_share is None
        else f.percentage_points(first_rate, first_share),
        reported_total=reported_total,
    )
    return tuple(money), total
