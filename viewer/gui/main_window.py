"""The main window: open contracts and show them side by side, one `DocumentPane` each.

Files are loaded off the GUI thread by a `DocumentLoader`. Every request names the complete set
of documents to show (the ones already open plus the new ones), so the newest request alone
decides what is on screen and older results are dropped. A bad file leaves the window as it was.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from viewer.core.ingest import supported_suffixes
from viewer.core.model import SectionTree
from viewer.core.pipeline import doc_ids
from viewer.gui.document_pane import DocumentPane
from viewer.gui.loader import DocumentLoader

log = logging.getLogger(__name__)

APP_NAME = "Contract Compare"
DEFAULT_SIZE = (1400, 900)
_EMPTY_HINT = "Open contracts with File ▸ Open… or drop files here to compare them side by side."


def file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in supported_suffixes())
    return f"Contracts ({patterns});;All files (*)"


class MainWindow(QMainWindow):
    """Documents side by side; File menu with Open…, Close all and Quit; accepts dropped files."""

    #: Emitted with the number of documents after the panes were rebuilt.
    documents_changed = Signal(int)
    #: Emitted with the one-line `path: problem` message after a load failed.
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.resize(*DEFAULT_SIZE)
        self.setAcceptDrops(True)
        self._paths: list[str] = []  # documents on screen
        self._requested: list[str] = []  # documents of the newest load request
        self._loader = DocumentLoader(self)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(6)
        hint = QLabel(_EMPTY_HINT)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self._stack = QStackedWidget()
        self._stack.addWidget(hint)
        self._stack.addWidget(self._splitter)
        self.setCentralWidget(self._stack)

        self._status = QLabel()
        self.statusBar().addWidget(self._status, 1)
        self._build_menus()
        self._update_status()

    # -- public API ---------------------------------------------------------------------------

    @property
    def loader(self) -> DocumentLoader:
        return self._loader

    @property
    def paths(self) -> list[str]:
        return list(self._paths)

    def panes(self) -> list[DocumentPane]:
        return [self._splitter.widget(i) for i in range(self._splitter.count())]  # type: ignore[misc]

    def status_text(self) -> str:
        return self._status.text()

    def load_files(self, paths: Sequence[str]) -> int:
        """Show `paths` instead of the open documents, loaded in the background.

        Returns the request's generation number.
        """
        self._requested = list(paths)
        if not self._requested:
            self.close_all()
            return self._loader.generation
        count = len(self._requested)
        self._status.setText(f"Loading {count} document{'s' if count != 1 else ''}…")
        return self._loader.start(self._requested)

    def add_files(self, paths: Sequence[str]) -> int | None:
        """Open `paths` next to the documents already open (or being opened); skips repeats."""
        known = {os.path.abspath(path) for path in self._requested}
        new = []
        for path in paths:
            if os.path.abspath(path) not in known:
                known.add(os.path.abspath(path))
                new.append(path)
        if not new:
            return None
        return self.load_files([*self._requested, *new])

    def show_trees(self, paths: Sequence[str], trees: Sequence[SectionTree]) -> None:
        """Rebuild the panes for already loaded documents (also used for the screenshot)."""
        for pane in self.panes():
            pane.hide()
            pane.setParent(None)
            pane.deleteLater()
        for doc_id, tree in zip(doc_ids(len(trees)), trees, strict=True):
            self._splitter.addWidget(DocumentPane(tree, doc_id))
        if trees:
            width = max(self._splitter.width(), self.width())
            self._splitter.setSizes([width // len(trees)] * len(trees))
        self._paths = list(paths)
        self._stack.setCurrentIndex(1 if trees else 0)
        self._update_status()
        self.documents_changed.emit(len(trees))

    def close_all(self) -> None:
        self._loader.cancel()
        self._requested = []
        self.show_trees([], [])

    def open_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Open contracts", "", file_filter())
        if paths:
            self.add_files(paths)

    # -- loading results ----------------------------------------------------------------------

    def _on_loaded(self, generation: int, paths: list[str], trees: list[SectionTree]) -> None:
        if not self._loader.is_current(generation):
            log.debug("dropping stale load #%d", generation)
            return
        self.show_trees(paths, trees)

    def _on_failed(self, generation: int, message: str) -> None:
        if not self._loader.is_current(generation):
            log.debug("dropping stale failure #%d: %s", generation, message)
            return
        self._requested = list(self._paths)
        self._update_status()
        self.load_failed.emit(message)
        QMessageBox.warning(self, "Cannot open document", message)

    def _update_status(self) -> None:
        count = len(self._paths)
        self._status.setText(f"{count} document{'s' if count != 1 else ''} loaded")

    # -- menus, drag and drop, closing --------------------------------------------------------

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.setStatusTip("Add contract documents to the comparison")
        open_action.triggered.connect(self.open_files)
        close_action = QAction("&Close all", self)
        close_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        close_action.triggered.connect(self.close_all)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        menu.addAction(open_action)
        menu.addAction(close_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.open_action, self.close_all_action, self.quit_action = (
            open_action,
            close_action,
            quit_action,
        )

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
        else:
            event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._loader.cancel()
        self._loader.wait()  # a running load emits into this window; let it finish first
        super().closeEvent(event)
