"""Events a department owes a report of (重大情况), and whether each report came in time
(docs/accountability.md)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.model.supervision import EventDuty

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Programme

__all__ = ["Event", "EventReportStatus", "EventStatus", "event_reports"]


@attrs.frozen
class Event:
    """Something that happened which a department owes a report of (重大情况), and that report.

    Attributes:
        duty: Key of the programme's :class:`~ezhou_recovery.EventDuty`.
        department: Key of the department that owes the report.
        occurred: The day it happened (or came to the department's knowledge).
        reported: The day it was reported; None while it is not.
        description_zh: What happened, in Chinese.
    """

    duty: str = attrs.field(validator=v.slug)
    department: str = attrs.field(validator=v.slug)
    occurred: date = attrs.field(validator=v.a_date)
    reported: date | None = attrs.field(default=None, validator=v.optional_date)
    description_zh: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.reported is not None and self.reported < self.occurred:
            raise v.fail(self, "reported", self.reported, f"is before occurred {self.occurred}")


class EventReportStatus(enum.StrEnum):
    """Where the report of an event stands."""

    #: Reported (within the duty's days, when it states some).
    REPORTED = "reported"
    #: Reported after the duty's days.
    LATE = "late"
    #: Not reported, and the duty states no days, or its days have not run out.
    NOT_REPORTED = "not_reported"
    #: Not reported, and the duty's days have run out.
    OVERDUE = "overdue"


@attrs.frozen
class EventStatus:
    """One event and its report on the status date.

    Attributes:
        event: The event.
        duty: Its duty.
        status: Reported, late, not reported or overdue.
        days: Days from the event to its report (or to the status date while not reported).
        reason: One English sentence with the figures.
        reason_zh: The same in Chinese.
    """

    event: Event
    duty: EventDuty
    status: EventReportStatus
    days: int
    reason: str
    reason_zh: str


def event_reports(
    programme: Programme, events: Iterable[Event], as_of: date
) -> tuple[EventStatus, ...]:
    """Each event known on ``as_of`` and where its report stands, in the order of occurrence.

    A duty with no ``within_days`` (随时, 及时) never makes a report late or overdue: the result says
    how many days the report took, and that the duty states no limit.

    Raises:
        InvariantError: An event names a duty the programme does not have, or a department that
            does not owe it.
    """
    duties = {d.key: d for d in programme.event_duties}
    leads = {d.key for c in programme.categories for d in c.lead_departments}
    out: list[EventStatus] = []
    for event in sorted(events, key=lambda e: (e.occurred, e.duty, e.department)):
        if event.occurred > as_of:
            continue
        duty = duties.get(event.duty)
        if duty is None:
            raise v.fail(event, "duty", event.duty, f"programme {programme.key!r} has no such duty")
        owners = {d.key for d in duty.owners_named}
        if duty.owners.value == "lead_departments":
            owners |= leads
        if event.department not in owners:
            raise v.fail(event, "department", event.department, f"does not owe {duty.key!r}")
        reported = (
            event.reported if event.reported is not None and event.reported <= as_of else None
        )
        end = reported if reported is not None else as_of
        days = (end - event.occurred).days
        limit = duty.within_days
        when = event.occurred.isoformat()
        if reported is not None:
            status = (
                EventReportStatus.LATE
                if limit is not None and days > limit
                else EventReportStatus.REPORTED
            )
            reason = f"event of {when} reported on {reported.isoformat()}, after {days} days"
            reason_zh = f"{when}的情况于{reported.isoformat()}报告，用时{days}天"
        else:
            status = (
                EventReportStatus.OVERDUE
                if limit is not None and days > limit
                else EventReportStatus.NOT_REPORTED
            )
            reason = f"event of {when} not reported after {days} days"
            reason_zh = f"{when}的情况{days}天未报告"
        if limit is None:
            reason += " (the duty states no time limit: never late)"
            reason_zh += "（未规定时限，不判定迟报）"
        else:
            reason += f" (limit {limit} days)"
            reason_zh += f"（时限{limit}天）"
        out.append(EventStatus(event, duty, status, days, reason, reason_zh))
    return tuple(out)
