"""The ``ezhou-recovery`` command (also ``python -m ezhou_recovery``).

Subcommands: ``plan`` (the default) and ``deadlines``. Each writes a readable table (``--format
text``) or data for machines (``--format json`` / ``csv``) to standard output. Exit codes: 0 ok, 1 bad
input (a file or value that cannot be used; one line on standard error), 2 usage (bad options).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TextIO

from . import _records
from ._output import FORMATS, write_csv, write_json
from ._text import table
from .errors import EzhouRecoveryError
from .loading import load_ezhou_plan, load_programme
from .obligations import Deadline
from .overview import render_overview
from .programme import Programme

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

#: Exit codes a script can rely on.
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

#: How many upcoming deadlines ``plan`` lists.
UPCOMING = 12


class _BadInputError(Exception):
    """An option value that parses but does not fit the programme (an unknown key)."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more days: {text!r}")
    return days


def _programme(args: argparse.Namespace) -> Programme:
    return load_programme(args.programme) if args.programme else load_ezhou_plan()


def _as_of(args: argparse.Namespace) -> date:
    return args.as_of or date.today()


def _cmd_plan(args: argparse.Namespace, out: TextIO) -> int:
    programme = _programme(args)
    as_of = _as_of(args)
    if args.format == "text":
        out.write(render_overview(programme, as_of=as_of, upcoming=UPCOMING) + "\n")
    elif args.format == "csv":
        write_csv(_records.records(programme.targets), _records.TARGET_COLUMNS, out)
    else:
        upcoming = [d for d in programme.deadlines() if d.due > as_of][:UPCOMING]
        write_json(
            {
                "programme": _records.programme_record(programme),
                "as_of": as_of,
                "categories": _records.records(programme.categories),
                "targets": _records.records(programme.targets),
                "projects": _records.records(programme.projects),
                "next_deadlines": _records.records(upcoming),
            },
            out,
        )
    return EXIT_OK


def _window(args: argparse.Namespace) -> tuple[date | None, date | None]:
    if args.within is not None:
        start = _as_of(args)
        return start, start + timedelta(days=args.within)
    return args.start, args.end


def _check_key(kind: str, key: str | None, known: Sequence[str], programme: Programme) -> None:
    if key is not None and key not in known:
        raise _BadInputError(
            f"programme {programme.key!r} has no {kind} {key!r} (known: {', '.join(known)})"
        )


def _cmd_deadlines(args: argparse.Namespace, out: TextIO) -> int:
    programme = _programme(args)
    _check_key("department", args.department, [d.key for d in programme.departments], programme)
    _check_key("category", args.category, [c.key for c in programme.categories], programme)
    start, end = _window(args)
    found: list[Deadline] = [
        d
        for d in programme.deadlines(start, end)
        if (args.department is None or d.department.key == args.department)
        and (args.category is None or d.category == args.category)
    ]
    if args.format == "json":
        write_json(
            {
                "programme": programme.key,
                "from": start,
                "to": end,
                "deadlines": _records.records(found),
            },
            out,
        )
    elif args.format == "csv":
        write_csv(_records.records(found), _records.DEADLINE_COLUMNS, out)
    else:
        lo = (start or programme.period.start).isoformat()
        hi = (end or programme.period.end).isoformat()
        if not found:
            out.write(f"No deadlines from {lo} to {hi}.\n")
            return EXIT_OK
        rows = [
            [
                d.due.isoformat(),
                d.obligation,
                d.category or "-",
                d.department.name_zh,
                d.department.name_en,
                d.period.label,
            ]
            for d in found
        ]
        header = [
            "截止 due",
            "事项 obligation",
            "工程 category",
            "报送单位",
            "department",
            "期间 period",
        ]
        out.write(f"{len(found)} deadlines from {lo} to {hi}:\n{table(header, rows)}\n")
    return EXIT_OK


def _add_common_options(common: argparse.ArgumentParser) -> None:
    # Each parser gets its own option objects: set_defaults() on the main parser changes the
    # defaults of its own actions, and a shared action would then carry the main parser's default
    # into the subcommand and overwrite an option given before the subcommand. SUPPRESS keeps a
    # subcommand's unset option out of the namespace.
    common.add_argument(
        "--programme",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="a programme file (TOML or JSON); default: the embedded Ezhou plan",
    )
    common.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        default=argparse.SUPPRESS,
        help="the status date (YYYY-MM-DD); default: today",
    )
    common.add_argument(
        "--format",
        choices=FORMATS,
        default=argparse.SUPPRESS,
        help="text: an aligned table (default); json or csv: data for machines",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand registers itself here with a ``handler``."""
    parser = argparse.ArgumentParser(
        prog="ezhou-recovery",
        description="Check a government investment programme: the embedded Ezhou plan by default.",
        epilog="Exit codes: 0 ok, 1 bad input, 2 usage.",
    )
    _add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    plan = sub.add_parser("plan", help="overview: categories, targets, portfolios, next deadlines")
    _add_common_options(plan)
    plan.set_defaults(handler=_cmd_plan)
    deadlines = sub.add_parser(
        "deadlines", help="reports due in a window (--from/--to, or --within DAYS of --as-of)"
    )
    _add_common_options(deadlines)
    deadlines.add_argument(
        "--from", dest="start", type=_date, metavar="DATE", help="first due date to list"
    )
    deadlines.add_argument(
        "--to", dest="end", type=_date, metavar="DATE", help="last due date to list"
    )
    deadlines.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help="due from --as-of (default today) to DAYS days later; not with --from/--to",
    )
    deadlines.add_argument("--department", metavar="KEY", help="only this department's reports")
    deadlines.add_argument("--category", metavar="KEY", help="only reports on this category")
    deadlines.set_defaults(handler=_cmd_deadlines)
    parser.set_defaults(handler=_cmd_plan, programme=None, as_of=None, format="text")
    return parser


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if getattr(args, "within", None) is not None and (args.start or args.end):
        parser.error("--within cannot be combined with --from or --to")
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start is not None and end is not None and start > end:
        parser.error(f"--from {start.isoformat()} is after --to {end.isoformat()}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _check_usage(parser, args)
    except SystemExit as exc:  # argparse has printed the usage line and the problem
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, sys.stdout)
    except (EzhouRecoveryError, _BadInputError) as exc:
        print(f"ezhou-recovery: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
