"""Notes and moved sections, saved to the review store at once and there after reopening."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from viewer.app.session import review_name
from viewer.gui import export
from viewer.gui.main_window import MainWindow
from viewer.store import Store

from .conftest import LOAD_TIMEOUT, SAMPLE_A, SAMPLE_B, SAMPLES, load, make_settings, paths, rebuilt


def reopened(qtbot, tmp_path, db_path, files=SAMPLES) -> MainWindow:
    window = MainWindow(make_settings(tmp_path, db_path))
    qtbot.addWidget(window)
    load(qtbot, window, files)
    return window


def add_note(qtbot, window: MainWindow, section_id: str, text: str, status: str = "concern"):
    window.notes.start_note(section_id)
    window.notes.status.setCurrentIndex(window.notes.status.findData(status))
    qtbot.keyClicks(window.notes.editor, text)
    with qtbot.waitSignal(window.notes.notes_changed, timeout=5000):
        qtbot.mouseClick(window.notes.add_button, Qt.MouseButton.LeftButton)


def test_a_note_is_saved_at_once_and_there_after_reopening(qtbot, window, tmp_path, db_path):
    load(qtbot, window, SAMPLES)
    window.topics.select_key("liability")
    section = window.session.comparison.row("liability").cells["B"][0]
    window.settings.author = "Alice Reviewer"
    add_note(qtbot, window, section, "Cap is lower than ours")

    with Store.open(db_path) as store:  # in the database before the window closes
        stored = store.notes()
    assert [(n.text, n.status, n.author) for n in stored] == [
        ("Cap is lower than ours", "concern", "Alice Reviewer")
    ]
    model = window.topics.model
    row = model.index_of("liability").row()
    assert model.data(model.index(row, model.column_of("notes"))) == "1"
    assert window.panes.pane("B").text.marker_count() == 1
    assert window.notes.model.rowCount() == 1
    window.close()

    again = reopened(qtbot, tmp_path, db_path)
    again.topics.select_key("liability")
    notes = again.session.notes_on(section)
    assert [note.text for note in notes] == ["Cap is lower than ours"]
    model = again.topics.model
    row = model.index_of("liability").row()
    assert model.data(model.index(row, model.column_of("notes"))) == "1"
    assert again.panes.pane("B").text.marker_count() == 1
    again.notes.set_section(section)
    assert again.notes.model.rowCount() == 1
    assert "Cap is lower" in again.notes.model.index(0).data()


def test_a_new_note_is_a_question_until_the_reviewer_says_otherwise(qtbot, window):
    load(qtbot, window, SAMPLES)
    panel = window.notes
    section = window.session.comparison.row("fees").cells["A"][0]
    assert panel.status.currentData() == "question"
    add_note(qtbot, window, section, "Fine as it is", status="ok")
    assert panel.status.currentData() == "ok"  # the note just added, selected
    panel.new_button.click()
    assert panel.status.currentData() == "question"


def test_edit_status_and_delete(qtbot, window, db_path, monkeypatch):
    load(qtbot, window, SAMPLES)
    section = window.session.comparison.row("fees").cells["A"][0]
    add_note(qtbot, window, section, "Check the interest", status="question")
    panel = window.notes
    assert panel.selected_note() is not None
    panel.editor.setPlainText("Interest 8% is fine")
    with qtbot.waitSignal(panel.notes_changed, timeout=5000):
        panel.save_button.click()
    panel.status.setCurrentIndex(panel.status.findData("ok"))
    with qtbot.waitSignal(panel.notes_changed, timeout=5000):
        panel.status.activated.emit(panel.status.currentIndex())  # as a click would
    with Store.open(db_path) as store:
        [stored] = store.notes()
    assert (stored.text, stored.status) == ("Interest 8% is fine", "ok")

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    assert panel.delete_note()
    with Store.open(db_path) as store:
        assert store.notes() == []
    assert window.session.notes == []
    assert panel.model.rowCount() == 0


def test_moving_a_section_to_another_row_is_persisted(qtbot, window, tmp_path, db_path):
    load(qtbot, window, SAMPLES)
    comparison = window.session.comparison
    section = comparison.row("section:A:3.2").cells["A"][0]  # "3.2 Add-On Modules"
    window.topics.select_key("section:A:3.2")
    pane = window.panes.pane("A")
    menu = pane.context_menu(QPoint(20, 20))
    move = next(a.menu() for a in menu.actions() if a.menu() and "Move" in a.text())
    target = next(a for a in move.actions() if a.text() == "Support and service levels")
    rebuilt(qtbot, window, target.trigger)
    assert section in window.session.comparison.row("support").cells["A"]
    assert window.session.comparison.row("section:A:3.2") is None
    window.close()

    again = reopened(qtbot, tmp_path, db_path)
    assert section in again.session.comparison.row("support").cells["A"]
    again.topics.select_key("support")
    pane = again.panes.pane("A")
    start, _ = pane.content.section_range(section)
    menu = pane.context_menu(pane.text.cursorRect(_cursor_at(pane, start + 2)).center())
    back = next(a for a in menu.actions() if a.text().startswith("Return"))
    rebuilt(qtbot, again, back.trigger)
    assert again.session.comparison.row("section:A:3.2") is not None


def _cursor_at(pane, offset):
    cursor = pane.text.textCursor()
    cursor.setPosition(pane.text.qt(offset))
    return cursor


def test_a_previous_review_reopens_with_its_reference(qtbot, window, tmp_path, db_path):
    load(qtbot, window, SAMPLES, reference="B")
    window.close()
    fresh = MainWindow(make_settings(tmp_path, db_path))
    qtbot.addWidget(fresh)
    fresh.commands.reviews_menu.aboutToShow.emit()
    entries = fresh.commands.reviews_menu.actions()
    assert entries[0].toolTip().startswith(review_name(paths(SAMPLES)))  # the text may be shortened
    rebuilt(qtbot, fresh, entries[0].trigger)
    assert fresh.paths == [str(p) for p in Store.open(db_path).reviews()[0].paths]
    assert fresh.session.comparison.reference == "B"


def test_an_unusable_database_turns_notes_off_but_not_the_app(qtbot, tmp_path, warnings_shown):
    bad = tmp_path / "not-a-database.sqlite"
    bad.write_bytes(b"this is not SQLite at all" * 100)
    window = MainWindow(make_settings(tmp_path, str(bad)))
    qtbot.addWidget(window)
    load(qtbot, window, SAMPLES)
    assert window.session.store is None
    assert not window.notes.add_button.isEnabled()
    assert not window.notes.problem.isHidden()
    assert "notes off" in window.work.text()
    assert bad.read_bytes() == b"this is not SQLite at all" * 100  # never touched
    # rows can still be moved, for this session
    section = window.session.comparison.row("section:A:3.2").cells["A"][0]
    rebuilt(qtbot, window, lambda: window.move_section(section, "support"))
    assert section in window.session.comparison.row("support").cells["A"]
    assert warnings_shown == []


def test_a_note_whose_text_is_gone_is_listed_as_orphaned(qtbot, window, tmp_path, db_path):
    contract = tmp_path / "terms.txt"
    original = SAMPLES[0].read_text(encoding="utf-8")
    contract.write_text(original, encoding="utf-8")
    load(qtbot, window, [contract, SAMPLES[1]])
    comparison = window.session.comparison
    late = next(s for s in comparison.tree("A").sections if s.title == "Late Payment")
    add_note(qtbot, window, late.id, "8% is too high")
    window.close()

    heading = original.index("4.3 Late Payment")
    following = original.index("4.4", heading)
    contract.write_text(original[:heading] + original[following:], encoding="utf-8")
    again = reopened(qtbot, tmp_path, db_path, [contract, SAMPLES[1]])
    [note] = again.session.notes
    assert note.orphaned and note.text == "8% is too high"  # kept, never dropped
    again.notes.scope.setCurrentIndex(1)  # all notes of the review
    assert again.notes.model.rowCount() == 1
    assert again.notes.model.index(0).data().startswith("orphaned · ")


def test_export_report_writes_the_notes_in_the_chosen_format(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    load(qtbot, window, SAMPLES)
    section = window.session.comparison.row("liability").cells["B"][0]
    add_note(qtbot, window, section, "Cap is <lower> & odd")
    out = tmp_path / "review"  # no extension: the chosen format's is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF document (*.pdf)")
    )
    assert window.commands.export.isEnabled()
    threads: list[threading.Thread] = []
    monkeypatch.setattr(export, "write_report", recording(export.write_report, threads))
    with qtbot.waitSignal(window.report_written, timeout=LOAD_TIMEOUT) as written:
        window.commands.export.trigger()
    assert written.args == [str(tmp_path / "review.pdf")]
    assert threads and threads[0] is not threading.main_thread()  # written on the worker
    assert "Report written to" in window.statusBar().currentMessage()
    confirmation = window.export_confirmation  # and said where it went, with "Open report"
    assert confirmation is not None and confirmation.isVisible()
    assert str(tmp_path / "review.pdf") in confirmation.text()
    assert any(b.text() == "Open report" for b in confirmation.buttons())
    import pymupdf

    with pymupdf.open(tmp_path / "review.pdf") as pdf:
        text = " ".join(" ".join(page.get_text().split()) for page in pdf)
    assert "Cap is <lower> & odd" in text


def recording(function, threads: list[threading.Thread]):
    """`function`, noting the thread each call runs on."""

    def call(*args, **kwargs):
        threads.append(threading.current_thread())
        return function(*args, **kwargs)

    return call


def test_export_to_an_unwritable_place_shows_one_line(
    qtbot, window, tmp_path, monkeypatch, warnings_shown
):
    from PySide6.QtWidgets import QFileDialog

    load(qtbot, window, SAMPLES)
    out = tmp_path / "no-such-folder" / "review.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.commands.export.trigger()
    ((title, message),) = warnings_shown
    assert title == "Export report" and "review.html" in message and "\n" not in message
    assert window.topics.select_key("liability")  # still working


def test_every_shortcut_is_in_its_tooltip_and_long_file_names_are_shortened(window):
    from PySide6.QtGui import QKeySequence

    shortcut_actions = [a for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcut_actions) >= 10
    for action in shortcut_actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({keys})" in action.toolTip(), action.text()
    long_name = "/home/reviewer/" + "very-long-folder-name/" * 12 + "supplier_terms_2026.pdf"
    menu = window.commands.recent_menu
    window.commands.fill(menu, [(long_name, lambda: None)], "No recent files")
    [entry] = menu.actions()
    assert len(entry.text()) < len(long_name) and entry.text().endswith("2026.pdf")
    assert entry.toolTip() == long_name


def test_print_sends_every_page_of_the_pdf_report_to_the_printer(
    qtbot, window, tmp_path, monkeypatch
):
    import pymupdf
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from viewer.gui import printing

    printed_to = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_to))
        printer.setResolution(96)
        return printer

    monkeypatch.setattr(printing, "new_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    load(qtbot, window, SAMPLES)
    assert window.commands.print.isEnabled()
    with qtbot.waitSignal(window.printed, timeout=LOAD_TIMEOUT):
        window.commands.print.trigger()
    with pymupdf.open(printed_to) as printed:
        pages = printed.page_count
    assert pages >= 2  # the whole report, one printed page per report page
    assert window._print_path is None and not window.export_confirmation


def test_byte_identical_files_stay_two_documents_after_reopening(qtbot, window, tmp_path, db_path):
    """Two vendors on one template: each pane keeps its file name and its own note, and the
    report names each file and counts two notes (issue 25, defect 1)."""
    from viewer.app.compare import review_report

    template = SAMPLE_A.read_text(encoding="utf-8")
    files = [SAMPLE_B, tmp_path / "ads.txt", tmp_path / "analytics.txt"]
    for copy in files[1:]:
        copy.write_text(template, encoding="utf-8")
    load(qtbot, window, files)
    liability = window.session.comparison.row("liability")
    add_note(qtbot, window, liability.cells["B"][0], "Ads: cap too low")
    add_note(qtbot, window, liability.cells["C"][0], "Analytics: cap too low")
    window.close()

    fresh = MainWindow(make_settings(tmp_path, db_path))
    qtbot.addWidget(fresh)
    fresh.commands.reviews_menu.aboutToShow.emit()
    rebuilt(qtbot, fresh, fresh.commands.reviews_menu.actions()[0].trigger)
    assert [fresh.panes.pane(doc).name for doc in "ABC"] == [p.name for p in files]
    shown = {doc: [n.text for n in fresh.session.notes_of(doc)] for doc in "BC"}
    assert shown == {"B": ["Ads: cap too low"], "C": ["Analytics: cap too low"]}
    report = review_report(fresh.session.comparison, fresh.session.notes)
    assert sorted((n.document_path, n.text) for n in report.notes) == [
        (str(files[1]), "Ads: cap too low"),
        (str(files[2]), "Analytics: cap too low"),
    ]


def test_undo_and_redo_notes_and_moves(qtbot, window, db_path, monkeypatch):
    """Edit > Undo / Redo (issue 25, feature 3): adding, editing and deleting a note and
    moving a section are undone in the store too, and redone; the menu names the step."""
    load(qtbot, window, SAMPLES)
    undo, redo = window.commands.undo, window.commands.redo
    assert not undo.isEnabled()
    window.topics.select_key("liability")
    section = window.session.comparison.row("liability").cells["B"][0]
    add_note(qtbot, window, section, "Cap is low")

    def stored():
        with Store.open(db_path) as store:
            return [(n.text, n.status) for n in store.notes()]

    assert undo.text() == "&Undo add note"
    assert window.work.bar.currentMessage() == "Note added · Ctrl+Z undoes it"
    undo.trigger()
    assert window.work.bar.currentMessage() == "Undone: add note"
    assert stored() == [] and window.session.notes == []
    assert redo.text() == "&Redo add note"
    redo.trigger()
    assert stored() == [("Cap is low", "concern")]
    assert [n.section for n in window.session.notes] == [section]

    note_id = window.session.notes[0].id
    window.session.edit_note(note_id, status="negotiate", text="Ask for 2x")
    window.undo()
    assert stored() == [("Cap is low", "concern")]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.notes.set_section(section)
    window.notes.list.setCurrentIndex(window.notes.model.index(0))
    assert window.notes.delete_note()
    assert stored() == []
    window.undo()
    assert stored() == [("Cap is low", "concern")]
    assert window.panes.pane("B").text.marker_count() == 1

    moved = window.session.comparison.row("section:A:3.2").cells["A"][0]
    rebuilt(qtbot, window, lambda: window.move_section(moved, "support"))
    assert moved in window.session.comparison.row("support").cells["A"]
    rebuilt(qtbot, window, undo.trigger)
    assert moved not in window.session.comparison.row("support").cells["A"]
    rebuilt(qtbot, window, redo.trigger)
    assert moved in window.session.comparison.row("support").cells["A"]


def test_ctrl_z_in_the_note_box_takes_a_saved_note_back(qtbot, window, db_path):
    """Seen under Xvfb: after saving a note the cursor is in the note box, whose own undo
    took Ctrl+Z and did nothing. With nothing typed to undo there, the key undoes the note."""
    window.show()
    load(qtbot, window, SAMPLES)
    window.topics.select_key("liability")
    add_note(qtbot, window, window.session.comparison.row("liability").cells["B"][0], "Low")
    window.notes.editor.setFocus()
    qtbot.waitUntil(lambda: window.notes.editor.hasFocus())
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store.open(db_path) as store:
        assert store.notes() == []
    window.notes.editor.setPlainText("")
    qtbot.keyClicks(window.notes.editor, "typing")
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.notes.editor.toPlainText() != "typing"  # its own undo first
    assert window.commands.redo.isEnabled()  # the window's redo was not used up


def test_notes_left_with_an_earlier_different_file_are_offered_and_moved_in(
    qtbot, window, tmp_path, db_path
):
    """Issue 26, case 1 in the window: a file replaced by an unrelated one keeps none of the
    old notes, the pane says so, and "Move them here" is the reviewer saying it is a version."""
    vendor = tmp_path / "vendor.txt"
    vendor.write_text(SAMPLE_A.read_text(encoding="utf-8"), encoding="utf-8")
    load(qtbot, window, [SAMPLE_B, vendor])
    window.topics.select_key("liability")
    add_note(qtbot, window, window.session.comparison.row("liability").cells["B"][0], "Cap")
    window.close()
    vendor.write_text(
        (SAMPLE_A.parent / "nordmoln_general_terms_en.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )  # an unrelated file under the old name

    again = reopened(qtbot, tmp_path, db_path, files=[SAMPLE_B, vendor])
    pane = again.panes.pane("B")
    assert again.session.notes_of("B") == []
    assert not pane.left_bar.isHidden()
    assert pane.left_behind.text().startswith("1 note was made on an earlier, different file")
    rebuilt(qtbot, again, pane.adopt_button.click)
    assert [n.text for n in again.session.notes_of("B")] == ["Cap"]
    assert pane.left_bar.isHidden()
