"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.
"""

from __future__ import annotations

from ._holidays import CalendarUnavailableError, is_working_day, next_working_day
from .attainment import (
    AT_RISK_RATIO,
    MILESTONE_AT_RISK_ELAPSED,
    ON_TRACK_RATIO,
    Assessment,
    Rollup,
    Status,
    TargetResult,
    Thresholds,
    YearResult,
    assess,
)
from .compliance import (
    Compliance,
    DeadlineStatus,
    Laggard,
    ReportStatus,
    ScoringRule,
    Tally,
    compliance,
)
from .duedates import DueConvention, HolidayPolicy, Upcoming, upcoming
from .errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
from .examples import (
    EXAMPLE_FILES,
    example_investment_reports,
    example_observations,
    example_submissions,
)
from .investment import AnnualMoneyResult, MoneyResult, assess_investment
from .loading import load_ezhou_plan, load_programme
from .obligations import Deadline, Deadlines, DueRule, Frequency, ReporterScope, ReportingObligation
from .observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
    QualitativeLevel,
    Quality,
    load_investment_reports,
    load_observations,
    observations_frame,
)
from .people import Department, Official
from .periods import Period, quarter_of
from .programme import Category, Programme, Task
from .projects import (
    Funding,
    FundingSource,
    Milestone,
    PlannedInvestment,
    Portfolio,
    Project,
    ProjectLevel,
    ProjectStatus,
)
from .report_workbook import REPORT_SHEETS, write_report_workbook
from .schedule import (
    EarnedSchedule,
    MilestoneState,
    MilestoneStatus,
    ScheduleError,
    ScheduleStatus,
    earned_schedule,
    milestone_schedule,
    project_performance,
)
from .serialization import from_json, to_json
from .submissions import (
    CHINA_TIME,
    Submission,
    UnmatchedSubmissionError,
    load_submissions,
    match_submissions,
    submissions_frame,
)
from .targets import Baseline, BaselineQualifier, Comparator, Section, Target, TargetKind, Targets
from .units import Q_, format_quantity, money, parse_quantity, parse_unit, quantity_in, ureg
from .validation import Finding, Severity, validate
from .workbook_reading import FilledWorkbook, read_reporting_workbook
from .workbooks import write_reporting_workbook, write_reporting_workbooks

__version__ = "0.1.0"

if "hypothesis" in __import__("sys").modules:  # st.from_type(Target) works (_hypothesis_plugin)
    from ._hypothesis_plugin import register as _register_strategies

    _register_strategies()

__all__ = [
    "AT_RISK_RATIO",
    "CHINA_TIME",
    "EXAMPLE_FILES",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "Q_",
    "REPORT_SHEETS",
    "AnnualInvestmentPlan",
    "AnnualMoneyResult",
    "Assessment",
    "Baseline",
    "BaselineQualifier",
    "CalendarUnavailableError",
    "Category",
    "Comparator",
    "Compliance",
    "Deadline",
    "DeadlineStatus",
    "Deadlines",
    "Department",
    "DueConvention",
    "DueRule",
    "EarnedSchedule",
    "EzhouRecoveryError",
    "FilledWorkbook",
    "Finding",
    "Frequency",
    "Funding",
    "FundingSource",
    "HolidayPolicy",
    "InvariantError",
    "InvestmentReport",
    "Laggard",
    "LoadError",
    "Milestone",
    "MilestoneState",
    "MilestoneStatus",
    "MoneyResult",
    "Observation",
    "Official",
    "Period",
    "PlannedInvestment",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
    "QualitativeLevel",
    "Quality",
    "ReportStatus",
    "ReporterScope",
    "ReportingObligation",
    "Rollup",
    "ScheduleError",
    "ScheduleStatus",
    "ScoringRule",
    "Section",
    "Severity",
    "Status",
    "Submission",
    "Tally",
    "Target",
    "TargetKind",
    "TargetResult",
    "Targets",
    "Task",
    "Thresholds",
    "UnitError",
    "UnmatchedSubmissionError",
    "Upcoming",
    "YearResult",
    "__version__",
    "assess",
    "assess_investment",
    "compliance",
    "earned_schedule",
    "example_investment_reports",
    "example_observations",
    "example_submissions",
    "format_quantity",
    "from_json",
    "is_working_day",
    "load_ezhou_plan",
    "load_investment_reports",
    "load_observations",
    "load_programme",
    "load_submissions",
    "match_submissions",
    "milestone_schedule",
    "money",
    "next_working_day",
    "observations_frame",
    "parse_quantity",
    "parse_unit",
    "project_performance",
    "quantity_in",
    "quarter_of",
    "read_reporting_workbook",
    "submissions_frame",
    "to_json",
    "upcoming",
    "ureg",
    "validate",
    "write_report_workbook",
    "write_reporting_workbook",
    "write_reporting_workbooks",
]
