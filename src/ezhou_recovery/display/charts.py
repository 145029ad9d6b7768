"""Charts of assessment and compliance results, with matplotlib (the ``charts`` extra).

Each function takes results (:class:`~ezhou_recovery.Assessment`,
:class:`~ezhou_recovery.Compliance`) and returns a :class:`matplotlib.figure.Figure`; it draws
what the computation found and computes nothing of its own. Save a figure with
``fig.savefig("chart.png")``; in Jupyter it displays as the cell's value.

Chinese labels need a font with CJK glyphs: the first family of :data:`CJK_FAMILIES` installed on
the machine, else the subset of WenQuanYi Micro Hei that ships inside the package (GB2312 and every
character of the embedded plan; Apache-2.0, see ``data/fonts/``). Only if no font can be loaded do the
charts fall back to English labels with a :class:`ChartFontWarning`, rather than drawing empty boxes. This module is not imported by ``import ezhou_recovery``; import it as
``from ezhou_recovery.display import charts``.
"""

from __future__ import annotations

import functools
import textwrap
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Final, Literal

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from pint import Quantity as _PintQuantity

from ezhou_recovery.analysis.attainment import (
    Assessment,
    Rollup,
    Status,
    TargetResult,
    percent_text,
)
from ezhou_recovery.analysis.compliance import Compliance, ReportStatus
from ezhou_recovery.units import Quantity

__all__ = [
    "CJK_FAMILIES",
    "REPORT_COLOURS",
    "STATUS_COLOURS",
    "ChartFontWarning",
    "Language",
    "attainment_chart",
    "cjk_font",
    "cjk_font_file",
    "deadline_calendar",
    "investment_chart",
    "shipped_font_file",
]

#: Font families with CJK glyphs, in order of preference (the first installed one is used).
CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK JP",
    "AR PL UMing CN",
)
_SHIPPED_FONT: Final = "WenQuanYiMicroHei-subset.ttf"
#: Characters a font must have to be chosen (common ones of the plan's names and the labels).
_PROBE: Final = "鄂州市十大工程按时逾期未报送进度正常存在风险已达成无数据投资完成率时间"

#: ``"zh"``: Chinese labels; ``"en"``: English labels; ``"auto"``: Chinese when a CJK font is
#: installed, else English with a :class:`ChartFontWarning`.
Language = Literal["auto", "zh", "en"]

#: Colour of each attainment status.
STATUS_COLOURS: Final = {
    Status.ATTAINED: "#1b7837",
    Status.ON_TRACK: "#7fbf7b",
    Status.AT_RISK: "#f1a340",
    Status.OFF_TRACK: "#d6604d",
    Status.MISSED: "#8e0152",
    Status.NO_DATA: "#d9d9d9",
    Status.OVERDUE: "#542788",
}
#: Colour of each report status.
REPORT_COLOURS: Final = {
    ReportStatus.ON_TIME: "#1b7837",
    ReportStatus.LATE: "#f1a340",
    ReportStatus.MISSING: "#b2182b",
    ReportStatus.NOT_YET_DUE: "#969696",
}
_STATUS_ORDER: Final = (
    Status.ATTAINED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.MISSED,
    Status.OVERDUE,
    Status.NO_DATA,
)
_REPORT_LABELS: Final = {
    ReportStatus.ON_TIME: ("on time", "按时报送"),
    ReportStatus.LATE: ("late", "逾期报送"),
    ReportStatus.MISSING: ("missing", "未报送"),
    ReportStatus.NOT_YET_DUE: ("not yet due", "未到期"),
}
_REPORT_MARKERS: Final = {
    ReportStatus.ON_TIME: "o",
    ReportStatus.LATE: "s",
    ReportStatus.MISSING: "X",
    ReportStatus.NOT_YET_DUE: "o",
}
_TIME_COLOUR: Final = "#252525"
_BAR_COLOUR: Final = "#4393c3"


class ChartFontWarning(UserWarning):
    """No installed font has Chinese glyphs; the chart is drawn with English labels."""


