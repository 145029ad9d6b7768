"""Writing quantities for people: Chinese (``77.6公里``), English (``77.6 km``), English words
(``3 CDCs``), and what a unit measures (``an area``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from ezhou_recovery.units._registry import COUNTED_THINGS, DECLARED_EN, Q_, Quantity, ureg, zh_name

_DIMENSION_WORDS: Final[tuple[tuple[str, str, str], ...]] = (
    ("km", "a length", "length"),
    ("km**2", "an area", "area"),
    ("m**3", "a volume", "volume"),
    ("metric_ton", "a mass", "mass"),
    ("kW", "power", "power"),
    ("kWh", "energy", "energy"),
    ("kV", "a voltage", "voltage"),
    ("hour", "a duration", "time"),
    ("yuan", "money", "money"),
    ("km_per_km2", "a road density", "road density"),
    ("return_period_year", "a return period", "a return period"),
    ("percent", "a share", "a share"),
)


def describe_dimension(unit: Any) -> tuple[str, str]:
    """What a unit measures, in words: (``an area``, ``area``), (``a count of beds``, ``beds``)."""
    dims = ureg.Unit(unit).dimensionality if isinstance(unit, str) else unit.dimensionality
    for expr, phrase, noun in _DIMENSION_WORDS:
        if ureg.Unit(expr).dimensionality == dims:
            return phrase, noun
    names = [str(name).strip("[]") for name in dims]
    if len(names) == 1 and dims[f"[{names[0]}]"] == 1:
        english = DECLARED_EN.get(names[0]) or names[0].replace("_", " ")
        return f"a count of {english}s", f"{english}s"
    return f"a quantity in {unit}", str(unit)


def format_number(magnitude: Any) -> str:
    """Write a number as :func:`format_quantity` writes a quantity's magnitude: a Decimal with
    all its digits and no trailing zeros, a float to six significant digits."""
    if isinstance(magnitude, Decimal):
        number = (
            format(magnitude.normalize(), "f")
            if magnitude == magnitude.to_integral()
            else str(magnitude)
        )
        return _trim(number)
    if isinstance(magnitude, float):
        return f"{magnitude:.6g}"
    return str(magnitude)


def format_quantity(q: Quantity, *, lang: str = "zh") -> str:
    """Write a quantity for people: ``77.6公里`` (``lang="zh"``) or ``77.6 km`` (``lang="en"``)."""
    number = format_number(q.magnitude)
    if lang == "zh":
        name = zh_name(q.units)
        if name is not None:
            return f"{number}{name}"
    if q.units == ureg.percent:
        return f"{number}%"
    if q.unitless:
        return number
    return f"{number} {q.units:~P}"


# English words of counted things whose word is not their unit name (singular, plural).
_EN_NOUNS: Final[dict[str, tuple[str, str]]] = {
    "cdc": ("CDC", "CDCs"),
    "person": ("person", "people"),
    "health_centre": (
        "township or community health centre",
        "township and community health centres",
    ),
    "clinic": (
        "village clinic or community health station",
        "village clinics and community health stations",
    ),
    "facility": ("facility", "facilities"),
}
# Other units written as words: the number takes the place of {n}.
_EN_FORMS: Final[dict[str, str]] = {
    "return_period_year": "{n}-year standard",
    "km_per_km2": "{n} km/km²",
    "m**2/person": "{n} m² per person",
    "percent": "{n}%",
}
_TIME_WORDS: Final = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_en_by_unit: dict[Any, str] = {}


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


def format_words(q: Quantity) -> str:
    """A quantity in English words for people: ``3 CDCs``, ``100-year standard``, ``8 km/km²``.

    Counted things take their English noun, singular or plural; a flood or drainage standard is
    ``N-year standard``; other units are written as :func:`format_quantity` writes them in English.
    Unlike that text, this one is not meant to be read back.
    """
    number = format_quantity(Q_(q.magnitude, "dimensionless"), lang="en")
    name = format(q.units, "D")
    if name in DECLARED_EN:  # a counted thing the programme declares: its own English noun
        noun = DECLARED_EN[name]
        return f"{number} {noun if number == '1' else _plural(noun)}"
    if name in COUNTED_THINGS or name in _TIME_WORDS:
        singular, plural = _EN_NOUNS.get(name, (name.replace("_", " "), ""))
        return f"{number} {singular if number == '1' else plural or _plural(singular)}"
    if not _en_by_unit:
        _en_by_unit.update({ureg.Unit(expr): form for expr, form in _EN_FORMS.items()})
    if q.units in _en_by_unit:
        return _en_by_unit[q.units].format(n=number)
    return format_quantity(q, lang="en")


def _trim(number: str) -> str:
    if "." in number and "e" not in number.lower():
        number = number.rstrip("0").rstrip(".")
    return number
