"""Reading through pyarrow (ezhou_recovery.io._arrow): the same observations, submissions and errors as
the per-object readers, from CSV, Parquet and every kind of dataframe."""

from __future__ import annotations

import csv
import multiprocessing
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery._core import optional as _optional
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError
from ezhou_recovery.evidence.observations import (
    ImplausibleValueWarning,
    QualitativeLevel,
    Quality,
    read_value,
)
from ezhou_recovery.evidence.submission_table import SubmissionTable
from ezhou_recovery.evidence.table import ObservationTable
from ezhou_recovery.evidence.table import magnitude_of as _float
from ezhou_recovery.io import _arrow, observation_columns
from ezhou_recovery.io._arrow import columns as arrow_columns
from ezhou_recovery.io._arrow import observations as arrow_observations
from ezhou_recovery.io._arrow import values as arrow_values
from ezhou_recovery.io.frames import observations_from_frame, submissions_from_frame
from ezhou_recovery.io.limits import raised_limits
from ezhou_recovery.io.observation_columns import observation_table_from_csv

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from _kernel_switch import without_kernel  # noqa: E402

PLAN = er.load_ezhou_plan()
TARGETS = list(PLAN.targets)
BY_KIND = {kind: [t for t in TARGETS if t.kind is kind] for kind in er.TargetKind}
WATERWAY = PLAN.target("transport.high_grade_waterway")
PERCENT = PLAN.target("water.tap_water_coverage")
BEDS = PLAN.target("public_health.icu_beds")

# Generated observation files -------------------------------------------------------------------

_UNITS = ["公里", "米", "km", "万米", "亿米", "%", "张", "张床位", "个", "小时", "分钟", "吨", "元"]
_UNITS += ["万", " 公里", "公里 ", "e3公里", ",5公里", "０公里", "km**2", "m**9", "́公里", "kt"]
_WORDS = ["true", "false", "是", "否", "done", "maybe", "推进中", "achieved", "great", " 已完成 "]

numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.decimals(0, 10**5, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["0", "0.0", "007", "1e3", "1E-2", "-4", "1,444", "１２", " 5 ", ".5", "5."]),
    st.sampled_from(["1" * 26, "9" * 31, "0." + "0" * 30 + "1", "1e31", "1e-31"]),
)
values = st.one_of(
    numbers,
    st.tuples(numbers, st.sampled_from(_UNITS)).map("".join),
    st.sampled_from(_WORDS),
    st.sampled_from(
        ["", "  ", "lots", "约5公里", "5;公里", "左右", "5公里左右", "5左右", "是左右"]
    ),
)
keys = st.one_of(
    st.sampled_from([t.key for t in TARGETS]),
    st.sampled_from(["transport.nope", " transport.high_grade_waterway", "", "x"]),
)
dates = st.one_of(
    st.dates(date(2019, 6, 1), date(2023, 6, 30)).map(date.isoformat),
    st.sampled_from(["2021-02-30", "2021-3-31", " 2021-03-31 ", "1899-12-31", "2200-01-01", ""]),
)
sources = st.sampled_from(["", "port office", "  ", "统计局"])
qualities = st.sampled_from(
    ["", "reported", "official_statistics", "estimate", " estimate", "guess"]
)


@st.composite
def observation_rows(draw: st.DrawFn, *, bad: bool) -> list[list[str]]:
    """Rows of cells: mostly valid ones (a target's own kind of value), some of anything."""
    out = []
    for _ in range(draw(st.integers(0, 25))):
        if bad and draw(st.integers(0, 6)) == 0:
            out.append([draw(keys), draw(dates), draw(values), draw(sources), draw(qualities)])
            continue
        # A few targets and dates often: repeated dates, to be judged alike.
        target = draw(st.sampled_from(TARGETS) | st.sampled_from([WATERWAY, PERCENT, BEDS]))
        if target.kind is er.TargetKind.MILESTONE:
            value = draw(st.sampled_from(["true", "false", "是", "done"]))
        elif target.kind is er.TargetKind.QUALITATIVE:
            value = draw(st.sampled_from([lv.value for lv in QualitativeLevel] + ["推进中"]))
        else:
            number = draw(st.decimals(0, 10**4, places=2, allow_nan=False, allow_infinity=False))
            value = str(number)
            if draw(st.integers(0, 4)) == 0:
                value = er.format_quantity(er.Q_(number, target.unit))
            if draw(st.integers(0, 5)) == 0:
                value += draw(st.sampled_from(["左右", " 左右 "]))  # an estimate
        day = draw(
            st.dates(date(2020, 1, 1), date(2022, 12, 31)).map(date.isoformat)
            | st.sampled_from(["2021-06-30", "2022-06-30"])
        )
        out.append([target.key, day, value, draw(sources), draw(qualities)])
    return out


def _write(path: Path, header: list[str], rows: list[list[str]], extra: str = "") -> None:
    width = len(header)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(r[:width] for r in rows)
        out.write(extra)


def _outcome(read: Any) -> Any:
    try:
        return read()
    except er.LoadError as exc:
        return exc


