"""The ``ezhou-recovery`` command (also ``python -m ezhou_recovery``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date

from .errors import EzhouRecoveryError
from .loading import load_ezhou_plan, load_programme
from .overview import render_overview
from .programme import Programme

__all__ = ["main"]

#: Exit codes a script can rely on.
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def _programme(args: argparse.Namespace) -> Programme:
    return load_programme(args.programme) if args.programme else load_ezhou_plan()


def _cmd_plan(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    print(render_overview(_programme(args), as_of=as_of))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; subcommands register themselves here."""
    parser = argparse.ArgumentParser(
        prog="ezhou-recovery",
        description="Check a government investment programme: the embedded Ezhou plan by default.",
    )
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps a subcommand's unset option from overwriting one given before the subcommand.
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
    for action in common._actions:
        if action.dest in ("programme", "as_of"):
            parser._add_action(action)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    plan = sub.add_parser(
        "plan", parents=[common], help="overview: categories, targets, portfolios, next deadlines"
    )
    plan.set_defaults(handler=_cmd_plan)
    parser.set_defaults(handler=_cmd_plan, programme=None, as_of=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except EzhouRecoveryError as exc:
        print(f"ezhou-recovery: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
