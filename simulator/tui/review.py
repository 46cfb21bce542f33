"""How a reply's scores and evidence read to a rep: inline feedback, the full review of
each reply, and how each session score was reached.

Shared by the conversation, the scorecard and the drill. Builds Rich renderables only
(no Textual), with every word from a file or a reply appended literally. Every point
shown comes from an evidence item listed beside it (DESIGN: "Every number shown to a
rep can be traced to the evidence listed with it").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from simulator.scenario.model import DIMENSIONS  # the one definition
from simulator.scoring import Evidence
from simulator.scoring.types import Scorecard
from simulator.tui.text import literal, marked


class ReviewedTurn(Protocol):
    """What a review reads of a reply: a conversation's Turn, or a drill's answer."""

    @property
    def kind(self) -> str: ...  # choice | typed | timeout

    @property
    def reply(self) -> str: ...

    @property
    def route(self) -> Mapping[str, object] | None: ...

    @property
    def feedback(self) -> str: ...

    @property
    def scores(self) -> Mapping[str, int]: ...

    @property
    def evidence(self) -> Sequence[Evidence]: ...

    @property
    def step(self) -> str: ...

    @property
    def choice(self) -> int | None: ...


MEANING = {
    "courage": "names the hard issue, asks for the next step, holds price",
    "authenticity": "specific and honest about limits; no buzzwords, no overclaims",
    "belief": "moves the buyer with evidence and outcomes, not claims",
}
GAIN, LOSS = "bold green underline", "bold red underline"
AUTHORED = "the scenario's score for this choice"
NO_EVIDENCE = "no scoring evidence in this reply"


def score_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "bold green" if value >= 67 else "bold yellow" if value >= 40 else "bold red"


def _rounded(value: float) -> float:
    """Whole points, keeping a half where it is real (a halved 5 is 2.5; 33.33 is 33)."""
    value = float(value)
    if abs(value * 2 - round(value * 2)) < 0.01:
        return round(value * 2) / 2
    return float(round(value))


def number(value: float) -> str:
    """A figure as a rep reads it: ``33`` for 33.33, ``2.5`` kept, never ``-0``."""
    shown = _rounded(value)
    return f"{abs(shown):g}" if shown else "0"


def points(value: float) -> str:
    """Signed points: ``+33``, ``−6``, ``+2.5``, ``0``."""
    shown = _rounded(value)
    if not shown:
        return "0"
    return ("+" if shown > 0 else "−") + number(shown)


def chips(scores: Mapping[str, float | None]) -> Text:
    """``courage 83 · belief 33``, each coloured by how it went."""
    out = Text()
    for dim in DIMENSIONS:
        value = scores.get(dim)
        if value is not None:
            if out:
                out.append(" · ", style="dim")
            out.append(f"{dim} ")
            out.append(f"{round(value)}", style=score_style(value))
    return out


# -- one reply's evidence ------------------------------------------------------------


@dataclass
class EvidenceRow:
    """One rule on the same words, with its points on every dimension it moved."""

    rule: str
    text: str
    note: str
    start: int
    end: int
    weights: dict[str, float] = field(default_factory=dict)

    @property
    def authored(self) -> bool:
        return self.rule == "authored"

    @property
    def size(self) -> float:
        return max((abs(w) for w in self.weights.values()), default=0.0)

    @property
    def gain(self) -> bool:
        return sum(self.weights.values()) >= 0

    def dims(self) -> list[str]:
        return sorted(self.weights, key=_dim_order)

    def points_text(self) -> Text:
        """``−6 courage, −6 belief`` in the order of the dimensions, green or red."""
        out = Text()
        for dim in self.dims():
            if out:
                out.append(", ")
            out.append_text(_signed(self.weights[dim], f" {dim}"))
        return out

    def words(self) -> Text:
        """The quoted words (none for the authored score) and the rule's note."""
        if self.authored:
            return literal((AUTHORED[0].upper() + AUTHORED[1:], "italic"))
        out = Text()
        if self.text:
            out.append_text(literal(f"“{self.text}” ", one_line=True))
        out.append_text(literal((self.note, "italic"), one_line=True))
        return out


def _signed(weight: float, after: str = "") -> Text:
    style = "bold green" if weight > 0 else "bold red" if weight < 0 else "bold"
    return Text(points(weight) + after, style=style)


def _dim_order(dim: str) -> int:
    return DIMENSIONS.index(dim) if dim in DIMENSIONS else len(DIMENSIONS)


def evidence_rows(evidence: Iterable[Evidence]) -> list[EvidenceRow]:
    """Every piece of evidence, one row per rule and words: the choice's authored score
    first, then the rest by how much they moved the score."""
    rows: dict[tuple, EvidenceRow] = {}
    for e in evidence:
        key = (e.rule, int(e.start), int(e.end), e.text)
        row = rows.get(key)
        if row is None:
            row = rows[key] = EvidenceRow(e.rule, e.text, e.note or "", int(e.start), int(e.end))
        row.weights[e.dimension] = row.weights.get(e.dimension, 0.0) + float(e.weight)
    return sorted(rows.values(), key=lambda r: (not r.authored, -r.size, r.start))


def evidence_line(row: EvidenceRow) -> Text:
    """``−6 courage, −6 belief “maybe” Hedges tell the buyer…`` on one line."""
    return Text.assemble(row.points_text(), " ", row.words())


