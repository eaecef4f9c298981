"""Render `resources/icons/contract-compare.svg` to the PNG stored beside it.

Run after editing the SVG: `.venv/bin/python packaging/render_icon.py [SIZE]` (default 256).
The PNG is what the Linux desktop entry installs and what PyInstaller (with Pillow) turns into
the Windows .ico and the macOS .icns.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "icons"
)


def render(size: int = 256) -> str:
    """Write contract-compare.png at `size` x `size` pixels and return its path."""
    renderer = QSvgRenderer(os.path.join(ICONS, "contract-compare.svg"))
    if not renderer.isValid():
        raise SystemExit("render_icon: contract-compare.svg is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path = os.path.join(ICONS, "contract-compare.png")
    if not image.save(path, "PNG"):
        raise SystemExit(f"render_icon: cannot write {path}")
    return path


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])
    print(render(int(sys.argv[1]) if len(sys.argv) > 1 else 256))
