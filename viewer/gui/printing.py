"""File > Print: the review printed through its PDF report, page by page as it reads.

The PDF report is what a reviewer sends and files, so printing it keeps one layout for paper
and screen. Its pages are rasterised by PyMuPDF at the printer's resolution (at most 300 dpi:
more only makes the spool bigger) and drawn centred on each printed page.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

MAX_DPI = 300


def new_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_pdf(parent: QWidget, path: str) -> bool:
    """Ask for a printer and pages, then print the PDF at `path`; False when cancelled."""
    import pymupdf

    printer = new_printer()
    with pymupdf.open(path) as pdf:
        pages = pdf.page_count
    printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render_pdf(path, printer)
    return True


def render_pdf(path: str, printer: QPrinter) -> None:
    """Draw the pages the printer asks for (all when it names none) onto it."""
    import pymupdf

    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        with pymupdf.open(path) as pdf:
            first = max(printer.fromPage(), 1) if printer.fromPage() else 1
            last = min(printer.toPage(), pdf.page_count) if printer.toPage() else pdf.page_count
            dpi = min(printer.resolution(), MAX_DPI)
            for number in range(first - 1, last):
                if number > first - 1:
                    printer.newPage()
                pixmap = pdf[number].get_pixmap(dpi=dpi)
                image = QImage(
                    pixmap.samples, pixmap.width, pixmap.height, pixmap.stride,
                    QImage.Format.Format_RGB888,
                )  # fmt: skip
                painter.drawImage(_fitted(painter.viewport(), image), image)
    finally:
        painter.end()


def _fitted(area: QRect, image: QImage) -> QRect:
    """The largest rectangle of the image's shape centred in `area`."""
    scale = min(area.width() / image.width(), area.height() / image.height())
    width, height = int(image.width() * scale), int(image.height() * scale)
    return QRect(
        area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2,
        width, height,
    )  # fmt: skip
