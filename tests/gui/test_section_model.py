"""The section outline model: Qt model contract, nesting by parent ids, and its labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from viewer.core.model import Section, SectionTree
from viewer.gui.section_model import (
    HEADING_COLUMN,
    WHERE_COLUMN,
    SectionModel,
    heading_label,
    where_label,
)

from .conftest import SAMPLES


def walk(model: SectionModel, parent: QModelIndex | None = None) -> list[Section]:
    """Every section in the model, depth first (which is reading order)."""
    parent = parent or QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, HEADING_COLUMN, parent)
        section = model.section(index)
        assert section is not None
        found.append(section)
        found.extend(walk(model, index))
    return found


@pytest.mark.parametrize("which", [0, 1], ids=[path.name for path in SAMPLES])
def test_model_passes_qt_model_tester(qtmodeltester, sample_trees, which):
    qtmodeltester.check(SectionModel(sample_trees[which]))


@pytest.mark.parametrize("which", [0, 1], ids=[path.name for path in SAMPLES])
def test_model_nests_every_section_under_its_parent(sample_trees, which):
    tree = sample_trees[which]
    model = SectionModel(tree)
    assert model.rowCount() == sum(1 for s in tree.sections if s.parent is None)
    assert walk(model) == list(tree.sections)
    for section in tree.sections:
        index = model.index_of(section.id)
        parent = model.section(model.parent(index))
        assert (parent.id if parent else None) == section.parent
        assert model.rowCount(index) == len(tree.children(section.id))


def test_labels_of_the_sample(sample_trees):
    model = SectionModel(sample_trees[0])
    first = model.index(0, HEADING_COLUMN)
    assert model.data(first) == "Preamble"
    assert model.data(first.siblingAtColumn(WHERE_COLUMN)) == "line 1"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Section"
    defined = model.index(0, HEADING_COLUMN, model.index(1, HEADING_COLUMN))
    assert model.data(defined) == "1.1 Defined Terms"


def section(**changes) -> Section:
    base = Section(
        id="A:1",
        number="12.1",
        title="Governing Law",
        level=2,
        parent=None,
        line=237,
        page=None,
        start=0,
        end=10,
        body_start=5,
        language="en",
    )
    return base._replace(**changes)


@pytest.mark.parametrize(
    ("changes", "heading", "where"),
    [
        ({}, "12.1 Governing Law", "line 237"),
        ({"title": ""}, "12.1", "line 237"),
        ({"number": None, "title": "Preamble"}, "Preamble", "line 237"),
        ({"page": 3, "line": None}, "12.1 Governing Law", "p. 3"),
        ({"number": None, "title": "", "line": None}, "(untitled section)", ""),
    ],
)
def test_heading_and_where_labels(changes, heading, where):
    assert heading_label(section(**changes)) == heading
    assert where_label(section(**changes)) == where


def test_empty_section_is_italic_and_says_so(sample_trees):
    tree: SectionTree = sample_trees[0]
    empty = next(s for s in tree.sections if s.empty)
    model = SectionModel(tree)
    index = model.index_of(empty.id)
    assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "(no text of its own)" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    full = model.index_of(next(s for s in tree.sections if not s.empty).id)
    assert model.data(full, Qt.ItemDataRole.FontRole) is None


def test_invalid_requests_give_invalid_indexes(sample_trees):
    model = SectionModel(sample_trees[1])
    assert not model.index(model.rowCount(), 0).isValid()
    assert not model.index(0, 2).isValid()
    assert not model.index(-1, 0).isValid()
    assert not model.index_of("B:nonexistent").isValid()
    assert model.section(QModelIndex()) is None
