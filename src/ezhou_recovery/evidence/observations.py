"""What happens in the world: reported values, reported investment, and reading them from files.

An :class:`Observation` is one reported value of one target on one date. What the value means
depends on the target's kind:

* level: the level reached on ``as_of`` (the waterway in service, 77.6 km);
* cumulative: the amount built **from the programme start** up to ``as_of`` (km of rural road built
  since 2020-01-01), never the amount of one quarter: the latest observation is the whole amount;
* annual rate: the amount achieved in the **calendar year of** ``as_of``, from 1 January up to
  ``as_of`` (villages whose living environment was improved so far this year);
* milestone: ``True`` once the thing is done, ``False`` while it is not;
* qualitative: a :class:`QualitativeLevel`.

An :class:`InvestmentReport` is cumulative from the programme start, like a cumulative target.
"""

from __future__ import annotations

import enum
import math
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload

import attrs
import pint

from . import _validators as v
from ._dates import read_date
from ._reading import csv_records, forbidden_character, read_text
from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .limits import current_limits
from .projects import _money
from .targets import Target, TargetKind
from .units import (
    Q_,
    Qualifier,
    Quantity,
    _split_qualifier,
    format_quantity,
    held_magnitude_problem,
    is_money,
    magnitude_problem,
    money,
    parse_quantity,
    quantity_in,
    ureg,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .columnar import ObservationTable
    from .programme import Programme
    from .validation import Finding

__all__ = [
    "IMPLAUSIBLE_RATIO",
    "INVESTMENT_FORMAT",
    "OBSERVATIONS_FORMAT",
    "AnnualInvestmentPlan",
    "ImplausibleValueWarning",
    "InvestmentReport",
    "Observation",
    "QualitativeLevel",
    "Quality",
    "implausibility",
    "load_investment_reports",
    "load_observations",
    "observations_frame",
]

#: The value of the ``format`` field of an observations JSON document (a bare list is also read).
OBSERVATIONS_FORMAT: Final = "ezhou-recovery/observations"
#: The value of the ``format`` field of an investment reports JSON document.
INVESTMENT_FORMAT: Final = "ezhou-recovery/investment"


class Quality(enum.StrEnum):
    """Where a reported figure comes from."""

    #: Reported by a department (部门报送).
    REPORTED = "reported"
    #: Official statistics (统计数据).
    OFFICIAL_STATISTICS = "official_statistics"
    #: An estimate (估算).
    ESTIMATE = "estimate"


class QualitativeLevel(enum.StrEnum):
    """How far a goal stated in words has got: one ordered scale for every qualitative target.

    The order is ``NOT_STARTED < IN_PROGRESS < BASICALLY_ACHIEVED < ACHIEVED``; only ``ACHIEVED``
    attains the goal. Progress is the level's rank divided by 3 (0, 1/3, 2/3, 1).
    """

    #: 未启动.
    NOT_STARTED = "not_started"
    #: 推进中.
    IN_PROGRESS = "in_progress"
    #: 基本完成.
    BASICALLY_ACHIEVED = "basically_achieved"
    #: 已完成.
    ACHIEVED = "achieved"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 (not started) to 3 (achieved)."""
        return _LEVELS.index(self)

    @property
    def name_zh(self) -> str:
        """The level's Chinese name (未启动, 推进中, 基本完成, 已完成)."""
        return _LEVEL_ZH[self]

    @property
    def name_en(self) -> str:
        """The level's English name (not started, ...)."""
        return self.value.replace("_", " ")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, QualitativeLevel):
            return NotImplemented
        return self.rank >= other.rank

    @classmethod
    def read(cls, text: str) -> QualitativeLevel:
        """The level named by ``text``: its value (``in_progress``), English or Chinese name.

        Raises:
            UnitError: No level has that name; the message lists them.
        """
        word = text.strip()
        for level in cls:
            if word in (level.value, level.name_en, level.name_zh):
                return level
        names = ", ".join(f"{lv.value} ({lv.name_zh})" for lv in cls)
        raise UnitError(text, f"not a level of the qualitative scale: {names}")


