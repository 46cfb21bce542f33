"""The briefing: the situation, who is in the room, what is true, then Enter to start."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from simulator.tui.text import clock, literal, stars

SKILL_MEANING = {
    "courage": "name the hard issue, ask for the next step, hold your price",
    "authenticity": "be specific and honest about limits; no buzzwords or overclaims",
    "belief": "move the buyer with evidence and outcomes for them",
}


def briefing_text(scenario: Any) -> Text:
    """The whole briefing as one literal Text (every word from the file shown as written)."""
    out = literal((scenario.title, "bold"))
    out.append_text(literal(("\nLevel ", "dim"), stars(scenario.difficulty)))
    if scenario.reply_seconds:
        out.append_text(
            literal(("   ⏱ ", "bold"), f"{clock(scenario.reply_seconds)} to answer each line")
        )
    if scenario.summary:
        out.append_text(
            literal(("\n\nThe situation\n", "bold underline"), scenario.summary.strip())
        )
    out.append_text(literal(("\n\nWho is in the room", "bold underline")))
    for member in scenario.cast.values():
        out.append_text(literal("\n• ", (member.name, "bold"), one_line=True))
        if member.role:
            out.append_text(literal(", ", (member.role, "italic"), one_line=True))
        if member.persona:
            out.append_text(literal(("\n  ", ""), (" ".join(member.persona.split()), "")))
    product = scenario.product
    if product.facts:
        head = f"What is true about {product.name}" if product.name else "What is true"
        out.append_text(literal(("\n\n" + "", ""), (head, "bold underline")))
        for fact in product.facts:
            out.append_text(literal("\n• ", fact))
    if scenario.skills:
        out.append_text(literal(("\n\nSkills stressed", "bold underline")))
        for skill in scenario.skills:
            meaning = SKILL_MEANING.get(skill, "")
            out.append_text(literal("\n• ", (skill, "bold"), f": {meaning}" if meaning else ""))
    return out


class BriefingScreen(Screen):
    """Read the brief, press Enter, and the first buyer speaks."""

    CSS_PATH = "briefing_screen.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, scenario: Any, rubric: Any = None):
        super().__init__()
        self.scenario = scenario
        self.rubric = rubric

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief"):
            yield Static(briefing_text(self.scenario), id="brief-text", markup=False)
        with Horizontal(id="actions"):
            yield Button("Start the conversation  ⏎", id="start", variant="primary")
            yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.scenario.title
        self.query_one("#start", Button).focus()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.app.start_play(self.scenario, self.rubric)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()
