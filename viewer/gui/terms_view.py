"""The key-terms matrix: term x document, with the quote on hover and a click that jumps to it.

The model adapts the comparison's key terms (`viewer.core.terms.extract`) and holds none of its own.
A value that differs from the reference document's is tinted, since those are the terms a
reviewer came to find.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from viewer.app.session import Changes, ReviewSession
from viewer.core.model import KeyTerm
from viewer.core.terms.extract import LABELS, TERMS
from viewer.gui.gil import OnePassPaint
from viewer.gui.palette import mark_color

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
NOT_STATED = "—"


def term_label(term: str) -> str:
    return LABELS.get(term, term.replace("_", " ").capitalize())


#: What a key term's column always shows of its value, however narrow the panel.
VALUE_ROOM = "30 days from invoice"


class TermsModel(QAbstractTableModel):
    """Rows: the key terms; columns: the documents."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def _ids(self) -> list[str]:
        comparison = self._session.comparison
        return comparison.ids if comparison is not None and comparison.terms else []

    def key_term(self, index: AnyIndex) -> tuple[str, KeyTerm | None] | None:
        """(document id, its key term or None) at `index`."""
        ids = self._ids()
        comparison = self._session.comparison
        if not index.isValid() or comparison is None or not 0 <= index.column() < len(ids):
            return None
        doc = ids[index.column()]
        return doc, comparison.terms.get(doc, {}).get(TERMS[index.row()])

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() or not self._ids() else len(TERMS)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        comparison = self._session.comparison
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(TERMS):
                return term_label(TERMS[section])
            return None
        ids = self._ids()
        if comparison is None or not 0 <= section < len(ids):
            return None
        doc = ids[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return doc
        if role == Qt.ItemDataRole.ToolTipRole:
            return comparison.name(doc)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.key_term(index)
        return None if found is None else self._data(index.row(), *found, role)

    def multiData(self, index: AnyIndex, roleDataSpan) -> None:
        """All roles of a cell in one call into Python (see `TopicModel.multiData`)."""
        found = self.key_term(index)
        for role_data in roleDataSpan:
            value = None if found is None else self._data(index.row(), *found, role_data.role())
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _data(self, row: int, doc: str, term: KeyTerm | None, role: int) -> Any:
        comparison = self._session.comparison
        if comparison is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return NOT_STATED if term is None else term.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if term is None:
                return f"{comparison.name(doc)} does not state this"
            section = comparison.index.section(term.section)
            where = f"{section.number or ''} {section.title}".strip() if section else term.section
            return (
                f"<p><i>“{html.escape(term.quote)}”</i></p>"
                f"<p>{html.escape(comparison.name(doc))} · {html.escape(where)}"
                " — click to show it</p>"
            )
        if role == Qt.ItemDataRole.BackgroundRole and doc != comparison.reference:
            reference = comparison.terms.get(comparison.reference, {}).get(TERMS[row])
            mine = term.value if term else None
            theirs = reference.value if reference else None
            if mine != theirs:
                return QBrush(mark_color("insert" if mine and not theirs else "moved"))
        if role == Qt.ItemDataRole.ForegroundRole and term is None:
            return QBrush(mark_color("missing"))
        return None


class TermsView(OnePassPaint, QTableView):
    """The matrix; a click on a stated term asks to show its quote in its document."""

    jump_requested = Signal(str, object)  # document id, KeyTerm

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.terms_model = TermsModel(session, self)
        self.setModel(self.terms_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # a value stays readable in a narrow panel: the table scrolls sideways instead
        self.horizontalHeader().setMinimumSectionSize(
            self.fontMetrics().horizontalAdvance(VALUE_ROOM)
        )
        # fixed rows: sizing rows to their contents would read every cell on every layout
        self.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().height() + 8)
        self.clicked.connect(self.jump_to)
        self.activated.connect(self.jump_to)
        session.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.terms:
            self.terms_model.reset()

    def jump_to(self, index: QModelIndex) -> None:
        found = self.terms_model.key_term(index)
        if found is not None and found[1] is not None:
            self.jump_requested.emit(found[0], found[1])