_LEVELS: Final = tuple(QualitativeLevel)
_LEVEL_ZH: Final = {
    QualitativeLevel.NOT_STARTED: "未启动",
    QualitativeLevel.IN_PROGRESS: "推进中",
    QualitativeLevel.BASICALLY_ACHIEVED: "基本完成",
    QualitativeLevel.ACHIEVED: "已完成",
}
_TRUE: Final = frozenset({"true", "yes", "done", "1", "是", "已完成", "完成"})
_FALSE: Final = frozenset({"false", "no", "not done", "0", "否", "未完成"})


def _observed_value(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool | QualitativeLevel):
        return
    if not isinstance(value, pint.Quantity) or value._REGISTRY is not ureg:
        raise v.fail(
            instance,
            attribute.name,
            value,
            "must be a quantity of ezhou_recovery.ureg, True/False or a QualitativeLevel",
        )
    problem = held_magnitude_problem(value.magnitude)
    if problem is not None:
        raise v.fail(instance, attribute.name, value, problem)
    if value.magnitude < 0:
        raise v.fail(instance, attribute.name, value, "must not be negative")


@attrs.frozen
class Observation:
    """A reported value of one target on one date.

    Build one in the target's unit with :meth:`for_target`, which reads numbers and texts.

    Attributes:
        target: Key of the target (``transport.high_grade_waterway``).
        as_of: The date the value describes.
        value: A quantity in the target's dimension (level: the level; cumulative: the amount
            since the programme start; annual rate: the amount in the calendar year of ``as_of``
            so far); True/False for a milestone; a :class:`QualitativeLevel` for a qualitative goal.
        source: Who reported it, free text.
        quality: Where the figure comes from.
    """

    target: str = attrs.field(validator=v.dotted_key)
    as_of: date = attrs.field(validator=v.a_date)
    value: Quantity | bool | QualitativeLevel = attrs.field(validator=_observed_value)
    source: str | None = attrs.field(default=None, validator=v.optional_text)
    quality: Quality = attrs.field(
        default=Quality.REPORTED, validator=attrs.validators.instance_of(Quality)
    )

    @property
    def key(self) -> str:
        """The target key (names the observation in error messages)."""
        return self.target

    @classmethod
    def for_target(
        cls,
        target: Target,
        as_of: date,
        value: Any,
        *,
        source: str | None = None,
        quality: Quality = Quality.REPORTED,
    ) -> Observation:
        """An observation of ``target`` with ``value`` read in the target's unit.

        ``value`` may be a quantity, a number (in the target's unit), or a text such as
        ``"77.6公里"`` or ``"1,444个"`` (a bare number or a generic measure word is in the target's
        unit). A milestone takes True/False (or ``true``/``false``, ``是``/``否``, ``done``); a
        qualitative goal a :class:`QualitativeLevel` or its name (``推进中``, ``in_progress``).

        Raises:
            UnitError: The value cannot be read for this target, or its unit has another
                dimension; the message names the target, the value and both units.
        """
        return cls(target.key, as_of, read_value(target, value), source, quality)


def read_value(target: Target, value: Any) -> Quantity | bool | QualitativeLevel:
    """Read ``value`` as a value of ``target`` (see :meth:`Observation.for_target`).

    Raises:
        UnitError: The value does not fit the target.
    """
    if target.kind is TargetKind.MILESTONE:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
        raise UnitError(value, f"{target.key}: a milestone's value is true (done) or false")
    if target.kind is TargetKind.QUALITATIVE:
        if isinstance(value, QualitativeLevel):
            return value
        if isinstance(value, str):
            try:
                return QualitativeLevel.read(value)
            except UnitError as exc:
                raise UnitError(value, f"{target.key}: {exc.problem}") from None
        raise UnitError(value, f"{target.key}: a qualitative goal's value is a level name")
    bare = _bare_number(value)
    if bare is not None and target.reporting_unit is not None:
        q = target.in_reporting_unit(bare)
    else:
        unit = target.reporting_unit
        q = quantity_in(
            _exact(value),
            target.unit,
            what=target.key,
            unit_text=None if unit is None else unit.text,
        )
    if q.magnitude < 0:
        raise UnitError(value, f"{target.key}: a value must not be negative")
    return q


def _bare_number(value: Any) -> Decimal | None:
    """A number without a unit (40, 40.5, "40", "1,444") as a Decimal; None for anything else.

    Raises:
        UnitError: The number breaks the range rule of :func:`magnitude_problem`, as any number
            entering the library does.
    """
    number: Decimal | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value)) if math.isfinite(value) else None
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if text and all(c.isascii() for c in text):
            try:
                number = Decimal(text)
            except ArithmeticError:
                return None
    if number is None or not number.is_finite():
        return None
    problem = magnitude_problem(number)
    if problem is not None:
        raise UnitError(value, problem)
    return number


