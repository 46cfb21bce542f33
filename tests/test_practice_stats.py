"""Statistics on a controlled log (fixed local timestamps), and the recommendation rule."""

from __future__ import annotations

from datetime import date

import pytest

from simulator.practice import PracticeLog, ScenarioInfo, compute_stats, recommend
from simulator.practice.recommend import target_difficulty
from simulator.practice.records import NewSession
from tests.practice_helpers import local_ts

TODAY = date(2024, 3, 10)  # a Sunday: the week runs from Monday 4 March

# Finished sessions, oldest first: Feb 1..7 (one a day), then two a day on Mar 1..3 and
# Mar 5..10. Mar 4 only has an abandoned session with no turn (not practice).
FINISHED_SLOTS = [(2, d, 10) for d in range(1, 8)] + [
    (3, d, h) for d in (1, 2, 3, 5, 6, 7, 8, 9, 10) for h in (9, 14)
]
RECENT = {"courage": 60, "authenticity": 50, "belief": 70}
PREVIOUS = {"courage": 40, "authenticity": 55, "belief": 70}
OLDER = {"courage": 5, "authenticity": 5, "belief": 5}


def _scores(rank_from_newest: int) -> dict:
    if rank_from_newest < 10:
        return RECENT
    return PREVIOUS if rank_from_newest < 20 else OLDER


@pytest.fixture
def log(tmp_path):
    log = PracticeLog.open(tmp_path / "log.db")
    total = len(FINISHED_SLOTS)
    for i, (month, day, hour) in enumerate(FINISHED_SLOTS):
        t0 = local_ts(2024, month, day, hour)
        scenario = "alpha" if i % 2 else "beta"
        sid = log.start_session(
            NewSession(
                scenario, scenario.title(), "h", difficulty=2, skills=[], seed=None, started_at=t0
            )
        )
        log.record_turn(sid, {"step": "open"}, reply_seconds=5, at=t0 + 30)
        log.finish_session(
            sid, {"ending": "win", "scores": _scores(total - 1 - i), "seconds": 600.0},
            ended_at=t0 + 600,
        )  # fmt: skip
    empty = log.start_session(NewSession(
        "gamma", "Gamma", "h", difficulty=1, skills=[], seed=None,
        started_at=local_ts(2024, 3, 4, 9),
    ))  # fmt: skip
    assert empty
    cut = log.start_session(NewSession(
        "gamma", "Gamma", "h", difficulty=1, skills=[], seed=None,
        started_at=local_ts(2024, 3, 10, 20),
    ))  # fmt: skip
    log.record_turn(cut, {"step": "open"}, reply_seconds=5, at=local_ts(2024, 3, 10, 20) + 30)
    log.record_turn(cut, {"step": "two"}, reply_seconds=5, at=local_ts(2024, 3, 10, 20) + 90)
    yield log
    log.close()


def test_totals_today_week(log):
    stats = compute_stats(log, today=TODAY)
    assert stats["sessions"] == 27 and stats["finished"] == 25 and stats["abandoned"] == 2
    assert stats["seconds"] == 25 * 600 + 90
    # the empty attempt (3-04) and the cut one (3-10) are sessions started, not finished
    today = {"from": "2024-03-10", "sessions": 3, "finished": 2, "seconds": 1290.0}
    assert stats["today"] == today
    week = {"from": "2024-03-04", "sessions": 14, "finished": 12, "seconds": 12 * 600 + 90}
    assert stats["week"] == week


def test_streaks_count_days_with_practice(log):
    streak = compute_stats(log, today=TODAY)["streak"]
    # Mar 5..10 is current; Feb 1..7 the longest. Mar 4's empty session does not
    # bridge Mar 1..3 to Mar 5..10 (that would make a 10-day streak).
    assert streak == {"current": 6, "longest": 7, "last_day": "2024-03-10"}
    assert compute_stats(log, today=date(2024, 3, 11))["streak"]["current"] == 6
    assert compute_stats(log, today=date(2024, 3, 12))["streak"]["current"] == 0


def test_dimensions_recent_against_previous(log):
    stats = compute_stats(log, today=TODAY)
    dims = stats["dimensions"]
    assert dims["courage"]["recent"] == 60 and dims["courage"]["previous"] == 40
    assert dims["courage"]["trend"] == 20
    assert dims["authenticity"]["trend"] == -5 and dims["belief"]["trend"] == 0
    assert dims["belief"]["recent_sessions"] == 10 == dims["belief"]["previous_sessions"]
    assert stats["weakest"] == "authenticity"