# Fonts ------------------------------------------------------------------------------------------


def _covers(path: str, text: str) -> bool:
    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in set(text))


def _regular_file(family: str) -> str | None:
    """The file of ``family``'s regular face (a family such as Noto Sans CJK has one file per
    weight, listed in no fixed order); None when the family is not known."""
    entries = [e for e in font_manager.fontManager.ttflist if e.name == family]
    if not entries:
        return None

    def weight(entry: font_manager.FontEntry) -> int:
        w = entry.weight
        if isinstance(w, int):
            return w
        return 400 if str(w).lower() in ("normal", "regular", "book") else 700

    entries.sort(key=lambda e: (e.style != "normal", abs(weight(e) - 400), e.fname))
    return str(entries[0].fname)


def _installed_cjk() -> str | None:
    for family in CJK_FAMILIES:
        path = _regular_file(family)
        if path is not None and _covers(path, _PROBE):
            return family
    return None


@functools.cache
def cjk_font() -> str | None:
    """The family name of the CJK font the charts use, or None when none is installed.

    Fonts installed after matplotlib cached its font list are picked up: when no family of
    :data:`CJK_FAMILIES` is known, the system's font files not yet in the list are added to it;
    when the system has none, the font shipped with the package (:func:`shipped_font_file`) is.
    The result is cached; ``cjk_font.cache_clear()`` looks again.
    """
    found = _installed_cjk()
    if found is None:
        manager = font_manager.fontManager
        known = {entry.fname for entry in manager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = _installed_cjk()
    if found is None:
        try:
            font_manager.fontManager.addfont(shipped_font_file())
        except (OSError, RuntimeError, ValueError):  # pragma: no cover - a damaged installation
            return None
        found = _installed_cjk()
    return found


def shipped_font_file() -> str:
    """The CJK font that ships with the package (a subset of WenQuanYi Micro Hei)."""
    return str(resources.files("ezhou_recovery").joinpath("data", "fonts", _SHIPPED_FONT))


def cjk_font_file() -> str | None:
    """The file of the CJK font the charts use, or None when none is installed."""
    family = cjk_font()
    return None if family is None else _regular_file(family)


def _chinese(lang: Language) -> bool:
    if lang not in ("auto", "zh", "en"):
        raise ValueError(f"lang must be 'auto', 'zh' or 'en', not {lang!r}")
    if lang == "en":
        return False
    if cjk_font() is None:
        warnings.warn(
            "no font with Chinese glyphs could be loaded (neither an installed one such as "
            "fonts-wqy-microhei nor the one shipped in ezhou_recovery/data/fonts); "
            "drawing English labels",
            ChartFontWarning,
            stacklevel=3,
        )
        return False
    return True


@contextmanager
def _style(zh: bool) -> Iterator[None]:
    # The CJK font first, DejaVu Sans (matplotlib's own) after it for any glyph it lacks.
    families = [cjk_font() or "DejaVu Sans", "DejaVu Sans"] if zh else ["DejaVu Sans"]
    # Concrete family names, not the generic "sans-serif": text keeps the families it was made
    # with, whereas a generic name would be looked up again in the rcParams of drawing time.
    with mpl.rc_context(
        {
            "font.family": families,
            "axes.unicode_minus": False,
            "font.size": 9,
            "axes.titlesize": 11,
        }
    ):
        yield


def _pick(zh: bool, en_text: str, zh_text: str) -> str:
    return zh_text if zh else en_text


def _wrap(text: str, width: int = 32) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _percent(value: float) -> str:
    return percent_text(value)


# Attainment -------------------------------------------------------------------------------------


def attainment_chart(
    assessment: Assessment, *, category: str | None = None, lang: Language = "auto"
) -> Figure:
    """Progress against time progress, with statuses coloured.

    Without ``category``: one row per category, with its targets counted by status (left) and
    its mean progress beside its mean time progress (right; over the targets with data). With
    ``category``: one row per target of that category, its progress (capped at 100%) coloured by
    status, with its time progress marked.

    Raises:
        KeyError: No such category.
        ValueError: ``lang`` is not ``auto``, ``zh`` or ``en``.
    """
    zh = _chinese(lang)
    with _style(zh):
        if category is None:
            return _by_category(assessment, zh)
        return _by_target(assessment, assessment.category(category), zh)


def _status_label(status: Status, zh: bool) -> str:
    return _pick(zh, status.label_en, status.label_zh)


def _rollup_name(rollup: Rollup, zh: bool) -> str:
    return rollup.name_zh if zh else _wrap(rollup.name_en)


def _title(assessment: Assessment, zh: bool, what_en: str, what_zh: str) -> str:
    name = assessment.overall.name_zh if zh else assessment.overall.name_en
    when = assessment.as_of.isoformat()
    head = f"{what_zh}（截至{when}）" if zh else f"{what_en} as of {when}"
    return f"{_wrap(name, 40 if zh else 80)}\n{head}"


def _by_category(assessment: Assessment, zh: bool) -> Figure:
    rollups = assessment.categories
    n = len(rollups)
    fig = Figure(figsize=(12, 1.4 + (0.45 if zh else 0.55) * n), layout="constrained")
    counts_ax, progress_ax = fig.subplots(1, 2, sharey=True, width_ratios=(1, 1))
    rows = list(range(n))[::-1]  # the programme's first category on top
    left = [0] * n
    for status in _STATUS_ORDER:
        widths = [r.count(status) for r in rollups]
        bars = counts_ax.barh(
            rows,
            widths,
            left=left,
            color=STATUS_COLOURS[status],
            edgecolor="white",
            label=_status_label(status, zh),
        )
        counts_ax.bar_label(
            bars,
            labels=[str(w) if w else "" for w in widths],
            label_type="center",
            fontsize=8,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    counts_ax.set_yticks(rows, labels=[_rollup_name(r, zh) for r in rollups])
    counts_ax.set_xlabel(_pick(zh, "targets by status", "各状态目标数"))
    counts_ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        frameon=False,
        fontsize=8,
    )

    progress = [r.mean_progress for r in rollups]
    expected = [r.mean_expected_progress for r in rollups]
    progress_ax.barh(
        rows,
        [0.0 if p is None else p for p in progress],
        color=_BAR_COLOUR,
        height=0.6,
        label=_pick(
            zh,
            "mean progress (each 0 to 100%, no data as 0)",
            "平均完成进度（单项计0至100%，无数据计0）",
        ),
    )
    progress_ax.scatter(
        [e for e in expected if e is not None],
        [row for row, e in zip(rows, expected, strict=True) if e is not None],
        marker="|",
        s=400,
        linewidths=2.5,
        color=_TIME_COLOUR,
        zorder=3,
        label=_pick(zh, "mean time progress", "平均时间进度"),
    )
    for row, rollup, p, e in zip(rows, rollups, progress, expected, strict=True):
        if p is None or e is None:
            text = _pick(zh, "no targets", "无目标")
        else:
            data = f"{rollup.reported}/{rollup.total}"
            text = (
                f"{_percent(p)} / 时间{_percent(e)}，有数据{data}"
                if zh
                else f"{_percent(p)} / time {_percent(e)}, data {data}"
            )
        progress_ax.text(1.03, row, text, va="center", fontsize=8)
    progress_ax.set_xlim(0, 1.35)
    progress_ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
    progress_ax.set_xlabel(_pick(zh, "progress against time progress", "完成进度与时间进度"))
    progress_ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=2,
        frameon=False,
        fontsize=8,
        markerscale=0.5,
    )
    progress_ax.tick_params(axis="y", left=False)
    fig.suptitle(_title(assessment, zh, "Attainment by category", "各工程目标完成情况"))
    return fig