def _read(read: Any) -> tuple[Any, list[str]]:
    """What a reader gives (its result or its error), and the implausible values it warns of."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = _outcome(read)
    warned = [w.message for w in caught if issubclass(w.category, ImplausibleValueWarning)]
    return outcome, [f"{w} | {w.finding.where}" for w in warned]  # type: ignore[attr-defined]


def _assert_same_errors(a: er.LoadError, b: er.LoadError) -> None:
    assert (str(a), a.path, a.problem, repr(a.value)) == (str(b), b.path, b.problem, repr(b.value))


def _assert_same_observations(table: Any, objects: Any) -> None:
    assert isinstance(table, ObservationTable), table
    assert not isinstance(objects, er.LoadError), objects
    assert len(table) == len(objects)
    rebuilt = [table.observation(i) for i in range(len(table))]
    assert rebuilt == list(objects)
    assert table.magnitude.tolist() == [_float(o.value) for o in objects]
    assert table.day.tolist() == [o.as_of.toordinal() for o in objects]
    assert table.target.tolist() == [TARGETS.index(PLAN.target(o.target)) for o in objects]


def assert_same_reading(columnar: tuple[Any, list[str]], per_object: tuple[Any, list[str]]) -> None:
    """The same result or error, and the same warnings in the same order."""
    assert_same(columnar[0], per_object[0])
    assert columnar[1] == per_object[1]


def assert_same(columnar: Any, per_object: Any) -> None:
    if isinstance(per_object, er.LoadError) or isinstance(columnar, er.LoadError):
        assert isinstance(columnar, er.LoadError), (columnar, per_object)
        assert isinstance(per_object, er.LoadError), (columnar, per_object)
        _assert_same_errors(columnar, per_object)
    else:
        _assert_same_observations(columnar, per_object)


@pytest.mark.parametrize(
    ("first", "again", "same"),
    [
        ("50", "50.0", True),  # plain numbers, one value
        ("50", "50公里", True),  # a plain number and the same with its unit
        ("50", "51", False),  # plain numbers, two values
        ("50", "50.000000001", False),
        ("50公里", "51公里", False),
    ],
)
@pytest.mark.parametrize("reader", ["arrow", "python"])
def test_a_repeated_date_read_from_csv_is_judged_as_objects_are(
    tmp_path: Path, reader: str, first: str, again: str, same: bool
) -> None:
    path = tmp_path / "observations.csv"
    path.write_text(
        "target,as_of,value\n"
        f"{WATERWAY.key},2021-06-30,{first}\n"
        f"{WATERWAY.key},2021-03-31,40\n"
        f"{WATERWAY.key},2021-06-30,{again}\n",
        encoding="utf-8",
    )
    objects = er.load_observations(path, PLAN)
    read = _arrow.observations_file if reader == "arrow" else observation_table_from_csv
    table = read(path, PLAN)
    assert isinstance(table, ObservationTable)
    if same:
        assert er.assess(PLAN, table, as_of=date(2022, 12, 31)) == er.assess(
            PLAN, objects, as_of=date(2022, 12, 31), columnar=False
        )
        return
    with pytest.raises(er.InvariantError) as per_object:
        er.assess(PLAN, objects, as_of=date(2022, 12, 31), columnar=False)
    with pytest.raises(er.InvariantError) as columnar:
        er.assess(PLAN, table, as_of=date(2022, 12, 31))
    assert str(columnar.value) == str(per_object.value)


@pytest.mark.parametrize(
    "day",
    [
        "2021-02-30",  # a day beyond the month: not carried over into March
        "2021-04-31",
        "2021-02-29",
        "2020-02-29",
        "2021-13-01",
        "1899-12-31",
        "1900-01-01",
        "2199-12-31",
        "2200-01-01",
        "0000-01-01",
        " 2021-03-31 ",
        "２０２１-０３-３１",
        "2021-3-31",
        "2021/03/31",
        "",
        "NA",
        "nan",
        "\t2021-03-31",
        "2021-03-31\u3000",
    ],
)
def test_a_date_reads_as_one_by_one(tmp_path: Path, day: str) -> None:
    path = tmp_path / "observations.csv"
    _write(path, ["target", "as_of", "value"], [[WATERWAY.key, "2021-06-30", "4"]] * 3)
    with path.open("a", encoding="utf-8") as out:
        out.write(f"{WATERWAY.key},{day},5\n")
    per_object = _read(lambda: er.load_observations(path, PLAN))
    assert_same_reading(_read(lambda: _arrow.observations_file(path, PLAN)), per_object)


@pytest.mark.parametrize("day", ["2021-03-31", " 2021-03-31 "])
@pytest.mark.parametrize("row", [["{key}", "{day}", ""], ["", "{day}", "4"]])
def test_an_empty_cell_beside_a_date_is_the_same_error(
    tmp_path: Path, day: str, row: list[str]
) -> None:
    path = tmp_path / "observations.csv"
    cells = [c.format(key=WATERWAY.key, day=day) for c in row]
    _write(path, ["target", "as_of", "value"], [[WATERWAY.key, "2021-06-30", "4"], cells])
    per_object = _read(lambda: er.load_observations(path, PLAN))
    assert isinstance(per_object[0], er.LoadError)
    assert_same_reading(_read(lambda: _arrow.observations_file(path, PLAN)), per_object)


def test_a_plain_number_and_a_text_are_warned_of_as_themselves(tmp_path: Path) -> None:
    """A plain number (known by its magnitude, 1) and the second value text (known by its code, 1)
    of one target are different values."""
    key = "new_infrastructure.base_stations_5g"
    rows = [
        [key, "2021-01-01", "0.2个基站"],
        [key, "2021-02-01", "0.3个基站"],
        [key, "2021-03-01", "1"],
    ]
    path = tmp_path / "observations.csv"
    _write(path, ["target", "as_of", "value"], rows)
    per_object = _read(lambda: er.load_observations(path, PLAN))
    assert len(per_object[1]) == 3
    assert_same_reading(_read(lambda: _arrow.observations_file(path, PLAN)), per_object)


@contextmanager
def in_parts(rows: int) -> Iterator[None]:
    """Long columns worked on in parts of ``rows`` rows by three threads, so that small files
    take the path of big ones."""
    saved = arrow_columns.PART_ROWS, arrow_columns.THREADS
    arrow_columns.PART_ROWS, arrow_columns.THREADS = rows, 3
    try:
        yield
    finally:
        arrow_columns.PART_ROWS, arrow_columns.THREADS = saved


HEADERS = [
    ["target", "as_of", "value"],
    ["target", "as_of", "value", "source", "quality"],
    ["value", "quality", "as_of", "target"],
]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(HEADERS),
    observation_rows(bad=True),
    st.sampled_from(["", "", "", "\n", " , , , , \n", "x,y\n"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_a_generated_csv_reads_the_same_as_one_by_one(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[str],
    rows: list[list[str]],
    extra: str,
    newline: str,
    byte_order_mark: bool,
    ranked: bool,
    kernel: bool,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "observations.csv"
    order = [["target", "as_of", "value", "source", "quality"].index(h) for h in header]
    rows = [[r[i] for i in order] for r in rows]
    _write(path, header, rows, extra)
    mark = b"\xef\xbb\xbf" if byte_order_mark else b""
    path.write_bytes(mark + path.read_bytes().replace(b"\n", newline.encode()))
    per_object = _read(lambda: er.load_observations(path, PLAN))
    # The (target, text) pairs looked up by key, or (as in a large space of keys) by rank.
    # Plain numbers found by the compiled kernel where the package has it, or by Arrow's compute
    # functions (as without it).
    saved = arrow_observations.KEYS_LOOKED_UP
    arrow_observations.KEYS_LOOKED_UP = -(10**12) if ranked else saved
    try:
        with nullcontext() if kernel else without_kernel():
            by_arrow = _read(lambda: _arrow.observations_file(path, PLAN))
    finally:
        arrow_observations.KEYS_LOOKED_UP = saved
    assert_same_reading(by_arrow, per_object)
    with in_parts(2), nullcontext() if kernel else without_kernel():  # in parts, side by side
        in_parts_read = _read(lambda: _arrow.observations_file(path, PLAN))
    assert_same_reading(in_parts_read, per_object)
    # The columnar reader without pyarrow, too.
    assert_same_reading(_read(lambda: observation_table_from_csv(path, PLAN)), per_object)
    # And the same assessment (repeated dates included), or the same error.
    if not isinstance(per_object[0], er.LoadError):
        assert _assessed(by_arrow[0]) == _assessed(per_object[0])
        assert _assessed(in_parts_read[0]) == _assessed(per_object[0])
        # Rows read in parts have the same value texts as rows read whole.
        assert _same_texts(in_parts_read[0].token) == _same_texts(by_arrow[0].token)


def _same_texts(token: Any) -> list[int]:
    """Per row, the first row with the same token (-1 for a plain number in its target's unit)."""
    first: dict[int, int] = {}
    return [-1 if t < 0 else first.setdefault(int(t), row) for row, t in enumerate(token.tolist())]


def _assessed(observations: Any) -> Any:
    """The assessment of the observations at the plan's end, or the error it raises (as text)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return er.assess(PLAN, observations, as_of=date(2022, 12, 31))
    except er.EzhouRecoveryError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_the_pyarrow_reader_reads_clean_files_itself(tmp_path: Path, monkeypatch: Any) -> None:
    """A plain CSV file is parsed by pyarrow, not handed back to the Python reader."""
    path = tmp_path / "observations.csv"
    _write(path, HEADERS[1], [[WATERWAY.key, "2021-03-31", "40.5公里", "", "estimate"]])

    def refuse(*args: Any) -> Any:
        raise AssertionError("handed to the Python reader")

    monkeypatch.setattr(observation_columns, "observation_table_from_csv", refuse)
    table = er.load_observations(path, PLAN, columnar=True)
    assert table.observation(0).value == er.Q_(40.5, "km")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("40.5", 40.5),
        ("40500米", 40.5),
        ("0.00004亿米", 4.0),
        ("4万米", 40.0),
        ("1.5e1公里", 15.0),
        ("7.25 km", 7.25),
        ("1,444米", 1.444),
    ],
)
def test_values_with_units_are_the_per_object_values(
    tmp_path: Path, value: str, expected: float
) -> None:
    path = tmp_path / "observations.csv"
    _write(path, ["target", "as_of", "value"], [[WATERWAY.key, "2021-03-31", value]])
    table = _arrow.observations_file(path, PLAN)
    assert table.magnitude.tolist() == [expected]
    assert_same(table, er.load_observations(path, PLAN))


def test_each_distinct_unit_text_is_read_once(tmp_path: Path, monkeypatch: Any) -> None:
    rows = [[WATERWAY.key, f"2021-03-{d:02d}", f"{d}.5公里"] for d in range(1, 29)]
    rows += [[WATERWAY.key, f"2021-04-{d:02d}", f"{d}000米"] for d in range(1, 29)]
    path = tmp_path / "observations.csv"
    _write(path, ["target", "as_of", "value"], rows)
    calls: list[Any] = []
    real = arrow_values.read_value

    def counting(target: Any, value: Any) -> Any:
        calls.append(value)
        return real(target, value)

    monkeypatch.setattr(arrow_values, "read_value", counting)
    monkeypatch.setattr(arrow_values, "SCALES", {})
    monkeypatch.setattr(arrow_observations, "_TARGETS", {})  # what is known of each programme
    table = _arrow.observations_file(path, PLAN)
    assert len(table) == 56
    # Each unit text once; and once per target whether a bare number is in its unit.
    assert sorted(c for c in calls if c != "1") == sorted(["1米", "1公里"])
    assert calls.count("1") <= len(TARGETS)
    calls.clear()
    _arrow.observations_file(path, PLAN)
    assert calls == []  # known from the first file


@pytest.mark.parametrize("rows", [1, 2, 5, 7, 100])
@pytest.mark.parametrize("threads", [1, 2, 3])
def test_parts_cover_every_row_once_in_order(rows: int, threads: int) -> None:
    saved = arrow_columns.PART_ROWS, arrow_columns.THREADS
    arrow_columns.PART_ROWS, arrow_columns.THREADS = 2, threads
    try:
        found = arrow_columns.by_parts(rows, lambda start, stop: list(range(start, stop)))
    finally:
        arrow_columns.PART_ROWS, arrow_columns.THREADS = saved
    assert [i for part in found for i in part] == list(range(rows))
    assert len(found) == max(1, min(threads, rows // 2))


def _read_in_child(path: Path, out: Any) -> None:
    table = _arrow.observations_file(path, PLAN)
    out.send((len(table), float(table.magnitude.sum())))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)
def test_a_forked_child_reads_in_parts_too(tmp_path: Path) -> None:
    """A child made by fork has none of its parent's threads: it starts its own."""
    path = tmp_path / "observations.csv"
    rows = [
        [WATERWAY.key, (date(2020, 1, 1) + timedelta(days=d)).isoformat(), f"{d}.5"]
        for d in range(40)
    ]
    _write(path, ["target", "as_of", "value"], rows)
    with in_parts(4):
        table = _arrow.observations_file(path, PLAN)  # the parent's threads exist now
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_read_in_child, args=(path, send))
        child.start()
        child.join(timeout=120)
        if child.is_alive():
            child.kill()
            pytest.fail("the child hung waiting for its parent's threads")
    assert receive.poll(1)
    assert receive.recv() == (len(table), float(table.magnitude.sum()))


