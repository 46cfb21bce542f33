"""The side panel: each buyer's trust and belief, moving as the conversation goes.

Each meter is a Textual ProgressBar that glides to its new value, and its row
flashes green or red when a reply moved it, so a strong reply is felt as well as
read. Under ``TEXTUAL_ANIMATIONS=none`` (or ``App.animation_level``) both jump.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ProgressBar, Static

from simulator.scenario.model import CastMember
from simulator.tui.text import literal

METERS = ("trust", "belief")
_FLASH = {"up": Color(0, 200, 80, 0.45), "down": Color(230, 40, 40, 0.45)}
_GLIDE_SECONDS = 0.6
_FLASH_SECONDS = 1.2


def meter_value(value: float, change: float) -> Text:
    """`` 45 ▲15``: the value, and the last change when there was one."""
    out = Text(f"{round(value):3d}")
    if change >= 0.5:
        out.append(f" ▲{round(change)}", style="bold green")
    elif change <= -0.5:
        out.append(f" ▼{round(-change)}", style="bold red")
    return out


class MeterRow(Horizontal):
    """``trust  ━━━━━━━━━──────  45 ▲15`` for one buyer's meter."""

    def __init__(self, member: str, meter: str, value: float):
        super().__init__(classes="meter")
        self.member, self.meter = member, meter
        self.value = float(value)
        self.last_flash: str | None = None  # "up" | "down": the last change felt

    def compose(self) -> ComposeResult:
        yield Static(self.meter, classes="meter-name", markup=False)
        bar = ProgressBar(total=100, show_percentage=False, show_eta=False)
        bar.progress = self.value
        yield bar
        yield Static(meter_value(self.value, 0), classes="meter-value", markup=False)

    def set(self, value: float) -> None:
        """Move to ``value``: the bar glides, the row flashes, the change is marked."""
        change = float(value) - self.value
        self.value = float(value)
        if not self.children:  # not composed yet (just mounted after a reload)
            return
        self.query_one(".meter-value", Static).update(meter_value(value, change))
        bar = self.query_one(ProgressBar)
        if abs(change) < 0.5:
            bar.progress = self.value
            return
        bar.animate("progress", self.value, duration=_GLIDE_SECONDS, level="basic")
        self.last_flash = "up" if change > 0 else "down"
        self.styles.tint = _FLASH[self.last_flash]
        self.styles.animate(
            "tint", Color(0, 0, 0, 0), duration=_FLASH_SECONDS, easing="out_cubic", level="basic"
        )


def _who(member: CastMember) -> Text:
    out = literal((member.name, "bold"), one_line=True)
    if member.role:
        out.append("\n")
        out.append_text(literal((member.role, "italic"), one_line=True))
    return out


class MetersPanel(VerticalScroll):
    """Trust and belief bars per cast member, with the last change marked ▲/▼."""

    def __init__(self, cast: Mapping[str, CastMember], *, id: str | None = None):
        super().__init__(can_focus=False, id=id)
        self.cast = cast  # cast key -> CastMember

    def compose(self) -> ComposeResult:
        yield from self._rows()

    def _rows(self) -> list[Static | MeterRow]:
        rows: list[Static | MeterRow] = []
        for key, member in self.cast.items():
            rows.append(Static(_who(member), classes="who", markup=False))
            rows += [MeterRow(key, meter, getattr(member, meter)) for meter in METERS]
        return rows

    def reset(self, cast: Mapping[str, CastMember]) -> None:
        """A new cast (after a reload): rows for it, at its starting values."""
        self.cast = cast
        self.remove_children()
        self.mount_all(self._rows())

    def rows(self) -> dict[tuple[str, str], MeterRow]:
        return {(row.member, row.meter): row for row in self.query(MeterRow)}

    def show(self, meters: Mapping[str, Mapping[str, float]]) -> None:
        """New meter values; the rows whose value changed glide and flash."""
        rows = self.rows()
        for key, values in meters.items():
            for meter, value in values.items():
                row = rows.get((key, meter))
                if row is not None:
                    row.set(value)
