"""The bulletin's sections and the sentences and tables that fill them, shared by every rendering.

Presentation only: every figure is read from the :class:`~ezhou_recovery.bulletins.contents.Bulletin`,
every word from the label table (:mod:`ezhou_recovery.display.labels`). The renderings are
:mod:`ezhou_recovery.bulletins.html` (one self-contained page), :mod:`ezhou_recovery.bulletins.markdown`
and :mod:`ezhou_recovery.bulletins.docx` (Word); all three follow :func:`outline`, the list of
sections, and set the same sentences and :class:`Table` rows, each escaping text in its own way.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
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

__all__ = ["STATUS_SYMBOL", "Section", "Table", "outline"]

#: A symbol per status, so that status reads without colour (every rendering shows it).
STATUS_SYMBOL: Final[dict[str, str]] = {
    "attained": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "▼",
    "missed": "✖",
    "overdue": "⊘",
    "no_data": "○",
}


@attrs.frozen
class Section:
    """A heading of the bulletin: its level (1 or 2), its anchor and its title."""

    level: int
    anchor: str
    title: str


def title_text(b: Bulletin, lang: Lang) -> str:
    """The bulletin's title, in the language asked for."""
    return label("bulletin_title", lang, programme=b.title_zh if lang == "zh" else b.title_en)


def quarter_text(p: Period, lang: Lang) -> str:
    """A quarter as people name it: ``2021年第2季度``."""
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
    return f"{STATUS_SYMBOL.get(s.value, '■')} {s.label_zh if lang == 'zh' else s.label_en}"


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


def headline_counts_line(b: Bulletin, lang: Lang) -> str:
    """The whole programme's targets by status and its coverage (:func:`counts_line`)."""
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


def leader_text(c: CategorySection, lang: Lang) -> str:
    """The category's leading city official, or 未明确 where the plan names none."""
    if c.leader is None:
        return label("unassigned", lang)
    return _name(c.leader.name_zh, c.leader.name_en, lang)


def departments_text(c: CategorySection, lang: Lang) -> str:
    """The category's lead departments joined by 、 (or 未明确 where the plan names none)."""
    if not c.departments:
        return label("unassigned", lang)
    return ("、" if lang == "zh" else ", ").join(
        _name(d.name_zh, d.name_en, lang) for d in c.departments
    )


def leaders_line(c: CategorySection, lang: Lang) -> str:
    """``牵头市领导：…；牵头部门：…`` (or 未明确 where the plan names none)."""
    if lang == "zh":
        return (
            f"{label('leader', lang)}：{leader_text(c, lang)}；"
            f"{label('lead_departments', lang)}：{departments_text(c, lang)}"
        )
    return (
        f"{label('leader', lang)}: {leader_text(c, lang)}; "
        f"{label('lead_departments', lang)}: {departments_text(c, lang)}"
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
    return f"{quarter_text(b.quarter, lang)} · {label('as_of', lang, date=b.as_of.isoformat())}"
