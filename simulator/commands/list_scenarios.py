"""``repcraft list``: the scenarios a rep can play, bundled and the user's own."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.commands.common import add_scenarios_option, err, safe_text, scenario_dirs

if TYPE_CHECKING:
    from simulator.scenario.library import LibraryEntry

_TITLE_WIDTH = 56


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help="bundled and user scenarios",
        description="List the bundled scenarios and the user's own (the 'scenarios' folder in "
        "the user data directory, --scenarios folders and REPCRAFT_SCENARIOS). A user "
        "scenario with a bundled id shadows the bundled one. Invalid files are listed with "
        "their first problem; 'repcraft validate' shows them all.",
    )
    add_scenarios_option(p)
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=run)


def _entry_dict(e: LibraryEntry) -> dict:
    return {
        "id": e.id,
        "title": e.title,
        "path": str(e.path),
        "source": e.source,
        "difficulty": e.difficulty,
        "skills": list(e.skills),
        "tags": list(e.tags),
        "summary": e.summary,
        "valid": e.valid,
        "shadows": str(e.shadows) if e.shadows else None,
        "shadowed_by": str(e.shadowed_by) if e.shadowed_by else None,
        "diagnostics": [d.to_dict() for d in e.diagnostics],
    }


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.display_text import cell_width, clip_cells, pad_cells
    from simulator.scenario.library import list_library

    for folder in getattr(args, "scenarios", None) or []:
        if not Path(folder).is_dir():
            what = "a file, not a folder" if Path(folder).exists() else "no such folder"
            err(f"--scenarios {safe_text(folder)}: {what} (give the folder that holds the files)")
            return 2
    entries = list_library(scenario_dirs(args))
    if args.json:
        print(json.dumps([_entry_dict(e) for e in entries], indent=2, ensure_ascii=False))
        _warn_shared_ids(entries)
        return 0
    if not entries:
        print("No scenarios found. Add *.yaml files to a --scenarios folder.")
        return 0
    rows = [("ID", "TITLE", "DIFF", "SKILLS", "SOURCE")]
    for e in entries:
        if e.valid:
            title = clip_cells(safe_text(e.title), _TITLE_WIDTH)
            diff = str(e.difficulty)
            skills = ", ".join(e.skills) or "-"
        else:
            first = next(d for d in e.diagnostics if d.is_error)
            title = clip_cells(
                safe_text(f"INVALID line {first.line}: {first.message}"), _TITLE_WIDTH
            )
            diff, skills = "-", "-"
        source = e.source + (" (shadowed)" if e.shadowed_by else "")
        rows.append((safe_text(e.id), title, diff, skills, source))
    widths = [max(cell_width(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        cells = (pad_cells(c, w) for c, w in zip(r[:4], widths, strict=True))
        print("  ".join(cells) + "  " + r[4])
    for e in entries:
        if e.shadows:
            err(
                f"warning: {e.path} has the id '{e.id}' of the bundled scenario {e.shadows}; "
                "the user one is played"
            )
        if not e.valid:
            err(f"{e.path}: invalid; run 'repcraft validate {e.path}' for every problem")
    _warn_shared_ids(entries)
    return 0


def _warn_shared_ids(entries: list[LibraryEntry]) -> None:
    """Two user files with one id: 'play ID' can reach only one (as validate warns)."""
    first: dict[str, Path] = {}
    for e in entries:
        if e.source != "user" or not e.valid:
            continue
        other = first.setdefault(e.id, e.path)
        if other != e.path:
            err(
                safe_text(
                    f"warning: {e.path}: id '{e.id}' is also the id of {other} (hint: give "
                    f"each scenario its own id; 'repcraft play {e.id}' finds only one)"
                )
            )
