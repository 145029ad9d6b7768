"""Writing records as CSV or JSON for machines (presentation only)."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from ezhou_recovery.display.rows import SHARE_COLUMNS, Record, json_value, share_value, text_value
from ezhou_recovery.io._reading import escape_formula

#: The output formats of the command line.
FORMATS = ("text", "json", "csv")


def to_json_data(value: object) -> object:
    """``value`` (records, lists and dicts of them) with dates and Decimals as exact text, and
    rates and shares (:data:`~ezhou_recovery.display.rows.SHARE_COLUMNS`) as text to four places."""
    if isinstance(value, Mapping):
        return {
            str(k): to_json_data(share_value(v) if k in SHARE_COLUMNS else v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [to_json_data(v) for v in value]
    return json_value(value)


def write_json(value: object, out: TextIO) -> None:
    """Write ``value`` as indented UTF-8 JSON (Chinese kept as is), ending with a newline."""
    json.dump(to_json_data(value), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: Sequence[Record], columns: Sequence[str], out: TextIO) -> None:
    """Write ``rows`` as CSV with a header row of ``columns``; empty cells for None.

    A text cell that a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return) gets a leading apostrophe; numbers are written as they are. The
    library's CSV readers remove such an apostrophe.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [_cell(share_value(row[c]) if c in SHARE_COLUMNS else row[c]) for c in columns]
        )


def _cell(value: object) -> str:
    return escape_formula(value) if isinstance(value, str) else text_value(value)
