"""Reading observations and investment reports from CSV, JSON and Parquet files.

The classes read live in :mod:`ezhou_recovery.evidence.observations`; a CSV file is read
into an :class:`~ezhou_recovery.ObservationTable` by :mod:`ezhou_recovery.io.observation_columns`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from ezhou_recovery._core.dates import read_date
from ezhou_recovery._core.text import forbidden_character
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from ezhou_recovery.evidence.observations import (
    ImplausibleValueWarning,
    InvestmentReport,
    Observation,
    Quality,
    implausibility,
    read_value,
)
from ezhou_recovery.io._reading import csv_records, read_text
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.programme_files import check_format, programme_or_default, read_data_file
from ezhou_recovery.units import Qualifier, is_money, money, parse_quantity
from ezhou_recovery.units._parsing import split_qualifier

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.evidence.table import ObservationTable
    from ezhou_recovery.model.programme import Programme

__all__ = [
    "INVESTMENT_FORMAT",
    "OBSERVATIONS_FORMAT",
    "estimate_word",
    "load_investment_reports",
    "load_observations",
    "warn_implausible",
]

#: The value of the ``format`` field of an observations JSON document (a bare list is also read).
OBSERVATIONS_FORMAT: Final = "ezhou-recovery/observations"
#: The value of the ``format`` field of an investment reports JSON document.
INVESTMENT_FORMAT: Final = "ezhou-recovery/investment"


def warn_implausible(finding: Finding, source: str) -> None:
    """Issue an :class:`ImplausibleValueWarning` for ``finding`` of the file ``source``."""
    warnings.warn(ImplausibleValueWarning(finding, source), stacklevel=4)


_OBSERVATION_FIELDS: Final = ("target", "as_of", "value", "source", "quality")
_OBSERVATION_REQUIRED: Final = ("target", "as_of", "value")
_INVESTMENT_FIELDS: Final = ("subject", "as_of", "completed", "source", "quality")
_INVESTMENT_REQUIRED: Final = ("subject", "as_of", "completed")


@overload
def load_observations(
    path: str | PathLike[str],
    programme: Programme | None = None,
    *,
    columnar: Literal[False] = False,
) -> tuple[Observation, ...]: ...


@overload
def load_observations(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: Literal[True]
) -> ObservationTable: ...


def load_observations(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: bool = False
) -> tuple[Observation, ...] | ObservationTable:
    """Read observations from a CSV or JSON file, in file order.

    CSV: a header row with the columns ``target, as_of, value`` and optionally ``source, quality``;
    one observation per row. JSON: a list of objects with those fields, or a table
    ``{"format": "ezhou-recovery/observations", "format_version": 1, "observations": [...]}``.
    Dates are ``YYYY-MM-DD``; values as :meth:`Observation.for_target` reads them; an empty
    ``quality`` means ``reported``.

    A Parquet file (``.parquet``, needs the ``arrow`` extra) holds the same columns; ``as_of``
    may be a date column and ``value`` a numeric one (in the target's unit); its rows are named
    by position from 0.

    Args:
        path: The file (``.csv``, ``.json`` or ``.parquet``).
        programme: The programme the target keys belong to. Without it the file is checked
            against the embedded Ezhou plan, with a :class:`DeprecationWarning` (it will be
            required in the next release).
        columnar: Return an :class:`~ezhou_recovery.ObservationTable` (needs numpy), read by a
            faster reader for CSV files (pyarrow's, with the ``arrow`` extra, for files over
            256 KiB); :func:`~ezhou_recovery.assess` gives the same results from it.

    Raises:
        LoadError: Names the file, the row (``row 7``, counting the header as row 1) or entry
            (``observations[3]``), the field and the value. Unknown target keys and unknown
            columns are errors.
    """

    programme = programme_or_default(programme, "load_observations")
    plan = programme
    suffix = Path(path).suffix.lower()
    if columnar:
        from ezhou_recovery._core.optional import arrow_worth_it
        from ezhou_recovery.evidence.table import ObservationTable

        if suffix == ".parquet" or (suffix == ".csv" and arrow_worth_it(path)):
            from ezhou_recovery.io import _arrow

            return _arrow.observations_file(path, programme)
        if suffix == ".csv":
            from ezhou_recovery.io.observation_columns import observation_table_from_csv

            return observation_table_from_csv(path, programme)
        return ObservationTable.from_observations(programme, load_observations(path, programme))
    if suffix == ".parquet":
        from ezhou_recovery.io import _arrow

        return _arrow.observations_file(path, programme, columnar=False)

    def build(entry: Mapping[str, Any]) -> Observation:
        return _observation(plan, entry)

    def check(where: str, observation: Observation) -> None:
        why = implausibility(plan.target(observation.target), observation.value)
        if why is not None:
            warn_implausible(Finding(Severity.WARNING, "implausible-value", where, why), str(path))

    return _load(
        path,
        build,
        _OBSERVATION_FIELDS,
        _OBSERVATION_REQUIRED,
        "observations",
        OBSERVATIONS_FORMAT,
        check,
    )


def _observation(programme: Programme, entry: Mapping[str, Any]) -> Observation:
    """One observation from one row or entry, or :class:`_FieldError` naming the field."""
    key = entry["target"]
    try:
        target = programme.target(key)
    except (KeyError, TypeError):
        raise _FieldError("target", "unknown target key", key) from None
    as_of = _read_date(entry["as_of"])
    raw, estimated = estimate_word(entry["value"])
    try:
        value = read_value(target, raw)
    except UnitError as exc:
        raise _FieldError("value", exc.problem, entry["value"]) from None
    source, quality = _source_quality(entry)
    if estimated:  # 80%左右: an estimate
        quality = _estimate_quality(quality, entry["value"])
    return Observation(target.key, as_of, value, source, quality)


def load_investment_reports(
    path: str | PathLike[str], programme: Programme | None = None
) -> tuple[InvestmentReport, ...]:
    """Read investment reports from a CSV or JSON file, in file order.

    Columns (or fields): ``subject`` (a category key or a project key of the programme), ``as_of``,
    ``completed`` (an amount with its unit, ``12.5亿元`` or ``125000万元``: a bare number is an
    error, since 万元 and 亿元 differ ten thousand times), and optionally ``source`` and ``quality``.
    A JSON table uses ``"format": "ezhou-recovery/investment"`` and ``"investment_reports": [...]``.

    Args:
        path: The file (``.csv`` or ``.json``).
        programme: The programme the subjects belong to. Without it the file is checked against
            the embedded Ezhou plan, with a :class:`DeprecationWarning` (it will be required in the
            next release).

    Raises:
        LoadError: Names the file, the row or entry, the field and the value.
    """

    programme = programme_or_default(programme, "load_investment_reports")
    plan = programme

    def build(entry: Mapping[str, Any]) -> InvestmentReport:
        subject = entry["subject"]
        if not isinstance(subject, str) or not _known_subject(plan, subject):
            raise _FieldError("subject", "not a category or project key of the programme", subject)
        as_of = _read_date(entry["as_of"])
        raw = entry["completed"]
        try:
            if not isinstance(raw, str) or not is_money(parse_quantity(raw)):
                raise UnitError(raw, "an amount needs its unit: 元, 万元 or 亿元")
            completed = money(raw, "yi_yuan")
        except UnitError as exc:
            raise _FieldError("completed", exc.problem, raw) from None
        return InvestmentReport(subject, as_of, completed, *_source_quality(entry))

    return _load(
        path,
        build,
        _INVESTMENT_FIELDS,
        _INVESTMENT_REQUIRED,
        "investment_reports",
        INVESTMENT_FORMAT,
    )


def _known_subject(programme: Programme, key: str) -> bool:
    for getter in (programme.category, programme.project):
        try:
            getter(key)
        except KeyError:
            continue
        return True
    return False


class _FieldError(Exception):
    def __init__(self, field: str, problem: str, value: Any) -> None:
        self.field = field
        self.problem = problem
        self.value = value
        super().__init__(problem)


def _read_date(value: Any) -> date:
    try:
        return read_date(value)
    except ValueError as exc:
        raise _FieldError("as_of", str(exc), value) from None


def estimate_word(value: Any) -> tuple[Any, bool]:
    """A reported value without 左右 (about), and whether it had it: ``80%左右`` is an estimate."""
    if isinstance(value, str):
        bare, qualifier, _ = split_qualifier(value)
        if qualifier is Qualifier.ABOUT:
            return bare.strip(), True
    return value, False


def _estimate_quality(quality: Quality, value: Any) -> Quality:
    if quality is Quality.OFFICIAL_STATISTICS:
        raise _FieldError(
            "quality",
            f"the value {value!r} says 左右 (an estimate): official statistics are not estimates",
            quality.value,
        )
    return Quality.ESTIMATE


def _source_quality(entry: Mapping[str, Any]) -> tuple[str | None, Quality]:
    source = entry.get("source")
    if source is not None and not isinstance(source, str):
        raise _FieldError("source", "expected a text", source)
    if source is not None and not source.strip():
        source = None
    character = None if source is None else forbidden_character(source)
    if character is not None:
        raise _FieldError("source", f"holds the control character {character}", source)
    raw = entry.get("quality")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return source, Quality.REPORTED
    try:
        return source, Quality(raw.strip() if isinstance(raw, str) else raw)
    except ValueError:
        choices = ", ".join(q.value for q in Quality)
        raise _FieldError("quality", f"expected one of {choices}", raw) from None


def _load(
    path: str | PathLike[str],
    build: Any,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    list_name: str,
    format_name: str,
    check: Any = None,
) -> tuple[Any, ...]:
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        entries = _csv_entries(path, source, fields, required)
    elif suffix == ".json":
        entries = _json_entries(path, source, fields, required, list_name, format_name)
    else:
        raise LoadError(source, "", f"unknown file type {suffix!r}: expected .csv or .json")
    out = []
    for where, entry in entries:
        try:
            out.append(build(entry))
            if check is not None:
                check(f"{where}.value", out[-1])
        except _FieldError as exc:
            raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
        except InvariantError as exc:
            raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
        except EzhouRecoveryError as exc:  # pragma: no cover - every known error is mapped above
            raise LoadError(source, where, str(exc)) from None
    return tuple(out)


def _csv_entries(
    path: str | PathLike[str], source: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> Iterable[tuple[str, dict[str, Any]]]:
    header, rows = _csv_rows(path, source, fields, required)
    return [(where, dict(zip(header, row, strict=True))) for where, row in rows]


def _csv_rows(
    path: str | PathLike[str], source: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[str, list[str]]]]:
    """The checked header of a CSV file, and its data rows (``row N``, cells), blank rows skipped.

    The rows are checked as they are read: each has as many cells as the header, and no empty
    required cell.
    """
    records = csv_records(read_text(path, source), source)
    first = next(records, None)
    header = _csv_header(source, None if first is None else first[1], fields, required)
    positions = [header.index(name) for name in required]

    def rows() -> Iterator[tuple[str, list[str]]]:
        for number, row in records:
            if not any(cell.strip() for cell in row):
                continue  # a blank line holds no data
            where = f"row {number}"
            if len(row) != len(header):
                raise LoadError(
                    source, where, f"expected {len(header)} cells, found {len(row)}", row
                )
            _check_required(source, where, row, required, positions)
            yield where, row

    return header, rows()


def _csv_header(
    source: str, first: list[str] | None, fields: tuple[str, ...], required: tuple[str, ...]
) -> list[str]:
    """The header row's column names, stripped and checked."""
    if first is None or not any(cell.strip() for cell in first):
        raise LoadError(source, "row 1", f"expected a header row: {', '.join(fields)}")
    header = [cell.strip() for cell in first]
    unknown = [h for h in header if h not in fields]
    if unknown:
        raise LoadError(
            source, "row 1", f"unknown column(s), expected {', '.join(fields)}", unknown
        )
    missing = [f for f in required if f not in header]
    if missing:
        raise LoadError(source, "row 1", f"missing column(s): {', '.join(missing)}")
    if len(set(header)) != len(header):
        raise LoadError(source, "row 1", "a column repeats", header)
    return header


def _check_required(
    source: str,
    where: str,
    row: list[str],
    required: tuple[str, ...],
    positions: list[int],
) -> None:
    """Raise a LoadError when a required cell of a CSV row is empty."""
    for name, i in zip(required, positions, strict=True):
        if not row[i].strip():
            raise LoadError(source, f"{where}.{name}", "required field is empty")


def _json_entries(
    path: str | PathLike[str],
    source: str,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    list_name: str,
    format_name: str,
) -> Iterable[tuple[str, dict[str, Any]]]:

    data = read_data_file(path)
    prefix = ""
    if isinstance(data, dict):
        body = check_format(data, source=source, expected=format_name, version=1)
        items = body.pop(list_name, None)
        if body:
            raise LoadError(source, "", f"unknown field(s): {', '.join(sorted(body))}")
        if not isinstance(items, list):
            raise LoadError(source, list_name, "expected a list", items)
        prefix = list_name
    elif isinstance(data, list):
        items = data
    else:
        raise LoadError(source, "", "expected a list of entries", type(data).__name__)
    limits = current_limits()
    if len(items) > limits.max_rows:
        raise LoadError(
            source, prefix, limits.problem("max_rows", f"{len(items):_} entries in the list")
        )
    entries: list[tuple[str, dict[str, Any]]] = []
    for i, item in enumerate(items):
        where = f"{prefix}[{i}]"
        if not isinstance(item, dict):
            raise LoadError(source, where, "expected a table of fields", item)
        unknown = sorted(set(item) - set(fields))
        if unknown:
            raise LoadError(source, where, f"unknown field(s): {', '.join(unknown)}")
        for name in required:
            if name not in item:
                raise LoadError(source, f"{where}.{name}", "required field missing")
        entries.append((where, item))
    return entries
