"""Reading a programme from a data file (TOML or JSON), and the embedded Ezhou plan."""

from __future__ import annotations

import json
import tomllib
import warnings
from datetime import date
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Final

import attrs
import pint

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery.errors import LoadError, UnitError
from ezhou_recovery.io._reading import decode_text, read_bytes
from ezhou_recovery.io.json import _converter
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.units import Qualifier, parse_quantity, share
from ezhou_recovery.units._parsing import split_qualifier
from ezhou_recovery.units.reporting import reporting_unit_of

__all__ = [
    "PROGRAMME_FORMAT",
    "PROGRAMME_FORMAT_VERSION",
    "load_ezhou_plan",
    "load_programme",
    "programme_from_data",
    "read_data_file",
]

#: The value of the ``format`` field of a programme file.
PROGRAMME_FORMAT: Final = "ezhou-recovery/programme"
#: The version of the programme format this library reads and writes.
PROGRAMME_FORMAT_VERSION: Final = 1
_EZHOU_FILE: Final = "ezhou_2020_2022.toml"


def read_data_file(path: str | PathLike[str]) -> Any:
    """Parse a TOML or JSON file into plain data.

    Raises:
        LoadError: The file cannot be read, is empty, or is not valid TOML / JSON.
    """
    source = str(path)
    raw = read_bytes(path, source)
    return parse_data(raw, source=source, suffix=Path(path).suffix.lower())


def parse_data(raw: bytes, *, source: str, suffix: str) -> Any:
    """Parse TOML (``suffix='.toml'``) or JSON bytes into plain data, with errors as LoadError."""
    if not raw.strip():
        raise LoadError(source, "", "the file is empty")
    text = decode_text(raw, source)
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise LoadError(source, "", f"not valid TOML ({exc})") from None
        except ValueError as exc:  # an integer of more than 4300 digits
            raise LoadError(source, "", f"not valid TOML ({exc})") from None
        except RecursionError:
            raise LoadError(source, "", "not valid TOML (nested too deeply)") from None
    if suffix == ".json":
        try:
            return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as exc:
            raise LoadError(
                source, f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})"
            ) from None
        except ValueError as exc:
            raise LoadError(source, "", str(exc)) from None
        except RecursionError:
            raise LoadError(source, "", "not valid JSON (nested too deeply)") from None
    raise LoadError(source, "", f"unknown file type {suffix!r}: expected .toml or .json")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"not valid JSON (the key {key!r} appears twice in one object)")
        table[key] = value
    return table


def _reject_constant(name: str) -> Any:
    raise ValueError(f"not valid JSON ({name} is not a number JSON allows)")


def check_format(data: Any, *, source: str, expected: str, version: int) -> dict[str, Any]:
    """Check a document's ``format`` and ``format_version`` fields; return the rest of it.

    Raises:
        LoadError: The data is not a table, or names another format or an unknown version.
    """
    if not isinstance(data, dict):
        raise LoadError(source, "", "expected a table of fields at the top", type(data).__name__)
    body = dict(data)
    found = body.pop("format", None)
    if found != expected:
        raise LoadError(source, "format", f"expected {expected!r}", found)
    found_version = body.pop("format_version", None)
    if type(found_version) is not int or found_version != version:  # true and 1.0 are not 1
        raise LoadError(
            source,
            "format_version",
            f"unknown version: this library reads version {version}",
            found_version,
        )
    return body


def programme_from_data(data: Any, *, source: str = "<data>") -> Programme:
    """Build a programme from plain data in the programme format (see ``docs/format.md``).

    A target without a ``deadline`` is due at the end of the programme's period.

    Raises:
        LoadError: Names the source, the path to the entry, the problem and the value.
    """
    body = check_format(
        data, source=source, expected=PROGRAMME_FORMAT, version=PROGRAMME_FORMAT_VERSION
    )
    _declare_counted_things(body, source)
    _default_deadlines(body)
    _qualified_values(body, source)
    _reporting_units(body)
    return _converter.structure(body, Programme, source=source)


def _default_deadlines(body: dict[str, Any]) -> None:
    period = body.get("period")
    end = period.get("end") if isinstance(period, dict) else None
    if not isinstance(end, date | str):
        return  # the converter reports the bad period
    categories = body.get("categories")
    for category in categories if isinstance(categories, list) else ():
        targets = category.get("targets") if isinstance(category, dict) else None
        for target in targets if isinstance(targets, list) else ():
            if isinstance(target, dict) and "deadline" not in target:
                target["deadline"] = end


