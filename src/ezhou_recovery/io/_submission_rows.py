"""One submission from one row or entry, as every reader of submissions reads it: the
per-object loaders and the column readers (pyarrow).

:func:`submission` raises :class:`~ezhou_recovery._core.problems.FieldProblem` naming the
field; the loader that called it names the file and the row. :func:`probe` checks one cell
alone, for the column readers; :func:`trusted` builds submissions from cells so checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery._core.dates import ascii_digits, check_in_range, read_date
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.analysis._submission_keys import programme_keys, unknown_part
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.submissions import Submission, china_day

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Programme

__all__ = ["FIELDS", "REFUSED", "parse_moment", "probe", "submission", "trusted"]

#: The columns (or fields) of a submissions file.
FIELDS: Final = (
    "deadline",
    "obligation",
    "department",
    "period",
    "category",
    "submitted_at",
    "note",
)


def parse_moment(value: Any) -> date | datetime:
    """A ``submitted_at`` value: a date, or a time (its zone kept; without one, China time).

    Raises:
        ValueError: Neither, or a date outside the range the library reads.
    """
    if isinstance(value, datetime | date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a date (YYYY-MM-DD) or a time with a zone (2021-03-24T16:00Z)")
    text = ascii_digits(value.strip())
    if "T" not in text and " " not in text:
        return read_date(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            "not a date (YYYY-MM-DD) or a time with a zone (2021-03-24T16:00:00+08:00)"
        ) from None
    if moment.utcoffset() is not None:
        check_in_range(china_day(moment))
    return moment


def submission(entry: Mapping[str, Any], programme: Programme | None = None) -> Submission:
    """One submission from one row or entry; with ``programme``, checked to name only its
    duties, departments and categories.

    Raises:
        FieldProblem: Names the field that is wrong.
    """
    found = _built(entry)
    if programme is not None:
        _check_against(found, programme)
    return found


def _check_against(submission: Submission, programme: Programme) -> None:
    unknown = unknown_part(submission, *programme_keys(programme))
    if unknown is not None:
        field, problem = unknown
        raise FieldProblem(field, problem, getattr(submission, field))


def _built(entry: Mapping[str, Any]) -> Submission:
    extra = sorted(set(entry) - set(FIELDS))
    if extra:
        raise FieldProblem(extra[0], "unknown field", entry[extra[0]])
    fields: dict[str, Any] = {k: (None if val == "" else val) for k, val in entry.items()}
    for name, val in fields.items():
        if val is not None and name != "submitted_at" and not isinstance(val, str):
            raise FieldProblem(name, "expected a text", val)
    raw_at = fields.get("submitted_at")
    if raw_at is None:
        raise FieldProblem("submitted_at", "required field missing", None)
    try:
        at = parse_moment(raw_at)
    except ValueError as exc:
        raise FieldProblem("submitted_at", str(exc), raw_at) from None
    note = fields.get("note")
    try:
        if fields.get("deadline") is not None:
            for other in ("obligation", "department", "period", "category"):
                if fields.get(other) is not None:
                    raise FieldProblem(
                        other, "give either deadline or this field, not both", fields[other]
                    )
            return Submission.for_deadline(fields["deadline"], at, note)
        for required in ("obligation", "department"):
            if fields.get(required) is None:
                raise FieldProblem(required, "required field missing (or give deadline)", None)
        return Submission(
            fields["obligation"],
            fields["department"],
            at,
            period=fields.get("period"),
            category=fields.get("category"),
            note=note,
        )
    except InvariantError as exc:
        raise FieldProblem(exc.field, exc.problem, exc.value) from None


class _Refused:
    """A cell value that its column's check refuses."""


#: What :func:`probe` gives for a value its column refuses.
REFUSED: Final = _Refused()
_PROBE_DAY: Final = date(2020, 1, 1)


def probe(name: str, value: Any) -> Any:
    """One cell checked alone, as :func:`submission` checks it: the value it stands for (None for
    an empty cell; the parts of a deadline key; the moment of ``submitted_at``) or ``REFUSED``.

    Every check of a submission concerns one field, apart from which fields are given together,
    so a row whose cells all pass and whose given fields fit together is a valid submission.
    """
    if value is None or value == "":
        return None
    try:
        if name == "submitted_at":
            return Submission("a", "a", parse_moment(value)).submitted_at
        if not isinstance(value, str):
            return REFUSED
        if name == "deadline":
            s = Submission.for_deadline(value, _PROBE_DAY)
            return (s.obligation, s.department, s.period, s.category)
        if name in ("obligation", "department"):
            Submission(
                **{"obligation": "a", "department": "a", name: value}, submitted_at=_PROBE_DAY
            )
        else:
            Submission("a", "a", _PROBE_DAY, **{name: value})
    except (InvariantError, ValueError):
        return REFUSED
    return value


def trusted(columns: Mapping[str, list[Any]], count: int) -> list[Submission]:
    """Submissions from columns of cells each already checked by :func:`probe`, whose given
    fields fit together in every row: built without running the checks again."""
    nothing = [None] * count
    deadlines = columns.get("deadline", nothing)
    obligations = columns.get("obligation", nothing)
    departments = columns.get("department", nothing)
    periods = columns.get("period", nothing)
    categories = columns.get("category", nothing)
    notes = columns.get("note", nothing)
    moments = columns["submitted_at"]
    new = object.__new__
    set_obligation, set_department, set_at, set_period, set_category, set_note = _SETTERS
    out = []
    for deadline, obligation, department, period, category, at, note in zip(
        deadlines, obligations, departments, periods, categories, moments, notes, strict=True
    ):
        if deadline is not None:
            obligation, department, period, category = deadline
        s = new(Submission)
        set_obligation(s, obligation)
        set_department(s, department)
        set_at(s, at)
        set_period(s, period)
        set_category(s, category)
        set_note(s, note)
        out.append(s)
    return out


#: The slots of a submission, set directly by :func:`trusted`.
_SETTERS: Final = tuple(
    Submission.__dict__[name].__set__
    for name in ("obligation", "department", "submitted_at", "period", "category", "note")
)
