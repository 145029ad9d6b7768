"""The programme loaders (TOML, JSON, from_json) on generated garbage: LoadError naming where, or a
programme that works; never another exception. No input can run code or read another file."""

from __future__ import annotations

import builtins
import copy
import io
import json
import math
import pathlib
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.io.programme_files import parse_data, programme_from_data

ROOT = Path(__file__).parents[2]
EZHOU_TOML = resources.files("ezhou_recovery").joinpath("data", "ezhou_2020_2022.toml").read_bytes()
SAMPLE_TOML = (ROOT / "docs" / "examples" / "small_programme.toml").read_bytes()
SAMPLE_JSON = er.to_json(er.load_programme(ROOT / "docs" / "examples" / "small_programme.toml"))
SAMPLE_DATA = json.loads(SAMPLE_JSON)

FILES = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def exercise(programme: er.Programme) -> None:
    """What a caller does with a loaded programme: none of it may fail."""
    programme.total_investment  # noqa: B018
    programme.first_year_investment  # noqa: B018
    programme.deadlines()
    er.validate(programme, deadlines=programme.deadlines())
    assert er.from_json(er.to_json(programme), er.Programme) == programme


def load_or_error(load: Callable[[], er.Programme]) -> er.LoadError | None:
    """Run a loader; return its LoadError, or None after exercising what it loaded."""
    try:
        programme = load()
    except er.LoadError as error:
        caught = error
    else:
        exercise(programme)
        return None
    assert str(caught).startswith(caught.source)
    assert caught.problem
    return caught


def load_file(tmp_path: Path, name: str, raw: bytes) -> er.LoadError | None:
    path = tmp_path / name
    path.write_bytes(raw)
    error = load_or_error(lambda: er.load_programme(path))
    if error is not None:
        assert error.source == str(path)
    return error


@FILES
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".toml", ".json"]))
def test_random_bytes(tmp_path: Path, raw: bytes, suffix: str) -> None:
    assert load_file(tmp_path, "garbage" + suffix, raw) is not None


@FILES
@given(text=st.text(max_size=200), suffix=st.sampled_from([".toml", ".json"]))
def test_random_text(tmp_path: Path, text: str, suffix: str) -> None:
    load_file(tmp_path, "garbage" + suffix, text.encode("utf-8"))


@FILES
@given(cut=st.integers(0, len(EZHOU_TOML) - 1))
def test_truncated_toml(tmp_path: Path, cut: int) -> None:
    # A TOML file cut at the end of a table is still valid TOML: then a smaller programme loads.
    load_file(tmp_path, "plan.toml", EZHOU_TOML[:cut])


@FILES
@given(cut=st.integers(0, len(SAMPLE_JSON.encode()) - 1))
def test_truncated_json(tmp_path: Path, cut: int) -> None:
    raw = SAMPLE_JSON.encode()[:cut]
    if raw.strip() and raw.strip() != SAMPLE_JSON.encode().strip():  # no prefix is a document
        assert load_file(tmp_path, "plan.json", raw) is not None


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested data."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*prefix, i))
    return found


