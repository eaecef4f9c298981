"""File > Export report: ask where to save, then write the report on a worker thread.

The report model and its writers are Qt-free (`viewer.report`); this module asks where to save
and in which format (on the GUI thread), and gives the window the task that builds and writes
the report (on the window's export worker: a PDF of a long review takes seconds, and a
comparison whose highlights are not all in yet is diffed first).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from viewer.app.compare import Comparison, review_report
from viewer.report import EXTENSIONS, FORMATS, LABELS, check_output, write_report
from viewer.store import Note

FILTERS = {f"{LABELS[fmt]} (*{EXTENSIONS[fmt]})": fmt for fmt in FORMATS}


def ask_report_file(parent: QWidget, comparison: Comparison) -> tuple[str, str] | None:
    """The file and format the reviewer picks, or None when they cancel. Raises ReportError
    (one line) for a place that cannot be written, before any work is done."""
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
    check_output(path)
    return path, fmt


def export_task(
    comparison: Comparison, notes: list[Note], reviewer: str | None, fmt: str, path: str
) -> Callable[[object], str]:
    """The worker's task: build the report of `comparison` and write it; returns the path."""

    def task(_state: object) -> str:
        write_report(review_report(comparison, notes, reviewer=reviewer), fmt, path)
        return path

    return task


def _format(path: str, chosen: str) -> str:
    """The format the file name asks for, else the one picked in the dialog."""
    extension = os.path.splitext(path)[1].lower()
    return next((fmt for fmt, ext in EXTENSIONS.items() if ext == extension), chosen)
