"""The open review on the GUI thread: the newest comparison, its notes, and the store.

The item models and panes read through this one object, so a note added in the notes panel is
counted in the topic list and marked in the panes from the same list. Every change to the
session is told to its listeners as one `Changes` notice (what changed: rows, key terms, word
diffs, notes), like Anki's OpChanges: each panel subscribes and redraws only what a notice
touches, and no one reaches into the panels from outside. Notes are written at once through
the store (one small transaction per action). The worker places the notes of the documents
with its own connection while it builds; a note written after that build was requested is kept
in a journal and laid over the build's notes, so it never flickers away. No Qt here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from viewer.app.compare import Comparison, ReviewData
from viewer.app.history import History, Step
from viewer.core.model import AlignmentRow, Override, SectionTree
from viewer.core.records import record, replace
from viewer.store import LeftBehind, Note, Review, Store, StoreError

log = logging.getLogger(__name__)


def review_name(paths: Sequence[str]) -> str:
    """The review a set of files belongs to: their names, in order (same files, same review)."""
    return " + ".join(Path(path).name for path in paths)


def open_store(path: str) -> Store:
    """The review database at `path`, its folder created on first use."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise StoreError(f"{path}: cannot create the folder {folder} ({reason})") from None
    return Store.open(path)


class StoreStep:
    """The store's part of a build (`compare.build`): the review's overrides, and its
    documents' notes placed in them.

    The window records the review as it opens it (`record`: its files and reference, for File
    > Reopen review); `contract-compare report` only looks it up, so that a report and the
    window show the same rows, and only reads the database (a report can be made from a
    database on a full or read-only disk). Runs on the build's thread with a connection of its
    own.
    """

    def __init__(self, db_path: str, paths: Sequence[str], record: bool = True) -> None:
        self._db_path = db_path
        self._name = review_name(paths)
        self._record = record

    def __call__(self, trees: Sequence[SectionTree], reference: str) -> ReviewData:
        """The review's data; without notes, saying why, when the store cannot be used."""
        try:
            return self.read(trees, reference)
        except StoreError as error:
            log.warning("review store unavailable: %s", error)
            return ReviewData(problem=str(error))

    def read(self, trees: Sequence[SectionTree], reference: str) -> ReviewData:
        """The review's data; raises StoreError when the store cannot be used."""
        if not self._record and not os.path.exists(self._db_path):
            return ReviewData()  # nothing reviewed yet; a report creates no database
        if self._record:
            store = open_store(self._db_path)
        else:
            store = Store.open(self._db_path, read_only=True)
        with store:
            if self._record:
                review: Review | None = store.save_review(self._name, trees, reference)
            else:
                review = store.find_review(self._name)
            overrides = tuple(store.overrides(review.id, trees)) if review else ()
            notes = tuple(store.review_notes(review.id if review else None, trees))
            left = tuple(store.left_behind(review.id, trees)) if review and self._record else ()
        return ReviewData(review.id if review else None, overrides, notes, left_behind=left)


@record
class Changes:
    """What one change of the session touched.

    `rows`: new rows (other documents, reference, mode or ignored kinds, a moved section):
    everything shown is laid out again. `terms`: the key terms. `diffs`: the keys of the rows
    whose word differences arrived. `notes`: notes were placed, added, edited or deleted.
    `complete`: the comparison on screen is whole (rows, key terms and every diff).
    """

    rows: bool = False
    terms: bool = False
    diffs: frozenset[str] = frozenset()
    notes: bool = False
    complete: bool = False


Listener = Callable[[Changes], None]


