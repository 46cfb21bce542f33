"""``repcraft serve``: each browser session runs its own ``repcraft`` process, filed
under the rep the browser named.

textual-serve runs one command for every websocket. Its page has no notion of who is
at the browser, so this server adds one: ``/`` asks for a name, ``/?rep=NAME`` is the
app's page, and its websocket (``/ws/NAME``) starts ``repcraft --rep NAME`` (plus the
server's ``--db`` and ``--scenarios``). The name is what the rep says, like ``--rep``
on a terminal: a label for the log, not a login (docs/team.md says so).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import shlex
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, unquote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("repcraft.serve")

# Letters (any script), digits, spaces and . _ - @ ; at most 64: safe in a URL path,
# a shell word (it is quoted anyway) and a table cell.
_REP = re.compile(r"^[\w .@-]{1,64}$")

_FONT_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com[^>]*>')

_ASK_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>repcraft</title>
<style>body{{background:#0c181f;color:#eee;font:18px "Roboto Mono",monospace;
display:flex;justify-content:center;align-items:center;height:90vh}}
input,button{{font:inherit;padding:8px;margin:8px}}.error{{color:#f88}}</style></head>
<body><form method="get" action="/"><h1>repcraft</h1>
<p>Your name, as your practice is filed under it:</p>
<p class="error">{error}</p>
<input name="rep" id="rep" autofocus maxlength="64" value="{value}">
<button type="submit" id="start">Practise</button></form></body></html>
"""


def valid_rep(name: str | None) -> str | None:
    """The rep name with its spaces tidied, or None when it cannot be one."""
    cleaned = " ".join((name or "").split())
    return cleaned if _REP.match(cleaned) else None


class RepServer(Server):
    """textual-serve's Server, with a rep per browser session."""

    def __init__(self, app_args: Sequence[str], host: str, port: int) -> None:
        super().__init__("repcraft", host=host, port=port, title="repcraft")
        self.app_args = list(app_args)

    def command_for(self, rep: str) -> str:
        """The shell command textual-serve starts for ``rep``: this Python, this repcraft."""
        return shlex.join([sys.executable, "-m", "simulator", "--rep", rep, *self.app_args])

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{rep}", self.handle_websocket)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        asked = request.query.get("rep")
        rep = valid_rep(asked)
        if rep is None:
            error = "" if asked is None else (
                "Use letters, digits, spaces and . _ - @ (at most 64).")  # fmt: skip
            page = _ASK_PAGE.format(error=error, value=html.escape(asked or "", quote=True))
            return web.Response(text=page, content_type="text/html")
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws/{quote(rep, safe='')}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": f"repcraft: {rep}"},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        # The page would fetch a web font from a public font service: a rep's browser
        # should not call out of the team's network to practise. The app's own font follows.
        response.text = _FONT_LINK.sub("", response.text or "")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, but the process is started for the rep in the path."""
        rep = valid_rep(unquote(request.match_info.get("rep", "")))
        websocket = web.WebSocketResponse(heartbeat=15)
        if rep is None:
            raise web.HTTPBadRequest(text="open / and give your name first")
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command_for(rep),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            log.info("rep %s: starting a practice session", rep)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's failure must not stop the server
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket
