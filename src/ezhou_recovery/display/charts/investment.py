"""The investment chart: investment completed against time progress."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ezhou_recovery.analysis.attainment import Assessment, Status
from ezhou_recovery.display.charts._style import (
    BAR_COLOUR,
    STATUS_COLOURS,
    TIME_COLOUR,
    Language,
    chart_style,
    chart_title,
    percent,
    pick,
    rollup_name,
    use_chinese,
)
from ezhou_recovery.units import Quantity

__all__ = ["investment_chart"]


def investment_chart(assessment: Assessment, *, lang: Language = "auto") -> Figure:
    """Investment completion against time progress, per category and for the programme.

    Left: investment completed from the programme start as a share of the estimated total
    (累计投资完成率) beside the share of the programme period elapsed. Right: the same for the
    first year's plan, when the programme has one. Categories without a report are labelled
    "no report".

    Raises:
        ValueError: ``lang`` is not ``auto``, ``zh`` or ``en``.
    """
    zh = use_chinese(lang)
    names = {r.key: r for r in assessment.categories}
    money = [m for m in assessment.money if m.subject in names]
    money.append(assessment.money_total)
    labels = [
        rollup_name(names[m.subject], zh)
        if m.subject in names
        else pick(zh, "Programme total", "全部工程合计")
        for m in money
    ]
    first_year = assessment.money_total.first_year is not None or any(
        m.first_year is not None for m in money
    )
    with chart_style(zh):
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
                pick(
                    zh,
                    "cumulative completion (of estimated total)",
                    "累计投资完成率（占估算总投资）",
                ),
                pick(zh, "time progress of the programme", "工程期时间进度"),
            )
        ]
        if first_year:
            panels.append(
                (
                    [m.first_year_rate for m in money],
                    [m.first_year_time_progress for m in money],
                    [m.first_year_gap_pp for m in money],
                    [(m.completed_first_year, m.planned_first_year) for m in money],
                    pick(
                        zh,
                        "first-year completion (of first-year plan)",
                        "首年投资完成率（占首年计划）",
                    ),
                    pick(zh, "time progress of the first year", "首年时间进度"),
                )
            )
        for ax, (rates, times, gaps, amounts, title, time_label) in zip(axes, panels, strict=False):
            shown = [float(r) if r is not None else 0.0 for r in rates]
            colours = [
                BAR_COLOUR if g is None or g >= 0 else STATUS_COLOURS[Status.AT_RISK] for g in gaps
            ]
            ax.barh(rows, [min(s, 1.25) for s in shown], color=colours, height=0.6)
            known = [(row, float(t)) for row, t in zip(rows, times, strict=True) if t is not None]
            ax.scatter(
                [t for _, t in known],
                [row for row, _ in known],
                marker="|",
                s=400,
                linewidths=2.5,
                color=TIME_COLOUR,
                zorder=3,
                label=time_label,
            )
            for row, rate, (done, planned) in zip(rows, rates, amounts, strict=True):
                if rate is None and done is not None:  # reported, but the plan states no total
                    text = pick(
                        zh,
                        f"{_amount(done.magnitude)} reported, no planned total",
                        f"已报{_amount(done.magnitude)}，方案未列总投资",
                    )
                elif rate is None:
                    text = pick(zh, "no report", "未报送数据")
                else:
                    assert done is not None
                    assert planned is not None
                    text = (
                        f"{percent(float(rate))}  "
                        f"{_amount(done.magnitude)} / {_amount(planned.magnitude)}"
                    )
                    total = assessment.money_total
                    if (
                        row == 0
                        and total.reported_total is not None
                        and total.reported_total != done
                    ):
                        text += pick(
                            zh,
                            f"; {_amount(total.reported_total.magnitude)} reported in all",
                            f"；全部已报{_amount(total.reported_total.magnitude)}",
                        )
                ax.text(1.3, row, text, va="center", fontsize=8)
            ax.set_xlim(0, 1.9)
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0", "25%", "50%", "75%", "100%"])
            ax.set_xlabel(
                f"{title}\n{pick(zh, 'amounts: completed / planned, 100 million yuan', '金额：完成/计划，亿元')}"
            )
            handles, _ = ax.get_legend_handles_labels()
            ax.legend(
                handles=[
                    *handles,
                    Patch(
                        color=BAR_COLOUR, label=pick(zh, "at or ahead of time", "不低于时间进度")
                    ),
                    Patch(
                        color=STATUS_COLOURS[Status.AT_RISK],
                        label=pick(zh, "behind time", "低于时间进度"),
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
        fig.suptitle(chart_title(assessment, zh, "Investment completion", "投资完成情况"))
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
