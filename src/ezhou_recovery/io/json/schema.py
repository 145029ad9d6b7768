"""JSON Schemas of the document formats, generated from the model classes.

:func:`json_schema` walks a class's attrs fields and their types: text, whole numbers, dates, exact
decimals, quantities written as text, enums (their values listed), tuples and nested classes (in
``$defs``). Fields with a default may be left out; no other field is allowed. Constraints the
validators state simply (identifiers, keys, non-empty text, counts from zero) are in the schema too;
the rest (a total above its first year, a deadline inside the period) is for the loader and
:func:`~ezhou_recovery.validate`.

The schemas ship as ``docs/schemas/<format>.schema.json``; ``python -m ezhou_recovery.io.json.schema DIR``
writes them (every format of :func:`~ezhou_recovery.io.json.documents.document_formats`).
"""

from __future__ import annotations

import enum
import json
import sys
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

import attrs
import pint

from ezhou_recovery._core import validators as v
from ezhou_recovery.evidence._values import FALSE_WORDS, TRUE_WORDS
from ezhou_recovery.evidence.observations import (
    InvestmentReport,
    Observation,
    QualitativeLevel,
)
from ezhou_recovery.evidence.submissions import Submission
from ezhou_recovery.io.json.documents import DocumentFormat, document_format, document_formats
from ezhou_recovery.io.observation_files import INVESTMENT_FORMAT, OBSERVATIONS_FORMAT
from ezhou_recovery.io.submission_files import SUBMISSIONS_FORMAT, SUBMISSIONS_FORMAT_VERSION
from ezhou_recovery.units.reporting import ReportingUnit

__all__ = [
    "FILE_FORMATS",
    "SCHEMA_DIALECT",
    "file_schema",
    "json_schema",
    "schema_file_name",
    "write_schemas",
]

#: The JSON Schema dialect of the generated schemas.
SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_BASE_URI: Final = "https://ezhou-recovery.invalid/schemas/"

