"""The briefing: the situation, who is in the room, what is true, then Enter to start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Header, Static

from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import bullets, clock, literal, paragraphs, safe, stars
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.reading_scroll import ReadingScroll

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.scoring.rubric import Rubric

SKILL_MEANING = {
    "courage": "name the hard issue, ask for the next step, hold your price",
    "authenticity": "be specific and honest about limits; no buzzwords or overclaims",
    "belief": "move the buyer with evidence and outcomes for them",
}


def _head(title: str) -> Text:
    return Text.assemble("\n", literal((title, "bold underline"), one_line=True))


def briefing_text(scenario: Scenario) -> Group:
    """The whole briefing (every word from the file shown as written, never as markup)."""
    top = literal((scenario.title, "bold"), one_line=True)
    top.append("\nLevel ", style="dim")
    top.append(stars(scenario.difficulty))
    if scenario.reply_seconds:
        top.append("   ⏱ ", style="bold")
        top.append(f"{clock(scenario.reply_seconds)} to answer each line")
    parts: list[RenderableType] = [top]
    if scenario.summary:
        parts += [_head("The situation"), literal(paragraphs(scenario.summary))]
    people = []
    for member in scenario.cast.values():
        who = literal((member.name, "bold"), one_line=True)
        if member.role:
            who.append(", ")
            who.append_text(literal((member.role, "italic"), one_line=True))
        if member.persona:
            who.append_text(literal("\n", paragraphs(member.persona)))
        people.append(who)
    parts += [_head("Who is in the room"), bullets(people)]
    product = scenario.product
    if product.facts:
        title = f"What is true about {product.name}" if product.name else "What is true"
        facts = [literal(fact, one_line=True) for fact in product.facts]
        parts += [_head(title), bullets(facts)]
    if scenario.skills:
        skills = []
        for skill in scenario.skills:
            line = literal((skill, "bold"), one_line=True)
            meaning = SKILL_MEANING.get(skill)
            if meaning:
                line.append(f": {meaning}")
            skills.append(line)
        parts += [_head("Skills stressed"), bullets(skills)]
    return Group(*parts)


class BriefingScreen(RepcraftScreen):
    """Read the brief, press Enter, and the first buyer speaks."""

    CSS_PATH = "briefing_screen.tcss"
    KEYS_HELP = """Who you are meeting and what is true about what you sell: the arrow keys,
    pgup and pgdn scroll it. Press Enter when you are ready: the first buyer speaks
    straight away."""
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, scenario: Scenario, rubric: Rubric | None = None):
        super().__init__()
        self.scenario = scenario
        self.rubric = rubric

    def compose(self) -> ComposeResult:
        yield Header()
        with ReadingScroll(id="brief"):
            yield Static(briefing_text(self.scenario), id="brief-text", markup=False)
        with Horizontal(id="actions"):
            yield Button("Start the conversation  ⏎", id="start", variant="primary")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(self.scenario.title, one_line=True)
        self.query_one("#brief", ReadingScroll).focus()  # arrows and pgup/pgdn scroll it

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.app.start_play(self.scenario, self.rubric)

    def action_back(self) -> None:
        self.app.pop_screen()
