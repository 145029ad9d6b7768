"""The observation, investment-report and submission loaders (CSV and JSON, and the columnar CSV
reader) on generated garbage: a LoadError naming the file and where, or a result that works; never
another exception, and never part of a file's entries."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
PLAN = er.load_ezhou_plan()
FILES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "40")),
)

Loader = Callable[[Path], Any]
LOADERS: dict[str, Loader] = {
    "observations": lambda p: er.load_observations(p, PLAN),
    "columnar": lambda p: er.load_observations(p, PLAN, columnar=True),
    "investment": lambda p: er.load_investment_reports(p, PLAN),
    "submissions": lambda p: er.load_submissions(p, PLAN),
}
CSV_FILES = {
    "observations": EXAMPLES / "ezhou_progress.csv",
    "columnar": EXAMPLES / "ezhou_progress.csv",
    "investment": EXAMPLES / "ezhou_investment.csv",
    "submissions": EXAMPLES / "ezhou_submissions.csv",
}
LIST_NAMES = {
    "observations": ("ezhou-recovery/observations", "observations"),
    "columnar": ("ezhou-recovery/observations", "observations"),
    "investment": ("ezhou-recovery/investment", "investment_reports"),
    "submissions": ("ezhou-recovery/submissions", "submissions"),
}


def rows_of(kind: str) -> list[dict[str, str]]:
    with CSV_FILES[kind].open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def json_document(kind: str, rows: list[Any]) -> dict[str, Any]:
    name, list_name = LIST_NAMES[kind]
    return {"format": name, "format_version": 1, list_name: rows}


def exercise(kind: str, loaded: Any) -> None:
    """What a caller does with what was loaded: none of it may fail."""
    if kind == "submissions":
        # a submission the plan does not owe: the documented error of compliance
        with contextlib.suppress(UnmatchedSubmissionError):
            er.compliance(PLAN, loaded, PLAN.period.end)
        return
    try:
        if kind == "investment":
            er.assess(PLAN, [], as_of=PLAN.period.end, investment=loaded)
        else:
            er.assess(PLAN, loaded, as_of=PLAN.period.end)
    except er.InvariantError as error:
        # two values of one target (or subject) on one day that differ: assess's documented error
        assert "disagree" in str(error)  # noqa: PT017


def load(kind: str, path: Path) -> er.LoadError | None:
    """Run a loader; return its LoadError (checked to name the file), or None after using what
    it loaded."""
    try:
        loaded = LOADERS[kind](path)
    except er.LoadError as error:
        caught = error
    else:
        exercise(kind, loaded)
        return None
    assert caught.source == str(path)
    assert str(caught).startswith(str(path))
    assert caught.problem
    return caught


def write(tmp: Path, name: str, raw: bytes) -> Path:
    path = tmp / name
    path.write_bytes(raw)
    return path


kinds = st.sampled_from(sorted(LOADERS))


@FILES
@given(kind=kinds, raw=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json"]))
def test_random_bytes(tmp_path: Path, kind: str, raw: bytes, suffix: str) -> None:
    load(kind, write(tmp_path, "garbage" + suffix, raw))


@FILES
@given(kind=kinds, text=st.text(max_size=200), suffix=st.sampled_from([".csv", ".json"]))
def test_random_text(tmp_path: Path, kind: str, text: str, suffix: str) -> None:
    load(kind, write(tmp_path, "garbage" + suffix, text.encode("utf-8")))


@FILES
@given(kind=kinds, data=st.data())
def test_truncated_csv(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    raw = CSV_FILES[kind].read_bytes()
    cut = data.draw(st.integers(0, len(raw) - 1))
    path = write(tmp_path, "cut.csv", raw[:cut])
    error = load(kind, path)
    if error is None:  # cut at the end of a row (or inside a last cell): fewer entries, no more
        full = LOADERS[kind](CSV_FILES[kind])
        assert len(LOADERS[kind](path)) <= len(full)


@FILES
@given(kind=kinds, data=st.data())
def test_truncated_json(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    raw = json.dumps(json_document(kind, rows_of(kind)), ensure_ascii=False).encode()
    cut = data.draw(st.integers(1, len(raw) - 1))
    assert load(kind, write(tmp_path, "cut.json", raw[:cut])) is not None


junk = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.sampled_from(
        [
            -1,
            0,
            10**30,
            10**400,
            "",
            " ",
            "2021-02-30",
            "2021-13-01",
            "0000-01-01",
            "9999-12-31",
            "2021-06-30T25:00+08:00",
            "2021-06-30T10:00",
            "NaN",
            "nan公里",
            "Infinity",
            "-inf km",
            "inf亿元",
            "1e999999999999亿元",
            "1e-999999999999亿元",
            "1" + "0" * 400 + "个",
            "-5公里",
            "-5亿元",
            "12 茶杯",
            "12 furlongs_per_fortnight",
            "12 km**1e999",
            "3 __import__('os')",
            "77.6公里",
            "1,444个",
            "12.5",
            "in_progress",
            "推进中",
            "是",
            "transport.no_such_target",
            "no_such_category",
            "transport",
            "q/-/d/2021Q1",
            "a/b/c",
        ]
    )
    | st.text(max_size=10)
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=4), st.integers(), max_size=2)
)


@FILES
@given(kind=kinds, data=st.data(), value=junk)
def test_a_wrong_value_in_a_json_entry(
    tmp_path: Path, kind: str, data: st.DataObject, value: Any
) -> None:
    rows: list[Any] = [{k: v for k, v in r.items() if v != ""} for r in rows_of(kind)]
    i = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(st.sampled_from([*sorted(rows[i]), "colour"]))
    rows[i][field] = value
    raw = json.dumps(json_document(kind, rows), ensure_ascii=False).encode()
    error = load(kind, write(tmp_path, "entries.json", raw))
    if error is not None and error.path.startswith(LIST_NAMES[kind][1] + "["):
        assert error.path.startswith(f"{LIST_NAMES[kind][1]}[{i}]")


def csv_text(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(rows[0]), lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@FILES
@given(kind=kinds, data=st.data(), value=junk.filter(lambda v: isinstance(v, str | int | float)))
def test_a_wrong_value_in_a_csv_cell(
    tmp_path: Path, kind: str, data: st.DataObject, value: Any
) -> None:
    rows: list[dict[str, Any]] = [dict(r) for r in rows_of(kind)]
    i = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(st.sampled_from(sorted(rows[i])))
    rows[i][field] = str(value)
    error = load(kind, write(tmp_path, "cells.csv", csv_text(rows)))
    if error is not None and error.path.startswith("row"):
        assert error.path.split(".")[0] == f"row {i + 2}"  # the header is row 1


@FILES
@given(kind=kinds, data=st.data())
def test_a_missing_field(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    rows: list[Any] = [{k: v for k, v in r.items() if v != ""} for r in rows_of(kind)]
    i = data.draw(st.integers(0, len(rows) - 1))
    del rows[i][data.draw(st.sampled_from(sorted(rows[i])))]
    raw = json.dumps(json_document(kind, rows), ensure_ascii=False).encode()
    load(kind, write(tmp_path, "entries.json", raw))


@pytest.mark.parametrize("kind", sorted(LOADERS))
@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d, n: d.update(format_version=2), ""),
        (lambda d, n: d.update(format="ezhou-recovery/programme"), "format"),
        (lambda d, n: d.update(colour="red"), ""),
        (lambda d, n: d.update({n: {"a": 1}}), ""),
        (lambda d, n: d[n].append(17), "[1]"),
        (lambda d, n: d[n].append({}), "[1]"),
    ],
)
def test_broken_documents_are_named(tmp_path: Path, kind: str, change: Any, where: str) -> None:
    rows = [{k: v for k, v in r.items() if v != ""} for r in rows_of(kind)][:1]
    document = copy.deepcopy(json_document(kind, rows))
    list_name = LIST_NAMES[kind][1]
    change(document, list_name)
    error = load(kind, write(tmp_path, "doc.json", json.dumps(document).encode()))
    assert error is not None
    if where.startswith("["):
        assert error.path.startswith(list_name + where)


ROW_CASES = {
    "observations": [
        ("as_of", "2021-02-30", "date"),
        ("value", "nan公里", "number"),
        ("value", "inf公里", "number"),
        ("value", "-5个", "negative"),
        ("value", "12 茶杯", "unknown unit"),
        ("value", "1" + "0" * 400 + "个", ""),
        ("value", "1" + "0" * 31, "beyond"),  # the columnar reader once took it as a float
        ("value", "0." + "0" * 31 + "1", "beyond"),
        ("target", "transport.no_such_target", "unknown target"),
    ],
    "investment": [
        ("as_of", "2021-02-30", "date"),
        ("completed", "nan亿元", ""),
        ("completed", "inf亿元", ""),
        ("completed", "-5亿元", "negative"),
        ("completed", "12", "unit"),
        ("completed", "1e999999999999亿元", ""),
        ("subject", "no_such_category", "not a category"),
    ],
    "submissions": [
        ("submitted_at", "2021-02-30", "date"),
        ("submitted_at", "2021-06-30T10:00", "zone"),
        ("submitted_at", "2021-06-30T25:00+08:00", ""),
        ("obligation", "Not A Key", "identifier"),
    ],
}


@pytest.mark.parametrize(
    ("kind", "field", "value", "problem"),
    [
        (kind, *case)
        for kind in ("observations", "columnar", "investment", "submissions")
        for case in ROW_CASES["observations" if kind == "columnar" else kind]
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_named_problems(
    tmp_path: Path, kind: str, field: str, value: str, problem: str, suffix: str
) -> None:
    rows = [dict(r) for r in rows_of(kind)][:3]
    rows[1][field] = value
    if suffix == ".csv":
        raw = csv_text(rows)
    else:
        entries = [{k: v for k, v in r.items() if v != ""} for r in rows]
        raw = json.dumps(json_document(kind, entries), ensure_ascii=False).encode()
    error = load(kind, write(tmp_path, "bad" + suffix, raw))
    assert error is not None
    where = "row 3" if suffix == ".csv" else f"{LIST_NAMES[kind][1]}[1]"
    assert error.path.startswith(where), error
    assert problem.lower() in str(error).lower()


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_a_huge_file_of_one_line_ends_in_an_error(tmp_path: Path, kind: str) -> None:
    header = CSV_FILES[kind].read_text(encoding="utf-8").splitlines()[0]
    raw = (header + "\n" + "x," * 200_000 + "\n").encode()
    assert load(kind, write(tmp_path, "wide.csv", raw)) is not None


@pytest.mark.parametrize("kind", sorted(LOADERS))
@pytest.mark.parametrize("raw", [b'"', b'target,"as_of', b"\xef\xbb\xbf", b"\x00"])
def test_broken_csv_syntax_is_named(tmp_path: Path, kind: str, raw: bytes) -> None:
    # the submissions reader once let csv.Error out of an unterminated quote in the header
    assert load(kind, write(tmp_path, "broken.csv", raw)) is not None
