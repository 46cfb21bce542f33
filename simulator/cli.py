"""Command line entry point (thin: parses arguments, calls the layers)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("repcraft: not built yet")
