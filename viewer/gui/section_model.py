"""Qt item model that shows a `SectionTree` as an outline (heading, source line or page).

The model adapts the immutable core tree and holds no data of its own: besides the reference to
the tree it keeps only lookup tables derived from it once (children and row of each section), so
that `index()` and `parent()` stay O(1) on long contracts. An index's internal id is the
section's position in `tree.sections`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from viewer.core.model import Section, SectionTree

log = logging.getLogger(__name__)

HEADING_COLUMN = 0
WHERE_COLUMN = 1
_HEADERS = ("Section", "Where")
EMPTY_NOTE = "(no text of its own)"

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default argument: the invisible root, never modified


def heading_label(section: Section) -> str:
    """`12.1 Governing Law`; the number alone when the title is empty; `Preamble` as titled."""
    label = " ".join(part for part in (section.number, section.title) if part)
    return label or "(untitled section)"


def where_label(section: Section) -> str:
    """Where the heading is in the source: `p. 3` for paged formats, `line 237` otherwise."""
    if section.page is not None:
        return f"p. {section.page}"
    if section.line is not None:
        return f"line {section.line}"
    return ""


class SectionModel(QAbstractItemModel):
    """Read-only two-column tree over one document's sections, nested by `Section.parent`."""

    def __init__(self, tree: SectionTree, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = tree
        positions = {section.id: pos for pos, section in enumerate(tree.sections)}
        # Derived lookups: parent position (-1 for top level), children per parent, row in parent.
        self._parent_pos: list[int] = []
        self._children: dict[int, list[int]] = {-1: []}
        self._row: list[int] = []
        for pos, section in enumerate(tree.sections):
            parent_pos = positions.get(section.parent, -1) if section.parent else -1
            if parent_pos >= pos:  # a parent must come first in reading order; keep it visible
                log.warning("section %s names a later parent %s", section.id, section.parent)
                parent_pos = -1
            siblings = self._children.setdefault(parent_pos, [])
            self._parent_pos.append(parent_pos)
            self._row.append(len(siblings))
            siblings.append(pos)

    @property
    def tree(self) -> SectionTree:
        return self._tree

    def section(self, index: AnyIndex) -> Section | None:
        """The section shown at `index`, or None for the invisible root."""
        if not index.isValid():
            return None
        return self._tree.sections[index.internalId()]

    def index_of(self, section_id: str) -> QModelIndex:
        """Index (heading column) of the section with this id; invalid when there is none."""
        for pos, section in enumerate(self._tree.sections):
            if section.id == section_id:
                return self.createIndex(self._row[pos], HEADING_COLUMN, pos)
        return QModelIndex()

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(_HEADERS) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != HEADING_COLUMN:
            return QModelIndex()
        children = self._children.get(parent.internalId() if parent.isValid() else -1, [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, child: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent_pos = self._parent_pos[child.internalId()]
        if parent_pos < 0:
            return QModelIndex()
        return self.createIndex(self._row[parent_pos], HEADING_COLUMN, parent_pos)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._children[-1])
        if parent.column() != HEADING_COLUMN:
            return 0
        return len(self._children.get(parent.internalId(), ()))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return len(_HEADERS)

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        section = self.section(index)
        if section is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return heading_label(section) if column == HEADING_COLUMN else where_label(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{heading_label(section)} ({where_label(section)})"
            return f"{tip}\n{EMPTY_NOTE}" if section.empty else tip
        if role == Qt.ItemDataRole.FontRole and section.empty and column == HEADING_COLUMN:
            font = QFont(QApplication.font())
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (section.empty or column == WHERE_COLUMN):
            return QApplication.palette().brush(
                QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WHERE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _HEADERS[section]
        return None
