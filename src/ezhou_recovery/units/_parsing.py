"""Reading units and quantities as Chinese official texts write them, with the words that qualify
a number (以上, 不低于, 左右)."""

from __future__ import annotations

import difflib
import enum
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import pint
import pint.util

from ezhou_recovery.errors import UnitError
from ezhou_recovery.units._magnitudes import magnitude_problem
from ezhou_recovery.units._registry import (
    COUNTED_THINGS,
    DECLARED_NAMES,
    DECLARED_UNITS,
    GENERIC_MEASURE_WORDS,
    Q_,
    UNIT_SYMBOLS,
    ZH_UNITS,
    Quantity,
    ureg,
)

_MAX_POWER: Final = 6
#: Words that hedge a number (about, nearly, more than, less than, at least): not part of a quantity.
_HEDGES: Final = ("大约", "约", "近", "超过", "不足", "以上", "至少")
_MULTIPLIERS: Final[dict[str, Decimal]] = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Matched at the start of the stripped text; the rest is the unit. No part can backtrack, so reading
# takes time linear in the text's length.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: The longest unit text read; no unit a plan writes comes near it.
_MAX_UNIT_TEXT: Final = 64
# An exponent in a unit expression: ** or ^, then what follows it.
_EXPONENT = re.compile(r"\*\*\s*([^\s*/()]*)")
_POWER = re.compile(r"[+-]?[0-9]{1,2}(?:\.[0-9]{1,3})?")


class Qualifier(enum.StrEnum):
    """A word beside a number that qualifies it (以上, 不低于, 以内, 左右)."""

    #: 以上, 不低于, 不少于: the number or more.
    AT_LEAST = "at_least"
    #: 以下, 以内, 不超过, 不高于: the number or less.
    AT_MOST = "at_most"
    #: 左右: about the number.
    ABOUT = "about"


#: Qualifying words read before or after a number: (where, what they say).
QUALIFIER_WORDS: Final[dict[str, tuple[str, Qualifier]]] = {
    "不低于": ("before", Qualifier.AT_LEAST),
    "不少于": ("before", Qualifier.AT_LEAST),
    "不小于": ("before", Qualifier.AT_LEAST),
    "不高于": ("before", Qualifier.AT_MOST),
    "不超过": ("before", Qualifier.AT_MOST),
    "不大于": ("before", Qualifier.AT_MOST),
    "及以上": ("after", Qualifier.AT_LEAST),
    "以上": ("after", Qualifier.AT_LEAST),
    "以下": ("after", Qualifier.AT_MOST),
    "以内": ("after", Qualifier.AT_MOST),
    "左右": ("after", Qualifier.ABOUT),
}


def split_qualifier(text: str) -> tuple[str, Qualifier | None, str | None]:
    stripped = text.strip()
    for word, (where, qualifier) in QUALIFIER_WORDS.items():
        if where == "before" and stripped.startswith(word):
            return stripped[len(word) :], qualifier, word
        if where == "after" and stripped.endswith(word):
            return stripped[: -len(word)], qualifier, word
    return text, None, None


def read_qualified(
    text: str, *, unit: pint.Unit | str | None = None
) -> tuple[Quantity, Qualifier | None]:
    """Read a quantity with a qualifying word before or after it: ``99%以上``, ``不低于90%``,
    ``30分钟以内``, ``80%左右`` (:data:`QUALIFIER_WORDS`; the format page lists them).

    Returns:
        The quantity, as :func:`parse_quantity` reads it, and the qualifier (None without one).

    Raises:
        UnitError: The text is not a quantity, with or without a qualifier.
    """
    if not isinstance(text, str):
        raise UnitError(text, "a quantity must be given as text")
    bare, qualifier, _ = split_qualifier(normalise(text))
    return parse_quantity(bare if qualifier else text, unit=unit), qualifier


_SUPERSCRIPTS: Final = str.maketrans({"²": "**2", "³": "**3", "·": "*"})


def normalise(text: str) -> str:
    # pint's pretty format writes m²; NFKC alone would turn that into m2. NFKC also turns
    # full-width digits and letters into ASCII.
    return unicodedata.normalize("NFKC", text.translate(_SUPERSCRIPTS))


def _word(word: str) -> str:
    """A unit word in simplified characters (萬噸 -> 万吨, 公裡 -> 公里), through OpenCC."""
    return word if word.isascii() else _simplified(word)


@functools.lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    return str(_opencc().convert(text))


@functools.cache
def _opencc() -> Any:
    import opencc  # Apache-2.0; imported on the first Chinese unit word (about 13 ms)

    return opencc.OpenCC("t2s")


