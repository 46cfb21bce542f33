"""``schema``: JSON Schema (draft 2020-12) of scenario format v1, for editors.

Generated from ``simulator/scenario/fields.py``, the table the loader checks
keys against, so the two cannot drift: a key added there appears here.

The schema describes what a YAML language server sees after YAML has parsed
the file, which is looser than what the loader reads: ``line: No`` reaches
the editor as the boolean ``false`` though the loader keeps the text "No", and
``cfo.trust: +10`` reaches it as the number 10 though the loader insists on
the sign. So text fields also accept numbers and booleans, and effects accept
numbers; ``repcraft validate`` remains the full check (conditions, step
references, reachability, ...). An optional key left empty (``key:``) reads as
absent, as in the loader.
"""

from __future__ import annotations

from simulator.scenario.fields import (
    ENDING_KINDS,
    NAME_PATTERN,
    OBJECTS,
    SCENARIO,
    SCORE_DIMENSIONS,
    SCORE_RANGE,
    SLUG_PATTERN,
    Field,
    ObjectSpec,
)
from simulator.scenario.model import METERS

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": ["string", "number", "boolean"]}
_NAME = {"type": "string", "pattern": NAME_PATTERN}
_EFFECT_TARGET = rf"^[a-z][a-z0-9_]*(\.({'|'.join(METERS)}))?$"
_EFFECT_CHANGE = r"^\s*([+-]|=)\s*\d+(\.\d+)?\s*$"

# Lists whose items take one of two layouts, told apart by a key: a route
# with `else:` is the catch-all, laid out by `else_route`.
_ALTERNATIVES = {"route": ("else", "else_route")}


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _bounded(schema: dict, f: Field) -> dict:
    if f.lo is not None:
        schema["minimum"] = int(f.lo) if float(f.lo).is_integer() else f.lo
    if f.hi is not None:
        schema["maximum"] = int(f.hi) if float(f.hi).is_integer() else f.hi
    return schema


def _item(name: str) -> dict:
    if name in _ALTERNATIVES:
        key, other = _ALTERNATIVES[name]
        return {
            "if": {"type": "object", "required": [key]},
            "then": _ref(other),
            "else": _ref(name),
        }
    return _ref(name)


def _fixed_schemas() -> dict[str, dict]:
    """The schema of each table type that takes no argument."""
    lo, hi = SCORE_RANGE
    return {
        "text": dict(_TEXT),
        "text_list": {"type": "array", "items": dict(_TEXT)},
        "version": {"const": 1},
        "slug": {"type": "string", "pattern": SLUG_PATTERN},
        "step_ref": dict(_NAME),
        "cast_ref": dict(_NAME),
        "ending": {"enum": list(ENDING_KINDS)},
        "skills": {"type": "array", "items": {"enum": list(SCORE_DIMENSIONS)}, "uniqueItems": True},
        "condition": {"type": ["string", "boolean"], "minLength": 1},
        "effects": {
            "type": "object",
            "propertyNames": {"pattern": _EFFECT_TARGET},
            "additionalProperties": {
                "anyOf": [
                    {"type": "string", "pattern": _EFFECT_CHANGE},
                    {"type": "number"},
                    {"type": "boolean"},
                ]
            },
        },
        "score": {
            "type": "object",
            "properties": {
                d: {"type": "integer", "minimum": lo, "maximum": hi} for d in SCORE_DIMENSIONS
            },
            "additionalProperties": False,
        },
        "path": {"type": "string", "minLength": 1},
        "vars": {
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": {"type": ["number", "boolean"]},
        },
    }


def _value_schema(f: Field) -> dict:
    kind, _, arg = f.type.partition(":")
    fixed = _fixed_schemas()
    if kind in fixed:
        return fixed[kind]
    if kind in ("int", "number"):
        return _bounded({"type": "integer" if kind == "int" else "number"}, f)
    if kind == "object":
        return _ref(arg)
    if kind == "list":
        return {"type": "array", "items": _item(arg)}
    if kind == "names":
        out: dict[str, object] = {"type": "object", "propertyNames": {"pattern": NAME_PATTERN}}
        out["additionalProperties"] = _ref(arg)
        if f.required:
            out["minProperties"] = 1
        return out
    # a new table type must be taught here; fail loudly, never guess
    raise ValueError(f"field {f.key!r}: no JSON Schema for type {f.type!r}")


def field_schema(f: Field) -> dict:
    """The JSON Schema of one field's value, from its table type."""
    out = _value_schema(f)
    if f.description:
        out = {"description": f.description, **out}
    if f.default is not None:
        out["default"] = f.default
    if not f.required:
        out = {"description": f.description, "anyOf": [_strip(out), {"type": "null"}]}
    return out


def _strip(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "description"}


def object_schema(spec: ObjectSpec) -> dict:
    out: dict = {
        "type": "object",
        "description": spec.description,
        "properties": {f.key: field_schema(f) for f in spec.fields},
        "additionalProperties": False,
    }
    required = [f.key for f in spec.fields if f.required]
    if required:
        out["required"] = required
    conditional: dict[str, list[str]] = {}
    for f in spec.fields:
        if f.required_unless:
            conditional.setdefault(f.required_unless, []).append(f.key)
    rules = [
        {"if": {"not": {"required": [unless]}}, "then": {"required": keys}}
        for unless, keys in conditional.items()
    ]
    if len(rules) == 1:
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    return out


def scenario_schema() -> dict:
    """The whole schema: the top level is a scenario, the other objects are ``$defs``."""
    top = object_schema(SCENARIO)
    return {
        "$schema": DIALECT,
        "title": "repcraft scenario, format v1",
        **top,
        "$defs": {
            name: object_schema(spec) for name, spec in OBJECTS.items() if spec is not SCENARIO
        },
    }
