"""JSON Schemas of the document formats, generated from the model classes.

:func:`json_schema` walks a class's attrs fields and their types: text, whole numbers, dates, exact
decimals, quantities written as text, enums (their values listed), tuples and nested classes (in
``$defs``). Fields with a default may be left out; no other field is allowed. Constraints the
validators state simply (identifiers, keys, non-empty text, counts from zero) are in the schema too;
the rest (a total above its first year, a deadline inside the period) is for the loader and
:func:`~ezhou_recovery.validate`.

The schemas ship as ``docs/schemas/<format>.schema.json``; ``python -m ezhou_recovery.schema DIR``
writes them (every format of :func:`~ezhou_recovery.serialization.document_formats`).
"""

from __future__ import annotations

import enum
import json
import sys
import types
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
import pint

from . import _validators as v
from .serialization import DocumentFormat, document_format, document_formats

__all__ = ["SCHEMA_DIALECT", "json_schema", "schema_file_name", "write_schemas"]

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
    """The JSON Schema of the document format of ``cls`` (see :mod:`ezhou_recovery.serialization`).

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
    if t is pint.Quantity or origin is pint.Quantity:
        return dict(_QUANTITY)
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is str:
        return {"type": "string"}
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


def write_schemas(directory: str | Path) -> list[Path]:
    """Write the schema of every document format into ``directory``; return the files written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for document in document_formats():
        path = folder / schema_file_name(document)
        text = json.dumps(json_schema(document.cls), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m ezhou_recovery.schema [DIR]``: write the schemas (default ``docs/schemas``)."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_schemas(args[0] if args else "docs/schemas"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
