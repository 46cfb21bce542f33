"""Scoring: pure functions from a rep's words (in context) to scores with evidence.

Public API, used by the engine, the CLI and the TUI:

- ``score_reply(text, context, rubric=None) -> ReplyScore``
- ``score_session(replies, belief_shift=0.0, rubric=None) -> Scorecard``
- ``RUBRIC_VERSION``
"""

from simulator.scoring.session import RUBRIC_VERSION, score_reply, score_session
from simulator.scoring.types import (
    DIMENSIONS,
    CoachingNote,
    Evidence,
    ReplyContext,
    ReplyScore,
    Scorecard,
)

__all__ = [
    "DIMENSIONS",
    "RUBRIC_VERSION",
    "CoachingNote",
    "Evidence",
    "ReplyContext",
    "ReplyScore",
    "Scorecard",
    "score_reply",
    "score_session",
]
