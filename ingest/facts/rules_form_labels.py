"""Sentences that open with a statistical-form row's official label: "Số nhiệm vụ đã hoàn thành đúng hạn là 49".

Reports often write a BNV form row as prose, the label first and the figure after "là", "đạt" or ":". The form
labels of ``labels.py`` (``indicators.md`` §12) are turned into sentence patterns: the label must open a
sentence, a clause or a "trong đó" list, and only a short gap without figures may stand before the value.
Only labels with a fixed opening (``^…``) and no parent row are used; coded states (0/1/2) are
left to the forms reader.
"""

from __future__ import annotations

import re

from ingest.catalog import load_catalog
from ingest.facts.labels import ENTRIES
from ingest.facts.rule import R, Rule

_OPEN = r"(?:^|(?<=[.;:]) |(?<=[.;:])|trong đó,? |\(\s*)"
_TO_VALUE = r"[^\d;%.]{0,90}?(?:\s*(?:là|đạt|có|được|gồm|:|=))+\s*{Q}"
_STATES = ("level", "flag")
# labels whose prose reading depends on the sentence around them, left to the sentence rules: the case counts
# and their rates (a form's "đúng hạn" includes early cases, prose often does not), the online share (the form
# label also opens the full-online share), a connection rate whose form label names no system, and a payment
# share whose label does not say over what (cases or procedures)
_CONTEXTUAL = re.compile(
    r"^tthc_cases_|^tthc_(?:on_time|online)_rate_pct$|^(?:edoc_system_connected|online_payment)_rate_pct$"
)


def _label_body(pattern: str) -> str:
    body = pattern.replace("|^", "|").removeprefix("^")
    # a row label is short; in a sentence the same wildcards must not run across figures or clauses
    body = body.replace(".*", r"[^\d;%.]{0,40}?").replace("[^%]", r"[^\d;%.]")
    # a label written to end the row ("…đã hoàn thành$") ends before the glue word in a sentence
    return body.replace("$", r"(?=\s*(?:là|đạt|có|:))")


def _rules() -> list[Rule]:
    units = {code: ind.unit for code, ind in load_catalog().items()}
    out: list[Rule] = []
    for entry in ENTRIES:
        pattern = entry.pattern.pattern
        if entry.code is None or entry.parent is not None or units.get(entry.code) in _STATES:
            continue
        if _CONTEXTUAL.search(entry.code):
            continue
        if not pattern.startswith("^"):
            continue
        pct = entry.code.endswith("_pct") or "_pct_" in entry.code
        tail = "{N}{P}" if pct else "{N}"
        out += R(entry.code, _OPEN + "(?:" + _label_body(pattern) + ")" + _TO_VALUE + tail,
                 need=("số", "tỷ lệ"), prio=9, kind="percent" if pct else "count",
                 max_value=100 if pct and "_pct_" not in entry.code else None)
    return out


RULES: list[Rule] = _rules()