def evidence_table(rows: Sequence[EvidenceRow]) -> Table:
    """The rows as a grid: points and dimensions on the left (a line per dimension), the
    words and the note wrapped beside them, so a long note never runs under the points."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for row in rows:
        dims = row.dims()
        signed = Text("\n").join(_signed(row.weights[d]) for d in dims)
        grid.add_row(signed, Text("\n".join(dims)), row.words())
    return grid


def reply_review(turn: ReviewedTurn) -> RenderableType:
    """All of a reply's evidence with its points, then the scores they add up to."""
    rows = evidence_rows(turn.evidence)
    if not rows:
        return Text(NO_EVIDENCE.capitalize() + ": it leaves the scores as they are.", style="dim")
    head = Text("Scored ", style="bold")
    head.append_text(chips(turn.scores))
    head.append("  (each 50 + its points)", style="dim")
    parts: list[RenderableType] = [head, evidence_table(rows)]
    if any(r.authored for r in rows):
        parts.append(
            Text(
                "Where the scenario scored the choice, its words count at half their points.",
                style="dim italic",
            )
        )
    return Group(*parts)


# -- inline, during play -----------------------------------------------------------------


def evidence_spans(evidence: Iterable[Evidence]) -> list[tuple[int, int, str]]:
    """Character ranges of a reply to mark: green for words that earned, red for cost.

    Evidence that covers the whole reply (the authored score of a choice) marks nothing.
    """
    spans = []
    for e in evidence:
        if e.rule == "authored":
            continue
        spans.append((int(e.start), int(e.end), GAIN if float(e.weight) >= 0 else LOSS))
    return spans


def marked_reply(reply: str, evidence: Iterable[Evidence]) -> Text:
    return marked(reply, evidence_spans(evidence))


def route_note(turn: ReviewedTurn, label: str) -> str:
    """What happened to a typed reply or a timeout, in words."""
    route = turn.route
    if turn.kind == "timeout":
        if route is None:
            return f"No answer in time: {label or 'the buyer'} presses again."
        return "No answer in time: the conversation moves on without you."
    if turn.kind != "typed":
        return ""
    if route is None or route.get("match") == "none":
        why = f" ({route['why']})" if route and route.get("why") else ""
        return f"{label or 'The buyer'} doesn't take that up and presses again{why}."
    return f"Routed: {route['why']}." if route.get("why") else ""


def turn_feedback(
    turn: ReviewedTurn,
    label: str = "",
    *,
    evidence_count: int | None = 2,
    routed: bool = True,
    more: str = "in the review",
) -> Text:
    """The inline feedback under one reply: authored feedback, what moved the scores most
    (``evidence_count`` rows, all when None; the rest counted "+N more ``more``"), and
    (when ``routed``, i.e. in a conversation) what became of an unmatched reply."""
    out = Text()

    def line(part: Text) -> None:
        if out:
            out.append("\n")
        out.append_text(part)

    note = route_note(turn, label) if routed else ""
    if note:
        line(literal((note, "italic")))
    if turn.feedback:
        line(literal(" ".join(turn.feedback.split())))
    rows = evidence_rows(turn.evidence)
    # The authored score speaks through the feedback above; its points are in the review.
    shown = [r for r in rows if not r.authored or evidence_count is None]
    if evidence_count is not None:
        shown = shown[:evidence_count]
    for row in shown:
        line(evidence_line(row))
    if not rows:
        line(Text(NO_EVIDENCE, style="dim italic"))
    hidden = len(rows) - len(shown)
    scores = chips(turn.scores)
    if hidden:
        scores.append(("  " if scores else "") + f"+{hidden} more {more}", style="dim italic")
    if scores:
        line(scores)
    return out


# -- the session's scores ----------------------------------------------------------------


def how_reached(dim: str, card: Scorecard, turns: Sequence[ReviewedTurn]) -> Text:
    """How a session score was reached, from the scorecard's own figures: the mean of
    the replies that gave evidence on it, plus (belief) the buyers' belief change."""
    means = getattr(card, "turn_means", None) or {}
    if dim not in means:
        return Text("")
    mean = means[dim]
    scored = sum(1 for t in turns if dim in (t.scores or {}))
    out = Text(style="dim")
    if mean is None:
        out.append("no evidence in any reply: 50")
    elif dim != "belief":
        out.append(f"= mean of {scored} scored repl{'y' if scored == 1 else 'ies'}")
    else:
        out.append(f"= replies {number(mean)}")
    if dim == "belief":
        shift = float(getattr(card, "belief_shift", 0.0) or 0.0)
        added = float(getattr(card, "belief_points", 0.0) or 0.0)
        if shift or added:
            out.append(f" + buyers' belief {points(shift)} → {points(added)}")
        else:
            out.append("; buyers' belief unchanged")
        raw = (50.0 if mean is None else mean) + added
    else:
        raw = 50.0 if mean is None else mean
    if raw < 0 or raw > 100:
        out.append(" (kept within 0-100)")
    return out


def totals(
    scores: Mapping[str, float | None],
    meanings: bool = True,
    *,
    card: Scorecard | None = None,
    turns: Sequence[ReviewedTurn] = (),
) -> Sequence[Text]:
    """One Text per dimension: the score, how it was reached (given the scorecard), and
    optionally what it measures."""
    out = []
    for dim in DIMENSIONS:
        value = scores.get(dim)
        block = Text()
        block.append(dim.capitalize() + "\n", style="bold")
        block.append("—" if value is None else str(round(value)), style=score_style(value))
        block.append(" / 100", style="dim")
        if card is not None:
            how = how_reached(dim, card, turns)
            if how:
                block.append("\n")
                block.append_text(how)
        if meanings:
            block.append("\n" + MEANING[dim], style="dim italic")
        out.append(block)
    return out
