"""Reading submissions (reports received) from CSV, JSON and Parquet files."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from ezhou_recovery._core.dates import ascii_digits, check_in_range, read_date
from ezhou_recovery.analysis._submission_keys import programme_keys, unknown_part
from ezhou_recovery.errors import InvariantError, LoadError
from ezhou_recovery.evidence.submissions import Submission, china_day
from ezhou_recovery.io._reading import csv_records, read_bytes
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.programme_files import check_format, parse_data

if TYPE_CHECKING:
    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.model.programme import Programme

__all__ = [
    "SUBMISSIONS_FORMAT",
    "SUBMISSIONS_FORMAT_VERSION",
    "load_submissions",
    "submissions_from_rows",
]

#: The value of the ``format`` field of a JSON submissions file.
SUBMISSIONS_FORMAT: Final = "ezhou-recovery/submissions"
#: The version of the submissions format this library reads.
SUBMISSIONS_FORMAT_VERSION: Final = 1


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


def _one(entry: Mapping[str, Any], programme: Programme | None = None) -> Submission:
    """Build a submission from one row or entry, or raise :class:`_EntryError` naming the field."""
    submission = _built(entry)
    if programme is not None:
        _check_against(submission, programme)
    return submission


def _check_against(submission: Submission, programme: Programme) -> None:
    unknown = unknown_part(submission, *programme_keys(programme))
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
            programme): columns that :func:`~ezhou_recovery.analysis.compliance` judges faster, read with
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
        from ezhou_recovery._core.optional import arrow_worth_it

        if suffix == ".parquet" or arrow_worth_it(path):
            from ezhou_recovery.io import _arrow

            found = _arrow.submissions_file(path, programme, columnar=columnar)
            if found is not None:
                return found
    if columnar:
        from ezhou_recovery.evidence.submission_table import SubmissionTable

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
