"""The quarterly bulletin as a Word document in the official layout (GB/T 9704-2012).

Presentation only; needs python-docx (the ``bulletin`` extra). The layout of 党政机关公文格式:

- A4 (210 mm x 297 mm); type area 156 mm x 225 mm; top margin 37 mm, binding (left) margin 28 mm,
  so 35 mm at the bottom and 26 mm at the right;
- a grid of 22 lines of 28 characters (``w:docGrid``, written into the section's XML: python-docx
  has no API for it);
- title in 方正小标宋简体 二号 (22 pt); body in 仿宋_GB2312 三号 (16 pt); first-level headings in 黑体,
  second-level in 楷体_GB2312, third and fourth in 仿宋_GB2312, all 三号; each set as the East Asian
  font of its style (``w:eastAsia``);
- page numbers in 四号 (14 pt) half-width 宋体 as "— 1 —", 7 mm below the type area, odd pages at the
  right and even pages at the left, one character in.

Fonts are named, not embedded: a machine without the GB2312 fonts shows them in a substitute.
:data:`FALLBACK_FONTS` names fonts that Windows and most Chinese systems have (仿宋, 楷体, 宋体)
for such a machine.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from ezhou_recovery.bulletins.contents import Bulletin
from ezhou_recovery.bulletins.sections import (
    Table,
    call_in_basis,
    call_in_table,
    category_counts_line,
    category_table,
    counts_line,
    deadline_table,
    department_change_lines,
    header_fields,
    headline_investment_line,
    investment_change_lines,
    investment_line,
    leaders_line,
    outline,
    reporting_line,
    reporting_table,
    status_change_table,
    subtitle,
    title_text,
)
from ezhou_recovery.display.labels import Lang, label

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

__all__ = [
    "DOC_GRID",
    "FALLBACK_FONTS",
    "GB_FONTS",
    "PAGE_LAYOUT_MM",
    "bulletin_docx",
]

#: The East Asian font of each style, as GB/T 9704-2012 names them.
GB_FONTS: Final[Mapping[str, str]] = {
    "Title": "方正小标宋简体",
    "Normal": "仿宋_GB2312",
    "Heading 1": "黑体",
    "Heading 2": "楷体_GB2312",
    "Heading 3": "仿宋_GB2312",
    "Heading 4": "仿宋_GB2312",
    "page_number": "宋体",
}
#: The same for a machine without the GB2312 and 方正 fonts: 仿宋, 楷体 and 宋体 (shipped with
#: Windows and most Chinese systems).
FALLBACK_FONTS: Final[Mapping[str, str]] = {
    "Title": "宋体",
    "Normal": "仿宋",
    "Heading 1": "黑体",
    "Heading 2": "楷体",
    "Heading 3": "仿宋",
    "Heading 4": "仿宋",
    "page_number": "宋体",
}
#: Page and margins in millimetres.
PAGE_LAYOUT_MM: Final = {
    "width": 210,
    "height": 297,
    "top": 37,
    "bottom": 35,
    "left": 28,
    "right": 26,
}
#: Lines per page and characters per line of the grid.
DOC_GRID: Final = (22, 28)

_BODY_PT: Final = 16  # 三号
_TITLE_PT: Final = 22  # 二号
_PAGE_NUMBER_PT: Final = 14  # 四号
_TABLE_PT: Final = 10.5  # 五号
_TYPE_AREA_MM: Final = (156, 225)
_TWIPS_PER_MM: Final = 1440 / 25.4
_LEVEL_ONE: Final = "一二三四五六七八九十"


def grid_values() -> tuple[int, int]:
    """(``w:linePitch`` in twips, ``w:charSpace``) of the 22 x 28 grid on the 156 x 225 mm area.

    ``linePitch`` is the type area's height over 22 lines; ``charSpace`` is how much each
    character's pitch (the width over 28) differs from the body font's size, in 1/4096 point.
    """
    lines, chars = DOC_GRID
    width_mm, height_mm = _TYPE_AREA_MM
    line_pitch = round(height_mm * _TWIPS_PER_MM / lines)
    pitch_pt = width_mm / 25.4 * 72 / chars
    return line_pitch, round((pitch_pt - _BODY_PT) * 4096)


def _east_asian(rpr_owner: object, font: str, ascii_font: str = "Times New Roman") -> None:
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), ascii_font)
    fonts.set(qn("w:eastAsia"), font)


def _style(
    doc: Document, name: str, font: str, size: float, *, bold: bool = False
) -> ParagraphStyle:
    from docx.shared import Pt, RGBColor
    from docx.styles.style import ParagraphStyle

    style = doc.styles[name]
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element, font)
    assert isinstance(style, ParagraphStyle)
    return style


def _page(doc: Document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_LAYOUT_MM["width"])
    section.page_height = Mm(PAGE_LAYOUT_MM["height"])
    section.top_margin = Mm(PAGE_LAYOUT_MM["top"])
    section.bottom_margin = Mm(PAGE_LAYOUT_MM["bottom"])
    section.left_margin = Mm(PAGE_LAYOUT_MM["left"])
    section.right_margin = Mm(PAGE_LAYOUT_MM["right"])
    # The page number's line sits 7 mm below the type area: the footer's bottom edge is that
    # line's height (四号, 14 pt) further down.
    section.footer_distance = Mm(PAGE_LAYOUT_MM["bottom"] - 7 - _PAGE_NUMBER_PT * 25.4 / 72)
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    line_pitch, char_space = grid_values()
    grid = sect_pr.makeelement(
        qn("w:docGrid"),
        {
            qn("w:type"): "linesAndChars",
            qn("w:linePitch"): str(line_pitch),
            qn("w:charSpace"): str(char_space),
        },
    )
    sect_pr.append(grid)


def _page_number(paragraph: Paragraph, font: str, *, odd: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    indent = Pt(_PAGE_NUMBER_PT)  # one character in
    if odd:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent

    def run(text: str | None = None, field: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        r.font.size = Pt(_PAGE_NUMBER_PT)
        r.font.name = font
        _east_asian(r._r, font, ascii_font=font)
        if field is not None:
            for kind, instr in (("begin", None), (None, field), ("separate", None), ("end", None)):
                if kind is None:
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = instr
                else:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                r._r.append(el)
                if kind == "separate":
                    t = OxmlElement("w:t")
                    t.text = "1"
                    r._r.append(t)

    run("— ")
    run(field=" PAGE ")
    run(" —")


def _footers(doc: Document, font: str) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number(section.footer.paragraphs[0], font, odd=True)
    _page_number(section.even_page_footer.paragraphs[0], font, odd=False)


def _table(doc: Document, t: Table, font: str) -> None:
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(t.header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, t.header, strict=True):
        cell.text = text
    for row in t.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.first_line_indent = Pt(0)
                for r in p.runs:
                    r.font.size = Pt(_TABLE_PT)
                    _east_asian(r._r, font)
    for cell in table.rows[0].cells:
        for r in cell.paragraphs[0].runs:
            r.font.bold = True


def _heading_text(level: int, index: int, title: str, lang: Lang) -> str:
    if lang != "zh":
        return title
    if level == 1:
        return f"{_LEVEL_ONE[index] if index < len(_LEVEL_ONE) else index + 1}、{title}"
    return title


def charts_png(b: Bulletin, lang: Lang) -> list[tuple[str, bytes]]:
    """(title, PNG bytes) of the bulletin's charts, for the Word document."""
    try:
        import matplotlib.pyplot as plt

        from ezhou_recovery.display import charts
    except ImportError:  # pragma: no cover - the charts extra is missing
        return []
    out = []
    for title, fig in (
        (label("chart_status", lang), charts.attainment_chart(b.assessment, lang=lang)),
        (label("chart_investment", lang), charts.investment_chart(b.assessment, lang=lang)),
    ):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
        plt.close(fig)
        out.append((title, buffer.getvalue()))
    return out


