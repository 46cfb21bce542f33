"""A learned routing metric, measured and not shipped (docs/authoring.md, "Tried").

Run by hand from the project root (numpy only, about a minute on 2 cores):
    python benchmarks/routing_learned_metric.py [../shared/eval/routing-dev.jsonl]

The question: can a metric learned from trainer files close the gap on files nobody
tuned (benchmarks/data/untuned/)? Each typed reply is scored against its step's
exemplars as ``a * nearness + r' M e`` (``nearness`` the language layer's, discounted
for contradictions as routing does; ``r``, ``e`` the sentence vectors; ``M`` a learned
256x256 correction), against a "no route" option ``b0 + b1 * log-length``, and trained
as a softmax over exemplars and "no route" (convex, Adam, L2 on ``M``). Training
queries: every bundled exemplar against the rest of its step (leave one out), four
texts of other scenarios per step as off-point replies, and optionally the dev
replies. Evaluated on the dev replies (a fit when they are trained on) and on the
untuned replies (never trained on). Exact choice text and ``contains`` hits are
decided before nearness, as in routing, and counted as routing decides them.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.engine import matching  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.language import contradiction, similarity  # noqa: E402
from simulator.scenario.library import list_library, resolve  # noqa: E402
from simulator.scenario.loader import load_scenario  # noqa: E402

UNTUNED = ROOT / "benchmarks" / "data" / "untuned"


def step_pool(step) -> tuple[list[tuple[str, str]], str | None]:
    routes = list(step.routes)
    pool = matching.exemplars(step, routes, list(step.choices))
    return [(x.text, x.leads_to) for x in pool], next((r.next for r in routes if r.is_else), None)


def query(text: str, pool, else_to, expect, fallback: bool = False) -> dict:
    texts = [p[0] for p in pool]
    near = contradiction.discounted(text, texts, similarity.nearness(text, texts))
    return dict(
        r=similarity.embed([text])[0],
        E=similarity.embed(texts),
        n=np.array(near, dtype=np.float32),
        lf=math.log1p(len(text.split())) - math.log(11),
        pos=np.array([p[1] == expect for p in pool] + [else_to == expect]),
        fb=fallback,
    )


def library_queries(rng: random.Random) -> list[dict]:
    steps = []
    for entry in list_library(cache=False):
        sc = load_scenario(entry.path)
        steps += [(sc.id, *step_pool(s)) for s in sc.steps.values() if s.routes]
    texts = [(sid, t) for sid, pool, _ in steps for t, _ in pool]
    out = []
    for sid, pool, else_to in steps:
        for j, (text, lead) in enumerate(pool):
            rest = [p for k, p in enumerate(pool) if k != j and p[0] != text]
            if rest:
                out.append(query(text, rest, else_to, lead))
        others = [t for s, t in texts if s != sid]
        out += [query(t, pool, else_to, else_to) for t in rng.sample(others, 4)]
    return out


def reply_queries(path: Path, extra: list[str]) -> tuple[list[dict], list[tuple[bool, bool]]]:
    """Nearness-decided replies as queries; exact hits as (fallback, right)."""
    cache: dict = {}
    queries, exact = [], []
    for line in path.read_text("utf-8").splitlines():
        it = json.loads(line)
        sc = cache.get(it["scenario"]) or cache.setdefault(
            it["scenario"], load_scenario(resolve(it["scenario"], extra))
        )
        session = Session(sc, seed=1)
        for n in it["prefix"]:
            session.choose(n)
        step, fb = session.step, bool(it.get("fallback"))
        m = matching.best_route(it["reply"], list(step.routes), step, list(step.choices))
        if m.how in ("choice", "contains"):
            exact.append((fb, m.next == it["expect"]))
            continue
        pool, else_to = step_pool(step)
        queries.append(query(it["reply"], pool, else_to, it["expect"], fb))
    return queries, exact


def pack(queries: list[dict]) -> dict:
    n, width = len(queries), max(len(q["n"]) for q in queries)
    p = dict(
        R=np.stack([q["r"] for q in queries]),
        E=np.zeros((n, width, queries[0]["r"].shape[0]), np.float32),
        n=np.zeros((n, width), np.float32),
        valid=np.zeros((n, width + 1), bool),
        pos=np.zeros((n, width + 1), bool),
        lf=np.array([q["lf"] for q in queries]),
        fb=np.array([q["fb"] for q in queries]),
    )
    for i, q in enumerate(queries):
        k = len(q["n"])
        p["E"][i, :k], p["n"][i, :k] = q["E"], q["n"]
        p["valid"][i, :k] = p["valid"][i, width] = True
        p["pos"][i, :k], p["pos"][i, width] = q["pos"][:-1], q["pos"][-1]
    return p


def scores(p: dict, th: list) -> np.ndarray:
    M, a, b0, b1 = th
    s = a * p["n"] + np.einsum("nd,npd->np", p["R"] @ M, p["E"])
    s = np.concatenate([s, (b0 + b1 * p["lf"])[:, None]], 1)
    return np.where(p["valid"], s, -1e9)


def fit(p: dict, lam: float, steps: int = 400, lr: float = 0.03) -> list:
    th: list = [np.zeros((p["R"].shape[1],) * 2), 10.0, 4.0, -0.5]
    m = [0 * th[0], 0.0, 0.0, 0.0]
    v = [0 * th[0], 0.0, 0.0, 0.0]
    w = 1.0 / len(p["lf"])
    for t in range(1, steps + 1):
        s = scores(p, th)
        e = np.exp(s - s.max(1, keepdims=True))
        pr = e / e.sum(1, keepdims=True)
        z = np.maximum((pr * p["pos"]).sum(1), 1e-12)
        g = (pr - pr * p["pos"] / z[:, None]) * w
        gj, gn = g[:, :-1], g[:, -1]
        grads = [
            p["R"].T @ np.einsum("np,npd->nd", gj, p["E"]) + 2 * lam * th[0],
            (gj * p["n"]).sum(),
            gn.sum(),
            (gn * p["lf"]).sum(),
        ]
        for i, gi in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * gi
            v[i] = 0.999 * v[i] + 0.001 * gi * gi
            th[i] = th[i] - lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    return th


def accuracy(p: dict, th: list, exact: list[tuple[bool, bool]]) -> str:
    ok = {True: [0, 0], False: [0, 0]}
    for fb, right in exact:
        ok[fb][0] += right
        ok[fb][1] += 1
    got = p["pos"][np.arange(len(p["lf"])), scores(p, th).argmax(1)]
    for fb, right in zip(p["fb"], got, strict=True):
        ok[bool(fb)][0] += bool(right)
        ok[bool(fb)][1] += 1
    return "intent {:.3f} fallback {:.3f}".format(*(ok[f][0] / max(ok[f][1], 1) for f in (0, 1)))


def main() -> None:
    dev_path = Path(
        sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/eval/routing-dev.jsonl"
    )
    lib = library_queries(random.Random(7))
    dev, dev_exact = reply_queries(dev_path, [])
    unt, unt_exact = reply_queries(UNTUNED / "routing.jsonl", [str(UNTUNED / "scenarios")])
    P = {"lib": pack(lib), "dev": pack(dev), "unt": pack(unt)}
    both = pack(lib + dev)
    base = [
        np.zeros((P["dev"]["R"].shape[1],) * 2),
        1.0,
        matching.THRESHOLD,
        -matching.LENGTH_SLOPE,
    ]
    print(
        f"as shipped (no floor): dev {accuracy(P['dev'], base, dev_exact)}; "
        f"untuned {accuracy(P['unt'], base, unt_exact)}"
    )
    for lam in (1e-3, 1e-4, 1e-5):
        for name, data in (("library", P["lib"]), ("library+dev", both)):
            th = fit(data, lam)
            print(
                f"trained on {name:11s} L2 {lam:g}: dev {accuracy(P['dev'], th, dev_exact)}; "
                f"untuned {accuracy(P['unt'], th, unt_exact)}; "
                f"bar {th[2] / th[1]:.2f} {th[3] / th[1]:+.2f}/e-fold"
            )


if __name__ == "__main__":
    main()
