"""What taking keys one at a time costs (simulator/tui/typeahead.py), against Textual's
own handling of the same burst.

Run by hand: ``python benchmarks/bench_typeahead.py [--keys N]``. A burst of N typed
characters is posted to the app at once (a fast typist or a paste-like burst), in
the conversation's reply box, and the time until the box holds all of them is
measured: with the app's key queue (each key waits for the last to be handled), and
with it bypassed (every key forwarded at once, as Textual does). Goal (issue 14): a
key costs well under a human's fastest inter-key time (about 30 ms), so no rep can
type faster than the app takes keys.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402

from simulator.tui.typeahead import TypeAheadApp  # noqa: E402
from simulator.tui.widgets.reply_input import ReplyInput  # noqa: E402
from tests.test_tui_support import PRICE, build_app, settle, write  # noqa: E402


async def _burst(keys: int, queued: bool) -> float:
    tmp = Path(tempfile.mkdtemp())
    write(tmp / "scenarios", "price.yaml", PRICE)
    app = build_app(tmp, db_path=str(tmp / "log.sqlite3"))
    if not queued:  # Textual's own path: every key forwarded as it is read
        app.on_event = lambda event: App.on_event(app, event)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter", "enter")
        await settle(pilot, app)
        box = app.screen.query_one(ReplyInput)
        text = ("abc de" * (keys // 6 + 1))[:keys]
        start = time.perf_counter()
        for ch in text:
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        while box.value != text:
            await asyncio.sleep(0.001)
            if time.perf_counter() - start > 60:
                raise TimeoutError(f"{len(box.value)} of {keys} keys arrived")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    assert issubclass(type(build_app(Path(tempfile.mkdtemp()))), TypeAheadApp)
    for queued in (False, True):
        seconds = asyncio.run(_burst(args.keys, queued))
        name = "one at a time (the app)" if queued else "all at once (Textual) "
        per_key = 1000 * seconds / args.keys
        print(f"{name}: {args.keys} keys in {seconds:.3f} s, {per_key:.2f} ms a key")


if __name__ == "__main__":
    main()
