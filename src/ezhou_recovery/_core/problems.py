"""The one internal record of a bad value found while reading: (field, problem, value).

A reader's helpers raise :class:`FieldProblem` where they know the field (or cell) but not the
file or row; the loader that called them turns it into a :class:`~ezhou_recovery.LoadError`
naming the file and the row. It never leaves the library.
"""

from __future__ import annotations

from ezhou_recovery.errors import LoadError

__all__ = ["FieldProblem"]


class FieldProblem(ValueError):  # noqa: N818 - a record turned into a LoadError, never raised out
    """A value that a field does not accept.

    Attributes:
        field: The field or cell (``as_of``, ``目标 Targets!J7``); empty where the caller knows it.
        problem: What is wrong, in words.
        value: The offending value, when there is one.
    """

    def __init__(self, field: str, problem: str, value: object = None) -> None:
        self.field = field
        self.problem = problem
        self.value = value
        super().__init__(problem)

    def at(self, source: str, where: str = "") -> LoadError:
        """The :class:`~ezhou_recovery.LoadError` for this problem in ``source`` at ``where``
        (a row, an entry): the field appended to it."""
        path = ".".join(part for part in (where, self.field) if part)
        return LoadError(source, path, self.problem, self.value)
