"""The bulletin's Word document, read back: GB/T 9704-2012 page, margins, grid, fonts, headings,
page numbers; its sections are the HTML page's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (the bulletin extra)")

from docx.oxml.ns import qn  # noqa: E402

from _bulletin_data import example_q1, example_q2  # noqa: E402
from ezhou_recovery.bulletins.docx import (  # noqa: E402
    FALLBACK_FONTS,
    GB_FONTS,
    bulletin_docx,
    grid_values,
)
from ezhou_recovery.bulletins.sections import outline  # noqa: E402


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = tmp_path_factory.mktemp("docx") / "bulletin.docx"
    example_q2().to_docx().save(str(path))
    return docx.Document(str(path))


def test_page_and_margins(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    mm = {
        "width": section.page_width.mm,
        "height": section.page_height.mm,
        "top": section.top_margin.mm,
        "bottom": section.bottom_margin.mm,
        "left": section.left_margin.mm,
        "right": section.right_margin.mm,
    }
    expected = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
    for key, value in expected.items():
        assert mm[key] == pytest.approx(value, abs=0.05), key
    # the type area is 156 mm × 225 mm
    assert mm["width"] - mm["left"] - mm["right"] == pytest.approx(156, abs=0.1)
    assert mm["height"] - mm["top"] - mm["bottom"] == pytest.approx(225, abs=0.1)


def test_grid_of_22_lines_of_28_characters(document: object) -> None:
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))  # type: ignore[attr-defined]
    assert grid is not None
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch = int(grid.get(qn("w:linePitch")))
    char_space = int(grid.get(qn("w:charSpace")))
    assert (line_pitch, char_space) == grid_values()
    # 22 lines of the pitch fill the 225 mm type area (to a twip per line)
    assert abs(line_pitch * 22 / 1440 * 25.4 - 225) < 22 * 25.4 / 1440
    # 28 characters of 16 pt plus the char space fill the 156 mm width (to a point)
    width_pt = 28 * (16 + char_space / 4096)
    assert abs(width_pt - 156 / 25.4 * 72) < 1


def _east_asian(style: object) -> str | None:
    rpr = style.element.rPr  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_east_asian_font_of_each_style(document: object) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    for name in ("Title", "Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        assert _east_asian(styles[name]) == GB_FONTS[name], name
    assert GB_FONTS["Title"] == "方正小标宋简体"
    assert GB_FONTS["Normal"] == "仿宋_GB2312"
    assert GB_FONTS["Heading 1"] == "黑体"
    assert GB_FONTS["Heading 2"] == "楷体_GB2312"
    assert styles["Title"].font.size.pt == 22  # 二号
    assert styles["Normal"].font.size.pt == 16  # 三号


def test_fallback_fonts(tmp_path: Path) -> None:
    path = tmp_path / "fallback.docx"
    bulletin_docx(example_q1(), fonts=FALLBACK_FONTS).save(str(path))
    styles = docx.Document(str(path)).styles
    assert _east_asian(styles["Normal"]) == "仿宋"
    assert _east_asian(styles["Heading 2"]) == "楷体"
    assert _east_asian(styles["Title"]) == "宋体"


def _headings(document: object) -> list[tuple[int, str]]:
    out = []
    for p in document.paragraphs:  # type: ignore[attr-defined]
        match = re.fullmatch(r"Heading (\d)", p.style.name)
        if match:
            out.append((int(match.group(1)), p.text))
    return out


def test_heading_levels_and_the_section_list_is_the_html_pages(document: object) -> None:
    b = example_q2()
    headings = [
        (level, re.sub(r"^[一二三四五六七八九十]+、", "", text))
        for level, text in _headings(document)
        if level <= 2
    ]
    assert headings == [(s.level, s.title) for s in outline(b)]
    page = b.to_html()
    html_sections = [
        (int(level) - 1, re.sub(r"<[^>]+>", "", title))
        for level, anchor, title in re.findall(r'<h([23]) id="([^"]+)">(.*?)</h\1>', page)
        if anchor != "contents"  # the table of contents is not a section
    ]
    import html

    assert [(lv, html.unescape(t)) for lv, t in html_sections] == headings
    # first-level headings are numbered 一、二、... as 公文 number them
    first = [text for level, text in _headings(document) if level == 1]
    assert first[0].startswith("一、")
    assert first[1].startswith("二、")


def test_page_numbers_odd_right_even_left(document: object) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.sections[0]  # type: ignore[attr-defined]
    assert document.settings.odd_and_even_pages_header_footer  # type: ignore[attr-defined]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent.pt == 14
    assert even.paragraph_format.left_indent.pt == 14
    for p in (odd, even):
        xml = p._p.xml
        assert "PAGE" in xml
        assert p.text.startswith("— ")
        assert p.text.endswith(" —")
        assert all(r.font.size.pt == 14 for r in p.runs)  # 四号
        assert 'w:eastAsia="宋体"' in xml
    # the footer's line is 7 mm below the type area: its bottom is 35 - 7 - 14 pt from the edge
    assert section.footer_distance.mm == pytest.approx(35 - 7 - 14 * 25.4 / 72, abs=0.05)


def test_placeholders_and_tables(document: object) -> None:
    texts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    assert "〔待填：发文机关〕" in texts
    assert "〔待填：发文字号〕" in texts
    assert "〔待填：主送机关〕：" in texts
    assert "〔待填：成文日期〕" in texts
    b = example_q2()
    tables = document.tables  # type: ignore[attr-defined]
    reporting = next(t for t in tables if t.rows[0].cells[0].text == "单位")
    assert len(reporting.rows) == len(b.reporting) + 1
    first = b.reporting[0]
    assert reporting.rows[1].cells[0].text == first.department.name_zh
    assert reporting.rows[1].cells[1].text == str(first.tally.expected)
    assert len(document.inline_shapes) == 2  # type: ignore[attr-defined]
