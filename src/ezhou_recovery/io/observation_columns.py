"""Reading a CSV file of observations into an :class:`~ezhou_recovery.ObservationTable` (needs
numpy): plain numbers are read without pint, every other value as the per-object reader reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from os import PathLike
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from ezhou_recovery.evidence.observations import Observation, implausibility, read_value
from ezhou_recovery.evidence.table import QUANTITATIVE, ObservationTable, magnitude_of
from ezhou_recovery.io._observation_rows import (
    OBSERVATION_FIELDS,
    OBSERVATION_REQUIRED,
    as_of_date,
    estimate_quality,
    estimate_word,
    source_quality,
)
from ezhou_recovery.io._reading import csv_rows
from ezhou_recovery.io.observation_files import warn_implausible
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import Target

__all__ = ["implausible_rows", "observation_table_from_csv", "target_goals"]

#: A value written as a plain decimal number: read in the target's unit without pint.
_PLAIN: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
#: How far inside the 10³ bounds a float ratio is still checked exactly (it may round across them).
_NEAR: Final = 1e-9


def target_goals(targets: Sequence[Target]) -> npt.NDArray[np.float64]:
    """Per target, the magnitude of its value where :func:`implausible_rows` compares with it
    (0 where no value is implausible for it), and a last 0."""
    return np.array(
        [
            float(t.value.magnitude)
            if t.kind in QUANTITATIVE and t.value is not None and t.reporting_unit is not None
            else 0.0
            for t in targets
        ]
        + [0.0]
    )


def implausible_rows(
    targets: Sequence[Target],
    code: npt.NDArray[Any],
    magnitude: npt.NDArray[np.float64],
    goals: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.intp]:
    """The rows whose magnitude may be more than 10³ times its target's value or below 10⁻³ of
    it, in row order: a superset of those :func:`~ezhou_recovery.evidence.observations.implausibility`
    finds, computed on whole columns (each target's value read once; ``goals``: the targets'
    :func:`target_goals`, if known)."""
    if goals is None:
        goals = target_goals(targets)
    ratio = goals[code] if len(code) else np.zeros(0)  # the goal, then the ratio in its place
    odd = ratio != 0
    odd &= magnitude != 0
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(magnitude, ratio, out=ratio)
    high, low = 1e3 * (1 - _NEAR), 1e-3 * (1 + _NEAR)
    odd &= (ratio > high) | (ratio < low)
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


def observation_table_from_csv(
    path: str | PathLike[str], programme: Programme | None = None
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
        from ezhou_recovery.io.programme_files import load_ezhou_plan

        programme = load_ezhou_plan()
    programme = check_type(
        programme, Programme, function="observation_table_from_csv", name="programme"
    )
    source = str(path)
    header, rows = csv_rows(path, source, OBSERVATION_FIELDS, OBSERVATION_REQUIRED)
    targets = tuple(programme.targets)
    index = {t.key: i for i, t in enumerate(targets)}
    quantitative = [t.kind in QUANTITATIVE for t in targets]
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
                raise FieldProblem("target", "unknown target key", key)
            text = row[at_date]
            ordinal = days.get(text)
            if ordinal is None:
                ordinal = days[text] = as_of_date(text).toordinal()
            written = value = row[at_value]
            estimated = False
            if "左右" in value:  # 80%左右: an estimate of 80%
                value, estimated = estimate_word(value)
            # Short plain numbers skip pint; a long one may lie beyond 10^±30, which the
            # per-object reader refuses: it takes that reader's path.
            if quantitative[i] and len(value) <= 25 and plain(value):
                scaled = factors[i]
                number = float(value) if scaled is None else float(Decimal(value) * scaled.factor)
            else:
                found = read.get((i, value))
                if found is None:
                    try:
                        found = read[i, value] = magnitude_of(read_value(targets[i], value))
                    except UnitError as exc:
                        raise FieldProblem("value", exc.problem, written) from None
                number = found
            cells = tuple(row[j] for _, j in extra)
            p = provenance.get((cells, estimated))
            if p is None:
                said, quality = source_quality(dict(zip(names, cells, strict=True)))
                if estimated:
                    quality = estimate_quality(quality, written)
                provenances.append((said, quality))
                p = provenance[cells, estimated] = len(provenances) - 1
        except FieldProblem as exc:
            # The per-object reader checks the shape of every row before it reads any (a
            # later row's shape is the error), then warns of the rows before this one.
            for _ in rows:
                pass
            _warn_implausible(source, targets, codes, numbers, texts, wheres)
            raise exc.at(source, where) from None
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
    return ObservationTable(
        programme, code, day, magnitude, rebuild, token=np.array(token, np.int32)
    )
