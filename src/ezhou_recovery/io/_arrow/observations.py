"""Observations from Arrow columns: a CSV or Parquet file, or a dataframe (see the package's
docstring for how the columns are checked)."""

from __future__ import annotations

from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery._core.dates import DATE_RANGE
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError
from ezhou_recovery.evidence.observations import Observation, implausibility
from ezhou_recovery.evidence.table import QUANTITATIVE
from ezhou_recovery.io._arrow import _kernel
from ezhou_recovery.io._arrow.columns import (
    as_table,
    blank_flags,
    by_parts,
    checked_columns,
    clean_csv,
    dictionary_parts,
    pyarrow_module,
    read_csv,
    read_parquet,
    row_entry,
    unique_keys,
    utf8,
)
from ezhou_recovery.io._arrow.values import (
    Units,
    day_number,
    plain_values,
    read_number,
    read_values,
    split_values,
)
from ezhou_recovery.io._observation_rows import (
    OBSERVATION_FIELDS,
    OBSERVATION_REQUIRED,
    observation,
    observed_value,
    source_quality,
)
from ezhou_recovery.io._reading import check_required, csv_header, csv_rows
from ezhou_recovery.io.observation_files import warn_implausible
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import Target

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from ezhou_recovery.evidence.table import ObservationTable

__all__ = ["RowReader", "observations_file", "observations_from_frame"]

_EPOCH: Final = date(1970, 1, 1).toordinal()

#: Per row, an index (or a day number), 32 or 64 bits wide.
_Codes = npt.NDArray[np.signedinteger[Any]]


@attrs.frozen(eq=False)
class RowReader:
    """Reads one row of a table of observations as the per-object reader reads it (an object
    rather than a closure, so that a table pickles to another process with its rows)."""

    programme: Programme
    source: str
    table: pa.Table
    #: Per row, its number in a CSV file; None when rows are numbered from ``first`` on.
    numbers: npt.NDArray[np.int64] | None
    #: The number of the first row, when ``numbers`` is None (0 for a frame; 2 for a CSV file,
    #: whose header is row 1).
    first: int = 0

    def where(self, i: int) -> str:
        """How error messages name row ``i``."""
        number = int(self.numbers[i]) if self.numbers is not None else i + self.first
        return f"row {number}"

    def __call__(self, i: int) -> Observation:
        entry, missing = row_entry(self.table, i, OBSERVATION_REQUIRED)
        return _one_observation(self.programme, self.source, self.where(i), entry, missing)

    def value(self, i: int, target: Target) -> Any:
        """The value of row ``i``, which has been read whole (as ``self(i).value``)."""
        return observed_value(target, self.table.column("value")[i].as_py())[0]


def observations_file(
    path: str | PathLike[str], programme: Programme, *, columnar: bool = True
) -> ObservationTable | tuple[Observation, ...]:
    """Observations from a CSV or Parquet file, as :func:`~ezhou_recovery.load_observations`."""

    source = str(path)
    if Path(path).suffix.lower() == ".parquet":
        table = read_parquet(path, source)
        if columnar:
            return _observation_table(table, programme, source)
        return _observations_one_by_one(table, programme, source)
    pa = pyarrow_module()
    clean = clean_csv(path, source)
    if clean is not None:
        raw, first = clean
        header = csv_header(source, first, OBSERVATION_FIELDS, OBSERVATION_REQUIRED)
        # A blank line is read as a row of empty cells, which keeps the row numbers of the
        # per-object reader (which counts blank lines and skips them).
        words = pa.dictionary(pa.int32(), pa.string())
        # Values are many and mostly distinct: read as text, encoded afterwards (faster).
        types = {name: pa.string() if name == "value" else words for name in header}
        # With the kernel (which reads bytes), the value texts are checked to be UTF-8 once
        # each, after they are encoded, rather than cell by cell as pyarrow parses.
        deferred = ("value",) if _kernel.KERNEL is not None else None
        # Dates parsed by pyarrow as it splits the rows, if every one is written YYYY-MM-DD
        # within the supported years; else read again, each as text.
        table = read_csv(
            raw, header, {**types, "as_of": pa.date32()}, blank_lines=True, deferred=deferred
        )
        if table is None or not _dates_in_range(table.column("as_of")):
            table = read_csv(raw, header, types, blank_lines=True, deferred=deferred)
        if table is not None:
            try:
                return _observation_table(
                    table,
                    programme,
                    source,
                    first=2,
                    blank_rows=True,
                    texts_unchecked=deferred is not None,
                )
            except _NotUtf8:
                pass  # the csv module reads the file, and names the row
    # Python's csv module parses, as for the per-object reader (row numbers, blank lines,
    # quotes, errors in the same order); the checks still run on columns.
    header, rows = csv_rows(path, source, OBSERVATION_FIELDS, OBSERVATION_REQUIRED)
    listed = list(rows)
    numbers = np.array([int(where.removeprefix("row ")) for where, _ in listed], np.int64)
    table = pa.table(
        [pa.array([r[j] for _, r in listed], pa.string()) for j in range(len(header))],
        names=header,
    )
    return _observation_table(table, programme, source, numbers=numbers)


