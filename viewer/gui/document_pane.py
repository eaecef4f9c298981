"""One document in the main window: its header and the current row's sections, highlighted.

The pane is a view: it reads the session's comparison and notes, shows the row's sections of
its document (or the whole document, scrolled to them), and marks the differences against the
reference, the notes and find matches. What the reviewer asks for from here (a note, moving a
section to another row, removing the document) leaves as a signal.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.app.pane_text import NOTHING_SHOWN, cell_text, whole_text
from viewer.app.session import ReviewSession
from viewer.core.model import AlignmentRow, Section, SectionTree
from viewer.core.topics.classify import load_taxonomy
from viewer.gui.review_text import ReviewText

log = logging.getLogger(__name__)

DIFF_KINDS = ("insert", "delete", "moved")
FORMAT_NAMES = {
    "text": "Plain text",
    "markdown": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "docx": "Word (DOCX)",
}


def language_name(code: str) -> str:
    """`English` for `en`; the code itself when Qt does not know it."""
    if not code or code == "und":
        return "language undetermined"
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def describe(tree: SectionTree) -> str:
    """`Markdown · English · 30 sections`, with every language of the file."""
    document = tree.document
    codes = list(dict.fromkeys(part.language for part in document.parts)) or [document.language]
    languages = " + ".join(language_name(code) for code in codes)
    pages = f" · {document.pages} pages" if document.pages else ""
    count = len(tree.sections)
    return (
        f"{FORMAT_NAMES.get(document.format, document.format)} · {languages}{pages}"
        f" · {count} section{'s' if count != 1 else ''}"
    )


class _PaneTitle(QLabel):
    """A pane's two title lines (document, then its role and kind), each shortened with "…"
    to the pane's width rather than wrapped or cut off: the whole of it is in the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lines = ("", "")

    def set_lines(self, name: str, role: str) -> None:
        self._lines = (name, role)
        self._render()

    def full_text(self) -> str:
        """Both lines unshortened."""
        return "\n".join(self._lines)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        name, role = self._lines
        bold = QFont(self.font())
        bold.setBold(True)
        width = max(self.contentsRect().width(), 40)
        elide = Qt.TextElideMode.ElideMiddle
        name = QFontMetrics(bold).elidedText(name, elide, width)
        role = self.fontMetrics().elidedText(role, Qt.TextElideMode.ElideRight, width)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.setText(
            f"<b>{html.escape(name).replace('  ', '&nbsp;&nbsp;')}</b>"
            f"<br><span style='color:{muted}'>{html.escape(role)}</span>"
        )


