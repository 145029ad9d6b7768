"""The command line: overview of a programme, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ezhou_recovery.cli import main

SAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "small_programme.toml"


def test_overview_of_a_programme_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--programme", str(SAMPLE), "--as-of", "2021-05-01"]) == 0
    out = capsys.readouterr().out
    assert "交通补短板工程" in out
    assert "张三 (Zhang San)" in out
    assert "合计 Totals: 3个项目" in out
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
    with pytest.raises(SystemExit) as info:
        main(["--as-of", "2021-13-01"])
    assert info.value.code == 2
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
