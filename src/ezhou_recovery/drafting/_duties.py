"""Reporting duties: who reports what, to whom, by when (每季度最后一个月25日前报送)."""

from __future__ import annotations

import re
from datetime import date

from ezhou_recovery.drafting._deadlines import day_or_month_end
from ezhou_recovery.drafting._patterns import (
    ANYTIME,
    DEPT_NAME,
    MONTHLY,
    ONCE_DUE,
    QUARTER_END,
    QUARTERLY_DUE,
    RECIPIENT,
    REPORT_VERB,
    WHAT_AFTER,
    WHAT_BEFORE,
    YEARLY,
)
from ezhou_recovery.drafting._review import TODO, DraftState, ReviewSubject
from ezhou_recovery.drafting._text import SENTENCE_END, Piece, split_at
from ezhou_recovery.drafting._vocabulary import add_department
from ezhou_recovery.model.obligations import DueRule, Frequency, ReporterScope, ReportingObligation
from ezhou_recovery.model.people import Department
from ezhou_recovery.model.periods import Period


def draft_duties(
    pieces: list[Piece], period: Period, issued: date, state: DraftState
) -> list[ReportingObligation]:
    """The reporting duties stated in the text outside the categories (保障措施, 工作要求)."""
    out: list[ReportingObligation] = []
    counters: dict[str, int] = {}
    for piece in pieces:
        for sentence in split_at(piece, SENTENCE_END):
            for clause in (
                split_at(sentence, frozenset(","))
                if ANYTIME.search(sentence.normal)
                else [sentence]
            ):
                duty = _duty(clause, period, issued, counters, state)
                if duty is not None:
                    out.append(duty)
    return out


def _duty(
    sentence: Piece, period: Period, issued: date, counters: dict[str, int], state: DraftState
) -> ReportingObligation | None:
    text = sentence.normal
    if not REPORT_VERB.search(text):
        return None
    rule = None
    why = ""
    m = QUARTERLY_DUE.search(text)
    at = None
    if m:
        month = {
            "最后一个月": 3,
            "末月": 3,
            "第三个月": 3,
            "第一个月": 1,
            "首月": 1,
            "第二个月": 2,
        }.get(m.group(1) or "", 3)
        day = int(m.group(2))
        if 1 <= day <= 28:
            rule = DueRule(Frequency.QUARTERLY, month_of_quarter=month, day=day)
        elif 29 <= day <= 31 and month == 3:
            rule = DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=-1)
        why, at = m.group(0), m.start()
    elif (m := QUARTER_END.search(text)) is not None:
        rule = DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=-1)
        why, at = m.group(0), m.start()
    elif MONTHLY.search(text) or YEARLY.search(text):
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(
                "a monthly or yearly report: the programme format states duties due once or quarterly",
            ),
        )
        return None
    elif (m := ONCE_DUE.search(text)) is not None:
        year = int(m.group(1)) if m.group(1) else None
        month = int(m.group(2))
        due = None
        for y in [year] if year else [issued.year, issued.year + 1]:
            d = day_or_month_end(y, month, int(m.group(3)) if m.group(3) else None)
            if d is not None and d > issued:
                due = d
                break
        if due is not None and due <= period.end:
            rule = DueRule(Frequency.ONCE, due=due)
        why, at = m.group(0), m.start()
    elif ANYTIME.search(text):
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=("a report without a date (随时, 及时): not a duty the format can state",),
        )
        return None
    else:
        return None
    if rule is None:
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(f"a due date that cannot be used: {why!r}",),
        )
        return None
    subject = re.sub(r"(?:于|在|要|须|应|必须|均)$", "", text[:at].split(",")[-1].strip())
    leads = bool(re.search(r"各(?:牵头|责任)(?:部门|单位)", subject))
    named: list[Department] = []
    todo: list[str] = ["name_en, recipient_en: English", "key: rename"]
    for raw in re.split(r"和|、|及|会同|与", subject):
        raw = raw.strip()
        if not raw or re.search(r"各(?:牵头|责任)", raw):
            continue
        if DEPT_NAME.match(raw):
            if not add_department(raw, state.departments, named):
                todo.append(f"department {raw!r} is not one the drafter recognises")
        else:
            todo.append(f"reporter {raw!r} is not a department the format can name")
    if not leads and not named:
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(f"a duty ({why}) without a reporter the drafter can read",),
        )
        return None
    recipient = RECIPIENT.search(text)
    what = WHAT_BEFORE.search(text) or WHAT_AFTER.search(text)
    name = what.group(1).strip() if what else TODO
    if what is None:
        todo.append("name_zh: what is to be reported")
    freq = rule.frequency.value
    counters[freq] = counters.get(freq, 0) + 1
    key = f"{freq}_{counters[freq]}"
    duty = ReportingObligation(
        key=key,
        name_zh=name,
        name_en=TODO,
        rule=rule,
        reporters=ReporterScope.LEAD_DEPARTMENTS if leads else ReporterScope.NAMED,
        departments=tuple(named),
        recipient_zh=recipient.group(1).strip() if recipient else None,
        recipient_en=TODO if recipient else None,
        clause_zh=sentence.text.strip(),
    )
    state.add(
        ReviewSubject.DUTY,
        key,
        sentence.span(),
        [
            ("rule", rule.describe()),
            ("reporters", duty.reporters.value),
            ("departments", "、".join(d.name_zh for d in named) or "-"),
            ("recipient", duty.recipient_zh or "-"),
            ("name_zh", name),
        ],
        (f"due date from {why!r}",),
        todo,
    )
    return duty
