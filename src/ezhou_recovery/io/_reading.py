"""Reading files within the bounds of :mod:`ezhou_recovery.io.limits`, decoding their text and
checking a CSV file's header: one rule, and one wording of its errors, for every loader."""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from typing import BinaryIO, Final

from ezhou_recovery.errors import LoadError
from ezhou_recovery.io.limits import current_limits

#: The first characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
#: return, hide the one that follows).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def escape_formula(text: str) -> str:
    """``text`` as a CSV text cell: with a leading apostrophe when a spreadsheet would take it for a
    formula. A text that starts with apostrophes before such a start gets one more, so that
    :func:`unescape_formula` gives back every text unchanged."""
    return "'" + text if _looks_like_formula(text) else text


def unescape_formula(text: str) -> str:
    """The inverse of :func:`escape_formula`: the apostrophe it adds is removed."""
    if text.startswith("'") and _looks_like_formula(text[1:]):
        return text[1:]
    return text


def read_bytes(path: str | PathLike[str], source: str) -> bytes:
    """A file's bytes, its size checked against ``max_file_bytes`` before it is read.

    Raises:
        LoadError: The file cannot be read or is too big.
    """
    with _file_errors(source):
        _check_size(os.stat(path).st_size, source)
        with open(path, "rb") as file:
            return _read_rest(file, b"", source)


def read_into(
    path: str | PathLike[str], source: str, allocate: Callable[[int], bytearray]
) -> tuple[bytearray, int]:
    """A file's bytes read into a buffer of ``allocate(size)`` bytes or more, and their number,
    checked as by :func:`read_bytes` (its size before it is opened). A file that grows while it
    is read, or that has no size (a pipe), is read to its end from the same opening.

    Raises:
        LoadError: The file cannot be read or is too big.
    """
    with _file_errors(source):
        _check_size(os.stat(path).st_size, source)
        with open(path, "rb", buffering=0) as file:
            status = os.fstat(file.fileno())
            size = status.st_size if stat.S_ISREG(status.st_mode) else 0
            buffer = allocate(size + 1)
            read = 0
            with memoryview(buffer) as view:
                while read <= size:
                    got = file.readinto(view[read:])
                    if not got:
                        return buffer, read
                    read += got
                whole = _read_rest(file, bytes(view[:read]), source)
            buffer = allocate(len(whole) + 1)
            buffer[: len(whole)] = whole
            return buffer, len(whole)


def _read_rest(file: BinaryIO, start: bytes, source: str) -> bytes:
    """``start`` and the rest of an open file, within ``max_file_bytes`` (a pipe, or a file that
    grows, has no size to check first)."""
    limits = current_limits()
    parts, total = [start], len(start)
    while total <= limits.max_file_bytes:
        part = file.read(min(limits.max_file_bytes + 1 - total, 1 << 20))
        if not part:
            return b"".join(parts)
        parts.append(part)
        total += len(part)
    more = f"more than {limits.max_file_bytes:_} bytes"
    raise LoadError(source, "", limits.problem("max_file_bytes", more))


def _check_size(size: int, source: str) -> None:
    limits = current_limits()
    if size > limits.max_file_bytes:
        raise LoadError(source, "", limits.problem("max_file_bytes", f"{size:_} bytes"))


@contextmanager
def _file_errors(source: str) -> Iterator[None]:
    """Errors of the file system as a :class:`LoadError` naming ``source``."""
    try:
        yield
    except FileNotFoundError:
        raise LoadError(source, "", "cannot read the file: no such file") from None
    except OSError as exc:
        raise LoadError(source, "", f"cannot read the file ({exc.strerror or exc})") from None


def read_text(path: str | PathLike[str], source: str) -> str:
    """A UTF-8 text file (a byte-order mark is dropped), within the limits.

    Raises:
        LoadError: The file cannot be read, is too big, or is not UTF-8.
    """
    return decode_text(read_bytes(path, source), source)


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 bytes as text, a byte-order mark dropped.

    Raises:
        LoadError: The bytes are not UTF-8; names the first byte that is not.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(source, f"byte {exc.start}", "not UTF-8 text") from None


def csv_records(text: str, source: str, *, strict: bool = False) -> Iterator[tuple[int, list[str]]]:
    """The records of CSV text, numbered as a spreadsheet shows them (the first is row 1).

    A quoted cell may span lines, so the number counts records, not lines. Each cell has a leading
    apostrophe before a formula start removed (see :func:`unescape_formula`). ``strict`` refuses
    a quote that does not close a quoted cell (:attr:`csv.Dialect.strict`).

    Raises:
        LoadError: Not valid CSV, or beyond a bound: rows, columns or characters in a cell.
    """
    limits = current_limits()
    check_cells = csv.field_size_limit() > limits.max_text
    reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
    number = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            where = f"row {number + 1}"
            if "field limit" in str(exc):
                raise LoadError(
                    source, where, limits.problem("max_text", "a cell holds too many characters")
                ) from None
            raise LoadError(source, where, f"not valid CSV ({exc})") from None
        if row is None:
            return
        number += 1
        where = f"row {number}"
        if number > limits.max_rows + 1:  # the header is not a data row
            raise LoadError(source, where, limits.problem("max_rows", "too many rows"))
        if len(row) > limits.max_columns:
            raise LoadError(
                source, where, limits.problem("max_columns", f"{len(row)} cells in a row")
            )
        if check_cells and any(len(cell) > limits.max_text for cell in row):
            raise LoadError(
                source, where, limits.problem("max_text", "a cell holds too many characters")
            )
        yield number, [unescape_formula(cell) if cell[:1] == "'" else cell for cell in row]


def check_columns(
    source: str,
    where: str,
    names: Sequence[str],
    fields: Sequence[str],
    required: Sequence[str] = (),
) -> list[str]:
    """The column names of a CSV header or a table, checked: each one of ``fields``, none
    twice, every one of ``required`` present. ``where`` names the header (``row 1``, ``columns``).

    Raises:
        LoadError: An unknown column (the value lists them), a missing required column, or a
            column named twice (the value lists the repeated names).
    """
    unknown = [name for name in names if name not in fields]
    if unknown:
        raise LoadError(source, where, f"unknown column(s), expected {', '.join(fields)}", unknown)
    missing = [name for name in required if name not in names]
    if missing:
        raise LoadError(source, where, f"missing column(s): {', '.join(missing)}")
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise LoadError(source, where, "a column is named twice", twice)
    return list(names)


def csv_header(
    source: str, first: Sequence[str] | None, fields: Sequence[str], required: Sequence[str] = ()
) -> list[str]:
    """A CSV file's header row (its first record, None for an empty file): the column names with
    white space stripped, checked by :func:`check_columns`.

    Raises:
        LoadError: No header row (an empty file, or a blank first line), or a bad column name.
    """
    if first is None or not any(cell.strip() for cell in first):
        raise LoadError(source, "row 1", f"expected a header row: {', '.join(fields)}")
    return check_columns(source, "row 1", [cell.strip() for cell in first], fields, required)


def csv_rows(
    path: str | PathLike[str], source: str, fields: Sequence[str], required: Sequence[str]
) -> tuple[list[str], Iterator[tuple[str, list[str]]]]:
    """The checked header of a CSV file, and its data rows (``row N``, cells), blank rows skipped.

    The rows are checked as they are read: each has as many cells as the header, and no empty
    required cell.

    Raises:
        LoadError: As :func:`read_text`, :func:`csv_records` and :func:`csv_header`; a row of
            another length; an empty required cell.
    """
    records = csv_records(read_text(path, source), source)
    first = next(records, None)
    header = csv_header(source, None if first is None else first[1], fields, required)
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
            check_required(source, where, row, required, positions)
            yield where, row

    return header, rows()


def check_required(
    source: str,
    where: str,
    row: Sequence[str],
    required: Sequence[str],
    positions: Sequence[int],
) -> None:
    """Refuse a CSV row (named ``where``) with an empty cell in a required column (at
    ``positions``).

    Raises:
        LoadError: Names the row and the column.
    """
    for name, i in zip(required, positions, strict=True):
        if not row[i].strip():
            raise LoadError(source, f"{where}.{name}", "required field is empty")
