"""The supervision rules of a programme (保障措施) beyond its dated reporting duties.

A programme states them as data, so another plan can state its own:

- :class:`EventDuty`: a report owed when something happens (重大情况随时反馈, 重大情况及时报告), with an
  optional number of days to report in;
- :class:`StandingDuty`: a duty with owners and no period or date (跟踪督办, 定期通报, 筹资方案);
- :class:`AccountabilityRule`: when a department or district is to be called in (约谈问责); applied
  by :func:`ezhou_recovery.analysis.accountability`;
- what a submission under a reporting duty must contain is the duty's own
  :attr:`~ezhou_recovery.ReportingObligation.contents` (a special plan's checklist).

The computations that apply them are in :mod:`ezhou_recovery.analysis.accountability`.
"""

from __future__ import annotations

from typing import Any

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.model.obligations import ReporterScope
from ezhou_recovery.model.people import Department

__all__ = [
    "AccountabilityRule",
    "EventDuty",
    "StandingDuty",
]


def _optional_days(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise v.fail(
            instance, attribute.name, value, "must be a whole number of days, zero or more"
        )


def _at_least_one(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise v.fail(instance, attribute.name, value, "must be a whole number, 1 or more")


def _owners(instance: Any) -> None:
    v.unique(instance, "owners_named", (d.key for d in instance.owners_named))
    if instance.owners is ReporterScope.NAMED and not instance.owners_named:
        raise v.fail(instance, "owners_named", (), "a duty of named owners must name one")


@attrs.frozen
class EventDuty:
    """A report owed when something happens, not on a date (重大情况随时反馈).

    Attributes:
        key: Stable identifier, for example ``major_matters_feedback``.
        name_zh: What is to be reported, in Chinese (重大情况).
        name_en: The same in English.
        owners: Whether each category's lead departments owe it, or only ``owners_named``.
        owners_named: Departments that owe it (besides the lead departments when ``owners`` is
            ``lead_departments``).
        recipient_zh: Who receives the reports.
        recipient_en: The same in English.
        within_days: Days after the event by which the report is due; None when the text gives
            no number (随时, 及时): then no report is ever called late.
        clause_zh: The clause of the text it came from, word for word.
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    recipient_zh: str = attrs.field(validator=v.text)
    recipient_en: str = attrs.field(validator=v.text)
    owners: ReporterScope = attrs.field(
        default=ReporterScope.NAMED, validator=attrs.validators.instance_of(ReporterScope)
    )
    owners_named: tuple[Department, ...] = attrs.field(
        default=(), validator=v.instances_of(Department)
    )
    within_days: int | None = attrs.field(default=None, validator=_optional_days)
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        _owners(self)


@attrs.frozen
class StandingDuty:
    """A duty with owners and no period or date (跟踪督办, 定期通报, 筹资方案).

    Nothing falls due on a day: the text gives none, and none is invented. The duty says who owes
    what, so that a supervisor can ask for it.

    Attributes:
        key: Stable identifier, for example ``funding_plans``.
        name_zh: The duty in Chinese (筹资方案).
        name_en: The same in English.
        owners: Whether each category's lead departments share it, or only ``owners_named``.
        owners_named: Departments that own it.
        recipient_zh: Who receives its output, if the text says.
        recipient_en: The same in English.
        clause_zh: The clause of the text it came from, word for word.
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    owners: ReporterScope = attrs.field(
        default=ReporterScope.NAMED, validator=attrs.validators.instance_of(ReporterScope)
    )
    owners_named: tuple[Department, ...] = attrs.field(
        default=(), validator=v.instances_of(Department)
    )
    recipient_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    recipient_en: str | None = attrs.field(default=None, validator=v.optional_text)
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        _owners(self)
        if (self.recipient_zh is None) != (self.recipient_en is None):
            raise v.fail(self, "recipient_en", self.recipient_en, "give both recipient_zh and _en")


@attrs.frozen
class AccountabilityRule:
    """When a department or district is to be called in (约谈问责), in figures.

    The Ezhou plan says only 对推进不力的部门和地区进行约谈问责 and sets no figures: the embedded
    plan states the default below, which the office can change in the programme file. Reports are
    counted one per department, duty and period (a lead department of two categories owes one
    quarterly report a quarter), over the last ``window_quarters`` quarters up to the status date.

    Attributes:
        late_or_missing_reports: A department with at least this many late or missing reports in
            the window is called in.
        missing_reports: A department with at least this many missing reports in the window is
            called in.
        window_quarters: How many quarters, up to and including the status date's, the report
            counts cover.
        category_targets: A category with at least this many targets off track, missed or overdue has its
            lead departments called in.
        district_targets: A district with at least this many of its own targets off track or
            missed is called in.
        decided_by_zh: Who applies the rule (市督查考评办), if the text says.
        decided_by_en: The same in English.
        clause_zh: The clause of the text it came from, word for word.
    """

    late_or_missing_reports: int = attrs.field(default=2, validator=_at_least_one)
    missing_reports: int = attrs.field(default=1, validator=_at_least_one)
    window_quarters: int = attrs.field(default=4, validator=_at_least_one)
    category_targets: int = attrs.field(default=3, validator=_at_least_one)
    district_targets: int = attrs.field(default=1, validator=_at_least_one)
    decided_by_zh: str | None = attrs.field(default=None, validator=v.optional_text)
    decided_by_en: str | None = attrs.field(default=None, validator=v.optional_text)
    clause_zh: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if (self.decided_by_zh is None) != (self.decided_by_en is None):
            raise v.fail(
                self, "decided_by_en", self.decided_by_en, "give both decided_by_zh and _en"
            )

    def describe(self, lang: str = "zh") -> str:
        """The rule in words."""
        if lang == "zh":
            return (
                f"近{self.window_quarters}个季度内迟报或漏报{self.late_or_missing_reports}次以上、"
                f"或漏报{self.missing_reports}次以上的部门;{self.category_targets}个以上目标明显滞后"
                f"或逾期未完成的工程的牵头部门;{self.district_targets}个以上本区目标明显滞后或逾期"
                "未完成的区"
            )
        return (
            f"a department with {self.late_or_missing_reports} or more late or missing reports, "
            f"or {self.missing_reports} or more missing, in the last {self.window_quarters} "
            f"quarters; the lead departments of a programme area with {self.category_targets} or "
            f"more targets off track, missed or overdue; a district with {self.district_targets} or more "
            "of its own targets off track, missed or overdue"
        )
