"""Every key a v1 scenario file may use: one declarative table.

The loader's key checks (unknown keys, "did you mean", missing required keys,
the basic type of each value) read this table, and the JSON Schema generator
(``repcraft schema``) is built from the same table, so the two cannot drift.

Value types (``Field.type``):

- ``text``: words kept literally; ``text_list``: a list of those.
- ``int`` / ``number``: a whole number / any number, resolved by the loader
  (``lo``/``hi`` bound it); ``version``: the format version, exactly 1.
- ``slug``: the scenario id; ``step_ref`` / ``cast_ref``: a step id / cast key.
- ``ending``: one of ENDINGS; ``skills``: a list of DIMENSIONS.
- ``condition``: a ``when`` expression; ``effects``: ``{target: change}``;
  ``score``: ``{dimension: -3..3}``; ``path``: a file path.
- ``object:NAME``: a mapping laid out by ``OBJECTS[NAME]``;
  ``list:NAME``: a list of those; ``names:NAME``: a mapping from names the
  trainer chooses to ``OBJECTS[NAME]``; ``vars``: names to numbers or true/false.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.model import DIMENSIONS, ENDINGS

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Field:
    """One allowed key: its value type, whether it must be there, and what it means."""

    key: str
    type: str
    required: bool = False
    description: str = ""
    required_unless: str = ""  # required unless this other key is present
    lo: float | None = None
    hi: float | None = None
    default: object = None


@dataclass(frozen=True)
class ObjectSpec:
    """The keys of one kind of mapping in the file."""

    name: str
    description: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        return _INDEX[self.name].get(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


_T = "text"

SCENARIO = ObjectSpec(
    "scenario",
    "A buyer conversation a rep can practise.",
    (
        Field("scenario", "version", True, "Format version; must be 1."),
        Field("id", "slug", True, "Unique id: lowercase letters, digits and '-'."),
        Field("title", _T, True, "One line naming the situation."),
        Field("summary", _T, False, "The briefing the rep reads before starting."),
        Field("difficulty", "int", False, "1 (easy) .. 5 (hard).", lo=1, hi=5, default=2),
        Field("skills", "skills", False, "Which of courage, authenticity, belief it stresses."),
        Field("tags", "text_list", False, "Free labels for finding the scenario."),
        Field(
            "reply_seconds",
            "number",
            False,
            "A timer on every reply (pressure mode).",
            lo=1,
            hi=3600,
        ),
        Field("product", "object:product", False, "The truth the rep can stand on."),
        Field("cast", "names:cast_member", True, "The buyers in the room, at least one."),
        Field("vars", "vars", False, "Scenario variables: numbers or true/false."),
        Field("start", "step_ref", True, "The step the conversation starts at."),
        Field("steps", "names:step", True, "The states of the conversation, by id."),
        Field(
            "rubric",
            "path",
            False,
            "A rubric file for scoring typed replies, relative to this file.",
        ),
    ),
)

PRODUCT = ObjectSpec(
    "product",
    "What the rep sells, and what is not true about it.",
    (
        Field("name", _T, False, "The product's name."),
        Field("facts", "text_list", False, "Proof points a rep may cite."),
        Field(
            "false_claims",
            "text_list",
            False,
            "Things that are NOT true; saying them is an overclaim.",
        ),
    ),
)

CAST_MEMBER = ObjectSpec(
    "cast_member",
    "One buyer in the room.",
    (
        Field("name", _T, True, "The buyer's name."),
        Field("role", _T, False, "Their job title."),
        Field("persona", _T, False, "How they behave, for the rep's briefing."),
        Field("trust", "number", False, "Starting trust meter, 0..100.", lo=0, hi=100, default=50),
        Field(
            "belief", "number", False, "Starting belief meter, 0..100.", lo=0, hi=100, default=50
        ),
    ),
)

STEP = ObjectSpec(
    "step",
    "One state of the buyer conversation.",
    (
        Field("speaker", "cast_ref", False, "The cast member speaking.", required_unless="end"),
        Field("line", _T, False, "What they say.", required_unless="end"),
        Field("variants", "text_list", False, "Other phrasings of line, picked at random."),
        Field(
            "interjections",
            "list:interjection",
            False,
            "Others in the room who speak after the line, when a condition holds.",
        ),
        Field("choices", "list:choice", False, "Scripted replies the rep can pick."),
        Field("routes", "list:route", False, "Where a typed reply goes."),
        Field("model_answer", _T, False, "What a top performer would say here."),
        Field("end", "ending", False, "Makes this an ending: win, advance, stall or loss."),
    ),
)

INTERJECTION = ObjectSpec(
    "interjection",
    "Another cast member speaking after the line.",
    (
        Field("speaker", "cast_ref", True, "The cast member speaking."),
        Field("line", _T, True, "What they say."),
        Field("when", "condition", False, "Spoken only when this holds."),
    ),
)

CHOICE = ObjectSpec(
    "choice",
    "A scripted reply the rep can pick.",
    (
        Field("text", _T, True, "The reply's words."),
        Field("next", "step_ref", True, "The step it leads to."),
        Field("score", "score", False, "-3..+3 for each dimension named."),
        Field("effects", "effects", False, "Changes to meters and variables."),
        Field("feedback", _T, False, "Coaching shown after the reply."),
        Field("when", "condition", False, "Offered only while this holds."),
    ),
)

ROUTE = ObjectSpec(
    "route",
    "Where a typed reply that sounds like one of `like` goes.",
    (
        Field("like", "text_list", True, "Short phrases a rep would really say."),
        Field("next", "step_ref", True, "The step it leads to."),
        Field("effects", "effects", False, "Changes to meters and variables."),
        Field("when", "condition", False, "Considered only while this holds."),
        Field(
            "threshold",
            "number",
            False,
            "How near in meaning (0..1) a typed reply must be to this route's phrases "
            "and choices to take it, when it contains none of them (default: "
            "repcraft's calibrated bar, about 0.40).",
            lo=0,
            hi=1,
        ),
    ),
)

ELSE_ROUTE = ObjectSpec(
    "else_route",
    "Where a typed reply that matched nothing goes.",
    (
        Field("else", "step_ref", True, "The step it leads to."),
        Field("effects", "effects", False, "Changes to meters and variables."),
    ),
)

OBJECTS: dict[str, ObjectSpec] = {
    spec.name: spec
    for spec in (SCENARIO, PRODUCT, CAST_MEMBER, STEP, INTERJECTION, CHOICE, ROUTE, ELSE_ROUTE)
}
_INDEX: dict[str, dict[str, Field]] = {
    name: {f.key: f for f in spec.fields} for name, spec in OBJECTS.items()
}

# Keys that appear anywhere, for "did you mean" across objects (e.g. `else` in a choice).
ALL_KEYS: frozenset[str] = frozenset(k for spec in OBJECTS.values() for k in spec.keys)

# Where a key belongs, in words, for a key used in the wrong place ("score" in a route).
OBJECT_WORDS = {
    "scenario": "the top level",
    "product": "product",
    "cast_member": "a cast member",
    "step": "a step",
    "interjection": "an interjection",
    "choice": "a choice",
    "route": "a route",
    "else_route": "an else route",
}


def where_key_belongs(key: str) -> list[str]:
    """The places (in words) where ``key`` is allowed."""
    return [OBJECT_WORDS[name] for name, spec in OBJECTS.items() if key in _INDEX[name]]


SCORE_DIMENSIONS = DIMENSIONS
ENDING_KINDS = ENDINGS
SCORE_RANGE = (-3, 3)
METER_RANGE = (0, 100)
