"""The document's structure: its header (number, title, issuer, dates, period), its parts, and its
categories with their goals, tasks and portfolio lines."""

from __future__ import annotations

import enum
import re
from datetime import date

import attrs

from ezhou_recovery.drafting._deadlines import safe_date
from ezhou_recovery.drafting._patterns import (
    CATEGORY_HEADING,
    CATEGORY_NAME,
    DOC_NUMBER,
    ISSUER_IN_NOTICE,
    ISSUER_LINE,
    ITEM,
    META,
    PART,
    PERIOD_YEARS,
    PLAN_TITLE,
    PUBLISHED,
    QUOTED_TITLE,
    SECTION_LINE,
    SUBHEAD,
    ZH_DATE,
)
from ezhou_recovery.drafting._review import TODO, DraftState, ReviewSubject
from ezhou_recovery.drafting._text import TO_ASCII, Line, Piece, cn_number, stripped, trimmed
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.periods import Period


class _Part(enum.Enum):
    PREAMBLE = "preamble"
    GENERAL = "general"
    BODY = "body"
    SUPERVISION = "supervision"


@attrs.define
class CategoryText:
    """The text of one category: its heading, its meta lines (leader, lead departments), and its
    goals, numbered tasks, other task text and portfolio lines."""

    number: int
    name: Piece
    heading: Line
    meta: list[Piece] = attrs.Factory(list)
    goals: list[Piece] = attrs.Factory(list)
    tasks: list[tuple[int, Piece]] = attrs.Factory(list)
    task_text: list[Piece] = attrs.Factory(list)
    portfolio: list[Piece] = attrs.Factory(list)


def _section_of(title: str) -> str | None:
    if len(title) > 16:
        return None
    if re.search(r"重大项目|项目及投资|项目安排|投资(?:测算|概算|估算|安排|计划)", title):
        return "portfolio"
    if "目标" in title:
        return "goals"
    if re.search(r"任务|重点工作|建设内容|主要内容|工作措施", title):
        return "tasks"
    return None


def read_structure(
    lines: list[Line], state: DraftState
) -> tuple[list[CategoryText], list[Piece], int]:
    """Cut the text into parts and categories; categories' lines go into their sections."""
    part = _Part.PREAMBLE
    categories: list[CategoryText] = []
    general: list[Piece] = []
    current: CategoryText | None = None
    section = "goals"
    first_body = 0
    for index, line in enumerate(lines):
        piece = stripped(line)
        norm = piece.normal
        if not norm:
            continue
        m = PART.match(norm)
        if m and len(m.group(2)) <= 30:
            title = m.group(2)
            if re.search(r"保障|措施|组织实施|督查|考核|要求$|工作要求", title):
                part = _Part.SUPERVISION
            elif re.search(r"总体要求|指导思想|基本原则|总体思路", title):
                part = _Part.GENERAL
            else:
                part = _Part.BODY
            if first_body == 0:
                first_body = line.number - 1
            current = None
            continue
        if part is _Part.BODY or (part is _Part.PREAMBLE and CATEGORY_HEADING.match(norm)):
            m = CATEGORY_HEADING.match(norm)
            ahead = " ".join(ln.normal for ln in lines[index + 1 : index + 3])
            if (
                m
                and (n := cn_number(m.group(1))) is not None
                and (
                    META.search(norm)
                    or META.search(ahead)
                    or CATEGORY_NAME.search(m.group(2).strip(" 。:;,"))
                )
            ):
                name_end = m.start(3)
                name = piece.sub(m.start(2), name_end)
                current = CategoryText(n, trimmed(name), line)
                if m.group(3):
                    current.meta.append(piece.sub(m.start(3), len(norm)))
                categories.append(current)
                section = "goals"
                part = _Part.BODY
                if first_body == 0:
                    first_body = line.number - 1
                continue
        if current is None:
            general.append(piece)
            continue
        m = SUBHEAD.match(norm) or SECTION_LINE.match(norm)
        if m:
            title = m.group(3) if m.re is SUBHEAD else m.group(1)
            found = _section_of(title)
            if found is not None:
                section = found
                rest_at = m.start(4) if m.re is SUBHEAD else m.start(2)
                rest = trimmed(piece.sub(rest_at, len(norm)))
                if rest.normal:
                    _place(current, section, rest, state)
                continue
        if re.search(r"分管(?:市|区|县)?领导|牵头(?:部门|单位)|责任(?:部门|单位)", norm) and not (
            current.goals or current.tasks or current.task_text or current.portfolio
        ):
            current.meta.append(piece)
            continue
        _place(current, section, piece, state)
    return categories, general, first_body


