"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.
"""

from __future__ import annotations

from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .loading import load_ezhou_plan, load_programme
from .obligations import Deadline, Deadlines, DueRule, Frequency, ReporterScope, ReportingObligation
from .observations import InvestmentReport, Quality
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
from .targets import Baseline, BaselineQualifier, Comparator, Section, Target, TargetKind, Targets
from .units import Q_, format_quantity, money, parse_quantity, parse_unit, quantity_in, ureg
from .workbooks import write_reporting_workbook, write_reporting_workbooks

__version__ = "0.1.0"

__all__ = [
    "Q_",
    "Baseline",
    "BaselineQualifier",
    "Category",
    "Comparator",
    "Deadline",
    "Deadlines",
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
    "Official",
    "Period",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
    "Quality",
    "ReporterScope",
    "ReportingObligation",
    "Section",
    "Target",
    "TargetKind",
    "Targets",
    "Task",
    "UnitError",
    "__version__",
    "format_quantity",
    "load_ezhou_plan",
    "load_programme",
    "money",
    "parse_quantity",
    "parse_unit",
    "quantity_in",
    "quarter_of",
    "ureg",
    "write_reporting_workbook",
    "write_reporting_workbooks",
]
