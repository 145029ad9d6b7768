"""Reading observations and investment reports from CSV, JSON and Parquet files.

The classes read live in :mod:`ezhou_recovery.evidence.observations`; a CSV file is read
into an :class:`~ezhou_recovery.ObservationTable` by :mod:`ezhou_recovery.io.observation_columns`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, overload

from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError
from ezhou_recovery.evidence.observations import (
    ImplausibleValueWarning,
    InvestmentReport,
    Observation,
    implausibility,
)
from ezhou_recovery.io._observation_rows import (
    INVESTMENT_FIELDS,
    INVESTMENT_REQUIRED,
    OBSERVATION_FIELDS,
    OBSERVATION_REQUIRED,
    estimate_word,
    investment_report,
    observation,
)
from ezhou_recovery.io._reading import csv_rows
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.programme_files import check_format, programme_or_default, read_data_file

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


_T = TypeVar("_T")


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
        return observation(plan, entry)

    def check(where: str, observation: Observation) -> None:
        why = implausibility(plan.target(observation.target), observation.value)
        if why is not None:
            warn_implausible(Finding(Severity.WARNING, "implausible-value", where, why), str(path))

    return _load(
        path,
        build,
        OBSERVATION_FIELDS,
        OBSERVATION_REQUIRED,
        "observations",
        OBSERVATIONS_FORMAT,
        check,
    )


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
        return investment_report(plan, entry)

    return _load(
        path,
        build,
        INVESTMENT_FIELDS,
        INVESTMENT_REQUIRED,
        "investment_reports",
        INVESTMENT_FORMAT,
    )


def _load(
    path: str | PathLike[str],
    build: Callable[[Mapping[str, Any]], _T],
    fields: tuple[str, ...],
    required: tuple[str, ...],
    list_name: str,
    format_name: str,
    check: Callable[[str, _T], None] | None = None,
) -> tuple[_T, ...]:
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
        except FieldProblem as exc:
            raise exc.at(source, where) from None
        except InvariantError as exc:
            raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
        except EzhouRecoveryError as exc:  # pragma: no cover - every known error is mapped above
            raise LoadError(source, where, str(exc)) from None
    return tuple(out)


def _csv_entries(
    path: str | PathLike[str], source: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> Iterable[tuple[str, dict[str, Any]]]:
    header, rows = csv_rows(path, source, fields, required)
    return [(where, dict(zip(header, row, strict=True))) for where, row in rows]


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
