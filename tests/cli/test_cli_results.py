"""The ``status`` and ``compliance`` commands: formats, exit codes, the shipped example dataset."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest

import ezhou_recovery as er
from _cli_output import csv_body
from ezhou_recovery._core.text import width
from ezhou_recovery.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from ezhou_recovery.display import rows as _records
from ezhou_recovery.examples import (
    EXAMPLE_FILES,
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.submission_files import SUBMISSIONS_FORMAT, SUBMISSIONS_FORMAT_VERSION

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def example_assessment() -> er.Assessment:
    return er.assess(
        er.load_ezhou_plan(),
        example_observations(),
        as_of=date(2021, 6, 30),
        investment=example_investment_reports(),
    )


def test_example_files_in_the_package_are_the_repository_examples() -> None:
    # The rule: examples/ and src/ezhou_recovery/data/examples/ hold the same bytes; edit both.
    package = ROOT / "src" / "ezhou_recovery" / "data" / "examples"
    for name in EXAMPLE_FILES:
        assert (package / name).read_bytes() == (ROOT / "examples" / name).read_bytes(), name
    assert sorted(p.name for p in package.iterdir()) == sorted(EXAMPLE_FILES)


def test_status_csv_is_one_row_per_target(
    capsys: pytest.CaptureFixture[str], example_assessment: er.Assessment
) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30", "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(csv_body(out))))
    assert list(rows[0]) == list(_records.RESULT_COLUMNS)
    assert [r["key"] for r in rows] == [r.key for r in example_assessment.results]
    roads = next(r for r in rows if r["key"] == "transport.rural_roads")
    assert (roads["value"], roads["unit"]) == ("32", "kilometer")
    assert roads["status"] == example_assessment.target("transport.rural_roads").status.value


def test_status_json_counts_and_exact_money(
    capsys: pytest.CaptureFixture[str], example_assessment: er.Assessment
) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["counts"] == {s.value: n for s, n in example_assessment.overall.counts.items()}
    health = next(m for m in data["money"] if m["subject"] == "public_health")
    assert health["completed_yi_yuan"] == "15.3"
    assert health["planned_total_yi_yuan"] == "46.71"


def test_status_text_is_aligned_and_hides_no_data(
    capsys: pytest.CaptureFixture[str], example_assessment: er.Assessment
) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30")
    assert code == EXIT_OK
    lines = out.splitlines()
    start = lines.index("Targets, worst first 目标（最差在前）:") + 1
    header, rule = lines[start], lines[start + 1]
    assert width(header) <= len(rule) + 1
    no_data = example_assessment.overall.count(er.Status.NO_DATA)
    assert f"{no_data} targets without data are not listed" in out
    _, everything, _ = run(capsys, "status", "--as-of", "2021-06-30", "--all")
    assert "transport.bus_depot" in everything
    assert "transport.bus_depot" not in out


def test_status_fail_on(
    capsys: pytest.CaptureFixture[str], example_assessment: er.Assessment
) -> None:
    assert example_assessment.overall.count(er.Status.MISSED) > 0
    assert run(capsys, "status", "--as-of", "2021-06-30", "--fail-on", "missed")[0] == EXIT_FINDINGS
    # Before any deadline has passed nothing can be missed.
    assert run(capsys, "status", "--as-of", "2020-06-30", "--fail-on", "missed")[0] == EXIT_OK


def test_status_with_own_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    obs = tmp_path / "o.csv"
    obs.write_text(
        "target,as_of,value\ntransport.rural_roads,2021-03-31,20公里\n", encoding="utf-8"
    )
    code, out, _ = run(
        capsys, "status", "--observations", str(obs), "--as-of", "2021-06-30", "--format", "json"
    )
    assert code == EXIT_OK
    data = json.loads(out)
    # No figure: no data, or overdue where the deadline has come (three duties due 2020-12-31).
    without = data["counts"]["no_data"] + data["counts"]["overdue"]
    assert without == len(data["targets"]) - 1
    assert data["counts"]["overdue"] == sum(
        t["deadline"] <= "2021-06-30"
        for t in data["targets"]
        if t["key"] != "transport.rural_roads"
    )
    rural = next(t for t in data["targets"] if t["key"] == "transport.rural_roads")
    assert rural["progress"] == "0.3333"  # 20 of 60 km, four places, rounded down
    programme = data["categories"][0]
    assert programme["coverage"] is not None
    assert all(m["completed_yi_yuan"] is None for m in data["money"])


def test_status_bad_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    obs = tmp_path / "o.csv"
    obs.write_text(
        "target,as_of,value\ntransport.rural_roads,2021-03-31,20公斤\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "status", "--observations", str(obs))
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err.count("\n") == 1
    assert str(obs) in err
    assert "row 2.value" in err


def test_status_with_programme_needs_observations(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "status", "--programme", str(SAMPLE))
    assert code == EXIT_USAGE
    assert "--observations" in err


def test_compliance_csv_one_row_per_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compliance", "--as-of", "2021-07-15", "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(csv_body(out))))
    c = er.compliance(er.load_ezhou_plan(), example_submissions(), date(2021, 7, 15))
    assert [r["key"] for r in rows] == [st.deadline.key for st in c.statuses]
    assert {r["status"] for r in rows} == {"on_time", "late", "missing", "not_yet_due"}
    assert sum(r["resubmissions"] != "0" for r in rows) >= 1


def test_compliance_holidays_and_grace_change_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    def late(*extra: str) -> int:
        code, out, _ = run(
            capsys, "compliance", "--as-of", "2021-10-15", "--format", "json", *extra
        )
        assert code == EXIT_OK
        return int(json.loads(out)["programme"]["late"])

    written = late()
    moved = late("--holidays", "next-working-day")
    graced = late("--grace", "5")
    # 2021-09-25 was a Saturday and the 26th a working Sunday (调休): a report on the 26th is late
    # as written and on time when the due date moves.
    assert moved < written
    assert graced < written


def test_compliance_fail_on_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compliance", "--as-of", "2021-07-15", "--fail-on", "missing", "--format", "json"
    )
    assert code == EXIT_FINDINGS
    data = json.loads(out)
    assert data["laggards"][0]["rank"] == 1
    assert data["convention"] == {"inclusive": True, "grace_days": 0, "holidays": "as_written"}
    assert run(capsys, "compliance", "--as-of", "2020-11-01", "--fail-on", "late")[0] == EXIT_OK


def test_compliance_usage_and_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "compliance", "--grace", "-1")[0] == EXIT_USAGE
    assert run(capsys, "compliance", "--holidays", "sometimes")[0] == EXIT_USAGE
    bad = tmp_path / "s.csv"
    bad.write_text(
        "obligation,department,period,submitted_at\nquarterly_progress,moon_office,2021Q1,2021-03-01\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "compliance", "--submissions", str(bad))
    assert code == EXIT_BAD_INPUT
    assert "moon_office" in err
    assert err.count("\n") == 1


# The findings of a first-time user's review ------------------------------------------------------

DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _significant_digits(text: str) -> int:
    return len(Decimal(text).normalize().as_tuple().digits)


def test_status_estimates_are_rounded_as_the_doc_says(
    capsys: pytest.CaptureFixture[str], example_assessment: er.Assessment
) -> None:
    digits = _records.ESTIMATE_DIGITS
    assert f"rounded to {digits} significant digits" in DOC
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30", "--format", "csv")
    assert code == EXIT_OK
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(csv_body(out)))}
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30", "--format", "json")
    targets = {t["key"]: t for t in json.loads(out)["targets"]}
    seen = 0
    for result in example_assessment.results:
        for column, q in (
            ("projected_value", result.projected_value),
            ("catch_up_per_quarter", result.catch_up_per_quarter),
        ):
            cell, text = rows[result.key][column], targets[result.key][column]
            if q is None:
                assert cell == ""
                assert text is None
                continue
            seen += 1
            assert cell == text  # decimal text in both formats
            assert "e" not in cell.lower()
            assert _significant_digits(cell) <= digits
            m = q.magnitude
            if isinstance(m, Decimal):
                assert Decimal(cell) == m
            else:  # the float, to the digits stated: never further off than half the last digit
                assert Decimal(cell) == Decimal(format(float(m), f".{digits}g"))
        goal = result.target.value
        if goal is not None:  # exact: the magnitude itself
            assert Decimal(rows[result.key]["target_value"]) == goal.magnitude
    assert seen >= 4, "the example dataset has estimates to check"


def test_compliance_rates_are_four_places_as_the_doc_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _records.RATE_PLACES == 4
    assert "text to four places, rounded down" in DOC
    code, out, _ = run(capsys, "compliance", "--as-of", "2021-07-15", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    c = er.compliance(er.load_ezhou_plan(), example_submissions(), date(2021, 7, 15))
    tallies = [data["programme"], *data["departments"], *data["categories"], *data["laggards"]]
    fields = ("reporting_rate", "on_time_rate", "mean_days_late", "score")
    texts = [t[f] for t in tallies for f in fields if t[f] is not None]
    assert texts
    assert all(re.fullmatch(r"\d+\.\d{4}", text) for text in texts), texts
    # Trailing zeros are kept: a rate such as 0.5 is written 0.5000.
    assert any(text.endswith("0") for text in texts)
    p = c.programme
    assert p.on_time_rate is not None
    exact = Decimal(p.on_time_rate.numerator) / Decimal(p.on_time_rate.denominator)
    # Rounded down, never up: a rate never reads better than it is.
    assert data["programme"]["on_time_rate"] == str(
        exact.quantize(Decimal("0.0001"), rounding=ROUND_FLOOR)
    )
    assert Decimal(data["programme"]["on_time_rate"]) <= exact


def test_status_shares_and_money_rates_are_four_places_rounded_down(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2021-06-30", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    shares = [
        t[f] for t in data["targets"] for f in ("progress", "expected_progress", "gap") if t[f]
    ]
    shares += [m[f] for m in data["money"] for f in ("completion_rate", "time_progress") if m[f]]
    shares += [c["mean_progress"] for c in data["categories"] if c["mean_progress"]]
    assert shares
    assert all(re.fullmatch(r"-?\d+\.\d{4}", text) for text in shares), shares
    a = er.assess(
        er.load_ezhou_plan(),
        example_observations(),
        as_of=date(2021, 6, 30),
        investment=example_investment_reports(),
    )
    five_g = next(t for t in data["targets"] if t["key"] == "new_infrastructure.base_stations_5g")
    assert five_g["progress"] == "0.5000"
    health = a.money_for("public_health")
    assert health.completion_rate is not None
    row = next(m for m in data["money"] if m["subject"] == "public_health")
    assert (
        Decimal(row["completion_rate"])
        <= health.completion_rate
        < (Decimal(row["completion_rate"]) + Decimal("0.0001"))
    )


def _submissions_csv(path: Path, bad_row: str, before: int) -> None:
    """A CSV with ``before`` good submissions (the first with a note over two lines), then one."""
    good = "quarterly_progress,transport_bureau,2021Q1,2021-04-20,"
    lines = ["obligation,department,period,submitted_at,note"]
    lines += [good + ('"two\nlines"' if i == 0 else "") for i in range(before)]
    lines.append(bad_row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("before", [0, 1, 3])
def test_an_unowed_submission_names_the_file_and_the_row_the_loader_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: int
) -> None:
    # The same row with a broken date: the loader's own error gives the row number to agree with.
    broken = tmp_path / "broken.csv"
    _submissions_csv(broken, "quarterly_progress,transport_bureau,2021Q2,someday,", before)
    with pytest.raises(er.LoadError) as caught:
        er.load_submissions(broken, er.load_ezhou_plan())
    row = caught.value.path.split(".")[0]
    assert row == f"row {before + 2}"

    subs = tmp_path / "subs.csv"
    _submissions_csv(subs, "quarterly_progres,transport_bureau,2021Q2,2021-07-20,", before)
    with pytest.raises(er.LoadError) as unowed:  # the loader checks the duty against the plan
        er.load_submissions(subs, er.load_ezhou_plan())
    assert unowed.value.path == f"{row}.obligation"
    code, out, err = run(
        capsys, "compliance", "--programme", str(SAMPLE), "--submissions", str(subs)
    )
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err.startswith(f"ezhou-recovery: error: {subs}: {row}.obligation: unknown duty")
    assert "'quarterly_progres'" in err
    assert err.count("\n") == 1


def test_an_unowed_submission_in_json_names_the_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entry = {"obligation": "quarterly_progress", "period": "2021Q1", "submitted_at": "2021-04-20"}
    body = {
        "format": SUBMISSIONS_FORMAT,
        "format_version": SUBMISSIONS_FORMAT_VERSION,
        "submissions": [
            {**entry, "department": "transport_bureau"},
            {**entry, "department": "moon_office"},
        ],
    }
    subs = tmp_path / "subs.json"
    subs.write_text(json.dumps(body), encoding="utf-8")
    code, _, err = run(capsys, "compliance", "--programme", str(SAMPLE), "--submissions", str(subs))
    assert code == EXIT_BAD_INPUT
    assert err == (
        f"ezhou-recovery: error: {subs}: submissions[1].department: unknown department "
        "(value: 'moon_office')\n"
    )


@pytest.mark.parametrize("period", ["2021Q5", "2021Q0", "Q2", "2021-13-01..2021-12-31", "二季度"])
def test_a_malformed_period_is_not_a_period(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, period: str
) -> None:
    subs = tmp_path / "subs.csv"
    _submissions_csv(subs, f"quarterly_progress,transport_bureau,{period},2021-07-20,", 0)
    code, _, err = run(capsys, "compliance", "--programme", str(SAMPLE), "--submissions", str(subs))
    assert code == EXIT_BAD_INPUT
    assert f"{subs}: row 2.period: not a period" in err
    assert repr(period) in err


def test_a_well_formed_period_not_owed_is_said_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    subs = tmp_path / "subs.csv"
    _submissions_csv(subs, "quarterly_progress,transport_bureau,2030Q2,2030-07-20,", 0)
    code, _, err = run(capsys, "compliance", "--programme", str(SAMPLE), "--submissions", str(subs))
    assert code == EXIT_BAD_INPUT
    assert "row 2.period: the department owes no such report for this period" in err


def test_status_fail_on_counts_overdue_with_missed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    done = [
        "energy.sanjiang_lng_storage",
        "urban.water_environment_ppp_started",
        "urban.water_supply_renovation_started",
    ]
    every = tmp_path / "every.csv"
    every.write_text(
        "target,as_of,value\n" + "".join(f"{k},2020-12-31,是\n" for k in done), encoding="utf-8"
    )
    one_short = tmp_path / "short.csv"
    one_short.write_text(
        "target,as_of,value\n" + "".join(f"{k},2020-12-31,是\n" for k in done[:2]),
        encoding="utf-8",
    )
    base = ("status", "--as-of", "2020-12-31", "--fail-on", "missed", "--observations")
    assert run(capsys, *base, str(every))[0] == EXIT_OK
    code, out, _ = run(capsys, *base, str(one_short))
    assert code == EXIT_FINDINGS  # the third is overdue: due that day, no figure
    assert "到期无数据 overdue" in out