class ReviewSession:
    """What the window shows and edits: the comparison snapshot and the notes on it."""

    def __init__(self, store: Store | None = None, store_problem: str | None = None) -> None:
        self.store = store
        self._store_problem = store_problem
        self.comparison: Comparison | None = None
        self.notes: list[Note] = []
        self.memory_overrides: list[Override] = []  # when no store can keep them
        self._review: ReviewData | None = None
        self._sequence = 0  # counts requests and note writes, in the order they happened
        self._journal: list[tuple[int, str, Note | int]] = []
        self._listeners: list[Listener] = []
        self.history = History()  # the reviewer's actions on this review, to undo

    @classmethod
    def open(cls, db_path: str | None) -> ReviewSession:
        """A session keeping notes in `db_path`; without notes (and saying why) when the
        database cannot be used, or when `db_path` is None."""
        if db_path is None:
            return cls()
        try:
            return cls(open_store(db_path))
        except StoreError as error:
            log.warning("notes disabled: %s", error)
            return cls(None, str(error))

    # -- change notices -----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Tell `listener` of every change from now on. Listeners are told in the order they
        subscribed (the window subscribes its panes before the topic list, whose selection
        shows a row in them)."""
        self._listeners.append(listener)

    def _tell(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # -- snapshots ----------------------------------------------------------------------------

    def issue(self) -> int:
        """Mark the moment a build is requested; pass the number to `apply`."""
        self._sequence += 1
        return self._sequence

    def apply(self, comparison: Comparison, issued: int) -> Changes:
        """Take a snapshot of the build requested at `issued` and tell what it changed."""
        previous = self.comparison
        self.comparison = comparison
        notes = comparison.review is not self._review
        if previous is None or previous.review.review_id != comparison.review.review_id:
            self.history.clear()  # another review: its actions are not this one's
        if notes:
            self._review = comparison.review
            self.notes = list(comparison.review.notes)
            for sequence, action, item in self._journal:
                if sequence > issued:
                    self._replay(action, item)
            self._journal = [entry for entry in self._journal if entry[0] > issued]
        rows = previous is None or previous.alignment is not comparison.alignment
        old = {} if previous is None or rows else previous.diffs
        changes = Changes(
            rows=rows,
            terms=previous is None or previous.terms is not comparison.terms,
            diffs=frozenset(
                key for key, diff in comparison.diffs.items() if old.get(key) is not diff
            ),
            notes=notes,
            complete=comparison.complete,
        )
        self._tell(changes)
        return changes

    def clear(self) -> None:
        """No documents open: every panel is emptied."""
        self.comparison = None
        self.notes = []
        self.memory_overrides = []
        self._review = None
        self._journal = []
        self.history.clear()
        self._tell(Changes(rows=True, terms=True, notes=True))

    @property
    def review_id(self) -> int | None:
        return self.comparison.review.review_id if self.comparison else None

    @property
    def problem(self) -> str | None:
        """Why notes cannot be kept, in one line (no store, or the store refused)."""
        if self.comparison is not None and self.comparison.review.problem:
            return self.comparison.review.problem
        if self.store is None:
            return self._store_problem or "no review database"
        return None

    @property
    def can_note(self) -> bool:
        return self.store is not None and self.review_id is not None

    # -- reading notes ------------------------------------------------------------------------

    def notes_on(self, section_id: str) -> list[Note]:
        return [note for note in self.notes if note.section == section_id]

    def notes_of(self, doc: str) -> list[Note]:
        """Every note of one document, orphaned ones included."""
        if self.comparison is None:
            return []
        sha = self.comparison.tree(doc).document.sha256
        return [note for note in self.notes if note.doc == doc and note.doc_sha256 == sha]

    def note_count(self, row: AlignmentRow) -> int:
        ids = {sid for cell in row.cells.values() for sid in cell}
        return sum(1 for note in self.notes if note.section in ids)

    def note(self, note_id: int) -> Note | None:
        return next((note for note in self.notes if note.id == note_id), None)

    # -- writing notes (each one transaction, at once) -----------------------------------------

    def add_note(
        self, section_id: str, status: str, text: str, author: str, quote: str | None = None
    ) -> Note:
        store, comparison = self._writable()
        tree = self._tree_of(comparison, section_id)
        note = store.add_note(
            tree, section_id, status, text, author=author, quote=quote,
            review_id=self.review_id, position=comparison.ids.index(tree.doc),
        )  # fmt: skip
        self._record("put", note)
        deleted: dict[str, object] = {}
        self.history.push(
            Step(
                "Add note",
                undo=lambda: deleted.update(self._remove_note(note.id)),
                redo=lambda: self._restore_note(deleted, note),
                done="Note added",
            )
        )
        return note

    def edit_note(
        self, note_id: int, *, status: str | None = None, text: str | None = None
    ) -> Note:
        old = self.note(note_id)
        note = self._edit_note(note_id, status, text)
        if old is not None:
            self.history.push(
                Step(
                    "Edit note",
                    undo=lambda: self._edit_note(note_id, old.status, old.text),
                    redo=lambda: self._edit_note(note_id, status, text),
                    done="Note saved",
                )
            )
        return note

    def _edit_note(self, note_id: int, status: str | None, text: str | None) -> Note:
        store, _ = self._writable()
        note = store.edit_note(note_id, status=status, text=text)
        old = self.note(note_id)
        if old is not None:  # the store reports the stored anchor; keep where it is shown
            note = replace(
                note, section=old.section, orphaned=old.orphaned, offset=old.offset,
                doc=old.doc, doc_path=old.doc_path,
            )  # fmt: skip
        self._record("put", note)
        return note

    def delete_note(self, note_id: int) -> None:
        shown = self.note(note_id)
        row = self._remove_note(note_id)
        if shown is not None:
            self.history.push(
                Step(
                    "Delete note",
                    undo=lambda: self._restore_note(row, shown),
                    redo=lambda: self._remove_note(note_id),
                    done="Note deleted",
                )
            )

    def _remove_note(self, note_id: int) -> dict[str, object]:
        store, _ = self._writable()
        row = store.delete_note(note_id)
        self._record("delete", note_id)
        return row

    def _restore_note(self, row: dict[str, object], shown: Note) -> None:
        """Put a deleted note back, shown where it was."""
        store, _ = self._writable()
        note = store.restore_note(row)
        self._record("put", replace(shown, text=note.text, status=note.status))

    def _writable(self) -> tuple[Store, Comparison]:
        if self.store is None or self.comparison is None:
            raise StoreError(f"notes cannot be saved: {self.problem or 'no documents open'}")
        return self.store, self.comparison

    def _record(self, action: str, item: Note | int) -> None:
        self._sequence += 1
        self._journal.append((self._sequence, action, item))
        self._replay(action, item)
        self._tell(Changes(notes=True))

    def _replay(self, action: str, item: Note | int) -> None:
        if action == "delete":
            self.notes = [note for note in self.notes if note.id != item]
            return
        assert isinstance(item, Note)
        for index, note in enumerate(self.notes):
            if note.id == item.id:
                self.notes[index] = item
                return
        self.notes.append(item)

    def left_behind(self, doc: str) -> LeftBehind | None:
        """Notes of `doc`'s slot that stay with an earlier, different file there, if any."""
        if self.comparison is None or doc not in self.comparison.ids:
            return None
        position = self.comparison.ids.index(doc)
        found = self.comparison.review.left_behind
        return next((left for left in found if left.position == position), None)

    def adopt_notes(self, doc: str) -> int:
        """The reviewer says `doc` is a new version of the earlier file of its slot: its notes
        move in (a rebuild shows them). Returns how many moved."""
        store, comparison = self._writable()
        left = self.left_behind(doc)
        if left is None or self.review_id is None:
            return 0
        return store.adopt_notes(self.review_id, left.position, left.sha256, comparison.tree(doc))

    # -- moving sections between rows ----------------------------------------------------------

    def has_override(self, section_id: str) -> bool:
        return self.moved_to(section_id) is not None

    def moved_to(self, section_id: str) -> str | None:
        """The row a section was moved to by the reviewer, if it was."""
        if self.comparison is None:
            return None
        overrides = self.comparison.review.overrides if self.store else self.memory_overrides
        return next((o.row for o in overrides if o.section == section_id), None)

    def move_section(self, section_id: str, row_key: str | None) -> None:
        """Persist that `section_id` belongs in row `row_key` (None: back in the row the
        alignment gives it); a rebuild shows it there."""
        before = self.moved_to(section_id)
        self._put_override(section_id, row_key)
        self.history.push(
            Step(
                "Move section" if row_key is not None else "Return section",
                undo=lambda: self._put_override(section_id, before),
                redo=lambda: self._put_override(section_id, row_key),
                done="Section moved" if row_key is not None else "Section back in its own row",
                rebuild=True,
            )
        )

    def _put_override(self, section_id: str, row_key: str | None) -> None:
        self.memory_overrides = [o for o in self.memory_overrides if o.section != section_id]
        if self.store is None or self.review_id is None or self.comparison is None:
            if row_key is not None:
                self.memory_overrides.append(Override(section_id, row_key))
            return
        tree = self._tree_of(self.comparison, section_id)
        position = self.comparison.ids.index(tree.doc)
        if row_key is None:
            self.store.delete_override(self.review_id, tree, section_id, position)
        else:
            self.store.save_override(self.review_id, tree, Override(section_id, row_key), position)

    @staticmethod
    def _tree_of(comparison: Comparison, section_id: str) -> SectionTree:
        tree = comparison.index.tree_of(section_id)
        if tree is None:
            raise StoreError(f"no section {section_id} in the documents open")
        return tree

    # -- reviews ------------------------------------------------------------------------------

    def reviews(self) -> list[Review]:
        if self.store is None:
            return []
        try:
            return self.store.reviews()
        except StoreError as error:
            log.warning("cannot list reviews: %s", error)
            return []
