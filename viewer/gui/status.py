"""The status bar: what is on screen, or what the worker is doing, with progress and Cancel.

Kept out of the main window; it shows, it decides nothing. Cancel is a plain button whose
`clicked` the window connects to the runner.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from viewer.app.compare import Comparison


class WorkStatus:
    """A one-line summary, a progress bar and a Cancel button in a status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the work and keep what is on screen")
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.set_busy(False)

    def text(self) -> str:
        return self.label.text()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def step(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.label.setText(label + "…")

    def opening(self, count: int) -> None:
        self.label.setText(f"Opening {count} document{'s' if count != 1 else ''}…")

    def summary(self, comparison: Comparison | None, problem: str | None) -> None:
        """What is on screen: documents, rows, mode, reference, and whether notes are kept."""
        if comparison is None:
            self.label.setText("No documents open")
            return
        count = len(comparison.ids)
        mode = "versions" if comparison.versions else "topics"
        notes = f" · notes off: {problem}" if problem else ""
        self.label.setText(
            f"{count} document{'s' if count != 1 else ''} · {len(comparison.rows)} rows by "
            f"{mode} · reference {comparison.reference}{notes}"
        )

    def flash(self, message: str, msecs: int = 4000) -> None:
        self.bar.showMessage(message, msecs)
