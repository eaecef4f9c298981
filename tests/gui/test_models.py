"""The item models over a loaded comparison: Qt's model contract, contents, filters, tooltips."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from viewer.core.terms.extract import TERMS
from viewer.gui.topic_model import COVERED, KEY_ROLE, NOT_COVERED, VALUE_ROLE

from .conftest import FIVE, load


@pytest.fixture
def loaded(qtbot, window):
    load(qtbot, window, FIVE)
    return window


def test_loading_the_samples_fills_every_model(qtmodeltester, loaded):
    comparison = loaded.session.comparison
    topics = loaded.topics
    qtmodeltester.check(topics.model)
    qtmodeltester.check(topics.proxy)
    qtmodeltester.check(loaded.terms.terms_model)
    qtmodeltester.check(loaded.notes.model)
    assert topics.model.rowCount() == len(comparison.rows) > 30
    assert topics.model.columnCount() == 1 + 5 + 2
    assert loaded.terms.terms_model.rowCount() == len(TERMS)
    assert loaded.terms.terms_model.columnCount() == 5


def test_topic_rows_show_label_coverage_similarity_and_notes(loaded):
    model = loaded.topics.model
    comparison = loaded.session.comparison
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Topic", "A", "B", "C", "D", "E", "Similar", "Notes",
    ]  # fmt: skip
    for index, row in enumerate(comparison.rows):
        assert model.data(model.index(index, 0)) == row.label
        assert model.data(model.index(index, 0), KEY_ROLE) == row.key
        for column, doc in enumerate(comparison.ids, start=1):
            mark = model.data(model.index(index, column))
            assert mark == (COVERED if row.cells[doc] else NOT_COVERED)
        similarity = model.data(model.index(index, 6), VALUE_ROLE)
        assert similarity == row.similarity
        assert model.data(model.index(index, 7)) == ""  # no notes yet
    missing_row = next(i for i, r in enumerate(comparison.rows) if not r.cells["B"])
    tip = model.data(model.index(missing_row, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Not covered in brightwave_api_terms.pdf"


def test_filters_and_search(qtbot, loaded):
    topics = loaded.topics
    comparison = loaded.session.comparison
    everything = topics.visible_keys()
    assert everything == [row.key for row in comparison.rows]

    topics.missing_only.setChecked(True)
    assert topics.visible_keys() == [r.key for r in comparison.rows if comparison.missing(r)]
    assert 0 < len(topics.visible_keys()) < len(everything)
    topics.missing_only.setChecked(False)

    topics.differences_only.setChecked(True)
    differing = [r.key for r in comparison.rows if comparison.differs(r)]
    assert topics.visible_keys() == differing
    topics.differences_only.setChecked(False)

    qtbot.keyClicks(topics.search, "governing")
    assert topics.visible_keys() == ["governing_law"]
    assert topics.current_key() == "governing_law"  # the one row left is selected
    topics.search.clear()
    qtbot.keyClicks(topics.search, "ADD-ON MODULES")  # a section heading, any case
    assert topics.visible_keys() == ["section:A:3.2"]
    topics.search.clear()
    assert topics.visible_keys() == everything


def test_key_terms_show_values_quotes_and_differences(loaded):
    model = loaded.terms.terms_model
    comparison = loaded.session.comparison
    row = TERMS.index("governing_law")
    for column, doc in enumerate(comparison.ids):
        term = comparison.terms[doc]["governing_law"]
        index = model.index(row, column)
        assert model.data(index) == (term.value if term else "—")
        if term is not None:
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            assert term.quote[:40] in tip.replace("&quot;", '"').replace("&#x27;", "'")
    # New York law (B) differs from the reference's Swedish law and is tinted; C is the same
    assert model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(row, 2)) == model.data(model.index(row, 0)) == "Sweden"
    assert model.data(model.index(row, 2), Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(row, Qt.Orientation.Vertical) == "Governing law"
