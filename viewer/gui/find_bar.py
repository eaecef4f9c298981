"""Find across the panes (Ctrl+F): a slim bar under the panes, like a browser's.

The bar collects what to look for and shows the count; the pane area it is attached to marks
and walks the matches.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

TYPE_CHECKING = False
if TYPE_CHECKING:
    from viewer.gui.pane_area import PaneArea


class FindBar(QWidget):
    """Emits what to find; shows how many matches there are."""

    changed = Signal(str, bool)  # text, match case
    step = Signal(bool)  # forward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes: PaneArea | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in the documents")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(lambda: self.step.emit(True))
        self.case = QCheckBox("Match case")
        self.case.toggled.connect(self._changed)
        self.previous = QToolButton()
        self.previous.setText("▲")
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.previous.clicked.connect(lambda: self.step.emit(False))
        self.next = QToolButton()
        self.next.setText("▼")
        self.next.setToolTip("Next match (F3 or Enter)")
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

    def attach(self, panes: PaneArea) -> None:
        """Find in `panes`: mark the matches as the text changes, walk them on Enter/F3."""
        self._panes = panes
        self.changed.connect(lambda text, case: self.show_count(panes.find_all(text, case)))
        self.step.connect(lambda forward: panes.find_step(self.text, self.match_case, forward))
        self.closed.connect(lambda: panes.find_all(""))

    def refresh(self) -> None:
        """The panes show other text: mark the matches again."""
        if self._panes is not None and not self.isHidden() and self.text:
            self.show_count(self._panes.find_all(self.text, self.match_case))

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

    def show_count(self, count: int) -> None:
        if not self.text:
            self.count.setText("")
        else:
            self.count.setText(
                f"{count} match{'es' if count != 1 else ''}" if count else "no match"
            )

    def _changed(self, *_args) -> None:
        self.changed.emit(self.text, self.match_case)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
