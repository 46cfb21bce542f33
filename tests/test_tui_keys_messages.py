"""Keys and messages tell the truth: one palette entry per command, the trainer's
Reload only when a file is opened for authoring, and --no-log never promises a log."""

from __future__ import annotations

import asyncio

from textual.command import CommandList

from tests.test_tui_support import PRICE, SIZE, build_app, load, settle, shown_text, write


def run(coro):
    return asyncio.run(coro)


async def _palette_entries(pilot, app) -> list[tuple[str, str]]:
    """(title, the line under it) for each palette entry."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    options = app.screen.query_one(CommandList)._options
    entries = [(str(o.prompt).split("\n") + [""])[:2] for o in options]
    await pilot.press("escape")
    return [(title, help) for title, help in entries]


async def _palette_titles(pilot, app) -> list[str]:
    return [title for title, _ in await _palette_entries(pilot, app)]


def _footer(app) -> str:
    from textual.widgets import Footer

    return " ".join(str(k.render()) for k in app.screen.query_one(Footer).children)


def test_the_palette_lists_each_command_once_on_every_screen(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            library = await _palette_entries(pilot, app)
            await pilot.press("enter", "enter")
            conversation = await _palette_entries(pilot, app)
            return library, conversation

    for entries in run(go()):
        titles = [title for title, _ in entries]
        assert len(titles) == len(set(titles)), titles
        # the line under a title says more, never the title again ("Leave / Leave"
        # read as the same entry twice)
        assert all(help and help != title for title, help in entries), entries
        assert titles.count("Keys") == 1
    assert not any(t.startswith("Choice ") for t in titles)  # the digits are in the keys list


def test_keys_from_the_palette_opens_the_screens_keys(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter", "ctrl+p", *"Keys")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            return type(app.screen).__name__, shown_text(app)

    name, text = run(go())
    assert name == "KeysDialog"
    assert "Pick that choice" in text  # the conversation's keys, not the palette's


def test_reload_is_offered_only_when_a_file_is_opened_for_authoring(tmp_path):
    path = write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go(authoring: bool):
        app = build_app(tmp_path, play=load(path), authoring=authoring)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            palette = await _palette_titles(pilot, app)
            await pilot.press("question_mark")
            keys = shown_text(app)
            await pilot.press("escape")
            return "Reload" in _footer(app), "Reload file" in palette, "Reload" in keys

    assert run(go(authoring=False)) == (False, False, False)
    assert run(go(authoring=True)) == (True, True, True)


def test_the_leave_dialog_tells_the_truth_under_no_log(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go(no_log: bool):
        app = build_app(tmp_path, no_log=no_log)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter", "2", "enter", "escape")
            assert type(app.screen).__name__ == "LeaveDialog"
            return shown_text(app)

    unlogged = run(go(no_log=True))
    assert "practice log" not in unlogged and "not being recorded" in unlogged
    assert "stays in your practice log" in run(go(no_log=False))


def test_play_by_path_opens_for_authoring_and_play_by_id_does_not(tmp_path, monkeypatch):
    import argparse

    from simulator.commands import app as app_command

    path = write(tmp_path / "scenarios", "price.yaml", PRICE)
    launched = []
    monkeypatch.setattr(app_command, "launch", lambda config: launched.append(config) or 0)
    base = {"scenarios": [str(tmp_path / "scenarios")], "db": None, "no_log": True}
    for target, watch in ((str(path), False), ("price-check", False), ("price-check", True)):
        args = argparse.Namespace(scenario=target, watch=watch, seed=None, rubric=None, **base)
        assert app_command.run_app(args) == 0
    assert [c.authoring for c in launched] == [True, False, True]