def _unit_from_zh(word: str, text: str) -> pint.Unit:
    expression = ZH_UNITS.get(word) or DECLARED_UNITS.get(word)
    if expression is not None:
        unit: pint.Unit = ureg.Unit(expression)
        return unit
    if len(word) > _MAX_UNIT_TEXT:
        raise UnitError(text, f"unknown unit: a unit text is at most {_MAX_UNIT_TEXT} characters")
    if "/" in word and not word.isascii():
        top, _, bottom = word.rpartition("/")
        ratio: pint.Unit = _unit_from_zh(top, text) / _unit_from_zh(bottom, text)
        return _checked(ratio, word, text)
    if not word.isascii():
        raise UnitError(text, _unknown_chinese(word, text))
    _check_expression(word, text)
    try:
        parsed: pint.Unit | None = ureg.Unit(word)
    except Exception:  # pint's expression parser raises assorted errors on garbage
        parsed = None
    if parsed is None or not _allowed(parsed):
        return _case_slip(word, text, parsed)
    return _checked(_unprefixed_surprises(parsed, word, text), word, text)


@functools.cache
def _allowed_names() -> frozenset[str]:
    names = {name for symbol in UNIT_SYMBOLS for name in ureg.Unit(symbol)._units}
    return frozenset(names | set(COUNTED_THINGS) | {"percent"})


def _allowed(unit: pint.Unit) -> bool:
    return all(name in _allowed_names() or name in DECLARED_NAMES for name in unit._units)


