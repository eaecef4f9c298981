"""The topic list panel: search box, the two filters and the table of rows.

Selecting a row here is what drives the rest of the window; stepping to the next or previous
topic (Alt+Down/Up) walks the rows as filtered, so "differences only" plus Alt+Down visits just
the rows that differ.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.app.session import Changes, ReviewSession
from viewer.gui.gil import OnePassPaint
from viewer.gui.topic_model import KEY_ROLE, TopicFilter, TopicModel

#: The part of a topic name the list always shows, however many documents are open.
LABEL_ROOM = "Limitation of liab"


class TopicTable(OnePassPaint, QTableView):
    """The table of rows; paints in one pass (see `gil`)."""


class TopicPanel(QWidget):
    """Search, filters and the topic table; emits the key of the selected row."""

    row_selected = Signal(object)  # row key, or None when nothing is selected

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TopicModel(session, self)
        self.proxy = TopicFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search topics and headings")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed(self.proxy.set_search))
        self.differences_only = QCheckBox("Differences only")
        self.differences_only.toggled.connect(self._filter_changed(self.proxy.set_differences_only))
        self.missing_only = QCheckBox("Missing only")
        self.missing_only.setToolTip("Rows that some document does not cover")
        self.missing_only.toggled.connect(self._filter_changed(self.proxy.set_missing_only))

        self.view = TopicTable()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.modelReset.connect(self._fit_columns)

        filters = QHBoxLayout()
        filters.addWidget(self.differences_only)
        filters.addWidget(self.missing_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        session.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        """New rows: the same topic stays selected when it is still there; notes change the
        counts; highlights arriving can move a row in or out of "differences only"."""
        if changes.rows:
            key = self.current_key()
            self.model.reset()
            if not (key and self.select_key(key)):
                self.select_first()
            return
        if changes.notes:
            self.model.refresh()
        if changes.diffs and self.differences_only.isChecked():
            self.proxy.beginFilterChange()
            self.proxy.refilter()

    def _filter_changed(self, setter):
        """Apply a filter, keeping the selected row when it still passes."""

        def apply(value) -> None:
            key = self.current_key()
            setter(value)
            if key is not None and self.select_key(key):
                return
            self.select_first()

        return apply

    def _fit_columns(self) -> None:
        """Widths from the font, not from the contents: sizing to contents would read every
        cell of every row, on every layout. The topic names keep room for a typical name
        whatever the number of documents: the list grows no narrower than that needs (its
        dock may not be shrunk, by a window made small or by a saved layout, until the names
        show only as "…")."""
        header = self.view.horizontalHeader()
        metrics = self.fontMetrics()
        others = 0
        for column in range(self.model.columnCount()):
            kind = self.model.column_kind(column)
            if kind == "label":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            sample = {"similarity": "Similar", "notes": "Notes", "status": "removed"}.get(
                kind, "M"
            )  # a document's column holds one mark (● or —) under its letter
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
            others += header.sectionSize(column)
        label = metrics.horizontalAdvance(LABEL_ROOM)
        scrollbar = self.view.verticalScrollBar().sizeHint().width()
        self.view.setMinimumWidth(label + others + scrollbar + 2 * self.view.frameWidth())

    # -- selection ----------------------------------------------------------------------------

    def current_key(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        """Select the row `key` when it is visible; False otherwise."""
        source = self.model.index_of(key)
        index = self.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if not index.isValid():
            return False
        self._select(index)
        return True

    def reveal(self, key: str) -> None:
        """Select row `key`, clearing the search and filters when they hide it."""
        if not self.select_key(key):
            self.search.clear()
            self.differences_only.setChecked(False)
            self.missing_only.setChecked(False)
            self.select_key(key)

    def select_first(self) -> bool:
        index = self.proxy.index(0, 0)
        if not index.isValid():
            self.view.setCurrentIndex(QModelIndex())
            self.row_selected.emit(None)
            return False
        self._select(index)
        return True

    def step(self, forward: bool = True) -> bool:
        """Select the next (previous) visible row; False at the end (start) of the list."""
        current = self.view.currentIndex()
        row = current.row() + (1 if forward else -1) if current.isValid() else 0
        index = self.proxy.index(row, 0)
        if not index.isValid():
            return False
        self._select(index)
        return True

    def visible_keys(self) -> list[str]:
        return [self.proxy.key_at(row) or "" for row in range(self.proxy.rowCount())]

    def _select(self, index: QModelIndex) -> None:
        if index == self.view.currentIndex():
            self.row_selected.emit(index.data(KEY_ROLE))  # same row, new content: show again
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.row_selected.emit(current.data(KEY_ROLE) if current.isValid() else None)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)
