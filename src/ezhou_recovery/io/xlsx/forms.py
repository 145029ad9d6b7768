"""Quarterly reporting workbooks (xlsx) for lead departments to fill in (needs the ``xlsx`` extra).

A workbook lists, for one lead department and one period, the targets of the categories it leads
(with their units) and the categories' and projects' investment, with empty cells to fill: the date
a figure is for, the figure, and its source. Its layout is fixed so that a filled workbook can be read
back without guessing:

* sheet ``说明 About``: column A holds field names, column B their values; the first two rows are
  ``format`` = :data:`WORKBOOK_FORMAT` and ``format_version`` = :data:`WORKBOOK_FORMAT_VERSION`;
  the row ``submitted_on`` is to be filled with the date the workbook is sent;
* sheets ``目标 Targets`` and ``投资 Investment``: row 1 is the header (:data:`TARGET_COLUMNS`,
  :data:`INVESTMENT_COLUMNS`, Chinese beside English), one row per target or subject below it; the
  first column, hidden, holds the target key or the investment subject (a category or project key).

openpyxl is imported only when a workbook is written, not by ``import ezhou_recovery``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery.display.rows import unit_code, yi_yuan
from ezhou_recovery.io.xlsx._openpyxl import load_openpyxl
from ezhou_recovery.model.obligations import Frequency
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.targets import Target

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ABOUT_SHEET",
    "INVESTMENT_COLUMNS",
    "INVESTMENT_SHEET",
    "TARGETS_SHEET",
    "TARGET_COLUMNS",
    "WORKBOOK_FORMAT",
    "WORKBOOK_FORMAT_VERSION",
    "write_reporting_workbook",
    "write_reporting_workbooks",
]

#: The value of the ``format`` cell of a reporting workbook.
WORKBOOK_FORMAT: Final = "ezhou-recovery/reporting-workbook"
#: The version of the workbook layout this library writes.
WORKBOOK_FORMAT_VERSION: Final = 1

ABOUT_SHEET: Final = "说明 About"
TARGETS_SHEET: Final = "目标 Targets"
INVESTMENT_SHEET: Final = "投资 Investment"

#: Columns of the targets sheet: (field, header); ``as_of``, ``value``, ``source`` and ``note`` are
#: to be filled in.
TARGET_COLUMNS: Final = (
    ("key", "key"),
    ("unit", "unit"),
    ("category", "工程 Category"),
    ("description_zh", "目标 Target"),
    ("description_en", "Target (English)"),
    ("target", "目标值 Target value"),
    ("unit_zh", "单位 Unit"),
    ("deadline", "截止日期 Deadline"),
    ("as_of", "截至日期 As of (YYYY-MM-DD)"),
    ("value", "完成值 Value"),
    ("source", "数据来源 Source"),
    ("note", "备注 Note"),
)
#: Columns of the investment sheet: (field, header); ``as_of``, ``completed_yi_yuan`` and
#: ``source`` are to be filled in.
INVESTMENT_COLUMNS: Final = (
    ("subject", "subject"),
    ("category", "工程 Category"),
    ("name_zh", "项目 Project"),
    ("name_en", "Project (English)"),
    ("investment_yi_yuan", "估算总投资（亿元） Estimated investment (100 million yuan)"),
    ("as_of", "截至日期 As of (YYYY-MM-DD)"),
    ("completed_yi_yuan", "累计完成投资（亿元） Completed investment (100 million yuan)"),
    ("source", "数据来源 Source"),
)
_TO_FILL: Final = frozenset({"as_of", "value", "source", "note", "completed_yi_yuan"})
_DATE_FORMAT: Final = "yyyy-mm-dd"
_FILL_COLOUR: Final = "FFF2CC"
_HEADER_COLOUR: Final = "DDEBF7"
_WIDTHS: Final = {
    "category": 18,
    "description_zh": 40,
    "description_en": 40,
    "target": 16,
    "unit_zh": 10,
    "deadline": 12,
    "as_of": 14,
    "value": 14,
    "source": 24,
    "note": 24,
    "name_zh": 36,
    "name_en": 36,
    "investment_yi_yuan": 18,
    "completed_yi_yuan": 18,
}


def save_text_as_text(workbook: Any, path: Path) -> None:
    """Save ``workbook`` with every text stored as text.

    openpyxl stores a text that starts with ``=`` as a formula: a department name such as
    ``=HYPERLINK(...)`` would become a live formula in the file sent out. The library writes no
    formula, so every cell marked as one is text and is stored as such.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    workbook.save(path)


