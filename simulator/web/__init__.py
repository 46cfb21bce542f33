"""repcraft in a browser: the TUI served by textual-serve (the ``[web]`` extra)."""
