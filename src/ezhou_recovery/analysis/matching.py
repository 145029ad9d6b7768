"""Which deadline each submission answers: the match of reports received to reports owed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from ezhou_recovery.analysis._submission_keys import programme_keys, unknown_part
from ezhou_recovery.errors import UnmatchedSubmissionError
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import Deadline, OwedPer, ReporterScope

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.model.programme import Programme

__all__ = ["DeadlineMatcher", "UnmatchedSubmissionError", "match_submissions"]


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
    match = DeadlineMatcher(programme, deadlines)
    lists: list[list[Submission]] = [[] for _ in deadlines]
    for i, s in enumerate(submissions):
        found = match(s.obligation, s.department, s.period, s.category)
        if found is None:
            raise match.unmatched(i, s)
        for position in found:
            lists[position].append(s)
    return {d.key: found for d, found in zip(deadlines, lists, strict=True)}


class DeadlineMatcher:
    """Which deadlines a submission answers, from its duty, department, period and category.

    The rules of :func:`match_submissions`, one answer per distinct set of those four fields
    (remembered), for readers that match whole columns of submissions at once.
    """

    def __init__(self, programme: Programme, deadlines: Sequence[Deadline]) -> None:
        self._known = programme_keys(programme)
        # (obligation, department, period label) -> deadline positions; the period key None stands
        # for a duty due once, whose single period need not be named.
        index: dict[tuple[str, str, str | None], list[int]] = {}
        once = {o.key for o in programme.obligations if o.rule.due is not None}
        self._per_department = {
            o.key
            for o in programme.obligations
            if o.owed_per is OwedPer.DEPARTMENT and o.reporters is ReporterScope.LEAD_DEPARTMENTS
        }
        leads: dict[str, set[str]] = {}
        for c in programme.categories:
            for x in c.lead_departments:
                leads.setdefault(x.key, set()).add(c.key)
        self._leads = leads
        for position, d in enumerate(deadlines):
            index.setdefault((d.obligation, d.department.key, d.period.label), []).append(position)
            if d.obligation in once:
                index.setdefault((d.obligation, d.department.key, None), []).append(position)
        self._index = index
        self._deadlines = deadlines
        self._found: dict[tuple[str, str, str | None, str | None], tuple[int, ...] | None] = {}

    def __call__(
        self, obligation: str, department: str, period: str | None, category: str | None
    ) -> tuple[int, ...] | None:
        """The positions, among the deadlines given, of those a submission with these fields
        answers, in order; None when it answers none (an unmatched submission)."""
        key = (obligation, department, period, category)
        try:
            return self._found[key]
        except KeyError:
            pass
        found = self._index.get((obligation, department, period))
        if found is not None and category is not None:
            # A department's report for all it leads (a duty owed per department) is answered
            # by a report naming one of its categories too.
            deadlines = self._deadlines
            found = [
                position
                for position in found
                if deadlines[position].category == category
                or (
                    deadlines[position].category is None
                    and obligation in self._per_department
                    and category in self._leads.get(department, ())
                )
            ]
        answer = tuple(found) if found else None
        self._found[key] = answer
        return answer

    def unmatched(self, index: int, submission: Submission) -> UnmatchedSubmissionError:
        """The error for submission number ``index``, which answers no deadline."""
        return _unmatched(index, submission, *self._known)


def _unmatched(
    i: int, s: Submission, obligations: set[str], departments: set[str], categories: set[str]
) -> UnmatchedSubmissionError:
    unknown = unknown_part(s, obligations, departments, categories)
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
