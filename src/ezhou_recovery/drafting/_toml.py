"""Writing a draft as a programme file: each item's source sentence beside it, TODO where to decide."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ezhou_recovery.drafting._review import TODO, ReviewSubject
from ezhou_recovery.errors import UnitError
from ezhou_recovery.model.obligations import Frequency
from ezhou_recovery.model.people import Department
from ezhou_recovery.units import Quantity, format_quantity, parse_quantity

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.drafting._draft import Draft


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(text: str) -> str:
    return "".join(" " if ord(c) < 0x20 or c == "\x7f" else c for c in text)


def _qt(q: Quantity) -> str:
    text = format_quantity(q)
    try:
        if parse_quantity(text) == q:
            return text
    except UnitError:
        pass
    return f"{format(q.magnitude, 'f')} {q.units:~}"


def _dept(d: Department) -> str:
    return f"{{ key = {_s(d.key)}, name_zh = {_s(d.name_zh)}, name_en = {_s(d.name_en)} }}"


def programme_toml(draft: Draft) -> str:
    """The programme file of a draft (see :meth:`Draft.to_toml`)."""
    p = draft.programme
    by_key = {i.key: i for i in draft.review if i.key}
    doc = next(
        (i for i in draft.review if i.subject is ReviewSubject.DOCUMENT and i.key is None), None
    )
    out: list[str] = [
        f"# Drafted from {_comment(draft.source)} by `ezhou-recovery draft`: a draft to review.",
        "# Every TODO is a decision or a text a person must supply; keys are generated and can be",
        "# renamed. The comment above each item is the sentence it was read from (line number first).",
        'format = "ezhou-recovery/programme"',
        "format_version = 1",
        "",
    ]
    if doc:
        out += [f"# TODO: {_comment(t)}" for t in doc.todo]
    out += [
        f"key = {_s(p.key)}",
        f"document_number = {_s(p.document_number)}",
        f"title_zh = {_s(p.title_zh)}",
        f"title_en = {_s(p.title_en)}",
        f"issuer = {_dept(p.issuer)}",
        f"issued = {p.issued.isoformat()}",
    ]
    if p.published:
        out.append(f"published = {p.published.isoformat()}")
    out.append(
        f"period = {{ start = {p.period.start.isoformat()}, end = {p.period.end.isoformat()} }}"
    )
    if not p.categories:
        out.append("categories = []  # TODO: nothing of a programme was read")
    for c in p.categories:
        item = by_key.get(c.key)
        out += ["", "#" * 99]
        if item and item.span:
            out.append(f"# L{item.span.line}: {_comment(item.span.text)}")
        out += [f"# TODO: {_comment(t)}" for t in (item.todo if item else ())]
        out += [
            "#" * 99,
            "[[categories]]",
            f"key = {_s(c.key)}",
            f"number = {c.number}",
            f"name_zh = {_s(c.name_zh)}",
            f"name_en = {_s(c.name_en)}",
            *(
                [
                    f"leader = {{ name_zh = {_s(c.leader.name_zh)}, name_en = {_s(c.leader.name_en)} }}"
                ]
                if c.leader is not None
                else []  # the text names no leader: left out, not a placeholder person
            ),
            "lead_departments = [",
            *(f"  {_dept(d)}," for d in c.lead_departments),
            "]",
        ]
        if c.portfolio:
            pf = c.portfolio
            pitem = next(
                (
                    i
                    for i in draft.review
                    if i.subject is ReviewSubject.PORTFOLIO and i.key == c.key
                ),
                None,
            )
            if pitem and pitem.span:
                out.append(f"# L{pitem.span.line}: {_comment(pitem.span.text)}")
            out.append(
                f"portfolio = {{ project_count = {pf.project_count}, total_investment = "
                f"{_s(_qt(pf.total_investment))}, first_year_investment = "
                f"{_s(_qt(pf.first_year_investment))}, first_year = {pf.first_year}"
                f"{', approximate = true' if pf.approximate else ''} }}"
            )
        for t in c.targets:
            titem = by_key.get(t.key)
            out.append("")
            if titem and titem.span:
                out.append(f"# L{titem.span.line}: {_comment(titem.span.text)}")
            if titem:
                out += [
                    f"# TODO: {_comment(x)}"
                    for x in titem.todo
                    if not x.startswith(("key:", "description_en"))
                ]
            out += [
                "[[categories.targets]]",
                f"key = {_s(t.key)}  # TODO: rename",
                f"description_zh = {_s(t.description_zh)}",
                f"description_en = {_s(t.description_en)}",
                f"kind = {_s(t.kind.value)}",
            ]
            if t.value is not None:
                out.append(f"comparator = {_s(t.comparator.value)}")
                out.append(f"value = {_s(_qt(t.value))}")
            if t.baseline is not None:
                b = t.baseline
                parts = [f"value = {_s(_qt(b.value))}", f"qualifier = {_s(b.qualifier.value)}"]
                if b.as_of:
                    parts.append(f"as_of = {b.as_of.isoformat()}")
                if b.note_zh:
                    parts.append(f"note_zh = {_s(b.note_zh)}")
                out.append(f"baseline = {{ {', '.join(parts)} }}")
            if t.scope_zh is not None and t.scope_en is not None:
                out.append(f"scope_zh = {_s(t.scope_zh)}")
                out.append(f"scope_en = {_s(t.scope_en)}")
            if t.deadline != p.period.end:
                out.append(f"deadline = {t.deadline.isoformat()}")
            out.append(f"section = {_s(t.section.value)}")
            if t.clause_zh:
                out.append(f"clause_zh = {_s(t.clause_zh)}")
        for task in c.tasks:
            out += [
                "",
                "[[categories.tasks]]",
                f"number = {task.number}",
                f"title_zh = {_s(task.title_zh)}",
                f"title_en = {_s(task.title_en)}",
                f"text_zh = {_s(task.text_zh)}",
            ]
    for o in p.obligations:
        oitem = by_key.get(o.key)
        out.append("")
        if oitem and oitem.span:
            out.append(f"# L{oitem.span.line}: {_comment(oitem.span.text)}")
        out += [
            f"# TODO: {_comment(x)}"
            for x in (oitem.todo if oitem else ())
            if not x.startswith("key:")
        ]
        rule = o.rule
        if rule.frequency is Frequency.ONCE:
            assert rule.due is not None
            rule_text = f'{{ frequency = "once", due = {rule.due.isoformat()} }}'
        else:
            rule_text = f'{{ frequency = "quarterly", month_of_quarter = {rule.month_of_quarter}, day = {rule.day} }}'
        out += [
            "[[obligations]]",
            f"key = {_s(o.key)}  # TODO: rename",
            f"name_zh = {_s(o.name_zh)}",
            f"name_en = {_s(o.name_en)}",
            f"rule = {rule_text}",
            f"reporters = {_s(o.reporters.value)}",
        ]
        if o.departments:
            out.append(f"departments = [{', '.join(_dept(d) for d in o.departments)}]")
        if o.recipient_zh:
            out.append(f"recipient_zh = {_s(o.recipient_zh)}")
            out.append(f"recipient_en = {_s(o.recipient_en or TODO)}")
        if o.clause_zh:
            out.append(f"clause_zh = {_s(o.clause_zh)}")
    unread = [i for i in draft.review if i.subject is ReviewSubject.UNREAD]
    if unread:
        out += ["", "# Not read (a number or a rule that became nothing above):"]
        out += [f"#   {_comment(str(i))}" for i in unread]
    return "\n".join(out) + "\n"
