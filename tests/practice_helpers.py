"""Shared fixtures for the practice-log tests: sample turns and reports in report shape."""

from __future__ import annotations

from datetime import datetime


def local_ts(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> float:
    """A timestamp at a local wall-clock time, so the stored local day is predictable."""
    return datetime(year, month, day, hour, minute).timestamp()


def sample_turn(
    n: int = 0, reply: str = "Let's book Tuesday at 10 to walk your CFO through it."
) -> dict:
    return {
        "step": f"step{n}",
        "speaker": "cfo",
        "line": "Your price is 30% above the other vendor.",
        "interjections": [{"speaker": "champion", "line": "We did like the demo."}],
        "reply": reply,
        "kind": "typed" if n % 2 else "choice",
        "route": {"route": 0, "like": "book a meeting"} if n % 2 else None,
        "next": f"step{n + 1}",
        "scores": {"courage": 70, "belief": 55},
        "evidence": [
            {
                "dimension": "courage",
                "rule": "asks-for-next-step",
                "text": "book Tuesday at 10",
                "start": 6,
                "end": 24,
                "weight": 8.0,
                "note": "A dated next step: brave and concrete.",
            },
            {
                "dimension": "authenticity",
                "rule": "cliche",
                "text": "walk you through",
                "start": 25,
                "end": 40,
                "weight": -3.0,
                "note": "Scripted filler; say what you will show.",
            },
        ],
    }


def sample_report(turns: list[dict], scores=(70, 55, 60), seconds: float = 300.0) -> dict:
    courage, authenticity, belief = scores
    return {
        "scenario": "cfo-pushback",
        "rubric": "1",
        "ending": "win",
        "turns": turns,
        "closing": {"step": "won", "speaker": "cfo", "line": "Send me the contract."},
        "scores": {"courage": courage, "authenticity": authenticity, "belief": belief},
        "meters": {"cfo": {"trust": 60, "belief": 70}},
        "vars": {"discount_offered": False},
        "seconds": seconds,
    }
