"""Units: the registry, Chinese quantity text, exact money, and unit errors."""

from __future__ import annotations

from decimal import Decimal

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import Q_, UnitError, format_quantity, parse_quantity, ureg
from ezhou_recovery.units import COUNTED_THINGS, Qualifier, money, quantity_in, read_qualified

PARSE_CASES = [
    ("77.6公里", "77.6", "km"),
    ("1600张", "1600", "bed"),
    ("46.71亿元", "46.71", "yi_yuan"),
    ("90%", "90", "percent"),
    ("8公里/平方公里", "8", "km_per_km2"),
    ("12平方米/人", "12", "m**2/person"),
    ("100年一遇", "100", "return_period_year"),
    ("3000座位", "3000", "seat"),
    ("1600张床位", "1600", "bed"),
    ("5处点位", "5", "site"),
    ("3万个座位", "30000", "seat"),
    ("10分钟", "10", "minute"),
    ("220千伏", "220", "kV"),
    ("10万个", "100000", "piece"),
    ("1,444个", "1444", "piece"),
    ("30座", "30", "piece"),
    ("３０座", "30", "piece"),
    ("12个村", "12", "village"),
    ("5.8亿元", "5.8", "yi_yuan"),
    ("3000万元", "3000", "wan_yuan"),
    ("2万公里", "20000", "km"),
    ("1.5亿人", "150000000", "person"),
    ("77.6 km", "77.6", "km"),
    ("2000 base_station", "2000", "base_station"),
    ("  60 公里 ", "60", "km"),
    ("3天", "3", "day"),
]


@pytest.mark.parametrize(("text", "magnitude", "unit"), PARSE_CASES)
def test_parse_quantity(text: str, magnitude: str, unit: str) -> None:
    q = parse_quantity(text)
    assert q.magnitude == Decimal(magnitude)
    assert isinstance(q.magnitude, Decimal)
    assert q.units == ureg.Unit(unit)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1,444个", "base_station", "1444 base_station"),
        ("30座", "bridge", "30 bridge"),
        ("3条", "expressway", "3 expressway"),
        ("98处", "site", "98 site"),
        ("10家", "platform", "10 platform"),
        ("1444", "base_station", "1444 base_station"),
        ("12", "village", "12 village"),
    ],
)
def test_generic_measure_words_take_the_given_unit(text: str, unit: str, expected: str) -> None:
    assert parse_quantity(text, unit=unit) == parse_quantity(expected)


@pytest.mark.parametrize(
    "text", ["12斤", "abc", "", "公里", "12 furlongs per fortnightz", "1.2.3公里", "--1公里"]
)
def test_unknown_or_malformed_text_is_a_unit_error_quoting_it(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text)
    assert repr(text) in str(info.value)
    assert isinstance(info.value, er.EzhouRecoveryError)


def test_non_text_is_a_unit_error() -> None:
    with pytest.raises(UnitError):
        parse_quantity(12)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [("1张", "1公里"), ("1张", "1 base_station"), ("1 base_station", "1个村"), ("1亿元", "1公里")],
)
def test_counted_things_of_different_kinds_do_not_mix(a: str, b: str) -> None:
    with pytest.raises(pint.DimensionalityError):
        parse_quantity(a) + parse_quantity(b)


def test_a_flood_standard_is_not_a_duration() -> None:
    with pytest.raises(pint.DimensionalityError):
        parse_quantity("100年一遇") + parse_quantity("3天")


@pytest.mark.parametrize(
    "name",
    [
        *sorted(COUNTED_THINGS),
        "km",
        "m**2/person",
        "km_per_km2",
        "percent",
        "yi_yuan",
        "wan_yuan",
        "yuan",
        "return_period_year",
        "minute",
        "day",
        "kV",
    ],
)
def test_written_quantities_read_back(name: str) -> None:
    q = Q_(Decimal("12.5"), name)
    assert parse_quantity(format_quantity(q)) == q
    assert parse_quantity(format_quantity(q, lang="en")) == q


def test_beds_and_percent_do_not_mix() -> None:
    with pytest.raises(pint.DimensionalityError):
        parse_quantity("1张") + parse_quantity("50%")


def test_registry_is_the_librarys_own() -> None:
    assert ureg is not pint.get_application_registry()
    other = pint.UnitRegistry()
    with pytest.raises(UnitError, match="another unit registry"):
        quantity_in(other.Quantity(1, "km"), "km")


def test_quantity_in_converts_and_names_what_on_error() -> None:
    assert quantity_in("77,600米", "km").magnitude == Decimal("77.6")
    assert quantity_in(77600, "m").to("km").magnitude == Decimal("77.6")
    with pytest.raises(UnitError) as info:
        quantity_in("3公里", "bed", what="public_health.icu_beds")
    assert info.value.problem == (
        "public_health.icu_beds: 3公里 is a length; this target counts beds (张床位)"
    )


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, None, [1]])
def test_quantity_in_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(UnitError):
        quantity_in(bad, "km")