#: A reported value more than this many times its target, or less than its inverse, is implausible.
IMPLAUSIBLE_RATIO: Final = Decimal(1000)


def implausibility(target: Target, value: Any) -> str | None:
    """Why a reported value is implausible for its target, in words; None when it is plausible.

    A value is implausible when it is more than :data:`IMPLAUSIBLE_RATIO` (10³) times the target,
    or below 10⁻³ of it where neither is zero: a number typed in 千瓦 for a target in 万千瓦 (or
    the reverse) lands there. The words give both readings of the number.
    """
    goal = target.value
    unit = target.reporting_unit
    if goal is None or unit is None or not isinstance(value, pint.Quantity):
        return None
    if value.dimensionality != goal.dimensionality:
        return None
    reported, promised = unit.number(value), unit.number(goal)
    if not reported or not promised:
        return None
    ratio = reported / promised
    if IMPLAUSIBLE_RATIO**-1 <= ratio <= IMPLAUSIBLE_RATIO:
        return None
    shown = target.format_value(value)
    slip = Decimal(10_000) if ratio > 1 else Decimal(1) / Decimal(10_000)
    meant = unit.quantity(reported / slip)
    other = target.format_value(meant)
    if unit.factor != 1:
        other += f" ({format_quantity(meant)})"
    size = f"{_ratio(ratio)} times" if ratio > 1 else f"1/{_ratio(1 / ratio)} of"
    return (
        f"{shown} is {size} the target {target.describe_value()}: implausible; "
        f"was {other} meant (a slip of 万)?"
    )


class ImplausibleValueWarning(UserWarning):
    """A loaded value is implausible for its target (a slip of 万); ``finding`` says where and why."""

    def __init__(self, finding: Finding, source: str) -> None:
        self.finding = finding
        self.source = source
        super().__init__(f"{source}: {finding.where}: {finding.what}")


def warn_implausible(finding: Finding, source: str) -> None:
    """Issue an :class:`ImplausibleValueWarning` for ``finding`` of the file ``source``."""
    warnings.warn(ImplausibleValueWarning(finding, source), stacklevel=4)


def _ratio(number: Decimal) -> str:
    return f"{number:,.0f}" if number >= 10 else f"{number:.3g}"


def _exact(value: Any) -> Any:
    """A quantity with a whole or float magnitude as the same quantity with a Decimal magnitude
    (so that unit conversions are exact); anything else unchanged."""
    if isinstance(value, pint.Quantity) and isinstance(value.magnitude, int | float):
        magnitude = value.magnitude
        if isinstance(magnitude, bool) or not math.isfinite(magnitude):
            return value
        number = Decimal(magnitude) if isinstance(magnitude, int) else Decimal(repr(magnitude))
        return Q_(number, value.units) if value._REGISTRY is ureg else value
    return value


@attrs.frozen
class InvestmentReport:
    """Investment completed for a category or a project, cumulative from the programme start.

    Attributes:
        subject: Key of a category (``transport``) or of a project (``transport.ezhou_xianning_expressway``).
        as_of: The date the amount is reported for.
        completed: Investment completed from the programme start up to ``as_of`` (开累完成投资).
        source: Who reported it, free text.
        quality: Where the figure comes from.
    """

    subject: str = attrs.field(validator=v.text)
    as_of: date = attrs.field(validator=v.a_date)
    completed: Quantity = attrs.field(validator=_money)
    source: str | None = attrs.field(default=None, validator=v.optional_text)
    quality: Quality = attrs.field(
        default=Quality.REPORTED, validator=attrs.validators.instance_of(Quality)
    )


@attrs.frozen
class AnnualInvestmentPlan:
    """Investment planned for a category (or a project) in one calendar year (年度投资计划).

    Attributes:
        subject: Key of a category or of a project.
        year: The calendar year.
        planned: Investment planned for that year.
    """

    subject: str = attrs.field(validator=v.text)
    year: int = attrs.field(validator=v.non_negative_int)
    planned: Quantity = attrs.field(validator=_money)


# Reading files ----------------------------------------------------------------------------------

