"""Who is to be called in (约谈问责) and why: the grounds a programme's accountability rules find in
the results of :func:`~ezhou_recovery.analysis.compliance.compliance` and
:func:`~ezhou_recovery.assess` (docs/accountability.md)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from ezhou_recovery.analysis.attainment import Status
from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.model.people import Department, District
from ezhou_recovery.model.periods import Period, quarter_of
from ezhou_recovery.model.supervision import AccountabilityRule

if TYPE_CHECKING:
    from ezhou_recovery.analysis.attainment import Assessment, TargetResult
    from ezhou_recovery.analysis.compliance import Compliance, DeadlineStatus
    from ezhou_recovery.model.programme import Programme

__all__ = ["BEHIND", "Accountability", "CallIn", "Ground", "GroundKind", "accountability"]

#: Target statuses that count as behind: off track, missed (and overdue, where the model has it).
BEHIND: Final = frozenset(s for s in Status if s.value in ("off_track", "missed", "overdue"))
_WORSE: Final = {ReportStatus.ON_TIME: 0, ReportStatus.LATE: 1, ReportStatus.MISSING: 2}


class GroundKind(enum.StrEnum):
    """Why a unit is called in."""

    #: Too many late or missing reports in the window.
    REPORTS = "reports"
    #: A category it leads has too many targets off track, missed or overdue.
    CATEGORY_TARGETS = "category_targets"
    #: Too many of the district's own targets are off track, missed or overdue.
    DISTRICT_TARGETS = "district_targets"


@attrs.frozen
class Ground:
    """One reason to call a unit in, with its figures.

    Attributes:
        kind: Reports, a category's targets or a district's targets.
        subject: What was counted: the window (``2021Q1..2021Q4``), a category key or a district key.
        count: How many reports or targets count against the unit.
        out_of: How many were counted in all.
        threshold: The rule's figure that ``count`` reached.
        items: The reports (``obligation/period``) or target keys that count, each with its figure.
        reason: One English sentence quoting the figures.
        reason_zh: The same in Chinese.
    """

    kind: GroundKind
    subject: str
    count: int
    out_of: int
    threshold: int
    items: tuple[str, ...]
    reason: str
    reason_zh: str


@attrs.frozen
class CallIn:
    """A department or district to be called in (约谈), with every ground.

    Attributes:
        unit: The department or district.
        grounds: Why, one ground per rule it meets.
    """

    unit: Department | District
    grounds: tuple[Ground, ...]

    @property
    def key(self) -> str:
        """The unit's key."""
        return self.unit.key

    @property
    def is_district(self) -> bool:
        """Whether the unit is a district (地区) rather than a department (部门)."""
        return isinstance(self.unit, District)

    @property
    def reason(self) -> str:
        """Every ground in English, one after another."""
        return "; ".join(g.reason for g in self.grounds)

    @property
    def reason_zh(self) -> str:
        """Every ground in Chinese."""
        return "；".join(g.reason_zh for g in self.grounds)

    def __str__(self) -> str:
        return f"{self.unit.name_zh} ({self.unit.name_en}): {self.reason}"


@attrs.frozen
class Accountability:
    """Who is to be called in under a programme's accountability rule, and why.

    Attributes:
        rule: The rule applied.
        reports_as_of: The compliance status date; reports are counted up to it.
        targets_as_of: The assessment date; target statuses are of that day.
        window: The quarters whose reports were counted.
        call_ins: Departments (in the programme's order), then districts, each with its grounds.
    """

    rule: AccountabilityRule
    reports_as_of: date
    targets_as_of: date
    window: Period
    call_ins: tuple[CallIn, ...]

    def for_unit(self, key: str) -> CallIn | None:
        """The call-in of the department or district with ``key``; None when it is not called in."""
        return next((c for c in self.call_ins if c.key == key), None)

    @property
    def departments(self) -> tuple[CallIn, ...]:
        """The departments called in."""
        return tuple(c for c in self.call_ins if not c.is_district)

    @property
    def districts(self) -> tuple[CallIn, ...]:
        """The districts called in."""
        return tuple(c for c in self.call_ins if c.is_district)

    def __str__(self) -> str:
        head = (
            f"约谈问责 accountability: reports to {self.reports_as_of.isoformat()} "
            f"({self.window.start.isoformat()}..{self.window.end.isoformat()}), targets as of "
            f"{self.targets_as_of.isoformat()}: {len(self.call_ins)} to be called in"
        )
        return "\n".join([head, *(f"- {c}" for c in self.call_ins)])


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _window(as_of: date, quarters: int) -> Period:
    first = quarter_of(as_of).start
    for _ in range(quarters - 1):
        first = quarter_of(date.fromordinal(first.toordinal() - 1)).start
    return Period(first, quarter_of(as_of).end)


