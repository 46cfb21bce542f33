"""``repcraft`` with no command (and ``repcraft play ID`` without --script): the app.

Thin, as the CLI should be: turn options into an AppConfig, build the app with
``make_app``, run it. A scenario named on the command line is loaded first, so a
missing or invalid file is reported on the terminal, not inside the app.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from simulator.commands.common import db_path_arg, load_scenario_arg, scenario_dirs

if TYPE_CHECKING:  # the app (and Textual) load only when it runs
    from simulator.tui.config import AppConfig


def app_config(args: argparse.Namespace) -> AppConfig:
    """The AppConfig for these options (without the scenario to play)."""
    from simulator.tui.config import AppConfig

    return AppConfig(
        extra_dirs=scenario_dirs(args),
        db_path=db_path_arg(args),
        no_log=bool(getattr(args, "no_log", False)),
        seed=getattr(args, "seed", None),
        watch=bool(getattr(args, "watch", False)),
    )


def run_app(args: argparse.Namespace) -> int:
    config = app_config(args)
    target = getattr(args, "scenario", None)
    if target:
        loaded = load_scenario_arg(target, args)
        if isinstance(loaded, int):
            return loaded
        config.play, config.rubric = loaded
        # A file named by path is being worked on (an id is a rep practising): offer Reload.
        config.authoring = config.watch or os.path.isfile(target)
    return launch(config)


def launch(config: AppConfig) -> int:
    """Run the app to completion; its return code (0 unless it says otherwise)."""
    from simulator.tui.app import make_app

    app = make_app(config)
    result = app.run()
    return int(result or 0) if app.return_code is None else int(app.return_code)
