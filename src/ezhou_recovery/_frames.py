"""pandas DataFrames of the model (presentation; needs the optional ``frames`` extra).

Imported only when a ``to_frame()``-style method is called, so ``import ezhou_recovery`` does not
import pandas. Columns are those of :mod:`ezhou_recovery._records`. Dates become ``datetime64``
columns (missing dates ``NaT``); quantities keep their exact Decimal magnitudes in object columns,
with the unit in a column of its own (``unit``) or in the column name (``investment_yi_yuan``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import _records

if TYPE_CHECKING:
    import pandas as pd

_DATE_COLUMNS = frozenset(
    {"deadline", "due", "period_start", "period_end", "planned_start", "planned_completion"}
)


def _pandas() -> Any:
    try:
        import pandas
    except ModuleNotFoundError as exc:  # pragma: no cover - pandas is in the test extra
        raise ModuleNotFoundError(
            "DataFrames need pandas: pip install 'ezhou-recovery[frames]'", name=exc.name
        ) from None
    return pandas


def frame(rows: Sequence[_records.Record], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns``, in that order, even when empty."""
    pandas = _pandas()
    data: dict[str, Any] = {}
    for name in columns:
        values = [row[name] for row in rows]
        if name in _DATE_COLUMNS:
            data[name] = pandas.to_datetime(pandas.Series(values, dtype=object))
        else:
            data[name] = pandas.Series(values, dtype=object)
    result: pd.DataFrame = pandas.DataFrame(data, columns=list(columns))
    # Text columns read better as strings; Decimal and mixed columns stay objects.
    for name in columns:
        values = [v for v in result[name] if v is not None]
        if name not in _DATE_COLUMNS and values and all(isinstance(v, str) for v in values):
            result[name] = result[name].astype("string")
        elif len(values) == len(result) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in values
        ):
            result[name] = result[name].astype("int64")
    return result


def targets_frame(targets: Iterable[Any]) -> pd.DataFrame:
    """One row per target."""
    return frame([_records.target_record(t) for t in targets], _records.TARGET_COLUMNS)


def deadlines_frame(deadlines: Iterable[Any]) -> pd.DataFrame:
    """One row per deadline."""
    return frame([_records.deadline_record(d) for d in deadlines], _records.DEADLINE_COLUMNS)


def projects_frame(projects: Iterable[Any]) -> pd.DataFrame:
    """One row per project; money in 亿元 as exact Decimals."""
    return frame([_records.project_record(p) for p in projects], _records.PROJECT_COLUMNS)


def categories_frame(categories: Iterable[Any]) -> pd.DataFrame:
    """One row per category with its portfolio; money in 亿元 as exact Decimals."""
    return frame([_records.category_record(c) for c in categories], _records.CATEGORY_COLUMNS)
