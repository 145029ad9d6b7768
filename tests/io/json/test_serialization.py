"""Lossless JSON documents: to_json / from_json, formats and versions, errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.io.json.documents import (
    DocumentFormat,
    document_format,
    document_formats,
    register_format,
)
from ezhou_recovery.units import COUNTED_THINGS
from ezhou_recovery.units._registry import ZH_UNITS

SAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "small_programme.toml"

PUBLIC_MODEL_TYPES = [
    er.Programme,
    er.Category,
    er.Target,
    er.Baseline,
    er.Project,
    er.Portfolio,
    er.Department,
    er.Official,
    er.ReportingObligation,
    er.DueRule,
    er.Deadline,
    er.Period,
    er.InvestmentReport,
    er.Task,
    er.Funding,
    er.Milestone,
    er.PlannedInvestment,
    er.AnnualInvestmentPlan,
    er.Observation,
    er.Submission,
]


@pytest.fixture(scope="module")
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


def test_every_public_model_type_has_a_format() -> None:
    names = [document_format(cls).name for cls in PUBLIC_MODEL_TYPES]
    assert len(set(names)) == len(names)
    assert {d.cls for d in document_formats()} >= set(PUBLIC_MODEL_TYPES)


@pytest.mark.parametrize("cls", PUBLIC_MODEL_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_round_trip_of_every_type(cls: type, data: st.DataObject) -> None:
    obj = data.draw(st.from_type(cls))
    text = er.to_json(obj)
    assert er.from_json(text, cls) == obj
    assert er.to_json(er.from_json(text, cls)) == text


@given(ers.programmes())
def test_programme_round_trip(programme: er.Programme) -> None:
    assert er.from_json(er.to_json(programme), er.Programme) == programme


@given(ers.categories())
def test_category_round_trip(category: er.Category) -> None:
    assert er.from_json(er.to_json(category), er.Category) == category


@given(ers.targets())
def test_target_round_trip(target: er.Target) -> None:
    back = er.from_json(er.to_json(target), er.Target)
    assert back == target
    if target.value is not None:
        assert back.value is not None
        assert back.value.magnitude == target.value.magnitude
        assert str(back.value.magnitude) == str(target.value.magnitude)  # trailing zeros kept
        assert back.value.units == target.value.units


@given(ers.projects(with_milestones=True))
def test_project_round_trip(project: er.Project) -> None:
    assert er.from_json(er.to_json(project), er.Project) == project


@given(ers.programmes(max_categories=2))
def test_written_programme_file_loads(tmp_path_factory: Any, programme: er.Programme) -> None:
    path = tmp_path_factory.mktemp("json") / "programme.json"
    path.write_text(er.to_json(programme), encoding="utf-8")
    assert er.load_programme(path) == programme


def test_sample_round_trips_through_a_file(tmp_path: Path, sample: er.Programme) -> None:
    path = tmp_path / "sample.json"
    path.write_text(er.to_json(sample), encoding="utf-8")
    assert er.load_programme(path) == sample


def test_document_carries_format_and_version(sample: er.Programme) -> None:
    data = json.loads(er.to_json(sample))
    assert (data["format"], data["format_version"]) == ("ezhou-recovery/programme", 1)
    target = json.loads(er.to_json(sample.targets[0]))
    assert target["format"] == "ezhou-recovery/target"


def test_chinese_text_is_written_as_is(sample: er.Programme) -> None:
    text = er.to_json(sample)
    assert sample.title_zh in text
    assert "\\u" not in text


def test_money_is_exact_text(sample: er.Programme) -> None:
    category = json.loads(er.to_json(sample.categories[0]))
    assert category["portfolio"]["total_investment"] == "12.5 yi_yuan"
    funding = category["projects"][0]["funding"][1]
    assert funding["amount"] == "12000 wan_yuan"  # its own unit, not converted


UNIT_EXPRESSIONS = sorted(
    {*ZH_UNITS.values(), *COUNTED_THINGS, "m**2/person", "km_per_km2", "m**2/person/year", "1/km"}
)


@pytest.mark.parametrize("unit", UNIT_EXPRESSIONS)
def test_every_unit_round_trips(unit: str) -> None:
    baseline = er.Baseline(er.Q_(Decimal("12.50"), unit))
    back = er.from_json(er.to_json(baseline), er.Baseline)
    assert back.value.units == baseline.value.units
    assert str(back.value.magnitude) == "12.50"


@given(
    st.floats(min_value=0, max_value=1e15, exclude_max=True).filter(lambda x: x >= 1e-6 or x == 0)
)
def test_float_magnitudes_round_trip_as_their_shortest_text(x: float) -> None:
    baseline = er.Baseline(er.Q_(x, "km"))
    back = er.from_json(er.to_json(baseline), er.Baseline)
    assert back.value.magnitude == Decimal(repr(x))  # as every reader reads a float
    assert float(back.value.magnitude) == x


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (1e20, "beyond"),  # the reader refuses such numbers, so the writer does too
        (Decimal("1E-31"), "beyond"),
        (Decimal("1.0000000000000000001"), "significant digits"),
    ],
)
def test_a_magnitude_that_cannot_be_read_back_is_not_written(bad: Any, problem: str) -> None:
    baseline = er.Baseline(er.Q_(bad, "km"))
    with pytest.raises(er.UnitError, match=problem):
        er.to_json(baseline)
    assert er.to_json(er.Baseline(er.Q_(Decimal("999999999999999.999"), "km")))


@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity")]
)
def test_a_non_finite_magnitude_is_refused_when_built(bad: Any) -> None:
    with pytest.raises(er.InvariantError, match="finite"):
        er.Baseline(er.Q_(bad, "km"))
    with pytest.raises(er.InvariantError, match="finite"):
        er.Observation("a.b", date(2021, 1, 1), er.Q_(bad, "km"))


def test_dates_are_iso(sample: er.Programme) -> None:
    assert json.loads(er.to_json(sample))["issued"] == "2021-03-01"
    period = er.from_json(
        '{"format": "ezhou-recovery/period", "format_version": 1, '
        '"start": "2020-02-29", "end": "2020-03-01"}',
        er.Period,
    )
    assert period == er.Period(date(2020, 2, 29), date(2020, 3, 1))


def _document(**changes: Any) -> str:
    data: dict[str, Any] = {
        "format": "ezhou-recovery/department",
        "format_version": 1,
        "key": "finance",
        "name_zh": "市财政局",
        "name_en": "Finance",
    }
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "path", "problem"),
    [
        (_document(format_version=2), "format_version", "unknown version"),
        (_document(format_version=True), "format_version", "unknown version"),
        (_document(format_version=1.0), "format_version", "unknown version"),
        (_document(format_version=...), "format_version", "unknown version"),
        (_document(format="ezhou-recovery/official"), "format", "expected"),
        (_document(format=...), "format", "expected"),
        (_document(key="Not A Slug"), "key", "identifier"),
        (_document(name_zh=12), "name_zh", "text"),
        (_document(extra=1), "", "unknown field"),
        (_document(name_en=...), "name_en", "required"),
        ("[1, 2]", "", "table"),
        ('{"format": NaN}', "", "NaN"),
        ("{", "line 1 column 2", "not valid JSON"),
        ("", "", "empty"),
        ("[" * 100_000, "", "JSON"),
    ],
)
def test_bad_documents_are_load_errors(text: str, path: str, problem: str) -> None:
    with pytest.raises(er.LoadError) as info:
        er.from_json(text, er.Department, source="doc.json")
    assert info.value.source == "doc.json"
    assert info.value.path == path
    assert problem in str(info.value)


def test_another_format_is_named_in_the_error(sample: er.Programme) -> None:
    with pytest.raises(er.LoadError, match="ezhou-recovery/programme"):
        er.from_json(er.to_json(sample.categories[0]), er.Programme)


def test_unknown_class_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="no document format"):
        er.to_json(object())
    with pytest.raises(TypeError, match="no document format"):
        er.from_json("{}", dict)


@attrs.frozen
class _Reading:
    subject: str
    value: int


def test_other_types_plug_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from ezhou_recovery.io.json import documents as serialization

    monkeypatch.setattr(serialization, "_FORMATS", dict(serialization._FORMATS))  # undone after
    register_format(DocumentFormat(_Reading, "test/reading", 3))
    text = er.to_json(_Reading("a", 1))
    assert json.loads(text)["format_version"] == 3
    assert er.from_json(text, _Reading) == _Reading("a", 1)
    with pytest.raises(ValueError, match="taken"):
        register_format(DocumentFormat(er.Task, "test/reading", 1))
