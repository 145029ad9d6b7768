"""Flat records (one dict per row) of the model, shared by frames, CSV and JSON output.

Presentation only: each function reads attributes and formats them, nothing is computed beyond unit
conversion of money to 亿元 (exact, Decimal). Every record of a kind has the same keys, in the order
of the ``*_COLUMNS`` tuples, which are the single definition of those columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Final

import pint

from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.projects import Project
from ezhou_recovery.model.targets import Target, TargetKind
from ezhou_recovery.units import Quantity, format_quantity

Record = dict[str, Any]

#: Columns of a target record, in order.
TARGET_COLUMNS: Final = (
    "key",
    "category",
    "description_zh",
    "description_en",
    "kind",
    "comparator",
    "value",
    "unit",
    "unit_zh",
    "reporting_unit",
    "reporting_value",
    "baseline",
    "baseline_qualifier",
    "deadline",
    "scope_zh",
    "scope_en",
    "section",
    "strive",
    "district",
    "event",
)
#: Columns of a deadline record, in order.
DEADLINE_COLUMNS: Final = (
    "key",
    "due",
    "obligation",
    "category",
    "department",
    "department_zh",
    "department_en",
    "period",
    "period_start",
    "period_end",
)
#: Columns of a project record, in order.
PROJECT_COLUMNS: Final = (
    "key",
    "category",
    "name_zh",
    "name_en",
    "level",
    "status",
    "investment_yi_yuan",
    "funded_yi_yuan",
    "planned_start",
    "planned_completion",
)
#: Columns of a category record, in order.
CATEGORY_COLUMNS: Final = (
    "key",
    "number",
    "name_zh",
    "name_en",
    "leader_zh",
    "leader_en",
    "lead_departments",
    "target_count",
    "project_count",
    "total_investment_yi_yuan",
    "first_year_investment_yi_yuan",
    "first_year",
    "approximate",
)


#: Columns that hold a rate or share: CSV and JSON write each to :data:`RATE_PLACES` places.
SHARE_COLUMNS: Final = frozenset(
    {
        "progress",
        "expected_progress",
        "gap",
        "share_attained",
        "coverage",
        "mean_progress",
        "mean_progress_reported",
        "mean_expected_progress",
        "completion_rate",
        "time_progress",
        "gap_pp",
        "first_year_rate",
        "reporting_rate",
        "on_time_rate",
        "score",
    }
)


def share_value(value: Any) -> Any:
    """A rate or share to :data:`RATE_PLACES` places, rounded down so that it never flatters
    (0.99996 is ``0.9999``, never ``1.0000``); None and other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    if isinstance(value, float):
        if value != value:  # nan
            return None
        value = Decimal(f"{value:.10f}")
    return value.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_FLOOR)


