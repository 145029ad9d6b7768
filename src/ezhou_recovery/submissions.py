"""Reports received: which deadline each answers, from whom, and when it arrived (China time)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload
from zoneinfo import ZoneInfo

import attrs

from . import _validators as v
from ._dates import ascii_digits, check_in_range, read_date
from ._reading import csv_records, read_bytes
from .errors import EzhouRecoveryError, InvariantError, LoadError
from .limits import current_limits
from .loading import check_format, parse_data
from .obligations import Deadline, OwedPer, ReporterScope

if TYPE_CHECKING:
    import pandas as pd

    from .programme import Programme
    from .submission_table import SubmissionTable

__all__ = [
    "CHINA_TIME",
    "SUBMISSIONS_FORMAT",
    "SUBMISSIONS_FORMAT_VERSION",
    "Submission",
    "UnmatchedSubmissionError",
    "load_submissions",
    "match_submissions",
    "submissions_frame",
    "submissions_from_rows",
]

#: The time zone submissions are compared in (China Standard Time, UTC+8, no daylight saving).
CHINA_TIME: Final = ZoneInfo("Asia/Shanghai")
#: The value of the ``format`` field of a JSON submissions file.
SUBMISSIONS_FORMAT: Final = "ezhou-recovery/submissions"
#: The version of the submissions format this library reads.
SUBMISSIONS_FORMAT_VERSION: Final = 1


def _moment(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise v.fail(
                instance,
                attribute.name,
                value,
                "a time needs a time zone (for example +08:00 or Z); naive times are ambiguous",
            )
    elif not isinstance(value, date):
        raise v.fail(instance, attribute.name, value, "must be a date or a time-zone-aware time")
    try:
        check_in_range(china_day(value) if isinstance(value, datetime) else value)
    except ValueError as exc:
        raise v.fail(instance, attribute.name, value, f"in China time, {exc}") from None


def _optional_slug(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        v.slug(instance, attribute, value)


@attrs.frozen
class Submission:
    """One report received.

    A submission answers the deadlines of ``obligation`` owed by ``department`` for ``period``.
    With ``category`` it answers only that category's deadline; without, it answers every category
    the department reports on for that obligation and period (one report per department).

    Attributes:
        obligation: Key of the reporting duty (``quarterly_progress``).
        department: Key of the reporting department.
        submitted_at: When it arrived: a date, or a time-zone-aware datetime (naive times are
            rejected). Compared in China time.
        period: Label of the period covered (``2021Q2``); None for a duty due once, which has
            only one period.
        category: Key of the category reported on, when the report is for one category.
        note: Free text.
    """

    obligation: str = attrs.field(validator=v.slug)
    department: str = attrs.field(validator=v.slug)
    submitted_at: date | datetime = attrs.field(validator=_moment)
    period: str | None = attrs.field(default=None, validator=v.optional_text)
    category: str | None = attrs.field(default=None, validator=_optional_slug)
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    @classmethod
    def for_deadline(
        cls, deadline: Deadline | str, submitted_at: date | datetime, note: str | None = None
    ) -> Submission:
        """A submission answering one deadline, given as a :class:`Deadline` or its key
        (``quarterly_progress/-/transport_bureau/2021Q2``; ``-`` for no category).

        Raises:
            InvariantError: The key does not have four parts.
        """
        key = deadline.key if isinstance(deadline, Deadline) else deadline
        parts = key.split("/") if isinstance(key, str) else []
        if len(parts) != 4 or not all(parts):
            raise InvariantError(
                "Submission", "deadline", key, "expected obligation/category/department/period"
            )
        obligation, category, department, period = parts
        return cls(
            obligation,
            department,
            submitted_at,
            period=period,
            category=None if category == "-" else category,
            note=note,
        )

    @property
    def received_on(self) -> date:
        """The day it arrived, in China time."""
        at = self.submitted_at
        if isinstance(at, datetime):
            return at.astimezone(CHINA_TIME).date()
        return at


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
        self._known = _known(programme)
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


# Loading ---------------------------------------------------------------------------------------

_FIELDS: Final = (
    "deadline",
    "obligation",
    "department",
    "period",
    "category",
    "submitted_at",
    "note",
)


def _parse_moment(value: Any) -> date | datetime:
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


def china_day(moment: datetime) -> date:
    """The day of an aware ``moment`` in China time.

    Raises:
        ValueError: The moment lies beyond the calendar in China time.
    """
    try:
        return moment.astimezone(CHINA_TIME).date()
    except (OverflowError, ValueError):
        raise ValueError("beyond the calendar in China time") from None


def _one(entry: Mapping[str, Any], programme: Programme | None = None) -> Submission:
    """Build a submission from one row or entry, or raise :class:`_EntryError` naming the field."""
    submission = _built(entry)
    if programme is not None:
        _check_against(submission, programme)
    return submission


def _known(programme: Programme) -> tuple[set[str], set[str], set[str]]:
    """The keys of the programme's duties, departments and categories."""
    return (
        {o.key for o in programme.obligations},
        {d.key for d in programme.departments},
        {c.key for c in programme.categories},
    )


