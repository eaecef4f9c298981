"""The change list beside the panes: every difference and note of the review, click to jump.

It lists what `viewer.app.changes` finds, in the topic list's order, and asks the window to
show an entry (select its row, then its words in its pane). Long reviews list at most
MAX_SHOWN lines and say how many more there are: the topic list's filters narrow them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from viewer.app.changes import KIND_NAMES, ChangeEntry, change_entries
from viewer.app.session import Changes, ReviewSession

MAX_SHOWN = 2000
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class ChangeList(QWidget):
    """A list of the review's changes; `jump_requested(entry)` when one is chosen."""

    jump_requested = Signal(object)

    def __init__(
        self,
        session: ReviewSession,
        order: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._order = order
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        session.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.rows or changes.notes or changes.complete:
            self.refill()

    def refill(self) -> None:
        comparison = self._session.comparison
        self.list.clear()
        if comparison is None:
            self.summary.setText("No documents open")
            return
        entries = change_entries(comparison, self._session.notes, self._order())
        for entry in entries[:MAX_SHOWN]:
            item = QListWidgetItem(self._line(entry))
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(entry.text)
            self.list.addItem(item)
        notes = sum(1 for entry in entries if entry.kind == "note")
        more = f" (first {MAX_SHOWN} listed)" if len(entries) > MAX_SHOWN else ""
        pending = "" if comparison.complete else " · differences still coming"
        self.summary.setText(f"{len(entries) - notes} differences · {notes} notes{more}{pending}")

    def _line(self, entry: ChangeEntry) -> str:
        comparison = self._session.comparison
        row = comparison.row(entry.row) if comparison is not None else None
        label = row.label if row is not None else entry.row
        kind = KIND_NAMES.get(entry.kind, entry.kind)
        return f"{label} · {entry.doc} · {kind}: {entry.text}"

    def _chosen(self, item: QListWidgetItem) -> None:
        entry = item.data(ENTRY_ROLE)
        if entry is not None:
            self.jump_requested.emit(entry)
