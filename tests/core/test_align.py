"""Topic alignment: depths, bundled clauses, gaps, unclaimed sections, translations, overrides."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES
from viewer.core.compare.align import align
from viewer.core.compare.service import load_trees
from viewer.core.model import Override
from viewer.core.topics.classify import load_taxonomy

BODY = "The parties shall act in good faith and in accordance with this clause at all times."
GOVERNED = (
    "This Agreement is governed by the laws of Sweden and disputes go to the courts of Stockholm."
)

VENDOR_A = f"""Acme Terms

{BODY}

1. Fees
The Customer shall pay the fees within thirty days of the invoice date.
2. Limitation of Liability
In no event shall either party be liable for indirect or consequential damages or lost profits.
3. Indemnification
The Customer shall indemnify and hold harmless the Provider against third-party claims.
4. Governing Law
{GOVERNED}
5. Carbon Offsets
The Provider plants one tree in the Amazon rainforest for every gigabyte of storage sold.
6. Mascot
The Provider's mascot is a purple octopus named Olga who appears at every conference.
"""

VENDOR_B = f"""# Beta Terms

{BODY}

## 7. Liability for our APIs

### a) Disclaimer
The APIs are provided as is, without warranty of any kind.

### b) Limitation of liability
Our total aggregate liability shall not exceed the fees you paid in the twelve months.

## 8. Payment
You will pay all fees in advance; late payments bear interest.

## 12. General

12.1 Governing Law and Jurisdiction. {GOVERNED}

12.2 Notices. All notices must be given in writing to the addresses above.

## 13. Carbon Offsets
For every gigabyte of storage sold, Beta plants one tree in the Amazon rainforest.

**General Legal Terms**

If we do not enforce a provision, that is not a waiver of our rights. If any provision is held
invalid or unenforceable, the remaining provisions remain in full force and effect (severability).
Neither party is liable for delays caused by events beyond its reasonable control, including
force majeure events. These Terms are the entire agreement between us and supersede all prior
agreements. These Terms are governed by the laws of the State of New York.
"""


@pytest.fixture
def pair(write):
    return align(load_trees([write("a.txt", VENDOR_A), write("b.md", VENDOR_B)]))


def row(alignment, key):
    return next(r for r in alignment.rows if r.key == key)


def test_sections_at_different_depths_share_a_row(pair) -> None:
    assert row(pair, "governing_law").cells["A"] == ("A:4",)
    assert "B:12.1" in row(pair, "governing_law").cells["B"]
    assert "B:12" not in row(pair, "governing_law").cells["B"]  # the container stays out


def test_most_specific_section_is_preferred_over_its_parent(pair) -> None:
    liability = row(pair, "liability").cells
    assert liability["A"] == ("A:2",)
    assert "B:7.b" in liability["B"] and "B:7" not in liability["B"]


def test_bundled_clause_appears_in_each_of_its_topics(pair) -> None:
    bundle = "B:general-legal-terms"
    for key in ("severability_waiver", "force_majeure", "entire_agreement", "governing_law"):
        assert bundle in row(pair, key).cells["B"], key


def test_missing_topic_is_an_empty_cell(pair) -> None:
    indemnity = row(pair, "indemnification")
    assert indemnity.cells == {"A": ("A:3",), "B": ()}
    assert indemnity.similarity is None


def test_unclaimed_sections_match_by_similarity_or_stand_alone(pair) -> None:
    unclaimed = [r for r in pair.rows if r.topic is None and r.key != "preamble"]
    offsets = next(r for r in unclaimed if "A:5" in r.cells["A"])
    assert offsets.cells["B"] == ("B:13",) and offsets.label == "5 Carbon Offsets"
    mascot = next(r for r in unclaimed if "A:6" in r.cells["A"])
    assert mascot.cells["B"] == ()


def test_rows_follow_the_taxonomy_order(pair) -> None:
    order = {t.key: t.order for t in load_taxonomy().topics}
    topical = [r.key for r in pair.rows if r.topic]
    assert pair.rows[0].key == "preamble"
    assert topical == sorted(topical, key=order.__getitem__)
    assert all(r.topic is None for r in pair.rows[1 + len(topical) :])


def test_similarity_is_against_the_reference(write) -> None:
    paths = [write("a.txt", VENDOR_A), write("b.md", VENDOR_B)]
    forward = row(align(load_trees(paths)), "governing_law").similarity
    backward = row(align(load_trees(paths), reference="B"), "governing_law")
    assert forward is not None and 0 < forward <= 1
    assert backward.similarity == forward  # two documents: the same pair either way


def test_override_moves_a_section_to_another_row(write) -> None:
    trees = load_trees([write("a.txt", VENDOR_A), write("b.md", VENDOR_B)])
    moved = align(trees, overrides=[Override("A:6", "publicity")])
    assert row(moved, "publicity").cells == {"A": ("A:6",), "B": ()}
    assert not any("A:6" in r.cells["A"] for r in moved.rows if r.key != "publicity")
    unknown = align(trees, overrides=[Override("A:99", "publicity")])
    assert all(r.key != "publicity" for r in unknown.rows)  # a vanished section moves nothing


def test_swedish_and_english_versions_pair_their_sections() -> None:
    trees = load_trees(
        [
            str(SAMPLES / "nordmoln_allmanna_villkor.md"),
            str(SAMPLES / "nordmoln_general_terms_en.md"),
        ]
    )
    alignment = align(trees)
    together = {(a, b) for r in alignment.rows for a in r.cells["A"] for b in r.cells["B"]}
    for number in ("4.4", "9.1", "14", "5.2", "10", "13.3"):
        assert (f"A:{number}", f"B:{number}") in together, number
    liability = row(alignment, "liability").cells
    assert "A:4.4" in liability["A"] and "A:9.1" in liability["A"] and "A:9" not in liability["A"]


def test_same_files_give_the_same_json_byte_for_byte() -> None:
    files = [
        str(SAMPLES / name)
        for name in (
            "pelavik_subscription_agreement.txt",
            "brightwave_api_terms.md",
            "nordmoln_allmanna_villkor.docx",
        )
    ]
    command = [sys.executable, "-m", "viewer", "align", "--json", *files]
    runs = [
        subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=120,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1] and len(runs[0]) > 1000
