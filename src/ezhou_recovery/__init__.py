"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.
"""

from __future__ import annotations

from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .loading import load_ezhou_plan, load_programme
from .obligations import Deadline, DueRule, Frequency, ReporterScope, ReportingObligation
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
from .serialization import from_json, to_json
from .targets import Baseline, BaselineQualifier, Comparator, Section, Target, TargetKind
from .units import Q_, format_quantity, money, parse_quantity, parse_unit, quantity_in, ureg
from .validation import Finding, Severity, validate

__version__ = "0.1.0"

if "hypothesis" in __import__("sys").modules:  # st.from_type(Target) works (_hypothesis_plugin)
    from ._hypothesis_plugin import register as _register_strategies

    _register_strategies()

__all__ = [
    "Q_",
    "Baseline",
    "BaselineQualifier",
    "Category",
    "Comparator",
    "Deadline",
    "Department",
    "DueRule",
    "EzhouRecoveryError",
    "Finding",
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
    "Severity",
    "Target",
    "TargetKind",
    "Task",
    "UnitError",
    "__version__",
    "format_quantity",
    "from_json",
    "load_ezhou_plan",
    "load_programme",
    "money",
    "parse_quantity",
    "parse_unit",
    "quantity_in",
    "quarter_of",
    "to_json",
    "ureg",
    "validate",
]
