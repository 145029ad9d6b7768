"""Records of the world and of results: observations, submissions, target results, roll-ups,
investment completion, deadline statuses, tallies, laggards and findings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final, TypedDict

import pint

from ezhou_recovery.analysis.attainment import Rollup, Status, TargetResult
from ezhou_recovery.analysis.compliance import DeadlineStatus, Laggard, Tally
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.analysis.validation import Finding
from ezhou_recovery.display.labels import report_status_label, status_label
from ezhou_recovery.display.rows._values import (
    estimate,
    exact_share,
    fraction_value,
    magnitude,
    plain_decimal,
    unit_code,
    value_parts,
    yi_yuan,
)
from ezhou_recovery.evidence.observations import Observation
from ezhou_recovery.evidence.submissions import Submission

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
#: Columns of a finding record (``validate --format csv``; the fields of a finding in JSON).
FINDING_COLUMNS: Final = ("severity", "code", "where", "what")

Number = Decimal | float | int
#: A judged or observed value: an exact magnitude, done or not, or a qualitative level's value.
Value = Number | bool | str | None


class ResultRecord(TypedDict):
    """A target result: values in the target's unit, progress figures as shares."""

    key: str
    category: str
    kind: str
    status: str
    status_zh: str
    value: Value
    unit: str | None
    reporting_unit: str | None
    value_text: str | None
    value_as_of: date | None
    target_value: Number | None
    progress: float | None
    expected_progress: float
    gap: float | None
    projected_value: Decimal | None
    catch_up_per_quarter: Decimal | None
    observations: int
    deadline: date
    stale: bool
    quality: str | None
    findings: str | None
    reason: str
    reason_zh: str


class RollupRecord(TypedDict):
    """A roll-up: its targets counted by status, coverage and mean progress."""

    scope: str
    key: str
    name_zh: str
    name_en: str
    targets: int
    attained: int
    on_track: int
    at_risk: int
    off_track: int
    missed: int
    no_data: int
    overdue: int
    share_attained: float | None
    reported: int
    coverage: float | None
    mean_progress: float | None
    mean_progress_reported: float | None
    mean_expected_progress: float | None
    stale: int
    worst_status: str | None
    worst_count: int


class MoneyRecord(TypedDict):
    """Investment completion, money in 亿元, rates exact."""

    subject: str
    completed_yi_yuan: Decimal | None
    reported_on: date | None
    from_projects: bool
    planned_total_yi_yuan: Decimal | None
    completion_rate: Decimal | None
    time_progress: Decimal | None
    gap_pp: Decimal | None
    first_year: int | None
    planned_first_year_yi_yuan: Decimal | None
    completed_first_year_yi_yuan: Decimal | None
    first_year_rate: Decimal | None
    reported_total_yi_yuan: Decimal | None


class DeadlineStatusRecord(TypedDict):
    """One deadline of a compliance check: the deadline, its report status and when received."""

    key: str
    due: date
    last_day: date
    obligation: str
    category: str | None
    department: str
    department_zh: str
    department_en: str
    period: str
    status: str
    status_zh: str
    received: date | None
    days_late: int
    resubmissions: int
    points: Decimal | None


class TallyCounts(TypedDict):
    """A tally's counts, rates and score, to :data:`RATE_PLACES` places."""

    expected: int
    on_time: int
    late: int
    missing: int
    not_yet_due: int
    reporting_rate: Decimal | None
    on_time_rate: Decimal | None
    mean_days_late: Decimal | None
    worst_days_late: int
    worst_days_overdue: int
    points: Decimal
    max_points: Decimal
    score: Decimal | None


class TallyRecord(TallyCounts):
    """A tally of reports: whose, then its counts, rates and score."""

    scope: str
    key: str
    name_zh: str
    name_en: str


class LaggardRecord(TallyCounts):
    """A lagging department: its rank and its tally."""

    rank: int
    key: str
    name_zh: str
    name_en: str


class ObservationRecord(TypedDict):
    """An observation; ``value`` exact in ``unit``."""

    target: str
    as_of: date
    value: Value
    unit: str | None
    value_text: str | None
    source: str | None
    quality: str


class SubmissionRecord(TypedDict):
    """A submission; ``received_on`` is the day in China time."""

    obligation: str
    department: str
    period: str | None
    category: str | None
    submitted_at: str
    received_on: date
    note: str | None


class FindingRecord(TypedDict):
    """A consistency finding."""

    severity: str
    code: str
    where: str
    what: str


def result_record(result: TargetResult) -> ResultRecord:
    """One target result (:class:`~ezhou_recovery.TargetResult`) as a flat record.

    ``value``, ``target_value``, ``projected_value`` and ``catch_up_per_quarter`` are magnitudes in
    the target's unit (``unit``): the first two exact, the estimates rounded to
    :data:`ESTIMATE_DIGITS` significant digits when they were computed in floating point; progress
    figures are shares (0.5 is 50%), floating point.
    """
    t = result.target
    value, unit, text = value_parts(result.value)
    if isinstance(result.value, pint.Quantity):
        text = t.format_value(result.value)
    goal = t.value
    return {
        "key": t.key,
        "category": t.category,
        "kind": t.kind.value,
        "status": result.status.value,
        "status_zh": status_label(result.status, "zh"),
        "value": value,
        "unit": unit if unit is not None else (None if goal is None else unit_code(goal)),
        "reporting_unit": None if t.reporting_unit is None else t.reporting_unit.text,
        "value_text": text,
        "value_as_of": result.value_as_of,
        "target_value": None if goal is None else magnitude(goal),
        "progress": result.progress,
        "expected_progress": result.expected_progress,
        "gap": result.gap,
        "projected_value": estimate(result.projected_value),
        "catch_up_per_quarter": estimate(result.catch_up_per_quarter),
        "observations": result.observations,
        "deadline": t.deadline,
        "stale": result.stale,
        "quality": None if result.quality is None else result.quality.value,
        "findings": "; ".join(result.findings) or None,
        "reason": result.reason,
        "reason_zh": result.reason_zh,
    }


