"""How much input a reader accepts: bounds that keep hostile or broken files from costing unbounded
time or memory.

Every reader checks sizes before it parses and refuses input beyond a bound with a
:class:`~ezhou_recovery.LoadError` that names the bound and how to raise it. The defaults sit well
above real use (a province's file of a million rows passes); a caller with bigger files raises them
for a block of code::

    with er.raised_limits(max_rows=50_000_000):
        table = er.load_observations("nation.csv", programme, columnar=True)

The bounds hold per thread and per task (a :class:`contextvars.ContextVar`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Final

import attrs

__all__ = ["Limits", "current_limits", "raised_limits"]


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a whole number, 1 or more: {value!r}")


@attrs.frozen
class Limits:
    """The bounds every reader enforces.

    Attributes:
        max_file_bytes: Size of a CSV, JSON or TOML file, and of an xlsx file on disk.
        max_xlsx_bytes: Total decompressed size of the parts of an xlsx workbook, checked before
            the workbook is parsed (an xlsx file is a zip archive: a small file can hold a huge
            sheet).
        max_rows: Rows of a CSV file or a sheet, entries of a JSON list.
        max_columns: Columns of a CSV file's header.
        max_text: Characters in one text cell or field (the CSV module's own bound is the same).
    """

    max_file_bytes: int = attrs.field(default=4 * 2**30, validator=_positive)
    max_xlsx_bytes: int = attrs.field(default=2**30, validator=_positive)
    max_rows: int = attrs.field(default=10_000_000, validator=_positive)
    max_columns: int = attrs.field(default=256, validator=_positive)
    max_text: int = attrs.field(default=131_072, validator=_positive)

    def problem(self, name: str, found: str) -> str:
        """The text of an error for input beyond the bound ``name``: what was found, the bound,
        and how to raise it."""
        bound = getattr(self, name)
        return (
            f"{found}: beyond the limit {name}={bound:_} "
            f"(raise it with ezhou_recovery.raised_limits({name}=...))"
        )


DEFAULT_LIMITS: Final = Limits()
_current: ContextVar[Limits] = ContextVar("ezhou_recovery_limits", default=DEFAULT_LIMITS)


def current_limits() -> Limits:
    """The bounds in force here (the defaults unless raised by :func:`raised_limits`)."""
    return _current.get()


@contextmanager
def raised_limits(**changes: int) -> Iterator[Limits]:
    """Change some bounds for the block of a ``with`` statement.

    Args:
        changes: New values of :class:`Limits` fields, by name.

    Raises:
        TypeError: A name is not a field of :class:`Limits`.
        ValueError: A value is not a whole number, 1 or more.
    """
    limits = attrs.evolve(_current.get(), **changes)
    if limits.max_text > csv.field_size_limit():
        csv.field_size_limit(limits.max_text)
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)
