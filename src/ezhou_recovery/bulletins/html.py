"""The quarterly bulletin as one self-contained HTML page.

The page needs nothing from the network: its style and its charts (SVG, drawn by matplotlib with the
glyphs as outlines) are in the file. Status is never shown by colour alone: each status has a symbol
and its words beside the colour (:data:`~ezhou_recovery.bulletins.sections.STATUS_SYMBOL`). Every text
from the data is escaped. The page prints on A4 (a print stylesheet).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from html import escape
from typing import Final

from ezhou_recovery.bulletins.contents import Bulletin
from ezhou_recovery.bulletins.sections import (
    STATUS_SYMBOL,
    Table,
    call_in_basis,
    call_in_table,
    category_counts_line,
    category_table,
    deadline_table,
    department_change_lines,
    header_fields,
    headline_counts_line,
    headline_investment_line,
    investment_change_lines,
    investment_line,
    leaders_line,
    outline,
    quarter_text,
    reporting_line,
    reporting_table,
    status_change_table,
    subtitle,
    title_text,
)
from ezhou_recovery.display.labels import Lang, label

__all__ = [
    "CJK_FONTS",
    "bulletin_html",
    "bulletin_html_body",
    "bulletin_notebook_html",
    "charts_svg",
]

#: The fonts the HTML page asks for, in order: free CJK fonts first, then those of Windows and
#: macOS, then the generic family (the browser's own CJK fallback).
CJK_FONTS: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "SimSun",
    "sans-serif",
)

#: The background colour of each status label.
_COLOUR: Final[dict[str, str]] = {
    "attained": "#1a7f37",
    "on_track": "#2b6cb0",
    "at_risk": "#b7791f",
    "off_track": "#c05621",
    "missed": "#9b2c2c",
    "overdue": "#9b2c2c",
    "no_data": "#5f6368",
}


def charts_svg(b: Bulletin, lang: Lang) -> list[tuple[str, str]]:
    """(title, SVG markup) of the bulletin's charts; empty when matplotlib is not installed."""
    try:
        import matplotlib as mpl

        from ezhou_recovery.display import charts
    except ImportError:  # pragma: no cover - the charts extra is missing
        return []
    out = []
    figures = [
        (label("chart_status", lang), charts.attainment_chart(b.assessment, lang=lang)),
        (label("chart_investment", lang), charts.investment_chart(b.assessment, lang=lang)),
    ]
    import matplotlib.pyplot as plt

    for i, (title, fig) in enumerate(figures):
        buffer = io.StringIO()
        with mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": f"bulletin-{i}"}):
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(fig)
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]
        # Each chart's own ids, so that two charts in one page never share one.
        svg = re.sub(r'id="([^"]+)"', rf'id="c{i}-\1"', svg)
        svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#c{i}-\2"', svg)
        svg = re.sub(r"url\(#([^)]+)\)", rf"url(#c{i}-\1)", svg)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
        out.append((title, svg))
    return out


_CSS: Final = """
:root { color-scheme: light; }
body { font-family: %(fonts)s; margin: 0 auto; max-width: 60rem; padding: 1.5rem;
       line-height: 1.6; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.7rem; text-align: center; margin-bottom: .2rem; }
.subtitle { text-align: center; color: #444; margin-top: 0; }
h2 { border-bottom: 2px solid #1b1b1b; padding-bottom: .2rem; margin-top: 2rem; }
h3 { margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .35rem; border-radius: .2rem; color: #fff;
          white-space: nowrap; font-weight: bold; }
%(status_css)s
.placeholder { background: #fff3bf; border: 1px dashed #b7791f; padding: 0 .2rem; }
.meta { width: auto; }
.meta th { width: 8rem; }
nav ol { columns: 2; }
figure { margin: 1rem 0; text-align: center; }
figure svg { max-width: 100%%; height: auto; }
figcaption { font-size: .9rem; color: #444; }
.note { color: #444; font-size: .9rem; }
@media print {
  @page { size: A4; margin: 20mm 18mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { page-break-after: always; }
  h2 { page-break-after: avoid; }
  tr, figure { page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .status { border: 1px solid #000; }
}
"""


def _css() -> str:
    fonts = ", ".join(f'"{f}"' if " " in f else f for f in CJK_FONTS)
    status_css = "\n".join(
        f".s-{name} {{ background: {colour}; }}" for name, colour in _COLOUR.items()
    )
    return _CSS % {"fonts": fonts, "status_css": status_css}


def _status_span(text: str, status: str) -> str:
    return f'<span class="status s-{escape(status)}">{escape(text)}</span>'


def _status_of(text: str) -> str:
    for name, symbol in STATUS_SYMBOL.items():
        if text.startswith(symbol + " "):
            return name
    return "no_data"


