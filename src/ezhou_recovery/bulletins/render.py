"""Renderings of the quarterly bulletin: one self-contained HTML page, and Markdown.

Presentation only: every figure is read from the :class:`~ezhou_recovery.bulletins.contents.Bulletin`, every
word from the label table (:mod:`ezhou_recovery.display.labels`), every text from the data escaped. The
Word rendering is :mod:`ezhou_recovery.bulletins.docx`; all three share :func:`outline`, the list of
sections.

The HTML page needs nothing from the network: its style and its charts (SVG, drawn by matplotlib
with the glyphs as outlines) are in the file. Status is never shown by colour alone: each status has
a symbol and its words beside the colour. The page prints on A4 (a print stylesheet).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from html import escape
from typing import Final

import attrs

from ezhou_recovery.analysis.attainment import Status, TargetResult
from ezhou_recovery.analysis.compliance import DeadlineStatus
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.bulletins.contents import (
    Bulletin,
    CallInBasis,
    CategorySection,
    DepartmentReporting,
    percent_cut,
)
from ezhou_recovery.display.labels import Lang, label
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.model.periods import Period
from ezhou_recovery.units import Quantity, format_quantity, quantity_in

__all__ = [
    "CJK_FONTS",
    "Section",
    "bulletin_html",
    "bulletin_html_body",
    "bulletin_markdown",
    "bulletin_notebook_html",
    "outline",
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

#: A symbol per status, so that status reads without colour.
_SYMBOL: Final[dict[str, str]] = {
    "attained": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "▼",
    "missed": "✖",
    "overdue": "⊘",
    "no_data": "○",
}
_COLOUR: Final[dict[str, str]] = {
    "attained": "#1a7f37",
    "on_track": "#2b6cb0",
    "at_risk": "#b7791f",
    "off_track": "#c05621",
    "missed": "#9b2c2c",
    "overdue": "#9b2c2c",
    "no_data": "#5f6368",
}


@attrs.frozen
class Section:
    """A heading of the bulletin: its level (1 or 2), its anchor and its title."""

    level: int
    anchor: str
    title: str


def _title(b: Bulletin, lang: Lang) -> str:
    return label("bulletin_title", lang, programme=b.title_zh if lang == "zh" else b.title_en)


def _quarter(p: Period, lang: Lang) -> str:
    return label("quarter", lang, year=p.start.year, quarter=(p.start.month - 1) // 3 + 1)


def _name(zh: str, en: str, lang: Lang) -> str:
    return zh if lang == "zh" else en


def outline(b: Bulletin, lang: Lang = "zh") -> tuple[Section, ...]:
    """The bulletin's sections in order, as every rendering heads them."""
    out = [Section(1, "headline", label("headline", lang))]
    out.append(Section(1, "changes", label("changes", lang)))
    out.append(Section(1, "categories", label("categories", lang)))
    for c in b.categories:
        out.append(Section(2, f"category-{c.key}", _category_title(c, lang)))
    out.append(Section(1, "reporting", label("reporting", lang)))
    out.append(Section(1, "call-ins", label("call_ins", lang)))
    out.append(Section(1, "next-deadlines", label("next_deadlines", lang)))
    return tuple(out)


def _category_title(c: CategorySection, lang: Lang) -> str:
    return f"{c.number}. {_name(c.name_zh, c.name_en, lang)}"


# Numbers as people read them ---------------------------------------------------------------------


def share(x: float | Decimal | Fraction | None) -> str:
    """A share as a percentage with one decimal, cut (never rounded up: 99.96% is 99.9%)."""
    return percent_cut(x)


def _yi(q: Quantity | None, lang: Lang) -> str:
    """Money in 亿元 (Chinese) or in billion yuan (English), exact."""
    if q is None:
        return "-"
    if lang == "zh":
        return format_quantity(quantity_in(q, "yi_yuan"), lang="zh")
    billions = Decimal(str(quantity_in(q, "yi_yuan").magnitude)) / 10
    return f"RMB {billions.normalize():f} billion"


