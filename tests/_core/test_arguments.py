"""A wrong argument type given to a public function is a TypeError naming the function, the
parameter and the type given (not an AttributeError from deep inside, nor a LoadError)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ezhou_recovery as er
from ezhou_recovery._core.arguments import check_type
from ezhou_recovery.io.frames import observations_from_frame, submissions_from_frame
from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
from ezhou_recovery.io.submission_files import load_submissions

PLAN = er.load_ezhou_plan()
AS_OF = date(2021, 6, 30)


def test_check_type_gives_the_value_back_or_names_what_is_wrong() -> None:
    assert check_type(PLAN, er.Programme, function="f", name="programme") is PLAN
    with pytest.raises(TypeError) as info:
        check_type("ezhou", er.Programme, function="f", name="programme")
    assert str(info.value) == "f() expects programme to be a Programme, not str: 'ezhou'"


def _files(tmp_path: Path) -> dict[str, Path]:
    observations = tmp_path / "observations.csv"
    observations.write_text("target,as_of,value\n", encoding="utf-8")
    reports = tmp_path / "investment.csv"
    reports.write_text("subject,as_of,completed\n", encoding="utf-8")
    submissions = tmp_path / "submissions.csv"
    submissions.write_text("obligation,department,submitted_at\n", encoding="utf-8")
    return {"observations": observations, "reports": reports, "submissions": submissions}


CALLS: dict[str, Callable[[dict[str, Path]], Any]] = {
    "load_observations": lambda f: load_observations(f["observations"], "ezhou"),  # type: ignore[call-overload]
    "load_investment_reports": lambda f: load_investment_reports(f["reports"], "ezhou"),  # type: ignore[arg-type]
    "load_submissions": lambda f: load_submissions(f["submissions"], "ezhou"),  # type: ignore[call-overload]
    "assess": lambda f: er.assess("ezhou", [], as_of=AS_OF),  # type: ignore[arg-type]
    "compliance": lambda f: er.compliance("ezhou", [], AS_OF),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("function", sorted(CALLS))
def test_a_str_where_a_programme_is_expected_is_a_type_error(tmp_path: Path, function: str) -> None:
    with pytest.raises(TypeError, match=rf"^{function}\(\) expects programme to be a Programme"):
        CALLS[function](_files(tmp_path))


def test_compliance_refuses_a_status_date_that_is_not_a_date() -> None:
    with pytest.raises(TypeError, match=r"compliance\(\) expects as_of to be a date, not str"):
        er.compliance(PLAN, [], "2021-06-30")  # type: ignore[arg-type]


def test_the_columnar_readers_refuse_a_programme_of_the_wrong_type(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    from ezhou_recovery.io.observation_columns import observation_table_from_csv

    files = _files(tmp_path)
    with pytest.raises(TypeError, match="observation_table_from_csv"):
        observation_table_from_csv(files["observations"], "ezhou")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="load_submissions"):
        load_submissions(files["submissions"], "ezhou", columnar=True)  # type: ignore[call-overload]


def test_the_frame_readers_refuse_a_programme_of_the_wrong_type() -> None:
    pa = pytest.importorskip("pyarrow")
    frame = pa.table({"target": [], "as_of": [], "value": []})
    with pytest.raises(TypeError, match="observations_from_frame"):
        observations_from_frame(frame, "ezhou")
    with pytest.raises(TypeError, match="submissions_from_frame"):
        submissions_from_frame(frame, "ezhou")


def test_the_workbook_reader_refuses_a_programme_of_the_wrong_type(tmp_path: Path) -> None:
    from ezhou_recovery.io.xlsx.reading import read_reporting_workbook

    with pytest.raises(TypeError, match="read_reporting_workbook"):
        read_reporting_workbook(tmp_path / "missing.xlsx", "ezhou")  # type: ignore[arg-type]
