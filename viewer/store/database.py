"""Opening the review database safely: refuse what is not ours, migrate with a backup first.

A reviewer's notes are the most valuable data the app holds, so a file is checked before
SQLite writes a byte to it: a file that is not SQLite, a SQLite file of another program, a
corrupt one, or one written by a newer version is refused and left exactly as it was. Ours is
marked with an application id in the header. WAL mode lets a reader and a writer work at once;
the busy timeout makes a second writer wait its turn instead of failing.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable

from viewer.core.errors import UserError

log = logging.getLogger(__name__)

APPLICATION_ID = 0x43435256  # "CCRV": Contract Compare ReView, in the file header at byte 68
HEADER = b"SQLite format 3\x00"


class StoreError(UserError):
    """A database that cannot be used, or a request it cannot carry out; one line of text."""


def _schema_1(conn: sqlite3.Connection) -> None:
    for statement in (
        """CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, language TEXT,
            format TEXT, pages INTEGER, added TEXT NOT NULL, seen TEXT NOT NULL)""",
        "CREATE INDEX documents_path ON documents(path)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, reference TEXT NOT NULL,
            created TEXT NOT NULL, updated TEXT NOT NULL)""",
        """CREATE TABLE review_documents (
            review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            PRIMARY KEY (review_id, position))""",
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            review_id INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
            doc_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            section TEXT, section_path TEXT NOT NULL, quote TEXT NOT NULL,
            offset INTEGER NOT NULL, section_offset INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'concern', 'question', 'negotiate')),
            text TEXT NOT NULL, author TEXT NOT NULL,
            created TEXT NOT NULL, updated TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX notes_document ON notes(doc_sha256)",
        """CREATE TABLE overrides (
            review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
            doc_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            section TEXT NOT NULL, row TEXT NOT NULL,
            PRIMARY KEY (review_id, doc_sha256, section))""",
    ):
        conn.execute(statement)


def _schema_2(conn: sqlite3.Connection) -> None:
    """A review's documents become slots: a note or a moved section belongs to a position in
    its review (byte-identical files in two slots are two documents), each slot keeps its own
    path, and each document a sketch of its wording to tell a new version from another file."""
    for statement in (
        "ALTER TABLE documents ADD COLUMN sketch TEXT",
        "ALTER TABLE review_documents ADD COLUMN path TEXT",
        """UPDATE review_documents SET path =
            (SELECT d.path FROM documents d WHERE d.sha256 = review_documents.sha256)""",
        "ALTER TABLE notes ADD COLUMN position INTEGER",
        """UPDATE notes SET position = (SELECT min(r.position) FROM review_documents r
            WHERE r.review_id = notes.review_id AND r.sha256 = notes.doc_sha256)""",
        "CREATE INDEX notes_slot ON notes(review_id, position)",
        """CREATE TABLE slot_overrides (
            review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, section TEXT NOT NULL, row TEXT NOT NULL,
            PRIMARY KEY (review_id, position, section))""",
        """INSERT OR IGNORE INTO slot_overrides (review_id, position, section, row)
            SELECT o.review_id, r.position, o.section, o.row FROM overrides o
            JOIN review_documents r ON r.review_id = o.review_id AND r.sha256 = o.doc_sha256
            ORDER BY o.rowid""",
        "DROP TABLE overrides",
        "ALTER TABLE slot_overrides RENAME TO overrides",
    ):
        conn.execute(statement)


# Schema version N is reached by running MIGRATIONS[N-1]; append, never edit a released one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_schema_1, _schema_2]


def connect(path: str, timeout: float) -> sqlite3.Connection:
    """A checked, migrated connection to the database at `path` (created when missing)."""
    _check_file(path)
    _check_writable(path)
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot be opened ({error})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if os.path.getsize(path) > 0:
            _check_contents(conn, path)
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise StoreError(f"{path}: cannot switch to write-ahead logging")
        # FULL: a note acknowledged to the reviewer survives a power cut, not just a crash
        conn.execute("PRAGMA synchronous = FULL")
        _migrate(conn, path)
    except sqlite3.Error as error:
        conn.close()
        raise explain(path, error) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: str) -> sqlite3.Connection:
    """A private, writable copy in memory of the database at `path`, which is only read.

    For a report: it reads notes, and placing them in edited documents writes new anchors; on
    a copy those writes cost nothing and the file is never touched, so a database on a full or
    read-only disk still yields its report. An older schema is migrated in the copy alone.
    """
    _check_file(path)
    if not os.path.exists(path):
        raise StoreError(f"{path}: no such database")
    source = _open_read_only(path)
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source.backup(copy)
        copy.execute("PRAGMA foreign_keys = ON")
        _migrate(copy, path, keep_backup=False)
    except sqlite3.Error as error:
        copy.close()
        raise explain(path, error) from None
    finally:
        source.close()
    return copy


