"""JSON Schemas: generated from the code, shipped in docs/schemas, valid for real and generated data."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.io.json.documents import document_format, document_formats
from ezhou_recovery.io.json.schema import json_schema, schema_file_name, write_schemas

ROOT = Path(__file__).parents[3]
SCHEMAS = ROOT / "docs" / "schemas"
PROGRAMME_SCHEMA = json_schema(er.Programme)
PROGRAMME_VALIDATOR = jsonschema.Draft202012Validator(
    PROGRAMME_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def as_json(value: Any) -> Any:
    """TOML data (with dates) in the form JSON has."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def ezhou_plan_data() -> Any:
    text = (
        resources.files("ezhou_recovery")
        .joinpath("data", "ezhou_2020_2022.toml")
        .read_text("utf-8")
    )
    return as_json(tomllib.loads(text))


def test_committed_schemas_are_the_generated_ones(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SCHEMAS.glob("*.json"))
    for path in written:
        committed = (SCHEMAS / path.name).read_text(encoding="utf-8")
        assert committed == path.read_text(encoding="utf-8"), (
            f"{path.name} is stale: run `python -m ezhou_recovery.io.json.schema docs/schemas`"
        )


@pytest.mark.parametrize("document", document_formats(), ids=lambda d: d.name)
def test_schemas_are_valid_json_schemas(document: Any) -> None:
    schema = json_schema(document.cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format"] == {"const": document.name}
    assert schema["additionalProperties"] is False
    for definition in schema.get("$defs", {}).values():
        assert definition["additionalProperties"] is False


def test_embedded_ezhou_plan_is_valid() -> None:
    errors = [e.message for e in PROGRAMME_VALIDATOR.iter_errors(ezhou_plan_data())]
    assert errors == []


def test_sample_programme_is_valid() -> None:
    data = as_json(tomllib.loads((ROOT / "docs/examples/small_programme.toml").read_text("utf-8")))
    assert [e.message for e in PROGRAMME_VALIDATOR.iter_errors(data)] == []


def test_written_ezhou_plan_is_valid() -> None:
    data = json.loads(er.to_json(er.load_ezhou_plan()))
    assert [e.message for e in PROGRAMME_VALIDATOR.iter_errors(data)] == []


@given(ers.programmes())
def test_written_programmes_are_valid(programme: er.Programme) -> None:
    PROGRAMME_VALIDATOR.validate(json.loads(er.to_json(programme)))


@given(ers.targets())
def test_written_targets_are_valid(target: er.Target) -> None:
    jsonschema.validate(json.loads(er.to_json(target)), json_schema(er.Target))


def _broken(change: Any) -> Any:
    data = ezhou_plan_data()
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format_version=2),
        lambda d: d.update(format="ezhou-recovery/target"),
        lambda d: d.update(colour="red"),
        lambda d: d["categories"][0].update(key="Public Health"),
        lambda d: d["categories"][0]["targets"][0].update(kind="wish"),
        lambda d: d["categories"][0]["targets"][0].update(value=77.6),
        lambda d: d["categories"][0]["lead_departments"][0].pop("name_zh"),
        lambda d: d["obligations"][0]["rule"].update(month_of_quarter=4),
        lambda d: d.update(issued="2020-7-1"),
        lambda d: d["categories"][0].update(number=-1),
    ],
)
def test_schema_rejects_broken_plans(change: Any) -> None:
    assert not PROGRAMME_VALIDATOR.is_valid(_broken(change))


def test_a_target_deadline_is_optional_in_a_programme_only() -> None:
    data = ezhou_plan_data()
    target = data["categories"][0]["targets"][0]
    target.pop("deadline", None)
    assert PROGRAMME_VALIDATOR.is_valid(data)
    alone = {"format": "ezhou-recovery/target", "format_version": 1, **target}
    assert not jsonschema.Draft202012Validator(json_schema(er.Target)).is_valid(alone)


def test_enums_are_listed() -> None:
    target = PROGRAMME_SCHEMA["$defs"]["Target"]["properties"]
    assert target["kind"]["enum"] == [k.value for k in er.TargetKind]
    assert target["comparator"]["enum"] == ["at_least", "at_most", "equal"]


def test_file_names() -> None:
    assert schema_file_name(document_format(er.Programme)) == "programme.schema.json"
    assert (SCHEMAS / "programme.schema.json").is_file()


def test_unknown_types_are_refused() -> None:
    with pytest.raises(TypeError, match="no document format"):
        json_schema(dict)
