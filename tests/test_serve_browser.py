"""``repcraft serve`` in a real headless browser: Playwright drives a system Chromium
(skipped when there is none; Playwright cannot download its own here). The rep gives a
name, starts a scenario with the keyboard, picks a choice, and the buyer's answer
reaches the browser; the log holds the turn under that rep."""

from __future__ import annotations

import shutil
import time

import pytest

from simulator.practice import open_store
from simulator.scenario.library import resolve
from simulator.scenario.loader import load_scenario

pytest.importorskip("textual_serve", reason="repcraft serve needs textual-serve (the web extra)")
sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright (the test extra)")

from tests.serve_helpers import Served, screen_text  # noqa: E402  (after the skips)

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
# As this machine's notes advise: no sandbox (root), and no calls to Google's services.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update"]  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no system Chromium (apt-get install chromium)"),
]


def _wait(page, what, seconds: float = 40.0):
    """Poll ``what`` while Playwright goes on handling the page's events (a plain
    sleep would hold them, frames included, until it returns)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        page.wait_for_timeout(250)
    return None


def test_a_rep_practises_in_the_browser_and_sees_the_buyer_answer(tmp_path):
    db = tmp_path / "team.sqlite3"
    served = Served(db)
    received: list[bytes] = []
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("websocket", lambda ws: ws.on(
                "framereceived",
                lambda f: received.append(f if isinstance(f, bytes) else f.encode()),
            ))  # fmt: skip
            page.goto(served.url + "/")
            page.fill("#rep", "cy")
            page.click("#start")  # the name form
            page.wait_for_selector("body.-first-byte", timeout=40_000)

            def shown(words: str):
                return lambda: words in screen_text(b"".join(received))

            assert _wait(page, shown("Scenario")), "the library never reached the browser"
            page.focus(".xterm-helper-textarea")  # where the page's terminal takes keys
            page.keyboard.press("Enter")
            assert _wait(page, shown("Start the conversation")), "no briefing"
            page.keyboard.press("Enter")
            assert _wait(page, shown("Type your reply")), "no conversation"
            received.clear()
            page.keyboard.press("1")
            page.keyboard.press("Enter")

            def answered():
                with open_store(db) as log:
                    sessions = [s for s in log.sessions() if s["turns"]]
                return sessions[0] if sessions else None

            session = _wait(page, answered)
            assert session is not None and session["rep"] == "cy"
            turn = session["turns"][0]
            buyer = load_scenario(resolve(session["scenario"])).steps[turn["next"]]
            # The served app draws one of the line's variants (no fixed seed): any will do.
            openings = [" ".join(said.split()[:3]) for said in buyer.phrasings]

            def answer_shown():
                return any(shown(opening)() for opening in openings)

            assert _wait(page, answer_shown), f"the buyer's answer ({openings}) never showed"
            page.screenshot(path=str(tmp_path / "browser.png"))
            browser.close()
    finally:
        served.stop()