def _check_against(submission: Submission, programme: Programme) -> None:
    unknown = _unknown_part(submission, *_known(programme))
    if unknown is not None:
        field, problem = unknown
        raise _EntryError(field, problem, getattr(submission, field))


def _built(entry: Mapping[str, Any]) -> Submission:
    extra = sorted(set(entry) - set(_FIELDS))
    if extra:
        raise _EntryError(extra[0], "unknown field", entry[extra[0]])
    fields: dict[str, Any] = {k: (None if val == "" else val) for k, val in entry.items()}
    for name, val in fields.items():
        if val is not None and name != "submitted_at" and not isinstance(val, str):
            raise _EntryError(name, "expected a text", val)
    raw_at = fields.get("submitted_at")
    if raw_at is None:
        raise _EntryError("submitted_at", "required field missing", None)
    try:
        at = _parse_moment(raw_at)
    except ValueError as exc:
        raise _EntryError("submitted_at", str(exc), raw_at) from None
    note = fields.get("note")
    try:
        if fields.get("deadline") is not None:
            for other in ("obligation", "department", "period", "category"):
                if fields.get(other) is not None:
                    raise _EntryError(
                        other, "give either deadline or this field, not both", fields[other]
                    )
            return Submission.for_deadline(fields["deadline"], at, note)
        for required in ("obligation", "department"):
            if fields.get(required) is None:
                raise _EntryError(required, "required field missing (or give deadline)", None)
        return Submission(
            fields["obligation"],
            fields["department"],
            at,
            period=fields.get("period"),
            category=fields.get("category"),
            note=note,
        )
    except InvariantError as exc:
        raise _EntryError(exc.field, exc.problem, exc.value) from None


class _EntryError(Exception):
    def __init__(self, field: str, problem: str, value: Any) -> None:
        self.field = field
        self.problem = problem
        self.value = value
        super().__init__(problem)


def submissions_from_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    source: str,
    where: str = "entry {}",
    programme: Programme | None = None,
) -> tuple[Submission, ...]:
    """Build submissions from plain rows (dicts of text); ``where`` names a row from its number.
    With ``programme``, each submission's duty, department and category must be the programme's.

    Raises:
        LoadError: Names the source, the row and field, the problem and the value.
    """
    out = []
    for n, row in enumerate(rows):
        label = where.format(n)
        if not isinstance(row, Mapping):
            raise LoadError(source, label, "expected a table of fields", type(row).__name__)
        try:
            out.append(_one(row, programme))
        except _EntryError as exc:
            raise LoadError(source, f"{label}.{exc.field}", exc.problem, exc.value) from None
    return tuple(out)


@overload
def load_submissions(
    path: str | PathLike[str],
    programme: Programme | None = None,
    *,
    columnar: Literal[False] = False,
) -> tuple[Submission, ...]: ...


@overload
def load_submissions(
    path: str | PathLike[str], programme: Programme, *, columnar: Literal[True]
) -> SubmissionTable: ...