def _value(v: Quantity | bool | QualitativeLevel | None, lang: Lang) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return ("是" if v else "否") if lang == "zh" else ("done" if v else "not done")
    if isinstance(v, QualitativeLevel):
        return v.name_zh if lang == "zh" else v.name_en
    return format_quantity(v, lang=lang)


def status_words(s: Status, lang: Lang) -> str:
    """The status's symbol and words: ``▲ 存在风险``."""
    return f"{_SYMBOL.get(s.value, '■')} {s.label_zh if lang == 'zh' else s.label_en}"


def _gap_words(m: MoneyResult, lang: Lang) -> str:
    if m.gap_pp is None:
        return "-"
    pp = abs(m.gap_pp).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return label("ahead" if m.gap_pp >= 0 else "behind", lang, pp=pp)


def investment_line(m: MoneyResult, lang: Lang) -> str:
    """Investment completed against the estimate and time progress, in one sentence."""
    if m.completed is None or m.completion_rate is None:
        return label("investment_unknown", lang)
    return label(
        "investment_line",
        lang,
        completed=_yi(m.completed, lang),
        planned=_yi(m.planned_total, lang),
        rate=share(m.completion_rate),
        time=share(m.time_progress),
        gap=_gap_words(m, lang),
    )


def headline_investment_line(b: Bulletin, lang: Lang) -> str:
    """The programme's investment line; when not every category has reported, how many have."""
    h = b.headline
    if h.money.completed is None and h.money_categories:
        return label(
            "investment_partial",
            lang,
            n=h.money_reported,
            total=h.money_categories,
            time=share(h.money.time_progress),
        )
    return investment_line(h.money, lang)


def reporting_line(b: Bulletin, lang: Lang) -> str:
    """The programme's reporting tally in one sentence."""
    t = b.headline.reporting
    return label(
        "reporting_line",
        lang,
        expected=t.expected,
        received=t.received,
        rate=share(t.reporting_rate),
        on_time=t.on_time,
        on_time_rate=share(t.on_time_rate),
        late=t.late,
        missing=t.missing,
    )


def counts_line(
    counts: Sequence[tuple[Status, int]],
    total: int,
    with_data: int,
    coverage: Fraction | None,
    lang: Lang,
) -> str:
    """``目标102项：✖ 逾期未完成 1，…；有数据13项，占12.7%``: targets by status and coverage
    (a status no target holds is left out)."""
    parts = [f"{status_words(s, lang)} {n}" for s, n in counts if n]
    sep = "，" if lang == "zh" else ", "
    return (
        label("targets_count", lang, n=total)
        + ("：" if lang == "zh" else ": ")
        + sep.join(parts)
        + ("；" if lang == "zh" else "; ")
        + label("coverage", lang, with_data=with_data, share=share(coverage))
    )


def _counts_line(b: Bulletin, lang: Lang) -> str:
    h = b.headline
    return counts_line(h.counts, h.targets, h.with_data, h.coverage, lang)


def category_counts_line(c: CategorySection, lang: Lang) -> str:
    """A category's targets by status (worst first) and its coverage."""
    r = c.rollup
    ordered = sorted(Status, key=lambda s: (s.severity, s.value))
    return counts_line([(s, r.count(s)) for s in ordered], r.total, c.with_data, c.coverage, lang)


def _deadline_name(b: Bulletin, st: DeadlineStatus, lang: Lang) -> str:
    d = st.deadline
    name = b.obligation_name(d.obligation, lang)
    if ".." in d.period.label:  # a duty due once, for the whole programme: no period to name
        return name
    return f"{name}（{d.period.label}）" if lang == "zh" else f"{name} ({d.period.label})"


def _late_text(b: Bulletin, st: DeadlineStatus, lang: Lang) -> str:
    return f"{_deadline_name(b, st, lang)} {label('days_late', lang, days=st.days_late)}"


def _missing_text(b: Bulletin, st: DeadlineStatus, lang: Lang) -> str:
    return f"{_deadline_name(b, st, lang)} {label('days_overdue', lang, days=st.days_late)}"


