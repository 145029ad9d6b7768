"""Reading observations and submissions as Arrow columns (needs pyarrow: the ``arrow`` extra).

pyarrow parses (its CSV reader, Parquet, or a dataframe handed over through the Arrow PyCapsule
interface); the checks run on whole columns: target keys by dictionary lookup, each distinct date
text read once, plain numbers converted as one column, values written with a unit split into a
number column and a unit column with each distinct unit text read once per target.

Identical errors by construction: a row that is not plainly valid is handed to the per-object
reader's own function for one row, in row order, so the first bad row raises exactly the
``LoadError`` the per-object reader raises (file, row, field, value). A file whose CSV dialect
could be read differently by the two parsers (quotes, blank lines, lone carriage returns, a parse
error) is read by the per-object reader's parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ezhou_recovery._core.dates import DATE_RANGE, read_date
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from ezhou_recovery.evidence.observations import (
    Observation,
    QualitativeLevel,
    implausibility,
    read_value,
)
from ezhou_recovery.io._reading import read_bytes
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.observation_files import (
    _OBSERVATION_FIELDS,
    _OBSERVATION_REQUIRED,
    _check_required,
    _csv_header,
    _csv_rows,
    _FieldError,
    _observation,
    _source_quality,
    warn_implausible,
)
from ezhou_recovery.model.targets import TargetKind
from ezhou_recovery.units import magnitude_problem, parse_quantity
from ezhou_recovery.units._conversion import root_factor
from ezhou_recovery.units._parsing import normalise

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.evidence.submissions import Submission
    from ezhou_recovery.evidence.table import ObservationTable
    from ezhou_recovery.model.programme import Programme

__all__ = ["observations_file", "observations_from_frame", "submissions_from_frame"]

_QUANTITATIVE: Final = frozenset({TargetKind.LEVEL, TargetKind.CUMULATIVE, TargetKind.ANNUAL_RATE})
#: A plain decimal number, short enough to lie within the range of values (below 10^15, at most
#: 18 significant digits, no digit below 10^-30: 15 characters keep within all three).
_PLAIN: Final = r"^[0-9]+(?:\.[0-9]+)?$"
_PLAIN_MAX: Final = 15
#: A number followed by a unit text (whether the unit text may be split off is checked per text).
_SPLIT: Final = r"^(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?P<unit>.+)$"
#: First characters after which a unit text cannot be read apart from its number.
_JOINING: Final = frozenset("0123456789.eE+-,")
_EPOCH: Final = date(1970, 1, 1).toordinal()


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - the tests without pyarrow cover the callers
        raise ImportError(
            'reading Parquet files and dataframes needs pyarrow: pip install "ezhou-recovery[arrow]"'
        ) from None
    return pyarrow


# Inputs -----------------------------------------------------------------------------------------


def _clean_csv(path: str | PathLike[str], source: str) -> tuple[bytes, list[str]] | None:
    """The bytes (without a byte-order mark) and the raw header cells of a CSV file that both
    parsers read alike; None when the per-object parser must read it."""
    raw = read_bytes(path, source)  # within the file size limit
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    # Quotes, and apostrophes (a cell may start with one the library writes before a formula
    # start, which the per-object reader removes): Python's csv module reads such a file.
    if b'"' in raw or b"'" in raw:
        return None
    end = raw.find(b"\n")
    line = raw if end < 0 else raw[:end]
    try:
        first = line.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        return None
    if "\r" in first:  # lines that end in a lone carriage return
        return None
    if not first.strip():
        return None
    header = first.split(",")
    if len(header) > current_limits().max_columns:
        return None  # the per-object reader names the limit
    return raw, header


def _read_csv(
    raw: bytes, names: list[str], types: Mapping[str, Any], *, blank_lines: bool
) -> pa.Table | None:
    """pyarrow's reading of a CSV file's rows, every cell as text; a blank line is a row of
    empty cells when ``blank_lines`` (else it is skipped). None when pyarrow cannot read it."""
    pa = _pyarrow()
    import pyarrow.csv as pacsv

    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            # No quote character appears (see _clean_csv), so the default one changes nothing
            # (and reads faster than none).
            parse_options=pacsv.ParseOptions(ignore_empty_lines=not blank_lines),
            convert_options=pacsv.ConvertOptions(
                column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if not table.num_rows or _beyond_limits(table, len(raw)):
        return None  # the per-object reader names the limit
    return table


def _beyond_limits(table: pa.Table, size: int) -> bool:
    """Whether a table read from a CSV file of ``size`` bytes has too many rows or a cell with too
    many characters (see :mod:`ezhou_recovery.io.limits`)."""
    import pyarrow.compute as pc

    limits = current_limits()
    if table.num_rows > limits.max_rows:
        return True
    if size <= limits.max_text:
        return False
    for column in table.columns:
        if pa_types().is_dictionary(column.type):
            column = column.unify_dictionaries().chunk(0).dictionary if column.num_chunks else None
            if column is None:
                continue
        longest = pc.max(pc.utf8_length(column)).as_py()
        if longest is not None and longest > limits.max_text:
            return True
    return False


def pa_types() -> Any:
    return _pyarrow().types


def _as_table(frame: Any, source: str) -> pa.Table:
    """An Arrow table of ``frame``: a pyarrow table or any object that exports an Arrow stream
    (pandas, polars, DuckDB, ... through ``__arrow_c_stream__``)."""
    pa = _pyarrow()
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pa.RecordBatch) or hasattr(frame, "__arrow_c_stream__"):
        try:
            return pa.table(frame)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
            raise LoadError(source, "", f"cannot be read as columns ({exc})") from None
    raise LoadError(
        source,
        "",
        "expected a dataframe (pandas, polars, pyarrow or another that exports Arrow data)",
        type(frame),
    )


def _read_parquet(path: str | PathLike[str], source: str) -> pa.Table:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path)
    except OSError as exc:
        raise LoadError(source, "", f"cannot read the file ({exc})") from None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise LoadError(source, "", f"not a readable Parquet file ({exc})") from None


def _checked_columns(
    table: pa.Table,
    source: str,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    keep_dictionaries: bool = False,
) -> pa.Table:
    """The table with each column as a plain (not dictionary, not view) array; its names checked
    as a CSV header is."""
    pa = _pyarrow()
    names = [str(n) for n in table.column_names]
    limits = current_limits()
    if len(names) > limits.max_columns:
        raise LoadError(source, "", limits.problem("max_columns", f"{len(names)} columns"))
    if table.num_rows > limits.max_rows:
        raise LoadError(source, "", limits.problem("max_rows", f"{table.num_rows:_} rows"))
    unknown = [n for n in names if n not in fields]
    if unknown:
        raise LoadError(
            source, "columns", f"unknown column(s), expected {', '.join(fields)}", unknown
        )
    missing = [f for f in required if f not in names]
    if missing:
        raise LoadError(source, "columns", f"missing column(s): {', '.join(missing)}")
    if len(set(names)) != len(names):
        raise LoadError(source, "columns", "a column repeats", names)
    columns = []
    for column in table.columns:
        kind = column.type
        if pa.types.is_dictionary(kind):
            if keep_dictionaries and pa.types.is_string(kind.value_type) and not column.null_count:
                columns.append(column)
                continue
            column = column.cast(kind.value_type)
            kind = column.type
        if pa.types.is_string_view(kind) or pa.types.is_large_string(kind):
            column = column.cast(pa.string())
        _check_text_length(column, source)
        columns.append(column)
    return pa.table(columns, names=names)


def _check_text_length(column: Any, source: str) -> None:
    """Refuse a text cell longer than the ``max_text`` limit, naming its row."""
    pa = _pyarrow()
    import pyarrow.compute as pc

    kind = column.type
    texts = column
    if pa.types.is_dictionary(kind):
        texts = column.cast(kind.value_type)
    if not pa.types.is_string(texts.type):
        return
    limits = current_limits()
    lengths = pc.utf8_length(texts)
    longest = pc.max(lengths).as_py()
    if longest is not None and longest > limits.max_text:
        row = int(np.argmax(lengths.fill_null(0).to_numpy() > limits.max_text))
        raise LoadError(
            source, f"row {row}", limits.problem("max_text", "a cell holds too many characters")
        )


def _entry(table: pa.Table, i: int, required: tuple[str, ...]) -> tuple[dict[str, Any], str | None]:
    """Row ``i`` of a table as the per-object reader's entry (nulls left out), with the first
    required field that is missing."""
    found = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        value = column[i].as_py()
        if value is not None:
            found[name] = value
    missing = next((name for name in required if name not in found), None)
    return found, missing


@attrs.frozen(eq=False)
class _RowReader:
    """Reads one row of a table of observations as the per-object reader reads it (an object
    rather than a closure, so that a table pickles to another process with its rows)."""

    programme: Programme
    source: str
    table: pa.Table
    #: Per row, its number in a CSV file; None for a frame (rows named from 0).
    numbers: npt.NDArray[np.int64] | None

    def where(self, i: int) -> str:
        """How error messages name row ``i``."""
        return f"row {int(self.numbers[i])}" if self.numbers is not None else f"row {i}"

    def __call__(self, i: int) -> Observation:
        entry, missing = _entry(self.table, i, _OBSERVATION_REQUIRED)
        return _one_observation(self.programme, self.source, self.where(i), entry, missing)


def _codes(column: Any) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Per row an index into the column's distinct values (as Python objects, None for null)."""
    pa = _pyarrow()
    if pa.types.is_dictionary(column.type):
        encoded = column.unify_dictionaries()
    else:
        encoded = column.dictionary_encode(null_encoding="encode").unify_dictionaries()
    if encoded.num_chunks == 0:
        return np.zeros(0, np.int64), []
    dictionary = encoded.chunk(0).dictionary
    indices = pa.chunked_array([c.indices for c in encoded.chunks], type=encoded.type.index_type)
    return indices.to_numpy().astype(np.int64), dictionary.to_pylist()