def plain_decimal(number: Decimal) -> Decimal:
    """``number`` without trailing zeros and never in exponent notation (``1.2000`` -> ``1.2``)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def unit_code(q: Quantity) -> str:
    """The unit of ``q`` as the programme format writes it (``km``, ``yi_yuan``, ``percent``)."""
    code = format(q.units, "D")
    return "" if code == "dimensionless" else code


def _magnitude(q: Quantity) -> Decimal | Any:
    m = q.magnitude
    return plain_decimal(m) if isinstance(m, Decimal) else m


def yi_yuan(q: Quantity | None) -> Decimal | None:
    """An amount of money in 亿元, exactly; None stays None."""
    if q is None:
        return None
    m = q.to("yi_yuan").magnitude
    return plain_decimal(m if isinstance(m, Decimal) else Decimal(m))


def unit_zh(q: Quantity) -> str:
    """The unit of ``q`` as a Chinese reader writes it (``公里``), else its pint symbol."""
    text = format_quantity(q.__class__(Decimal(1), q.units), lang="zh")
    return text[1:].strip()


def target_record(target: Target) -> Record:
    """One target as a flat record; ``value`` and ``baseline`` are in the canonical ``unit``,
    ``reporting_value`` is the value in ``reporting_unit`` (50 for 50万千瓦), exactly."""
    value = target.value
    baseline = target.baseline
    base: Any = None
    if baseline is not None and value is not None:
        base = _magnitude(baseline.value.to(value.units))
    return {
        "key": target.key,
        "category": target.category,
        "description_zh": target.description_zh,
        "description_en": target.description_en,
        "kind": target.kind.value,
        "comparator": target.comparator.value,
        "value": None if value is None else _magnitude(value),
        "unit": None if value is None else unit_code(value),
        "unit_zh": None if value is None else unit_zh(value),
        "reporting_unit": None if target.reporting_unit is None else target.reporting_unit.text,
        "reporting_value": (
            None
            if value is None or target.reporting_unit is None
            else plain_decimal(target.reporting_unit.number(value))
        ),
        "baseline": base,
        "baseline_qualifier": None if baseline is None else baseline.qualifier.value,
        "deadline": target.deadline,
        "scope_zh": target.scope_zh,
        "scope_en": target.scope_en,
        "section": target.section.value,
        "strive": target.strive,
        "district": target.district,
        "event": target.event.value if target.kind is TargetKind.MILESTONE else None,
    }


def deadline_record(deadline: Deadline) -> Record:
    """One deadline as a flat record."""
    return {
        "key": deadline.key,
        "due": deadline.due,
        "obligation": deadline.obligation,
        "category": deadline.category,
        "department": deadline.department.key,
        "department_zh": deadline.department.name_zh,
        "department_en": deadline.department.name_en,
        "period": deadline.period.label,
        "period_start": deadline.period.start,
        "period_end": deadline.period.end,
    }


def project_record(project: Project) -> Record:
    """One project as a flat record, money in 亿元 (exact Decimal)."""
    return {
        "key": project.key,
        "category": project.category,
        "name_zh": project.name_zh,
        "name_en": project.name_en,
        "level": None if project.level is None else project.level.value,
        "status": project.status.value,
        "investment_yi_yuan": yi_yuan(project.investment),
        "funded_yi_yuan": yi_yuan(project.funded),
        "planned_start": project.planned_start,
        "planned_completion": project.planned_completion,
    }


def category_record(category: Category) -> Record:
    """One category with its portfolio as a flat record, money in 亿元 (exact Decimal)."""
    p = category.portfolio
    return {
        "key": category.key,
        "number": category.number,
        "name_zh": category.name_zh,
        "name_en": category.name_en,
        "leader_zh": None if category.leader is None else category.leader.name_zh,
        "leader_en": None if category.leader is None else category.leader.name_en,
        "lead_departments": ";".join(d.key for d in category.lead_departments),
        "target_count": len(category.targets),
        "project_count": None if p is None else p.project_count,
        "total_investment_yi_yuan": None if p is None else yi_yuan(p.total_investment),
        "first_year_investment_yi_yuan": None if p is None else yi_yuan(p.first_year_investment),
        "first_year": None if p is None else p.first_year,
        "approximate": None if p is None else p.approximate,
    }


def programme_record(programme: Programme) -> Record:
    """The programme's head and totals as a flat record; the totals are sums of the portfolios,
    approximate (约) when ``totals_approximate`` is true."""
    return {
        "key": programme.key,
        "document_number": programme.document_number,
        "title_zh": programme.title_zh,
        "title_en": programme.title_en,
        "issuer": programme.issuer.key,
        "issued": programme.issued,
        "published": programme.published,
        "period_start": programme.period.start,
        "period_end": programme.period.end,
        "category_count": len(programme.categories),
        "target_count": len(programme.targets),
        "project_count": programme.project_count,
        "total_investment_yi_yuan": yi_yuan(programme.total_investment),
        "first_year_investment_yi_yuan": yi_yuan(programme.first_year_investment),
        "totals_approximate": programme.totals_approximate,
    }


def records(items: Iterable[Any]) -> list[Record]:
    """Records of targets, deadlines, projects or categories (mixed kinds are not allowed)."""
    out: list[Record] = []
    for item in items:
        if isinstance(item, Target):
            out.append(target_record(item))
        elif isinstance(item, Deadline):
            out.append(deadline_record(item))
        elif isinstance(item, Project):
            out.append(project_record(item))
        elif isinstance(item, Category):
            out.append(category_record(item))
        else:
            raise TypeError(f"no record layout for {type(item).__name__}")
    return out


def text_value(value: Any) -> str:
    """A record value as text for CSV and terminals: dates ISO, None empty.

    Decimals are written as they are, never in exponent notation: the record decides the places
    (:func:`plain_decimal` for exact numbers, four places for rates).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A record value for JSON: dates ISO text, Decimals as decimal text (as :func:`text_value`)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


