"""``validate``: the consistency findings of a programme (errors and warnings)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TextIO

from ezhou_recovery.analysis.validation import Finding, Severity, validate
from ezhou_recovery.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    AddParser,
    add_common_options,
    emit_csv,
    emit_json,
    emit_text,
    programme,
)
from ezhou_recovery.display.rows import FINDING_COLUMNS, finding_record
from ezhou_recovery.display.text import findings_text
from ezhou_recovery.errors import LoadError


def _load_finding(path: str, problem: str, value: object) -> Finding:
    what = problem if value is None else f"{problem} (value: {value!r})"
    return Finding(Severity.ERROR, "load-error", path, what)


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    """``validate``: exit 1 when there is an error (or the file does not load), else 0."""
    try:
        plan = programme(args)
    except LoadError as exc:  # every problem of a file that does not load, as error findings
        findings = tuple(_load_finding(*problem) for problem in exc.problems)
        return _write_findings(exc.source, None, findings, args, out)
    return _write_findings(plan.key, plan.key, validate(plan), args, out)


def _write_findings(
    name: str, key: str | None, findings: Sequence[Finding], args: argparse.Namespace, out: TextIO
) -> int:
    """Write ``findings`` of programme ``key`` (None: a file ``name`` that does not load)."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    if args.format == "json":
        emit_json(
            args,
            {
                "programme": key,
                "errors": errors,
                "warnings": warnings,
                "findings": [finding_record(f) for f in findings],
            },
            out,
        )
    elif args.format == "csv":
        emit_csv(args, [finding_record(f) for f in findings], FINDING_COLUMNS, out)
    elif not findings:
        emit_text(args, f"{name}: no findings, the programme is consistent 未发现问题\n", out)
    else:
        head = "" if key is not None else "the file does not load 文件无法载入: "
        emit_text(
            args,
            f"{name}: {head}{errors} error(s), {warnings} warning(s) "
            f"错误{errors}项，警告{warnings}项\n{findings_text(findings)}\n",
            out,
        )
    return EXIT_BAD_INPUT if errors else EXIT_OK


def register(add_parser: AddParser) -> None:
    """Add the subcommand ``validate``."""
    check = add_parser(
        "validate",
        help="consistency findings of a programme (errors and warnings); exit 1 on errors",
        description="Check a programme file (the embedded Ezhou plan by default) with the "
        "library's consistency rules: each finding's severity, rule code, place and problem. "
        "Exit code 1 when there is an error (or the file cannot be read), 0 with only warnings.",
    )
    add_common_options(check)
    check.set_defaults(handler=run_validate)