_TEXT: Final = {"type": "string", "pattern": r"\S"}
_BY_VALIDATOR: Final[dict[Any, dict[str, Any]]] = {
    v.text: _TEXT,
    v.optional_text: _TEXT,
    v.slug: {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"},
    v.dotted_key: {"type": "string", "pattern": r"^[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_]*)+$"},
    v.non_negative_int: {"type": "integer", "minimum": 0},
}
_QUANTITY: Final = {
    "type": "string",
    "pattern": "[0-9\uff10-\uff19]",
    "description": "A number and its unit, as text: '77.6 kilometer', '77.6公里', '46.71亿元'.",
}


def schema_file_name(document: DocumentFormat) -> str:
    """``programme.schema.json`` for ``ezhou-recovery/programme``."""
    return document.name.rsplit("/", 1)[-1] + ".schema.json"


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of the document format of ``cls`` (see :mod:`ezhou_recovery.io.json.documents`).

    Raises:
        TypeError: ``cls`` has no document format, or a field has a type the generator does not know.
    """
    document = document_format(cls)
    defs: dict[str, Any] = {}
    root = _class_schema(cls, defs, document.optional_fields)
    root["properties"] = {
        "format": {"const": document.name},
        "format_version": {"const": document.version},
        **root["properties"],
    }
    root["required"] = ["format", "format_version", *root["required"]]
    defs.pop(cls.__name__, None)
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": _BASE_URI + schema_file_name(document),
        "title": f"{document.name} version {document.version}",
        "description": _summary(cls),
        **root,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _summary(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


def _class_schema(cls: type, defs: dict[str, Any], optional: frozenset[str]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        name = field.alias or field.name
        prop = _type_schema(hints[field.name], defs, optional)
        prop = _with_validator(prop, field.validator)
        properties[name] = prop
        if field.default is attrs.NOTHING and f"{cls.__name__}.{name}" not in optional:
            required.append(name)
    return {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _with_validator(prop: dict[str, Any], validator: Any) -> dict[str, Any]:
    inner = getattr(validator, "validator", validator)  # attrs.validators.optional(...)
    options = getattr(inner, "options", None)  # attrs.validators.in_(...)
    if isinstance(options, tuple | list | frozenset | set):
        return {**prop, "enum": sorted(options)}
    extra = _BY_VALIDATOR.get(inner)
    if extra is None:
        return prop
    if "anyOf" in prop:
        return {"anyOf": [extra if p.get("type") != "null" else p for p in prop["anyOf"]]}
    return {**prop, **extra}


def _type_schema(t: Any, defs: dict[str, Any], optional: frozenset[str]) -> dict[str, Any]:
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        choices = [_type_schema(a, defs, optional) for a in args if a is not type(None)]
        if type(None) in args:
            choices.append({"type": "null"})
        return choices[0] if len(choices) == 1 else {"anyOf": choices}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], defs, optional)}
    if origin is tuple:
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, defs, optional) for a in args],
            "items": False,
        }
    if t is pint.Quantity or origin is pint.Quantity:
        return dict(_QUANTITY)
    if t is ReportingUnit:
        return {
            "type": "string",
            "description": "The unit the target's sector reports in, as written (万千瓦, 公里).",
            "minLength": 1,
        }
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is str:
        return {"type": "string"}
    if t is float:
        return {"type": "number"}
    if t is Fraction:
        return {
            "anyOf": [{"type": "string", "pattern": r"^[+-]?\d+(/\d+)?$"}, {"type": "integer"}],
            "description": "An exact fraction as text: '3/4'.",
        }
    if t is datetime:
        return {
            "type": "string",
            "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$",
        }
    if t is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if t is Decimal:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"},
                {"type": "integer"},
            ]
        }
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {"type": "string", "enum": [m.value for m in t]}
    if isinstance(t, type) and attrs.has(t):
        if t.__name__ not in defs:
            defs[t.__name__] = {}  # a placeholder against recursion
            defs[t.__name__] = _class_schema(t, defs, optional)
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no JSON Schema for the type {t!r}")


#: The files the loaders read as JSON: (format name, version, the field holding the list, the class
#: of an entry). Each entry has the fields of the class's own document, read more leniently.
FILE_FORMATS: Final[tuple[tuple[str, int, str, type], ...]] = (
    (OBSERVATIONS_FORMAT, 1, "observations", Observation),
    (INVESTMENT_FORMAT, 1, "investment_reports", InvestmentReport),
    (SUBMISSIONS_FORMAT, SUBMISSIONS_FORMAT_VERSION, "submissions", Submission),
)


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a file the loaders read (``ezhou-recovery/observations``, ...).

    An entry is the class's document without ``format`` and ``format_version``, with the forms the
    loader reads besides: an observation's value as a bare number (in the target's unit), a level's
    English or Chinese name, a milestone's yes/no word; a submission given by its ``deadline`` key
    instead of ``obligation`` and ``department``.

    Raises:
        KeyError: No file format has that name.
    """
    found = {f[0]: f for f in FILE_FORMATS}
    if name not in found:
        raise KeyError(f"no file format {name!r} (known: {', '.join(found)})")
    _, version, list_name, cls = found[name]
    entry = json_schema(cls)
    defs = entry.pop("$defs", {})
    for field in ("$schema", "$id", "title"):
        entry.pop(field)
    entry["properties"].pop("format")
    entry["properties"].pop("format_version")
    entry["required"] = [r for r in entry["required"] if r not in ("format", "format_version")]
    if cls is Observation:
        words = sorted(
            {w for lv in QualitativeLevel for w in (lv.value, lv.name_en, lv.name_zh)}
            | TRUE_WORDS
            | FALSE_WORDS
        )
        entry["properties"]["value"] = {
            "anyOf": [
                dict(_QUANTITY),
                {"type": "number", "minimum": 0},
                {"type": "boolean"},
                {"type": "string", "enum": words},
            ]
        }
    if cls is Submission:
        entry["properties"]["deadline"] = {
            "type": "string",
            "pattern": "^[^/]+/[^/]+/[^/]+/[^/]+$",
            "description": "obligation/category/department/period; '-' for no category",
        }
        entry["required"] = ["submitted_at"]
        entry["anyOf"] = [
            {"required": ["deadline"]},
            {"required": ["obligation", "department"]},
        ]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": _BASE_URI + _file_schema_name(name),
        "title": f"{name} version {version}",
        "description": f"A file of {list_name.replace('_', ' ')}, read by the library's loader.",
        "type": "object",
        "properties": {
            "format": {"const": name},
            "format_version": {"const": version},
            list_name: {"type": "array", "items": {"$ref": "#/$defs/Entry"}},
        },
        "required": ["format", "format_version", list_name],
        "additionalProperties": False,
        "$defs": dict(sorted({**defs, "Entry": entry}.items())),
    }
    return schema


def _file_schema_name(name: str) -> str:
    return name.rsplit("/", 1)[-1] + "-file.schema.json"


def write_schemas(directory: str | Path) -> list[Path]:
    """Write the schema of every document format and every loader file format into
    ``directory``; return the files written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    schemas = [(schema_file_name(d), json_schema(d.cls)) for d in document_formats()]
    schemas += [(_file_schema_name(f[0]), file_schema(f[0])) for f in FILE_FORMATS]
    written = []
    for name, schema in schemas:
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m ezhou_recovery.io.json.schema [DIR]``: write the schemas (default ``docs/schemas``)."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_schemas(args[0] if args else "docs/schemas"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