# Results and the world --------------------------------------------------------------------------

#: Columns of a target result record (one row per target of an assessment), in order.
RESULT_COLUMNS: Final = (
    "key",
    "category",
    "kind",
    "status",
    "status_zh",
    "value",
    "unit",
    "reporting_unit",
    "value_text",
    "value_as_of",
    "target_value",
    "progress",
    "expected_progress",
    "gap",
    "projected_value",
    "catch_up_per_quarter",
    "observations",
    "deadline",
    "stale",
    "quality",
    "findings",
    "reason",
    "reason_zh",
)
#: Columns of a roll-up record (a category, official, department or the programme).
ROLLUP_COLUMNS: Final = (
    "scope",
    "key",
    "name_zh",
    "name_en",
    "targets",
    "attained",
    "on_track",
    "at_risk",
    "off_track",
    "missed",
    "no_data",
    "overdue",
    "share_attained",
    "reported",
    "coverage",
    "mean_progress",
    "mean_progress_reported",
    "mean_expected_progress",
    "stale",
    "worst_status",
    "worst_count",
)
#: Columns of an investment completion record, money in 亿元 (exact Decimal).
MONEY_COLUMNS: Final = (
    "subject",
    "completed_yi_yuan",
    "reported_on",
    "from_projects",
    "planned_total_yi_yuan",
    "completion_rate",
    "time_progress",
    "gap_pp",
    "first_year",
    "planned_first_year_yi_yuan",
    "completed_first_year_yi_yuan",
    "first_year_rate",
    "reported_total_yi_yuan",
)
#: Columns of a deadline status record (one row per deadline of a compliance check).
DEADLINE_STATUS_COLUMNS: Final = (
    "key",
    "due",
    "last_day",
    "obligation",
    "category",
    "department",
    "department_zh",
    "department_en",
    "period",
    "status",
    "status_zh",
    "received",
    "days_late",
    "resubmissions",
    "points",
)
#: Columns of a tally record (a department, category or official, or the programme).
TALLY_COLUMNS: Final = (
    "scope",
    "key",
    "name_zh",
    "name_en",
    "expected",
    "on_time",
    "late",
    "missing",
    "not_yet_due",
    "reporting_rate",
    "on_time_rate",
    "mean_days_late",
    "worst_days_late",
    "worst_days_overdue",
    "points",
    "max_points",
    "score",
)
#: Columns of a laggard record.
LAGGARD_COLUMNS: Final = ("rank", *TALLY_COLUMNS[1:])
#: Columns of an observation record.
OBSERVATION_COLUMNS: Final = (
    "target",
    "as_of",
    "value",
    "unit",
    "value_text",
    "source",
    "quality",
)
#: Columns of a submission record.
SUBMISSION_COLUMNS: Final = (
    "obligation",
    "department",
    "period",
    "category",
    "submitted_at",
    "received_on",
    "note",
)

_REPORT_STATUS_ZH: Final = {
    "on_time": "按时",
    "late": "迟报",
    "missing": "未报",
    "not_yet_due": "未到期",
}


def report_status_zh(status: str) -> str:
    """按时, 迟报, 未报, 未到期 for a report status value."""
    return _REPORT_STATUS_ZH[str(status)]


