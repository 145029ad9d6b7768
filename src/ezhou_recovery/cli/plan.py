"""``plan`` (the overview, the default command) and ``deadlines`` (reports due in a window)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TextIO

from ezhou_recovery.cli._common import (
    EXIT_OK,
    AddParser,
    BadInputError,
    add_common_options,
    as_of,
    date_option,
    days_option,
    emit_csv,
    emit_json,
    emit_text,
    programme,
)
from ezhou_recovery.display import rows
from ezhou_recovery.display.overview import render_overview
from ezhou_recovery.display.text import deadlines_text
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.programme import Programme

#: How many upcoming deadlines ``plan`` lists.
UPCOMING = 12


def run_plan(args: argparse.Namespace, out: TextIO) -> int:
    """``plan``: the programme's overview (text), its targets (CSV) or all of it (JSON)."""
    plan = programme(args)
    when = as_of(args)
    if args.format == "text":
        emit_text(args, render_overview(plan, as_of=when, upcoming=UPCOMING) + "\n", out)
    elif args.format == "csv":
        emit_csv(args, rows.records(plan.targets), rows.TARGET_COLUMNS, out)
    else:
        upcoming = [d for d in plan.deadlines() if d.due > when][:UPCOMING]
        emit_json(
            args,
            {
                "programme": rows.programme_record(plan),
                "as_of": when,
                "categories": rows.records(plan.categories),
                "targets": rows.records(plan.targets),
                "projects": rows.records(plan.projects),
                "next_deadlines": rows.records(upcoming),
            },
            out,
        )
    return EXIT_OK


def _window(args: argparse.Namespace) -> tuple[date | None, date | None]:
    if args.within is not None:
        start = as_of(args)
        return start, start + timedelta(days=args.within)
    return args.start, args.end


def _check_key(kind: str, key: str | None, known: Sequence[str], plan: Programme) -> None:
    if key is not None and key not in known:
        raise BadInputError(
            f"programme {plan.key!r} has no {kind} {key!r} (known: {', '.join(known)})"
        )


def run_deadlines(args: argparse.Namespace, out: TextIO) -> int:
    """``deadlines``: the reports due in a window, of a department or category."""
    plan = programme(args)
    _check_key("department", args.department, [d.key for d in plan.departments], plan)
    _check_key("category", args.category, [c.key for c in plan.categories], plan)
    start, end = _window(args)
    # The window as it applies: without --from / --to, the programme's start and end.
    lo = start or plan.period.start
    hi = end or plan.period.end
    found: list[Deadline] = [
        d
        for d in plan.deadlines(start, end)
        if (args.department is None or d.department.key == args.department)
        and (args.category is None or d.category == args.category)
    ]
    if args.format == "json":
        emit_json(
            args,
            {"programme": plan.key, "from": lo, "to": hi, "deadlines": rows.records(found)},
            out,
        )
    elif args.format == "csv":
        emit_csv(args, rows.records(found), rows.DEADLINE_COLUMNS, out)
    elif not found:
        emit_text(args, f"No deadlines from {lo.isoformat()} to {hi.isoformat()}.\n", out)
    else:
        emit_text(
            args,
            f"{len(found)} deadlines from {lo.isoformat()} to {hi.isoformat()}:\n"
            f"{deadlines_text(found)}\n",
            out,
        )
    return EXIT_OK


def register(add_parser: AddParser) -> None:
    """Add the subcommands ``plan`` and ``deadlines``."""
    plan = add_parser("plan", help="overview: categories, targets, portfolios, next deadlines")
    add_common_options(plan)
    plan.set_defaults(handler=run_plan)
    deadlines = add_parser(
        "deadlines", help="reports due in a window (--from/--to, or --within DAYS of --as-of)"
    )
    add_common_options(deadlines)
    deadlines.add_argument(
        "--from", dest="start", type=date_option, metavar="DATE", help="first due date to list"
    )
    deadlines.add_argument(
        "--to", dest="end", type=date_option, metavar="DATE", help="last due date to list"
    )
    deadlines.add_argument(
        "--within",
        type=days_option,
        metavar="DAYS",
        help="due from --as-of (default today) to DAYS days later; not with --from/--to",
    )
    deadlines.add_argument("--department", metavar="KEY", help="only this department's reports")
    deadlines.add_argument("--category", metavar="KEY", help="only reports on this category")
    deadlines.set_defaults(handler=run_deadlines)
