"""File > Export report: a save dialog over `viewer.report`, errors in a dialog, never a crash.

The report model and its writers are Qt-free (`viewer.report`); this module only asks where to
save and in which format, and shows what went wrong in one line.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from viewer.app.compare import Comparison, review_report
from viewer.report import EXTENSIONS, FORMATS, LABELS, ReportError, write_report
from viewer.store import Note

log = logging.getLogger(__name__)
FILTERS = {f"{LABELS[fmt]} (*{EXTENSIONS[fmt]})": fmt for fmt in FORMATS}


def export_dialog(
    parent: QWidget, comparison: Comparison, notes: list[Note], reviewer: str | None
) -> str | None:
    """Ask for a file and write the report there; the path written, or None."""
    first = comparison.path(comparison.ids[0])
    suggested = os.path.splitext(first)[0] + "-review" + EXTENSIONS["html"]
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export report", suggested, ";;".join(FILTERS)
    )
    if not path:
        return None
    fmt = _format(path, FILTERS.get(chosen, "html"))
    if not path.lower().endswith(EXTENSIONS[fmt]):
        path += EXTENSIONS[fmt]
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_report(review_report(comparison, notes, reviewer=reviewer), fmt, path)
    except ReportError as error:
        QMessageBox.warning(parent, "Export report", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    log.info("report written to %s", path)
    return path


def _format(path: str, chosen: str) -> str:
    """The format the file name asks for, else the one picked in the dialog."""
    extension = os.path.splitext(path)[1].lower()
    return next((fmt for fmt, ext in EXTENSIONS.items() if ext == extension), chosen)
