"""Entry point of the desktop app: `contract-compare gui [FILE...] [--screenshot PNG]`.

Creates (or reuses) the QApplication and the main window. With `--screenshot` the files are
loaded synchronously, the window is rendered once, saved as PNG and the app exits, which is
what tests and the packaging smoke test use (with `QT_QPA_PLATFORM=offscreen`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from viewer.core.model import IngestError
from viewer.core.pipeline import load_trees
from viewer.gui.main_window import APP_NAME, MainWindow

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _error(message: str) -> None:
    print(f"contract-compare: error: {message}", file=sys.stderr)


def application() -> QApplication:
    """The process's QApplication, created on first use, with the app's names set."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    return app


def run_gui(files: Sequence[str], screenshot: str | None = None) -> int:
    """Open the main window on `files`; with `screenshot`, save one rendering and return."""
    app = application()
    window = MainWindow()
    if screenshot is not None:
        return _screenshot(app, window, [str(file) for file in files], str(screenshot))
    window.show()
    if files:
        window.load_files([str(file) for file in files])
    return app.exec()


def _screenshot(app: QApplication, window: MainWindow, files: list[str], path: str) -> int:
    try:
        trees = load_trees(files)
    except IngestError as error:
        _error(str(error))
        window.close()
        return EXIT_BAD_INPUT
    window.show_trees(files, trees)
    window.show()
    app.processEvents()
    saved = window.grab().save(path, "PNG")
    window.close()
    if not saved:
        _error(f"{path}: cannot write the screenshot")
        return EXIT_BAD_INPUT
    log.info("screenshot of %d documents saved to %s", len(trees), path)
    return EXIT_OK
