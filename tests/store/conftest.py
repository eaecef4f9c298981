"""A small contract in two versions, and a store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.compare.service import load_trees
from viewer.store import Store

VERSION_1 = """Tern Analytics Service Terms

1. Fees
1.1 The Customer pays the annual fee in advance within thirty days of the invoice date.
1.2 Late payments carry interest at eight per cent per year above the reference rate.

2. Liability
2.1 Neither party is liable for indirect or consequential loss of any kind.
2.2 Each party's total liability is capped at the fees paid in the twelve months before the claim.

3. Termination
3.1 Either party may terminate for material breach on thirty days' written notice.
"""


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "reviews.sqlite")


@pytest.fixture
def store(db: str):
    with Store.open(db) as opened:
        yield opened


@pytest.fixture
def contract(tmp_path: Path):
    """Write a version of the contract (at one path unless `name` says another); returns its
    section tree."""

    def _write(text: str = VERSION_1, name: str = "tern_terms.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return load_trees([str(path)])[0]

    return _write


def section(tree, title: str):
    return next(s for s in tree.sections if s.title == title)
