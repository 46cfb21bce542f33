"""Shared pieces of the TUI tests: inline scenarios, an app built around them, and
small Pilot helpers. Nothing here reads or writes the user's own data: conftest.py
points XDG_DATA_HOME and REPCRAFT_DB at a fresh folder for every test."""

from __future__ import annotations

import dataclasses
import itertools
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from simulator.practice.records import NewSession
from simulator.tui.app import RepcraftApp, make_app
from simulator.tui.config import AppConfig

SIZE = (100, 30)
TODAY = date(2026, 3, 18)  # a Wednesday: the progress calendar's shape is fixed

PRICE = """\
scenario: 1
id: price-check
title: The buyer says it costs too much
summary: A short price objection for the tests.
difficulty: 2
skills: [courage, belief]
tags: [price]
product:
  name: Ledgerly
  facts:
    - Customers cut month-end close from 10 days to 4
cast:
  cfo:
    name: Dana Ruiz
    role: CFO
    persona: Numbers first.
    trust: 30
    belief: 20
  champion:
    name: Sam Ode
    role: Controller
    trust: 70
    belief: 60
start: open
steps:
  open:
    speaker: cfo
    line: You're 30% above the other vendor. Why would I pay that?
    interjections:
      - speaker: champion
        line: I did warn you she'd ask.
    choices:
      - text: I can take 15% off if you sign this week.
        score: {courage: -2, belief: -2}
        effects: {cfo.belief: -10}
        feedback: Discounting first says the price was padded.
        next: lost
      - text: Fair. What does a day of month-end close cost you today?
        score: {courage: 2, authenticity: 1}
        effects: {cfo.trust: +15}
        feedback: You moved from price to the cost of the problem.
        next: cost
    routes:
      - like: [what does it cost, cost you today]
        effects: {cfo.trust: +10}
        next: cost
      - like: [discount, lower the price]
        next: lost
    model_answer: I'd rather earn the 30% than discount it. What does your close cost you?
  cost:
    speaker: cfo
    line: Ten days, three people. Fine, what would change?
    choices:
      - text: Teams like yours close in four days. Can we book Friday to decide?
        score: {courage: 3, belief: 2}
        effects: {cfo.belief: +30}
        next: won
    routes:
      - like: [book, friday, next step]
        effects: {cfo.belief: +20}
        next: won
    model_answer: Teams like yours close in four days; shall we decide together on Friday?
  lost:
    speaker: cfo
    line: If you can drop 15% that fast, your price was never real.
    end: loss
  won:
    speaker: cfo
    line: Fine. Send me the business case.
    end: win
"""

TIMED = """\
scenario: 1
id: timed-check
title: A buyer with no patience
reply_seconds: 1
cast:
  buyer:
    name: Pat Lee
    role: Buyer
start: open
steps:
  open:
    speaker: buyer
    line: Well? I'm waiting.
    routes:
      - like: [sorry]
        next: done
{else_line}
  silent:
    speaker: buyer
    line: Too slow.
    end: loss
  done:
    end: stall
"""

HOSTILE = """\
scenario: 1
id: hostile-text
title: "Markup [bold red]x[/] in a title"
summary: "Clear the screen: \\x1b[2J done"
cast:
  buyer:
    name: "[blink]Eve[/blink]"
    role: "Role \\x1b[31mred"
    persona: "[link=http://x]click[/link]"
start: open
steps:
  open:
    speaker: buyer
    line: "Look: [bold red]x[/] and \\x1b[2J here"
    choices:
      - text: "Answer [/] with [b]markup[/b]"
        feedback: "Feedback [red]stays[/red] text"
        next: done
    model_answer: "Model [i]answer[/i]"
  done:
    speaker: buyer
    line: "Bye [/]"
    end: win
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def fake_clock(step: float = 5.0):
    """A clock that moves ``step`` seconds each time it is read: stable timings."""
    counter = itertools.count()
    return lambda: next(counter) * step


def build_app(tmp_path: Path, *, bundled: bool = False, **options) -> RepcraftApp:
    """The app around the scenarios in ``tmp_path/scenarios`` and a log in ``tmp_path``."""
    options.setdefault("extra_dirs", [str(tmp_path / "scenarios")])
    options.setdefault("db_path", str(tmp_path / "practice.sqlite3"))
    options.setdefault("seed", 1)
    options.setdefault("today", TODAY)
    return make_app(AppConfig(include_bundled=bundled, **options))


def load(path: Path):
    from simulator.scenario.loader import check_file

    scenario, diagnostics = check_file(path)
    assert scenario is not None, [d.format() for d in diagnostics]
    return scenario


async def settle(pilot, app) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


KEY_NAMES = {" ": "space", "?": "question_mark", ",": "comma", ".": "full_stop"}


async def type_text(pilot, text: str) -> None:
    """Type ``text`` into the focused widget: one real key event per character, in order,
    through the app as the terminal sends them. ``Pilot.press`` waits for idle twice
    after every key (40 ms or more each); a widget being typed into keeps focus, so the
    keys are sent together and the app settles once. Keys that move focus: ``press``."""
    from textual import events

    app = pilot.app
    for ch in text:
        app.post_message(events.Key(KEY_NAMES.get(ch, ch), ch))
    for _ in range(3):  # app -> screen -> focused widget: each hop is a queue
        await pilot.pause()


def shown_text(app) -> str:
    """Every Static on the current screen, as the plain text it renders."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        content = widget.render()
        if not hasattr(content, "plain"):  # a table or a group: what the widget was given
            content = widget.content
        parts.append(content.plain if hasattr(content, "plain") else plain(content))
    return "\n".join(parts)


def plain(renderable, width: int = 200) -> str:
    """What a Rich renderable (a table, a group) shows, as plain text."""
    import os

    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(width=width, color_system=None, record=True, file=sink)
        console.print(renderable)
        return console.export_text()


def _at(days_ago: int, hour: int = 12) -> float:
    day = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())
    return time.mktime((day + timedelta(hours=hour)).timetuple())


def fill_log(path, plays: list[tuple[int, int, tuple[int, int, int]]]) -> None:
    """Sessions ``(days_ago, minutes, (courage, authenticity, belief))`` in the log."""
    from simulator.practice import PracticeLog

    log = PracticeLog.open(path)
    try:
        for days_ago, minutes, (c, a, b) in plays:
            start = _at(days_ago)
            sid = log.start_session(NewSession(
                "price-check", "The buyer says it costs too much", "", difficulty=2,
                skills=("courage", "belief"), seed=1, started_at=start,
            ))  # fmt: skip
            end = start + 60 * minutes
            report = {
                "ending": "win",
                "turns": [],
                "scores": {"courage": c, "authenticity": a, "belief": b},
                "seconds": 60.0 * minutes,
            }
            log.finish_session(sid, report, ended_at=end)
    finally:
        log.close()


def slow_timed(tmp_path: Path, seconds: float = 30):
    """The TIMED scenario written under tmp_path, with a clock too long to run out
    while a test types."""
    path = write(tmp_path / "scenarios", "timed.yaml", TIMED.format(else_line=""))
    return dataclasses.replace(load(path), reply_seconds=seconds)


async def pick(pilot, *numbers: int) -> None:
    """Pick choices by key as a rep does: from the reply box a digit is a choice only
    when it stands alone and Enter sends it; from the choice list the digit alone."""
    from simulator.tui.widgets.reply_input import ReplyInput

    for number in numbers:
        if isinstance(pilot.app.focused, ReplyInput):
            await pilot.press(str(number), "enter")
        else:
            await pilot.press(str(number))
