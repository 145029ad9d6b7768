"""A plan of provincial shape, in its own words: every output shows its units as the plan writes them.

The plan (``tests/data/provincial_plan.toml``) is written for these tests: energy and cold-chain
sections with 万千瓦, 亿立方米, 万吨, 公里, ±800千伏 and counted things of its own, and a water
fragment in 方 whose leaders the text does not name.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import ezhou_recovery as er
from _fresh_process import output_in_fresh_process
from ezhou_recovery.cli import main
from ezhou_recovery.evidence.observations import ImplausibleValueWarning, Quality
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook
from ezhou_recovery.model.projects import ProjectLevel
from ezhou_recovery.model.targets import Comparator
from ezhou_recovery.units import money
from ezhou_recovery.units.reporting import ReportingUnit

PLAN_FILE = Path(__file__).parent / "data" / "provincial_plan.toml"
PLAN = er.load_programme(PLAN_FILE)
AS_OF = date(2022, 6, 30)
#: Each target's value as the plan writes it, and how every output must show it.
WRITTEN = {
    "energy.new_capacity": "50万千瓦",
    "energy.gas_storage": "2亿立方米",
    "energy.transmission_lines": "1200公里",
    "energy.reserve_depots": "7座储备库",
    "cold_chain.storage_capacity": "120万吨",
    "cold_chain.bases": "3个基地",
    "water.supply_capacity": "2亿方",
    "water.earthworks": "8000万方",
}
#: Reported values, as departments type them: bare numbers in the plan's units, or with a unit.
OBSERVATIONS = """target,as_of,value
energy.new_capacity,2022-06-30,40
energy.gas_storage,2022-06-30,1.5
energy.transmission_lines,2022-06-30,900
energy.reserve_depots,2022-06-30,5
cold_chain.storage_capacity,2022-06-30,96
cold_chain.bases,2022-06-30,2个基地
cold_chain.transport_rate,2022-06-30,77%左右
water.supply_capacity,2022-06-30,1.2
water.earthworks,2022-06-30,6000万方
"""
#: The same reports as each output shows them.
SHOWN = {
    "energy.new_capacity": "40万千瓦",
    "energy.gas_storage": "1.5亿立方米",
    "energy.transmission_lines": "900公里",
    "energy.reserve_depots": "5座储备库",
    "cold_chain.storage_capacity": "96万吨",
    "cold_chain.bases": "2个基地",
    "water.supply_capacity": "1.2亿方",
    "water.earthworks": "6000万方",
}


@pytest.fixture(scope="module")
def observations(tmp_path_factory: pytest.TempPathFactory) -> tuple[er.Observation, ...]:
    path = tmp_path_factory.mktemp("province") / "progress.csv"
    path.write_text(OBSERVATIONS, encoding="utf-8")
    return er.load_observations(path, PLAN)


@pytest.fixture(scope="module")
def assessment(observations: tuple[er.Observation, ...]) -> er.Assessment:
    return er.assess(PLAN, observations, as_of=AS_OF)


def test_the_plan_loads_in_its_own_units() -> None:
    assert PLAN.implements == "国发〔2021〕3号"
    assert PLAN.note == "能源和冷链两个部分；水利部分只有片段。"
    capacity = PLAN.target("energy.new_capacity")
    assert capacity.value == er.Q_(Decimal(500_000), "kW")
    assert capacity.reporting_unit == ReportingUnit.parse("万千瓦")
    assert PLAN.target("energy.gas_storage").value == er.Q_(Decimal(200_000_000), "m**3")
    assert PLAN.target("cold_chain.storage_capacity").value == er.Q_(Decimal(1_200_000), "t")
    assert PLAN.target("water.earthworks").value == er.Q_(Decimal(80_000_000), "m**3")
    assert PLAN.target("energy.uhv_line").value == er.Q_(Decimal(800), "kV")
    assert str(PLAN.target("cold_chain.bases").value.units) == "logistics_base"
    for key, written in WRITTEN.items():
        assert PLAN.target(key).describe_value() == f"≥ {written}", key


def test_qualifiers_strive_and_notes_are_kept() -> None:
    assert PLAN.target("energy.clean_share").comparator is Comparator.AT_LEAST
    rate = PLAN.target("cold_chain.transport_rate")
    assert rate.about
    assert rate.describe_value() == "≥ 80%左右"
    wind = PLAN.target("energy.wind_power")
    assert wind.strive
    assert wind.note == "争取类目标，不纳入考核。"
    assert PLAN.category("water").note == "片段：原文未列分管领导和牵头部门。"
    assert PLAN.project("energy.gas_storage_depot").note == "投资待定。"
    levels = {p.key: p.level for p in PLAN.projects}
    assert levels == {
        "energy.uhv_dc_line": ProjectLevel.NATIONAL,
        "energy.gas_storage_depot": ProjectLevel.PROVINCE,
        "cold_chain.county_hub": ProjectLevel.COUNTY,
    }


def test_the_plan_validates_with_warnings_that_name_the_fragment() -> None:
    findings = er.validate(PLAN)
    assert not [f for f in findings if f.severity is er.Severity.ERROR]
    codes = {(f.code, f.where) for f in findings}
    assert ("category-number-gap", "categories") in codes
    assert ("category-without-leader", "categories[2].leader") in codes
    assert ("category-without-lead", "categories[2].lead_departments") in codes


def test_the_fragment_has_no_placeholder_people_and_compliance_says_who_is_unassigned() -> None:
    water = PLAN.category("water")
    assert water.leader is None
    assert water.lead_departments == ()
    assert [o.name_zh for o in PLAN.officials] == ["王五", "赵六"]
    c = er.compliance(PLAN, (), AS_OF)
    assert c.unassigned == (("water", "leading official 分管领导 and lead department 牵头部门"),)
    assert not any(d.category == "water" for d in PLAN.deadlines())
    head = _compliance_text(c).splitlines()
    assert head[1] == (
        "Unassigned 未明确责任: water has no leading official 分管领导 and lead department 牵头部门 "
        "named in the plan"
    )


def _compliance_text(c: er.Compliance) -> str:
    from ezhou_recovery.display.text import compliance_head

    return compliance_head(c)


def test_bare_numbers_are_read_in_the_plans_units(observations: tuple[er.Observation, ...]) -> None:
    values = {o.target: o for o in observations}
    assert values["energy.new_capacity"].value == er.Q_(Decimal(400_000), "kW")
    assert values["energy.gas_storage"].value == er.Q_(Decimal(150_000_000), "m**3")
    assert values["cold_chain.storage_capacity"].value == er.Q_(Decimal(960_000), "t")
    assert values["water.supply_capacity"].value == er.Q_(Decimal(120_000_000), "m**3")
    estimate = values["cold_chain.transport_rate"]
    assert (estimate.value, estimate.quality) == (
        er.Q_(Decimal(77), "percent"),
        Quality.ESTIMATE,
    )


def test_text_and_reasons_show_the_plans_units(assessment: er.Assessment) -> None:
    text = str(PLAN.targets)
    for key, written in WRITTEN.items():
        assert f"≥ {written}" in text, key
        result = assessment.target(key)
        assert SHOWN[key] in result.reason_zh, result.reason_zh
        assert written in result.reason_zh, result.reason_zh
        # English says 万千瓦 and 亿立方米 as the plan writes them, 公里 as km, 3个基地 in words.
        goal_en = result.target.format_value(result.target.value, "en")
        counted = key in ("energy.reserve_depots", "cold_chain.bases")
        assert counted or goal_en in result.reason, result.reason
    capacity = assessment.target("energy.new_capacity")
    assert capacity.reason.startswith("on track: 40 of 50万千瓦")
    assert (
        "1.5亿立方米 against at least 2亿立方米" in assessment.target("energy.gas_storage").reason
    )
    assert assessment.target("cold_chain.bases").reason.startswith(
        "on track: 2 of 3 logistics bases"
    )
    # An approximate target is attained within 5%: 77% against about 80%.
    assert assessment.target("cold_chain.transport_rate").status is er.Status.ATTAINED


def test_html_frames_and_charts_show_the_plans_units(assessment: er.Assessment) -> None:
    html = PLAN._repr_html_() + PLAN.targets._repr_html_() + assessment._repr_html_()
    frame = PLAN.targets_frame()
    results = assessment.to_frame()
    from ezhou_recovery.display import charts

    figure_text = ""
    for category in ("energy", "cold_chain", "water"):
        figure = charts.attainment_chart(assessment, category=category, lang="zh")
        figure_text += " ".join(t.get_text() for ax in figure.axes for t in ax.texts)
    for key, written in WRITTEN.items():
        assert written in html, key
        row = frame.set_index("key").loc[key]
        assert f"{row['reporting_value']}{row['reporting_unit']}" == written
        assert SHOWN[key] in set(results["value_text"]), key
        assert f"{SHOWN[key]} / {written}" in figure_text, key


def test_the_command_line_exports_the_plans_units(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    progress = tmp_path / "progress.csv"
    progress.write_text(OBSERVATIONS, encoding="utf-8")
    args = ["--programme", str(PLAN_FILE), "--as-of", AS_OF.isoformat()]
    assert main(["status", *args, "--observations", str(progress), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["programme_used"]["key"] == PLAN.key
    targets = {t["key"]: t for t in data["targets"]}
    assert main(["status", *args, "--observations", str(progress), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(out.split("\n", 1)[1]))}
    assert main(["plan", *args, "--format", "csv"]) == 0
    plan_rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.split("\n", 1)[1])))
    plan_units = {r["key"]: r["reporting_value"] + r["reporting_unit"] for r in plan_rows}
    assert main(["status", *args, "--observations", str(progress), "--all"]) == 0
    text = capsys.readouterr().out
    for key, written in WRITTEN.items():
        assert targets[key]["value_text"] == SHOWN[key]
        assert written in targets[key]["reason_zh"]
        assert rows[key]["value_text"] == SHOWN[key]
        assert plan_units[key] == written
        assert written in text, key


def test_the_programme_round_trips_through_json_and_another_process() -> None:
    assert er.from_json(er.to_json(PLAN), er.Programme) == PLAN
    document = json.loads(er.to_json(PLAN))
    capacity = document["categories"][0]["targets"][0]
    assert capacity["reporting_unit"] == "万千瓦"
    script = (
        "import pickle, sys\n"
        "p = pickle.loads(sys.stdin.buffer.read())\n"
        "print(p.target('cold_chain.bases').describe_value())\n"
        "print(p.target('energy.new_capacity').in_reporting_unit(40))\n"
    )
    shown = output_in_fresh_process(script, PLAN)
    assert shown.splitlines() == ["≥ 3个基地", "400000 kW"]
    assert pickle.loads(pickle.dumps(PLAN)) == PLAN


def _fill(path: Path, values: dict[str, object]) -> dict[str, str]:
    """Type ``values`` into the workbook's value cells; return each target's value cell."""
    import openpyxl

    from ezhou_recovery.io.xlsx.forms import TARGET_COLUMNS, TARGETS_SHEET

    fields = [f for f, _ in TARGET_COLUMNS]
    book = openpyxl.load_workbook(path)
    sheet = book[TARGETS_SHEET]
    cells = {}
    for row in range(2, sheet.max_row + 1):
        key = sheet.cell(row=row, column=1).value
        if key in values:
            sheet.cell(row=row, column=fields.index("as_of") + 1).value = AS_OF
            cell = sheet.cell(row=row, column=fields.index("value") + 1)
            cell.value = values[key]
            cells[str(key)] = f"{TARGETS_SHEET}!{cell.coordinate}"
    book.save(path)
    return cells


def test_a_workbook_round_trip_reads_bare_numbers_in_the_plans_units(tmp_path: Path) -> None:
    period = er.quarter_of(AS_OF)
    path = write_reporting_workbook(PLAN, "energy_bureau", tmp_path / "energy.xlsx", period=period)
    import openpyxl

    from ezhou_recovery.io.xlsx.forms import TARGET_COLUMNS, TARGETS_SHEET

    sheet = openpyxl.load_workbook(path)[TARGETS_SHEET]
    unit_column = [f for f, _ in TARGET_COLUMNS].index("unit_zh")
    units = {row[0].value: row[unit_column].value for row in sheet.iter_rows(min_row=2)}
    assert units["energy.new_capacity"] == "万千瓦"
    assert units["energy.gas_storage"] == "亿立方米"
    assert units["energy.reserve_depots"] == "座储备库"
    _fill(path, {"energy.new_capacity": 40, "energy.gas_storage": 1.5})
    filled = read_reporting_workbook(path, PLAN)
    values = {o.target: o.value for o in filled.observations}
    assert values == {
        "energy.new_capacity": er.Q_(Decimal(400_000), "kW"),
        "energy.gas_storage": er.Q_(Decimal(150_000_000), "m**3"),
    }
    assert filled.findings == ()


def test_a_value_ten_thousand_times_off_is_a_finding_naming_the_cell(tmp_path: Path) -> None:
    period = er.quarter_of(AS_OF)
    path = write_reporting_workbook(PLAN, "energy_bureau", tmp_path / "energy.xlsx", period=period)
    cells = _fill(path, {"energy.new_capacity": 400000, "energy.gas_storage": 1.5})
    filled = read_reporting_workbook(path, PLAN)
    (finding,) = filled.findings
    assert finding.where == cells["energy.new_capacity"]
    assert finding.code == "implausible-value"
    assert finding.what == (
        "400000万千瓦 is 8,000 times the target ≥ 50万千瓦: implausible; "
        "was 40万千瓦 (400000千瓦) meant (a slip of 万)?"
    )


def test_strive_targets_can_be_left_out_of_the_accountability_views(
    observations: tuple[er.Observation, ...],
) -> None:
    every = er.assess(PLAN, observations, as_of=AS_OF)
    binding = er.assess(PLAN, observations, as_of=AS_OF, include_strive=False)
    official = {r.key: r.total for r in every.officials}
    assert official["Wang Wu"] == 7
    assert {r.key: r.total for r in binding.officials}["Wang Wu"] == 6
    assert {r.key: r.total for r in binding.departments}["energy_bureau"] == 6
    assert binding.category("energy").total == 7  # the category still lists it


def test_money_reported_for_a_category_without_a_portfolio_counts_in_the_reported_total() -> None:
    reports = (
        er.InvestmentReport("energy", AS_OF, money("30亿元")),
        er.InvestmentReport("cold_chain", AS_OF, money("5亿元")),
    )
    a = er.assess(PLAN, (), as_of=AS_OF, investment=reports)
    assert a.money_total.completed == money("30亿元")
    assert a.money_total.planned_total == money("120亿元")
    assert a.money_total.reported_total == money("35亿元")


def test_the_columnar_reader_reads_bare_numbers_in_the_plans_units(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    path = tmp_path / "progress.csv"
    path.write_text(OBSERVATIONS, encoding="utf-8")
    table = er.load_observations(path, PLAN, columnar=True)
    objects = er.load_observations(path, PLAN)
    assert [table.observation(i) for i in range(len(table))] == list(objects)
    rate = next(i for i, o in enumerate(objects) if o.target == "cold_chain.transport_rate")
    assert table.observation(rate).quality is Quality.ESTIMATE  # 77%左右
    by_table = er.assess(PLAN, table, as_of=AS_OF)
    by_objects = er.assess(PLAN, objects, as_of=AS_OF, columnar=False)
    assert [r.value for r in by_table.results] == [r.value for r in by_objects.results]
    assert by_table.target("energy.new_capacity").value == er.Q_(Decimal(400_000), "kW")


def test_compliance_output_names_the_unassigned_category(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "submissions.csv"
    empty.write_text("obligation,department,period,submitted_at\n", encoding="utf-8")
    args = ["compliance", "--programme", str(PLAN_FILE), "--submissions", str(empty)]
    assert main([*args, "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unassigned"] == [
        {"category": "water", "missing": "leading official 分管领导 and lead department 牵头部门"}
    ]
    assert main([*args, "--as-of", AS_OF.isoformat()]) == 0
    assert "Unassigned 未明确责任: water has no leading official" in capsys.readouterr().out
    assert str(PLAN.target("energy.wind_power")).startswith("energy.wind_power: 争取新增风电")


def test_each_reader_warns_of_a_value_ten_thousand_times_off(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    pytest.importorskip("pyarrow")
    from ezhou_recovery.io import _arrow
    from ezhou_recovery.io.observation_columns import observation_table_from_csv

    path = tmp_path / "progress.csv"
    path.write_text("target,as_of,value\nenergy.new_capacity,2022-06-30,400000\n", encoding="utf-8")
    expected = (
        f"{path}: row 2.value: 400000万千瓦 is 8,000 times the target ≥ 50万千瓦: implausible; "
        "was 40万千瓦 (400000千瓦) meant (a slip of 万)?"
    )
    readers = (
        lambda: er.load_observations(path, PLAN),
        lambda: observation_table_from_csv(path, PLAN),  # the columnar reader without pyarrow
        lambda: _arrow.observations_file(path, PLAN),  # pyarrow's, for a large file
    )
    for read in readers:
        with pytest.warns(ImplausibleValueWarning) as caught:
            read()
        assert [str(w.message) for w in caught] == [expected]
