"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.
"""

from __future__ import annotations

from .attainment import (
    AT_RISK_RATIO,
    MILESTONE_AT_RISK_ELAPSED,
    ON_TRACK_RATIO,
    AnnualMoneyResult,
    Assessment,
    MoneyResult,
    Rollup,
    Status,
    TargetResult,
    Thresholds,
    YearResult,
    assess,
)
from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .loading import load_ezhou_plan, load_programme
from .obligations import Deadline, DueRule, Frequency, ReporterScope, ReportingObligation
from .observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
    QualitativeLevel,
    Quality,
    load_investment_reports,
    load_observations,
)
from .people import Department, Official
from .periods import Period, quarter_of
from .programme import Category, Programme, Task
from .projects import (
    Funding,
    FundingSource,
    Milestone,
    Portfolio,
    Project,
    ProjectLevel,
    ProjectStatus,
)
from .targets import Baseline, BaselineQualifier, Comparator, Section, Target, TargetKind
from .units import Q_, format_quantity, money, parse_quantity, parse_unit, quantity_in, ureg

__version__ = "0.1.0"

__all__ = [
    "AT_RISK_RATIO",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "Q_",
    "AnnualInvestmentPlan",
    "AnnualMoneyResult",
    "Assessment",
    "Baseline",
    "BaselineQualifier",
    "Category",
    "Comparator",
    "Deadline",
    "Department",
    "DueRule",
    "EzhouRecoveryError",
    "Frequency",
    "Funding",
    "FundingSource",
    "InvariantError",
    "InvestmentReport",
    "LoadError",
    "Milestone",
    "MoneyResult",
    "Observation",
    "Official",
    "Period",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
    "QualitativeLevel",
    "Quality",
    "ReporterScope",
    "ReportingObligation",
    "Rollup",
    "Section",
    "Status",
    "Target",
    "TargetKind",
    "TargetResult",
    "Task",
    "Thresholds",
    "UnitError",
    "YearResult",
    "__version__",
    "assess",
    "format_quantity",
    "load_ezhou_plan",
    "load_investment_reports",
    "load_observations",
    "load_programme",
    "money",
    "parse_quantity",
    "parse_unit",
    "quantity_in",
    "quarter_of",
    "ureg",
]