def load_submissions(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: bool = False
) -> tuple[Submission, ...] | SubmissionTable:
    """Read submissions from a CSV or JSON file, checked against the programme.

    CSV: a header row with ``submitted_at`` and either ``deadline`` or ``obligation``,
    ``department`` (and optionally ``period``, ``category``); ``note`` is optional. Rows are
    numbered as a spreadsheet shows them (the header is row 1).

    JSON: ``{"format": "ezhou-recovery/submissions", "format_version": 1, "submissions": [...]}``
    with one object per submission, fields as in the CSV.

    Parquet (``.parquet``, needs the ``arrow`` extra): the CSV's columns; rows are named by
    position from 0. With the ``arrow`` extra a CSV file over 256 KiB is parsed by pyarrow and
    checked column by column, with the same results and errors.

    Args:
        path: The file (``.csv``, ``.json`` or ``.parquet``).
        programme: The programme whose duties, departments and categories the submissions name;
            each is checked. Without it nothing is checked against a programme, with a
            :class:`DeprecationWarning` (it will be required in the next release).
        columnar: Return a :class:`~ezhou_recovery.SubmissionTable` (needs numpy and a
            programme): columns that :func:`~ezhou_recovery.compliance` judges faster, read with
            pyarrow (the ``arrow`` extra) from CSV files over 256 KiB and Parquet files.

    Raises:
        LoadError: The file cannot be read or parsed, or an entry is wrong (an unknown duty,
            department or category included); names the file, the row or entry and field, the
            problem and the value.
    """
    if columnar and programme is None:
        raise TypeError("load_submissions(path, programme, columnar=True) needs the programme")
    if programme is None:
        warnings.warn(
            "load_submissions() without a programme does not check duties, departments and "
            "categories; pass the programme (load_submissions(path, programme)): it will be "
            "required in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in (".parquet", ".csv"):
        from ._optional import arrow_worth_it

        if suffix == ".parquet" or arrow_worth_it(path):
            from . import _arrow

            found = _arrow.submissions_file(path, programme, columnar=columnar)
            if found is not None:
                return found
    if columnar:
        from .submission_table import SubmissionTable

        objects = load_submissions(path, programme)
        return SubmissionTable.from_submissions(programme, objects)  # type: ignore[arg-type]
    raw = read_bytes(path, source)
    if suffix == ".csv":
        return _from_csv(raw, source, programme)
    if suffix != ".json":
        raise LoadError(
            source, "", f"unknown file type {suffix!r}: expected .csv, .json or .parquet"
        )
    body = check_format(
        parse_data(raw, source=source, suffix=suffix),
        source=source,
        expected=SUBMISSIONS_FORMAT,
        version=SUBMISSIONS_FORMAT_VERSION,
    )
    extra = sorted(set(body) - {"submissions"})
    if extra:
        raise LoadError(source, extra[0], "unknown field")
    entries = body.get("submissions")
    if not isinstance(entries, list):
        raise LoadError(source, "submissions", "expected a list of submissions", entries)
    limits = current_limits()
    if len(entries) > limits.max_rows:
        raise LoadError(
            source,
            "submissions",
            limits.problem("max_rows", f"{len(entries):_} entries in the list"),
        )
    return submissions_from_rows(
        entries, source=source, where="submissions[{}]", programme=programme
    )


def _from_csv(
    raw: bytes, source: str, programme: Programme | None = None
) -> tuple[Submission, ...]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(source, f"byte {exc.start}", "not UTF-8 text") from None
    records = csv_records(text, source, strict=True)
    first = next(records, None)
    header = first[1] if first is not None else []
    _check_header(source, header)

    out = []
    for number, cells in records:
        if not cells:
            continue  # a blank line holds no data
        if len(cells) > len(header):
            raise LoadError(
                source, f"row {number}", "more cells than columns", cells[len(header) :]
            )
        row = dict(zip(header, cells, strict=False))
        try:
            out.append(_one(row, programme))
        except _EntryError as exc:
            raise LoadError(source, f"row {number}.{exc.field}", exc.problem, exc.value) from None
    return tuple(out)


def _check_header(source: str, header: Sequence[str] | None) -> None:
    if not header:
        raise LoadError(source, "", "the file is empty")
    unknown = [h for h in header if h not in _FIELDS]
    if unknown:
        raise LoadError(source, "row 1", "unknown column", unknown[0])
    if len(set(header)) != len(header):
        raise LoadError(source, "row 1", "a column is named twice")


class _Refused:
    """A cell value that its column's check refuses."""


#: What :func:`_probe` gives for a value its column refuses.
_REFUSED: Final = _Refused()
_PROBE_DAY: Final = date(2020, 1, 1)


def _probe(name: str, value: Any) -> Any:
    """One cell checked alone, as :func:`_one` checks it: the value it stands for (None for an
    empty cell; the parts of a deadline key; the moment of ``submitted_at``) or ``_REFUSED``.

    Every check of a submission concerns one field, apart from which fields are given together,
    so a row whose cells all pass and whose given fields fit together is a valid submission.
    """
    if value is None or value == "":
        return None
    try:
        if name == "submitted_at":
            return Submission("a", "a", _parse_moment(value)).submitted_at
        if not isinstance(value, str):
            return _REFUSED
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
        return _REFUSED
    return value


def _trusted(columns: Mapping[str, list[Any]], count: int) -> list[Submission]:
    """Submissions from columns of cells each already checked by :func:`_probe`, whose given
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


#: The slots of a submission, set directly by :func:`_trusted`.
_SETTERS: Final = tuple(
    Submission.__dict__[name].__set__
    for name in ("obligation", "department", "submitted_at", "period", "category", "note")
)


def submissions_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per submission (needs pandas: the ``frames`` extra).

    Columns: ``obligation, department, period, category, submitted_at`` (as written, ISO text),
    ``received_on`` (the day in China time), ``note``.
    """
    from ._frames import submissions_frame as frame

    return frame(submissions)
