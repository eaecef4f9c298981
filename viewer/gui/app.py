"""Entry point of the desktop app: `contract-compare gui [FILE...] [--db DB] [--screenshot PNG]`.

Creates (or reuses) the QApplication with the app's names, palette and settings, and the main
window. With `--screenshot` the window is rendered once the files are loaded and aligned and the
first row is selected, saved as PNG, and the app exits: offscreen when there is no display,
which is what tests, CI and the packaging smoke test use.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from viewer.core.resources import resource_path
from viewer.gui.main_window import APP_NAME, MainWindow
from viewer.gui.palette import apply_theme
from viewer.gui.settings import Settings
from viewer.gui.system_libraries import window_problem

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
SCREENSHOT_TIMEOUT_MS = 120_000  # a build that never ends must not hang a script


def _error(message: str) -> None:
    print(f"contract-compare: error: {message}", file=sys.stderr)


def _headless() -> bool:
    """No display to draw on (a server, CI): Qt must render offscreen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if not sys.platform.startswith("linux"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application() -> QApplication:
    """The process's QApplication, created on first use, with the app's names and icon."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    icon = resource_path("icons/contract-compare.png")
    if os.path.exists(icon):
        app.setWindowIcon(QIcon(icon))
    return app


def run_gui(
    files: Sequence[str],
    screenshot: str | None = None,
    db: str | None = None,
    show: str | None = None,
) -> int:
    """Open the main window on `files`; with `screenshot`, save one rendering and return.
    `show` names the panel to bring to the front (topics, changes, notes, terms)."""
    if screenshot is not None and _headless():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if QApplication.instance() is None:  # else the platform is loaded already
        problem = window_problem(os.environ)
        if problem:
            _error(problem)
            return EXIT_BAD_INPUT
    app = application()
    settings = Settings(db_path=db)
    apply_theme(app, settings.theme)
    window = MainWindow(settings)
    if show is not None:
        window.show_panel(show)
    files = [str(file) for file in files]
    if screenshot is not None:
        return _screenshot(app, window, files, str(screenshot))
    window.show()
    if files:
        window.load_files(files)
    return app.exec()


def _screenshot(app: QApplication, window: MainWindow, files: list[str], path: str) -> int:
    """Load `files` through the normal background path, wait until all is shown, save."""
    failures: list[str] = []
    window.show()
    if files:
        loop = QEventLoop()
        window.comparison_ready.connect(loop.quit)
        window.load_failed.connect(failures.append)
        window.load_failed.connect(loop.quit)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
        window.quiet_errors = True  # a dialog would wait for a click: stderr instead
        window.remember = False
        window.load_files(files)
        loop.exec()
        if failures or window.session.comparison is None:
            _error(failures[0] if failures else "timed out while loading the documents")
            window.close()
            return EXIT_BAD_INPUT
    app.processEvents()
    saved = window.grab().save(path, "PNG")
    window.close()
    if not saved:
        _error(f"{path}: cannot write the screenshot")
        return EXIT_BAD_INPUT
    log.info("screenshot of %d documents saved to %s", len(files), path)
    return EXIT_OK
