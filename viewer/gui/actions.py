"""The window's actions, menus and toolbar, with their shortcuts, in one place.

Kept out of the main window so that it stays about behaviour: the window connects to these
actions by name. Shortcuts are the platform's standard ones where one exists (Open, Find, Zoom,
Quit); the review ones are Alt+Down/Up for the next/previous topic and F7/Shift+F7 for the
next/previous difference, as in other compare tools.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from viewer.app.compare import Comparison
from viewer.core.compare.diff import IGNORABLE
from viewer.gui.settings import THEMES, Settings


def ask_author(parent: QWidget, settings: Settings) -> None:
    """Edit > Reviewer name: the name new notes are signed with."""
    name, ok = QInputDialog.getText(parent, "Reviewer name", "Sign notes as:", text=settings.author)
    if ok:
        settings.author = name


def about(parent: QWidget, name: str, version: str) -> None:
    QMessageBox.about(
        parent,
        f"About {name}",
        f"<b>{name}</b> {version}<br>Lines up contract terms by topic and shows what differs. "
        "Works offline: files never leave this computer.",
    )


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(menu, what it does, keys) for every action with a key, as the menus name them."""
    rows = []
    for action in actions:
        keys = ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
        )
        if keys:
            menu = action.property("menu") or ""
            rows.append((menu, action.text().replace("&", "").rstrip("…"), keys))
    return rows


