"""The ``validate`` command: findings as a table, JSON or CSV; exit 1 on errors, 0 otherwise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import ezhou_recovery as er
from _cli_output import csv_body, text_body
from ezhou_recovery.cli import EXIT_BAD_INPUT, EXIT_OK, main

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"
BROKEN = ROOT / "docs" / "examples" / "inconsistent_programme.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_embedded_plan_has_warnings_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    findings = er.validate(er.load_ezhou_plan())
    assert findings
    assert all(f.severity is er.Severity.WARNING for f in findings)
    assert code == EXIT_OK
    assert text_body(out).startswith(f"ezhou_2020_2022: 0 error(s), {len(findings)} warning(s)")
    assert all(f.code in out and f.where in out for f in findings)
    assert err == ""


def test_an_error_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--programme", str(BROKEN))
    assert code == EXIT_BAD_INPUT
    assert "portfolio-investment-exceeded" in out
    assert "错误 error" in out


@pytest.mark.parametrize("path", [SAMPLE, BROKEN], ids=["sample", "broken"])
def test_json_lists_every_finding(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, _ = run(capsys, "--programme", str(path), "--format", "json")
    findings = er.validate(er.load_programme(path))
    data = json.loads(out)
    assert data["findings"] == [
        {"severity": f.severity.value, "code": f.code, "where": f.where, "what": f.what}
        for f in findings
    ]
    errors = sum(f.severity is er.Severity.ERROR for f in findings)
    assert (data["errors"], data["warnings"]) == (errors, len(findings) - errors)
    assert code == (EXIT_BAD_INPUT if errors else EXIT_OK)


def test_csv_is_one_row_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "csv", "--programme", str(BROKEN))
    rows = list(csv.DictReader(io.StringIO(csv_body(out))))
    assert [r["code"] for r in rows] == [f.code for f in er.validate(er.load_programme(BROKEN))]
    assert list(rows[0]) == ["severity", "code", "where", "what"]
    assert code == EXIT_BAD_INPUT


def test_a_consistent_programme_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import attrs

    plan = er.load_programme(SAMPLE)
    quoted = attrs.evolve(
        plan,
        categories=tuple(
            attrs.evolve(c, targets=tuple(attrs.evolve(t, clause_zh="原文") for t in c.targets))
            for c in plan.categories
        ),
    )
    assert er.validate(quoted) == ()
    path = tmp_path / "quoted.json"
    path.write_text(er.to_json(quoted), encoding="utf-8")
    code, out, _ = run(capsys, "--programme", str(path))
    assert code == EXIT_OK
    assert "no findings" in out


@pytest.mark.parametrize("content", [b"x = [", b"\xff\xfe", b'{"format": "ezhou-recovery/x"}'])
def test_an_unreadable_file_is_one_error_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(content)
    with pytest.raises(er.LoadError) as caught:
        er.load_programme(path)
    code, out, err = run(capsys, "--programme", str(path), "--format", "json")
    assert code == EXIT_BAD_INPUT
    assert err == ""
    data = json.loads(out)
    assert data["programme"] is None
    assert (data["errors"], data["warnings"]) == (1, 0)
    [finding] = data["findings"]
    assert finding["code"] == "load-error"
    assert finding["where"] == caught.value.path
    assert finding["what"].startswith(caught.value.problem)


def test_a_missing_file_is_an_error_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.toml"
    code, out, err = run(capsys, "--programme", str(missing))
    assert code == EXIT_BAD_INPUT
    assert err == ""
    assert out.startswith(f"programme 规划: {missing} (does not load)\n")
    assert text_body(out).startswith(f"{missing}: the file does not load")
    assert "load-error" in out
    assert "cannot read the file" in out


def broken_file(tmp_path: Path) -> Path:
    """The sample programme with three mistakes the loader finds in one pass."""
    text = SAMPLE.read_text(encoding="utf-8")
    for good, bad in [
        ("issued = 2021-03-01", 'issued = "soon"'),
        ("number = 1\n", 'number = "one"\n'),
    ]:
        assert good in text
        text = text.replace(good, bad)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_load_problem_is_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = broken_file(tmp_path)
    with pytest.raises(er.LoadError) as caught:
        er.load_programme(path)
    problems = caught.value.problems
    assert len(problems) >= 3  # the date, and each "one" where a number belongs
    expected = [
        {
            "severity": "error",
            "code": "load-error",
            "where": where,
            "what": problem if value is None else f"{problem} (value: {value!r})",
        }
        for where, problem, value in problems
    ]

    code, out, _ = run(capsys, "--programme", str(path), "--format", "json")
    assert code == EXIT_BAD_INPUT
    data = json.loads(out)
    assert data["findings"] == expected
    assert (data["errors"], data["warnings"]) == (len(problems), 0)

    code, out, _ = run(capsys, "--programme", str(path), "--format", "csv")
    assert code == EXIT_BAD_INPUT
    assert list(csv.DictReader(io.StringIO(csv_body(out)))) == expected

    code, out, _ = run(capsys, "--programme", str(path))
    assert code == EXIT_BAD_INPUT
    assert text_body(out).startswith(f"{path}: the file does not load")
    assert f"{len(problems)} error(s)" in out
    assert all(where in out and problem in out for where, problem, _ in problems)


@pytest.mark.parametrize("command", ["plan", "deadlines", "validate"])
def test_other_commands_give_the_first_problem_and_count_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    path = broken_file(tmp_path)
    with pytest.raises(er.LoadError) as caught:
        er.load_programme(path)
    where, problem, value = caught.value.problems[0]
    more = len(caught.value.problems) - 1
    argv = [command, "--programme", str(path)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    if command == "validate":  # lists them all instead
        assert err == ""
        return
    assert out == ""
    assert err == (
        f"ezhou-recovery: error: {path}: {where}: {problem} (value: {value!r}); and {more} more "
        f"problems (ezhou-recovery validate --programme {path} lists them all)\n"
    )
