"""Observations: reading values in a target's unit, the qualitative scale, and the file loaders."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import ezhou_recovery as er
from ezhou_recovery import units
from ezhou_recovery.errors import InvariantError, LoadError, UnitError
from ezhou_recovery.evidence.observations import ImplausibleValueWarning, QualitativeLevel, Quality

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAN = er.load_ezhou_plan()
STATIONS = PLAN.target("new_infrastructure.base_stations_5g")
WATERWAY = PLAN.target("transport.high_grade_waterway")
LNG = PLAN.target("energy.sanjiang_lng_storage")
BLACK_WATER = PLAN.target("urban.black_odorous_water")
DAY = date(2021, 6, 30)


# Building observations --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1,444个", "1444", 1444, 1444.0, Decimal(1444), "1444个基站"])
def test_for_target_reads_counts_in_the_targets_unit(value: object) -> None:
    o = er.Observation.for_target(STATIONS, DAY, value)
    assert o.value == er.Q_(1444, "base_station")
    assert o.value.units == STATIONS.unit
    assert o.target == STATIONS.key


@pytest.mark.parametrize("value", ["77.6公里", "77600米", "77.6 km", er.Q_(77600, "m"), 77.6])
def test_for_target_converts_to_the_targets_unit(value: object) -> None:
    o = er.Observation.for_target(WATERWAY, DAY, value)
    assert o.value.units == WATERWAY.unit
    assert o.value.magnitude == Decimal("77.6")


def test_an_incompatible_unit_names_target_value_and_both_units() -> None:
    with pytest.raises(UnitError) as info:
        er.Observation.for_target(WATERWAY, DAY, "12张")
    assert info.value.problem == (
        "transport.high_grade_waterway: 12张 is a count of beds; this target counts length (公里)"
    )


def test_negative_and_unreadable_values_are_errors() -> None:
    with pytest.raises(UnitError, match="negative"):
        er.Observation.for_target(STATIONS, DAY, -1)
    with pytest.raises(UnitError):
        er.Observation.for_target(STATIONS, DAY, "many")


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("true", True),
        ("是", True),
        ("done", True),
        ("已完成", True),
        ("false", False),
        ("否", False),
    ],
)
def test_milestone_values(text: str, done: bool) -> None:
    assert er.Observation.for_target(LNG, DAY, text).value is done
    assert er.Observation.for_target(LNG, DAY, done).value is done


def test_a_milestone_needs_true_or_false() -> None:
    with pytest.raises(UnitError, match=r"energy\.sanjiang_lng_storage"):
        er.Observation.for_target(LNG, DAY, "maybe")
    with pytest.raises(UnitError):
        er.Observation.for_target(LNG, DAY, 1)


def test_qualitative_scale_is_ordered_with_chinese_names() -> None:
    levels = list(QualitativeLevel)
    assert [lv.name_zh for lv in levels] == ["未启动", "推进中", "基本完成", "已完成"]
    assert [lv.rank for lv in levels] == [0, 1, 2, 3]
    shuffled = [levels[2], levels[0], levels[3], levels[1]]
    assert sorted(shuffled) == levels  # by rank, not by the text of the values
    assert QualitativeLevel.IN_PROGRESS < QualitativeLevel.BASICALLY_ACHIEVED
    assert QualitativeLevel.ACHIEVED >= QualitativeLevel.ACHIEVED
    assert not QualitativeLevel.ACHIEVED < QualitativeLevel.NOT_STARTED


@pytest.mark.parametrize("text", ["推进中", "in_progress", "in progress", " 推进中 "])
def test_qualitative_values_are_read_by_any_name(text: str) -> None:
    o = er.Observation.for_target(BLACK_WATER, DAY, text)
    assert o.value is QualitativeLevel.IN_PROGRESS


def test_an_unknown_level_lists_the_scale() -> None:
    with pytest.raises(UnitError, match="未启动"):
        er.Observation.for_target(BLACK_WATER, DAY, "half done")


def test_observation_invariants() -> None:
    with pytest.raises(InvariantError, match="as_of"):
        er.Observation("transport.rural_roads", "2021-06-30", er.Q_(1, "km"))  # type: ignore[arg-type]
    with pytest.raises(InvariantError, match="value"):
        er.Observation("transport.rural_roads", DAY, 3)  # type: ignore[arg-type]
    with pytest.raises(InvariantError, match="negative"):
        er.Observation("transport.rural_roads", DAY, er.Q_(-1, "km"))
    with pytest.raises(InvariantError, match="target"):
        er.Observation("rural roads", DAY, er.Q_(1, "km"))
    o = er.Observation("transport.rural_roads", DAY, er.Q_(1, "km"))
    assert o.quality is Quality.REPORTED
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        o.value = er.Q_(2, "km")  # type: ignore[misc]


# Loading ----------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "obs.csv",
        "target,as_of,value,source,quality\n"
        'new_infrastructure.base_stations_5g,2021-06-30,"1,444个",市经信局,official_statistics\n'
        "\n"
        "energy.sanjiang_lng_storage,2020-12-31,是,,\n"
        "urban.black_odorous_water,2021-06-30,推进中,,estimate\n",
    )
    obs = er.load_observations(path, er.load_ezhou_plan())
    assert [o.target for o in obs] == [
        "new_infrastructure.base_stations_5g",
        "energy.sanjiang_lng_storage",
        "urban.black_odorous_water",
    ]
    assert obs[0].value == er.Q_(1444, "base_station")
    assert obs[0].source == "市经信局"
    assert obs[0].quality is Quality.OFFICIAL_STATISTICS
    assert obs[1].value is True
    assert obs[1].source is None
    assert obs[1].quality is Quality.REPORTED
    assert obs[2].value is QualitativeLevel.IN_PROGRESS


def test_load_json_list_and_table(tmp_path: Path) -> None:
    entries = [
        {"target": "transport.high_grade_waterway", "as_of": "2022-12-31", "value": 77.6},
        {"target": "energy.sanjiang_lng_storage", "as_of": "2020-12-31", "value": True},
    ]
    plain = er.load_observations(write(tmp_path, "a.json", json.dumps(entries)), PLAN)
    table = er.load_observations(
        write(
            tmp_path,
            "b.json",
            json.dumps(
                {
                    "format": "ezhou-recovery/observations",
                    "format_version": 1,
                    "observations": entries,
                }
            ),
        ),
        PLAN,
    )
    assert plain == table
    assert plain[0].value == er.Q_(Decimal("77.6"), "km")


@pytest.mark.parametrize(
    ("body", "where", "problem"),
    [
        ("transport.nowhere,2021-06-30,1,,\n", "row 2.target", "unknown target key"),
        ("transport.rural_roads,2021-13-01,1,,\n", "row 2.as_of", "YYYY-MM-DD"),
        ("transport.rural_roads,30/06/2021,1,,\n", "row 2.as_of", "YYYY-MM-DD"),
        (
            "transport.rural_roads,2021-06-30,12张,,\n",
            "row 2.value",
            "12张 is a count of beds; this target counts length (公里)",
        ),
        ("transport.rural_roads,2021-06-30,,,\n", "row 2.value", "empty"),
        ("transport.rural_roads,2021-06-30,1,,guessed\n", "row 2.quality", "expected one of"),
        ("transport.rural_roads,2021-06-30,1\n", "row 2", "expected 5 cells"),
        ("energy.sanjiang_lng_storage,2020-12-31,maybe,,\n", "row 2.value", "true (done)"),
    ],
)
def test_csv_errors_name_file_row_field_and_value(
    tmp_path: Path, body: str, where: str, problem: str
) -> None:
    path = write(tmp_path, "obs.csv", "target,as_of,value,source,quality\n" + body)
    with pytest.raises(LoadError) as info:
        er.load_observations(path, er.load_ezhou_plan())
    assert info.value.source == str(path)
    assert info.value.path == where
    assert problem in info.value.problem


def test_csv_header_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="unknown column"):
        er.load_observations(
            write(tmp_path, "a.csv", "target,as_of,value,note\n"), er.load_ezhou_plan()
        )
    with pytest.raises(LoadError, match="missing column"):
        er.load_observations(write(tmp_path, "b.csv", "target,as_of\n"), er.load_ezhou_plan())
    with pytest.raises(LoadError, match="header"):
        er.load_observations(write(tmp_path, "c.csv", ""), er.load_ezhou_plan())
    with pytest.raises(LoadError, match="named twice"):
        er.load_observations(
            write(tmp_path, "d.csv", "target,as_of,value,value\n"), er.load_ezhou_plan()
        )


def test_json_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        er.load_observations(
            write(
                tmp_path,
                "a.json",
                json.dumps([{"target": "transport.rural_roads", "as_of": "2021-06-30"}]),
            ),
            PLAN,
        )
    assert info.value.path == "[0].value"
    with pytest.raises(LoadError, match="unknown field"):
        er.load_observations(
            write(
                tmp_path,
                "b.json",
                json.dumps(
                    [{"target": "transport.rural_roads", "as_of": "2021-06-30", "value": 1, "x": 1}]
                ),
            ),
            PLAN,
        )
    with pytest.raises(LoadError, match="format"):
        er.load_observations(write(tmp_path, "c.json", json.dumps({"observations": []})), PLAN)
    with pytest.raises(LoadError, match="file type"):
        er.load_observations(write(tmp_path, "d.txt", "target,as_of,value\n"), er.load_ezhou_plan())


def test_load_against_another_programme(tmp_path: Path) -> None:
    sample = er.load_programme(
        Path(__file__).resolve().parents[2] / "docs" / "examples" / "small_programme.toml"
    )
    path = write(tmp_path, "obs.csv", "target,as_of,value\nwater.pipe_leakage,2022-06-30,12%\n")
    assert er.load_observations(path, sample)[0].value == er.Q_(12, "percent")
    with pytest.raises(LoadError, match="unknown target key"):
        er.load_observations(path, er.load_ezhou_plan())  # not a target of the Ezhou plan


def test_load_investment_reports(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "inv.csv",
        "subject,as_of,completed\ntransport,2020-12-31,58.7亿元\npublic_health,2020-12-31,61000万元\n",
    )
    reports = er.load_investment_reports(path, er.load_ezhou_plan())
    assert reports[0].completed == units.money("58.7亿元")
    assert reports[1].completed.to("yi_yuan").magnitude == Decimal("6.1")
    assert isinstance(reports[1].completed.magnitude, Decimal)


@pytest.mark.parametrize(
    ("row", "field"),
    [("transport,2020-12-31,58.7", "completed"), ("nowhere,2020-12-31,1亿元", "subject")],
)
def test_investment_report_errors(tmp_path: Path, row: str, field: str) -> None:
    path = write(tmp_path, "inv.csv", f"subject,as_of,completed\n{row}\n")
    with pytest.raises(LoadError) as info:
        er.load_investment_reports(path, er.load_ezhou_plan())
    assert info.value.path == f"row 2.{field}"


def test_the_shipped_examples_load() -> None:
    obs = er.load_observations(EXAMPLES / "ezhou_progress.csv", er.load_ezhou_plan())
    reports = er.load_investment_reports(EXAMPLES / "ezhou_investment.csv", er.load_ezhou_plan())
    assert len(obs) == sum(
        1 for line in (EXAMPLES / "ezhou_progress.csv").read_text("utf-8").splitlines()[1:] if line
    )
    assert {o.target for o in obs} <= {t.key for t in PLAN.targets}
    assert all(isinstance(r.completed.magnitude, Decimal) for r in reports)


def test_loaders_without_a_programme_warn_and_use_the_ezhou_plan(tmp_path: Path) -> None:
    path = write(
        tmp_path, "o.csv", "target,as_of,value\ntransport.high_grade_waterway,2021-06-30,60\n"
    )
    with pytest.warns(DeprecationWarning, match=r"load_observations\(\) without a programme"):
        obs = er.load_observations(path)
    assert obs[0].value == er.Q_(60, "km")
    money = write(tmp_path, "m.csv", "subject,as_of,completed\ntransport,2021-06-30,1亿元\n")
    with pytest.warns(DeprecationWarning, match=r"load_investment_reports\(\) without a programme"):
        er.load_investment_reports(money)


def test_a_value_ten_thousand_times_off_warns_naming_the_row_and_both_readings(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "o.csv",
        "target,as_of,value\n"
        "transport.high_grade_waterway,2021-06-30,60\n"
        "transport.high_grade_waterway,2021-09-30,600000\n",
    )
    with pytest.warns(ImplausibleValueWarning) as caught:
        er.load_observations(path, er.load_ezhou_plan())
    (warning,) = caught
    assert str(warning.message) == (
        f"{path}: row 3.value: 600000公里 is 7,732 times the target ≥ 77.6公里: implausible; "
        "was 60公里 meant (a slip of 万)?"
    )
    finding = warning.message.finding  # type: ignore[attr-defined]
    assert (finding.code, finding.where) == ("implausible-value", "row 3.value")
