"""The engine: plays one scenario as a state machine and records turns. No I/O."""

from simulator.engine.matching import RouteMatch, best_route
from simulator.engine.session import ConversationState, ReplyError, Session, reply_context
from simulator.engine.turns import Prompt, Turn, Utterance

__all__ = [
    "ConversationState",
    "Prompt",
    "ReplyError",
    "RouteMatch",
    "Session",
    "Turn",
    "Utterance",
    "best_route",
    "reply_context",
]
