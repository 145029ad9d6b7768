"""The ``validate`` command: findings as a table, JSON or CSV; exit 1 on errors, 0 otherwise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import ezhou_recovery as er
from ezhou_recovery.cli import EXIT_BAD_INPUT, EXIT_OK, main

ROOT = Path(__file__).parent.parent
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
    assert out.startswith(f"ezhou_2020_2022: 0 error(s), {len(findings)} warning(s)")
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
    rows = list(csv.DictReader(io.StringIO(out)))
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
def test_an_unreadable_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(content)
    code, out, err = run(capsys, "--programme", str(path))
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"ezhou-recovery: error: {path}")


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--programme", str(tmp_path / "nowhere.toml"))
    assert code == EXIT_BAD_INPUT
    assert err.count("\n") == 1