def test_since_narrows_the_figures(log):
    stats = compute_stats(log, today=TODAY, since="2024-03-05")
    assert stats["since"] == "2024-03-05"
    assert stats["sessions"] == 13 and stats["seconds"] == 12 * 600 + 90
    assert stats["streak"]["longest"] == 6
    # Only Mar 5's two sessions precede the last ten within the range.
    assert stats["dimensions"]["courage"]["previous"] == 40
    assert stats["dimensions"]["courage"]["previous_sessions"] == 2
    assert set(stats["scenarios"]) == {"alpha", "beta", "gamma"}
    assert stats["scenarios"]["gamma"]["sessions"] == 1
    # Milestones stay lifetime figures.
    assert stats["milestones"][0]["reached"] is True


def test_per_scenario_counts_and_bests(log):
    scenarios = compute_stats(log, today=TODAY)["scenarios"]
    assert scenarios["alpha"]["sessions"] == 12 and scenarios["beta"]["sessions"] == 13
    assert scenarios["gamma"] == {
        "title": "Gamma",
        "sessions": 2,
        "finished": 0,
        "seconds": 90.0,
        "best": {"courage": None, "authenticity": None, "belief": None},
        "last_played": "2024-03-10",
    }
    assert scenarios["alpha"]["best"] == {"courage": 60, "authenticity": 55, "belief": 70}


def test_milestones_at_recent_pace(log):
    stats = compute_stats(log, today=TODAY)
    pace14 = stats["pace"]["last_14_days"]
    assert pace14["seconds"] == 18 * 600 + 90  # Feb 26 .. Mar 10
    first, ten = stats["milestones"][0], stats["milestones"][1]
    assert first == {
        "hours": 1,
        "reached": True,
        "hours_to_go": 0,
        "days_to_go": {"last_14_days": 0.0, "last_30_days": 0.0},
    }
    to_go = 10 - (25 * 600 + 90) / 3600
    assert ten["reached"] is False and ten["hours_to_go"] == round(to_go, 2)
    per_day = (18 * 600 + 90) / 3600 / 14
    assert ten["days_to_go"]["last_14_days"] == round(to_go / per_day, 1)
    assert [m["hours"] for m in stats["milestones"]] == [1, 10, 100, 1000, 10000]


def test_no_recent_practice_means_no_pace(log):
    stats = compute_stats(log, today=date(2025, 1, 1))
    assert stats["milestones"][1]["days_to_go"]["last_30_days"] is None


def test_recommendation_from_the_log(log):
    library = [
        ScenarioInfo("gamma", "Gamma", 3, ("authenticity",)),  # just played
        ScenarioInfo("delta", "Delta", 3, ("authenticity", "belief")),
        ScenarioInfo("eps", "Epsilon", 5, ("authenticity",)),
        ScenarioInfo("zeta", "Zeta", 3, ("courage",)),
    ]
    rec = compute_stats(log, today=TODAY, scenarios=library)["recommendation"]
    assert rec["id"] == "delta" and rec["dimension"] == "authenticity"
    assert rec["target_difficulty"] == 3  # 50 points -> 3, within a step of the 2s finished
    # why, in the rep's own figures: the score and how many sessions it is over
    assert rec["reason"].startswith(
        "Authenticity is your lowest: 50 over your last 10 sessions (courage 60, belief 70)."
    )
    assert "Delta" in rec["reason"]


