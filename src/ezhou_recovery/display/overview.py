"""The plan overview: a programme as readable text (presentation only, no computation)."""

from __future__ import annotations

from datetime import date

from ezhou_recovery._core.text import departments_text, leader_text, table
from ezhou_recovery.display.text import deadlines_text
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.units import format_quantity

__all__ = ["render_overview"]


def _category_block(category: Category) -> str:
    departments = departments_text(category.lead_departments)
    if category.lead_departments:
        departments += f" ({departments_text(category.lead_departments, 'en')})"
    lines = [
        f"({category.number}) {category.name_zh}  {category.name_en}",
        f"    分管领导 Leader: {leader_text(category.leader)}",
        f"    牵头部门 Lead departments: {departments}",
    ]
    p = category.portfolio
    if p is None:
        lines.append("    项目 Portfolio: none stated")
    else:
        about = "约" if p.approximate else ""
        lines.append(
            f"    项目 Portfolio: {p.project_count}个项目, 估算总投资{about}"
            f"{format_quantity(p.total_investment)}, {p.first_year}年{format_quantity(p.first_year_investment)}"
        )
    if category.targets:
        rows = [
            [t.key.split(".", 1)[1], t.description_zh, t.describe_value(), t.deadline.isoformat()]
            for t in category.targets
        ]
        body = table(["target", "目标", "value", "deadline"], rows)
        lines.extend("    " + line for line in body.splitlines())
    return "\n".join(lines)


def render_overview(programme: Programme, *, as_of: date, upcoming: int = 12) -> str:
    """The overview printed by ``python -m ezhou_recovery``.

    Args:
        programme: The programme to show.
        as_of: Deadlines after this date are listed as upcoming.
        upcoming: How many upcoming deadlines to list at most.
    """
    head = [
        programme.title_zh,
        programme.title_en,
        f"{programme.document_number}  issued {programme.issued.isoformat()}"
        + (f", published {programme.published.isoformat()}" if programme.published else "")
        + f"  period {programme.period.start.isoformat()} to {programme.period.end.isoformat()}",
        "",
    ]
    blocks = [_category_block(c) for c in programme.categories]
    about_zh, about_en = (
        ("约", " (about: a sum with parts given as 约)")
        if programme.totals_approximate
        else ("", "")
    )
    totals = (
        f"合计 Totals (sums of the portfolios): {programme.project_count}个项目 projects, "
        f"估算总投资 {about_zh}{format_quantity(programme.total_investment)}{about_en}, "
        f"首年 first year {format_quantity(programme.first_year_investment)}; "
        f"{len(programme.targets)} targets"
    )
    after = [d for d in programme.deadlines() if d.due > as_of][:upcoming]
    if after:
        deadlines = f"Next deadlines after {as_of.isoformat()}:\n" + deadlines_text(after)
    else:
        deadlines = f"No deadlines after {as_of.isoformat()}."
    return "\n".join([*head, "\n\n".join(blocks), "", totals, "", deadlines])
