"""Submissions from Arrow columns: a CSV or Parquet file, or a dataframe; each distinct value of
each column checked once, one object per distinct row."""

from __future__ import annotations

import re
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery._core.dates import DATE_RANGE
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.errors import LoadError
from ezhou_recovery.io._arrow.columns import (
    as_table,
    blank_distinct,
    checked_columns,
    clean_csv,
    dictionary_codes,
    pyarrow_module,
    read_csv,
    read_parquet,
    unique_keys,
)
from ezhou_recovery.io._reading import csv_header
from ezhou_recovery.io._submission_rows import FIELDS, REFUSED, probe, submission, trusted
from ezhou_recovery.model.programme import Programme

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.evidence.submissions import Submission

__all__ = ["submissions_file", "submissions_from_frame"]


def _probed_all(name: str, values: list[Any]) -> list[Any]:
    """``submissions._probe`` of each value, remembered across files for texts (its answers are
    immutable); a date written ``YYYY-MM-DD`` is read without it, to the same answer."""
    read = _day_or_probe if name == "submitted_at" else probe
    known = _PROBED.setdefault(name, {})
    if len(known) > 100_000:
        known.clear()
    missing = object()
    found = [known.get(x, missing) if isinstance(x, str) else missing for x in values]
    for i, x in enumerate(values):
        if found[i] is missing:
            found[i] = read(name, x)
            if isinstance(x, str):
                known[x] = found[i]
    return found


_PROBED: dict[str, dict[str, Any]] = {}


def _day_or_probe(name: str, value: Any) -> Any:
    """A submission time written ``YYYY-MM-DD`` read as the per-object reader reads it (a date,
    checked to lie within :data:`DATE_RANGE`); anything else probed."""
    if type(value) is str and len(value) == 10 and value.isascii() and _ISO_DAY.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return probe(name, value)
        if DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            return day
    return probe(name, value)


_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def submissions_file(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: bool = False
) -> tuple[Submission, ...] | SubmissionTable | None:
    """Submissions from a CSV or Parquet file, or None when the per-object reader must read it;
    with ``programme`` each is checked to name only its duties, departments and categories, and
    with ``columnar`` too the result is a :class:`~ezhou_recovery.SubmissionTable`."""
    source = str(path)
    if Path(path).suffix.lower() == ".parquet":
        return _finish(
            _submissions(read_parquet(path, source), source, csv=False, programme=programme),
            columnar,
        )
    clean = clean_csv(path, source)
    if clean is None:
        return None
    raw, first = clean
    header = csv_header(source, first, FIELDS)
    pa = pyarrow_module()
    words = pa.dictionary(pa.int32(), pa.string())
    # Blank lines are read as rows of empty cells, as they count in the per-object reader's row
    # numbers; a row of empty cells (a blank line or only commas) is left to that reader.
    table = read_csv(raw, header, dict.fromkeys(header, words), blank_lines=True)
    if table is None:
        return None
    coded = [dictionary_codes(column) for column in table.columns]
    empty = np.ones(table.num_rows, bool)
    for codes, distinct in coded:
        empty &= blank_distinct(codes, distinct)
    if empty.any():
        return None
    return _finish(
        _submissions(table, source, csv=True, programme=programme, coded=coded), columnar
    )


def _finish(
    found: tuple[Submission, ...] | SubmissionTable, columnar: bool
) -> tuple[Submission, ...] | SubmissionTable:
    """A table as read, or its objects when a tuple is asked for."""
    return found if columnar or isinstance(found, tuple) else tuple(found)


def submissions_from_frame(
    frame: Any,
    programme: Programme | None = None,
    *,
    source: str = "dataframe",
    columnar: bool = True,
) -> tuple[Submission, ...] | SubmissionTable:
    """Read submissions from a dataframe (pandas, polars, pyarrow, or any that exports Arrow
    data through the Arrow PyCapsule interface).

    Columns as in a CSV file; ``submitted_at`` may be text, a date column or a time-zone-aware
    timestamp column. Rows are named by position, from 0; a null cell counts as empty.

    Args:
        frame: The dataframe.
        programme: The programme whose duties, departments and categories the rows name; each is
            checked. With it, the result is a :class:`~ezhou_recovery.SubmissionTable` (when
            ``columnar``); without it, a tuple, and nothing is checked against a programme.
        source: What error messages call the frame.
        columnar: Check whole columns (the default), or read one row at a time (a tuple).

    Raises:
        LoadError: As :func:`~ezhou_recovery.load_submissions`.
    """
    from ezhou_recovery.io.submission_files import submissions_from_rows

    if programme is not None:
        check_type(programme, Programme, function="submissions_from_frame", name="programme")
    table = as_table(frame, source)
    if columnar:
        return _submissions(table, source, csv=False, programme=programme)
    table = checked_columns(table, source, FIELDS, ())
    return submissions_from_rows(
        table.to_pylist(), source=source, where="row {}", programme=programme
    )


