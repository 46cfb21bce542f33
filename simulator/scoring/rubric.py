"""The rubric: word lists and phrase patterns as data (``rubric.json``), compiled once.

A trainer extends the default with a YAML or JSON file (``--rubric FILE`` or a
scenario's ``rubric:``); ``load_rubric`` merges it over the default:

- ``rules: {name: {...}}``: for an existing rule, ``phrases`` and ``patterns`` are
  appended, ``weights`` merged key by key, other fields replaced; ``enabled: false``
  switches a rule off; a new name adds a rule (needs ``weights``, ``note`` and
  ``phrases`` or ``patterns``).
- ``facts``, ``false_claims``, ``negators``, ``stopwords``, ``synonyms``: appended.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from simulator.language.negation import Negation
from simulator.scenario.rubric_file import RubricError, read_rubric_file
from simulator.scoring.prefilter import DIGIT, needles, starts_at_boundary
from simulator.scoring.rubric_check import FRACTION_KEYS, HELPER_KEYS, LIST_KEYS, check_extension
from simulator.scoring.text import PhraseIndex, content_stems, stem


@dataclass(frozen=True)
class Rule:
    """One named signal: where it matches, what it is worth per dimension, what to say."""

    name: str
    weights: dict[str, float]
    note: str
    max_hits: int = 2
    on_negated: str = "skip"  # skip | keep | <another rule's name>
    with_helper: str | None = None
    without_helper: str | None = None
    detector: str | None = None
    regex: re.Pattern[str] | None = None  # the rule's ``patterns``; phrases are indexed
    example: str = ""
    case_sensitive: bool = False


@dataclass(frozen=True)
class Rubric:
    """A compiled rubric. Build with ``load_rubric``; share freely (immutable)."""

    version: str
    rules: dict[str, Rule]
    helpers: dict[str, re.Pattern[str] | None]
    negation: Negation
    stopwords: frozenset[str]
    synonyms: dict[str, str]
    facts: tuple[str, ...] = ()
    false_claims: tuple[str, ...] = ()
    diminishing: float = 0.5
    authored_text_factor: float = 0.5
    fact_overlap: float = 0.5
    false_claim_overlap: float = 0.6
    pattern_rules: tuple[Rule, ...] = field(default=())
    phrases: PhraseIndex = field(default_factory=PhraseIndex, compare=False)
    helper_phrases: PhraseIndex = field(default_factory=PhraseIndex, compare=False)
    # helper name -> the rules whose hits also count as that helper (``rules:``)
    helper_rules: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The patterns as run, for speed: (rule, needles, regex, on the lowercased reply?).
    scan: tuple = field(default=(), compare=False)
    # Every needle of every scan entry, so a reply is searched for each one only once.
    needles: tuple[str, ...] = field(default=(), compare=False)
    source: dict = field(default_factory=dict, repr=False, compare=False)
    # Content words of context strings (facts, claims, buyer lines), computed once each.
    _stems_cache: dict = field(default_factory=dict, repr=False, compare=False)

    def context_stems(self, text: str) -> dict[str, tuple[int, int]]:
        cached = self._stems_cache.get(text)
        if cached is None:
            if len(self._stems_cache) > 4096:
                self._stems_cache.clear()
            cached = content_stems(text, self.stopwords, self.synonyms)
            self._stems_cache[text] = cached
        return cached


def _alternation(patterns: list[str]) -> str | None:
    return "|".join(f"(?:{p})" for p in patterns) if patterns else None


# A capital letter in a pattern that is not an escape (``\\S``, ``\\W``...).
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


def _boundary_split(pattern: str) -> tuple[re.Pattern[str], bool | str]:
    """A pattern that opens with ``\\b`` compiles without it (so ``re`` can jump to the
    first letters it needs) and the reply scanner checks the boundary itself."""
    if pattern.startswith("\\b") and starts_at_boundary(pattern):
        return re.compile(pattern[2:]), "boundary"
    return re.compile(pattern), True


def _scan_entries(rule: Rule, patterns: list[str]) -> list[tuple]:
    """How a rule's patterns are run. A case-insensitive pattern with no capitals is
    run without IGNORECASE over a lowercased copy of the reply (several times faster
    in ``re``), one pattern at a time, and only when the reply holds one of the
    literal strings every match needs (``prefilter.needles``). The rest run as one
    alternation over the reply as written."""
    if rule.case_sensitive:
        body = _alternation(patterns)
        return [(rule, _as_written_needles(body), re.compile(body), False)] if body else []
    out: list[tuple] = []
    plain = [p for p in patterns if _CAPITAL.search(p)]
    for p in patterns:
        if p not in plain:
            out.append((rule, needles(p), *_boundary_split(p)))
    body = _alternation(plain)
    if body:
        out.append((rule, _as_written_needles(body), re.compile(body, re.IGNORECASE), False))
    return out


def _as_written_needles(body: str) -> tuple[str, ...] | None:
    """Needles for a pattern run over the reply as written (case-sensitive, or with
    capitals), lowercased: they are looked for in the lowercased reply, which is sound
    for an ASCII reply (an ASCII letter matches only its two cases), so the scanner
    uses them only for ASCII replies."""
    found = needles(body)
    if found is None:
        return None
    return tuple(sorted({n if n == DIGIT else n.lower() for n in found}))


def _default_data() -> dict:
    raw = resources.files("simulator.scoring").joinpath("rubric.json").read_text("utf-8")
    return json.loads(raw)


def merge(base: dict, ext: dict) -> dict:
    """``ext`` over ``base`` (both plain data); see the module docstring."""
    out = copy.deepcopy(base)
    for key in LIST_KEYS:
        out[key] = list(out.get(key, [])) + list(ext.get(key, []))
    for key in FRACTION_KEYS:
        if key in ext:
            out[key] = ext[key]
    for hname, helper in (ext.get("helpers") or {}).items():
        cur = out.setdefault("helpers", {}).setdefault(hname, {})
        for k in HELPER_KEYS:
            cur[k] = list(cur.get(k, [])) + list(helper.get(k, []))
    for name, rule in (ext.get("rules") or {}).items():
        cur = out["rules"].setdefault(name, {})
        for k, v in rule.items():
            if k in ("phrases", "patterns"):
                cur[k] = list(cur.get(k, [])) + list(v)
            elif k == "weights":
                cur[k] = {**cur.get(k, {}), **v}
            else:
                cur[k] = v
    return out


def compile_rubric(data: dict, version: str) -> Rubric:
    """Plain rubric data -> compiled Rubric. Raises ValueError on inconsistent data."""
    rules_data = {n: r for n, r in data["rules"].items() if r.get("enabled", True)}
    rules: dict[str, Rule] = {}
    scan: list[tuple] = []
    index = PhraseIndex()
    for name, r in rules_data.items():
        phrases = list(r.get("phrases", []))
        patterns = list(r.get("patterns", []))
        src = r.get("phrases_from")
        if src:
            if src not in data["rules"]:
                raise ValueError(f"rule '{name}': phrases_from names no rule '{src}'")
            phrases += data["rules"][src].get("phrases", [])
            patterns += data["rules"][src].get("patterns", [])
        cs = bool(r.get("case_sensitive"))
        for phrase in phrases:
            index.add(phrase, name, cs)
        body = _alternation(patterns)
        rules[name] = Rule(
            name=name,
            weights={d: float(w) for d, w in r.get("weights", {}).items()},
            note=r.get("note", ""),
            max_hits=int(r.get("max_hits", 2)),
            on_negated=r.get("on_negated", "skip"),
            with_helper=r.get("with"),
            without_helper=r.get("without"),
            detector=r.get("detector"),
            regex=re.compile(body, 0 if cs else re.IGNORECASE) if body else None,
            example=r.get("example", ""),
            case_sensitive=cs,
        )
        scan += _scan_entries(rules[name], patterns)
    helpers: dict[str, re.Pattern[str] | None] = {}
    helper_rules: dict[str, tuple[str, ...]] = {}
    helper_index = PhraseIndex()
    for hname, h in (data.get("helpers") or {}).items():
        phrases = list(h.get("phrases", []))
        patterns = list(h.get("patterns", []))
        # A listed rule's hits are found once, by the rule itself; a listed rule that
        # is switched off still lends its words to the helper.
        listed = tuple(h.get("rules", []))
        helper_rules[hname] = tuple(rn for rn in listed if rn in rules_data)
        for rn in listed:
            if rn not in rules_data:
                phrases += data["rules"].get(rn, {}).get("phrases", [])
                patterns += data["rules"].get(rn, {}).get("patterns", [])
        for phrase in phrases:
            helper_index.add(phrase, hname)
        body = _alternation(patterns)
        helpers[hname] = re.compile(body, re.IGNORECASE) if body else None
    for rule in rules.values():
        for h in (rule.with_helper, rule.without_helper):
            if h and h not in helpers:
                raise ValueError(f"rule '{rule.name}' uses helper '{h}', which is not defined")
        if rule.on_negated not in ("skip", "keep") and rule.on_negated not in rules:
            raise ValueError(f"rule '{rule.name}': on_negated names no rule '{rule.on_negated}'")
    synonyms: dict[str, str] = {}
    for group in data.get("synonyms", []):
        head = stem(group[0]) if group else ""
        for w in group:
            synonyms.setdefault(stem(w), head)
    return Rubric(
        version=version,
        rules=rules,
        helpers=helpers,
        negation=Negation(data.get("negators", [])),
        stopwords=frozenset(w.lower() for w in data.get("stopwords", [])),
        synonyms=synonyms,
        facts=tuple(data.get("facts", [])),
        false_claims=tuple(data.get("false_claims", [])),
        diminishing=float(data.get("diminishing", 0.5)),
        authored_text_factor=float(data.get("authored_text_factor", 0.5)),
        fact_overlap=float(data.get("fact_overlap", 0.5)),
        false_claim_overlap=float(data.get("false_claim_overlap", 0.6)),
        pattern_rules=tuple(r for r in rules.values() if r.regex is not None),
        phrases=index,
        helper_phrases=helper_index,
        helper_rules=helper_rules,
        scan=tuple(scan),
        needles=tuple(sorted({n for entry in scan for n in (entry[1] or ())})),
        source=data,
    )


@lru_cache(maxsize=1)
def default_rubric() -> Rubric:
    """The bundled rubric, loaded and compiled once per process."""
    data = _default_data()
    return compile_rubric(data, str(data.get("version", "1")))


RUBRIC_VERSION: str = str(_default_data().get("version", "1"))


def load_rubric(path: str | os.PathLike | None = None, *more: str | os.PathLike | None) -> Rubric:
    """The default rubric, with each given extension file merged over it in order.

    Raises RubricError (``path:line:col: error: ...``) for a missing or malformed file.
    """
    paths = [os.fspath(p) for p in (path, *more) if p]
    if not paths:
        return default_rubric()
    stamps = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError as exc:
            raise RubricError(p, 0, 0, f"cannot read rubric file: {exc.strerror or exc}") from None
        stamps.append((os.path.abspath(p), st.st_mtime_ns, st.st_size))
    return _load_cached(tuple(stamps))


@lru_cache(maxsize=16)
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> Rubric:
    data = _default_data()
    digest = hashlib.sha1()
    labels = []
    for p, _mtime, _size in stamps:
        ext, positions, raw = read_rubric_file(p)
        ext = check_extension(ext, p, positions, data)
        digest.update(raw)
        data = merge(data, ext)
        labels.append(str(ext.get("version", "")) or "")
        try:
            compile_rubric(data, "check")
        except (ValueError, re.error) as exc:
            raise RubricError(p, 1, 1, str(exc)) from None
    label = "+".join(filter(None, labels)) or digest.hexdigest()[:8]
    return compile_rubric(data, f"{RUBRIC_VERSION}+{label}")