def test_money_is_exact() -> None:
    total = sum(
        (money(x) for x in ["46.71亿元", "549.9亿元", "58.3亿元", "20亿元", "828.1亿元"]),
        money("0亿元"),
    )
    assert total.magnitude == Decimal("1503.01")
    assert money("0.1亿元") + money("0.2亿元") == money("0.3亿元")
    assert (money("0.1亿元") + money("0.2亿元")).magnitude == Decimal("0.3")
    assert money("1元").to("yi_yuan").magnitude == Decimal("1E-8")
    assert money("46.71亿元").to("yuan").magnitude == Decimal("4671000000")
    assert money("12000万元").to("yi_yuan").magnitude == Decimal("1.2")


@given(
    st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=20),
    st.sampled_from(["yuan", "wan_yuan", "yi_yuan"]),
)
def test_money_sums_exactly_in_any_unit(amounts: list[Decimal], unit: str) -> None:
    quantities = [money(a, unit) for a in amounts]
    total = sum((q.to("yuan") for q in quantities), money(0, "yuan"))
    assert total.magnitude == sum(amounts) * {"yuan": 1, "wan_yuan": 10**4, "yi_yuan": 10**8}[unit]
    back = total.to(unit)
    assert back.magnitude == sum(amounts)


def test_money_rejects_other_dimensions() -> None:
    with pytest.raises(UnitError):
        money("3公里")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("77.6公里", "77.6公里", "77.6 km"),
        ("90%", "90%", "90%"),
        ("46.71亿元", "46.71亿元", "46.71 yi_yuan"),
        ("8公里/平方公里", "8公里/平方公里", "8 km_per_km2"),
        ("1600张", "1600张床位", "1600 bed"),
        ("100.0公里", "100公里", "100 km"),
    ],
)
def test_format_quantity(text: str, zh: str, en: str) -> None:
    q = parse_quantity(text)
    assert format_quantity(q) == zh
    assert format_quantity(q, lang="en") == en


@given(st.decimals(min_value=0, max_value=10**9, places=3), st.sampled_from(["km", "m", "bed"]))
def test_parse_of_written_quantity_round_trips(value: Decimal, unit: str) -> None:
    q = Q_(value, unit)
    assert parse_quantity(f"{value} {unit}") == q


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("90分钟", "hour", "1.5"),
        ("72小时", "day", "3"),
        ("60分钟", "hour", "1"),
        ("77600米", "km", "77.6"),
        ("1609.344米", "km", "1.609344"),
        ("2.5万千瓦", "MW", "25"),
        ("50%", "dimensionless", "0.5"),
        ("3000万元", "yi_yuan", "0.3"),
    ],
)
def test_conversion_of_decimal_magnitudes_is_exact(text: str, unit: str, expected: str) -> None:
    assert quantity_in(text, unit).magnitude == Decimal(expected)


def test_equal_amounts_in_other_time_units_agree_exactly() -> None:
    assert quantity_in("72小时", "day") == quantity_in("3天", "day")
    assert quantity_in("72小时", "day").magnitude == quantity_in("3天", "day").magnitude


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("200兆瓦", "200", "MW"),
        ("1万千瓦", "10000", "kW"),
        ("10万亩", "100000", "mu"),
        ("5万吨", "50000", "metric_ton"),
        ("12公斤", "12", "kg"),
        ("3公顷", "3", "hectare"),
        ("100立方米", "100", "m**3"),
        ("5个百分点", "5", "percent"),
        ("3000户", "3000", "household"),
        ("60公里/小时", "60", "km/hour"),
        ("200 MW", "200", "MW"),
    ],
)
def test_everyday_units_of_plans(text: str, magnitude: str, unit: str) -> None:
    q = parse_quantity(text)
    assert q.magnitude == Decimal(magnitude)
    assert q.units == ureg.Unit(unit)


def test_fifteen_mu_make_a_hectare() -> None:
    assert parse_quantity("15亩").to("hectare").magnitude == pytest.approx(1)


@pytest.mark.parametrize("text", ["3 mmu", "10 kbed", "2 Mpiece", "1 kyuan"])
def test_a_prefix_on_a_unit_that_takes_none_is_an_error(text: str) -> None:
    with pytest.raises(UnitError, match="pint would read it as"):
        parse_quantity(text)


@pytest.mark.parametrize("text", ["约5亿元", "大约20张", "超过200张", "不足200张", "近10公里"])
def test_a_hedged_number_says_where_the_hedge_belongs(text: str) -> None:
    with pytest.raises(UnitError, match="write the number without"):
        parse_quantity(text)


