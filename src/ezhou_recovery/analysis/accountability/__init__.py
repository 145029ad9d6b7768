"""Who is to be called in (约谈问责) and why; events and their reports; a submission's contents.

Pure computations over a programme's supervision rules (:mod:`ezhou_recovery.model.supervision`) and the
results of :func:`~ezhou_recovery.analysis.compliance.compliance` and :func:`~ezhou_recovery.assess`.
See ``docs/accountability.md`` for every rule with an Ezhou worked example.

Internal modules, one job each: ``_call_ins`` (the grounds for calling a department or district
in), ``_events`` (events and their reports) and ``_contents`` (a submission's contents).
"""

from ezhou_recovery.analysis.accountability._call_ins import (
    BEHIND,
    Accountability,
    CallIn,
    Ground,
    GroundKind,
    accountability,
)
from ezhou_recovery.analysis.accountability._contents import ContentCheck, check_contents
from ezhou_recovery.analysis.accountability._events import (
    Event,
    EventReportStatus,
    EventStatus,
    event_reports,
)

__all__ = [
    "BEHIND",
    "Accountability",
    "CallIn",
    "ContentCheck",
    "Event",
    "EventReportStatus",
    "EventStatus",
    "Ground",
    "GroundKind",
    "accountability",
    "check_contents",
    "event_reports",
]
