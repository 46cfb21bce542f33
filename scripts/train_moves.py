"""Rebuild simulator/scoring/ask_model.json: the logistic model behind the ``ask`` move.

    python scripts/train_moves.py [--data ../shared/eval/persuasion-asks-dev.jsonl]
                                  [--folds 5] [--l2 1.0] [--dry-run]

Trains ONLY on the dev half of PersuasionForGood persuader sentences (domain words
masked), with numpy (no other dependency). Features: ``ask_model.lexical_features``
and the sentence's wordllama embedding. Cross-validation uses contiguous folds (the
file is in dialogue order, so a fold holds whole dialogues the model has not seen);
the decision threshold is the one that maximises the out-of-fold F1, and the
reported F1 is out-of-fold, not the fit on the training data. Two models are
written: the full one and a lexical-only fallback for when the sentence model
cannot load.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language.similarity import embed  # noqa: E402
from simulator.scoring.ask_model import LEXICAL_NAMES, lexical_features  # noqa: E402

OUT = ROOT / "simulator" / "scoring" / "ask_model.json"


# How much more the embedding's weights are held back than the lexical ones (set by
# --emb-scale): 256 small correlated numbers against a few clear sentence features.
EMB_SCALE = 1.0
NLEX = len(LEXICAL_NAMES)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 30) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method; column 0 is the bias,
    columns 1..NLEX the lexical features, the rest (if any) the embedding."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[1 + NLEX :] *= EMB_SCALE
    reg[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return (2 * pr * rc / (pr + rc) if pr + rc else 0.0), pr, rc


def out_of_fold(x: np.ndarray, y: np.ndarray, folds: int, l2: float) -> np.ndarray:
    n = len(y)
    edges = np.linspace(0, n, folds + 1).astype(int)
    probs = np.zeros(n)
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        train = np.r_[0:a, b:n]
        w = fit(x[train], y[train], l2)
        probs[a:b] = 1 / (1 + np.exp(-np.clip(x[a:b] @ w, -30, 30)))
    return probs


def best_threshold(probs: np.ndarray, y: np.ndarray) -> tuple[float, tuple[float, float, float]]:
    best = (0.5, f1(probs >= 0.5, y))
    for t in np.arange(0.2, 0.81, 0.025):
        got = f1(probs >= t, y)
        if got[0] > best[1][0]:
            best = (float(t), got)
    return best


def train(x: np.ndarray, y: np.ndarray, folds: int, l2: float, label: str) -> dict:
    probs = out_of_fold(x, y, folds, l2)
    threshold, (cv_f1, pr, rc) = best_threshold(probs, y)
    at_half = f1(probs >= 0.5, y)[0]
    w = fit(x, y, l2)
    fit_f1 = f1(1 / (1 + np.exp(-np.clip(x @ w, -30, 30))) >= threshold, y)[0]
    print(
        f"{label:<13} cross-validated F1 {cv_f1:.3f} (precision {pr:.2f}, recall {rc:.2f}) "
        f"at threshold {threshold:.3f}; {at_half:.3f} at 0.5; fit on all dev {fit_f1:.3f}"
    )
    return {"bias": w[0], "weights": w[1:], "threshold": threshold, "cv_f1": cv_f1}


def _as_model(w: np.ndarray, threshold: float) -> object:
    from simulator.scoring.ask_model import AskModel

    return AskModel(float(w[0]), tuple(w[1 : 1 + NLEX]), tuple(w[1 + NLEX :]), threshold)


def pipeline_cv(texts: list[str], xf: np.ndarray, xl: np.ndarray, y: np.ndarray, args) -> None:
    """Out-of-fold F1 of the ask move as ``repcraft score`` finds it: per fold, both
    models are fitted (threshold from an inner out-of-fold pass) and the held-out
    sentences are scored with score_reply."""
    from simulator.scoring import ask_model, score_reply

    n = len(y)
    edges = np.linspace(0, n, args.folds + 1).astype(int)
    pred = np.zeros(n, dtype=bool)
    saved = ask_model.models
    try:
        for a, b in zip(edges[:-1], edges[1:], strict=True):
            train_ = np.r_[0:a, b:n]
            got = []
            for x in (xf, xl):
                inner = out_of_fold(x[train_], y[train_], args.folds, args.l2)
                t, _ = best_threshold(inner, y[train_])
                got.append(_as_model(fit(x[train_], y[train_], args.l2), t))
            ask_model.models = lambda got=got: (got[0], got[1])  # type: ignore[assignment]
            for i in range(a, b):
                pred[i] = any(m.move == "ask" for m in score_reply(texts[i]).moves)
    finally:
        ask_model.models = saved  # type: ignore[assignment]
    f, pr, rc = f1(pred, y)
    print(
        f"ask move (model + rules) cross-validated F1 {f:.3f} (precision {pr:.2f}, recall {rc:.2f})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", default=str(ROOT.parent / "shared" / "eval" / "persuasion-asks-dev.jsonl")
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--emb-scale", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true", help="report, write nothing")
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="also cross-validate the whole ask move (model + rubric rules) through score_reply",
    )
    args = ap.parse_args(argv)
    global EMB_SCALE
    EMB_SCALE = args.emb_scale
    path = Path(args.data)
    if not path.is_file():
        alt = Path("/work/shared/eval/persuasion-asks-dev.jsonl")
        path = alt if alt.is_file() else path
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = [" ".join(it["text"].split()) for it in items]
    y = np.array([1.0 if it["ask"] else 0.0 for it in items])
    lex = np.array([lexical_features(t) for t in texts])
    emb = np.asarray(embed(texts), dtype=float)
    ones = np.ones((len(texts), 1))
    print(
        f"{len(texts)} sentences, {int(y.sum())} asks, {args.folds} contiguous folds, l2 {args.l2}"
    )
    full = train(np.hstack([ones, lex, emb]), y, args.folds, args.l2, "full")
    lexical = train(np.hstack([ones, lex]), y, args.folds, args.l2, "lexical only")
    nlex = len(LEXICAL_NAMES)
    if args.pipeline:
        pipeline_cv(texts, np.hstack([ones, lex, emb]), np.hstack([ones, lex]), y, args)
    data = {
        "about": "Logistic model of the ask move; rebuild with scripts/train_moves.py. "
        f"Trained on {path.name} ({len(texts)} sentences).",
        "lexical_names": list(LEXICAL_NAMES),
        "cross_validated_f1": {
            "full": round(full["cv_f1"], 3),
            "lexical_only": round(lexical["cv_f1"], 3),
        },
        "full": {
            "bias": round(float(full["bias"]), 4),
            "lexical": [round(float(v), 4) for v in full["weights"][:nlex]],
            "embedding": [round(float(v), 4) for v in full["weights"][nlex:]],
            "threshold": round(full["threshold"], 3),
        },
        "lexical_only": {
            "bias": round(float(lexical["bias"]), 4),
            "lexical": [round(float(v), 4) for v in lexical["weights"]],
            "threshold": round(lexical["threshold"], 3),
        },
    }
    if not args.dry_run:
        OUT.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