def _dates_in_range(column: Any) -> bool:
    """Whether every date of a date column lies within :data:`DATE_RANGE`."""
    import pyarrow.compute as pc

    # As day numbers: a date32 may lie beyond Python's dates (year 0).
    low, high = (x.as_py() for x in pc.min_max(column.cast(pyarrow_module().int32())).values())
    first, last = (d.toordinal() - _EPOCH for d in DATE_RANGE)
    return bool(first <= low and high <= last)


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
    check_type(programme, Programme, function="observations_from_frame", name="programme")
    table = as_table(frame, source)
    if columnar:
        return _observation_table(table, programme, source)
    return _observations_one_by_one(table, programme, source)


def _observations_one_by_one(
    table: pa.Table, programme: Programme, source: str
) -> tuple[Observation, ...]:
    """The per-object reading of a table: the reference the columnar reading must equal."""
    table = checked_columns(table, source, OBSERVATION_FIELDS, OBSERVATION_REQUIRED)
    one = RowReader(programme, source, table, None)
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
        return observation(programme, entry)
    except FieldProblem as exc:
        raise exc.at(source, where) from None
    except InvariantError as exc:
        raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
    except EzhouRecoveryError as exc:  # pragma: no cover - every known error is mapped above
        raise LoadError(source, where, str(exc)) from None


