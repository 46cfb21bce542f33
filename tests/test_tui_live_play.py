"""The app's play logic without Textual: logging as it happens, and hot-reload replay."""

from __future__ import annotations

from simulator.practice import PracticeLog
from simulator.scenario.loader import check_text
from simulator.tui.live_play import Answer, LivePlay, replay
from simulator.tui.practice_store import PracticeStore
from simulator.tui.text import literal, marked, safe
from tests.test_tui_support import PRICE

# The first choice of the opening step now leads to the loss: a replay is cut short.
CUT = PRICE.replace("        next: cost\n    routes:", "        next: lost\n    routes:")


def scenario(text: str = PRICE):
    sc, diagnostics = check_text(text, "price.yaml")
    assert sc is not None, [d.format() for d in diagnostics]
    return sc


def test_each_turn_is_logged_when_answered_and_the_report_once(tmp_path):
    db = tmp_path / "log.sqlite3"
    store = PracticeStore(str(db))
    live = LivePlay(scenario(), seed=1, store=store)
    live.choose(2)
    log = PracticeLog.open(db)
    try:
        (row,) = list(log.sessions())
        assert row["status"] == "abandoned" and len(row["turns"]) == 1
        live.reply("Can we book Friday?")
        assert live.session.ended
        live.finish()
        live.finish()  # a second call writes nothing more
        (row,) = list(log.sessions())
        assert row["status"] == "finished" and row["ending"] == "win"
        assert [t["kind"] for t in row["turns"]] == ["choice", "typed"]
    finally:
        log.close()
        store.close()


def test_replay_puts_the_rep_back_and_stops_where_the_path_changed():
    answers = [Answer("choice", 2), Answer("typed", "can we book friday")]
    done = replay(scenario(), 1, answers, ["open", "cost"])
    assert done.applied == 2 and done.problem is None and done.session.ending == "win"
    cut = replay(scenario(CUT), 1, answers, ["open", "cost"])
    assert cut.applied == 1 and "ends before it" in cut.problem


def test_reload_with_a_cut_path_starts_a_new_log_entry(tmp_path):
    store = PracticeStore(str(tmp_path / "log.sqlite3"))
    live = LivePlay(scenario(), seed=1, store=store)
    live.choose(2)
    first = live.log_id
    live.reload(scenario(PRICE.replace("Fine, what would change?", "So?")))
    assert live.log_id == first and live.session.prompt.line.endswith("So?")
    live.reply("Nice weather")  # no route matches: a second turn at the same step
    result = live.reload(scenario(CUT))
    assert result.applied == 1 and live.log_id != first
    assert len(live.answers) == 1
    store.close()


def test_broken_log_does_not_stop_practice(tmp_path):
    bad = tmp_path / "log.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    store = PracticeStore(str(bad))
    live = LivePlay(scenario(), seed=1, store=store)
    live.choose(2)
    assert store.error and "not being recorded" in store.status
    assert bad.read_bytes() == b"not a database at all" * 100


def test_text_helpers_never_parse_markup_or_pass_escapes():
    text = literal("[bold]x[/] \x1b[2J", ("[red]y", "bold"))
    assert text.plain == "[bold]x[/] \\x1b[2J[red]y"
    assert safe("a\nb\x07", one_line=True) == "a b\\x07"
    shown = marked("ab\x1bcd", [(3, 5, "green")])
    assert shown.plain == "ab\ufffdcd" and shown.spans[0].start == 3
