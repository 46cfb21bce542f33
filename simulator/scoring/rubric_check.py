"""The shape of a trainer's rubric extension file, as a JSON Schema, and its check.

``extension_schema()`` is the one statement of which keys a rubric file takes and what
each holds; ``jsonschema`` checks a file against it and the first problem in the file
becomes a ``RubricError`` at its ``path:line:col``. Each part of the schema carries the
message a trainer reads (``x-message``, ``x-unknown`` for a key it does not know, and
``x-hint``). What a schema cannot say is checked after it: that each pattern compiles,
and that a new rule (one the base rubric lacks) says everything a rule needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from simulator.scenario.rubric_file import Positions, RubricError, did_you_mean
from simulator.scoring.types import DIMENSIONS

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

DETECTORS = (
    "timeout",
    "proper_name",
    "false_claims",
    "false_claims_denied",
    "echo",
    "facts",
    "feature_list",
    "moves",
)
FRACTION_KEYS = ("diminishing", "authored_text_factor", "fact_overlap", "false_claim_overlap")
LIST_KEYS = ("negators", "stopwords", "synonyms", "facts", "false_claims")
HELPER_KEYS = ("phrases", "patterns", "rules")
_TEXT_KEYS = ("note", "example", "with", "without", "phrases_from", "on_negated")

_MESSAGE, _UNKNOWN, _HINT = "x-message", "x-unknown", "x-hint"
_QUOTE = "quote"  # an x-hint: say why YAML did not read the entry as text


def _texts(key: str) -> dict:
    return {
        "type": "array",
        _MESSAGE: f"'{key}' must be a list",
        "items": {"type": "string", _MESSAGE: f"'{key}' entries must be text", _HINT: _QUOTE},
    }


def _rule_schema() -> dict:
    weight = {
        "type": "number",
        "minimum": -50,
        "maximum": 50,
        _MESSAGE: "a weight is a number of points from -50 to 50",
    }
    properties: dict[str, dict] = {
        "weights": {
            "type": "object",
            _MESSAGE: "'weights' maps a dimension to points",
            "properties": dict.fromkeys(DIMENSIONS, weight),
            "additionalProperties": False,
            _UNKNOWN: "unknown dimension '{extra}'",
        },
        "max_hits": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10,
            _MESSAGE: "'max_hits' is a whole number from 1 to 10",
        },
        "detector": {"enum": list(DETECTORS), _MESSAGE: "unknown detector '{value}'"},
        "phrases": {**_texts("phrases"), _MESSAGE: "'phrases' must be a list of text"},
        "patterns": {**_texts("patterns"), _MESSAGE: "'patterns' must be a list of text"},
    }
    for key in _TEXT_KEYS:
        properties[key] = {"type": "string", _MESSAGE: f"'{key}' must be text"}
    for key in ("enabled", "case_sensitive"):
        properties[key] = {"type": "boolean", _MESSAGE: f"'{key}' must be true or false"}
    return {
        "type": "object",
        _MESSAGE: "rule '{name}' must be a mapping",
        _HINT: "give it phrases: [...] or weights: {...}",
        "properties": properties,
        "additionalProperties": False,
        _UNKNOWN: "unknown key '{extra}' in rule '{name}'",
    }


def _helper_schema() -> dict:
    only = "helper '{name}' takes only phrases, patterns and rules"
    return {
        "type": "object",
        _MESSAGE: only,
        "properties": {key: _texts(key) for key in HELPER_KEYS},
        "additionalProperties": False,
        _UNKNOWN: only,
    }


@lru_cache(maxsize=1)
def extension_schema() -> dict:
    """The JSON Schema (2020-12) of a rubric extension file."""
    word = {"type": "string", _MESSAGE: "each synonym group is a list of words", _HINT: _QUOTE}
    properties: dict[str, dict] = {
        "version": {},
        "about": {},
        "synonyms": {
            "type": "array",
            _MESSAGE: "'synonyms' must be a list",
            "items": {
                "type": "array",
                _MESSAGE: "each synonym group is a list of words",
                "items": word,
            },
        },
        "helpers": {
            "type": ["object", "null"],
            _MESSAGE: "'helpers' must be a mapping of helper names",
            "additionalProperties": _helper_schema(),
        },
        "rules": {
            "type": "object",
            _MESSAGE: "'rules' must be a mapping of rule names",
            _HINT: "rules:\n  buzzword:\n    phrases: [synergy]",
            "additionalProperties": _rule_schema(),
        },
    }
    for key in ("negators", "stopwords", "facts", "false_claims"):
        properties[key] = _texts(key)
    for key in FRACTION_KEYS:
        properties[key] = {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            _MESSAGE: f"'{key}' must be a number from 0 to 1",
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "repcraft rubric extension file",
        "type": "object",
        _MESSAGE: "a rubric file must be a mapping at the top level",
        _HINT: "start with 'rules:' or 'facts:'",
        "properties": properties,
        "additionalProperties": False,
        _UNKNOWN: "unknown key '{extra}'",
    }


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # here: only trainers' files need it

    return Draft202012Validator(extension_schema())


def where(positions: Positions, keys: tuple) -> tuple[int, int]:
    """The line and column of ``keys``, or of the nearest enclosing key that has one."""
    while keys:
        if keys in positions:
            return positions[keys]
        keys = keys[:-1]
    return positions.get((), (1, 1))


def _quote_hint(item: object) -> str:
    """Why a word a trainer typed is not text: YAML read it as a yes/no or a number."""
    if isinstance(item, bool):
        return "YAML reads yes, no, on, off, true and false as a yes/no: quote the word ('yes')"
    if isinstance(item, (int, float)):
        return f"YAML reads {item} as a number: quote it ('{item}')"
    return "write each entry as plain text"


def _schema_of(error: ValidationError) -> Mapping[str, Any]:
    """The part of the schema that failed (every part of ours is a mapping)."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _keys_of(error: ValidationError) -> tuple:
    """Where the problem stands: the value, or for an unknown key the key itself."""
    keys = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = _schema_of(error).get("properties", {})
        extra = [k for k in error.instance if k not in known]
        if extra:
            keys += (extra[0],)
    return keys