def _observation_table(
    table: pa.Table,
    programme: Programme,
    source: str,
    *,
    numbers: npt.NDArray[np.int64] | None = None,
    first: int = 0,
    blank_rows: bool = False,
    texts_unchecked: bool = False,
) -> ObservationTable:
    """Check and convert the columns of an observations table (see the module's docstring).

    ``numbers``: for a CSV file, each row's number (the header is row 1), or None when they run
    from ``first`` on (a frame's from 0); a file's cells are within the text limit already.
    ``blank_rows``: the CSV rows may include rows of empty cells, to be skipped, and empty
    required cells, to be refused before any value is read (as the per-object reader does); else
    that is done.
    ``texts_unchecked``: the value texts are not known to be UTF-8 yet; each distinct one is
    checked before it is read (:class:`_NotUtf8` when one is not).
    """
    from ezhou_recovery.evidence.table import ObservationTable, magnitude_of

    from_file = numbers is not None or first != 0
    table = checked_columns(
        table,
        source,
        OBSERVATION_FIELDS,
        OBSERVATION_REQUIRED,
        keep_dictionaries=True,
        lengths_checked=from_file,
    )
    n = table.num_rows
    known = _Targets.of(programme)
    names = table.column_names
    # Rows that are not plainly valid, found column by column; read again one at a time below.
    irregular = np.zeros(n, bool)
    # Null required cells (Parquet, frames): the per-object reader names them.
    for name in OBSERVATION_REQUIRED:
        column = table.column(name)
        if column.null_count:
            irregular |= column.is_null().to_numpy(zero_copy_only=False)
    coded = {
        name: dictionary_parts(table.column(name))
        for name in names
        if name != "value" and not pyarrow_module().types.is_date32(table.column(name).type)
    }
    code = _target_codes(*coded["target"], known.index, irregular)
    day = _day_numbers(table.column("as_of"), coded.get("as_of"), irregular)
    for name in ("source", "quality"):
        if name in names:
            codes, seen = coded[name]
            ok = np.array([_provenance_ok(name, x) for x in seen.to_pylist()] + [False])
            irregular |= ~ok[codes]
    values = _Values.read(
        table.column("value"), known, code, irregular, texts_unchecked=texts_unchecked
    )

    if blank_rows and n:
        rows = numbers if numbers is not None else np.arange(first, first + n)
        # Which distinct values are empty or white space: the rows are looked at only when one is.
        flags = {name: blank_flags(distinct) for name, (_, distinct) in coded.items()}
        flags["value"] = values.blank_flags()
        if any(found.any() for found in flags.values()):
            empty = {name: found[coded[name][0]] for name, found in flags.items() if name in coded}
            empty["value"] = flags["value"][values.codes if values.codes is not None else -1]
            for name in set(names) - set(empty):  # a date column: no cell is empty
                empty[name] = np.zeros(n, bool)
            blank = np.logical_and.reduce([empty[name] for name in names])
            if blank.any():
                kept = pyarrow_module().array(~blank)
                return _observation_table(
                    table.filter(kept),
                    programme,
                    source,
                    numbers=rows[~blank],
                    blank_rows=True,
                    texts_unchecked=texts_unchecked,
                )
            missing = np.logical_or.reduce([empty[name] for name in OBSERVATION_REQUIRED])
            if missing.any():
                i = int(np.argmax(missing))
                # A date cell (dates parsed by pyarrow) is filled: its text stands for it.
                cells = [table.column(j)[i].as_py() for j in range(len(names))]
                cells = [x.isoformat() if isinstance(x, date) else x for x in cells]
                positions = [names.index(name) for name in OBSERVATION_REQUIRED]
                where = f"row {int(rows[i])}"
                check_required(source, where, cells, OBSERVATION_REQUIRED, positions)

    # Rows that are not plainly valid: the per-object reader's function, in row order; the first
    # that is wrong raises its error.
    magnitude = values.magnitude
    one = RowReader(programme, source, table, numbers, first)
    for i in np.flatnonzero(irregular).tolist():
        try:
            o = one(i)
        except LoadError:
            # The per-object reader has warned of the rows before this one.
            _warn_implausible(one, known, code[:i], magnitude[:i], values)
            raise
        code[i] = known.index[o.target]
        day[i] = o.as_of.toordinal()
        magnitude[i] = magnitude_of(o.value)
    _warn_implausible(one, known, code, magnitude, values)

    return ObservationTable(
        programme,
        code.astype(np.int32),
        np.asarray(day, np.int32),
        magnitude,
        one,
        token=np.asarray(values.codes, np.int32) if values.codes is not None else None,
    )


@attrs.frozen(eq=False)
class _Targets:
    """What the column checks need of a programme's targets, worked out once per programme (a
    programme is immutable)."""

    targets: tuple[Target, ...]
    #: The index of each target key.
    index: dict[str, int]
    #: Per target, whether its values are quantities.
    quantitative: npt.NDArray[np.bool_]
    #: How a value written with a unit becomes a magnitude, per target and unit text.
    units: Units
    #: Per target, whether a plain number is a magnitude in its unit as it stands.
    direct: npt.NDArray[np.bool_]
    #: The number each value text (other than a plain number) of a target counts as, by target
    #: index and text; None when the per-object reader refuses it.
    numbers: dict[tuple[int, str], float | None] = attrs.field(factory=dict)
    #: Per target, the magnitude its values are compared with (see ``target_goals``).
    goals: npt.NDArray[np.float64] = attrs.field(init=False)
    #: Why a value is implausible (None: it is not), by target index and value: its text, or
    #: the magnitude of a plain number in the target's unit.
    verdicts: dict[tuple[int, str | float], str | None] = attrs.field(factory=dict)

    @goals.default
    def _goals(self) -> npt.NDArray[np.float64]:
        from ezhou_recovery.io.observation_columns import target_goals

        return target_goals(self.targets)

    @classmethod
    def of(cls, programme: Programme) -> _Targets:
        # Known by the programme's identity; the entry keeps the programme alive.
        found = _TARGETS.get(id(programme))
        if found is None or found[0] is not programme:
            targets = tuple(programme.targets)
            units = Units(targets)
            made = cls(
                targets,
                {t.key: i for i, t in enumerate(targets)},
                np.array([t.kind in QUANTITATIVE for t in targets], bool),
                units,
                np.array([units.direct(i) for i in range(len(targets))], bool),
            )
            if len(_TARGETS) >= 64:
                _TARGETS.clear()
            found = _TARGETS[id(programme)] = (programme, made)
        return found[1]


