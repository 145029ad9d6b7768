"""Reporting duties and the concrete deadlines they give rise to."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs
from dateutil import rrule

from ezhou_recovery._core import validators as v
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.periods import Period, quarter_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ContentItem",
    "Deadline",
    "Deadlines",
    "DueRule",
    "Frequency",
    "OwedPer",
    "ReporterScope",
    "ReportingObligation",
]


class Frequency(enum.StrEnum):
    """How often a duty falls due."""

    #: Once, on a fixed date (专项实施方案: by the end of November 2020).
    ONCE = "once"
    #: Every quarter, on a given day of a given month of the quarter (每季度最后一个月的25日前).
    QUARTERLY = "quarterly"


class ReporterScope(enum.StrEnum):
    """Who owes a report, besides the departments an obligation names."""

    #: Each lead department of each category, for that category.
    LEAD_DEPARTMENTS = "lead_departments"
    #: Only the departments the obligation names, for the programme as a whole.
    NAMED = "named"


class OwedPer(enum.StrEnum):
    """The unit of account of a duty owed by lead departments: what one report answers."""

    #: One report per category a department leads (各牵头部门…分别制定专项实施方案: a special plan
    #: per 工程). A department leading four categories owes four.
    CATEGORY = "category"
    #: One report per department, covering every category it leads (市财政局和各牵头部门每季度…报送
    #: 工作进展情况: one progress report each). A department leading four categories owes one.
    DEPARTMENT = "department"


def _day(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (value == -1 or 1 <= value <= 28)
    ):
        raise v.fail(
            instance, attribute.name, value, "must be 1 to 28 (every month has it) or -1 (last day)"
        )


@attrs.frozen
class DueRule:
    """When a duty falls due.

    Attributes:
        frequency: Once, or every quarter.
        due: The date, for a duty due once.
        month_of_quarter: For a quarterly duty, which month of the quarter (1 to 3; 3 is the last).
        day: For a quarterly duty, the day of that month (1 to 28, or -1 for its last day).
    """

    frequency: Frequency = attrs.field(validator=attrs.validators.instance_of(Frequency))
    due: date | None = attrs.field(default=None, validator=v.optional_date)
    month_of_quarter: int = attrs.field(default=3, validator=attrs.validators.in_((1, 2, 3)))
    day: int = attrs.field(default=25, validator=_day)

    def __attrs_post_init__(self) -> None:
        if (self.frequency is Frequency.ONCE) != (self.due is not None):
            raise v.fail(self, "due", self.due, "a date is given exactly when the duty is due once")

    def dates(self, after: date, until: date) -> list[date]:
        """Due dates strictly after ``after`` and on or before ``until``, in order."""
        if self.frequency is Frequency.ONCE:
            assert self.due is not None
            return [self.due] if after < self.due <= until else []
        start = after + timedelta(days=1)
        if start > until:
            return []
        rule = rrule.rrule(
            rrule.MONTHLY,
            dtstart=datetime(start.year, start.month, start.day),
            until=datetime(until.year, until.month, until.day),
            bymonth=tuple(m for m in range(1, 13) if (m - 1) % 3 == self.month_of_quarter - 1),
            bymonthday=self.day,
        )
        return [moment.date() for moment in rule]

    def describe(self, lang: str = "zh") -> str:
        """The rule in words."""
        if self.frequency is Frequency.ONCE:
            assert self.due is not None
            return f"{self.due.isoformat()}前" if lang == "zh" else f"by {self.due.isoformat()}"
        nth = {1: "第一", 2: "第二", 3: "最后一"}[self.month_of_quarter]
        day_zh = "最后一日" if self.day == -1 else f"{self.day}日前"
        if lang == "zh":
            return f"每季度{nth}个月的{day_zh}"
        which = {1: "first", 2: "second", 3: "last"}[self.month_of_quarter]
        day_en = "last day" if self.day == -1 else f"day {self.day}"
        return f"each quarter, by {day_en} of its {which} month"


@attrs.frozen
class ContentItem:
    """One thing a submission under a reporting duty must contain (a special plan's 时间表).

    Attributes:
        key: Stable identifier, for example ``timetable``.
        name_zh: The item in Chinese, as the text names it (项目时间表).
        name_en: The same in English.
        clause_zh: The clause of the text that asks for it, word for word.
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)


