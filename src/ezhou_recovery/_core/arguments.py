"""Checking the type of an argument given to a public function: a wrong type is a
:class:`TypeError` that names the function, the parameter and the type given, as Python's own."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["check_type"]

T = TypeVar("T")


def check_type(value: object, expected: type[T], *, function: str, name: str) -> T:
    """``value``, checked to be a ``expected``.

    Raises:
        TypeError: ``value`` is of another type; names ``function()``, the parameter ``name``,
            the type expected and the type given.
    """
    if not isinstance(value, expected):
        raise TypeError(
            f"{function}() expects {name} to be a {expected.__name__}, "
            f"not {type(value).__name__}: {value!r:.80}"
        )
    return value
