"""What the library screen lists: scenarios found on disk joined with the practice log.

No Textual here: the screen receives ready-made :class:`LibraryRow` objects, sorted
with the recommended scenario first, and filters them with :func:`matches`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.scenario.model import DIMENSIONS  # the one definition

if TYPE_CHECKING:
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.library import LibraryEntry
    from simulator.scenario.model import Scenario
    from simulator.scoring.rubric import Rubric


@dataclass(frozen=True)
class LibraryRow:
    """One scenario in the list: its library entry, the rep's history with it."""

    entry: LibraryEntry
    played: int = 0  # finished sessions: an empty retry or a left attempt is not one
    best: Mapping[str, float | None] = field(default_factory=dict)
    recommended: bool = False
    reason: str = ""

    @property
    def id(self) -> str:
        return str(self.entry.id)

    @property
    def title(self) -> str:
        return str(getattr(self.entry, "title", "") or self.entry.id)

    @property
    def errors(self) -> list:
        return [d for d in getattr(self.entry, "diagnostics", ()) or () if d.is_error]

    @property
    def valid(self) -> bool:
        return not self.errors


def load_entries(extra_dirs: Sequence[str], *, include_bundled: bool = True) -> list:
    """Every scenario file in the library (user folders, then bundled)."""
    from simulator.scenario.library import list_library

    # A bundled scenario hidden by a user file with its id is not playable by id: leave it out.
    entries = [e for e in list_library(list(extra_dirs)) if getattr(e, "shadowed_by", None) is None]
    if not include_bundled:
        entries = [e for e in entries if getattr(e, "source", "") != "bundled"]
    return entries


def scenario_infos(entries: Iterable) -> list:
    """What the recommendation needs about each playable scenario."""
    from simulator.practice.recommend import ScenarioInfo

    return [ScenarioInfo.from_entry(e) for e in entries if e.playable]


def recommendation_without_log(entries: Iterable, focus: str | None = None) -> dict | None:
    """The recommendation for a rep with no history (used with --no-log)."""
    from simulator.practice.recommend import recommend

    return recommend(
        scenario_infos(entries),
        weakest=None,
        recent={d: None for d in DIMENSIONS},
        last_played=None,
        played={},
        max_recent_difficulty=None,
        focus=focus,
    )


def build_rows(entries: Iterable, stats: Mapping | None, recommendation: Mapping | None) -> list:
    """Rows sorted: recommended first, then easiest first, then by title."""
    per = (stats or {}).get("scenarios", {}) if stats else {}
    rec_id = (recommendation or {}).get("id")
    rows = []
    for e in entries:
        mine = per.get(e.id, {})
        rows.append(
            LibraryRow(
                entry=e,
                played=int(mine.get("finished", 0) or 0),
                best=dict(mine.get("best") or {}),
                recommended=e.id == rec_id,
                reason=str((recommendation or {}).get("reason", "")) if e.id == rec_id else "",
            )
        )
    rows.sort(
        key=lambda r: (
            not r.recommended,
            not r.valid,
            int(getattr(r.entry, "difficulty", 2) or 2),
            r.title.lower(),
        )
    )
    return rows


def matches(row: LibraryRow, query: str, skill: str | None = None) -> bool:
    """Every word of ``query`` appears in the id, title, summary, skills or tags;
    and the scenario stresses ``skill`` when one is chosen."""
    e = row.entry
    skills = tuple(getattr(e, "skills", ()) or ())
    if skill and skill not in skills:
        return False
    hay = " ".join(
        [
            row.id,
            row.title,
            str(getattr(e, "summary", "") or ""),
            " ".join(skills),
            " ".join(getattr(e, "tags", ()) or ()),
        ]
    ).lower()
    return all(word in hay for word in query.lower().split())


def load_scenario(
    path: str,
) -> tuple[Scenario | None, list[Diagnostic], Rubric | None, str | None]:
    """(scenario or None, diagnostics, rubric or None, rubric error) for a file."""
    from simulator.scenario.loader import check_file

    scenario, diagnostics = check_file(path)
    rubric, problem = None, None
    if scenario is not None and scenario.rubric:
        rubric, problem = load_rubric(scenario.rubric)
    return scenario, list(diagnostics), rubric, problem


def load_rubric(path: str | None) -> tuple[Rubric | None, str | None]:
    """(rubric, None), or (None, why not) when the scenario's rubric file is unusable."""
    if not path:
        return None, None
    from simulator.scoring import RubricError
    from simulator.scoring import load_rubric as _load

    try:
        return _load(path), None
    except RubricError as exc:
        return None, str(exc)
