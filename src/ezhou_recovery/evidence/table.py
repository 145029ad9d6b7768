"""Observations as columns (needs numpy): the container the batch path of
:func:`ezhou_recovery.assess` works on.

An :class:`ObservationTable` holds one programme's observations as numpy arrays: the target (an
index into ``programme.targets``), the date (a day number) and the magnitude in the target's unit,
converted once when the table is built. :func:`~ezhou_recovery.assess` takes a table in place of a
list of observations, and builds one itself from a long list. The batch assessment itself lives in
:mod:`ezhou_recovery.analysis.attainment.columnar`; reading a table from a file in
:mod:`ezhou_recovery.io.observation_columns`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ezhou_recovery._core import validators as v
from ezhou_recovery.errors import InvariantError
from ezhou_recovery.evidence.observations import Observation, QualitativeLevel, normalised
from ezhou_recovery.model.targets import Target, TargetKind

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.model.programme import Programme

__all__ = ["ObservationTable", "SortedRows", "magnitude_of"]

#: The target kinds whose values are quantities.
QUANTITATIVE: Final = frozenset({TargetKind.LEVEL, TargetKind.CUMULATIVE, TargetKind.ANNUAL_RATE})


def magnitude_of(value: Any) -> float:
    """The number a value counts as: a magnitude, 1/0 for done/not done, a level's rank."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, QualitativeLevel):
        return float(value.rank)
    return float(value.magnitude)


@attrs.frozen(eq=False)
class SortedRows:
    """The rows of a table sorted by target and date, one per target and date."""

    rows: npt.NDArray[np.intp]
    keys: npt.NDArray[np.int64]


# How a table gives back one row as an Observation: plain objects rather than closures, so that a
# table pickles (to a process pool, a cluster) with everything it needs.


@attrs.frozen(eq=False)
class _FromObjects:
    """Rows built from observations: the observation, normalised to its target's unit."""

    targets: tuple[Target, ...]
    code: npt.NDArray[np.int32]
    items: tuple[Observation, ...]

    def __call__(self, row: int) -> Observation:
        return normalised(self.targets[int(self.code[row])], self.items[row])


@attrs.frozen(eq=False, repr=False)
class ObservationTable:
    """One programme's observations as columns, in input order.

    Build one with ``load_observations(path, programme, columnar=True)`` or
    :meth:`from_observations`; pass it to :func:`~ezhou_recovery.assess` as the observations.

    Attributes:
        programme: The programme whose targets the rows refer to.
        target: Per row, the index of its target in ``programme.targets``.
        day: Per row, the date as a day number (``date.toordinal()``).
        magnitude: Per row, the value as a number in the target's unit (a milestone: 1 done,
            0 not; a qualitative goal: the level's rank).
    """

    programme: Programme
    target: npt.NDArray[np.int32]
    day: npt.NDArray[np.int32]
    magnitude: npt.NDArray[np.float64]
    _rebuild: Callable[[int], Observation]
    #: Per row, a code of its value as written: two rows of one target with the same code (0 or
    #: more) have the same value; -1 marks a plain number in the target's unit, whose value is its
    #: magnitude (two such rows have the same value exactly when their magnitudes are equal).
    #: None when unknown.
    token: npt.NDArray[np.int32] | None = attrs.field(default=None, kw_only=True)
    #: The rows sorted by target and date, once the columnar assessment has sorted them.
    sorted_rows: list[SortedRows] = attrs.field(factory=list, init=False)

    def __len__(self) -> int:
        return len(self.day)

    def __repr__(self) -> str:
        return f"<ObservationTable of {self.programme.key!r}: {len(self)} observations>"

    def observation(self, row: int) -> Observation:
        """Row ``row`` as an :class:`~ezhou_recovery.Observation` in its target's unit, exactly as
        the per-object path reads it."""
        if not 0 <= row < len(self):
            raise IndexError(f"row {row} of a table of {len(self)}")
        return self._rebuild(row)

    @property
    def dates(self) -> npt.NDArray[np.datetime64]:
        """The dates as ``datetime64[D]``."""
        return (self.day.astype(np.int64) - date(1970, 1, 1).toordinal()).astype("datetime64[D]")

    # Building ------------------------------------------------------------------------------------

    @classmethod
    def from_observations(
        cls, programme: Programme, observations: Iterable[Observation]
    ) -> ObservationTable:
        """A table of ``observations`` (checked as :func:`~ezhou_recovery.assess` checks them).

        Raises:
            InvariantError: An observation names a target the programme does not have, or has the
                wrong kind of value for its target.
            UnitError: A quantity's unit does not fit its target.
        """

        items = tuple(observations)
        targets = tuple(programme.targets)
        index = {t.key: i for i, t in enumerate(targets)}
        same_unit = {i: t.unit._units for i, t in enumerate(targets) if t.kind in QUANTITATIVE}
        n = len(items)
        code = np.empty(n, np.int32)
        day = np.empty(n, np.int32)
        magnitude = np.empty(n, np.float64)
        token = np.empty(n, np.int32)
        tokens: dict[Any, int] = {}
        for row, o in enumerate(items):
            if not isinstance(o, Observation):
                raise InvariantError("assess", "observations", o, "must be Observation objects")
            i = index.get(o.target)
            if i is None:
                raise v.fail(
                    o, "target", o.target, f"no such target in programme {programme.key!r}"
                )
            value = o.value
            unit = same_unit.get(i)
            if (
                unit is not None
                and not isinstance(value, bool | QualitativeLevel)
                and value._units == unit
            ):
                number = float(value.magnitude)  # already in the target's unit
            else:
                number = magnitude_of(normalised(targets[i], o).value)
            code[row] = i
            day[row] = o.as_of.toordinal()
            magnitude[row] = number
            written = (
                value if isinstance(value, bool | QualitativeLevel) else (value.m, value._units)
            )
            token[row] = tokens.setdefault((type(value), written), len(tokens))

        rebuild = _FromObjects(targets, code, items)
        return cls(programme, code, day, magnitude, rebuild, token=token)
