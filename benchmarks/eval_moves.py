"""Per-move precision and recall (run by hand, not a test).

    python benchmarks/eval_moves.py [--shared ../shared] [-v]

- ``ask`` on the dev persuader sentences of PersuasionForGood
  (../shared/eval/persuasion-asks-dev.jsonl, labelled by its annotators): the
  move as ``repcraft score`` finds it. The model was trained on these sentences, so
  this is a fit; the cross-validated figure is ``scripts/train_moves.py --pipeline``.
- every move but ``claim`` at reply level on tests/data/moves_sales_dev_labels.jsonl:
  the 48 replies of ../shared/eval/sales-pairs-dev.jsonl, each labelled with the moves
  it makes by the engineer who wrote the move detector (so: not blind; read it as a
  check of the definitions, not as a held-out figure).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout, not an install

from simulator.scoring import MOVES, ReplyContext, score_reply  # noqa: E402

SCORED = [m for m in MOVES if m != "claim"]


def _pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return f"precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}  (tp {tp}, fp {fp}, fn {fn})"


def asks(path: Path) -> None:
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    for it in items:
        got = any(m.move == "ask" for m in score_reply(" ".join(it["text"].split())).moves)
        tp += got and it["ask"]
        fp += got and not it["ask"]
        fn += it["ask"] and not got
    print(f"ask, persuader sentences (dev, n={len(items)}, fit): {_pr(tp, fp, fn)}")


def sales(path: Path, verbose: bool) -> None:
    counts = {m: [0, 0, 0] for m in SCORED}
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        got = {m.move for m in score_reply(row["reply"], ReplyContext(row["buyer"])).moves}
        want = set(row["moves"])
        for m in SCORED:
            c = counts[m]
            c[0] += m in got and m in want
            c[1] += m in got and m not in want
            c[2] += m in want and m not in got
        if verbose and (got - {"claim"}) != want:
            print(
                f"  {row['pair']}{row['side'][0]}: got {sorted(got - {'claim'})} want "
                f"{sorted(want)}: {row['reply'][:70]!r}"
            )
    for m in SCORED:
        tp, fp, fn = counts[m]
        if tp + fp + fn:
            print(f"{m:<11} sales replies (dev, n={len(rows)}): {_pr(tp, fp, fn)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "eval").is_dir():
        shared = Path("/work/shared")
    asks(shared / "eval" / "persuasion-asks-dev.jsonl")
    sales(ROOT / "tests" / "data" / "moves_sales_dev_labels.jsonl", args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
