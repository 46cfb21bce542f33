"""The scorecard's "turn by turn" table: per reply, the meters it moved and the points
it earned or lost on each score. Rich only, no Textual.

Each column is a (heading, cell) pair in :data:`COLUMNS`, so another measure of a
reply (the moves the scoring finds, say) is one more entry.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text

from simulator.scenario.model import DIMENSIONS
from simulator.scoring.moves import MOVES
from simulator.tui.review import points
from simulator.tui.text import literal
from simulator.tui.turn_story import MeterMove, Story, TurnStep


def _move(move: MeterMove) -> Text:
    change = round(move.change)
    arrow, style = ("▲", "bold green") if change > 0 else ("▼", "bold red")
    out = literal(move.member.split()[0] if move.member else "", one_line=True)
    out.append(f" {move.meter} ")
    out.append(f"{arrow}{abs(change)}", style=style)
    out.append(f" →{round(move.after)}", style="dim")
    return out


def meters_cell(step: TurnStep) -> Text:
    """``Dana trust ▲15 →45``, one line per meter moved; a dim dash for none."""
    if not step.meters:
        return Text("—", style="dim")
    return Text("\n").join(_move(m) for m in step.meters)


def points_cell(step: TurnStep) -> Text:
    """``+12 courage  −6 belief``: the reply's points on each score, in score order."""
    out = Text()
    for dim in DIMENSIONS:
        weight = step.points.get(dim)
        if weight is None:
            continue
        if out:
            out.append("  ")
        style = "bold green" if weight > 0 else "bold red"
        out.append(points(weight), style=style)
        out.append(f" {dim}")
    return out or Text("no points either way", style="dim")


# What a reply did, as the scoring reads it (issue 13's moves); "claim", any other
# assertion, says nothing a rep can act on.
SHOWN_MOVES = tuple(m for m in MOVES if m != "claim")


def moves_cell(step: TurnStep) -> Text:
    """``ask, evidence``: the reply's moves in the order made, each once."""
    kinds: list[str] = []
    for move in step.turn.moves:
        if move.move in SHOWN_MOVES and move.move not in kinds:
            kinds.append(move.move)
    if not kinds:
        return Text("—", style="dim")
    out = Text()
    for n, kind in enumerate(kinds):
        out.append(", " if n else "")
        out.append(kind, style="bold red" if kind == "overclaim" else "")
    return out


Column = tuple[str, Callable[[TurnStep], Text]]
COLUMNS: list[Column] = [
    ("Buyers' meters", meters_cell),
    ("Points on the scores", points_cell),
    ("What it did", moves_cell),
]


def turn_table(story: Story, columns: list[Column] | None = None) -> Table:
    """One row per reply: its number, then one cell per column."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, justify="right")
    chosen = COLUMNS if columns is None else columns
    for _ in chosen:
        grid.add_column()
    grid.add_row(Text("#", style="bold"), *(Text(head, style="bold") for head, _ in chosen))
    for step in story.steps:
        grid.add_row(Text(str(step.number), style="bold"), *(cell(step) for _, cell in chosen))
    return grid


def why_grid(reasons: tuple[str, ...]) -> Table:
    """The ending's reasons under "Why:", each one's wrapped lines indented."""
    why = Table.grid(padding=(0, 1))
    why.add_column(no_wrap=True)
    why.add_column()
    for n, reason in enumerate(reasons):
        why.add_row(Text("Why:" if n == 0 else "", style="bold"), literal(reason))
    return why
