"""Lossless JSON documents of the model: ``to_json`` and ``from_json``.

Every document is a JSON object that names its format and version beside the object's own fields::

    {"format": "ezhou-recovery/target", "format_version": 1, "key": "transport.x", ...}

A programme's document is the programme file format of :mod:`~ezhou_recovery.io.programme_files`, so
``load_programme`` reads what ``to_json`` writes. Money and other magnitudes are exact decimals
written as text with their unit (``"46.71 yi_yuan"``), dates ``YYYY-MM-DD``, Chinese as is.

Each serializable class has a :class:`DocumentFormat` in a registry; a later module (observations,
submissions, results) makes its classes serializable with :func:`register_format`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final, TypeAlias, TypeVar, cast

import attrs

from ezhou_recovery.errors import LoadError
from ezhou_recovery.evidence.observations import AnnualInvestmentPlan, InvestmentReport, Observation
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io.json import _converter
from ezhou_recovery.io.programme_files import (
    PROGRAMME_FORMAT,
    PROGRAMME_FORMAT_VERSION,
    check_format,
    parse_data,
    programme_from_data,
)
from ezhou_recovery.model.obligations import ContentItem, Deadline, DueRule, ReportingObligation
from ezhou_recovery.model.people import Department, District, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme, Task
from ezhou_recovery.model.projects import Funding, Milestone, PlannedInvestment, Portfolio, Project
from ezhou_recovery.model.supervision import AccountabilityRule, EventDuty, StandingDuty
from ezhou_recovery.model.targets import Baseline, Target

__all__ = [
    "DocumentFormat",
    "JSONObject",
    "JSONValue",
    "document_format",
    "document_formats",
    "from_data",
    "from_json",
    "register_format",
    "to_data",
    "to_json",
]

T = TypeVar("T")

#: A JSON value as Python holds it once parsed (or before it is written).
JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
#: A JSON object: a document, or the fields of one.
JSONObject: TypeAlias = "dict[str, JSONValue]"

#: Prefix of the names of this library's formats.
FORMAT_PREFIX: Final = "ezhou-recovery/"


@attrs.frozen
class DocumentFormat:
    """How one class is written as a document.

    Attributes:
        cls: The class.
        name: The value of the document's ``format`` field (``ezhou-recovery/programme``).
        version: The value of its ``format_version`` field; reading any other is an error.
        reader: Builds the object from the document's fields (without ``format`` and
            ``format_version``) and a source name; by default the strict converter.
        writer: Turns the object into the document's own fields; by default the strict converter
            (whose quantities keep to the range of values the readers take as input).
        optional_fields: Fields (``Class.field``) a document may leave out although the class needs
            them, because the reader fills them in (a target's deadline in a programme file).
    """

    cls: type
    name: str
    version: int
    reader: Callable[[JSONObject, str], object] | None = None
    #: Called with an instance of ``cls``.
    writer: Callable[..., JSONObject] | None = None
    optional_fields: frozenset[str] = frozenset()

    def read(self, body: JSONObject, source: str) -> object:
        """Build the object from the document's own fields; raises LoadError."""
        if self.reader is not None:
            return self.reader(body, source)
        built: object = _converter.structure(body, self.cls, source=source)
        return built

    def write(self, obj: object) -> JSONObject:
        """The object's own fields as plain data."""
        fields: JSONObject = (
            _converter.converter.unstructure(obj) if self.writer is None else self.writer(obj)
        )
        return fields


_FORMATS: dict[type, DocumentFormat] = {}


def register_format(document: DocumentFormat) -> None:
    """Make ``document.cls`` serializable (an observations or submissions module calls this).

    Raises:
        ValueError: The class or the format name is registered already for something else.
    """
    for known in _FORMATS.values():
        if known.name == document.name and known.cls is not document.cls:
            raise ValueError(f"format {document.name!r} is taken by {known.cls.__name__}")
    if document.cls in _FORMATS and _FORMATS[document.cls] != document:
        raise ValueError(f"{document.cls.__name__} has a format already")
    _FORMATS[document.cls] = document


def document_format(cls: type) -> DocumentFormat:
    """The format of ``cls``.

    Raises:
        TypeError: ``cls`` has no registered format.
    """
    if cls not in _FORMATS:
        _load_result_formats()
    try:
        return _FORMATS[cls]
    except KeyError:
        known = ", ".join(sorted(c.__name__ for c in _FORMATS))
        raise TypeError(f"{cls.__name__} has no document format (known: {known})") from None


def document_formats() -> tuple[DocumentFormat, ...]:
    """Every registered format, programme first, then the results'."""
    _load_result_formats()
    return tuple(_FORMATS.values())


def _load_result_formats() -> None:
    # The results' formats register on import; imported on first need, so that reading a plan
    # does not import the attainment and compliance modules.
    from ezhou_recovery.io.json import results  # noqa: F401


def to_data(obj: object) -> JSONObject:
    """``obj`` as a JSON-compatible document (a dict), with its format and version first.

    Raises:
        TypeError: The object's class has no registered format.
        UnitError: A quantity has a magnitude that cannot be written exactly (NaN, infinity).
    """
    document = document_format(type(obj))
    fields = document.write(obj)
    return {"format": document.name, "format_version": document.version, **fields}


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """``obj`` as a JSON document: exact decimals, units, ISO dates, Chinese text as is.

    Raises:
        TypeError: The object's class has no registered format.
        UnitError: A quantity has a magnitude that cannot be written exactly (NaN, infinity).
    """
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent) + "\n"


