"""``repcraft serve``: the app over textual-serve, one process and one rep per browser
session, into the shared practice log. Driven through the websocket as the page drives
it; tests/test_serve_browser.py does the same in a real headless Chromium."""

from __future__ import annotations

import asyncio
import time

import pytest

from simulator.practice import open_store
from tests.conftest import run_cli

pytest.importorskip("textual_serve", reason="repcraft serve needs textual-serve (the web extra)")

from tests.serve_helpers import Browserless, Served  # noqa: E402  (after the skip)


@pytest.fixture
def served(tmp_path):
    server = Served(tmp_path / "team.sqlite3")
    yield server
    server.stop()


def test_the_page_asks_for_a_name_and_refuses_one_that_cannot_be(served):
    ask = served.get("/")
    assert 'name="rep"' in ask and "Practise" in ask
    bad = served.get("/?rep=%3Cscript%3E")
    assert "Use letters, digits" in bad and "<script>" not in bad
    page = served.get("/?rep=Ana%20K")
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws/Ana%20K"' in page


async def _practise(url: str, rep: str) -> None:
    """Library -> briefing -> conversation -> pick the first choice, as a rep would."""
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}/ws/{rep}?width=100&height=30") as ws,
    ):
        screen = Browserless(ws)
        assert await screen.until("Scenario"), "the library did not show"
        await screen.keys("\r")
        assert await screen.until("Start the conversation"), "no briefing"
        await screen.keys("\r")
        assert await screen.until("Type your reply"), "no conversation"
        await screen.keys("1")
        await screen.keys("\r")
        await screen.until("never shown", limit=2)  # let the turn be answered and saved


def _turns_by_rep(db, deadline: float) -> dict:
    while True:
        with open_store(db) as log:
            found = {s["rep"]: s["turn_count"] for s in log.sessions()}
        if len(found) == 2 and all(found.values()) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


@pytest.mark.slow
def test_two_browser_sessions_are_two_reps_practising_into_one_log(served, tmp_path):
    async def both() -> None:
        await asyncio.gather(_practise(served.url, "ana"), _practise(served.url, "bo"))

    asyncio.run(both())
    db = tmp_path / "team.sqlite3"
    assert _turns_by_rep(db, time.monotonic() + 20) == {"ana": 1, "bo": 1}
    team = run_cli("team", "--db", str(db), "--format", "csv")
    assert [line.split(",")[0] for line in team.stdout.splitlines()[1:3]] == ["ana", "bo"]


def test_serve_on_a_port_that_is_taken_is_a_message(served):
    res = run_cli("serve", "--port", str(served.port), timeout=30)
    assert res.returncode == 1 and "cannot listen on 127.0.0.1" in res.stderr
    assert "Traceback" not in res.stderr
