"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.
"""

from __future__ import annotations

from ._holidays import CalendarUnavailableError, is_working_day, next_working_day
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
    PlannedInvestment,
    Portfolio,
    Project,
    ProjectLevel,
    ProjectStatus,
)
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
from .submissions import (
    CHINA_TIME,
    Submission,
    UnmatchedSubmissionError,
    load_submissions,
    match_submissions,
)
from .targets import Baseline, BaselineQualifier, Comparator, Section, Target, TargetKind, Targets
from .units import Q_, format_quantity, money, parse_quantity, parse_unit, quantity_in, ureg
from .workbooks import write_reporting_workbook, write_reporting_workbooks

__version__ = "0.1.0"

__all__ = [
    "CHINA_TIME",
    "Q_",
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
    "Official",
    "Period",
    "PlannedInvestment",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
    "Quality",
    "ReportStatus",
    "ReporterScope",
    "ReportingObligation",
    "ScheduleError",
    "ScheduleStatus",
    "ScoringRule",
    "Section",
    "Submission",
    "Tally",
    "Target",
    "TargetKind",
    "Targets",
    "Task",
    "UnitError",
    "UnmatchedSubmissionError",
    "Upcoming",
    "__version__",
    "compliance",
    "earned_schedule",
    "format_quantity",
    "is_working_day",
    "load_ezhou_plan",
    "load_programme",
    "load_submissions",
    "match_submissions",
    "milestone_schedule",
    "money",
    "next_working_day",
    "parse_quantity",
    "parse_unit",
    "project_performance",
    "quantity_in",
    "quarter_of",
    "upcoming",
    "ureg",
    "write_reporting_workbook",
    "write_reporting_workbooks",
]
