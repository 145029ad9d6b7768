"""Loading a programme file: every problem is a LoadError naming the file, the entry and the value."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import ezhou_recovery as er
from ezhou_recovery import LoadError, load_programme

SAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "small_programme.toml"


def sample_data() -> dict[str, Any]:
    return tomllib.loads(SAMPLE.read_text(encoding="utf-8"))


def write_json(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_the_sample_loads_from_toml_and_from_json(tmp_path: Path) -> None:
    from_toml = load_programme(SAMPLE)
    from_json = load_programme(write_json(tmp_path, sample_data()))
    assert from_toml == from_json


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        (b"", "plan.toml", "empty"),
        (b"   \n", "plan.json", "empty"),
        (b"key = ", "plan.toml", "not valid TOML"),
        (b"{", "plan.json", "not valid JSON"),
        (b"\xff\xfe\x00", "plan.toml", "not UTF-8"),
        (b"[1, 2]", "plan.json", "table of fields"),
        (b"{}", "plan.yaml", "unknown file type"),
        (b'{"a": NaN}', "plan.json", "NaN"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, name: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as info:
        load_programme(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        load_programme(tmp_path / "nope.toml")


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split("/")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is _DELETE:
        del node[last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("where", "value", "path", "fragment"),
    [
        ("format", "something-else", "format", "expected 'ezhou-recovery/programme'"),
        ("format_version", 99, "format_version", "unknown version"),
        (
            "categories/0/targets/1/value",
            "80 furlongz",
            "categories[0].targets[1].value",
            "unknown unit",
        ),
        (
            "categories/0/targets/1/value",
            80,
            "categories[0].targets[1].value",
            "quantity written as text",
        ),
        (
            "categories/0/targets/0/kind",
            "someday",
            "categories[0].targets[0].kind",
            "expected one of",
        ),
        (
            "categories/1/targets/0/comparator",
            "below",
            "categories[1].targets[0].comparator",
            "expected one of",
        ),
        ("categories/0/portfolio/project_count", -3, "categories[0].portfolio", "zero or more"),
        (
            "categories/0/portfolio/project_count",
            "3",
            "categories[0].portfolio.project_count",
            "whole number",
        ),
        (
            "categories/0/portfolio/total_investment",
            "1亿元",
            "categories[0].portfolio",
            "above total_investment",
        ),
        ("issued", "2021-02-30", "issued", "not a real date"),
        ("issued", "March 2021", "issued", "YYYY-MM-DD"),
        ("categories/0/name_zh", 12, "categories[0].name_zh", "expected a text"),
        ("categories/0/surprise", 1, "categories[0]", "unknown field 'surprise' of category"),
        ("categories/0/name_en", _DELETE, "categories[0].name_en", "required field missing"),
        ("categories/1/targets/1/deadline", "2030-01-01", "categories[1]", "outside the programme"),
        ("categories/0/leader", "张三", "categories[0].leader", ""),
    ],
)
def test_bad_entries_name_the_path_and_value(
    tmp_path: Path, where: str, value: Any, path: str, fragment: str
) -> None:
    data = sample_data()
    _set(data, where, value)
    file = write_json(tmp_path, data)
    with pytest.raises(LoadError) as info:
        load_programme(file)
    error = info.value
    assert error.source == str(file)
    assert error.path.startswith(path)
    assert fragment in error.problem
    assert str(file) in str(error)


def test_the_error_carries_every_problem(tmp_path: Path) -> None:
    data = sample_data()
    data["categories"][0]["name_zh"] = 1
    data["categories"][1]["name_en"] = 2
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert [p[0] for p in info.value.problems] == ["categories[0].name_zh", "categories[1].name_en"]
    assert "1 more problem" in str(info.value)


def test_a_bad_value_is_quoted(tmp_path: Path) -> None:
    data = sample_data()
    data["categories"][0]["targets"][0]["value"] = "60斤"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert info.value.value == "60斤"
    assert "'60斤'" in str(info.value)


def test_load_error_is_the_library_error() -> None:
    assert issubclass(LoadError, er.EzhouRecoveryError)
    assert issubclass(LoadError, ValueError)


def test_values_are_shown_as_written(tmp_path: Path) -> None:
    data = sample_data()
    data["categories"][1]["targets"][1]["deadline"] = "2030-01-01"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert "(value: 2030-01-01)" in str(info.value)
    assert "datetime" not in str(info.value)


def test_a_misspelt_field_is_named_before_the_missing_one(tmp_path: Path) -> None:
    data = sample_data()
    data["document_nubmer"] = data.pop("document_number")
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert info.value.problem == (
        "unknown field 'document_nubmer' (did you mean 'document_number'?) of programme "
        "'sample_county_2021_2023'"
    )
    assert ("document_number", "required field missing", None) in info.value.problems


def test_money_in_another_unit_names_the_unit(tmp_path: Path) -> None:
    data = sample_data()
    data["categories"][0]["portfolio"]["total_investment"] = "30公里"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert "元, 万元 or 亿元, not in km" in info.value.problem
    assert info.value.value == "30公里"
