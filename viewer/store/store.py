"""The review store: notes, reviews and alignment overrides in one SQLite file.

Documents are known by the SHA-256 of their bytes, so a note follows the content, not the file
name; a file that changed at the same path is an edited version, and its notes are re-anchored
into it (`place_notes`). Every user action is one `BEGIN IMMEDIATE` transaction: a second
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
from viewer.store import anchors
from viewer.store.database import StoreError, connect, explain

STATUSES = NOTE_STATUSES
_ANCHOR_ROWS = (
    "SELECT n.id, n.doc_sha256, n.section, n.section_path, n.quote, n.offset, "
    "n.section_offset, n.orphaned FROM notes n JOIN documents d ON d.sha256 = n.doc_sha256"
)
_NOTE_COLUMNS = (
    "n.id, n.review_id, n.doc_sha256, d.path, n.section, n.section_path, n.quote, n.offset, "
    "n.status, n.text, n.author, n.created, n.updated, n.orphaned"
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

    @functools.cached_property
    def _db(self):
        """sqlite-utils over the same connection, for writes; made on first use because its
        import (~0.1 s) would double the time of `notes list`."""
        from sqlite_utils import Database

        return Database(self._conn, recursive_triggers=False, execute_plugins=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, timeout: float = 10.0) -> Store:
        if path is None:
            path = default_db_path()
            os.makedirs(os.path.dirname(path), exist_ok=True)
        path = os.fspath(path)
        return cls(connect(path, timeout), path)

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
        return doc.sha256

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
    ) -> Note:
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
                 "updated": now},
            ).last_pk  # fmt: skip
            return self._note(conn, note_id, tree.doc)

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

    def delete_note(self, note_id: int) -> None:
        with self._action() as conn:
            self._note(conn, note_id)
            self._db.table("notes").delete(note_id)

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
        """This document's notes, with those of its earlier versions re-anchored into it;
        orphaned ones included. New anchors are saved.

        An earlier version is a stored document with other bytes at the same path (edited in
        place), or one renamed as well as edited: its file is gone, its title is this one's,
        and at least half of its notes' quotes stand in this text word for word.
        """
        doc = tree.document
        with self._action() as conn:
            sha = self._remember(conn, tree)
            rows = conn.execute(
                f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? OR (d.path = ? AND n.doc_sha256 != ?) "
                "ORDER BY n.id",
                (sha, _abs(doc.path), sha),
            ).fetchall()
            rows += self._renamed_versions(conn, tree, sha)
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
            found = conn.execute(
                f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN documents d "
                "ON d.sha256 = n.doc_sha256 WHERE n.doc_sha256 = ? ORDER BY n.id",
                (sha,),
            ).fetchall()
        return [_note_from(row, tree.doc) for row in found]

    def _renamed_versions(self, conn: sqlite3.Connection, tree: SectionTree, sha: str) -> list:
        """The anchor rows of the notes of a document this one was renamed and edited from."""
        if not tree.title:
            return []
        others = conn.execute(
            "SELECT sha256, path FROM documents WHERE title = ? AND sha256 != ? AND path != ? "
            "AND sha256 IN (SELECT doc_sha256 FROM notes) ORDER BY seen DESC",
            (tree.title, sha, _abs(tree.document.path)),
        ).fetchall()
        for other_sha, other_path in others:
            if os.path.exists(other_path):
                continue  # both files are there: two documents, not one that moved
            rows = conn.execute(
                f"{_ANCHOR_ROWS} WHERE n.doc_sha256 = ? ORDER BY n.id", (other_sha,)
            ).fetchall()
            if anchors.recognisable(tree, [_anchor(*row[2:7]) for row in rows]):
                return rows
        return []

    def _note(self, conn: sqlite3.Connection, note_id: int, doc: str = "A") -> Note:
        row = conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN documents d "
            "ON d.sha256 = n.doc_sha256 WHERE n.id = ?",
            (note_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no note with id {note_id}")
        return _note_from(row, doc)

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
                "INSERT INTO review_documents (review_id, position, sha256) VALUES (?, ?, ?)",
                [(review_id, position, sha) for position, sha in enumerate(shas)],
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
            "SELECT d.path, d.sha256 FROM review_documents r JOIN documents d "
            "ON d.sha256 = r.sha256 WHERE r.review_id = ? ORDER BY r.position",
            (review_id,),
        ).fetchall()
        paths = tuple(path for path, _ in documents)
        shas = tuple(sha for _, sha in documents)
        return Review(row[0], row[1], row[2], paths, shas, row[3], row[4])

    def save_override(self, review_id: int, tree: SectionTree, override: Override) -> None:
        section = _section(tree, override.section)
        with self._action() as conn:
            sha = self._remember(conn, tree)
            conn.execute(
                "INSERT INTO overrides (review_id, doc_sha256, section, row) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(review_id, doc_sha256, section) DO UPDATE SET row = excluded.row",
                (review_id, sha, section.key, override.row),
            )

    def delete_override(self, review_id: int, tree: SectionTree, section_id: str) -> None:
        with self._action() as conn:
            conn.execute(
                "DELETE FROM overrides WHERE review_id = ? AND doc_sha256 = ? AND section = ?",
                (review_id, tree.document.sha256, _section(tree, section_id).key),
            )

    def overrides(self, review_id: int, trees: Sequence[SectionTree]) -> list[Override]:
        """The review's overrides for these documents, in their section ids."""
        docs = {tree.document.sha256: tree.doc for tree in trees}
        with self._action(write=False) as conn:
            rows = conn.execute(
                "SELECT doc_sha256, section, row FROM overrides WHERE review_id = ? ORDER BY rowid",
                (review_id,),
            ).fetchall()
        return [
            Override(section_id(docs[sha], section), row)
            for sha, section, row in rows
            if sha in docs
        ]


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


def _note_from(row: tuple, doc: str) -> Note:
    (note_id, review_id, sha, path, section, section_path, quote, offset,
     status, text, author, created, updated, orphaned) = row  # fmt: skip
    placed = None if orphaned or section is None else section_id(doc, section)
    return Note(
        note_id, review_id, sha, path, placed,
        tuple(json.loads(section_path)), quote, offset, status, text, author, created, updated,
        bool(orphaned),
    )  # fmt: skip
