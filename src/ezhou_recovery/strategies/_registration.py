"""Registration of the strategies with Hypothesis, so that ``st.from_type(C)`` uses them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from ezhou_recovery.evidence.observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
)
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.model.obligations import (
    Deadline,
    DueRule,
    ReportingObligation,
)
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme, Task
from ezhou_recovery.model.projects import (
    Funding,
    Milestone,
    PlannedInvestment,
    Portfolio,
    Project,
)
from ezhou_recovery.model.targets import (
    Baseline,
    Target,
)
from ezhou_recovery.strategies._basics import T, periods
from ezhou_recovery.strategies._evidence import (
    annual_investment_plans,
    investment_reports,
    observations,
    single_submissions,
)
from ezhou_recovery.strategies._model import (
    baselines,
    departments,
    fundings,
    milestones,
    officials,
    planned_investments,
    portfolios,
    projects,
    targets,
)
from ezhou_recovery.strategies._programmes import (
    categories,
    deadlines,
    due_rules,
    obligations,
    programmes,
    tasks,
)


def type_strategies() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """The strategy factory of each model class, for ``st.register_type_strategy``.

    A module that adds classes adds its entries here.
    """
    return {
        Programme: programmes,
        Category: categories,
        Target: targets,
        Baseline: baselines,
        Task: tasks,
        Project: projects,
        Portfolio: portfolios,
        Funding: fundings,
        Milestone: milestones,
        PlannedInvestment: planned_investments,
        Department: departments,
        Official: officials,
        ReportingObligation: obligations,
        DueRule: due_rules,
        Deadline: deadlines,
        Period: periods,
        InvestmentReport: investment_reports,
        AnnualInvestmentPlan: annual_investment_plans,
        Observation: observations,
        Submission: single_submissions,
    }


def register_type_strategies() -> None:
    """Make ``st.from_type(C)`` use these strategies for every model class ``C``.

    Each strategy is built on first use (``st.deferred``), so registering costs next to nothing.
    """
    for cls, factory in type_strategies().items():
        st.register_type_strategy(cls, st.deferred(_call(factory)))


def _call(factory: Callable[[], st.SearchStrategy[T]]) -> Callable[[], st.SearchStrategy[T]]:
    return lambda: factory()
