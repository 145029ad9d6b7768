"""Whether optional engines are installed, asked without importing the modules that need them."""

from __future__ import annotations

import sys
from os import PathLike
from pathlib import Path
from typing import Final

#: Below this size a CSV file is read faster by Python's csv module than pyarrow is imported.
ARROW_MIN_BYTES: Final = 256 * 1024


def arrow_available() -> bool:
    """Whether pyarrow and numpy can be imported (the ``arrow`` extra)."""
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def arrow_worth_it(path: str | PathLike[str]) -> bool:
    """Whether to read a CSV file with pyarrow: it is installed, and either already imported or
    the file is big enough to repay importing it."""
    if "pyarrow" not in sys.modules:
        try:
            if Path(path).stat().st_size < ARROW_MIN_BYTES:
                return False
        except OSError:
            return False  # the per-object reader says what is wrong with the file
    return arrow_available()