def bulletin_docx(
    b: Bulletin, lang: Lang = "zh", *, fonts: Mapping[str, str] = GB_FONTS
) -> Document:
    """The bulletin as a python-docx ``Document`` in the GB/T 9704-2012 layout; ``save()`` it.

    Args:
        b: The bulletin.
        lang: ``zh`` (default) or ``en``.
        fonts: The East Asian font of each style (:data:`GB_FONTS`, or :data:`FALLBACK_FONTS`
            for machines without the GB2312 fonts).
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    _page(doc)
    normal = _style(doc, "Normal", fonts["Normal"], _BODY_PT)
    normal.paragraph_format.first_line_indent = Pt(2 * _BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    _style(doc, "Title", fonts["Title"], _TITLE_PT)
    _style(doc, "Heading 1", fonts["Heading 1"], _BODY_PT)
    _style(doc, "Heading 2", fonts["Heading 2"], _BODY_PT)
    _style(doc, "Heading 3", fonts["Heading 3"], _BODY_PT, bold=True)
    _style(doc, "Heading 4", fonts["Heading 4"], _BODY_PT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        pf = doc.styles[name].paragraph_format
        pf.first_line_indent = Pt(0 if name == "Title" else 2 * _BODY_PT)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
    # The title style of the default template has a border below it; a 公文 title has none.
    title_ppr = doc.styles["Title"].element.pPr
    if title_ppr is not None:
        from docx.oxml.ns import qn

        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
    _footers(doc, fonts["page_number"])

    fields = header_fields(b, lang)
    issuer = doc.add_paragraph(fields[0][1], style="Title")
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = doc.add_paragraph(fields[1][1])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    title = doc.add_paragraph(title_text(b, lang), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(subtitle(b, lang))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.paragraph_format.first_line_indent = Pt(0)
    addressees = doc.add_paragraph(fields[2][1] + ("：" if lang == "zh" else ":"))
    addressees.paragraph_format.first_line_indent = Pt(0)

    sections = outline(b, lang)
    level_one = [s for s in sections if s.level == 1]

    def heading(anchor: str) -> None:
        s = next(x for x in sections if x.anchor == anchor)
        index = level_one.index(s) if s.level == 1 else 0
        doc.add_heading(_heading_text(s.level, index, s.title, lang), level=s.level)

    body = fonts["Normal"]
    heading("headline")
    h = b.headline
    doc.add_paragraph(counts_line(h.counts, h.targets, h.with_data, h.coverage, lang))
    doc.add_paragraph(headline_investment_line(b, lang))
    doc.add_paragraph(reporting_line(b, lang))
    for caption, png in charts_png(b, lang):
        doc.add_picture(io.BytesIO(png), width=Mm(150))
        cap = doc.add_paragraph(caption)
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap.paragraph_format.first_line_indent = Pt(0)

    heading("changes")
    if b.changes is None:
        doc.add_paragraph(label("no_previous", lang))
    else:
        doc.add_paragraph(label("previous_as_of", lang, date=b.changes.previous_as_of.isoformat()))
        doc.add_heading(label("status_changes", lang), level=3)
        if b.changes.status_changes:
            _table(doc, status_change_table(b, lang), body)
        else:
            doc.add_paragraph(label("no_status_changes", lang))
        for key in ("newly_late", "recovered"):
            doc.add_heading(label(key, lang), level=3)
            lines = department_change_lines(b, lang, key)
            for line in lines or [label("none", lang)]:
                doc.add_paragraph(line)
        doc.add_heading(label("investment_added", lang), level=3)
        for line in investment_change_lines(b, lang):
            doc.add_paragraph(line)

    heading("categories")
    for c in b.categories:
        heading(f"category-{c.key}")
        doc.add_paragraph(leaders_line(c, lang))
        doc.add_paragraph(category_counts_line(c, lang))
        if c.money is not None:
            doc.add_paragraph(investment_line(c.money, lang))
        _table(doc, category_table(c, lang), body)

    heading("reporting")
    doc.add_paragraph(reporting_line(b, lang))
    _table(doc, reporting_table(b, lang), body)

    heading("call-ins")
    doc.add_paragraph(call_in_basis(b, lang))
    if b.call_ins:
        _table(doc, call_in_table(b, lang), body)
    else:
        doc.add_paragraph(label("no_call_ins", lang))

    heading("next-deadlines")
    if b.next_deadlines:
        _table(doc, deadline_table(b, lang), body)
    else:
        doc.add_paragraph(label("no_deadlines", lang))

    for text in (fields[0][1], fields[3][1]):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(4 * _BODY_PT)
    return doc
