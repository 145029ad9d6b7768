"""The cattrs converter between the model and plain data (TOML / JSON), strict both ways.

Plain data means: dicts, lists, strings, whole numbers, booleans. Quantities are written as text
(``"77.6 km"``, ``"46.71 yi_yuan"``) with exact decimal magnitudes, dates as ``YYYY-MM-DD``.
Unknown keys are errors; nothing is coerced silently (``"12"`` is not a whole number).
"""

from __future__ import annotations

import difflib
import enum
import re
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, get_origin

import attrs
import cattrs
import cattrs.gen
import pint
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ezhou_recovery._core.dates import check_in_range, read_date
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from ezhou_recovery.units import Quantity, magnitude_problem, parse_quantity
from ezhou_recovery.units.reporting import ReportingUnit

T = TypeVar("T")


def _structure_date(value: Any, _: type) -> date:
    try:
        return read_date(value)
    except ValueError as exc:
        raise FieldProblem("", str(exc), value) from None


def structure_quantity(value: Any, _: type) -> Quantity:
    if not isinstance(value, str):
        raise FieldProblem("", "expected a quantity written as text, such as '77.6公里'", value)
    return parse_quantity(value)


def _unstructure_quantity(q: Quantity) -> str:
    magnitude = q.magnitude
    # A float is written as its shortest text, as every reader of the library reads a float.
    number = Decimal(repr(magnitude)) if isinstance(magnitude, float) else magnitude
    if not isinstance(number, Decimal | int) or (
        isinstance(number, Decimal) and not number.is_finite()
    ):
        raise UnitError(q, "only a finite number can be written as a quantity")
    problem = magnitude_problem(number)
    if problem is not None:
        raise UnitError(q, f"{problem}: it could not be read back")
    unit = format(q.units, "D")
    return str(number) if unit == "dimensionless" else f"{number} {unit}"


def _structure_reporting_unit(value: Any, _: type) -> ReportingUnit:
    if not isinstance(value, str):
        raise FieldProblem("", "expected a unit written as text, such as '万千瓦'", value)
    return ReportingUnit.parse(value)


def is_quantity_type(t: Any) -> bool:
    return t is pint.Quantity or get_origin(t) is pint.Quantity


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise FieldProblem("", "expected a text", value)
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldProblem("", "expected a whole number", value)
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem("", "expected true or false", value)
    return value


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in cls)
        raise FieldProblem("", f"expected one of {choices}", value) from None


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldProblem("", "expected a decimal number written as text", value)
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise FieldProblem("", "not a decimal number", value) from None
    problem = magnitude_problem(number)
    if problem is not None:
        raise FieldProblem("", problem, value)
    return number


def union_of(*members: type) -> Any:
    def matches(t: Any) -> bool:
        args = set(typing.get_args(t))
        return typing.get_origin(t) in (typing.Union, types.UnionType) and all(
            any(a is m or get_origin(a) is m for a in args) for m in members
        )

    return matches


def structure_observed(value: Any, t: type) -> Any:
    """An observation's value: true/false (a milestone), a level's name, or a quantity as text
    (or null, where the type allows none: a result without a value)."""
    from ezhou_recovery.evidence.observations import QualitativeLevel

    if value is None and type(None) in typing.get_args(t):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        for level in QualitativeLevel:
            if value == level.value:
                return level
        return structure_quantity(value, pint.Quantity)
    raise FieldProblem(
        "",
        "expected a quantity written as text ('77.6 kilometer'), true/false or a level name",
        value,
    )


