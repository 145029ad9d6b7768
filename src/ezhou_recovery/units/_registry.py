"""The library's own pint registry: its definitions (money, counted things, 亩), the Chinese unit
words and names, and the counted things a programme file declares.

The registry is owned by this library (not pint's application registry), so that its counted things
and money units never leak into, or collide with, another library's. Each counted thing is its own
base dimension: adding beds to base stations, or beds to kilometres, raises
:class:`pint.DimensionalityError` instead of giving a number.
"""

from __future__ import annotations

import copyreg
from typing import Any, Final, TypeAlias

import pint
import pint.util

from ezhou_recovery.errors import UnitError

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


def new_registry() -> pint.UnitRegistry[Any]:
    """pint's default definitions, parsed from pint's disk cache when it is usable (about 20 ms
    instead of about 150 ms); without a usable cache folder, parsed afresh."""
    try:
        return pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except Exception:  # an unusable cache folder (read-only home, no platformdirs, ...)
        return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


def _build_registry() -> pint.UnitRegistry[Any]:
    registry = new_registry()
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
    return Q_(magnitude, _defined(units))


def _unit(units: Any) -> pint.Unit:
    """A unit of the library's registry: what a pickled unit becomes when unpickled."""
    unit: pint.Unit = ureg.Unit(_defined(units))
    return unit


def _defined(units: Any) -> Any:
    """``units`` (pint's container of unit names), each name defined in the registry first: pint
    defines a prefixed unit (kilowatt) when it first parses it, and a quantity unpickled in a
    fresh process may be the first of its unit there (printing it would fail)."""
    for name in units:
        if name not in _DEFINED:
            ureg.Unit(name)
            _DEFINED.add(name)
    return units


#: The unit names :func:`_defined` has made sure of in this process.
_DEFINED: set[str] = set()


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
ZH_UNITS: Final[dict[str, str]] = {
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
        ZH_UNITS.setdefault(_zh, _name)
        if _zh[0] in GENERIC_MEASURE_WORDS:
            ZH_UNITS.setdefault(_zh[1:], _name)
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
DECLARED_UNITS: dict[str, str] = {}
DECLARED_NAMES: dict[str, str] = {}
#: English nouns of the declared counted things, by unit name.
DECLARED_EN: Final[dict[str, str]] = {}


def zh_name(unit: Any) -> str | None:
    if not _zh_by_unit:
        _zh_by_unit.update({ureg.Unit(expr): name for expr, name in _ZH_NAMES.items()})
    found = _zh_by_unit.get(unit)
    if found is None and len(unit._units) == 1:
        ((name, power),) = unit._units.items()
        found = DECLARED_NAMES.get(name) if power == 1 else None
    return found


def declare_counted_thing(name: str, measure_word: str, name_zh: str, name_en: str) -> None:
    """Make a counted thing of a programme a unit of its own (``3个基地``: base).

    The unit is a base dimension of its own, like the built-in counted things: ``name_zh`` and
    ``measure_word + name_zh`` read as it. Declaring the same thing again is harmless.

    Raises:
        UnitError: The name or a word stands for something else already.
    """
    word = measure_word + name_zh
    if name in COUNTED_THINGS or DECLARED_NAMES.get(name, word) != word:
        raise UnitError(name, f"the counted thing {name!r} is declared already as another thing")
    for zh in (name_zh, word):
        known = ZH_UNITS.get(zh) or DECLARED_UNITS.get(zh)
        if known is not None and known != name:
            raise UnitError(zh, f"the word {zh!r} stands for {known} already")
    if name not in DECLARED_NAMES:
        try:
            ureg.Unit(name)
        except Exception:  # not a unit yet: define it
            ureg.define(f"{name} = [{name}]")
        else:
            raise UnitError(name, f"{name!r} is a unit already: choose another name")
    DECLARED_UNITS[name_zh] = name
    DECLARED_UNITS[word] = name
    DECLARED_NAMES[name] = word
    DECLARED_EN[name] = name_en


#: Unit symbols and names a plan may write in pint's notation; any other is refused, so that a
#: slip never becomes a surprise unit (``kt`` would be knots). The format page lists them.
UNIT_SYMBOLS: Final[tuple[str, ...]] = (
    "m", "km", "cm", "mm", "m**2", "km**2", "m**3", "ha", "hectare", "mu", "L", "mL",
    "t", "metric_ton", "kg", "g", "mg", "W", "kW", "MW", "GW", "Wh", "kWh", "MWh", "GWh",
    "V", "kV", "s", "second", "min", "minute", "h", "hour", "day", "week", "month", "year",
    "percent", "yuan", "wan_yuan", "yi_yuan", "km_per_km2", "return_period_year",
    "dimensionless",
)  # fmt: skip


def zh_unit_words() -> frozenset[str]:
    """The Chinese unit words :func:`parse_quantity` reads (``公里``, ``张``, ``个村``, ``疾控中心``, ...)."""
    return frozenset(ZH_UNITS)
