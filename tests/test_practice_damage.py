"""A damaged practice log: truncated, pages overwritten, random bytes, a text file, the
wrong schema, a folder, read-only, a missing parent. Each gives a clear message naming
the file, leaves it byte-for-byte as it was (sha256), and the rep still practises, with
the log off and said so, headless (play and drill) and in the app."""

from __future__ import annotations

import asyncio
import hashlib
import random
import sqlite3
import textwrap

import pytest

from simulator.practice import PracticeLog, PracticeLogError
from simulator.practice.records import NewSession
from tests.practice_helpers import sample_report, sample_turn

TINY = textwrap.dedent(
    """\
    scenario: 1
    id: tiny-damage
    title: One question
    cast:
      cfo: {name: Dana Ruiz, role: CFO}
    start: open
    steps:
      open:
        speaker: cfo
        line: Why should I pay more?
        choices:
          - text: Because it pays back in a quarter.
            next: won
      won:
        speaker: cfo
        line: Fine.
        end: win
    """
)


def _log(path, sessions=60):
    """A real log, big enough that damage in its middle hits table pages."""
    with PracticeLog.open(path) as log:
        log._conn.execute("PRAGMA synchronous = OFF")  # a fixture: no fsync per turn
        for _ in range(sessions):
            sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
            for n in range(4):
                log.record_turn(sid, sample_turn(n), reply_seconds=1)
            log.finish_session(sid, sample_report([sample_turn(0)]))
    return path


def _overwrite(path, offset, data):
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(data)


def _truncate(fraction=None, size=None):
    def damage(path):
        _log(path)
        whole = path.stat().st_size
        with path.open("r+b") as fh:
            fh.truncate(size if size is not None else int(whole * fraction))

    return damage


