"""``status`` (attainment of every target) and ``compliance`` (reports on time, late, missing)."""

from __future__ import annotations

import argparse
from typing import TextIO

from ezhou_recovery.analysis.attainment import Assessment, Status, assess
from ezhou_recovery.analysis.compliance import Compliance, ReportStatus, compliance
from ezhou_recovery.analysis.duedates import DueConvention, HolidayPolicy
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError
from ezhou_recovery.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    AddParser,
    add_common_options,
    as_of,
    days_option,
    emit_csv,
    emit_json,
    emit_text,
    programme,
)
from ezhou_recovery.display import rows, text
from ezhou_recovery.errors import LoadError
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
from ezhou_recovery.io.submission_files import load_submissions

#: ``status --fail-on``: the statuses each choice fails on.
STATUS_FAIL: dict[str, frozenset[Status]] = {
    "missed": frozenset({Status.MISSED, Status.OVERDUE}),
    "off_track": frozenset({Status.MISSED, Status.OVERDUE, Status.OFF_TRACK}),
    "at_risk": frozenset({Status.MISSED, Status.OVERDUE, Status.OFF_TRACK, Status.AT_RISK}),
}
#: ``compliance --fail-on``: the report statuses each choice fails on.
REPORT_FAIL: dict[str, frozenset[ReportStatus]] = {
    "missing": frozenset({ReportStatus.MISSING}),
    "late": frozenset({ReportStatus.MISSING, ReportStatus.LATE}),
}


def assessment(args: argparse.Namespace) -> Assessment:
    """The assessment of ``--observations`` and ``--investment`` (the shipped example without)."""
    plan = programme(args)
    if args.observations is None:  # the shipped example dataset (the Ezhou plan only)
        observations = example_observations(plan)
        investment = (
            example_investment_reports(plan)
            if args.investment is None
            else load_investment_reports(args.investment, plan)
        )
    else:
        observations = load_observations(args.observations, plan)
        investment = (
            () if args.investment is None else load_investment_reports(args.investment, plan)
        )
    return assess(plan, observations, as_of=as_of(args), investment=investment)


def run_status(args: argparse.Namespace, out: TextIO) -> int:
    """``status``: attainment of every target, by category, and investment completed."""
    a = assessment(args)
    if args.format == "json":
        emit_json(
            args,
            {
                "programme": a.programme,
                "as_of": a.as_of,
                "counts": {s.value: n for s, n in a.overall.counts.items()},
                "overall": rows.rollup_record(a.overall),
                "targets": [rows.result_record(r) for r in a.results],
                "categories": [rows.rollup_record(r) for r in a.categories],
                "departments": [rows.rollup_record(r) for r in a.departments],
                "money": [rows.money_record(m) for m in (*a.money, a.money_total)],
            },
            out,
        )
    elif args.format == "csv":
        emit_csv(args, [rows.result_record(r) for r in a.results], rows.RESULT_COLUMNS, out)
    else:
        shown = [r for r in a.overall.worst if args.all or r.status is not Status.NO_DATA]
        hidden = a.overall.total - len(shown)
        parts = [
            text.assessment_head(a),
            "",
            "By category 按工程:",
            text.rollups_text(a.categories),
            "",
            "Targets, worst first 目标（最差在前）:",
            text.results_text(shown) if shown else "(none with data)",
        ]
        if hidden:
            parts.append(f"{hidden} targets without data are not listed (--all lists them).")
        money = [m for m in a.money if m.completed is not None]
        if money:
            parts += ["", "Investment 投资完成:", text.money_text(money)]
        emit_text(args, "\n".join(parts) + "\n", out)
    failing = STATUS_FAIL.get(args.fail_on or "", frozenset())
    return EXIT_FINDINGS if any(r.status in failing for r in a.results) else EXIT_OK


def _submission_entry(path: str, index: int) -> str:
    """Where submission ``index`` (counted from 0) stands in ``path``, as the loader names it.

    :func:`load_submissions` makes one submission of each CSV row, in order, numbering the rows
    from the header (row 1); in JSON, of each entry of the list ``submissions``.
    """
    if path.lower().endswith(".csv"):
        return f"row {index + 2}"
    return f"submissions[{index}]"


def compliance_check(args: argparse.Namespace) -> Compliance:
    """The compliance of ``--submissions`` (the shipped example without) under ``--grace`` and
    ``--holidays``."""
    plan = programme(args)
    submissions = (
        example_submissions()
        if args.submissions is None
        else load_submissions(args.submissions, plan)
    )
    convention = DueConvention(
        grace_days=args.grace, holidays=HolidayPolicy(args.holidays.replace("-", "_"))
    )
    try:
        return compliance(plan, submissions, as_of(args), convention)
    except UnmatchedSubmissionError as exc:
        if args.submissions is None:  # pragma: no cover - the shipped example matches its plan
            raise
        source = str(args.submissions)
        entry = _submission_entry(source, exc.index)
        value = getattr(exc.submission, exc.field)
        raise LoadError(source, f"{entry}.{exc.field}", exc.problem, value) from None


