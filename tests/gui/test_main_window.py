"""The main window: rows in every pane, reference, navigation, find, zoom, modes, loading."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog

from tests import hostile
from viewer.app.pane_text import cell_text
from viewer.gui import main_window as main_window_module
from viewer.gui.change_list import ENTRY_ROLE
from viewer.gui.main_window import MainWindow

from .conftest import (
    FIVE,
    LOAD_TIMEOUT,
    SAMPLE_A,
    SAMPLE_B,
    SAMPLE_DIR,
    SAMPLES,
    VERSION_PAIR,
    load,
    make_settings,
    paths,
    rebuilt,
)


def shown_rows(window: MainWindow) -> None:
    """Every pane shows its document's cell of the selected row, or says it is missing."""
    comparison = window.session.comparison
    row = comparison.row(window.topics.current_key())
    for pane in window.panes.panes():
        cell = row.cells[pane.doc]
        if cell:
            assert pane.covered
            assert pane.text.toPlainText() == cell_text(comparison.tree(pane.doc), cell).text
        else:
            assert not pane.covered
            assert pane.placeholder.text() == f"Not covered in {pane.name}"


def test_five_documents_open_with_the_first_row_selected(qtbot, window):
    load(qtbot, window, FIVE)
    assert [pane.doc for pane in window.panes.panes()] == ["A", "B", "C", "D", "E"]
    assert window.topics.current_key() == "preamble"
    shown_rows(window)
    assert window.windowTitle() == "Contract Compare"
    assert window.work.text().startswith("5 documents")
    assert window.commands.reference.count() == 5


def test_selecting_a_row_shows_its_sections_in_every_pane(qtbot, window):
    load(qtbot, window, FIVE)
    comparison = window.session.comparison
    for key in ("liability", "governing_law", "user_content", "section:A:3.2"):
        assert window.topics.select_key(key)
        shown_rows(window)
    window.topics.select_key("liability")
    row = comparison.row("liability")
    pane = window.panes.pane("B")
    # differences against the reference are highlighted in the other panes
    assert pane.text.marks("insert") or pane.text.marks("moved")
    assert window.notes.section == row.cells["A"][0]


def test_switching_the_reference_changes_the_highlights(qtbot, window):
    load(qtbot, window, SAMPLES)
    window.topics.select_key("liability")
    a_before = window.panes.pane("A").text.marks("delete")
    b_before = window.panes.pane("B").text.marks("insert")
    assert a_before and b_before
    rebuilt(qtbot, window, lambda: window.set_reference("B"))
    assert window.session.comparison.reference == "B"
    assert window.topics.current_key() == "liability"  # the row stays selected
    # now A's text is what B lacks (inserted against B), B's is deleted against A
    assert window.panes.pane("A").text.marks("insert")
    assert window.panes.pane("A").text.marks("delete") == []
    assert window.panes.pane("B").text.marks("delete")
    assert "reference" in window.panes.pane("B").title.full_text()
    assert window.commands.reference.currentData() == "B"


