"""What a pane shows and the offset maps: document <-> shown text <-> Qt's UTF-16."""

from __future__ import annotations

import pytest

from viewer.app.pane_text import SEPARATOR, Utf16, cell_text, whole_text
from viewer.core.compare.service import read_tree

from .conftest import SAMPLE_A


@pytest.fixture(scope="module")
def tree():
    return read_tree(str(SAMPLE_A), "A")


def test_cell_text_shows_the_sections_in_document_order(tree):
    first, second = tree.sections[5], tree.sections[2]
    shown = cell_text(tree, [first.id, second.id])
    assert shown.text == SEPARATOR.join(
        tree.text_of(section).rstrip("\n") for section in (second, first)
    )
    assert [section for section, _, _ in shown.sections] == [second, first]


def test_offsets_map_both_ways(tree):
    section = tree.sections[7]
    other = tree.sections[3]
    shown = cell_text(tree, [other.id, section.id])
    start, end = shown.section_range(section.id)
    assert shown.text[start:end] == tree.text_of(section).rstrip("\n")
    middle = section.start + 10
    at = shown.shown(middle)
    assert shown.text[at] == tree.document.text[middle]
    assert shown.document_offset(at) == middle
    assert shown.section_at(at) == section
    assert shown.shown(tree.sections[-1].start) is None  # not in this row


def test_spans_are_clipped_to_what_is_shown(tree):
    section = tree.sections[4]
    shown = cell_text(tree, [section.id])
    assert section.start > 50
    spans = [(section.start - 50, section.start + 5, "insert"), (0, 3, "delete")]
    assert shown.map_spans(spans) == [(0, 5, "insert")]


def test_whole_text_is_the_document(tree):
    shown = whole_text(tree)
    assert shown.text == tree.document.text
    assert shown.whole
    section = tree.sections[9]
    assert shown.section_range(section.id) == (section.start, section.end)
    assert shown.shown(section.start) == section.start


@pytest.mark.parametrize(
    ("text", "offset", "qt"),
    [
        ("plain text", 5, 5),
        ("a😀b", 2, 3),  # the emoji is two UTF-16 units
        ("😀😀x", 2, 4),
        ("x😀y😀z", 4, 6),
    ],
)
def test_utf16_positions(text, offset, qt):
    utf16 = Utf16(text)
    assert utf16.to_qt(offset) == qt
    assert utf16.from_qt(qt) == offset
    assert utf16.to_qt(len(text)) == len(text.encode("utf-16-le")) // 2