def _target_name(r: TargetResult, lang: Lang) -> str:
    return r.target.description_zh if lang == "zh" else r.target.description_en


def _reason(r: TargetResult, lang: Lang) -> str:
    return r.reason_zh if lang == "zh" else r.reason


def _leader(c: CategorySection, lang: Lang) -> str:
    if c.leader is None:
        return label("unassigned", lang)
    return _name(c.leader.name_zh, c.leader.name_en, lang)


def _departments(c: CategorySection, lang: Lang) -> str:
    if not c.departments:
        return label("unassigned", lang)
    return ("、" if lang == "zh" else ", ").join(
        _name(d.name_zh, d.name_en, lang) for d in c.departments
    )


def leaders_line(c: CategorySection, lang: Lang) -> str:
    """``牵头市领导：…；牵头部门：…`` (or 未明确 where the plan names none)."""
    if lang == "zh":
        return (
            f"{label('leader', lang)}：{_leader(c, lang)}；"
            f"{label('lead_departments', lang)}：{_departments(c, lang)}"
        )
    return (
        f"{label('leader', lang)}: {_leader(c, lang)}; "
        f"{label('lead_departments', lang)}: {_departments(c, lang)}"
    )


def _subject_name(b: Bulletin, subject: str, lang: Lang) -> str:
    for c in b.categories:
        if c.key == subject:
            return _name(c.name_zh, c.name_en, lang)
    return _name("全部工程", "the whole programme", lang) if subject == b.programme else subject


# Tables as rows of text (shared by HTML, Markdown and Word) -----------------------------------


@attrs.frozen
class Table:
    """A table: its header and its rows of plain text; ``status_column`` holds statuses."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    status_columns: frozenset[int] = frozenset()


def status_change_table(b: Bulletin, lang: Lang) -> Table:
    """Targets whose status changed: both statuses, values and progress figures."""
    assert b.changes is not None
    rows = tuple(
        (
            _target_name(c.after, lang),
            status_words(c.before.status, lang),
            status_words(c.after.status, lang),
            f"{_value(c.before.value, lang)} → {_value(c.after.value, lang)}",
            f"{share(c.before.capped_progress)} → {share(c.after.capped_progress)}",
        )
        for c in b.changes.status_changes
    )
    header = (
        label("target", lang),
        label("before", lang),
        label("after", lang),
        label("value", lang),
        label("progress", lang),
    )
    return Table(header, rows, frozenset({1, 2}))


def category_table(c: CategorySection, lang: Lang) -> Table:
    """A category's targets, worst first, with their reasons."""
    rows = tuple(
        (
            status_words(r.status, lang),
            _target_name(r, lang),
            r.target.describe_value(lang),
            _value(r.value, lang),
            share(r.capped_progress),
            share(r.expected_progress),
            _reason(r, lang),
        )
        for r in c.rollup.results
    )
    header = (
        label("status", lang),
        label("target", lang),
        label("goal", lang),
        label("value", lang),
        label("progress", lang),
        label("time_progress", lang),
        label("reason", lang),
    )
    return Table(header, rows, frozenset({0}))


def reporting_table(b: Bulletin, lang: Lang) -> Table:
    """The reporting tally per department, its late and missing reports named."""
    sep = "；" if lang == "zh" else "; "

    def row(d: DepartmentReporting) -> tuple[str, ...]:
        t = d.tally
        return (
            _name(d.department.name_zh, d.department.name_en, lang),
            str(t.expected),
            str(t.on_time),
            str(t.late),
            str(t.missing),
            share(t.on_time_rate),
            sep.join(_late_text(b, s, lang) for s in d.late) or "-",
            sep.join(_missing_text(b, s, lang) for s in d.missing) or "-",
        )

    header = (
        label("department", lang),
        label("expected", lang),
        label("on_time", lang),
        label("late", lang),
        label("missing", lang),
        label("on_time_rate", lang),
        label("late_reports", lang),
        label("missing_reports", lang),
    )
    return Table(header, tuple(row(d) for d in b.reporting))