_TARGETS: dict[int, tuple[Programme, _Targets]] = {}


def _target_codes(
    codes: npt.NDArray[np.int64],
    keys: Any,
    index: dict[str, int],
    irregular: npt.NDArray[np.bool_],
) -> npt.NDArray[np.int64]:
    """Per row, the index of its target (one dictionary lookup per distinct key); an unknown
    key marks its row irregular (and counts as target 0 until it is read again)."""
    listed = keys.to_pylist()
    lookup = np.array([index.get(k, -1) if isinstance(k, str) else -1 for k in listed] + [-1])
    code: npt.NDArray[np.int64] = lookup[codes]
    irregular |= code < 0
    np.maximum(code, 0, out=code)
    return code


def _day_numbers(
    column: Any,
    coded: tuple[npt.NDArray[np.int64], Any] | None,
    irregular: npt.NDArray[np.bool_],
) -> _Codes:
    """Per row, the day number of its date: a date column as it is; texts written YYYY-MM-DD
    parsed as a column (each distinct text once), any other value read one at a time."""
    pa = pyarrow_module()
    low, high = (d.toordinal() for d in DATE_RANGE)
    if pa.types.is_date32(column.type) and not column.null_count:
        day = column.cast(pa.int32()).to_numpy() + np.int32(_EPOCH)  # within int32 till 5.8 My
        irregular |= (day < low) | (day > high)
        return np.asarray(day)
    codes, dates = coded if coded is not None else dictionary_parts(column)
    ordinals = np.full(len(dates) + 1, -1, np.int64)
    plain = np.zeros(len(dates), bool)
    if pa.types.is_string(dates.type) and len(dates):
        import pyarrow.compute as pc

        iso = pc.match_substring_regex(dates, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$").fill_null(False)
        at = np.flatnonzero(iso.to_numpy(zero_copy_only=False))
        try:  # Arrow's cast refuses a date that is not real (2021-02-30), as Python does
            days = dates.take(pa.array(at)).cast(pa.date32()).cast(pa.int32()).to_numpy() + _EPOCH
        except pa.ArrowInvalid:
            at = days = np.zeros(0, np.int64)  # each read one at a time: one is wrong
        fine = (days >= low) & (days <= high)
        plain[at[fine]] = True
        ordinals[at[fine]] = days[fine]
    listed = dates.to_pylist() if not plain.all() else []
    for j in np.flatnonzero(~plain).tolist():
        ordinals[j] = day_number(listed[j])
    day = ordinals[codes]
    irregular |= day < 0
    return np.asarray(day, np.int64)


@attrs.define
class _Values:
    """The value column read: per row its magnitude, and the code of its text (see
    :attr:`ObservationTable.token`; None for a numeric column)."""

    magnitude: npt.NDArray[np.float64]
    codes: _Codes | None
    texts: Any

    @classmethod
    def read(
        cls,
        values: Any,
        known: _Targets,
        code: npt.NDArray[np.int64],
        irregular: npt.NDArray[np.bool_],
        *,
        texts_unchecked: bool = False,
    ) -> _Values:
        """Read the values of the rows not yet irregular: plain numbers as a column, values
        with a unit split into number and unit, the rest once per target and distinct value;
        a value that cannot be read marks its row irregular. ``texts_unchecked``: each distinct
        text is checked to be UTF-8 first (:class:`_NotUtf8` when one is not)."""
        pa = pyarrow_module()
        n = len(values)
        magnitude = np.zeros(n, np.float64)
        kind = values.type
        if len(known.numbers) > 100_000:
            known.numbers.clear()
        if pa.types.is_string(kind) and not values.null_count:
            # Plain numbers and the other texts' codes in parts side by side; then one code per
            # distinct text, and every other value read once per target and text.
            codes = np.full(n, -1, np.int32)
            done = irregular.copy()

            def part(start: int, stop: int) -> tuple[slice, Any]:
                at = slice(start, stop)
                texts = _read_texts(
                    values.slice(start, stop - start),
                    known,
                    code[at],
                    done[at],
                    magnitude[at],
                    codes[at],
                )
                return at, texts

            parts = by_parts(n, part)
            if len(parts) == 1:
                texts = parts[0][1]
            else:
                # The parts' texts as one dictionary: each part's codes renumbered.
                renumbered, texts = dictionary_parts(
                    pa.chunked_array([t for _, t in parts], pa.string())
                )
                first = 0
                for at, texts_of_part in parts:
                    mapping = np.append(renumbered[first : first + len(texts_of_part)], -1)
                    codes[at] = mapping[codes[at]]
                    first += len(texts_of_part)
            # A plain number is ASCII by its pattern; every other text is one of ``texts``.
            if texts_unchecked and not utf8(texts):
                raise _NotUtf8
            _read_rest(None, codes, texts, known, code, done, irregular, magnitude)
            return cls(magnitude, codes, texts)
        if texts_unchecked and not all(utf8(chunk) for chunk in values.chunks):
            raise _NotUtf8
        if pa.types.is_dictionary(kind):
            every, texts = dictionary_parts(values)
            done = irregular.copy()
            fast, floats = plain_values(texts)
            fast = fast[every] & known.direct[code] & ~done
            np.copyto(magnitude, floats[every], where=fast)
            done |= fast
            _read_rest(None, every, texts, known, code, done, irregular, magnitude)
            return cls(magnitude, every, texts)
        done = irregular.copy()
        if (pa.types.is_floating(kind) or pa.types.is_integer(kind)) and not values.null_count:
            floats = values.cast(pa.float64()).to_numpy()
            limit = 2.0**53 if pa.types.is_integer(kind) else np.inf
            fast = (
                known.direct[code]
                & ~done
                & np.isfinite(floats)
                & ((floats == 0) | ((floats >= 1e-13) & (floats < 1e15)))  # the range
                & (np.abs(floats) < limit)
            )
            np.copyto(magnitude, floats, where=fast)
            done |= fast
        _read_rest(values, None, None, known, code, done, irregular, magnitude)
        return cls(magnitude, None, None)

    def blank_flags(self) -> npt.NDArray[np.bool_]:
        """Per distinct value text, whether it is empty or only white space, and a last False
        (for the code -1 of a plain number, and for a numeric column)."""
        if self.codes is None:
            return np.zeros(1, bool)
        return blank_flags(self.texts)


def _read_texts(
    values: Any,
    known: _Targets,
    code: npt.NDArray[np.int64],
    done: npt.NDArray[np.bool_],
    magnitude: npt.NDArray[np.float64],
    codes: _Codes,
) -> Any:
    """Read a text column (no nulls) into ``magnitude``, ``codes`` and ``done`` (slices of the
    whole): plain numbers where one is a magnitude as it stands (those rows are done), and every
    other row's text encoded (the code -1 marks a plain number in its target's unit). Returns
    the distinct texts."""
    plain, texts = read_values(values, known.direct[code] & ~done, magnitude, codes)
    done |= plain
    return texts


def _read_rest(
    values: Any,
    codes: _Codes | None,
    texts: Any,
    known: _Targets,
    code: npt.NDArray[np.int64],
    done: npt.NDArray[np.bool_],
    irregular: npt.NDArray[np.bool_],
    magnitude: npt.NDArray[np.float64],
) -> None:
    """Every row not done, once per target and distinct value: values written with a unit split
    into number and unit (see :func:`split_values`), whatever is left (milestones, levels,
    unusual numbers) as the per-object reader reads it; a value it refuses marks its row
    irregular. The values: their ``codes`` into ``texts``, or else the column ``values``."""
    rest = np.flatnonzero(~done)
    if not len(rest):
        return
    if codes is not None:
        rest_codes, distinct = codes[rest], texts
    else:
        rest_codes, distinct = dictionary_parts(values.take(pyarrow_module().array(rest)))
    size = len(distinct) + 1
    targets = known.targets
    keys = code[rest] * size
    keys += rest_codes
    space = len(targets) * size
    # In a small space of keys, each pair's reading is looked up by its key; else by its rank.
    table = space <= 4 * len(keys) + KEYS_LOOKED_UP
    if table:
        present = np.zeros(space, bool)
        present[keys] = True
        pairs = np.flatnonzero(present)
    else:
        pairs, inverse = unique_keys(keys, space)
    pair_target, pair_text = pairs // size, pairs % size
    read = np.zeros(len(pairs), np.float64)
    ok = np.zeros(len(pairs), bool)
    if codes is not None:
        quantitative = np.flatnonzero(known.quantitative[pair_target])
        read[quantitative], ok[quantitative] = split_values(
            distinct, pair_target[quantitative], pair_text[quantitative], known.units
        )
    left = np.flatnonzero(~ok)
    listed = distinct.take(pyarrow_module().array(pair_text[left])).to_pylist()
    numbers = known.numbers
    for j, i, text in zip(left.tolist(), pair_target[left].tolist(), listed, strict=True):
        if type(text) is not str:  # a number or a date from a frame, say
            number = read_number(targets[i], text)
        else:
            number = numbers.get((i, text), _UNREAD)
            if number is _UNREAD:
                number = numbers[i, text] = read_number(targets[i], text)
        ok[j] = number is not None
        read[j] = number if number is not None else 0.0
    read[~ok] = np.nan  # not a magnitude: the row is read again one at a time
    if table:
        by_key = np.empty(space, np.float64)
        by_key[pairs] = read
        found = by_key[keys]
    else:
        found = read[inverse]
    magnitude[rest] = found
    refused = np.isnan(found)
    if refused.any():
        irregular[rest[refused]] = True


class _NotUtf8(Exception):  # noqa: N818 - a signal within the reader, never raised to a caller
    """A value text of a CSV file is not UTF-8: the csv module reads the file (and names the
    row, as the per-object reader does)."""


#: How many more (target, text) keys than rows may be looked up in a table of all keys.
KEYS_LOOKED_UP = 1_000_000

#: A value text not read yet (None means read and refused).
_UNREAD: Final[Any] = object()


def _warn_implausible(
    one: RowReader,
    known: _Targets,
    code: npt.NDArray[np.int64],
    magnitude: npt.NDArray[np.float64],
    values: _Values,
) -> None:
    """Warn, in row order, of each row whose value is implausible for its target, as the
    per-object reader warns: the magnitudes compared with each target's value as columns, the
    few rows found read again to be checked exactly (once per target and value)."""
    from ezhou_recovery.io.observation_columns import implausible_rows

    targets, verdicts = known.targets, known.verdicts
    if len(verdicts) > 100_000:
        verdicts.clear()
    alone: dict[int, str | None] = {}
    for row in implausible_rows(targets, code, magnitude, known.goals).tolist():
        i = int(code[row])
        target = targets[i]
        # The same value: the same text, or a plain number in the target's unit with the same
        # magnitude (at most 15 digits: one decimal number); a row of a numeric column alone.
        text = int(values.codes[row]) if values.codes is not None else None
        if text is None:
            if row not in alone:
                alone[row] = implausibility(target, one.value(row, target))
            why = alone[row]
        else:
            key = (i, float(magnitude[row])) if text < 0 else (i, values.texts[text].as_py())
            if key not in verdicts:
                verdicts[key] = implausibility(target, one.value(row, target))
            why = verdicts[key]
        if why is not None:
            where = f"{one.where(row)}.value"
            warn_implausible(Finding(Severity.WARNING, "implausible-value", where, why), one.source)


def _provenance_ok(name: str, value: Any) -> bool:
    """Whether a source or quality cell passes every check the per-object reader makes of it
    (reading it, and the observation's own checks of the field)."""
    try:
        Observation("a.b", date(2020, 1, 1), True, *source_quality({name: value}))
    except (FieldProblem, InvariantError):
        return False
    return True