def _unstructure_observed(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return _unstructure_quantity(value)


def _structure_moment(value: Any, _: type) -> date | datetime:
    """A date (``YYYY-MM-DD``) or a time with its UTC offset (``2021-03-24T16:00:00+08:00``)."""
    if isinstance(value, str) and "T" not in value:
        return _structure_date(value, date)
    if not isinstance(value, str) or "T" not in value:
        raise FieldProblem("", "expected a date (YYYY-MM-DD) or a time with its offset", value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FieldProblem("", "not a time written 2021-03-24T16:00:00+08:00", value) from None
    if moment.utcoffset() is None:
        raise FieldProblem("", "a time needs its offset (+08:00 or Z)", value)
    try:
        check_in_range(moment.date())
    except ValueError as exc:
        raise FieldProblem("", str(exc), value) from None
    return moment


def _unstructure_moment(value: date | datetime) -> str:
    # A datetime is a date too: its own isoformat keeps the time and the offset.
    return value.isoformat()


def _resolve_model_types() -> None:
    # The model modules use postponed annotations; cattrs needs them as real types.
    # (io/submission_files.py imports the loaders, which import this module: io/json/documents.py
    # resolves Submission's types.)
    from ezhou_recovery.evidence import observations
    from ezhou_recovery.model import (
        obligations,
        people,
        periods,
        programme,
        projects,
        supervision,
        targets,
    )

    modules = (
        people,
        periods,
        targets,
        projects,
        obligations,
        supervision,
        programme,
        observations,
    )
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and attrs.has(obj):
                attrs.resolve_types(obj)


def make_converter() -> cattrs.Converter:
    """A new strict converter for the model's classes."""
    _resolve_model_types()
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_func(is_quantity_type, structure_quantity)
    converter.register_unstructure_hook_func(is_quantity_type, _unstructure_quantity)
    # Single-dispatch hooks follow the MRO: StrEnum must be registered, or str's hook catches it.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(ReportingUnit, _structure_reporting_unit)
    converter.register_unstructure_hook(ReportingUnit, str)
    _omit_default_reporting_unit(converter)
    # Observation.value (a quantity, true/false or a qualitative level) and
    # Submission.submitted_at (a date or a time with its offset).
    from ezhou_recovery.evidence.observations import QualitativeLevel

    observed = union_of(pint.Quantity, bool, QualitativeLevel)
    converter.register_structure_hook_func(observed, structure_observed)
    converter.register_unstructure_hook_func(observed, _unstructure_observed)
    moment = union_of(date, datetime)
    converter.register_structure_hook_func(moment, _structure_moment)
    converter.register_unstructure_hook_func(moment, _unstructure_moment)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    return converter


def _omit_default_reporting_unit(converter: cattrs.Converter) -> None:
    # A target's reporting unit is written only where it is not its value's own unit (万千瓦).
    from ezhou_recovery.model.targets import Target

    plain = cattrs.gen.make_dict_unstructure_fn(Target, converter)

    def unstructure(target: Target) -> dict[str, Any]:
        data: dict[str, Any] = plain(target)
        if target.value is not None and target.reporting_unit == ReportingUnit.of(
            target.value.units
        ):
            data.pop("reporting_unit", None)
        return data

    converter.register_unstructure_hook(Target, unstructure)


#: The converter the library uses.
converter = make_converter()


def _walk(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                step = f".{note.name}" if path else note.name
            elif isinstance(note, IterableValidationNote):
                step = f"[{note.index!r}]"
            else:  # pragma: no cover - cattrs has no other note kind today
                step = ""
            yield from _walk(sub, path + step)
        for plain in without:
            yield from _walk(plain, path)
    elif isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _walk(inner, path)
    else:
        yield path, exc


def _describe(exc: BaseException) -> tuple[str, Any]:
    if isinstance(exc, FieldProblem):
        return exc.problem, exc.value
    if isinstance(exc, UnitError):
        return exc.problem, exc.text
    if isinstance(exc, InvariantError):
        return exc.problem, exc.value  # the path names the object and the field
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}", None
    if isinstance(exc, KeyError):
        return "required field missing", None
    if isinstance(exc, EzhouRecoveryError):
        return str(exc), None
    if isinstance(exc, ValueError | TypeError):
        return f"invalid value ({exc})", None
    return f"{type(exc).__name__}: {exc}", None


def _unknown_fields(data: Any, path: str, exc: BaseException) -> tuple[str, Any] | None:
    """An unknown field in words: the object's key and the nearest field it may mean."""
    if not isinstance(exc, ForbiddenExtraKeysError):
        return None
    fields = (
        [a.alias or a.name for a in attrs.fields(exc.cl) if a.init] if attrs.has(exc.cl) else []
    )
    raw = _raw_at(data, path)
    key = raw.get("key") if isinstance(raw, dict) else None
    owner = exc.cl.__name__.lower() + (f" {key!r}" if isinstance(key, str) else "")
    words = []
    for name in sorted(exc.extra_fields):
        near = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        words.append(f"{name!r}{hint}")
    return f"unknown field {', '.join(words)} of {owner}", None


def _full_path(path: str, exc: BaseException) -> str:
    # An invariant names the field inside the object that broke it: extend the path with it.
    if isinstance(exc, InvariantError):
        return f"{path}.{exc.field}" if path else exc.field
    return path


_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _raw_at(data: Any, path: str) -> Any:
    """The plain data at ``path`` (``categories[0].targets[2].baseline``), or None."""
    here = data
    for name, index in _STEP.findall(path):
        if name and isinstance(here, dict):
            here = here.get(name)
        elif index and isinstance(here, list) and int(index) < len(here):
            here = here[int(index)]
        else:
            return None
    return here


def _as_written(data: Any, path: str, problem: str, value: Any) -> tuple[str, str, Any]:
    """A problem with its value as the file writes it (18万千瓦, not 180000 kW)."""
    raw = _raw_at(data, path)
    if isinstance(raw, dict):
        raw = raw.get("value")  # a baseline: its value
    written_as_quantity = isinstance(value, str) or hasattr(value, "units")
    if not isinstance(raw, str) or not written_as_quantity or value == raw:
        return path, problem, value
    shown = str(value)
    if shown and shown in problem:
        problem = problem.replace(shown, raw)
    return path, problem, raw


def structure(
    data: object, cls: type[T], *, source: str, using: cattrs.Converter | None = None
) -> T:
    """Build ``cls`` from plain data, or raise a :class:`LoadError` naming where and what.

    The error describes the first problem found; ``LoadError.problems`` lists them all as
    ``(path, problem, value)``. ``using`` is another converter than the library's (the results'
    reader, :mod:`ezhou_recovery.io.json.results`).
    """
    try:
        return (converter if using is None else using).structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        problems = [
            (_full_path(path, sub), *(_unknown_fields(data, path, sub) or _describe(sub)))
            for path, sub in _walk(exc, "")
        ]
    except (EzhouRecoveryError, ValueError, TypeError, AttributeError, ArithmeticError) as other:
        problems = [(_full_path("", other), *_describe(other))]
    if not problems:  # pragma: no cover - an exception group always holds one
        problems = [("", "invalid data", None)]
    # A misspelt field shows as an unknown field and a missing one: name the misspelling first.
    problems.sort(key=lambda p: not p[1].startswith("unknown field"))
    problems = [_as_written(data, *p) for p in problems]
    path, problem, value = problems[0]
    error = LoadError(source, path, problem, value)
    error.problems = problems
    if len(problems) > 1:
        error.args = (f"{error}; and {len(problems) - 1} more problem(s)",)
    raise error