def call_in_table(b: Bulletin, lang: Lang) -> Table:
    """The 约谈问责 list with its reasons."""
    sep = "；" if lang == "zh" else "; "
    rows = tuple(
        (
            str(c.rank),
            _name(c.name_zh, c.name_en, lang),
            sep.join(c.reasons_zh if lang == "zh" else c.reasons_en),
        )
        for c in b.call_ins
    )
    return Table((label("rank", lang), label("department", lang), label("reasons", lang)), rows)


def deadline_table(b: Bulletin, lang: Lang) -> Table:
    """The deadlines of the next quarter."""
    names = {c.key: _name(c.name_zh, c.name_en, lang) for c in b.categories}
    rows = tuple(
        (
            d.due.isoformat(),
            b.obligation_name(d.obligation, lang),
            label("programme_wide", lang)
            if d.category is None
            else names.get(d.category, d.category),
            _name(d.department.name_zh, d.department.name_en, lang),
            d.period.label,
        )
        for d in b.next_deadlines
    )
    header = (
        label("due", lang),
        label("obligation", lang),
        label("category", lang),
        label("department", lang),
        label("period", lang),
    )
    return Table(header, rows)


def investment_change_lines(b: Bulletin, lang: Lang) -> list[str]:
    """The investment added since the previous bulletin, programme first."""
    assert b.changes is not None
    out = []
    for ch in b.changes.investment:
        name = _subject_name(b, ch.subject, lang)
        added = ch.added
        if added is None:
            out.append(
                f"{name}：{label('investment_added_unknown', lang)}"
                if lang == "zh"
                else (f"{name}: {label('investment_added_unknown', lang)}")
            )
        else:
            text = label("investment_added_line", lang, amount=_yi(added, lang))
            out.append(f"{name}：{text}" if lang == "zh" else f"{name}: {text}")
    return out


def department_change_lines(b: Bulletin, lang: Lang, kind: str) -> list[str]:
    """Departments newly late (``newly_late``) or recovered (``recovered``), with the reports."""
    assert b.changes is not None
    changes = b.changes.newly_late if kind == "newly_late" else b.changes.recovered
    sep = "；" if lang == "zh" else "; "
    out = []
    for d in changes:
        reports = sep.join(
            _late_text(b, s, lang) if s.status.value == "late" else _missing_text(b, s, lang)
            for s in d.reports
        )
        name = _name(d.department.name_zh, d.department.name_en, lang)
        out.append(f"{name}（{reports}）" if lang == "zh" else f"{name} ({reports})")
    return out


def call_in_basis(b: Bulletin, lang: Lang) -> str:
    """Where the 约谈问责 list comes from, in words."""
    if b.call_in_basis is CallInBasis.RULE:
        rule = b.call_in_rule_zh if lang == "zh" else b.call_in_rule_en
        return label("basis_rule", lang, rule=rule or "-")
    return label("basis_laggards", lang)


def header_fields(b: Bulletin, lang: Lang) -> list[tuple[str, str, bool]]:
    """(label, text, is_placeholder) for issuing office, number, addressees and date."""
    h = b.header
    given = [
        ("issuer", h.issuer),
        ("doc_number", h.number),
        ("addressees", h.addressees),
        ("date", None if h.date is None else _date(h.date, lang)),
    ]
    return [
        (
            label(k, lang),
            v if v is not None else label("placeholder", lang, what=label(k, lang)),
            v is None,
        )
        for k, v in given
    ]


def _date(d: object, lang: Lang) -> str:
    from datetime import date

    assert isinstance(d, date)
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()


def subtitle(b: Bulletin, lang: Lang) -> str:
    """``2021年第2季度 · 截至2021-06-30``."""
    return f"{_quarter(b.quarter, lang)} · {label('as_of', lang, date=b.as_of.isoformat())}"


# Charts -----------------------------------------------------------------------------------------


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


