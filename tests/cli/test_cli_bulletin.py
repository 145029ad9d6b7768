"""``ezhou-recovery bulletin``: the four renderings from the command line, against a previous one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ezhou_recovery as er
from _bulletin_data import example_q2
from ezhou_recovery.bulletins.contents import Bulletin
from ezhou_recovery.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DATA = [
    "--observations",
    str(EXAMPLES / "ezhou_progress.csv"),
    "--investment",
    str(EXAMPLES / "ezhou_investment.csv"),
    "--submissions",
    str(EXAMPLES / "ezhou_submissions.csv"),
]


def test_quarter_against_the_previous_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q1 = tmp_path / "2021Q1.json"
    assert (
        main(["bulletin", *DATA, "--as-of", "2021-03-31", "--format", "json", "-o", str(q1)])
        == EXIT_OK
    )
    assert json.loads(q1.read_text("utf-8"))["format"] == "ezhou-recovery/bulletin"
    out = capsys.readouterr().out
    assert "ezhou_2020_2022" in out
    assert "2021-03-31" in out
    common = [*DATA, "--as-of", "2021-06-30", "--previous", str(q1)]
    for fmt, name in (
        ("html", "q2.html"),
        ("md", "q2.md"),
        ("docx", "q2.docx"),
        ("json", "q2.json"),
    ):
        assert main(["bulletin", *common, "--format", fmt, "-o", str(tmp_path / name)]) == EXIT_OK
    written = er.from_json((tmp_path / "q2.json").read_bytes(), Bulletin)
    assert written == example_q2()
    assert (tmp_path / "q2.md").read_text("utf-8") == example_q2().to_markdown()
    assert (tmp_path / "q2.html").read_text("utf-8") == example_q2().to_html()
    assert (tmp_path / "q2.docx").read_bytes().startswith(b"PK")


def test_defaults_to_the_example_dataset_and_takes_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "b.md"
    code = main(
        [
            "bulletin",
            "--as-of",
            "2021-06-30",
            "--format",
            "md",
            "-o",
            str(target),
            "--lang",
            "en",
            "--number",
            "鄂十大办〔2021〕3号",
            "--date",
            "2021-07-05",
        ]
    )
    assert code == EXIT_OK
    text = target.read_text("utf-8")
    assert text.startswith("# Bulletin on the progress of")
    assert "鄂十大办〔2021〕3号" in text
    assert "2021-07-05" in text
    assert "[to be filled in: Issuing office]" in text.replace("\\", "")


def test_bad_previous_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.html"
    missing = tmp_path / "none.json"
    assert (
        main(["bulletin", "--as-of", "2021-06-30", "--previous", str(missing), "-o", str(out)])
        == EXIT_BAD_INPUT
    )
    assert "none.json" in capsys.readouterr().err
    later = tmp_path / "later.json"
    later.write_text(er.to_json(example_q2()), encoding="utf-8")
    code = main(["bulletin", "--as-of", "2021-03-31", "--previous", str(later), "-o", str(out)])
    assert code == EXIT_BAD_INPUT
    assert "not before" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text(er.to_json(example_q2().compliance), encoding="utf-8")
    code = main(["bulletin", "--as-of", "2021-09-30", "--previous", str(other), "-o", str(out)])
    assert code == EXIT_BAD_INPUT
    assert "ezhou-recovery/bulletin" in capsys.readouterr().err
    code = main(
        [
            "bulletin",
            "--as-of",
            "2021-09-30",
            "--previous",
            str(other),
            "--previous",
            str(other),
            "-o",
            str(out),
        ]
    )
    assert code == EXIT_BAD_INPUT
    assert "a second ezhou-recovery/compliance" in capsys.readouterr().err
    target = tmp_path / "target.json"
    target.write_text(er.to_json(er.load_ezhou_plan().targets[0]), encoding="utf-8")
    code = main(["bulletin", "--as-of", "2021-09-30", "--previous", str(target), "-o", str(out)])
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "target.json" in err
    assert "ezhou-recovery/target" in err
    assert not out.exists()


def test_previous_as_an_assessment_and_a_compliance_document(tmp_path: Path) -> None:
    q1 = example_q2().changes
    assert q1 is not None
    from _bulletin_data import example_q1

    before = example_q1()
    a, c = tmp_path / "a.json", tmp_path / "c.json"
    a.write_text(er.to_json(before.assessment), encoding="utf-8")
    c.write_text(er.to_json(before.compliance), encoding="utf-8")
    out = tmp_path / "q2.json"
    args = ["bulletin", *DATA, "--as-of", "2021-06-30", "--format", "json", "-o", str(out)]
    assert main([*args, "--previous", str(c), "--previous", str(a)]) == EXIT_OK
    assert er.from_json(out.read_bytes(), Bulletin) == example_q2()
    assert main([*args, "--previous", str(a)]) == EXIT_BAD_INPUT


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bulletin", "--as-of", "2021-06-30"]) == EXIT_USAGE
    assert "-o" in capsys.readouterr().err
