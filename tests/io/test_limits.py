"""Bounded work: every reader refuses input beyond a limit, names it, and runs pathological input in
bounded time. Each pathological input runs under an absolute cap of one second."""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import ezhou_recovery as er
from ezhou_recovery.evidence.table import ObservationTable
from ezhou_recovery.io.limits import Limits, current_limits, raised_limits
from ezhou_recovery.io.xlsx import forms as wb
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook

ROOT = Path(__file__).resolve().parents[2]
PLAN = er.load_ezhou_plan()
Q2 = er.quarter_of(date(2021, 5, 1))
ROAD = "transport.rural_roads"
CAP_SECONDS = 1.0


@contextmanager
def under_cap() -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < CAP_SECONDS, f"took {elapsed:.2f} s"


def observations_csv(tmp_path: Path, value: str, name: str = "o.csv") -> Path:
    path = tmp_path / name
    cell = '"' + value.replace('"', '""') + '"'
    path.write_text(f"target,as_of,value\n{ROAD},2021-06-30,{cell}\n", encoding="utf-8")
    return path


OBSERVATION_READERS: dict[str, Callable[[Path], object]] = {
    "per object": lambda p: er.load_observations(p, PLAN),
    "columnar": lambda p: er.load_observations(p, PLAN, columnar=True),
}

# The limits -------------------------------------------------------------------------------------


def test_defaults_sit_well_above_real_use() -> None:
    limits = current_limits()
    assert limits == Limits()
    assert (
        limits.max_rows >= 10 * 10**6
    )  # a province's file of a million rows passes ten times over
    assert limits.max_text == 131_072
    assert limits.max_xlsx_bytes >= 2**30


def test_raised_limits_hold_inside_the_block_only() -> None:
    with raised_limits(max_rows=5) as limits:
        assert current_limits() is limits
        assert limits.max_rows == 5
    assert current_limits().max_rows == Limits().max_rows
    with pytest.raises(ValueError, match="1 or more"), raised_limits(max_rows=0):
        pass  # pragma: no cover
    with pytest.raises(TypeError), raised_limits(max_cells=5):
        pass  # pragma: no cover


# Pathological texts in every loader -------------------------------------------------------------


@pytest.mark.parametrize("reader", OBSERVATION_READERS.values(), ids=OBSERVATION_READERS)
@pytest.mark.parametrize("value", ["12 m**9**9**9", "1" + " " * 4000 + "x\ny"])
def test_pathological_unit_text_in_a_csv_row(
    tmp_path: Path, reader: Callable[[Path], object], value: str
) -> None:
    path = observations_csv(tmp_path, value)
    with under_cap(), pytest.raises(er.LoadError, match=r"row 2\.value"):
        reader(path)


def test_pathological_unit_text_in_a_toml_target(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "examples" / "small_programme.toml").read_text(encoding="utf-8")
    start = text.index("value = ", text.index("[[categories.targets]]"))
    end = text.index("\n", start)
    path = tmp_path / "p.toml"
    path.write_text(text[:start] + 'value = "12 m**9**9**9"' + text[end:], encoding="utf-8")
    with under_cap(), pytest.raises(er.LoadError, match="a power must be a number"):
        er.load_programme(path)


def test_pathological_unit_text_in_a_workbook_cell(tmp_path: Path) -> None:
    path = write_reporting_workbook(PLAN, "transport_bureau", tmp_path / "t.xlsx", period=Q2)
    book = openpyxl.load_workbook(path)
    sheet = book[wb.TARGETS_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == ROAD)
    sheet.cell(row, 9).value = "2021-06-30"
    sheet.cell(row, 10).value = "12 m**9**9**9"
    book.save(path)
    with under_cap(), pytest.raises(er.LoadError, match=rf"{wb.TARGETS_SHEET}!J{row}"):
        read_reporting_workbook(path, PLAN)


# A cell over the CSV module's bound -------------------------------------------------------------

LONG = "x" * 131_073


def _investment_csv(tmp_path: Path) -> Path:
    path = tmp_path / "i.csv"
    path.write_text(f"subject,as_of,completed\ntransport,2021-06-30,{LONG}\n", encoding="utf-8")
    return path