def _submissions(
    table: pa.Table,
    source: str,
    *,
    csv: bool,
    programme: Programme | None = None,
    coded: list[tuple[npt.NDArray[np.int64], list[Any]]] | None = None,
) -> tuple[Submission, ...] | SubmissionTable:
    """Check the columns of a submissions table; one object per distinct row, shared by its
    repeats (the objects are immutable). With ``programme``, each distinct value is checked once
    to name only the programme's duties, departments and categories, and the result is a
    :class:`~ezhou_recovery.SubmissionTable`. ``coded``: each column's codes and distinct values
    (:func:`dictionary_codes`), if known."""
    from ezhou_recovery.analysis._submission_keys import programme_keys, unknown_part

    known = None if programme is None else programme_keys(programme)

    if not csv:
        table = checked_columns(table, source, FIELDS, (), keep_dictionaries=True)
    names = table.column_names
    n = table.num_rows
    if not n:
        return ()
    if coded is None:
        coded = [dictionary_codes(column) for column in table.columns]
    codes = [c for c, _ in coded]
    distinct = [d for _, d in coded]
    # Each distinct value of each column is checked once, as the per-object reader checks it.
    valid = []
    read = []
    for name, d in zip(names, distinct, strict=True):
        found = _probed_all(name, d)
        valid.append(np.array([f is not REFUSED for f in found] + [False]))
        read.append(found)
    irregular = np.zeros(n, bool)
    for c, ok in zip(codes, valid, strict=True):
        irregular |= ~ok[c]
    present = {
        name: np.array([x is not None for x in r] + [False])[c]
        for name, c, r in zip(names, codes, read, strict=True)
    }
    none = np.zeros(n, bool)
    has = {name: present.get(name, none) for name in FIELDS}
    irregular |= ~has["submitted_at"]
    by_deadline = has["deadline"]
    for other in ("obligation", "department", "period", "category"):
        irregular |= by_deadline & has[other]
    irregular |= ~by_deadline & ~(has["obligation"] & has["department"])

    def where(i: int) -> str:
        return f"row {i + 2}" if csv else f"row {i}"

    # Rows are checked in order, each against the programme once it is valid.
    foreign = np.zeros(n, bool)
    if known is not None:
        for name, c, r in zip(names, codes, read, strict=True):
            if name not in _NAMING:
                continue
            flags = [x is not REFUSED and _names_unknown(name, x, known) for x in r] + [False]
            foreign |= np.array(flags)[c]
    for i in np.flatnonzero(irregular | foreign)[:1].tolist():
        row = {name: d[int(c[i])] for name, c, d in zip(names, codes, distinct, strict=True)}
        try:
            built = submission({k: v for k, v in row.items() if v is not None})
        except FieldProblem as exc:
            raise exc.at(source, where(i)) from None
        unknown = unknown_part(built, *known) if known is not None else None
        if unknown is not None:
            field, problem = unknown
            raise LoadError(source, f"{where(i)}.{field}", problem, getattr(built, field))
        raise AssertionError(  # pragma: no cover - the checks above are the per-object ones
            f"{source}: {where(i)}: a row the column checks refuse is valid"
        )

    rows = _DistinctRows(tuple(names), codes, read)
    if programme is None:
        return tuple(rows())
    return _submission_table(programme, names, codes, read, rows)


