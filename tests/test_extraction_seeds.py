"""The real extractor (``extract_file``) on the labelled seed reports, scored against the hand-checked gold.

Matching follows ../shared/tools/score_extraction.py (whose ``load_gold`` and ``eq`` are imported): a gold fact
is recalled by an extracted fact with the same indicator and value; precision counts extracted facts whose
indicator is a gold indicator. Skips only when ../shared is absent.
"""

from __future__ import annotations

import importlib.util

import pytest

from ingest.catalog import load_catalog
from ingest.extract import extract_file
from tests.conftest import GOLD, SEEDS, SHARED

SCORER = SHARED / "tools" / "score_extraction.py"
pytestmark = pytest.mark.skipif(not (SCORER.exists() and GOLD.is_dir()), reason="../shared is absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored() -> dict[str, dict]:
    scorer = _scorer()
    gold = scorer.load_gold(str(GOLD))
    codes = {f["indicator"] for g in gold.values() for f in g["facts"]}
    out: dict[str, dict] = {}
    for key, g in gold.items():
        result = extract_file(SEEDS / f"{key}.txt").to_json_dict()
        facts = result["facts"]
        gf = g["facts"]
        recalled = sum(
            any(x["indicator"] == f["indicator"] and scorer.eq(x["value"], f["value"]) for x in facts) for f in gf
        )
        strict = sum(
            any(x["indicator"] == f["indicator"] and scorer.eq(x["value"], f["value"]) and x["scope"] == f["scope"]
                for x in facts)
            for f in gf
        )
        scored_facts = [x for x in facts if x["indicator"] in codes]
        precise = sum(any(x["indicator"] == f["indicator"] and scorer.eq(x["value"], f["value"]) for f in gf)
                      for x in scored_facts)
        out[key] = {"gold": len(gf), "recalled": recalled, "strict": strict, "scored": len(scored_facts),
                    "precise": precise, "facts": facts, "status": result["status"]}
    return out


def test_seed_score_meets_the_target(scored: dict[str, dict]) -> None:
    gold = sum(s["gold"] for s in scored.values())
    recall = sum(s["recalled"] for s in scored.values()) / gold
    strict = sum(s["strict"] for s in scored.values()) / gold
    precision = sum(s["precise"] for s in scored.values()) / sum(s["scored"] for s in scored.values())
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.97, (recall, precision)
    assert strict >= 0.95


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_each_labelled_seed_is_read_well(scored: dict[str, dict], prefix: str) -> None:
    key = next(k for k in scored if k.startswith(prefix))
    s = scored[key]
    assert s["status"] == "ok"
    assert s["recalled"] / s["gold"] >= 0.93
    assert s["precise"] / s["scored"] >= 0.93


def test_facts_obey_the_contract(scored: dict[str, dict]) -> None:
    catalog = load_catalog()
    for s in scored.values():
        for f in s["facts"]:
            assert f["indicator"] in catalog
            assert f["unit"] == catalog[f["indicator"]].unit
            assert f["line"] >= 1 and f["snippet"]
            assert len(f["snippet"].split()) <= 15
            assert f["scope"] in ("all", "district_level", "commune_level", "province_level", "center")


def test_every_seed_yields_facts() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        result = extract_file(path)
        assert result.status == "ok"
        assert len(result.facts) >= 20, path.name
