"""Every sample contract segments exactly as its gold file says, in every format built from it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES
from viewer.core.compare.service import read_tree
from viewer.core.structure.segment import PREAMBLE

GOLD = sorted((SAMPLES / "gold").glob("*.json"))
CASES = [
    pytest.param(gold, name, id=name)
    for gold in GOLD
    for name in [
        json.loads(gold.read_text("utf-8"))["file"],
        *json.loads(gold.read_text("utf-8")).get("also", []),
    ]
]


def test_there_are_enough_samples() -> None:
    golds = [json.loads(path.read_text("utf-8")) for path in GOLD]
    files = [SAMPLES / g["file"] for g in golds]
    assert len(golds) >= 4
    assert all(15_000 <= f.stat().st_size <= 60_000 for f in files)
    assert {g["language"] for g in golds} >= {"en", "sv"}
    assert any(g.get("languages") == ["sv", "en"] for g in golds)
    suffixes = {
        p.suffix for g in golds for p in (SAMPLES / n for n in [g["file"], *g.get("also", [])])
    }
    assert suffixes >= {".txt", ".md", ".html", ".pdf", ".docx"}


@pytest.mark.parametrize("gold_path, name", CASES)
def test_sample_matches_gold(gold_path, name: str) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    tree = read_tree(SAMPLES / name)
    found = [s for s in tree.sections if s.title != PREAMBLE]
    assert [(s.number, s.title, s.level) for s in found] == [
        (g["number"], g["title"], g["level"]) for g in gold["sections"]
    ]
    assert tree.title == gold["title"]
    assert tree.document.language == gold["language"]
    if "languages" in gold:
        assert [s.language for s in found] == [g["language"] for g in gold["sections"]]


def test_gold_topics_are_known_keys() -> None:
    keys = set(
        "acceptance definitions trial account services support acceptable_use customer_data "
        "data_protection security fees term_termination confidentiality ip third_party warranties "
        "liability indemnification governing_law notices assignment force_majeure changes "
        "entire_agreement severability_waiver compliance publicity relationship "
        "third_party_beneficiaries audit subprocessors equitable_relief".split()
    )
    for path in GOLD:
        for section in json.loads(path.read_text("utf-8"))["sections"]:
            assert set(section["topics"]) <= keys, (path.name, section)
