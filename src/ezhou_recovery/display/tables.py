"""The tables people read (text and HTML): which columns of a kind's record each shows.

A view is a tuple of :class:`Column`: a heading from the label table and the record field it
shows, with how to show it. Text and HTML tables of a kind read the same record
(:mod:`ezhou_recovery.display.rows`) through the same view, so a deadline, a deadline status, a
laggard or a finding is written as a row in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Final

import attrs

from ezhou_recovery.analysis.attainment import percent_text
from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.analysis.validation import Severity
from ezhou_recovery.display.labels import heading, report_status_label, severity_label
from ezhou_recovery.display.rows import text_value

__all__ = [
    "DEADLINE_STATUS_VIEW",
    "DEADLINE_VIEW",
    "FINDING_VIEW",
    "LAGGARD_VIEW",
    "Column",
    "headings",
    "row_cells",
]


def _or_dash(value: object) -> str:
    return "-" if value is None else text_value(value)


def _report_status(value: object) -> str:
    return report_status_label(ReportStatus(str(value)))


def _severity(value: object) -> str:
    return severity_label(Severity(str(value)))


def _percent(value: object) -> str:
    return "-" if not isinstance(value, float | Decimal) else percent_text(value)


@attrs.frozen
class Column:
    """One column of a view: its heading (a key of the label table's ``HEADINGS``), the record
    field it shows and how (by default the value as text; ``none`` for no value).

    Attributes:
        heading: The heading's key.
        field: The record's field.
        show: The value as a person reads it; None: as text.
        right: Aligned right in a text table (a number).
    """

    heading: str
    field: str
    show: Callable[[object], str] | None = None
    right: bool = False


def headings(view: Iterable[Column], *, html: bool = False) -> list[str]:
    """The headings of ``view``: ``截止 due`` for text, ``截止 Due`` for HTML."""
    return [heading(c.heading, html=html) for c in view]


def row_cells(record: Mapping[str, object], view: Iterable[Column], *, none: str) -> list[str]:
    """The cells of ``record`` in ``view``; a missing value (None) is ``none``."""
    out: list[str] = []
    for c in view:
        value = record[c.field]
        if c.show is not None:
            out.append(c.show(value))
        else:
            out.append(none if value is None else text_value(value))
    return out


#: A deadline: when, what, on which category, who, for which period.
DEADLINE_VIEW: Final = (
    Column("due", "due"),
    Column("obligation", "obligation"),
    Column("category", "category", _or_dash),
    Column("department", "department_zh"),
    Column("department_en", "department_en"),
    Column("period", "period"),
)

#: A deadline's report status: the deadline, its last on-time day, status, when received.
DEADLINE_STATUS_VIEW: Final = (
    Column("due", "due"),
    Column("last_day", "last_day"),
    Column("status", "status", _report_status),
    Column("obligation", "obligation"),
    Column("category", "category", _or_dash),
    Column("department", "department_zh"),
    Column("period", "period"),
    Column("received", "received"),
    Column("days_late", "days_late", right=True),
)

#: A lagging department: rank, names, its reports counted, on-time rate and score.
LAGGARD_VIEW: Final = (
    Column("rank", "rank", right=True),
    Column("department", "name_zh"),
    Column("department_en", "name_en"),
    Column("expected", "expected", right=True),
    Column("on_time", "on_time", right=True),
    Column("late", "late", right=True),
    Column("missing", "missing", right=True),
    Column("on_time_rate", "on_time_rate", _percent, right=True),
    Column("score", "score", _percent, right=True),
)

#: A consistency finding: severity, rule, place, problem.
FINDING_VIEW: Final = (
    Column("severity", "severity", _severity),
    Column("code", "code"),
    Column("where", "where", lambda v: str(v) or "-"),
    Column("what", "what"),
)
