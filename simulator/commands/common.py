"""Options shared by several commands (``--seed``, ``--scenarios``, ``--db``, ``--no-log``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TextIO, TypeVar

from simulator.scenario.display_text import escape_table

if TYPE_CHECKING:  # the commands import these lazily, to start fast
    from simulator.practice import PracticeStore
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.model import Scenario
    from simulator.scoring import Rubric

T = TypeVar("T")


def add_scenarios_option(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--scenarios``. Only the top-level parser sets the default: a subcommand's own
    default would overwrite ``repcraft --scenarios DIR list`` (given before the command)."""
    p.add_argument(
        "--scenarios",
        action="append",
        default=[] if top else argparse.SUPPRESS,
        metavar="DIR",
        help="extra scenario folder (repeatable; also REPCRAFT_SCENARIOS)",
    )


def scenario_dirs(args: argparse.Namespace) -> list[str]:
    """Extra folders from --scenarios, then REPCRAFT_SCENARIOS (os.pathsep-joined)."""
    dirs = list(getattr(args, "scenarios", None) or [])
    env = os.environ.get("REPCRAFT_SCENARIOS", "")
    for d in filter(None, env.split(os.pathsep)):
        if os.path.isdir(d):
            dirs.append(d)
        else:  # a stale entry must not stop the command, but should not vanish silently
            err(f"REPCRAFT_SCENARIOS: {safe_text(d)} is not a folder; skipped")
    return dirs


def add_seed_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, default=None, help="seed for variants (deterministic)")


def add_db_options(p: argparse.ArgumentParser, *, no_log: bool = False, top: bool = False) -> None:
    """``--db`` (and ``--no-log``); defaults only on the top-level parser, as above."""
    p.add_argument(
        "--db",
        default=None if top else argparse.SUPPRESS,
        metavar="PATH",
        help="practice log (also REPCRAFT_DB)",
    )
    p.add_argument(
        "--rep",
        default=None if top else argparse.SUPPRESS,
        metavar="NAME",
        help="who is practising, as the log files it (also REPCRAFT_REP; default: OS user)",
    )
    if no_log:
        p.add_argument(
            "--no-log",
            action="store_true",
            default=False if top else argparse.SUPPRESS,
            help="do not write to the practice log",
        )


def db_path_arg(args: argparse.Namespace) -> str | None:
    """--db, then REPCRAFT_DB; None means the default in the user data directory."""
    return getattr(args, "db", None) or os.environ.get("REPCRAFT_DB") or None


def err(message: str) -> None:
    print(f"repcraft: {message}", file=sys.stderr)


# Tabs are harmless; a line break inside a file's text (a `|` block) reads as a space
# on the one line a terminal transcript gives it.
_CONTROL = escape_table(keep="\t", newline=" ")


def safe_text(text: object) -> str:
    """Text from a file, made safe for a terminal: control characters (escape
    sequences included) and bidirectional overrides are shown as ``\\x1b`` or
    ``\\u202e``, never sent raw."""
    if text is None:
        return ""
    return str(text).translate(_CONTROL)


def print_diagnostics(diagnostics: Iterable[Diagnostic], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for d in diagnostics:
        print(safe_text(d.format()), file=stream)


def load_scenario_arg(
    id_or_path: str, args: argparse.Namespace
) -> tuple[Scenario, Rubric | None] | int:
    """Resolve and load a scenario (and its rubric) for a command.

    Returns ``(scenario, rubric)``, or an exit code after printing why not:
    2 when nothing by that id or path exists, 1 when the file is invalid.
    """
    from simulator.scenario.library import resolve
    from simulator.scenario.loader import check_file

    try:
        path = resolve(id_or_path, scenario_dirs(args))
    except LookupError as exc:
        err(str(exc.args[0] if exc.args else exc))
        return 2
    scenario, diagnostics = check_file(path)
    if scenario is None:
        print_diagnostics(diagnostics)
        errors = sum(d.is_error for d in diagnostics)
        err(f"{path}: not a valid scenario ({errors} error{'s' * (errors != 1)})")
        return 1
    rubric = None
    if scenario.rubric or getattr(args, "rubric", None):
        from simulator.scoring import RubricError, load_rubric

        try:  # the scenario's own rubric first, then the one named on the command line
            rubric = load_rubric(scenario.rubric, getattr(args, "rubric", None))
        except RubricError as exc:  # path:line:col first on its line, as validate prints it
            print(safe_text(str(exc)), file=sys.stderr)
            err(f"{safe_text(exc.path)}: the rubric did not load")
            return 1
    return scenario, rubric


def add_scenario_argument(p: argparse.ArgumentParser) -> None:
    """The ``ID_OR_PATH`` a scenario command works on, and ``--scenarios`` to find it."""
    p.add_argument("scenario", metavar="ID_OR_PATH", help="a scenario id or a YAML file")
    add_scenarios_option(p)


def load_scenario_only(args: argparse.Namespace) -> Scenario | int:
    """The scenario ``args.scenario`` names (for commands that do not score), or an exit
    code after printing why it cannot be used, as ``load_scenario_arg``."""
    loaded = load_scenario_arg(args.scenario, args)
    return loaded if isinstance(loaded, int) else loaded[0]


def open_script(script: str) -> TextIO | None:
    """The replies file of ``--script`` (``-``: stdin; bytes that are not UTF-8 read as
    U+FFFD), or None after saying why it cannot be read."""
    if script == "-":
        return sys.stdin
    try:
        return open(script, encoding="utf-8", errors="replace")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        err(f"cannot read script {script}: {exc.strerror or exc}")
        return None


def read_log(args: argparse.Namespace, read: Callable[[PracticeStore], T]) -> T | int:
    """``read`` the practice log the options name, then close it: what ``read`` returns,
    or an exit code (1) after a message when the log cannot be opened or read."""
    from simulator.practice import PracticeLogError

    log = open_log(args)
    if isinstance(log, int):
        return log
    try:
        return read(log)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()


def open_log(args: argparse.Namespace) -> PracticeStore | int:
    """The practice log named by --db / REPCRAFT_DB / the default, or 1 after a message."""
    from simulator.practice import PracticeLogError, open_store

    try:
        return open_store(db_path_arg(args), rep=getattr(args, "rep", None))
    except PracticeLogError as exc:
        err(str(exc))
        return 1


def write_output(text: str, out: str | None, what: str = "") -> int:
    """Write ``text`` to stdout (no ``--out`` or ``-``) or to the file ``out``; exit code."""
    if not out or out == "-":
        sys.stdout.write(text)
        return 0
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as exc:
        err(f"cannot write {out}: {exc.strerror or exc}")
        return 2
    print(f"wrote {out}{f' ({what})' if what else ''}", file=sys.stderr)
    return 0


def input_lines(stream: Iterable[str], *, keep_blank: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of a script or stdin: the newline removed and
    a byte-order mark at the start dropped (editors and PowerShell pipes add one);
    blank lines skipped unless ``keep_blank``; bytes that are not UTF-8 become U+FFFD,
    as in ``score``, never an error. Lazy, so a live stdin is answered
    line by line as it arrives."""
    for number, raw in enumerate(stream, 1):
        text = raw.rstrip("\r\n")
        if any("\udc80" <= c <= "\udcff" for c in text):  # stdin's undecodable bytes
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if number == 1:
            text = text.removeprefix("\ufeff")
        if keep_blank or text.strip():
            yield number, text
