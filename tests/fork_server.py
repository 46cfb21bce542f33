"""Processes for the tests, started in milliseconds: a fork server.

A fresh ``python -m simulator`` spends most of a second of CPU importing Textual, numpy,
the sentence model and compiling the rubric before it reads its first line; the suite
runs a few hundred commands and a hundred kill -9 trials, so that start-up was minutes of
CPU that tested nothing. Here one server process per test process imports every module
of simulator/ (the app's only when asked), loads the model and compiles the rubric once,
and forks a child per command. The child is a real, separate process: its own stdin,
stdout and stderr, environment, working directory and exit code; it opens files and the
log itself and runs what ``python -m simulator ARGS`` runs (``simulator.cli.main``; its
``SystemExit``, an uncaught exception's traceback, threads joined, atexit, flushed
output as the interpreter's exit does), or a script as ``python -c`` would. A SIGKILL
ends it like any process.

What a fork skips is the interpreter's start-up and the imports (and the children of one
server share its hash seed); tests/test_cli_startup.py runs commands in fresh interpreters
and checks they say exactly what the forked ones say, a few CLI tests (test_scoring_cli,
test_play_cli's streaming test) start fresh interpreters anyway, and
``REPCRAFT_TEST_FRESH=1`` makes every ``run_cli`` a fresh interpreter again.

Each command goes through a monitor (the server forks it, it forks the child): the
monitor says the child's pid and then how it ended on a status pipe, so the server never
blocks and several threads may start commands at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SERVER = textwrap.dedent(
    """
    import atexit, gc, json, os, pkgutil, socket, sys, threading

    import simulator.cli  # noqa: what every command needs, imported once
    from simulator.language import similarity
    from simulator.scoring.rubric import default_rubric

    skip = tuple(sys.argv[2:])  # packages this server's children import themselves
    for info in pkgutil.walk_packages(simulator.__path__, "simulator."):
        if info.name.endswith("__main__") or info.name.startswith(skip):
            continue
        try:
            __import__(info.name)
        except Exception:  # an optional extra not installed: a child fails as a fresh one
            pass
    similarity.warm_up()  # the sentence model and the compiled rubric, once for all
    default_rubric()
    gc.freeze()  # what the server made is never collected in a child (nor copied by it)

    def run(request):
        if "argv" in request:  # as `python -m simulator ARGV` does
            sys.argv = [request["main"], *request["argv"]]
            raise SystemExit(simulator.cli.main(request["argv"]))
        sys.argv = ["-c", *request["args"]]  # as `python -c CODE ARGS` does
        exec(compile(request["code"], "<string>", "exec"), {"__name__": "__main__"})

    def exit_code(exc):  # what the interpreter makes of SystemExit(code)
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1

    def child(request, fds):
        for target, fd in enumerate(fds):  # the command's own stdin, stdout, stderr
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        try:
            run(request)
            code = 0
        except SystemExit as exc:
            code = exit_code(exc)
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        # The interpreter's exit, but for tearing down the modules: that would write to
        # every object the server made, copying all its memory into this process.
        threading._shutdown()
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)

    def monitor(request, fds, status):
        pid = os.fork()
        if pid == 0:
            os.close(status)
            child(request, fds)  # never returns
        for fd in fds:
            os.close(fd)
        os.write(status, f"{pid}\\n".encode())
        _, how = os.waitpid(pid, 0)
        os.write(status, f"{os.waitstatus_to_exitcode(how)}\\n".encode())
        os._exit(0)

    def reap(block):  # the monitors that ended (waited for, so their CPU is accounted)
        try:
            while os.waitpid(-1, 0 if block else os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass

    sock = socket.socket(fileno=int(sys.argv[1]))  # SOCK_SEQPACKET: one message a request
    while True:
        message, fds, _, _ = socket.recv_fds(sock, 1 << 20, 4)
        if not message:
            reap(block=True)
            break
        if os.fork() == 0:
            sock.close()
            monitor(json.loads(message), fds[:3], fds[3])
        for fd in fds:
            os.close(fd)
        reap(block=False)
    """
)


class _StatusPipe:
    """The monitor's lines (the pid, then how the child ended), read without a buffer
    that select() cannot see: both lines may come in one read."""

    def __init__(self, fd: int):
        self.fd = fd
        self._pending = b""

    def ready(self, timeout: float | None) -> bool:
        return b"\n" in self._pending or bool(select.select([self.fd], [], [], timeout)[0])

    def line(self) -> str:
        while b"\n" not in self._pending:
            chunk = os.read(self.fd, 64)
            assert chunk, "the fork server ended (see its traceback above)"
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode()

    def close(self) -> None:
        os.close(self.fd)


class Child:
    """A forked process, with the pipes or files it was given."""

    def __init__(self, pid: int, status: _StatusPipe, stdin=None, stdout=None, stderr=None):
        self.pid = pid
        self._status = status
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.returncode: int | None = None

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        """How it ended, as Popen says it (-9 for SIGKILL)."""
        if self.returncode is None:
            if timeout is not None and not self._status.ready(timeout):
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            self.returncode = int(self._status.line())
            self._status.close()
            if self.stdin is not None:
                with contextlib.suppress(OSError):  # a buffered write has nowhere to go
                    self.stdin.close()
        return self.returncode

    def poll(self) -> int | None:
        if self.returncode is None and self._status.ready(0):
            self.wait()
        return self.returncode


class ForkServer:
    """One pre-imported Python that forks a :class:`Child` per call."""

    def __init__(self, *, app: bool = False) -> None:
        """``app``: also import the app (simulator.tui: Textual), for children that run it;
        without it Textual is imported by a child that needs it, as a fresh process does
        (Textual reads some environment variables when it is imported)."""
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        env["PYTHONUNBUFFERED"] = "1"  # a child's output is seen as it is written
        for pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[pool] = "1"  # numpy without a thread pool: fork a process of one thread
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SERVER,
                str(theirs.fileno()),
                "simulator.web",
                *(() if app else ("simulator.tui",)),
            ],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,  # not the test process's pipes: each child gets its own
            stdout=subprocess.DEVNULL,
            cwd=REPO,
            env=env,
        )
        theirs.close()
        self._lock = threading.Lock()

    def spawn(self, request: dict, fds: list[int], cwd: Path, env: dict | None) -> Child:
        """Fork a child with ``fds`` as its stdin, stdout and stderr (the caller closes
        its copies); ``env`` as its whole environment (this process's by default)."""
        env = dict(os.environ if env is None else env)
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        status_r, status_w = os.pipe()
        message = json.dumps({**request, "env": env, "cwd": str(cwd)}).encode()
        try:
            with self._lock:
                socket.send_fds(self._sock, [message], [*fds, status_w])
        finally:
            os.close(status_w)
        status = _StatusPipe(status_r)
        if not status.ready(60):
            raise RuntimeError("the fork server did not start a child within 60 s")
        return Child(int(status.line()), status)

    def popen(self, request: dict, cwd: Path, env: dict | None = None) -> Child:
        """A child on three pipes, as ``Popen(stdin=PIPE, stdout=PIPE, stderr=PIPE,
        text=True)`` gives."""
        pipes = [os.pipe() for _ in range(3)]
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
        try:
            child = self.spawn(request, theirs, cwd, env)
        finally:
            for fd in theirs:
                os.close(fd)
        child.stdin = os.fdopen(pipes[0][1], "w")
        child.stdout = os.fdopen(pipes[1][0], "r")
        child.stderr = os.fdopen(pipes[2][0], "r")
        return child

    def cli_popen(self, *argv: str, cwd: Path = REPO, env: dict | None = None) -> Child:
        """``python -m simulator ARGV`` on pipes."""
        return self.popen(_cli_request(argv), cwd, env)

    def script_popen(self, code: str, *args: str, cwd: Path = REPO) -> Child:
        """``python -c CODE ARGS`` on pipes."""
        return self.popen({"code": code, "args": list(args)}, cwd)

    def run_cli(
        self, argv: list[str], *, input: str | None, cwd: Path, env: dict, timeout: float
    ) -> subprocess.CompletedProcess:
        """``subprocess.run([python, -m, simulator, *argv], input=, capture_output=True,
        text=True, cwd=, env=, timeout=)``, forked. Output goes to files, not pipes, so a
        large one cannot fill a pipe while nothing reads it."""
        with (
            tempfile.TemporaryFile() as stdin,
            tempfile.TemporaryFile() as stdout,
            tempfile.TemporaryFile() as stderr,
        ):
            if input is not None:
                stdin.write(input.encode())  # as text=True encodes: UTF-8 here
                stdin.seek(0)
            source = stdin if input is not None else open(os.devnull, "rb")  # noqa: SIM115
            try:
                child = self.spawn(
                    _cli_request(argv), [source.fileno(), stdout.fileno(), stderr.fileno()],
                    cwd, env,
                )  # fmt: skip
            finally:
                if source is not stdin:
                    source.close()
            started = time.monotonic()
            try:
                code = child.wait(timeout)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
                raise subprocess.TimeoutExpired(argv, time.monotonic() - started) from None
            return subprocess.CompletedProcess(argv, code, _text(stdout), _text(stderr))

    def close(self) -> None:
        self._sock.close()  # the server reads an empty message and ends
        self._proc.wait(timeout=30)


def _cli_request(argv) -> dict:
    return {"argv": list(argv), "main": str(REPO / "simulator" / "__main__.py")}


def _text(stream) -> str:
    """What ``text=True`` makes of a child's output: decoded, universal newlines."""
    stream.seek(0)
    data = stream.read().decode()
    return data.replace("\r\n", "\n").replace("\r", "\n")
