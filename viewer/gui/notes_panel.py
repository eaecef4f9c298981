"""The notes panel: the reviewer's notes on the selected section, saved as they are made.

Add, edit, delete and a status per note; the author comes from the settings. Every action is
written to the review store at once (one transaction), through the session, which keeps the
one list of notes that the topic list counts and the panes mark. The list model adapts that
list and holds none of its own.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.app.session import Changes, ReviewSession
from viewer.gui.gil import OnePassPaint
from viewer.store import STATUSES, Note, StoreError

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS = {
    "ok": "#2e7d32",
    "concern": "#c62828",
    "question": "#1565c0",
    "negotiate": "#ef6c00",
}
SCOPES = ("This section", "All notes of this review")
#: A new note is a question until the reviewer says otherwise: "ok" would approve a section
#: nobody judged yet.
NEW_NOTE_STATUS = "question"


def status_icon(status: str) -> QPixmap:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(STATUS_COLOURS.get(status, "#777777")))
    return pixmap


class NotesModel(QAbstractListModel):
    """The notes of one section, or all notes of the open documents (orphaned ones too)."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.section: str | None = None
        self.everything = False

    def notes(self) -> list[Note]:
        if self.everything:
            comparison = self._session.comparison
            ids = comparison.ids if comparison else []
            return [note for doc in ids for note in self._session.notes_of(doc)]
        return self._session.notes_on(self.section) if self.section else []

    def show(self, section: str | None, everything: bool) -> None:
        self.beginResetModel()
        self.section, self.everything = section, everything
        self.endResetModel()

    def row_of(self, note_id: int) -> int:
        return next((i for i, note in enumerate(self.notes()) if note.id == note_id), -1)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.notes())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        notes = self.notes()
        if not index.isValid() or not 0 <= index.row() < len(notes):
            return None
        note = notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = "orphaned · " if note.orphaned else ""
            if self.everything and not note.orphaned and note.section:
                where = f"{note.section} · "
            first = note.text.splitlines()[0] if note.text.strip() else "(no text)"
            by = note.author or "anonymous"
            return f"{where}{note.status} · {by} · {note.updated.replace('T', ' ')[:16]}\n{first}"
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = f"<i>“{html.escape(note.quote)}”</i><br>" if note.quote else ""
            lost = (
                "<br><b>Orphaned:</b> its text is gone from this version." if note.orphaned else ""
            )
            path = " › ".join(note.section_path)
            return f"{html.escape(path)}<br>{quote}{html.escape(note.text)}{lost}"
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(note.status)
        if role == NOTE_ID_ROLE:
            return note.id
        return None


class NotesList(OnePassPaint, QListView):
    """The list of notes; paints in one pass (see `gil`)."""


