"""The word-indexed rule gate and the ordered-literal test decide exactly what the per-rule tests decide, and
never skip a pattern that would match."""

from __future__ import annotations

import random
import re
from pathlib import Path

from ingest.facts.layout import split_layout
from ingest.facts.narrative import RULES
from ingest.facts.ordered import DIGIT, OrderedGate, Probe, ordered_literals
from ingest.facts.prefilter import WORD_RE, RuleGate, bits
from ingest.facts.rule import R, expand, may_match, required_literals
from ingest.readers import read_document
from tests.conftest import SEEDS

REPO = Path(__file__).resolve().parents[1]
_GATE = RuleGate(RULES)
_ORDERED = OrderedGate(RULES)
_REQUIRED = [required_literals(rule.rx) for rule in RULES]


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    paths += sorted((REPO / "benchmarks" / "heldout" / "reports").glob("*.txt"))
    paths += sorted((REPO / "demo" / "inbox").rglob("*.txt"))
    texts = []
    for path in paths:
        layout = split_layout(read_document(path))
        texts += [p.span.folded for p in layout.paragraphs]
        texts += [c.folded for row in layout.rows for c in row.cells]
    texts = [t for t in texts if any(ch.isdigit() for ch in t)]
    rnd = random.Random(7)  # slices cut words and sentences at arbitrary places
    long = [t for t in texts if len(t) > 80]
    for _ in range(300):
        t = rnd.choice(long)
        a = rnd.randrange(len(t))
        texts.append(t[a : rnd.randrange(a, len(t) + 1)])
    return texts


_WORDISH_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _need_present(tokens: tuple[str, ...], text: str, words: set[str]) -> bool:
    """The rule list's own definition of ``need``: a word token counts when its first word is a word of the
    text (and the token a substring); other tokens are substrings."""
    for tok in tokens:
        if _WORDISH_RE.fullmatch(tok):
            if tok.split(" ", 1)[0] in words and tok in text:
                return True
        elif tok in text:
            return True
    return False


def test_gate_decides_as_the_per_rule_tests() -> None:
    texts = _texts()
    assert texts
    for text in texts:
        wanted = _GATE.wanted(text)
        literals, anchored = _GATE.literals(text)
        words = set(WORD_RE.findall(text))
        for order, rule in enumerate(RULES):
            need = _need_present(rule.need, text, words)
            assert bool(wanted >> order & 1) == need, (rule.code, rule.need, text[:80])
            passes = may_match(_REQUIRED[order], text)
            if passes:  # the anchor index never drops a rule whose literals are all present
                assert anchored >> order & 1, (rule.code, text[:80])
            assert _GATE.may_match(order, literals) == passes, (rule.code, text[:80])


def test_gate_on_a_hand_made_rule_list() -> None:
    rules = [
        *R("a", r"tiếp nhận {N} {HS}", need="tiếp nhận"),
        *R("b", r"(?:tỷ|tỉ) đồng {N}", need=("đồng", "/")),
        *R("c", r"{N} cán bộ, công chức", need="cán bộ, công chức"),
    ]
    gate = RuleGate(rules)
    assert bits(gate.wanted("đã tiếp nhận 5 hồ sơ")) == [0]
    assert bits(gate.wanted("tiếp, nhận 5")) == []  # "tiếp" is a word, but the token is not in the text
    assert bits(gate.wanted("xtiếp nhận 5")) == []  # the token is in the text, but "tiếp" is not a word of it
    assert bits(gate.wanted("a/b đồng")) == [1]
    assert bits(gate.wanted("12 cán bộ, công chức")) == [2]
    literals, anchored = gate.literals("đã tiếp nhận 5 hồ sơ; 3 tỉ")
    assert gate.may_match(0, literals) and not gate.may_match(1, literals)
    assert anchored & 1


def test_ordered_literals_of_hand_written_patterns() -> None:
    got = ordered_literals(re.compile(expand(r"tiếp nhận(?: mới)? {N} {HS}")))
    assert got[0] == frozenset({"tiếp nhận"})
    assert frozenset({DIGIT}) in got and got[-1] == frozenset({"hồ sơ", "hs"})
    assert got.index(frozenset({DIGIT})) < len(got) - 1  # the figure comes before "hồ sơ"
    assert ordered_literals(re.compile(r"(?i)tiếp nhận \d+")) == ()
    assert ordered_literals(re.compile(r"(?:giải quyết )?x")) == (frozenset({"x"}),)


def test_ordered_test_on_hand_made_texts() -> None:
    rules = R("a", r"(?:^|,\s*)tiếp nhận {N} {HS}")
    gate = OrderedGate(rules)
    assert gate.sequences[0]  # not quick to scan: the test applies
    assert gate.allows(0, Probe("đã tiếp\n  nhận 5 hồ   sơ"))
    assert not gate.allows(0, Probe("5 hồ sơ đã tiếp nhận"))  # the literals are there, in the wrong order
    assert not gate.allows(0, Probe("tiếp nhận hồ sơ"))  # no figure


def test_ordered_test_never_skips_a_matching_pattern() -> None:
    texts = _texts()
    checked = 0
    for order, rule in enumerate(RULES):
        if not _ORDERED.sequences[order]:
            continue
        for text in texts:
            if not _ORDERED.allows(order, Probe(text)):
                assert rule.rx.search(text) is None, (rule.code, rule.rx.pattern, text[:120])
                checked += 1
    assert checked > 0