# HTML -------------------------------------------------------------------------------------------

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
    for name, symbol in _SYMBOL.items():
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
    yield _p(_counts_line(b, lang))
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
    yield _p(_quarter(b.next_quarter, lang))
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
        f"<h1>{escape(_title(b, lang))}</h1>",
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
        f"<title>{escape(_title(b, lang))} {escape(subtitle(b, lang))}</title>\n"
        f"<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        f"{bulletin_html_body(b, lang)}\n</main>\n</body>\n</html>\n"
    )


# Markdown ---------------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    text = escape(text, quote=False)
    text = re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)
    return text.replace("\n", " ")


def _md_table(t: Table) -> str:
    lines = [
        "| " + " | ".join(_md_escape(h) for h in t.header) + " |",
        "|" + "|".join("---" for _ in t.header) + "|",
    ]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def _md_list(items: Sequence[str], empty: str) -> str:
    if not items:
        return _md_escape(empty)
    return "\n".join(f"- {_md_escape(i)}" for i in items)


def bulletin_markdown(b: Bulletin, lang: Lang = "zh") -> str:
    """The bulletin in Markdown (tables in the GitHub form); text from the data is escaped."""
    sections = {s.anchor: s for s in outline(b, lang)}

    def h(anchor: str) -> str:
        s = sections[anchor]
        return "#" * (s.level + 1) + " " + _md_escape(s.title)

    out = [f"# {_md_escape(_title(b, lang))}", "", _md_escape(subtitle(b, lang)), ""]
    for name, text, placeholder in header_fields(b, lang):
        out.append(f"- **{_md_escape(name)}**: {_md_escape(text)}" + (" ⚠" if placeholder else ""))
    out += ["", h("headline"), ""]
    out += [_md_escape(_counts_line(b, lang)), ""]
    out += [_md_escape(headline_investment_line(b, lang)), ""]
    out += [_md_escape(reporting_line(b, lang)), ""]
    out += [h("changes"), ""]
    if b.changes is None:
        out += [_md_escape(label("no_previous", lang)), ""]
    else:
        out += [
            _md_escape(label("previous_as_of", lang, date=b.changes.previous_as_of.isoformat())),
            "",
        ]
        out += [f"### {_md_escape(label('status_changes', lang))}", ""]
        if b.changes.status_changes:
            out += [_md_table(status_change_table(b, lang)), ""]
        else:
            out += [_md_escape(label("no_status_changes", lang)), ""]
        for key in ("newly_late", "recovered"):
            out += [f"### {_md_escape(label(key, lang))}", ""]
            out += [_md_list(department_change_lines(b, lang, key), label("none", lang)), ""]
        out += [f"### {_md_escape(label('investment_added', lang))}", ""]
        out += [_md_list(investment_change_lines(b, lang), label("none", lang)), ""]
    out += [h("categories"), ""]
    for c in b.categories:
        out += [h(f"category-{c.key}"), ""]
        out += [
            f"- {_md_escape(label('leader', lang))}: {_md_escape(_leader(c, lang))}",
            f"- {_md_escape(label('lead_departments', lang))}: {_md_escape(_departments(c, lang))}",
            f"- {_md_escape(category_counts_line(c, lang))}",
        ]
        if c.money is not None:
            out.append(f"- {_md_escape(investment_line(c.money, lang))}")
        out += ["", _md_table(category_table(c, lang)), ""]
    out += [h("reporting"), "", _md_escape(reporting_line(b, lang)), ""]
    out += [_md_table(reporting_table(b, lang)), ""]
    out += [h("call-ins"), "", _md_escape(call_in_basis(b, lang)), ""]
    out += [
        _md_table(call_in_table(b, lang)) if b.call_ins else _md_escape(label("no_call_ins", lang)),
        "",
    ]
    out += [h("next-deadlines"), "", _md_escape(_quarter(b.next_quarter, lang)), ""]
    out += [
        _md_table(deadline_table(b, lang))
        if b.next_deadlines
        else _md_escape(label("no_deadlines", lang)),
        "",
    ]
    return "\n".join(out)