def test_keyboard_navigation_between_topics_and_differences(qtbot, window):
    load(qtbot, window, SAMPLES)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=LOAD_TIMEOUT)
    fired: list[str] = []
    window.commands.next_topic.triggered.connect(lambda: fired.append("next topic"))
    keys = window.topics.visible_keys()
    window.topics.view.setFocus()
    qtbot.keyClick(window.topics.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.topics.current_key() == keys[1]
    qtbot.keyClick(window.topics.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.topics.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.topics.current_key() == keys[1]
    assert fired == ["next topic", "next topic"]  # the window's shortcut, not the table's keys

    window.topics.select_key("liability")
    first = sorted(
        (index, start, end)
        for index, pane in enumerate(window.panes.panes())
        for start, end in pane.difference_ranges()
    )
    qtbot.keyClick(window.topics.view, Qt.Key.Key_F7)
    index, start, end = first[0]
    pane = window.panes.panes()[index]
    assert pane.text.selection() == (start, end)
    qtbot.keyClick(pane.text, Qt.Key.Key_F7)
    assert window.panes.panes()[first[1][0]].text.selection() == first[1][1:]
    qtbot.keyClick(pane.text, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert pane.text.selection() == (start, end)
    # past the row's last difference, F7 goes on to the next row that differs
    for _ in range(len(first) - 1):
        window.step_difference(True)
    assert window.step_difference(True)
    assert window.topics.current_key() != "liability"
    assert window.session.comparison.differs(
        window.session.comparison.row(window.topics.current_key())
    )


def test_find_marks_and_walks_matches_across_panes(qtbot, window):
    load(qtbot, window, SAMPLES)
    window.topics.select_key("liability")
    window.commands.find.trigger()
    assert not window.find_bar.isHidden()
    qtbot.keyClicks(window.find_bar.edit, "liab")
    marks = [len(pane.text.marks("find")) for pane in window.panes.panes()]
    total = sum(marks)
    assert total > 2 and all(marks)
    assert window.find_bar.count.text().startswith(f"{total} here · ")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    pane = window.panes.panes()[0]
    start, end = pane.text.selection()
    assert pane.content.text[start:end].lower() == "liab"
    window.commands.find_next.trigger()
    assert pane.text.selection() != (start, end) or window.panes.panes()[1].text.selection()
    window.find_bar.case.setChecked(True)
    assert not window.find_bar.count.text().startswith(f"{total} here")  # lower case only
    window.find_bar.close_bar()
    assert all(not pane.text.marks("find") for pane in window.panes.panes())


def test_find_counts_every_document_and_steps_on_to_other_topics(qtbot, window):
    """A word on no line of the current topic used to give "no match" silently."""
    load(qtbot, window, SAMPLES)
    window.topics.select_key("governing_law")
    window.commands.find.trigger()
    qtbot.keyClicks(window.find_bar.edit, "invoice")
    comparison = window.session.comparison
    everywhere = sum(
        comparison.tree(doc).document.text.lower().count("invoice") for doc in comparison.ids
    )
    shown = window.find_bar.count.text()
    assert shown.startswith("0 here · ") and "topic" in shown
    counted = int(shown.split("· ")[1].split(" in ")[0])
    assert 0 < counted <= everywhere
    assert "Fees" in window.find_bar.count.toolTip()  # where they are: topic, pane, count
    visited = set()
    for _ in range(4):
        window.commands.find_next.trigger()
        key = window.topics.current_key()
        visited.add(key)
        pane = next(p for p in window.panes.panes() if p.text.selection()[1] > 0)
        start, end = pane.text.selection()
        assert pane.content.text[start:end].lower() == "invoice"
    assert "governing_law" not in visited and visited
    window.commands.find_previous.trigger()
    assert window.topics.current_key() in visited


def test_zoom_changes_the_text_size_and_is_remembered(qtbot, window, settings):
    load(qtbot, window, SAMPLES[:1])
    pane = window.panes.panes()[0]
    size = pane.text.font().pointSizeF()
    window.commands.zoom_in.trigger()
    window.commands.zoom_in.trigger()
    assert pane.text.font().pointSizeF() == size + 2
    assert settings.zoom == 2
    window.commands.zoom_reset.trigger()
    assert pane.text.font().pointSizeF() == size


def test_whole_document_mode_scrolls_every_pane_to_the_row(qtbot, window):
    load(qtbot, window, SAMPLES)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.commands.whole.setChecked(True)
    window.topics.select_key("governing_law")
    comparison = window.session.comparison
    row = comparison.row("governing_law")
    for pane in window.panes.panes():
        assert pane.text.toPlainText() == comparison.tree(pane.doc).document.text
        first = min(comparison.index.section(sid).start for sid in row.cells[pane.doc])
        cursor = QTextCursor(pane.text.document())
        cursor.setPosition(first)
        where = pane.text.cursorRect(cursor)
        assert pane.text.viewport().rect().contains(where.topLeft())  # scrolled to the row
        top = pane.text.cursorForPosition(pane.text.viewport().rect().topLeft())
        assert top.position() > 0 or first < 2000
        assert pane.text.marks("row")
    missing = next(r for r in comparison.rows if not r.cells["B"])
    window.topics.select_key(missing.key)
    assert window.panes.pane("B").banner.isVisible()
    assert window.panes.pane("B").banner.text().startswith("Not covered in")
    window.commands.whole.setChecked(False)
    shown_rows(window)


def test_version_pair_is_shown_section_by_section(qtbot, window):
    load(qtbot, window, VERSION_PAIR)
    comparison = window.session.comparison
    assert comparison.versions
    assert window.topics.model.headerData(1, Qt.Orientation.Horizontal) == "Change"
    rebuilt(qtbot, window, lambda: window.commands.versions.setChecked(False))
    assert not window.session.comparison.versions


def test_bad_file_shows_the_error_and_the_window_keeps_working(
    qtbot, window, tmp_path, warnings_shown
):
    load(qtbot, window, SAMPLES)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as failed:
        window.add_files([str(empty)])
    assert failed.args == [f"{empty}: empty file"]
    assert warnings_shown == [("Cannot open document", f"{empty}: empty file")]
    assert window.paths == paths(SAMPLES)
    assert len(window.panes.panes()) == 2
    window.topics.select_key("liability")
    shown_rows(window)
    load(qtbot, window, SAMPLES[:1])
    assert len(window.panes.panes()) == 1


def test_a_stale_load_is_dropped(qtbot, window, monkeypatch):
    gate = threading.Event()
    started: list[tuple[str, ...]] = []
    real_build = main_window_module.build

    def gated(request, *args):
        started.append(request.paths)
        if len(started) == 1:
            assert gate.wait(LOAD_TIMEOUT / 1000)
        return real_build(request, *args)

    monkeypatch.setattr(main_window_module, "build", gated)
    shown: list[int] = []
    window.documents_changed.connect(shown.append)
    window.load_files(paths(SAMPLES[:1]))
    qtbot.waitUntil(lambda: len(started) == 1, timeout=LOAD_TIMEOUT)
    with qtbot.waitSignal(window.comparison_ready, timeout=LOAD_TIMEOUT):
        window.load_files(paths(SAMPLES))
        gate.set()
    assert window.runner.wait(LOAD_TIMEOUT)
    QApplication.processEvents()  # deliver anything still queued: none of it may show
    assert shown == [2]
    assert window.paths == paths(SAMPLES)


def test_cancel_keeps_what_is_on_screen(qtbot, window, monkeypatch):
    load(qtbot, window, SAMPLES[:1])
    gate = threading.Event()
    real_build = main_window_module.build

    def waiting(request, cache, progress, partial, cancelled, step):
        while not cancelled():
            gate.wait(0.01)
        return real_build(request, cache, progress, partial, cancelled, step)

    monkeypatch.setattr(main_window_module, "build", waiting)
    window.add_files([str(SAMPLE_B)])
    assert window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.runner.stopped, timeout=LOAD_TIMEOUT):
        window.cancel_button.click()
    assert window.runner.wait(LOAD_TIMEOUT)
    assert window.paths == [str(SAMPLE_A)]
    assert not window.cancel_button.isVisibleTo(window)


def test_open_add_remove_and_recent_files(qtbot, window, monkeypatch, settings):
    chosen = iter([[str(SAMPLE_A)], [str(SAMPLE_B), str(SAMPLE_A)]])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: (next(chosen), ""))
    )
    rebuilt(qtbot, window, window.commands.open.trigger)
    rebuilt(qtbot, window, window.commands.add.trigger)
    assert window.paths == paths(SAMPLES)  # the repeated file is not added twice
    assert settings.recent_files[:2] == [str(SAMPLE_A.resolve()), str(SAMPLE_B.resolve())]
    rebuilt(qtbot, window, lambda: window.set_reference("B"))
    rebuilt(qtbot, window, lambda: window.panes.pane("A").remove_button.click())
    assert window.paths == [str(SAMPLE_B)]
    assert window.session.comparison.reference == "A"  # B became A and stays the reference
    window.commands.recent_menu.aboutToShow.emit()
    recent = [
        a for a in window.commands.recent_menu.actions() if a.text() == str(SAMPLE_A.resolve())
    ]
    rebuilt(qtbot, window, recent[0].trigger)
    assert window.paths == [str(SAMPLE_B), str(SAMPLE_A.resolve())]
    window.commands.close_all.trigger()
    assert window.panes.panes() == [] and window.work.text() == "No documents open"


