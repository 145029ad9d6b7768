"""The quarterly bulletin (通报): where the programme stands, what changed, who is called in.

:func:`bulletin` is pure: it takes a programme, its assessment and its compliance on one date (and
optionally the previous bulletin, or the previous assessment and compliance) and returns a typed
:class:`Bulletin`. Every figure in it is a figure of the assessment or the compliance; nothing is
computed again. The renderings live in :mod:`ezhou_recovery.bulletins.html`, :mod:`~ezhou_recovery.bulletins.markdown` and :mod:`~ezhou_recovery.bulletins.docx`.

What changed since the previous bulletin:

- a target whose status differs, with both statuses and both values and progress figures;
- a department *behind* now and not before (newly late), or behind before and not now (recovered).
  A department is behind on a date when a report of it is missing on that date, or a report whose
  last on-time day falls in the three months up to that date arrived late;
- the investment completed since the previous bulletin, for the programme and each category with
  a figure on either date (the amount added is known only with a figure on both).

The deadlines of the next quarter are those due after the bulletin's date up to the end of the
calendar quarter after the one the date falls in.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from ezhou_recovery.analysis.accountability import Accountability, accountability
from ezhou_recovery.analysis.attainment import Assessment, Rollup, Status
from ezhou_recovery.analysis.compliance import Compliance, DeadlineStatus, ReportStatus
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.bulletins._document import (
    Bulletin,
    BulletinHeader,
    CallInBasis,
    CallInEntry,
    CategorySection,
    Changes,
    DepartmentChange,
    DepartmentChangeKind,
    DepartmentReporting,
    Headline,
    InvestmentChange,
    StatusChange,
)
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.periods import Period, quarter_of
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.supervision import AccountabilityRule

__all__ = [
    "Bulletin",
    "BulletinHeader",
    "CallInBasis",
    "CallInEntry",
    "CategorySection",
    "Changes",
    "DepartmentChange",
    "DepartmentReporting",
    "Headline",
    "InvestmentChange",
    "StatusChange",
    "bulletin",
    "call_ins_from_laggards",
    "call_ins_from_rule",
    "percent_cut",
]


def _headline(programme: Programme, assessment: Assessment, compliance: Compliance) -> Headline:
    overall = assessment.overall
    categories = {c.key for c in programme.categories}
    money = [m for m in assessment.money if m.subject in categories]
    counts = tuple(
        (s, overall.count(s)) for s in sorted(Status, key=lambda s: (s.severity, s.value))
    )
    return Headline(
        targets=overall.total,
        counts=counts,
        with_data=_with_data(overall),
        money=assessment.money_total,
        reporting=compliance.programme,
        money_reported=sum(1 for m in money if m.completed is not None),
        money_categories=len(money),
    )


def _with_data(rollup: Rollup) -> int:
    return sum(1 for r in rollup.results if r.value is not None)


def _behind(compliance: Compliance) -> dict[str, tuple[DeadlineStatus, ...]]:
    """Department key -> the reports that make it behind on the compliance's date."""
    window_start = compliance.as_of - relativedelta(months=3)
    out: dict[str, list[DeadlineStatus]] = {}
    for st in compliance.statuses:
        missing = st.status is ReportStatus.MISSING
        late_lately = st.status is ReportStatus.LATE and window_start < st.last_day
        if missing or late_lately:
            out.setdefault(st.deadline.department.key, []).append(st)
    return {k: tuple(v) for k, v in out.items()}


