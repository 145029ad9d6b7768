"""The programme and its categories (工程)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.model.obligations import (
    Deadline,
    Deadlines,
    OwedPer,
    ReporterScope,
    ReportingObligation,
)
from ezhou_recovery.model.people import Department, District, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.projects import Portfolio, Project
from ezhou_recovery.model.supervision import AccountabilityRule, EventDuty, StandingDuty
from ezhou_recovery.model.targets import Target, Targets
from ezhou_recovery.units import GENERIC_MEASURE_WORDS, Quantity, declare_counted_thing, ureg

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Category", "CountedThing", "Programme", "Task"]


def _measure_word(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or value not in GENERIC_MEASURE_WORDS:
        words = "".join(sorted(GENERIC_MEASURE_WORDS))
        raise v.fail(instance, attribute.name, value, f"must be one of the measure words {words}")


@attrs.frozen
class CountedThing:
    """A thing a programme counts that is not in the library's unit list (基地, 储备库).

    The loader makes it a unit of its own before it reads the programme's values, so that
    ``3个基地`` reads as 3 bases and never adds to beds or kilometres.

    Attributes:
        name: Its unit name, a lower-case identifier (``base``).
        measure_word: The measure word the plan counts it with (个, 座, 条, 家, 处, ...).
        name_zh: Its Chinese name (基地).
        name_en: Its English noun, singular (base).
    """

    name: str = attrs.field(validator=v.slug)
    measure_word: str = attrs.field(validator=_measure_word)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)

    def declare(self) -> None:
        """Make it a unit of the library's registry (harmless when it is one already)."""
        declare_counted_thing(self.name, self.measure_word, self.name_zh, self.name_en)


@attrs.frozen
class Task:
    """One item of a category's main tasks (主要任务).

    Attributes:
        number: Its number in the text, from 1.
        title_zh: Its heading in Chinese (加强疾病预防控制体系建设).
        title_en: Its heading in English.
        text_zh: Its text, word for word.
    """

    number: int = attrs.field(validator=v.non_negative_int)
    title_zh: str = attrs.field(validator=v.text)
    title_en: str = attrs.field(validator=v.text)
    text_zh: str = attrs.field(validator=v.text)


@attrs.frozen
class Category:
    """One engineering category (工程) of a programme.

    Attributes:
        key: Stable identifier (``public_health``).
        number: Its number in the text, from 1.
        name_zh: Name in Chinese (公共卫生体系补短板工程).
        name_en: Name in English.
        leader: The leading official (分管领导); None where the plan names none (a fragment).
        lead_departments: The lead departments (牵头部门); empty where the plan names none.
        targets: Its targets, in the order of the text.
        tasks: Its main tasks.
        projects: Projects of the category that the data names.
        portfolio: Its planned projects and investment; None where the text gives none.
        note: Free text about the category (not read by any computation).
    """

    key: str = attrs.field(validator=v.slug)
    number: int = attrs.field(validator=v.non_negative_int)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    leader: Official | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Official))
    )
    lead_departments: tuple[Department, ...] = attrs.field(
        default=(), validator=v.instances_of(Department)
    )
    targets: tuple[Target, ...] = attrs.field(default=(), validator=v.instances_of(Target))
    tasks: tuple[Task, ...] = attrs.field(default=(), validator=v.instances_of(Task))
    projects: tuple[Project, ...] = attrs.field(default=(), validator=v.instances_of(Project))
    portfolio: Portfolio | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Portfolio))
    )
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        v.unique(self, "lead_departments", (d.key for d in self.lead_departments))
        v.unique(self, "targets", (t.key for t in self.targets))
        v.unique(self, "projects", (p.key for p in self.projects))
        keyed: list[tuple[str, Target | Project]] = [
            *((f"targets[{i}]", t) for i, t in enumerate(self.targets)),
            *((f"projects[{i}]", p) for i, p in enumerate(self.projects)),
        ]
        for field, item in keyed:
            if item.category != self.key:
                raise v.fail(self, f"{field}.key", item.key, f"must start with '{self.key}.'")

    @property
    def assigned(self) -> bool:
        """Whether the plan names both a leading official and a lead department for it."""
        return self.leader is not None and bool(self.lead_departments)

    def target(self, key: str) -> Target:
        """The target with ``key`` (full ``<category>.<slug>`` or just the slug).

        Raises:
            KeyError: No such target in this category.
        """
        full = key if "." in key else f"{self.key}.{key}"
        for target in self.targets:
            if target.key == full:
                return target
        raise KeyError(f"category {self.key!r} has no target {key!r}")

    # Display -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"({self.number}) {self.key}: {self.name_zh} {self.name_en}, {len(self.targets)} targets"

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import category_html

        return category_html(self)

    def to_frame(self) -> pd.DataFrame:
        """The category's targets, one row each (needs pandas: the ``frames`` extra)."""
        from ezhou_recovery.display.frames import targets_frame

        return targets_frame(self.targets)


