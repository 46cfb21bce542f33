"""What the screens show and where: nothing covering the review, nothing cut off on a
small terminal, keys listed once, a timer that does not read like a timeout."""

from __future__ import annotations

import asyncio

import pytest
from rich.cells import cell_len

from simulator.tui.widgets.countdown import Countdown
from simulator.tui.widgets.reply_input import ReplyInput
from tests.test_tui_support import (
    PRICE,
    SIZE,
    build_app,
    pick,
    plain,
    settle,
    slow_timed,
    type_text,
    write,
)

# A third choice, long enough that the choices overflow a 70x20 terminal.
THREE_CHOICES = PRICE.replace(
    "        next: cost\n    routes:",
    "        next: cost\n"
    "      - text: Let me walk you through the whole platform module by module, starting"
    " with reconciliation, then reporting, then the audit trail.\n"
    "        next: lost\n    routes:",
    1,
)


def run(coro):
    return asyncio.run(coro)


def test_up_next_is_a_line_in_the_scorecard_not_a_toast_over_it(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "other.yaml", PRICE.replace("id: price-check", "id: other"))

    async def go():
        app = build_app(tmp_path)
        toasts = []
        app.notify = lambda message, *args, **kwargs: toasts.append(message)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await pick(pilot, 2, 1)
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ScorecardScreen"
            ending = plain(app.screen.query_one("#ending").content)
        return ending, toasts

    ending, toasts = run(go())
    assert toasts == []
    assert "\nUp next, press n: The buyer says it costs too much\n" in ending


# -- small terminals ------------------------------------------------------------------


def _footer_fits(app) -> None:
    from textual.widgets._footer import FooterKey

    width = app.size.width
    keys = list(app.screen.query(FooterKey))
    assert keys, "no keys in the footer"
    palette = [k for k in keys if k.has_class("-command-palette")]
    for key in keys:
        assert key.region.right <= width, (key.description, key.region, width)
        for other in palette:
            if key is not other:
                assert not key.region.overlaps(other.region), key.description


def _card_lines_fit(screen) -> None:
    for card in screen.query(".score"):
        content = card.content_size
        needed = plain(card.content, width=content.width).rstrip("\n").count("\n") + 1
        assert content.height >= needed, (card.content.plain, content)


@pytest.mark.parametrize("size", [(80, 24), (70, 20)])
def test_nothing_is_cut_off_on_a_small_terminal(tmp_path, size):
    write(tmp_path / "scenarios", "price.yaml", THREE_CHOICES)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot, app)
            _footer_fits(app)  # the library has the most keys
            await pilot.press("enter")
            await pilot.pause()
            _footer_fits(app)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            conv = app.screen
            _footer_fits(app)
            reply = conv.query_one(ReplyInput)
            assert cell_len(reply.placeholder) < reply.content_size.width, reply.placeholder
            assert "1-3" in reply.placeholder
            choices = conv.query_one("#choices")
            if choices.max_scroll_y > 0:  # they do not all fit: it scrolls, and says so
                assert choices.show_vertical_scrollbar
                assert choices.border_subtitle == "↓ more choices"
                await pilot.press("tab", "end")
                await pilot.pause()
                assert choices.scroll_y == choices.max_scroll_y
                assert choices.border_subtitle == "↑ more above"
            else:
                assert size == (80, 24) and not choices.border_subtitle
            await pick(pilot, 3)  # a choice out of view is still a key away
            assert conv.session.turns[0].choice == 3
            await pilot.press("escape", "y")
            await pilot.pause()
            await pilot.press("enter", "enter")
            await pick(pilot, 2, 1)
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ScorecardScreen"
            _footer_fits(app)
            _card_lines_fit(app.screen)
        return True

    assert run(go())


