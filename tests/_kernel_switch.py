"""Turning the compiled plain-number kernel off for a test (as where the package has none)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ezhou_recovery.io._arrow import _kernel


@contextmanager
def without_kernel() -> Iterator[None]:
    """Plain numbers found by Arrow's compute functions, as where the package has no kernel."""
    saved = _kernel.KERNEL
    setattr(_kernel, "KERNEL", None)  # noqa: B010 - a Final module attribute, replaced for a test
    try:
        yield
    finally:
        setattr(_kernel, "KERNEL", saved)  # noqa: B010