def _value_parts(value: Any) -> tuple[Any, str | None, str | None]:
    """(exact magnitude or plain value, unit code, text) of an observed or judged value."""
    if value is None:
        return None, None, None
    if isinstance(value, bool):
        return value, None, "是 done" if value else "否 not done"
    if isinstance(value, pint.Quantity):
        return _magnitude(value), unit_code(value), format_quantity(value)
    # A qualitative level: its value, with its Chinese and English names as text.
    return str(value), None, f"{value.name_zh} {value.name_en}"


def observation_value_text(value: Any) -> str | None:
    """An observed or judged value as a person reads it (``32 公里``, ``是 done``); None for none."""
    return _value_parts(value)[2]


#: Significant digits of the estimates of a result record (projection, catch-up pace).
ESTIMATE_DIGITS: Final = 6


def _estimate(q: Quantity | None) -> Decimal | None:
    """The magnitude of an estimate as a Decimal: exact when it is exact, else a binary float
    rounded to :data:`ESTIMATE_DIGITS` significant digits (``179.51086956521738`` -> ``179.511``).
    """
    if q is None:
        return None
    m = q.magnitude
    if isinstance(m, Decimal):
        return plain_decimal(m)
    return plain_decimal(Decimal(format(float(m), f".{ESTIMATE_DIGITS}g")))


def result_record(result: Any) -> Record:
    """One target result (:class:`~ezhou_recovery.TargetResult`) as a flat record.

    ``value``, ``target_value``, ``projected_value`` and ``catch_up_per_quarter`` are magnitudes in
    the target's unit (``unit``): the first two exact, the estimates rounded to
    :data:`ESTIMATE_DIGITS` significant digits when they were computed in floating point; progress
    figures are shares (0.5 is 50%), floating point.
    """
    t = result.target
    value, unit, text = _value_parts(result.value)
    if isinstance(result.value, pint.Quantity):
        text = t.format_value(result.value)
    goal = t.value
    projected = result.projected_value
    catch = result.catch_up_per_quarter
    return {
        "key": t.key,
        "category": t.category,
        "kind": t.kind.value,
        "status": result.status.value,
        "status_zh": result.status.label_zh,
        "value": value,
        "unit": unit if unit is not None else (None if goal is None else unit_code(goal)),
        "reporting_unit": None if t.reporting_unit is None else t.reporting_unit.text,
        "value_text": text,
        "value_as_of": result.value_as_of,
        "target_value": None if goal is None else _magnitude(goal),
        "progress": result.progress,
        "expected_progress": result.expected_progress,
        "gap": result.gap,
        "projected_value": _estimate(projected),
        "catch_up_per_quarter": _estimate(catch),
        "observations": result.observations,
        "deadline": t.deadline,
        "stale": result.stale,
        "quality": None if result.quality is None else result.quality.value,
        "findings": "; ".join(result.findings) or None,
        "reason": result.reason,
        "reason_zh": result.reason_zh,
    }


def rollup_record(rollup: Any) -> Record:
    """One roll-up (:class:`~ezhou_recovery.Rollup`) as a flat record: counts by status."""
    record: Record = {
        "scope": rollup.scope,
        "key": rollup.key,
        "name_zh": rollup.name_zh,
        "name_en": rollup.name_en,
        "targets": rollup.total,
    }
    for status, count in rollup.counts.items():
        record[status.value] = count
    record["share_attained"] = rollup.share_attained
    record["reported"] = rollup.reported
    record["coverage"] = rollup.coverage
    record["mean_progress"] = rollup.mean_progress
    record["mean_progress_reported"] = rollup.mean_progress_reported
    record["mean_expected_progress"] = rollup.mean_expected_progress
    record["stale"] = rollup.stale
    record["worst_status"] = None if rollup.worst_status is None else rollup.worst_status.value
    record["worst_count"] = rollup.worst_count
    return record


def _exact_share(x: Decimal | None) -> Decimal | None:
    return None if x is None else plain_decimal(x)