def _led_categories(programme: Programme, department_key: str) -> tuple[Department, list[Category]]:
    led = [c for c in programme.categories if department_key in {d.key for d in c.lead_departments}]
    if not led:
        leads = sorted({d.key for c in programme.categories for d in c.lead_departments})
        raise KeyError(
            f"programme {programme.key!r} has no category led by {department_key!r} "
            f"(lead departments: {', '.join(leads)})"
        )
    department = next(d for d in led[0].lead_departments if d.key == department_key)
    return department, led


def _due(programme: Programme, department: Department, period: Period) -> date | None:
    dues = [
        d.due
        for d in programme.deadlines()
        if d.department.key == department.key
        and d.period == period
        and programme.obligation(d.obligation).rule.frequency is Frequency.QUARTERLY
    ]
    return min(dues) if dues else None


def _header(sheet: Worksheet, columns: Sequence[tuple[str, str]]) -> None:
    openpyxl = load_openpyxl()
    styles = openpyxl.styles
    sheet.append([label for _, label in columns])
    for index, (field, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = styles.Font(bold=True)
        cell.fill = styles.PatternFill("solid", fgColor=_HEADER_COLOUR)
        cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(field, 12)
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = "C2" if columns[1][0] == "unit" else "B2"


def _style_rows(sheet: Worksheet, columns: Sequence[tuple[str, str]]) -> None:
    styles = load_openpyxl().styles
    fill = styles.PatternFill("solid", fgColor=_FILL_COLOUR)
    for index, (field, _) in enumerate(columns, start=1):
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=index)
            if field in _TO_FILL:
                cell.fill = fill
            if field in {"as_of", "deadline"}:
                cell.number_format = _DATE_FORMAT
            cell.alignment = styles.Alignment(wrap_text=True, vertical="top")


def _validate(sheet: Worksheet, columns: Sequence[tuple[str, str]], period: Period) -> None:
    validation = load_openpyxl().worksheet.datavalidation.DataValidation
    fields = [field for field, _ in columns]
    last = sheet.max_row
    if last < 2:
        return
    letter = load_openpyxl().utils.get_column_letter
    as_of = letter(fields.index("as_of") + 1)
    dates = validation(
        type="date",
        operator="between",
        formula1=f"DATE({period.start.year},{period.start.month},{period.start.day})",
        formula2=f"DATE({period.end.year},{period.end.month},{period.end.day})",
        allow_blank=True,
        showErrorMessage=True,
        error=f"截至日期应在报告期内 The date must be within {period.label}",
    )
    dates.add(f"{as_of}2:{as_of}{last}")
    sheet.add_data_validation(dates)
    amount_field = "value" if "value" in fields else "completed_yi_yuan"
    amount = letter(fields.index(amount_field) + 1)
    numbers = validation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="应为不小于0的数 A number, 0 or more",
    )
    unit_column = fields.index("unit") + 1 if "unit" in fields else None
    for row in range(2, last + 1):
        # Targets without a unit (milestones, qualitative goals) take text; the others a number.
        if unit_column is None or sheet.cell(row=row, column=unit_column).value:
            numbers.add(f"{amount}{row}")
    sheet.add_data_validation(numbers)


def _about(
    sheet: Worksheet,
    programme: Programme,
    department: Department,
    categories: Sequence[Category],
    period: Period,
) -> None:
    rows: list[tuple[str, Any, str]] = [
        ("format", WORKBOOK_FORMAT, "格式 Format"),
        ("format_version", WORKBOOK_FORMAT_VERSION, "格式版本 Format version"),
        ("programme", programme.key, "规划 Programme"),
        ("document_number", programme.document_number, "文号 Document number"),
        ("department", department.key, "报送单位 Reporting department"),
        ("department_zh", department.name_zh, "单位名称 Name"),
        ("department_en", department.name_en, "Name (English)"),
        ("period", period.label, "报告期 Period"),
        ("period_start", period.start, "报告期起 Period start"),
        ("period_end", period.end, "报告期止 Period end"),
        ("due", _due(programme, department, period), "报送截止 Due"),
        ("categories", ";".join(c.key for c in categories), "工程 Categories"),
        ("submitted_on", None, "报送日期 Date sent (YYYY-MM-DD), to fill"),
    ]
    for row in rows:
        sheet.append(list(row))
    styles = load_openpyxl().styles
    sent = sheet.cell(row=len(rows), column=2)
    sent.fill = styles.PatternFill("solid", fgColor=_FILL_COLOUR)
    sent.number_format = _DATE_FORMAT
    for cell in sheet["B"]:
        if isinstance(cell.value, date):
            cell.number_format = _DATE_FORMAT
    sheet.append([])
    sheet.append(
        [
            "",
            "请在黄色单元格中填写截至日期、完成值（按所列单位）和数据来源，以及报送日期。"
            "Fill in the yellow cells: the date a figure is for, the figure (in the unit shown) "
            "and its source, and the date you send the workbook. Do not change the other cells, "
            "the sheet names or the hidden column.",
        ]
    )
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 28


