"""The development / measure-only split of the real corpora (bench/splits.py).

The split must never move (a document once measured only would become one we tuned on, and
figures of different runs would not compare) and each part must hold enough documents of
every corpus for its figures to mean something.
"""

from __future__ import annotations

import csv

import pytest

from bench.alignment_eval import B2B_GROUPS
from bench.splits import B2B_MEASURE, DEV, MEASURE, b2b_part_of, part_of
from tests.conftest import corpus_dir


@pytest.mark.parametrize(
    "name, part",
    [
        ("Facebook", DEV),
        ("Spotify", DEV),
        ("Microsoft", MEASURE),
        ("NUVEEN - REMARKETING AGREEMENT.PDF", DEV),
        ("NICELTD_06_26_2003-EX-4.5-OUTSOURCING AGREEMENT.PDF", MEASURE),
    ],
)
def test_split_is_stable(name: str, part: str) -> None:
    """Pinned parts: a change of the hash (or of its use) would silently reshuffle the parts."""
    assert part_of(name) == part


def _assert_balanced(names: list[str]) -> None:
    """Both parts hold at least a third of the documents."""
    in_dev = sum(part_of(name) == DEV for name in names)
    assert len(names) / 3 <= in_dev <= 2 * len(names) / 3, (in_dev, len(names))


def test_cuad_contracts_fall_in_both_parts() -> None:
    csv.field_size_limit(10**9)
    with (corpus_dir("cuad-dev") / "clauses.csv").open(newline="", encoding="utf-8") as source:
        _assert_balanced([row["Filename"] for row in csv.DictReader(source)])


def test_tos_services_fall_in_both_parts() -> None:
    services = corpus_dir("tos-multilingual") / "text" / "en"
    _assert_balanced([path.stem for path in services.glob("*.txt")])


def test_ota_pairs_fall_in_both_parts() -> None:
    folders = corpus_dir("ota-versions").iterdir()
    _assert_balanced([path.name for path in folders if (path / "old.md").exists()])


def test_every_b2b_group_has_a_document_in_each_part() -> None:
    present = {path.name for path in corpus_dir("b2b-gold").glob("*.md")}
    assert present >= B2B_MEASURE
    for group, files in B2B_GROUPS.items():
        parts = {b2b_part_of(name) for name in files}
        assert parts == {DEV, MEASURE}, group
        assert set(files) <= present, group
