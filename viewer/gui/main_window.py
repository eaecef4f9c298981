"""The main window: topic list, documents side by side, notes and key terms around them.

The window wires the parts together and owns the review's flow: every change the reviewer asks
for (files, reference, mode, ignored kinds, a moved section) becomes a new `Request`, built on
the background worker; the newest request alone reaches the screen. Snapshots arrive as the
build goes (rows first, then key terms, then highlights), so the window is usable at once; the
session tells each panel what a snapshot or a note changed (`Changes`), and each panel redraws
that itself. A bad file leaves what is on screen as it was and says why in one line.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.app.changes import ChangeEntry
from viewer.app.compare import Comparison, Request, TreeCache, build
from viewer.app.find import RowMatches, find_in_rows
from viewer.app.history import Step
from viewer.app.session import Changes, ReviewSession, StoreStep
from viewer.core.errors import UserError
from viewer.core.model import AUTO, TOPICS, Alignment, KeyTerm
from viewer.core.records import replace
from viewer.core.structure.ingest import supported_suffixes
from viewer.gui.actions import WindowActions, about, ask_author, show_shortcuts
from viewer.gui.change_list import ChangeList
from viewer.gui.find_bar import FindBar
from viewer.gui.notes_panel import NotesPanel
from viewer.gui.palette import apply_theme
from viewer.gui.pane_area import PaneArea
from viewer.gui.settings import Settings
from viewer.gui.status import WorkStatus
from viewer.gui.terms_view import TermsView
from viewer.gui.topic_list import TopicPanel
from viewer.gui.worker import TaskRunner
from viewer.store import StoreError

log = logging.getLogger(__name__)

APP_NAME = "Contract Compare"
DEFAULT_SIZE = (1400, 900)
SETTLE_MS = 120  # the worker's pause after a snapshot that brings new widgets or columns
CLOSE_WAIT_MS = 2000  # how long closing waits for a cancelled build to see that it is


def file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in supported_suffixes())
    return f"Contracts ({patterns});;All files (*)"


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local files being dragged in (URLs of other kinds are not documents)."""
    mime = event.mimeData()
    urls = mime.urls() if mime.hasUrls() else []
    return [url.toLocalFile() for url in urls if url.isLocalFile()]


#: Window width below which notes and key terms share the bottom as tabs: side by side, the
#: notes' buttons leave the key terms too narrow to show a value.
SIDE_BY_SIDE_WIDTH = 1280


def first_size(free: QRect | None) -> tuple[int, int]:
    """DEFAULT_SIZE, or the screen's free area where that is smaller (a 1024x700 laptop
    screen): a first window larger than its screen hides its own edges."""
    if free is None:
        return DEFAULT_SIZE
    return min(DEFAULT_SIZE[0], free.width()), min(DEFAULT_SIZE[1], free.height())


