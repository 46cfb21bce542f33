"""One module per ``repcraft`` sub-command; see ``simulator/cli.py``."""
