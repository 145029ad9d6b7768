"""attrs validators that raise :class:`~ezhou_recovery.errors.InvariantError` naming the object."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ezhou_recovery._core.text import forbidden_character
from ezhou_recovery.errors import InvariantError

_SLUG = re.compile(r"[a-z][a-z0-9_]*")
_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_]*)*")


def where(instance: Any) -> str:
    """Name an object for an error message: its class and, when it has one, its key."""
    name = type(instance).__name__
    key = getattr(instance, "key", None)
    return f"{name} {key!r}" if isinstance(key, str) else name


def fail(instance: Any, field: str, value: Any, problem: str) -> InvariantError:
    """Build the error for a broken rule of ``instance``."""
    return InvariantError(where(instance), field, value, problem)


def text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise fail(instance, attribute.name, value, "must be a non-empty text")
    character = forbidden_character(value)
    if character is not None:
        raise fail(
            instance,
            attribute.name,
            value,
            f"holds the control character {character} (a text may hold tab and line breaks, "
            "no other control character, NUL or lone surrogate)",
        )


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """None or a non-empty string."""
    if value is not None:
        text(instance, attribute, value)


def slug(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A lower-case identifier such as ``public_health``."""
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise fail(
            instance, attribute.name, value, "must be a lower-case identifier ([a-z][a-z0-9_]*)"
        )


def dotted_key(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A key such as ``transport.high_grade_waterway``."""
    if not isinstance(value, str) or not _KEY.fullmatch(value) or "." not in value:
        raise fail(instance, attribute.name, value, "must look like '<category>.<slug>'")


def a_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.date` (not a datetime)."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise fail(instance, attribute.name, value, "must be a date")


def optional_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """None or a date."""
    if value is not None:
        a_date(instance, attribute, value)


def non_negative_int(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(instance, attribute.name, value, "must be a whole number, zero or more")


def finite(number: Any) -> bool:
    """Whether a magnitude is a finite number (not NaN, not infinite, not a non-number)."""
    if isinstance(number, bool):
        return False
    if isinstance(number, int):
        return True
    if isinstance(number, Decimal):
        return number.is_finite()
    try:
        return math.isfinite(number)
    except (TypeError, ValueError):
        return False


def instances_of(kind: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A tuple whose items are all of ``kind``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise fail(instance, attribute.name, value, "must be a tuple")
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise fail(instance, f"{attribute.name}[{i}]", item, f"must be a {kind.__name__}")

    return check


def unique(instance: Any, field: str, keys: Iterable[str]) -> None:
    """Raise when a key repeats; the error names the index of the repeat (``targets[3]``)."""
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise fail(instance, f"{field}[{i}]", key, "duplicate key")
        seen.add(key)