# Parquet and dataframes ---------------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> dict[str, list[str]]:
    names = ["target", "as_of", "value", "source", "quality"]
    return {name: [r[i] for r in rows] for i, name in enumerate(names)}


GOOD_ROWS = [
    [WATERWAY.key, "2021-03-31", "40.5", "port office", "official_statistics"],
    [WATERWAY.key, "2021-06-30", "41000米", "", ""],
    [BY_KIND[er.TargetKind.MILESTONE][0].key, "2021-06-30", "是", "", "estimate"],
    [BY_KIND[er.TargetKind.QUALITATIVE][0].key, "2021-06-30", "推进中", "", "reported"],
    [BEDS.key, "2021-09-30", "1,600张", "", ""],
]


def _frames(columns: dict[str, list[Any]]) -> dict[str, Any]:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    return {
        "pyarrow": pa.table(columns),
        "pandas": pd.DataFrame(columns),
        "polars": pl.DataFrame(columns),
        "record batch": pa.RecordBatch.from_pydict(columns),
        "dictionary columns": pa.table(
            {k: pa.array(v).dictionary_encode() for k, v in columns.items()}
        ),
    }


@pytest.mark.parametrize(
    "kind", ["pyarrow", "pandas", "polars", "record batch", "dictionary columns"]
)
def test_each_kind_of_dataframe_is_read(kind: str) -> None:
    frame = _frames(_columns(GOOD_ROWS))[kind]
    table = observations_from_frame(frame, PLAN)
    objects = observations_from_frame(frame, PLAN, columnar=False)
    assert_same(table, objects)
    assert objects[1].value == er.Q_(41, "km")
    assert objects[0].quality is Quality.OFFICIAL_STATISTICS
    assert objects[1].source is None


