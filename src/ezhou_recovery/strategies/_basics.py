"""Strategies for the building blocks: texts, keys, dates, periods, decimals, quantities and money."""

from __future__ import annotations

import functools
import string
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from hypothesis import strategies as st

from ezhou_recovery.model.periods import Period
from ezhou_recovery.units import (
    COUNTED_THINGS,
    MAX_DIGITS,
    MIN_EXPONENT,
    Q_,
    Quantity,
    Unit,
    format_quantity,
    ureg,
)
from ezhou_recovery.units._registry import ZH_UNITS

T = TypeVar("T")
P = ParamSpec("P")
#: Units the plans use, simplest first (shrinking goes to the first): pint expressions.
UNITS: tuple[str, ...] = (
    "piece",
    "km",
    "m",
    "km**2",
    "m**2",
    "m**2/person",
    "km_per_km2",
    "percent",
    "minute",
    "hour",
    "day",
    "year",
    "kV",
    "yuan",
    "wan_yuan",
    "yi_yuan",
    *(name for name in COUNTED_THINGS if name != "piece"),
)
MONEY_UNITS = ("yi_yuan", "wan_yuan", "yuan")
EARLIEST, LATEST = date(2000, 1, 1), date(2049, 12, 31)


def memo(factory: Callable[P, T]) -> Callable[P, T]:
    # Building a strategy (composite ones read their source) costs far more than drawing from it:
    # the same options give the same strategy object, so drawing nested objects stays fast.
    cached = functools.lru_cache(maxsize=1024)(factory)

    @functools.wraps(factory)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return cached(*args, **kwargs)  # type: ignore[arg-type]
        except TypeError:  # an unhashable option
            return factory(*args, **kwargs)

    return wrapper


@memo
def texts_zh(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Chinese text (CJK ideographs, shrinking to ``一``)."""
    return st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=max_size
    )


@memo
def texts_en(*, max_words: int = 4) -> st.SearchStrategy[str]:
    """English-looking text: a few lower-case words (shrinking to ``a``)."""
    word = st.text(string.ascii_lowercase, min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


@memo
def slugs(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Lower-case identifiers such as ``public_health`` (shrinking to ``a``)."""
    rest = st.text(string.ascii_lowercase + string.digits + "_", max_size=max_size - 1)
    return st.builds(
        lambda first, tail: first + tail, st.sampled_from(string.ascii_lowercase), rest
    )


@memo
def dates(*, within: Period | None = None) -> st.SearchStrategy[date]:
    """Dates, inside ``within`` when given."""
    lo, hi = (within.start, within.end) if within is not None else (EARLIEST, LATEST)
    return st.dates(min_value=lo, max_value=hi)


@memo
def periods(*, min_years: int = 1, max_years: int = 5) -> st.SearchStrategy[Period]:
    """Periods of whole calendar years (2000 to 2049), as programmes cover."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        first = draw(st.integers(2020, 2049 - max_years + 1) | st.integers(2000, 2019))
        years = draw(st.integers(min_years, max_years))
        return Period(date(first, 1, 1), date(first + years - 1, 12, 31))

    return build()


@memo
def decimal_magnitudes(*, max_value: int = 10**6, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    )


#: Values at the edges of the range rule (see :func:`~ezhou_recovery.units.magnitude_problem`).
_EDGES: tuple[Decimal, ...] = (
    Decimal(0),
    Decimal("999999999999999.999"),
    Decimal(10**15 - 1),
    Decimal("1E-30"),
    Decimal("123456789012345678E-30"),
    Decimal("0.1"),
    Decimal("46.71"),
)


@memo
def extreme_decimals() -> st.SearchStrategy[Decimal]:
    """Non-negative decimals anywhere in the range a value may have, edges first: up to 18
    significant digits, from 10^-30 to just below 10^15, with trailing zeros and without.

    Every loader accepts these (in a unit that fits), and every exporter writes them.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        digits = draw(st.integers(1, MAX_DIGITS))
        coefficient = draw(st.integers(10 ** (digits - 1), 10**digits - 1))
        exponent = draw(st.integers(MIN_EXPONENT, 14 - (digits - 1)))
        return Decimal(coefficient).scaleb(exponent)

    return st.sampled_from(_EDGES) | build()


def _units(unit: Unit | str | None, dimension: str | None) -> list[Any]:
    if unit is not None:
        return [ureg.Unit(unit) if isinstance(unit, str) else unit]
    if dimension is None:
        return list(UNITS)
    wanted = (
        ureg.get_dimensionality(dimension)
        if dimension.startswith("[")
        else ureg.Unit(dimension).dimensionality
    )
    found = [u for u in UNITS if ureg.Unit(u).dimensionality == wanted]
    if not found:
        raise ValueError(f"no unit of the plans has dimension {dimension!r}")
    return found


#: Chinese words parse_quantity reads, by the unit they stand for.
_ZH_WORDS: dict[Any, list[str]] = {}


def _zh_words(unit: Any) -> list[str]:
    if not _ZH_WORDS:
        for word, expression in ZH_UNITS.items():
            _ZH_WORDS.setdefault(ureg.Unit(expression), []).append(word)
    return sorted(_ZH_WORDS.get(unit, []), key=len)


def _as_text(q: Quantity, draw: st.DrawFn) -> str:
    number = format_quantity(Q_(q.magnitude, "dimensionless"))
    words = _zh_words(q.units)
    forms = [f"{number} {format(q.units, 'D')}"] + [f"{number}{w}" for w in words]
    if q.units == ureg.Unit("m**2/person"):
        forms.append(f"{number}平方米/人")
    return draw(st.sampled_from(sorted(set(forms), key=lambda f: (len(f), f))))


@memo
def quantities(
    *,
    unit: Unit | str | None = None,
    dimension: str | None = None,
    as_text: bool = False,
    max_value: int = 10**6,
    places: int = 2,
    extreme: bool = False,
) -> st.SearchStrategy[Any]:
    """Non-negative quantities of the library's registry with exact Decimal magnitudes.

    Args:
        unit: Only this unit (``"km"``, ``"平方米/人"`` is not accepted: give pint notation).
        dimension: Only units of this dimension: ``"[length]"`` or a unit whose dimension to take
            (``"km"`` gives km and m).
        as_text: Draw texts that :func:`~ezhou_recovery.parse_quantity` reads back to the quantity
            instead: pint notation (``"77.6 kilometer"``) or Chinese (``"77.6公里"``, ``"12平方米/人"``).
        max_value: Largest magnitude.
        places: Decimal places of the magnitude.
        extreme: Draw magnitudes from the whole range a value may have
            (:func:`extreme_decimals`) instead; ``max_value`` and ``places`` are then ignored.

    Returns:
        A strategy of :class:`pint.Quantity` (or of ``str`` when ``as_text``).
    """
    units = _units(unit, dimension)
    magnitudes = (
        extreme_decimals() if extreme else decimal_magnitudes(max_value=max_value, places=places)
    )

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        q = Q_(draw(magnitudes), draw(st.sampled_from(units)))
        return _as_text(q, draw) if as_text else q

    return build()


@memo
def money(
    *, max_value: int = 10**4, unit: str | None = None, extreme: bool = False
) -> st.SearchStrategy[Quantity]:
    """Exact amounts of money in 亿元, 万元 or 元 (``extreme``: anywhere in the range a value may
    have, as :func:`extreme_decimals`)."""
    units = [unit] if unit is not None else list(MONEY_UNITS)
    magnitudes = extreme_decimals() if extreme else decimal_magnitudes(max_value=max_value)
    return st.builds(lambda m, u: Q_(m, u), magnitudes, st.sampled_from(units))
