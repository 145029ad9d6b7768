"""Hypothesis strategies for the model, for property-based tests of rules built on this library.

Every factory takes keyword-only options and returns a typed ``SearchStrategy``. Every object drawn
passes its class's own validators, and shrinks towards a small, readable example (one category, one
target, short Chinese and English names, round numbers). Programmes drawn by :func:`programmes` are
also consistent: :func:`ezhou_recovery.validate` finds no errors in them.

This module imports Hypothesis; ``import ezhou_recovery`` does not import it. With the package
installed, ``st.from_type(Target)`` (and each other model class) uses these strategies.

The world layer has its factories too: :func:`observations` of a target (consistent with it, or
deliberately not, for error paths), :func:`observed_values` (the raw inputs
:meth:`~ezhou_recovery.Observation.for_target` and the loaders read), :func:`investment_reports`,
and :func:`submissions` for a programme's deadlines (on time, late, missing, duplicated).
A module that adds classes lists them in :func:`type_strategies`.
"""

from __future__ import annotations

from ezhou_recovery.strategies._basics import (
    UNITS,
    dates,
    extreme_decimals,
    money,
    periods,
    quantities,
    slugs,
    texts_en,
    texts_zh,
)
from ezhou_recovery.strategies._evidence import (
    Inconsistency,
    SubmissionKind,
    annual_investment_plans,
    investment_reports,
    moments,
    observations,
    observed_values,
    single_submissions,
    submissions,
)
from ezhou_recovery.strategies._model import (
    baselines,
    departments,
    fundings,
    investment_plans,
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
from ezhou_recovery.strategies._registration import register_type_strategies, type_strategies

__all__ = [
    "UNITS",
    "Inconsistency",
    "SubmissionKind",
    "annual_investment_plans",
    "baselines",
    "categories",
    "dates",
    "deadlines",
    "departments",
    "due_rules",
    "extreme_decimals",
    "fundings",
    "investment_plans",
    "investment_reports",
    "milestones",
    "moments",
    "money",
    "obligations",
    "observations",
    "observed_values",
    "officials",
    "periods",
    "planned_investments",
    "portfolios",
    "programmes",
    "projects",
    "quantities",
    "register_type_strategies",
    "single_submissions",
    "slugs",
    "submissions",
    "targets",
    "tasks",
    "texts_en",
    "texts_zh",
    "type_strategies",
]

# Imported before Hypothesis was, the package registers its strategies itself (see _plugin.py).
register_type_strategies()