def _declare_counted_things(body: dict[str, Any], source: str) -> None:
    # The programme's own counted things are units before its values are read.
    from ezhou_recovery.model.programme import CountedThing

    things = body.get("counted_things")
    if things is None:
        return
    try:
        declared = _converter.structure(things, tuple[CountedThing, ...], source=source)
    except LoadError as exc:
        raise LoadError(source, f"counted_things{exc.path}", exc.problem, exc.value) from None
    for thing in declared:
        try:
            thing.declare()
        except UnitError as exc:
            raise LoadError(source, "counted_things", exc.problem, exc.text) from None


#: The comparator a qualifying word in a target's value stands for.
_COMPARATOR_OF: Final = {Qualifier.AT_LEAST: "at_least", Qualifier.AT_MOST: "at_most"}


def _qualified_values(body: dict[str, Any], source: str) -> None:
    # 99%以上, 不低于90%, 30分钟以内, 80%左右: the word sets the comparator (左右: about).
    categories = body.get("categories")
    for ci, category in enumerate(categories if isinstance(categories, list) else ()):
        targets = category.get("targets") if isinstance(category, dict) else None
        for ti, target in enumerate(targets if isinstance(targets, list) else ()):
            value = target.get("value") if isinstance(target, dict) else None
            if not isinstance(value, str):
                continue
            bare, qualifier, word = split_qualifier(value)
            if qualifier is None:
                continue
            target["value"] = bare.strip()
            if qualifier is Qualifier.ABOUT:
                target.setdefault("about", True)
                continue
            implied = _COMPARATOR_OF[qualifier]
            given = target.setdefault("comparator", implied)
            if given != implied:
                raise LoadError(
                    source,
                    f"categories[{ci}].targets[{ti}].comparator",
                    f"the value {value!r} says {word} ({implied}); the comparator says {given}",
                    given,
                )


def _reporting_units(body: dict[str, Any]) -> None:
    # A target's value text says the unit its sector reports in (50万千瓦): keep it beside the value.
    categories = body.get("categories")
    for category in categories if isinstance(categories, list) else ():
        targets = category.get("targets") if isinstance(category, dict) else None
        for target in targets if isinstance(targets, list) else ():
            if not isinstance(target, dict) or "reporting_unit" in target:
                continue
            value = target.get("value")
            if not isinstance(value, str):
                continue
            try:
                unit = reporting_unit_of(value, parse_quantity(value).units)
            except UnitError:
                continue  # the converter reports the bad value
            if unit is not None and not unit.canonical:
                target["reporting_unit"] = unit.text


def load_programme(path: str | PathLike[str]) -> Programme:
    """Load a programme from a TOML or JSON file in the programme format.

    Raises:
        LoadError: The file cannot be read or parsed, or an entry is wrong; the error names the
            file, the path to the entry (``categories[3].targets[2].value``), the problem and the
            value. Unknown fields are errors.
    """
    return programme_from_data(read_data_file(path), source=str(path))


def programme_or_default(programme: Programme | None, loader: str) -> Programme:
    """``programme``, or the embedded Ezhou plan with a :class:`DeprecationWarning` when it is None.

    A loader given no programme checks its file against the Ezhou plan, which fails for any other
    plan's file with "unknown target key". Passing the programme will be required in the next
    release.

    Raises:
        TypeError: ``programme`` is neither None nor a :class:`~ezhou_recovery.Programme`.
    """
    if programme is not None:
        return check_type(programme, Programme, function=loader, name="programme")
    warnings.warn(
        f"{loader}() without a programme checks the file against the embedded Ezhou plan; pass "
        f"the programme ({loader}(path, programme)): it will be required in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
    return load_ezhou_plan()


@cache
def load_ezhou_plan() -> Programme:
    """The embedded Ezhou plan (鄂州政发〔2020〕10号), loaded once and shared.

    It is immutable: its objects are frozen, and its quantities refuse in-place conversion
    (``value.ito("meter")`` raises TypeError; ``value.to("meter")`` gives a new quantity).
    """
    ref = resources.files("ezhou_recovery").joinpath("data", _EZHOU_FILE)
    raw = ref.read_bytes()
    programme = programme_from_data(
        parse_data(raw, source=_EZHOU_FILE, suffix=".toml"), source=_EZHOU_FILE
    )
    _share_quantities(programme, set())
    return programme


def _share_quantities(value: Any, seen: set[int]) -> None:
    """Mark every quantity reachable from ``value`` (attrs objects, tuples, lists, dicts) shared."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, pint.Quantity):
        share(value)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            _share_quantities(getattr(value, field.name), seen)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            _share_quantities(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _share_quantities(item, seen)