def _target_name(result: TargetResult, zh: bool) -> str:
    if zh:
        text = result.target.description_zh
        return text if len(text) <= 18 else text[:17] + "…"
    return result.key.split(".", 1)[-1].replace("_", " ")


def _by_target(assessment: Assessment, rollup: Rollup, zh: bool) -> Figure:
    by_key = {r.key: r for r in rollup.results}
    results = [by_key[r.key] for r in assessment.results if r.key in by_key]  # plan order
    n = len(results)
    fig = Figure(figsize=(10, 1.6 + 0.32 * max(n, 1)), layout="constrained")
    ax = fig.subplots()
    rows = list(range(n))[::-1]
    ax.barh(
        rows,
        [r.capped_progress or 0.0 for r in results],
        color=[STATUS_COLOURS[r.status] for r in results],
        height=0.65,
    )
    ax.scatter(
        [r.expected_progress for r in results],
        rows,
        marker="|",
        s=180,
        linewidths=2,
        color=_TIME_COLOUR,
        zorder=3,
    )
    for row, r in zip(rows, results, strict=True):
        text = _status_label(r.status, zh)
        if r.progress is not None:
            text = f"{_percent(r.progress)}  {text}"
        t = r.target
        if isinstance(r.value, _PintQuantity) and t.value is not None:
            # The value and the goal in the unit the plan writes (40万千瓦 of 50万千瓦).
            lang = "zh" if zh else "en"
            text += f"  {t.format_value(r.value, lang)} / {t.format_value(t.value, lang)}"
        ax.text(1.03, row, text, va="center", fontsize=8)
    ax.set_yticks(rows, labels=[_target_name(r, zh) for r in results])
    ax.set_xlim(0, 1.4)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(
        _pick(zh, "progress (bar) and time progress (|)", "完成进度（条）与时间进度（|）")
    )
    present = [s for s in _STATUS_ORDER if any(r.status is s for r in results)]
    handles: list[Patch | Line2D] = [
        Patch(color=STATUS_COLOURS[s], label=_status_label(s, zh)) for s in present
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="|",
            linestyle="none",
            markersize=12,
            markeredgewidth=2,
            color=_TIME_COLOUR,
            label=_pick(zh, "time progress", "时间进度"),
        )
    )
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=min(len(handles), 4),
        frameon=False,
        fontsize=8,
    )
    fig.suptitle(
        _title(
            assessment,
            zh,
            f"Targets of {rollup.name_en}",
            f"{rollup.name_zh}目标完成情况",
        )
    )
    return fig


