"""The attainment chart: progress against time progress, statuses coloured."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from pint import Quantity as PintQuantity

from ezhou_recovery.analysis.attainment import Assessment, Rollup, TargetResult
from ezhou_recovery.display.charts._style import (
    BAR_COLOUR,
    STATUS_COLOURS,
    STATUS_ORDER,
    TIME_COLOUR,
    Language,
    chart_style,
    chart_title,
    percent,
    pick,
    rollup_name,
    status_text,
    use_chinese,
)

__all__ = ["attainment_chart"]


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
    zh = use_chinese(lang)
    with chart_style(zh):
        if category is None:
            return _by_category(assessment, zh)
        return _by_target(assessment, assessment.category(category), zh)


def _by_category(assessment: Assessment, zh: bool) -> Figure:
    rollups = assessment.categories
    n = len(rollups)
    fig = Figure(figsize=(12, 1.4 + (0.45 if zh else 0.55) * n), layout="constrained")
    counts_ax, progress_ax = fig.subplots(1, 2, sharey=True, width_ratios=(1, 1))
    rows = list(range(n))[::-1]  # the programme's first category on top
    left = [0] * n
    for status in STATUS_ORDER:
        widths = [r.count(status) for r in rollups]
        bars = counts_ax.barh(
            rows,
            widths,
            left=left,
            color=STATUS_COLOURS[status],
            edgecolor="white",
            label=status_text(status, zh),
        )
        counts_ax.bar_label(
            bars,
            labels=[str(w) if w else "" for w in widths],
            label_type="center",
            fontsize=8,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    counts_ax.set_yticks(rows, labels=[rollup_name(r, zh) for r in rollups])
    counts_ax.set_xlabel(pick(zh, "targets by status", "各状态目标数"))
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
        color=BAR_COLOUR,
        height=0.6,
        label=pick(
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
        color=TIME_COLOUR,
        zorder=3,
        label=pick(zh, "mean time progress", "平均时间进度"),
    )
    for row, rollup, p, e in zip(rows, rollups, progress, expected, strict=True):
        if p is None or e is None:
            text = pick(zh, "no targets", "无目标")
        else:
            data = f"{rollup.reported}/{rollup.total}"
            text = (
                f"{percent(p)} / 时间{percent(e)}，有数据{data}"
                if zh
                else f"{percent(p)} / time {percent(e)}, data {data}"
            )
        progress_ax.text(1.03, row, text, va="center", fontsize=8)
    progress_ax.set_xlim(0, 1.35)
    progress_ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
    progress_ax.set_xlabel(pick(zh, "progress against time progress", "完成进度与时间进度"))
    progress_ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=2,
        frameon=False,
        fontsize=8,
        markerscale=0.5,
    )
    progress_ax.tick_params(axis="y", left=False)
    fig.suptitle(chart_title(assessment, zh, "Attainment by category", "各工程目标完成情况"))
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
        color=TIME_COLOUR,
        zorder=3,
    )
    for row, r in zip(rows, results, strict=True):
        text = status_text(r.status, zh)
        if r.progress is not None:
            text = f"{percent(r.progress)}  {text}"
        t = r.target
        if isinstance(r.value, PintQuantity) and t.value is not None:
            # The value and the goal in the unit the plan writes (40万千瓦 of 50万千瓦).
            lang = "zh" if zh else "en"
            text += f"  {t.format_value(r.value, lang)} / {t.format_value(t.value, lang)}"
        ax.text(1.03, row, text, va="center", fontsize=8)
    ax.set_yticks(rows, labels=[_target_name(r, zh) for r in results])
    ax.set_xlim(0, 1.4)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(pick(zh, "progress (bar) and time progress (|)", "完成进度（条）与时间进度（|）"))
    present = [s for s in STATUS_ORDER if any(r.status is s for r in results)]
    handles: list[Patch | Line2D] = [
        Patch(color=STATUS_COLOURS[s], label=status_text(s, zh)) for s in present
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="|",
            linestyle="none",
            markersize=12,
            markeredgewidth=2,
            color=TIME_COLOUR,
            label=pick(zh, "time progress", "时间进度"),
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
        chart_title(
            assessment,
            zh,
            f"Targets of {rollup.name_en}",
            f"{rollup.name_zh}目标完成情况",
        )
    )
    return fig
