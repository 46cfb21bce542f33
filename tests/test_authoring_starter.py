"""new: the starter text transformations (id, title, cast) on a stand-in template,
so they are tested whatever the shipped template says."""

from __future__ import annotations

import textwrap

import pytest

from simulator.authoring import starter
from simulator.scenario.loader import check_text

TEMPLATE = textwrap.dedent(
    """\
    # A starter scenario. Replace every line marked TODO.
    scenario: 1            # format version
    id: starter-scenario   # TODO: your id
    title: TODO a one-line title
    cast:                  # the buyers in the room
      buyer:
        name: Alex Morgan
        role: Head of Operations
        trust: 40
        belief: 30
      finance:
        name: Pat Lee
        role: CFO

    # where it starts
    start: open
    steps:
      open:
        speaker: buyer
        line: TODO what the buyer says first.
        interjections:
          - speaker: finance
            when: finance.trust > 10
            line: And the price?
        choices:
          - text: A good reply.
            next: won
          - text: A weak reply.
            next: lost
      won:
        end: win
      lost:
        end: loss
    """
)


@pytest.fixture(autouse=True)
def stand_in(monkeypatch):
    monkeypatch.setattr(starter, "read_template", lambda: TEMPLATE)


def load(text: str):
    scenario, diagnostics = check_text(text, "new.yaml")
    assert scenario is not None, [d.format() for d in diagnostics]
    assert not diagnostics, [d.format() for d in diagnostics]
    return scenario


def test_id_and_title_are_set_and_comments_kept():
    text = starter.starter_text("cold-call", title='It\'s a #1: "hard" call')
    assert "id: cold-call   # TODO: your id" in text
    assert "# where it starts" in text
    scenario = load(text)
    assert scenario.id == "cold-call" and scenario.title == 'It\'s a #1: "hard" call'
    assert load(starter.starter_text("x1")).title == "X1"


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_cast_count(count):
    scenario = load(starter.starter_text("deal", cast=count))
    # 'finance' is named by an interjection, so it stays even when only one is asked for
    expected = max(count, 2)
    assert len(scenario.cast) == expected
    assert list(scenario.cast)[:2] == ["buyer", "finance"]
    if count > 2:
        assert scenario.cast["buyer_3"].name == "Buyer 3"


def test_cast_one_drops_members_nothing_names(monkeypatch):
    template = TEMPLATE.replace(
        "      - speaker: finance\n        when: finance.trust > 10\n",
        "      - speaker: buyer\n        when: buyer.trust > 10\n",
    )
    monkeypatch.setattr(starter, "read_template", lambda: template)
    scenario = load(starter.starter_text("deal", cast=1))
    assert list(scenario.cast) == ["buyer"]


@pytest.mark.parametrize("bad", ["Bad", "a_b", "-a", "a--b", "", "a b"])
def test_bad_ids(bad):
    with pytest.raises(starter.StarterError, match="not a valid scenario id"):
        starter.starter_text(bad)


def test_cast_out_of_range():
    with pytest.raises(starter.StarterError):
        starter.starter_text("ok", cast=0)
    with pytest.raises(starter.StarterError):
        starter.starter_text("ok", cast=starter.MAX_CAST + 1)
