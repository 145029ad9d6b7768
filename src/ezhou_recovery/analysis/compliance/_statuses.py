"""The status of each deadline on the status date, from the submissions that answer it: object by
object, or with numpy from a :class:`~ezhou_recovery.evidence.submission_table.SubmissionTable`;
both give the same statuses."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ezhou_recovery.analysis.compliance._results import DeadlineStatus, ReportStatus, ScoringRule
from ezhou_recovery.analysis.matching import DeadlineMatcher
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import Deadline

if TYPE_CHECKING:
    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.model.programme import Programme

__all__ = ["as_table", "columnar_statuses", "deadline_status"]


def deadline_status(
    deadline: Deadline,
    received: list[Submission],
    as_of: date,
    last: date,
    scoring: ScoringRule,
) -> DeadlineStatus:
    """The status of ``deadline`` (last on-time day ``last``) from the submissions ``received``
    that answer it, as known on ``as_of``."""
    known = [d for d in (s.received_on for s in received) if d <= as_of]
    # A report cannot answer a period that has not begun (when the deadline lies in the period;
    # a duty due before its period asks for a report before it).
    begins = deadline.period.start
    early = begins <= last
    premature = tuple(sorted(d for d in known if early and d < begins))
    days = [d for d in known if not (early and d < begins)]
    return _classified(
        deadline, last, min(days) if days else None, len(days), premature, as_of, scoring
    )


def _classified(
    deadline: Deadline,
    last: date,
    first: date | None,
    count: int,
    premature: tuple[date, ...],
    as_of: date,
    scoring: ScoringRule,
) -> DeadlineStatus:
    """A deadline's status from its first counted report (``count`` of them, known by ``as_of``)."""
    if first is not None:
        late = max(0, (first - last).days)
        status = ReportStatus.LATE if late else ReportStatus.ON_TIME
        return DeadlineStatus(
            deadline,
            last,
            status,
            first,
            late,
            count - 1,
            scoring.points(status, late),
            premature,
        )
    if as_of > last:
        overdue = (as_of - last).days
        return DeadlineStatus(
            deadline,
            last,
            ReportStatus.MISSING,
            None,
            overdue,
            0,
            scoring.points(ReportStatus.MISSING),
            premature,
        )
    return DeadlineStatus(deadline, last, ReportStatus.NOT_YET_DUE, premature=premature)


def columnar_statuses(
    programme: Programme,
    table: SubmissionTable,
    deadlines: Sequence[Deadline],
    lasts: list[date],
    as_of: date,
    scoring: ScoringRule,
) -> tuple[DeadlineStatus, ...] | None:
    """The statuses of ``deadlines`` from a table, as :func:`deadline_status` gives them from objects;
    None when a row answers no deadline (the per-object path then names it)."""
    import numpy as np

    match = DeadlineMatcher(programme, deadlines)
    found = [match(*fields) for fields in table.fields]
    if any(f is None for f in found):
        return None
    answers = [f for f in found if f is not None]
    counts = np.array([len(f) for f in answers], np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    flat = np.array([x for f in answers for x in f], np.int64)
    known = table.day <= as_of.toordinal()
    key = table.key[known]
    day = table.day[known]
    # One pair per (row, deadline it answers).
    per_row = counts[key]
    total = int(per_row.sum())
    ends = np.cumsum(per_row)
    within = np.arange(total, dtype=np.int64) - np.repeat(ends - per_row, per_row)
    deadline_of = flat[np.repeat(offsets[key], per_row) + within]
    day_of = np.repeat(day, per_row)
    begins = np.array([d.period.start.toordinal() for d in deadlines], np.int64)
    early = begins <= np.array([x.toordinal() for x in lasts], np.int64)
    premature = early[deadline_of] & (day_of < begins[deadline_of])
    counted = ~premature
    count = np.bincount(deadline_of[counted], minlength=len(deadlines))
    first = np.full(len(deadlines), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(first, deadline_of[counted], day_of[counted])
    early_days: dict[int, list[date]] = {}
    for d, x in zip(deadline_of[premature].tolist(), day_of[premature].tolist(), strict=True):
        early_days.setdefault(d, []).append(date.fromordinal(x))
    return tuple(
        _classified(
            d,
            lasts[i],
            date.fromordinal(int(first[i])) if count[i] else None,
            int(count[i]),
            tuple(sorted(early_days.get(i, ()))),
            as_of,
            scoring,
        )
        for i, d in enumerate(deadlines)
    )


def as_table(programme: Programme, submissions: object) -> SubmissionTable | None:
    """The submissions as a table of this programme's, or None for the per-object path."""
    module = sys.modules.get("ezhou_recovery.evidence.submission_table")
    if module is None or not isinstance(submissions, module.SubmissionTable):
        return None
    table: SubmissionTable = submissions
    same = table.programme is programme or table.programme == programme
    return table if same else None
