"""Session dicts (from ``PracticeLog.sessions()``) as JSONL, CSV or a Markdown transcript.

Pure formatting: no SQL here, so the shapes are easy to test and to reuse.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping

from simulator.scenario.display_text import escape_table
from simulator.scenario.model import DIMENSIONS

# Control characters (escape sequences included) are shown as \x1b, never written raw:
# an export is often read in the terminal it is printed to.
_CONTROL = escape_table()

CSV_FIELDS = (
    "id",
    "scenario",
    "title",
    "mode",
    "status",
    "started_at",
    "ended_at",
    "day",
    "seconds",
    "ending",
    *DIMENSIONS,
    "turns",
    "difficulty",
    "seed",
    "rubric",
    "content_hash",
)


def jsonl_lines(sessions: Iterable[dict]) -> Iterator[str]:
    """One JSON object per session, its turns nested, each line ending in a newline."""
    for session in sessions:
        yield json.dumps(session, ensure_ascii=False) + "\n"


def _cell(value: object) -> object:
    """A CSV cell: text with control characters spelled out (a title comes from a
    scenario file, and CSV is often printed straight to the terminal)."""
    if value is None:
        return ""
    return value.translate(_CONTROL) if isinstance(value, str) else value


def csv_chunks(sessions: Iterable[dict]) -> Iterator[str]:
    """A header row, then one row per session (scores empty for abandoned sessions)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for session in sessions:
        scores = session.get("scores") or {}
        row = {**session, **{d: scores.get(d) for d in DIMENSIONS}}
        row["turns"] = len(session.get("turns") or ())
        if isinstance(row.get("seconds"), float):
            row["seconds"] = round(row["seconds"], 3)  # as finished sessions are stored
        writer.writerow([_cell(row.get(f)) for f in CSV_FIELDS])
        if buf.tell() > 65536:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def duration(seconds: float | None) -> str:
    if not seconds:
        return "0 s"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: object) -> str:
    """Speech as Markdown text: special characters escaped, so a line renders as said."""
    return " ".join(str(text or "").split()).translate(_CONTROL).translate(_MD_SPECIAL)


def _difficulty(difficulty: object) -> str:
    # A drill round spans scenarios: it has no difficulty, and says nothing rather than None.
    return "" if difficulty is None else f" (difficulty {difficulty})"


def _outcome(session: dict) -> str:
    if session.get("status") != "finished":
        return f"abandoned after {len(session.get('turns') or ())} turns"
    if session.get("ending"):
        return f"finished, ending **{_md(session['ending'])}**"
    return "drill round finished" if session.get("mode") == "drill" else "finished"


def markdown(session: dict, names: Mapping[str, str] | None = None) -> str:
    """One session as a Markdown transcript with its scorecard, for a coaching conversation.

    ``names`` maps the log's cast keys to how people are called ("Dana Ruiz (CFO)");
    a key not in it is shown as stored."""
    names = names or {}
    title = session.get("title") or session.get("scenario")
    out = [f"# {_md(title)}", ""]
    out += [
        f"- Scenario: `{session.get('scenario')}`{_difficulty(session.get('difficulty'))}",
        f"- Session: {session.get('id')}, started {session.get('started_at')}",
        f"- Outcome: {_outcome(session)}",
        f"- Practice time: {duration(session.get('seconds'))}",
    ]
    if session.get("seed") is not None:
        out.append(f"- Seed: {session['seed']}")
    if session.get("rubric"):
        out.append(f"- Rubric: {session['rubric']}")
    out += ["", "## Scorecard", ""]
    scores = session.get("scores")
    if scores:
        out += ["| Dimension | Score |", "| --- | ---: |"]
        out += [f"| {dim.capitalize()} | {_score(scores.get(dim))} |" for dim in DIMENSIONS]
    else:
        out.append("Not scored: the session was not finished.")
    out += _highlights(session.get("turns") or [])
    out += ["", "## Transcript", ""]
    for n, turn in enumerate(session.get("turns") or [], start=1):
        out += _turn(n, turn, names)
    closing = session.get("closing")
    if closing:
        who = closing.get("speaker")
        out += [f"**{_md(names.get(who, who))}:** {_md(closing.get('line'))}", ""]
    return "\n".join(out).rstrip() + "\n"


def _score(value: object) -> str:
    return "–" if value is None else str(value)


def _evidence(turns: list[dict]) -> list[tuple[int, dict]]:
    return [
        (n, item)
        for n, turn in enumerate(turns, start=1)
        for item in (turn.get("evidence") or [])
        if isinstance(item, dict) and isinstance(item.get("weight"), (int, float))
    ]


def _highlights(turns: list[dict]) -> list[str]:
    items = _evidence(turns)
    best = sorted((x for x in items if x[1]["weight"] > 0), key=lambda x: -x[1]["weight"])[:3]
    worst = sorted((x for x in items if x[1]["weight"] < 0), key=lambda x: x[1]["weight"])[:3]
    out: list[str] = []
    for heading, chosen in (("What worked", best), ("What to work on", worst)):
        if chosen:
            out += ["", f"### {heading}", ""]
            out += [_evidence_line(item, turn=n) for n, item in chosen]
    return out


def _evidence_line(item: dict, *, turn: int | None = None) -> str:
    where = f"turn {turn}, " if turn is not None else ""
    weight = item.get("weight", 0)
    text = f" “{_md(item['text'])}”" if item.get("text") else ""
    note = f": {_md(item['note'])}" if item.get("note") else ""
    return f"- {where}{item.get('dimension')} {weight:+g}{text}{note}"


def _turn(n: int, turn: dict, names: Mapping[str, str]) -> list[str]:
    """A turn as paragraphs (each followed by a blank line) and a list of its evidence."""
    who = str(turn.get("speaker"))
    out = [f"**{n}. {_md(names.get(who, who))}:** {_md(turn.get('line'))}", ""]
    for extra in turn.get("interjections") or []:
        if isinstance(extra, dict):
            cut = str(extra.get("speaker"))
            out += [f"*{_md(names.get(cut, cut))} cuts in:* {_md(extra.get('line'))}", ""]
    kind = turn.get("kind") or "reply"
    seconds = turn.get("reply_seconds")
    timing = f", {seconds:.0f} s" if isinstance(seconds, (int, float)) else ""
    reply = _md(turn.get("reply")) if turn.get("reply") else "*(no reply)*"
    out += [f"**You** ({kind}{timing}): {reply}", ""]
    scores = turn.get("scores") or {}
    if scores:
        out += ["Scores: " + ", ".join(f"{k} {_score(v)}" for k, v in scores.items()), ""]
    evidence = [_evidence_line(e) for e in turn.get("evidence") or [] if isinstance(e, dict)]
    if evidence:
        out += [*evidence, ""]
    return out
