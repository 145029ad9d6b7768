"""One observation or investment report from one row or entry, as every reader of observations
reads it: the per-object loaders, the column readers (numpy, pyarrow) and the workbook reader.

Each function raises :class:`~ezhou_recovery._core.problems.FieldProblem` naming the field; the
loader that called it names the file and the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery._core.dates import read_date
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery._core.text import forbidden_character
from ezhou_recovery.errors import UnitError
from ezhou_recovery.evidence.observations import (
    InvestmentReport,
    Observation,
    Quality,
    read_value,
)
from ezhou_recovery.units import Qualifier, is_money, money, parse_quantity
from ezhou_recovery.units._parsing import split_qualifier

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.model.programme import Programme
    from ezhou_recovery.model.targets import Target

__all__ = [
    "INVESTMENT_FIELDS",
    "INVESTMENT_REQUIRED",
    "OBSERVATION_FIELDS",
    "OBSERVATION_REQUIRED",
    "as_of_date",
    "estimate_quality",
    "estimate_word",
    "investment_report",
    "observation",
    "observed_value",
    "source_quality",
]

#: The columns (or fields) of an observations file, and those every row must fill.
OBSERVATION_FIELDS: Final = ("target", "as_of", "value", "source", "quality")
OBSERVATION_REQUIRED: Final = ("target", "as_of", "value")
#: The columns (or fields) of an investment reports file, and those every row must fill.
INVESTMENT_FIELDS: Final = ("subject", "as_of", "completed", "source", "quality")
INVESTMENT_REQUIRED: Final = ("subject", "as_of", "completed")


def observation(programme: Programme, entry: Mapping[str, Any]) -> Observation:
    """One observation from one row or entry (its required fields present).

    Raises:
        FieldProblem: Names the field that is wrong.
    """
    key = entry["target"]
    try:
        target = programme.target(key)
    except (KeyError, TypeError):
        raise FieldProblem("target", "unknown target key", key) from None
    as_of = as_of_date(entry["as_of"])
    try:
        value, estimated = observed_value(target, entry["value"])
    except UnitError as exc:
        raise FieldProblem("value", exc.problem, entry["value"]) from None
    source, quality = source_quality(entry)
    if estimated:  # 80%左右: an estimate
        quality = estimate_quality(quality, entry["value"])
    return Observation(target.key, as_of, value, source, quality)


def observed_value(target: Target, written: Any) -> tuple[Any, bool]:
    """The value of ``target`` that a cell holding ``written`` reports (``80%左右``: 80%), and
    whether it is an estimate (it said 左右).

    Raises:
        UnitError: The value does not fit the target.
    """
    raw, estimated = estimate_word(written)
    return read_value(target, raw), estimated


def investment_report(programme: Programme, entry: Mapping[str, Any]) -> InvestmentReport:
    """One investment report from one row or entry (its required fields present).

    Raises:
        FieldProblem: Names the field that is wrong.
    """
    subject = entry["subject"]
    if not isinstance(subject, str) or not _known_subject(programme, subject):
        raise FieldProblem("subject", "not a category or project key of the programme", subject)
    as_of = as_of_date(entry["as_of"])
    raw = entry["completed"]
    try:
        if not isinstance(raw, str) or not is_money(parse_quantity(raw)):
            raise UnitError(raw, "an amount needs its unit: 元, 万元 or 亿元")
        completed = money(raw, "yi_yuan")
    except UnitError as exc:
        raise FieldProblem("completed", exc.problem, raw) from None
    return InvestmentReport(subject, as_of, completed, *source_quality(entry))


def _known_subject(programme: Programme, key: str) -> bool:
    for getter in (programme.category, programme.project):
        try:
            getter(key)
        except KeyError:
            continue
        return True
    return False


def as_of_date(value: Any) -> date:
    """The ``as_of`` field read as a date.

    Raises:
        FieldProblem: Not a date in the range the library reads.
    """
    try:
        return read_date(value)
    except ValueError as exc:
        raise FieldProblem("as_of", str(exc), value) from None


def estimate_word(value: Any) -> tuple[Any, bool]:
    """A reported value without 左右 (about), and whether it had it: ``80%左右`` is an estimate."""
    if isinstance(value, str):
        bare, qualifier, _ = split_qualifier(value)
        if qualifier is Qualifier.ABOUT:
            return bare.strip(), True
    return value, False


def estimate_quality(quality: Quality, value: Any) -> Quality:
    """The quality of an estimated value (written with 左右) whose row says ``quality``.

    Raises:
        FieldProblem: The row says official statistics, which are not estimates.
    """
    if quality is Quality.OFFICIAL_STATISTICS:
        raise FieldProblem(
            "quality",
            f"the value {value!r} says 左右 (an estimate): official statistics are not estimates",
            quality.value,
        )
    return Quality.ESTIMATE


def source_quality(entry: Mapping[str, Any]) -> tuple[str | None, Quality]:
    """The ``source`` and ``quality`` fields of a row (an empty quality means reported).

    Raises:
        FieldProblem: A source that is not text or holds a control character; an unknown quality.
    """
    source = entry.get("source")
    if source is not None and not isinstance(source, str):
        raise FieldProblem("source", "expected a text", source)
    if source is not None and not source.strip():
        source = None
    character = None if source is None else forbidden_character(source)
    if character is not None:
        raise FieldProblem("source", f"holds the control character {character}", source)
    raw = entry.get("quality")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return source, Quality.REPORTED
    try:
        return source, Quality(raw.strip() if isinstance(raw, str) else raw)
    except ValueError:
        choices = ", ".join(q.value for q in Quality)
        raise FieldProblem("quality", f"expected one of {choices}", raw) from None
