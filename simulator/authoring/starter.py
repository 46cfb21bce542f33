"""``new``: a starter scenario, from ``starter_template.yaml`` beside this module.

The template is a complete, valid, commented scenario. We change it as text
(no YAML here, and the comments must survive): the top-level ``id:`` and
``title:`` lines, and with ``cast=N`` the ``cast:`` block, keeping the
template's members in order (dropping those past N that no step needs) and
adding numbered ones after them.
"""

from __future__ import annotations

import re
from importlib import resources

from simulator.scenario.fields import SLUG_PATTERN

TEMPLATE = "starter_template.yaml"
MAX_CAST = 12

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_MEMBER = re.compile(r"^(\s+)([a-z][a-z0-9_]*)\s*:\s*(#.*)?$")


class StarterError(ValueError):
    """A bad id or option, or a template we cannot use; the message says which."""


def check_id(scenario_id: str) -> None:
    if not re.match(SLUG_PATTERN, scenario_id):
        raise StarterError(
            f"'{scenario_id}' is not a valid scenario id: use lowercase letters, digits and "
            "single '-' between them, e.g. cfo-price-pushback"
        )


def read_template() -> str:
    try:
        return resources.files("simulator.authoring").joinpath(TEMPLATE).read_text("utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise StarterError(f"the starter template is missing from this install ({exc})") from None


def _yaml_text(text: str) -> str:
    """A title as a YAML double-quoted scalar (always safe, whatever the words)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch >= " " else " " for ch in escaped) + '"'


def _replace_top(text: str, key: str, value: str) -> str:
    pattern = re.compile(
        rf"^{key}\s*:[ \t]*(?:\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|[^#\n]*?)([ \t]+#.*)?$",
        re.MULTILINE,
    )
    if not pattern.search(text):
        raise StarterError(f"the starter template has no top-level '{key}:' line")
    # keep the template's comment on that line, if any
    return pattern.sub(lambda m: f"{key}: {value}{m.group(1) or ''}", text, count=1)


def _block(lines: list[str], key: str) -> tuple[int, int]:
    """Line range [start, end) of a top-level block, trailing blank/comment lines excluded."""
    start = next((i for i, s in enumerate(lines) if re.match(rf"^{key}\s*:", s)), None)
    if start is None:
        raise StarterError(f"the starter template has no top-level '{key}:' block")
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return start, end


def _members(lines: list[str], start: int, end: int) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each cast member in the block."""
    found: list[tuple[str, int]] = []
    indent = None
    for i in range(start + 1, end):
        m = _MEMBER.match(lines[i])
        if m and (indent is None or len(m.group(1)) == indent):
            indent = len(m.group(1))
            found.append((m.group(2), i))
    out = []
    for n, (key, first) in enumerate(found):
        stop = found[n + 1][1] if n + 1 < len(found) else end
        out.append((key, first, stop))
    return out


def _member_text(n: int, indent: str) -> list[str]:
    inner = indent * 2
    return [  # comments on lines of their own: after a text value, ' #' reads as a comment
        f"{indent}buyer_{n}:",
        f"{inner}# who else is in the room? name them, and make them speak in a step",
        f"{inner}name: Buyer {n}",
        f"{inner}role: Their role",
        f"{inner}persona: What they care about, and how they push back.",
        f"{inner}trust: 50",
        f"{inner}belief: 50",
    ]


def _set_cast(text: str, count: int, notes: list[str]) -> str:
    lines = text.split("\n")
    start, end = _block(lines, "cast")
    members = _members(lines, start, end)
    if not members:
        raise StarterError("the starter template's cast block has no members")
    elsewhere = "\n".join(s.split(" #")[0] for s in lines[:start] + lines[end:])
    keep = members[:count]
    # a member the steps name (speaker, when, effects) stays, or the file would break
    needed = [m for m in members[count:] if re.search(rf"\b{m[0]}\b", elsewhere)]
    if needed:
        keep += needed  # the template's steps need them; keep rather than break the file
        names = ", ".join(m[0] for m in needed)
        notes.append(
            f"kept {len(keep)} cast members, not {count}: the starter's steps give lines to "
            f"{names}; remove those steps first if you want fewer people"
        )
    opening = re.match(r"^(\s+)", lines[members[0][1]])
    indent = opening.group(1) if opening else ""
    body: list[str] = []
    for _key, first, stop in keep:
        body += lines[first:stop]
    while body and not body[-1].strip():
        body.pop()
    taken = {k for k, _a, _b in keep}
    n = len(taken) + 1  # buyer_3 is the third member
    while len(taken) < count:
        while f"buyer_{n}" in taken:
            n += 1
        body += _member_text(n, indent)
        taken.add(f"buyer_{n}")
    head = lines[start : members[0][1]]
    return "\n".join(lines[:start] + head + body + lines[end:])


def starter_text(
    scenario_id: str,
    *,
    title: str | None = None,
    cast: int | None = None,
    notes: list[str] | None = None,
) -> str:
    """The starter scenario for ``scenario_id``, as text ready to write; anything the
    trainer should know about how it differs from what was asked goes to ``notes``."""
    check_id(scenario_id)
    if cast is not None and not 1 <= cast <= MAX_CAST:
        raise StarterError(f"--cast must be between 1 and {MAX_CAST}")
    text = read_template()
    text = _replace_top(text, "id", scenario_id)
    if title is None:
        title = scenario_id.replace("-", " ").capitalize()
    text = _replace_top(text, "title", _yaml_text(title))
    if cast is not None:
        text = _set_cast(text, cast, notes if notes is not None else [])
    return text if text.endswith("\n") else text + "\n"