def show_shortcuts(parent: QWidget, actions: Iterable[QAction]) -> QDialog:
    """Help > Keyboard shortcuts: every key of the window, read from its actions (so the list
    cannot fall behind them), by menu. Not modal: it can stay open beside the window."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableWidget(0, 3, dialog)
    table.setHorizontalHeaderLabels(["Menu", "Command", "Keys"])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for menu, command, keys in shortcut_rows(actions):
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate((menu, command, keys)):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


def tooltip(tip: str, shortcut: QKeySequence) -> str:
    """ "Find in every pane (Ctrl+F)": what an action does and the key that does it."""
    words = tip.replace("&", "").rstrip("…")
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{words} ({keys})" if keys else words


#: How wide a menu entry that names a file may grow: a long path is shortened in its middle,
#: keeping the folder's start and the file name, rather than running the menu off screen.
MENU_TEXT_WIDTH = 600


def elided(menu: QMenu, label: str) -> str:
    metrics = QFontMetrics(menu.font())
    return metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, MENU_TEXT_WIDTH)


class WindowActions(QObject):
    """Every action of the main window, created once; `install` puts them in menus."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        make = self._make
        standard = QKeySequence.StandardKey
        self.open = make("&Open…", _keys(standard.Open, "Ctrl+O"), "Compare these files")
        self.add = make("&Add documents…", ["Ctrl+Shift+O"], "Add files to the comparison")
        self.export = make("&Export report…", ["Ctrl+E"], "Save a report of this review")
        self.export.setEnabled(False)
        self.print = make(
            "&Print…", _keys(QKeySequence.StandardKey.Print, "Ctrl+P"), "Print the review's report"
        )
        self.print.setEnabled(False)
        self.close_all = make("&Close all", ["Ctrl+Shift+W"], "Close every document")
        self.quit = make("&Quit", _keys(standard.Quit, "Ctrl+Q"), "")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo = make("&Undo", _keys(standard.Undo, "Ctrl+Z"), "Undo the last note or move")
        self.redo = make("&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], "Do again what was undone")
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.find = make("&Find…", _keys(standard.Find, "Ctrl+F"), "Find in every pane")
        self.find_next = make("Find &next", _keys(standard.FindNext, "F3"), "")
        self.find_previous = make("Find pre&vious", _keys(standard.FindPrevious, "Shift+F3"), "")
        self.add_note = make("Add &note…", ["Ctrl+Shift+N"], "Note on the section at the cursor")
        self.author = make("Reviewer &name…", [], "The name your notes are signed with")
        self.next_topic = make("&Next topic", ["Alt+Down"], "")
        self.previous_topic = make("&Previous topic", ["Alt+Up"], "")
        self.next_difference = make("Next &difference", ["F7"], "")
        self.previous_difference = make("Previous di&fference", ["Shift+F7"], "")
        self.whole = make("&Whole documents", ["Ctrl+Shift+D"], "Show whole documents, scrolled")
        self.whole.setCheckable(True)
        self.synchronised = make(
            "&Synchronised scrolling", ["Ctrl+Shift+S"], "Scroll the panes together, row by row"
        )
        self.synchronised.setCheckable(True)
        self.versions = make(
            "Pair &versions section by section", [], "Two versions of one document: pair sections"
        )
        self.versions.setCheckable(True)
        self.versions.setChecked(True)
        self.ignore = {kind: make(f"Ignore {kind}", [], "") for kind in IGNORABLE}
        for action in self.ignore.values():
            action.setCheckable(True)
        self.zoom_in = make("Zoom &in", _keys(standard.ZoomIn, "Ctrl++"), "")
        self.zoom_out = make("Zoom &out", _keys(standard.ZoomOut, "Ctrl+-"), "")
        self.zoom_reset = make("&Reset zoom", ["Ctrl+0"], "")
        self.reset_layout = make("Reset &layout", [], "Every panel back where it starts")
        self.themes = QActionGroup(self)
        self.theme = {}
        for theme in THEMES:
            action = make(f"{theme.capitalize()} theme", [], "")
            action.setCheckable(True)
            action.setData(theme)
            self.themes.addAction(action)
            self.theme[theme] = action
        self.shortcuts = make("&Keyboard shortcuts", ["F1"], "Every key of the window")
        self.about = make("&About Contract Compare", [], "")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.recent_menu = QMenu("Open &recent", window)
        self.reviews_menu = QMenu("Reopen re&view", window)
        self.remove_menu = QMenu("&Remove document", window)
        self.reference = QComboBox()
        self.reference.setToolTip("The document every other one is compared with")
        self.reference.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def _make(self, text: str, keys: list, tip: str) -> QAction:
        action = QAction(text, self._window)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.setToolTip(tooltip(tip or text, action.shortcut()))
        self._window.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def install(self, docks: list[QAction]) -> QToolBar:
        """Fill the menu bar and create the main toolbar (returned)."""
        bar = self._window.menuBar()
        file = bar.addMenu("&File")
        self.file_menu = file
        file.addActions([self.open, self.add])
        file.addMenu(self.recent_menu)
        file.addMenu(self.reviews_menu)
        file.addMenu(self.remove_menu)
        file.addSeparator()
        file.addActions([self.export, self.print])
        file.addSeparator()
        file.addActions([self.close_all, self.quit])
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.find, self.find_next, self.find_previous])
        edit.addSeparator()
        edit.addActions([self.add_note, self.author])
        view = bar.addMenu("&View")
        view.addActions([self.next_topic, self.previous_topic])
        view.addActions([self.next_difference, self.previous_difference])
        view.addSeparator()
        view.addActions([self.whole, self.synchronised, self.versions])
        ignore = view.addMenu("&Ignore in differences")
        ignore.addActions(list(self.ignore.values()))
        view.addSeparator()
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        view.addActions(list(self.theme.values()))
        view.addSeparator()
        view.addActions(docks)
        view.addAction(self.reset_layout)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])
        for menu in (file, edit, view, ignore, help_menu):
            for action in menu.actions():
                action.setProperty("menu", menu.title().replace("&", ""))

        toolbar = QToolBar("Main toolbar", self._window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.open, self.add])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" Reference: "))
        toolbar.addWidget(self.reference)
        toolbar.addSeparator()
        toolbar.addActions([self.previous_topic, self.next_topic])
        toolbar.addActions([self.previous_difference, self.next_difference])
        toolbar.addSeparator()
        toolbar.addAction(self.whole)
        self._window.addToolBar(toolbar)
        return toolbar

    # -- menus that list things, filled as they open --------------------------------------------

    @staticmethod
    def fill(
        menu: QMenu,
        entries: Sequence[tuple[str, Callable[[], object]]],
        empty: str,
        extra: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """Refill `menu` with one action per (label, callback), or a disabled `empty` line;
        `extra` entries follow a separator when there are entries."""
        menu.clear()
        menu.setToolTipsVisible(True)
        for label, callback in entries:
            action = menu.addAction(elided(menu, label))
            action.setToolTip(label)  # the whole name, where the menu shows it shortened
            action.triggered.connect(lambda _checked=False, c=callback: c())
        if not entries:
            menu.addAction(empty).setEnabled(False)
            return
        if extra:
            menu.addSeparator()
            for label, callback in extra:
                menu.addAction(label).triggered.connect(lambda _checked=False, c=callback: c())

    def fill_reference(self, comparison: Comparison | None) -> None:
        """The reference selector lists the documents, the reference chosen."""
        self.reference.clear()
        if comparison is None:
            return
        for doc in comparison.ids:
            self.reference.addItem(f"{doc} — {comparison.name(doc)}", doc)
        self.reference.setCurrentIndex(comparison.ids.index(comparison.reference))

    def update_export(self, has_review: bool) -> None:
        """File > Export report needs a comparison to report on."""
        self.export.setEnabled(has_review)
        self.print.setEnabled(has_review)