def test_typed_columns_dates_and_numbers() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "target": [WATERWAY.key, WATERWAY.key, BEDS.key],
            "as_of": [date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30)],
            "value": [40.5, 41.0, 1600.0],
        }
    )
    table = observations_from_frame(frame, PLAN)
    assert table.magnitude.tolist() == [40.5, 41.0, 1600.0]
    assert table.observation(2) == er.Observation(BEDS.key, date(2021, 9, 30), er.Q_(1600, "bed"))
    assert_same(table, observations_from_frame(frame, PLAN, columnar=False))


@settings(max_examples=120, deadline=None)
@given(observation_rows(bad=True), st.sampled_from(["pyarrow", "pandas", "polars"]))
def test_a_generated_frame_reads_the_same_as_one_by_one(rows: list[list[str]], kind: str) -> None:
    frame = _frames(_columns(rows))[kind]
    per_object = _read(lambda: observations_from_frame(frame, PLAN, columnar=False))
    columnar = _read(lambda: observations_from_frame(frame, PLAN))
    assert_same_reading(columnar, per_object)
    with in_parts(3):
        assert_same_reading(_read(lambda: observations_from_frame(frame, PLAN)), per_object)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(0, 1e6),
            st.none(),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([WATERWAY, PERCENT, BY_KIND[er.TargetKind.MILESTONE][0]]),
)
def test_numeric_value_columns_read_the_same(numbers: list[float | None], target: Any) -> None:
    frame = pa.table(
        {
            "target": [target.key] * len(numbers),
            "as_of": [date(2021, 1, 1) + timedelta(days=i) for i in range(len(numbers))],
            "value": pa.array(numbers, pa.float64()),
        }
    )
    per_object = _read(lambda: observations_from_frame(frame, PLAN, columnar=False))
    columnar = _read(lambda: observations_from_frame(frame, PLAN))
    assert_same_reading(columnar, per_object)
    with in_parts(3):
        assert_same_reading(_read(lambda: observations_from_frame(frame, PLAN)), per_object)


def test_a_null_required_cell_names_its_row_and_field() -> None:
    frame = pa.table(
        {"target": [WATERWAY.key, None], "as_of": ["2021-03-31"] * 2, "value": ["4"] * 2}
    )
    with pytest.raises(er.LoadError) as caught:
        observations_from_frame(frame, PLAN, source="quarter.parquet")
    assert (caught.value.source, caught.value.path) == ("quarter.parquet", "row 1.target")
    assert caught.value.problem == "required field missing"


def test_a_frame_with_an_unknown_column_is_refused() -> None:
    frame = pa.table({"target": [WATERWAY.key], "as_of": ["2021-03-31"], "value": ["4"], "x": [1]})
    with pytest.raises(er.LoadError, match="unknown column"):
        observations_from_frame(frame, PLAN)
    with pytest.raises(er.LoadError, match="expected a dataframe"):
        observations_from_frame([{"target": WATERWAY.key}], PLAN)


def test_a_parquet_file_reads_the_same_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "observations.parquet"
    pq.write_table(pa.table(_columns(GOOD_ROWS)), path)
    table = er.load_observations(path, PLAN, columnar=True)
    objects = er.load_observations(path, PLAN)
    assert_same(table, objects)
    assert len(objects) == len(GOOD_ROWS)


def test_a_bad_parquet_row_is_the_same_error(tmp_path: Path) -> None:
    path = tmp_path / "observations.parquet"
    rows = [*GOOD_ROWS, [WATERWAY.key, "2021-03-31", "4小时", "", ""]]
    pq.write_table(pa.table(_columns(rows)), path)
    columnar = _read(lambda: er.load_observations(path, PLAN, columnar=True))
    per_object = _read(lambda: er.load_observations(path, PLAN))
    assert isinstance(columnar[0], er.LoadError)
    assert columnar[0].source == str(path)
    assert columnar[0].path == "row 5.value"
    assert_same_reading(columnar, per_object)


#: Rows with values ten thousand times off (rows 1, 3 and 4 from 0; 3, 5 and 6 in a CSV file)
#: beside plausible ones.
IMPLAUSIBLE_ROWS = [
    [WATERWAY.key, "2021-03-31", "40.5", "", ""],
    [WATERWAY.key, "2021-06-30", "600000", "", ""],
    [BEDS.key, "2021-06-30", "1600", "", ""],
    [PERCENT.key, "2021-06-30", "0.009%", "", ""],
    [WATERWAY.key, "2021-09-30", "600000", "", ""],
]
BAD_ROW = [WATERWAY.key, "2021-12-31", "4小时", "", ""]


def test_each_reader_warns_of_implausible_values_as_the_per_object_reader(tmp_path: Path) -> None:
    csv_path = tmp_path / "observations.csv"
    _write(csv_path, HEADERS[1], IMPLAUSIBLE_ROWS)
    parquet = tmp_path / "observations.parquet"
    pq.write_table(pa.table(_columns(IMPLAUSIBLE_ROWS)), parquet)
    frame = pa.table(_columns(IMPLAUSIBLE_ROWS))
    per_object = _read(lambda: er.load_observations(csv_path, PLAN))
    assert [m.split(": ", 2)[1] for m in per_object[1]] == [
        "row 3.value",
        "row 5.value",
        "row 6.value",
    ]
    assert per_object[1][0].startswith(
        f"{csv_path}: row 3.value: 600000公里 is 7,732 times the target ≥ 77.6公里: implausible; "
        "was 60公里 meant (a slip of 万)? | row 3.value"
    )
    assert per_object[1][1].startswith(
        f"{csv_path}: row 5.value: 0.009% is 1/10,000 of the target ≥ 90%: implausible; "
    )
    assert_same_reading(_read(lambda: _arrow.observations_file(csv_path, PLAN)), per_object)
    assert_same_reading(_read(lambda: observation_table_from_csv(csv_path, PLAN)), per_object)
    by_rows = _read(lambda: er.load_observations(parquet, PLAN))
    assert [m.rsplit(" | ", 1)[1] for m in by_rows[1]] == [
        "row 1.value",
        "row 3.value",
        "row 4.value",
    ]
    assert by_rows[1][0].startswith(f"{parquet}: row 1.value: 600000公里 is 7,732 times")
    assert_same_reading(_read(lambda: er.load_observations(parquet, PLAN, columnar=True)), by_rows)
    frame_rows = _read(lambda: observations_from_frame(frame, PLAN, columnar=False))
    assert [m.split(": ", 1)[0] for m in frame_rows[1]] == ["dataframe"] * 3
    assert_same_reading(_read(lambda: observations_from_frame(frame, PLAN)), frame_rows)


