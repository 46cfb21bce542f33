"""Defaults and choices the CLI shows in --help, kept apart so that building the
parser does not import the tools themselves (and the engine) at start-up."""

DEFAULT_MAX_STATES = 30_000
DEFAULT_MAX_PATHS = 100_000
GRAPH_FORMATS = ("mermaid", "dot")
