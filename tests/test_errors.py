"""Every public error lives in ezhou_recovery.errors, under one base class, and is still importable
from the module that raises it and from the root."""

from __future__ import annotations

import importlib
import inspect
from datetime import date

import pytest

import ezhou_recovery as er
from ezhou_recovery import errors

#: Each public error and the module that raises it (and re-exports it).
RAISED_IN = {
    "CalendarUnavailableError": "ezhou_recovery.analysis.calendar",
    "DraftError": "ezhou_recovery.drafting",
    "ScheduleError": "ezhou_recovery.analysis.schedule",
    "UnmatchedSubmissionError": "ezhou_recovery.analysis.matching",
}


def test_every_public_error_class_is_defined_in_the_errors_module() -> None:
    found = set()
    for module_name in [
        *RAISED_IN.values(),
        "ezhou_recovery.errors",
        "ezhou_recovery.analysis.compliance",
        "ezhou_recovery.io.observation_files",
        "ezhou_recovery.io.submission_files",
    ]:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, Exception):
                assert obj.__module__ == "ezhou_recovery.errors", (module_name, name)
                found.add(name)
    assert found == set(errors.__all__)


@pytest.mark.parametrize("name", sorted(errors.__all__))
def test_each_error_is_an_ezhou_recovery_error(name: str) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, errors.EzhouRecoveryError)


@pytest.mark.parametrize(("name", "module_name"), sorted(RAISED_IN.items()))
def test_a_moved_error_is_the_same_class_where_it_was(name: str, module_name: str) -> None:
    assert getattr(importlib.import_module(module_name), name) is getattr(errors, name)


@pytest.mark.parametrize("name", sorted(errors.__all__))
def test_every_error_is_reachable_from_the_root(name: str) -> None:
    assert getattr(er, name) is getattr(errors, name)


def test_an_error_names_where_what_and_the_value() -> None:
    submission = er.Submission("quarterly_progress", "nobody", date(2021, 3, 25))
    error = errors.UnmatchedSubmissionError(
        3, submission, "department", "not a department of the programme"
    )
    assert str(error) == "submission 3: department = 'nobody': not a department of the programme"
    assert isinstance(error, ValueError)
