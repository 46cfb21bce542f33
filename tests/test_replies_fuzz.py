"""Hostile typed replies: empty, 1 MB, control characters, escape sequences, Rich
markup, binary garbage and out-of-range numbers, in headless play and in the TUI.
No crash, no traceback, and what the rep typed is shown and kept literally."""

from __future__ import annotations

import asyncio
import os
import random

import pytest

from tests.conftest import run_cli
from tests.test_tui_support import PRICE, SIZE, build_app, settle, shown_text, write

MARKUP = "[bold red]markup[/] [link=https://x.test]click[/link] [@click=app.quit]q[/]"
ESCAPES = "\x1b[2J\x1b[31mred\x1b]0;title\x07\x1b[?1049h"
CONTROLS = "a\x00b\x01c\x07d\x08e\x7ff\x9bg"
REPLIES = {
    "empty": "",
    "one megabyte": "x" * 1_000_000,
    "control characters": CONTROLS,
    "escape sequences": ESCAPES,
    "markup": MARKUP,
    "huge number": "9" * 5000,
    "negative number": "-1",
    "zero": "0",
    "float": "1.5e308",
}


@pytest.mark.parametrize("case", REPLIES)
def test_headless_play_takes_hostile_replies_without_a_traceback(case):
    script = REPLIES[case] + "\n1\n1\n1\n1\n"
    result = run_cli(
        "--no-log", "play", "cfo-price-pushback", "--script", "-", "--seed", "1", input=script
    )
    out = result.stdout + result.stderr
    assert result.returncode in (0, 1, 3), out[-500:]
    assert "Traceback" not in out
    assert "\x1b" not in result.stdout  # escape sequences never reach the terminal raw
    if case == "markup":
        assert MARKUP in result.stdout  # shown literally, not rendered


def test_headless_play_takes_binary_garbage():
    garbage = random.Random(16).randbytes(20_000) + b"\n1\n"
    env = dict(os.environ)
    import subprocess
    import sys

    from tests.conftest import REPO

    env["PYTHONPATH"] = str(REPO)
    cmd = [sys.executable, "-m", "simulator", "--no-log", "play", "cfo-price-pushback"]
    result = subprocess.run(
        [*cmd, "--script", "-", "--json"], input=garbage, capture_output=True, env=env, timeout=60
    )
    assert result.returncode in (0, 1, 3)
    assert b"Traceback" not in result.stdout + result.stderr
    assert b"\x1b" not in result.stdout


@pytest.mark.slow
def test_tui_takes_hostile_replies_and_shows_them_literally(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    garbage = random.Random(16).randbytes(4000).decode("utf-8", "replace")
    sent = [r for r in REPLIES.values() if r] + [garbage]

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            conv = app.screen
            box = conv.query_one("#reply")
            await pilot.press("enter")  # an empty box sends nothing
            await pilot.pause()
            assert conv.session.turns == [] and app.is_running
            shown = []
            for reply in sent:
                box.value = reply
                await pilot.press("enter")
                await pilot.pause()
                assert app.is_running and not conv.session.ended
                shown.append(shown_text(app))
            return [t.reply for t in conv.session.turns], shown

    replies, shown = asyncio.run(go())
    assert len(replies) == len(sent)
    assert replies[REPLIES_INDEX_MARKUP] == MARKUP
    assert any(MARKUP in text for text in shown)  # the markup shown as typed
    assert all("\x1b" not in text for text in shown)


REPLIES_INDEX_MARKUP = [r for r in REPLIES.values() if r].index(MARKUP)


def test_a_5000_digit_script_line_is_a_clear_error_not_a_traceback():
    result = run_cli("--no-log", "play", "cfo-price-pushback", "--script", "-", input="9" * 5000)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "script line 1: there is no choice 999999999... (5,000 digits)" in result.stderr
