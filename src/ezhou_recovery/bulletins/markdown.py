"""The quarterly bulletin in Markdown (tables in the GitHub form); every text from the data is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ezhou_recovery.bulletins.contents import Bulletin
from ezhou_recovery.bulletins.sections import (
    Table,
    call_in_basis,
    call_in_table,
    category_counts_line,
    category_table,
    deadline_table,
    department_change_lines,
    departments_text,
    header_fields,
    headline_counts_line,
    headline_investment_line,
    investment_change_lines,
    investment_line,
    leader_text,
    outline,
    quarter_text,
    reporting_line,
    reporting_table,
    status_change_table,
    subtitle,
    title_text,
)
from ezhou_recovery.display.labels import Lang, label

__all__ = ["bulletin_markdown"]


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

    out = [f"# {_md_escape(title_text(b, lang))}", "", _md_escape(subtitle(b, lang)), ""]
    for name, text, placeholder in header_fields(b, lang):
        out.append(f"- **{_md_escape(name)}**: {_md_escape(text)}" + (" ⚠" if placeholder else ""))
    out += ["", h("headline"), ""]
    out += [_md_escape(headline_counts_line(b, lang)), ""]
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
            f"- {_md_escape(label('leader', lang))}: {_md_escape(leader_text(c, lang))}",
            f"- {_md_escape(label('lead_departments', lang))}: {_md_escape(departments_text(c, lang))}",
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
    out += [h("next-deadlines"), "", _md_escape(quarter_text(b.next_quarter, lang)), ""]
    out += [
        _md_table(deadline_table(b, lang))
        if b.next_deadlines
        else _md_escape(label("no_deadlines", lang)),
        "",
    ]
    return "\n".join(out)
