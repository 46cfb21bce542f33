"""A reviewable patch that adds a harvested reply to a scenario file: as a choice, as the
step's model answer, or as a ``like`` phrase of a route. The file itself is never
written: the trainer reads the diff and applies it (``patch FILE PATCH``) or not.

The edit is made on the file's text, not by dumping YAML, so the trainer's comments,
order and quoting stay as they were and the diff shows only the addition. Where it
goes comes from the loader's positions and the file's indentation; the result is then
loaded again, and the patch is only given when the scenario still loads and the step
gained exactly what was asked (otherwise a clear error says to add it by hand).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass

from simulator.scenario.loader import check_text
from simulator.scenario.model import Scenario, Step

KINDS = ("choice", "model", "like")


class PatchError(Exception):
    """The reply cannot be added this way; the message says why and what to do."""


@dataclass(frozen=True)
class Provenance:
    """Who typed the reply, when, in which session, and how it scored."""

    rep: str
    at: str | None
    session: int
    score: float

    def comment(self) -> str:
        who = " ".join(self.rep.split()) or "an unnamed rep"
        return (
            f"# harvested: typed by {who} at {self.at or 'an unknown time'}"
            f" (session {self.session}), scored {self.score:.1f}; review before keeping"
        )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    return bool(line.strip())


def _block_end(lines: list[str], head: int, indent: int, *, sequence: bool = False) -> int:
    """The index just past the last line of the block under ``lines[head]``: every
    following line more indented than ``indent`` (for a sequence value, also its
    ``- `` items written at ``indent`` itself)."""
    last = head
    for i in range(head + 1, len(lines)):
        line = lines[i]
        if not _content(line):
            continue
        ind = _indent(line)
        if ind < indent or ind == indent and not (sequence and line.lstrip().startswith("-")):
            break
        last = i
    return last + 1


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), on one line."""
    return json.dumps(text, ensure_ascii=False)


def _key_line(lines: list[str], start: int, end: int, indent: int, key: str) -> int | None:
    for i in range(start, end):
        line = lines[i]
        stripped = line.lstrip(" ")
        if _indent(line) == indent and stripped.startswith(f"{key}:"):
            return i
    return None


def _child_indent(lines: list[str], head: int, end: int) -> int:
    for i in range(head + 1, end):
        if _content(lines[i]) and not lines[i].lstrip().startswith("#"):
            return _indent(lines[i])
    return _indent(lines[head]) + 2


def _step_block(lines: list[str], step: Step) -> tuple[int, int, int]:
    head = step.pos.line - 1
    end = _block_end(lines, head, _indent(lines[head]))
    return head, end, _child_indent(lines, head, end)


def add_choice(lines: list[str], step: Step, reply: str, nxt: str, why: str) -> list[str]:
    head, end, ci = _step_block(lines, step)
    at = _key_line(lines, head + 1, end, ci, "choices")
    if at is None:
        pad = " " * (ci + 2)
        new = [f"{' ' * ci}choices:\n", f"{pad}{why}\n", f"{pad}- text: {_quoted(reply)}\n",
               f"{pad}  next: {nxt}\n"]  # fmt: skip
        return lines[:end] + new + lines[end:]
    if lines[at].split(":", 1)[1].strip():
        raise PatchError(f"line {at + 1}: the choices are written on one line; add it by hand")
    items_end = _block_end(lines, at, ci, sequence=True)
    dash = next((_indent(x) for x in lines[at + 1 : items_end] if x.lstrip().startswith("-")), ci)
    new = [f"{' ' * dash}{why}\n", f"{' ' * dash}- text: {_quoted(reply)}\n",
           f"{' ' * (dash + 2)}next: {nxt}\n"]  # fmt: skip
    return lines[:items_end] + new + lines[items_end:]


def set_model_answer(lines: list[str], step: Step, reply: str, why: str) -> list[str]:
    head, end, ci = _step_block(lines, step)
    new = [f"{' ' * ci}{why}\n", f"{' ' * ci}model_answer: {_quoted(reply)}\n"]
    at = _key_line(lines, head + 1, end, ci, "model_answer")
    if at is None:
        return lines[:end] + new + lines[end:]
    return lines[:at] + new + lines[_block_end(lines, at, ci) :]  # the old one is replaced


