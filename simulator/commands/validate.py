"""``repcraft validate PATH...``: check scenario files and folders, editor-friendly output.

Diagnostics go to stdout as ``path:line:col: error|warning: message (hint: ...)``,
then one summary line. Exit 0 without errors (warnings allowed), 1 with any
error, 2 for a path that does not exist (argparse gives 2 for bad usage).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.commands.common import err, safe_text

if TYPE_CHECKING:
    from simulator.scenario.diagnostics import Diagnostic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files or folders",
        description="Check scenario files, or every *.yaml / *.yml under folders (rubric "
        "files, NAME.rubric.yaml, are skipped there; named directly, they are checked as "
        "rubric files). Prints path:line:col: error|warning: message for each problem, then "
        "a summary. Exit 0 when there are no errors, 1 when any file has an error, 2 for a "
        "path that does not exist.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="a scenario file, a rubric file or a folder"
    )
    p.add_argument("--json", action="store_true", help="print one JSON report instead")
    p.set_defaults(func=run)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def collect_files(paths: list[str]) -> tuple[list[Path], list[str], list[str]]:
    """Files to check, the paths that do not exist, and folders holding no scenario file."""
    from simulator.scenario.loader import find_scenario_files

    files: list[Path] = []
    missing: list[str] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = find_scenario_files(path)
            if not found:
                empty.append(raw)
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(raw)
    unique = list(dict.fromkeys(files))
    return unique, missing, empty


def check_all(files: list[Path]) -> list[dict]:
    """Check every file (one bad file never stops the others); warn about shared ids."""
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.files import is_rubric_file
    from simulator.scenario.loader import check_file

    results = []
    first_with_id: dict[str, Path] = {}
    for path in files:
        if is_rubric_file(path):
            diagnostics = rubric_diagnostics(str(path))
            results.append(
                {
                    "path": str(path),
                    "id": None,
                    "kind": "rubric",
                    "valid": not diagnostics,
                    "diagnostics": diagnostics,
                }
            )
            continue
        scenario, diagnostics = check_file(path)
        if scenario is not None:
            other = first_with_id.setdefault(scenario.id, path)
            if other != path:
                line = _id_line(path)
                diagnostics = [
                    *diagnostics,
                    Diagnostic(
                        str(path),
                        line,
                        1,
                        "warning",
                        f"id '{scenario.id}' is also the id of {other}",
                        "give each scenario its own id; 'repcraft play ID' finds only one",
                    ),
                ]
        if scenario is not None and scenario.rubric:
            # What play, walk and score would refuse: the rubric file's own errors.
            line, col = _key_place(path, "rubric")
            diagnostics = [
                *diagnostics,
                *rubric_diagnostics(scenario.rubric, at=(str(path), line, col)),
            ]
        results.append(
            {
                "path": str(path),
                "id": scenario.id if scenario else None,
                "kind": "scenario",
                "valid": scenario is not None and not any(d.is_error for d in diagnostics),
                "diagnostics": diagnostics,
            }
        )
    return results


def rubric_diagnostics(path: str, at: tuple[str, int, int] | None = None) -> list[Diagnostic]:
    """The rubric file's problem, as the rubric loader reports it (none when it loads).

    ``at`` (a Diagnostic-like place: path, line, col) is where a file that cannot be
    read at all is reported: the ``rubric:`` key of the scenario naming it."""
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scoring import RubricError, load_rubric

    try:
        load_rubric(path)
    except RubricError as exc:
        if exc.line or at is None:
            return [
                Diagnostic(exc.path, exc.line or 1, exc.col or 1, "error", exc.message, exc.hint)
            ]
        where, line, col = at
        return [
            Diagnostic(
                where,
                line,
                col,
                "error",
                f"rubric file {path}: {exc.message}",
                exc.hint or "the path is relative to this scenario file",
            )
        ]
    return []


def _id_line(path: Path) -> int:
    return _key_place(path, "id")[0]


def _key_place(path: Path, key: str) -> tuple[int, int]:
    """Line and value column of a top-level ``key:`` (1, 1 if not found)."""
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return 1, 1
    for number, text in enumerate(lines, 1):
        if text.startswith(key + ":"):
            rest = text[len(key) + 1 :]
            return number, len(key) + 2 + len(rest) - len(rest.lstrip())
    return 1, 1


def run(args: argparse.Namespace) -> int:
    files, missing, empty = collect_files(args.paths)
    if missing:
        for raw in missing:
            err(f"no such file or folder: {raw}")
        return 2
    for raw in empty:
        err(f"{raw}: no scenario files (*.yaml, *.yml) in this folder")
    results = check_all(files)
    errors = sum(d.is_error for r in results for d in r["diagnostics"])
    warnings = sum(not d.is_error for r in results for d in r["diagnostics"])
    if args.json:
        report = {
            "files": [
                dict(r, diagnostics=[d.to_dict() for d in r["diagnostics"]]) for r in results
            ],
            "errors": errors,
            "warnings": warnings,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        out = sys.stdout
        for r in results:
            for d in r["diagnostics"]:
                print(safe_text(d.format()), file=out)
        bad = sum(any(d.is_error for d in r["diagnostics"]) for r in results)
        summary = (
            f"{_plural(len(results), 'file')} checked: {_plural(errors, 'error')}, "
            f"{_plural(warnings, 'warning')}"
        )
        if bad:
            summary += f" ({_plural(bad, 'file')} invalid)"
        print(summary, file=out)
    return 1 if errors else 0
