"""Fixtures for the GUI tests: sample documents, loaded section trees and a main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from viewer.core.model import SectionTree
from viewer.core.pipeline import load_trees
from viewer.gui.main_window import MainWindow

REPO = Path(__file__).parents[2]
SAMPLE_A = REPO / "sample_contracts" / "allting_subscription_agreement.txt"
SAMPLE_B = REPO / "sample_contracts" / "brightwave_api_terms.md"
SAMPLES = (SAMPLE_A, SAMPLE_B)
LOAD_TIMEOUT = 20_000  # ms


@pytest.fixture(scope="session")
def sample_trees() -> list[SectionTree]:
    """The two sample contracts, imported and sectioned once for the whole session."""
    return load_trees([str(path) for path in SAMPLES])


@pytest.fixture
def window(qtbot) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    return main


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
