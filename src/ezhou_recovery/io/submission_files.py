"""Reading submissions (reports received) from CSV, JSON and Parquet files."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.errors import LoadError
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io._reading import csv_header, csv_records, decode_text, read_bytes
from ezhou_recovery.io._submission_rows import FIELDS, submission
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.programme_files import check_format, parse_data
from ezhou_recovery.model.programme import Programme

if TYPE_CHECKING:
    from ezhou_recovery.evidence.submission_table import SubmissionTable

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
            out.append(submission(row, programme))
        except FieldProblem as exc:
            raise exc.at(source, label) from None
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
    if programme is not None:
        check_type(programme, Programme, function="load_submissions", name="programme")
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
    records = csv_records(decode_text(raw, source), source, strict=True)
    first = next(records, None)
    header = csv_header(source, None if first is None else first[1], FIELDS)

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
            out.append(submission(row, programme))
        except FieldProblem as exc:
            raise exc.at(source, f"row {number}") from None
    return tuple(out)
