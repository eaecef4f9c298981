"""Fixtures for the GUI tests: samples, isolated settings and database, a main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from bench.common import FIVE_FORMATS
from tests.app.conftest import (  # noqa: F401 (the GUI tests import them from here)
    SAMPLE_A,
    SAMPLE_B,
    SAMPLE_DIR,
    SAMPLES,
    VERSION_PAIR,
    paths,
)
from viewer.gui.main_window import MainWindow
from viewer.gui.settings import Settings

FIVE = FIVE_FORMATS  # the five formats the Makefile's `run` target opens
LOAD_TIMEOUT = 60_000  # ms: a generous bound, never a speed assertion


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory):
    """QSettings of every test go to a throw-away folder, never to the user's."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "reviews.sqlite")


def make_settings(folder: Path, db_path: str) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), db_path)


@pytest.fixture
def settings(tmp_path, db_path) -> Settings:
    return make_settings(tmp_path, db_path)


@pytest.fixture
def window(qtbot, settings) -> MainWindow:
    main = MainWindow(settings)
    qtbot.addWidget(main)
    return main


def load(qtbot, window: MainWindow, files: Sequence[Path | str], **kwargs) -> None:
    """Open `files` and wait until the complete comparison is on screen."""
    with qtbot.waitSignal(window.comparison_ready, timeout=LOAD_TIMEOUT):
        window.load_files([str(path) for path in files], **kwargs)


def rebuilt(qtbot, window: MainWindow, action) -> None:
    """Run `action` (which asks for a new build) and wait for its complete result."""
    with qtbot.waitSignal(window.comparison_ready, timeout=LOAD_TIMEOUT):
        action()


@pytest.fixture
def warnings_shown(monkeypatch) -> list[tuple[str, str]]:
    """Replace QMessageBox.warning by a recorder of (title, text); nothing modal ever opens."""
    from PySide6.QtWidgets import QMessageBox

    calls: list[tuple[str, str]] = []

    def record(_parent, title, text, *_args, **_kwargs):
        calls.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return calls
