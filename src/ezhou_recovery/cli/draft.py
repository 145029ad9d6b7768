"""``draft``: a programme file drafted from a plan's text, for review."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from ezhou_recovery.cli._common import EXIT_OK, AddParser, BadInputError
from ezhou_recovery.drafting import decode_plan_text, draft_programme
from ezhou_recovery.errors import LoadError
from ezhou_recovery.model.periods import Period


def period_option(text: str) -> Period:
    """An option value that is a span of years, ``2020-2022``."""
    m = re.fullmatch(r"(\d{4})\s*[-\u2013—~]\s*(\d{4})", text.strip())
    if m is None or int(m.group(1)) > int(m.group(2)):
        raise argparse.ArgumentTypeError(f"not a span of years written 2020-2022: {text!r}")
    return Period(date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31))


def run_draft(args: argparse.Namespace, out: TextIO) -> int:
    """``draft``: the programme file to ``--output`` (or standard output), the summary beside."""
    source = str(args.text)
    try:
        raw = Path(args.text).read_bytes()
    except OSError as exc:
        raise LoadError(source, "", f"cannot read the file ({exc.strerror or exc})") from None
    draft = draft_programme(
        decode_plan_text(raw, source=source), key=args.key, period=args.period, source=source
    )
    summary = draft.summary()
    if draft.empty:
        (out if args.output else sys.stderr).write(summary)
        raise BadInputError(f"{source}: nothing was drafted (no category found)")
    if args.output:
        Path(args.output).write_text(draft.to_toml(), encoding="utf-8")
        out.write(summary)
        out.write(f"written: {args.output}\n")
    else:
        out.write(draft.to_toml())
        sys.stderr.write(summary)
    return EXIT_OK


def register(add_parser: AddParser) -> None:
    """Add the subcommand ``draft``."""
    draft = add_parser(
        "draft",
        help="draft a programme file from a plan's text (UTF-8 or GB18030), for review",
        description="Draft a programme file (TOML) from the plain text of a plan (实施方案): each "
        "item with its source sentence beside it as a comment and TODO wherever a person must "
        "decide; prints the review summary. Without -o the file goes to standard output and the "
        "summary to standard error.",
    )
    draft.add_argument("text", metavar="PLAN.txt", help="the plan's text (UTF-8 or GB18030)")
    draft.add_argument("-o", "--output", metavar="FILE", help="where to write the programme file")
    draft.add_argument("--key", help="the programme's key (default: draft_<first>_<last year>)")
    draft.add_argument(
        "--period",
        type=period_option,
        metavar="YEARS",
        help="the years the programme covers, 2020-2022 (default: the years its title gives)",
    )
    draft.set_defaults(handler=run_draft)
