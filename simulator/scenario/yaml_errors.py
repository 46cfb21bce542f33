"""YAML syntax errors in plain words: what went wrong on which line, and the usual fix.

libyaml's messages ("mapping values are not allowed in this context") are written
for YAML experts; trainers need "a ': ' inside unquoted text; put the line in
quotes". We look at the failing line to pick the likeliest cause.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.yaml_nodes import line_col, scan_tokens

QUOTE_HINT = "put the line in quotes"

# The value part of a `key: value` or `- value` line, to see how it starts.
_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s:#'\"][^:#]*?:\s+)?(?P<value>\S.*)?$")


_CLOSER = {"[": "]", "{": "}", "'": "'", '"': '"'}


def _value_col(source_line: str) -> int:
    """1-based column where the value of a `key: value` line starts (0 if none)."""
    m = _VALUE.match(source_line)
    return m.start("value") + 1 if m and m.group("value") else 0


def _value_start(source_line: str) -> str:
    m = _VALUE.match(source_line)
    value = (m.group("value") if m else "") or ""
    return value[:1]


def explain(exc: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    """One diagnostic for a YAML error, positioned where the problem is."""
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = line_col(text, exc.position)
        return Diagnostic(
            path,
            line,
            col,
            "error",
            f"the file holds a control character (code {exc.character}) that YAML does not allow",
            "delete it or retype the text around it",
        )
    context = (getattr(exc, "context", None) or "").strip()
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "while scanning a quoted scalar" in context or "while parsing a flow" in context:
        # Point at where the quote or bracket was opened, not where the file ended.
        mark = getattr(exc, "context_mark", None) or mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.split("\n")
    runaway = _runaway_quote(text, lines, mark)
    if runaway is not None:
        return runaway_diagnostic(runaway, lines, path)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = (getattr(exc, "problem", None) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    if "mapping values are not allowed" in problem and _indented_key(source, col, lines, line):
        # `key:` indented deeper than the line above reads as more of that line's text.
        key = source[: col - 1].strip()
        indent = len(source) - len(source.lstrip(" "))
        return Diagnostic(
            path,
            line,
            indent + 1,
            "error",
            f"'{key}:' is indented more than the line above, so YAML reads it as "
            "more of the text above",
            "line it up with the other keys of the same block (spaces only); "
            f"if it is meant as text, {QUOTE_HINT}",
        )
    if "did not find expected '-'" in problem:
        opened = getattr(exc, "context_mark", None)
        message, hint = _not_an_item(source, lines, line, opened.column if opened else None)
    else:
        message, hint = _plain_words(problem, context, source, col, lines, line)
    return Diagnostic(path, line, col, "error", message, hint)


def _runaway_quote(text: str, lines: list[str], mark: Any) -> str | None:
    """The quoted text that ran past its line and made the parse fail, or None.

    An unclosed quote swallows the lines below it up to the next quote mark, and
    YAML fails only just after that (``line: "Why?`` ... ``- text: "Discount."``
    fails at "Discount"). So blame the last quoted text before the error that spans
    lines, when nothing but blank lines and comments lies between its end and the
    error. Quoted text that spans lines on purpose and parses is never looked at:
    this runs on errors only.
    """
    if mark is None:
        return None
    last = None
    for token in scan_tokens(text, mark.index):
        if token.style in ("'", '"') and token.end_mark.line > token.start_mark.line:
            last = token
    if last is None:
        return None
    between = lines[last.end_mark.line + 1 : mark.line]
    if all(not row.strip() or row.lstrip().startswith("#") for row in between):
        return last
    return None


def runaway_diagnostic(token: Any, lines: list[str], path: str) -> Diagnostic:
    line, col = token.start_mark.line + 1, token.start_mark.column + 1
    quote = token.style
    end = token.end_mark.line + 1
    written = lines[line - 1][col:].rstrip()
    mark_word = "quote mark" if quote == '"' else "apostrophe or quote"
    return Diagnostic(
        path,
        line,
        col,
        "error",
        f"a quote is opened here but not closed on this line, so YAML reads the lines "
        f"below as part of this text, up to the next {mark_word} (line {end})",
        f"close the quote at the end of the text ({quote}{written}{quote}), or remove it",
    )


_KEY_LINE = re.compile(r"^(?P<dash>- +)?(?P<key>[A-Za-z_][\w.-]*):(?:\s|$)")


def _not_an_item(source: str, lines: list[str], line: int, dash_col: int | None) -> tuple[str, str]:
    """YAML wanted the next '- ' item of the list whose dashes are at 0-based
    ``dash_col``; say what the line is instead."""
    stripped = source.lstrip(" ")
    indent = len(source) - len(stripped)
    if stripped.startswith("-") and stripped[1:2] not in ("", " ", "-"):
        return (
            "a list item needs a space after the '-'",
            f"write '- {stripped[1:].strip()[:30]}'",
        )
    m = _KEY_LINE.match(stripped)
    if m and not m.group("dash"):
        # A key of the item above, indented differently from that item's other keys.
        key = m.group("key")
        above = _item_key_indent(lines, line, dash_col)
        if above is not None and above != indent:
            return (
                f"'{key}:' is not lined up with the keys above it (it starts at column "
                f"{indent + 1}, they start at column {above + 1})",
                f"indent '{key}:' by {above} spaces, like the other keys of this item "
                "(spaces only)",
            )
        return (
            f"'{key}:' is not lined up with the keys above it",
            "indent it like the other keys of the same item (spaces only)",
        )
    return (
        "a list item here is not lined up with the items above",
        "start every item of a list with '- ' at the same indentation",
    )


def _item_key_indent(lines: list[str], line: int, dash_col: int | None) -> int | None:
    """Where the keys of the list item above start: after the '- ' at ``dash_col``."""
    if dash_col is None:
        return None
    for above in reversed(lines[: line - 1]):
        stripped = above.lstrip(" ")
        if len(above) - len(stripped) == dash_col and stripped.startswith("-"):
            m = _KEY_LINE.match(stripped)
            return dash_col + len(m.group("dash")) if m and m.group("dash") else None
    return None


_KEY_ONLY = re.compile(r"^ *[A-Za-z_][\w.-]*$")


def _indented_key(source: str, col: int, lines: list[str], line: int) -> bool:
    """Is the ':' at ``col`` the first on its line, after a lone key indented deeper
    than the previous content line (so YAML took the line as a continuation)?"""
    if not _KEY_ONLY.match(source[: col - 1]):
        return False
    indent = len(source) - len(source.lstrip(" "))
    for above in reversed(lines[: line - 1]):
        if above.strip() and not above.lstrip().startswith("#"):
            return indent > len(above) - len(above.lstrip(" "))
    return False


def _plain_words(
    problem: str, context: str, source: str, col: int, lines: list[str], line: int
) -> tuple[str, str]:
    """The message and hint for a YAML error, in a trainer's words."""
    char = source[col - 1 : col] if 0 < col <= len(source) else ""
    first = _value_start(source)
    return (
        _token_words(problem, char)
        or _context_words(problem, context)
        or _key_words(problem, source, col, first)
        or _other_words(problem, context, first)
    )