def _open_read_only(path: str) -> sqlite3.Connection:
    """A checked read-only connection."""
    try:
        return _checked(f"{_uri(path)}?mode=ro", path)
    except sqlite3.OperationalError:
        pass  # no -shm file can be made there (a read-only folder): read the file as it is
    try:
        return _checked(f"{_uri(path)}?mode=ro&immutable=1", path)
    except sqlite3.OperationalError as error:
        raise explain(path, error) from None


def _checked(uri: str, path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        _check_contents(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _uri(path: str) -> str:
    from urllib.parse import quote

    return "file:" + quote(os.path.abspath(path))


def explain(path: str, error: sqlite3.Error) -> StoreError:
    """One line for an SQLite error, in the reviewer's terms."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return StoreError(f"{path}: the database is locked by another program; try again")
    if "readonly" in message or "read-only" in message:
        return StoreError(f"{path}: the database is read-only")
    if "malformed" in message or "not a database" in message:
        return StoreError(f"{path}: the database is corrupt ({message}); it was left untouched")
    return StoreError(f"{path}: database error ({message})")


def _check_file(path: str) -> None:
    """Refuse, before SQLite opens it, a file that is not a Contract Compare database."""
    if os.path.isdir(path):
        raise StoreError(f"{path}: is a directory, not a database file")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StoreError(f"{path}: the folder {folder} does not exist")
    if not os.path.exists(path):
        return
    size = os.path.getsize(path)
    if size == 0:
        return  # SQLite's own empty database
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(f"{path}: cannot be read ({error.strerror})") from None
    if not header.startswith(HEADER):
        raise StoreError(f"{path}: is not a Contract Compare database (not an SQLite file)")
    if len(header) < 100:
        raise StoreError(f"{path}: the database is corrupt (truncated header)")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path}: is the database of another program, not Contract Compare")
    _check_version(path, int.from_bytes(header[60:64], "big"))


def _check_version(path: str, version: int) -> None:
    """Refuse a schema this version cannot read, read from the header before SQLite opens
    the file (opening it for writing would already change its journal mode)."""
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path}: was written by a newer Contract Compare (schema {version}); update the app"
        )


def _check_writable(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path):
        if not os.access(folder, os.W_OK):
            raise StoreError(f"{path}: cannot create the database, the folder is read-only")
        return
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise StoreError(f"{path}: the database is read-only (or its folder is)")


def _check_contents(conn: sqlite3.Connection, path: str) -> None:
    """Ours, not corrupt, and (at the current schema) with every table and column of it."""
    _check_integrity(conn, path)
    if conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        _check_tables(conn, path)


def _check_integrity(conn: sqlite3.Connection, path: str) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and tables:
        raise StoreError(f"{path}: is the database of another program, not Contract Compare")
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise StoreError(f"{path}: the database is corrupt ({result}); it was left untouched")


def _check_tables(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a database of the current schema that lacks a table or column of it (damaged
    by hand or by another tool), before anything reads or writes it."""
    have = _columns(conn)
    for table, columns in _expected_columns().items():
        if table not in have:
            raise StoreError(f"{path}: the database is damaged (no table {table}); left untouched")
        missing = sorted(columns - have[table])
        if missing:
            raise StoreError(
                f"{path}: the database is damaged (table {table} lacks {', '.join(missing)}); "
                "left untouched"
            )


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {
        table: {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')} for table in tables
    }


@functools.cache
def _expected_columns() -> dict[str, set[str]]:
    """The tables and columns of the current schema, as its migrations make them."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS:
            migration(conn)
        return _columns(conn)
    finally:
        conn.close()


def _migrate(conn: sqlite3.Connection, path: str, keep_backup: bool = True) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    _check_version(path, version)
    if version == len(MIGRATIONS):
        return
    if version > 0 and keep_backup:
        backup(conn, path, version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # another process may have migrated while this one waited for the lock
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, len(MIGRATIONS)):
            log.info("migrating %s to schema %d", path, number + 1)
            MIGRATIONS[number](conn)
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def backup(conn: sqlite3.Connection, path: str, version: int) -> str:
    """A consistent copy of the database as it is, next to it, before a migration."""
    target = f"{path}.schema-{version}.bak"
    partial = target + ".partial"
    copy = sqlite3.connect(partial)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    shutil.move(partial, target)  # a half-written backup never carries the final name
    log.info("backed up %s to %s before migrating", path, target)
    return target
