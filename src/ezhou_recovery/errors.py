"""The library's error types, all in this module.

Every error the library raises on bad input is an :class:`EzhouRecoveryError`, so a caller can catch
one type. Each says where the problem is (file, entry path or object), what is wrong, and the value.
A wrong argument type given to a public function is a :class:`TypeError`, as in Python itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = [
    "CalendarUnavailableError",
    "DraftError",
    "EzhouRecoveryError",
    "InvariantError",
    "LoadError",
    "ScheduleError",
    "UnitError",
    "UnmatchedSubmissionError",
]


class EzhouRecoveryError(Exception):
    """Base class of every error this library raises on bad input."""


class UnitError(EzhouRecoveryError, ValueError):
    """A quantity's text or unit could not be read, or does not fit the unit it must have.

    Attributes:
        text: The text or value that was being read.
        problem: What is wrong with it.
    """

    def __init__(self, text: object, problem: str) -> None:
        self.text = text
        self.problem = problem
        super().__init__(f"{problem}: {text!r}")


class InvariantError(EzhouRecoveryError, ValueError):
    """An object was built with values that break one of its rules.

    Attributes:
        where: The object (class and key) that was being built.
        field: The field that breaks the rule.
        value: The offending value.
        problem: The rule, in words.
    """

    def __init__(self, where: str, field: str, value: Any, problem: str) -> None:
        self.where = where
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{where}: {field} = {value!r}: {problem}")


class LoadError(EzhouRecoveryError, ValueError):
    """A data file could not be read into the model.

    Attributes:
        source: The file (or a description of the source) being read.
        path: Where in the file, for example ``categories[3].targets[2].value``, ``row 7``.
        problem: What is wrong.
        value: The offending value, when there is one.
    """

    def __init__(self, source: str, path: str, problem: str, value: Any = None) -> None:
        self.source = source
        self.path = path
        self.problem = problem
        self.value = value
        #: Every problem found, as ``(path, problem, value)``; the first is the one described.
        self.problems: list[tuple[str, str, Any]] = [(path, problem, value)]
        where = f"{source}: {path}" if path else source
        tail = f" (value: {_shown(value)})" if value is not None else ""
        super().__init__(f"{where}: {problem}{tail}")


class ScheduleError(EzhouRecoveryError, ValueError):
    """Schedule performance cannot be computed from the data given.

    Attributes:
        subject: The project or category key.
        problem: What is wrong.
    """

    def __init__(self, subject: str, problem: str) -> None:
        self.subject = subject
        self.problem = problem
        super().__init__(f"{subject}: {problem}")


class UnmatchedSubmissionError(EzhouRecoveryError, ValueError):
    """A submission names a duty, department, category or period the programme does not owe.

    Attributes:
        index: Position of the submission in the sequence given.
        submission: The submission (an :class:`~ezhou_recovery.Submission`).
        field: The field that does not match.
        problem: What is wrong.
    """

    def __init__(self, index: int, submission: Any, field: str, problem: str) -> None:
        self.index = index
        self.submission = submission
        self.field = field
        self.problem = problem
        value = getattr(submission, field)
        super().__init__(f"submission {index}: {field} = {value!r}: {problem}")


class CalendarUnavailableError(EzhouRecoveryError, LookupError):
    """The holiday calendar is not installed, or does not cover a date.

    Attributes:
        day: The date that could not be classified.
        problem: What is missing.
    """

    def __init__(self, day: date, problem: str) -> None:
        self.day = day
        self.problem = problem
        super().__init__(f"{day.isoformat()}: {problem}")


class DraftError(EzhouRecoveryError, ValueError):
    """A text that cannot be drafted at all (too long, not text)."""


def _shown(value: Any) -> str:
    """A value as the person who wrote it would recognise it: dates and quantities as text."""
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    if hasattr(value, "units") and hasattr(value, "magnitude"):
        return f"{value.magnitude} {value.units:~P}"
    if isinstance(value, type):
        return value.__name__
    return repr(value)