def rollup_record(rollup: Rollup) -> RollupRecord:
    """One roll-up (:class:`~ezhou_recovery.Rollup`) as a flat record: counts by status."""
    return {
        "scope": rollup.scope,
        "key": rollup.key,
        "name_zh": rollup.name_zh,
        "name_en": rollup.name_en,
        "targets": rollup.total,
        "attained": rollup.count(Status.ATTAINED),
        "on_track": rollup.count(Status.ON_TRACK),
        "at_risk": rollup.count(Status.AT_RISK),
        "off_track": rollup.count(Status.OFF_TRACK),
        "missed": rollup.count(Status.MISSED),
        "no_data": rollup.count(Status.NO_DATA),
        "overdue": rollup.count(Status.OVERDUE),
        "share_attained": rollup.share_attained,
        "reported": rollup.reported,
        "coverage": rollup.coverage,
        "mean_progress": rollup.mean_progress,
        "mean_progress_reported": rollup.mean_progress_reported,
        "mean_expected_progress": rollup.mean_expected_progress,
        "stale": rollup.stale,
        "worst_status": None if rollup.worst_status is None else rollup.worst_status.value,
        "worst_count": rollup.worst_count,
    }


def money_record(m: MoneyResult) -> MoneyRecord:
    """One investment completion result as a flat record, money in 亿元 (exact Decimal)."""
    return {
        "subject": m.subject,
        "completed_yi_yuan": yi_yuan(m.completed),
        "reported_on": m.reported_on,
        "from_projects": m.from_projects,
        "planned_total_yi_yuan": yi_yuan(m.planned_total),
        "completion_rate": exact_share(m.completion_rate),
        "time_progress": exact_share(m.time_progress),
        "gap_pp": exact_share(m.gap_pp),
        "first_year": m.first_year,
        "planned_first_year_yi_yuan": yi_yuan(m.planned_first_year),
        "completed_first_year_yi_yuan": yi_yuan(m.completed_first_year),
        "first_year_rate": exact_share(m.first_year_rate),
        "reported_total_yi_yuan": yi_yuan(m.reported_total),
    }


def deadline_status_record(st: DeadlineStatus) -> DeadlineStatusRecord:
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
        "status_zh": report_status_label(st.status, "zh"),
        "received": st.received,
        "days_late": st.days_late,
        "resubmissions": st.resubmissions,
        "points": st.points,
    }


def tally_counts(tally: Tally) -> TallyCounts:
    """A tally's counts, rates and score. Rates, the score and mean days late are Decimals to
    :data:`RATE_PLACES` places (``0.2500``)."""
    return {
        "expected": tally.expected,
        "on_time": tally.on_time,
        "late": tally.late,
        "missing": tally.missing,
        "not_yet_due": tally.not_yet_due,
        "reporting_rate": fraction_value(tally.reporting_rate),
        "on_time_rate": fraction_value(tally.on_time_rate),
        "mean_days_late": fraction_value(tally.mean_days_late, rate=False),
        "worst_days_late": tally.worst_days_late,
        "worst_days_overdue": tally.worst_days_overdue,
        "points": plain_decimal(tally.points),
        "max_points": plain_decimal(tally.max_points),
        "score": fraction_value(tally.score),
    }


def tally_record(scope: str, key: str, name_zh: str, name_en: str, tally: Tally) -> TallyRecord:
    """One tally (:class:`~ezhou_recovery.Tally`) as a flat record (see :func:`tally_counts`)."""
    return {
        "scope": scope,
        "key": key,
        "name_zh": name_zh,
        "name_en": name_en,
        **tally_counts(tally),
    }


def laggard_record(laggard: Laggard) -> LaggardRecord:
    """One laggard as a flat record: its rank and its department's tally."""
    d = laggard.department
    return {
        "rank": laggard.rank,
        "key": d.key,
        "name_zh": d.name_zh,
        "name_en": d.name_en,
        **tally_counts(laggard.tally),
    }


def observation_record(o: Observation) -> ObservationRecord:
    """One observation as a flat record; ``value`` is the exact magnitude in ``unit``."""
    value, unit, text = value_parts(o.value)
    return {
        "target": o.target,
        "as_of": o.as_of,
        "value": value,
        "unit": unit,
        "value_text": text,
        "source": o.source,
        "quality": o.quality.value,
    }


def submission_record(s: Submission) -> SubmissionRecord:
    """One submission as a flat record; ``received_on`` is the day in China time."""
    return {
        "obligation": s.obligation,
        "department": s.department,
        "period": s.period,
        "category": s.category,
        "submitted_at": s.submitted_at.isoformat(),
        "received_on": s.received_on,
        "note": s.note,
    }


def finding_record(f: Finding) -> FindingRecord:
    """One consistency finding as a flat record."""
    return {"severity": f.severity.value, "code": f.code, "where": f.where, "what": f.what}
