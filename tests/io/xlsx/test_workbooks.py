"""Quarterly reporting workbooks: structure that can be read back, per lead department."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import ezhou_recovery as er
from ezhou_recovery.io.xlsx import forms as wb
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook, write_reporting_workbooks

SAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "small_programme.toml"
Q2 = er.quarter_of(date(2021, 5, 1))


@pytest.fixture(scope="module")
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


@pytest.fixture
def book(sample: er.Programme, tmp_path: Path) -> openpyxl.Workbook:
    path = write_reporting_workbook(sample, "transport_bureau", tmp_path / "t.xlsx", period=Q2)
    return openpyxl.load_workbook(path)


def about(book: openpyxl.Workbook) -> dict[str, object]:
    sheet = book[wb.ABOUT_SHEET]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}


def test_sheets_and_version_cells(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [wb.ABOUT_SHEET, wb.TARGETS_SHEET, wb.INVESTMENT_SHEET]
    sheet = book[wb.ABOUT_SHEET]
    assert (sheet["A1"].value, sheet["B1"].value) == ("format", wb.WORKBOOK_FORMAT)
    assert (sheet["A2"].value, sheet["B2"].value) == ("format_version", wb.WORKBOOK_FORMAT_VERSION)
    info = about(book)
    assert info["programme"] == "sample_county_2021_2023"
    assert info["department"] == "transport_bureau"
    assert info["period"] == "2021Q2"
    assert info["period_start"] == datetime(2021, 4, 1)
    assert info["due"] == datetime(2021, 6, 25)
    assert info["categories"] == "transport"


def test_targets_sheet_lists_the_department_s_targets(
    book: openpyxl.Workbook, sample: er.Programme
) -> None:
    sheet = book[wb.TARGETS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [label for _, label in wb.TARGET_COLUMNS]
    fields = [field for field, _ in wb.TARGET_COLUMNS]
    records = [dict(zip(fields, row, strict=True)) for row in rows[1:]]
    assert [r["key"] for r in records] == [t.key for t in sample.category("transport").targets]
    assert records[0]["unit"] == "kilometer"
    assert records[0]["unit_zh"] == "公里"
    for r in records:
        assert (r["as_of"], r["value"], r["source"], r["note"]) == (None, None, None, None)
    assert sheet.column_dimensions["A"].hidden
    assert sheet.column_dimensions["B"].hidden
    # The cells to fill are marked and the date cells are dates.
    as_of = fields.index("as_of") + 1
    assert sheet.cell(row=2, column=as_of).fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.cell(row=2, column=as_of).number_format == "yyyy-mm-dd"


def test_investment_sheet_has_category_and_projects(
    book: openpyxl.Workbook, sample: er.Programme
) -> None:
    sheet = book[wb.INVESTMENT_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [label for _, label in wb.INVESTMENT_COLUMNS]
    assert "亿元" in str(rows[0][4])
    subjects = [r[0] for r in rows[1:]]
    transport = sample.category("transport")
    assert subjects == ["transport", *(p.key for p in transport.projects)]
    assert Decimal(str(rows[1][4])) == Decimal("12.5")
    assert Decimal(str(rows[2][4])) == Decimal("3.2")
    assert sheet.column_dimensions["A"].hidden


def test_filled_cells_survive_a_round_trip(book: openpyxl.Workbook, tmp_path: Path) -> None:
    sheet = book[wb.TARGETS_SHEET]
    fields = [field for field, _ in wb.TARGET_COLUMNS]
    sheet.cell(row=2, column=fields.index("as_of") + 1, value=date(2021, 6, 30))
    sheet.cell(row=2, column=fields.index("value") + 1, value=12.5)
    sheet.cell(row=2, column=fields.index("source") + 1, value="县交通运输局")
    path = tmp_path / "filled.xlsx"
    book.save(path)
    again = openpyxl.load_workbook(path)[wb.TARGETS_SHEET]
    row = dict(zip(fields, next(again.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["key"] == "transport.rural_roads"
    assert row["as_of"] == datetime(2021, 6, 30)
    assert row["value"] == 12.5
    assert row["source"] == "县交通运输局"


def test_one_workbook_per_lead_department(sample: er.Programme, tmp_path: Path) -> None:
    paths = write_reporting_workbooks(sample, tmp_path / "out", period=Q2)
    leads = list(dict.fromkeys(d.key for c in sample.categories for d in c.lead_departments))
    assert [p.name for p in paths] == [f"{sample.key}_{k}_2021Q2.xlsx" for k in leads]
    for path, key in zip(paths, leads, strict=True):
        assert about(openpyxl.load_workbook(path))["department"] == key


def test_a_department_that_leads_nothing_is_refused(sample: er.Programme, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="finance_bureau"):
        write_reporting_workbook(sample, "finance_bureau", tmp_path / "x.xlsx", period=Q2)
    assert not (tmp_path / "x.xlsx").exists()
