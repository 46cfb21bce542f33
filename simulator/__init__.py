"""repcraft: a terminal role-play simulator for sales reps."""

__version__ = "0.1.0"
