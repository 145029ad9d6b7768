"""``bulletin``: the quarterly bulletin (通报) written to a file."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ezhou_recovery.analysis.attainment import Assessment
from ezhou_recovery.analysis.compliance import Compliance
from ezhou_recovery.cli._common import (
    EXIT_OK,
    AddParser,
    BadInputError,
    add_programme_options,
    date_option,
    programme,
)
from ezhou_recovery.cli.results import assessment, compliance_check
from ezhou_recovery.errors import LoadError

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.bulletins.contents import Bulletin

#: ``bulletin --format``: the renderings.
BULLETIN_FORMATS = ("html", "docx", "md", "json")


def _previous(paths: Sequence[str]) -> Bulletin | tuple[Assessment, Compliance] | None:
    """The previous results: one bulletin document, or an assessment and a compliance document."""
    from ezhou_recovery.bulletins.contents import Bulletin
    from ezhou_recovery.io.json.documents import from_data
    from ezhou_recovery.io.programme_files import parse_data

    if not paths:
        return None
    found: dict[str, object] = {}
    kinds = {
        "ezhou-recovery/bulletin": Bulletin,
        "ezhou-recovery/assessment": Assessment,
        "ezhou-recovery/compliance": Compliance,
    }
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
        data = parse_data(raw, source=path, suffix=".json")
        name = data.get("format") if isinstance(data, dict) else None
        if name not in kinds:
            raise LoadError(
                path, "format", f"expected one of {', '.join(kinds)} as --previous", name
            )
        if name in found:
            raise BadInputError(f"{path}: a second {name} document in --previous")
        found[name] = from_data(data, kinds[name], source=path)
    bulletin_doc = found.pop("ezhou-recovery/bulletin", None)
    if isinstance(bulletin_doc, Bulletin):
        if found:
            raise BadInputError("--previous takes a bulletin, or an assessment and a compliance")
        return bulletin_doc
    a, c = found.get("ezhou-recovery/assessment"), found.get("ezhou-recovery/compliance")
    if not isinstance(a, Assessment) or not isinstance(c, Compliance):
        raise BadInputError(
            "--previous needs a bulletin (ezhou-recovery/bulletin), or both the assessment "
            "and the compliance documents"
        )
    return a, c


def run_bulletin(args: argparse.Namespace, out: TextIO) -> int:
    """``bulletin``: write the bulletin as of ``--as-of`` to ``--output``."""
    from ezhou_recovery.bulletins.contents import BulletinHeader, bulletin
    from ezhou_recovery.io.json.documents import to_json

    plan = programme(args)
    assessed = assessment(args)
    checked = compliance_check(args)
    previous = _previous(args.previous or [])
    header = BulletinHeader(
        issuer=args.issuer, number=args.number, addressees=args.addressees, date=args.date
    )
    try:
        b = bulletin(plan, assessed, checked, previous, header=header)
    except ValueError as exc:
        raise BadInputError(str(exc)) from None
    target = Path(args.output)
    if args.format == "docx":
        b.to_docx(args.lang).save(str(target))
    elif args.format == "md":
        target.write_text(b.to_markdown(args.lang), encoding="utf-8")
    elif args.format == "json":
        target.write_text(to_json(b), encoding="utf-8")
    else:
        target.write_text(b.to_html(args.lang), encoding="utf-8")
    out.write(
        f"{plan.title_zh} ({plan.key}): bulletin as of {b.as_of.isoformat()}"
        f" written to {target} ({args.format})\n"
    )
    return EXIT_OK


def register(add_parser: AddParser) -> None:
    """Add the subcommand ``bulletin``."""
    bull = add_parser(
        "bulletin",
        help="the quarterly bulletin (通报) as of --as-of: HTML, Word (docx), Markdown or JSON",
        description="The quarterly bulletin as of --as-of: where the programme stands, what "
        "changed since --previous, each category, reporting per department, 约谈问责 and the "
        "next quarter's deadlines. Without --observations/--submissions: the shipped example "
        "dataset for the Ezhou plan (invented figures).",
    )
    add_programme_options(bull)
    bull.add_argument(
        "--format", choices=BULLETIN_FORMATS, default="html", help="the rendering (default html)"
    )
    bull.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    bull.add_argument("--observations", metavar="FILE", help="reported values of targets")
    bull.add_argument("--investment", metavar="FILE", help="investment completed")
    bull.add_argument("--submissions", metavar="FILE", help="reports received")
    bull.add_argument(
        "--previous",
        metavar="FILE",
        action="append",
        help="the previous bulletin, as written by --format json, or (given twice) the previous "
        "assessment and compliance documents; what changed is shown against it",
    )
    bull.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (default zh)")
    bull.add_argument("--issuer", help="the issuing office (发文机关); default: a placeholder")
    bull.add_argument("--number", help="the document number (发文字号); default: a placeholder")
    bull.add_argument("--addressees", help="the addressees (主送机关); default: a placeholder")
    bull.add_argument(
        "--date", type=date_option, metavar="DATE", help="the date of the document (成文日期)"
    )
    bull.set_defaults(handler=run_bulletin, grace=0, holidays="as-written", fail_on=None, all=False)