# Unit texts as people write them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120萬噸", er.Q_(Decimal(1_200_000), "metric_ton")),
        ("5公裡", er.Q_(Decimal(5), "km")),
        ("１６００张", er.Q_(Decimal(1600), "bed")),
        ("2亿方", er.Q_(Decimal(200_000_000), "m**3")),
        ("8000万方", er.Q_(Decimal(80_000_000), "m**3")),
        ("±800千伏", er.Q_(Decimal(800), "kV")),
        ("50万kw", er.Q_(Decimal(500_000), "kW")),
        ("6 kilometer", er.Q_(Decimal(6), "km")),
    ],
)
def test_unit_texts_as_people_write_them(text: str, expected: er.Quantity) -> None:
    q = parse_quantity(text)
    assert q == expected
    assert q.units == expected.units


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("99%以上", Qualifier.AT_LEAST, er.Q_(Decimal(99), "percent")),
        ("不低于90%", Qualifier.AT_LEAST, er.Q_(Decimal(90), "percent")),
        ("30分钟以内", Qualifier.AT_MOST, er.Q_(Decimal(30), "minute")),
        ("80%左右", Qualifier.ABOUT, er.Q_(Decimal(80), "percent")),
        ("77.6公里", None, er.Q_(Decimal("77.6"), "km")),
    ],
)
def test_qualifiers_are_read_beside_the_number(
    text: str, qualifier: Qualifier | None, value: er.Quantity
) -> None:
    assert read_qualified(text) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "99%以上",
            "'以上' qualifies the number (at_least): a target's value may carry it (it sets the "
            "comparator) and a reported value may say 左右 (an estimate); elsewhere write the "
            "number alone",
        ),
        (
            "±5%",
            "± is read only before a voltage (±800千伏, a direct-current line); write a range as "
            "its two limits",
        ),
        (
            "6000 kt",
            "unknown unit 'kt' (pint would read it as knot): plans use the units the format page "
            "lists; did you mean t or km?",
        ),
        ("５Ｇ", "unknown unit 'G' (G is gauss): did you mean g?"),
        (
            "3个营地",
            "unknown unit '个营地': if 营地 is a thing this plan counts, declare it in the "
            'programme file: [[counted_things]] name = "...", measure_word = "个", '
            'name_zh = "营地", name_en = "..."',
        ),
        (
            "7座储油罐",
            "unknown unit '座储油罐': if 储油罐 is a thing this plan counts, declare it in the "
            'programme file: [[counted_things]] name = "...", measure_word = "座", '
            'name_zh = "储油罐", name_en = "..."',
        ),
        (
            "5 furlong",
            "unknown unit 'furlong' (pint would read it as furlong): plans use the "
            "units the format page lists",
        ),
    ],
)
def test_unit_texts_that_are_refused_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text)
    assert info.value.problem == message


def test_a_declared_counted_thing_is_a_unit_of_its_own() -> None:
    from ezhou_recovery.units import declare_counted_thing, describe_dimension

    declare_counted_thing("test_granary", "座", "粮仓", "granary")
    declare_counted_thing("test_granary", "座", "粮仓", "granary")  # again: harmless
    q = parse_quantity("4座粮仓")
    assert q == er.Q_(Decimal(4), "test_granary")
    assert er.format_quantity(q) == "4座粮仓"
    assert describe_dimension(q.units) == ("a count of granarys", "granarys")
    with pytest.raises(pint.DimensionalityError):
        q + er.Q_(1, "bed")
    with pytest.raises(UnitError) as taken:
        declare_counted_thing("test_silo", "座", "粮仓", "silo")
    assert taken.value.problem == "the word '粮仓' stands for test_granary already"
    with pytest.raises(UnitError) as again:
        declare_counted_thing("test_granary", "个", "谷仓", "barn")
    assert (
        again.value.problem
        == "the counted thing 'test_granary' is declared already as another thing"
    )


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ("hectare", ("an area", "area")),
        ("kW", ("power", "power")),
        ("m**3", ("a volume", "volume")),
        ("metric_ton", ("a mass", "mass")),
        ("kV", ("a voltage", "voltage")),
        ("minute", ("a duration", "time")),
        ("yi_yuan", ("money", "money")),
        ("percent", ("a share", "a share")),
        ("bed", ("a count of beds", "beds")),
    ],
)
def test_dimensions_are_described_in_words(unit: str, words: tuple[str, str]) -> None:
    from ezhou_recovery.units import describe_dimension

    assert describe_dimension(er.ureg.Unit(unit)) == words


def test_a_dimension_error_says_what_the_quantities_are() -> None:
    with pytest.raises(UnitError) as info:
        quantity_in("5 ha", "kW", what="energy.new_capacity", unit_text="万千瓦")
    assert (
        info.value.problem
        == "energy.new_capacity: 5 ha is an area; this target counts power (万千瓦)"
    )
    assert "[length]" not in str(info.value)
