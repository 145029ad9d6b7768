"""Which deadline each submission answers: the match of reports received to reports owed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from ezhou_recovery.errors import EzhouRecoveryError
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import Deadline, OwedPer, ReporterScope

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.model.programme import Programme

__all__ = ["UnmatchedSubmissionError", "match_submissions"]


class UnmatchedSubmissionError(EzhouRecoveryError, ValueError):
    """A submission names a duty, department, category or period the programme does not owe.

    Attributes:
        index: Position of the submission in the sequence given.
        submission: The submission.
        field: The field that does not match.
        problem: What is wrong.
    """

    def __init__(self, index: int, submission: Submission, field: str, problem: str) -> None:
        self.index = index
        self.submission = submission
        self.field = field
        self.problem = problem
        value = getattr(submission, field)
        super().__init__(f"submission {index}: {field} = {value!r}: {problem}")


def match_submissions(
    programme: Programme,
    submissions: Iterable[Submission],
    deadlines: Sequence[Deadline] | None = None,
) -> dict[str, list[Submission]]:
    """The submissions that answer each deadline, by deadline key, each list in the order given.

    Args:
        programme: The programme the submissions answer.
        submissions: The submissions.
        deadlines: The deadlines to match against; all of the programme's when None.

    Raises:
        UnmatchedSubmissionError: A submission names an unknown obligation, department or category,
            or a period for which that department owes no such report.
    """
    if deadlines is None:
        deadlines = programme.deadlines()
    obligations = {o.key for o in programme.obligations}
    departments = {d.key for d in programme.departments}
    categories = {c.key for c in programme.categories}
    # (obligation, department, period label) -> deadlines; the period key None stands for a duty
    # due once, whose single period need not be named.
    index: dict[tuple[str, str, str | None], list[Deadline]] = {}
    once = {o.key for o in programme.obligations if o.rule.due is not None}
    per_department = {
        o.key
        for o in programme.obligations
        if o.owed_per is OwedPer.DEPARTMENT and o.reporters is ReporterScope.LEAD_DEPARTMENTS
    }
    leads: dict[str, set[str]] = {}
    for c in programme.categories:
        for x in c.lead_departments:
            leads.setdefault(x.key, set()).add(c.key)
    for d in deadlines:
        index.setdefault((d.obligation, d.department.key, d.period.label), []).append(d)
        if d.obligation in once:
            index.setdefault((d.obligation, d.department.key, None), []).append(d)
    # Each deadline's list, found by identity: a deadline's key is built from its parts on every
    # call, too slow to compute once per submission.
    lists: dict[int, list[Submission]] = {id(d): [] for d in deadlines}
    matched: dict[str, list[Submission]] = {d.key: lists[id(d)] for d in deadlines}
    for i, s in enumerate(submissions):
        found = index.get((s.obligation, s.department, s.period))
        if found is None:
            raise _unmatched(i, s, obligations, departments, categories)
        if s.category is not None:
            # A department's report for all it leads (a duty owed per department) is answered
            # by a report naming one of its categories too.
            found = [
                d
                for d in found
                if d.category == s.category
                or (
                    d.category is None
                    and d.obligation in per_department
                    and s.category in leads.get(d.department.key, ())
                )
            ]
            if not found:
                raise _unmatched(i, s, obligations, departments, categories)
        for d in found:
            lists[id(d)].append(s)
    return matched


def _unknown_part(
    s: Submission, obligations: set[str], departments: set[str], categories: set[str]
) -> tuple[str, str] | None:
    """The field of ``s`` that names nothing of the programme, and the problem; None if none."""
    if s.obligation not in obligations:
        return "obligation", f"unknown duty (known: {', '.join(sorted(obligations))})"
    if s.department not in departments:
        return "department", "unknown department"
    if s.category is not None and s.category not in categories:
        return "category", "unknown category"
    return None


def _unmatched(
    i: int, s: Submission, obligations: set[str], departments: set[str], categories: set[str]
) -> UnmatchedSubmissionError:
    unknown = _unknown_part(s, obligations, departments, categories)
    if unknown is not None:
        return UnmatchedSubmissionError(i, s, *unknown)
    if s.period is not None and not _is_period_label(s.period):
        return UnmatchedSubmissionError(
            i,
            s,
            "period",
            "not a period (a quarter 2021Q2, a year 2021, or 2021-01-01..2021-06-30)",
        )
    if s.category is not None:
        return UnmatchedSubmissionError(
            i, s, "category", "the department owes no such report for this category and period"
        )
    if s.period is None:
        return UnmatchedSubmissionError(i, s, "period", "a recurring duty needs a period")
    return UnmatchedSubmissionError(
        i, s, "period", "the department owes no such report for this period"
    )


#: The labels :attr:`Period.label` writes: a quarter, a year, or first and last day.
_PERIOD_LABEL: Final = re.compile(
    r"\d{4}(Q[1-4])?|(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", re.ASCII
)


def _is_period_label(text: str) -> bool:
    match = _PERIOD_LABEL.fullmatch(text)
    if match is None:
        return False
    if match[2] is None:
        return True
    try:
        return date.fromisoformat(match[2]) <= date.fromisoformat(match[3])
    except ValueError:
        return False