def test_a_file_read_again_warns_again_with_the_same_words(tmp_path: Path) -> None:
    """The reasons are remembered per programme, target and value: a second reading (or another
    file) warns of the same rows in the same words, and another value is judged by itself."""
    first = tmp_path / "first.csv"
    _write(first, HEADERS[1], IMPLAUSIBLE_ROWS)
    # The same values written otherwise (a plain number with a trailing zero) and a new one.
    second_rows = [list(row) for row in IMPLAUSIBLE_ROWS]
    second_rows[1][2] = "600000.0"
    second_rows.append([WATERWAY.key, "2022-01-31", "700000", "", ""])
    second = tmp_path / "second.csv"
    _write(second, HEADERS[1], second_rows)
    expected = [_read(lambda p=path: er.load_observations(p, PLAN)) for path in (first, second)]
    assert len(expected[1][1]) == len(expected[0][1]) + 1
    for _ in range(2):
        for path, per_object in zip((first, second), expected, strict=True):
            found = _read(lambda p=path: _arrow.observations_file(p, PLAN))
            assert_same_reading(found, per_object)


def test_implausible_values_before_a_bad_row_are_warned_of_before_its_error(
    tmp_path: Path,
) -> None:
    rows = [*IMPLAUSIBLE_ROWS[:3], BAD_ROW, IMPLAUSIBLE_ROWS[4]]
    csv_path = tmp_path / "observations.csv"
    _write(csv_path, HEADERS[1], rows)
    per_object = _read(lambda: er.load_observations(csv_path, PLAN))
    assert isinstance(per_object[0], er.LoadError)
    assert per_object[0].path == "row 5.value"
    assert [m.rsplit(" | ", 1)[1] for m in per_object[1]] == ["row 3.value"]
    assert_same_reading(_read(lambda: _arrow.observations_file(csv_path, PLAN)), per_object)
    assert_same_reading(_read(lambda: observation_table_from_csv(csv_path, PLAN)), per_object)
    frame = pa.table(_columns(rows))
    frame_rows = _read(lambda: observations_from_frame(frame, PLAN, columnar=False))
    assert [m.rsplit(" | ", 1)[1] for m in frame_rows[1]] == ["row 1.value"]
    assert_same_reading(_read(lambda: observations_from_frame(frame, PLAN)), frame_rows)


@pytest.mark.parametrize("quality", ["", "reported", "estimate", "official_statistics"])
def test_the_three_readers_read_an_about_value_as_an_estimate(tmp_path: Path, quality: str) -> None:
    rows = [
        [PERCENT.key, "2021-03-31", "80%左右", "", quality],
        [WATERWAY.key, "2021-06-30", "41 左右", "port office", quality],
        [WATERWAY.key, "2021-09-30", "42", "port office", quality],
    ]
    path = tmp_path / "observations.csv"
    _write(path, HEADERS[1], rows)
    per_object = _read(lambda: er.load_observations(path, PLAN))
    if quality == "official_statistics":
        assert isinstance(per_object[0], er.LoadError)
        assert (per_object[0].path, per_object[0].value) == ("row 2.quality", quality)
        assert "'80%左右' says 左右 (an estimate)" in per_object[0].problem
    else:
        objects = per_object[0]
        assert [o.quality for o in objects[:2]] == [Quality.ESTIMATE] * 2
        assert objects[0].value == er.Q_(80, "percent")
        assert objects[1].value == er.Q_(41, "km")
        assert objects[2].quality is (Quality(quality) if quality else Quality.REPORTED)
    assert_same_reading(_read(lambda: _arrow.observations_file(path, PLAN)), per_object)
    assert_same_reading(_read(lambda: observation_table_from_csv(path, PLAN)), per_object)
    frame = pa.table(_columns(rows))
    assert_same_reading(
        _read(lambda: observations_from_frame(frame, PLAN)),
        _read(lambda: observations_from_frame(frame, PLAN, columnar=False)),
    )


#: Values as a sector writes them: bare numbers in the reporting unit (40 for 40万千瓦), with it,
#: in the canonical unit, and ten thousand times off.
REPORTED = ["40", "40.5", "1.5", "400000", "40万", "40万千瓦", "400000千瓦", "1.5亿立方米", "2亿方"]
REPORTED += ["15000万方", "5座储备库", "96万吨", "2个基地", "0.0001", "7"]


def test_bare_numbers_are_read_in_each_targets_reporting_unit(tmp_path: Path) -> None:
    province = er.load_programme(Path(__file__).parents[1] / "data" / "provincial_plan.toml")
    quantitative = [t for t in province.targets if t.value is not None]
    capacity = province.target("energy.new_capacity").reporting_unit
    assert capacity is not None
    assert capacity.factor == 10_000
    rows = [
        [t.key, (date(2022, 1, 1) + timedelta(days=d)).isoformat(), value, "", ""]
        for t in quantitative
        for d, value in enumerate(REPORTED)
        if _fits(t, value)
    ]
    assert ["energy.new_capacity", "2022-01-01", "40", "", ""] in rows  # 40万千瓦
    path = tmp_path / "observations.csv"
    _write(path, HEADERS[1], rows)
    objects, warned = _read(lambda: er.load_observations(path, province))
    assert isinstance(objects, tuple), objects
    assert warned  # 400000 for 50万千瓦, 0.0001 for 1200公里, ...
    for read in (
        lambda: _arrow.observations_file(path, province),
        lambda: observation_table_from_csv(path, province),
    ):
        table, also_warned = _read(read)
        assert [table.observation(i) for i in range(len(table))] == list(objects)
        assert table.magnitude.tolist() == [_float(o.value) for o in objects]
        assert also_warned == warned
    numbers = [float(r[2]) if r[2].replace(".", "").isdigit() else None for r in rows]
    plain = [(r, x) for r, x in zip(rows, numbers, strict=True) if x is not None]
    frame = pa.table(
        {
            "target": [r[0] for r, _ in plain],
            "as_of": [r[1] for r, _ in plain],
            "value": pa.array([x for _, x in plain], pa.float64()),
        }
    )
    by_rows = _read(lambda: observations_from_frame(frame, province, columnar=False))
    assert by_rows[1]
    assert_province_same(_read(lambda: observations_from_frame(frame, province)), by_rows)