def run_compliance(args: argparse.Namespace, out: TextIO) -> int:
    """``compliance``: every deadline's report status, the tallies and the laggards."""
    c = compliance_check(args)
    if args.format == "json":
        plan = programme(args)
        names = {cat.key: cat for cat in plan.categories}
        emit_json(
            args,
            {
                "as_of": c.as_of,
                "convention": {
                    "inclusive": c.convention.inclusive,
                    "grace_days": c.convention.grace_days,
                    "holidays": c.convention.holidays.value,
                },
                "programme": rows.tally_record(
                    "programme", plan.key, plan.title_zh, plan.title_en, c.programme
                ),
                "departments": [
                    rows.tally_record("department", d.key, d.name_zh, d.name_en, t)
                    for d, t in c.by_department
                ],
                "categories": [
                    rows.tally_record("category", k, names[k].name_zh, names[k].name_en, t)
                    for k, t in c.by_category
                ],
                "laggards": [rows.laggard_record(lg) for lg in c.laggards],
                "unassigned": [{"category": k, "missing": m} for k, m in c.unassigned],
                "deadlines": [rows.deadline_status_record(st) for st in c.statuses],
            },
            out,
        )
    elif args.format == "csv":
        records = [rows.deadline_status_record(st) for st in c.statuses]
        emit_csv(args, records, rows.DEADLINE_STATUS_COLUMNS, out)
    else:
        problems = [
            st for st in c.statuses if st.status in (ReportStatus.LATE, ReportStatus.MISSING)
        ]
        parts = [text.compliance_head(c)]
        if c.laggards:
            parts += ["", "Departments that lag 滞后单位:", text.laggards_text(c.laggards)]
        if problems:
            parts += [
                "",
                "Late and missing reports 迟报和未报:",
                text.deadline_statuses_text(problems),
            ]
        else:
            parts += ["", "No report is late or missing."]
        emit_text(args, "\n".join(parts) + "\n", out)
    failing = REPORT_FAIL.get(args.fail_on or "", frozenset())
    return EXIT_FINDINGS if any(st.status in failing for st in c.statuses) else EXIT_OK


def add_observation_options(parser: argparse.ArgumentParser) -> None:
    """``--observations`` and ``--investment``: the inputs of an assessment."""
    parser.add_argument(
        "--observations",
        metavar="FILE",
        help="reported values of targets (CSV or JSON); default: the shipped example dataset",
    )
    parser.add_argument(
        "--investment",
        metavar="FILE",
        help="investment completed (CSV or JSON); default: the example's with the example "
        "observations, none otherwise",
    )


def register(add_parser: AddParser) -> None:
    """Add the subcommands ``status`` and ``compliance``."""
    status = add_parser(
        "status",
        help="attainment of every target as of --as-of, from reported values",
        description="Attainment of every target as of --as-of. Without --observations: the "
        "shipped example dataset for the Ezhou plan (invented figures).",
    )
    add_common_options(status)
    add_observation_options(status)
    status.add_argument(
        "--all", action="store_true", help="also list the targets without data (text format)"
    )
    status.add_argument(
        "--fail-on",
        choices=tuple(STATUS_FAIL),
        help="exit with code 3 when a target is missed (or off track, or at risk, or worse)",
    )
    status.set_defaults(handler=run_status)
    comp = add_parser(
        "compliance",
        help="reports on time, late and missing as of --as-of; departments that lag",
        description="Reporting compliance as of --as-of. Without --submissions: the shipped "
        "example submissions for the Ezhou plan (invented).",
    )
    add_common_options(comp)
    comp.add_argument(
        "--submissions",
        metavar="FILE",
        help="reports received (CSV or JSON); default: the shipped example submissions",
    )
    comp.add_argument(
        "--holidays",
        choices=[p.value.replace("_", "-") for p in HolidayPolicy],
        default="as-written",
        type=lambda value: value.replace("_", "-"),
        help="a due date on a weekend or holiday stands (as-written, default) or moves to the "
        "next working day (needs the holidays extra)",
    )
    comp.add_argument(
        "--grace",
        type=days_option,
        default=0,
        metavar="DAYS",
        help="days of grace after a due date",
    )
    comp.add_argument(
        "--fail-on",
        choices=tuple(REPORT_FAIL),
        help="exit with code 3 when a report is missing (or late or missing)",
    )
    comp.set_defaults(handler=run_compliance)
