"""Printing text from files: controls spelled out, columns counted as a terminal does."""

from __future__ import annotations

import textwrap

from simulator.scenario.display_text import cell_width, clip_cells, escape_table, pad_cells
from tests.conftest import run_cli


def test_cell_width_counts_wide_and_zero_width_characters():
    assert cell_width("abc") == 3
    assert cell_width("😅") == 2
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1  # e + combining acute
    assert cell_width("a\u200bb") == 2  # zero-width space


def test_clip_and_pad_by_cells():
    assert clip_cells("日本語テキスト", 6) == "日本…"
    assert cell_width(clip_cells("😅" * 10, 7)) <= 7
    assert pad_cells("😅", 4) == "😅  "


def test_escape_table_spells_out_controls_and_bidi():
    table = escape_table(keep="\t", newline=" ")
    assert "a\x1b[2J\u202eb\tc\nd".translate(table) == "a\\x1b[2J\\u202eb\tc d"


def test_list_columns_line_up_after_a_wide_title(tmp_path):
    (tmp_path / "wide.yaml").write_text(
        textwrap.dedent(
            """\
            scenario: 1
            id: wide-title
            title: "Le café de Zoë 😅 日本"
            difficulty: 2
            cast:
              cfo: {name: Dana}
            start: open
            steps:
              open:
                speaker: cfo
                line: Hello.
                choices:
                  - {text: Hi., next: done}
              done:
                end: win
            """
        ),
        encoding="utf-8",
    )
    r = run_cli("list", "--scenarios", str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    header, wide = lines[0], next(x for x in lines if x.startswith("wide-title"))
    diff_col = cell_width(header[: header.index("DIFF")])
    assert cell_width(wide[: wide.index("2  ")]) == diff_col


def test_joined_emoji_are_measured_as_the_terminal_draws_them():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one glyph, two columns
    assert cell_width(family) == 2
    assert cell_width("\u263a\ufe0f") == 2  # emoji presentation selector: wide
    assert clip_cells(family * 3, 4) == family + "…"  # never cut inside the sequence
    assert pad_cells(family, 4) == family + "  "