# Investment -------------------------------------------------------------------------------------


def investment_chart(assessment: Assessment, *, lang: Language = "auto") -> Figure:
    """Investment completion against time progress, per category and for the programme.

    Left: investment completed from the programme start as a share of the estimated total
    (累计投资完成率) beside the share of the programme period elapsed. Right: the same for the
    first year's plan, when the programme has one. Categories without a report are labelled
    "no report".

    Raises:
        ValueError: ``lang`` is not ``auto``, ``zh`` or ``en``.
    """
    zh = _chinese(lang)
    names = {r.key: r for r in assessment.categories}
    money = [m for m in assessment.money if m.subject in names]
    money.append(assessment.money_total)
    labels = [
        _rollup_name(names[m.subject], zh)
        if m.subject in names
        else _pick(zh, "Programme total", "全部工程合计")
        for m in money
    ]
    first_year = assessment.money_total.first_year is not None or any(
        m.first_year is not None for m in money
    )
    with _style(zh):
        n = len(money)
        fig = Figure(figsize=(12 if first_year else 7, 1.4 + 0.45 * n), layout="constrained")
        axes: Sequence[Axes] = fig.subplots(1, 2, sharey=True) if first_year else [fig.subplots()]
        rows = list(range(n))[::-1]
        panels: list[_Panel] = [
            (
                [m.completion_rate for m in money],
                [m.time_progress for m in money],
                [m.gap_pp for m in money],
                [(m.completed, m.planned_total) for m in money],
                _pick(
                    zh,
                    "cumulative completion (of estimated total)",
                    "累计投资完成率（占估算总投资）",
                ),
                _pick(zh, "time progress of the programme", "工程期时间进度"),
            )
        ]
        if first_year:
            panels.append(
                (
                    [m.first_year_rate for m in money],
                    [m.first_year_time_progress for m in money],
                    [m.first_year_gap_pp for m in money],
                    [(m.completed_first_year, m.planned_first_year) for m in money],
                    _pick(
                        zh,
                        "first-year completion (of first-year plan)",
                        "首年投资完成率（占首年计划）",
                    ),
                    _pick(zh, "time progress of the first year", "首年时间进度"),
                )
            )
        for ax, (rates, times, gaps, amounts, title, time_label) in zip(axes, panels, strict=False):
            shown = [float(r) if r is not None else 0.0 for r in rates]
            colours = [
                _BAR_COLOUR if g is None or g >= 0 else STATUS_COLOURS[Status.AT_RISK] for g in gaps
            ]
            ax.barh(rows, [min(s, 1.25) for s in shown], color=colours, height=0.6)
            known = [(row, float(t)) for row, t in zip(rows, times, strict=True) if t is not None]
            ax.scatter(
                [t for _, t in known],
                [row for row, _ in known],
                marker="|",
                s=400,
                linewidths=2.5,
                color=_TIME_COLOUR,
                zorder=3,
                label=time_label,
            )
            for row, rate, (done, planned) in zip(rows, rates, amounts, strict=True):
                if rate is None and done is not None:  # reported, but the plan states no total
                    text = _pick(
                        zh,
                        f"{_amount(done.magnitude)} reported, no planned total",
                        f"已报{_amount(done.magnitude)}，方案未列总投资",
                    )
                elif rate is None:
                    text = _pick(zh, "no report", "未报送数据")
                else:
                    assert done is not None
                    assert planned is not None
                    text = (
                        f"{_percent(float(rate))}  "
                        f"{_amount(done.magnitude)} / {_amount(planned.magnitude)}"
                    )
                    total = assessment.money_total
                    if (
                        row == 0
                        and total.reported_total is not None
                        and total.reported_total != done
                    ):
                        text += _pick(
                            zh,
                            f"; {_amount(total.reported_total.magnitude)} reported in all",
                            f"；全部已报{_amount(total.reported_total.magnitude)}",
                        )
                ax.text(1.3, row, text, va="center", fontsize=8)
            ax.set_xlim(0, 1.9)
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
            ax.set_xlabel(
                f"{title}\n{_pick(zh, 'amounts: completed / planned, 100 million yuan', '金额：完成/计划，亿元')}"
            )
            handles, _ = ax.get_legend_handles_labels()
            ax.legend(
                handles=[
                    *handles,
                    Patch(
                        color=_BAR_COLOUR, label=_pick(zh, "at or ahead of time", "不低于时间进度")
                    ),
                    Patch(
                        color=STATUS_COLOURS[Status.AT_RISK],
                        label=_pick(zh, "behind time", "低于时间进度"),
                    ),
                ],
                loc="lower center",
                bbox_to_anchor=(0.5, 1.0),
                ncols=2,
                frameon=False,
                fontsize=8,
                markerscale=0.5,
            )
        axes[0].set_yticks(rows, labels=labels)
        if first_year:
            axes[1].tick_params(axis="y", left=False)
        fig.suptitle(_title(assessment, zh, "Investment completion", "投资完成情况"))
    return fig


