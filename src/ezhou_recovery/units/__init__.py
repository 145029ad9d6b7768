"""Units: the library's own pint registry, and reading quantities as Chinese official texts write them.

The registry is owned by this library (not pint's application registry), so that its counted things
and money units never leak into, or collide with, another library's. Each counted thing (beds, base
stations, villages, ...) is its own base dimension: adding beds to base stations, or beds to
kilometres, raises :class:`pint.DimensionalityError` instead of giving a number.

Magnitudes read from text are :class:`decimal.Decimal`, so money in 元 / 万元 / 亿元 adds and converts
exactly (the conversion factors are whole powers of ten).
"""

from __future__ import annotations

import copyreg
import difflib
import enum
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeAlias

import pint
import pint.util

from ezhou_recovery.errors import UnitError

__all__ = [
    "COUNTED_THINGS",
    "GENERIC_MEASURE_WORDS",
    "MAX_DIGITS",
    "MAX_HELD_MAGNITUDE",
    "MAX_MAGNITUDE",
    "MIN_EXPONENT",
    "QUALIFIER_WORDS",
    "Q_",
    "UNIT_SYMBOLS",
    "Qualifier",
    "Quantity",
    "Unit",
    "convert",
    "declare_counted_thing",
    "describe_dimension",
    "format_quantity",
    "format_words",
    "held_magnitude_problem",
    "is_money",
    "magnitude_problem",
    "money",
    "parse_quantity",
    "parse_unit",
    "quantity_in",
    "read_qualified",
    "ureg",
    "zh_unit_words",
]

#: Type of the library's quantities (any magnitude type).
Quantity: TypeAlias = pint.Quantity[Any]
#: Type of the library's units.
Unit: TypeAlias = pint.Unit

#: Counted things of the plans, each a base dimension of its own: English name, Chinese name.
COUNTED_THINGS: Final[dict[str, str]] = {
    "piece": "个",
    "bed": "张床位",
    "base_station": "个基站",
    "village": "个村",
    "bridge": "座桥",
    "project": "个项目",
    "expressway": "条高速公路",
    "airport": "个机场",
    "depot": "座场站",
    "charging_pile": "个充电桩",
    "neighbourhood": "个小区",
    "sensing_unit": "个感知单元",
    "scenario": "个场景",
    "facility": "个设施",
    "platform": "家平台",
    "institution": "家机构",
    "park": "个园区",
    "township": "个乡镇",
    "health_centre": "个乡镇卫生院和社区卫生服务中心",
    "clinic": "个村卫生室和社区卫生服务站",
    "market_town": "个集镇",
    "site": "处点位",
    "vehicle": "辆",
    "substation": "座变电站",
    "person": "人",
    "cdc": "个疾控中心",
    "irrigation_district": "处灌区",
    "pumping_station": "座泵站",
    "stadium": "个体育场",
    "gymnasium": "个体育馆",
    "swimming_pool": "个游泳馆",
    "seat": "个座位",
    "household": "户",
}

_DEFINITIONS: Final = (
    "yuan = [currency] = CNY",
    "wan_yuan = 10000 * yuan",
    "yi_yuan = 100000000 * yuan",
    "km_per_km2 = kilometer / kilometer ** 2",
    # A flood or drainage standard (100年一遇) is not a duration: it gets a dimension of its own.
    "return_period_year = [return_period]",
    # 亩, the Chinese unit of land area: 15 亩 make a hectare.
    "mu = 10000 / 15 * meter ** 2",
    *(f"{name} = [{name}]" for name in COUNTED_THINGS),
)


def _new_registry() -> pint.UnitRegistry[Any]:
    """pint's default definitions, parsed from pint's disk cache when it is usable (about 20 ms
    instead of about 150 ms); without a usable cache folder, parsed afresh."""
    try:
        return pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except Exception:  # an unusable cache folder (read-only home, no platformdirs, ...)
        return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


