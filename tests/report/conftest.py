"""A small review for the report tests: two documents, notes in a real store (tmp database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from viewer.core.compare.align import align
from viewer.core.compare.diff import diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.compare.versions import align_versions
from viewer.core.terms.extract import extract_terms
from viewer.report import build_report
from viewer.report.model import Report
from viewer.store import Store

PELAVIK = str(SAMPLES / "pelavik_subscription_agreement.txt")
BRIGHTWAVE = str(SAMPLES / "brightwave_api_terms.md")
BRIGHTWAVE_LATER = str(SAMPLES / "versions" / "brightwave_api_terms_2026-09.md")
NASTY = '<script>alert(1)</script> & Co\'s "cap" > 5'


def make_report(
    files: list[str], store: Store | None = None, versions: bool = False, **options: object
) -> Report:
    """The report of `files` as the CLI builds it, with the notes `store` places in them;
    `versions` pairs the sections of two versions of one document."""
    trees = load_trees(files)
    alignment = align_versions(*trees) if versions else align(trees)
    terms = {doc: extract_terms(tree, alignment.topics) for doc, tree in alignment.trees.items()}
    notes = [note for tree in trees for note in store.place_notes(tree)] if store else []
    return build_report(trees, alignment, diff_alignment(alignment), terms, notes, **options)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "reviews.sqlite")) as opened:
        yield opened


@pytest.fixture
def noted(store: Store) -> Store:
    """Notes on both documents: every status, a hostile text, a formula, several lines."""
    pelavik, brightwave = load_trees([PELAVIK, BRIGHTWAVE])
    store.add_note(pelavik, "16.1", "concern", NASTY, author="Åsa Berg")
    store.add_note(pelavik, "12.1", "negotiate", '=HYPERLINK("http://x")', author="@bob")
    store.add_note(brightwave, "B:2", "question", "Line one\nLine two", author="Åsa Berg")
    store.add_note(brightwave, "B:preamble", "ok", "-1 looks fine", author="")
    return store