def _case_slip(word: str, text: str, parsed: pint.Unit | None) -> pint.Unit:
    """A unit symbol written in the wrong case (``kw`` for kW) when only one symbol fits."""
    fits = sorted({s for s in UNIT_SYMBOLS if s.lower() == word.lower()})
    if len(fits) == 1 and parsed is None:  # kw is no unit at all: kW is meant
        unit: pint.Unit = ureg.Unit(fits[0])
        return unit
    if fits:
        reading = "" if parsed is None else f" ({word} is {parsed:D})"
        raise UnitError(text, f"unknown unit {word!r}{reading}: did you mean {' or '.join(fits)}?")
    near = difflib.get_close_matches(word, UNIT_SYMBOLS, n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    reading = "" if parsed is None else f" (pint would read it as {parsed:D})"
    raise UnitError(
        text,
        f"unknown unit {word!r}{reading}: plans use the units the format page lists{hint}",
    )


def _unknown_chinese(word: str, text: str) -> str:
    written = _word(normalise(text))
    at = written.find(word)
    before = written[at - 1 : at] if at > 0 else ""
    if before in GENERIC_MEASURE_WORDS:  # 3个基地: the measure word was read already
        word = before + word
    thing = word[1:] if word[:1] in GENERIC_MEASURE_WORDS and len(word) > 1 else None
    if thing is None:
        return f"unknown unit {word!r}: the format page lists the unit words"
    return (
        f"unknown unit {word!r}: if {thing} is a thing this plan counts, declare it in the "
        f'programme file: [[counted_things]] name = "...", measure_word = "{word[0]}", '
        f'name_zh = "{thing}", name_en = "..."'
    )


#: Units that take SI prefixes in plans (km, MW, kWh, kV, mg, mL). pint would put a prefix on any
#: unit: "mu" (meant as 亩) would be read as a milli atomic mass unit.
_PREFIXABLE: Final = frozenset(
    {"meter", "gram", "watt", "watt_hour", "volt", "liter", "second", "joule", "ampere", "hertz"}
)


def _unprefixed_surprises(unit: pint.Unit, word: str, text: str) -> pint.Unit:
    for name in unit._units:
        prefix, base, _ = ureg.parse_unit_name(name)[0]
        if prefix and base not in _PREFIXABLE:
            raise UnitError(
                text, f"unknown unit {word!r} (pint would read it as {prefix} + {base})"
            )
    return unit


def _check_expression(word: str, text: str) -> None:
    """Refuse a unit expression whose evaluation could take unbounded work.

    pint evaluates exponents on Python integers, so ``m**9**9**9`` would compute 9**387420489. A unit
    text is short, and each exponent in it is a number of at most two digits that no further exponent
    follows, raising a name or a number (not a bracketed expression).
    """
    if len(word) > _MAX_UNIT_TEXT:
        raise UnitError(text, f"unknown unit: a unit text is at most {_MAX_UNIT_TEXT} characters")
    # Checked as pint will read it: "m squared squared" becomes m**2**2.
    expression = pint.util.string_preprocessor(word)
    for match in _EXPONENT.finditer(expression):
        rest = expression[match.end() :].lstrip()
        base = expression[: match.start()].rstrip()
        if not _POWER.fullmatch(match[1]) or rest.startswith("**") or base.endswith(")"):
            raise UnitError(
                text,
                f"unit {word!r}: a power must be a number from -99 to 99, not an expression",
            )


def _checked(unit: pint.Unit, word: str, text: str) -> pint.Unit:
    # pint reads "km**1e999" as km to the power inf: no unit of a plan has such a power.
    for power in unit._units.values():
        if not abs(power) <= _MAX_POWER:  # type: ignore[operator]
            raise UnitError(text, f"unit {word!r} has a power beyond {_MAX_POWER}")
    return unit


def parse_unit(text: str) -> pint.Unit:
    """Read a unit written in Chinese (``公里``, ``张``, ``平方米/人``) or as a pint expression (``km``).

    Raises:
        UnitError: The unit is not known; the message quotes the text.
    """
    word = _word(normalise(text).strip())
    if not word:
        return ureg.Unit("dimensionless")
    return _unit_from_zh(word, text)


def parse_quantity(text: str, *, unit: pint.Unit | str | None = None) -> Quantity:
    """Read a quantity as Chinese official texts write it.

    Understands ``77.6公里``, ``1600张``, ``46.71亿元``, ``90%``, ``8公里/平方公里``, ``12平方米/人``,
    ``100年一遇``, ``10分钟``, ``220千伏``, the multipliers 万 and 亿 before any unit (``10万个``),
    thousands separators (``1,444``), full-width digits, and pint's own notation (``77.6 km``).

    Args:
        text: The text to read.
        unit: The unit a bare number or a generic measure word (个, 座, 条, 家, 处, ...) stands for,
            usually the unit of the target being reported on. Without it such a count is in ``piece``.

    Returns:
        A quantity of the library's registry with a :class:`~decimal.Decimal` magnitude.

    Raises:
        UnitError: The text is not a number followed by a known unit; the message quotes the text.
    """
    if not isinstance(text, str):
        raise UnitError(text, "a quantity must be given as text")
    normal = normalise(text).replace(",", "").strip()
    plus_minus = normal.startswith("±")
    if plus_minus:  # ±800千伏: a direct-current line's voltage, written with its two poles
        normal = normal[1:].strip()
    _, qualifier, said = split_qualifier(normal)
    match = None if said is not None else _NUMBER.match(normal)
    rest = normal[match.end() :].strip() if match is not None else ""
    if match is None or "\n" in rest or "\r" in rest:
        if said is not None:
            raise UnitError(
                text,
                f"{said!r} qualifies the number ({qualifier}): a target's value may carry it "
                "(it sets the comparator) and a reported value may say 左右 (an estimate); "
                "elsewhere write the number alone",
            )
        hedge = next((w for w in _HEDGES if normal.strip().startswith(w)), None)
        if hedge is not None:
            raise UnitError(
                text,
                f"write the number without {hedge!r}: a quantity is exact; the format says "
                "'about', 'more than' or 'at least' elsewhere (a baseline's qualifier, a "
                "portfolio's approximate, a target's comparator)",
            )
        raise UnitError(text, "not a number followed by a unit")
    try:
        magnitude = Decimal(match[0])
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise UnitError(text, "not a number") from exc
    if not magnitude.is_finite():  # pragma: no cover - the pattern admits only finite numbers
        raise UnitError(text, "not a finite number")
    problem = magnitude_problem(magnitude)
    if problem is not None:
        raise UnitError(text, problem)
    word = _word(rest)
    if plus_minus:
        return _plus_minus(magnitude, match[0], word, text)
    if word in ZH_UNITS or word in DECLARED_UNITS:
        return Q_(magnitude, _unit_from_zh(word, text))
    if word[:1] in _MULTIPLIERS:
        magnitude *= _MULTIPLIERS[word[0]]
        word = word[1:]
    if word[:1] in GENERIC_MEASURE_WORDS and word not in ZH_UNITS | DECLARED_UNITS:
        word = word[1:]
        if not word:
            return Q_(magnitude, coerce_unit(unit) if unit is not None else ureg.piece)
    if not word:
        return Q_(magnitude, coerce_unit(unit) if unit is not None else ureg.dimensionless)
    return Q_(magnitude, _unit_from_zh(word, text))


def _plus_minus(magnitude: Decimal, number: str, word: str, text: str) -> Quantity:
    multiplied = word[:1] in _MULTIPLIERS and word[1:] not in ("",)
    unit = _unit_from_zh(word[1:] if multiplied else word, text) if word else None
    if number[:1] in "+-" or unit is None or unit.dimensionality != ureg.volt.dimensionality:
        raise UnitError(
            text,
            "± is read only before a voltage (±800千伏, a direct-current line); write a range "
            "as its two limits",
        )
    return Q_(magnitude * (_MULTIPLIERS[word[0]] if multiplied else 1), unit)


def coerce_unit(unit: pint.Unit | str) -> pint.Unit:
    return parse_unit(unit) if isinstance(unit, str) else unit
