"""Smaller holes: duplicate JSON keys, submission times in China time, full-width dates, and the
reporting workbook's About sheet checked on read-back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

import ezhou_recovery as er
from ezhou_recovery.io.xlsx import forms as wb
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook

ROOT = Path(__file__).resolve().parent.parent
PLAN = er.load_ezhou_plan()
Q2 = er.quarter_of(date(2021, 5, 1))


def test_a_duplicate_json_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    text = er.to_json(er.load_programme(ROOT / "docs" / "examples" / "small_programme.toml"))
    path.write_text(text.replace('"key":', '"key": "x", "key":', 1), encoding="utf-8")
    with pytest.raises(er.LoadError, match="the key 'key' appears twice"):
        er.load_programme(path)
    observations = tmp_path / "o.json"
    observations.write_text(
        '[{"target": "transport.rural_roads", "as_of": "2021-06-30", "value": "5", '
        '"value": "500"}]',
        encoding="utf-8",
    )
    with pytest.raises(er.LoadError, match="the key 'value' appears twice"):
        er.load_observations(observations, PLAN)


def _submissions(tmp_path: Path, at: str) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(
        f"obligation,department,period,submitted_at\nquarterly_progress,transport_bureau,2021Q2,{at}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("at", ["1900-01-01T00:00+14:00", "2199-12-31T23:00-10:00"])
def test_submitted_at_is_range_checked_in_china_time(tmp_path: Path, at: str) -> None:
    with pytest.raises(er.LoadError, match=r"row 2\.submitted_at: .*outside the years"):
        er.load_submissions(_submissions(tmp_path, at), PLAN)


def test_submitted_at_from_python_is_range_checked_in_china_time() -> None:
    early = datetime(1900, 1, 1, tzinfo=timezone(timedelta(hours=14)))
    with pytest.raises(er.InvariantError, match="in China time, outside the years"):
        er.Submission("quarterly_progress", "transport_bureau", early, period="2021Q2")
    with pytest.raises(er.InvariantError, match="outside the years"):
        er.Submission("quarterly_progress", "transport_bureau", date(1899, 12, 31))
    inside = datetime(1900, 1, 1, 12, tzinfo=timezone(timedelta(hours=8)))
    assert er.Submission("quarterly_progress", "transport_bureau", inside).submitted_at == inside


def test_full_width_dates_are_read(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "target,as_of,value\ntransport.rural_roads,２０２１－０６－３０,5\n", encoding="utf-8"
    )
    (observation,) = er.load_observations(path, PLAN)
    assert observation.as_of == date(2021, 6, 30)
    assert er.load_observations(path, PLAN, columnar=True).observation(0) == observation
    (submission,) = er.load_submissions(
        _submissions(tmp_path, "２０２１－０７－０５Ｔ１０：００＋０８：００"), PLAN
    )
    assert submission.received_on == date(2021, 7, 5)


def test_other_digits_in_dates_say_how_dates_are_written(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    arabic_indic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in "2021-06-30")
    path.write_text(
        f"target,as_of,value\ntransport.rural_roads,{arabic_indic},5\n", encoding="utf-8"
    )
    with pytest.raises(er.LoadError, match="expected a date written YYYY-MM-DD"):
        er.load_observations(path, PLAN)


# The About sheet --------------------------------------------------------------------------------


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return write_reporting_workbook(PLAN, "transport_bureau", tmp_path / "t.xlsx", period=Q2)


def _about_cell(path: Path, field: str) -> tuple[openpyxl.Workbook, openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    sheet = book[wb.ABOUT_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == field)
    return book, sheet.cell(row, 2)


def test_a_swapped_department_is_an_error(blank: Path) -> None:
    other = next(
        d.key
        for c in PLAN.categories
        for d in c.lead_departments
        if d.key != "transport_bureau"
        and "transport_bureau" not in {x.key for x in c.lead_departments}
    )
    book, cell = _about_cell(blank, "department")
    cell.value = other
    book.save(blank)
    with pytest.raises(
        er.LoadError, match=rf"{wb.ABOUT_SHEET}!B\d+: the department '{other}' is named"
    ):
        read_reporting_workbook(blank, PLAN)
    book, cell = _about_cell(blank, "department_zh")
    cell.value = next(d.name_zh for d in PLAN.departments if d.key == other)
    book.save(blank)
    with pytest.raises(er.LoadError, match=f"not a target of the categories {other} leads"):
        read_reporting_workbook(blank, PLAN)


@pytest.mark.parametrize("version", [True, "1", 2])
def test_the_format_version_must_be_the_whole_number_1(blank: Path, version: object) -> None:
    book, cell = _about_cell(blank, "format_version")
    cell.value = version
    book.save(blank)
    with pytest.raises(er.LoadError, match="this library reads version 1"):
        read_reporting_workbook(blank, PLAN)


def test_the_period_is_checked(blank: Path) -> None:
    book, cell = _about_cell(blank, "period_end")
    cell.value = "2020-01-01"
    book.save(blank)
    with pytest.raises(er.LoadError, match=rf"{wb.ABOUT_SHEET}!B\d+"):
        read_reporting_workbook(blank, PLAN)


def test_the_unchanged_workbook_reads(blank: Path) -> None:
    filled = read_reporting_workbook(blank, PLAN)
    assert filled.department == "transport_bureau"
    assert filled.period == Q2
    assert json.dumps([o.target for o in filled.observations]) == "[]"
