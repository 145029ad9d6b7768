"""The ``ezhou-recovery`` command (also ``python -m ezhou_recovery``).

Subcommands: ``plan`` (the default), ``deadlines``, ``status`` (attainment), ``compliance``
(reports on time, late, missing), ``validate`` (consistency findings of a programme) and ``draft``
(a programme file drafted from a plan's text, for review). Each writes
a readable table (``--format text``) or data for machines (``--format json`` / ``csv``) to standard
output. ``bulletin`` writes the quarterly bulletin to a file (HTML, Word, Markdown or JSON). Exit codes: 0 ok, 1 bad input (a file or value that cannot be used; one line on standard
error; for ``validate`` also a programme with errors), 2 usage (bad options), 3 findings (only with
``--fail-on``: targets or reports at or below the level named).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ezhou_recovery._core.text import table
from ezhou_recovery.analysis.attainment import Assessment, Status, assess
from ezhou_recovery.analysis.compliance import Compliance, ReportStatus, compliance
from ezhou_recovery.analysis.duedates import DueConvention, HolidayPolicy
from ezhou_recovery.analysis.matching import UnmatchedSubmissionError
from ezhou_recovery.analysis.validation import Finding, Severity, validate
from ezhou_recovery.display import rows as _records
from ezhou_recovery.display import text as _textviews
from ezhou_recovery.display.overview import render_overview
from ezhou_recovery.drafting import decode_plan_text, draft_programme
from ezhou_recovery.errors import EzhouRecoveryError, LoadError
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
from ezhou_recovery.io.programme_files import load_ezhou_plan, load_programme
from ezhou_recovery.io.records import FORMATS, write_csv, write_json
from ezhou_recovery.io.submission_files import load_submissions
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Programme

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.bulletins.contents import Bulletin

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

#: Exit codes a script can rely on.
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
#: Only with ``--fail-on``: a target or report is at or below the level named.
EXIT_FINDINGS = 3

#: ``status --fail-on``: the statuses each choice fails on.
_STATUS_FAIL: dict[str, frozenset[Status]] = {
    "missed": frozenset({Status.MISSED, Status.OVERDUE}),
    "off_track": frozenset({Status.MISSED, Status.OVERDUE, Status.OFF_TRACK}),
    "at_risk": frozenset({Status.MISSED, Status.OVERDUE, Status.OFF_TRACK, Status.AT_RISK}),
}
#: ``compliance --fail-on``: the report statuses each choice fails on.
_REPORT_FAIL: dict[str, frozenset[ReportStatus]] = {
    "missing": frozenset({ReportStatus.MISSING}),
    "late": frozenset({ReportStatus.MISSING, ReportStatus.LATE}),
}

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
    programme = load_programme(args.programme) if args.programme else load_ezhou_plan()
    args.used_programme = programme
    return programme


def _used(args: argparse.Namespace) -> dict[str, str | None]:
    """Which programme an output is about: its key, document number and where it came from
    (``embedded`` or the file); key and number are None for a file that does not load."""
    programme: Programme | None = getattr(args, "used_programme", None)
    return {
        "key": None if programme is None else programme.key,
        "document_number": None if programme is None else programme.document_number,
        "source": str(args.programme) if args.programme else "embedded",
    }


def _used_line(args: argparse.Namespace) -> str:
    used = _used(args)
    where = "the embedded plan" if used["source"] == "embedded" else used["source"]
    if used["key"] is None:
        return f"programme 规划: {where} (does not load)"
    return f"programme 规划: {used['key']} {used['document_number']} ({where})"


def _json(args: argparse.Namespace, value: dict[str, object], out: TextIO) -> None:
    write_json({"programme_used": _used(args), **value}, out)


def _csv(
    args: argparse.Namespace, rows: Sequence[_records.Record], columns: Sequence[str], out: TextIO
) -> None:
    out.write(f"# {_used_line(args)}\n")
    write_csv(rows, columns, out)


def _text(args: argparse.Namespace, text: str, out: TextIO) -> None:
    out.write(f"{_used_line(args)}\n{text}")


def _as_of(args: argparse.Namespace) -> date:
    return args.as_of or date.today()


def _cmd_plan(args: argparse.Namespace, out: TextIO) -> int:
    programme = _programme(args)
    as_of = _as_of(args)
    if args.format == "text":
        _text(args, render_overview(programme, as_of=as_of, upcoming=UPCOMING) + "\n", out)
    elif args.format == "csv":
        _csv(args, _records.records(programme.targets), _records.TARGET_COLUMNS, out)
    else:
        upcoming = [d for d in programme.deadlines() if d.due > as_of][:UPCOMING]
        _json(
            args,
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
    # The window as it applies: without --from / --to, the programme's start and end.
    lo = start or programme.period.start
    hi = end or programme.period.end
    found: list[Deadline] = [
        d
        for d in programme.deadlines(start, end)
        if (args.department is None or d.department.key == args.department)
        and (args.category is None or d.category == args.category)
    ]
    if args.format == "json":
        _json(
            args,
            {
                "programme": programme.key,
                "from": lo,
                "to": hi,
                "deadlines": _records.records(found),
            },
            out,
        )
    elif args.format == "csv":
        _csv(args, _records.records(found), _records.DEADLINE_COLUMNS, out)
    else:
        if not found:
            _text(args, f"No deadlines from {lo.isoformat()} to {hi.isoformat()}.\n", out)
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
        _text(
            args,
            f"{len(found)} deadlines from {lo.isoformat()} to {hi.isoformat()}:\n"
            f"{table(header, rows)}\n",
            out,
        )
    return EXIT_OK


def _assessment(args: argparse.Namespace) -> Assessment:
    programme = _programme(args)
    if args.observations is None:  # the shipped example dataset (the Ezhou plan only)
        observations = example_observations(programme)
        investment = (
            example_investment_reports(programme)
            if args.investment is None
            else load_investment_reports(args.investment, programme)
        )
    else:
        observations = load_observations(args.observations, programme)
        investment = (
            () if args.investment is None else load_investment_reports(args.investment, programme)
        )
    return assess(programme, observations, as_of=_as_of(args), investment=investment)


def _cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    a = _assessment(args)
    if args.format == "json":
        _json(
            args,
            {
                "programme": a.programme,
                "as_of": a.as_of,
                "counts": {s.value: n for s, n in a.overall.counts.items()},
                "overall": _records.rollup_record(a.overall),
                "targets": [_records.result_record(r) for r in a.results],
                "categories": [_records.rollup_record(r) for r in a.categories],
                "departments": [_records.rollup_record(r) for r in a.departments],
                "money": [_records.money_record(m) for m in (*a.money, a.money_total)],
            },
            out,
        )
    elif args.format == "csv":
        rows = [_records.result_record(r) for r in a.results]
        _csv(args, rows, _records.RESULT_COLUMNS, out)
    else:
        shown = [r for r in a.overall.worst if args.all or r.status is not Status.NO_DATA]
        hidden = a.overall.total - len(shown)
        parts = [
            _textviews.assessment_head(a),
            "",
            "By category 按工程:",
            _textviews.rollups_text(a.categories),
            "",
            "Targets, worst first 目标（最差在前）:",
            _textviews.results_text(shown) if shown else "(none with data)",
        ]
        if hidden:
            parts.append(f"{hidden} targets without data are not listed (--all lists them).")
        money = [m for m in a.money if m.completed is not None]
        if money:
            parts += ["", "Investment 投资完成:", _textviews.money_text(money)]
        _text(args, "\n".join(parts) + "\n", out)
    failing = _STATUS_FAIL.get(args.fail_on or "", frozenset())
    return EXIT_FINDINGS if any(r.status in failing for r in a.results) else EXIT_OK


def _submission_entry(path: str, index: int) -> str:
    """Where submission ``index`` (counted from 0) stands in ``path``, as the loader names it.

    :func:`load_submissions` makes one submission of each CSV row, in order, numbering the rows
    from the header (row 1); in JSON, of each entry of the list ``submissions``.
    """
    if path.lower().endswith(".csv"):
        return f"row {index + 2}"
    return f"submissions[{index}]"


def _compliance(args: argparse.Namespace) -> Compliance:
    programme = _programme(args)
    submissions = (
        example_submissions()
        if args.submissions is None
        else load_submissions(args.submissions, programme)
    )
    convention = DueConvention(
        grace_days=args.grace, holidays=HolidayPolicy(args.holidays.replace("-", "_"))
    )
    try:
        return compliance(programme, submissions, _as_of(args), convention)
    except UnmatchedSubmissionError as exc:
        if args.submissions is None:  # pragma: no cover - the shipped example matches its plan
            raise
        source = str(args.submissions)
        entry = _submission_entry(source, exc.index)
        value = getattr(exc.submission, exc.field)
        raise LoadError(source, f"{entry}.{exc.field}", exc.problem, value) from None


def _cmd_compliance(args: argparse.Namespace, out: TextIO) -> int:
    c = _compliance(args)
    if args.format == "json":
        programme = _programme(args)
        names = {cat.key: cat for cat in programme.categories}
        _json(
            args,
            {
                "as_of": c.as_of,
                "convention": {
                    "inclusive": c.convention.inclusive,
                    "grace_days": c.convention.grace_days,
                    "holidays": c.convention.holidays.value,
                },
                "programme": _records.tally_record(
                    "programme", programme.key, programme.title_zh, programme.title_en, c.programme
                ),
                "departments": [
                    _records.tally_record("department", d.key, d.name_zh, d.name_en, t)
                    for d, t in c.by_department
                ],
                "categories": [
                    _records.tally_record("category", k, names[k].name_zh, names[k].name_en, t)
                    for k, t in c.by_category
                ],
                "laggards": [_records.laggard_record(lg) for lg in c.laggards],
                "unassigned": [{"category": k, "missing": m} for k, m in c.unassigned],
                "deadlines": [_records.deadline_status_record(st) for st in c.statuses],
            },
            out,
        )
    elif args.format == "csv":
        rows = [_records.deadline_status_record(st) for st in c.statuses]
        _csv(args, rows, _records.DEADLINE_STATUS_COLUMNS, out)
    else:
        problems = [
            st for st in c.statuses if st.status in (ReportStatus.LATE, ReportStatus.MISSING)
        ]
        parts = [_textviews.compliance_head(c)]
        if c.laggards:
            parts += ["", "Departments that lag 滞后单位:", _textviews.laggards_text(c.laggards)]
        if problems:
            parts += [
                "",
                "Late and missing reports 迟报和未报:",
                _textviews.deadline_statuses_text(problems),
            ]
        else:
            parts += ["", "No report is late or missing."]
        _text(args, "\n".join(parts) + "\n", out)
    failing = _REPORT_FAIL.get(args.fail_on or "", frozenset())
    return EXIT_FINDINGS if any(st.status in failing for st in c.statuses) else EXIT_OK


#: The columns of ``validate --format csv`` (and the fields of each finding in JSON).
_FINDING_COLUMNS = ("severity", "code", "where", "what")
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def _finding_record(f: Finding) -> dict[str, str]:
    return {"severity": f.severity.value, "code": f.code, "where": f.where, "what": f.what}


def _load_finding(path: str, problem: str, value: object) -> Finding:
    what = problem if value is None else f"{problem} (value: {value!r})"
    return Finding(Severity.ERROR, "load-error", path, what)


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    try:
        programme = _programme(args)
    except LoadError as exc:  # every problem of a file that does not load, as error findings
        findings = tuple(_load_finding(*problem) for problem in exc.problems)
        return _write_findings(exc.source, None, findings, args, out)
    return _write_findings(programme.key, programme.key, validate(programme), args, out)


def _write_findings(
    name: str, key: str | None, findings: Sequence[Finding], args: argparse.Namespace, out: TextIO
) -> int:
    """Write ``findings`` of programme ``key`` (None: a file ``name`` that does not load)."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    fmt = args.format
    if fmt == "json":
        _json(
            args,
            {
                "programme": key,
                "errors": errors,
                "warnings": warnings,
                "findings": [_finding_record(f) for f in findings],
            },
            out,
        )
    elif fmt == "csv":
        _csv(args, [_finding_record(f) for f in findings], _FINDING_COLUMNS, out)
    elif not findings:
        _text(args, f"{name}: no findings, the programme is consistent 未发现问题\n", out)
    else:
        rows = [
            [f"{_SEVERITY_ZH[f.severity]} {f.severity.value}", f.code, f.where or "-", f.what]
            for f in findings
        ]
        header = ["级别 severity", "规则 code", "位置 where", "问题 what"]
        head = "" if key is not None else "the file does not load 文件无法载入: "
        _text(
            args,
            f"{name}: {head}{errors} error(s), {warnings} warning(s) "
            f"错误{errors}项，警告{warnings}项\n{table(header, rows)}\n",
            out,
        )
    return EXIT_BAD_INPUT if errors else EXIT_OK


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
            raise _BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
        data = parse_data(raw, source=path, suffix=".json")
        name = data.get("format") if isinstance(data, dict) else None
        if name not in kinds:
            raise LoadError(
                path, "format", f"expected one of {', '.join(kinds)} as --previous", name
            )
        if name in found:
            raise _BadInputError(f"{path}: a second {name} document in --previous")
        found[name] = from_data(data, kinds[name], source=path)
    bulletin_doc = found.pop("ezhou-recovery/bulletin", None)
    if isinstance(bulletin_doc, Bulletin):
        if found:
            raise _BadInputError("--previous takes a bulletin, or an assessment and a compliance")
        return bulletin_doc
    a, c = found.get("ezhou-recovery/assessment"), found.get("ezhou-recovery/compliance")
    if not isinstance(a, Assessment) or not isinstance(c, Compliance):
        raise _BadInputError(
            "--previous needs a bulletin (ezhou-recovery/bulletin), or both the assessment "
            "and the compliance documents"
        )
    return a, c


