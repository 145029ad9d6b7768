"""Reading filled quarterly reporting workbooks back (needs the ``xlsx`` extra).

The workbooks are those :func:`~ezhou_recovery.write_reporting_workbook` writes. A filled workbook
gives observations (sheet ``目标 Targets``), investment reports (sheet ``投资 Investment``) and, when
the ``submitted_on`` cell of ``说明 About`` is filled, a :class:`~ezhou_recovery.Submission` of the
quarterly report. Every problem is a :class:`~ezhou_recovery.LoadError` naming the file, the cell
(``目标 Targets!J7``), the value and the problem.

Cell values are read exactly: spreadsheet numbers arrive as binary floats and are turned into
decimals through their shortest text (``Decimal(str(x))``), so ``46.71`` stays ``46.71``. A
percentage is the bare number (``75`` for 75%); a cell formatted as a percentage (typed ``75%``,
stored as ``0.75``) is read as 75%. The ``备注 Note`` column is for people and is not read.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from os import PathLike
from typing import Any, Final

import attrs

from ezhou_recovery._core.arguments import check_type
from ezhou_recovery._core.dates import read_date
from ezhou_recovery._core.problems import FieldProblem
from ezhou_recovery._core.text import forbidden_character
from ezhou_recovery.analysis.validation import Finding, Severity
from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError
from ezhou_recovery.evidence.observations import (
    InvestmentReport,
    Observation,
    Quality,
    implausibility,
    read_value,
)
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io._observation_rows import estimate_word
from ezhou_recovery.io._reading import read_bytes
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.io.xlsx._openpyxl import load_openpyxl
from ezhou_recovery.io.xlsx.forms import (
    ABOUT_SHEET,
    INVESTMENT_COLUMNS,
    INVESTMENT_SHEET,
    TARGET_COLUMNS,
    TARGETS_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
)
from ezhou_recovery.model.obligations import Frequency
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import Target
from ezhou_recovery.units import Q_, magnitude_problem

__all__ = ["FilledWorkbook", "read_reporting_workbook"]

_TARGET_FIELDS: Final = tuple(field for field, _ in TARGET_COLUMNS)
_INVESTMENT_FIELDS: Final = tuple(field for field, _ in INVESTMENT_COLUMNS)


@attrs.frozen
class FilledWorkbook:
    """What a filled reporting workbook reports.

    Attributes:
        source: The file read.
        department: Key of the reporting department.
        period: The period the workbook covers.
        observations: One per filled row of the targets sheet, in row order.
        investment: One per filled row of the investment sheet, in row order.
        submission: The quarterly report, dated by the ``submitted_on`` cell; None when empty.
        findings: Values that read but are implausible for their targets (more than 10³ times the
            target or below 10⁻³ of it: a slip of 万), each naming its cell and both readings.
    """

    source: str
    department: str
    period: Period
    observations: tuple[Observation, ...]
    investment: tuple[InvestmentReport, ...]
    submission: Submission | None
    findings: tuple[Finding, ...] = ()


@attrs.frozen
class _Cell:
    """A cell as read: where it is (``目标 Targets!J7``), its value and its number format."""

    where: str
    value: Any
    number_format: str = "General"


def _problem(cell: _Cell, problem: str, value: Any = None) -> FieldProblem:
    """A problem with ``cell``: its place (``目标 Targets!J7``) stands for the field."""
    return FieldProblem(cell.where, problem, value)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(cell: _Cell) -> date:
    value = cell.value
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            raise _problem(cell, "expected a date without a time", value)
        value = value.date()
    try:
        return read_date(value)
    except ValueError as exc:
        raise _problem(cell, str(exc), value) from None


def _text(cell: _Cell) -> str | None:
    value = cell.value
    if _empty(value):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _problem(cell, "expected a text", value)
    return value.strip()


def _number(cell: _Cell) -> Decimal:
    """A cell's number, exact: floats through their shortest text; a percent-formatted cell
    (``0.75`` shown as 75%) as the number of percent (75)."""
    value = cell.value
    if isinstance(value, bool):
        raise _problem(cell, "expected a number", value)
    if isinstance(value, int | float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise _problem(cell, "expected a number", value) from None
    else:
        raise _problem(cell, "expected a number", value)
    if not number.is_finite():
        raise _problem(cell, "expected a finite number", value)
    if "%" in (cell.number_format or ""):
        number *= 100
    problem = magnitude_problem(number)
    if problem is not None:
        raise _problem(cell, problem, value)
    return number


def _sheet_rows(sheet: Any, width: int) -> Iterator[tuple[int, tuple[_Cell, ...]]]:
    """The rows of a sheet that hold something, as cells of the first ``width`` columns.

    The sheet is read as a stream; the rows read and the length of each text are bounded.
    """
    from openpyxl.cell.read_only import EMPTY_CELL
    from openpyxl.utils import get_column_letter

    limits = current_limits()
    letters = [get_column_letter(i) for i in range(1, width + 1)]
    title = sheet.title
    padding: tuple[Any, ...] = ()
    for number, row in enumerate(sheet.iter_rows(max_col=width), start=1):
        if number > limits.max_rows + 1:
            cell = _Cell(f"{title}!A{number}", None)
            raise _problem(cell, limits.problem("max_rows", "too many rows"))
        if row is padding:
            continue
        if all(c is EMPTY_CELL for c in row):
            padding = row  # the reader yields one tuple for every row the file leaves out
            continue
        values = [c.value for c in row]
        if all(_empty(value) for value in values):
            continue
        cells = []
        for letter, c, value in zip(letters, row, values, strict=False):
            cell = _Cell(f"{title}!{letter}{number}", value, c.number_format or "General")
            if isinstance(value, str):
                if len(value) > limits.max_text:
                    problem = limits.problem("max_text", "a cell holds too many characters")
                    raise _problem(cell, problem)
                character = forbidden_character(value)
                if character is not None:
                    raise _problem(cell, f"holds the control character {character}", value)
            cells.append(cell)
        cells.extend(_Cell(f"{title}!{letter}{number}", None) for letter in letters[len(cells) :])
        yield number, tuple(cells)


def _table(sheet: Any, columns: tuple[tuple[str, str], ...]) -> list[tuple[_Cell, ...]]:
    """The rows below the header of a sheet, the header checked."""
    rows = list(_sheet_rows(sheet, len(columns)))
    first = rows[0][1] if rows and rows[0][0] == 1 else None
    for index, (_, label) in enumerate(columns):
        cell = first[index] if first is not None else _Cell(f"{sheet.title}!A1", None)
        if cell.value != label:
            raise _problem(
                cell, f"expected the header {label!r}: the layout was changed", cell.value
            )
    return [cells for _, cells in rows[1:]]


def _about(sheet: Any) -> dict[str, _Cell]:
    fields: dict[str, _Cell] = {}
    for _, row in _sheet_rows(sheet, 2):
        name = row[0].value
        if isinstance(name, str) and name.strip():
            fields[name.strip()] = row[1]
    return fields


def _dated(as_of_cell: _Cell, filled: _Cell, period: Period, what: str) -> date:
    """The date of a filled row: both cells given, the date a real one inside ``period``.

    ``what`` names the filled cell with its article ("a value", "an amount").
    """
    if _empty(as_of_cell.value):
        raise _problem(as_of_cell, f"{what} needs the date it is for", as_of_cell.value)
    if _empty(filled.value):
        noun = what.split(" ", 1)[1]
        raise _problem(filled, f"a date needs its {noun} (or clear the date)", None)
    as_of = _date(as_of_cell)
    if as_of not in period:
        raise _problem(as_of_cell, f"the date is outside the period {period.label}", as_of)
    return as_of


def _observation(target: Target, row: tuple[_Cell, ...], period: Period) -> Observation:
    at = {f: row[i] for i, f in enumerate(_TARGET_FIELDS)}
    as_of_cell, value_cell = at["as_of"], at["value"]
    as_of = _dated(as_of_cell, value_cell, period, "a value")
    raw = value_cell.value
    value: Any = raw
    if target.value is not None and not isinstance(raw, str):
        value = _number(value_cell)  # a bare number is in the target's reporting unit
    value, estimated = estimate_word(value)
    try:
        read = read_value(target, value.strip() if isinstance(value, str) else value)
    except EzhouRecoveryError as exc:
        problem = getattr(exc, "problem", str(exc))
        if not problem.startswith(f"{target.key}: "):  # read_value's own words name it already
            problem = f"{target.key}: {problem}"
        raise _problem(value_cell, problem, raw) from None
    quality = Quality.ESTIMATE if estimated else Quality.REPORTED
    return Observation(target.key, as_of, read, _text(at["source"]), quality)


def _report(subject: str, row: tuple[_Cell, ...], period: Period) -> InvestmentReport:
    at = {f: row[i] for i, f in enumerate(_INVESTMENT_FIELDS)}
    as_of_cell, amount_cell = at["as_of"], at["completed_yi_yuan"]
    as_of = _dated(as_of_cell, amount_cell, period, "an amount")
    amount = _number(amount_cell)
    if amount < 0:
        raise _problem(amount_cell, "an amount must not be negative", amount_cell.value)
    return InvestmentReport(subject, as_of, Q_(amount, "yi_yuan"), _text(at["source"]))


def _read(book: Any, programme: Programme, source: str) -> FilledWorkbook:
    for name in (ABOUT_SHEET, TARGETS_SHEET, INVESTMENT_SHEET):
        if name not in book.sheetnames:
            raise LoadError(source, name, "sheet missing: is this a reporting workbook?")
    about = _about(book[ABOUT_SHEET])
    for name in (
        "format",
        "format_version",
        "programme",
        "department",
        "period_start",
        "period_end",
    ):
        if name not in about:
            raise LoadError(source, f"{ABOUT_SHEET}!A", f"the field {name!r} is missing")
    if about["format"].value != WORKBOOK_FORMAT:
        raise _problem(about["format"], f"expected {WORKBOOK_FORMAT!r}", about["format"].value)
    version = about["format_version"].value
    if type(version) is not int or version != WORKBOOK_FORMAT_VERSION:  # True and 1.0 are not 1
        raise _problem(
            about["format_version"],
            f"this library reads version {WORKBOOK_FORMAT_VERSION}",
            version,
        )
    if about["programme"].value != programme.key:
        raise _problem(
            about["programme"],
            f"the workbook is not for the programme {programme.key!r}",
            about["programme"].value,
        )
    department = about["department"].value
    if not isinstance(department, str) or department not in {d.key for d in programme.departments}:
        raise _problem(about["department"], "not a department of the programme", department)
    led = [c for c in programme.categories if department in {d.key for d in c.lead_departments}]
    if not led:
        raise _problem(
            about["department"], "the department leads no category of the programme", department
        )
    named = about.get("department_zh")
    known = next(d for d in programme.departments if d.key == department)
    if named is not None and named.value != known.name_zh:
        raise _problem(
            named, f"the department {department!r} is named {known.name_zh!r}", named.value
        )
    own_targets = {t.key for c in led for t in c.targets}
    own_subjects = {c.key for c in led} | {p.key for c in led for p in c.projects}
    try:
        period = Period(_date(about["period_start"]), _date(about["period_end"]))
    except InvariantError as exc:
        raise _problem(about["period_end"], exc.problem, exc.value) from None

    targets = book[TARGETS_SHEET]
    observations = []
    findings: list[Finding] = []
    for row in _table(targets, TARGET_COLUMNS):
        key_cell = row[0]
        try:
            target = programme.target(str(key_cell.value))
        except KeyError:
            raise _problem(key_cell, "not a target of the programme", key_cell.value) from None
        if target.key not in own_targets:
            raise _problem(
                key_cell,
                f"not a target of the categories {department} leads: the workbook's department "
                f"({ABOUT_SHEET}!{about['department'].where.split('!')[1]}) and its rows disagree",
                target.key,
            )
        at = dict(zip(_TARGET_FIELDS, row, strict=True))
        if _empty(at["as_of"].value) and _empty(at["value"].value):
            continue  # nothing reported for this target
        observation = _observation(target, row, period)
        observations.append(observation)
        why = implausibility(target, observation.value)
        if why is not None:
            findings.append(Finding(Severity.WARNING, "implausible-value", at["value"].where, why))

    investment = book[INVESTMENT_SHEET]

    subjects = {c.key for c in programme.categories} | {p.key for p in programme.projects}
    reports = []
    for row in _table(investment, INVESTMENT_COLUMNS):
        subject = row[0].value
        if subject not in subjects:
            raise _problem(row[0], "not a category or project of the programme", subject)
        if subject not in own_subjects:
            raise _problem(
                row[0],
                f"not a category or project {department} leads: the workbook's department and "
                "its rows disagree",
                subject,
            )
        at = dict(zip(_INVESTMENT_FIELDS, row, strict=True))
        if _empty(at["as_of"].value) and _empty(at["completed_yi_yuan"].value):
            continue
        reports.append(_report(str(subject), row, period))

    submission = None
    sent = about.get("submitted_on")
    if sent is not None and not _empty(sent.value):
        day = _date(sent)
        obligations = sorted(
            {
                d.obligation
                for d in programme.deadlines()
                if d.department.key == department
                and d.period == period
                and programme.obligation(d.obligation).rule.frequency is Frequency.QUARTERLY
            }
        )
        if not obligations:
            raise _problem(
                sent, f"{department} owes no quarterly report for {period.label}", sent.value
            )
        submission = Submission(obligations[0], department, day, period=period.label)
    return FilledWorkbook(
        source=source,
        department=department,
        period=period,
        observations=tuple(observations),
        investment=tuple(reports),
        submission=submission,
        findings=tuple(findings),
    )


def read_reporting_workbook(path: str | PathLike[str], programme: Programme) -> FilledWorkbook:
    """Read a filled reporting workbook back into observations, investment reports and the
    submission of the quarterly report.

    Rows whose date and value cells are both empty report nothing and are skipped. A value is a
    number in the unit shown (a bare number; for a percentage ``75`` means 75%), or text with
    its unit (``77.6公里``); a milestone ``是``/``否``; a qualitative goal a level name (推进中).

    Raises:
        LoadError: Names the file, the cell (``目标 Targets!J7``), the problem and the value: a
            sheet or field missing, another format, version or programme, a changed header, an
            unknown target or subject, a date outside the period, a value without a date (or the
            reverse), a value that does not fit its target.
    """
    check_type(programme, Programme, function="read_reporting_workbook", name="programme")
    source = str(path)
    openpyxl = load_openpyxl()
    raw = read_bytes(path, source)
    _check_unpacked_size(raw, source)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and others on a non-workbook
        raise LoadError(source, "", f"not an xlsx workbook ({type(exc).__name__})") from None
    try:
        return _read(book, programme, source)
    except FieldProblem as exc:
        raise exc.at(source) from None
    except InvariantError as exc:  # pragma: no cover - the checks above come first
        raise LoadError(source, exc.where, exc.problem, exc.value) from None
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # A sheet is parsed as it is read: broken XML (an invalid character reference, say) or a
        # broken archive member shows only then.
        raise LoadError(
            source, "", f"not a readable xlsx workbook ({type(exc).__name__})"
        ) from None
    finally:
        book.close()


def _check_unpacked_size(raw: bytes, source: str) -> None:
    """Refuse a workbook whose parts unpack beyond ``max_xlsx_bytes``, before any is unpacked.

    A zip entry's size is stated in the archive's directory, and Python's zip reader stops at it.
    """
    limits = current_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise LoadError(source, "", f"not an xlsx workbook ({type(exc).__name__})") from None
    if size > limits.max_xlsx_bytes:
        raise LoadError(
            source, "", limits.problem("max_xlsx_bytes", f"{size:_} bytes when unpacked")
        )
