"""Units: hostile unit texts are refused in bounded time, and every pattern runs in linear time."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from ezhou_recovery import UnitError, parse_quantity
from ezhou_recovery.units import parse_unit

#: An absolute cap per pathological input: far above the few milliseconds each takes, far below the
#: seconds to hours the pathologies took.
CAP_SECONDS = 1.0


@contextmanager
def under_cap() -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < CAP_SECONDS, f"took {elapsed:.2f} s"


EXPONENT_BOMBS = [
    "12 m**9**9**9",
    "12 m^9^9^9",
    "12 9**9**9",
    "12 m**(9**9**9)",
    "12 ((((((9**99)**99)**99)**99)**99)**99)",
    "12 m squared squared squared squared squared",
    "12 m**999999999",
    "12 9**99999999999",
    "12 9**9e9",
    "12 9 ** 99999999999 m",
    "12 9**0x99999999",
]


@pytest.mark.parametrize("text", EXPONENT_BOMBS)
def test_an_exponent_beyond_the_bound_is_refused_without_evaluating_it(text: str) -> None:
    with under_cap(), pytest.raises(UnitError):
        parse_quantity(text)


@pytest.mark.parametrize("reader", [parse_unit, lambda t: parse_quantity(f"1 {t}")])
def test_a_unit_text_beyond_the_length_bound_is_refused(reader: Callable[[str], object]) -> None:
    with under_cap(), pytest.raises(UnitError, match="at most 64 characters"):
        reader("m*" * 5000 + "m")


@pytest.mark.parametrize("reader", [parse_unit, lambda t: parse_quantity(f"1{t}")])
def test_a_long_chain_of_chinese_ratios_is_refused_without_recursion(
    reader: Callable[[str], object],
) -> None:
    with under_cap(), pytest.raises(UnitError, match="at most 64 characters"):
        reader("公里/" * 100_000 + "人")


@pytest.mark.parametrize(
    "text",
    [
        "1" + " " * 4000 + "x\ny",
        "1" + " " * 40_000 + "x\ny",
        "1" * 4000 + " " * 4000 + "\n",
        " " * 40_000 + "1" + "\t" * 40_000 + "公里\n公里",
        "1." + "0" * 4000 + "e" * 4000,
    ],
)
def test_the_number_pattern_runs_in_linear_time(text: str) -> None:
    with under_cap(), pytest.raises(UnitError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12 m**2", "12 m²"), ("3 m**2/person", "3 m²/person"), (" 5 km \n", "5 km")],
)
def test_ordinary_exponents_and_whitespace_still_read(text: str, expected: str) -> None:
    assert f"{parse_quantity(text)}" == expected
