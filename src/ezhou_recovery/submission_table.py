"""Submissions as columns: the batch path of :func:`ezhou_recovery.compliance` (needs numpy).

A :class:`SubmissionTable` holds one programme's submissions as numpy arrays: per row the day it
arrived (China time, as a day number) and which duty, department, period and category it names
(an index into the distinct sets of those four fields). :func:`~ezhou_recovery.compliance` takes a
table in place of a list of submissions and matches each distinct set of fields to its deadlines
once, then finds each deadline's first report with numpy. The table is also a sequence of
:class:`~ezhou_recovery.Submission` objects, built when first asked for, equal to those the
per-object reader gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, overload

import attrs
import numpy as np
import numpy.typing as npt

from .errors import InvariantError
from .submissions import Submission

if TYPE_CHECKING:  # pragma: no cover
    from .programme import Programme

__all__ = ["SubmissionTable"]

#: What a submission names: its duty, department, period and category.
Fields = tuple[str, str, str | None, str | None]


@attrs.frozen(eq=False)
class _Given:
    """Rows given as objects."""

    items: tuple[Submission, ...]

    def __call__(self) -> Sequence[Submission]:
        return self.items


@attrs.frozen(eq=False, repr=False)
class SubmissionTable(Sequence[Submission]):
    """One programme's submissions as columns, in input order.

    Read one with ``load_submissions(path, programme, columnar=True)`` (or
    :func:`~ezhou_recovery.submissions_from_frame`), or build one with :meth:`from_submissions`;
    pass it to :func:`~ezhou_recovery.compliance` as the submissions. Indexing and iterating give
    :class:`~ezhou_recovery.Submission` objects.

    Attributes:
        programme: The programme whose duties, departments and categories the rows name.
        fields: The distinct (duty, department, period, category) the rows name.
        key: Per row, the index of its fields in ``fields``.
        day: Per row, the day it arrived in China time, as a day number (``date.toordinal()``).
    """

    programme: Programme
    fields: tuple[Fields, ...]
    key: npt.NDArray[np.int32]
    day: npt.NDArray[np.int32]
    _build: Callable[[], Sequence[Submission]]
    _objects: list[Sequence[Submission]] = attrs.field(factory=list, init=False)

    @classmethod
    def from_submissions(
        cls, programme: Programme, submissions: Iterable[Submission]
    ) -> SubmissionTable:
        """A table of ``submissions``, which must be :class:`~ezhou_recovery.Submission` objects
        (they are matched to the programme's deadlines by :func:`~ezhou_recovery.compliance`)."""
        items = tuple(submissions)
        index: dict[Fields, int] = {}
        key = np.empty(len(items), np.int32)
        day = np.empty(len(items), np.int32)
        for row, s in enumerate(items):
            if not isinstance(s, Submission):
                raise InvariantError(
                    "SubmissionTable", "submissions", s, "must be Submission objects"
                )
            key[row] = index.setdefault(
                (s.obligation, s.department, s.period, s.category), len(index)
            )
            day[row] = s.received_on.toordinal()
        return cls(programme, tuple(index), key, day, _Given(items))

    def __len__(self) -> int:
        return len(self.day)

    @overload
    def __getitem__(self, row: int) -> Submission: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Submission]: ...

    def __getitem__(self, row: int | slice) -> Submission | Sequence[Submission]:
        return self._all()[row]

    def __iter__(self) -> Iterator[Submission]:
        return iter(self._all())

    def __repr__(self) -> str:
        return f"<SubmissionTable of {self.programme.key!r}: {len(self)} submissions>"

    @property
    def received(self) -> npt.NDArray[np.datetime64]:
        """The days they arrived (China time) as ``datetime64[D]``."""
        return (self.day.astype(np.int64) - date(1970, 1, 1).toordinal()).astype("datetime64[D]")

    def _all(self) -> Sequence[Submission]:
        if not self._objects:
            self._objects.append(self._build())
        return self._objects[0]
