"""The briefing: the situation, who is in the room, what is true, then Enter to start."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from simulator.tui.text import clock, literal, paragraphs, safe, stars
from simulator.tui.widgets.fitted_footer import FittedFooter

SKILL_MEANING = {
    "courage": "name the hard issue, ask for the next step, hold your price",
    "authenticity": "be specific and honest about limits; no buzzwords or overclaims",
    "belief": "move the buyer with evidence and outcomes for them",
}


def _head(out: Text, title: str) -> None:
    out.append("\n\n")
    out.append_text(literal((title, "bold underline"), one_line=True))


def briefing_text(scenario: Any) -> Text:
    """The whole briefing as one literal Text (every word from the file shown as written)."""
    out = literal((scenario.title, "bold"), one_line=True)
    out.append("\nLevel ", style="dim")
    out.append(stars(scenario.difficulty))
    if scenario.reply_seconds:
        out.append("   ⏱ ", style="bold")
        out.append(f"{clock(scenario.reply_seconds)} to answer each line")
    if scenario.summary:
        _head(out, "The situation")
        out.append("\n")
        out.append_text(literal(paragraphs(scenario.summary)))
    _head(out, "Who is in the room")
    for member in scenario.cast.values():
        out.append("\n• ")
        out.append_text(literal((member.name, "bold"), one_line=True))
        if member.role:
            out.append(", ")
            out.append_text(literal((member.role, "italic"), one_line=True))
        if member.persona:
            out.append("\n  ")
            out.append_text(literal(paragraphs(member.persona)))
    product = scenario.product
    if product.facts:
        _head(out, f"What is true about {product.name}" if product.name else "What is true")
        for fact in product.facts:
            out.append("\n• ")
            out.append_text(literal(fact, one_line=True))
    if scenario.skills:
        _head(out, "Skills stressed")
        for skill in scenario.skills:
            out.append("\n• ")
            out.append_text(literal((skill, "bold"), one_line=True))
            meaning = SKILL_MEANING.get(skill)
            if meaning:
                out.append(f": {meaning}")
    return out


class BriefingScreen(Screen):
    """Read the brief, press Enter, and the first buyer speaks."""

    CSS_PATH = "briefing_screen.tcss"
    KEYS_HELP = """Who you are meeting and what is true about what you sell. Press Enter
    when you are ready: the first buyer speaks straight away."""
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
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
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(self.scenario.title, one_line=True)
        self.query_one("#start", Button).focus()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.app.start_play(self.scenario, self.rubric)

    def action_back(self) -> None:
        self.app.pop_screen()
