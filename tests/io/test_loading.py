"""Loading a programme file: every problem is a LoadError naming the file, the entry and the value."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import ezhou_recovery as er
from ezhou_recovery import LoadError, load_programme
from ezhou_recovery.model.targets import Comparator

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"


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


def _first_target(data: dict[str, Any]) -> dict[str, Any]:
    target: dict[str, Any] = data["categories"][0]["targets"][0]
    return target


@pytest.mark.parametrize(
    ("value", "comparator", "about"),
    [
        ("99%以上", Comparator.AT_LEAST, False),
        ("不低于90%", Comparator.AT_LEAST, False),
        ("30分钟以内", Comparator.AT_MOST, False),
        ("80%左右", Comparator.AT_LEAST, True),
    ],
)
def test_a_qualified_value_sets_the_comparator(
    tmp_path: Path, value: str, comparator: Comparator, about: bool
) -> None:
    data = sample_data()
    target = _first_target(data)
    target.pop("comparator", None)
    target["value"] = value
    loaded = load_programme(write_json(tmp_path, data)).targets[0]
    assert (loaded.comparator, loaded.about) == (comparator, about)


def test_a_comparator_that_contradicts_the_qualifier_is_an_error(tmp_path: Path) -> None:
    data = sample_data()
    target = _first_target(data)
    target["value"], target["comparator"] = "99%以上", "at_most"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert (info.value.path, info.value.problem) == (
        "categories[0].targets[0].comparator",
        "the value '99%以上' says 以上 (at_least); the comparator says at_most",
    )


def test_an_invariant_is_named_once_with_the_value_as_written(tmp_path: Path) -> None:
    data = sample_data()
    target = _first_target(data)
    target["kind"], target["value"] = "milestone", "18万千瓦"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert str(info.value) == (
        f"{tmp_path / 'plan.json'}: categories[0].targets[0].value: a milestone target has no "
        "value (value: '18万千瓦')"
    )
    data = sample_data()
    _first_target(data)["deadline"] = "2030-01-01"
    with pytest.raises(LoadError) as late:
        load_programme(write_json(tmp_path, data))
    assert late.value.path == "categories[0].targets[0].deadline"
    assert late.value.problem == "is outside the programme (2021-01-01 to 2023-12-31)"


def test_a_dimension_error_in_a_file_says_what_the_quantities_are(tmp_path: Path) -> None:
    data = sample_data()
    target = _first_target(data)
    target["value"], target["baseline"] = "18万千瓦", {"value": "5 ha"}
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert (info.value.path, info.value.problem, info.value.value) == (
        "categories[0].targets[0].baseline",
        "5 ha is an area; this target counts power (万千瓦)",
        "5 ha",
    )


def test_counted_things_are_declared_by_the_file(tmp_path: Path) -> None:
    data = sample_data()
    data["counted_things"] = [
        {"name": "test_camp", "measure_word": "个", "name_zh": "营区", "name_en": "camp"}
    ]
    _first_target(data)["value"] = "3个营区"
    plan = load_programme(write_json(tmp_path, data))
    assert plan.targets[0].value == er.Q_(3, "test_camp")
    assert plan.counted_things[0].name_en == "camp"
    data["counted_things"][0]["measure_word"] = "块"
    with pytest.raises(LoadError) as info:
        load_programme(write_json(tmp_path, data))
    assert info.value.path == "counted_things[0].measure_word"
    assert info.value.problem.startswith("must be one of the measure words")
