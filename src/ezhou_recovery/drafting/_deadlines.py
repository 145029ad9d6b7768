"""Deadlines: the dates a sentence names, and which one holds for an item."""

from __future__ import annotations

import bisect
import calendar
from datetime import date

from ezhou_recovery.drafting._patterns import DEADLINE, WITHIN_YEARS
from ezhou_recovery.model.periods import Period


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_for(
    sentence: str, pos: int, skip: list[tuple[int, int]], period: Period
) -> tuple[date | None, str | None]:
    """The deadline a sentence gives the item at ``pos``: the nearest date before it, else after."""
    return pick_deadline(deadline_hits(sentence, skip), sentence, pos, period)


def deadline_hits(sentence: str, skip: list[tuple[int, int]]) -> list[tuple[int, date, str]]:
    """The dates a sentence names (到2022年, 2020年底前, 2021年6月底), in order."""
    hits: list[tuple[int, date, str]] = []
    for m in DEADLINE.finditer(sentence):
        if any(a <= m.start() < b for a, b in skip):
            continue
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        when = None
        if month and day:
            when = safe_date(year, month, day)
        elif month:
            when = month_end(year, month)
        else:
            when = date(year, 12, 31)
        if when is not None:
            hits.append((m.start(), when, m.group(0)))
    return hits


def pick_deadline(
    hits: list[tuple[int, date, str]], sentence: str, pos: int, period: Period
) -> tuple[date | None, str | None]:
    i = bisect.bisect_left([h[0] for h in hits], pos)
    chosen = hits[i - 1] if i else (hits[0] if hits else None)
    if chosen is not None:
        return chosen[1], chosen[2]
    w = WITHIN_YEARS.search(sentence)
    if w:
        return period.end, w.group(0)
    return None, None