def _per_category(programme: Programme) -> frozenset[str]:
    """Duties owed once per category a department leads (a duty's ``owed_per``, where the model
    states it); every other duty is owed once per department and period."""
    return frozenset(
        o.key
        for o in programme.obligations
        if str(getattr(o, "owed_per", "department")) == "category"
    )


def _reports(
    statuses: Iterable[DeadlineStatus], window: Period, per_category: frozenset[str]
) -> dict[str, dict[tuple[str, str], DeadlineStatus]]:
    """The assessed reports in the window, as the duties are owed: one per department, duty and
    period (and category, for a duty owed per category); of several deadlines, the worst."""
    by_department: dict[str, dict[tuple[str, str], DeadlineStatus]] = {}
    for st in statuses:
        if st.status not in _WORSE or st.deadline.due not in window:
            continue
        d = st.deadline
        what = f"{d.obligation}/{d.category}" if d.obligation in per_category else d.obligation
        key = (what, d.period.label)
        reports = by_department.setdefault(st.deadline.department.key, {})
        kept = reports.get(key)
        if kept is None or (_WORSE[st.status], st.days_late) > (
            _WORSE[kept.status],
            kept.days_late,
        ):
            reports[key] = st
    return by_department


def _report_ground(
    reports: dict[tuple[str, str], DeadlineStatus], rule: AccountabilityRule, window: Period
) -> Ground | None:
    late = [(k, st) for k, st in reports.items() if st.status is ReportStatus.LATE]
    missing = [(k, st) for k, st in reports.items() if st.status is ReportStatus.MISSING]
    count = len(late) + len(missing)
    by_missing = len(missing) >= rule.missing_reports
    by_count = count >= rule.late_or_missing_reports
    if not (by_missing or by_count):
        return None
    threshold = (
        rule.missing_reports if by_missing and not by_count else rule.late_or_missing_reports
    )
    items = tuple(
        sorted(
            [f"{o}/{p} missing, {_days(st.days_late)} overdue" for (o, p), st in missing]
            + [f"{o}/{p} late by {_days(st.days_late)}" for (o, p), st in late]
        )
    )
    items_zh = "、".join(
        sorted(
            [f"{o}/{p}漏报（已逾期{st.days_late}天）" for (o, p), st in missing]
            + [f"{o}/{p}迟报{st.days_late}天" for (o, p), st in late]
        )
    )
    span = f"{window.start.isoformat()}..{window.end.isoformat()}"
    rule_en = (
        f"{rule.missing_reports} missing"
        if by_missing and not by_count
        else f"{rule.late_or_missing_reports} late or missing"
    )
    rule_zh = (
        f"漏报{rule.missing_reports}次"
        if by_missing and not by_count
        else f"迟报或漏报{rule.late_or_missing_reports}次"
    )
    return Ground(
        kind=GroundKind.REPORTS,
        subject=span,
        count=count,
        out_of=len(reports),
        threshold=threshold,
        items=items,
        reason=(
            f"{count} of {len(reports)} reports due {span} late or missing ({len(late)} late, "
            f"{len(missing)} missing; the rule calls in from {rule_en}): {'; '.join(items)}"
        ),
        reason_zh=(
            f"{span}应报{len(reports)}次，迟报{len(late)}次、漏报{len(missing)}次"
            f"（规则：{rule_zh}以上即约谈）：{items_zh}"
        ),
    )