def _place(cat: CategoryText, section: str, piece: Piece, state: DraftState) -> None:
    if section == "portfolio":
        cat.portfolio.append(piece)
    elif section == "tasks":
        m = ITEM.match(piece.normal)
        if m:
            number = int(m.group(1) or m.group(2))
            cat.tasks.append((number, piece.sub(m.start(3), len(piece.normal))))
        else:
            cat.task_text.append(piece)
    else:
        cat.goals.append(piece)


@attrs.frozen
class Header:
    """What the notice says of itself: number, title, issuer, dates of issue and publication, period."""

    document_number: str
    title: str
    issuer: Department
    issued: date
    published: date | None
    period: Period


def read_header(
    head: list[Line], lines: list[Line], period: Period | None, state: DraftState
) -> Header:
    """The notice's number, title, issuer, dates and period, from the lines before the body; each
    item a person must supply is a TODO of the document's review item."""
    texts = [ln.normal.strip() for ln in head]
    document_number = next((m.group(0) for ln in head if (m := DOC_NUMBER.search(ln.text))), None)
    title = None
    title_line: Line | None = None
    for ln in lines[:400]:
        s = ln.text.strip()
        if (
            s
            and "关于印发" not in s
            and "通知" not in s
            and PLAN_TITLE.match(s.translate(TO_ASCII))
        ):
            title, title_line = s, ln
            break
    if title is None:
        m = next((m for ln in head if (m := QUOTED_TITLE.search(ln.text))), None)
        title = m.group(1) if m else None
    issuer_name = None
    issued = None
    for i, s in enumerate(texts):
        if ISSUER_LINE.match(s):
            for nxt in texts[i + 1 : i + 3]:
                d = ZH_DATE.match(nxt)
                if d:
                    issuer_name, issued = s, safe_date(*map(int, d.groups()))
                    break
        if issued is not None:
            break
    if issued is None:
        for s in texts:
            d = ZH_DATE.match(s)
            if d:
                issued = safe_date(*map(int, d.groups()))
                break
    if issuer_name is None:
        m = next((m for s in texts if (m := ISSUER_IN_NOTICE.match(s))), None)
        issuer_name = m.group(1) if m else None
    years = PERIOD_YEARS.search(title.translate(TO_ASCII)) if title else None
    if years is None:
        years = next((m for s in texts if (m := PERIOD_YEARS.search(s))), None)
    todo: list[str] = []
    reasons: list[str] = []
    if period is None:
        if years and int(years.group(1)) <= int(years.group(2)):
            period = Period(date(int(years.group(1)), 1, 1), date(int(years.group(2)), 12, 31))
            reasons.append(f"period from the years {years.group(0)}")
        else:
            year = issued.year if issued else 2000
            period = Period(date(year, 1, 1), date(year, 12, 31))
            todo.append("period: no years (2020—2022年) found; the issue year is assumed")
    else:
        reasons.append("period given by the caller")
    if issued is None or issued > period.end:
        issued = period.start
        todo.append("issued: no date of issue found; the period's first day is assumed")
    published = None
    for s in texts:
        m = PUBLISHED.search(s)
        if m:
            day = safe_date(*map(int, m.groups()))
            if day is not None and day >= issued:
                published = day
                break
    if document_number is None:
        todo.append("document_number: no number such as 鄂州政发〔2020〕10号 found")
    if title is None:
        todo.append("title_zh: no title (…实施方案) found")
    if issuer_name is None:
        todo.append("issuer: no issuing authority found")
    todo.append("title_en, issuer.name_en: English names")
    state.add(
        ReviewSubject.DOCUMENT,
        None,
        stripped(title_line).span() if title_line else None,
        inferred=[
            ("document_number", document_number or TODO),
            ("title_zh", title or TODO),
            ("issuer", issuer_name or TODO),
            ("issued", issued.isoformat()),
            ("period", f"{period.start.isoformat()} to {period.end.isoformat()}"),
            ("published", published.isoformat() if published else "-"),
        ],
        reasons=reasons,
        todo=todo,
    )
    return Header(
        document_number or TODO,
        title or TODO,
        Department("issuer", issuer_name or TODO, TODO),
        issued,
        published,
        period,
    )
