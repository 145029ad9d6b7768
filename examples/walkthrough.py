# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Walkthrough: the Ezhou plan, its progress and its reports
#
# This notebook loads the embedded Ezhou "Ten Major Projects" plan (鄂州市“十大工程”实施方案),
# assesses the example progress dataset, checks reporting compliance against the example
# submissions, and draws the charts. **The progress, investment and submission figures in
# `examples/` are invented for illustration; they are not reported data.**
#
# It is a [jupytext](https://jupytext.readthedocs.io) "percent" script: open it in Jupyter as a
# notebook, or run it as a plain script (`python examples/walkthrough.py`). The charts are saved
# as PNG files into the folder named by the environment variable `EZHOU_WALKTHROUGH_OUT`, or a new
# temporary folder. It needs the `charts` extra (`pip install ".[charts]"`); Chinese labels use an
# installed CJK font if there is one, else the font that ships with the package.

# %%
import datetime as dt
import os
import tempfile
from pathlib import Path

import ezhou_recovery as er
from ezhou_recovery.analysis.attainment import percent_text

# The example files sit next to this script (in Jupyter: run it from the examples folder).
HERE = Path(__file__).parent if "__file__" in globals() else Path.cwd()
OUT = Path(os.environ.get("EZHOU_WALKTHROUGH_OUT") or tempfile.mkdtemp(prefix="ezhou-charts-"))
OUT.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## 1. The plan
#
# The plan ships with the library: ten categories (工程), each with a leading official (分管领导),
# lead departments (牵头部门), targets with units and an investment portfolio in 亿元. The total is
# this library's sum of the portfolios, not a figure of the plan; two portfolios are given as 约
# (about), so the total is about 2124.81亿元.

# %%
plan = er.load_ezhou_plan()
print(plan.title_zh)
print(f"{len(plan.categories)} categories, {len(plan.targets)} targets, ", end="")
print(f"{len(plan.deadlines())} reporting deadlines, total investment ", end="")
print(("about " if plan.totals_approximate else "") + er.format_quantity(plan.total_investment))
for c in plan.categories:
    money = er.format_quantity(c.portfolio.total_investment) if c.portfolio else "-"
    print(f"  {c.key:<18} {len(c.targets):>3} targets {money:>10}  {c.leader.name_zh}  {c.name_zh}")

# %% [markdown]
# ## 2. Attainment as of 30 June 2021
#
# `er.assess` compares each target's latest reported value with its time progress (the share of
# its time elapsed) and gives it a status; roll-ups count statuses per category, show how many
# targets have data at all (coverage), and name the worst status with its count. A target without
# data counts as 0 in the headline mean. Investment completion is set against the time progress of
# the programme period. Percentages are rounded down: they never read better than they are.

# %%
AS_OF = dt.date(2021, 6, 30)
assessment = er.assess(
    plan,
    er.load_observations(HERE / "ezhou_progress.csv", plan),
    as_of=AS_OF,
    investment=er.load_investment_reports(HERE / "ezhou_investment.csv", plan),
)
counts = assessment.overall.counts
print(", ".join(f"{status.label_zh} {status.label_en}: {n}" for status, n in counts.items()))
overall = assessment.overall
print(
    f"Data for {overall.reported} of {overall.total} targets; mean progress "
    f"{percent_text(overall.mean_progress or 0)} (over the reported only: "
    f"{percent_text(overall.mean_progress_reported or 0)}); worst: "
    f"{overall.overall_status_text}"
)
print("\nWorst first:")
for r in assessment.overall.worst[:5]:
    print(f"  {r.status.label_en:<10} {r.key}: {r.reason_zh}")

# %%
transport = assessment.money_for("transport")
print(
    f"Transport: {er.format_quantity(transport.completed)} of "
    f"{er.format_quantity(transport.planned_total)} completed "
    f"({percent_text(transport.completion_rate or 0)}), time progress "
    f"{percent_text(transport.time_progress)}, gap {transport.gap_pp:.1f} percentage points"
)

# %% [markdown]
# ## 3. Reporting compliance as of 15 October 2021
#
# Each lead department owes a special plan (专项方案, due 30 November 2020) for each category it
# leads, and one quarterly progress report (due on the 25th of each quarter's last month) for all
# its categories, as does 市财政局. The example submissions have reports on time, late, missing,
# and sent twice (a resubmission is not counted again).

# %%
submissions = er.load_submissions(HERE / "ezhou_submissions.csv", plan)
compliance = er.compliance(plan, submissions, dt.date(2021, 10, 15))
tally = compliance.programme
print(
    f"{len(submissions)} submissions; {tally.expected} reports due so far: "
    f"{tally.on_time} on time, {tally.late} late, {tally.missing} missing; "
    f"on-time rate (按时报送率) {percent_text(tally.on_time_rate or 0)}"
)
print("Resubmissions:", sum(st.resubmissions for st in compliance.statuses))
print("\nDepartments that lag, worst first:")
for lag in compliance.laggards:
    t = lag.tally
    print(
        f"  {lag.rank}. {lag.department.name_zh:<8} on time {t.on_time}/{t.expected}, "
        f"late {t.late}, missing {t.missing}, score {percent_text(t.score or 0)}"
    )

# %% [markdown]
# ## 4. Charts
#
# The charts draw the results above; they compute nothing of their own. Each function returns a
# matplotlib figure (displayed by Jupyter as the cell's value) that saves to PNG.

# %%
from ezhou_recovery.display import charts  # the charts extra (matplotlib)

print("Chinese labels drawn with:", charts.cjk_font() or "no CJK font (English labels)")
fig = charts.attainment_chart(assessment)
fig.savefig(OUT / "attainment.png", dpi=110)
fig

# %% [markdown]
# One category target by target: the bar is progress (clipped to 0–100%), the mark is time progress.

# %%
fig = charts.attainment_chart(assessment, category="public_health")
fig.savefig(OUT / "attainment_public_health.png", dpi=110)
fig

# %%
fig = charts.investment_chart(assessment)
fig.savefig(OUT / "investment.png", dpi=110)
fig

# %%
fig = charts.deadline_calendar(compliance)
fig.savefig(OUT / "deadlines.png", dpi=110)
fig

# %%
print(
    f"Charts saved in the folder {OUT.name}:", ", ".join(p.name for p in sorted(OUT.glob("*.png")))
)
