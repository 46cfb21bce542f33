"""The side panel: each buyer's trust and belief, moving as the conversation goes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Static

from simulator.tui.text import literal


def _bar(value: float, change: float, width: int) -> Text:
    filled = max(0, min(width, round(value / 100 * width)))
    out = Text()
    out.append("█" * filled, style="bold")
    out.append("░" * (width - filled), style="dim")
    out.append(f" {round(value):3d}")
    if change >= 0.5:
        out.append(f" ▲{round(change)}", style="bold green")
    elif change <= -0.5:
        out.append(f" ▼{round(-change)}", style="bold red")
    return out


class MetersPanel(Static):
    """Trust and belief bars per cast member, with the last change marked ▲/▼."""

    def __init__(self, cast: Mapping, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.cast = cast  # cast key -> CastMember
        self._shown: dict[str, dict[str, float]] = {}
        self._change: dict[str, dict[str, float]] = {}

    def reset(self, cast: Mapping) -> None:
        """A new cast (after a reload): forget the values shown so far."""
        self.cast = cast
        self._shown.clear()
        self._change.clear()

    def show(self, meters: Mapping[str, Mapping[str, float]]) -> None:
        """New meter values; the difference from the last ones is shown as the change."""
        for key, values in meters.items():
            before = self._shown.get(key, values)
            self._change[key] = {m: values[m] - before.get(m, values[m]) for m in values}
            self._shown[key] = dict(values)
        self.update(self._render_meters())

    def _render_meters(self) -> Text:
        out = Text()
        for n, (key, member) in enumerate(self.cast.items()):
            if n:
                out.append("\n\n")
            out.append_text(literal((member.name, "bold"), one_line=True))
            if member.role:
                out.append("\n")
                out.append_text(literal((member.role, "italic"), one_line=True))
            values = self._shown.get(key, {"trust": member.trust, "belief": member.belief})
            change = self._change.get(key, {})
            for meter in ("trust", "belief"):
                out.append(f"\n{meter:<7}")
                out.append_text(_bar(values.get(meter, 0), change.get(meter, 0), self._bar_width))
        return out

    @property
    def _bar_width(self) -> int:
        # name column 7, value 4, change up to 5: the bar takes what is left
        return max(4, min(12, (self.content_size.width or 30) - 15))

    def on_resize(self) -> None:
        self.update(self._render_meters())