def _cmd_bulletin(args: argparse.Namespace, out: TextIO) -> int:
    from ezhou_recovery.bulletins.contents import BulletinHeader, bulletin
    from ezhou_recovery.io.json.documents import to_json

    programme = _programme(args)
    assessment = _assessment(args)
    compliance_result = _compliance(args)
    previous = _previous(args.previous or [])
    header = BulletinHeader(
        issuer=args.issuer, number=args.number, addressees=args.addressees, date=args.date
    )
    try:
        b = bulletin(programme, assessment, compliance_result, previous, header=header)
    except ValueError as exc:
        raise _BadInputError(str(exc)) from None
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
        f"{programme.title_zh} ({programme.key}): bulletin as of {b.as_of.isoformat()}"
        f" written to {target} ({args.format})\n"
    )
    return EXIT_OK


def _period(text: str) -> Period:
    m = re.fullmatch(r"(\d{4})\s*[-\u2013—~]\s*(\d{4})", text.strip())
    if m is None or int(m.group(1)) > int(m.group(2)):
        raise argparse.ArgumentTypeError(f"not a span of years written 2020-2022: {text!r}")
    return Period(date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31))


def _cmd_draft(args: argparse.Namespace, out: TextIO) -> int:
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
        raise _BadInputError(f"{source}: nothing was drafted (no category found)")
    if args.output:
        Path(args.output).write_text(draft.to_toml(), encoding="utf-8")
        out.write(summary)
        out.write(f"written: {args.output}\n")
    else:
        out.write(draft.to_toml())
        sys.stderr.write(summary)
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
        epilog="Exit codes: 0 ok, 1 bad input (validate: also errors found), 2 usage, "
        "3 findings (only with --fail-on).",
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
    status = sub.add_parser(
        "status",
        help="attainment of every target as of --as-of, from reported values",
        description="Attainment of every target as of --as-of. Without --observations: the "
        "shipped example dataset for the Ezhou plan (invented figures).",
    )
    _add_common_options(status)
    status.add_argument(
        "--observations",
        metavar="FILE",
        help="reported values of targets (CSV or JSON); default: the shipped example dataset",
    )
    status.add_argument(
        "--investment",
        metavar="FILE",
        help="investment completed (CSV or JSON); default: the example's with the example "
        "observations, none otherwise",
    )
    status.add_argument(
        "--all", action="store_true", help="also list the targets without data (text format)"
    )
    status.add_argument(
        "--fail-on",
        choices=tuple(_STATUS_FAIL),
        help="exit with code 3 when a target is missed (or off track, or at risk, or worse)",
    )
    status.set_defaults(handler=_cmd_status)
    comp = sub.add_parser(
        "compliance",
        help="reports on time, late and missing as of --as-of; departments that lag",
        description="Reporting compliance as of --as-of. Without --submissions: the shipped "
        "example submissions for the Ezhou plan (invented).",
    )
    _add_common_options(comp)
    comp.add_argument(
        "--submissions",
        metavar="FILE",
        help="reports received (CSV or JSON); default: the shipped example submissions",
    )
    comp.add_argument(
        "--holidays",
        choices=[p.value.replace("_", "-") for p in HolidayPolicy],
        default="as-written",
        type=lambda text: text.replace("_", "-"),
        help="a due date on a weekend or holiday stands (as-written, default) or moves to the "
        "next working day (needs the holidays extra)",
    )
    comp.add_argument(
        "--grace", type=_days, default=0, metavar="DAYS", help="days of grace after a due date"
    )
    comp.add_argument(
        "--fail-on",
        choices=tuple(_REPORT_FAIL),
        help="exit with code 3 when a report is missing (or late or missing)",
    )
    comp.set_defaults(handler=_cmd_compliance)
    bull = sub.add_parser(
        "bulletin",
        help="the quarterly bulletin (通报) as of --as-of: HTML, Word (docx), Markdown or JSON",
        description="The quarterly bulletin as of --as-of: where the programme stands, what "
        "changed since --previous, each category, reporting per department, 约谈问责 and the "
        "next quarter's deadlines. Without --observations/--submissions: the shipped example "
        "dataset for the Ezhou plan (invented figures).",
    )
    bull.add_argument(
        "--programme",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="a programme file (TOML or JSON); default: the embedded Ezhou plan",
    )
    bull.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        default=argparse.SUPPRESS,
        help="the status date (YYYY-MM-DD); default: today",
    )
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
        "--date", type=_date, metavar="DATE", help="the date of the document (成文日期)"
    )
    bull.set_defaults(
        handler=_cmd_bulletin, grace=0, holidays="as-written", fail_on=None, all=False
    )
    check = sub.add_parser(
        "validate",
        help="consistency findings of a programme (errors and warnings); exit 1 on errors",
        description="Check a programme file (the embedded Ezhou plan by default) with the "
        "library's consistency rules: each finding's severity, rule code, place and problem. "
        "Exit code 1 when there is an error (or the file cannot be read), 0 with only warnings.",
    )
    _add_common_options(check)
    check.set_defaults(handler=_cmd_validate)
    draft = sub.add_parser(
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
        type=_period,
        metavar="YEARS",
        help="the years the programme covers, 2020-2022 (default: the years its title gives)",
    )
    draft.set_defaults(handler=_cmd_draft)
    parser.set_defaults(handler=_cmd_plan, programme=None, as_of=None, format="text")
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
    except (EzhouRecoveryError, _BadInputError) as exc:
        print(f"ezhou-recovery: error: {_one_line(exc, args)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
