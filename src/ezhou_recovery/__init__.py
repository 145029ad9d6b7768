"""ezhou_recovery: a government investment programme as data that can be checked.

The public API is re-exported here; everything else is private. The Ezhou "Ten Major Projects" plan
(鄂州政发〔2020〕10号) ships as the embedded default: ``load_ezhou_plan()``.

Names are loaded on first use (PEP 562 ``__getattr__``): ``import ezhou_recovery`` builds only what
is asked for, so reading a plan does not import the attainment, compliance or workbook modules.
Type checkers see the imports under ``TYPE_CHECKING`` below.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - the same names, loaded lazily by __getattr__ below
    from ._arrow import observations_from_frame, submissions_from_frame
    from ._holidays import CalendarUnavailableError, is_working_day, next_working_day
    from .accountability import (
        Accountability,
        CallIn,
        ContentCheck,
        Event,
        EventReportStatus,
        EventStatus,
        Ground,
        GroundKind,
        accountability,
        check_contents,
        event_reports,
    )
    from .attainment import (
        AT_RISK_RATIO,
        BATCH_MIN_OBSERVATIONS,
        MILESTONE_AT_RISK_ELAPSED,
        ON_TRACK_RATIO,
        STALE_AFTER_DAYS,
        Assessment,
        Rollup,
        Status,
        TargetResult,
        Thresholds,
        YearResult,
        assess,
        percent_text,
    )
    from .bulletin import Bulletin, BulletinHeader, bulletin
    from .columnar import ObservationTable
    from .compliance import (
        Compliance,
        DeadlineStatus,
        Laggard,
        ReportStatus,
        ScoringRule,
        Tally,
        compliance,
    )
    from .drafting import (
        Draft,
        DraftError,
        DraftScore,
        FieldScore,
        ReviewItem,
        ReviewSubject,
        SourceSpan,
        decode_plan_text,
        draft_programme,
        score_draft,
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
    from .limits import Limits, current_limits, raised_limits
    from .loading import load_ezhou_plan, load_programme
    from .obligations import (
        ContentItem,
        Deadline,
        Deadlines,
        DueRule,
        Frequency,
        OwedPer,
        ReporterScope,
        ReportingObligation,
    )
    from .observations import (
        AnnualInvestmentPlan,
        ImplausibleValueWarning,
        InvestmentReport,
        Observation,
        QualitativeLevel,
        Quality,
        load_investment_reports,
        load_observations,
        observations_frame,
    )
    from .people import Department, District, DistrictKind, Official
    from .periods import Period, quarter_of
    from .programme import Category, CountedThing, Programme, Task
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
    from .reporting_units import ReportingUnit
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
    from .submission_table import SubmissionTable
    from .submissions import (
        CHINA_TIME,
        Submission,
        UnmatchedSubmissionError,
        load_submissions,
        match_submissions,
        submissions_frame,
    )
    from .supervision import AccountabilityRule, EventDuty, StandingDuty
    from .targets import (
        Baseline,
        BaselineQualifier,
        Comparator,
        MilestoneEvent,
        Section,
        Target,
        TargetKind,
        Targets,
    )
    from .units import (
        Q_,
        Qualifier,
        format_quantity,
        money,
        parse_quantity,
        parse_unit,
        quantity_in,
        read_qualified,
        ureg,
    )
    from .validation import Finding, Severity, validate, validate_observations
    from .workbook_reading import FilledWorkbook, read_reporting_workbook
    from .workbooks import write_reporting_workbook, write_reporting_workbooks

#: Where each public name lives (a module of this package).
_LAZY: dict[str, str] = {
    "Draft": "drafting",
    "DraftError": "drafting",
    "DraftScore": "drafting",
    "FieldScore": "drafting",
    "ReviewItem": "drafting",
    "ReviewSubject": "drafting",
    "SourceSpan": "drafting",
    "decode_plan_text": "drafting",
    "draft_programme": "drafting",
    "score_draft": "drafting",
    "District": "people",
    "DistrictKind": "people",
    "MilestoneEvent": "targets",
    "ContentItem": "obligations",
    "AccountabilityRule": "supervision",
    "EventDuty": "supervision",
    "StandingDuty": "supervision",
    "Accountability": "accountability",
    "CallIn": "accountability",
    "ContentCheck": "accountability",
    "Event": "accountability",
    "EventReportStatus": "accountability",
    "EventStatus": "accountability",
    "Ground": "accountability",
    "GroundKind": "accountability",
    "accountability": "accountability",
    "check_contents": "accountability",
    "event_reports": "accountability",
    "to_json": "serialization",
    "ReportingUnit": "reporting_units",
    "CountedThing": "programme",
    "Qualifier": "units",
    "read_qualified": "units",
    "ImplausibleValueWarning": "observations",
    "from_json": "serialization",
    "validate": "validation",
    "validate_observations": "validation",
    "Severity": "validation",
    "Finding": "validation",
    "AT_RISK_RATIO": "attainment",
    "STALE_AFTER_DAYS": "attainment",
    "percent_text": "attainment",
    "AnnualInvestmentPlan": "observations",
    "AnnualMoneyResult": "investment",
    "Assessment": "attainment",
    "BATCH_MIN_OBSERVATIONS": "attainment",
    "Baseline": "targets",
    "BaselineQualifier": "targets",
    "Bulletin": "bulletin",
    "BulletinHeader": "bulletin",
    "CHINA_TIME": "submissions",
    "CalendarUnavailableError": "_holidays",
    "Category": "programme",
    "Comparator": "targets",
    "Compliance": "compliance",
    "Deadline": "obligations",
    "DeadlineStatus": "compliance",
    "Deadlines": "obligations",
    "Department": "people",
    "DueConvention": "duedates",
    "DueRule": "obligations",
    "EXAMPLE_FILES": "examples",
    "EarnedSchedule": "schedule",
    "EzhouRecoveryError": "errors",
    "FilledWorkbook": "workbook_reading",
    "Frequency": "obligations",
    "Funding": "projects",
    "FundingSource": "projects",
    "HolidayPolicy": "duedates",
    "InvariantError": "errors",
    "InvestmentReport": "observations",
    "Laggard": "compliance",
    "LoadError": "errors",
    "Limits": "limits",
    "current_limits": "limits",
    "raised_limits": "limits",
    "MILESTONE_AT_RISK_ELAPSED": "attainment",
    "Milestone": "projects",
    "MilestoneState": "schedule",
    "MilestoneStatus": "schedule",
    "MoneyResult": "investment",
    "ON_TRACK_RATIO": "attainment",
    "Observation": "observations",
    "ObservationTable": "columnar",
    "SubmissionTable": "submission_table",
    "Official": "people",
    "Period": "periods",
    "PlannedInvestment": "projects",
    "Portfolio": "projects",
    "Programme": "programme",
    "Project": "projects",
    "ProjectLevel": "projects",
    "ProjectStatus": "projects",
    "Q_": "units",
    "QualitativeLevel": "observations",
    "Quality": "observations",
    "REPORT_SHEETS": "report_workbook",
    "ReportStatus": "compliance",
    "OwedPer": "obligations",
    "ReporterScope": "obligations",
    "ReportingObligation": "obligations",
    "Rollup": "attainment",
    "ScheduleError": "schedule",
    "ScheduleStatus": "schedule",
    "ScoringRule": "compliance",
    "Section": "targets",
    "Status": "attainment",
    "Submission": "submissions",
    "Tally": "compliance",
    "Target": "targets",
    "TargetKind": "targets",
    "TargetResult": "attainment",
    "Targets": "targets",
    "Task": "programme",
    "Thresholds": "attainment",
    "UnitError": "errors",
    "UnmatchedSubmissionError": "submissions",
    "Upcoming": "duedates",
    "YearResult": "attainment",
    "assess": "attainment",
    "assess_investment": "investment",
    "bulletin": "bulletin",
    "compliance": "compliance",
    "earned_schedule": "schedule",
    "example_investment_reports": "examples",
    "example_observations": "examples",
    "example_submissions": "examples",
    "format_quantity": "units",
    "is_working_day": "_holidays",
    "load_ezhou_plan": "loading",
    "load_investment_reports": "observations",
    "load_observations": "observations",
    "load_programme": "loading",
    "load_submissions": "submissions",
    "match_submissions": "submissions",
    "milestone_schedule": "schedule",
    "money": "units",
    "next_working_day": "_holidays",
    "observations_frame": "observations",
    "observations_from_frame": "_arrow",
    "parse_quantity": "units",
    "parse_unit": "units",
    "project_performance": "schedule",
    "quantity_in": "units",
    "quarter_of": "periods",
    "read_reporting_workbook": "workbook_reading",
    "submissions_frame": "submissions",
    "submissions_from_frame": "_arrow",
    "upcoming": "duedates",
    "ureg": "units",
    "write_report_workbook": "report_workbook",
    "write_reporting_workbook": "workbooks",
    "write_reporting_workbooks": "workbooks",
}

__version__ = "0.1.0"

__all__ = [
    "AT_RISK_RATIO",
    "BATCH_MIN_OBSERVATIONS",
    "CHINA_TIME",
    "EXAMPLE_FILES",
    "MILESTONE_AT_RISK_ELAPSED",
    "ON_TRACK_RATIO",
    "Q_",
    "REPORT_SHEETS",
    "STALE_AFTER_DAYS",
    "Accountability",
    "AccountabilityRule",
    "AnnualInvestmentPlan",
    "AnnualMoneyResult",
    "Assessment",
    "Baseline",
    "BaselineQualifier",
    "Bulletin",
    "BulletinHeader",
    "CalendarUnavailableError",
    "CallIn",
    "Category",
    "Comparator",
    "Compliance",
    "ContentCheck",
    "ContentItem",
    "CountedThing",
    "Deadline",
    "DeadlineStatus",
    "Deadlines",
    "Department",
    "District",
    "DistrictKind",
    "Draft",
    "DraftError",
    "DraftScore",
    "DueConvention",
    "DueRule",
    "EarnedSchedule",
    "Event",
    "EventDuty",
    "EventReportStatus",
    "EventStatus",
    "EzhouRecoveryError",
    "FieldScore",
    "FilledWorkbook",
    "Finding",
    "Frequency",
    "Funding",
    "FundingSource",
    "Ground",
    "GroundKind",
    "HolidayPolicy",
    "ImplausibleValueWarning",
    "InvariantError",
    "InvestmentReport",
    "Laggard",
    "Limits",
    "LoadError",
    "Milestone",
    "MilestoneEvent",
    "MilestoneState",
    "MilestoneStatus",
    "MoneyResult",
    "Observation",
    "ObservationTable",
    "Official",
    "OwedPer",
    "Period",
    "PlannedInvestment",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectLevel",
    "ProjectStatus",
    "Qualifier",
    "QualitativeLevel",
    "Quality",
    "ReportStatus",
    "ReporterScope",
    "ReportingObligation",
    "ReportingUnit",
    "ReviewItem",
    "ReviewSubject",
    "Rollup",
    "ScheduleError",
    "ScheduleStatus",
    "ScoringRule",
    "Section",
    "Severity",
    "SourceSpan",
    "StandingDuty",
    "Status",
    "Submission",
    "SubmissionTable",
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
    "accountability",
    "assess",
    "assess_investment",
    "bulletin",
    "check_contents",
    "compliance",
    "current_limits",
    "decode_plan_text",
    "draft_programme",
    "earned_schedule",
    "event_reports",
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
    "observations_from_frame",
    "parse_quantity",
    "parse_unit",
    "percent_text",
    "project_performance",
    "quantity_in",
    "quarter_of",
    "raised_limits",
    "read_qualified",
    "read_reporting_workbook",
    "score_draft",
    "submissions_frame",
    "submissions_from_frame",
    "to_json",
    "upcoming",
    "ureg",
    "validate",
    "validate_observations",
    "write_report_workbook",
    "write_reporting_workbook",
    "write_reporting_workbooks",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        if not name.startswith("_"):  # a submodule, as ``ezhou_recovery.attainment``
            try:
                return importlib.import_module(f".{name}", __name__)
            except ModuleNotFoundError as exc:
                if exc.name != f"{__name__}.{name}":
                    raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: importing a submodule does not replace a public name of the same name
    (the submodule ``compliance`` does not hide the function ``compliance``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            self.__dict__.pop(name, None)  # the public name is loaded again on first use
            return
        super().__setattr__(name, value)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # A function pickled by value (cloudpickle: Dask, Ray, a notebook's function sent to a
        # cluster) refers to this module by name, as to any other module.
        return importlib.import_module, (self.__name__,)


sys.modules[__name__].__class__ = _Package

if "hypothesis" in sys.modules:  # st.from_type(Target) works (see _hypothesis_plugin)
    importlib.import_module("._hypothesis_plugin", __name__).register()
