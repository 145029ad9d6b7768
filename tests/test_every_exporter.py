"""Every value a loader accepts goes through every exporter: text, HTML, frames, CSV, JSON, xlsx and
charts. Values are drawn from the whole range a value may have (``extreme_decimals``)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import matplotlib
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.cli import EXIT_OK, main
from ezhou_recovery.display import charts
from ezhou_recovery.display.frames import observations_frame
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook
from ezhou_recovery.io.xlsx.report import write_report_workbook
from ezhou_recovery.strategies import extreme_decimals
from ezhou_recovery.units import magnitude_problem

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"
PLAN = er.load_programme(SAMPLE)
AS_OF = date(2021, 12, 31)
QUANTITATIVE = [t for t in PLAN.targets if t.value is not None]
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _plain(number: Decimal) -> str:
    return format(number, "f")


def _files(tmp: Path, target: er.Target, value: Decimal, amount: Decimal) -> tuple[Path, Path]:
    unit = er.format_quantity(er.Q_(Decimal(1), target.unit)).removeprefix("1")
    observations = tmp / "o.csv"
    observations.write_text(
        f"target,as_of,value\n{target.key},2021-06-30,{_plain(value)}{unit}\n", encoding="utf-8"
    )
    investment = tmp / "i.csv"
    subject = PLAN.categories[0].key
    investment.write_text(
        f"subject,as_of,completed\n{subject},2021-06-30,{_plain(amount)}亿元\n", encoding="utf-8"
    )
    return observations, investment


def _export_all(assessment: er.Assessment, tmp: Path) -> None:
    assert str(assessment)
    assert "<" in assessment._repr_html_()
    for result in assessment.results:
        assert str(result)
        assert result._repr_html_()
    assert len(assessment.to_frame()) == len(assessment.results)
    assert len(assessment.rollups_frame()) >= 1
    report = write_report_workbook(assessment, er.compliance(PLAN, [], AS_OF), tmp / "report.xlsx")
    assert openpyxl.load_workbook(report).sheetnames
    for figure in (charts.attainment_chart(assessment), charts.investment_chart(assessment)):
        plt.close(figure)


def _cli(capsys: pytest.CaptureFixture[str], observations: Path, investment: Path) -> None:
    for fmt in ("text", "csv", "json"):
        argv = ["status", "--programme", str(SAMPLE), "--as-of", AS_OF.isoformat()]
        argv += ["--observations", str(observations), "--investment", str(investment)]
        assert main([*argv, "--format", fmt]) == EXIT_OK
        out = capsys.readouterr().out
        if fmt == "json":
            json.loads(out)


@SETTINGS
@given(target=st.sampled_from(QUANTITATIVE), value=extreme_decimals(), amount=extreme_decimals())
def test_every_accepted_value_goes_through_every_exporter(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    target: er.Target,
    value: Decimal,
    amount: Decimal,
) -> None:
    assert magnitude_problem(value) is None
    tmp = tmp_path_factory.mktemp("exports")
    observations, investment = _files(tmp, target, value, amount)
    read = er.load_observations(observations, PLAN)
    assert read[0].value.magnitude == value
    table = er.load_observations(observations, PLAN, columnar=True)
    reports = er.load_investment_reports(investment, PLAN)
    assessment = er.assess(PLAN, read, as_of=AS_OF, investment=reports)
    assert er.assess(PLAN, table, as_of=AS_OF, investment=reports).results == assessment.results
    _export_all(assessment, tmp)
    frame = observations_frame(read)
    assert frame["value"].iloc[0] == value
    _cli(capsys, observations, investment)


def test_the_edges_of_the_range_are_accepted_and_just_beyond_refused(tmp_path: Path) -> None:
    target = QUANTITATIVE[0]
    for fine in ("999999999999999.999", "0.000000000000000000000000000001"):
        path, _ = _files(tmp_path, target, Decimal(fine), Decimal(1))
        assert er.load_observations(path, PLAN)
    for beyond, problem in (
        ("1000000000000000", "below 10\\^15"),
        ("1.0000000000000000001", "at most 18 significant digits"),
        ("0.0000000000000000000000000000001", "no digit below 10\\^-30"),
    ):
        path, _ = _files(tmp_path, target, Decimal(beyond), Decimal(1))
        with pytest.raises(er.LoadError, match=problem):
            er.load_observations(path, PLAN)


@pytest.mark.parametrize("number", [1e15, 10**15, Decimal("1E+15"), 1e-31])
def test_json_numbers_python_numbers_and_spreadsheet_numbers_follow_the_same_rule(
    tmp_path: Path, number: object
) -> None:
    target = QUANTITATIVE[0]
    with pytest.raises(er.UnitError, match="beyond the range"):
        er.Observation.for_target(target, date(2021, 6, 30), number)
    path = tmp_path / "o.json"
    path.write_text(
        json.dumps([{"target": target.key, "as_of": "2021-06-30", "value": float(number)}]),  # type: ignore[arg-type]
        encoding="utf-8",
    )
    with pytest.raises(er.LoadError, match="beyond the range"):
        er.load_observations(path, PLAN)


def test_a_spreadsheet_number_follows_the_same_rule(tmp_path: Path) -> None:
    plan = er.load_ezhou_plan()
    path = write_reporting_workbook(
        plan, "transport_bureau", tmp_path / "t.xlsx", period=er.quarter_of(date(2021, 5, 1))
    )
    book = openpyxl.load_workbook(path)
    sheet = book["目标 Targets"]
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "transport.rural_roads"
    )
    sheet.cell(row, 9).value = "2021-06-30"
    sheet.cell(row, 10).value = 1e29
    book.save(path)
    with pytest.raises(er.LoadError, match=rf"J{row}: .*beyond the range"):
        read_reporting_workbook(path, plan)


@SETTINGS
@given(value=extreme_decimals())
def test_an_extreme_target_value_goes_through_every_programme_exporter(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], value: Decimal
) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'value = "60公里"', f'value = "{_plain(value)}公里"', 1
    )
    tmp = tmp_path_factory.mktemp("plan")
    path = tmp / "p.toml"
    path.write_text(text, encoding="utf-8")
    plan = er.load_programme(path)
    assert plan.target("transport.rural_roads").value.magnitude == value
    assert er.from_json(er.to_json(plan), er.Programme) == plan
    assert str(plan)
    assert plan._repr_html_()
    department = plan.categories[0].lead_departments[0].key
    write_reporting_workbook(
        plan, department, tmp / "r.xlsx", period=er.quarter_of(date(2021, 5, 1))
    )
    for fmt in ("text", "csv", "json"):
        assert main(["plan", "--programme", str(path), "--format", fmt]) == EXIT_OK
    capsys.readouterr()