def test_dropped_files_are_added(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path) for path in paths(SAMPLES)])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.comparison_ready, timeout=LOAD_TIMEOUT):
        window.dropEvent(event)
    assert event.isAccepted()
    assert len(window.panes.panes()) == 2


def test_layout_is_restored_between_runs(qtbot, tmp_path, db_path):
    first = MainWindow(make_settings(tmp_path, db_path))
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen, which restoreGeometry respects
    notes_dock = first.notes.parentWidget()
    notes_dock.hide()
    first.close()
    second = MainWindow(make_settings(tmp_path, db_path))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    assert second.notes.parentWidget().isHidden()


def test_palettes(qtbot, window, settings):
    app = QApplication.instance()
    try:
        window.set_theme("dark")
        assert app.palette().window().color().lightness() < 100
        assert settings.theme == "dark"
        window.set_theme("light")
        assert app.palette().window().color().lightness() > 150
    finally:
        window.set_theme("system")


def test_export_needs_documents(window):
    assert not window.commands.export.isEnabled()


def test_key_term_click_jumps_to_its_quote(qtbot, window):
    load(qtbot, window, SAMPLES)
    window.topics.missing_only.setChecked(True)  # the row may be hidden: the jump shows it
    comparison = window.session.comparison
    term = comparison.terms["B"]["governing_law"]
    model = window.terms.terms_model
    index = model.index(list(comparison.terms["B"]).index("governing_law"), 1)
    window.terms.jump_to(index)
    row = comparison.index.row_of(term.section)
    assert window.topics.current_key() == row.key
    pane = window.panes.pane("B")
    start, end = pane.text.selection()
    assert pane.content.text[start:end] == term.quote