def add_like(lines: list[str], step: Step, route_index: int, reply: str, why: str) -> list[str]:
    route = step.routes[route_index]
    if route.is_else:
        raise PatchError("that route is the step's else: it has no like phrases (pick --route N)")
    head = route.pos.line - 1
    dash_indent = _indent(lines[head])
    item_end = _block_end(lines, head, dash_indent)
    for i in range(head, item_end):
        body = lines[i].lstrip(" ")
        key_indent = _indent(lines[i])
        if body.startswith("- "):
            body, key_indent = body[2:].lstrip(" "), len(lines[i]) - len(body[2:].lstrip(" "))
        if not body.startswith("like:"):
            continue
        value = body[len("like:") :].strip()
        comment = [f"{' ' * _indent(lines[i])}{why}\n"]
        if value.startswith("["):  # a flow list, closed on this line or a later one
            close = next((j for j in range(i, item_end) if lines[j].rstrip().endswith("]")), None)
            if close is None:
                break
            cut = lines[close].rstrip("\n").rstrip()[:-1].rstrip()
            sep = "" if cut.endswith("[") or cut.endswith(",") else ", "
            closed = [f"{cut}{sep}{_quoted(reply)}]\n"]
            return lines[:i] + comment + lines[i:close] + closed + lines[close + 1 :]
        if not value:
            items_end = _block_end(lines, i, key_indent, sequence=True)
            dash = next(
                (_indent(x) for x in lines[i + 1 : items_end] if x.lstrip().startswith("-")),
                key_indent + 2,
            )
            new = [f"{' ' * dash}{why}\n", f"{' ' * dash}- {_quoted(reply)}\n"]
            return lines[:items_end] + new + lines[items_end:]
        break
    raise PatchError(f"line {head + 1}: this route's like phrases are laid out in a way this "
                     "tool does not edit; add the phrase by hand")  # fmt: skip


def _checked(path: str, text: str, check: Callable[[Scenario], bool]) -> None:
    scenario, diagnostics = check_text(text, path)
    if scenario is None:
        first = next((d.format() for d in diagnostics if d.is_error), "it does not load")
        raise PatchError(f"the patched scenario would not load ({first}); add it by hand")
    if not check(scenario):
        raise PatchError("the patched scenario did not gain the reply as asked; add it by hand")


def harvest_patch(
    path: str,
    text: str,
    scenario: Scenario,
    *,
    step_id: str,
    reply: str,
    kind: str,
    provenance: Provenance,
    next_step: str | None = None,
    route_index: int | None = None,
) -> str:
    """The unified diff that adds ``reply`` to ``step_id`` as ``kind``; PatchError if not."""
    step = scenario.steps.get(step_id)
    if step is None:
        raise PatchError(f"{scenario.id} has no step {step_id!r}")
    if step.end is not None:
        raise PatchError(f"step {step_id} is an ending ({step.end}): it takes no replies")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    why = provenance.comment()
    before = step
    if kind == "choice":
        if not next_step:
            raise PatchError("the reply led nowhere recorded: say where it goes with --next STEP")
        new = add_choice(lines, step, reply, next_step, why)

        def gained(s: Scenario) -> bool:
            after = s.steps[step_id].choices
            return len(after) == len(before.choices) + 1 and any(
                c.text == reply and c.next == next_step for c in after
            )
    elif kind == "model":
        new = set_model_answer(lines, step, reply, why)

        def gained(s: Scenario) -> bool:
            return " ".join(s.steps[step_id].model_answer.split()) == " ".join(reply.split())
    elif kind == "like":
        if route_index is None or not 0 <= route_index < len(step.routes):
            what = "has no such route" if route_index is not None else (
                "took no route with like phrases for this reply (it went to else)")  # fmt: skip
            raise PatchError(f"step {step_id} {what}: say which with --route N "
                             f"(1..{len(step.routes)})")  # fmt: skip
        new = add_like(lines, step, route_index, reply, why)

        def gained(s: Scenario) -> bool:
            after = s.steps[step_id].routes[route_index].like
            return len(after) == len(before.routes[route_index].like) + 1
    else:
        raise PatchError(f"--as must be one of {', '.join(KINDS)}")
    _checked(path, "".join(new), gained)
    return "".join(difflib.unified_diff(lines, new, fromfile=path, tofile=path))
