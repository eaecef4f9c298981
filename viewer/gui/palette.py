"""Light and dark palettes, following the system's colour scheme unless the reviewer picks one.

Fusion style with an explicit palette looks the same on every platform and makes dark mode
work where the native style would not; the highlight colours for differences, notes and find
matches come in a light and a dark variant so that text stays readable on both.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

_LIGHT_MARKS = {
    "insert": "#c6efc6",
    "delete": "#f7c5c5",
    "moved": "#c8dbf7",
    "note": "#fff0a0",
    "find": "#ffd54a",
    "row": "#eef2fa",
    "covered": "#2e7d32",
    "missing": "#c62828",
}
_DARK_MARKS = {
    "insert": "#1e5631",
    "delete": "#6e2727",
    "moved": "#27476e",
    "note": "#6b5a14",
    "find": "#8a6d00",
    "row": "#262c38",
    "covered": "#81c784",
    "missing": "#ef9a9a",
}
LEGEND = (
    ("insert", "inserted (not in the reference)"),
    ("delete", "deleted (reference text missing there)"),
    ("moved", "moved"),
    ("note", "note"),
)


def is_dark(theme: str = "system") -> bool:
    """Whether `theme` means dark now ("system" asks the platform)."""
    if theme in ("light", "dark"):
        return theme == "dark"
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def mark_color(kind: str, dark: bool | None = None) -> QColor:
    """The colour of a highlight kind (insert, delete, moved, note, find, row, covered,
    missing) for the palette now in use."""
    if dark is None:
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor((_DARK_MARKS if dark else _LIGHT_MARKS)[kind])


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d31",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.ToolTipBase: "#3a3d42",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#33363b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6ea8fe",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#45484e",
        QPalette.ColorRole.Midlight: "#3a3d42",
        QPalette.ColorRole.Mid: "#2f3237",
        QPalette.ColorRole.Dark: "#1a1b1e",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    disabled = QColor("#777a80")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str = "system") -> bool:
    """Set Fusion and the light or dark palette for `theme`; returns whether it is dark."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = is_dark(theme)
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    log.debug("theme %s -> %s palette", theme, "dark" if dark else "light")
    return dark
