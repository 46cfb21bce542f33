"""Headless play: replies read from a script (or stdin, line by line as they arrive).

The loop is the thin front end of inkle's CommandLinePlayer: show the prompt,
take one reply, repeat. Each answered turn goes to the practice log at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from simulator.commands.common import safe_text
from simulator.engine import ReplyError, Session, Turn
from simulator.engine.replay import give, script_answer
from simulator.scenario.model import DIMENSIONS, Scenario

if TYPE_CHECKING:
    from simulator.commands.recording import Recording

EXIT_ENDED = 0
EXIT_BAD_LINE = 1
EXIT_RAN_OUT = 3


@dataclass
class HeadlessResult:
    """How a scripted play went: the exit code, the replies used, any error."""

    code: int
    replies: list[str] = field(default_factory=list)
    error: str = ""
    report: dict | None = None


class TranscriptPrinter:
    """Prints the conversation as it happens, for people reading a terminal."""

    def __init__(self, scenario: Scenario, out: TextIO):
        self.scenario = scenario
        self.out = out

    def _say(self, speaker: str | None, line: str | None, indent: str = "") -> None:
        if line:
            who = safe_text(self.scenario.speaker_label(speaker)) or "Buyer"
            print(f"{indent}{who}: {safe_text(line)}", file=self.out)

    def prompt(self, session: Session) -> None:
        prompt = session.prompt
        if prompt is None:
            return
        self._say(prompt.speaker, prompt.line)
        for u in prompt.interjections:
            self._say(u.speaker, u.line, "  ")
        for i, choice in enumerate(session.offered(), 1):
            print(f"    [{i}] {safe_text(choice.text)}", file=self.out)
        self.out.flush()

    def turn(self, turn: Turn) -> None:
        shown = turn.reply if turn.kind != "timeout" else "(no answer)"
        print(f"  You: {safe_text(shown)}", file=self.out)
        if turn.feedback:
            print(f"    feedback: {safe_text(turn.feedback)}", file=self.out)
        route = turn.route
        if turn.kind == "typed":
            if route is None or route.get("match") == "none":
                why = f"; {safe_text(route['why'])}" if route and route.get("why") else ""
                print(f"    (no route matched: the buyer presses again{why})", file=self.out)
            elif route.get("else"):
                print(f"    (route: else; {safe_text(route.get('why') or '')})", file=self.out)
            else:
                why = safe_text(route.get("why") or route["match"])
                print(f"    (route: {why})", file=self.out)

    def ending(self, session: Session, report: dict) -> None:
        closing = session.closing
        if closing is not None:
            self._say(closing.speaker, closing.line)
            for u in closing.interjections:
                self._say(u.speaker, u.line, "  ")
        ending = report["ending"] or "none (the script ran out)"
        scores = report["scores"]
        print(f"\nEnding: {ending}", file=self.out)
        print(
            "Scores: " + " · ".join(f"{dim} {scores[dim]}" for dim in DIMENSIONS),
            file=self.out,
        )
        for note in report.get("notes", []):
            print(f"  - {safe_text(note['note'])} ({safe_text(note['text'])!r})", file=self.out)
        if report.get("moves_summary"):
            print(f"Moves: {safe_text(report['moves_summary'])}", file=self.out)
        self.out.flush()


def play_script(
    session: Session,
    lines: Iterable[tuple[int, str]],
    *,
    as_json: bool,
    log: Recording | None = None,
    log_id: int | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> HeadlessResult:
    """Drive ``session`` with script lines; print the transcript or the JSON report."""
    show = None if as_json else TranscriptPrinter(session.scenario, out)
    if as_json and err.isatty():
        show = TranscriptPrinter(session.scenario, err)  # someone is watching: talk to them
    result = HeadlessResult(EXIT_RAN_OUT)
    if show:
        show.prompt(session)
    iterator = iter(lines)
    while not session.ended:
        try:
            number, text = next(iterator)
        except StopIteration:
            break
        try:
            turn = give(session, script_answer(text))
        except ReplyError as exc:
            result.code = EXIT_BAD_LINE
            result.error = f"script line {number}: {exc}"
            print(f"repcraft: {safe_text(result.error)}", file=err)
            return result
        result.replies.append(text)
        if log is not None and log_id is not None:
            log.record_turn(log_id, turn.to_dict(), reply_seconds=turn.seconds)
        if show:
            show.turn(turn)
            show.prompt(session)
    leftover = next(iterator, None)
    if session.ended and leftover is not None:
        print(
            f"repcraft: script line {leftover[0]} and after not used: "
            f"the conversation ended ({session.ending})",
            file=err,
        )
    report = result.report = session.report()
    if session.ended:
        result.code = EXIT_ENDED
        if log is not None and log_id is not None:
            log.finish_session(log_id, report)
    if as_json:
        print(json.dumps(report, indent=2), file=out)
    elif show:
        show.ending(session, report)
    if result.code == EXIT_RAN_OUT:
        print(
            f"repcraft: the script ran out at step '{session.run.state}' before an ending",
            file=err,
        )
    return result
