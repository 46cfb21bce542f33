"""Reading the format's small languages: ``when`` conditions, effects, scores, variables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from simulator.scenario.conditions import Condition, ConditionSyntaxError
from simulator.scenario.fields import METER_RANGE, SCORE_DIMENSIONS, SCORE_RANGE
from simulator.scenario.model import METERS, Effect
from simulator.scenario.numbers import shown, too_long, too_long_message
from simulator.scenario.reading import Reader, did_you_mean, pos
from simulator.scenario.yaml_nodes import SCALAR, Node

_ADD = re.compile(r"^([+-])\s*(\d+(?:\.\d+)?|\.\d+)$")
_SET = re.compile(r"^=\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))$")
_BARE = re.compile(r"^(?:\d+(?:\.\d+)?|\.\d+)$")
_SIGNED = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
_YAML_BOOLS = {"yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE"}
_EFFECT_HINT = "write +10 to add, -10 to subtract or = 10 to set"


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def name_types(cast: Mapping, variables: Mapping[str, float | bool]) -> dict[str, str]:
    """What each name in a condition means: ``"number"`` or ``"bool"``."""
    types = {name: ("bool" if isinstance(v, bool) else "number") for name, v in variables.items()}
    for key in cast:
        for meter in METERS:
            types[f"{key}.{meter}"] = "number"
    return types


def condition(r: Reader, node: Node, types: Mapping[str, str], what: str) -> Condition | None:
    """Parse and type-check a ``when``; errors point at the offending character."""
    if node.kind != SCALAR:
        r.wrong_kind(node, what, SCALAR)
        return None
    source = "" if node.is_empty else node.value  # `when:` / `when: ~` as `when: ""`
    try:
        cond = Condition.parse(source)
    except ConditionSyntaxError as exc:
        r.error(
            _at_offset(r, node, exc.offset), f"bad condition in {what}: {exc.message}", exc.hint
        )
        return None
    problems = cond.check(types)
    for problem in problems:
        hint = problem.hint
        if problem.message.startswith("unknown name"):
            name = next((n for n, off in cond.names() if off == problem.offset), "")
            hint = did_you_mean(name, types, cutoff=0.7) or _unknown_name_hint(name, types)
        r.error(_at_offset(r, node, problem.offset), f"{problem.message} ({what})", hint)
    return None if problems else cond


def _unknown_name_hint(name: str, types: Mapping[str, str]) -> str:
    if "." in name:
        member, _, meter = name.partition(".")
        if any(k.startswith(member + ".") for k in types):
            return (
                f"a cast member has only {' and '.join(METERS)}; to track anything else, "
                f"declare a variable under 'vars:' (e.g. {_var_name(member, meter)}: 0)"
            )
        return f"'{member}' is not in the cast"
    return "declare it under 'vars:', or use member.trust / member.belief"


def _var_name(member: str, meter: str) -> str:
    """A legal variable name for ``member.meter`` (``cfo.mood`` -> ``cfo_mood``)."""
    name = re.sub(r"[^a-z0-9_]+", "_", f"{member}_{meter}".lower()).strip("_")
    return name if name[:1].isalpha() else "v_" + name


def _at_offset(r: Reader, node: Node, offset: int) -> tuple[int, int]:
    """Line and column of character ``offset`` of a scalar's value in the file.

    Exact for plain text (one line or several), block text (``|`` / ``>``, the
    lines under the indicator) and simply quoted one-line text; else the value's
    start, since escapes and quote doubling make columns guesswork."""
    start = r.line_start(node.line) + node.col - 1
    if node.style in ("'", '"'):
        if r.source[start + 1 : start + 1 + len(node.value)] != node.value:
            return node.line, node.col
        return node.line, node.col + 1 + offset
    if node.style:  # a block: its text starts on the line after the indicator
        start = r.source.find("\n", start, max(node.end, start)) + 1
        if start == 0:
            return node.line, node.col
    at = _source_index(node.value, r.source, start, node.end, offset)
    if at is None:
        return node.line, node.col
    line = node.line + r.source.count("\n", r.line_start(node.line), at)
    return line, at - r.line_start(line) + 1


def _source_index(value: str, source: str, start: int, end: int, offset: int) -> int | None:
    """Where ``value[offset]`` is in ``source[start:end]``, or None if they differ.

    The two hold the same characters but for whitespace (YAML folds line breaks
    and drops indentation), so the n-th visible character of one is the n-th of
    the other. An offset at a space or at the end lands just after the word before."""
    visible = "".join(value.split())
    wanted = len("".join(value[:offset].split()))
    on_char = offset < len(value) and not value[offset].isspace()
    seen = 0
    last = None
    for i in range(start, min(end, len(source))):
        ch = source[i]
        if ch.isspace():
            continue
        if seen >= len(visible) or ch != visible[seen]:
            return None
        if seen == wanted:
            return i if on_char or last is None else last + 1
        last = i
        seen += 1
    if seen == wanted == len(visible) and last is not None:
        return last + 1
    return None


def effects(
    r: Reader, node: Node, cast: Mapping, variables: Mapping[str, float | bool], what: str
) -> tuple[Effect, ...]:
    """``{cfo.trust: +10, discounted: true}`` into Effects; every mistake reported."""
    pairs = r.pairs(node, what, unique="effect target")
    if pairs is None:
        return ()
    out = []
    for key, value in pairs:
        effect = _effect(r, key, value, cast, variables)
        if effect is not None:
            out.append(effect)
    return tuple(out)


def _effect(r: Reader, key: Node, value: Node, cast: Mapping, variables: Mapping) -> Effect | None:
    kind = _target_kind(r, key, value, cast, variables)
    if kind is None:
        return None
    return _effect_value(r, key, value, kind)


def _target_kind(
    r: Reader, key: Node, value: Node, cast: Mapping, variables: Mapping
) -> str | None:
    """What an effect changes: "meter", "bool" or "number"; None (reported) if unknown."""
    target = key.value
    member, dot, meter = target.partition(".")
    if dot:
        if member not in cast:
            r.error(
                key,
                f"effect on '{target}': '{member}' is not in the cast",
                did_you_mean(member, cast)
                or ("the cast is: " + ", ".join(cast) if cast else "add it under cast:"),
            )
            return None
        if meter not in METERS:
            var = _var_name(member, meter)
            change = value.value.strip() if value.kind == SCALAR else "+1"
            start = "false" if change in ("true", "false") else "0"
            r.error(
                key,
                f"effect on '{target}': a cast member has only trust and belief",
                did_you_mean(meter, METERS)
                or f"to track {meter}, declare a variable under 'vars:' "
                f"(e.g. {var}: {start}) and write the effect on it ({var}: {change})",
            )
            return None
        kind = "meter"
    elif target in variables:
        kind = "bool" if isinstance(variables[target], bool) else "number"
    else:
        hint = did_you_mean(target, list(variables) + [f"{c}.{m}" for c in cast for m in METERS])
        if not hint and target in cast:
            hint = f"name a meter: {target}.trust or {target}.belief"
        r.error(
            key,
            f"effect on undeclared name '{target}'",
            hint or f"declare it under 'vars:' (e.g. {target}: false)",
        )
        return None
    return kind


def _effect_value(r: Reader, key: Node, value: Node, kind: str) -> Effect | None:
    """The change an effect's value makes to a target of ``kind``."""
    target = key.value
    if value.kind != SCALAR:
        r.wrong_kind(value, f"the effect on '{target}'", SCALAR)
        return None
    if value.is_empty:
        hint = "write true or false" if kind == "bool" else _EFFECT_HINT
        r.error(value, f"the effect on '{target}' has no value", hint)
        return None
    raw = value.value.strip()
    if kind == "bool":
        if raw in ("true", "false"):
            return Effect(target, "set", raw == "true", pos(key))
        r.error(value, f"'{target}' is true/false; '{raw}' cannot change it", "write true or false")
        return None
    if raw in ("true", "false") or raw in _YAML_BOOLS:
        r.error(value, f"'{target}' is a number; '{raw}' cannot change it", _EFFECT_HINT)
        return None
    if too_long(raw):
        r.error(value, too_long_message(f"the change to '{target}'", raw), _EFFECT_HINT)
        return None
    m = _ADD.match(raw)
    if m:
        amount = _number(m.group(2))
        return Effect(target, "add", -amount if m.group(1) == "-" else amount, pos(key))
    m = _SET.match(raw)
    if m:
        amount = _number(m.group(1))
        lo, hi = METER_RANGE
        if kind == "meter" and not lo <= amount <= hi:
            r.error(
                value,
                f"'= {m.group(1)}' sets {target} outside {lo}..{hi}",
                f"meters run from {lo} to {hi}",
            )
            return None
        return Effect(target, "set", amount, pos(key))
    if _BARE.match(raw):
        r.error(
            value,
            f"'{target}: {raw}' has no sign, so it could mean add or set",
            f"write +{raw} to add or = {raw} to set",
        )
        return None
    r.error(value, f"cannot read '{shown(raw)}' as a change to '{target}'", _EFFECT_HINT)
    return None