_OBSERVATION_FIELDS: Final = ("target", "as_of", "value", "source", "quality")
_OBSERVATION_REQUIRED: Final = ("target", "as_of", "value")
_INVESTMENT_FIELDS: Final = ("subject", "as_of", "completed", "source", "quality")
_INVESTMENT_REQUIRED: Final = ("subject", "as_of", "completed")


@overload
def load_observations(
    path: str | PathLike[str],
    programme: Programme | None = None,
    *,
    columnar: Literal[False] = False,
) -> tuple[Observation, ...]: ...


@overload
def load_observations(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: Literal[True]
) -> ObservationTable: ...


def load_observations(
    path: str | PathLike[str], programme: Programme | None = None, *, columnar: bool = False
) -> tuple[Observation, ...] | ObservationTable:
    """Read observations from a CSV or JSON file, in file order.

    CSV: a header row with the columns ``target, as_of, value`` and optionally ``source, quality``;
    one observation per row. JSON: a list of objects with those fields, or a table
    ``{"format": "ezhou-recovery/observations", "format_version": 1, "observations": [...]}``.
    Dates are ``YYYY-MM-DD``; values as :meth:`Observation.for_target` reads them; an empty
    ``quality`` means ``reported``.

    A Parquet file (``.parquet``, needs the ``arrow`` extra) holds the same columns; ``as_of``
    may be a date column and ``value`` a numeric one (in the target's unit); its rows are named
    by position from 0.

    Args:
        path: The file (``.csv``, ``.json`` or ``.parquet``).
        programme: The programme the target keys belong to. Without it the file is checked
            against the embedded Ezhou plan, with a :class:`DeprecationWarning` (it will be
            required in the next release).
        columnar: Return an :class:`~ezhou_recovery.ObservationTable` (needs numpy), read by a
            faster reader for CSV files (pyarrow's, with the ``arrow`` extra, for files over
            256 KiB); :func:`~ezhou_recovery.assess` gives the same results from it.

    Raises:
        LoadError: Names the file, the row (``row 7``, counting the header as row 1) or entry
            (``observations[3]``), the field and the value. Unknown target keys and unknown
            columns are errors.
    """
    from .loading import programme_or_default

    programme = programme_or_default(programme, "load_observations")
    plan = programme
    suffix = Path(path).suffix.lower()
    if columnar:
        from ._optional import arrow_worth_it
        from .columnar import ObservationTable

        if suffix == ".parquet" or (suffix == ".csv" and arrow_worth_it(path)):
            from . import _arrow

            return _arrow.observations_file(path, programme)
        if suffix == ".csv":
            return ObservationTable.from_csv(path, programme)
        return ObservationTable.from_observations(programme, load_observations(path, programme))
    if suffix == ".parquet":
        from . import _arrow

        return _arrow.observations_file(path, programme, columnar=False)

    def build(entry: Mapping[str, Any]) -> Observation:
        return _observation(plan, entry)

    def check(where: str, observation: Observation) -> None:
        why = implausibility(plan.target(observation.target), observation.value)
        if why is not None:
            from .validation import Finding, Severity  # validation reads observations

            warn_implausible(Finding(Severity.WARNING, "implausible-value", where, why), str(path))

    return _load(
        path,
        build,
        _OBSERVATION_FIELDS,
        _OBSERVATION_REQUIRED,
        "observations",
        OBSERVATIONS_FORMAT,
        check,
    )


def _observation(programme: Programme, entry: Mapping[str, Any]) -> Observation:
    """One observation from one row or entry, or :class:`_FieldError` naming the field."""
    key = entry["target"]
    try:
        target = programme.target(key)
    except (KeyError, TypeError):
        raise _FieldError("target", "unknown target key", key) from None
    as_of = _read_date(entry["as_of"])
    raw, estimated = estimate_word(entry["value"])
    try:
        value = read_value(target, raw)
    except UnitError as exc:
        raise _FieldError("value", exc.problem, entry["value"]) from None
    source, quality = _source_quality(entry)
    if estimated:  # 80%左右: an estimate
        quality = _estimate_quality(quality, entry["value"])
    return Observation(target.key, as_of, value, source, quality)


