"""ezhou_recovery: a government investment programme as data that can be checked.

The root holds what a notebook needs: the programme and its main parts, the loaders, ``assess``,
``compliance`` and ``validate`` with their results, the errors and the units' entry points. The
specialised parts are public submodules (see ``docs/architecture.md``): ``ezhou_recovery.model``,
``.evidence``, ``.analysis`` (``.analysis.schedule``, ``.analysis.accountability``, ...), ``.io``
(``.io.xlsx``, ``.io.json``), ``.display`` (``.display.charts``), ``.units``, ``.errors``,
``.bulletins``, ``.drafting``, ``.strategies`` and ``.examples``. A module or package whose name starts
with an underscore is private.

The Ezhou "Ten Major Projects" plan (鄂州政发〔2020〕10号) ships as the embedded default:
``load_ezhou_plan()``.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import TYPE_CHECKING, Any, Final

from ezhou_recovery.analysis.attainment import Assessment, Status, TargetResult, assess
from ezhou_recovery.analysis.compliance import Compliance, DeadlineStatus, ReportStatus, compliance
from ezhou_recovery.analysis.validation import Finding, Severity, validate
from ezhou_recovery.bulletins.contents import bulletin
from ezhou_recovery.errors import (
    CalendarUnavailableError,
    DraftError,
    EzhouRecoveryError,
    InvariantError,
    LoadError,
    ScheduleError,
    UnitError,
    UnmatchedSubmissionError,
)
from ezhou_recovery.evidence.observations import InvestmentReport, Observation
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io.json.documents import from_json, to_json
from ezhou_recovery.io.observation_files import load_investment_reports, load_observations
from ezhou_recovery.io.programme_files import load_ezhou_plan, load_programme
from ezhou_recovery.io.submission_files import load_submissions
from ezhou_recovery.model.obligations import Deadline, ReportingObligation
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period, quarter_of
from ezhou_recovery.model.programme import Category, Programme, Task
from ezhou_recovery.model.projects import Portfolio, Project
from ezhou_recovery.model.targets import Target, TargetKind
from ezhou_recovery.units import Q_, format_quantity, parse_quantity, ureg

__version__ = "0.1.0"

__all__ = [
    "Q_",
    "Assessment",
    "CalendarUnavailableError",
    "Category",
    "Compliance",
    "Deadline",
    "DeadlineStatus",
    "Department",
    "DraftError",
    "EzhouRecoveryError",
    "Finding",
    "InvariantError",
    "InvestmentReport",
    "LoadError",
    "Observation",
    "Official",
    "Period",
    "Portfolio",
    "Programme",
    "Project",
    "ReportStatus",
    "ReportingObligation",
    "ScheduleError",
    "Severity",
    "Status",
    "Submission",
    "Target",
    "TargetKind",
    "TargetResult",
    "Task",
    "UnitError",
    "UnmatchedSubmissionError",
    "__version__",
    "assess",
    "bulletin",
    "compliance",
    "format_quantity",
    "from_json",
    "load_ezhou_plan",
    "load_investment_reports",
    "load_observations",
    "load_programme",
    "load_submissions",
    "parse_quantity",
    "quarter_of",
    "to_json",
    "ureg",
    "validate",
]

#: Names that left the root, and the public module each lives in now. ``ezhou_recovery.<name>``
#: still gives the object for one release, with a ``DeprecationWarning`` naming that module.
MOVED: Final[dict[str, str]] = {
    "AT_RISK_RATIO": "ezhou_recovery.analysis.attainment",
    "BATCH_MIN_OBSERVATIONS": "ezhou_recovery.analysis.attainment",
    "CHINA_TIME": "ezhou_recovery.evidence.submissions",
    "EXAMPLE_FILES": "ezhou_recovery.examples",
    "MILESTONE_AT_RISK_ELAPSED": "ezhou_recovery.analysis.attainment",
    "ON_TRACK_RATIO": "ezhou_recovery.analysis.attainment",
    "REPORT_SHEETS": "ezhou_recovery.io.xlsx.report",
    "STALE_AFTER_DAYS": "ezhou_recovery.analysis.attainment",
    "Accountability": "ezhou_recovery.analysis.accountability",
    "AccountabilityRule": "ezhou_recovery.model.supervision",
    "AnnualInvestmentPlan": "ezhou_recovery.evidence.observations",
    "AnnualMoneyResult": "ezhou_recovery.analysis.investment",
    "Baseline": "ezhou_recovery.model.targets",
    "BaselineQualifier": "ezhou_recovery.model.targets",
    "Bulletin": "ezhou_recovery.bulletins.contents",
    "BulletinHeader": "ezhou_recovery.bulletins.contents",
    "CallIn": "ezhou_recovery.analysis.accountability",
    "Comparator": "ezhou_recovery.model.targets",
    "ContentCheck": "ezhou_recovery.analysis.accountability",
    "ContentItem": "ezhou_recovery.model.obligations",
    "CountedThing": "ezhou_recovery.model.programme",
    "Deadlines": "ezhou_recovery.model.obligations",
    "District": "ezhou_recovery.model.people",
    "DistrictKind": "ezhou_recovery.model.people",
    "Draft": "ezhou_recovery.drafting",
    "DraftScore": "ezhou_recovery.drafting",
    "DueConvention": "ezhou_recovery.analysis.duedates",
    "DueRule": "ezhou_recovery.model.obligations",
    "EarnedSchedule": "ezhou_recovery.analysis.schedule",
    "Event": "ezhou_recovery.analysis.accountability",
    "EventDuty": "ezhou_recovery.model.supervision",
    "EventReportStatus": "ezhou_recovery.analysis.accountability",
    "EventStatus": "ezhou_recovery.analysis.accountability",
    "FieldScore": "ezhou_recovery.drafting",
    "FilledWorkbook": "ezhou_recovery.io.xlsx.reading",
    "Frequency": "ezhou_recovery.model.obligations",
    "Funding": "ezhou_recovery.model.projects",
    "FundingSource": "ezhou_recovery.model.projects",
    "Ground": "ezhou_recovery.analysis.accountability",
    "GroundKind": "ezhou_recovery.analysis.accountability",
    "HolidayPolicy": "ezhou_recovery.analysis.duedates",
    "ImplausibleValueWarning": "ezhou_recovery.evidence.observations",
    "ObservationTable": "ezhou_recovery.evidence.table",
    "Laggard": "ezhou_recovery.analysis.compliance",
    "Limits": "ezhou_recovery.io.limits",
    "Milestone": "ezhou_recovery.model.projects",
    "MilestoneEvent": "ezhou_recovery.model.targets",
    "MilestoneState": "ezhou_recovery.analysis.schedule",
    "MilestoneStatus": "ezhou_recovery.analysis.schedule",
    "MoneyResult": "ezhou_recovery.analysis.investment",
    "OwedPer": "ezhou_recovery.model.obligations",
    "PlannedInvestment": "ezhou_recovery.model.projects",
    "ProjectLevel": "ezhou_recovery.model.projects",
    "ProjectStatus": "ezhou_recovery.model.projects",
    "Qualifier": "ezhou_recovery.units",
    "QualitativeLevel": "ezhou_recovery.evidence.observations",
    "Quality": "ezhou_recovery.evidence.observations",
    "ReporterScope": "ezhou_recovery.model.obligations",
    "ReportingUnit": "ezhou_recovery.units.reporting",
    "ReviewItem": "ezhou_recovery.drafting",
    "ReviewSubject": "ezhou_recovery.drafting",
    "Rollup": "ezhou_recovery.analysis.attainment",
    "ScheduleStatus": "ezhou_recovery.analysis.schedule",
    "ScoringRule": "ezhou_recovery.analysis.compliance",
    "Section": "ezhou_recovery.model.targets",
    "SourceSpan": "ezhou_recovery.drafting",
    "StandingDuty": "ezhou_recovery.model.supervision",
    "SubmissionTable": "ezhou_recovery.evidence.submission_table",
    "Tally": "ezhou_recovery.analysis.compliance",
    "Targets": "ezhou_recovery.model.targets",
    "Thresholds": "ezhou_recovery.analysis.attainment",
    "Upcoming": "ezhou_recovery.analysis.duedates",
    "YearResult": "ezhou_recovery.analysis.attainment",
    "accountability": "ezhou_recovery.analysis.accountability",
    "assess_investment": "ezhou_recovery.analysis.investment",
    "check_contents": "ezhou_recovery.analysis.accountability",
    "current_limits": "ezhou_recovery.io.limits",
    "decode_plan_text": "ezhou_recovery.drafting",
    "draft_programme": "ezhou_recovery.drafting",
    "earned_schedule": "ezhou_recovery.analysis.schedule",
    "event_reports": "ezhou_recovery.analysis.accountability",
    "example_investment_reports": "ezhou_recovery.examples",
    "example_observations": "ezhou_recovery.examples",
    "example_submissions": "ezhou_recovery.examples",
    "is_working_day": "ezhou_recovery.analysis.calendar",
    "match_submissions": "ezhou_recovery.analysis.matching",
    "milestone_schedule": "ezhou_recovery.analysis.schedule",
    "money": "ezhou_recovery.units",
    "next_working_day": "ezhou_recovery.analysis.calendar",
    "observations_frame": "ezhou_recovery.display.frames",
    "observations_from_frame": "ezhou_recovery.io.frames",
    "parse_unit": "ezhou_recovery.units",
    "percent_text": "ezhou_recovery.analysis.attainment",
    "project_performance": "ezhou_recovery.analysis.schedule",
    "quantity_in": "ezhou_recovery.units",
    "raised_limits": "ezhou_recovery.io.limits",
    "read_qualified": "ezhou_recovery.units",
    "read_reporting_workbook": "ezhou_recovery.io.xlsx.reading",
    "score_draft": "ezhou_recovery.drafting",
    "submissions_frame": "ezhou_recovery.display.frames",
    "submissions_from_frame": "ezhou_recovery.io.frames",
    "upcoming": "ezhou_recovery.analysis.duedates",
    "validate_observations": "ezhou_recovery.analysis.validation",
    "write_report_workbook": "ezhou_recovery.io.xlsx.report",
    "write_reporting_workbook": "ezhou_recovery.io.xlsx.forms",
    "write_reporting_workbooks": "ezhou_recovery.io.xlsx.forms",
}

#: The public subpackages and modules; ``er.strategies`` imports one on first use, as
#: ``import ezhou_recovery.strategies`` does.
PUBLIC_MODULES: Final = frozenset(
    {
        "analysis",
        "bulletins",
        "cli",
        "display",
        "drafting",
        "errors",
        "evidence",
        "examples",
        "io",
        "model",
        "strategies",
        "units",
    }
)


# Hidden from type checkers, so that they flag a moved name (``er.Comparator``) and a misspelt one.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = MOVED.get(name)
        if module is not None:
            warnings.warn(
                f"ezhou_recovery.{name} has moved: import it from {module} "
                f"(the alias in ezhou_recovery goes in the next release)",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(importlib.import_module(module), name)
        if name in PUBLIC_MODULES:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | PUBLIC_MODULES)


if "hypothesis" in sys.modules:  # st.from_type(Target) works (see strategies/_plugin.py)
    importlib.import_module(".strategies._plugin", __name__).register()
