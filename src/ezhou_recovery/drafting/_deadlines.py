"""Deadlines: the dates a sentence names, and which one holds for an item."""

from __future__ import annotations

import bisect
import calendar
from datetime import date

from ezhou_recovery.drafting._patterns import DEADLINE, WITHIN_YEARS
from ezhou_recovery.model.periods import Period


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None where the text names a day that does not exist (2月30日)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date | None:
    """The last day of the month (6月底), or None for a month that does not exist."""
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def day_or_month_end(year: int, month: int, day: int | None) -> date | None:
    """The day named (6月30日), or the end of the month where the text names none (6月底)."""
    return safe_date(year, month, day) if day else month_end(year, month)


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
        when = day_or_month_end(year, month, day) if month else date(year, 12, 31)
        if when is not None:
            hits.append((m.start(), when, m.group(0)))
    return hits


def pick_deadline(
    hits: list[tuple[int, date, str]], sentence: str, pos: int, period: Period
) -> tuple[date | None, str | None]:
    """The nearest of the ``hits`` before ``pos``, else the first after it; else 三年内 (the end of
    the period); with the words that say it."""
    i = bisect.bisect_left([h[0] for h in hits], pos)
    chosen = hits[i - 1] if i else (hits[0] if hits else None)
    if chosen is not None:
        return chosen[1], chosen[2]
    w = WITHIN_YEARS.search(sentence)
    if w:
        return period.end, w.group(0)
    return None, None


def settle_deadline(
    deadline: date | None, said: str | None, period: Period, reasons: list[str], todo: list[str]
) -> date:
    """The deadline drafted for an item: the date read if it lies within the period, else the
    period's end; the reason, or the TODO of a date outside the period, is added."""
    if deadline is None:
        reasons.append("no date: due at the end of the period")
        return period.end
    if not period.start <= deadline <= period.end:
        todo.append(f"deadline: {said!r} lies outside the period; the period's end is drafted")
        return period.end
    reasons.append(f"deadline from {said!r}")
    return deadline
