"""The documents side by side: one `DocumentPane` per document, a legend, find and stepping.

The area decides which of the reference's differences are shown: those against the pane the
reviewer worked in last (the "counterpart"), since with N documents the reference text can be
missing from each of them in a different place. Find and next/previous difference walk the
panes left to right, each pane top to bottom.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from viewer.app.session import Changes, ReviewSession
from viewer.core.model import AlignmentRow
from viewer.gui.document_pane import DocumentPane
from viewer.gui.palette import LEGEND, mark_color

log = logging.getLogger(__name__)

Stop = tuple[int, int, int]  # pane index, start, end (shown offsets)
EMPTY_HINT = "Open contracts with File ▸ Open… or drop files here to compare them side by side."


class _Swatch(QWidget):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.setFixedSize(14, 14)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), mark_color(self.kind))
        painter.setPen(self.palette().mid().color())
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))


class Legend(QWidget):
    """What the highlight colours mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(6)
        self.labels: list[QLabel] = []
        for kind, text in LEGEND:
            layout.addWidget(_Swatch(kind))
            label = QLabel(text)
            self.labels.append(label)
            layout.addWidget(label)
            layout.addSpacing(10)
        layout.addStretch(1)


class PaneArea(QWidget):
    """The panes, their legend, and the walks across them."""

    pane_signal_names = (
        "note_requested",
        "move_requested",
        "unmove_requested",
        "remove_requested",
        "section_focused",
        "adopt_requested",
    )
    note_requested = Signal(str, str)
    move_requested = Signal(str, str)
    unmove_requested = Signal(str)
    remove_requested = Signal(str)
    adopt_requested = Signal(str)
    section_focused = Signal(str)

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.whole = False
        self.zoom = 0
        self.synchronised = True  # the panes scroll together (View > Synchronised scrolling)
        self._syncing = False
        self.counterpart: str | None = None
        self._row: AlignmentRow | None = None
        self._find_anchor: tuple[int, int] | None = None
        self._diff_anchor: tuple[int, int] | None = None
        self.legend = Legend()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.hint, 1)
        self._show_hint(True)
        session.subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        """New rows: new panes (the topic list then shows a row in them); new notes or the
        shown row's highlights: redraw the marks."""
        if changes.rows:
            self.rebuild()
        elif changes.notes or (self._row is not None and self._row.key in changes.diffs):
            self.refresh()

    def _show_hint(self, empty: bool) -> None:
        """Without documents, say how to open some instead of an empty legend."""
        self.hint.setVisible(empty)
        self.legend.setVisible(not empty)
        self.splitter.setVisible(not empty)

    # -- panes --------------------------------------------------------------------------------

    def panes(self) -> list[DocumentPane]:
        return [self.splitter.widget(i) for i in range(self.splitter.count())]  # type: ignore[misc]

    def pane(self, doc: str) -> DocumentPane | None:
        return next((pane for pane in self.panes() if pane.doc == doc), None)

    def rebuild(self) -> None:
        """One pane per document of the session's comparison (after new documents)."""
        comparison = self._session.comparison
        ids = comparison.ids if comparison else []
        if [pane.doc for pane in self.panes()] != ids:
            for pane in self.panes():
                pane.hide()
                pane.setParent(None)
                pane.deleteLater()
            for doc in ids:
                self.splitter.addWidget(self._make_pane(doc))
            if ids:
                width = max(self.splitter.width(), 200 * len(ids))
                self.splitter.setSizes([width // len(ids)] * len(ids))
        self._show_hint(not ids)
        others = [doc for doc in ids if comparison and doc != comparison.reference]
        if self.counterpart not in others:
            self.counterpart = others[0] if others else None
        for pane in self.panes():
            pane.update_title()
            pane.set_zoom(self.zoom, QApplication.font())

    def _make_pane(self, doc: str) -> DocumentPane:
        pane = DocumentPane(self._session, doc)
        for name in self.pane_signal_names:
            getattr(pane, name).connect(getattr(self, name))
        pane.focused.connect(self._on_focused)
        bar = pane.text.verticalScrollBar()
        bar.valueChanged.connect(lambda _value, source=pane: self._scrolled(source))
        return pane

    def _scrolled(self, source: DocumentPane) -> None:
        """Scroll the other panes with `source`, as far through their text of the row as it
        is through its own (the same section of each document, by the rows' alignment): in
        whole-document mode, through the row's sections; else through the shown cell."""
        if not self.synchronised or self._syncing:
            return
        position = self._row_position(source)
        if position is None:
            return
        self._syncing = True
        try:
            for pane in self.panes():
                if pane is not source:
                    self._scroll_to_position(pane, position)
        finally:
            self._syncing = False

    def _row_span(self, pane: DocumentPane) -> tuple[int, int] | None:
        """The lines (first, last) of the pane's document that show the current row."""
        text = pane.text
        if not self.whole:  # the pane shows the row alone: all of its scroll range
            return 0, max(text.verticalScrollBar().maximum(), 1)
        ranges = [pane.content.section_range(sid) for sid in self._row_cells(pane)]
        found = [r for r in ranges if r is not None]
        if not found:
            return None
        first = text.document().findBlock(text.qt(min(r[0] for r in found)))
        last = text.document().findBlock(text.qt(max(r[1] for r in found)))
        return first.firstLineNumber(), max(last.firstLineNumber(), first.firstLineNumber() + 1)

    def _row_cells(self, pane: DocumentPane) -> tuple[str, ...]:
        return self._row.cells.get(pane.doc, ()) if self._row is not None else ()

    def _row_position(self, pane: DocumentPane) -> float | None:
        span = self._row_span(pane)
        if span is None:
            return None
        first, last = span
        return (pane.text.verticalScrollBar().value() - first) / max(last - first, 1)

    def _scroll_to_position(self, pane: DocumentPane, position: float) -> None:
        span = self._row_span(pane)
        if span is None:
            return
        first, last = span
        bar = pane.text.verticalScrollBar()
        bar.setValue(min(max(round(first + position * (last - first)), 0), bar.maximum()))

    def _on_focused(self, doc: str) -> None:
        comparison = self._session.comparison
        if comparison is None or doc == comparison.reference or doc == self.counterpart:
            return
        self.counterpart = doc
        reference = self.pane(comparison.reference)
        if reference is not None:
            reference.refresh_marks(counterpart=doc)

    # -- rows ---------------------------------------------------------------------------------

    def show_row(self, row: AlignmentRow | None) -> None:
        self._row = row
        self._find_anchor = self._diff_anchor = None
        for pane in self.panes():
            pane.show_row(row, self.whole, self.counterpart)

    def refresh(self) -> None:
        """New diffs or notes for the same rows (or another colour scheme): redraw the marks
        only."""
        for pane in self.panes():
            pane.update_title()
            pane.refresh_marks(self.counterpart)

    def set_whole(self, whole: bool) -> None:
        self.whole = whole
        self.show_row(self._row)

    def set_zoom(self, steps: int) -> None:
        self.zoom = steps
        for pane in self.panes():
            pane.set_zoom(steps, QApplication.font())

    def refresh_colours(self) -> None:
        for pane in self.panes():
            pane.text.refresh_colours()
            pane.update_title()
        self.legend.update()

    # -- walks across the panes ---------------------------------------------------------------

    def _step(
        self, stops: list[Stop], anchor: tuple[int, int] | None, forward: bool, wrap: bool
    ) -> Stop | None:
        if not stops:
            return None
        if anchor is None:
            return stops[0] if forward else stops[-1]
        if forward:
            after = [s for s in stops if (s[0], s[1]) > anchor]
            return after[0] if after else (stops[0] if wrap else None)
        before = [s for s in stops if (s[0], s[1]) < anchor]
        return before[-1] if before else (stops[-1] if wrap else None)

    def _go(self, stop: Stop) -> None:
        index, start, end = stop
        pane = self.panes()[index]
        pane.text.select(start, end)
        pane.text.setFocus()

    def next_difference(self, forward: bool = True) -> bool:
        """Select the next (previous) difference of this row; False past the last (first)."""
        stops = [
            (index, start, end)
            for index, pane in enumerate(self.panes())
            for start, end in pane.difference_ranges()
        ]
        stop = self._step(stops, self._diff_anchor, forward, wrap=False)
        if stop is None:
            return False
        self._diff_anchor = (stop[0], stop[1])
        self._go(stop)
        return True

    def find_all(self, needle: str, case: bool = False) -> int:
        """Mark every match of `needle` in every pane; returns how many there are."""
        self._find_anchor = None
        total = 0
        for pane in self.panes():
            found = self._matches(pane, needle, case)
            pane.text.set_marks("find", found)
            total += len(found)
        return total

    def find_step(
        self, needle: str, case: bool = False, forward: bool = True, wrap: bool = True
    ) -> bool:
        """Select the next (previous) match across the panes; at the last (first) one, wrap
        around or, with `wrap` False, return False (the window then moves to another row)."""
        stops = [
            (index, start, end)
            for index, pane in enumerate(self.panes())
            for start, end in self._matches(pane, needle, case)
        ]
        stop = self._step(stops, self._find_anchor, forward, wrap=wrap)
        if stop is None:
            return False
        self._find_anchor = (stop[0], stop[1])
        self._go(stop)
        return True

    @staticmethod
    def _matches(pane: DocumentPane, needle: str, case: bool) -> list[tuple[int, int]]:
        if not needle or not pane.covered:
            return []
        flags = 0 if case else re.IGNORECASE
        return [m.span() for m in re.finditer(re.escape(needle), pane.content.text, flags)]

    def selected_text(self) -> str:
        """The selection in the focused pane when it is one line (what Ctrl+F looks for)."""
        focused = QApplication.focusWidget()
        pane = next((p for p in self.panes() if p.text is focused), None)
        selected = pane.text.textCursor().selectedText() if pane else ""
        return selected if "\u2029" not in selected else ""

    def section_at_cursor(self) -> tuple[str, str] | None:
        """(section id, selected quote) where the reviewer is working: the focused pane's
        cursor, else the first pane that shows a section."""
        focused = QApplication.focusWidget()
        pane = next((p for p in self.panes() if p.text is focused), None)
        pane = pane or next((p for p in self.panes() if p.current_section()), None)
        section = pane.current_section() if pane else None
        return (section.id, pane.selected_quote()) if pane and section else None
