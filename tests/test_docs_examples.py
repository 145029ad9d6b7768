"""The outputs shown in docs/quickstart.md and docs/cli.md are what the library prints."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import ezhou_recovery as er
from ezhou_recovery.cli import main
from ezhou_recovery.io.xlsx.report import REPORT_SHEETS

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"


def shown_after(page: str, prompt: str) -> str:
    """The lines of the text block in ``page`` that follow the line ``prompt``."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    found = re.search(re.escape(prompt) + r"\n(.*?)\n```", text, flags=re.DOTALL)
    assert found is not None, prompt
    return found.group(1)


def as_run_from_the_root(out: str) -> str:
    """A command's output as the docs show it: run from the repository, files named from it."""
    return out.replace(f"{ROOT}/", "").rstrip("\n")


def test_quickstart_targets_table() -> None:
    plan = er.load_programme(SAMPLE)
    assert shown_after("quickstart.md", ">>> print(plan.targets)") == str(plan.targets)


def test_quickstart_deadlines_table() -> None:
    plan = er.load_programme(SAMPLE)
    shown = shown_after(
        "quickstart.md", ">>> print(plan.deadlines(date(2021, 6, 1), date(2021, 6, 30)))"
    )
    assert shown == str(plan.deadlines(date(2021, 6, 1), date(2021, 6, 30)))


def test_cli_page_deadlines_example(capsys: pytest.CaptureFixture[str]) -> None:
    command = (
        "$ ezhou-recovery deadlines --programme docs/examples/small_programme.toml "
        "--from 2021-06-01 --to 2021-06-30"
    )
    shown = shown_after("cli.md", command)
    argv = command.split()[2:]
    argv[argv.index("docs/examples/small_programme.toml")] = str(SAMPLE)
    assert main(argv) == 0
    assert as_run_from_the_root(capsys.readouterr().out) == shown


def test_cli_page_status_example(capsys: pytest.CaptureFixture[str]) -> None:
    command = (
        "$ ezhou-recovery status --programme docs/examples/small_programme.toml "
        "--observations docs/examples/small_progress.csv --as-of 2021-06-30 --all"
    )
    shown = shown_after("cli.md", command)
    argv = [str(ROOT / a) if a.startswith("docs/") else a for a in command.split()[2:]]
    assert main(argv) == 0
    assert as_run_from_the_root(capsys.readouterr().out) == shown


def test_cli_page_compliance_example(capsys: pytest.CaptureFixture[str]) -> None:
    command = "$ ezhou-recovery compliance --as-of 2021-01-10"
    shown = shown_after("cli.md", command)
    assert main(command.split()[2:]) == 0
    assert capsys.readouterr().out.rstrip("\n") == shown


def test_workbooks_page_names_the_layout() -> None:
    from ezhou_recovery.io.xlsx import forms as wb

    text = (ROOT / "docs" / "workbooks.md").read_text(encoding="utf-8")
    for _, label in (*wb.TARGET_COLUMNS, *wb.INVESTMENT_COLUMNS):
        assert label in text, label
    for sheet in REPORT_SHEETS:
        assert sheet in text, sheet


def test_cli_page_validate_example(capsys: pytest.CaptureFixture[str]) -> None:
    command = "$ ezhou-recovery validate --programme docs/examples/inconsistent_programme.toml"
    shown = shown_after("cli.md", command)
    argv = [str(ROOT / a) if a.startswith("docs/") else a for a in command.split()[2:]]
    assert main(argv) == 1  # an error finding
    assert as_run_from_the_root(capsys.readouterr().out) == shown
