"""pandas DataFrames of the model (presentation; needs the optional ``frames`` extra).

Imported only when a ``to_frame()``-style method is called, so ``import ezhou_recovery`` does not
import pandas. Columns are those of :mod:`ezhou_recovery.display.rows`. Dates become ``datetime64``
columns (missing dates ``NaT``); quantities keep their exact Decimal magnitudes in object columns,
with the unit in a column of its own (``unit``) or in the column name (``investment_yi_yuan``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ezhou_recovery.analysis.attainment import Rollup, TargetResult
from ezhou_recovery.analysis.compliance import DeadlineStatus, Laggard
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.display import rows
from ezhou_recovery.evidence.observations import Observation
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.programme import Category
from ezhou_recovery.model.projects import Project
from ezhou_recovery.model.targets import Target

if TYPE_CHECKING:
    import pandas as pd

_DATE_COLUMNS = frozenset(
    {
        "deadline",
        "due",
        "period_start",
        "period_end",
        "planned_start",
        "planned_completion",
        "value_as_of",
        "reported_on",
        "last_day",
        "received",
        "as_of",
        "received_on",
    }
)


def _pandas() -> Any:
    try:
        import pandas
    except ModuleNotFoundError as exc:  # pragma: no cover - pandas is in the test extra
        raise ModuleNotFoundError(
            "DataFrames need pandas: pip install 'ezhou-recovery[frames]'", name=exc.name
        ) from None
    return pandas


def frame(rows: Sequence[rows.Record], columns: Sequence[str]) -> pd.DataFrame:
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
        elif values and all(isinstance(v, float) for v in values):
            # Shares (progress, gap) are binary floats already; missing ones become NaN.
            result[name] = result[name].astype("float64")
    return result


def targets_frame(targets: Iterable[Target]) -> pd.DataFrame:
    """One row per target."""
    return frame([rows.target_record(t) for t in targets], rows.TARGET_COLUMNS)


def deadlines_frame(deadlines: Iterable[Deadline]) -> pd.DataFrame:
    """One row per deadline."""
    return frame([rows.deadline_record(d) for d in deadlines], rows.DEADLINE_COLUMNS)


def projects_frame(projects: Iterable[Project]) -> pd.DataFrame:
    """One row per project; money in 亿元 as exact Decimals."""
    return frame([rows.project_record(p) for p in projects], rows.PROJECT_COLUMNS)


def categories_frame(categories: Iterable[Category]) -> pd.DataFrame:
    """One row per category with its portfolio; money in 亿元 as exact Decimals."""
    return frame([rows.category_record(c) for c in categories], rows.CATEGORY_COLUMNS)


def results_frame(results: Iterable[TargetResult]) -> pd.DataFrame:
    """One row per target result; values exact in the target's unit (``unit``)."""
    return frame([rows.result_record(r) for r in results], rows.RESULT_COLUMNS)


def rollups_frame(rollups: Iterable[Rollup]) -> pd.DataFrame:
    """One row per roll-up: counts by status, share attained, mean progress."""
    return frame([rows.rollup_record(r) for r in rollups], rows.ROLLUP_COLUMNS)


def money_frame(money: Iterable[MoneyResult]) -> pd.DataFrame:
    """One row per investment completion result; money in 亿元 as exact Decimals."""
    return frame([rows.money_record(m) for m in money], rows.MONEY_COLUMNS)


def deadline_statuses_frame(statuses: Iterable[DeadlineStatus]) -> pd.DataFrame:
    """One row per deadline of a compliance check."""
    return frame([rows.deadline_status_record(s) for s in statuses], rows.DEADLINE_STATUS_COLUMNS)


def observations_frame(observations: Iterable[Observation]) -> pd.DataFrame:
    """One row per observation; values exact in their unit (``unit``)."""
    return frame([rows.observation_record(o) for o in observations], rows.OBSERVATION_COLUMNS)


def submissions_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per submission."""
    return frame([rows.submission_record(s) for s in submissions], rows.SUBMISSION_COLUMNS)


def laggards_frame(laggards: Iterable[Laggard]) -> pd.DataFrame:
    """One row per lagging department."""
    return frame([rows.laggard_record(lg) for lg in laggards], rows.LAGGARD_COLUMNS)
