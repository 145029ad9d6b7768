"""Reading filled reporting workbooks back, and the report workbook for the supervising office."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.xlsx import forms as wb
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook
from ezhou_recovery.io.xlsx.report import REPORT_SHEETS, write_report_workbook

Q2 = er.quarter_of(date(2021, 5, 1))
TARGETS = wb.TARGETS_SHEET
INVEST = wb.INVESTMENT_SHEET
COL = {
    field: openpyxl.utils.get_column_letter(i) for i, (field, _) in enumerate(wb.TARGET_COLUMNS, 1)
}
ICOL = {
    field: openpyxl.utils.get_column_letter(i)
    for i, (field, _) in enumerate(wb.INVESTMENT_COLUMNS, 1)
}


@pytest.fixture(scope="module")
def plan() -> er.Programme:
    return er.load_ezhou_plan()


@pytest.fixture
def blank(plan: er.Programme, tmp_path: Path) -> Path:
    return write_reporting_workbook(plan, "transport_bureau", tmp_path / "t.xlsx", period=Q2)


def row_of(book: openpyxl.Workbook, sheet: str, key: str) -> int:
    for row in range(2, book[sheet].max_row + 1):
        if book[sheet].cell(row=row, column=1).value == key:
            return row
    raise AssertionError(key)


def fill(
    path: Path, cells: dict[tuple[str, str], object], fmt: dict[tuple[str, str], str] | None = None
) -> Path:
    book = openpyxl.load_workbook(path)
    for (sheet, ref), value in cells.items():
        book[sheet][ref] = value
    for (sheet, ref), number_format in (fmt or {}).items():
        book[sheet][ref].number_format = number_format
    book.save(path)
    return path


def test_round_trip_write_fill_read_assess(plan: er.Programme, blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    roads = row_of(book, TARGETS, "transport.rural_roads")
    share = row_of(book, TARGETS, "transport.trunk_road_grade_ii_share")
    milestone = row_of(book, TARGETS, "transport.multimodal_demonstration")
    qualitative = row_of(book, TARGETS, "transport.collection_distribution_system")
    waterway = row_of(book, TARGETS, "transport.high_grade_waterway")
    money_row = row_of(book, INVEST, "transport")
    about = {c.value: c.row for c in book[wb.ABOUT_SHEET]["A"] if c.value}
    fill(
        blank,
        {
            (TARGETS, f"{COL['as_of']}{roads}"): datetime(2021, 6, 30),
            (TARGETS, f"{COL['value']}{roads}"): 32.4,  # a float from the spreadsheet
            (TARGETS, f"{COL['source']}{roads}"): "市交通运输局",
            (TARGETS, f"{COL['as_of']}{share}"): "2021-06-30",
            (TARGETS, f"{COL['value']}{share}"): 75,  # bare number: 75%
            (TARGETS, f"{COL['as_of']}{milestone}"): datetime(2021, 6, 30),
            (TARGETS, f"{COL['value']}{milestone}"): "否",
            (TARGETS, f"{COL['as_of']}{qualitative}"): datetime(2021, 6, 30),
            (TARGETS, f"{COL['value']}{qualitative}"): "推进中",
            (TARGETS, f"{COL['as_of']}{waterway}"): datetime(2021, 6, 30),
            (TARGETS, f"{COL['value']}{waterway}"): "72600米",
            (INVEST, f"{ICOL['as_of']}{money_row}"): datetime(2021, 6, 30),
            (INVEST, f"{ICOL['completed_yi_yuan']}{money_row}"): 120.35,
            (wb.ABOUT_SHEET, f"B{about['submitted_on']}"): datetime(2021, 6, 24),
        },
    )
    filled = read_reporting_workbook(blank, plan)
    assert filled.department == "transport_bureau"
    assert filled.period == Q2
    values = {o.target: o.value for o in filled.observations}
    assert values["transport.rural_roads"] == er.Q_(Decimal("32.4"), "km")
    assert values["transport.rural_roads"].magnitude == Decimal("32.4")
    assert values["transport.trunk_road_grade_ii_share"] == er.Q_(Decimal(75), "percent")
    assert values["transport.multimodal_demonstration"] is False
    assert values["transport.collection_distribution_system"] is QualitativeLevel.IN_PROGRESS
    assert values["transport.high_grade_waterway"].to("km").magnitude == Decimal("72.6")
    assert [o.source for o in filled.observations if o.target == "transport.rural_roads"] == [
        "市交通运输局"
    ]
    assert len(filled.observations) == 5  # empty rows report nothing
    (report,) = filled.investment
    assert report.completed.magnitude == Decimal("120.35")
    assert filled.submission is not None
    assert filled.submission.received_on == date(2021, 6, 24)

    a = er.assess(plan, filled.observations, as_of=date(2021, 6, 30), investment=filled.investment)
    assert a.target("transport.rural_roads").value == values["transport.rural_roads"]
    assert a.money_for("transport").completed == report.completed
    c = er.compliance(plan, [filled.submission], date(2021, 7, 1))
    st_ = c.status("quarterly_progress/-/transport_bureau/2021Q2")
    assert st_.status is er.ReportStatus.ON_TIME


def test_a_percent_formatted_cell_reads_as_percent(plan: er.Programme, blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    share = row_of(book, TARGETS, "transport.trunk_road_grade_ii_share")
    ref = f"{COL['value']}{share}"
    fill(
        blank,
        {(TARGETS, f"{COL['as_of']}{share}"): datetime(2021, 6, 1), (TARGETS, ref): 0.755},
        {(TARGETS, ref): "0.0%"},
    )
    (obs,) = read_reporting_workbook(blank, plan).observations
    assert obs.value == er.Q_(Decimal("75.5"), "percent")


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_numbers_come_back_exact(number: Decimal) -> None:
    # The reader turns the float a spreadsheet stores into the decimal its shortest text shows.
    from ezhou_recovery.io.xlsx.reading import _number

    class FakeCell:
        value = float(number)
        number_format = "General"

    assert _number(FakeCell()) == Decimal(str(float(number)))  # type: ignore[arg-type]
    assert _number(FakeCell()) == number  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("value", "abc", "transport.rural_roads"),
        ("value", "12公斤", "transport.rural_roads"),
        ("as_of", "30/06/2021", "expected a date"),
        ("as_of", datetime(2021, 7, 2), "outside the period 2021Q2"),
    ],
)
def test_each_read_error_names_the_sheet_and_cell(
    plan: er.Programme, blank: Path, field: str, value: object, problem: str
) -> None:
    book = openpyxl.load_workbook(blank)
    roads = row_of(book, TARGETS, "transport.rural_roads")
    cells: dict[tuple[str, str], object] = {
        (TARGETS, f"{COL['as_of']}{roads}"): datetime(2021, 6, 30),
        (TARGETS, f"{COL['value']}{roads}"): 30,
    }
    cells[(TARGETS, f"{COL[field]}{roads}")] = value
    fill(blank, cells)
    with pytest.raises(er.LoadError) as info:
        read_reporting_workbook(blank, plan)
    err = info.value
    assert err.path == f"{TARGETS}!{COL[field]}{roads}"
    assert problem in err.problem
    assert str(blank) in str(err)
    assert err.path in str(err)


def test_a_value_without_a_date_names_the_date_cell(plan: er.Programme, blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    roads = row_of(book, TARGETS, "transport.rural_roads")
    fill(blank, {(TARGETS, f"{COL['value']}{roads}"): 30})
    with pytest.raises(er.LoadError) as info:
        read_reporting_workbook(blank, plan)
    assert info.value.path == f"{TARGETS}!{COL['as_of']}{roads}"


def test_investment_and_about_errors_name_their_cells(plan: er.Programme, blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    money_row = row_of(book, INVEST, "transport")
    fill(
        blank,
        {
            (INVEST, f"{ICOL['as_of']}{money_row}"): datetime(2021, 6, 30),
            (INVEST, f"{ICOL['completed_yi_yuan']}{money_row}"): "很多",
        },
    )
    with pytest.raises(er.LoadError) as info:
        read_reporting_workbook(blank, plan)
    assert info.value.path == f"{INVEST}!{ICOL['completed_yi_yuan']}{money_row}"
    assert info.value.value == "很多"
    fill(blank, {(wb.ABOUT_SHEET, "B2"): 2})
    with pytest.raises(er.LoadError) as info:
        read_reporting_workbook(blank, plan)
    assert info.value.path == f"{wb.ABOUT_SHEET}!B2"


def test_unknown_target_key_and_changed_header(plan: er.Programme, blank: Path) -> None:
    fill(blank, {(TARGETS, "A3"): "transport.nowhere"})
    with pytest.raises(er.LoadError, match="not a target") as info:
        read_reporting_workbook(blank, plan)
    assert info.value.path == f"{TARGETS}!A3"
    fill(blank, {(TARGETS, "A3"): "transport.rural_roads", (TARGETS, "J1"): "Wert"})
    with pytest.raises(er.LoadError, match="header") as info:
        read_reporting_workbook(blank, plan)
    assert info.value.path == f"{TARGETS}!J1"


def test_not_a_workbook(plan: er.Programme, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("no")
    with pytest.raises(er.LoadError, match="not an xlsx workbook"):
        read_reporting_workbook(bad, plan)
    with pytest.raises(er.LoadError, match="no such file"):
        read_reporting_workbook(tmp_path / "missing.xlsx", plan)


def test_report_workbook_sheets_and_exact_money(plan: er.Programme, tmp_path: Path) -> None:
    a = er.assess(
        plan,
        example_observations(),
        as_of=date(2021, 6, 30),
        investment=example_investment_reports(),
    )
    c = er.compliance(plan, example_submissions(), date(2021, 7, 15))
    path = write_report_workbook(a, c, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    assert tuple(book.sheetnames) == REPORT_SHEETS
    targets = book["目标 Targets"]
    assert targets["A1"].value == "键 Key"
    keys = [targets.cell(row=r, column=1).value for r in range(2, targets.max_row + 1)]
    assert keys == [r.key for r in a.overall.worst]
    money = book["投资 Investment"]
    header = [cell.value for cell in money[1]]
    col = header.index("累计完成（亿元） Completed (100 million yuan)") + 1
    rows = {
        money.cell(row=r, column=1).value: money.cell(row=r, column=col).value
        for r in range(2, money.max_row + 1)
    }
    assert Decimal(str(rows["public_health"])) == a.money_for("public_health").completed.magnitude
    deadlines = book["报送 Deadlines"]
    assert deadlines.max_row - 1 == len(c.statuses)
    laggards = book["滞后单位 Laggards"]
    assert laggards.max_row - 1 == len(c.laggards)
