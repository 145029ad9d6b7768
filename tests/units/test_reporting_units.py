"""Reporting units: the unit a sector writes its numbers in, kept beside the canonical unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.errors import UnitError
from ezhou_recovery.units.reporting import ReportingUnit, reporting_unit_of

CASES = [
    ("万千瓦", "万千瓦", "kW", 10_000),
    ("亿立方米", "亿立方米", "m**3", 100_000_000),
    ("亿方", "亿方", "m**3", 100_000_000),
    ("万方", "万方", "m**3", 10_000),
    ("万吨", "万吨", "metric_ton", 10_000),
    ("公里", "公里", "km", 1),
    ("亿元", "亿元", "yi_yuan", 1),
    ("万元", "万元", "wan_yuan", 1),
    ("万人", "万人", "person", 10_000),
]


@pytest.mark.parametrize(("text", "shown", "unit", "factor"), CASES)
def test_parse_reads_the_sector_units(text: str, shown: str, unit: str, factor: int) -> None:
    ru = ReportingUnit.parse(text)
    assert (ru.text, ru.unit, ru.factor) == (shown, er.ureg.Unit(unit), Decimal(factor))


def test_a_bare_number_in_wan_kilowatts_is_exactly_ten_thousand_kilowatts() -> None:
    ru = ReportingUnit.parse("万千瓦")
    assert ru.quantity(40) == er.Q_(Decimal(400_000), "kW")
    assert ru.quantity(Decimal("0.35")).magnitude == Decimal("3500.00")
    assert ru.number(er.Q_(Decimal(400_000), "kW")) == Decimal(40)
    assert ru.format(er.Q_(Decimal(400_000), "kW")) == "40万千瓦"
    assert ru.format(er.Q_(Decimal(400_000), "kW"), "en") == "40万千瓦"


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False))
def test_number_and_quantity_are_inverse_and_exact(number: Decimal) -> None:
    for text in ("万千瓦", "亿立方米", "万吨", "公里"):
        ru = ReportingUnit.parse(text)
        assert ru.number(ru.quantity(number)) == number


def test_wan_before_a_measure_word_is_a_number_not_a_unit() -> None:
    found = reporting_unit_of("10万个感知单元")
    assert found is not None
    assert (found.text, found.factor) == ("个感知单元", 1)
    with pytest.raises(UnitError, match="before a measure word is a number, not a unit"):
        ReportingUnit.parse("万个")


def test_reporting_unit_of_reads_the_written_unit() -> None:
    found = reporting_unit_of("50万千瓦")
    assert found == ReportingUnit.parse("万千瓦")
    assert reporting_unit_of("2亿方") == ReportingUnit.parse("亿方")
    assert reporting_unit_of("12") is None


def test_bad_reporting_units_are_refused() -> None:
    with pytest.raises(UnitError, match="needs its text"):
        ReportingUnit.parse(" ")
    with pytest.raises(UnitError, match="positive Decimal"):
        ReportingUnit("万千瓦", er.ureg.kW, Decimal(0))
    with pytest.raises(UnitError, match="of 万千瓦"):
        ReportingUnit.parse("万千瓦").number(er.Q_(Decimal(1), "km"))
    with pytest.raises(UnitError, match="true/false"):
        ReportingUnit.parse("万千瓦").quantity(True)


def _target(value: str, reporting_unit: str | None = None) -> er.Target:
    return er.Target(
        key="energy.new_capacity",
        description_zh="新增装机",
        description_en="New capacity",
        kind=er.TargetKind.CUMULATIVE,
        deadline=date(2022, 12, 31),
        value=er.parse_quantity(value),
        reporting_unit=None if reporting_unit is None else ReportingUnit.parse(reporting_unit),
    )


def test_a_target_shows_and_reads_numbers_in_its_reporting_unit() -> None:
    t = _target("50万千瓦", "万千瓦")
    assert t.describe_value() == "≥ 50万千瓦"
    assert t.describe_value("en") == "≥ 50万千瓦"
    assert t.in_reporting_unit(40) == er.Q_(Decimal(400_000), "kW")
    assert t.unit == er.ureg.kW
    assert t.format_value(er.Q_(Decimal(400_000), "kW")) == "40万千瓦"


def test_a_target_defaults_to_its_values_unit() -> None:
    t = _target("77.6公里")
    assert t.reporting_unit == ReportingUnit.of(er.ureg.km)
    assert t.describe_value() == "≥ 77.6公里"


def test_a_reporting_unit_of_another_dimension_is_refused() -> None:
    with pytest.raises(er.InvariantError, match=r"reporting_unit.*does not fit"):
        _target("50万千瓦", "公里")


def test_a_loaded_target_keeps_its_plans_unit_through_json() -> None:
    plan = er.load_ezhou_plan()
    target = next(
        t for t in plan.targets if t.value is not None and t.value.units == er.ureg.sensing_unit
    )
    assert target.reporting_unit is not None
    assert target.reporting_unit.text == "个感知单元"
    assert target.in_reporting_unit(85000).magnitude == 85000
    assert er.from_json(er.to_json(plan), er.Programme) == plan