def _submissions_csv(tmp_path: Path) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(
        f"obligation,department,period,submitted_at,note\nq,d,2021Q2,2021-07-05,{LONG}\n",
        encoding="utf-8",
    )
    return path


CSV_LOADERS: dict[str, tuple[Callable[[Path], Path], Callable[[Path], object]]] = {
    "observations": (lambda t: observations_csv(t, LONG), OBSERVATION_READERS["per object"]),
    "observations columnar": (lambda t: observations_csv(t, LONG), OBSERVATION_READERS["columnar"]),
    "investment": (_investment_csv, lambda p: er.load_investment_reports(p, PLAN)),
    "submissions": (_submissions_csv, lambda p: er.load_submissions(p, PLAN)),
}


@pytest.mark.parametrize("case", CSV_LOADERS.values(), ids=CSV_LOADERS)
def test_a_csv_cell_beyond_the_text_limit_is_a_load_error_on_every_loader(
    tmp_path: Path, case: tuple[Callable[[Path], Path], Callable[[Path], object]]
) -> None:
    write, load = case
    path = write(tmp_path)
    with under_cap(), pytest.raises(er.LoadError, match=r"row 2: .*max_text=131_072") as error:
        load(path)
    assert "raised_limits(max_text=...)" in str(error.value)


def test_a_raised_text_limit_reads_the_long_cell(tmp_path: Path) -> None:
    path = observations_csv(tmp_path, "1" + " " * 200_000 + "公里")
    with raised_limits(max_text=300_000):
        (observation,) = er.load_observations(path, PLAN)
    assert observation.value == er.Q_(1, "km")
    with pytest.raises(er.LoadError, match="max_text"):
        er.load_observations(path, PLAN)  # the default applies again after the block


@pytest.mark.parametrize("reader", OBSERVATION_READERS.values(), ids=OBSERVATION_READERS)
def test_rows_and_columns_beyond_the_limits(
    tmp_path: Path, reader: Callable[[Path], object]
) -> None:
    path = tmp_path / "o.csv"
    rows = "".join(f"{ROAD},2021-06-{day:02},{day}\n" for day in range(1, 21))
    path.write_text("target,as_of,value\n" + rows, encoding="utf-8")
    with raised_limits(max_rows=19), pytest.raises(er.LoadError, match=r"row 21: .*max_rows"):
        reader(path)
    with raised_limits(max_rows=20):
        reader(path)
    with (
        raised_limits(max_columns=2),
        pytest.raises(er.LoadError, match=r"row 1: .*max_columns"),
    ):
        reader(path)


def test_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = observations_csv(tmp_path, "5")
    with raised_limits(max_file_bytes=10), pytest.raises(er.LoadError, match="max_file_bytes"):
        er.load_observations(path, PLAN)
    json_path = tmp_path / "p.json"
    json_path.write_text(json.dumps({"format": "x"}), encoding="utf-8")
    with raised_limits(max_file_bytes=10), pytest.raises(er.LoadError, match="max_file_bytes"):
        er.load_programme(json_path)


# Workbooks --------------------------------------------------------------------------------------


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return write_reporting_workbook(PLAN, "transport_bureau", tmp_path / "t.xlsx", period=Q2)