def load_investment_reports(
    path: str | PathLike[str], programme: Programme | None = None
) -> tuple[InvestmentReport, ...]:
    """Read investment reports from a CSV or JSON file, in file order.

    Columns (or fields): ``subject`` (a category key or a project key of the programme), ``as_of``,
    ``completed`` (an amount with its unit, ``12.5亿元`` or ``125000万元``: a bare number is an
    error, since 万元 and 亿元 differ ten thousand times), and optionally ``source`` and ``quality``.
    A JSON table uses ``"format": "ezhou-recovery/investment"`` and ``"investment_reports": [...]``.

    Args:
        path: The file (``.csv`` or ``.json``).
        programme: The programme the subjects belong to. Without it the file is checked against
            the embedded Ezhou plan, with a :class:`DeprecationWarning` (it will be required in the
            next release).

    Raises:
        LoadError: Names the file, the row or entry, the field and the value.
    """
    from .loading import programme_or_default

    programme = programme_or_default(programme, "load_investment_reports")
    plan = programme

    def build(entry: Mapping[str, Any]) -> InvestmentReport:
        subject = entry["subject"]
        if not isinstance(subject, str) or not _known_subject(plan, subject):
            raise _FieldError("subject", "not a category or project key of the programme", subject)
        as_of = _read_date(entry["as_of"])
        raw = entry["completed"]
        try:
            if not isinstance(raw, str) or not is_money(parse_quantity(raw)):
                raise UnitError(raw, "an amount needs its unit: 元, 万元 or 亿元")
            completed = money(raw, "yi_yuan")
        except UnitError as exc:
            raise _FieldError("completed", exc.problem, raw) from None
        return InvestmentReport(subject, as_of, completed, *_source_quality(entry))

    return _load(
        path,
        build,
        _INVESTMENT_FIELDS,
        _INVESTMENT_REQUIRED,
        "investment_reports",
        INVESTMENT_FORMAT,
    )


def _known_subject(programme: Programme, key: str) -> bool:
    for getter in (programme.category, programme.project):
        try:
            getter(key)
        except KeyError:
            continue
        return True
    return False


class _FieldError(Exception):
    def __init__(self, field: str, problem: str, value: Any) -> None:
        self.field = field
        self.problem = problem
        self.value = value
        super().__init__(problem)


def _read_date(value: Any) -> date:
    try:
        return read_date(value)
    except ValueError as exc:
        raise _FieldError("as_of", str(exc), value) from None


def estimate_word(value: Any) -> tuple[Any, bool]:
    """A reported value without 左右 (about), and whether it had it: ``80%左右`` is an estimate."""
    if isinstance(value, str):
        bare, qualifier, _ = _split_qualifier(value)
        if qualifier is Qualifier.ABOUT:
            return bare.strip(), True
    return value, False


def _estimate_quality(quality: Quality, value: Any) -> Quality:
    if quality is Quality.OFFICIAL_STATISTICS:
        raise _FieldError(
            "quality",
            f"the value {value!r} says 左右 (an estimate): official statistics are not estimates",
            quality.value,
        )
    return Quality.ESTIMATE


def _source_quality(entry: Mapping[str, Any]) -> tuple[str | None, Quality]:
    source = entry.get("source")
    if source is not None and not isinstance(source, str):
        raise _FieldError("source", "expected a text", source)
    if source is not None and not source.strip():
        source = None
    character = None if source is None else forbidden_character(source)
    if character is not None:
        raise _FieldError("source", f"holds the control character {character}", source)
    raw = entry.get("quality")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return source, Quality.REPORTED
    try:
        return source, Quality(raw.strip() if isinstance(raw, str) else raw)
    except ValueError:
        choices = ", ".join(q.value for q in Quality)
        raise _FieldError("quality", f"expected one of {choices}", raw) from None


def _load(
    path: str | PathLike[str],
    build: Any,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    list_name: str,
    format_name: str,
    check: Any = None,
) -> tuple[Any, ...]:
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        entries = _csv_entries(path, source, fields, required)
    elif suffix == ".json":
        entries = _json_entries(path, source, fields, required, list_name, format_name)
    else:
        raise LoadError(source, "", f"unknown file type {suffix!r}: expected .csv or .json")
    out = []
    for where, entry in entries:
        try:
            out.append(build(entry))
            if check is not None:
                check(f"{where}.value", out[-1])
        except _FieldError as exc:
            raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
        except InvariantError as exc:
            raise LoadError(source, f"{where}.{exc.field}", exc.problem, exc.value) from None
        except EzhouRecoveryError as exc:  # pragma: no cover - every known error is mapped above
            raise LoadError(source, where, str(exc)) from None
    return tuple(out)


