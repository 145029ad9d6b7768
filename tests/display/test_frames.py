"""pandas export: columns, exact money, and pandas kept out of ``import ezhou_recovery``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.display import rows as _records
from ezhou_recovery.model.targets import Targets
from ezhou_recovery.units import money

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"


@pytest.fixture(scope="module")
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


def test_targets_frame_has_one_row_per_target(sample: er.Programme) -> None:
    frame = sample.targets_frame()
    assert list(frame.columns) == list(_records.TARGET_COLUMNS)
    assert list(frame["key"]) == [t.key for t in sample.targets]
    assert sample.to_frame().equals(frame)
    row = frame.set_index("key").loc["transport.bridge_share"]
    assert row["value"] == Decimal(80)
    assert isinstance(row["value"], Decimal)
    assert row["unit"] == "percent"
    assert row["baseline"] == Decimal(65)
    assert row["baseline_qualifier"] == "about"
    assert row["deadline"] == pd.Timestamp(2023, 12, 31)


def test_milestone_rows_have_no_value(sample: er.Programme) -> None:
    row = sample.targets_frame().set_index("key").loc["water.emergency_source"]
    assert row["kind"] == "milestone"
    assert pd.isna(row["value"])
    assert pd.isna(row["unit"])


def test_category_frame_is_its_targets(sample: er.Programme) -> None:
    category = sample.category("water")
    assert list(category.to_frame()["key"]) == [t.key for t in category.targets]


def test_project_money_is_exact_decimal_in_yi_yuan(sample: er.Programme) -> None:
    frame = sample.projects_frame()
    assert list(frame.columns) == list(_records.PROJECT_COLUMNS)
    ring = frame.set_index("key").loc["transport.county_ring_road"]
    assert ring["investment_yi_yuan"] == Decimal("3.2")
    assert isinstance(ring["investment_yi_yuan"], Decimal)
    # 2亿元 + 12000万元, added exactly.
    assert ring["funded_yi_yuan"] == Decimal("3.2")
    assert frame["investment_yi_yuan"].dtype == object


def test_categories_frame_totals_match_the_programme(sample: er.Programme) -> None:
    frame = sample.categories_frame()
    assert list(frame.columns) == list(_records.CATEGORY_COLUMNS)
    total = sum(v for v in frame["total_investment_yi_yuan"] if v is not None)
    assert total == sample.total_investment.to("yi_yuan").magnitude


def test_deadlines_frame_matches_deadlines(sample: er.Programme) -> None:
    deadlines = sample.deadlines(date(2021, 1, 1), date(2021, 12, 31))
    frame = deadlines.to_frame()
    assert list(frame.columns) == list(_records.DEADLINE_COLUMNS)
    assert list(frame["key"]) == [d.key for d in deadlines]
    assert list(frame["due"].dt.date) == [d.due for d in deadlines]
    assert sample.deadlines_frame(date(2021, 1, 1), date(2021, 12, 31)).equals(frame)


def test_empty_frames_keep_their_columns(sample: er.Programme) -> None:
    empty = sample.deadlines(date(2021, 1, 1), date(2021, 1, 2)).to_frame()
    assert empty.empty
    assert list(empty.columns) == list(_records.DEADLINE_COLUMNS)
    assert list(Targets().to_frame().columns) == list(_records.TARGET_COLUMNS)


@settings(deadline=None, max_examples=80)
@given(
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(["元", "万元", "亿元"]),
)
def test_any_amount_converts_to_yi_yuan_exactly(amount: Decimal, unit: str) -> None:
    project = er.Project(
        key="a.b",
        name_zh="项目",
        name_en="Project",
        investment=money(f"{amount}{unit}", "yi_yuan"),
    )
    value = _records.project_record(project)["investment_yi_yuan"]
    factor = {"元": Decimal("1e-8"), "万元": Decimal("1e-4"), "亿元": Decimal(1)}[unit]
    assert isinstance(value, Decimal)
    assert value == amount * factor


def test_import_does_not_import_pandas_openpyxl_or_the_presentation() -> None:
    code = (
        "import sys, ezhou_recovery;"
        "print(sorted(m for m in ('pandas', 'openpyxl', 'ezhou_recovery.display.html', "
        "'ezhou_recovery.display.frames') if m in sys.modules))"
    )
    src = str(Path(__file__).parents[2] / "src")
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert done.stdout.strip() == "[]"


def test_targets_frame_names_the_district_and_what_a_milestone_means() -> None:
    plan = er.load_ezhou_plan()
    frame = plan.targets_frame().set_index("key")
    assert frame.loc["urban.old_neighbourhoods_echeng", "district"] == "echeng"
    assert pd.isna(frame.loc["transport.high_grade_waterway", "district"])
    assert frame.loc["urban.water_environment_ppp_started", "event"] == "start"
    assert frame.loc["public_health.clinical_centre", "event"] == "completion"
    assert pd.isna(frame.loc["transport.high_grade_waterway", "event"])
    by_district = plan.targets_frame().groupby("district").size()
    assert by_district["echeng"] == len(plan.district_targets("echeng"))
