"""Consistency rules of a programme, beyond what each object checks when it is built.

:func:`validate` returns findings instead of raising, so a tool can list every problem of a data set
at once. Some rules repeat checks that construction makes already (a category needs a lead
department, a target deadline lies in the period): they catch objects assembled another way (a
subclass, ``object.__setattr__``, data from another tool) and say so in the same words as the rest.

Rules and their codes (stable; a tool may filter on them):

====================================  =======  ========================================================
code                                  level    fires when
====================================  =======  ========================================================
``first-year-above-total``            error    a portfolio's first-year investment exceeds its total
``first-year-outside-period``         warning  a portfolio's first year is not a year of the period
``portfolio-count-exceeded``          warning  a category names more projects than its portfolio counts
``portfolio-investment-exceeded``     error    named projects' investment sums above the portfolio
                                               total (a warning when the total is approximate, 约)
``project-funding-above-investment``  warning  a project's funding sums above its investment
``project-date-outside-period``       warning  a project's planned dates or milestones lie outside
``target-deadline-outside-period``    error    a target is due outside the programme's period
``obligation-due-outside-period``     error    a once-only duty is due outside (issue, end]
``deadline-outside-period``           error    a given deadline is due outside (issue, end]
``category-without-lead``             warning  a category has no lead department (the plan names none)
``category-without-leader``           warning  a category has no leading official (the plan names none)
``category-number-gap``               warning  category numbers skip a number (1, 2, 4)
``empty-programme``                   error    a programme without categories, or whose categories
                                               have no targets, projects or portfolio
``baseline-meets-target``             warning  a level target's baseline already meets the target
``target-without-clause``             warning  a target does not quote the clause it comes from
``district-not-named``                warning  a target's scope is a district's name, but the target
                                               does not name the district (``district``)
``start-shown-as-completion``         warning  a milestone's description says 启动 (start) but it is
                                               reached by completion (``event``)
``duplicate-key``                     error    two categories, targets, projects, duties share a key
``duplicate-number``                  warning  two categories (or two tasks of one) share a number
``department-key-conflict``           error    one department key stands for different names
``dangling-key``                      error    a key points at nothing: a target or project outside
                                               its category, a deadline's duty, category or reporter,
                                               a target's district
``published-before-issued``           error    the publication date is before the issue date
``running-total-fell``                warning  (:func:`validate_observations`) a cumulative
                                               target's reported running total fell
====================================  =======  ========================================================

Project counts: a category that names fewer projects than its portfolio counts is normal (plans
name only some of their projects) and gives no finding. One that names more gives a warning, not an
error: a plan's task text names projects its count groups together or leaves for later (the Ezhou
plan's transport tasks name 32 projects, wharves and road sections among them, where its portfolio
counts 24; cold chain names 9 where it counts 4). Investment is different: named projects whose
estimates sum above the portfolio's total contradict it.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal

import attrs

from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import Observation, QualitativeLevel
from ezhou_recovery.model.obligations import Deadline, OwedPer, ReporterScope
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.projects import Portfolio, Project
from ezhou_recovery.model.targets import (
    BaselineQualifier,
    Comparator,
    MilestoneEvent,
    Target,
    TargetKind,
)
from ezhou_recovery.units import format_quantity, quantity_in, ureg

__all__ = ["Finding", "Severity", "validate", "validate_observations"]


class Severity(enum.StrEnum):
    """How bad a finding is."""

    #: The data contradicts itself; results computed from it are not to be trusted.
    ERROR = "error"
    #: The data is suspicious or incomplete, but consistent.
    WARNING = "warning"


@attrs.frozen
class Finding:
    """One problem :func:`validate` found.

    Attributes:
        severity: Error or warning.
        code: The rule's stable identifier (``portfolio-count-exceeded``).
        where: The path to the entry, as a load error names it (``categories[0].portfolio``,
            ``categories[1].targets[2].deadline``): the same place in the programme file.
        what: The problem in words, with the values involved.
    """

    severity: Severity
    code: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.where}: {self.what} [{self.code}]"


def validate(programme: Programme, *, deadlines: Iterable[Deadline] = ()) -> tuple[Finding, ...]:
    """Check a programme (and, optionally, deadlines said to belong to it) for inconsistencies.

    Args:
        programme: The programme.
        deadlines: Deadlines from elsewhere (a tracker, another tool's file) to check against the
            programme: known duty, category and department, due inside the period.

    Returns:
        The findings, errors and warnings in the order of the data; empty when all is consistent.
    """
    findings = [*_programme_rules(programme)]
    numbers: dict[int, str] = {}
    departments: dict[str, Department] = {}
    for ci, category in enumerate(programme.categories):
        where = f"categories[{ci}]"
        if category.number in numbers:
            findings.append(
                _warn(
                    "duplicate-number",
                    f"{where}.number",
                    f"number {category.number} is also category {numbers[category.number]!r}'s",
                )
            )
        numbers.setdefault(category.number, category.key)
        for i, department in enumerate(category.lead_departments):
            findings.extend(_department(departments, department, f"{where}.lead_departments[{i}]"))
        findings.extend(_category_rules(programme, category, where))
    for i, obligation in enumerate(programme.obligations):
        for j, department in enumerate(obligation.departments):
            findings.extend(
                _department(departments, department, f"obligations[{i}].departments[{j}]")
            )
    findings.extend(_deadline_rules(programme, deadlines, departments))
    return tuple(findings)


def validate_observations(
    programme: Programme, observations: Iterable[Observation]
) -> tuple[Finding, ...]:
    """Check reported figures against each other: a cumulative target's running total that
    fell between two dates (2,100 then 1,900) is a data problem, named with both figures and
    dates. Figures of unknown targets are left to the loaders and :func:`~ezhou_recovery.assess`.

    Returns:
        The findings, by target in the programme's order, then by date.
    """
    by_target: dict[str, dict[date, Observation]] = {}
    for o in observations:
        by_target.setdefault(o.target, {}).setdefault(o.as_of, o)
    findings = []
    for t in programme.targets:
        seen = by_target.get(t.key)
        if t.kind is not TargetKind.CUMULATIVE or not seen:
            continue
        ordered = [seen[d] for d in sorted(seen)]
        for a, b in itertools.pairwise(ordered):
            if _in_unit(t, b) < _in_unit(t, a):
                findings.append(
                    _warn(
                        "running-total-fell",
                        t.key,
                        f"the running total fell from {format_quantity(a.value)} on "  # type: ignore[arg-type]
                        f"{a.as_of.isoformat()} to {format_quantity(b.value)} on "  # type: ignore[arg-type]
                        f"{b.as_of.isoformat()}",
                    )
                )
    return tuple(findings)


def _in_unit(t: Target, o: Observation) -> float:
    value = o.value
    if isinstance(value, bool | QualitativeLevel):
        raise InvariantError("validate", "observations", value, f"{t.key} counts a quantity")
    return float(quantity_in(value, t.unit, what=t.key).magnitude)


def _error(code: str, where: str, what: str) -> Finding:
    return Finding(Severity.ERROR, code, where, what)


def _warn(code: str, where: str, what: str) -> Finding:
    return Finding(Severity.WARNING, code, where, what)


def _programme_rules(p: Programme) -> Iterator[Finding]:
    if p.published is not None and p.published < p.issued:
        yield _error(
            "published-before-issued",
            "published",
            f"published {p.published} is before issued {p.issued}",
        )
    if not any(c.targets or c.projects or c.portfolio for c in p.categories):
        what = "no categories" if not p.categories else "no targets, projects or portfolio"
        yield _error("empty-programme", "categories", f"the programme has {what}: nothing to check")
    numbers = sorted({c.number for c in p.categories})
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers)) if numbers else []
    if missing:
        shown = ", ".join(str(n) for n in missing)
        yield _warn(
            "category-number-gap",
            "categories",
            f"the categories are numbered {', '.join(str(n) for n in numbers)}: "
            f"number(s) {shown} missing (a fragment of a plan, or a slip?)",
        )
    yield from _duplicates((f"categories[{i}]", c.key) for i, c in enumerate(p.categories))
    yield from _duplicates((f"obligations[{i}]", o.key) for i, o in enumerate(p.obligations))
    yield from _duplicates(
        (f"categories[{i}].targets[{j}]", t.key)
        for i, c in enumerate(p.categories)
        for j, t in enumerate(c.targets)
    )
    yield from _duplicates(
        (f"categories[{i}].projects[{j}]", x.key)
        for i, c in enumerate(p.categories)
        for j, x in enumerate(c.projects)
    )
    first, end = p.issued + timedelta(days=1), p.period.end
    for i, o in enumerate(p.obligations):
        due = o.rule.due
        if due is not None and not first <= due <= end:
            yield _error(
                "obligation-due-outside-period",
                f"obligations[{i}].rule.due",
                f"{o.key!r} is due {due}, outside the programme ({first} to {end})",
            )


def _duplicates(keyed: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    seen: set[str] = set()
    for path, key in keyed:
        if key in seen:
            yield _error("duplicate-key", f"{path}.key", f"key {key!r} is used more than once")
        seen.add(key)


def _department(known: dict[str, Department], d: Department, where: str) -> Iterator[Finding]:
    first = known.setdefault(d.key, d)
    if first != d:
        yield _error(
            "department-key-conflict",
            where,
            f"department {d.key!r} is {d.name_zh} ({d.name_en}) here but "
            f"{first.name_zh} ({first.name_en}) elsewhere",
        )


def _category_rules(p: Programme, c: Category, where: str) -> Iterator[Finding]:
    if not c.lead_departments:
        yield _warn(
            "category-without-lead",
            f"{where}.lead_departments",
            "the plan names no lead department: nobody owes this category's reports",
        )
    if c.leader is None:
        yield _warn(
            "category-without-leader",
            f"{where}.leader",
            "the plan names no leading official: no official answers for this category",
        )
    tasks: set[int] = set()
    for task in c.tasks:
        if task.number in tasks:
            yield _warn(
                "duplicate-number", f"{where}.tasks", f"task number {task.number} is used twice"
            )
        tasks.add(task.number)
    for ti, t in enumerate(c.targets):
        yield from _target_rules(p, c, t, f"{where}.targets[{ti}]")
    for xi, x in enumerate(c.projects):
        yield from _project_rules(p, c, x, f"{where}.projects[{xi}]")
    if c.portfolio is not None:
        yield from _portfolio_rules(p, c, c.portfolio, f"{where}.portfolio")


def _target_rules(p: Programme, c: Category, t: Target, where: str) -> Iterator[Finding]:
    if t.category != c.key:
        yield _error("dangling-key", where, f"target {t.key!r} is not of category {c.key!r}")
    if t.deadline not in p.period:
        yield _error(
            "target-deadline-outside-period",
            f"{where}.deadline",
            f"due {t.deadline}, outside the programme's period {p.period.start} to {p.period.end}",
        )
    if t.clause_zh is None:
        yield _warn("target-without-clause", f"{where}.clause_zh", "no clause of the text quoted")
    districts = {d.key: d for d in p.districts}
    if t.district is not None and t.district not in districts:
        yield _error("dangling-key", f"{where}.district", f"no district {t.district!r}")
    named = next((d for d in p.districts if d.name_zh == t.scope_zh), None)
    if t.district is None and named is not None:
        yield _warn(
            "district-not-named",
            f"{where}.district",
            f"the scope is {named.name_zh}: name the district ({named.key!r}) so that it is "
            "counted for it",
        )
    if (
        t.kind is TargetKind.MILESTONE
        and t.event is MilestoneEvent.COMPLETION
        and "启动" in t.description_zh
    ):
        yield _warn(
            "start-shown-as-completion",
            f"{where}.event",
            f"{t.description_zh!r} starts something: event = 'start' shows it as 启动/started",
        )
    if _baseline_meets(t):
        yield _warn(
            "baseline-meets-target",
            f"{where}.baseline",
            f"the baseline {t.baseline} already meets the target {t.describe_value()}",
        )


def _baseline_meets(t: Target) -> bool:
    """Whether a level target is met already at its baseline, for every value the baseline allows."""
    if t.kind is not TargetKind.LEVEL or t.baseline is None or t.value is None:
        return False
    base, goal, qualifier = t.baseline.value.to(t.value.units), t.value, t.baseline.qualifier
    exact = qualifier in (BaselineQualifier.EXACT, BaselineQualifier.ABOUT)
    if t.comparator is Comparator.AT_LEAST:
        return bool(base >= goal) and (exact or qualifier is BaselineQualifier.MORE_THAN)
    if t.comparator is Comparator.AT_MOST:
        return bool(base <= goal) and (exact or qualifier is BaselineQualifier.LESS_THAN)
    return bool(base == goal) and exact


def _project_rules(p: Programme, c: Category, x: Project, where: str) -> Iterator[Finding]:
    if x.category != c.key:
        yield _error("dangling-key", where, f"project {x.key!r} is not of category {c.key!r}")
    dates: list[tuple[str, date]] = [
        (name, day)
        for name, day in (
            ("planned_start", x.planned_start),
            ("planned_completion", x.planned_completion),
        )
        if day is not None
    ]
    dates += [(f"milestones[{mi}].due", m.due) for mi, m in enumerate(x.milestones)]
    for name, day in dates:
        if day not in p.period:
            yield _warn(
                "project-date-outside-period",
                f"{where}.{name}",
                f"{day} is outside the programme's period {p.period.start} to {p.period.end}",
            )
    if x.investment is not None and x.funded is not None and x.funded > x.investment:
        yield _warn(
            "project-funding-above-investment",
            f"{where}.funding",
            f"funding sums to {format_quantity(x.funded)}, above the investment "
            f"{format_quantity(x.investment)}",
        )


def _portfolio_rules(p: Programme, c: Category, pf: Portfolio, where: str) -> Iterator[Finding]:
    if pf.first_year_investment > pf.total_investment:
        yield _error(
            "first-year-above-total",
            f"{where}.first_year_investment",
            f"{format_quantity(pf.first_year_investment)} is above the total "
            f"{format_quantity(pf.total_investment)}",
        )
    if not p.period.start.year <= pf.first_year <= p.period.end.year:
        yield _warn(
            "first-year-outside-period",
            f"{where}.first_year",
            f"{pf.first_year} is not a year of the period {p.period.start} to {p.period.end}",
        )
    if len(c.projects) > pf.project_count:
        yield _warn(
            "portfolio-count-exceeded",
            f"{where}.project_count",
            f"the category names {len(c.projects)} projects, the portfolio counts "
            f"{pf.project_count}",
        )
    named = [x.investment for x in c.projects if x.investment is not None]
    total = sum((q.to("yi_yuan") for q in named), ureg.Quantity(Decimal(0), "yi_yuan"))
    if total > pf.total_investment:
        make = _warn if pf.approximate else _error
        yield make(
            "portfolio-investment-exceeded",
            f"{where}.total_investment",
            f"the named projects' investment sums to {format_quantity(total)}, above the "
            f"portfolio's {'approximate ' if pf.approximate else ''}total "
            f"{format_quantity(pf.total_investment)}",
        )


def _deadline_rules(
    p: Programme, deadlines: Iterable[Deadline], departments: dict[str, Department]
) -> Iterator[Finding]:
    categories = {c.key: c for c in p.categories}
    obligations = {o.key: o for o in p.obligations}
    for d in deadlines:
        where = f"deadlines[{d.key}]"
        obligation = obligations.get(d.obligation)
        if obligation is None:
            yield _error("dangling-key", f"{where}.obligation", f"no duty {d.obligation!r}")
        if d.category is not None and d.category not in categories:
            yield _error("dangling-key", f"{where}.category", f"no category {d.category!r}")
        reporters: dict[str, Department] = dict(departments)
        if obligation is not None:
            reporters = {x.key: x for x in obligation.departments}
            if obligation.reporters is ReporterScope.LEAD_DEPARTMENTS and d.category in categories:
                lead = categories[d.category].lead_departments
                reporters.update({x.key: x for x in lead})
            elif (
                obligation.reporters is ReporterScope.LEAD_DEPARTMENTS
                and obligation.owed_per is OwedPer.DEPARTMENT
                and d.category is None
            ):
                for c in categories.values():
                    reporters.update({x.key: x for x in c.lead_departments})
        if reporters.get(d.department.key) != d.department:
            yield _error(
                "dangling-key",
                f"{where}.department",
                f"{d.department.key!r} ({d.department.name_zh}) does not report for this duty",
            )
        first = p.issued + timedelta(days=1)
        if not first <= d.due <= p.period.end:
            yield _error(
                "deadline-outside-period",
                f"{where}.due",
                f"due {d.due}, outside the programme ({first} to {p.period.end})",
            )
