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

__all__ = ["KERNEL", "PlainNumbers", "library_path"]


def library_path() -> Path:
    """Where the compiled library is, when it is (beside this module)."""
    return Path(__file__).with_name(
        "_numbers" + (sysconfig.get_config_var("SHLIB_SUFFIX") or ".so")
    )


class PlainNumbers:
    """The kernel's one function, over an Arrow text column (``string``: 32-bit offsets)."""

    def __init__(self, library: ctypes.CDLL) -> None:
        function = library.ezr_plain_numbers
        function.restype = ctypes.c_int64
        pointer, count = ctypes.c_void_p, ctypes.c_int64
        function.argtypes = [pointer, pointer, count, count, pointer, pointer, pointer]
        self._function = function

    def __call__(
        self,
        values: Any,
        want: npt.NDArray[np.bool_],
        number: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.bool_] | None:
        """Per row of ``values`` (an Arrow ``string`` array or chunked array, without nulls),
        whether it is wanted and a plain decimal number of at most 15 characters; the number is
        written into ``number`` at those rows (others are left as they are). None when a chunk is
        not of the ``string`` type (read it with Arrow's compute functions instead)."""
        chunks = values.chunks if hasattr(values, "chunks") else [values]
        if any(str(chunk.type) != "string" for chunk in chunks):
            return None
        n = len(values)
        if len(want) != n or len(number) != n:
            raise ValueError(f"{n} values, {len(want)} wants and {len(number)} numbers")
        want = np.ascontiguousarray(want, np.bool_)
        if not number.flags.c_contiguous or number.dtype != np.float64:
            raise ValueError("the numbers must be a contiguous float64 array")
        plain = np.empty(n, np.bool_)
        at = 0
        for chunk in chunks:
            rows = len(chunk)
            if rows:
                _, offsets, data = chunk.buffers()
                if offsets.size < 4 * (chunk.offset + rows + 1):
                    raise ValueError("an Arrow text column with too few offsets")
                self._function(
                    offsets.address + 4 * chunk.offset,
                    data.address if data is not None else 0,
                    data.size if data is not None else 0,
                    rows,
                    want.ctypes.data + at,
                    plain.ctypes.data + at,
                    number.ctypes.data + 8 * at,
                )
            at += rows
        return plain


def _load() -> PlainNumbers | None:
    if os.environ.get("EZHOU_RECOVERY_NO_KERNEL") == "1":
        return None
    path = library_path()
    if not path.is_file():
        return None
    try:
        return PlainNumbers(ctypes.CDLL(str(path)))
    except (OSError, AttributeError):  # not loadable here, or not the kernel
        return None


#: The kernel, or None when the package has none (or it is turned off).
KERNEL: Final[PlainNumbers | None] = _load()