def test_eight_documents_side_by_side(qtbot, window):
    eight = [
        *FIVE,
        SAMPLE_B,
        SAMPLE_DIR / "nordmoln_general_terms_en.md",
        SAMPLE_DIR / "nordmoln_allmanna_villkor.md",
    ]
    load(qtbot, window, eight)
    assert [pane.doc for pane in window.panes.panes()] == list("ABCDEFGH")
    assert window.topics.model.columnCount() == 1 + 8 + 2
    window.topics.select_key("governing_law")
    shown_rows(window)


def test_ignoring_case_rebuilds_the_differences(qtbot, window):
    load(qtbot, window, SAMPLES)
    rebuilt(qtbot, window, lambda: window.commands.ignore["case"].setChecked(True))
    assert window.session.comparison.request.ignore == frozenset({"case"})
    assert window.paths == paths(SAMPLES)


def test_the_reference_shows_what_the_pane_in_use_lacks(qtbot, window):
    # the Markdown terms as reference, its PDF rendering (nearly the same), another vendor's
    load(qtbot, window, [SAMPLE_B, FIVE[1], SAMPLE_A])
    window.topics.select_key("liability")
    comparison = window.session.comparison
    row = comparison.row("liability")
    reference = window.panes.pane("A")

    def deleted_against(doc: str) -> list[tuple[int, int]]:
        spans = comparison.diffs[row.key].cells[doc].spans["A"]
        return [(a, b) for a, b, kind in reference.content.map_spans(spans) if kind == "delete"]

    assert reference.text.marks("delete") == deleted_against("B")  # the first other pane
    window.panes.pane("C").focused.emit("C")  # the reviewer clicks into C
    assert reference.text.marks("delete") == deleted_against("C")
    assert deleted_against("B") != deleted_against("C")


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda folder: hostile.fifo(folder / "pipe.txt"), "not a regular file (a named pipe)"),
        (
            lambda folder: hostile.docx_bomb(folder / "bomb.docx", megabytes=80),
            "word/document.xml expands beyond 64 MB",
        ),
        (
            lambda folder: hostile.pdf_with_page_count(folder / "count.pdf", 10**9),
            "corrupt PDF",
        ),
    ],
    ids=["named pipe", "zip bomb", "lying page tree"],
)
def test_a_hostile_file_is_named_with_its_problem_and_the_window_keeps_its_documents(
    qtbot, window, tmp_path, warnings_shown, make, problem
):
    load(qtbot, window, SAMPLES)
    bad = make(tmp_path)
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as failed:
        window.add_files([str(bad)])
    (message,) = failed.args
    assert message.startswith(f"{bad}: ") and problem in message
    assert warnings_shown == [("Cannot open document", message)]
    assert window.paths == paths(SAMPLES)
    assert len(window.panes.panes()) == 2


