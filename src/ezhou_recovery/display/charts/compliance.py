"""The deadline calendar: reporting deadlines over time, coloured by report status."""

from __future__ import annotations

from datetime import date

from matplotlib.figure import Figure

from ezhou_recovery.analysis.compliance import Compliance, ReportStatus
from ezhou_recovery.display.charts._style import (
    REPORT_COLOURS,
    REPORT_MARKERS,
    TIME_COLOUR,
    Language,
    chart_style,
    percent,
    pick,
    use_chinese,
    wrap,
)
from ezhou_recovery.display.labels import report_status_label

__all__ = ["deadline_calendar"]


def deadline_calendar(compliance: Compliance, *, lang: Language = "auto") -> Figure:
    """Reporting deadlines over time, one row per department, coloured on time / late / missing /
    not yet due.

    Each deadline is a mark at its last on-time day; several deadlines of a department on one day
    (one per category it reports on) stand one above another. A late report has a line from its
    last on-time day to the day it arrived. The dashed line is the status date.

    Raises:
        ValueError: ``lang`` is not ``auto``, ``zh`` or ``en``.
    """
    zh = use_chinese(lang)
    departments = [
        d for d, tally in compliance.by_department if tally.expected or tally.not_yet_due
    ]
    with chart_style(zh):
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
            hollow = status is ReportStatus.NOT_YET_DUE
            ax.scatter(
                xs,  # type: ignore[arg-type]  # matplotlib takes dates here
                ys,
                marker=REPORT_MARKERS[status],
                s=36,
                facecolors="none" if hollow else REPORT_COLOURS[status],
                edgecolors=REPORT_COLOURS[status],
                linewidths=1.2,
                zorder=3,
                label=f"{report_status_label(status, 'zh' if zh else 'en')} ({count[status]})",
            )
        ax.axvline(
            compliance.as_of,  # type: ignore[arg-type]  # matplotlib takes dates here
            color=TIME_COLOUR,
            linestyle="--",
            linewidth=1,
            label=pick(zh, f"status date {compliance.as_of}", f"统计日期 {compliance.as_of}"),
        )
        ax.set_yticks(
            [row_of[d.key] for d in departments],
            labels=[d.name_zh if zh else wrap(d.name_en, 36) for d in departments],
        )
        ax.set_ylim(-0.6, n - 0.4)
        ax.grid(axis="x", color="#eeeeee")
        ax.set_axisbelow(True)
        ax.set_xlabel(pick(zh, "last on-time day", "报送截止日"))
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=5, frameon=False)
        rate = tally.on_time_rate
        summary = (
            f"{percent(float(rate))} on time of {tally.expected} due"
            if rate is not None and not zh
            else f"按时报送率{percent(float(rate))}（应报{tally.expected}）"
            if rate is not None
            else ""
        )
        head = pick(zh, "Reporting deadlines", "报送节点")
        fig.suptitle(f"{head}: {summary}" if summary else head)
    return fig
