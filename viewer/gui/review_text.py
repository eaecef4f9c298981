"""The read-only text box of a document pane: highlights in the block layouts, a note gutter,
and an overview bar of where the differences are.

Highlights never touch the document's text or undo stack: headings, differences, note quotes,
find matches and the current row's band are format ranges set on the layouts of the blocks
they cover (calibre's diff view does the same), so switching rows or the reference re-lays out
only the blocks whose marks changed. Positions arrive as Python offsets into the shown text and
are converted to UTF-16 here, the one place they meet Qt.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextLayout,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from viewer.app.pane_text import Utf16
from viewer.gui.palette import mark_color

GUTTER_WIDTH = 14
OVERVIEW_WIDTH = 10
#: What the overview bar beside the scroll bar shows, as Meld and Beyond Compare do.
OVERVIEW_KINDS = ("insert", "delete", "moved", "note")
# Drawing order: later kinds paint over earlier ones.
LAYERS = ("heading", "row", "insert", "delete", "moved", "note", "find")

Range = tuple[int, int]


class _Gutter(QWidget):
    """The strip left of the text where note markers sit."""

    def __init__(self, view: ReviewText) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(GUTTER_WIDTH, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_gutter(self, event)

    def event(self, event) -> bool:
        if isinstance(event, QHelpEvent):
            tip = self._view.marker_tip(event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class _Overview(QWidget):
    """The strip beside the scroll bar: where in the text the differences and notes are, and
    the part in view; a click scrolls there."""

    def __init__(self, view: ReviewText) -> None:
        super().__init__(view)
        self._view = view
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the differences and notes are; click to go there")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        top, bottom = self._view.visible_fraction()
        view = QColor(palette.highlight().color())
        view.setAlpha(50)
        height = self.height()
        painter.fillRect(
            0, int(top * height), self.width(), max(int((bottom - top) * height), 4), view
        )
        for kind, start, end in self._view.overview_ticks():
            colour = QColor(mark_color(kind)).darker(130)
            y = int(start * height)
            painter.fillRect(1, y, self.width() - 2, max(int(end * height) - y, 2), colour)

    def mousePressEvent(self, event) -> None:
        self._view.scroll_to_fraction(event.position().y() / max(self.height(), 1))

    def mouseDoubleClickEvent(self, event) -> None:
        self.mousePressEvent(event)  # a second click soon after the first still goes there

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._view.scroll_to_fraction(event.position().y() / max(self.height(), 1))


class ReviewText(QPlainTextEdit):
    """Shows one pane's text; knows nothing of documents, only of shown offsets."""

    #: The context menu was asked for at this viewport position.
    menu_requested = Signal(QPoint)
    #: The reviewer clicked or tabbed into this text.
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(8)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.menu_requested)
        self._utf16 = Utf16("")
        self._shown = ""
        self._marks: dict[str, list[Range]] = {}
        self._overview: dict[str, list[Range]] | None = None  # None: the marks themselves
        self._formatted: set[int] = set()  # numbers of the blocks that carry formats
        self._markers: list[int] = []  # Qt positions of note anchors, sorted
        self._marker_tips: list[str] = []
        self._gutter = _Gutter(self)
        self.overview = _Overview(self)
        self.setViewportMargins(GUTTER_WIDTH, 0, OVERVIEW_WIDTH, 0)
        # the gutter and the overview follow scrolling; a slot per step, not per layout update
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())
        self.verticalScrollBar().rangeChanged.connect(lambda *_range: self.overview.update())

    # -- content ------------------------------------------------------------------------------

    @property
    def shown(self) -> str:
        return self._shown

    def set_shown(self, text: str) -> None:
        """Replace the text (only when it differs: a whole document stays laid out)."""
        if text == self._shown:
            return
        self._shown = text
        self._utf16 = Utf16(text)
        self._marks.clear()  # they point into the old text
        self._overview = None
        self._formatted.clear()  # and new blocks have no formats
        self.setPlainText(text)

    def qt(self, offset: int) -> int:
        return self._utf16.to_qt(offset)

    def offset_at(self, qt_position: int) -> int:
        return self._utf16.from_qt(qt_position)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.qt(start))
        cursor.setPosition(self.qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- highlights ---------------------------------------------------------------------------

    def set_marks(self, kind: str, ranges: Iterable[Range]) -> None:
        """Replace one layer of highlights (a LAYERS kind) and repaint them all."""
        self.update_marks({kind: ranges})

    def update_marks(self, layers: Mapping[str, Iterable[Range]]) -> None:
        """Replace several layers at once (one repaint)."""
        for kind, ranges in layers.items():
            self._marks[kind] = list(ranges)
        self._apply_marks()

    def marks(self, kind: str) -> list[Range]:
        return list(self._marks.get(kind, ()))

    def clear_marks(self) -> None:
        self._marks.clear()
        self._apply_marks()

    def refresh_colours(self) -> None:
        """After a palette change: the same highlights in the new palette's colours."""
        self._apply_marks()
        self._gutter.update()

    def _format(self, kind: str) -> QTextCharFormat:
        char_format = QTextCharFormat()
        if kind == "heading":
            char_format.setFontWeight(QFont.Weight.Bold)
            return char_format
        char_format.setBackground(mark_color(kind))
        if kind in ("delete", "insert", "moved"):
            char_format.setForeground(self.palette().text())
        if kind == "moved":
            char_format.setFontUnderline(True)
        if kind == "note":
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        return char_format

    def _apply_marks(self) -> None:
        """Give every block its format ranges, as QSyntaxHighlighter does: the formats live in
        the blocks' layouts, so no cursor is made per mark and only touched blocks relayout."""
        document = self.document()
        ranges: dict[int, tuple[QTextBlock, list[QTextLayout.FormatRange]]] = {}
        for kind in LAYERS:
            char_format = self._format(kind)
            for start, end in self._marks.get(kind, ()):
                low, high = self.qt(start), self.qt(end)
                block = document.findBlock(low)
                while block.isValid() and block.position() < high:
                    first = block.position()
                    stop = min(high, first + block.length() - 1)  # not the paragraph separator
                    if stop > max(low, first):
                        format_range = QTextLayout.FormatRange()
                        format_range.start = max(low, first) - first
                        format_range.length = stop - max(low, first)
                        format_range.format = char_format
                        ranges.setdefault(block.blockNumber(), (block, []))[1].append(format_range)
                    block = block.next()
        for number in self._formatted - ranges.keys():
            self._set_formats(document.findBlockByNumber(number), [])
        for block, found in ranges.values():
            self._set_formats(block, found)
        self._formatted = set(ranges)
        self._gutter.update()
        self.overview.update()

    def _set_formats(self, block: QTextBlock, formats: list[QTextLayout.FormatRange]) -> None:
        if block.isValid():
            block.layout().setFormats(formats)
            self.document().markContentsDirty(block.position(), block.length())

    # -- selection and scrolling --------------------------------------------------------------

    def select(self, start: int, end: int) -> None:
        """Select shown text `start`..`end` and bring it into view."""
        self.setTextCursor(self._cursor(start, end))
        self.centerCursor()

    def selection(self) -> Range | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offset_at(cursor.selectionStart()), self.offset_at(cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self.offset_at(self.textCursor().position())

    def scroll_to(self, offset: int) -> None:
        """Put shown offset `offset` at the top of the view (as far as the text allows)."""
        block = self.document().findBlock(self.qt(offset))
        bar = self.verticalScrollBar()
        bar.setValue(min(block.firstLineNumber(), bar.maximum()))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)

    # -- the overview bar ---------------------------------------------------------------------

    def _scrolled(self) -> None:
        self._gutter.update()
        self.overview.update()

    def _lines(self) -> int:
        bar = self.verticalScrollBar()
        return max(bar.maximum() + bar.pageStep(), 1)

    def _line_fraction(self, offset: int) -> float:
        block = self.document().findBlock(self.qt(offset))
        return min(max(block.firstLineNumber(), 0) / self._lines(), 1.0)

    def set_overview(self, layers: Mapping[str, Iterable[Range]] | None) -> None:
        """What the overview bar shows, when it is more than the highlights (a whole document
        shows every row's differences there, its highlights only the current row's)."""
        self._overview = None if layers is None else {k: list(v) for k, v in layers.items()}
        self.overview.update()

    def overview_ticks(self) -> list[tuple[str, float, float]]:
        """(kind, top, bottom) of every difference and note quote, as fractions of the text's
        height (by line, as the scroll bar counts)."""
        ticks = []
        shown = self._marks if self._overview is None else self._overview
        for kind in OVERVIEW_KINDS:
            for start, end in shown.get(kind, ()):
                top = self._line_fraction(start)
                ticks.append((kind, top, max(self._line_fraction(end), top)))
        ticks += [
            ("note", f, f) for f in (self._line_fraction(self.offset_at(p)) for p in self._markers)
        ]
        return ticks

    def visible_fraction(self) -> tuple[float, float]:
        bar = self.verticalScrollBar()
        lines = self._lines()
        return bar.value() / lines, min((bar.value() + bar.pageStep()) / lines, 1.0)

    def scroll_to_fraction(self, fraction: float) -> None:
        """Centre the view on the line at `fraction` of the text (an overview bar click)."""
        bar = self.verticalScrollBar()
        bar.setValue(round(fraction * self._lines() - bar.pageStep() / 2))

    # -- note markers -------------------------------------------------------------------------

    def set_markers(self, markers: Sequence[tuple[int, str]]) -> None:
        """Note markers at shown offsets, each with its tooltip text."""
        ordered = sorted((self.qt(offset), tip) for offset, tip in markers)
        self._markers = [position for position, _ in ordered]
        self._marker_tips = [tip for _, tip in ordered]
        self._gutter.update()

    def marker_count(self) -> int:
        return len(self._markers)

    def _block_markers(self, start: int, end: int) -> list[str]:
        low = bisect.bisect_left(self._markers, start)
        high = bisect.bisect_left(self._markers, end)
        return self._marker_tips[low:high]

    def marker_tip(self, y: int) -> str:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset)
            if top.top() <= y < top.bottom():
                return "<hr>".join(
                    self._block_markers(block.position(), block.position() + block.length())
                )
            if top.top() > y:
                break
            block = block.next()
        return ""

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        painter.fillRect(event.rect(), self.palette().window())
        if not self._markers:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = mark_color("note")
        edge = QColor(colour).darker(160)
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > event.rect().bottom():
                break
            if self._block_markers(block.position(), block.position() + block.length()):
                size = 8
                top = int(geometry.top()) + (self.fontMetrics().height() - size) // 2
                painter.setPen(edge)
                painter.setBrush(colour)
                painter.drawEllipse(QRect((GUTTER_WIDTH - size) // 2, top, size, size))
            block = block.next()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), GUTTER_WIDTH, rect.height()))
        view = self.viewport().geometry()
        self.overview.setGeometry(
            QRect(view.right() + 1, view.top(), OVERVIEW_WIDTH, view.height())
        )
