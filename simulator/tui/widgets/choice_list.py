"""The numbered choices: scrolls when they do not fit, and says there are more."""

from __future__ import annotations

from textual.widgets import OptionList


class ChoiceList(OptionList):
    """An OptionList whose bottom border says "↓ more choices" while some are out of
    view (a scrollbar alone is easy to miss in a small terminal)."""

    DEFAULT_CSS = """
    ChoiceList {
        scrollbar-size-vertical: 1;
        border-subtitle-align: right;
        border-subtitle-style: bold;
    }
    """

    def update_hint(self) -> None:
        below = self.scroll_y < self.max_scroll_y - 0.5
        above = self.scroll_y > 0.5
        hint = "↓ more choices" if below else "↑ more above" if above else ""
        if self.border_subtitle != hint:
            self.border_subtitle = hint

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.update_hint()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_hint)