# Observations -----------------------------------------------------------------------------------


def observations_file(
    path: str | PathLike[str], programme: Programme, *, columnar: bool = True
) -> ObservationTable | tuple[Observation, ...]:
    """Observations from a CSV or Parquet file, as :func:`~ezhou_recovery.load_observations`."""

    source = str(path)
    if Path(path).suffix.lower() == ".parquet":
        table = _read_parquet(path, source)
        if columnar:
            return _observation_table(table, programme, source)
        return _observations_one_by_one(table, programme, source)
    pa = _pyarrow()
    clean = _clean_csv(path, source)
    table = None
    if clean is not None:
        raw, first = clean
        header = _csv_header(source, first, _OBSERVATION_FIELDS, _OBSERVATION_REQUIRED)
        # A blank line is read as a row of empty cells, which keeps the row numbers of the
        # per-object reader (which counts blank lines and skips them).
        words = pa.dictionary(pa.int32(), pa.string())
        # Values are many and mostly distinct: read as text, encoded afterwards (faster).
        types = {name: pa.string() if name == "value" else words for name in header}
        table = _read_csv(raw, header, types, blank_lines=True)
    if table is None:
        # Python's csv module parses, as for the per-object reader (row numbers, blank lines,
        # quotes, errors in the same order); the checks still run on columns.
        header, rows = _csv_rows(path, source, _OBSERVATION_FIELDS, _OBSERVATION_REQUIRED)
        listed = list(rows)
        numbers = np.array([int(where.removeprefix("row ")) for where, _ in listed], np.int64)
        table = pa.table(
            [pa.array([r[j] for _, r in listed], pa.string()) for j in range(len(header))],
            names=header,
        )
        return _observation_table(table, programme, source, numbers=numbers)
    return _observation_table(
        table, programme, source, numbers=np.arange(2, table.num_rows + 2), blank_rows=True
    )


