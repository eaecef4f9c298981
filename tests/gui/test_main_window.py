"""The main window: background loading into side-by-side panes, errors, stale results, menus."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.core.model import SectionTree
from viewer.core.pipeline import load_trees
from viewer.gui.main_window import MainWindow
from viewer.gui.section_model import HEADING_COLUMN

from .conftest import LOAD_TIMEOUT, SAMPLE_A, SAMPLE_B, SAMPLES

PATHS = [str(path) for path in SAMPLES]


def load(qtbot, window: MainWindow, paths: Sequence[str]) -> None:
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.load_files(paths)


def test_two_samples_open_side_by_side(qtbot, window, sample_trees):
    load(qtbot, window, PATHS)
    panes = window.panes()
    assert len(panes) == 2
    assert [pane.doc_id for pane in panes] == ["A", "B"]
    for pane, tree in zip(panes, sample_trees, strict=True):
        assert pane.tree.document.path == tree.document.path
        model = pane.outline.model()
        assert model.rowCount() == sum(1 for s in tree.sections if s.parent is None)
        assert model.rowCount(model.index(1, HEADING_COLUMN)) == len(
            tree.children(tree.sections[1].id)
        )
        assert pane.current_section() == tree.sections[0]
        assert pane.text.toPlainText() == tree.text_of(tree.sections[0]).rstrip("\n")
    assert "allting_subscription_agreement.txt" in panes[0].header.text()
    assert "Markdown · English" in panes[1].header.text()
    assert window.status_text() == "2 documents loaded"
    assert window.windowTitle() == "Contract Compare"


def test_selecting_a_section_shows_its_text(qtbot, window, sample_trees):
    load(qtbot, window, PATHS)
    pane = window.panes()[0]
    tree = sample_trees[0]
    wanted = next(s for s in tree.sections if s.title == "Late Payment")
    with qtbot.waitSignal(pane.section_shown, timeout=1000) as shown:
        assert pane.select_section(wanted.id)
    assert shown.args == [wanted]
    assert pane.text.toPlainText() == tree.text_of(wanted).rstrip("\n")
    assert pane.text.toPlainText().startswith("4.3 Late Payment")
    assert pane.text.isReadOnly()


def test_clicking_a_row_selects_it(qtbot, window, sample_trees):
    window.show_trees(PATHS, sample_trees)
    window.show()
    qtbot.waitExposed(window)
    pane = window.panes()[1]
    index = pane.model.index(1, HEADING_COLUMN)
    qtbot.mouseClick(
        pane.outline.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pane.outline.visualRect(index).center(),
    )
    assert pane.current_section() == sample_trees[1].sections[1]
    assert pane.text.toPlainText().startswith("1. Acceptance of These Terms")


def test_empty_section_says_it_has_no_text(qtbot, window, sample_trees):
    window.show_trees(PATHS, sample_trees)
    pane = window.panes()[0]
    empty = next(s for s in sample_trees[0].sections if s.empty)
    pane.select_section(empty.id)
    assert pane.text.toPlainText().endswith("(no text of its own)")


def test_bad_file_warns_and_keeps_the_open_documents(qtbot, window, tmp_path, warnings_shown):
    load(qtbot, window, PATHS)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as failed:
        window.add_files([str(empty)])
    assert failed.args == [f"{empty}: empty file"]
    assert warnings_shown == [("Cannot open document", f"{empty}: empty file")]
    assert len(window.panes()) == 2
    assert window.paths == PATHS
    assert window.status_text() == "2 documents loaded"
    # still usable: the next request works and starts from the documents on screen
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.load_files(PATHS[:1])
    assert len(window.panes()) == 1


def gated_loader(window: MainWindow) -> tuple[threading.Event, list[tuple[str, ...]]]:
    """Make the first load block until the returned event is set; record every load started."""
    gate = threading.Event()
    started: list[tuple[str, ...]] = []

    def load(paths: Sequence[str]) -> list[SectionTree]:
        started.append(tuple(paths))
        if len(started) == 1:
            assert gate.wait(LOAD_TIMEOUT / 1000)
        return load_trees(paths)

    window.loader.load_function = load
    return gate, started


def test_result_of_a_stale_request_is_dropped(qtbot, window):
    gate, started = gated_loader(window)
    shown: list[int] = []
    window.documents_changed.connect(shown.append)
    first = window.load_files(PATHS[:1])
    qtbot.waitUntil(lambda: len(started) == 1, timeout=LOAD_TIMEOUT)
    second = window.load_files(PATHS)
    assert second > first
    gate.set()
    qtbot.waitUntil(lambda: shown == [2], timeout=LOAD_TIMEOUT)
    assert window.loader.wait(LOAD_TIMEOUT)
    QApplication.processEvents()  # deliver any result still queued (none may be shown)
    assert shown == [2]
    assert window.paths == PATHS


def test_failure_of_a_stale_request_is_not_reported(qtbot, window, tmp_path, warnings_shown):
    gate, started = gated_loader(window)
    missing = str(tmp_path / "missing.txt")
    window.load_files([missing])
    qtbot.waitUntil(lambda: len(started) == 1, timeout=LOAD_TIMEOUT)
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.load_files(PATHS[1:])
        gate.set()
    assert window.loader.wait(LOAD_TIMEOUT)
    QApplication.processEvents()
    assert warnings_shown == []
    assert window.paths == PATHS[1:]


def test_open_adds_files_and_close_all_clears(qtbot, window, monkeypatch):
    asked: list[str] = []
    chosen = iter([[str(SAMPLE_A)], [str(SAMPLE_B), str(SAMPLE_A)]])

    def get_open_file_names(_parent, _caption, _directory, file_filter):
        asked.append(file_filter)
        return next(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(get_open_file_names))
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.open_action.trigger()
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.open_action.trigger()
    assert "*.pdf" in asked[0] and "*.docx" in asked[0]
    assert window.paths == [str(SAMPLE_A), str(SAMPLE_B)]  # the repeated file is not added twice
    window.close_all_action.trigger()
    assert window.panes() == []
    assert window.status_text() == "0 documents loaded"
    assert window.open_action.shortcut().matches(window.open_action.shortcut())
    assert not window.quit_action.shortcut().isEmpty()


def test_dropped_files_are_opened(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path) for path in PATHS])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.documents_changed, timeout=LOAD_TIMEOUT):
        window.dropEvent(event)
    assert event.isAccepted()
    assert len(window.panes()) == 2