_Panel = tuple[
    list[Decimal | None],
    list[Decimal | None],
    list[Decimal | None],
    list[tuple[Quantity | None, Quantity | None]],
    str,
    str,
]


def _amount(value: Decimal) -> str:
    # Magnitudes in 亿元 are exact Decimals; one decimal place, as the plan prints them.
    return f"{value:,.1f}"


# Compliance -------------------------------------------------------------------------------------


def deadline_calendar(compliance: Compliance, *, lang: Language = "auto") -> Figure:
    """Reporting deadlines over time, one row per department, coloured on time / late / missing /
    not yet due.

    Each deadline is a mark at its last on-time day; several deadlines of a department on one day
    (one per category it reports on) stand one above another. A late report has a line from its
    last on-time day to the day it arrived. The dashed line is the status date.

    Raises:
        ValueError: ``lang`` is not ``auto``, ``zh`` or ``en``.
    """
    zh = _chinese(lang)
    departments = [
        d for d, tally in compliance.by_department if tally.expected or tally.not_yet_due
    ]
    with _style(zh):
        n = len(departments)
        fig = Figure(figsize=(12, 1.6 + 0.55 * max(n, 1)), layout="constrained")
        ax = fig.subplots()
        row_of = {d.key: row for row, d in zip(range(n - 1, -1, -1), departments, strict=True)}
        groups: dict[tuple[str, date], list[ReportStatus]] = {}
        points: dict[ReportStatus, tuple[list[date], list[float]]] = {
            s: ([], []) for s in ReportStatus
        }
        for st in compliance.statuses:
            key = (st.deadline.department.key, st.last_day)
            group = groups.setdefault(key, [])
            group.append(st.status)
        placed: dict[tuple[str, date], int] = {}
        for st in compliance.statuses:
            key = (st.deadline.department.key, st.last_day)
            size = len(groups[key])
            index = placed.get(key, 0)
            placed[key] = index + 1
            offset = 0.0 if size == 1 else -0.3 + 0.6 * index / (size - 1)
            y = row_of[st.deadline.department.key] + offset
            xs, ys = points[st.status]
            xs.append(st.last_day)
            ys.append(y)
            if st.status is ReportStatus.LATE and st.received is not None:
                ax.plot(
                    [st.last_day, st.received],  # type: ignore[arg-type]  # dates work here
                    [y, y],
                    color=REPORT_COLOURS[ReportStatus.LATE],
                    linewidth=1.5,
                )
        tally = compliance.programme
        count = {
            ReportStatus.ON_TIME: tally.on_time,
            ReportStatus.LATE: tally.late,
            ReportStatus.MISSING: tally.missing,
            ReportStatus.NOT_YET_DUE: tally.not_yet_due,
        }
        for status in ReportStatus:
            xs, ys = points[status]
            en_label, zh_label = _REPORT_LABELS[status]
            hollow = status is ReportStatus.NOT_YET_DUE
            ax.scatter(
                xs,  # type: ignore[arg-type]  # matplotlib takes dates here
                ys,
                marker=_REPORT_MARKERS[status],
                s=36,
                facecolors="none" if hollow else REPORT_COLOURS[status],
                edgecolors=REPORT_COLOURS[status],
                linewidths=1.2,
                zorder=3,
                label=f"{_pick(zh, en_label, zh_label)} ({count[status]})",
            )
        ax.axvline(
            compliance.as_of,  # type: ignore[arg-type]  # matplotlib takes dates here
            color=_TIME_COLOUR,
            linestyle="--",
            linewidth=1,
            label=_pick(zh, f"status date {compliance.as_of}", f"统计日期 {compliance.as_of}"),
        )
        ax.set_yticks(
            [row_of[d.key] for d in departments],
            labels=[d.name_zh if zh else _wrap(d.name_en, 36) for d in departments],
        )
        ax.set_ylim(-0.6, n - 0.4)
        ax.grid(axis="x", color="#eeeeee")
        ax.set_axisbelow(True)
        ax.set_xlabel(_pick(zh, "last on-time day", "报送截止日"))
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=5, frameon=False)
        rate = tally.on_time_rate
        summary = (
            f"{_percent(float(rate))} on time of {tally.expected} due"
            if rate is not None and not zh
            else f"按时报送率{_percent(float(rate))}（应报{tally.expected}）"
            if rate is not None
            else ""
        )
        head = _pick(zh, "Reporting deadlines", "报送节点")
        fig.suptitle(f"{head}: {summary}" if summary else head)
    return fig