def _target_ground(
    kind: GroundKind,
    subject: str,
    name_zh: str,
    name_en: str,
    results: Iterable[TargetResult],
    threshold: int,
) -> Ground | None:
    counted = tuple(results)
    behind = [r for r in counted if r.status in BEHIND]
    if len(behind) < threshold:
        return None
    items = tuple(f"{r.key} {r.status.label_en} ({r.reason})" for r in behind)
    items_zh = "；".join(f"{r.key} {r.status.label_zh}（{r.reason_zh}）" for r in behind)
    return Ground(
        kind=kind,
        subject=subject,
        count=len(behind),
        out_of=len(counted),
        threshold=threshold,
        items=items,
        reason=(
            f"{name_en}: {len(behind)} of {len(counted)} targets off track, missed or overdue (the rule "
            f"calls in from {threshold}): {'; '.join(items)}"
        ),
        reason_zh=(
            f"{name_zh}：{len(counted)}个目标中{len(behind)}个明显滞后、逾期未完成或到期无数据"
            f"（规则：{threshold}个以上即约谈）：{items_zh}"
        ),
    )


def accountability(
    programme: Programme,
    compliance: Compliance,
    assessment: Assessment,
    rule: AccountabilityRule | None = None,
) -> Accountability:
    """Apply the accountability rule (约谈问责) to a compliance result and an assessment.

    A department is called in for its reports when, counting one report per duty and period in
    the last ``rule.window_quarters`` quarters up to the compliance date, it has at least
    ``rule.late_or_missing_reports`` late or missing, or at least ``rule.missing_reports``
    missing; and for every category it leads that has at least ``rule.category_targets`` targets
    off track, missed or overdue. A district is called in when at least ``rule.district_targets`` of its
    own targets are off track, missed or overdue.

    Args:
        programme: The programme both results are of.
        compliance: Its reporting compliance.
        assessment: Its targets assessed.
        rule: The rule; the programme's own when None, else :class:`AccountabilityRule`'s default.

    Raises:
        InvariantError: The assessment is of another programme.
    """
    if assessment.programme != programme.key:
        raise InvariantError(
            "accountability",
            "assessment.programme",
            assessment.programme,
            f"is not the programme {programme.key!r}",
        )
    rule = rule or programme.accountability or AccountabilityRule()
    window = _window(compliance.as_of, rule.window_quarters)
    reports = _reports(compliance.statuses, window, _per_category(programme))
    grounds: dict[str, list[Ground]] = {}
    for department in programme.departments:
        found = _report_ground(reports.get(department.key, {}), rule, window)
        if found is not None:
            grounds.setdefault(department.key, []).append(found)
    for category in programme.categories:
        results = [assessment.target(t.key) for t in category.targets]
        found = _target_ground(
            GroundKind.CATEGORY_TARGETS,
            category.key,
            category.name_zh,
            category.name_en,
            results,
            rule.category_targets,
        )
        if found is not None:
            for department in category.lead_departments:
                grounds.setdefault(department.key, []).append(found)
    call_ins = [CallIn(d, tuple(grounds[d.key])) for d in programme.departments if d.key in grounds]
    for district in programme.districts:
        results = [assessment.target(t.key) for t in programme.district_targets(district.key)]
        found = _target_ground(
            GroundKind.DISTRICT_TARGETS,
            district.key,
            district.name_zh,
            district.name_en,
            results,
            rule.district_targets,
        )
        if found is not None:
            call_ins.append(CallIn(district, (found,)))
    return Accountability(
        rule=rule,
        reports_as_of=compliance.as_of,
        targets_as_of=assessment.as_of,
        window=window,
        call_ins=tuple(call_ins),
    )
