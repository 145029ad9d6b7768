"""A category of works: its key, name, leader, lead departments, portfolio and main tasks."""

from __future__ import annotations

import re
from datetime import date

from ezhou_recovery.drafting._patterns import (
    LEAD_DEPARTMENTS_LINE,
    LEADER,
    LEADER_TITLE,
    PORTFOLIO_COUNT,
    PORTFOLIO_FIRST,
    PORTFOLIO_TOTAL,
)
from ezhou_recovery.drafting._review import TODO, DraftState, ReviewSubject
from ezhou_recovery.drafting._structure import CategoryText
from ezhou_recovery.drafting._targets import draft_targets
from ezhou_recovery.drafting._text import integer_of, stripped
from ezhou_recovery.drafting._vocabulary import CATEGORY_KEYS, add_department
from ezhou_recovery.errors import EzhouRecoveryError
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Task
from ezhou_recovery.model.projects import Portfolio
from ezhou_recovery.units import format_quantity, parse_quantity


def _category_key(name: str, used: dict[str, int], number: int) -> str:
    base = next((k for word, k in CATEGORY_KEYS if word in name), f"category_{number}")
    key = base
    while key in used:
        used[base] = used.get(base, 1) + 1
        key = f"{base}_{used[base]}"
    used[key] = used.get(key, 1)
    return key


def draft_category(
    cat: CategoryText, period: Period, issued: date, used: dict[str, int], state: DraftState
) -> Category | None:
    """A category from its text: name, key, leader, lead departments, portfolio, targets and tasks."""
    name = re.sub(r"[。:;,]+$", "", cat.name.text.strip()) or TODO
    key = _category_key(cat.name.normal, used, cat.number)
    meta = " ".join(p.normal for p in cat.meta)
    todo: list[str] = ["name_en: English name"]
    reasons: list[str] = []
    leader_match = LEADER.search(meta)
    leader_name = None
    if leader_match:
        names = [n for n in re.split(r"[、]", leader_match.group(1)) if n]
        leader_name = LEADER_TITLE.sub("", names[0]) if names else None
        reasons.append(f"leader from {leader_match.group(0)!r}")
        if len(names) > 1:
            todo.append(f"leader: the text names {len(names)} leaders; the first is drafted")
    if not leader_name:
        todo.append("leader: no 分管领导 found")
    todo.append("leader.name_en: the leader's name in pinyin")
    depts: list[Department] = []
    dm = LEAD_DEPARTMENTS_LINE.search(meta)
    if dm:
        reasons.append(f"lead departments from {dm.group(0)!r}")
        for raw in re.split(r"[、,/和]", dm.group(1)):
            raw = raw.strip()
            if not raw:
                continue
            if not add_department(raw, state.departments, depts):
                todo.append(
                    f"department {raw!r} is not one the drafter recognises: key and name_en"
                )
    if not depts:
        todo.append("lead_departments: no 牵头部门 found")
        depts.append(Department("department_unknown", TODO, TODO))
    portfolio = _portfolio(cat, key, state)
    targets = draft_targets(cat, key, period, state)
    tasks = _tasks(cat, key, state)
    state.add(
        ReviewSubject.CATEGORY,
        key,
        stripped(cat.heading).span(),
        inferred=[
            ("number", str(cat.number)),
            ("name_zh", name),
            ("leader", leader_name or TODO),
            ("lead_departments", "、".join(d.name_zh for d in depts)),
        ],
        reasons=reasons,
        todo=todo,
    )
    return Category(
        key=key,
        number=cat.number,
        name_zh=name,
        name_en=TODO,
        leader=Official(leader_name or TODO, TODO),
        lead_departments=tuple(depts),
        targets=tuple(targets),
        tasks=tuple(tasks),
        portfolio=portfolio,
    )


def _portfolio(cat: CategoryText, key: str, state: DraftState) -> Portfolio | None:
    pieces = cat.portfolio or [
        p for p in [*cat.goals, *cat.task_text] if "总投资" in p.normal and "项目" in p.normal
    ]
    if not pieces:
        return None
    for piece in pieces:
        text = piece.normal
        count_m = PORTFOLIO_COUNT.search(text)
        total_m = PORTFOLIO_TOTAL.search(text)
        first_m = PORTFOLIO_FIRST.search(text)
        if not (count_m or total_m):
            continue
        todo = []
        count = integer_of(count_m.group(1) or count_m.group(2)) if count_m else None
        total = parse_quantity(total_m.group(2) + total_m.group(3)) if total_m else None
        first = parse_quantity(first_m.group(3) + first_m.group(4)) if first_m else None
        inferred = [
            ("project_count", str(count) if count is not None else TODO),
            ("total_investment", format_quantity(total) if total is not None else TODO),
            ("first_year_investment", format_quantity(first) if first is not None else TODO),
            ("first_year", first_m.group(1) if first_m else TODO),
            ("approximate", "true" if total_m and total_m.group(1) else "false"),
        ]
        if count is None or total is None or first is None:
            todo.append(
                "portfolio: the project count, total and first-year investment are all needed"
            )
            state.add(ReviewSubject.PORTFOLIO, key, piece.span(), inferred, (), todo)
            return None
        try:
            portfolio = Portfolio(
                count,
                total,
                first,
                int(first_m.group(1)) if first_m else 2020,
                bool(total_m and total_m.group(1)),
            )
        except EzhouRecoveryError as exc:
            state.add(ReviewSubject.PORTFOLIO, key, piece.span(), inferred, (), (str(exc),))
            return None
        state.add(
            ReviewSubject.PORTFOLIO,
            key,
            piece.span(),
            inferred,
            (
                f"from {count_m.group(0) if count_m else ''!r}, {total_m.group(0) if total_m else ''!r}",
            ),
        )
        return portfolio
    return None


def _tasks(cat: CategoryText, key: str, state: DraftState) -> list[Task]:
    out: list[Task] = []
    items = list(cat.tasks)
    if not items and cat.task_text:
        items = [(1, cat.task_text[0])]
    seen: set[int] = set()
    for number, piece in items:
        text = piece.text.strip()
        if not text or number in seen:
            continue
        seen.add(number)
        title = re.split(r"[。;；:：,，]", text, maxsplit=1)[0].strip() or text
        out.append(Task(number, title, TODO, text))
        state.add(
            ReviewSubject.TASK,
            f"{key}#{number}",
            piece.span(),
            [("number", str(number)), ("title_zh", title)],
            todo=("title_en: English title",),
        )
    return out
