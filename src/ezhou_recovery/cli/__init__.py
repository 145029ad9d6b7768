"""The ``ezhou-recovery`` command (also ``python -m ezhou_recovery``).

Subcommands: ``plan`` (the default), ``deadlines``, ``status`` (attainment), ``compliance``
(reports on time, late, missing), ``validate`` (consistency findings of a programme) and ``draft``
(a programme file drafted from a plan's text, for review). Each writes a readable table
(``--format text``) or data for machines (``--format json`` / ``csv``) to standard output.
``bulletin`` writes the quarterly bulletin to a file (HTML, Word, Markdown or JSON). Exit codes: 0
ok, 1 bad input (a file or value that cannot be used; one line on standard error; for ``validate``
also a programme with errors), 2 usage (bad options), 3 findings (only with ``--fail-on``: targets
or reports at or below the level named).

A module per command group registers its subcommands: :mod:`~ezhou_recovery.cli.plan` (``plan``,
``deadlines``), :mod:`~ezhou_recovery.cli.results` (``status``, ``compliance``),
:mod:`~ezhou_recovery.cli.validate`, :mod:`~ezhou_recovery.cli.bulletin` and
:mod:`~ezhou_recovery.cli.draft`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ezhou_recovery.cli import bulletin, draft, plan, results, validate
from ezhou_recovery.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    BadInputError,
    add_common_options,
)
from ezhou_recovery.errors import EzhouRecoveryError, LoadError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each command module registers its subcommands with a ``handler``."""
    parser = argparse.ArgumentParser(
        prog="ezhou-recovery",
        description="Check a government investment programme: the embedded Ezhou plan by default.",
        epilog="Exit codes: 0 ok, 1 bad input (validate: also errors found), 2 usage, "
        "3 findings (only with --fail-on).",
    )
    add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (plan, results, bulletin, validate, draft):
        group.register(sub.add_parser)
    parser.set_defaults(handler=plan.run_plan, programme=None, as_of=None, format="text")
    return parser


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.programme and getattr(args, "observations", "given") is None:
        parser.error("status with --programme needs --observations (the example is for Ezhou)")
    if args.programme and getattr(args, "submissions", "given") is None:
        parser.error("compliance with --programme needs --submissions (the example is for Ezhou)")
    if getattr(args, "within", None) is not None and (args.start or args.end):
        parser.error("--within cannot be combined with --from or --to")
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start is not None and end is not None and start > end:
        parser.error(f"--from {start.isoformat()} is after --to {end.isoformat()}")


def _one_line(exc: Exception, args: argparse.Namespace) -> str:
    """The error line: a file's first problem, then how many more there are and where to see them."""
    if not isinstance(exc, LoadError) or len(exc.problems) < 2:
        return str(exc)
    path, problem, value = exc.problems[0]
    where = f"{exc.source}: {path}" if path else exc.source
    tail = f" (value: {value!r})" if value is not None else ""
    more = len(exc.problems) - 1
    line = f"{where}: {problem}{tail}; and {more} more problem{'s' if more > 1 else ''}"
    if exc.source == str(args.programme):
        line += f" (ezhou-recovery validate --programme {exc.source} lists them all)"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 usage, 3 findings)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _check_usage(parser, args)
    except SystemExit as exc:  # argparse has printed the usage line and the problem
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, sys.stdout)
    except (EzhouRecoveryError, BadInputError) as exc:
        print(f"ezhou-recovery: error: {_one_line(exc, args)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return EXIT_OK