def test_topic_names_and_key_terms_stay_readable_through_small_and_large_windows(qtbot, window):
    """Five documents used to leave the topic names as "…", and a window made small and large
    again (or restarted with that layout) kept them and the key terms hidden."""
    from viewer.gui.terms_view import VALUE_ROOM
    from viewer.gui.topic_list import LABEL_ROOM

    window.show()
    load(qtbot, window, FIVE)
    table = window.topics.view
    label_column = window.topics.model.column_of("label")
    room = table.fontMetrics().horizontalAdvance(LABEL_ROOM)
    terms = window.terms.horizontalHeader()
    value_room = window.terms.fontMetrics().horizontalAdvance(VALUE_ROOM)
    for size in ((1024, 700), (1600, 1000), (1024, 700), (1600, 1000)):
        window.resize(*size)
        qtbot.waitUntil(lambda size=size: window.width() == size[0])
        QApplication.processEvents()
        assert table.columnWidth(label_column) >= room - 2, size
        assert all(terms.sectionSize(i) >= value_room for i in range(terms.count())), size


def test_reset_layout_puts_every_panel_back(qtbot, window):
    window.show()
    load(qtbot, window, SAMPLES)
    topics, notes, terms, _changes = window.docks
    notes.setFloating(True)
    terms.hide()
    window.commands.reset_layout.trigger()
    assert not notes.isFloating() and terms.isVisible()
    assert window.dockWidgetArea(topics) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(terms) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert "Reset layout" in [
        a.text().replace("&", "") for a in window.menuBar().actions()[2].menu().actions()
    ]


