"""Measure the scorers on the labelled sets in ../shared/eval (run by hand, not a test).

    python benchmarks/eval_scorers.py [--shared ../shared] [--rubric FILE] [--json]
                                      [--no-context]

Prints pairwise accuracy per dimension on sales-pairs-dev.jsonl and on the
project's own tests/data/sales_pairs_extra.jsonl and sales_pairs_blind*.jsonl
(each written by someone who had not seen the scorer)
beside the "longer reply wins" baseline, and belief accuracy on UKPConvArg1 Strict
pairs, all pairs and length-matched pairs (token counts within 20%). A tie counts
as wrong.

UKPConvArg1 is split into two halves by file name (sorted, alternate files): rules
are developed looking at half A only; half B is the held-out figure that matters.

Each UKP argument is scored with its debate's prompt and stance as the buyer's line
(the question the argument answers, and what the crowd judges saw), as a rep's reply
is scored with the buyer's line in a session. ``--no-context`` scores them bare.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not an install

from simulator.scoring import DIMENSIONS, ReplyContext, load_rubric, score_reply  # noqa: E402

csv.field_size_limit(10_000_000)


def _score(text: str, dim: str, ctx: ReplyContext, rubric) -> int:
    return score_reply(text, ctx, rubric).scores.get(dim, 50)


def sales_pairs(path: Path, rubric) -> dict:
    per: dict[str, list[int]] = {d: [0, 0, 0] for d in DIMENSIONS}  # right, longer, n
    wrong: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        dim, ctx = item["dim"], ReplyContext(buyer_line=item["buyer"])
        b, w = _score(item["better"], dim, ctx, rubric), _score(item["worse"], dim, ctx, rubric)
        per[dim][0] += b > w
        per[dim][1] += len(item["better"].split()) > len(item["worse"].split())
        per[dim][2] += 1
        if b <= w:
            wrong.append(f"{dim}: {b} <= {w}: {item['better'][:60]!r}")
    return {
        d: {"accuracy": r / n if n else None, "longer_wins": lw / n if n else None, "pairs": n}
        for d, (r, lw, n) in per.items()
    } | {"wrong": wrong}


def _ukp_text(s: str) -> str:
    return s.replace("<br/>", "\n")


def ukp_halves(folder: Path) -> dict[str, list[Path]]:
    """Half A: the 1st, 3rd, 5th... file by sorted name; half B: the 2nd, 4th..."""
    files = sorted(folder.glob("*.csv"))
    return {"A": files[0::2], "B": files[1::2]}


def ukp_prompt(path: Path) -> str:
    """The debate a file holds, as a line: 'is-tv-better-than-books_books' ->
    'is tv better than books? books'."""
    title, _, stance = path.stem.partition("_")
    title = title.replace("-", " ").strip()
    stance = stance.replace("-", " ").strip()
    return f"{title}? {stance}" if stance else f"{title}?"


def ukp(files: list[Path], rubric, context: bool = True) -> dict:
    cache: dict[tuple[str, str], int] = {}
    tallies = {"all": [0, 0, 0, 0], "length_matched": [0, 0, 0, 0]}  # right, longer, ties, n
    for f in files:
        ctx = ReplyContext(buyer_line=ukp_prompt(f)) if context else ReplyContext()
        with f.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row or row[0].startswith("#") or len(row) < 4:
                    continue
                _, label, a1, a2 = row[:4]
                a1, a2 = _ukp_text(a1), _ukp_text(a2)
                s = []
                for a in (a1, a2):
                    key = (ctx.buyer_line, a)
                    if key not in cache:
                        cache[key] = _score(a, "belief", ctx, rubric)
                    s.append(cache[key])
                n1, n2 = len(a1.split()), len(a2.split())
                good = (s[0] > s[1]) if label == "a1" else (s[1] > s[0])
                longer = (n1 > n2) if label == "a1" else (n2 > n1)
                keys = ["all"]
                if abs(n1 - n2) <= 0.2 * max(n1, n2, 1):
                    keys.append("length_matched")
                for k in keys:
                    t = tallies[k]
                    t[0] += good
                    t[1] += longer
                    t[2] += s[0] == s[1]
                    t[3] += 1
    return {
        k: {"accuracy": r / n, "longer_wins": lw / n, "ties": ties / n, "pairs": n}
        for k, (r, lw, ties, n) in tallies.items()
        if n
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="path to shared/ (default ../shared)")
    ap.add_argument("--rubric", default=None, help="rubric extension file")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--no-context",
        action="store_true",
        help="score UKP arguments without their debate's prompt as the buyer's line",
    )
    args = ap.parse_args(argv)
    root = Path(args.shared) / "eval"
    if not root.is_dir():
        print(f"eval_scorers: no eval folder at {root}", file=sys.stderr)
        return 2
    rubric = load_rubric(args.rubric)
    result = {"rubric": rubric.version}
    pairs = root / "sales-pairs-dev.jsonl"
    if pairs.is_file():
        result["sales_pairs"] = sales_pairs(pairs, rubric)
    data = Path(__file__).resolve().parents[1] / "tests" / "data"
    for name in ("extra", "blind", "blind2", "blind3"):
        own = data / f"sales_pairs_{name}.jsonl"
        if own.is_file():
            result[f"sales_pairs_{name}"] = sales_pairs(own, rubric)
    twins = data / "twin_pairs.jsonl"  # the same two replies; the buyer's line decides
    if twins.is_file():
        result["twin_pairs"] = sales_pairs(twins, rubric)
    strict = root / "UKPConvArg1" / "UKPConvArg1Strict-CSV"
    if strict.is_dir():
        halves = ukp_halves(strict)
        context = not args.no_context
        result["ukp_context"] = "debate prompt" if context else "none"
        result["ukp_belief"] = ukp(halves["A"] + halves["B"], rubric, context)
        result["ukp_belief_A"] = ukp(halves["A"], rubric, context)
        result["ukp_belief_B"] = ukp(halves["B"], rubric, context)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"rubric {result['rubric']}")
    own_sets = (
        ("sales_pairs_extra", "extra"),
        ("sales_pairs_blind", "blind"),
        ("sales_pairs_blind2", "blind2"),
        ("sales_pairs_blind3", "blind3"),
        ("twin_pairs", "twins"),
    )
    for key, label in (("sales_pairs", "dev  "), *own_sets):
        for dim, r in result.get(key, {}).items():
            if dim == "wrong" or not r["pairs"]:
                continue
            print(
                f"sales pairs {label:<6} {dim:<13} accuracy {r['accuracy']:.3f}   "
                f"longer wins {r['longer_wins']:.3f}   (n={r['pairs']})"
            )
        for line in result.get(key, {}).get("wrong", []):
            print(f"  wrong: {line}")
    if "ukp_context" in result:
        print(f"UKP buyer's line: {result['ukp_context']}")
    for key, label in (("ukp_belief", "both"), ("ukp_belief_A", "A   "), ("ukp_belief_B", "B   ")):
        for k, r in result.get(key, {}).items():
            print(
                f"UKP belief {label} {k:<15} accuracy {r['accuracy']:.3f}   longer wins "
                f"{r['longer_wins']:.3f}   ties {r['ties']:.3f}   (n={r['pairs']})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
