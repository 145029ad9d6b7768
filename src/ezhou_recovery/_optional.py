"""Whether optional engines are installed, asked without importing the modules that need them."""

from __future__ import annotations


def arrow_available() -> bool:
    """Whether pyarrow and numpy can be imported (the ``arrow`` extra)."""
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True