def test_the_footer_shows_help_again_once_the_reply_box_is_emptied(tmp_path):
    from textual.widgets._footer import FooterKey

    write(tmp_path / "scenarios", "price.yaml", PRICE)

    def footer_keys(app) -> set[str]:
        return {k.key for k in app.screen.query(FooterKey)}

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert "question_mark" in footer_keys(app)
            await pilot.press("a")  # now ? is text
            await pilot.pause()
            assert "question_mark" not in footer_keys(app)
            await pilot.press("backspace")
            await pilot.pause()
            assert "question_mark" in footer_keys(app)
        return True

    assert run(go())


@pytest.mark.slow
def test_help_lists_each_key_once_on_every_screen(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def help_text(pilot, app) -> str:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "KeysDialog"
        text = plain(app.screen.text, 1000)  # one row per key: no wrapping
        await pilot.press("escape")
        await pilot.pause()
        return text

    async def go():
        app = build_app(tmp_path, drill_count=1, drill_seconds=None)
        texts = {}
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            texts["library"] = await help_text(pilot, app)
            await pilot.press("p")
            await settle(pilot, app)
            texts["progress"] = await help_text(pilot, app)
            await pilot.press("escape", "d")
            await settle(pilot, app)
            texts["drill"] = await help_text(pilot, app)
            await pilot.press("escape", "enter")
            texts["briefing"] = await help_text(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
            texts["conversation"] = await help_text(pilot, app)
            await pick(pilot, 2, 1)
            await pilot.press("enter")
            await pilot.pause()
            texts["scorecard"] = await help_text(pilot, app)
        return texts

    texts = run(go())
    assert len(texts) == 6
    for screen, text in texts.items():
        rows = text.splitlines()[2:-2]  # after the screen's own words, before "↑ ↓ … scroll"
        descriptions = [row.strip().split("  ", 1)[1] for row in rows]
        assert len(descriptions) == len(set(descriptions)), (screen, descriptions)
        # Textual's key names, as the footer has them
        assert text.count("^p  ") == 1 and text.count("^q  ") == 1, (screen, text)
        assert "Ctrl+" not in text and "Esc" not in text, (screen, text)
        assert descriptions.count("Quit") == 1, (screen, descriptions)
    assert "q, ^q  Quit" in texts["library"]
    assert "esc  Leave" in texts["conversation"]


def test_after_an_ending_the_timer_says_ended_not_0_00_left(tmp_path):
    slow = slow_timed(tmp_path)

    async def go():
        app = build_app(tmp_path, play=slow)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            conv = app.screen
            countdown = conv.query_one(Countdown)
            assert "left" in countdown.render().plain
            await type_text(pilot, "sorry")
            await pilot.press("enter")
            await pilot.pause()
            assert conv.session.ended
            shown = countdown.render().plain
            await pilot.press("question_mark", "escape")  # a dialog over it and back
            await pilot.pause()
            return shown, countdown.render().plain, countdown.running

    shown, after_dialog, running = run(go())
    assert shown == after_dialog == "⏱ ended"
    assert not running


def test_after_a_drill_round_the_timer_says_ended(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, drill_count=1, drill_seconds=30)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("d")
            await settle(pilot, app)
            await type_text(pilot, "Can we book Friday")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.drill.done
            return app.screen.query_one(Countdown).render().plain

    assert run(go()) == "⏱ ended"


def test_briefing_cast_descriptions_hang_under_the_name_not_the_bullet(tmp_path):
    persona = " ".join(["Numbers first, and she has been burned by big promises before."] * 3)
    write(tmp_path / "scenarios", "price.yaml", PRICE.replace("Numbers first.", persona))

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
            brief = app.screen.query_one("#brief-text")
            return plain(brief.content, width=brief.content_size.width)

    lines = run(go()).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("• Dana Ruiz, CFO"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("•"))
    described = lines[start + 1 : end]
    assert len(described) >= 3  # the persona wraps over several lines...
    assert all(line.startswith("  ") and line[2] != " " for line in described), described
    assert "Numbers first" in described[0]  # ...each under the name, not the bullet