@attrs.frozen(eq=False)
class _DistinctRows:
    """Submissions from checked columns, in row order: one object per distinct row, shared by its
    repeats (an object rather than a closure, so that a table pickles to another process)."""

    names: tuple[str, ...]
    #: Per column, per row an index into its checked values.
    codes: list[npt.NDArray[np.int64]]
    #: Per column, its distinct values as checked.
    read: list[list[Any]]

    def __call__(self) -> list[Submission]:
        codes = self.codes
        n = len(codes[0]) if codes else 0
        sizes = [len(d) + 1 for d in self.read]
        space = int(np.prod(np.array(sizes, dtype=object)))
        if space <= 4 * n + 1_000_000:
            # Few possible rows: numbered densely, without sorting (rows with one key are equal,
            # so any of them stands for the rest).
            key = np.zeros(n, np.int64)
            for c, size in zip(codes, sizes, strict=True):
                key = key * size + c
            where_key = np.full(space, -1, np.int64)
            where_key[key] = np.arange(n)
            first = where_key[where_key >= 0]
            rank = np.cumsum(where_key >= 0) - 1
            inverse = rank[key]
        elif space < 2**62:
            key = np.zeros(n, np.int64)
            for c, size in zip(codes, sizes, strict=True):
                key = key * size + c
            _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        else:
            _, first, inverse = np.unique(
                np.stack(codes, axis=1), axis=0, return_index=True, return_inverse=True
            )
        columns = {
            name: [self.read[j][c] for c in codes[j][first].tolist()]
            for j, name in enumerate(self.names)
        }
        objects = np.empty(len(first), object)
        objects[:] = trusted(columns, len(first))
        found: list[Submission] = objects[inverse.reshape(-1)].tolist()
        return found


def _submission_table(
    programme: Programme,
    names: list[str],
    codes: list[npt.NDArray[np.int64]],
    read: list[list[Any]],
    rows: _DistinctRows,
) -> SubmissionTable:
    """A table of checked submission columns: per row, the day it arrived and which of the
    distinct (duty, department, period, category) it names."""
    from ezhou_recovery.evidence.submission_table import SubmissionTable

    n = len(codes[0])
    at = names.index("submitted_at")
    moments = read[at]
    days = np.array(
        [
            m.toordinal() if type(m) is date else -1 if m is None else _china_ordinal(m)
            for m in moments
        ]
        + [-1],
        np.int64,
    )
    day = days[codes[at]].astype(np.int32)
    # The columns naming what a row answers, numbered together (a deadline key stands for four).
    named = [j for j, name in enumerate(names) if name in _NAMING]
    sizes = [len(read[j]) + 1 for j in named]
    space = int(np.prod(np.array(sizes, dtype=object)))
    if space < 2**62:
        combined = np.zeros(n, np.int64)
        for j, size in zip(named, sizes, strict=True):
            combined = combined * size + codes[j]
        unique, key = unique_keys(combined, space)
        first = np.zeros(len(unique), np.int64)
        first[key] = np.arange(n)  # any row of a set stands for it: they name the same
    else:  # pragma: no cover - more distinct values than a 64-bit key holds
        _, first, key = np.unique(
            np.stack([codes[j] for j in named], axis=1),
            axis=0,
            return_index=True,
            return_inverse=True,
        )
        key = key.reshape(-1)
    fields = []
    for i in first.tolist():
        cell = {names[j]: read[j][int(codes[j][i])] for j in named}
        if cell.get("deadline") is not None:
            obligation, department, period, category = cell["deadline"]
        else:
            obligation, department = cell["obligation"], cell["department"]
            period, category = cell.get("period"), cell.get("category")
        fields.append((obligation, department, period, category))
    return SubmissionTable(programme, tuple(fields), key.astype(np.int32), day, rows)


#: The columns that say which deadline a submission answers.
_NAMING: Final = frozenset({"deadline", "obligation", "department", "period", "category"})


def _china_ordinal(moment: date | datetime) -> int:
    if isinstance(moment, datetime):
        from ezhou_recovery.evidence.submissions import china_day

        return china_day(moment).toordinal()
    return moment.toordinal()


def _names_unknown(name: str, value: Any, known: tuple[set[str], set[str], set[str]]) -> bool:
    """Whether a checked cell of column ``name`` names a duty, department or category the
    programme does not have."""
    obligations, departments, categories = known
    if value is None:
        return False
    if name == "deadline":
        obligation, department, _, category = value
        return (
            obligation not in obligations
            or department not in departments
            or (category is not None and category not in categories)
        )
    if name == "obligation":
        return value not in obligations
    if name == "department":
        return value not in departments
    if name == "category":
        return value not in categories
    return False