def _to_rubric_error(error: ValidationError, path: str, positions: Positions) -> RubricError:
    keys = _keys_of(error)
    schema = _schema_of(error)
    names = [k for k in keys if isinstance(k, str)]
    fill = {
        "extra": keys[-1] if keys else "",
        "name": keys[1] if len(keys) > 1 else "",
        "value": error.instance,
        "key": names[-1] if names else "",
    }
    if error.validator == "additionalProperties":
        message = schema[_UNKNOWN].format(**fill)
        hint = did_you_mean(str(fill["extra"]), schema.get("properties", {}))
    else:
        message = schema.get(_MESSAGE, error.message).format(**fill)
        hint = schema.get(_HINT, "")
        if error.validator == "enum":
            hint = did_you_mean(str(error.instance), [str(v) for v in schema["enum"]])
    if hint == _QUOTE:
        hint = _quote_hint(error.instance)
    return RubricError(path, *where(positions, keys), message, hint)


def check_extension(data: object, path: str, positions: Positions, base: dict) -> dict:
    """``data`` checked against the schema, then patterns and new rules; returns it, or
    raises RubricError at the first problem in the file."""
    errors = list(_validator().iter_errors(data))
    if errors:

        def place(error: ValidationError) -> tuple[int, int, int]:
            keys = _keys_of(error)
            return (*where(positions, keys), -len(keys))

        raise _to_rubric_error(min(errors, key=place), path, positions)
    assert isinstance(data, dict)  # the schema's top level is a mapping
    for name, rule in (data.get("rules") or {}).items():
        _check_patterns(path, positions, ("rules", name, "patterns"), rule.get("patterns", []))
        if name not in base.get("rules", {}) and rule.get("enabled", True):
            _check_new_rule(name, rule, path, positions)
    return data


def _check_patterns(path: str, positions: Positions, keys: tuple, patterns: list[str]) -> None:
    for i, pat in enumerate(patterns):
        try:
            re.compile(pat)
        except re.error as exc:
            raise RubricError(
                path,
                *where(positions, keys + (i,)),
                f"bad pattern {pat!r}: {exc}",
                "patterns are regular expressions; 'phrases' are plain words",
            ) from None


def _check_new_rule(name: str, rule: dict, path: str, positions: Positions) -> None:
    """A rule the base rubric does not have must say everything a rule needs."""
    missing = [k for k in ("weights", "note") if k not in rule]
    if not (rule.get("phrases") or rule.get("patterns") or rule.get("detector")):
        missing.append("phrases")
    if missing:
        raise RubricError(
            path,
            *where(positions, ("rules", name)),
            f"new rule '{name}' needs {', '.join(missing)}",
            "a new rule needs weights, a note, and phrases or patterns",
        )
