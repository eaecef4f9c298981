"""Find across the panes (Ctrl+F): a slim bar under the panes, like a browser's.

The bar collects what to look for and shows the count; the pane area it is attached to marks
and walks the matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.app.find import RowMatches

TYPE_CHECKING = False
if TYPE_CHECKING:
    from viewer.gui.pane_area import PaneArea


_TOOLTIP_ROWS = 20  # rows listed in the count's tooltip


class FindBar(QWidget):
    """Emits what to find; shows how many matches there are here and in the other rows."""

    changed = Signal(str, bool)  # text, match case
    step = Signal(bool)  # forward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes: PaneArea | None = None
        self._elsewhere: Callable[[str, bool], list[RowMatches]] = lambda _text, _case: []
        self._label: Callable[[str], str] = lambda key: key
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in the documents")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(lambda: self.step.emit(True))
        self.case = QCheckBox("Match case")
        self.case.toggled.connect(self._changed)
        self.previous = QToolButton()
        self.previous.setText("▲")
        self.previous.setToolTip("Previous match, in this topic or the ones before (Shift+F3)")
        self.previous.clicked.connect(lambda: self.step.emit(False))
        self.next = QToolButton()
        self.next.setText("▼")
        self.next.setToolTip("Next match, in this topic or the ones after (F3 or Enter)")
        self.next.clicked.connect(lambda: self.step.emit(True))
        self.count = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        for widget in (self.previous, self.next, self.case, self.count, close):
            layout.addWidget(widget)
        self.setVisible(False)

    def attach(
        self,
        panes: PaneArea,
        elsewhere: Callable[[str, bool], list[RowMatches]],
        label: Callable[[str], str],
    ) -> None:
        """Find in `panes` (marking the matches as the text changes) and say what every row
        holds, as `elsewhere` counts them (named by `label`); stepping is the window's, as it
        may move to another row."""
        self._panes = panes
        self._elsewhere = elsewhere
        self._label = label
        self.changed.connect(lambda _text, _case: self.refresh())
        self.closed.connect(lambda: panes.find_all(""))

    def refresh(self) -> None:
        """The text or the row changed: mark the matches again and count them everywhere."""
        if self._panes is None or self.isHidden():
            return
        here = self._panes.find_all(self.text, self.match_case)
        rows = self._elsewhere(self.text, self.match_case) if self.text else []
        self.show_count(here, rows)

    def step_or_open(self, forward: bool) -> None:
        """F3 / Shift+F3: the next or previous match, or open the bar when it is closed."""
        if self.isHidden():
            self.open_bar()
        elif self.text:
            self.step.emit(forward)

    @property
    def text(self) -> str:
        return self.edit.text()

    @property
    def match_case(self) -> bool:
        return self.case.isChecked()

    def open_bar(self, text: str = "") -> None:
        if text:
            self.edit.setText(text)
        self.setVisible(True)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.edit.clear()
        self.closed.emit()

    def show_count(self, here: int, rows: Sequence[RowMatches] = ()) -> None:
        """ "2 here · 23 in 7 topics", the rows and documents that hold them in the tooltip."""
        if not self.text:
            self.count.setText("")
            self.count.setToolTip("")
            return
        total = sum(row.total for row in rows)
        if not total and not here:
            self.count.setText("no match in any document")
        else:
            topics = f"{len(rows)} topic{'s' if len(rows) != 1 else ''}"
            self.count.setText(f"{here} here · {total} in {topics}")
        self.count.setToolTip(
            "\n".join(
                f"{self._label(row.key)}: "
                + ", ".join(f"{doc} {count}" for doc, count in row.counts.items())
                for row in rows[:_TOOLTIP_ROWS]
            )
            + (f"\n… and {len(rows) - _TOOLTIP_ROWS} more" if len(rows) > _TOOLTIP_ROWS else "")
        )

    def _changed(self, *_args) -> None:
        self.changed.emit(self.text, self.match_case)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
