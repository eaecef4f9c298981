"""The review store: notes, reviews and alignment overrides in one SQLite file.

Documents are known by the SHA-256 of their bytes, so a note follows the content, not the file
name. A review's documents are its slots (position, path, content): a note made in a review
belongs to its slot, so byte-identical files in two slots keep their own notes, and follows the
slot's content into a new version; a note made outside a review belongs to its content wherever
that is opened. A file that changed at the same path is a new version only when its wording
mostly stands (`versions`); its notes are then re-anchored into it (`review_notes`). An
unrelated file at an old path is a new document, unless the reviewer says otherwise
(`move_notes`). Every user action is one `BEGIN IMMEDIATE` transaction: a second
process waits for the write lock (busy timeout) instead of failing half-way, and a crash leaves
either the whole action or none of it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence

from viewer.core.model import NOTE_STATUSES, Override, SectionTree, section_id
from viewer.core.records import record
from viewer.store import anchors, versions
from viewer.store.database import StoreError, connect, connect_read_only, explain

STATUSES = NOTE_STATUSES
_IDS_AT_ONCE = 900  # under SQLite's oldest limit of variables in one statement (999)
_ANCHOR_ROWS = (
    "SELECT n.id, n.doc_sha256, n.section, n.section_path, n.quote, n.offset, "
    "n.section_offset, n.orphaned FROM notes n JOIN documents d ON d.sha256 = n.doc_sha256"
)
_NOTE_COLUMNS = (
    "n.id, n.review_id, n.doc_sha256, d.path, n.section, n.section_path, n.quote, n.offset, "
    "n.status, n.text, n.author, n.created, n.updated, n.orphaned, n.position"
)


@record
class Note:
    id: int
    review_id: int | None
    doc_sha256: str
    doc_path: str
    section: str | None  # full section id ("A:4.1"); None when orphaned
    section_path: tuple[str, ...]
    quote: str
    offset: int
    status: str
    text: str
    author: str
    created: str
    updated: str
    orphaned: bool
    position: int | None = None  # the note's slot in its review; None when made outside one
    doc: str = "A"  # the document id it is placed in, in this comparison


@record
class LeftBehind:
    """Notes of a review slot that stay with an earlier, different file of that slot."""

    position: int
    sha256: str
    path: str  # where that file was last seen
    count: int


@record
class Review:
    id: int
    name: str
    reference: str
    paths: tuple[str, ...]
    shas: tuple[str, ...]
    created: str
    updated: str


def default_db_path() -> str:
    """`reviews.sqlite` in the platform's user data folder (created on first use)."""
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("contract-compare", appauthor=False), "reviews.sqlite")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Store:
    """One open review database. Safe to share between threads (one lock per action)."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._sketches: dict[str, str] = {}

    @functools.cached_property
    def _db(self):
        """sqlite-utils over the same connection, for writes; made on first use because its
        import (~0.1 s) would double the time of `notes list`."""
        from sqlite_utils import Database

        return Database(self._conn, recursive_triggers=False, execute_plugins=False)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        timeout: float = 10.0,
        read_only: bool = False,
    ) -> Store:
        """The database at `path` (default: the user's). `read_only`: the file is only read,
        into a private copy whose changes (new anchors) are never saved."""
        if path is None:
            path = default_db_path()
            if not read_only:
                os.makedirs(os.path.dirname(path), exist_ok=True)
        path = os.fspath(path)
        return cls(connect_read_only(path) if read_only else connect(path, timeout), path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _action(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One user action: one transaction, SQLite errors turned into one line."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise explain(self.path, error) from None

    # documents -----------------------------------------------------------------------------

    def _remember(self, conn: sqlite3.Connection, tree: SectionTree) -> str:
        doc = tree.document
        now = _now()
        seen = {"path": _abs(doc.path), "title": tree.title, "seen": now}
        documents = self._db.table("documents")
        documents.insert(
            {"sha256": doc.sha256, "language": doc.language, "format": doc.format,
             "pages": doc.pages, "added": now, **seen},
            ignore=True,
        )  # fmt: skip
        documents.update(doc.sha256, seen)
        if doc.sha256 not in self._sketches:
            stored = conn.execute(
                "SELECT sketch FROM documents WHERE sha256 = ?", (doc.sha256,)
            ).fetchone()[0]
            self._sketches[doc.sha256] = stored or versions.sketch(doc.text)
            if stored is None:
                documents.update(doc.sha256, {"sketch": self._sketches[doc.sha256]})
        return doc.sha256

    def _is_version(self, conn: sqlite3.Connection, other_sha: str, tree: SectionTree) -> bool:
        """Is the stored document `other_sha` an earlier version of `tree` (remembered)?
        Documents stored before sketches were kept are judged by their notes' quotes."""
        found = conn.execute("SELECT sketch FROM documents WHERE sha256 = ?", (other_sha,))
        other = (found.fetchone() or (None,))[0]
        if other is not None:
            return versions.is_version(other, self._sketches[tree.document.sha256])
        rows = conn.execute(
            f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? ORDER BY n.id", (other_sha,)
        ).fetchall()
        return anchors.recognisable(tree, [_anchor(*row[2:7]) for row in rows])

    # notes ---------------------------------------------------------------------------------

    def add_note(
        self,
        tree: SectionTree,
        section_id: str,
        status: str,
        text: str,
        author: str = "",
        quote: str | None = None,
        review_id: int | None = None,
        position: int | None = None,
    ) -> Note:
        """A note on a section; `position` is its document's slot in review `review_id`."""
        _check_status(status)
        section = _section(tree, section_id)
        anchor = anchors.make_anchor(tree, section, quote)
        if anchor is None:
            raise StoreError(f"--quote: not found in section {section.id} of {tree.document.path}")
        now = _now()
        with self._action() as conn:
            sha = self._remember(conn, tree)
            note_id = self._db.table("notes").insert(
                {"review_id": review_id, "doc_sha256": sha, "section": anchor.section,
                 "section_path": json.dumps(anchor.path), "quote": anchor.quote,
                 "offset": anchor.offset, "section_offset": anchor.section_offset,
                 "status": status, "text": text, "author": author, "created": now,
                 "updated": now, "position": position if review_id is not None else None},
            ).last_pk  # fmt: skip
            return self._note(conn, note_id, tree.doc, tree.document.path)

    def edit_note(
        self,
        note_id: int,
        *,
        status: str | None = None,
        text: str | None = None,
        author: str | None = None,
    ) -> Note:
        if status is not None:
            _check_status(status)
        changes = {"status": status, "text": text, "author": author}
        changes = {key: value for key, value in changes.items() if value is not None}
        with self._action() as conn:
            self._note(conn, note_id)  # refuses an unknown id
            self._db.table("notes").update(note_id, {**changes, "updated": _now()})
            return self._note(conn, note_id)

    def delete_note(self, note_id: int) -> dict[str, object]:
        """Delete a note; returns its stored row, which `restore_note` puts back (undo)."""
        with self._action() as conn:
            self._note(conn, note_id)
            row = self._db.table("notes").get(note_id)
            self._db.table("notes").delete(note_id)
            return row

    def restore_note(self, row: dict[str, object]) -> Note:
        """Put a deleted note back as it was, under its own id."""
        with self._action() as conn:
            self._db.table("notes").insert(row)
            return self._note(conn, int(row["id"]))  # type: ignore[call-overload]

    def notes(self, doc_sha256: str | None = None, review_id: int | None = None) -> list[Note]:
        """The notes as stored, oldest first; section ids as for the document alone (`A:`)."""
        where: list[str] = []
        params: list[object] = []
        if doc_sha256 is not None:
            where.append("n.doc_sha256 = ?")
            params.append(doc_sha256)
        if review_id is not None:
            where.append("n.review_id = ?")
            params.append(review_id)
        sql = f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN documents d ON d.sha256 = n.doc_sha256"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._action(write=False) as conn:
            rows = conn.execute(sql + " ORDER BY n.id", params).fetchall()
        return [_note_from(row, "A") for row in rows]

    def place_notes(self, tree: SectionTree) -> list[Note]:
        """This document's notes (of any review), with those of its earlier versions
        re-anchored into it; orphaned ones included. New anchors are saved."""
        return self.review_notes(None, [tree])

    def review_notes(self, review_id: int | None, trees: Sequence[SectionTree]) -> list[Note]:
        """The notes of a review whose slots hold `trees`, in slot order, placed in them.

        Each slot shows its own notes (those of its earlier versions re-anchored into it) and,
        in the first slot holding a content, the notes made on that content outside this
        review's slots and those of its earlier versions. An earlier version is a stored
        document whose wording mostly stands in this one (`versions`) and that was at the same
        path, or was renamed as well as edited (its file is gone, its title is this one's,
        and at least half of its notes' quotes stand in this text word for word).
        """
        placed: list[Note] = []
        with self._action() as conn:
            shown: set[str] = set()
            for position, tree in enumerate(trees):
                sha = self._remember(conn, tree)
                rows = self._slot_rows(conn, tree, review_id, position)
                if sha not in shown:
                    shown.add(sha)
                    rows += self._content_rows(conn, tree, review_id)
                self._place(conn, tree, rows)
                ids = sorted({row[0] for row in rows})
                for start in range(0, len(ids), _IDS_AT_ONCE):
                    chunk = ids[start : start + _IDS_AT_ONCE]
                    found = conn.execute(
                        f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN documents d ON d.sha256 = "
                        f"n.doc_sha256 WHERE n.id IN ({','.join('?' * len(chunk))}) ORDER BY n.id",
                        chunk,
                    ).fetchall()
                    placed += [_note_from(row, tree.doc, tree.document.path) for row in found]
        return placed

    def _slot_rows(
        self, conn: sqlite3.Connection, tree: SectionTree, review_id: int | None, position: int
    ) -> list:
        """The anchor rows of the notes of one slot that belong to its content now."""
        if review_id is None:
            return []
        rows = conn.execute(
            f"{_ANCHOR_ROWS} WHERE n.review_id = ? AND n.position = ? ORDER BY n.id",
            (review_id, position),
        ).fetchall()
        sha = tree.document.sha256
        keep = {s for s in {row[1] for row in rows} if s == sha or self._is_version(conn, s, tree)}
        return [row for row in rows if row[1] in keep]

    def _content_rows(
        self, conn: sqlite3.Connection, tree: SectionTree, review_id: int | None
    ) -> list:
        """The anchor rows of the notes on this content (and on its earlier versions) that
        belong to no slot of this review; another review's slot notes follow only their own
        slot into a new version."""
        sha = tree.document.sha256
        rows = conn.execute(
            f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? AND NOT "
            "(n.position IS NOT NULL AND n.review_id IS ?) ORDER BY n.id",
            (sha, review_id),
        ).fetchall()
        earlier = conn.execute(
            f"{_ANCHOR_ROWS} WHERE d.path = ? AND n.doc_sha256 != ? AND n.position IS NULL "
            "ORDER BY n.id",
            (_abs(tree.document.path), sha),
        ).fetchall()
        versions_of = {s for s in {row[1] for row in earlier} if self._is_version(conn, s, tree)}
        rows += [row for row in earlier if row[1] in versions_of]
        return rows + self._renamed_versions(conn, tree, sha)

    def _place(self, conn: sqlite3.Connection, tree: SectionTree, rows: list) -> None:
        """Re-anchor into `tree` the notes of these rows that are not placed in it yet."""
        sha = tree.document.sha256
        known = {s.key for s in tree.sections}
        for note_id, note_sha, section, path, quote, offset, section_offset, _ in rows:
            if note_sha == sha and section in known:
                continue
            placed = anchors.place(tree, _anchor(section, path, quote, offset, section_offset))
            conn.execute(
                "UPDATE notes SET doc_sha256 = ?, section = ?, offset = ?, "
                "section_offset = ?, orphaned = ? WHERE id = ?",
                (
                    sha, placed.section, placed.offset, placed.section_offset,
                    int(placed.orphaned), note_id,
                ),
            )  # fmt: skip

    def left_behind(self, review_id: int, trees: Sequence[SectionTree]) -> list[LeftBehind]:
        """The notes of each slot that stay with an earlier file of that slot which is not a
        version of the file there now (`review_notes` does not show them): the window offers
        to move them in, as `notes move` does."""
        found = []
        with self._action() as conn:
            for position, tree in enumerate(trees):
                sha = self._remember(conn, tree)
                rows = conn.execute(
                    "SELECT n.doc_sha256, d.path, count(*) FROM notes n JOIN documents d ON "
                    "d.sha256 = n.doc_sha256 WHERE n.review_id = ? AND n.position = ? AND "
                    "n.doc_sha256 != ? GROUP BY n.doc_sha256 ORDER BY min(n.id)",
                    (review_id, position, sha),
                ).fetchall()
                found += [
                    LeftBehind(position, other, path, count)
                    for other, path, count in rows
                    if not self._is_version(conn, other, tree)
                ]
        return found

    def adopt_notes(self, review_id: int, position: int, source_sha: str, tree: SectionTree) -> int:
        """The reviewer says the file in slot `position` is a new version of the earlier one
        (`source_sha`) after all: that slot's notes on it move in, re-anchored."""
        with self._action() as conn:
            self._remember(conn, tree)
            rows = conn.execute(
                f"{_ANCHOR_ROWS} WHERE n.review_id = ? AND n.position = ? AND n.doc_sha256 = ? "
                "ORDER BY n.id",
                (review_id, position, source_sha),
            ).fetchall()
            self._place(conn, tree, rows)
            return len(rows)

    def move_notes(self, source: str, tree: SectionTree) -> int:
        """The reviewer says `tree` is a new version of the document `source` (a path it was
        seen at, or the start of its SHA-256): its notes move into `tree`, re-anchored.
        Returns how many moved."""
        with self._action() as conn:
            sha = self._remember(conn, tree)
            found = conn.execute(
                "SELECT DISTINCT d.sha256 FROM documents d JOIN notes n ON n.doc_sha256 = "
                "d.sha256 WHERE d.sha256 != ? AND (d.path = ? OR (length(?) >= 6 AND "
                "d.sha256 LIKE ? || '%'))",
                (sha, _abs(source), source, source.lower()),
            ).fetchall()
            if len(found) != 1:
                what = "no document with notes" if not found else "more than one document"
                raise StoreError(f"--from {source}: {what} matches (give more of its SHA-256)")
            rows = conn.execute(
                f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? ORDER BY n.id", (found[0][0],)
            ).fetchall()
            self._place(conn, tree, rows)
            return len(rows)

    def _renamed_versions(self, conn: sqlite3.Connection, tree: SectionTree, sha: str) -> list:
        """The anchor rows of the notes of a document this one was renamed and edited from."""
        if not tree.title:
            return []
        others = conn.execute(
            "SELECT sha256, path FROM documents WHERE title = ? AND sha256 != ? AND path != ? "
            "AND sha256 IN (SELECT doc_sha256 FROM notes WHERE position IS NULL) "
            "ORDER BY seen DESC",
            (tree.title, sha, _abs(tree.document.path)),
        ).fetchall()
        for other_sha, other_path in others:
            if os.path.exists(other_path):
                continue  # both files are there: two documents, not one that moved
            rows = conn.execute(
                f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? AND n.position IS NULL ORDER BY n.id",
                (other_sha,),
            ).fetchall()
            if anchors.recognisable(tree, [_anchor(*row[2:7]) for row in rows]):
                return rows
        return []

    def _note(
        self, conn: sqlite3.Connection, note_id: int, doc: str = "A", doc_path: str | None = None
    ) -> Note:
        row = conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN documents d "
            "ON d.sha256 = n.doc_sha256 WHERE n.id = ?",
            (note_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no note with id {note_id}")
        return _note_from(row, doc, doc_path)

    # reviews and overrides -----------------------------------------------------------------

    def save_review(self, name: str, trees: Sequence[SectionTree], reference: str = "A") -> Review:
        """Create the review `name`, or update its documents and reference."""
        now = _now()
        with self._action() as conn:
            shas = [self._remember(conn, tree) for tree in trees]
            conn.execute(
                "INSERT INTO reviews (name, reference, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET reference = excluded.reference, "
                "updated = excluded.updated",
                (name, reference, now, now),
            )
            review_id = conn.execute("SELECT id FROM reviews WHERE name = ?", (name,)).fetchone()[0]
            conn.execute("DELETE FROM review_documents WHERE review_id = ?", (review_id,))
            conn.executemany(
                "INSERT INTO review_documents (review_id, position, sha256, path) "
                "VALUES (?, ?, ?, ?)",
                [
                    (review_id, position, sha, _abs(tree.document.path))
                    for position, (sha, tree) in enumerate(zip(shas, trees, strict=True))
                ],
            )
            return self._review(conn, review_id)

    def find_review(self, name: str) -> Review | None:
        """The review called `name`, if there is one (nothing is written)."""
        with self._action(write=False) as conn:
            found = conn.execute("SELECT id FROM reviews WHERE name = ?", (name,)).fetchone()
            return self._review(conn, found[0]) if found else None

    def reviews(self) -> list[Review]:
        with self._action(write=False) as conn:
            ids = conn.execute("SELECT id FROM reviews ORDER BY updated DESC, id DESC").fetchall()
            return [self._review(conn, review_id) for (review_id,) in ids]

    def review(self, review_id: int) -> Review:
        with self._action(write=False) as conn:
            return self._review(conn, review_id)

    def _review(self, conn: sqlite3.Connection, review_id: int) -> Review:
        row = conn.execute(
            "SELECT id, name, reference, created, updated FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no review with id {review_id}")
        documents = conn.execute(
            "SELECT coalesce(r.path, d.path), d.sha256 FROM review_documents r JOIN documents d "
            "ON d.sha256 = r.sha256 WHERE r.review_id = ? ORDER BY r.position",
            (review_id,),
        ).fetchall()
        paths = tuple(path for path, _ in documents)
        shas = tuple(sha for _, sha in documents)
        return Review(row[0], row[1], row[2], paths, shas, row[3], row[4])

    def save_override(
        self, review_id: int, tree: SectionTree, override: Override, position: int | None = None
    ) -> None:
        """Keep that a section of slot `position` (default: the slot holding `tree`'s content)
        belongs in another row."""
        section = _section(tree, override.section)
        with self._action() as conn:
            self._remember(conn, tree)
            conn.execute(
                "INSERT INTO overrides (review_id, position, section, row) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(review_id, position, section) DO UPDATE SET row = excluded.row",
                (review_id, _slot(conn, review_id, tree, position), section.key, override.row),
            )

    def delete_override(
        self, review_id: int, tree: SectionTree, section_id: str, position: int | None = None
    ) -> None:
        with self._action() as conn:
            conn.execute(
                "DELETE FROM overrides WHERE review_id = ? AND position = ? AND section = ?",
                (review_id, _slot(conn, review_id, tree, position), _section(tree, section_id).key),
            )

    def overrides(self, review_id: int, trees: Sequence[SectionTree]) -> list[Override]:
        """The review's overrides for these documents, in their section ids: by slot when
        `trees` are the review's slots, else by content."""
        with self._action(write=False) as conn:
            slots = dict(
                conn.execute(
                    "SELECT position, sha256 FROM review_documents WHERE review_id = ?",
                    (review_id,),
                ).fetchall()
            )
            rows = conn.execute(
                "SELECT position, section, row FROM overrides WHERE review_id = ? ORDER BY rowid",
                (review_id,),
            ).fetchall()
        if len(slots) == len(trees):
            docs = {position: tree.doc for position, tree in enumerate(trees)}
        else:
            by_sha: dict[str, str] = {}
            for tree in trees:
                by_sha.setdefault(tree.document.sha256, tree.doc)
            docs = {p: by_sha[sha] for p, sha in slots.items() if sha in by_sha}
        return [
            Override(section_id(docs[position], section), row)
            for position, section, row in rows
            if position in docs
        ]


def _slot(conn: sqlite3.Connection, review_id: int, tree: SectionTree, position: int | None) -> int:
    """The position given, else the first slot of the review holding `tree`'s content."""
    if position is not None:
        return position
    found = conn.execute(
        "SELECT min(position) FROM review_documents WHERE review_id = ? AND sha256 = ?",
        (review_id, tree.document.sha256),
    ).fetchone()[0]
    if found is None:
        raise StoreError(f"{tree.document.path}: is not a document of this review")
    return found


def _anchor(section: str | None, path: str, quote: str, offset: int, section_offset: int):
    """A note's stored anchor columns as an `anchors.Anchor`."""
    return anchors.Anchor(section or "", tuple(json.loads(path)), quote, offset, section_offset)


def _abs(path: str) -> str:
    return os.path.abspath(path)


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"--status {status}: unknown status (use one of {', '.join(STATUSES)})")


def _section(tree: SectionTree, section_id: str):
    wanted = anchors.local_id(section_id)
    for section in tree.sections:
        if section.key == wanted:
            return section
    raise StoreError(
        f"--section {section_id}: no such section in {tree.document.path} "
        "(see `contract-compare sections` for the ids)"
    )


def _note_from(row: tuple, doc: str, doc_path: str | None = None) -> Note:
    """A note from its row; `doc_path`: the path of the slot it is shown in, when placed."""
    (note_id, review_id, sha, path, section, section_path, quote, offset,
     status, text, author, created, updated, orphaned, position) = row  # fmt: skip
    placed = None if orphaned or section is None else section_id(doc, section)
    return Note(
        note_id, review_id, sha, doc_path or path, placed,
        tuple(json.loads(section_path)), quote, offset, status, text, author, created, updated,
        bool(orphaned), position, doc,
    )  # fmt: skip