def _changes(
    programme: Programme,
    assessment: Assessment,
    compliance: Compliance,
    previous: tuple[Assessment, Compliance],
) -> Changes:
    before_a, before_c = previous
    before_results = {r.key: r for r in before_a.results}
    status_changes = [
        StatusChange(before=before_results[r.key], after=r)
        for r in assessment.results
        if r.key in before_results and before_results[r.key].status is not r.status
    ]
    status_changes.sort(key=lambda c: (c.after.status.severity, c.key))
    now, then = _behind(compliance), _behind(before_c)
    departments = [
        DepartmentChange(department=d, kind=DepartmentChangeKind.NEWLY_LATE, reports=now[d.key])
        for d, _ in compliance.by_department
        if d.key in now and d.key not in then
    ]
    departments += [
        DepartmentChange(department=d, kind=DepartmentChangeKind.RECOVERED, reports=then[d.key])
        for d, _ in compliance.by_department
        if d.key in then and d.key not in now
    ]
    investment = [
        InvestmentChange(
            subject=programme.key,
            before=before_a.money_total.completed,
            after=assessment.money_total.completed,
        )
    ]
    before_money = {m.subject: m for m in before_a.money}
    for c in programme.categories:
        after_m = _money(assessment, c.key)
        before_m = before_money.get(c.key)
        after_q = None if after_m is None else after_m.completed
        before_q = None if before_m is None else before_m.completed
        if after_q is not None or before_q is not None:
            investment.append(InvestmentChange(subject=c.key, before=before_q, after=after_q))
    return Changes(
        previous_as_of=before_a.as_of,
        status_changes=tuple(status_changes),
        departments=tuple(departments),
        investment=tuple(investment),
    )


def _money(assessment: Assessment, subject: str) -> MoneyResult | None:
    for m in assessment.money:
        if m.subject == subject:
            return m
    return None


def percent_cut(x: float | Decimal | Fraction | None) -> str:
    """A share as a percentage with one decimal, cut, never rounded up (99.96% is ``99.9%``);
    ``-`` for None."""
    if x is None:
        return "-"
    d = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(x)
    return f"{(d * 100).quantize(Decimal('0.1'), rounding=ROUND_DOWN)}%"


def call_ins_from_rule(applied: Accountability) -> tuple[CallInEntry, ...]:
    """The 约谈问责 list from the accountability rule applied: each unit with every ground, the
    grounds quoting their figures."""
    return tuple(
        CallInEntry(
            rank=i,
            name_zh=c.unit.name_zh,
            name_en=c.unit.name_en,
            reasons_zh=tuple(g.reason_zh for g in c.grounds),
            reasons_en=tuple(g.reason for g in c.grounds),
        )
        for i, c in enumerate(applied.call_ins, start=1)
    )


def call_ins_from_laggards(compliance: Compliance) -> tuple[CallInEntry, ...]:
    """The 约谈问责 list from the laggard ranking: each department with a late or missing report,
    the one lagging most first, with its counts and on-time rate as the reason."""
    out = []
    for lag in compliance.laggards:
        t = lag.tally
        share = percent_cut(t.on_time_rate)
        reason_zh = (
            f"迟报{t.late}份、未报{t.missing}份，按时报送率{share}（{t.on_time}/{t.expected}）"
        )
        reason_en = (
            f"{t.late} late and {t.missing} missing reports; on-time rate {share} "
            f"({t.on_time} of {t.expected})"
        )
        out.append(
            CallInEntry(
                rank=lag.rank,
                name_zh=lag.department.name_zh,
                name_en=lag.department.name_en,
                reasons_zh=(reason_zh,),
                reasons_en=(reason_en,),
            )
        )
    return tuple(out)


def _next_deadlines(programme: Programme, as_of: date) -> tuple[Period, tuple[Deadline, ...]]:
    this = quarter_of(as_of)
    after = date.fromordinal(this.end.toordinal() + 1)
    nxt = quarter_of(after)
    start = date.fromordinal(as_of.toordinal() + 1)
    return nxt, tuple(d for d in programme.deadlines(start, nxt.end) if as_of < d.due <= nxt.end)


