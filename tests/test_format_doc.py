"""docs/format.md describes the programme format; its example file loads and says what it says."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import ezhou_recovery as er
from ezhou_recovery.io import programme_files as loading

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"
FORMAT_DOC = ROOT / "docs" / "format.md"


def test_example_loads_with_the_values_it_writes() -> None:
    plan = er.load_programme(EXAMPLE)
    assert plan.key == "sample_county_2021_2023"
    assert plan.period == er.Period(date(2021, 1, 1), date(2023, 12, 31))
    assert [c.key for c in plan.categories] == ["transport", "water"]
    roads = plan.target("transport.rural_roads")
    assert roads.value == er.Q_(Decimal(60), "km")
    assert roads.kind is er.TargetKind.CUMULATIVE
    # A target without a deadline is due at the end of the period.
    assert roads.deadline == date(2023, 12, 31)
    assert plan.target("water.emergency_source").deadline == date(2021, 12, 31)
    assert plan.target("water.pipe_leakage").comparator is er.Comparator.AT_MOST
    share = plan.target("transport.bridge_share")
    assert share.baseline is not None
    assert share.baseline.qualifier is er.BaselineQualifier.ABOUT
    ring = plan.project("transport.county_ring_road")
    assert ring.funded == er.money("3.2亿元")
    assert plan.total_investment == er.money("12.5亿元")
    quarterly = plan.obligation("quarterly_progress")
    assert (quarterly.rule.month_of_quarter, quarterly.rule.day) == (3, 25)
    assert quarterly.reporters is er.ReporterScope.LEAD_DEPARTMENTS
    (event_duty,) = plan.event_duties
    assert event_duty.within_days == 5
    assert event_duty.owners is er.ReporterScope.LEAD_DEPARTMENTS
    assert plan.accountability == er.AccountabilityRule(3, 2, 2, 1, 1)


def test_doc_names_the_format_and_version() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    assert f'format = "{loading.PROGRAMME_FORMAT}"' in text
    assert f"format_version = {loading.PROGRAMME_FORMAT_VERSION}" in text


def _documented_fields(text: str, heading: str) -> set[str]:
    found = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert found is not None, f"no section '## {heading}'"
    section = found.group(1)
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))


def test_doc_lists_every_field_of_every_table() -> None:
    import attrs

    text = FORMAT_DOC.read_text(encoding="utf-8")
    tables = {
        "Programme": er.Programme,
        "Category": er.Category,
        "Target": er.Target,
        "Baseline": er.Baseline,
        "Task": er.Task,
        "Project": er.Project,
        "Funding": er.Funding,
        "Milestone": er.Milestone,
        "PlannedInvestment": er.PlannedInvestment,
        "Portfolio": er.Portfolio,
        "ReportingObligation": er.ReportingObligation,
        "DueRule": er.DueRule,
        "Department": er.Department,
        "Official": er.Official,
        "Period": er.Period,
        "CountedThing": er.CountedThing,
        "District": er.District,
        "ContentItem": er.ContentItem,
        "EventDuty": er.EventDuty,
        "StandingDuty": er.StandingDuty,
        "AccountabilityRule": er.AccountabilityRule,
    }
    for heading, cls in tables.items():
        fields = {a.name for a in attrs.fields(cls) if a.init}
        assert _documented_fields(text, heading) == fields, heading


def test_every_field_of_the_example_is_documented() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.MULTILINE))
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    assert keys(data) - {"format", "format_version"} <= documented


def test_doc_lists_every_chinese_unit_word() -> None:
    from ezhou_recovery.units._registry import ZH_UNITS

    text = FORMAT_DOC.read_text(encoding="utf-8")
    section = text.split("### Units 单位", 1)[1].split("\n## ", 1)[0]
    listed = dict(re.findall(r"\| ([^|`\s]+) \| `([^`]+)` ", section))
    assert listed == ZH_UNITS


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n#", 1)[0]


def test_doc_lists_every_qualifier_with_its_place_and_meaning() -> None:
    from ezhou_recovery.units import QUALIFIER_WORDS

    text = FORMAT_DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+) \| (before|after) \| (.+) \|$", text, flags=re.MULTILINE)
    listed = {word: where for word, where, _ in rows}
    assert listed == {word: where for word, (where, _) in QUALIFIER_WORDS.items()}
    meaning = {word: said for word, _, said in rows}
    for word, (_, qualifier) in QUALIFIER_WORDS.items():
        expected = "about = true" if qualifier is er.Qualifier.ABOUT else f"`{qualifier.value}`"
        assert expected in meaning[word], word


def test_doc_lists_every_accepted_unit_symbol() -> None:
    from ezhou_recovery.units import UNIT_SYMBOLS

    section = _section(FORMAT_DOC.read_text(encoding="utf-8"), "### Unit symbols 单位符号")
    listed = re.findall(r"`([^`]+)`", section.split("did you mean", 1)[1].split("The documents")[0])
    assert listed == list(UNIT_SYMBOLS)


def test_doc_lists_every_project_level() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `level` |"))
    assert re.findall(r'`"([a-z]+)"`', row) == [level.value for level in er.ProjectLevel]
    for level in er.ProjectLevel:
        assert level.label_zh in row