class DocumentPane(QWidget):
    """The current row's sections of one document, or the whole document."""

    focused = Signal(str)  # doc id: the reviewer is working in this pane
    section_focused = Signal(str)  # section id under the text cursor
    note_requested = Signal(str, str)  # section id, quoted text ("" for the whole section)
    move_requested = Signal(str, str)  # section id, row key
    unmove_requested = Signal(str)  # section id
    remove_requested = Signal(str)  # doc id
    adopt_requested = Signal(str)  # doc id: move in the notes left with its earlier file

    def __init__(self, session: ReviewSession, doc: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.doc = doc
        self.setObjectName(f"documentPane{doc}")
        self.content = NOTHING_SHOWN
        self._row: AlignmentRow | None = None
        self._counterpart: str | None = None

        self.title = _PaneTitle()
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip("Remove this document from the comparison")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.doc))
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 2, 2)
        header.addWidget(self.title, 1)
        header.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

        self.left_behind = QLabel()  # notes left with an earlier, different file here
        self.left_behind.setWordWrap(True)
        self.left_behind.setContentsMargins(8, 2, 8, 2)
        self.adopt_button = QPushButton("Move them here")
        self.adopt_button.setToolTip(
            "This file is a new version of the earlier one after all: its notes move in"
        )
        self.adopt_button.clicked.connect(lambda: self.adopt_requested.emit(self.doc))
        self.left_bar = QWidget()
        left_row = QHBoxLayout(self.left_bar)
        left_row.setContentsMargins(0, 0, 4, 0)
        left_row.addWidget(self.left_behind, 1)
        left_row.addWidget(self.adopt_button)
        self.left_bar.setVisible(False)
        self.banner = QLabel()  # "Not covered in ..." above a whole document
        self.banner.setVisible(False)
        self.banner.setContentsMargins(8, 2, 8, 2)
        self.text = ReviewText()
        self.text.menu_requested.connect(self._show_menu)
        self.text.cursorPositionChanged.connect(self._on_cursor)
        self.text.focused.connect(lambda: self.focused.emit(self.doc))
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        font = self.placeholder.font()
        font.setItalic(True)
        self.placeholder.setFont(font)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.stack.addWidget(self.placeholder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.left_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.update_title()

    # -- what is shown ------------------------------------------------------------------------

    @property
    def tree(self) -> SectionTree:
        assert self._session.comparison is not None
        return self._session.comparison.tree(self.doc)

    @property
    def name(self) -> str:
        return Path(self.tree.document.path).name

    @property
    def covered(self) -> bool:
        return self.stack.currentWidget() is self.text

    def update_title(self) -> None:
        comparison = self._session.comparison
        if comparison is None or self.doc not in comparison.alignment.trees:
            return
        role = (
            "reference" if self.doc == comparison.reference else f"against {comparison.reference}"
        )
        against = comparison.marked_against(self._row, self._counterpart) if self._row else None
        if self.doc == comparison.reference and against and len(comparison.ids) > 2:
            role += f", marked against {against}"  # which document's lack the red shows
        tree = self.tree
        self.title.set_lines(f"{self.doc}  {self.name}", f"{role} · {describe(tree)}")
        self._show_left_behind()
        title = f"{tree.title}\n" if tree.title else ""
        self.title.setToolTip(f"{title}{tree.document.path}\n{describe(tree)}")

    def _show_left_behind(self) -> None:
        left = self._session.left_behind(self.doc)
        self.left_bar.setVisible(left is not None)
        if left is not None:
            notes = "1 note was" if left.count == 1 else f"{left.count} notes were"
            self.left_behind.setText(
                f"{notes} made on an earlier, different file here "
                f"({Path(left.path).name}); they stay with it."
            )
            self.left_behind.setToolTip(left.path)

    def show_row(self, row: AlignmentRow | None, whole: bool, counterpart: str | None) -> None:
        """Show `row` (its sections, or the whole document scrolled to them)."""
        self._row, self._counterpart = row, counterpart
        cell = row.cells.get(self.doc, ()) if row else ()
        self.banner.setVisible(False)
        if whole:
            if not self.content.whole or self.text.shown != self.tree.document.text:
                self.content = whole_text(self.tree)
                self.text.set_shown(self.content.text)
            self.stack.setCurrentWidget(self.text)
            if row is not None and not cell:
                self.banner.setText(f"Not covered in {self.name}")
                self.banner.setVisible(True)
        elif cell:
            self.content = cell_text(self.tree, cell)
            self.text.set_shown(self.content.text)
            self.stack.setCurrentWidget(self.text)
        else:
            self.content = NOTHING_SHOWN
            self.text.set_shown("")
            self.placeholder.setText(
                f"Not covered in {self.name}" if row is not None else "Select a topic"
            )
            self.stack.setCurrentWidget(self.placeholder)
        self.refresh_marks()
        if whole and cell:
            first = min(self.content.section_range(sid) or (0, 0) for sid in cell)
            self.text.scroll_to(first[0])
        elif not whole:
            self.text.scroll_to(0)

    def _headings(self) -> list[tuple[int, int]]:
        return [
            (start, min(start + max(section.body_start - section.start, 0), end))
            for section, start, end in self.content.sections
        ]

    def refresh_marks(self, counterpart: str | None = None) -> None:
        """Redraw differences and notes (new diffs, notes, or another counterpart)."""
        if counterpart is not None:
            self._counterpart = counterpart
        comparison = self._session.comparison
        row = self._row
        if comparison is None or row is None or not self.covered:
            self.text.clear_marks()
            self.text.set_markers([])
            return
        spans = self.content.map_spans(comparison.spans(row, self.doc, self._counterpart))
        self.update_title()
        layers = {kind: [(a, b) for a, b, k in spans if k == kind] for kind in DIFF_KINDS}
        band = []
        if self.content.whole:
            band = [
                r for sid in row.cells.get(self.doc, ()) if (r := self.content.section_range(sid))
            ]
        layers["row"] = band
        layers["heading"] = [] if self.content.whole else self._headings()
        quotes, markers = self._notes()
        layers["note"] = quotes
        self.text.update_marks(layers)
        self.text.set_markers(markers)
        self.text.set_overview(self._whole_overview(comparison) if self.content.whole else None)

    def _whole_overview(self, comparison) -> dict[str, list[tuple[int, int]]]:
        """Every row's differences in this document, for the overview bar of a whole one."""
        spans = [
            span
            for row in comparison.rows
            if row.cells.get(self.doc)
            for span in self.content.map_spans(comparison.spans(row, self.doc, self._counterpart))
        ]
        return {kind: [(a, b) for a, b, k in spans if k == kind] for kind in DIFF_KINDS}

    def _notes(self) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
        """The shown ranges of the notes' quotes, and a marker (offset, tooltip) per note."""
        quotes, markers = [], []
        for note in self._session.notes_of(self.doc):
            if note.orphaned or note.section is None:
                continue
            shown_range = self.content.section_range(note.section)
            if shown_range is None:
                continue
            at = self.content.shown(note.offset)
            if at is None or not shown_range[0] <= at <= shown_range[1]:
                at = shown_range[0]
            elif note.quote:
                quotes.append((at, at + len(note.quote)))
            status = html.escape(note.status)
            by = f" — {html.escape(note.author)}" if note.author else ""
            markers.append((at, f"<b>{status}</b>{by}<br>{html.escape(note.text)}"))
        return quotes, markers

    def current_section(self) -> Section | None:
        """The section under the text cursor, else the first section shown."""
        if not self.covered or not self.content.sections:
            return None
        return self.content.section_at(self.text.cursor_offset()) or self.content.sections[0][0]

    def selected_quote(self) -> str:
        """The selected text when it lies within one section (a note's quote), else ""."""
        selection = self.text.selection()
        if selection is None:
            return ""
        start, end = selection
        section = self.content.section_at(start)
        if section is None or self.content.section_at(max(end - 1, start)) is not section:
            return ""
        return self.content.text[start:end].strip()

    def difference_ranges(self) -> list[tuple[int, int]]:
        ranges = [r for kind in DIFF_KINDS for r in self.text.marks(kind)]
        return sorted(ranges)

    def select_document_range(self, start: int, end: int) -> bool:
        """Select document offsets `start`..`end` when they are shown (a key term's quote)."""
        low, high = self.content.shown(start), self.content.shown(end)
        if low is None or high is None:
            return False
        self.text.select(low, high)
        return True

    def set_zoom(self, steps: int, base: QFont) -> None:
        font = QFont(base)
        font.setPointSizeF(max(base.pointSizeF() + steps, 4.0))
        self.text.setFont(font)

    # -- the reviewer's requests --------------------------------------------------------------

    def _on_cursor(self) -> None:
        section = self.current_section()
        if section is not None:
            self.section_focused.emit(section.id)

    def _show_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        menu.exec(self.text.viewport().mapToGlobal(position))

    def context_menu(self, position: QPoint) -> QMenu:
        """The text box's menu plus: note, move to another row, return to its own row."""
        menu = self.text.createStandardContextMenu(position)
        menu.setParent(self, menu.windowFlags())
        cursor = self.text.cursorForPosition(position)
        section = self.content.section_at(self.text.offset_at(cursor.position()))
        if section is None:
            return menu
        label = section.heading
        menu.addSeparator()
        quote = self.selected_quote()
        note = menu.addAction(f"Add note on “{label}”…")
        note.setEnabled(self._session.can_note)
        note.triggered.connect(lambda: self.note_requested.emit(section.id, quote))
        menu.addMenu(self._move_menu(menu, section, label))
        if self._session.has_override(section.id):
            back = menu.addAction(f"Return “{label}” to its own row")
            back.triggered.connect(lambda: self.unmove_requested.emit(section.id))
        return menu

    def _move_menu(self, parent: QMenu, section: Section, label: str) -> QMenu:
        comparison = self._session.comparison
        assert comparison is not None
        move = QMenu(f"Move “{label}” to row", parent)
        if comparison.versions:
            move.setEnabled(False)
            move.setToolTip("Versions pair sections one to one; rows cannot be changed")
            return move
        current = {row.key for row in comparison.index.rows_of(section.id)}
        for topic in load_taxonomy().topics:
            self._move_action(move, section.id, topic.key, topic.label, current)
        unclaimed = [row for row in comparison.rows if row.topic is None and row.key != "preamble"]
        if unclaimed:
            move.addSeparator()
            for row in unclaimed:
                self._move_action(move, section.id, row.key, row.label, current)
        return move

    def _move_action(
        self, menu: QMenu, section_id: str, key: str, label: str, current: set[str]
    ) -> QAction:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(key in current)
        action.setEnabled(key not in current)
        action.triggered.connect(lambda: self.move_requested.emit(section_id, key))
        return action
