"""``graph``: a scenario as a diagram, in Mermaid (renders on GitHub, in editors, with
no system package) or Graphviz DOT (plain text; render with ``dot`` if you have it).

Steps are nodes labelled with their id and the start of their line; endings
are marked by kind (shape, colour and the kind in the label); every choice
and route is an edge labelled with its (shortened) text, its ``when`` if any,
and its number. Choices are solid edges, typed-reply routes dashed.

Why not ``transitions.extensions.diagrams``: its Mermaid and DOT writers label
an edge with the trigger name and conditions with their Python callables'
names (``<lambda>``), and they write labels without escaping, so a line with a
quote, a newline or a bracket breaks the diagram. We need the authored words
on the edges, escaped for each format, and the text is simple to write
directly, which also keeps Graphviz optional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from simulator.authoring.limits import GRAPH_FORMATS
from simulator.scenario.display_text import escape_table
from simulator.scenario.model import Choice, Route, Scenario

FORMATS = GRAPH_FORMATS
EDGE_WIDTH = 40
LINE_WIDTH = 36

# Ending kinds: Mermaid shape brackets and colours, DOT shape and colours.
_ENDING_STYLE = {
    "win": ("([", "])", "#c8f7c5", "#1e7b34", "doubleoctagon"),
    "advance": ("[[", "]]", "#cfe3ff", "#1f4e9c", "octagon"),
    "stall": ("{{", "}}", "#eeeeee", "#666666", "hexagon"),
    "loss": ("[/", "\\]", "#ffd0cc", "#a12a1d", "invtrapezium"),
}


# Control characters (escape sequences included) and bidi overrides are spelled out
# (``\x1b``, ``\u202e``): a diagram printed to a terminal must not drive it, and the
# label should say what is there.
_CONTROL = escape_table()


def visible(text: str) -> str:
    return text.translate(_CONTROL)


def shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())  # newlines and runs of spaces to one space
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    typed: bool


def _edge_label(item: Choice | Route) -> str:
    if isinstance(item, Choice):
        label = f"{item.index + 1}. {shorten(item.text, EDGE_WIDTH)}"
    elif item.is_else:
        label = "typed: else"
    else:
        more = f" (+{len(item.like) - 1})" if len(item.like) > 1 else ""
        label = f"typed: “{shorten(item.like[0], EDGE_WIDTH)}”{more}" if item.like else "typed"
    if item.when is not None:
        label += f" [when {shorten(item.when.source, EDGE_WIDTH)}]"
    return label


def edges(scenario: Scenario) -> list[Edge]:
    out = []
    for step in scenario.steps.values():
        items: list[Choice | Route] = [*step.choices, *step.routes]
        for item in items:
            out.append(Edge(step.id, item.next, _edge_label(item), isinstance(item, Route)))
    return out


def _node_label(scenario: Scenario, step_id: str) -> tuple[str, str]:
    """(title, detail): the id (with the ending kind) and who says what, shortened."""
    step = scenario.steps[step_id]
    title = f"{step_id} — {step.end.upper()}" if step.end else step_id
    detail = ""
    if step.line:
        speaker = step.speaker or ""
        who = scenario.cast[speaker].name if speaker in scenario.cast else speaker
        detail = f"{who}: {shorten(step.line, LINE_WIDTH)}"
    return title, detail


# -- Mermaid ------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",  # entity codes start with '#', so a literal one is one too
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
    ";": "#59;",
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: entity codes for anything with meaning."""
    text = visible(" ".join(str(text).split()))
    return "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in text)


def _mermaid_id(step_id: str) -> str:
    return f"s_{step_id}"  # a prefix: 'end', 'graph' and friends are Mermaid keywords


def to_mermaid(scenario: Scenario) -> str:
    lines = [
        "---",
        f"title: {json.dumps(visible(shorten(scenario.title, 80)), ensure_ascii=False)}",
        "---",
        "flowchart LR",
        '  start_node(("start")) --> ' + _mermaid_id(scenario.start),
    ]
    for step_id, step in scenario.steps.items():
        title, detail = _node_label(scenario, step_id)
        text = mermaid_text(title) + (
            f"<br/><small>{mermaid_text(detail)}</small>" if detail else ""
        )
        left, right = (_ENDING_STYLE[step.end][:2]) if step.end else ("[", "]")
        lines.append(f'  {_mermaid_id(step_id)}{left}"{text}"{right}')
    for e in edges(scenario):
        arrow = "-.->" if e.typed else "-->"
        lines.append(
            f'  {_mermaid_id(e.source)} {arrow}|"{mermaid_text(e.label)}"| {_mermaid_id(e.target)}'
        )
    for kind, (_l, _r, fill, stroke, _shape) in _ENDING_STYLE.items():
        members = [_mermaid_id(s.id) for s in scenario.steps.values() if s.end == kind]
        if members:
            lines.append(f"  classDef {kind} fill:{fill},stroke:{stroke},stroke-width:2px")
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


# -- DOT ------------------------------------------------------------------------


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string (newlines become line breaks)."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(visible(part) for part in text.split("\n"))
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("\n", "\\n")


def to_dot(scenario: Scenario) -> str:
    lines = [
        f'digraph "{dot_text(scenario.id)}" {{',
        f'  label="{dot_text(shorten(scenario.title, 80))}"; labelloc=t;',
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "__start__" [shape=circle, label="start", width=0.4, fillcolor="#000000", '
        'fontcolor="#ffffff"];',
        f'  "__start__" -> "{scenario.start}";',
    ]
    for step_id, step in scenario.steps.items():
        title, detail = _node_label(scenario, step_id)
        label = dot_text(title + (f"\n{detail}" if detail else ""))
        attrs = f'label="{label}"'
        if step.end:
            _l, _r, fill, stroke, shape = _ENDING_STYLE[step.end]
            attrs += f', shape={shape}, fillcolor="{fill}", color="{stroke}", penwidth=2'
        lines.append(f'  "{step_id}" [{attrs}];')
    for e in edges(scenario):
        style = ", style=dashed" if e.typed else ""
        lines.append(f'  "{e.source}" -> "{e.target}" [label="{dot_text(e.label)}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, fmt: str) -> str:
    if fmt == "mermaid":
        return to_mermaid(scenario)
    if fmt == "dot":
        return to_dot(scenario)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
