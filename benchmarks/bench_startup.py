"""How long ``repcraft`` takes from process start to a usable library screen.

Run by hand: ``python benchmarks/bench_startup.py [--runs N]``. Goal (issue 5): at
most 1.5x the start-up of a minimal Textual app started the same way in the same
run. Both run headless in a fresh Python process; the clock runs from just before
the process is spawned until it prints READY:

- the minimal app prints READY when it has mounted its one Static;
- repcraft goes the way the command does (parse the command line, build the
  config, ``make_app``) and prints READY once the library table is filled with
  the scenarios and the practice log's figures, i.e. when Enter would start one.

Each run gets a fresh user data folder and practice log, so nothing is cached
between runs and the user's own files are never read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.ready)

    def ready(self):
        print("READY", flush=True)
        self.exit()

Minimal().run(headless=True, size=(100, 30))
"""

# {args}: how the command line is read; {until}: "frame" (the library screen is up and
# takes keys) or "rows" (its table is filled: Enter would start a scenario).
REPCRAFT = """
import argparse
from simulator.commands.app import app_config
from simulator.tui.app import make_app

args = {args}
app = make_app(app_config(args))

from simulator.tui.screens import library_screen

def ready():
    print("READY", flush=True)
    app.exit()

if "{until}" == "rows":
    shown = library_screen.LibraryScreen._loaded

    def loaded(self, rows, stats):
        shown(self, rows, stats)
        assert self.shown, "the library is empty"
        self.call_after_refresh(ready)

    library_screen.LibraryScreen._loaded = loaded
else:
    mounted = library_screen.LibraryScreen.on_mount

    def on_mount(self):
        mounted(self)
        self.call_after_refresh(ready)

    library_screen.LibraryScreen.on_mount = on_mount
app.run(headless=True, size=(100, 30))
"""
CLI_ARGS = "__import__('simulator.cli').cli._parse([])"
NO_ARGS = "argparse.Namespace()"
VARIANTS = {
    # what a user gets from `repcraft`: the command line parsed, then the app
    "repcraft": REPCRAFT.format(args=CLI_ARGS, until="rows"),
    # the app's own share: the same without building the command-line parser
    "app alone": REPCRAFT.format(args=NO_ARGS, until="rows"),
}


def one_run(code: str, cache_home: str | None = None) -> float:
    """One start; ``cache_home`` None means a cold start (no library listing cache)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            XDG_DATA_HOME=home,
            XDG_CACHE_HOME=cache_home or str(Path(home) / "cache"),
            REPCRAFT_DB=str(Path(home) / "practice.sqlite3"),
            PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
        )
        env.pop("REPCRAFT_SCENARIOS", None)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "READY":
                elapsed = time.perf_counter() - started
                break
        else:
            raise SystemExit(f"never became ready:\n{proc.stderr.read() if proc.stderr else ''}")
        proc.wait(timeout=30)
        return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    one_run(MINIMAL)  # warm the OS file cache
    times: dict[str, list[float]] = {"minimal Textual app": []}
    times.update({name: [] for name in VARIANTS})
    times["repcraft, first start (no listing cache)"] = []
    with tempfile.TemporaryDirectory() as cache_home:
        one_run(VARIANTS["repcraft"], cache_home)  # a rep's usual start: the cache is there
        for _ in range(runs):  # interleaved, so drift in machine load hits all alike
            times["minimal Textual app"].append(one_run(MINIMAL))
            for name, code in VARIANTS.items():
                times[name].append(one_run(code, cache_home))
            times["repcraft, first start (no listing cache)"].append(one_run(VARIANTS["repcraft"]))
    base = statistics.median(times["minimal Textual app"])
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        worst = max(worst, ratio) if name == "repcraft" else worst
        print(f"{name:<42}: median {median * 1000:7.1f} ms  {ratio:5.2f}x  ({runs} runs)")
    print("goal: repcraft <= 1.5x the minimal app")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