def test_help_lists_every_keyboard_shortcut_of_the_window(qtbot, window):
    from PySide6.QtWidgets import QTableWidget

    window.commands.shortcuts.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Keyboard shortcuts"
    )
    table = dialog.findChild(QTableWidget)
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    keyed = [a for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(rows) == len(keyed) >= 10
    assert ("Next difference", "F7") in rows
    assert any(command == "Keyboard shortcuts" for command, _ in rows)
    dialog.close()


def test_panes_scroll_together_by_the_row_unless_turned_off(qtbot, window):
    window.resize(1400, 600)
    window.show()
    qtbot.waitExposed(window)
    load(qtbot, window, SAMPLES)
    assert window.commands.synchronised.isChecked()  # on by default
    window.commands.whole.setChecked(True)
    window.topics.select_key("liability")
    first, second = window.panes.panes()[:2]
    bars = [pane.text.verticalScrollBar() for pane in (first, second)]
    start = [bar.value() for bar in bars]
    bars[0].setValue(start[0] + 10)
    assert bars[1].value() > start[1]  # the other pane followed, through its own row
    window.commands.whole.setChecked(False)
    window.topics.select_key("definitions")
    bars = [pane.text.verticalScrollBar() for pane in (first, second)]
    assert bars[0].maximum() > 0 and bars[1].maximum() > 0  # both rows longer than a pane
    bars[0].setValue(bars[0].maximum())
    assert bars[1].value() == bars[1].maximum()  # the end of the row in both
    window.commands.synchronised.setChecked(False)
    bars[0].setValue(0)
    assert bars[1].value() == bars[1].maximum()  # left where it was
    assert window.settings.synchronised_scrolling is False


def test_the_reference_is_marked_against_a_document_that_covers_the_row(qtbot, window):
    """With three documents the reference turned wholly red when the first other one lacked
    the topic, whatever the third said."""
    load(qtbot, window, FIVE[:3])
    comparison = window.session.comparison
    reference, first, *rest = comparison.ids
    covered = [r for r in comparison.rows if r.cells.get(reference) and not r.cells.get(first)]
    row = next((r for r in covered if any(r.cells.get(doc) for doc in rest)), None)
    assert row is not None, "the samples have such a row"
    window.topics.select_key(row.key)
    pane = window.panes.pane(reference)
    against = comparison.marked_against(row, first)
    assert against in rest and f"marked against {against}" in pane.title.full_text()
    diff = window.session.comparison.diffs[row.key]
    expected = pane.content.map_spans(diff.cells[against].spans.get(reference, ()))
    assert pane.text.marks("delete") == [(a, b) for a, b, kind in expected if kind == "delete"]


def test_the_change_list_lists_every_difference_and_note_and_jumps_to_them(qtbot, window):
    load(qtbot, window, SAMPLES)
    changes = window.changes
    count = changes.list.count()
    assert count > 10 and "differences" in changes.summary.text()
    comparison = window.session.comparison
    item = changes.list.item(count // 2)
    entry = item.data(ENTRY_ROLE)
    assert comparison.row(entry.row).label in item.text()
    changes.list.itemClicked.emit(item)
    assert window.topics.current_key() == entry.row
    pane = window.panes.pane(entry.doc)
    start, end = pane.text.selection()
    assert " ".join(pane.content.text[start:end].split())[:20] in " ".join(
        comparison.tree(entry.doc).document.text[entry.start : entry.end].split()
    )


def test_the_first_window_fits_a_small_screen():
    """Under Xvfb at 1024x700 the first window opened at 1400x900, past the screen's edges."""
    from PySide6.QtCore import QRect

    from viewer.gui.main_window import DEFAULT_SIZE, first_size

    assert first_size(QRect(0, 0, 1024, 672)) == (1024, 672)
    assert first_size(QRect(0, 0, 2560, 1400)) == DEFAULT_SIZE
    assert first_size(None) == DEFAULT_SIZE  # offscreen: no screen to fit


def test_on_a_small_screen_notes_and_key_terms_share_the_bottom_as_tabs(qtbot, settings):
    from viewer.gui.main_window import SIDE_BY_SIDE_WIDTH

    small = MainWindow(settings)
    qtbot.addWidget(small)
    small.resize(SIDE_BY_SIDE_WIDTH - 256, 700)
    small._place_docks()  # as a first start at that width places them
    _topics, notes, terms, _changes = small.docks
    assert terms in small.tabifiedDockWidgets(notes)


def test_an_overview_bar_shows_where_the_differences_are_and_jumps_there(qtbot, window):
    """Issue 25, feature 1: beside each pane's scroll bar, a mark per difference and note at
    its height in the text, the part in view, and a click that scrolls there."""
    window.resize(1200, 700)
    window.show()
    load(qtbot, window, VERSION_PAIR)
    window.commands.whole.setChecked(True)
    pane = window.panes.pane("B")
    text = pane.text
    qtbot.waitUntil(lambda: text.verticalScrollBar().maximum() > 0)
    ticks = text.overview_ticks()
    assert {"insert", "delete"} & {kind for kind, _, _ in ticks}
    assert all(0.0 <= top <= bottom <= 1.0 for _, top, bottom in ticks)
    assert len({round(top, 2) for _, top, _ in ticks}) > 3  # spread through the document
    bar = text.verticalScrollBar()
    overview = text.overview
    assert overview.isVisible() and overview.width() > 0
    assert overview.geometry().left() >= text.viewport().geometry().right()
    qtbot.mouseClick(
        overview, Qt.MouseButton.LeftButton, pos=overview.rect().bottomLeft() - QPoint(0, 2)
    )
    assert bar.value() == bar.maximum()
    top, bottom = text.visible_fraction()
    assert bottom == 1.0 and top > 0.5
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(2, 1))  # a double click
    assert bar.value() == 0


def _format_ranges(pane) -> int:
    block, count = pane.text.document().begin(), 0
    while block.isValid():
        count += len(block.layout().formats())
        block = block.next()
    return count


def test_highlights_stay_through_zoom_and_find(qtbot, window):
    """Issue 25, defect 8 (not reproduced; guarded): the reference's highlights are still in
    its text after Ctrl++, a find that steps through every topic, and Ctrl+0."""
    load(qtbot, window, SAMPLES)
    window.topics.select_key("liability")
    reference = window.panes.pane(window.session.comparison.reference)
    marked = _format_ranges(reference)
    assert marked > 0
    window.commands.zoom_in.trigger()
    window.commands.zoom_in.trigger()
    assert _format_ranges(reference) == marked
    window.find_bar.open_bar("liab")
    for _ in range(6):
        window.step_find(True)
    window.find_bar.close_bar()
    window.topics.select_key("liability")
    window.commands.zoom_reset.trigger()
    assert _format_ranges(reference) == marked