def test_empty_log(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log:
        stats = compute_stats(log, today=TODAY, scenarios=[ScenarioInfo("a", "A", 2, ())])
    assert stats["sessions"] == 0 and stats["seconds"] == 0
    assert stats["streak"] == {"current": 0, "longest": 0, "last_day": None}
    assert stats["weakest"] is None and stats["scenarios"] == {}
    assert stats["dimensions"]["courage"] == {
        "recent": None,
        "previous": None,
        "trend": None,
        "recent_sessions": 0,
        "previous_sessions": 0,
    }
    assert stats["recommendation"]["id"] == "a"


def test_bad_since_is_a_value_error(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log, pytest.raises(ValueError, match="date"):
        compute_stats(log, since="last tuesday")


LIB = [
    ScenarioInfo("easy", "Easy", 1, ("authenticity",)),
    ScenarioInfo("mid", "Mid", 3, ("authenticity",)),
    ScenarioInfo("hard", "Hard", 5, ("authenticity",)),
    ScenarioInfo("brave", "Brave", 3, ("courage",)),
]


def _rec(score, *, last=None, max_recent=None, lib=LIB, played=None):
    recent = {"courage": 80.0, "authenticity": score, "belief": 75.0}
    return recommend(
        lib, weakest="authenticity", recent=recent, last_played=last,
        played=played or {}, max_recent_difficulty=max_recent,
    )  # fmt: skip


def test_difficulty_steps_up_as_scores_rise():
    assert [target_difficulty(s, None) for s in (0, 19, 20, 45, 65, 85, 100)] == [
        1, 1, 2, 3, 4, 5, 5,
    ]  # fmt: skip
    assert _rec(10)["id"] == "easy"
    assert _rec(50)["id"] == "mid"
    assert _rec(95)["id"] == "hard"
    # Never more than one step above what the rep has been finishing.
    capped = _rec(95, max_recent=2)
    assert capped["id"] == "mid" and capped["target_difficulty"] == 3
    assert "one step up from the difficulty 2" in capped["reason"]


def test_not_the_one_just_played_and_fresh_first():
    assert _rec(50, last="mid")["id"] in {"easy", "hard"}
    twins = [*LIB, ScenarioInfo("mid2", "Mid two", 3, ("authenticity",))]
    assert _rec(50, lib=twins, played={"mid": 4})["id"] == "mid2"


def test_falls_back_when_nothing_stresses_the_weakest():
    rec = _rec(50, lib=[ScenarioInfo("brave", "Brave", 3, ("courage",))])
    assert rec["id"] == "brave" and "No other scenario stresses authenticity" in rec["reason"]
    assert _rec(50, lib=[LIB[0]], last="easy") is None
    assert recommend([], weakest=None, recent={}, last_played=None, played={}) is None


def _brute_force(sessions: list[dict]) -> dict:
    """The same figures computed the slow, obvious way from every stored session."""
    per: dict[str, dict] = {}
    for s in sessions:
        entry = per.setdefault(s["scenario"], {"sessions": 0, "finished": 0, "seconds": 0.0,
                                               "best": dict.fromkeys(DIMS)})  # fmt: skip
        entry["sessions"] += 1
        entry["finished"] += s["status"] == "finished"
        entry["seconds"] += s["seconds"]
        for dim in DIMS:
            value = (s["scores"] or {}).get(dim)
            if value is not None:
                best = entry["best"][dim]
                entry["best"][dim] = value if best is None else max(best, value)
    return {
        "sessions": len(sessions),
        "seconds": round(sum(s["seconds"] for s in sessions), 3),
        "scenarios": {k: {**v, "seconds": round(v["seconds"], 3)} for k, v in per.items()},
    }


DIMS = ("courage", "authenticity", "belief")


def test_summary_totals_match_the_sessions_after_random_activity(tmp_path):
    import random

    rng = random.Random(4)
    with PracticeLog.open(tmp_path / "log.db") as log:
        open_ids: list[int] = []
        clock = local_ts(2024, 1, 1)
        for _ in range(300):
            clock += rng.uniform(60, 40000)
            action = rng.random()
            if action < 0.3 or not open_ids:
                sid = log.start_session(NewSession(
                    rng.choice("abcd"), "T", "h", difficulty=rng.randint(1, 5), skills=[],
                    seed=None, started_at=clock,
                ))  # fmt: skip
                open_ids.append(sid)
            elif action < 0.7:
                log.record_turn(rng.choice(open_ids), {"step": "x"}, reply_seconds=1, at=clock)
            elif action < 0.8:
                log.touch(rng.choice(open_ids), at=clock)
            else:
                sid = open_ids.pop(rng.randrange(len(open_ids)))
                scores = {d: rng.choice([None, rng.randint(0, 100)]) for d in DIMS}
                seconds = rng.choice([None, rng.uniform(0, 900)])
                log.finish_session(sid, {"ending": "win", "scores": scores, "seconds": seconds},
                                   ended_at=clock)  # fmt: skip
        stats = compute_stats(log, today=date(2025, 1, 1))
        expected = _brute_force(list(log.sessions()))
    assert stats["sessions"] == expected["sessions"]
    assert stats["seconds"] == pytest.approx(expected["seconds"], abs=0.01)
    got = {k: {key: v[key] for key in ("sessions", "finished", "seconds", "best")}
           for k, v in stats["scenarios"].items()}  # fmt: skip
    assert got.keys() == expected["scenarios"].keys()
    for key, want in expected["scenarios"].items():
        assert got[key]["sessions"] == want["sessions"]
        assert got[key]["finished"] == want["finished"]
        assert got[key]["best"] == want["best"]
        assert got[key]["seconds"] == pytest.approx(want["seconds"], abs=0.01)
