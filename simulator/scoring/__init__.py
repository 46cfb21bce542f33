"""Scoring: pure functions from a rep's words (in context) to scores with evidence.

Public API, used by the engine, the CLI and the TUI:

- ``score_reply(text, context, rubric=None) -> ReplyScore``
- ``score_session(replies, belief_shift=0.0, rubric=None) -> Scorecard``
- ``RUBRIC_VERSION``
- ``Move``, ``MOVES``, ``moves_summary``: what a reply did (``ReplyScore.moves``)
- ``load_rubric(path=None, *more) -> Rubric`` (default rubric + trainer extensions;
  raises ``RubricError`` with ``path:line:col`` for a malformed file)
"""

from simulator.scenario.rubric_file import RubricError
from simulator.scoring.moves import MOVES, Move, moves_summary
from simulator.scoring.rubric import Rubric, default_rubric, load_rubric
from simulator.scoring.session import RUBRIC_VERSION, coaching_notes, score_reply, score_session
from simulator.scoring.types import (
    DIMENSIONS,
    AuthoredAnswer,
    CloseTo,
    CoachingNote,
    Evidence,
    ReplyContext,
    ReplyScore,
    Scorecard,
)

__all__ = [
    "DIMENSIONS",
    "MOVES",
    "Move",
    "RUBRIC_VERSION",
    "AuthoredAnswer",
    "CloseTo",
    "CoachingNote",
    "Evidence",
    "ReplyContext",
    "ReplyScore",
    "Rubric",
    "RubricError",
    "Scorecard",
    "coaching_notes",
    "default_rubric",
    "load_rubric",
    "moves_summary",
    "score_reply",
    "score_session",
]