def _fits(target: Any, value: str) -> bool:
    try:
        read_value(target, value)
    except er.UnitError:
        return False
    return True


def assert_province_same(
    columnar: tuple[Any, list[str]], per_object: tuple[Any, list[str]]
) -> None:
    table, objects = columnar[0], per_object[0]
    assert [table.observation(i) for i in range(len(table))] == list(objects)
    assert table.magnitude.tolist() == [_float(o.value) for o in objects]
    assert columnar[1] == per_object[1]


def test_a_file_that_is_not_parquet_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "observations.parquet"
    path.write_text("target,as_of,value\n", encoding="utf-8")
    with pytest.raises(er.LoadError, match="not a readable Parquet file"):
        er.load_observations(path, PLAN, columnar=True)


# Submissions --------------------------------------------------------------------------------------

DEADLINES = PLAN.deadlines()
SUBMISSION_HEADERS = [
    ["deadline", "submitted_at"],
    ["deadline", "submitted_at", "note"],
    ["obligation", "department", "period", "category", "submitted_at"],
    ["deadline", "obligation", "department", "period", "category", "submitted_at", "note"],
]
moments = st.one_of(
    st.dates(date(2020, 1, 1), date(2023, 1, 1)).map(date.isoformat),
    st.sampled_from(
        [
            "2021-03-24T16:00:00+08:00",
            "2021-03-24T16:00Z",
            "2021-03-24T16:00",
            "2021-02-30",
            "yesterday",
            "",
            " 2021-03-24 ",
            "1899-01-01",
        ]
    ),
)


@st.composite
def submission_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    out = []
    for _ in range(draw(st.integers(0, 20))):
        d = draw(st.sampled_from(DEADLINES))
        row = {
            "deadline": draw(
                st.sampled_from([d.key, d.key, "", "a/b", "x/-/y/2021Q1", "Bad/-/x/1"])
            ),
            "obligation": draw(st.sampled_from(["", d.obligation, "Nope"])),
            "department": draw(st.sampled_from(["", d.department.key, "x y"])),
            "period": draw(st.sampled_from(["", d.period.label])),
            "category": draw(st.sampled_from(["", d.category or "", "Bad"])),
            "submitted_at": draw(st.one_of(st.just(d.due.isoformat()), moments)),
            "note": draw(st.sampled_from(["", "late; sorry", "备注"])),
        }
        if draw(st.booleans()):  # a row that names its deadline, or its parts, correctly
            if draw(st.booleans()):
                row.update(deadline=d.key, obligation="", department="", period="", category="")
            else:
                row.update(
                    deadline="",
                    obligation=d.obligation,
                    department=d.department.key,
                    period=d.period.label,
                    category=d.category or "",
                )
        out.append(row)
    return out


# The readers are compared on any rows, most of which no programme owes: none is given.
@pytest.mark.filterwarnings("ignore:load_submissions.. without a programme:DeprecationWarning")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUBMISSION_HEADERS), submission_rows(), st.booleans())
def test_a_generated_submissions_csv_reads_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[str],
    rows: list[dict[str, str]],
    crlf: bool,
) -> None:
    from ezhou_recovery.io.submission_files import _from_csv

    path = tmp_path_factory.mktemp("csv") / "submissions.csv"
    lines = [",".join(header)] + [",".join(r[h] for h in header) for r in rows]
    path.write_text(("\r\n" if crlf else "\n").join(lines) + "\n", encoding="utf-8")
    per_object = _outcome(lambda: _from_csv(path.read_bytes(), str(path)))
    columnar = _outcome(lambda: _arrow.submissions_file(path))
    if columnar is None:  # handed back to the per-object reader (an empty file, say)
        columnar = _outcome(lambda: er.load_submissions(path))
    if isinstance(per_object, er.LoadError) or isinstance(columnar, er.LoadError):
        assert isinstance(columnar, er.LoadError), (columnar, per_object)
        assert isinstance(per_object, er.LoadError), (columnar, per_object)
        _assert_same_errors(columnar, per_object)
    else:
        assert columnar == per_object
        assert [repr(s) for s in columnar] == [repr(s) for s in per_object]
        assert er.load_submissions(path) == per_object


@settings(max_examples=80, deadline=None)
@given(submission_rows(), st.sampled_from(["pyarrow", "pandas", "polars"]))
def test_a_generated_submissions_frame_reads_the_same(
    rows: list[dict[str, str]], kind: str
) -> None:
    columns = {name: [r[name] for r in rows] for name in SUBMISSION_HEADERS[3]}
    frame = _frames(columns)[kind]
    per_object = _outcome(lambda: submissions_from_frame(frame, columnar=False))
    columnar = _outcome(lambda: submissions_from_frame(frame))
    if isinstance(per_object, er.LoadError) or isinstance(columnar, er.LoadError):
        assert isinstance(columnar, er.LoadError), (columnar, per_object)
        assert isinstance(per_object, er.LoadError), (columnar, per_object)
        _assert_same_errors(columnar, per_object)
    else:
        assert columnar == per_object


