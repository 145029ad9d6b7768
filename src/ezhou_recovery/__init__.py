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
    from ezhou_recovery.analysis.accountability import (
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
    from ezhou_recovery.analysis.attainment import (
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
    from ezhou_recovery.analysis.calendar import (
        CalendarUnavailableError,
        is_working_day,
        next_working_day,
    )
    from ezhou_recovery.analysis.compliance import (
        Compliance,
        DeadlineStatus,
        Laggard,
        ReportStatus,
        ScoringRule,
        Tally,
        compliance,
    )
    from ezhou_recovery.analysis.duedates import DueConvention, HolidayPolicy, Upcoming, upcoming
    from ezhou_recovery.analysis.investment import AnnualMoneyResult, MoneyResult, assess_investment
    from ezhou_recovery.analysis.matching import UnmatchedSubmissionError, match_submissions
    from ezhou_recovery.analysis.schedule import (
        EarnedSchedule,
        MilestoneState,
        MilestoneStatus,
        ScheduleError,
        ScheduleStatus,
        earned_schedule,
        milestone_schedule,
        project_performance,
    )
    from ezhou_recovery.analysis.validation import (
        Finding,
        Severity,
        validate,
        validate_observations,
    )
    from ezhou_recovery.bulletins.contents import Bulletin, BulletinHeader, bulletin
    from ezhou_recovery.display.frames import observations_frame, submissions_frame
    from ezhou_recovery.drafting import (
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
    from ezhou_recovery.errors import EzhouRecoveryError, InvariantError, LoadError, UnitError
    from ezhou_recovery.evidence.observations import (
        AnnualInvestmentPlan,
        ImplausibleValueWarning,
        InvestmentReport,
        Observation,
        QualitativeLevel,
        Quality,
    )
    from ezhou_recovery.evidence.submission_table import SubmissionTable
    from ezhou_recovery.evidence.submissions import CHINA_TIME, Submission
    from ezhou_recovery.evidence.table import ObservationTable
    from ezhou_recovery.examples import (
        EXAMPLE_FILES,
        example_investment_reports,
        example_observations,
        example_submissions,
    )
    from ezhou_recovery.io._arrow import observations_from_frame, submissions_from_frame
    from ezhou_recovery.io.json.documents import from_json, to_json
    from ezhou_recovery.io.limits import Limits, current_limits, raised_limits
    from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
    from ezhou_recovery.io.programme_files import load_ezhou_plan, load_programme
    from ezhou_recovery.io.submission_files import load_submissions
    from ezhou_recovery.io.xlsx.forms import write_reporting_workbook, write_reporting_workbooks
    from ezhou_recovery.io.xlsx.reading import FilledWorkbook, read_reporting_workbook
    from ezhou_recovery.io.xlsx.report import REPORT_SHEETS, write_report_workbook
    from ezhou_recovery.model.obligations import (
        ContentItem,
        Deadline,
        Deadlines,
        DueRule,
        Frequency,
        OwedPer,
        ReporterScope,
        ReportingObligation,
    )
    from ezhou_recovery.model.people import Department, District, DistrictKind, Official
    from ezhou_recovery.model.periods import Period, quarter_of
    from ezhou_recovery.model.programme import Category, CountedThing, Programme, Task
    from ezhou_recovery.model.projects import (
        Funding,
        FundingSource,
        Milestone,
        PlannedInvestment,
        Portfolio,
        Project,
        ProjectLevel,
        ProjectStatus,
    )
    from ezhou_recovery.model.supervision import AccountabilityRule, EventDuty, StandingDuty
    from ezhou_recovery.model.targets import (
        Baseline,
        BaselineQualifier,
        Comparator,
        MilestoneEvent,
        Section,
        Target,
        TargetKind,
        Targets,
    )
    from ezhou_recovery.units import (
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
    from ezhou_recovery.units.reporting import ReportingUnit

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
    "District": "model.people",
    "DistrictKind": "model.people",
    "MilestoneEvent": "model.targets",
    "ContentItem": "model.obligations",
    "AccountabilityRule": "model.supervision",
    "EventDuty": "model.supervision",
    "StandingDuty": "model.supervision",
    "Accountability": "analysis.accountability",
    "CallIn": "analysis.accountability",
    "ContentCheck": "analysis.accountability",
    "Event": "analysis.accountability",
    "EventReportStatus": "analysis.accountability",
    "EventStatus": "analysis.accountability",
    "Ground": "analysis.accountability",
    "GroundKind": "analysis.accountability",
    "accountability": "analysis.accountability",
    "check_contents": "analysis.accountability",
    "event_reports": "analysis.accountability",
    "to_json": "io.json.documents",
    "ReportingUnit": "units.reporting",
    "CountedThing": "model.programme",
    "Qualifier": "units",
    "read_qualified": "units",
    "ImplausibleValueWarning": "evidence.observations",
    "from_json": "io.json.documents",
    "validate": "analysis.validation",
    "validate_observations": "analysis.validation",
    "Severity": "analysis.validation",
    "Finding": "analysis.validation",
    "AT_RISK_RATIO": "analysis.attainment",
    "STALE_AFTER_DAYS": "analysis.attainment",
    "percent_text": "analysis.attainment",
    "AnnualInvestmentPlan": "evidence.observations",
    "AnnualMoneyResult": "analysis.investment",
    "Assessment": "analysis.attainment",
    "BATCH_MIN_OBSERVATIONS": "analysis.attainment",
    "Baseline": "model.targets",
    "BaselineQualifier": "model.targets",
    "Bulletin": "bulletins.contents",
    "BulletinHeader": "bulletins.contents",
    "CHINA_TIME": "evidence.submissions",
    "CalendarUnavailableError": "analysis.calendar",
    "Category": "model.programme",
    "Comparator": "model.targets",
    "Compliance": "analysis.compliance",
    "Deadline": "model.obligations",
    "DeadlineStatus": "analysis.compliance",
    "Deadlines": "model.obligations",
    "Department": "model.people",
    "DueConvention": "analysis.duedates",
    "DueRule": "model.obligations",
    "EXAMPLE_FILES": "examples",
    "EarnedSchedule": "analysis.schedule",
    "EzhouRecoveryError": "errors",
    "FilledWorkbook": "io.xlsx.reading",
    "Frequency": "model.obligations",
    "Funding": "model.projects",
    "FundingSource": "model.projects",
    "HolidayPolicy": "analysis.duedates",
    "InvariantError": "errors",
    "InvestmentReport": "evidence.observations",
    "Laggard": "analysis.compliance",
    "LoadError": "errors",
    "Limits": "io.limits",
    "current_limits": "io.limits",
    "raised_limits": "io.limits",
    "MILESTONE_AT_RISK_ELAPSED": "analysis.attainment",
    "Milestone": "model.projects",
    "MilestoneState": "analysis.schedule",
    "MilestoneStatus": "analysis.schedule",
    "MoneyResult": "analysis.investment",
    "ON_TRACK_RATIO": "analysis.attainment",
    "Observation": "evidence.observations",
    "ObservationTable": "evidence.table",
    "SubmissionTable": "evidence.submission_table",
    "Official": "model.people",
    "Period": "model.periods",
    "PlannedInvestment": "model.projects",
    "Portfolio": "model.projects",
    "Programme": "model.programme",
    "Project": "model.projects",
    "ProjectLevel": "model.projects",
    "ProjectStatus": "model.projects",
    "Q_": "units",
    "QualitativeLevel": "evidence.observations",
    "Quality": "evidence.observations",
    "REPORT_SHEETS": "io.xlsx.report",
    "ReportStatus": "analysis.compliance",
    "OwedPer": "model.obligations",
    "ReporterScope": "model.obligations",
    "ReportingObligation": "model.obligations",
    "Rollup": "analysis.attainment",
    "ScheduleError": "analysis.schedule",
    "ScheduleStatus": "analysis.schedule",
    "ScoringRule": "analysis.compliance",
    "Section": "model.targets",
    "Status": "analysis.attainment",
    "Submission": "evidence.submissions",
    "Tally": "analysis.compliance",
    "Target": "model.targets",
    "TargetKind": "model.targets",
    "TargetResult": "analysis.attainment",
    "Targets": "model.targets",
    "Task": "model.programme",
    "Thresholds": "analysis.attainment",
    "UnitError": "errors",
    "UnmatchedSubmissionError": "analysis.matching",
    "Upcoming": "analysis.duedates",
    "YearResult": "analysis.attainment",
    "assess": "analysis.attainment",
    "assess_investment": "analysis.investment",
    "bulletin": "bulletins.contents",
    "compliance": "analysis.compliance",
    "earned_schedule": "analysis.schedule",
    "example_investment_reports": "examples",
    "example_observations": "examples",
    "example_submissions": "examples",
    "format_quantity": "units",
    "is_working_day": "analysis.calendar",
    "load_ezhou_plan": "io.programme_files",
    "load_investment_reports": "io.observation_files",
    "load_observations": "io.observation_files",
    "load_programme": "io.programme_files",
    "load_submissions": "io.submission_files",
    "match_submissions": "analysis.matching",
    "milestone_schedule": "analysis.schedule",
    "money": "units",
    "next_working_day": "analysis.calendar",
    "observations_frame": "display.frames",
    "observations_from_frame": "io._arrow",
    "parse_quantity": "units",
    "parse_unit": "units",
    "project_performance": "analysis.schedule",
    "quantity_in": "units",
    "quarter_of": "model.periods",
    "read_reporting_workbook": "io.xlsx.reading",
    "submissions_frame": "display.frames",
    "submissions_from_frame": "io._arrow",
    "upcoming": "analysis.duedates",
    "ureg": "units",
    "write_report_workbook": "io.xlsx.report",
    "write_reporting_workbook": "io.xlsx.forms",
    "write_reporting_workbooks": "io.xlsx.forms",
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
        if not name.startswith("_"):  # a submodule, as ``ezhou_recovery.analysis.attainment``
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
    (the subpackage ``bulletin`` does not hide the function ``bulletin``)."""

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

if "hypothesis" in sys.modules:  # st.from_type(Target) works (see strategies/_plugin.py)
    importlib.import_module(".strategies._plugin", __name__).register()