def _pages_overwritten(path):
    _log(path)
    pages = path.stat().st_size // 4096
    rng = random.Random(16)
    for page in (pages // 3, pages // 2, pages - 2):
        _overwrite(path, page * 4096, rng.randbytes(4096))


def _bytes_overwritten_in_a_page(path):
    _log(path)
    middle = (path.stat().st_size // 4096 // 2) * 4096
    _overwrite(path, middle, b"\xff" * 64)  # the page header and first cell pointers


def _random_bytes(path):
    path.write_bytes(random.Random(7).randbytes(16384))


def _text_file(path):
    path.write_text("date,scenario,score\n2026-03-01,cfo,70\n" * 200, encoding="utf-8")


def _schema_without(sql):
    def damage(path):
        _log(path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(sql)
        conn.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
        conn.close()

    return damage


DAMAGE = {
    "truncated to half": _truncate(0.5),
    "truncated to one page": _truncate(size=4096),
    "truncated mid-page": _truncate(size=3 * 4096 + 1234),
    "truncated inside the header": _truncate(size=60),
    "pages overwritten": _pages_overwritten,
    "bytes overwritten": _bytes_overwritten_in_a_page,
    "random bytes": _random_bytes,
    "a text file": _text_file,
    "no daily_totals trigger": _schema_without("DROP TRIGGER daily_totals_on_insert"),
    "no turns table": _schema_without("DROP TABLE turns"),
    "a column missing": _schema_without("ALTER TABLE turns DROP COLUMN evidence"),
}
# What the message says, per case: the file and why.
SAYS = {
    "truncated to half": "truncated: ",
    "truncated to one page": "truncated: 4,096 bytes of the ",
    "truncated mid-page": "truncated: 13,522 bytes of the ",
    "no daily_totals trigger": "no trigger daily_totals_on_insert",
    "no turns table": "no column turns.at",
    "a column missing": "no column turns.evidence",
}


def _damaged(tmp_path, case):
    path = tmp_path / "practice.sqlite3"
    DAMAGE[case](path)
    return path


def _fingerprint(folder):
    """sha256 of every file in the folder: the log, and nothing new beside it."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_log_is_refused_with_its_name_and_left_byte_for_byte(tmp_path, case):
    path = _damaged(tmp_path, case)
    before = _fingerprint(tmp_path)
    with pytest.raises(PracticeLogError) as info:
        PracticeLog.open(path)
    message = str(info.value)
    assert str(path) in message and "left untouched" in message
    assert SAYS.get(case, "") in message
    assert _fingerprint(tmp_path) == before


def _play(cli, tmp_path, db, *extra):
    """``repcraft play tiny.yaml --script - --db DB``; ``cli`` None runs the same command
    in this process (``simulator.cli.main``): eleven start-ups cost many seconds."""
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(TINY, encoding="utf-8")
    argv = ["play", str(scenario), "--script", "-", "--db", str(db), *extra]
    if cli is not None:
        return cli(*argv, input="1\n")
    import contextlib
    import io
    import subprocess
    import sys

    from simulator.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO("1\n")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = stdin
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("case", list(DAMAGE))
def test_headless_play_goes_on_with_the_log_off_and_says_so(tmp_path, case):
    _practise_on_a_damaged_log(None, tmp_path, case)


@pytest.mark.slow
@pytest.mark.parametrize("case", ["pages overwritten", "truncated to half", "a text file"])
def test_the_command_goes_on_with_the_log_off_as_a_subprocess(cli, tmp_path, case):
    _practise_on_a_damaged_log(cli, tmp_path, case)


def _practise_on_a_damaged_log(cli, tmp_path, case):
    (tmp_path / "logs").mkdir()
    db = _damaged(tmp_path / "logs", case)
    before = _fingerprint(tmp_path / "logs")
    res = _play(cli, tmp_path, db)
    assert res.returncode == 0, res.stderr
    assert "Ending: win" in res.stdout
    assert "Traceback" not in res.stderr
    lines = res.stderr.splitlines()
    assert lines[0].startswith(f"repcraft: practice log {db}")
    assert "the log is off: you can practise, but this session is not recorded" in lines[1]
    assert _fingerprint(tmp_path / "logs") == before


def test_a_folder_read_only_file_and_missing_parent(tmp_path):
    cli = None  # in this process: the subprocess path is tested above
    folder = tmp_path / "a-folder"
    folder.mkdir()
    res = _play(cli, tmp_path, folder)
    assert res.returncode == 0 and "Ending: win" in res.stdout
    assert "is a folder" in res.stderr and "the log is off" in res.stderr
    assert list(folder.iterdir()) == []

    (tmp_path / "ro").mkdir()
    read_only = _log(tmp_path / "ro" / "practice.sqlite3", sessions=2)
    read_only.chmod(0o444)
    before = _fingerprint(tmp_path / "ro")
    try:
        res = _play(cli, tmp_path, read_only)
        assert res.returncode == 0 and "Ending: win" in res.stdout
        assert "read-only" in res.stderr and "the log is off" in res.stderr
        assert _fingerprint(tmp_path / "ro") == before
    finally:
        read_only.chmod(0o644)

    fresh = tmp_path / "not" / "yet" / "there.sqlite3"  # a missing parent is created
    res = _play(cli, tmp_path, fresh)
    assert res.returncode == 0 and "the log is off" not in res.stderr
    with PracticeLog.open(fresh) as log:
        assert [s["status"] for s in log.sessions()] == ["finished"]


def test_a_drill_goes_on_with_the_log_off(cli, tmp_path):
    (tmp_path / "logs").mkdir()
    db = _damaged(tmp_path / "logs", "pages overwritten")
    before = _fingerprint(tmp_path / "logs")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "tiny.yaml").write_text(TINY, encoding="utf-8")
    res = cli("drill", "--script", "-", "--count", "1", "--scenarios", str(tmp_path / "lib"),
              "--db", str(db), input="It pays back in a quarter.\n")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "Drill:" in res.stdout and "the log is off" in res.stderr
    assert _fingerprint(tmp_path / "logs") == before


def test_a_log_that_fails_mid_session_keeps_what_was_saved_and_play_goes_on(tmp_path, capsys):
    import argparse

    from simulator.commands.recording import Recording

    path = tmp_path / "log.db"
    recording = Recording.open(argparse.Namespace(db=str(path), no_log=False, rep=None))
    sid = recording.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
    recording.record_turn(sid, sample_turn(0), reply_seconds=1)
    holder = sqlite3.connect(path, isolation_level=None)
    recording.store._busy_timeout = 0.2
    recording.store._conn.execute("PRAGMA busy_timeout = 200")  # SQLite's own wait too
    holder.execute("BEGIN EXCLUSIVE")  # another program takes the file
    recording.record_turn(sid, sample_turn(1), reply_seconds=1)
    recording.record_turn(sid, sample_turn(2), reply_seconds=1)  # off: not even tried
    recording.finish_session(sid, sample_report([]))
    holder.execute("ROLLBACK")
    holder.close()
    recording.close()
    err = capsys.readouterr().err
    assert "locked" in err
    assert "the log is off from here: the 1 turn before it were kept" in err
    assert err.count("the log is off") == 1
    with PracticeLog.open(path) as log:
        (session,) = list(log.sessions())
    assert session["status"] == "abandoned" and len(session["turns"]) == 1


def test_the_app_says_the_log_is_off_and_the_conversation_still_plays(tmp_path):
    from tests.test_tui_support import PRICE, SIZE, build_app, settle, shown_text, write

    write(tmp_path / "scenarios", "price.yaml", PRICE)
    (tmp_path / "logs").mkdir()
    db = _damaged(tmp_path / "logs", "bytes overwritten")
    before = _fingerprint(tmp_path / "logs")

    async def go():
        app = build_app(tmp_path, db_path=str(db))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            library = shown_text(app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            await pilot.press("2", "enter")
            await settle(pilot, app)
            await pilot.press("1", "enter")
            await settle(pilot, app)
            ended = app.screen.live.session.ended
            notes = [n.message for n in app._notifications]
            return library, ended, notes, app.store.status

    library, ended, notes, status = asyncio.run(go())
    assert "not being recorded" in library and str(db) in library
    assert ended
    assert any(str(db) in n and "damaged" in n and "not being recorded" in n for n in notes), notes
    assert "not being recorded" in status
    assert _fingerprint(tmp_path / "logs") == before