#: What Python's ``str.strip`` removes: a cell of only these is empty.
_SPACE_ONLY: Final = (
    "^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
)


def _empty_distinct(codes: npt.NDArray[np.int64], distinct: list[Any]) -> npt.NDArray[np.bool_]:
    """Per row, whether its cell is empty or only white space, from the distinct values."""
    found = np.array([isinstance(x, str) and not x.strip() for x in distinct] + [False])
    return np.asarray(found[codes], bool)


def _plain(values: Any) -> npt.NDArray[np.bool_]:
    """Per cell of a text column, whether it is a plain decimal number of at most
    ``_PLAIN_MAX`` characters."""
    import pyarrow.compute as pc

    found = pc.and_(
        pc.match_substring_regex(values, _PLAIN),
        pc.less_equal(pc.binary_length(values), _PLAIN_MAX),  # a plain number is ASCII
    )
    if found.null_count:
        found = found.fill_null(False)
    return np.asarray(found.to_numpy(zero_copy_only=False), bool)


def _empty(column: Any) -> npt.NDArray[np.bool_]:
    """Per cell of a text column, whether it is empty or only white space (as ``str.strip``)."""
    import pyarrow.compute as pc

    found = pc.match_substring_regex(column, _SPACE_ONLY)
    if found.null_count:
        found = found.fill_null(False)
    return np.asarray(found.to_numpy(zero_copy_only=False), bool)


def observations_from_frame(
    frame: Any, programme: Programme, *, source: str = "dataframe", columnar: bool = True
) -> ObservationTable | tuple[Observation, ...]:
    """Read observations from a dataframe (pandas, polars, pyarrow, or any that exports Arrow
    data through the Arrow PyCapsule interface).

    Columns as in a CSV file (``target, as_of, value`` and optionally ``source, quality``);
    ``as_of`` may be text (``YYYY-MM-DD``) or a date column, ``value`` text or numbers (in the
    target's unit). Rows are named by position, from 0 (``row 3``); a null cell counts as
    missing.

    Args:
        frame: The dataframe.
        programme: The programme the target keys belong to.
        source: What error messages call the frame.
        columnar: Return an :class:`~ezhou_recovery.ObservationTable` (the default), or a tuple of
            :class:`~ezhou_recovery.Observation` read one row at a time.

    Raises:
        LoadError: As :func:`~ezhou_recovery.load_observations`: names the source, the row, the
            field and the value.
    """
    table = _as_table(frame, source)
    if columnar:
        return _observation_table(table, programme, source)
    return _observations_one_by_one(table, programme, source)