def bulletin(
    programme: Programme,
    assessment: Assessment,
    compliance: Compliance,
    previous: Bulletin | tuple[Assessment, Compliance] | None = None,
    *,
    header: BulletinHeader | None = None,
    rule: AccountabilityRule | None = None,
) -> Bulletin:
    """The quarterly bulletin of ``programme`` from its assessment and compliance on one date.

    Args:
        programme: The programme assessed.
        assessment: Its assessment (:func:`~ezhou_recovery.assess`).
        compliance: Its compliance on the same date (:func:`~ezhou_recovery.analysis.compliance`).
        previous: The previous bulletin, or the previous assessment and compliance (both can be
            read back from JSON with :func:`~ezhou_recovery.from_json`).
        header: Issuing office, document number, addressees and date.
        rule: The accountability rule (约谈问责) to apply; by default the programme's own. Without
            either, the laggard ranking of ``compliance`` is the list.

    Raises:
        ValueError: The assessment, the compliance or the previous results do not fit together
            (another programme, another date, a previous date not before this one).
    """
    if assessment.programme != programme.key:
        raise ValueError(
            f"the assessment is of {assessment.programme!r}, not of the programme {programme.key!r}"
        )
    if compliance.as_of != assessment.as_of:
        raise ValueError(
            f"the compliance is as of {compliance.as_of.isoformat()}, "
            f"the assessment as of {assessment.as_of.isoformat()}: a bulletin needs one date"
        )
    before: tuple[Assessment, Compliance] | None
    if isinstance(previous, Bulletin):
        before = (previous.assessment, previous.compliance)
    else:
        before = previous
    if before is not None:
        if before[0].programme != programme.key:
            raise ValueError(f"the previous assessment is of {before[0].programme!r}")
        if before[1].as_of != before[0].as_of:
            raise ValueError("the previous assessment and compliance have different dates")
        if before[0].as_of >= assessment.as_of:
            raise ValueError(
                f"the previous results ({before[0].as_of.isoformat()}) are not before "
                f"this bulletin's date ({assessment.as_of.isoformat()})"
            )
    categories = tuple(
        CategorySection(
            key=c.key,
            number=c.number,
            name_zh=c.name_zh,
            name_en=c.name_en,
            leader=c.leader,
            departments=c.lead_departments,
            rollup=assessment.category(c.key),
            money=_money(assessment, c.key),
            with_data=_with_data(assessment.category(c.key)),
        )
        for c in programme.categories
    )
    reporting = tuple(
        DepartmentReporting(
            department=d,
            tally=t,
            late=tuple(
                s
                for s in compliance.statuses
                if s.deadline.department.key == d.key and s.status is ReportStatus.LATE
            ),
            missing=tuple(
                s
                for s in compliance.statuses
                if s.deadline.department.key == d.key and s.status is ReportStatus.MISSING
            ),
        )
        for d, t in compliance.by_department
    )
    rule = rule or programme.accountability
    rule_zh = rule_en = None
    if rule is not None:
        applied = accountability(programme, compliance, assessment, rule)
        call_ins = call_ins_from_rule(applied)
        basis = CallInBasis.RULE
        rule_zh, rule_en = rule.describe("zh"), rule.describe("en")
    else:
        call_ins = call_ins_from_laggards(compliance)
        basis = CallInBasis.LAGGARDS
    nxt, deadlines = _next_deadlines(programme, assessment.as_of)
    return Bulletin(
        programme=programme.key,
        title_zh=programme.title_zh,
        title_en=programme.title_en,
        as_of=assessment.as_of,
        header=header or BulletinHeader(),
        headline=_headline(programme, assessment, compliance),
        changes=None if before is None else _changes(programme, assessment, compliance, before),
        categories=categories,
        reporting=reporting,
        call_ins=call_ins,
        call_in_basis=basis,
        call_in_rule_zh=rule_zh,
        call_in_rule_en=rule_en,
        next_quarter=nxt,
        next_deadlines=deadlines,
        obligation_names=tuple((o.key, o.name_zh, o.name_en) for o in programme.obligations),
        assessment=assessment,
        compliance=compliance,
    )