def test_a_workbook_with_one_far_cell_reads_in_bounded_time(blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    book[wb.TARGETS_SHEET]["Z1048576"] = "far away"
    book[wb.TARGETS_SHEET]["L1048576"] = "a note far down"
    book.save(blank)
    assert blank.stat().st_size < 64_000
    with under_cap(), pytest.raises(er.LoadError, match="A1048576: not a target"):
        read_reporting_workbook(blank, PLAN)


def test_a_sheet_beyond_the_row_limit(blank: Path) -> None:
    with raised_limits(max_rows=5), pytest.raises(er.LoadError, match=r"A7: .*max_rows"):
        read_reporting_workbook(blank, PLAN)


def _bomb(path: Path, unpacked: int) -> Path:
    """A workbook whose first sheet's part unpacks to ``unpacked`` bytes (mostly spaces)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/"))
    xml = parts[name]
    parts[name] = xml.replace(b"<sheetData>", b"<sheetData>" + b" " * unpacked, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(blank: Path) -> None:
    bomb = _bomb(blank, 20_000_000)
    assert bomb.stat().st_size < 200_000
    with (
        under_cap(),
        raised_limits(max_xlsx_bytes=10_000_000),
        pytest.raises(er.LoadError, match=r"bytes when unpacked: .*max_xlsx_bytes=10_000_000"),
    ):
        read_reporting_workbook(bomb, PLAN)


def test_a_workbook_text_cell_beyond_the_text_limit(blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    book[wb.TARGETS_SHEET]["K2"] = "y" * 2000
    book.save(blank)
    with raised_limits(max_text=1000), pytest.raises(er.LoadError, match=r"K2: .*max_text"):
        read_reporting_workbook(blank, PLAN)


# Columnar assessment ----------------------------------------------------------------------------


def _table(repeats: bool, n: int = 100_000) -> ObservationTable:
    targets = [t for t in PLAN.targets if t.kind in {er.TargetKind.LEVEL, er.TargetKind.CUMULATIVE}]
    start = date(2020, 1, 1).toordinal()
    made: dict[tuple[int, int], er.Observation] = {}
    observations = []
    for row in range(n):
        which = row % len(targets)
        day = 0 if repeats else (row // len(targets)) % 1000
        found = made.get((which, day))
        if found is None:
            target = targets[which]
            value = er.Q_(Decimal(1), target.unit)
            found = made[which, day] = er.Observation(
                target.key, date.fromordinal(start + day), value
            )
        observations.append(found)
    return ObservationTable.from_observations(PLAN, observations)


def _timed_assess(table: ObservationTable) -> tuple[float, Any]:
    start = time.perf_counter()
    found = er.assess(PLAN, table, as_of=date(2022, 12, 31))
    return time.perf_counter() - start, found


def test_repeated_target_and_date_cost_no_more_than_distinct_rows() -> None:
    repeated, distinct = _table(repeats=True), _table(repeats=False)
    repeated_seconds, assessment = _timed_assess(repeated)
    distinct_seconds, _ = _timed_assess(distinct)
    assert repeated_seconds < CAP_SECONDS, (repeated_seconds, distinct_seconds)
    counted = [r.observations for r in assessment.results if r.observations]
    assert counted
    assert set(counted) == {1}  # every repeat of one target and date counts once


def test_json_lists_beyond_the_row_limit(tmp_path: Path) -> None:
    observations = tmp_path / "o.json"
    entries = [{"target": ROAD, "as_of": f"2021-06-{d:02}", "value": "1"} for d in range(1, 6)]
    observations.write_text(json.dumps(entries), encoding="utf-8")
    submissions = tmp_path / "s.json"
    document = {
        "format": "ezhou-recovery/submissions",
        "format_version": 1,
        "submissions": [{"obligation": "q", "department": "d", "submitted_at": "2021-07-05"}] * 5,
    }
    submissions.write_text(json.dumps(document), encoding="utf-8")
    with raised_limits(max_rows=4):
        with pytest.raises(er.LoadError, match=r"5 entries in the list: .*max_rows=4"):
            er.load_observations(observations, PLAN)
        with pytest.raises(er.LoadError, match=r"submissions: 5 entries .*max_rows=4"):
            er.load_submissions(submissions, PLAN)
    assert len(er.load_observations(observations, PLAN)) == 5


def test_a_sheet_with_broken_xml_is_a_load_error(blank: Path) -> None:
    with zipfile.ZipFile(blank) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[name] = parts[name].replace(b"<sheetData>", b"<sheetData><row r='1'>&#55296;", 1)
    with zipfile.ZipFile(blank, "w") as target:
        for part, data in parts.items():
            target.writestr(part, data)
    with pytest.raises(er.LoadError, match="not a readable xlsx workbook"):
        read_reporting_workbook(blank, PLAN)