def _token_words(problem: str, char: str) -> tuple[str, str] | None:
    """Text that YAML reads as syntax where it stands."""
    if "mapping values are not allowed" in problem:
        return (
            "a ': ' inside unquoted text starts a new key here",
            f'{QUOTE_HINT}, e.g. line: "No: we can\'t"',
        )
    if "block sequence entries are not allowed" in problem and char == "-":
        return ("text starting with '- ' is read as a list item here", QUOTE_HINT)
    if "mapping keys are not allowed" in problem and char == "?":
        return ("text starting with '?' is read as YAML syntax", QUOTE_HINT)
    if "tab character" in problem or (char == "\t" and "indentation" in problem):
        return ("a tab is used for indentation; YAML allows only spaces", "indent with spaces")
    if "found character that cannot start any token" in problem:
        if char == "\t":
            return ("a tab is used for indentation; YAML allows only spaces", "indent with spaces")
        if char in "@`":
            return (f"text cannot start with '{char}' without quotes", QUOTE_HINT)
        return (f"YAML cannot read the character {char!r} here", QUOTE_HINT)
    return None


def _context_words(problem: str, context: str) -> tuple[str, str] | None:
    """Errors inside a quoted, block or flow value, an alias or a key."""
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        sign = "*" if "alias" in context else "&"
        return (
            f"text starting with '{sign}' reads as a YAML {'alias' if sign == '*' else 'anchor'}",
            QUOTE_HINT,
        )
    if "while scanning a quoted scalar" in context:
        if "end of stream" in problem:
            return (
                "a quote is opened but never closed",
                "close the quote; inside '...' write '' for an apostrophe",
            )
        return (
            "cannot read this quoted text",
            "inside \"...\" write \\\" for a quote mark; inside '...' write '' for an apostrophe",
        )
    if "while scanning a block scalar" in context:
        return (
            "the text after '|' or '>' is not laid out as YAML expects",
            "put the text on the following lines, indented more than the key",
        )
    if "while scanning a simple key" in context or "could not find expected ':'" in problem:
        return (
            "a line here is neither 'key: value' nor a continuation of the text above",
            "check the indentation, or join the text onto one line; "
            "a long line may continue on the next line only if indented more",
        )
    if "while parsing a flow" in context or "while scanning a flow" in context:
        return (
            "a list or mapping written with [ ] or { } is not closed properly",
            "check the brackets and commas; if the line is text starting with '[' or "
            "'{', " + QUOTE_HINT,
        )
    return None


