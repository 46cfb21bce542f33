"""``repcraft serve``: the app in a browser, one process and one rep per browser session."""

from __future__ import annotations

import argparse

from simulator.commands.common import add_db_options, add_scenarios_option, db_path_arg, err


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="the app in a browser (textual-serve; the [web] extra)",
        description="Serve the app over HTTP. Each browser session gives its rep's name "
        "and runs its own repcraft process, writing to the same practice log (--db, "
        "REPCRAFT_DB) as every other. Listens on localhost unless --host says otherwise; "
        "put it behind a proxy with TLS to open it beyond one machine.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    add_scenarios_option(p)
    add_db_options(p)
    p.set_defaults(func=run)


def app_args(args: argparse.Namespace) -> list[str]:
    """The options every browser session's repcraft gets: the server's log and folders."""
    out: list[str] = []
    db = db_path_arg(args)
    if db:
        out += ["--db", db]
    for folder in getattr(args, "scenarios", None) or []:
        out += ["--scenarios", folder]
    return out


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        err(f"--port {args.port} is not a port (1..65535)")
        return 2
    try:
        from simulator.web.server import RepServer
    except ImportError:
        err("repcraft serve needs the web edition: pip install 'repcraft[web]' (textual-serve)")
        return 1
    server = RepServer(app_args(args), host=args.host, port=args.port)
    err(f"serving repcraft at http://{args.host}:{args.port}/ (Ctrl+C stops)")
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        err(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return 1
    return 0
