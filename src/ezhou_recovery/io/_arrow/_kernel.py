"""The compiled plain-number kernel (``_numbers.c``, built by the package's build hook), loaded
with ctypes when the installed package has it.

ctypes releases the GIL for the call, so the parts of a column are read side by side. Without the
library (no C compiler at install, ``EZHOU_RECOVERY_NO_KERNEL=1`` at build or run time)
:data:`KERNEL` is None and the reader uses Arrow's compute functions; both give the same results
(``tests/io/test_arrow_kernel.py``).
"""

from __future__ import annotations

import ctypes
import os
import sysconfig
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = ["KERNEL", "Kernel", "library_path"]


def library_path() -> Path:
    """Where the compiled library is, when it is (beside this module)."""
    return Path(__file__).with_name(
        "_numbers" + (sysconfig.get_config_var("SHLIB_SUFFIX") or ".so")
    )


class Kernel:
    """The kernel's functions, over an Arrow text column of the ``string`` type (32-bit offsets;
    None for any other: read it with Arrow's compute functions instead)."""

    def __init__(self, library: ctypes.CDLL) -> None:
        pointer, count = ctypes.c_void_p, ctypes.c_int64
        plain = library.ezr_plain_numbers
        plain.restype = count
        plain.argtypes = [pointer, pointer, count, count, pointer, pointer, pointer]
        values = library.ezr_read_values
        values.restype = count
        values.argtypes = [pointer, pointer, count, count, count, pointer, pointer, pointer]
        values.argtypes += [pointer, count, pointer, pointer, pointer, pointer, ctypes.c_uint64]
        self._plain, self._values = plain, values
        self._seed = int.from_bytes(os.urandom(8), "little")

    def plain_numbers(
        self,
        values: Any,
        want: npt.NDArray[np.bool_],
        number: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.bool_] | None:
        """Per row of ``values`` (an Arrow array or chunked array, without nulls), whether it is
        wanted and a plain decimal number of at most 15 characters; the number is written into
        ``number`` at those rows (others are left as they are)."""
        chunks = _chunks(values, want, number)
        if chunks is None:
            return None
        plain = np.empty(len(values), np.bool_)
        for at, rows, offsets, data, size in chunks:
            self._plain(
                offsets, data, size, rows, want.ctypes.data + at, plain.ctypes.data + at,
                number.ctypes.data + 8 * at,
            )  # fmt: skip
        return plain

    def read_values(
        self,
        values: Any,
        want: npt.NDArray[np.bool_],
        number: npt.NDArray[np.float64],
        codes: npt.NDArray[np.int32],
        *,
        capacity: int | None = None,
    ) -> npt.NDArray[np.int64] | None:
        """One pass over ``values`` (as :meth:`plain_numbers`): a wanted plain number is written
        into ``number`` and its code is -1; every other row's code (into ``codes``) is the index
        of its text among the distinct texts, in order of first appearance. Returns the row where
        each distinct text first appears; None where Arrow must encode instead (a column of
        another type, malformed offsets, or texts that crowd the table).

        ``capacity``: the table's slots (a power of two; at least twice the rows unless given).
        """
        chunks = _chunks(values, want, number)
        if chunks is None:
            return None
        if len(codes) != len(values):
            raise ValueError(f"{len(values)} values and {len(codes)} codes")
        _require(codes, np.int32, "codes")
        n = len(values)
        if capacity is None:
            capacity = 1 << max(4, (2 * n).bit_length())
        elif capacity < 1 or capacity & (capacity - 1):
            raise ValueError(f"the capacity must be a power of two, not {capacity}")
        slots = np.full(capacity, -1, np.int32)
        starts = np.empty(n, np.uintp)
        lengths = np.empty(n, np.int32)
        first = np.empty(n, np.int64)
        distinct = np.zeros(1, np.int64)
        for at, rows, offsets, data, size in chunks:
            failed = self._values(
                offsets, data, size, rows, at, want.ctypes.data + at,
                number.ctypes.data + 8 * at, codes.ctypes.data + 4 * at, slots.ctypes.data,
                capacity, starts.ctypes.data, lengths.ctypes.data, first.ctypes.data,
                distinct.ctypes.data, self._seed,
            )  # fmt: skip
            if failed:
                return None
        return first[: int(distinct[0])]


def _chunks(
    values: Any, want: npt.NDArray[np.bool_], number: npt.NDArray[np.float64]
) -> list[tuple[int, int, int, int, int]] | None:
    """Per non-empty chunk of ``values``: its first row in the whole, its rows, and the addresses
    of its offsets and data and the data's size; None unless every chunk is of the ``string``
    type and has no null (a null slot may have bytes under it: the kernel reads no validity
    bitmap). The per-row arrays are checked to match the column."""
    chunks = values.chunks if hasattr(values, "chunks") else [values]
    if any(str(chunk.type) != "string" or chunk.null_count for chunk in chunks):
        return None
    n = len(values)
    if len(want) != n or len(number) != n:
        raise ValueError(f"{n} values, {len(want)} wants and {len(number)} numbers")
    _require(want, np.bool_, "wants")
    _require(number, np.float64, "numbers")
    found = []
    at = 0
    for chunk in chunks:
        rows = len(chunk)
        if rows:
            _, offsets, data = chunk.buffers()
            if offsets.size < 4 * (chunk.offset + rows + 1):
                raise ValueError("an Arrow text column with too few offsets")
            address, size = (data.address, data.size) if data is not None else (0, 0)
            found.append((at, rows, offsets.address + 4 * chunk.offset, address, size))
        at += rows
    return found


def _require(array: npt.NDArray[Any], kind: type[np.generic], what: str) -> None:
    """Refuse a per-row array the kernel cannot write or read as it stands."""
    if not array.flags.c_contiguous or array.dtype != kind:
        raise ValueError(f"the {what} must be a contiguous {np.dtype(kind).name} array")


def _load() -> Kernel | None:
    if os.environ.get("EZHOU_RECOVERY_NO_KERNEL") == "1":
        return None
    path = library_path()
    if not path.is_file():
        return None
    try:
        return Kernel(ctypes.CDLL(str(path)))
    except (OSError, AttributeError):  # not loadable here, or not the kernel
        return None


#: The kernel, or None when the package has none (or it is turned off).
KERNEL: Final[Kernel | None] = _load()