def money_record(m: Any) -> Record:
    """One investment completion result as a flat record, money in 亿元 (exact Decimal)."""
    return {
        "subject": m.subject,
        "completed_yi_yuan": yi_yuan(m.completed),
        "reported_on": m.reported_on,
        "from_projects": m.from_projects,
        "planned_total_yi_yuan": yi_yuan(m.planned_total),
        "completion_rate": _exact_share(m.completion_rate),
        "time_progress": _exact_share(m.time_progress),
        "gap_pp": _exact_share(m.gap_pp),
        "first_year": m.first_year,
        "planned_first_year_yi_yuan": yi_yuan(m.planned_first_year),
        "completed_first_year_yi_yuan": yi_yuan(m.completed_first_year),
        "first_year_rate": _exact_share(m.first_year_rate),
        "reported_total_yi_yuan": yi_yuan(m.reported_total),
    }


def deadline_status_record(st: Any) -> Record:
    """One deadline's status (:class:`~ezhou_recovery.DeadlineStatus`) as a flat record."""
    d = st.deadline
    return {
        "key": d.key,
        "due": d.due,
        "last_day": st.last_day,
        "obligation": d.obligation,
        "category": d.category,
        "department": d.department.key,
        "department_zh": d.department.name_zh,
        "department_en": d.department.name_en,
        "period": d.period.label,
        "status": st.status.value,
        "status_zh": report_status_zh(st.status.value),
        "received": st.received,
        "days_late": st.days_late,
        "resubmissions": st.resubmissions,
        "points": st.points,
    }


#: Places of the rates, scores and mean days late of a tally record (``0.2500``).
RATE_PLACES: Final = 4


def _fraction(x: Any, *, rate: bool = True) -> Decimal | None:
    """An exact fraction as a Decimal to :data:`RATE_PLACES` places, trailing zeros kept: a rate
    rounded down (it never flatters), another figure to the nearest."""
    if x is None:
        return None
    exact = Decimal(x.numerator) / Decimal(x.denominator)
    if rate:
        return share_value(exact)  # type: ignore[no-any-return]
    return exact.quantize(Decimal(1).scaleb(-RATE_PLACES))


def tally_record(scope: str, key: str, name_zh: str, name_en: str, tally: Any) -> Record:
    """One tally (:class:`~ezhou_recovery.Tally`) as a flat record.

    Rates, the score and mean days late are Decimals to :data:`RATE_PLACES` places (``0.2500``).
    """
    return {
        "scope": scope,
        "key": key,
        "name_zh": name_zh,
        "name_en": name_en,
        "expected": tally.expected,
        "on_time": tally.on_time,
        "late": tally.late,
        "missing": tally.missing,
        "not_yet_due": tally.not_yet_due,
        "reporting_rate": _fraction(tally.reporting_rate),
        "on_time_rate": _fraction(tally.on_time_rate),
        "mean_days_late": _fraction(tally.mean_days_late, rate=False),
        "worst_days_late": tally.worst_days_late,
        "worst_days_overdue": tally.worst_days_overdue,
        "points": plain_decimal(tally.points),
        "max_points": plain_decimal(tally.max_points),
        "score": _fraction(tally.score),
    }


def laggard_record(laggard: Any) -> Record:
    """One laggard as a flat record: its rank and its department's tally."""
    d = laggard.department
    record = tally_record("department", d.key, d.name_zh, d.name_en, laggard.tally)
    del record["scope"]
    return {"rank": laggard.rank, **record}


def observation_record(o: Any) -> Record:
    """One observation as a flat record; ``value`` is the exact magnitude in ``unit``."""
    value, unit, text = _value_parts(o.value)
    return {
        "target": o.target,
        "as_of": o.as_of,
        "value": value,
        "unit": unit,
        "value_text": text,
        "source": o.source,
        "quality": o.quality.value,
    }


def submission_record(s: Any) -> Record:
    """One submission as a flat record; ``received_on`` is the day in China time."""
    at = s.submitted_at
    return {
        "obligation": s.obligation,
        "department": s.department,
        "period": s.period,
        "category": s.category,
        "submitted_at": at.isoformat(),
        "received_on": s.received_on,
        "note": s.note,
    }
