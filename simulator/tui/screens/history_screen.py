"""History: every past session in the practice log, newest first; Enter reopens one
(its transcript and scorecard, as the log kept them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from simulator.tui.past_session import LoggedSession, duration, outcome, scores_cell, when
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import literal, safe
from simulator.tui.widgets.fitted_footer import FittedFooter

if TYPE_CHECKING:
    from simulator.tui.app import RepcraftApp

HISTORY_DAYS = 366  # a year of practice: "last week's transcript" and well beyond
_OTHER_COLUMNS = 12 + 12 + 11 + 10 + 2 * 5 + 2  # the other columns, cell padding, scrollbar


class HistoryScreen(RepcraftScreen):
    """Past sessions in a table; Enter opens the one under the cursor."""

    CSS_PATH = "history_screen.tcss"
    KEYS_HELP = """Every session in your practice log from the last year, newest first,
    with how it ended and its three scores (courage·authenticity·belief). Enter reopens
    one: the whole conversation, each reply's evidence and the scores."""
    BINDINGS = [
        Binding("enter", "open", "Open", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[LoggedSession] = []
        self._title_width = 30

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(literal("Reading the practice log…"), id="history-status", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "past sessions"
        table = self.query_one(DataTable)
        self._title_width = max(16, self.app.size.width - _OTHER_COLUMNS)
        table.add_column("When", key="when", width=12)
        table.add_column("Scenario", key="title", width=self._title_width)
        table.add_column("Outcome", key="outcome", width=12)
        table.add_column("C·A·B", key="scores", width=11)  # up to 100·100·100
        table.add_column("Time", key="time", width=10)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        app = self.app
        records = app.store.history(days=HISTORY_DAYS, today=app.config.today)
        sessions = [LoggedSession.of(record) for record in reversed(records)]
        app.call_from_thread(self._show, sessions)

    def _show(self, sessions: list[LoggedSession]) -> None:
        self.sessions = sessions
        table = self.query_one(DataTable)
        table.clear()
        for n, s in enumerate(sessions):
            title = s.title
            if len(title) > self._title_width:
                title = title[: self._title_width - 1] + "…"
            cells = [when(s), title, outcome(s)]
            cells += [scores_cell(s), duration(s)]
            table.add_row(*(literal(c, one_line=True) for c in cells), key=str(n))
        store = self.app.store
        if not store.enabled or store.error:
            status = literal(("Practice log: ", "bold"), store.status)
        elif not sessions:
            status = literal("No sessions in the practice log yet: play one and it shows here.")
        else:
            status = literal(
                (f"{len(sessions)} session{'s' * (len(sessions) != 1)}", "bold"),
                " · Enter reopens one",
            )
        self.query_one("#history-status", Static).update(status)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.sessions or table.cursor_row < 0:
            return
        session = self.sessions[min(table.cursor_row, len(self.sessions) - 1)]
        from simulator.tui.screens.past_session_screen import PastSessionScreen

        self.app.push_screen(PastSessionScreen(session))

    def action_back(self) -> None:
        self.app.pop_screen()


def speaker_labels(app: RepcraftApp, scenario_ids: set[str]) -> Mapping[tuple[str, str], str]:
    """``(scenario id, cast key) -> "Dana Ruiz (CFO)"`` for the scenarios still in the
    library (call from a worker: it may load files)."""
    labels: dict[tuple[str, str], str] = {}
    for entry in app.list_entries():
        if entry.id not in scenario_ids:
            continue
        if any(d.is_error for d in getattr(entry, "diagnostics", ()) or ()):
            continue
        scenario = app.load_entry(entry)[0]
        if scenario is None:
            continue
        for key in scenario.cast:
            labels[(entry.id, key)] = safe(scenario.speaker_label(key), one_line=True)
    return labels
