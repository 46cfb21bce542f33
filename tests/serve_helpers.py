"""A ``repcraft serve`` subprocess for the tests, and a websocket client that drives the
app as textual-serve's page does (stdin as JSON, the screen back as terminal bytes)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO

_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b[()][A-Z0-9]|\x1b\][^\x07]*\x07")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``repcraft --db DB serve --port PORT`` until :meth:`stop`."""

    def __init__(self, db: Path):
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "simulator", "--db", str(db), "serve", "--port",
             str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=REPO,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"repcraft serve did not start: {self.output}") from None
                time.sleep(0.2)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    output = ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        assert self.process.stdout is not None
        self.output = self.process.stdout.read().decode("utf-8", "replace")


def screen_text(data: bytes) -> str:
    return _ESCAPES.sub(b"", data).decode("utf-8", "replace")


class Browserless:
    """One browser session's websocket: keys in, screen text out."""

    def __init__(self, ws):
        self.ws = ws
        self.seen = b""

    async def until(self, words: str, limit: float = 40.0) -> bool:
        """Read the screen until ``words`` show (True) or ``limit`` seconds pass."""
        import asyncio

        import aiohttp

        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                msg = await asyncio.wait_for(self.ws.receive(), 1.0)
            except asyncio.TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.seen += msg.data
                if words in screen_text(self.seen):
                    self.seen = b""
                    return True
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                return False
        return False

    async def keys(self, text: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", text]))