class _NoteEditor(QPlainTextEdit):
    """The note's text box. Ctrl+Z / Ctrl+Shift+Z undo its typing while there is typing to
    undo; with nothing to undo here they reach the window's Edit > Undo, so that right after
    saving a note the same key takes the note back."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            document = self.document()
            if (
                event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()
            ) or (event.matches(QKeySequence.StandardKey.Redo) and not document.isRedoAvailable()):
                event.ignore()
                return True
        return super().event(event)


class NotesPanel(QWidget):
    """Notes on the selected section; edits are saved at once."""

    notes_changed = Signal()

    def __init__(
        self, session: ReviewSession, author: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._author = author
        self._quote = ""
        self.model = NotesModel(session, self)

        self.header = QLabel("No section selected")
        self.header.setWordWrap(True)
        self.scope = QComboBox()
        self.scope.addItems(SCOPES)
        self.scope.currentIndexChanged.connect(lambda _i: self._reload())
        self.list = NotesList()
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._load_selected())
        self.quote_label = QLabel()
        self.quote_label.setWordWrap(True)
        self.quote_label.setVisible(False)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(status_icon(status), status, status)
        self.status.setCurrentIndex(STATUSES.index(NEW_NOTE_STATUS))
        self.status.activated.connect(self._status_picked)
        self.editor = _NoteEditor()
        self.editor.setPlaceholderText("Write a note on this section…")
        self.editor.setTabChangesFocus(True)
        self.add_button = QPushButton("Add note")
        self.add_button.clicked.connect(self.add_note)
        self.save_button = QPushButton("Save changes")
        self.save_button.clicked.connect(self.save_note)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_note)
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("Clear the editor to write another note")
        self.new_button.clicked.connect(self.list.clearSelection)
        self.new_button.clicked.connect(lambda: self.list.setCurrentIndex(QModelIndex()))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        QShortcut(QKeySequence("Ctrl+Return"), self.editor, self._save_or_add)

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.scope)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Status"))
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        for button in (self.new_button, self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self._update_buttons()
        session.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.rows or changes.notes:
            self._reload()

    # -- what the panel is about --------------------------------------------------------------

    @property
    def section(self) -> str | None:
        return self.model.section

    def set_section(self, section_id: str | None) -> None:
        """Show the notes of `section_id` (the section the reviewer is reading)."""
        if section_id != self.model.section:
            self._quote = ""
        self.model.section = section_id
        self._reload()

    def start_note(self, section_id: str, quote: str = "") -> None:
        """Begin a note on `section_id`, quoting `quote` when the reviewer selected text."""
        self.scope.setCurrentIndex(0)
        self.set_section(section_id)
        self._quote = quote
        self.list.setCurrentIndex(QModelIndex())
        self.editor.clear()
        self._load_selected()
        self.editor.setFocus()

    def _reload(self) -> None:
        current = self.selected_note()
        comparison = self._session.comparison
        wanted = self.model.section
        section = comparison.index.section(wanted) if comparison and wanted else None
        if section is None and wanted is not None:
            self.model.section = None
        if section is not None:
            self.header.setText(f"<b>{section.doc}</b> · {html.escape(section.heading)}")
        else:
            self.header.setText("No section selected")
        self.model.show(self.model.section, self.scope.currentIndex() == 1)
        if current is not None and (row := self.model.row_of(current.id)) >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        self._load_selected()
        problem = self._session.problem
        self.problem.setText(f"Notes cannot be saved: {problem}" if problem else "")
        self.problem.setVisible(bool(problem) and comparison is not None)

    def selected_note(self) -> Note | None:
        index = self.list.currentIndex()
        note_id = index.data(NOTE_ID_ROLE) if index.isValid() else None
        return self._session.note(note_id) if note_id is not None else None

    def _load_selected(self) -> None:
        note = self.selected_note()
        if note is not None:
            self.editor.setPlainText(note.text)
        status = note.status if note is not None else NEW_NOTE_STATUS
        self.status.setCurrentIndex(max(STATUSES.index(status), 0))
        quote = note.quote if note is not None else self._quote
        self.quote_label.setText(f"On: <i>“{html.escape(quote)}”</i>" if quote else "")
        self.quote_label.setVisible(bool(quote))
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self._session.can_note
        selected = self.selected_note() is not None
        self.add_button.setEnabled(writable and self.model.section is not None)
        self.save_button.setEnabled(writable and selected)
        self.delete_button.setEnabled(writable and selected)
        self.editor.setReadOnly(not writable)

    # -- saving -------------------------------------------------------------------------------

    def _save_or_add(self) -> None:
        if self.selected_note() is not None:
            self.save_note()
        else:
            self.add_note()

    def add_note(self) -> Note | None:
        if self.model.section is None:
            return None
        text = self.editor.toPlainText().strip()
        status = str(self.status.currentData())
        note = self._write(
            lambda: self._session.add_note(
                self.model.section or "", status, text, self._author(), self._quote or None
            )
        )
        if note is not None:
            self._quote = ""
            self.editor.clear()
            self._changed(note.id)
        return note

    def save_note(self) -> Note | None:
        current = self.selected_note()
        if current is None:
            return None
        text = self.editor.toPlainText().strip()
        status = str(self.status.currentData())
        note = self._write(lambda: self._session.edit_note(current.id, status=status, text=text))
        if note is not None:
            self._changed(note.id)
        return note

    def _status_picked(self, _index: int) -> None:
        """A new status for the selected note is saved at once, like any other edit."""
        current = self.selected_note()
        if current is None or current.status == self.status.currentData():
            return
        status = str(self.status.currentData())
        note = self._write(lambda: self._session.edit_note(current.id, status=status))
        if note is not None:
            self._changed(note.id)

    def delete_note(self) -> bool:
        current = self.selected_note()
        if current is None:
            return False
        answer = QMessageBox.question(
            self,
            "Delete note",
            f"Delete this note by {current.author or 'anonymous'}?\n\n{current.text[:200]}",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if not self._write(lambda: self._deleted(current.id)):
            return False
        self.editor.clear()
        self._changed(None)
        return True

    def _write(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except StoreError as error:
            log.warning("note not saved: %s", error)
            QMessageBox.warning(self, "Cannot save the note", str(error))
            return None

    def _deleted(self, note_id: int) -> bool:
        self._session.delete_note(note_id)
        return True

    def _changed(self, note_id: int | None) -> None:
        """A note written here: the session's notice has reloaded the list; select it."""
        if note_id is not None and (row := self.model.row_of(note_id)) >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        self.notes_changed.emit()