def _key_words(problem: str, source: str, col: int, first: str) -> tuple[str, str] | None:
    """A value whose first character makes YAML expect something else next."""
    if "did not find expected key" in problem or "expected <block end>" in problem:
        start = _value_col(source)
        closed_early = source[col - 2 : col - 1] == "'" and source[col - 1 : col].isalpha()
        if first == "'" and start and col > start and closed_early:  # 'It's fine'
            return (
                "an apostrophe inside '...' text ends the quotes early",
                "write '' for an apostrophe inside '...' (e.g. 'It''s fine'), "
                'or use double quotes: "It\'s fine"',
            )
        if first in ("[", "{", "'", '"') and start and col > start:
            return (
                f"text starting with '{first}' is read as YAML syntax, and the words after "
                f"the closing '{_CLOSER[first]}' do not fit",
                QUOTE_HINT + ', e.g. line: "[pause] Fine."'
                if first in "[{"
                else "put the whole line in quotes, e.g. line: '\"No,\" she said' "
                "(inside '...' write '' for an apostrophe)",
            )
        return (
            "this line is not indented like the keys around it",
            "line it up with the other keys of the same block (spaces only)",
        )
    return None


def _other_words(problem: str, context: str, first: str) -> tuple[str, str]:
    if "did not find expected node content" in problem or "expected the node content" in problem:
        if first in ("*", "&", "!", "%", "@", "`", "|", ">", ",", "]", "}", "?", ":"):
            return (f"text starting with '{first}' is read as YAML syntax", QUOTE_HINT)
        return ("a value is missing here", "write a value after the ':' or '-'")
    if "found unexpected end of stream" in problem:
        return ("the file ends in the middle of a value", "close any open quote or bracket")
    if "found unknown escape character" in problem:
        return (
            'a backslash in "..." text starts an unknown escape',
            "write \\\\ for a backslash, or use single quotes",
        )
    detail = f"{context}: {problem}" if context else problem
    return (
        f"YAML cannot read this: {detail or 'syntax error'}",
        "check the indentation and quoting on this line",
    )
