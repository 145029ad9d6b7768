"""Observations as columns: the batch path of :func:`ezhou_recovery.assess` (needs numpy).

An :class:`ObservationTable` holds one programme's observations as numpy arrays: the target (an
index into ``programme.targets``), the date (a day number) and the magnitude in the target's unit,
converted once when the table is built. :func:`~ezhou_recovery.assess` takes a table in place of a
list of observations, and builds one itself from a long list.

How the batch path stays identical to the per-object path: the work over all observations (sort by
target and date, drop repeated dates, find per target the latest value at or before the assessment
date and the deadline, the first value, the counts, the latest value of each year) is done with
numpy. Then, for each target, only the few observations its result depends on are rebuilt as
:class:`~ezhou_recovery.Observation` objects, exactly as the per-object path reads them, and handed
to the same per-target code, which calls the same formulas of ``_formulas``. A programme has about
a hundred targets, so that part costs the same whether there are a thousand observations or a
million.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from os import PathLike
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from . import _validators as v
from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .observations import (
    _OBSERVATION_FIELDS,
    _OBSERVATION_REQUIRED,
    Observation,
    QualitativeLevel,
    _csv_rows,
    _estimate_quality,
    _FieldError,
    _read_date,
    _source_quality,
    estimate_word,
    implausibility,
    read_value,
    warn_implausible,
)
from .targets import Target, TargetKind
from .validation import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .attainment import TargetResult, Thresholds
    from .programme import Programme

__all__ = ["ObservationTable"]

#: A value written as a plain decimal number: read in the target's unit without pint.
_PLAIN: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_QUANTITATIVE: Final = frozenset({TargetKind.LEVEL, TargetKind.CUMULATIVE, TargetKind.ANNUAL_RATE})
#: How far inside the 10³ bounds a float ratio is still checked exactly (it may round across them).
_NEAR: Final = 1e-9


def implausible_rows(
    targets: Sequence[Target], code: npt.NDArray[Any], magnitude: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """The rows whose magnitude may be more than 10³ times its target's value or below 10⁻³ of
    it, in row order: a superset of those :func:`~ezhou_recovery.observations.implausibility`
    finds, computed on whole columns (each target's value read once)."""
    goals = np.array(
        [
            float(t.value.magnitude)
            if t.kind in _QUANTITATIVE and t.value is not None and t.reporting_unit is not None
            else 0.0
            for t in targets
        ]
        + [0.0]
    )
    goal = goals[code] if len(code) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = magnitude / goal
    high, low = 1e3 * (1 - _NEAR), 1e-3 * (1 + _NEAR)
    odd = (goal != 0) & (magnitude != 0) & ((ratio > high) | (ratio < low))
    return np.flatnonzero(odd)


def _warn_implausible(
    source: str,
    targets: Sequence[Target],
    codes: list[int],
    numbers: list[float],
    texts: list[str],
    wheres: list[str],
) -> None:
    """Warn, in row order, of each row read so far whose value is implausible for its target (as
    the per-object reader warns)."""
    for row in implausible_rows(targets, np.array(codes, np.int64), np.array(numbers)).tolist():
        target = targets[codes[row]]
        why = implausibility(target, read_value(target, texts[row]))
        if why is not None:
            finding = Finding(Severity.WARNING, "implausible-value", f"{wheres[row]}.value", why)
            warn_implausible(finding, source)


def _float(value: Any) -> float:
    """The number a value counts as: a magnitude, 1/0 for done/not done, a level's rank."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, QualitativeLevel):
        return float(value.rank)
    return float(value.magnitude)


@attrs.frozen(eq=False)
class _Sorted:
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
        from .attainment import _normalised

        return _normalised(self.targets[int(self.code[row])], self.items[row])


@attrs.frozen(eq=False)
class _FromTexts:
    """Rows read from a file: the value text read again, as the per-object path reads it (in the
    target's unit, as its normalisation would give it; the tests check the two paths agree)."""

    targets: tuple[Target, ...]
    code: npt.NDArray[np.int32]
    day: npt.NDArray[np.int32]
    texts: list[str]
    provenances: list[tuple[str | None, Any]]
    kept: npt.NDArray[np.int32]

    def __call__(self, row: int) -> Observation:
        target = self.targets[int(self.code[row])]
        return Observation(
            target.key,
            date.fromordinal(int(self.day[row])),
            read_value(target, self.texts[row]),
            *self.provenances[int(self.kept[row])],
        )


@attrs.frozen(eq=False, repr=False)
class ObservationTable:
    """One programme's observations as columns, in input order.

    Build one with :meth:`from_csv` (or ``load_observations(path, programme, columnar=True)``) or
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
    #: Per row, a code of its value as written: two rows of one target with the same code have the
    #: same value. None when unknown.
    _token: npt.NDArray[np.int32] | None = attrs.field(default=None, kw_only=True)
    _sorted: list[_Sorted] = attrs.field(factory=list, init=False)

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
        from .attainment import _normalised

        items = tuple(observations)
        targets = tuple(programme.targets)
        index = {t.key: i for i, t in enumerate(targets)}
        same_unit = {i: t.unit._units for i, t in enumerate(targets) if t.kind in _QUANTITATIVE}
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
                number = _float(_normalised(targets[i], o).value)
            code[row] = i
            day[row] = o.as_of.toordinal()
            magnitude[row] = number
            written = (
                value if isinstance(value, bool | QualitativeLevel) else (value.m, value._units)
            )
            token[row] = tokens.setdefault((type(value), written), len(tokens))

        rebuild = _FromObjects(targets, code, items)
        return cls(programme, code, day, magnitude, rebuild, token=token)

    @classmethod
    def from_csv(
        cls, path: str | PathLike[str], programme: Programme | None = None
    ) -> ObservationTable:
        """Read a CSV file of observations (the format of
        :func:`~ezhou_recovery.load_observations`) into a table.

        Plain numbers are read in the target's unit without pint; any other value (a unit, a
        measure word, a milestone's true/false, a level name) is read as the per-object path
        reads it, once per distinct text and target.

        Raises:
            LoadError: As :func:`~ezhou_recovery.load_observations`: names the file, the row
                (counting the header as row 1), the field and the value.
        """
        if programme is None:
            from .loading import load_ezhou_plan

            programme = load_ezhou_plan()
        source = str(path)
        header, rows = _csv_rows(path, source, _OBSERVATION_FIELDS, _OBSERVATION_REQUIRED)
        targets = tuple(programme.targets)
        index = {t.key: i for i, t in enumerate(targets)}
        quantitative = [t.kind in _QUANTITATIVE for t in targets]
        # A plain number is in the target's reporting unit (40 for 40万千瓦): its factor.
        factors = [
            None if t.reporting_unit is None or t.reporting_unit.canonical else t.reporting_unit
            for t in targets
        ]
        at_target = header.index("target")
        at_date = header.index("as_of")
        at_value = header.index("value")
        extra = [(name, header.index(name)) for name in ("source", "quality") if name in header]
        days: dict[str, int] = {}
        read: dict[tuple[int, str], float] = {}
        names = [name for name, _ in extra]
        provenance: dict[tuple[tuple[str, ...], bool], int] = {}
        provenances: list[tuple[str | None, Any]] = []
        codes: list[int] = []
        ordinals: list[int] = []
        numbers: list[float] = []
        texts: list[str] = []
        text_codes: dict[str, int] = {}
        token: list[int] = []
        origin: list[int] = []
        wheres: list[str] = []
        plain = _PLAIN.fullmatch
        for where, row in rows:
            try:
                key = row[at_target]
                i = index.get(key)
                if i is None:
                    raise _FieldError("target", "unknown target key", key)
                text = row[at_date]
                ordinal = days.get(text)
                if ordinal is None:
                    ordinal = days[text] = _read_date(text).toordinal()
                written = value = row[at_value]
                estimated = False
                if "左右" in value:  # 80%左右: an estimate of 80%
                    value, estimated = estimate_word(value)
                # Short plain numbers skip pint; a long one may lie beyond 10^±30, which the
                # per-object reader refuses: it takes that reader's path.
                if quantitative[i] and len(value) <= 25 and plain(value):
                    scaled = factors[i]
                    number = (
                        float(value) if scaled is None else float(Decimal(value) * scaled.factor)
                    )
                else:
                    found = read.get((i, value))
                    if found is None:
                        try:
                            found = read[i, value] = _float(read_value(targets[i], value))
                        except UnitError as exc:
                            raise _FieldError("value", exc.problem, written) from None
                    number = found
                cells = tuple(row[j] for _, j in extra)
                p = provenance.get((cells, estimated))
                if p is None:
                    said, quality = _source_quality(dict(zip(names, cells, strict=True)))
                    if estimated:
                        quality = _estimate_quality(quality, written)
                    provenances.append((said, quality))
                    p = provenance[cells, estimated] = len(provenances) - 1
            except _FieldError as exc:
                # The per-object reader checks the shape of every row before it reads any (a
                # later row's shape is the error), then warns of the rows before this one.
                for _ in rows:
                    pass
                _warn_implausible(source, targets, codes, numbers, texts, wheres)
                raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
            except InvariantError as exc:  # pragma: no cover - the checks above come first
                raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
            except EzhouRecoveryError as exc:  # pragma: no cover
                raise LoadError(source, where, str(exc)) from None
            codes.append(i)
            ordinals.append(ordinal)
            numbers.append(number)
            texts.append(value)
            wheres.append(where)
            token.append(text_codes.setdefault(value, len(text_codes)))
            origin.append(p)
        _warn_implausible(source, targets, codes, numbers, texts, wheres)
        code = np.array(codes, np.int32)
        day = np.array(ordinals, np.int32)
        magnitude = np.array(numbers, np.float64)
        kept = np.array(origin, np.int32)
        del codes, ordinals, numbers, origin

        rebuild = _FromTexts(targets, code, day, texts, provenances, kept)
        return cls(programme, code, day, magnitude, rebuild, token=np.array(token, np.int32))

    # Assessing -----------------------------------------------------------------------------------

    def _by_target(self) -> _Sorted:
        """The rows sorted by target, then date, then input order, with repeated dates dropped
        (the first kept, as the per-object path keeps it; a disagreeing repeat is an error).
        Computed once per table."""
        if self._sorted:
            return self._sorted[0]
        from .attainment import _show

        order = np.lexsort((self.day, self.target))  # stable: input order within a date
        keys = (self.target[order].astype(np.int64) << 32) | self.day[order].astype(np.int64)
        repeat = np.zeros(len(keys), bool)
        repeat[1:] = keys[1:] == keys[:-1]
        if repeat.any():
            first = np.maximum.accumulate(np.where(repeat, 0, np.arange(len(keys))))
            at_repeat = np.flatnonzero(repeat)
            kept_rows, rows = order[first[at_repeat]], order[at_repeat]
            # A repeat costs no more than a distinct row: one written as its first is the same
            # value, and only the distinct pairs of texts left are rebuilt and compared.
            doubtful = np.ones(len(rows), bool)
            if self._token is not None:
                doubtful = self._token[kept_rows] != self._token[rows]
            compared: dict[tuple[int, int, int], bool] = {}
            for kept_row, row in zip(
                kept_rows[doubtful].tolist(), rows[doubtful].tolist(), strict=True
            ):
                pair = (
                    (int(self.target[row]), int(self._token[kept_row]), int(self._token[row]))
                    if self._token is not None
                    else (-1, kept_row, row)
                )
                same = compared.get(pair)
                if same is None:
                    same = compared[pair] = bool(
                        self.magnitude[kept_row] == self.magnitude[row]
                        and self.observation(kept_row).value == self.observation(row).value
                    )
                if not same:
                    kept, other = self.observation(kept_row), self.observation(row)
                    raise v.fail(
                        other,
                        "value",
                        _show(other.value),
                        f"disagrees with another observation of {other.as_of.isoformat()} "
                        f"({_show(kept.value)})",
                    )
            order, keys = order[~repeat], keys[~repeat]
        found = _Sorted(order, keys)
        self._sorted.append(found)
        return found

    def _results(self, as_of: date, th: Thresholds) -> tuple[TargetResult, ...]:
        """One result per target of the programme, as the per-object path gives them."""
        from .attainment import MAX_FALLS_NAMED, _result, _Selection, _year_span

        programme = self.programme
        targets: Sequence[Target] = tuple(programme.targets)
        s = self._by_target()
        codes = np.arange(len(targets), dtype=np.int64) << 32
        deadline = np.array([t.deadline.toordinal() for t in targets], np.int64)
        day = as_of.toordinal()
        start = np.searchsorted(s.keys, codes, "left")
        end = np.searchsorted(s.keys, codes | day, "right")
        judged_end = np.searchsorted(s.keys, codes | np.minimum(deadline, day), "right")
        begins = np.searchsorted(s.keys, codes | programme.period.start.toordinal(), "left")
        # A running total that fell: a row below the one before it, of the same target.
        fell = np.zeros(len(s.rows), bool)
        if len(s.rows) > 1:
            values = self.magnitude[s.rows]
            same = (s.keys[1:] >> 32) == (s.keys[:-1] >> 32)
            fell[1:] = same & (values[1:] < values[:-1])

        rebuilt: dict[int, Observation] = {}

        def at(position: int) -> Observation:
            row = int(s.rows[position])
            found = rebuilt.get(row)
            if found is None:
                found = rebuilt[row] = self.observation(row)
            return found

        results = []
        for j, target in enumerate(targets):
            lo, hi, cut = int(start[j]), int(end[j]), int(judged_end[j])
            years: tuple[Observation | None, ...] = ()
            if target.kind is TargetKind.ANNUAL_RATE:
                found = []
                for _, y_start, y_end in _year_span(programme, target, as_of):
                    a = int(np.searchsorted(s.keys, codes[j] | y_start.toordinal(), "left"))
                    last = min(y_end.toordinal(), day)
                    b = int(np.searchsorted(s.keys, codes[j] | last, "right"))
                    found.append(at(b - 1) if b > a else None)
                years = tuple(found)
            falls: tuple[tuple[Observation, Observation], ...] = ()
            fall_count = 0
            if target.kind is TargetKind.CUMULATIVE:
                where = np.flatnonzero(fell[lo + 1 : hi]) + lo + 1
                fall_count = len(where)
                falls = tuple((at(int(p) - 1), at(int(p))) for p in where[:MAX_FALLS_NAMED])
            begin = max(int(begins[j]), lo)
            selection = _Selection(
                count=hi - lo,
                judged=at(cut - 1) if cut > lo else None,
                latest=at(hi - 1) if hi > lo else None,
                first=at(begin) if hi > begin else None,
                usable=max(cut - begin, 0),
                years=years,
                falls=falls,
                fall_count=fall_count,
            )
            results.append(_result(programme, target, selection, as_of, th))
        return tuple(results)