def _html_table(t: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in t.header)
    body = []
    for row in t.rows:
        cells = []
        for i, cell in enumerate(row):
            if i in t.status_columns:
                cells.append(f"<td>{_status_span(cell, _status_of(cell))}</td>")
            elif re.fullmatch(r"-?[\d.,]+%?", cell):
                cells.append(f'<td class="num">{escape(cell)}</td>')
            else:
                cells.append(f"<td>{escape(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _p(text: str, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def _ul(items: Sequence[str], empty: str) -> str:
    if not items:
        return _p(empty)
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _sections_html(b: Bulletin, lang: Lang, charts: bool) -> Iterator[str]:
    sections = {s.anchor: s for s in outline(b, lang)}

    def h(anchor: str) -> str:
        s = sections[anchor]
        return f'<h{s.level + 1} id="{escape(anchor)}">{escape(s.title)}</h{s.level + 1}>'

    yield '<section aria-labelledby="headline">' + h("headline")
    yield _p(headline_counts_line(b, lang))
    yield _p(headline_investment_line(b, lang))
    yield _p(reporting_line(b, lang))
    if charts:
        for title, svg in charts_svg(b, lang):
            yield f"<figure>{svg}<figcaption>{escape(title)}</figcaption></figure>"
    yield _p(label("figures_note", lang), "note") + "</section>"

    yield '<section aria-labelledby="changes">' + h("changes")
    if b.changes is None:
        yield _p(label("no_previous", lang))
    else:
        yield _p(label("previous_as_of", lang, date=b.changes.previous_as_of.isoformat()))
        yield f"<h4>{escape(label('status_changes', lang))}</h4>"
        if b.changes.status_changes:
            yield _html_table(status_change_table(b, lang))
        else:
            yield _p(label("no_status_changes", lang))
        yield f"<h4>{escape(label('newly_late', lang))}</h4>"
        yield _ul(department_change_lines(b, lang, "newly_late"), label("none", lang))
        yield f"<h4>{escape(label('recovered', lang))}</h4>"
        yield _ul(department_change_lines(b, lang, "recovered"), label("none", lang))
        yield f"<h4>{escape(label('investment_added', lang))}</h4>"
        yield _ul(investment_change_lines(b, lang), label("none", lang))
    yield "</section>"

    yield '<section aria-labelledby="categories">' + h("categories")
    for c in b.categories:
        yield f'<section aria-labelledby="category-{escape(c.key)}">' + h(f"category-{c.key}")
        yield _p(leaders_line(c, lang))
        yield _p(category_counts_line(c, lang))
        if c.money is not None:
            yield _p(investment_line(c.money, lang))
        yield _html_table(category_table(c, lang)) + "</section>"
    yield "</section>"

    yield '<section aria-labelledby="reporting">' + h("reporting")
    yield _p(reporting_line(b, lang))
    yield _html_table(reporting_table(b, lang)) + "</section>"

    yield '<section aria-labelledby="call-ins">' + h("call-ins")
    yield _p(call_in_basis(b, lang))
    if b.call_ins:
        yield _html_table(call_in_table(b, lang))
    else:
        yield _p(label("no_call_ins", lang))
    yield "</section>"

    yield '<section aria-labelledby="next-deadlines">' + h("next-deadlines")
    yield _p(quarter_text(b.next_quarter, lang))
    if b.next_deadlines:
        yield _html_table(deadline_table(b, lang))
    else:
        yield _p(label("no_deadlines", lang))
    yield "</section>"


def _meta_html(b: Bulletin, lang: Lang) -> str:
    rows = []
    for name, text, placeholder in header_fields(b, lang):
        cell = f'<span class="placeholder">{escape(text)}</span>' if placeholder else escape(text)
        rows.append(f'<tr><th scope="row">{escape(name)}</th><td>{cell}</td></tr>')
    return f'<table class="meta">{"".join(rows)}</table>'


def _toc_html(b: Bulletin, lang: Lang) -> str:
    items = []
    for s in outline(b, lang):
        if s.level == 1:
            items.append(f'<li><a href="#{escape(s.anchor)}">{escape(s.title)}</a></li>')
    return (
        f'<nav aria-labelledby="contents"><h2 id="contents">{escape(label("contents", lang))}</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def bulletin_html_body(b: Bulletin, lang: Lang = "zh", *, charts: bool = True) -> str:
    """The page's content (title, header fields, contents, sections), without ``<html>``."""
    parts = [
        f"<h1>{escape(title_text(b, lang))}</h1>",
        _p(subtitle(b, lang), "subtitle"),
        _meta_html(b, lang),
        _toc_html(b, lang),
        *_sections_html(b, lang, charts),
    ]
    return "\n".join(parts)


def bulletin_notebook_html(b: Bulletin, lang: Lang = "zh") -> str:
    """The page's body for a notebook, in a ``div`` with the status and table styles scoped to it
    (the page's other styles would restyle the notebook itself)."""
    scope = "ezhou-bulletin"
    status_css = " ".join(
        f".{scope} .s-{name} {{ background: {colour}; }}" for name, colour in _COLOUR.items()
    )
    style = (
        f".{scope} .status {{ display: inline-block; padding: 0 .35rem; border-radius: .2rem;"
        f" color: #fff; white-space: nowrap; font-weight: bold; }} {status_css}"
        f" .{scope} .placeholder {{ background: #fff3bf; border: 1px dashed #b7791f; }}"
        f" .{scope} td, .{scope} th {{ text-align: left; vertical-align: top; }}"
    )
    return f'<div class="{scope}"><style>{style}</style>{bulletin_html_body(b, lang)}</div>'


def bulletin_html(b: Bulletin, lang: Lang = "zh") -> str:
    """The bulletin as one self-contained HTML page: style and charts inline, no network."""
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(title_text(b, lang))} {escape(subtitle(b, lang))}</title>\n"
        f"<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        f"{bulletin_html_body(b, lang)}\n</main>\n</body>\n</html>\n"
    )