@pytest.mark.filterwarnings("ignore:load_submissions.. without a programme:DeprecationWarning")
def test_submissions_from_each_kind_of_dataframe_and_parquet(tmp_path: Path) -> None:
    d = DEADLINES[0]
    at = datetime(2021, 3, 24, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    columns = {"deadline": [d.key, d.key], "submitted_at": ["2021-03-24", "2021-03-25T09:00Z"]}
    expected = (
        er.Submission.for_deadline(d.key, date(2021, 3, 24)),
        er.Submission.for_deadline(d.key, datetime(2021, 3, 25, 9, 0, tzinfo=UTC)),
    )
    for kind, frame in _frames(columns).items():
        assert submissions_from_frame(frame) == expected, kind
    typed = pa.table(
        {"deadline": [d.key], "submitted_at": pa.array([at], pa.timestamp("s", "+08:00"))}
    )
    assert submissions_from_frame(typed) == (er.Submission.for_deadline(d.key, at),)
    path = tmp_path / "submissions.parquet"
    pq.write_table(pa.table(columns), path)
    assert er.load_submissions(path) == expected


def test_a_bad_submission_in_a_frame_names_row_field_and_value() -> None:
    frame = pa.table({"deadline": [DEADLINES[0].key, "a/b"], "submitted_at": ["2021-03-24"] * 2})
    with pytest.raises(er.LoadError) as caught:
        submissions_from_frame(frame, source="received.parquet")
    assert str(caught.value).startswith("received.parquet: row 1.deadline: ")
    assert caught.value.value == "a/b"


def test_repeated_submissions_share_one_object() -> None:
    d = DEADLINES[0]
    frame = pa.table({"deadline": [d.key] * 3, "submitted_at": ["2021-03-24"] * 3})
    a, b, c = submissions_from_frame(frame)
    assert a is b is c


# The same results from a generated province --------------------------------------------------------


@pytest.mark.filterwarnings("ignore:load_submissions.. without a programme:DeprecationWarning")
def test_a_generated_province_reads_identically(tmp_path: Path) -> None:
    from _province import province

    rng = np.random.default_rng(11)
    programme = province.province_programmes(1, 200)[0]
    obs, subs = tmp_path / "observations.csv", tmp_path / "submissions.csv"
    province.write_observations(rng, programme, 5_000, obs)
    province.write_submissions(rng, programme, 2_000, subs)
    per_object = _read(lambda: er.load_observations(obs, programme))
    assert per_object[1]  # the generated values include some ten thousand times off
    assert_same_reading(_read(lambda: _arrow.observations_file(obs, programme)), per_object)
    assert_same_reading(_read(lambda: observation_table_from_csv(obs, programme)), per_object)
    from ezhou_recovery.io.submission_files import _from_csv

    assert _arrow.submissions_file(subs) == _from_csv(subs.read_bytes(), str(subs))


# Without pyarrow ----------------------------------------------------------------------------------

_WITHOUT_PYARROW = """
import sys
sys.modules["pyarrow"] = None  # import pyarrow raises ImportError
import ezhou_recovery as er
plan = er.load_ezhou_plan()
path = sys.argv[2]
table = er.load_observations(path, plan, columnar=True)
objects = er.load_observations(path, plan)
assert [table.observation(i) for i in range(len(table))] == list(objects)
submissions = er.load_submissions(sys.argv[3])
assert len(submissions) > 0
try:
    er.load_observations(sys.argv[1], plan, columnar=True)
except ImportError as exc:
    assert "ezhou-recovery[arrow]" in str(exc), exc
else:
    raise AssertionError("read Parquet without pyarrow")
assert "pyarrow" not in [m for m in sys.modules if sys.modules[m] is not None]
print(len(table), len(submissions))
"""


def test_without_pyarrow_the_readers_keep_working(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2] / "examples"
    parquet = tmp_path / "observations.parquet"
    pq.write_table(pa.table(_columns(GOOD_ROWS)), parquet)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _WITHOUT_PYARROW,
            str(parquet),
            str(root / "ezhou_progress.csv"),
            str(root / "ezhou_submissions.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows, submissions = map(int, done.stdout.split())
    assert rows > 0
    assert submissions > 0


def test_a_small_csv_file_does_not_import_pyarrow() -> None:
    """Importing pyarrow costs more than reading a small file with Python's csv module."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2] / "examples"
    code = (
        "import sys, ezhou_recovery as er\n"
        f"er.load_submissions({str(root / 'ezhou_submissions.csv')!r})\n"
        f"er.load_observations({str(root / 'ezhou_progress.csv')!r}, columnar=True)\n"
        "print('pyarrow' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert (root / "ezhou_progress.csv").stat().st_size < _optional.ARROW_MIN_BYTES


def test_frames_are_held_to_the_limits() -> None:
    frame = pa.table(
        {"target": [WATERWAY.key] * 3, "as_of": ["2021-03-31"] * 3, "value": ["4"] * 3}
    )
    with raised_limits(max_rows=2), pytest.raises(er.LoadError, match="max_rows=2"):
        observations_from_frame(frame, PLAN)
    long = pa.table({"target": [WATERWAY.key], "as_of": ["2021-03-31"], "value": ["4" * 40]})
    with raised_limits(max_text=30), pytest.raises(er.LoadError, match="max_text=30") as caught:
        observations_from_frame(long, PLAN)
    assert caught.value.path == "row 0"
    d = DEADLINES[0]
    subs = pa.table({"deadline": [d.key] * 3, "submitted_at": ["2021-03-24"] * 3})
    with raised_limits(max_rows=2), pytest.raises(er.LoadError, match="max_rows"):
        submissions_from_frame(subs)


def test_a_csv_beyond_a_limit_gets_the_per_object_error(tmp_path: Path) -> None:
    path = tmp_path / "observations.csv"
    _write(
        path,
        ["target", "as_of", "value"],
        [[WATERWAY.key, f"2021-03-{d:02d}", "4"] for d in range(1, 6)],
    )
    with raised_limits(max_rows=3):
        assert_same(
            _outcome(lambda: _arrow.observations_file(path, PLAN)),
            _outcome(lambda: er.load_observations(path, PLAN)),
        )
        assert isinstance(_outcome(lambda: _arrow.observations_file(path, PLAN)), er.LoadError)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUBMISSION_HEADERS), submission_rows())
def test_submissions_checked_against_the_programme_read_the_same(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[dict[str, str]]
) -> None:
    from ezhou_recovery.io.submission_files import _from_csv

    path = tmp_path_factory.mktemp("csv") / "submissions.csv"
    lines = [",".join(header)] + [",".join(r[h] for h in header) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    per_object = _outcome(lambda: _from_csv(path.read_bytes(), str(path), PLAN))
    columnar = _outcome(lambda: _arrow.submissions_file(path, PLAN))
    table = _outcome(lambda: _arrow.submissions_file(path, PLAN, columnar=True))
    if columnar is None:
        assert table is None
        return
    if isinstance(per_object, er.LoadError) or isinstance(columnar, er.LoadError):
        assert isinstance(columnar, er.LoadError), (columnar, per_object)
        assert isinstance(per_object, er.LoadError), (columnar, per_object)
        _assert_same_errors(columnar, per_object)
        _assert_same_errors(table, per_object)
    else:
        assert columnar == per_object
        assert isinstance(table, SubmissionTable)
        assert tuple(table) == per_object
        _assert_same_compliance(table, per_object)


def _judged(submissions: Any, as_of: date) -> Any:
    try:
        return er.compliance(PLAN, submissions, as_of)
    except UnmatchedSubmissionError as exc:
        return exc


def _assert_same_compliance(table: SubmissionTable, objects: Sequence[er.Submission]) -> None:
    """Compliance from a table is compliance from its objects, on days before, during and after
    the programme's reporting."""
    for as_of in (date(2020, 11, 1), date(2021, 3, 25), date(2021, 7, 15), date(2023, 6, 30)):
        expected = _judged(objects, as_of)
        found = _judged(table, as_of)
        if isinstance(expected, UnmatchedSubmissionError):
            assert isinstance(found, UnmatchedSubmissionError)
            assert (found.index, found.field, str(found)) == (
                expected.index,
                expected.field,
                str(expected),
            )
        else:
            assert found == expected


@pytest.mark.parametrize("rows", [10, 25_000])  # one chunk of each column, and several
def test_a_long_cell_of_a_coded_column_is_refused_as_by_the_per_object_reader(
    tmp_path: Path, rows: int
) -> None:
    """The text limit holds in the columns pyarrow encodes (target, source; deadline) too: the
    file is left to the per-object reader, which names the row."""
    long = "局" * 60
    observations = [[WATERWAY.key, "2021-03-31", "4", "交通运输局", ""]] * rows
    observations[rows // 2] = [WATERWAY.key, "2021-03-31", "4", long, ""]
    path = tmp_path / "o.csv"
    _write(path, HEADERS[1], observations)
    submissions = [[DEADLINES[0].key, "2021-03-24"]] * rows
    submissions[rows // 2] = [DEADLINES[0].key + long, "2021-03-24"]
    subs = tmp_path / "s.csv"
    _write(subs, ["deadline", "submitted_at"], submissions)
    with raised_limits(max_text=50):
        if rows > 10:
            import pyarrow.csv as pacsv

            assert pacsv.read_csv(path).column(3).num_chunks > 1
        expected = _outcome(lambda: er.load_observations(path, PLAN))
        assert isinstance(expected, er.LoadError)
        assert f"row {rows // 2 + 2}: " in str(expected)
        assert "max_text=50" in str(expected)
        assert_same(_outcome(lambda: _arrow.observations_file(path, PLAN)), expected)
        assert _arrow.submissions_file(subs, PLAN, columnar=True) is None


def test_a_row_longer_than_its_block_is_read_as_one_by_one(tmp_path: Path) -> None:
    """A small file is parsed in blocks of 64 KiB or more, side by side; a row longer than its
    block is read whole, to the same result."""
    import pyarrow.csv as pacsv

    rows = [[WATERWAY.key, "2021-03-31", "4", "交通运输局", ""]] * 100
    rows[50] = [WATERWAY.key, "2021-06-30", "5", "局" * 25_000, "reported"]  # 75 kB
    path = tmp_path / "o.csv"
    _write(path, HEADERS[1], rows)
    # pyarrow reads it (the csv module's reading is not needed).
    assert pacsv.read_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 16)).num_rows == 100
    per_object = _read(lambda: er.load_observations(path, PLAN))
    assert not isinstance(per_object[0], er.LoadError)
    assert_same_reading(_read(lambda: _arrow.observations_file(path, PLAN)), per_object)
    submissions = tmp_path / "s.csv"
    _write(submissions, ["deadline", "submitted_at"], [[DEADLINES[0].key, "2021-03-24"]] * 2000)
    assert submissions.stat().st_size > 1 << 16  # in two blocks or more
    assert _arrow.submissions_file(submissions, PLAN) == er.load_submissions(submissions, PLAN)


@pytest.mark.parametrize("column", [0, 2, 3])  # target, value, source
@pytest.mark.parametrize("kernel", [True, False])
def test_a_cell_that_is_not_utf8_is_the_same_error(
    tmp_path: Path, column: int, kernel: bool
) -> None:
    """pyarrow does not check each cell while it parses when the kernel reads the values: each
    distinct text is checked after, and a file with a cell that is not UTF-8 gets the per-object
    reader's error."""
    rows = [[WATERWAY.key, "2021-03-31", f"{i}.5", "交通运输局", ""] for i in range(300)]
    path = tmp_path / "o.csv"
    _write(path, HEADERS[1], rows)
    data = path.read_bytes().split(b"\n")
    cells = data[200].split(b",")
    cells[column] = cells[column][:2] + b"\xe4\xba" + cells[column][2:]  # a broken character
    data[200] = b",".join(cells)
    path.write_bytes(b"\n".join(data))
    expected = _outcome(lambda: er.load_observations(path, PLAN))
    assert isinstance(expected, er.LoadError)
    with nullcontext() if kernel else without_kernel():
        assert_same(_outcome(lambda: _arrow.observations_file(path, PLAN)), expected)


def test_each_file_is_read_into_a_buffer_of_its_own_bytes(tmp_path: Path) -> None:
    """The buffer a thread keeps for the files it reads holds one file's bytes at a time: a
    shorter file after a longer one is not read with the longer one's tail, and a buffer still
    in use is not written over."""
    header = ["target", "as_of", "value"]
    longer = tmp_path / "longer.csv"
    _write(longer, header, [[WATERWAY.key, "2021-03-31", "4"]] * 200 + [["x", "y", '"z"']])
    shorter = tmp_path / "shorter.csv"
    _write(shorter, header, [[WATERWAY.key, "2021-06-30", "5"]])
    assert arrow_columns.clean_csv(longer, str(longer)) is None  # a quote: the csv module reads it
    found = arrow_columns.clean_csv(shorter, str(shorter))
    assert found is not None
    kept, cells = found
    assert cells == header
    assert kept.to_pybytes() == shorter.read_bytes()
    # While ``kept`` is held, the next file goes to another buffer.
    other = tmp_path / "other.csv"
    _write(other, header, [[WATERWAY.key, "2021-09-30", "6"]] * 50)
    second = arrow_columns.clean_csv(other, str(other))
    assert second is not None
    assert second[0].to_pybytes() == other.read_bytes()
    assert kept.to_pybytes() == shorter.read_bytes()
    # With a byte-order mark, the bytes after it.
    marked = tmp_path / "marked.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + shorter.read_bytes())
    del kept, second, found
    third = arrow_columns.clean_csv(marked, str(marked))
    assert third is not None
    assert third[0].to_pybytes() == shorter.read_bytes()
