"""The command line: subcommands, formats, exit codes and one-line errors, run through ``main([...])``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import ezhou_recovery as er
from _cli_output import csv_body, text_body
from ezhou_recovery._core.text import width
from ezhou_recovery.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, main
from ezhou_recovery.display import rows as _records

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"
PROG = ["--programme", str(SAMPLE)]


@pytest.fixture(scope="module")
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_is_the_default(capsys: pytest.CaptureFixture[str], sample: er.Programme) -> None:
    code, default, _ = run(capsys, *PROG, "--as-of", "2021-06-01")
    assert code == EXIT_OK
    code, plan, _ = run(capsys, "plan", *PROG, "--as-of", "2021-06-01")
    assert code == EXIT_OK
    assert default == plan
    assert sample.title_zh in plan


def test_plan_csv_is_one_row_per_target(
    capsys: pytest.CaptureFixture[str], sample: er.Programme
) -> None:
    code, out, _ = run(capsys, "plan", *PROG, "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(csv_body(out))))
    assert [r["key"] for r in rows] == [t.key for t in sample.targets]
    assert list(rows[0]) == list(_records.TARGET_COLUMNS)
    assert rows[0]["value"] == "60"


def test_plan_json_keeps_money_exact(
    capsys: pytest.CaptureFixture[str], sample: er.Programme
) -> None:
    code, out, _ = run(capsys, "--format", "json", "plan", *PROG, "--as-of", "2021-06-01")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["programme"]["key"] == sample.key
    assert data["programme"]["total_investment_yi_yuan"] == "12.5"
    assert data["programme"]["totals_approximate"] is False
    assert data["as_of"] == "2021-06-01"
    assert [t["key"] for t in data["targets"]] == [t.key for t in sample.targets]
    assert all(d["due"] > "2021-06-01" for d in data["next_deadlines"])
    assert data["projects"][0]["investment_yi_yuan"] == "3.2"


@pytest.mark.parametrize(
    ("window", "start", "end"),
    [
        (["--from", "2021-04-01", "--to", "2021-06-30"], date(2021, 4, 1), date(2021, 6, 30)),
        (["--as-of", "2021-06-01", "--within", "30"], date(2021, 6, 1), date(2021, 7, 1)),
        (["--as-of", "2021-06-25", "--within", "0"], date(2021, 6, 25), date(2021, 6, 25)),
        (["--from", "2023-12-01"], date(2023, 12, 1), None),
    ],
)
def test_deadlines_in_a_window(
    capsys: pytest.CaptureFixture[str],
    sample: er.Programme,
    window: list[str],
    start: date,
    end: date | None,
) -> None:
    code, out, _ = run(capsys, "deadlines", *PROG, *window, "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(csv_body(out))))
    expected = sample.deadlines(start, end)
    assert [r["key"] for r in rows] == [d.key for d in expected]
    assert rows, "the windows above all hold deadlines"
    assert all(start.isoformat() <= r["due"] for r in rows)
    if end is not None:
        assert all(r["due"] <= end.isoformat() for r in rows)


def test_within_counts_from_today_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", *PROG, "--within", "7", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["from"] == date.today().isoformat()
    assert data["to"] == (date.today() + timedelta(days=7)).isoformat()


def test_deadlines_filters(capsys: pytest.CaptureFixture[str], sample: er.Programme) -> None:
    code, out, _ = run(
        capsys, "deadlines", *PROG, "--department", "water_bureau", "--format", "json"
    )
    assert code == EXIT_OK
    found = json.loads(out)["deadlines"]
    assert found
    assert {d["department"] for d in found} == {"water_bureau"}
    assert len(found) == sum(1 for d in sample.deadlines() if d.department.key == "water_bureau")
    code, out, _ = run(capsys, "deadlines", *PROG, "--category", "transport", "--format", "csv")
    assert {r["category"] for r in csv.DictReader(io.StringIO(csv_body(out)))} == {"transport"}


def test_deadlines_text_is_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", *PROG, "--from", "2021-06-01", "--to", "2021-06-30")
    assert code == EXIT_OK
    lines = text_body(out).splitlines()
    assert lines[0] == "3 deadlines from 2021-06-01 to 2021-06-30:"
    body = lines[3:]
    assert len(body) == 3
    # The department column (Chinese) is padded so that the English names start together.
    starts = {width(line[: line.index("County")]) for line in body}
    assert len(starts) == 1


def test_no_deadlines_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", *PROG, "--from", "2021-01-01", "--to", "2021-01-02")
    assert code == EXIT_OK
    assert text_body(out) == "No deadlines from 2021-01-01 to 2021-01-02.\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["deadlines", "--within", "3", "--from", "2021-01-01"],
        ["deadlines", "--from", "2021-05-01", "--to", "2021-04-01"],
        ["deadlines", "--within", "-1"],
        ["deadlines", "--within", "soon"],
        ["deadlines", "--from", "2021-13-01"],
        ["--format", "xml"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *PROG, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert "error:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--programme", "no/such/file.toml"], "no/such/file.toml"),
        ([*PROG, "deadlines", "--department", "nobody"], "'nobody'"),
        ([*PROG, "deadlines", "--category", "nothing"], "'nothing'"),
    ],
)
def test_bad_input_exits_1_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("ezhou-recovery: error: ")
    assert needle in err


def test_bad_programme_file_names_the_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace('value = "60公里"', "value = 60"))
    code, _, err = run(capsys, "--programme", str(bad))
    assert code == EXIT_BAD_INPUT
    assert "categories[0].targets[0].value" in err
    assert len(err.strip().splitlines()) == 1


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == EXIT_OK
    assert "deadlines" in out
    assert "Exit codes" in out


# The overview -------------------------------------------------------------------------------


def test_overview_of_a_programme_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--programme", str(SAMPLE), "--as-of", "2021-05-01"]) == 0
    out = capsys.readouterr().out
    assert "交通补短板工程" in out
    assert "张三 (Zhang San)" in out
    assert "合计 Totals (sums of the portfolios): 3个项目" in out
    assert "12.5亿元" in out
    assert "Next deadlines after 2021-05-01" in out
    assert "2021-06-25" in out
    assert "2021-04-30" not in out.split("Next deadlines")[1]


def test_plan_subcommand_takes_options_after_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--programme", str(SAMPLE), "--as-of", "2023-12-26"]) == 0
    assert "No deadlines after 2023-12-26." in capsys.readouterr().out


def test_bad_programme_file_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("key = ", encoding="utf-8")
    assert main(["--programme", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(bad) in err
    assert "Traceback" not in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--as-of", "2021-13-01"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ezhou_recovery", "--programme", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "示例县补短板工程实施方案" in done.stdout


@pytest.mark.parametrize(
    ("window", "start", "end"),
    [
        ([], None, None),
        (["--from", "2022-01-01"], date(2022, 1, 1), None),
        (["--to", "2021-09-30"], None, date(2021, 9, 30)),
        (["--within", "90", "--as-of", "2021-06-01"], date(2021, 6, 1), date(2021, 8, 30)),
    ],
)
def test_deadlines_json_gives_the_window_that_applies(
    capsys: pytest.CaptureFixture[str],
    sample: er.Programme,
    window: list[str],
    start: date | None,
    end: date | None,
) -> None:
    lo = start or sample.period.start
    hi = end or sample.period.end
    code, out, _ = run(capsys, "deadlines", *PROG, *window, "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert (data["from"], data["to"]) == (lo.isoformat(), hi.isoformat())
    assert [d["key"] for d in data["deadlines"]] == [d.key for d in sample.deadlines(start, end)]
    code, text, _ = run(capsys, "deadlines", *PROG, *window)
    assert f"from {data['from']} to {data['to']}" in text_body(text).splitlines()[0]


@pytest.mark.parametrize("command", ["plan", "deadlines", "status", "compliance", "validate"])
def test_every_output_names_the_programme_it_used(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    embedded = "programme 规划: ezhou_2020_2022 鄂州政发〔2020〕10号 (the embedded plan)"
    _, text, _ = run(capsys, command, "--as-of", "2021-06-30")
    assert text.splitlines()[0] == embedded
    _, table, _ = run(capsys, command, "--as-of", "2021-06-30", "--format", "csv")
    assert table.splitlines()[0] == "# " + embedded
    _, data, _ = run(capsys, command, "--as-of", "2021-06-30", "--format", "json")
    assert json.loads(data)["programme_used"] == {
        "key": "ezhou_2020_2022",
        "document_number": "鄂州政发〔2020〕10号",
        "source": "embedded",
    }
    if command in ("plan", "deadlines", "validate"):
        _, other, _ = run(capsys, command, *PROG, "--format", "json")
        assert json.loads(other)["programme_used"]["source"] == PROG[1]
