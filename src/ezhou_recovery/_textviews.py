"""Short plain-text views of lists of targets and deadlines (``str()`` outside notebooks)."""

from __future__ import annotations

from collections.abc import Sequence

from ._text import table
from .obligations import Deadline
from .targets import Target


def targets_text(targets: Sequence[Target]) -> str:
    """An aligned table of targets: key, description, value, deadline."""
    rows = [[t.key, t.description_zh, t.describe_value(), t.deadline.isoformat()] for t in targets]
    return table(["key", "目标 target", "目标值 value", "截止 deadline"], rows)


def deadlines_text(deadlines: Sequence[Deadline]) -> str:
    """An aligned table of deadlines: due, obligation, category, department, period."""
    rows = [
        [d.due.isoformat(), d.obligation, d.category or "-", d.department.name_zh, d.period.label]
        for d in deadlines
    ]
    return table(
        ["截止 due", "事项 obligation", "工程 category", "报送单位 department", "期间 period"], rows
    )