class MainWindow(QMainWindow):
    """Contract Compare's one window."""

    documents_changed = Signal(int)  # new rows on screen, for this many documents
    comparison_updated = Signal()  # any snapshot shown (more key terms or highlights)
    comparison_ready = Signal()  # the complete comparison is on screen
    load_failed = Signal(str)  # the one-line message shown to the reviewer
    report_written = Signal(str)  # the path of a report File > Export wrote
    printed = Signal()  # File > Print sent the report to the printer

    def __init__(self, settings: Settings | None = None, use_store: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(*first_size(self._free_screen()))
        self.setAcceptDrops(True)
        self.quiet_errors = False  # True: failures are only signalled (screenshot mode)
        self.export_confirmation: QMessageBox | None = None  # the last "report written" box
        self._print_path: str | None = None  # the PDF being prepared for File > Print
        self._found: tuple[Alignment, tuple, list[RowMatches]] | None = None  # last find
        self.remember = True  # False: a scripted run leaves layout and recent files alone
        self.session = ReviewSession.open(self.settings.db_path if use_store else None)
        self.runner = TaskRunner(self)
        self.exporter = TaskRunner(self, "export")  # reports: never in the way of a build
        self._cache = TreeCache()
        self._wanted: Request | None = None  # the newest request (on screen or on its way)
        self._issued = 0

        self._remembered: tuple[str, ...] = ()  # the files last added to the recent list
        # the panes subscribe to the session before the topic list, which shows a row in them
        self.panes = PaneArea(self.session)
        self.topics = TopicPanel(self.session)
        self.notes = NotesPanel(self.session, lambda: self.settings.author)
        self.terms = TermsView(self.session)
        self.changes = ChangeList(self.session, lambda: self.topics.visible_keys())
        self.find_bar = FindBar()
        self._build_central()
        self.commands = WindowActions(self)
        docks = self._build_docks()
        self.commands.install([dock.toggleViewAction() for dock in docks])
        self._build_status()
        self._connect()
        self.session.subscribe(self._on_changes)
        self.session.history.changed = self._update_undo
        self.session.history.pushed = self._say_done
        self._restore()

    # -- construction -------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> list[QDockWidget]:
        """Topics down the left; notes and key terms side by side under the panes, so that
        the panes keep the width (the layout the reviewer makes is restored next time)."""
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        docks = []
        for name, title, widget in (
            ("topicsDock", "Topics", self.topics),
            ("notesDock", "Notes", self.notes),
            ("termsDock", "Key terms", self.terms),
            ("changesDock", "Changes", self.changes),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(widget)
            docks.append(dock)
        self.docks = docks
        self._place_docks()
        return docks

    def _place_docks(self) -> None:
        topics, notes, terms, changes = self.docks
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, topics)
        self.tabifyDockWidget(topics, changes)  # a tab beside the topics: the same column
        topics.raise_()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, notes)
        if self.width() < SIDE_BY_SIDE_WIDTH:  # a small screen: one tab each, full width
            self.tabifyDockWidget(notes, terms)
            notes.raise_()
        else:
            self.splitDockWidget(notes, terms, Qt.Orientation.Horizontal)
            self.resizeDocks([notes, terms], [420, 700], Qt.Orientation.Horizontal)
        self.resizeDocks([topics], [430], Qt.Orientation.Horizontal)
        self.resizeDocks([notes], [240], Qt.Orientation.Vertical)

    def show_panel(self, name: str) -> None:
        """Bring a panel to the front: topics, changes, notes or terms."""
        dock = next(d for d in self.docks if d.objectName() == f"{name}Dock")
        dock.show()
        dock.raise_()

    def _free_screen(self) -> QRect | None:
        """The screen's free area, or None offscreen (tests, --screenshot without a display:
        no screen to fit, and their images keep DEFAULT_SIZE)."""
        if QGuiApplication.platformName() == "offscreen":
            return None
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def reset_layout(self) -> None:
        """View > Reset layout: every panel back where it starts, at its first size, and the
        window at its first size unless maximised or full screen."""
        if not (self.isMaximized() or self.isFullScreen()):
            self.resize(*first_size(self._free_screen()))
        self._place_docks()
        self.work.flash("Layout reset")

    def _build_status(self) -> None:
        self.work = WorkStatus(self.statusBar())
        self.cancel_button = self.work.cancel_button
        self.work.summary(None, None)

    def _connect(self) -> None:
        a = self.commands
        runner = self.runner
        runner.partial.connect(self._apply)
        runner.finished.connect(self._apply)
        runner.failed.connect(self._on_failed)
        runner.stopped.connect(self._on_stopped)
        runner.progressed.connect(self.work.step)
        runner.busy_changed.connect(self._set_busy)
        self.cancel_button.clicked.connect(runner.cancel)
        a.open.triggered.connect(self.open_files)
        a.add.triggered.connect(self.add_files_dialog)
        a.close_all.triggered.connect(self.close_all)
        a.quit.triggered.connect(self.close)
        a.export.triggered.connect(self._export)
        a.print.triggered.connect(self._print)
        self.exporter.finished.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        # Ctrl+E works without the menu ever being opened; one report at a time
        self.documents_changed.connect(lambda _count: self._update_export())
        self.exporter.busy_changed.connect(lambda _busy: self._update_export())
        a.recent_menu.aboutToShow.connect(self._fill_recent)
        a.reviews_menu.aboutToShow.connect(self._fill_reviews)
        a.remove_menu.aboutToShow.connect(self._fill_remove)
        a.find.triggered.connect(lambda: self.find_bar.open_bar(self.panes.selected_text()))
        a.find_next.triggered.connect(lambda: self.find_bar.step_or_open(True))
        a.find_previous.triggered.connect(lambda: self.find_bar.step_or_open(False))
        a.add_note.triggered.connect(self._note_at_cursor)
        a.undo.triggered.connect(lambda: self.undo(True))
        a.redo.triggered.connect(lambda: self.undo(False))
        a.author.triggered.connect(lambda: ask_author(self, self.settings))
        a.next_topic.triggered.connect(lambda: self.topics.step(True))
        a.previous_topic.triggered.connect(lambda: self.topics.step(False))
        a.next_difference.triggered.connect(lambda: self.step_difference(True))
        a.previous_difference.triggered.connect(lambda: self.step_difference(False))
        a.whole.toggled.connect(self._set_whole)
        a.versions.toggled.connect(lambda _on: self._rebuild())
        for action in a.ignore.values():
            action.toggled.connect(lambda _on: self._rebuild())
        a.zoom_in.triggered.connect(lambda: self._zoom(1))
        a.zoom_out.triggered.connect(lambda: self._zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self._zoom(None))
        a.reset_layout.triggered.connect(self.reset_layout)
        a.synchronised.toggled.connect(self._set_synchronised)
        a.themes.triggered.connect(lambda action: self.set_theme(action.data()))
        a.about.triggered.connect(lambda: about(self, APP_NAME, __version__))
        a.shortcuts.triggered.connect(lambda: show_shortcuts(self, self.actions()))
        a.reference.activated.connect(lambda i: self.set_reference(a.reference.itemData(i)))
        self.topics.row_selected.connect(self._show_row)
        self.panes.section_focused.connect(self.notes.set_section)
        self.panes.note_requested.connect(self._start_note)
        self.panes.move_requested.connect(self.move_section)
        self.panes.unmove_requested.connect(lambda section: self.move_section(section, None))
        self.panes.remove_requested.connect(self.remove_document)
        self.panes.adopt_requested.connect(self.adopt_notes)
        self.terms.jump_requested.connect(self.jump_to_term)
        self.changes.jump_requested.connect(self.jump_to_change)
        self.find_bar.attach(self.panes, self._find_everywhere, self._row_label)
        self.find_bar.step.connect(self.step_find)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _restore(self) -> None:
        geometry, state = self.settings.layout("geometry"), self.settings.layout("state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.commands.theme[self.settings.theme].setChecked(True)
        self.commands.whole.setChecked(self.settings.whole_document)
        self.commands.synchronised.setChecked(self.settings.synchronised_scrolling)
        self.panes.synchronised = self.settings.synchronised_scrolling
        self.panes.set_zoom(self.settings.zoom)

    # -- requests -----------------------------------------------------------------------------

    @property
    def paths(self) -> list[str]:
        """The documents on screen, in order."""
        comparison = self.session.comparison
        return list(comparison.request.paths) if comparison else []

    def load_files(self, paths: Sequence[str], reference: str | None = None) -> int:
        """Compare `paths` (replacing the open documents), built in the background."""
        paths = [str(path) for path in paths]
        if not paths:
            self.close_all()
            return self.runner.generation
        return self._start(self._request(paths, reference))

    def add_files(self, paths: Sequence[str]) -> int | None:
        """Add `paths` to the documents open or being opened; files already there are skipped."""
        wanted = self._wanted or Request(())
        request = wanted.adding([str(path) for path in paths])
        if request is None:
            return None
        return self._start(self._request(list(request.paths), request.reference))

    def remove_document(self, doc: str) -> None:
        """Drop one document; the reference stays the same file when it is not the one."""
        if self._wanted is None or doc not in self._wanted.ids:
            return
        request = self._wanted.removing(doc)
        if not request.paths:
            self.close_all()
            return
        self.session.memory_overrides = []
        self._start(self._request(list(request.paths), request.reference))

    def set_reference(self, doc: str) -> None:
        if self._wanted is not None and doc != self._wanted.reference_id:
            self._start(replace(self._wanted, reference=doc))

    def _request(self, paths: list[str], reference: str | None) -> Request:
        if self._wanted is None or list(self._wanted.paths) != paths:
            self.session.memory_overrides = []
        ignore = frozenset(kind for kind, a in self.commands.ignore.items() if a.isChecked())
        overrides = tuple(self.session.memory_overrides)
        mode = AUTO if self.commands.versions.isChecked() else TOPICS
        return Request(tuple(paths), reference, mode, ignore, overrides)

    def _rebuild(self) -> None:
        """Build the same documents again (mode, ignored kinds or rows changed)."""
        if self._wanted is not None:
            self._start(self._request(list(self._wanted.paths), self._wanted.reference))

    def _start(self, request: Request) -> int:
        self._wanted = request
        self._issued = self.session.issue()
        cache = self._cache
        step = StoreStep(self.session.store.path, request.paths) if self.session.store else None
        self.work.opening(len(request.paths))
        return self.runner.start(
            lambda state: build(
                request, cache, state.progress, state.partial, state.cancelled, step
            )
        )

    # -- results ------------------------------------------------------------------------------

    def _apply(self, comparison: Comparison) -> None:
        self.session.apply(comparison, self._issued)  # the panels hear of it from the session

    def _on_changes(self, changes: Changes) -> None:
        """The window's own part of a change: the reference choice, the recent files, the
        status line and the signals that say how far the comparison is."""
        comparison = self.session.comparison
        if changes.rows:
            self.commands.fill_reference(comparison)
            paths = comparison.request.paths if comparison else ()
            if self.remember and paths and paths != self._remembered:
                self.settings.add_recent(list(paths))
            self._remembered = paths
            self.documents_changed.emit(len(comparison.ids) if comparison else 0)
        if changes.rows or changes.terms:
            self._settle()
        self._update_status()
        if comparison is not None:
            self.comparison_updated.emit()
        if changes.complete:
            self.comparison_ready.emit()

    def _update_export(self) -> None:
        self.commands.update_export(self.session.comparison is not None and not self.exporter.busy)

    def _settle(self) -> None:
        """Keep the worker paused a moment while the window lays out and paints new widgets:
        with the worker computing, every call Qt makes into Python would wait for the GIL
        (see `gil`)."""
        self.runner.hold(SETTLE_MS)

    def _on_failed(self, message: str) -> None:
        self._wanted = self.session.comparison.request if self.session.comparison else None
        self._update_status()
        self.load_failed.emit(message)
        if not self.quiet_errors:
            QMessageBox.warning(self, "Cannot open document", message)

    def _on_stopped(self) -> None:
        self._wanted = self.session.comparison.request if self.session.comparison else None
        self._update_status()
        self.work.flash("Cancelled")

    def _set_busy(self, busy: bool) -> None:
        self.work.set_busy(busy)
        self._update_status()

    def _update_status(self) -> None:
        if not self.runner.busy:
            self.work.summary(self.session.comparison, self.session.problem)

    # -- the current row ----------------------------------------------------------------------

    def _show_row(self, key: str | None) -> None:
        comparison = self.session.comparison
        row = comparison.row(key) if comparison and key else None
        self.panes.show_row(row)
        if row is not None and comparison is not None:
            order = [comparison.reference, *comparison.ids]
            first = next((row.cells[d][0] for d in order if row.cells.get(d)), None)
            self.notes.set_section(first)
        self.find_bar.refresh()

    def step_difference(self, forward: bool = True) -> bool:
        """Select the next (previous) difference, moving on to the next row that has one."""
        if self.panes.next_difference(forward):
            return True
        start = self.topics.current_key()
        while self.topics.step(forward):
            if self.panes.next_difference(forward):
                return True
        if start is not None:
            self.topics.select_key(start)
        self.work.flash("No more differences", 3000)
        return False

    def _find_everywhere(self, text: str, case: bool) -> list[RowMatches]:
        """The rows holding `text`, counted once per rows, text and order: a step of F3 into
        another topic asks three times (the step, the new row shown, the bar's count)."""
        comparison = self.session.comparison
        if comparison is None:
            return []
        order = tuple(self.topics.visible_keys())
        asked = (text, case, order)
        found = self._found
        if found is None or found[0] is not comparison.alignment or found[1] != asked:
            found = (comparison.alignment, asked, find_in_rows(comparison, text, case, order))
            self._found = found  # holds the alignment: identity, never a reused id
        return found[2]

    def _row_label(self, key: str) -> str:
        comparison = self.session.comparison
        row = comparison.row(key) if comparison is not None else None
        return row.label if row is not None else key

    def step_find(self, forward: bool = True) -> bool:
        """Select the next (previous) match: in the panes, then in the next row (as the topic
        list orders them) that holds one, around the list."""
        text, case = self.find_bar.text, self.find_bar.match_case
        if not text or self.panes.find_step(text, case, forward, wrap=False):
            return bool(text)
        holding = {row.key for row in self._find_everywhere(text, case)}
        order = self.topics.visible_keys()
        current = self.topics.current_key()
        start = order.index(current) if current in order else -1
        step = 1 if forward else -1
        after = [order[(start + step * i) % len(order)] for i in range(1, len(order) + 1)]
        target = next((key for key in after if key in holding), None)
        if target is None:
            self.work.flash(f"No match for “{text}” in any document", 3000)
            return False
        if target != current:
            self.topics.select_key(target)
        return self.panes.find_step(text, case, forward)

    def jump_to_change(self, entry: ChangeEntry) -> None:
        """Show a change list entry: its row (clearing filters that hide it), its words."""
        self.topics.reveal(entry.row)
        pane = self.panes.pane(entry.doc)
        if pane is not None:
            pane.select_document_range(entry.start, entry.end)

    def jump_to_term(self, doc: str, term: KeyTerm) -> None:
        """Show a key term's quote: select its row (clearing filters that hide it) and text."""
        comparison = self.session.comparison
        row = comparison.index.row_of(term.section) if comparison else None
        if row is None:
            return
        self.topics.reveal(row.key)
        pane = self.panes.pane(doc)
        if pane is not None and not pane.select_document_range(term.start, term.end):
            self.work.flash(f"{doc}: the quote is outside this row", 3000)

    # -- notes and moved sections -------------------------------------------------------------

    def _start_note(self, section_id: str, quote: str) -> None:
        dock = self.notes.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.notes.start_note(section_id, quote)

    def _note_at_cursor(self) -> None:
        found = self.panes.section_at_cursor()
        if found is not None:
            self._start_note(*found)

    def move_section(self, section_id: str, row_key: str | None) -> None:
        """Put a section in another row (None: back in its own), persisted in the review,
        and line the rows up again."""
        try:
            self.session.move_section(section_id, row_key)
        except StoreError as error:
            QMessageBox.warning(self, "Cannot move the section", str(error))
            return
        self._rebuild()

    def adopt_notes(self, doc: str) -> None:
        """The pane's "Move them here": the notes left with the earlier file of `doc`'s place
        move into it, and the rows are lined up again to show them."""
        try:
            moved = self.session.adopt_notes(doc)
        except StoreError as error:
            QMessageBox.warning(self, "Cannot move the notes", str(error))
            return
        self.work.flash(f"{moved} note{'s' if moved != 1 else ''} moved into {doc}", 6000)
        self._rebuild()

    def undo(self, back: bool = True) -> None:
        """Edit > Undo (`back`) or Redo the reviewer's last note or move; says what it did."""
        try:
            history = self.session.history
            step = history.undo() if back else history.redo()  # `.rebuild`: line rows up again
        except StoreError as error:
            QMessageBox.warning(self, "Cannot undo" if back else "Cannot redo", str(error))
            return
        if step is None:
            return
        self.work.flash(f"{'Undone' if back else 'Redone'}: {step.label.lower()}", 4000)
        if step.rebuild:
            self._rebuild()

    def _say_done(self, step: Step) -> None:
        """The status bar says what the reviewer's action did, and how to take it back."""
        keys = self.commands.undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.work.flash(f"{step.done} · {keys} undoes it", 6000)

    def _update_undo(self) -> None:
        """The Undo and Redo entries name what they would undo or redo, or are greyed out."""
        history = self.session.history
        for action, word, label in (
            (self.commands.undo, "&Undo", history.undo_label),
            (self.commands.redo, "&Redo", history.redo_label),
        ):
            action.setEnabled(label is not None)
            action.setText(f"{word} {label.lower()}" if label else word)

    # -- menus --------------------------------------------------------------------------------

    def open_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Compare contracts", "", file_filter())
        if paths:
            self.load_files(paths)

    def add_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add contracts", "", file_filter())
        if paths:
            self.add_files(paths)

    def close_all(self) -> None:
        self.runner.cancel()
        self._wanted = None
        self.session.clear()

    def _fill_recent(self) -> None:
        self.commands.fill(
            self.commands.recent_menu,
            [(path, partial(self.add_files, [path])) for path in self.settings.recent_files],
            "No recent files",
            [("Clear the list", self.settings.clear_recent)],
        )

    def _fill_reviews(self) -> None:
        entries = [
            (
                f"{review.name}  ({review.updated.replace('T', ' ')[:16]})",
                partial(self.load_files, review.paths, reference=review.reference),
            )
            for review in self.session.reviews()[:20]
        ]
        self.commands.fill(self.commands.reviews_menu, entries, "No saved reviews")

    def _fill_remove(self) -> None:
        comparison = self.session.comparison
        entries = (
            [
                (f"{doc} — {comparison.name(doc)}", partial(self.remove_document, doc))
                for doc in comparison.ids
            ]
            if comparison
            else []
        )
        self.commands.fill(self.commands.remove_menu, entries, "No documents open")

    def _export(self) -> None:
        """Ask where to save; the report is built and written on the export worker."""
        from viewer.gui.export import ask_report_file, export_task

        comparison = self.session.comparison
        if comparison is None:
            return
        try:
            chosen = ask_report_file(self, comparison)
        except UserError as error:
            QMessageBox.warning(self, "Export report", str(error))
            return
        if chosen is not None:
            notes = list(self.session.notes)
            path, fmt = chosen
            self.work.flash(f"Writing the report to {path}…", 0)
            self.exporter.start(export_task(comparison, notes, self.settings.author, fmt, path))

    def _print(self) -> None:
        """File > Print: the PDF report, written to a temporary file on the export worker,
        then printed from the GUI thread (the print dialog is a window's)."""
        comparison = self.session.comparison
        if comparison is None:
            return
        from viewer.gui.export import export_task

        folder = tempfile.mkdtemp(prefix="contract-compare-print-")
        self._print_path = os.path.join(folder, "review.pdf")
        notes = list(self.session.notes)
        self.work.flash("Preparing the report for printing…", 0)
        self.exporter.start(
            export_task(comparison, notes, self.settings.author, "pdf", self._print_path)
        )

    def _exported(self, path: object) -> None:
        if path == self._print_path:
            self._print_path = None
            self.work.flash("", 1)
            from viewer.gui.printing import print_pdf

            printed = print_pdf(self, str(path))
            shutil.rmtree(os.path.dirname(str(path)), ignore_errors=True)
            self.work.flash("Printed" if printed else "Printing cancelled", 4000)
            if printed:
                self.printed.emit()
            return
        self.work.flash(f"Report written to {path}", 8000)
        self._confirm_export(str(path))
        self.report_written.emit(str(path))

    def _confirm_export(self, path: str) -> None:
        """Say where the report went, with a button to open it: a status line alone is missed.
        Window-modal but not blocking (`open`), so work in the window can go on behind it."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export report",
            f"The report is written to {path}.",
            QMessageBox.StandardButton.Close,
            self,
        )
        opener = box.addButton("Open report", QMessageBox.ButtonRole.ActionRole)
        opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_confirmation = box
        box.open()

    def _export_failed(self, message: str) -> None:
        self.work.flash("The report was not written", 8000)
        if not self.quiet_errors:
            QMessageBox.warning(self, "Export report", message)

    # -- view ---------------------------------------------------------------------------------

    def _set_synchronised(self, on: bool) -> None:
        self.settings.synchronised_scrolling = on
        self.panes.synchronised = on

    def _set_whole(self, whole: bool) -> None:
        self.settings.whole_document = whole
        self.panes.set_whole(whole)

    def _zoom(self, step: int | None) -> None:
        self.settings.zoom = 0 if step is None else self.settings.zoom + step  # clamped there
        self.panes.set_zoom(self.settings.zoom)

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.panes.refresh_colours()
        self.topics.model.refresh()

    def _system_scheme_changed(self, _scheme) -> None:
        if self.settings.theme == "system":
            self.set_theme("system")

    # -- drag and drop, closing ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
        else:
            event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel()
        if not self.runner.wait(CLOSE_WAIT_MS):  # a build inside one long library call
            log.warning("closing while a build is still working; it ends on its own")
        if not self.exporter.wait(CLOSE_WAIT_MS):  # a report being written is let finish
            log.warning("closing while a report is still being written; it ends on its own")
        if self.remember:
            self.settings.set_layout("geometry", self.saveGeometry())
            self.settings.set_layout("state", self.saveState())
            self.settings.sync()
        if self.session.store is not None:
            self.session.store.close()
            self.session.store = None
        super().closeEvent(event)
