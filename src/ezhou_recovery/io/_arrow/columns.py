"""Arrow columns in and out: pyarrow imported on need, CSV files that pyarrow reads as Python's
csv module does, Parquet files, dataframes, column names checked as a CSV header is, and the
dictionary codes every column check works on."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from ezhou_recovery.errors import LoadError
from ezhou_recovery.io._reading import check_columns, read_into
from ezhou_recovery.io.limits import current_limits

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "as_table",
    "blank_distinct",
    "blank_flags",
    "by_parts",
    "checked_columns",
    "clean_csv",
    "dictionary_codes",
    "dictionary_parts",
    "pa_types",
    "pyarrow_module",
    "read_csv",
    "read_parquet",
    "row_entry",
    "unique_keys",
    "utf8",
]


def pyarrow_module() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - the tests without pyarrow cover the callers
        raise ImportError(
            'reading Parquet files and dataframes needs pyarrow: pip install "ezhou-recovery[arrow]"'
        ) from None
    return pyarrow


def clean_csv(path: str | PathLike[str], source: str) -> tuple[pa.Buffer, list[str]] | None:
    """The bytes (without a byte-order mark) and the raw header cells of a CSV file that both
    parsers read alike; None when the per-object parser must read it. The bytes are valid until
    this thread reads the next file (see :func:`_file_bytes`)."""
    data, size = _file_bytes(path, source)  # within the file size limit
    start = 3 if size >= 3 and data[:3] == b"\xef\xbb\xbf" else 0
    # Quotes, and apostrophes (a cell may start with one the library writes before a formula
    # start, which the per-object reader removes): Python's csv module reads such a file.
    if data.find(b'"', start, size) >= 0 or data.find(b"'", start, size) >= 0:
        return None
    end = data.find(b"\n", start, size)
    line = bytes(data[start : size if end < 0 else end])
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
    return pyarrow_module().py_buffer(memoryview(data)[start:size]), header


def _file_bytes(path: str | PathLike[str], source: str) -> tuple[bytearray, int]:
    """A file's bytes, and their number: read into this thread's buffer, which is kept for the
    next file (a new buffer of some MB costs the system a page fault every 4 KiB, about a fifth of
    the time pyarrow takes to parse the file). pyarrow's reader copies what it keeps, so the
    buffer is free again once a file is read; one still held (a buffer export) is not reused."""
    return read_into(path, source, _thread_buffer)


def _thread_buffer(size: int) -> bytearray:
    """A buffer of at least ``size`` bytes: this thread's own when it is free and the file not
    over ``_KEPT_BYTES``, else a new one."""
    if size > _KEPT_BYTES:
        return bytearray(size)
    kept = getattr(_KEPT, "buffer", None)
    if kept is None or len(kept) < size or not _unexported(kept):
        kept = bytearray(max(size, 1 << 20))
        _KEPT.buffer = kept
    return kept


def _unexported(buffer: bytearray) -> bool:
    """Whether nothing holds a view of ``buffer`` (a bytearray with views cannot be resized)."""
    try:
        buffer.append(0)
    except BufferError:
        return False
    buffer.pop()
    return True


#: Each thread's buffer for the files it reads (kept for files up to ``_KEPT_BYTES``).
_KEPT = threading.local()
_KEPT_BYTES = 64 << 20


def read_csv(
    raw: pa.Buffer,
    names: list[str],
    types: Mapping[str, Any],
    *,
    blank_lines: bool,
    deferred: Collection[str] | None = None,
) -> pa.Table | None:
    """pyarrow's reading of a CSV file's rows, each column as ``types`` says (text, or a type
    every cell must convert to); a blank line is a row of empty cells when ``blank_lines`` (else
    it is skipped). None when pyarrow cannot read it so, or a text is not UTF-8.

    ``deferred``: None, and pyarrow checks that every cell is UTF-8 as it parses; else the text
    columns are checked after, each distinct text of a dictionary column once, except the columns
    named, which the caller checks (once per distinct text too, say).
    """
    pa = pyarrow_module()
    import pyarrow.csv as pacsv

    # A file is split into blocks that pyarrow parses side by side: as many as it has CPUs (so a
    # small file is not parsed on one of them), of 64 KiB to 1 MiB (pyarrow's own size).
    block = min(1 << 20, max(1 << 16, -(-len(raw) // max(1, pa.cpu_count()))))
    try:
        table = pacsv.read_csv(
            raw,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=block),
            # No quote character appears (see clean_csv), so the default one changes nothing
            # (and reads faster than none).
            parse_options=pacsv.ParseOptions(ignore_empty_lines=not blank_lines),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                # No cell is null: an empty or "NA" cell of a typed column fails the read.
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=deferred is None,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if deferred is not None and not _utf8_but(table, deferred):
        return None  # the per-object reader names the row
    if not table.num_rows or _beyond_limits(table, len(raw)):
        return None  # the per-object reader names the limit
    return table


def _utf8_but(table: pa.Table, deferred: Collection[str]) -> bool:
    """Whether the texts of each text column not named in ``deferred`` are UTF-8 (of a dictionary
    column, its distinct texts)."""
    pa = pyarrow_module()
    for name in table.column_names:
        if name in deferred:
            continue
        for chunk in table.column(name).chunks:
            texts = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
            if pa.types.is_string(texts.type) and not utf8(texts):
                return False
    return True


def utf8(texts: Any) -> bool:
    """Whether every text of an Arrow text array is UTF-8."""
    try:
        texts.validate(full=True)
    except pyarrow_module().ArrowInvalid:
        return False
    return True


def _beyond_limits(table: pa.Table, size: int) -> bool:
    """Whether a table read from a CSV file of ``size`` bytes has too many rows or a cell with too
    many characters (see :mod:`ezhou_recovery.io.limits`)."""
    limits = current_limits()
    if table.num_rows > limits.max_rows:
        return True
    if size <= limits.max_text:
        return False
    for column in table.columns:
        if pa_types().is_date32(column.type):
            continue
        if pa_types().is_dictionary(column.type):
            # Each chunk's own dictionary (unifying them costs more).
            if any(_longest(chunk.dictionary) > limits.max_text for chunk in column.chunks):
                return True
        elif _longest(column) > limits.max_text:
            return True
    return False


def _longest(texts: Any) -> int:
    """The number of characters in the longest cell of a text column (0 when it has none)."""
    import pyarrow.compute as pc

    # A cell has no more characters than bytes: counting bytes is enough for most columns.
    found = pc.max(pc.binary_length(texts)).as_py()
    limit = current_limits().max_text
    if found is not None and found > limit:
        found = pc.max(pc.utf8_length(texts)).as_py()
    return found or 0


def pa_types() -> Any:
    return pyarrow_module().types


def as_table(frame: Any, source: str) -> pa.Table:
    """An Arrow table of ``frame``: a pyarrow table or any object that exports an Arrow stream
    (pandas, polars, DuckDB, ... through ``__arrow_c_stream__``)."""
    pa = pyarrow_module()
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


def read_parquet(path: str | PathLike[str], source: str) -> pa.Table:
    pa = pyarrow_module()
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path)
    except OSError as exc:
        raise LoadError(source, "", f"cannot read the file ({exc})") from None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise LoadError(source, "", f"not a readable Parquet file ({exc})") from None


def checked_columns(
    table: pa.Table,
    source: str,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    keep_dictionaries: bool = False,
    lengths_checked: bool = False,
) -> pa.Table:
    """The table with each column as a plain (not dictionary, not view) array; its names checked
    as a CSV header is, and its text cells against the text limit (unless ``lengths_checked``:
    a CSV file's reader has checked them)."""
    pa = pyarrow_module()
    names = [str(n) for n in table.column_names]
    limits = current_limits()
    if len(names) > limits.max_columns:
        raise LoadError(source, "", limits.problem("max_columns", f"{len(names)} columns"))
    if table.num_rows > limits.max_rows:
        raise LoadError(source, "", limits.problem("max_rows", f"{table.num_rows:_} rows"))
    check_columns(source, "columns", names, fields, required)
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
        if not lengths_checked:
            _check_text_length(column, source)
        columns.append(column)
    return pa.table(columns, names=names)


def _check_text_length(column: Any, source: str) -> None:
    """Refuse a text cell longer than the ``max_text`` limit, naming its row."""
    pa = pyarrow_module()
    import pyarrow.compute as pc

    kind = column.type
    texts = column
    if pa.types.is_dictionary(kind):
        texts = column.cast(kind.value_type)
    if not pa.types.is_string(texts.type):
        return
    limits = current_limits()
    if _longest(texts) > limits.max_text:
        lengths = pc.utf8_length(texts)
        row = int(np.argmax(lengths.fill_null(0).to_numpy() > limits.max_text))
        raise LoadError(
            source, f"row {row}", limits.problem("max_text", "a cell holds too many characters")
        )


def row_entry(
    table: pa.Table, i: int, required: tuple[str, ...]
) -> tuple[dict[str, Any], str | None]:
    """Row ``i`` of a table as the per-object reader's entry (nulls left out), with the first
    required field that is missing."""
    found = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        value = column[i].as_py()
        if value is not None:
            found[name] = value
    missing = next((name for name in required if name not in found), None)
    return found, missing


def dictionary_codes(column: Any) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Per row an index into the column's distinct values (as Python objects, None for null)."""
    codes, distinct = dictionary_parts(column)
    return codes, distinct.to_pylist()


def dictionary_parts(column: Any) -> tuple[npt.NDArray[np.int64], Any]:
    """Per row an index into the column's distinct values, and those values (an Arrow array;
    null is one of them). The column: an Arrow array or chunked array, dictionary-encoded or
    not."""
    pa = pyarrow_module()
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode(null_encoding="encode")
    if isinstance(column, pa.Array):
        return column.indices.to_numpy(zero_copy_only=False).astype(np.int64), column.dictionary
    if not column.num_chunks:
        return np.zeros(0, np.int64), pa.array([], column.type.value_type)
    encoded = column.unify_dictionaries()
    indices = pa.chunked_array([c.indices for c in encoded.chunks], type=column.type.index_type)
    return indices.to_numpy().astype(np.int64), encoded.chunk(0).dictionary


def blank_distinct(codes: npt.NDArray[np.int64], distinct: Any) -> npt.NDArray[np.bool_]:
    """Per row, whether its cell is empty or only white space, from the distinct values (a list
    or an Arrow array)."""
    return np.asarray(blank_flags(distinct)[codes], bool)


def blank_flags(distinct: Any) -> npt.NDArray[np.bool_]:
    """Per distinct value (a list or an Arrow array), whether it is empty or only white space;
    then a last False (the code -1 reads it)."""
    if not isinstance(distinct, list):
        distinct = distinct.to_pylist()
    return np.array([isinstance(x, str) and not x.strip() for x in distinct] + [False])


_T = TypeVar("_T")

#: Rows per part below which a column is worked on in one piece (a thread costs more than it
#: saves on fewer).
PART_ROWS = 16_384
#: How many threads work on the parts of a column; None: as many as Arrow's CPU count.
THREADS: int | None = None
#: The threads, and the process that started them (a child made by fork has none of them).
_POOL: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    pid = os.getpid()
    if pid not in _POOL:
        _POOL.clear()
        _POOL[pid] = ThreadPoolExecutor(thread_name_prefix="ezhou_recovery")
    return _POOL[pid]


def by_parts(rows: int, work: Callable[[int, int], _T]) -> list[_T]:
    """``work(start, stop)`` for consecutive ranges of ``rows`` rows, side by side in threads
    (Arrow's compute functions and numpy's loops release the GIL); the results in row order. As
    many parts as Arrow's CPU count allows (``pyarrow.set_cpu_count(1)`` keeps it to one); within
    a part, one part (a part's parts would wait for threads that are all at work)."""
    threads = THREADS if THREADS is not None else pyarrow_module().cpu_count()
    parts = max(1, min(threads, 8, rows // PART_ROWS))
    if parts == 1 or getattr(_INSIDE, "part", False):
        return [work(0, rows)]
    size = -(-rows // parts)
    ranges = [(start, min(rows, start + size)) for start in range(0, rows, size)]
    part = _as_part(work)
    later = [_pool().submit(part, *bounds) for bounds in ranges[1:]]
    return [part(*ranges[0]), *(future.result() for future in later)]


def _as_part(work: Callable[[int, int], _T]) -> Callable[[int, int], _T]:
    def part(start: int, stop: int) -> _T:
        _INSIDE.part = True
        try:
            return work(start, stop)
        finally:
            _INSIDE.part = False

    return part


#: Whether this thread is working on a part.
_INSIDE = threading.local()


def unique_keys(
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