def _build_registry() -> pint.UnitRegistry[Any]:
    registry = _new_registry()
    for line in _DEFINITIONS:
        registry.define(line)
    registry.formatter.default_format = "~P"
    return registry


#: The library's unit registry. Quantities from other registries do not mix with it.
ureg: Final[pint.UnitRegistry[Any]] = _build_registry()
#: Shorthand for ``ureg.Quantity``.
Q_ = ureg.Quantity


def _quantity(magnitude: Any, units: Any) -> Quantity:
    """A quantity of the library's registry: what a pickled quantity becomes when unpickled."""
    return Q_(magnitude, units)


def _unit(units: Any) -> pint.Unit:
    """A unit of the library's registry: what a pickled unit becomes when unpickled."""
    unit: pint.Unit = ureg.Unit(units)
    return unit


# A quantity of a shared object (the cached embedded plan) must not be changed in place by one
# caller under every other: its in-place conversions refuse. Copies, conversions with .to() and
# results of arithmetic are new quantities, free to change.
_IN_PLACE: Final = (
    "ito",
    "ito_base_units",
    "ito_root_units",
    "ito_reduced_units",
    "ito_preferred",
)


def _guarded(name: str) -> Any:
    original = getattr(ureg.Quantity, name)

    def guarded(self: Quantity, *args: Any, **kwargs: Any) -> Any:
        if self.__dict__.get("_shared"):
            raise TypeError(
                f"this quantity belongs to a shared object and cannot be changed in place: use "
                f".{name[1:]}(...), which returns a new quantity"
            )
        return original(self, *args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = original.__doc__
    return guarded


for _name in _IN_PLACE:
    setattr(ureg.Quantity, _name, _guarded(_name))


def share(q: Quantity) -> Quantity:
    """Mark ``q`` as part of a shared object: its in-place conversions (``ito``) then refuse."""
    q.__dict__["_shared"] = True
    return q


# pint pickles every quantity into its application registry, which does not know this library's
# units: pickle the library's quantities and units into the library's own registry instead, in this
# process or another (fork or spawn).
copyreg.pickle(type(Q_(0, "meter")), lambda q: (_quantity, (q.magnitude, q._units)))
copyreg.pickle(type(ureg.Unit("meter")), lambda u: (_unit, (u._units,)))

#: Measure words that say "this many" without saying of what: read in the target's own unit.
GENERIC_MEASURE_WORDS: Final[frozenset[str]] = frozenset("个座条家处项所台只套")

# Chinese unit words; values are pint unit expressions. The names of counted things are added below.
_ZH_UNITS: Final[dict[str, str]] = {
    "公里/平方公里": "km_per_km2",
    "千米/平方千米": "km_per_km2",
    "平方公里": "km**2",
    "平方千米": "km**2",
    "平方米": "m**2",
    "公里": "km",
    "千米": "km",
    "米": "m",
    "年一遇": "return_period_year",
    "分钟": "minute",
    "小时": "hour",
    "天": "day",
    "日": "day",
    "年": "year",
    "千伏": "kV",
    "伏": "V",
    "亿元": "yi_yuan",
    "万元": "wan_yuan",
    "元": "yuan",
    "%": "percent",
    "人": "person",
    "张": "bed",
    "床": "bed",
    "村": "village",
    "基站": "base_station",
    "桥": "bridge",
    "危桥": "bridge",
    "项目": "project",
    "机场": "airport",
    "小区": "neighbourhood",
    "充电桩": "charging_pile",
    "感知单元": "sensing_unit",
    "场景": "scenario",
    "乡镇": "township",
    "辆": "vehicle",
    "变电站": "substation",
    "高速公路": "expressway",
    "场站": "depot",
    "卫生院": "health_centre",
    "卫生室": "clinic",
    "疾控中心": "cdc",
    "灌区": "irrigation_district",
    "泵站": "pumping_station",
    "设施": "facility",
    "平台": "platform",
    "机构": "institution",
    "园区": "park",
    "体育场": "stadium",
    "体育馆": "gymnasium",
    "游泳馆": "swimming_pool",
    "座位": "seat",
    "厘米": "cm",
    "毫米": "mm",
    "立方米": "m**3",
    "方": "m**3",
    "升": "L",
    "公顷": "hectare",
    "亩": "mu",
    "吨": "metric_ton",
    "千克": "kg",
    "公斤": "kg",
    "克": "g",
    "瓦": "W",
    "千瓦": "kW",
    "兆瓦": "MW",
    "吉瓦": "GW",
    "千瓦时": "kWh",
    "兆瓦时": "MWh",
    "秒": "second",
    "周": "week",
    "月": "month",
    "百分点": "percent",
    "人次": "person",
}
for _name, _zh in COUNTED_THINGS.items():
    if _zh not in GENERIC_MEASURE_WORDS:
        _ZH_UNITS.setdefault(_zh, _name)
        if _zh[0] in GENERIC_MEASURE_WORDS:
            _ZH_UNITS.setdefault(_zh[1:], _name)
_MAX_POWER: Final = 6
#: Words that hedge a number (about, nearly, more than, less than, at least): not part of a quantity.
_HEDGES: Final = ("大约", "约", "近", "超过", "不足", "以上", "至少")
#: Values entering the library (text, JSON and spreadsheet numbers, Python numbers and quantities)
#: are below this in the unit they are written in...
MAX_MAGNITUDE: Final = Decimal(10) ** 15
#: ...have at most this many significant digits...
MAX_DIGITS: Final = 18
#: ...and no digit below this power of ten.
MIN_EXPONENT: Final = -30
#: Values held by the model's objects, converted to their target's unit, are below this: the entry
#: bound times the largest conversion factor the library applies (cubic kilometres to cubic metres).
MAX_HELD_MAGNITUDE: Final = Decimal(10) ** 24
_MULTIPLIERS: Final[dict[str, Decimal]] = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Matched at the start of the stripped text; the rest is the unit. No part can backtrack, so reading
# takes time linear in the text's length.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: The longest unit text read; no unit a plan writes comes near it.
_MAX_UNIT_TEXT: Final = 64
# An exponent in a unit expression: ** or ^, then what follows it.
_EXPONENT = re.compile(r"\*\*\s*([^\s*/()]*)")
_POWER = re.compile(r"[+-]?[0-9]{1,2}(?:\.[0-9]{1,3})?")
_ZH_NAMES: Final[dict[str, str]] = {
    "km": "公里",
    "m": "米",
    "km**2": "平方公里",
    "m**2": "平方米",
    "m**2/person": "平方米/人",
    "km_per_km2": "公里/平方公里",
    "minute": "分钟",
    "hour": "小时",
    "day": "天",
    "year": "年",
    "return_period_year": "年一遇",
    "kV": "千伏",
    "mu": "亩",
    "hectare": "公顷",
    "metric_ton": "吨",
    "kg": "千克",
    "MW": "兆瓦",
    "kW": "千瓦",
    "kWh": "千瓦时",
    "m**3": "立方米",
    "yuan": "元",
    "wan_yuan": "万元",
    "yi_yuan": "亿元",
    "percent": "%",
    **COUNTED_THINGS,
}
_zh_by_unit: dict[pint.Unit, str] = {}
# Counted things a programme file declares: Chinese word -> unit name, unit name -> Chinese name,
# unit name -> English noun. Kept apart from the built-in tables, which the format page lists.
_DECLARED_UNITS: dict[str, str] = {}
_DECLARED_NAMES: dict[str, str] = {}
#: English nouns of the declared counted things, by unit name.
DECLARED_EN: Final[dict[str, str]] = {}


def _zh_name(unit: Any) -> str | None:
    if not _zh_by_unit:
        _zh_by_unit.update({ureg.Unit(expr): name for expr, name in _ZH_NAMES.items()})
    found = _zh_by_unit.get(unit)
    if found is None and len(unit._units) == 1:
        ((name, power),) = unit._units.items()
        found = _DECLARED_NAMES.get(name) if power == 1 else None
    return found


def declare_counted_thing(name: str, measure_word: str, name_zh: str, name_en: str) -> None:
    """Make a counted thing of a programme a unit of its own (``3个基地``: base).

    The unit is a base dimension of its own, like the built-in counted things: ``name_zh`` and
    ``measure_word + name_zh`` read as it. Declaring the same thing again is harmless.

    Raises:
        UnitError: The name or a word stands for something else already.
    """
    word = measure_word + name_zh
    if name in COUNTED_THINGS or _DECLARED_NAMES.get(name, word) != word:
        raise UnitError(name, f"the counted thing {name!r} is declared already as another thing")
    for zh in (name_zh, word):
        known = _ZH_UNITS.get(zh) or _DECLARED_UNITS.get(zh)
        if known is not None and known != name:
            raise UnitError(zh, f"the word {zh!r} stands for {known} already")
    if name not in _DECLARED_NAMES:
        try:
            ureg.Unit(name)
        except Exception:  # not a unit yet: define it
            ureg.define(f"{name} = [{name}]")
        else:
            raise UnitError(name, f"{name!r} is a unit already: choose another name")
    _DECLARED_UNITS[name_zh] = name
    _DECLARED_UNITS[word] = name
    _DECLARED_NAMES[name] = word
    DECLARED_EN[name] = name_en


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


def _split_qualifier(text: str) -> tuple[str, Qualifier | None, str | None]:
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
    bare, qualifier, _ = _split_qualifier(_normalise(text))
    return parse_quantity(bare if qualifier else text, unit=unit), qualifier


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


_SUPERSCRIPTS: Final = str.maketrans({"²": "**2", "³": "**3", "·": "*"})


def _normalise(text: str) -> str:
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
    expression = _ZH_UNITS.get(word) or _DECLARED_UNITS.get(word)
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


#: Unit symbols and names a plan may write in pint's notation; any other is refused, so that a
#: slip never becomes a surprise unit (``kt`` would be knots). The format page lists them.
UNIT_SYMBOLS: Final[tuple[str, ...]] = (
    "m", "km", "cm", "mm", "m**2", "km**2", "m**3", "ha", "hectare", "mu", "L", "mL",
    "t", "metric_ton", "kg", "g", "mg", "W", "kW", "MW", "GW", "Wh", "kWh", "MWh", "GWh",
    "V", "kV", "s", "second", "min", "minute", "h", "hour", "day", "week", "month", "year",
    "percent", "yuan", "wan_yuan", "yi_yuan", "km_per_km2", "return_period_year",
    "dimensionless",
)  # fmt: skip


@functools.cache
def _allowed_names() -> frozenset[str]:
    names = {name for symbol in UNIT_SYMBOLS for name in ureg.Unit(symbol)._units}
    return frozenset(names | set(COUNTED_THINGS) | {"percent"})


def _allowed(unit: pint.Unit) -> bool:
    return all(name in _allowed_names() or name in _DECLARED_NAMES for name in unit._units)


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
    written = _word(_normalise(text))
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
    word = _word(_normalise(text).strip())
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
    normal = _normalise(text).replace(",", "").strip()
    plus_minus = normal.startswith("±")
    if plus_minus:  # ±800千伏: a direct-current line's voltage, written with its two poles
        normal = normal[1:].strip()
    _, qualifier, said = _split_qualifier(normal)
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
    if word in _ZH_UNITS or word in _DECLARED_UNITS:
        return Q_(magnitude, _unit_from_zh(word, text))
    if word[:1] in _MULTIPLIERS:
        magnitude *= _MULTIPLIERS[word[0]]
        word = word[1:]
    if word[:1] in GENERIC_MEASURE_WORDS and word not in _ZH_UNITS | _DECLARED_UNITS:
        word = word[1:]
        if not word:
            return Q_(magnitude, _coerce_unit(unit) if unit is not None else ureg.piece)
    if not word:
        return Q_(magnitude, _coerce_unit(unit) if unit is not None else ureg.dimensionless)
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


def _coerce_unit(unit: pint.Unit | str) -> pint.Unit:
    return parse_unit(unit) if isinstance(unit, str) else unit


def magnitude_problem(number: Decimal | int | float) -> str | None:
    """What makes ``number`` unfit to enter the library as a value, or None when it is fit.

    The rule, one for every way a value enters: a finite number below 10^15 in the unit it is
    written in, with at most 18 significant digits and no digit below 10^-30. Every conversion the
    library makes (亿元 to 元 multiplies by 10^8) and every figure an exporter writes then stays exact
    within Decimal's 28 digits.
    """
    if isinstance(number, bool):
        return "a true/false value is not a number"
    if isinstance(number, float):
        if not math.isfinite(number):
            return "not a finite number"
        number = Decimal(repr(number))
    elif isinstance(number, int):
        number = Decimal(number)
    if not number.is_finite():
        return "not a finite number"
    if not number:
        return None
    if number.adjusted() >= 15:
        return "beyond the range of values: a value is below 10^15 in the unit it is written in"
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    kept = len(digits)
    while kept > 1 and digits[kept - 1] == 0:
        kept -= 1
    exponent += len(digits) - kept
    if kept > MAX_DIGITS:
        return f"beyond the range of values: a value has at most {MAX_DIGITS} significant digits"
    if exponent < MIN_EXPONENT:
        return f"beyond the range of values: a value has no digit below 10^{MIN_EXPONENT}"
    return None


def held_magnitude_problem(number: Any) -> str | None:
    """What makes the magnitude ``number`` of a model object unfit, or None: it must be finite and
    below 10^24 (see :data:`MAX_HELD_MAGNITUDE`)."""
    if isinstance(number, bool) or not isinstance(number, Decimal | int | float):
        return "not a number"
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not exact.is_finite():
        return "not a finite number"
    if abs(exact) >= MAX_HELD_MAGNITUDE:
        return "beyond the range of values (10^24 in the target's unit)"
    return None


def _to_decimal(
    value: Any, text: object, rule: Callable[[Any], str | None] = magnitude_problem
) -> Decimal:
    if isinstance(value, bool):
        raise UnitError(text, "a true/false value is not a quantity")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        raise UnitError(text, "not a number")
    problem = rule(number)
    if problem is not None:
        raise UnitError(text, problem)
    return number


def quantity_in(
    value: Any, unit: pint.Unit | str, *, what: str = "value", unit_text: str | None = None
) -> Quantity:
    """Read ``value`` as a quantity in ``unit``'s dimension, converted to ``unit``.

    ``value`` may be a quantity, a number (taken to be in ``unit``) or a text for
    :func:`parse_quantity` (a bare number or a generic measure word is taken to be in ``unit``).
    A number or a text must follow the range rule of :func:`magnitude_problem`; a quantity must
    be below :data:`MAX_HELD_MAGNITUDE`.

    Args:
        value: The value.
        unit: The unit to read it in.
        what: What is being read, for the message (a target's key).
        unit_text: How the unit is written for people (万千瓦), for the message.

    Raises:
        UnitError: The value cannot be read, or its unit is of another dimension than ``unit``;
            the message says what each measures, in words: ``5 ha is an area; this target
            counts power (万千瓦)``.
    """
    return _quantity_in(value, unit, what, magnitude_problem, unit_text)


def _quantity_in(
    value: Any,
    unit: pint.Unit | str,
    what: str,
    rule: Callable[[Any], str | None],
    unit_text: str | None = None,
) -> Quantity:
    target_unit = _coerce_unit(unit)
    if isinstance(value, pint.Quantity):
        if value._REGISTRY is not ureg:
            raise UnitError(value, f"{what}: quantity from another unit registry")
        problem = held_magnitude_problem(value.magnitude) if _is_number(value.magnitude) else None
        if problem is not None:
            raise UnitError(value, f"{what}: {problem}")
        q = value
    elif isinstance(value, str):
        q = parse_quantity(value, unit=target_unit)
    else:
        q = Q_(_to_decimal(value, value, rule), target_unit)
    if q.dimensionality != target_unit.dimensionality:
        shown = value.strip() if isinstance(value, str) else format_quantity(q, lang="en")
        raise UnitError(
            value, f"{what}: {dimension_mismatch(shown, q.units, target_unit, unit_text)}"
        )
    return convert(q, target_unit)


def dimension_mismatch(
    shown: str, unit: Any, expected: Any, expected_text: str | None = None
) -> str:
    """Why a value cannot be read in a unit, in words: ``5 ha is an area; this target counts
    power (万千瓦)``, never pint's dimensionality."""
    is_, _ = describe_dimension(unit)
    _, counts = describe_dimension(expected)
    written = expected_text or _zh_name(expected) or f"{expected:~P}"
    return f"{shown} is {is_}; this target counts {counts} ({written})"


def _is_number(magnitude: Any) -> bool:
    return isinstance(magnitude, Decimal | int | float) and not isinstance(magnitude, bool)


def convert(q: Quantity, unit: pint.Unit) -> Quantity:
    """``q`` in ``unit``; a Decimal magnitude stays exact where the factor is a simple fraction.

    pint multiplies by floating-point factors, so 90 minutes would come out as 1.4999999999999999
    hours. For a Decimal (or whole-number) magnitude both units' factors to the base units (60 s,
    3600 s, 1000 m) are taken as the decimals they are written as and applied in decimal arithmetic:
    90分钟 is exactly 1.5 hours, 72小时 exactly 3 days, 1.609344 km exactly 1 mile.
    """
    if q.units == unit:
        return q
    magnitude = q.magnitude
    if isinstance(magnitude, bool) or not isinstance(magnitude, Decimal | int):
        return q.to(unit)
    return Q_(Decimal(magnitude) * _root_factor(q.units) / _root_factor(unit), unit)


def _root_factor(unit: Any) -> Decimal:
    # pint's factors to base units are floats like 60.0, 0.001 or 1e8; their shortest repr is the
    # decimal the definition wrote, which Decimal then keeps exactly.
    factor: Any = ureg.get_root_units(unit)[0]
    return Decimal(repr(float(factor)))


def money(value: Any, unit: str = "yi_yuan") -> Quantity:
    """An exact amount of money: a quantity in ``unit`` (元, 万元 or 亿元) with a Decimal magnitude.

    ``value`` may be text (``46.71亿元``), a number in ``unit``, or a money quantity. A text follows
    the range rule of :func:`magnitude_problem`; a number, often computed, must be below
    :data:`MAX_HELD_MAGNITUDE`.

    Raises:
        UnitError: The value is not an amount of money.
    """
    q = _quantity_in(value, unit, "amount of money", held_magnitude_problem)
    if not isinstance(q.magnitude, Decimal):
        q = Q_(_to_decimal(q.magnitude, value, held_magnitude_problem), q.units)
    return q


def is_money(q: Quantity) -> bool:
    """Whether ``q`` is an amount of money."""
    return bool(q.dimensionality == ureg.yuan.dimensionality)


def format_quantity(q: Quantity, *, lang: str = "zh") -> str:
    """Write a quantity for people: ``77.6公里`` (``lang="zh"``) or ``77.6 km`` (``lang="en"``)."""
    magnitude = q.magnitude
    if isinstance(magnitude, Decimal):
        number = (
            format(magnitude.normalize(), "f")
            if magnitude == magnitude.to_integral()
            else str(magnitude)
        )
        number = _trim(number)
    elif isinstance(magnitude, float):
        number = f"{magnitude:.6g}"
    else:
        number = str(magnitude)
    if lang == "zh":
        name = _zh_name(q.units)
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


def zh_unit_words() -> frozenset[str]:
    """The Chinese unit words :func:`parse_quantity` reads (``公里``, ``张``, ``个村``, ``疾控中心``, ...)."""
    return frozenset(_ZH_UNITS)
