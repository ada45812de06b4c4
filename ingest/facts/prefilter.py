"""Which sentence patterns are worth running on a text, decided with one scan of its words.

Two cheap tests keep a pattern from running (see ``rule.Rule.need`` and ``rule.required_literals``):

* ``need``: one of the rule's hand-written tokens occurs in the text. A token made of words counts only when
  its first word is a whole word of the text (and the token a substring of it); other tokens are substrings.
* required literals: every match contains one string of each of the pattern's clauses, so a text lacking all
  strings of a clause cannot match.

Instead of testing every rule's tokens and clauses against the text (hundreds of substring searches per
paragraph), the text's distinct words are looked up once: each word maps to the rules whose need token it
is and to the literals it contains, kept as bit sets (Python ints). A rule is then checked with a few integer
operations. The decisions are exactly those of the per-rule tests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.facts.rule import Rule, required_literals

WORD_RE = re.compile(r"[^\W\d_]+")
_WORDISH_RE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")
ANCHORS = 2  # clauses per rule indexed by literal (the code below reads exactly two)
_WORD_CACHE_LIMIT = 100_000  # distinct words remembered (a language's vocabulary; cleared when exceeded)
_NO_ANCHOR = (0,) * ANCHORS


def bits(mask: int) -> list[int]:
    """Indices of the set bits of ``mask``, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class RuleGate:
    """The need tokens and required literals of a rule list, indexed by word."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self._single: dict[str, int] = {}  # a one-word need token → rules needing it
        self._multi: dict[str, list[tuple[str, int]]] = {}  # first word → (several-word token, rules)
        self._odd: list[tuple[str, int]] = []  # tokens that are not words: substring tests
        self.always = 0  # rules without a need token
        for i, rule in enumerate(rules):
            bit = 1 << i
            if not rule.need:
                self.always |= bit
            for tok in rule.need:
                if not _WORDISH_RE.match(tok):
                    self._odd_add(tok, bit)
                elif " " in tok:
                    self._multi_add(tok, bit)
                else:
                    self._single[tok] = self._single.get(tok, 0) | bit
        # the required clauses of each rule as bit sets of literals; the first ANCHORS clauses (the most
        # selective) also index the rules by literal, so that most rules are ruled out without being visited
        literal_bit: dict[str, int] = {}
        anchors: dict[str, list[int]] = {}  # literal → per anchor slot, the rules with it in that clause
        self.clauses: list[tuple[int, ...]] = []
        self.unanchored = [0] * ANCHORS  # per slot, the rules with fewer clauses (always pass that slot)
        for i, rule in enumerate(rules):
            masks = []
            required = required_literals(rule.rx)
            for slot, clause in enumerate(required):
                mask = 0
                for lit in clause:
                    mask |= literal_bit.setdefault(lit, 1 << len(literal_bit))
                    if slot < ANCHORS:
                        anchors.setdefault(lit, [0] * ANCHORS)[slot] |= 1 << i
                masks.append(mask)
            for slot in range(len(required), ANCHORS):
                self.unanchored[slot] |= 1 << i
            self.clauses.append(tuple(masks))
        indexed = {lit: (b, *anchors.get(lit, _NO_ANCHOR)) for lit, b in literal_bit.items()}
        self._word_literals = {lit: masks for lit, masks in indexed.items() if WORD_RE.fullmatch(lit)}
        self._other_literals = [(lit, masks) for lit, masks in indexed.items() if lit not in self._word_literals]
        self._longest = max((len(lit) for lit in self._word_literals), default=0)
        self._word_cache: dict[str, tuple[int, ...]] = {}

    def _odd_add(self, tok: str, bit: int) -> None:
        for i, (t, mask) in enumerate(self._odd):
            if t == tok:
                self._odd[i] = (t, mask | bit)
                return
        self._odd.append((tok, bit))

    def _multi_add(self, tok: str, bit: int) -> None:
        entries = self._multi.setdefault(tok.split(" ", 1)[0], [])
        for i, (t, mask) in enumerate(entries):
            if t == tok:
                entries[i] = (t, mask | bit)
                return
        entries.append((tok, bit))

    # ---------------------------------------------------------------- need tokens
    def wanted(self, text: str, words: set[str] | None = None) -> int:
        """Rules one of whose need tokens occurs in ``text`` (``words``: its distinct words, if known)."""
        if words is None:
            words = set(WORD_RE.findall(text))
        mask = self.always
        single, multi = self._single, self._multi
        for word in words:
            found = single.get(word)
            if found:
                mask |= found
            entries = multi.get(word)
            if entries:
                for tok, rules in entries:
                    if tok in text:
                        mask |= rules
        for tok, rules in self._odd:
            if tok in text:
                mask |= rules
        return mask

    # ---------------------------------------------------------------- required literals
    def _literals_of_word(self, word: str) -> tuple[int, ...]:
        """(literals, then per anchor slot the rules) of the required literals that ``word`` contains."""
        found = self._word_cache.get(word)
        if found is None:
            acc = [0] * (1 + ANCHORS)
            lits = self._word_literals
            n = len(word)
            for i in range(n):
                for j in range(i + 1, min(n, i + self._longest) + 1):
                    masks = lits.get(word[i:j])
                    if masks:
                        for k, mask in enumerate(masks):
                            acc[k] |= mask
            if len(self._word_cache) >= _WORD_CACHE_LIMIT:
                self._word_cache.clear()
            found = self._word_cache[word] = tuple(acc)
        return found

    def literals(self, text: str, words: set[str] | None = None) -> tuple[int, int]:
        """(the required literals, of any rule, that occur in ``text``; the rules whose anchor clauses occur)."""
        if words is None:
            words = set(WORD_RE.findall(text))
        literals, slot0, slot1 = 0, self.unanchored[0], self.unanchored[1]
        of_word = self._literals_of_word
        for word in words:
            lit, a0, a1 = of_word(word)
            literals |= lit
            slot0 |= a0
            slot1 |= a1
        for text_lit, (lit, a0, a1) in self._other_literals:
            if text_lit in text:
                literals |= lit
                slot0 |= a0
                slot1 |= a1
        return literals, slot0 & slot1

    def may_match(self, order: int, literals: int) -> bool:
        """False when a text with ``literals`` lacks a required clause of rule ``order``."""
        for clause in self.clauses[order]:
            if not clause & literals:
                return False
        return True

