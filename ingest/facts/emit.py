"""From a located figure to a ``Fact``: canonical unit, short quote, source line and locator."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.catalog import load_catalog
from ingest.facts.text import Span, snippet
from ingest.models import Fact, Scope, Source


@dataclass
class FactDraft:
    code: str
    scope: Scope
    value: float
    source: Source
    span: Span
    start: int
    end: int
    note: str | None = None
    from_pair: bool = False

    @property
    def line(self) -> int:
        return self.span.line_at(self.start)


def to_fact(draft: FactDraft) -> Fact | None:
    """None when the code is not in the catalogue (every emitted indicator must exist there)."""
    entry = load_catalog().get(draft.code)
    if entry is None:
        return None
    # the fields are built here with the right types; skip re-validation (thousands of facts per batch)
    return Fact.model_construct(
        indicator=draft.code,
        scope=draft.scope,
        value=draft.value,
        unit=entry.unit,
        source=draft.source,
        line=draft.line,
        snippet=snippet(draft.span.text, draft.start, draft.end),
        locator=draft.span.locator_at(draft.start),
        note=draft.note,
    )


def finalize(drafts: list[FactDraft]) -> list[Fact]:
    """Facts in document order; exact repeats of one figure (same code, scope, value, line, place) dropped."""
    seen: set[tuple] = set()
    facts: list[Fact] = []
    for d in sorted(drafts, key=lambda d: (d.line, d.start)):
        key = (d.code, d.scope, round(d.value, 9), d.line, d.start)
        if key in seen:
            continue
        seen.add(key)
        fact = to_fact(d)
        if fact is not None:
            facts.append(fact)
    return facts
