"""One document in the main window: a header, its section outline, and the selected section's text.

The pane is a view only: the section tree comes from the core, the outline is a `SectionModel`
over it, and the text box shows `tree.text_of(section)` for whatever section is current.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.model import Section, SectionTree
from viewer.gui.section_model import (
    EMPTY_NOTE,
    HEADING_COLUMN,
    WHERE_COLUMN,
    SectionModel,
    heading_label,
    where_label,
)

log = logging.getLogger(__name__)

FORMAT_NAMES = {
    "text": "Plain text",
    "markdown": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "docx": "Word (DOCX)",
}


def language_name(code: str) -> str:
    """`English` for `en`; the code itself when Qt does not know it, a note for undetermined."""
    if not code or code == "und":
        return "language undetermined"
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def describe(tree: SectionTree) -> str:
    """Second header line: `Markdown · English · 30 sections`, with all languages of the file."""
    document = tree.document
    codes = list(dict.fromkeys(part.language for part in document.parts)) or [document.language]
    languages = " + ".join(language_name(code) for code in codes)
    pages = f" · {document.pages} pages" if document.pages else ""
    count = len(tree.sections)
    noun = "section" if count == 1 else "sections"
    return (
        f"{FORMAT_NAMES.get(document.format, document.format)} · {languages}{pages}"
        f" · {count} {noun}"
    )


class DocumentPane(QWidget):
    """Header, outline and text of one `SectionTree`; the first section is selected on load."""

    #: The section now shown in the text box (None when the document has no sections).
    section_shown = Signal(object)

    def __init__(self, tree: SectionTree, doc_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = SectionModel(tree, self)
        self._doc_id = doc_id
        self.setObjectName(f"documentPane{doc_id}")

        self.header = QLabel(self._header_html(tree))
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setToolTip(tree.document.path)
        self.header.setContentsMargins(6, 4, 6, 4)

        self.outline = QTreeView()
        self.outline.setModel(self._model)
        self.outline.setUniformRowHeights(True)
        self.outline.setAlternatingRowColors(True)
        self.outline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(HEADING_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHERE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.outline.expandAll()
        self.outline.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFrameShape(QFrame.Shape.StyledPanel)
        self.text.document().setDocumentMargin(8)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.outline)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([450, 450])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

        first = self._model.index(0, HEADING_COLUMN)
        if first.isValid():
            self.outline.setCurrentIndex(first)
        else:
            self.text.setPlaceholderText("This document has no text.")

    @property
    def tree(self) -> SectionTree:
        return self._model.tree

    @property
    def model(self) -> SectionModel:
        return self._model

    @property
    def doc_id(self) -> str:
        return self._doc_id

    def current_section(self) -> Section | None:
        return self._model.section(self.outline.currentIndex())

    def select_section(self, section_id: str) -> bool:
        """Make the section with this id current (and visible); False when there is none."""
        index = self._model.index_of(section_id)
        if not index.isValid():
            return False
        self.outline.setCurrentIndex(index)
        self.outline.scrollTo(index)
        return True

    def _on_current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        section = self._model.section(current)
        self._show(section)
        self.section_shown.emit(section)

    def _show(self, section: Section | None) -> None:
        self.text.clear()
        if section is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.insertText(self.tree.text_of(section).rstrip("\n"))
        if section.empty:
            note = QTextCharFormat()
            note.setFontItalic(True)
            note.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))
            cursor.insertBlock()
            cursor.insertText(EMPTY_NOTE, note)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.text.setToolTip(f"{heading_label(section)} · {where_label(section)}")

    def _header_html(self, tree: SectionTree) -> str:
        name = html.escape(Path(tree.document.path).name)
        badge = f"{html.escape(self._doc_id)}&nbsp;&nbsp;" if self._doc_id else ""
        title = f"<br>{html.escape(tree.title)}" if tree.title else ""
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        return (
            f"<b style='font-size:large'>{badge}{name}</b>{title}"
            f"<br><span style='color:{muted}'>{html.escape(describe(tree))}</span>"
        )
