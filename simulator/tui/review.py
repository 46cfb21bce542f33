"""How a reply's scores and evidence read to a rep: inline feedback and marked words.

Shared by the conversation, the scorecard and the drill. Builds Rich ``Text`` only
(no Textual), with every word from a file or a reply appended literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rich.text import Text

from simulator.tui.text import literal, marked

DIMENSIONS = ("courage", "authenticity", "belief")
MEANING = {
    "courage": "names the hard issue, asks for the next step, holds price",
    "authenticity": "specific and honest about limits; no buzzwords, no overclaims",
    "belief": "moves the buyer with evidence and outcomes, not claims",
}
GAIN, LOSS = "bold green underline", "bold red underline"


def score_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "bold green" if value >= 67 else "bold yellow" if value >= 40 else "bold red"


def chips(scores: Mapping[str, Any]) -> Text:
    """``courage 83 · belief 33``, each coloured by how it went."""
    out = Text()
    for dim in DIMENSIONS:
        if dim in scores and scores[dim] is not None:
            if out:
                out.append(" · ", style="dim")
            out.append(f"{dim} ")
            out.append(f"{round(scores[dim])}", style=score_style(scores[dim]))
    return out


def top_evidence(evidence: Iterable[Any], n: int = 2) -> list:
    """The ``n`` pieces of evidence that moved the score most. A choice's authored
    score is left out: its feedback says why, in the trainer's words."""
    items = [e for e in evidence if getattr(e, "note", "") and e.rule != "authored"]
    items.sort(key=lambda e: -abs(float(e.weight)))
    # One rule on the same words often counts for two dimensions: show it once.
    merged: dict[tuple, Any] = {}
    for e in items:
        key = (e.rule, e.start, e.end, float(e.weight) >= 0)
        if key in merged:
            first = merged[key]
            merged[key] = replace(first, dimension=f"{first.dimension}, {e.dimension}")
        else:
            merged[key] = e
    return list(merged.values())[:n]


def evidence_line(e: Any) -> Text:
    """``+ courage "book a call for Friday" — asks for a dated next step``."""
    sign, style = ("+", "green") if float(e.weight) >= 0 else ("−", "red")
    out = Text(f"{sign} {e.dimension} ", style=f"bold {style}")
    if e.text and e.rule != "authored":
        out.append_text(literal(f"“{e.text}” ", one_line=True))
    out.append_text(literal((e.note, "italic"), one_line=True))
    return out


def evidence_spans(evidence: Iterable[Any]) -> list[tuple[int, int, str]]:
    """Character ranges of a reply to mark: green for words that earned, red for cost.

    Evidence that covers the whole reply (the authored score of a choice) marks nothing.
    """
    spans = []
    for e in evidence:
        if e.rule == "authored":
            continue
        spans.append((int(e.start), int(e.end), GAIN if float(e.weight) >= 0 else LOSS))
    return spans


def marked_reply(reply: str, evidence: Iterable[Any]) -> Text:
    return marked(reply, evidence_spans(evidence))


def route_note(turn: Any, label: str) -> str:
    """What happened to a typed reply or a timeout, in words."""
    route = turn.route
    if turn.kind == "timeout":
        if route is None:
            return f"No answer in time: {label or 'the buyer'} presses again."
        return "No answer in time: the conversation moves on without you."
    if turn.kind == "typed" and route is None:
        return f"{label or 'The buyer'} doesn't take that up and presses again."
    return ""


def turn_feedback(
    turn: Any, label: str = "", *, evidence_count: int = 2, routed: bool = True
) -> Text:
    """The inline feedback under one reply: authored feedback, what moved the scores,
    and (when ``routed``, i.e. in a conversation) what became of an unmatched reply."""
    out = Text()
    note = route_note(turn, label) if routed else ""
    if note:
        out.append_text(literal((note, "italic")))
    if turn.feedback:
        if out:
            out.append("\n")
        out.append_text(literal(" ".join(turn.feedback.split())))
    for e in top_evidence(turn.evidence, evidence_count):
        if out:
            out.append("\n")
        out.append_text(evidence_line(e))
    if turn.scores:
        if out:
            out.append("\n")
        out.append_text(chips(turn.scores))
    return out


def totals(scores: Mapping[str, Any], meanings: bool = True) -> Sequence[Text]:
    """One Text per dimension: the score and, optionally, what it measures."""
    out = []
    for dim in DIMENSIONS:
        value = scores.get(dim)
        block = Text(dim.capitalize() + "\n", style="bold")
        block.append("—" if value is None else str(round(value)), style=score_style(value))
        block.append(" / 100", style="dim")
        if meanings:
            block.append("\n" + MEANING[dim], style="dim")
        out.append(block)
    return out


def _quote(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _item(dimension: str, note: str, turn: int | None, words: str = "") -> Text:
    line = literal((f"{dimension}: ", "bold"), " ".join(note.split()))
    if turn is not None:
        where = f"  (reply {turn + 1}" + (f": “{_quote(words)}”)" if words else ")")
        line.append_text(literal((where, "dim"), one_line=True))
    return line


def things_to_change(notes: Sequence[Any], turns: Sequence[Any], n: int = 3) -> list[Text]:
    """The top ``n`` things to do differently, costliest first: the scorecard's
    negative coaching notes, then evidence that cost points, then the feedback on
    weak choices and timeouts. (A choice's authored score speaks through its feedback.)"""
    out: list[Text] = []
    seen: set[tuple[int, str]] = set()

    def add(key: tuple[int, str], item: Text) -> None:
        if key not in seen and len(out) < n:
            seen.add(key)
            out.append(item)

    for note in notes:
        turn = turns[note.turn] if 0 <= note.turn < len(turns) else None
        if float(note.weight) >= 0 or turn is None:
            continue
        if note.text == turn.reply and turn.kind == "choice":
            if turn.feedback:  # the authored score: its feedback says why
                add((note.turn, "feedback"), _item(note.dimension, turn.feedback, note.turn))
            continue
        add((note.turn, note.note), _item(note.dimension, note.note, note.turn, note.text))
    costs = [
        (float(e.weight), i, e)
        for i, t in enumerate(turns)
        for e in t.evidence
        if float(e.weight) < 0 and e.note and e.rule != "authored"
    ]
    for _w, i, e in sorted(costs, key=lambda c: c[0]):
        add((i, e.note), _item(e.dimension, e.note, i, e.text))
    weak = sorted(
        (sum(t.scores.values()) / len(t.scores) if t.scores else 0, i, t)
        for i, t in enumerate(turns)
        if t.kind == "timeout" or (t.scores and t.feedback)
    )
    for avg, i, t in weak:
        if avg >= 50:
            break
        said = t.feedback or "Answer in time: silence hands the buyer the next move."
        add((i, "feedback"), _item("reply", said, i))
    return out


def things_to_keep(notes: Sequence[Any], turns: Sequence[Any], n: int = 3) -> list[Text]:
    """The strongest things done well, for a run with nothing to fix."""
    good = [
        x
        for x in notes
        if float(x.weight) > 0
        and 0 <= x.turn < len(turns)
        and not (turns[x.turn].kind == "choice" and x.text == turns[x.turn].reply)
    ]
    return [_item(x.dimension, x.note, x.turn, x.text) for x in good[:n]]
