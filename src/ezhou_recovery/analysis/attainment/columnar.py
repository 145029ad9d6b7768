"""The columnar path of :func:`~ezhou_recovery.assess`: every target's result from an
:class:`~ezhou_recovery.ObservationTable` (needs numpy), the same as the per-object path's.

How the batch path stays identical to the per-object path: the work over all observations (sort by
target and date, drop repeated dates, find per target the latest value at or before the assessment
date and the deadline, the first value, the counts, the latest value of each year) is done with
numpy. Then, for each target, only the few observations its result depends on are rebuilt as
:class:`~ezhou_recovery.Observation` objects, exactly as the per-object path reads them, and handed
to the same per-target code, which calls the same formulas of
:mod:`~ezhou_recovery.analysis.attainment.formulas`. A programme has about a hundred targets, so
that part costs the same whether there are a thousand observations or a million.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from ezhou_recovery.analysis.attainment._results import TargetResult
from ezhou_recovery.analysis.attainment._rules import result_for
from ezhou_recovery.analysis.attainment._selection import Selection, disagreement, year_span
from ezhou_recovery.analysis.attainment._thresholds import MAX_FALLS_NAMED, Thresholds
from ezhou_recovery.evidence.observations import Observation
from ezhou_recovery.evidence.table import ObservationTable, SortedRows
from ezhou_recovery.model.targets import Target, TargetKind

__all__ = ["sorted_rows", "table_results"]


def sorted_rows(table: ObservationTable) -> SortedRows:
    """The rows sorted by target, then date, then input order, with repeated dates dropped
    (the first kept, as the per-object path keeps it; a disagreeing repeat is an error).
    Computed once per table."""
    if table.sorted_rows:
        return table.sorted_rows[0]
    token = table.token
    order = np.lexsort((table.day, table.target))  # stable: input order within a date
    keys = (table.target[order].astype(np.int64) << 32) | table.day[order].astype(np.int64)
    repeat = np.zeros(len(keys), bool)
    repeat[1:] = keys[1:] == keys[:-1]
    if repeat.any():
        first = np.maximum.accumulate(np.where(repeat, 0, np.arange(len(keys))))
        at_repeat = np.flatnonzero(repeat)
        kept_rows, rows = order[first[at_repeat]], order[at_repeat]
        # A repeat costs no more than a distinct row: one written as its first is the same
        # value, and only the distinct pairs of texts left are rebuilt and compared.
        doubtful = np.ones(len(rows), bool)
        if token is not None:
            # A token of -1: a plain number in the target's unit, the same value exactly when
            # the magnitude is the same.
            doubtful = (token[kept_rows] != token[rows]) | (
                (token[rows] < 0) & (table.magnitude[kept_rows] != table.magnitude[rows])
            )
        compared: dict[tuple[int, int, int], bool] = {}
        # In input order, as the per-object path meets them: the first that disagrees is named.
        in_order = np.argsort(rows[doubtful], kind="stable")
        for kept_row, row in zip(
            kept_rows[doubtful][in_order].tolist(), rows[doubtful][in_order].tolist(), strict=True
        ):
            pair = (
                (int(table.target[row]), int(token[kept_row]), int(token[row]))
                if token is not None and token[kept_row] >= 0 and token[row] >= 0
                else (-1, kept_row, row)
            )
            same = compared.get(pair)
            if same is None:
                same = compared[pair] = bool(
                    table.magnitude[kept_row] == table.magnitude[row]
                    and table.observation(kept_row).value == table.observation(row).value
                )
            if not same:
                raise disagreement(table.observation(row), table.observation(kept_row))
        order, keys = order[~repeat], keys[~repeat]
    found = SortedRows(order, keys)
    table.sorted_rows.append(found)
    return found


def table_results(table: ObservationTable, as_of: date, th: Thresholds) -> tuple[TargetResult, ...]:
    """One result per target of the programme, as the per-object path gives them."""
    programme = table.programme
    targets: Sequence[Target] = tuple(programme.targets)
    s = sorted_rows(table)
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
        values = table.magnitude[s.rows]
        same = (s.keys[1:] >> 32) == (s.keys[:-1] >> 32)
        fell[1:] = same & (values[1:] < values[:-1])

    rebuilt: dict[int, Observation] = {}

    def at(position: int) -> Observation:
        row = int(s.rows[position])
        found = rebuilt.get(row)
        if found is None:
            found = rebuilt[row] = table.observation(row)
        return found

    results = []
    for j, target in enumerate(targets):
        lo, hi, cut = int(start[j]), int(end[j]), int(judged_end[j])
        years: tuple[Observation | None, ...] = ()
        if target.kind is TargetKind.ANNUAL_RATE:
            found = []
            for _, y_start, y_end in year_span(programme, target, as_of):
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
        selection = Selection(
            count=hi - lo,
            judged=at(cut - 1) if cut > lo else None,
            latest=at(hi - 1) if hi > lo else None,
            first=at(begin) if hi > begin else None,
            usable=max(cut - begin, 0),
            years=years,
            falls=falls,
            fall_count=fall_count,
        )
        results.append(result_for(programme, target, selection, as_of, th))
    return tuple(results)
