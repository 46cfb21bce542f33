"""Rebuild simulator/scoring/belief_model.json: the learned part of the belief score.

    python scripts/train_belief_model.py [--data ../shared/eval/UKPConvArg1]
                                         [--l2 10] [--scale 30] [--dry-run]

Trains ONLY on the dev half of UKPConvArg1Strict (pairs of arguments, the more
convincing one judged by a crowd), with numpy (no other dependency). An argument is
the word-weighted mean ``x`` of its sentences' wordllama embeddings
(``belief_model.sentence_vectors``); the model is a pairwise logistic regression with
no bias, ``P(a beats b) = sigmoid(w . (x_a - x_b))``, so ``w . x`` orders arguments.
At run time each sentence earns ``scale * share * max(0, w . e - center)`` points
(``center`` = the median argument's reading), as ``belief_model.sentence_points``.

Cross-validation is BY DEBATE: each of the debates (both stances) is held out in
turn, the model is fitted on the others, and the held-out pairs are scored. The
figures printed are those held-out figures, never the fit on the training pairs:
the model alone, and the whole belief score (rules + model points at each scale,
clamped and rounded as ``score_reply`` does, a tie counted wrong), on all pairs and
on length-matched pairs (token counts within 20%), beside "longer wins".
The file written holds the model fitted on all the dev debates.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.scoring import ReplyContext, score_reply  # noqa: E402
from simulator.scoring.belief_model import RULE, sentence_vectors  # noqa: E402
from simulator.scoring.text import normalise, sentences  # noqa: E402

OUT = ROOT / "simulator" / "scoring" / "belief_model.json"
FLOOR, CAP = 0.5, 8.0
csv.field_size_limit(10_000_000)


def load_pairs(folder: Path) -> list[tuple[str, str, str, str]]:
    """(debate, prompt, winner, loser) for every Strict pair."""
    out = []
    for f in sorted((folder / "UKPConvArg1Strict-CSV").glob("*.csv")):
        title, _, stance = f.stem.partition("_")
        prompt = f"{title.replace('-', ' ').strip()}? {stance.replace('-', ' ').strip()}"
        with f.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row or row[0].startswith("#") or len(row) < 4:
                    continue
                _, label, a1, a2 = row[:4]
                a1, a2 = a1.replace("<br/>", "\n"), a2.replace("<br/>", "\n")
                win, lose = (a1, a2) if label == "a1" else (a2, a1)
                out.append((title, prompt, win, lose))
    return out


def fit(diffs: np.ndarray, l2: float, steps: int = 40) -> np.ndarray:
    """Pairwise logistic regression (no bias: the model is symmetric) by Newton's method."""
    w = np.zeros(diffs.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(diffs @ w, -30, 30)))
        grad = diffs.T @ (p - 1) + l2 * w
        hess = (diffs * (p * (1 - p))[:, None]).T @ diffs + l2 * np.eye(diffs.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def _matched(a: str, b: str) -> bool:
    n1, n2 = len(a.split()), len(b.split())
    return abs(n1 - n2) <= 0.2 * max(n1, n2, 1)


def _rules_total(text: str, prompt: str) -> float:
    """The belief points the rules give (the model's own items left out)."""
    scored = score_reply(text, ReplyContext(buyer_line=prompt))
    return sum(e.weight for e in scored.evidence if e.dimension == "belief" and e.rule != RULE)


def _final(rules: float, reading: float, scale: float, cap: float = CAP) -> int:
    points = min(cap, scale * reading)
    return int(max(0, min(100, round(50 + rules + points))))


def _reading(sent: tuple, w: np.ndarray, center: float) -> float:
    """The run-time reading: word-weighted mean of the sentences' max(0, w . e - center)."""
    vectors, share = sent  # a negative share: a sentence with no content, earns nothing
    credit = np.maximum(vectors @ w - center, 0) * np.maximum(share, 0)
    return float(credit.sum() / max(np.abs(share).sum(), 1))


def evaluate(pairs: list, x: dict, sent: dict, rules: dict, l2: float, scales: list[float]) -> dict:
    debates = sorted({p[0] for p in pairs})
    tally: dict[str, list[int]] = {}

    def add(key: str, good: bool, matched: bool) -> None:
        for k in (key + " all", key + " length-matched") if matched else (key + " all",):
            t = tally.setdefault(k, [0, 0])
            t[0] += good
            t[1] += 1

    centers = []
    for held in debates:
        train = [p for p in pairs if p[0] != held]
        w = fit(np.array([x[win] - x[lose] for _, _, win, lose in train]), l2)
        center = float(np.median([x[a] @ w for a in {t for p in train for t in p[2:]}]))
        centers.append(center)
        for _, prompt, win, lose in (p for p in pairs if p[0] == held):
            m = _matched(win, lose)
            add("model alone (w . x)", x[win] @ w > x[lose] @ w, m)
            rw, rl = _reading(sent[win], w, center), _reading(sent[lose], w, center)
            add("model alone as run (ties wrong)", rw > rl, m)
            add("longer wins", len(win.split()) > len(lose.split()), m)
            rules_w, rules_l = rules[(prompt, win)], rules[(prompt, lose)]
            add("rules alone", _final(rules_w, 0, 0) > _final(rules_l, 0, 0), m)
            for scale in scales:
                good = _final(rules_w, rw, scale) > _final(rules_l, rl, scale)
                add(f"rules + model x{scale:g}", good, m)
    return {k: (round(a / n, 3), n) for k, (a, n) in sorted(tally.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/UKPConvArg1", help="UKPConvArg1 dev half")
    ap.add_argument("--l2", type=float, default=10.0)
    ap.add_argument("--scale", type=float, default=40.0, help="points per unit of reading")
    ap.add_argument("--dry-run", action="store_true", help="report, do not write the file")
    args = ap.parse_args(argv)
    pairs = load_pairs(Path(args.data))
    if not pairs:
        print(f"train_belief_model: no Strict pairs under {args.data}", file=sys.stderr)
        return 2
    texts = {t for p in pairs for t in p[2:]}
    x, sent = {}, {}
    for t in texts:
        norm = normalise(t)
        got = sentence_vectors(norm, sentences(norm))
        if got is None:
            got = (np.zeros((1, 256)), np.ones(1))
        vectors, share = np.asarray(got[0], dtype=np.float64), np.asarray(got[1], dtype=float)
        sent[t] = (vectors, share)
        x[t] = (np.abs(share)[:, None] * vectors).sum(axis=0) / np.abs(share).sum()
    rules = {(p[1], t): _rules_total(t, p[1]) for p in pairs for t in p[2:]}
    scales = sorted({20.0, 30.0, 40.0, 50.0, args.scale})
    report = evaluate(pairs, x, sent, rules, args.l2, scales)
    print(f"{len(pairs)} pairs, {len(texts)} arguments; held-out debate figures (l2={args.l2}):")
    for k, (acc, n) in report.items():
        print(f"  {k:<42} {acc:.3f}  (n={n})")
    w = fit(np.array([x[win] - x[lose] for _, _, win, lose in pairs]), args.l2)
    center = float(np.median([x[t] @ w for t in texts]))
    out = {
        "about": "Belief model: w . (word-weighted mean sentence embedding) - center; "
        "rebuilt by scripts/train_belief_model.py from the UKPConvArg1 dev half only.",
        "embedding": "wordllama l2_supercat_256",
        "l2": args.l2,
        "center": round(center, 6),
        "scale": args.scale,
        "floor": FLOOR,
        "cap": CAP,
        "cross_validated": {k: acc for k, (acc, _n) in report.items()},
        "weights": [round(float(v), 5) for v in w],
    }
    if not args.dry_run:
        OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