PLACES = paths(SAMPLE_DATA)[1:]

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.sampled_from(
        [
            -1,
            0,
            10**30,
            "",
            " ",
            "2021-02-30",
            "2021-13-01",
            "9999-12-31",
            "0001-01-01",
            "2021-02-28T10:00:00",
            "NaN",
            "Infinity",
            "-Infinity",
            "nan km",
            "inf亿元",
            "1e999999999999亿元",
            "-5 km",
            "12 furlongs_per_fortnight",
            "12 km**1e999",
            "3 __import__('os')",
            "77.6公里",
            "1,444张床位",
            "quarterly",
            "at_least",
            "transport.x",
        ]
    )
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@given(place=st.sampled_from(PLACES), value=junk)
def test_a_wrong_value_anywhere(place: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(SAMPLE_DATA)
    parent = data
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = value
    error = load_or_error(lambda: programme_from_data(data, source="plan.json"))
    if error is not None and error.path:
        named = str(place[0])
        # the error names the place (or, for a rule between fields, the object holding them)
        assert error.path.split(".")[0].split("[")[0] in {named, *SAMPLE_DATA}


@given(place=st.sampled_from(PLACES))
def test_a_missing_field_anywhere(place: tuple[Any, ...]) -> None:
    data = copy.deepcopy(SAMPLE_DATA)
    parent = data
    for step in place[:-1]:
        parent = parent[step]
    del parent[place[-1]]
    load_or_error(lambda: programme_from_data(data, source="plan.json"))


@pytest.mark.parametrize(
    ("snippet", "path"),
    [
        ("issued = 2021-02-30", ""),  # TOML itself refuses it
        ('issued = "2021-02-30"', "issued"),
        ("issued = 9999-12-31", "issued"),
        ("issued = 1", "issued"),
        ("issued = nan", "issued"),
        ("issued = inf", "issued"),
        ("issued = 1" + "0" * 5000, ""),
        ("issued = " + "[" * 3000, ""),
        ('title_en = """' + "x" * 10, ""),
    ],
)
def test_toml_garbage_is_named(tmp_path: Path, snippet: str, path: str) -> None:
    text = SAMPLE_TOML.decode().replace("issued = 2021-03-01", snippet, 1)
    error = load_file(tmp_path, "plan.toml", text.encode())
    assert error is not None
    assert error.path == path


@pytest.mark.parametrize(
    ("place", "value", "problem"),
    [
        (("categories", 0, "portfolio", "project_count"), -1, "zero or more"),
        (("categories", 0, "portfolio", "total_investment"), "1e999999999999亿元", "beyond"),
        (("categories", 0, "targets", 0, "value"), "NaN km", "not a number"),
        (("categories", 0, "targets", 0, "value"), "12 茶杯", "unknown unit"),
        (("categories", 0, "targets", 0, "value"), "12 km**1e999", "power"),
        (("period", "end"), "9999-12-31", "outside the years"),
        (("period", "start"), "2021-02-30", "not a real date"),
        (("categories", 0, "number"), 1.5, "whole number"),
        (("categories", 0, "number"), True, "whole number"),
        (("categories", 0, "name_zh"), 12, "text"),
    ],
)
def test_json_garbage_is_named(
    tmp_path: Path, place: tuple[Any, ...], value: Any, problem: str
) -> None:
    data = copy.deepcopy(SAMPLE_DATA)
    *steps, last = place
    parent = data
    for step in steps:
        parent = parent[step]
    parent[last] = value
    error = load_file(tmp_path, "plan.json", json.dumps(data, ensure_ascii=False).encode())
    assert error is not None
    where = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in place).lstrip(".")
    assert error.path == where
    assert problem in str(error)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_are_refused(constant: str) -> None:
    text = SAMPLE_JSON.replace('"number": 1', f'"number": {constant}', 1)
    with pytest.raises(er.LoadError, match=constant.lstrip("-")):
        er.from_json(text, er.Programme)


def test_huge_json_number() -> None:
    text = SAMPLE_JSON.replace('"number": 1', '"number": 1' + "0" * 5000, 1)
    with pytest.raises(er.LoadError, match="digits"):
        er.from_json(text, er.Programme)


def test_no_input_runs_code_or_opens_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = tmp_path / "canary"
    attack = f"__import__('pathlib').Path({str(canary)!r}).touch()"
    opened: list[str] = []
    real_open, real_read = builtins.open, pathlib.Path.read_bytes

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def spy_read(self: Path) -> bytes:
        opened.append(str(self))
        return real_read(self)

    data = copy.deepcopy(SAMPLE_DATA)
    data["categories"][0]["targets"][0]["value"] = f"1 {attack}"
    data["source_url"] = "file:///etc/passwd"
    data["categories"][0]["name_en"] = "!include /etc/passwd"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_read)
    with pytest.raises(er.LoadError, match="unknown unit"):
        er.load_programme(path)
    assert not canary.exists()
    assert set(opened) == {str(path)}


def test_toml_and_json_parse_to_plain_data_only() -> None:
    data = parse_data(EZHOU_TOML, source="plan.toml", suffix=".toml")
    allowed = (dict, list, str, int, bool, float, type(None), __import__("datetime").date)

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, allowed) and not (isinstance(value, float) and math.isnan(value))

    assert plain(data)
    assert tomllib.loads(EZHOU_TOML.decode()) == data