@attrs.frozen
class ReportingObligation:
    """A reporting duty of a programme (保障措施).

    Attributes:
        key: Stable identifier, for example ``quarterly_progress``.
        name_zh: What is to be reported, in Chinese.
        name_en: The same in English.
        rule: When it falls due.
        reporters: Whether each category's lead departments report, or only ``departments``.
        owed_per: With lead departments reporting, whether one report is owed per category a
            department leads or per department (a report for all its categories).
        departments: Departments that report for the programme as a whole (市财政局).
        recipient_zh: Who receives the reports, if the text says.
        recipient_en: The same in English.
        clause_zh: The clause of the text it came from.
        contents: What a submission under the duty must contain (a special plan's checklist).
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    rule: DueRule = attrs.field(validator=attrs.validators.instance_of(DueRule))
    reporters: ReporterScope = attrs.field(
        default=ReporterScope.LEAD_DEPARTMENTS,
        validator=attrs.validators.instance_of(ReporterScope),
    )
    owed_per: OwedPer = attrs.field(
        default=OwedPer.CATEGORY, validator=attrs.validators.instance_of(OwedPer)
    )
    departments: tuple[Department, ...] = attrs.field(
        default=(), validator=v.instances_of(Department)
    )
    recipient_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    recipient_en: str | None = attrs.field(default=None, validator=v.optional_text)
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    contents: tuple[ContentItem, ...] = attrs.field(
        default=(), validator=v.instances_of(ContentItem)
    )

    def __attrs_post_init__(self) -> None:
        v.unique(self, "departments", (d.key for d in self.departments))
        v.unique(self, "contents", (i.key for i in self.contents))
        if self.reporters is ReporterScope.NAMED and not self.departments:
            raise v.fail(self, "departments", (), "a duty of named reporters must name one")

    def covers(self, due: date, programme_period: Period) -> Period:
        """The period a report due on ``due`` covers: its quarter, or the whole programme."""
        if self.rule.frequency is Frequency.QUARTERLY:
            return quarter_of(due)
        return programme_period


@attrs.frozen(order=True)
class Deadline:
    """One concrete report owed: who, what, for which period, by when.

    Deadlines sort by due date, then obligation, category and department.

    Attributes:
        due: The due date, as the rule gives it.
        obligation: Key of the :class:`ReportingObligation`.
        category: Key of the category reported on; None for a programme-wide report or a
            department's report for all the categories it leads.
        department: Who reports.
        period: The period the report covers.
    """

    due: date = attrs.field(validator=v.a_date)
    obligation: str = attrs.field(validator=v.slug)
    category: str | None = attrs.field(
        validator=attrs.validators.optional(v.slug), order=lambda c: c or ""
    )
    department: Department = attrs.field(
        validator=attrs.validators.instance_of(Department), order=lambda d: d.key
    )
    period: Period = attrs.field(
        validator=attrs.validators.instance_of(Period), order=lambda p: (p.start, p.end)
    )

    @property
    def key(self) -> str:
        """A stable identifier: ``quarterly_progress/-/transport_bureau/2021Q2``."""
        return "/".join(
            (self.obligation, self.category or "-", self.department.key, self.period.label)
        )

    def __str__(self) -> str:
        what = f" [{self.category}]" if self.category else ""
        return f"{self.due.isoformat()} {self.obligation}{what} {self.department.name_zh} {self.period}"


class Deadlines(tuple[Deadline, ...]):
    """A tuple of deadlines that shows as a table (text, or HTML in a notebook) and exports to pandas."""

    __slots__ = ()

    def __str__(self) -> str:
        from ezhou_recovery.display.text import deadlines_text

        return deadlines_text(self)

    def _repr_html_(self) -> str:
        from ezhou_recovery.display.html import deadlines_html

        return deadlines_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per deadline (needs pandas: the ``frames`` extra)."""
        from ezhou_recovery.display.frames import deadlines_frame

        return deadlines_frame(self)
