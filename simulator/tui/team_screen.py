"""The manager's team view as a screen (``t`` on the progress screen, or ``repcraft team
--app`` on its own): per rep, then per scenario, from the shared practice log, read in a
worker so the screen never waits."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from simulator.practice.team import TeamReport
from simulator.scenario.model import DIMENSIONS
from simulator.tui.text import literal
from simulator.tui.widgets.fitted_footer import FittedFooter

REP_COLUMNS = ("Rep", "Sessions", "Hours", "Streak", *(d.title() for d in DIMENSIONS),
               "Weakest", "Last active")  # fmt: skip
SCENARIO_COLUMNS = ("Scenario", "Sessions", "Finished", "Pass", "Where reps lose most")


def _score(recent: float | None, trend: float | None) -> Text:
    """The recent mean, with an arrow for its trend against the sessions before."""
    if recent is None:
        return Text("-", style="dim")
    out = Text(f"{recent:g}")
    if trend:
        out.append(f" {'▲' if trend > 0 else '▼'}{abs(trend):g}",
                   style="green" if trend > 0 else "red")  # fmt: skip
    return out


def rep_rows(report: TeamReport) -> list[tuple[Text | str, ...]]:
    return [
        (literal(r.rep, one_line=True), str(r.sessions), f"{r.seconds / 3600:.2f}",
         str(r.streak), *(_score(r.recent.get(d), r.trend.get(d)) for d in DIMENSIONS),
         r.weakest or "-", (r.last_active or "-")[:16].replace("T", " "))
        for r in report.reps
    ]  # fmt: skip


def scenario_rows(report: TeamReport) -> list[tuple[Text | str, ...]]:
    rows: list[tuple[Text | str, ...]] = []
    for s in report.scenarios:
        worst = "; ".join(f"{w.step} ({w.mean:g})" for w in s.worst) or "-"
        rate = "-" if s.pass_rate is None else f"{s.pass_rate:.0%}"
        rows.append((literal(s.title or s.scenario, one_line=True), str(s.sessions),
                     str(s.finished), rate, literal(worst, one_line=True)))  # fmt: skip
    return rows


class TeamScreen(Screen):
    """Every rep's hours, streak and skill trends, and each scenario's pass rate."""

    DEFAULT_CSS = """
    TeamScreen DataTable { height: auto; max-height: 60%; margin: 0 1 1 1; }
    TeamScreen #team-note { margin: 1 1 0 1; color: $text-muted; }
    TeamScreen .team-heading { margin: 0 1; text-style: bold; }
    """
    KEYS_HELP = """The team view of the practice log: per rep, then per scenario."""
    BINDINGS = [
        Binding("r", "reload", "Reload"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, db: str | None, rep: str | None, today: date | None = None, *, alone: bool = False
    ) -> None:
        super().__init__()
        self.db, self.rep, self.today, self.alone = db, rep, today, alone

    def action_back(self) -> None:
        """Back to the progress screen in the app; on its own (team --app), quit."""
        if self.alone:
            self.app.exit()
        else:
            self.app.pop_screen()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Reading the practice log…"), id="team-note", markup=False)
        yield Static(Text("Reps"), classes="team-heading", markup=False)
        yield DataTable(id="reps", zebra_stripes=True, cursor_type="row")
        yield Static(Text("Scenarios"), classes="team-heading", markup=False)
        yield DataTable(id="scenarios", zebra_stripes=True, cursor_type="row")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "team view"
        self.query_one("#reps", DataTable).add_columns(*REP_COLUMNS)
        self.query_one("#scenarios", DataTable).add_columns(*SCENARIO_COLUMNS)
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="team")
    def load(self) -> None:
        from simulator.practice import PracticeLogError, open_store
        from simulator.practice.team import team_view

        try:
            with open_store(self.db, rep=self.rep) as log:
                report, everyone = team_view(log, today=self.today)
                where, who = log.location, log.rep
        except PracticeLogError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, report, everyone, where, who)

    def _failed(self, message: str) -> None:
        self.query_one("#team-note", Static).update(literal(message, one_line=True))

    def _show(self, report: TeamReport, everyone: bool, where: str, who: str) -> None:
        note = f"{len(report.reps)} reps in {where}" if everyone else (
            f"Only {who}'s sessions: the team view is for the log's owner and those "
            "the owner granted it to")  # fmt: skip
        self.query_one("#team-note", Static).update(literal(note, one_line=True))
        for table_id, rows in (("#reps", rep_rows(report)), ("#scenarios", scenario_rows(report))):
            table = self.query_one(table_id, DataTable)
            table.clear()
            table.add_rows(rows)


class TeamApp(App):
    """The team screen on its own, for ``repcraft team --app``."""

    TITLE = "repcraft"

    def __init__(self, db: str | None, rep: str | None, today: date | None = None) -> None:
        super().__init__()
        self._screen_args = (db, rep, today)

    def on_mount(self) -> None:
        self.push_screen(TeamScreen(*self._screen_args, alone=True))