def from_data(data: object, cls: type[T], *, source: str = "<data>") -> T:
    """Build a ``cls`` from a document already parsed into plain data (see :func:`from_json`)."""
    document = document_format(cls)
    body = check_format(data, source=source, expected=document.name, version=document.version)
    return cast(T, document.read(body, source))


def from_json(text: str | bytes, cls: type[T], *, source: str = "<json>") -> T:
    """Read a document written by :func:`to_json` (or by hand) back into a ``cls``.

    Raises:
        LoadError: The text is not JSON, names another format or an unknown version, or a field is
            missing, unknown or wrong; the error names the source, the path and the value.
        TypeError: ``cls`` has no registered format (a programming error, not bad input).
    """
    document_format(cls)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if not isinstance(raw, bytes):
        raise LoadError(source, "", "expected JSON text", type(text).__name__)
    return from_data(parse_data(raw, source=source, suffix=".json"), cls, source=source)


def _register_model() -> None:
    attrs.resolve_types(Submission)  # see _converter._resolve_model_types
    register_format(
        DocumentFormat(
            Programme,
            PROGRAMME_FORMAT,
            PROGRAMME_FORMAT_VERSION,
            reader=lambda body, source: programme_from_data(
                {"format": PROGRAMME_FORMAT, "format_version": PROGRAMME_FORMAT_VERSION, **body},
                source=source,
            ),
            optional_fields=frozenset({"Target.deadline"}),
        )
    )
    names = {
        Category: "category",
        Target: "target",
        Baseline: "baseline",
        Task: "task",
        Project: "project",
        Portfolio: "portfolio",
        Funding: "funding",
        Milestone: "milestone",
        PlannedInvestment: "planned-investment",
        Department: "department",
        Official: "official",
        District: "district",
        ReportingObligation: "obligation",
        ContentItem: "content-item",
        EventDuty: "event-duty",
        StandingDuty: "standing-duty",
        AccountabilityRule: "accountability-rule",
        DueRule: "due-rule",
        Deadline: "deadline",
        Period: "period",
        InvestmentReport: "investment-report",
        AnnualInvestmentPlan: "annual-investment-plan",
        Observation: "observation",
        Submission: "submission",
    }
    for cls, name in names.items():
        register_format(DocumentFormat(cls, FORMAT_PREFIX + name, 1))


_register_model()
