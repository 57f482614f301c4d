"""The published JSON Schema of the tree format, generated from :mod:`.spec`."""

from __future__ import annotations

import json
from typing import Any

from . import spec

SCHEMA_ID = "https://pohon-kinerja.github.io/schema/pohon.schema.json"


def _object_schema(obj: spec.ObjectSpec) -> dict[str, Any]:
    properties = {}
    for field in obj.fields:
        schema = dict(field.type.json_schema())
        if field.label is not None:
            schema["title"] = field.label[0]
        schema["description"] = field.doc
        properties[field.key] = schema
    result: dict[str, Any] = {
        "type": "object",
        "description": obj.doc,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.key for f in obj.required]
    if required:
        result["required"] = required
    return result


def json_schema() -> dict[str, Any]:
    """One schema for both kinds of tree file (regional and agency)."""
    defs = {obj.name: _object_schema(obj) for obj in spec.ALL_SPECS}
    defs["crosscutting"]["oneOf"] = [{"required": ["ke"]}, {"required": ["instansi"]}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Pohon kinerja (SAKIP performance tree)",
        "description": "A tree file: the regional file (pemda:) or an agency file (opd:).",
        "oneOf": [
            {"$ref": f"#/$defs/{spec.REGIONAL_FILE.name}"},
            {"$ref": f"#/$defs/{spec.OPD_FILE.name}"},
        ],
        "$defs": defs,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