def _unit_label(target: Target) -> str:
    quantity, unit = target.value, target.reporting_unit
    if quantity is None or unit is None:
        return "（文字 text）"
    if unit_code(quantity) == "percent":
        # A cell typed as 75% holds 0.75 in a spreadsheet; ask for the bare number.
        return "%（填75表示75% type 75 for 75%）"
    # The unit the sector writes (万千瓦): a bare number in the value cell is read in it.
    return unit.text


def _target_rows(categories: Sequence[Category]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for c in categories:
        for t in c.targets:
            quantity = t.value
            rows.append(
                [
                    t.key,
                    None if quantity is None else (unit_code(quantity) or "dimensionless"),
                    c.name_zh,
                    t.description_zh,
                    t.description_en,
                    t.describe_value(),
                    _unit_label(t),
                    t.deadline,
                    None,
                    None,
                    None,
                    None,
                ]
            )
    return rows


def _investment_rows(categories: Sequence[Category]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for c in categories:
        total = None if c.portfolio is None else yi_yuan(c.portfolio.total_investment)
        rows.append([c.key, c.name_zh, "（工程合计）", "(category total)", total, None, None, None])
        for p in c.projects:
            rows.append(
                [p.key, c.name_zh, p.name_zh, p.name_en, yi_yuan(p.investment), None, None, None]
            )
    return rows


def write_reporting_workbook(
    programme: Programme, department_key: str, path: str | PathLike[str], *, period: Period
) -> Path:
    """Write the reporting workbook of one lead department for one period (a quarter, usually).

    Args:
        programme: The programme.
        department_key: Key of a lead department of at least one category.
        path: Where to write the ``.xlsx`` file (overwritten if it exists).
        period: The period the report covers, for example ``quarter_of(date(2021, 6, 30))``.

    Returns:
        The path written.

    Raises:
        KeyError: The department leads no category of the programme; the message lists those that do.
    """
    department, categories = _led_categories(programme, department_key)
    openpyxl = load_openpyxl()
    workbook = openpyxl.Workbook()
    about = workbook.active
    about.title = ABOUT_SHEET
    _about(about, programme, department, categories, period)

    targets = workbook.create_sheet(TARGETS_SHEET)
    _header(targets, TARGET_COLUMNS)
    targets.column_dimensions["B"].hidden = True
    for row in _target_rows(categories):
        targets.append(row)
    _style_rows(targets, TARGET_COLUMNS)
    _validate(targets, TARGET_COLUMNS, period)

    investment = workbook.create_sheet(INVESTMENT_SHEET)
    _header(investment, INVESTMENT_COLUMNS)
    for row in _investment_rows(categories):
        investment.append(row)
    _style_rows(investment, INVESTMENT_COLUMNS)
    _validate(investment, INVESTMENT_COLUMNS, period)

    out = Path(path)
    save_text_as_text(workbook, out)
    return out


def write_reporting_workbooks(
    programme: Programme, directory: str | PathLike[str], *, period: Period
) -> list[Path]:
    """Write one reporting workbook per lead department into ``directory`` (made if missing).

    Files are named ``<programme>_<department>_<period label>.xlsx``.

    Returns:
        The paths written, in the order the departments first lead a category.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    keys = dict.fromkeys(d.key for c in programme.categories for d in c.lead_departments)
    return [
        write_reporting_workbook(
            programme, key, folder / f"{programme.key}_{key}_{period.label}.xlsx", period=period
        )
        for key in keys
    ]
