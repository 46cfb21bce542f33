"""The key bar, kept readable on a narrow terminal instead of cut off mid-word."""

from __future__ import annotations

from rich.cells import cell_len
from textual.screen import Screen
from textual.widgets import Footer

# Cells around one key in the footer's own styles: " k desc " (normal), "k desc " (compact).
_NORMAL, _COMPACT = 3, 2
_PALETTE_EXTRA = 2  # the palette key's border and right padding


class FittedFooter(Footer):
    """A Footer that tightens its spacing when the keys do not fit, then drops the
    palette key (Ctrl+P still opens it, and ? lists it)."""

    def _items(self) -> tuple[list[int], int]:
        """Cells of each shown key's label and description, and of the palette key."""
        app = self.app
        seen: set[str] = set()
        items = []
        palette = 0
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            size = cell_len(app.get_key_display(binding)) + cell_len(binding.description)
            if key == app.COMMAND_PALETTE_BINDING:
                palette = size + _PALETTE_EXTRA
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append(size)
        return items, palette

    def fit(self) -> None:
        width = self.size.width or self.app.size.width
        items, palette = self._items()
        normal = sum(n + _NORMAL for n in items)
        compact = sum(n + _COMPACT for n in items)
        if normal + palette + _NORMAL <= width:
            wanted = (False, True)
        elif compact + palette + _COMPACT <= width:
            wanted = (True, True)
        else:
            wanted = (True, False)
        if wanted != (self.compact, self.show_command_palette):
            self.compact, self.show_command_palette = wanted
            self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.fit()
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        self.fit()