def _observations_one_by_one(
    table: pa.Table, programme: Programme, source: str
) -> tuple[Observation, ...]:
    """The per-object reading of a table: the reference the columnar reading must equal."""
    table = _checked_columns(table, source, _OBSERVATION_FIELDS, _OBSERVATION_REQUIRED)
    one = _RowReader(programme, source, table, None)
    out = []
    for i in range(table.num_rows):
        o = one(i)
        why = implausibility(programme.target(o.target), o.value)
        if why is not None:
            finding = Finding(Severity.WARNING, "implausible-value", f"{one.where(i)}.value", why)
            warn_implausible(finding, source)
        out.append(o)
    return tuple(out)


def _one_observation(
    programme: Programme, source: str, where: str, entry: dict[str, Any], missing: str | None
) -> Observation:
    if missing is not None:
        raise LoadError(source, f"{where}.{missing}", "required field missing")
    try:
        return _observation(programme, entry)
    except (_FieldError, InvariantError) as exc:
        raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
    except EzhouRecoveryError as exc:  # pragma: no cover - every known error is mapped above
        raise LoadError(source, where, str(exc)) from None


def _observation_table(
    table: pa.Table,
    programme: Programme,
    source: str,
    *,
    numbers: npt.NDArray[np.int64] | None = None,
    blank_rows: bool = False,
) -> ObservationTable:
    """Check and convert the columns of an observations table (see the module's docstring).

    ``numbers``: for a CSV file, each row's number (the header is row 1); None for a frame (rows
    named from 0). ``blank_rows``: the CSV rows may include rows of empty cells, to be skipped,
    and empty required cells, to be refused before any value is read (as the per-object reader
    does); else that is done.
    """
    from ezhou_recovery.evidence.table import ObservationTable, magnitude_of

    pa = _pyarrow()
    import pyarrow.compute as pc

    table = _checked_columns(
        table, source, _OBSERVATION_FIELDS, _OBSERVATION_REQUIRED, keep_dictionaries=True
    )
    n = table.num_rows
    targets = tuple(programme.targets)
    kinds = [t.kind for t in targets]
    names = table.column_names
    irregular = np.zeros(n, bool)

    # Null required cells (Parquet, frames): the per-object reader names them.
    for name in _OBSERVATION_REQUIRED:
        column = table.column(name)
        if column.null_count:
            irregular |= column.is_null().to_numpy(zero_copy_only=False)

    coded: dict[str, tuple[npt.NDArray[np.int64], list[Any]]] = {}

    def codes_of(name: str) -> tuple[npt.NDArray[np.int64], list[Any]]:
        if name not in coded:
            coded[name] = _codes(table.column(name))
        return coded[name]

    key_codes, keys = codes_of("target")
    # Value texts as a dictionary: per row a code, and the distinct texts (each read once).
    values = table.column("value")
    texts: Any = None
    value_codes: npt.NDArray[np.int64] = np.zeros(n, np.int64)
    if pa.types.is_string(values.type) and not values.null_count:
        values = values.dictionary_encode()
    if pa.types.is_dictionary(values.type):
        encoded = values.unify_dictionaries()
        if encoded.num_chunks:
            texts = encoded.chunk(0).dictionary
            indices = pa.chunked_array([c.indices for c in encoded.chunks])
            value_codes = indices.to_numpy().astype(np.int64)
        else:
            texts = pa.array([], pa.string())
    if blank_rows and n:
        assert numbers is not None
        empty = {
            name: _empty_distinct(*codes_of(name))
            for name in names
            if name not in ("target", "value")
        }
        empty["target"] = _empty_distinct(key_codes, keys)
        empty["value"] = _empty(texts)[value_codes]
        blank = np.logical_and.reduce([empty[name] for name in names])
        if blank.any():
            kept = pa.array(~blank)
            return _observation_table(
                table.filter(kept), programme, source, numbers=numbers[~blank], blank_rows=True
            )
        missing = np.logical_or.reduce([empty[name] for name in _OBSERVATION_REQUIRED])
        if missing.any():
            i = int(np.argmax(missing))
            cells = [table.column(j)[i].as_py() for j in range(len(names))]
            positions = [names.index(name) for name in _OBSERVATION_REQUIRED]
            label = f"row {int(numbers[i])}"
            _check_required(source, label, cells, _OBSERVATION_REQUIRED, positions)

    # Target keys: one dictionary lookup per distinct key.
    index = {t.key: i for i, t in enumerate(targets)}
    lookup = np.array([index.get(k, -1) if isinstance(k, str) else -1 for k in keys] + [-1])
    code = lookup[key_codes] if n else np.zeros(0, np.int64)
    irregular |= code < 0
    code = np.where(code < 0, 0, code)

    # Dates: each distinct value read once.
    day = np.zeros(n, np.int64)
    as_of = table.column("as_of")
    if pa.types.is_date32(as_of.type) and not as_of.null_count:
        day = as_of.cast(pa.int32()).to_numpy().astype(np.int64) + _EPOCH
        low, high = (d.toordinal() for d in DATE_RANGE)
        irregular |= (day < low) | (day > high)
    else:
        date_codes, dates = codes_of("as_of")
        ordinals = np.array([_ordinal(d) for d in dates] + [-1], np.int64)
        day = ordinals[date_codes] if n else day
        irregular |= day < 0

    # Provenance: each distinct source and quality checked once.
    for name in ("source", "quality"):
        if name in names:
            prov_codes, seen = codes_of(name)
            ok = np.array([_provenance_ok(name, x) for x in seen] + [False])
            irregular |= ~ok[prov_codes]

    magnitude = np.zeros(n, np.float64)
    done = irregular.copy()
    quantitative = np.array([k in _QUANTITATIVE for k in kinds] + [False])[code]
    units = _Units(targets, _SCALES)
    kind_of_value = values.type
    if texts is not None:
        plain = _plain(texts)
        floats = np.zeros(len(texts), np.float64)
        if plain.any():
            floats[plain] = pc.cast(texts.filter(pa.array(plain)), pa.float64()).to_numpy()
        direct = units.direct_rows(code, done)
        fast = plain[value_codes] & quantitative & direct & ~done
        magnitude[fast] = floats[value_codes[fast]]
        done |= fast
        rest = np.flatnonzero(quantitative & ~done)
        if len(rest):
            _split_values(texts, value_codes, rest, code, units, magnitude, done)
    elif (pa.types.is_floating(kind_of_value) or pa.types.is_integer(kind_of_value)) and not (
        values.null_count
    ):
        floats = values.cast(pa.float64()).to_numpy()
        limit = 2.0**53 if pa.types.is_integer(kind_of_value) else np.inf
        direct = units.direct_rows(code, done)
        fast = (
            quantitative
            & direct
            & ~done
            & np.isfinite(floats)
            & ((floats == 0) | ((floats >= 1e-13) & (floats < 1e15)))  # the range of values
            & (np.abs(floats) < limit)
        )
        magnitude[fast] = floats[fast]
        done |= fast

    # Whatever is left (milestones, levels, unusual numbers): each distinct value once per target.
    rest = np.flatnonzero(~done)
    if len(rest):
        distinct: Callable[[int], Any]
        if texts is not None:
            rest_codes, size = value_codes[rest], len(texts) + 1
            distinct = texts.__getitem__
        else:
            rest_codes, listed = _codes(values.take(pa.array(rest)))
            size = len(listed) + 1
            distinct = listed.__getitem__
        rest_codes, kept = _dense(rest_codes, size)
        pairs = code[rest] * len(kept) + rest_codes
        unique, inverse = _unique(pairs, len(targets) * len(kept))
        read = np.empty(len(unique), np.float64)
        ok = np.zeros(len(unique), bool)
        for j, pair in enumerate(unique.tolist()):
            text = distinct(int(kept[pair % len(kept)]))
            found = _read_number(
                targets[pair // len(kept)], text.as_py() if texts is not None else text
            )
            ok[j] = found is not None
            read[j] = found if found is not None else 0.0
        fine = ok[inverse] & ~irregular[rest]
        magnitude[rest[fine]] = read[inverse][fine]
        irregular[rest[~fine]] = True

    # Rows that are not plainly valid: the per-object reader's function, in row order; the first
    # that is wrong raises its error.
    one = _RowReader(programme, source, table, numbers)
    for i in np.flatnonzero(irregular).tolist():
        try:
            o = one(i)
        except LoadError:
            # The per-object reader has warned of the rows before this one.
            _warn_implausible(one, targets, code[:i], magnitude[:i], value_codes, texts)
            raise
        code[i] = index[o.target]
        day[i] = o.as_of.toordinal()
        magnitude[i] = magnitude_of(o.value)
    _warn_implausible(one, targets, code, magnitude, value_codes, texts)

    return ObservationTable(
        programme,
        code.astype(np.int32),
        day.astype(np.int32),
        magnitude,
        one,
        token=value_codes.astype(np.int32) if texts is not None else None,
    )


def _warn_implausible(
    one: _RowReader,
    targets: Sequence[Any],
    code: npt.NDArray[np.int64],
    magnitude: npt.NDArray[np.float64],
    value_codes: npt.NDArray[np.int64],
    texts: Any,
) -> None:
    """Warn, in row order, of each row whose value is implausible for its target, as the
    per-object reader warns: the magnitudes compared with each target's value as columns, the
    few rows found read again to be checked exactly (once per target and value text)."""
    from ezhou_recovery.io.observation_columns import implausible_rows

    found: dict[tuple[int, int], str | None] = {}
    for row in implausible_rows(targets, code, magnitude).tolist():
        target = targets[int(code[row])]
        key = (int(code[row]), int(value_codes[row]) if texts is not None else -1 - row)
        if key not in found:
            found[key] = implausibility(target, one(row).value)
        why = found[key]
        if why is not None:
            where = f"{one.where(row)}.value"
            warn_implausible(Finding(Severity.WARNING, "implausible-value", where, why), one.source)


def _read_number(target: Any, value: Any) -> float | None:
    """The number a value of ``target`` counts as (see ``columnar._float``), or None when the
    per-object reader refuses it. Texts are remembered across files, by target."""
    from ezhou_recovery.evidence.table import magnitude_of

    if not isinstance(value, str):
        try:
            return magnitude_of(read_value(target, value))
        except (UnitError, TypeError, ValueError, ArithmeticError):
            return None
    known = _NUMBERS.get((id(target), value))
    if known is None or known[0] is not target:
        try:
            number: float | None = magnitude_of(read_value(target, value))
        except (UnitError, TypeError, ValueError, ArithmeticError):
            number = None
        if len(_NUMBERS) > 100_000:
            _NUMBERS.clear()
        known = _NUMBERS[id(target), value] = (target, number)
    return known[1]


#: Value texts read so far, by target identity (the entry keeps its target alive).
_NUMBERS: dict[tuple[int, str], tuple[Any, float | None]] = {}


def _dense(
    codes: npt.NDArray[np.int64], size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``codes`` (each below ``size``) renumbered 0, 1, ... in order, and the codes kept (the
    original code of each new one)."""
    present = np.zeros(size, bool)
    present[codes] = True
    kept = np.flatnonzero(present)
    rank = np.cumsum(present) - 1
    return rank[codes], kept


def _unique(
    keys: npt.NDArray[np.int64], size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct keys in ascending order and, per key, its position among them (as
    ``np.unique(keys, return_inverse=True)``); without sorting when the keys lie in a small
    range."""
    if size > 4 * len(keys) + 1_000_000:
        unique, inverse = np.unique(keys, return_inverse=True)
        return unique, inverse.reshape(-1)
    if not len(keys):
        return keys, keys
    present = np.zeros(size, bool)
    present[keys] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[keys]


def _ordinal(value: Any) -> int:
    """The day number of a date value, or -1 when the per-object reader refuses it."""
    if isinstance(value, str):
        found = _DAYS.get(value)
        if found is None:
            if len(_DAYS) > 100_000:
                _DAYS.clear()
            found = _DAYS[value] = _read_ordinal(value)
        return found
    return _read_ordinal(value)


#: Date texts read so far (a text always reads as the same day).
_DAYS: dict[str, int] = {}


def _read_ordinal(value: Any) -> int:
    if isinstance(value, datetime):
        return -1
    try:
        return read_date(value).toordinal()
    except ValueError:
        return -1


def _provenance_ok(name: str, value: Any) -> bool:
    """Whether a source or quality cell passes every check the per-object reader makes of it
    (reading it, and the observation's own checks of the field)."""
    try:
        Observation("a.b", date(2020, 1, 1), True, *_source_quality({name: value}))
    except (_FieldError, InvariantError):
        return False
    return True


#: How a unit text converts: the multiplier, and the factors of the written and the target's unit.
_Scale = tuple[Decimal, tuple[Decimal, Decimal] | None]


#: The unit texts read so far, by target and text (see :class:`_Units`).
_SCALES: dict[tuple[int, str], tuple[Any, _Scale | None]] = {}


def _probed_all(name: str, values: list[Any]) -> list[Any]:
    """``submissions._probe`` of each value, remembered across files for texts (its answers are
    immutable); a date written ``YYYY-MM-DD`` is read without it, to the same answer."""
    from ezhou_recovery.io.submission_files import _probe

    if name == "submitted_at":
        return [_day_or_probe(x, _probe) for x in values]
    known = _PROBED.setdefault(name, {})
    if len(known) > 100_000:
        known.clear()
    missing = object()
    found = [known.get(x, missing) if isinstance(x, str) else missing for x in values]
    for i, x in enumerate(values):
        if found[i] is missing:
            found[i] = _probe(name, x)
            if isinstance(x, str):
                known[x] = found[i]
    return found


_PROBED: dict[str, dict[str, Any]] = {}


def _day_or_probe(value: Any, probe: Callable[[str, Any], Any]) -> Any:
    """A submission time written ``YYYY-MM-DD`` read as the per-object reader reads it (a date,
    checked to lie within :data:`DATE_RANGE`); anything else probed."""
    if type(value) is str and len(value) == 10 and value.isascii() and _ISO_DAY.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return probe("submitted_at", value)
        if DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            return day
    return probe("submitted_at", value)


_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Units:
    """Per target: how a value written with a given unit text becomes a number in the target's
    unit, found once per distinct unit text (None: read that value the per-object way)."""

    def __init__(
        self, targets: Sequence[Any], known: dict[tuple[int, str], tuple[Any, _Scale | None]]
    ) -> None:
        self._targets = targets
        self._found: dict[tuple[int, str], _Scale | None] = {}
        self._known = known

    def scale(self, i: int, unit: str) -> _Scale | None:
        """The multiplier (万, 亿) and the factors of the written and the target's unit (None
        when the unit is the target's); None when the text must be read whole."""
        key = (i, unit)
        if key not in self._found:
            # Across files: a target and a unit text always give the same answer. Known by the
            # target's identity (hashing a target is slow); the entry keeps the target alive, so
            # its identity is not reused.
            target = self._targets[i]
            known = self._known.get((id(target), unit))
            if known is None or known[0] is not target:
                if len(self._known) > 100_000:
                    self._known.clear()
                known = self._known[id(target), unit] = (target, self._scale(target, unit))
            self._found[key] = known[1]
        return self._found[key]

    def direct_rows(
        self, code: npt.NDArray[np.int64], done: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.bool_]:
        """Per row, whether a plain number is a magnitude in its target's unit as it stands
        (each target present asked once)."""
        found = np.zeros(len(self._targets), bool)
        present = np.zeros(len(self._targets), bool)
        present[code[~done]] = True
        for i in np.flatnonzero(present).tolist():
            found[i] = self.direct(i)
        return found[code]

    def direct(self, i: int) -> bool:
        """Whether a plain number is a magnitude in target ``i``'s unit as it stands."""
        target = self._targets[i]
        if target.kind not in _QUANTITATIVE:
            return False
        found = self.scale(i, "")
        return found is not None and found == (Decimal(1), None)

    @staticmethod
    def _scale(target: Any, unit: str) -> _Scale | None:
        if unit:
            first = unit[0]
            normal = normalise(unit)
            if (
                not normal
                or normal[0] in _JOINING
                or normal[0].isspace()
                or first.isspace()
                or unicodedata.combining(first)
            ):
                return None
        text = "1" + unit
        try:
            read = read_value(target, text)
            q = parse_quantity(text, unit=target.unit)
        except (UnitError, TypeError, ValueError, ArithmeticError):
            return None
        multiplier = Decimal(q.magnitude)
        if q.units == target.unit:
            found: _Scale = (multiplier, None)
        else:
            found = (multiplier, (root_factor(q.units), root_factor(target.unit)))
        # The per-object reader's own reading of 1 must agree: a bare number is in the target's
        # reporting unit (1 for 50万千瓦 is 10000 kW), which parse_quantity does not know.
        one, factors = found
        if factors is not None:
            one = one * factors[0] / factors[1]
        if (
            isinstance(read, bool | QualitativeLevel)
            or read.units != target.unit
            or read.magnitude != one
        ):
            return None
        return found


def _split_values(
    texts: Any,
    value_codes: npt.NDArray[np.int64],
    rest: npt.NDArray[np.intp],
    code: npt.NDArray[np.int64],
    units: _Units,
    magnitude: npt.NDArray[np.float64],
    done: npt.NDArray[np.bool_],
) -> None:
    """Values of quantitative targets written as a number and a unit (``77.6公里``): each distinct
    text split once into a number and a unit text, each distinct unit text read once per target,
    each number converted exactly as the per-object reader converts it (once per target and
    text)."""
    pa = _pyarrow()
    import pyarrow.compute as pc

    present = np.zeros(len(texts), bool)
    present[value_codes[rest]] = True
    needed = np.flatnonzero(present)
    parts = pc.extract_regex(texts.take(pa.array(needed)), _SPLIT)
    numbers = pc.struct_field(parts, "number").to_pylist()
    unit_texts = pc.struct_field(parts, "unit").to_pylist()
    split: dict[int, tuple[str, str]] = {
        int(j): (number, unit)
        for j, number, unit in zip(needed.tolist(), numbers, unit_texts, strict=True)
        if number is not None
    }
    dense, kept = _dense(value_codes[rest], len(texts) + 1)
    size = len(kept)
    unique, inverse = _unique(code[rest] * size + dense, int(code.max() + 1) * size)
    read = np.zeros(len(unique), np.float64)
    ok = np.zeros(len(unique), bool)
    one = Decimal(1)
    for j, pair in enumerate(unique.tolist()):
        found = split.get(int(kept[pair % size]))
        if found is None:
            continue
        number, unit = found
        scale = units.scale(pair // size, unit)
        if scale is None:
            continue
        d = Decimal(number)
        if magnitude_problem(d) is not None:
            continue
        multiplier, factors = scale
        if multiplier != one:
            d *= multiplier
        if factors is not None:
            d = d * factors[0] / factors[1]
        read[j] = float(d)
        ok[j] = True
    fine = ok[inverse]
    magnitude[rest[fine]] = read[inverse][fine]
    done[rest[fine]] = True


# Submissions ------------------------------------------------------------------------------------


def submissions_file(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: bool = False
) -> tuple[Submission, ...] | SubmissionTable | None:
    """Submissions from a CSV or Parquet file, or None when the per-object reader must read it;
    with ``programme`` each is checked to name only its duties, departments and categories, and
    with ``columnar`` too the result is a :class:`~ezhou_recovery.SubmissionTable`."""
    from ezhou_recovery.io.submission_files import _FIELDS, _check_header

    source = str(path)
    if Path(path).suffix.lower() == ".parquet":
        return _finish(
            _submissions(_read_parquet(path, source), source, csv=False, programme=programme),
            columnar,
        )
    clean = _clean_csv(path, source)
    if clean is None:
        return None
    raw, header = clean
    _check_header(source, header)
    pa = _pyarrow()
    words = pa.dictionary(pa.int32(), pa.string())
    # Blank lines are read as rows of empty cells, as they count in the per-object reader's row
    # numbers; a row of empty cells (a blank line or only commas) is left to that reader.
    table = _read_csv(raw, header, dict.fromkeys(header, words), blank_lines=True)
    if table is None:
        return None
    empty = np.ones(table.num_rows, bool)
    for column in table.columns:
        empty &= _empty_distinct(*_codes(column)) & np.ones(table.num_rows, bool)
    if empty.any():
        return None
    del _FIELDS
    return _finish(_submissions(table, source, csv=True, programme=programme), columnar)


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
    from ezhou_recovery.io.submission_files import _FIELDS, submissions_from_rows

    table = _as_table(frame, source)
    if columnar:
        return _submissions(table, source, csv=False, programme=programme)
    table = _checked_columns(table, source, _FIELDS, ())
    return submissions_from_rows(
        table.to_pylist(), source=source, where="row {}", programme=programme
    )


def _submissions(
    table: pa.Table,
    source: str,
    *,
    csv: bool,
    programme: Programme | None = None,
) -> tuple[Submission, ...] | SubmissionTable:
    """Check the columns of a submissions table; one object per distinct row, shared by its
    repeats (the objects are immutable). With ``programme``, each distinct value is checked once
    to name only the programme's duties, departments and categories, and the result is a
    :class:`~ezhou_recovery.SubmissionTable`."""
    from ezhou_recovery.analysis._submission_keys import programme_keys, unknown_part
    from ezhou_recovery.io.submission_files import _FIELDS, _REFUSED, _EntryError, _one

    known = None if programme is None else programme_keys(programme)

    if not csv:
        table = _checked_columns(table, source, _FIELDS, (), keep_dictionaries=True)
    names = table.column_names
    n = table.num_rows
    if not n:
        return ()
    codes = []
    distinct = []
    for name in names:
        c, d = _codes(table.column(name))
        codes.append(c)
        distinct.append(d)
    # Each distinct value of each column is checked once, as the per-object reader checks it.
    valid = []
    read = []
    for name, d in zip(names, distinct, strict=True):
        found = _probed_all(name, d)
        valid.append(np.array([f is not _REFUSED for f in found] + [False]))
        read.append(found)
    irregular = np.zeros(n, bool)
    for c, ok in zip(codes, valid, strict=True):
        irregular |= ~ok[c]
    present = {
        name: np.array([x is not None for x in r] + [False])[c]
        for name, c, r in zip(names, codes, read, strict=True)
    }
    none = np.zeros(n, bool)
    has = {name: present.get(name, none) for name in _FIELDS}
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
            flags = [x is not _REFUSED and _names_unknown(name, x, known) for x in r] + [False]
            foreign |= np.array(flags)[c]
    for i in np.flatnonzero(irregular | foreign)[:1].tolist():
        row = {name: d[int(c[i])] for name, c, d in zip(names, codes, distinct, strict=True)}
        try:
            built = _one({k: v for k, v in row.items() if v is not None})
        except _EntryError as exc:
            raise LoadError(source, f"{where(i)}.{exc.field}", exc.problem, exc.value) from None
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
        from ezhou_recovery.io.submission_files import _trusted

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
        objects[:] = _trusted(columns, len(first))
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
        unique, key = _unique(combined, space)
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