def score(r: Reader, node: Node, what: str) -> dict[str, int]:
    pairs = r.pairs(node, what, unique="score dimension")
    if pairs is None:
        return {}
    lo, hi = SCORE_RANGE
    out: dict[str, int] = {}
    for key, value in pairs:
        dim = key.value
        if dim not in SCORE_DIMENSIONS:
            r.error(
                key,
                f"unknown score dimension '{dim}'",
                did_you_mean(dim, SCORE_DIMENSIONS) or "score courage, authenticity or belief",
            )
            continue
        if value.kind != SCALAR:
            r.wrong_kind(value, f"the {dim} score", SCALAR)
            continue
        raw = value.value.strip()
        if not _SIGNED.match(raw) or "." in raw or too_long(raw):
            r.error(
                value,
                f"the {dim} score must be a whole number from {lo} to +{hi}, not '{shown(raw)}'",
                "use -3, -2, -1, 0, 1, 2 or 3",
            )
            continue
        n = int(raw)
        if not lo <= n <= hi:
            r.error(
                value,
                f"the {dim} score {raw} is outside {lo}..+{hi}",
                f"use a whole number from {lo} to +{hi}",
            )
            continue
        out[dim] = n
    return out


def variables(
    r: Reader, node: Node, cast_keys: Iterable[str]
) -> dict[str, tuple[float | bool, Node]]:
    pairs = r.pairs(node, "vars", unique="variable")
    if pairs is None:
        return {}
    out: dict[str, tuple[float | bool, Node]] = {}
    for key, value in pairs:
        name = r.name(key, "variable", in_conditions=True)
        if name is None:
            continue
        if name in cast_keys:
            r.error(
                key,
                f"variable '{name}' has the same name as a cast member",
                "rename the variable, so 'when' and effects read unambiguously",
            )
            continue
        if value.kind != SCALAR:
            r.wrong_kind(value, f"variable '{name}'", SCALAR)
            continue
        if value.is_empty:
            r.error(
                key,
                f"variable '{name}' has no value",
                "start it at a number or true/false, e.g. 0 or false",
            )
            continue
        raw = value.value.strip()
        if raw in ("true", "false"):
            out[name] = (raw == "true", key)
        elif _SIGNED.match(raw) and too_long(raw):
            r.error(value, too_long_message(f"variable '{name}'", raw), "e.g. 0, 2.5 or false")
        elif _SIGNED.match(raw):
            out[name] = (_number(raw.lstrip("+")), key)
        else:
            hint = "write true or false" if raw in _YAML_BOOLS else "e.g. 0, 2.5 or false"
            r.error(
                value,
                f"variable '{name}' must start as a number or true/false, not '{shown(raw)}'",
                hint,
            )
    return out