def _within(instance: Programme, field: str, day: date, *, after_issue: bool = False) -> None:
    start = instance.issued + timedelta(days=1) if after_issue else instance.period.start
    if not start <= day <= instance.period.end:
        raise v.fail(
            instance,
            field,
            day,
            f"is outside the programme ({start.isoformat()} to {instance.period.end.isoformat()})",
        )


@attrs.frozen
class Programme:
    """A government investment programme: categories, targets, projects and reporting duties.

    Attributes:
        key: Stable identifier (``ezhou_2020_2022``).
        document_number: The document's number (鄂州政发〔2020〕10号).
        title_zh: Title in Chinese.
        title_en: Title in English.
        issuer: The authority that issued it.
        issued: Date of issue.
        period: The years it covers.
        categories: Its categories, in the order of the text.
        obligations: Its reporting duties.
        published: Date of publication, if known.
        source_url: Where the text was published, if known.
        implements: The document number of the plan it implements, if it names one (a city
            plan citing the province's 鄂政发〔2020〕19号).
        counted_things: Things it counts that the library's unit list does not have.
        note: Free text about the programme (not read by any computation).
        districts: The districts and zones it is addressed to (各区人民政府, 管委会), which targets
            and accountability can name.
        event_duties: Reports owed when something happens (重大情况随时反馈).
        standing_duties: Duties with owners and no date (跟踪督办, 筹资方案).
        accountability: When a department or district is called in (约谈问责); None when the
            programme states no rule.
    """

    key: str = attrs.field(validator=v.slug)
    document_number: str = attrs.field(validator=v.text)
    title_zh: str = attrs.field(validator=v.text)
    title_en: str = attrs.field(validator=v.text)
    issuer: Department = attrs.field(validator=attrs.validators.instance_of(Department))
    issued: date = attrs.field(validator=v.a_date)
    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    categories: tuple[Category, ...] = attrs.field(validator=v.instances_of(Category))
    obligations: tuple[ReportingObligation, ...] = attrs.field(
        default=(), validator=v.instances_of(ReportingObligation)
    )
    published: date | None = attrs.field(default=None, validator=v.optional_date)
    source_url: str | None = attrs.field(default=None, validator=v.optional_text)
    implements: str | None = attrs.field(default=None, validator=v.optional_text)
    note: str | None = attrs.field(default=None, validator=v.optional_text)
    counted_things: tuple[CountedThing, ...] = attrs.field(
        default=(), validator=v.instances_of(CountedThing)
    )
    districts: tuple[District, ...] = attrs.field(default=(), validator=v.instances_of(District))
    event_duties: tuple[EventDuty, ...] = attrs.field(
        default=(), validator=v.instances_of(EventDuty)
    )
    standing_duties: tuple[StandingDuty, ...] = attrs.field(
        default=(), validator=v.instances_of(StandingDuty)
    )
    accountability: AccountabilityRule | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(AccountabilityRule)),
    )
    _index: dict[str, Any] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _departments: tuple[Department, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # The counted things first: in another process they are declared as units again before
        # the programme's quantities are unpickled (the registry would not know their units).
        return (_declared, (self.counted_things,), self.__getstate__())

    def __attrs_post_init__(self) -> None:
        for thing in self.counted_things:
            thing.declare()
        if self.published is not None and self.published < self.issued:
            raise v.fail(self, "published", self.published, f"is before issued {self.issued}")
        v.unique(self, "categories", (c.key for c in self.categories))
        v.unique(self, "obligations", (o.key for o in self.obligations))
        v.unique(self, "districts", (d.key for d in self.districts))
        v.unique(self, "event_duties", (d.key for d in self.event_duties))
        v.unique(self, "standing_duties", (d.key for d in self.standing_duties))
        index: dict[str, Any] = {f"district:{d.key}": d for d in self.districts}
        for ci, c in enumerate(self.categories):
            index[f"category:{c.key}"] = c
            for i, t in enumerate(c.targets):
                field = f"categories[{ci}].targets[{i}]"
                if f"target:{t.key}" in index:
                    raise v.fail(self, field, t.key, "duplicate target key")
                _within(self, f"{field}.deadline", t.deadline)
                if t.district is not None and f"district:{t.district}" not in index:
                    raise v.fail(self, f"{field}.district", t.district, "no such district")
                index[f"target:{t.key}"] = t
            for i, p in enumerate(c.projects):
                if f"project:{p.key}" in index:
                    raise v.fail(self, f"categories[{ci}].projects[{i}]", p.key, "duplicate key")
                index[f"project:{p.key}"] = p
        for i, o in enumerate(self.obligations):
            index[f"obligation:{o.key}"] = o
            if o.rule.due is not None:
                _within(self, f"obligations[{i}].rule.due", o.rule.due, after_issue=True)
        object.__setattr__(self, "_index", index)
        seen: dict[str, Department] = {}
        for c in self.categories:
            for d in c.lead_departments:
                seen.setdefault(d.key, d)
        for o in self.obligations:
            for d in o.departments:
                seen.setdefault(d.key, d)
        object.__setattr__(self, "_departments", tuple(seen.values()))

    # Look-ups ----------------------------------------------------------------------------------

    def _get(self, kind: str, key: str) -> Any:
        found = self._index.get(f"{kind}:{key}")
        if found is None:
            raise KeyError(f"programme {self.key!r} has no {kind} {key!r}")
        return found

    def category(self, key: str) -> Category:
        """The category with ``key``.

        Raises:
            KeyError: No such category.
        """
        found: Category = self._get("category", key)
        return found

    def target(self, key: str) -> Target:
        """The target with ``key`` (``transport.high_grade_waterway``).

        Raises:
            KeyError: No such target.
        """
        found: Target = self._get("target", key)
        return found

    def project(self, key: str) -> Project:
        """The project with ``key``.

        Raises:
            KeyError: No such project.
        """
        found: Project = self._get("project", key)
        return found

    def obligation(self, key: str) -> ReportingObligation:
        """The reporting duty with ``key``.

        Raises:
            KeyError: No such duty.
        """
        found: ReportingObligation = self._get("obligation", key)
        return found

    def district(self, key: str) -> District:
        """The district with ``key``.

        Raises:
            KeyError: No such district.
        """
        found: District = self._get("district", key)
        return found

    def district_targets(self, key: str) -> Targets:
        """The targets for the district with ``key``, category by category.

        Raises:
            KeyError: No such district.
        """
        self.district(key)
        return Targets(t for t in self.targets if t.district == key)

    @property
    def targets(self) -> Targets:
        """Every target, category by category."""
        return Targets(t for c in self.categories for t in c.targets)

    @property
    def projects(self) -> tuple[Project, ...]:
        """Every named project, category by category."""
        return tuple(p for c in self.categories for p in c.projects)

    @property
    def departments(self) -> tuple[Department, ...]:
        """Every department that leads a category or reports, each once, in order of appearance."""
        return self._departments

    @property
    def officials(self) -> tuple[Official, ...]:
        """Every leading official the plan names, each once, in order of appearance."""
        return tuple(dict.fromkeys(c.leader for c in self.categories if c.leader is not None))

    @property
    def unassigned(self) -> tuple[Category, ...]:
        """The categories whose leading official or lead departments the plan leaves unknown."""
        return tuple(c for c in self.categories if not c.assigned)

    # Portfolio totals --------------------------------------------------------------------------

    @property
    def project_count(self) -> int:
        """Planned projects over all portfolios."""
        return sum(c.portfolio.project_count for c in self.categories if c.portfolio)

    @property
    def totals_approximate(self) -> bool:
        """Whether the totals are approximate: a portfolio the text gives as 约 (about) is part of
        them. The totals are this library's sums of the portfolios, not figures the text states."""
        return any(c.portfolio.approximate for c in self.categories if c.portfolio)

    @property
    def total_investment(self) -> Quantity:
        """The sum of the portfolios' estimated total investments, in 亿元.

        The sum is computed without rounding, but it is only as exact as its parts: it is about
        (约) a figure when :attr:`totals_approximate` is True. The text itself states no total.
        """
        return _sum_money(c.portfolio.total_investment for c in self.categories if c.portfolio)

    @property
    def first_year_investment(self) -> Quantity:
        """The sum of the portfolios' estimated first-year investments, in 亿元, computed without
        rounding (see :attr:`totals_approximate`)."""
        return _sum_money(c.portfolio.first_year_investment for c in self.categories if c.portfolio)

    # Deadlines ---------------------------------------------------------------------------------

    def deadlines(self, start: date | None = None, end: date | None = None) -> Deadlines:
        """Concrete deadlines due from ``start`` to ``end`` (both included), sorted.

        Quarterly duties fall due for every quarter whose due date is after the programme's issue
        and not after its end. ``start`` and ``end`` only narrow that window.
        """
        lo = self.issued if start is None else max(self.issued, start - timedelta(days=1))
        hi = self.period.end if end is None else min(self.period.end, end)
        return Deadlines(sorted(self._expand(lo, hi)))

    def _expand(self, after: date, until: date) -> Iterator[Deadline]:
        for o in self.obligations:
            for due in o.rule.dates(after, until):
                period = o.covers(due, self.period)
                owing: dict[str, Department] = {}
                if o.reporters is ReporterScope.LEAD_DEPARTMENTS:
                    for c in self.categories:
                        for d in c.lead_departments:
                            if o.owed_per is OwedPer.CATEGORY:
                                yield Deadline(due, o.key, c.key, d, period)
                            else:
                                owing.setdefault(d.key, d)
                for d in o.departments:
                    owing.setdefault(d.key, d)
                for d in owing.values():  # one report each, for all it leads
                    yield Deadline(due, o.key, None, d, period)

    # Display and export ------------------------------------------------------------------------

    def __str__(self) -> str:
        return (
            f"{self.key}: {self.title_zh} ({self.document_number}), {self.period.start.isoformat()}"
            f" to {self.period.end.isoformat()}, {len(self.categories)} categories, "
            f"{len(self.targets)} targets"
        )

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import programme_html

        return programme_html(self)

    def to_frame(self) -> pd.DataFrame:
        """Same as :meth:`targets_frame`."""
        return self.targets_frame()

    def targets_frame(self) -> pd.DataFrame:
        """Every target, one row each (needs pandas: the ``frames`` extra).

        Columns: key, category, description_zh, description_en, kind, comparator, value (exact
        Decimal), unit, unit_zh, baseline (in the target's unit), baseline_qualifier, deadline,
        scope_zh, scope_en, section, district (its key, or None), event (a milestone's
        ``completion`` or ``start``; None for other kinds).
        """
        from ezhou_recovery.display.frames import targets_frame

        return targets_frame(self.targets)

    def deadlines_frame(self, start: date | None = None, end: date | None = None) -> pd.DataFrame:
        """The deadlines of :meth:`deadlines`, one row each (needs pandas: the ``frames`` extra)."""
        from ezhou_recovery.display.frames import deadlines_frame

        return deadlines_frame(self.deadlines(start, end))

    def projects_frame(self) -> pd.DataFrame:
        """Every named project, one row each; money in 亿元 as exact Decimals (``frames`` extra)."""
        from ezhou_recovery.display.frames import projects_frame

        return projects_frame(self.projects)

    def categories_frame(self) -> pd.DataFrame:
        """Every category with its portfolio; money in 亿元 as exact Decimals (``frames`` extra)."""
        from ezhou_recovery.display.frames import categories_frame

        return categories_frame(self.categories)


def _declared(counted_things: tuple[CountedThing, ...]) -> Programme:
    """An empty programme, once ``counted_things`` are units (unpickling fills in its fields)."""
    for thing in counted_things:
        thing.declare()
    return Programme.__new__(Programme)


def _sum_money(amounts: Iterator[Quantity]) -> Quantity:
    total = ureg.Quantity(Decimal(0), "yi_yuan")
    for amount in amounts:
        total = total + amount.to("yi_yuan")
    return total
