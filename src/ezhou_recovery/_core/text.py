"""Plain-text helpers: the characters a text must not hold, and layout that counts Chinese
characters as two columns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

# Characters a text field never holds: C0 and C1 controls other than tab, line feed and carriage
# return, DEL, and lone surrogates (no UTF-8 file can hold them; no workbook or encoder takes them).
_FORBIDDEN: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def forbidden_character(text: str) -> str | None:
    """A description of the first character ``text`` must not hold (``U+0000``), or None."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    return f"U+{ord(match[0]):04X}"


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: frozenset[int] = frozenset()
) -> str:
    """An aligned plain-text table; columns whose index is in ``right`` are right-aligned."""
    widths = [width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, widths[i], right=i in right) for i, c in enumerate(cells)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


#: How a leader or lead department the plan does not name is shown.
UNKNOWN = "未明确 not named"


def leader_text(leader: object | None) -> str:
    """A category's leading official, ``程少云 (Cheng Shaoyun)``, or that the plan names none."""
    return UNKNOWN if leader is None else str(leader)


def departments_text(departments: Sequence[object], lang: str = "zh") -> str:
    """Lead departments joined (、 in Chinese, ``; `` in English), or that the plan names none."""
    if not departments:
        return UNKNOWN
    names = [getattr(d, "name_zh" if lang == "zh" else "name_en") for d in departments]
    return ("、" if lang == "zh" else "; ").join(names)
