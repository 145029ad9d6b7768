"""What every command shares: exit codes, option types, the programme used and the writers."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from ezhou_recovery.display.rows import Record
from ezhou_recovery.io.programme_files import load_ezhou_plan, load_programme
from ezhou_recovery.io.records import FORMATS, write_csv, write_json
from ezhou_recovery.model.programme import Programme

#: Exit codes a script can rely on.
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
#: Only with ``--fail-on``: a target or report is at or below the level named.
EXIT_FINDINGS = 3


#: ``add_parser`` of the subcommands: a command module registers its parsers with it.
AddParser = Callable[..., argparse.ArgumentParser]


class BadInputError(Exception):
    """An option value that parses but does not fit the programme (an unknown key)."""


def date_option(text: str) -> date:
    """An option value written ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def days_option(text: str) -> int:
    """An option value that is a whole number of days, 0 or more."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more days: {text!r}")
    return days


def add_common_options(common: argparse.ArgumentParser) -> None:
    """``--programme``, ``--as-of`` and ``--format`` on ``common``."""
    # Each parser gets its own option objects: set_defaults() on the main parser changes the
    # defaults of its own actions, and a shared action would then carry the main parser's default
    # into the subcommand and overwrite an option given before the subcommand. SUPPRESS keeps a
    # subcommand's unset option out of the namespace.
    add_programme_options(common)
    common.add_argument(
        "--format",
        choices=FORMATS,
        default=argparse.SUPPRESS,
        help="text: an aligned table (default); json or csv: data for machines",
    )


def add_programme_options(parser: argparse.ArgumentParser) -> None:
    """``--programme`` and ``--as-of`` on ``parser``."""
    parser.add_argument(
        "--programme",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="a programme file (TOML or JSON); default: the embedded Ezhou plan",
    )
    parser.add_argument(
        "--as-of",
        type=date_option,
        metavar="DATE",
        default=argparse.SUPPRESS,
        help="the status date (YYYY-MM-DD); default: today",
    )


def programme(args: argparse.Namespace) -> Programme:
    """The programme of ``--programme`` (the embedded Ezhou plan without it), remembered in
    ``args`` for :func:`used`."""
    loaded = load_programme(args.programme) if args.programme else load_ezhou_plan()
    args.used_programme = loaded
    return loaded


def as_of(args: argparse.Namespace) -> date:
    """The status date: ``--as-of``, else today."""
    return args.as_of or date.today()


def used(args: argparse.Namespace) -> dict[str, str | None]:
    """Which programme an output is about: its key, document number and where it came from
    (``embedded`` or the file); key and number are None for a file that does not load."""
    loaded: Programme | None = getattr(args, "used_programme", None)
    return {
        "key": None if loaded is None else loaded.key,
        "document_number": None if loaded is None else loaded.document_number,
        "source": str(args.programme) if args.programme else "embedded",
    }


def used_line(args: argparse.Namespace) -> str:
    """The line naming the programme used: ``programme 规划: KEY NUMBER (the embedded plan)``."""
    about = used(args)
    where = "the embedded plan" if about["source"] == "embedded" else about["source"]
    if about["key"] is None:
        return f"programme 规划: {where} (does not load)"
    return f"programme 规划: {about['key']} {about['document_number']} ({where})"


def emit_json(args: argparse.Namespace, value: dict[str, object], out: TextIO) -> None:
    """Write ``value`` as JSON, with the programme used first."""
    write_json({"programme_used": used(args), **value}, out)


def emit_csv(
    args: argparse.Namespace, rows: Sequence[Record], columns: Sequence[str], out: TextIO
) -> None:
    """Write ``rows`` as CSV after a comment line naming the programme used."""
    out.write(f"# {used_line(args)}\n")
    write_csv(rows, columns, out)


def emit_text(args: argparse.Namespace, text: str, out: TextIO) -> None:
    """Write ``text`` after a line naming the programme used."""
    out.write(f"{used_line(args)}\n{text}")
