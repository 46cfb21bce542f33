"""Default bounds of ``walk``: kept apart so the CLI can show them without
importing the explorer (and the engine) at start-up."""

DEFAULT_MAX_STATES = 30_000
DEFAULT_MAX_PATHS = 100_000
