"""The base of the app's screens: ``self.app`` typed as the repcraft app it runs in."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from simulator.tui.app import RepcraftApp


class RepcraftScreen(Screen[None]):
    """A screen of :class:`~simulator.tui.app.RepcraftApp` (its config, store, moves)."""

    @property
    def app(self) -> RepcraftApp:  # type: ignore[override]  # App[int], not App[object]
        return cast("RepcraftApp", super().app)
