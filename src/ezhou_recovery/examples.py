"""The example dataset for the Ezhou plan, shipped inside the package.

**The figures are invented for illustration; they are not reported data.** The files are copies of
``examples/*.csv`` in the source tree (a test keeps the two byte-identical): the package copy is what
an installed library and the command line read, the ``examples/`` copy is what a reader of the
repository sees next to its README.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ezhou_recovery.evidence.observations import InvestmentReport, Observation
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
from ezhou_recovery.io.programme_files import load_ezhou_plan
from ezhou_recovery.io.submission_files import load_submissions

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Programme

__all__ = [
    "EXAMPLE_FILES",
    "example_investment_reports",
    "example_observations",
    "example_submissions",
]

#: The files of the example dataset, as named in ``examples/`` and in the package.
EXAMPLE_FILES: Final = ("ezhou_progress.csv", "ezhou_investment.csv", "ezhou_submissions.csv")


@contextmanager
def _example(name: str) -> Iterator[Path]:
    ref = resources.files(__package__).joinpath("data", "examples", name)
    with resources.as_file(ref) as path:
        yield path


def example_observations(programme: Programme | None = None) -> tuple[Observation, ...]:
    """Reported values of targets of the Ezhou plan (``ezhou_progress.csv``; invented figures),
    checked against ``programme`` (the embedded Ezhou plan by default)."""
    with _example("ezhou_progress.csv") as path:
        return load_observations(path, programme or load_ezhou_plan())


def example_investment_reports(programme: Programme | None = None) -> tuple[InvestmentReport, ...]:
    """Investment completed per category of the Ezhou plan (``ezhou_investment.csv``; invented)."""
    with _example("ezhou_investment.csv") as path:
        return load_investment_reports(path, programme or load_ezhou_plan())


def example_submissions(programme: Programme | None = None) -> tuple[Submission, ...]:
    """Reports received under the Ezhou plan (``ezhou_submissions.csv``; invented): on time, late
    (one by a time zone, one on a 调休 Sunday), missing and resubmitted; checked against
    ``programme`` (the embedded Ezhou plan by default)."""
    with _example("ezhou_submissions.csv") as path:
        return load_submissions(path, programme or load_ezhou_plan())