def _csv_entries(
    path: str | PathLike[str], source: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> Iterable[tuple[str, dict[str, Any]]]:
    header, rows = _csv_rows(path, source, fields, required)
    return [(where, dict(zip(header, row, strict=True))) for where, row in rows]


def _csv_rows(
    path: str | PathLike[str], source: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[str, list[str]]]]:
    """The checked header of a CSV file, and its data rows (``row N``, cells), blank rows skipped.

    The rows are checked as they are read: each has as many cells as the header, and no empty
    required cell.
    """
    records = csv_records(read_text(path, source), source)
    first = next(records, None)
    header = _csv_header(source, None if first is None else first[1], fields, required)
    positions = [header.index(name) for name in required]

    def rows() -> Iterator[tuple[str, list[str]]]:
        for number, row in records:
            if not any(cell.strip() for cell in row):
                continue  # a blank line holds no data
            where = f"row {number}"
            if len(row) != len(header):
                raise LoadError(
                    source, where, f"expected {len(header)} cells, found {len(row)}", row
                )
            _check_required(source, where, row, required, positions)
            yield where, row

    return header, rows()


def _csv_header(
    source: str, first: list[str] | None, fields: tuple[str, ...], required: tuple[str, ...]
) -> list[str]:
    """The header row's column names, stripped and checked."""
    if first is None or not any(cell.strip() for cell in first):
        raise LoadError(source, "row 1", f"expected a header row: {', '.join(fields)}")
    header = [cell.strip() for cell in first]
    unknown = [h for h in header if h not in fields]
    if unknown:
        raise LoadError(
            source, "row 1", f"unknown column(s), expected {', '.join(fields)}", unknown
        )
    missing = [f for f in required if f not in header]
    if missing:
        raise LoadError(source, "row 1", f"missing column(s): {', '.join(missing)}")
    if len(set(header)) != len(header):
        raise LoadError(source, "row 1", "a column repeats", header)
    return header


def _check_required(
    source: str,
    where: str,
    row: list[str],
    required: tuple[str, ...],
    positions: list[int],
) -> None:
    """Raise a LoadError when a required cell of a CSV row is empty."""
    for name, i in zip(required, positions, strict=True):
        if not row[i].strip():
            raise LoadError(source, f"{where}.{name}", "required field is empty")


def _json_entries(
    path: str | PathLike[str],
    source: str,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    list_name: str,
    format_name: str,
) -> Iterable[tuple[str, dict[str, Any]]]:
    from .loading import check_format, read_data_file

    data = read_data_file(path)
    prefix = ""
    if isinstance(data, dict):
        body = check_format(data, source=source, expected=format_name, version=1)
        items = body.pop(list_name, None)
        if body:
            raise LoadError(source, "", f"unknown field(s): {', '.join(sorted(body))}")
        if not isinstance(items, list):
            raise LoadError(source, list_name, "expected a list", items)
        prefix = list_name
    elif isinstance(data, list):
        items = data
    else:
        raise LoadError(source, "", "expected a list of entries", type(data).__name__)
    limits = current_limits()
    if len(items) > limits.max_rows:
        raise LoadError(
            source, prefix, limits.problem("max_rows", f"{len(items):_} entries in the list")
        )
    entries: list[tuple[str, dict[str, Any]]] = []
    for i, item in enumerate(items):
        where = f"{prefix}[{i}]"
        if not isinstance(item, dict):
            raise LoadError(source, where, "expected a table of fields", item)
        unknown = sorted(set(item) - set(fields))
        if unknown:
            raise LoadError(source, where, f"unknown field(s): {', '.join(unknown)}")
        for name in required:
            if name not in item:
                raise LoadError(source, f"{where}.{name}", "required field missing")
        entries.append((where, item))
    return entries


def observations_frame(observations: Iterable[Observation]) -> pd.DataFrame:
    """One row per observation (needs pandas: the ``frames`` extra).

    Columns: ``target, as_of, value, unit, value_text, source, quality``; ``value`` is the exact
    Decimal magnitude in ``unit`` (True/False for a milestone, the level's value for a
    qualitative goal).
    """
    from ._frames import observations_frame as frame

    return frame(observations)
