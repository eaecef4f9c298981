"""The database file: our schema and pragmas, and every file we must refuse left untouched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from viewer.store import Store, StoreError, database


def test_a_new_database_has_the_schema_wal_and_our_mark(db: str) -> None:
    Store.open(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(database.MIGRATIONS)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "reviews", "review_documents", "notes", "overrides"} <= tables


def test_foreign_keys_and_the_status_check_hold(store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute(
            "INSERT INTO notes (doc_sha256, section_path, quote, offset, section_offset, status, "
            "text, author, created, updated) VALUES ('nope', '[]', '', 0, 0, 'ok', '', '', '', '')"
        )


def test_the_default_database_lives_in_the_user_data_folder() -> None:
    path = Store.open().path
    assert path.startswith(os.environ["XDG_DATA_HOME"]) and path.endswith("reviews.sqlite")


def _our_database_with_a_note(path: str, contract) -> None:
    with Store.open(path) as store:
        store.add_note(contract(), "A:1", "ok", "keep me")


def _corrupt(path: str, contract) -> None:
    _our_database_with_a_note(path, contract)
    data = bytearray(Path(path).read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)  # every table page after the schema page
    Path(path).write_bytes(bytes(data))


def _foreign(path: str, contract) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


def _newer(path: str, contract) -> None:
    _our_database_with_a_note(path, contract)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


BAD_FILES = {
    "text": (lambda path, _: Path(path).write_text("notes: remember the cap\n"), "not an SQLite"),
    "binary": (lambda path, _: Path(path).write_bytes(os.urandom(5000)), "not an SQLite"),
    "truncated": (
        lambda path, _: Path(path).write_bytes(database.HEADER + b"\0" * 20),
        "corrupt",
    ),
    "corrupt": (_corrupt, "corrupt"),
    "foreign": (_foreign, "another program"),
    "newer": (_newer, "newer Contract Compare"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_and_left_byte_identical(db: str, contract, kind: str) -> None:
    make, message = BAD_FILES[kind]
    make(db, contract)
    for extra in ("-wal", "-shm"):
        if os.path.exists(db + extra):
            os.remove(db + extra)
    before = Path(db).read_bytes()
    with pytest.raises(StoreError, match=message) as caught:
        Store.open(db).add_note(contract(), "A:1", "ok", "x")
    assert "\n" not in str(caught.value) and db in str(caught.value)
    assert Path(db).read_bytes() == before
    assert not os.path.exists(db + "-wal")


def test_a_read_only_database_is_refused(db: str, contract, monkeypatch) -> None:
    _our_database_with_a_note(db, contract)
    before = Path(db).read_bytes()
    os.chmod(db, 0o444)
    try:
        if os.access(db, os.W_OK):  # root may write anything: see the file as others do
            monkeypatch.setattr(database.os, "access", lambda path, mode: not mode & os.W_OK)
        with pytest.raises(StoreError, match="read-only"):
            Store.open(db)
    finally:
        os.chmod(db, 0o644)
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize("where", ["directory", "missing-folder"])
def test_a_path_that_cannot_be_a_database(tmp_path: Path, where: str) -> None:
    path = tmp_path if where == "directory" else tmp_path / "nowhere" / "db.sqlite"
    with pytest.raises(StoreError, match=str(path)):
        Store.open(path)


def test_a_locked_database_says_so_in_one_line(db: str, contract) -> None:
    _our_database_with_a_note(db, contract)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(db, timeout=0.1) as store, pytest.raises(StoreError, match="locked"):
            store.add_note(contract(), "A:1", "ok", "waits in vain")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(db) as store:
        assert [n.text for n in store.notes()] == ["keep me"]


def test_a_migration_backs_up_the_database_first(db: str, contract, monkeypatch) -> None:
    _our_database_with_a_note(db, contract)

    def add_tags(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notes ADD COLUMN tags TEXT")

    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS, add_tags])
    with Store.open(db) as store:
        assert [n.text for n in store.notes()] == ["keep me"]
    version = len(database.MIGRATIONS) - 1
    backup = sqlite3.connect(f"{db}.schema-{version}.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    assert backup.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    columns = {row[1] for row in sqlite3.connect(db).execute("PRAGMA table_info(notes)")}
    assert "tags" in columns


def test_a_failed_migration_changes_nothing(db: str, contract, monkeypatch) -> None:
    _our_database_with_a_note(db, contract)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notes ADD COLUMN tags TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS, broken])
    with pytest.raises(StoreError, match="disk I/O"):
        Store.open(db)
    monkeypatch.undo()
    with Store.open(db) as store:
        assert [n.text for n in store.notes()] == ["keep me"]


def test_a_newer_schema_is_refused_before_sqlite_writes_a_byte(db: str, contract) -> None:
    """Not even the journal mode or the change counter moves (issue 26, case 4)."""
    _our_database_with_a_note(db, contract)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = Path(db).read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer Contract Compare"):
            Store.open(db) if not read_only else Store.open(db, read_only=True)
        assert Path(db).read_bytes() == before
        assert not os.path.exists(db + "-wal") and not os.path.exists(db + "-shm")


@pytest.mark.parametrize("damage", ["DROP TABLE documents", "ALTER TABLE notes DROP COLUMN quote"])
def test_a_database_missing_a_table_or_column_is_refused_in_one_line(
    db: str, contract, damage: str
) -> None:
    _our_database_with_a_note(db, contract)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(damage)
    conn.commit()
    conn.close()
    before = Path(db).read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="damaged") as caught:
            Store.open(db, read_only=read_only).place_notes(contract())
        assert "\n" not in str(caught.value) and db in str(caught.value)
    assert Path(db).read_bytes() == before


def test_reading_only_never_touches_the_file_and_sees_every_note(db: str, contract) -> None:
    """`report` reads the database as it is (issue 26, case 7): no write lock, no journal
    files, not even an older schema is migrated on disk; edited documents' notes are placed."""
    from tests.store.test_anchors import CAP_QUOTE, INSERTED

    with Store.open(db) as store:
        store.add_note(contract(), "A:2.2", "concern", "Cap too low", quote=CAP_QUOTE)
    before = Path(db).read_bytes()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a window writing at the same time
    try:
        with Store.open(db, read_only=True) as store:
            [note] = store.place_notes(contract(INSERTED))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (note.text, note.section) == ("Cap too low", "A:3.2")
    assert Path(db).read_bytes() == before
    with Store.open(db) as store:  # the move was not saved
        assert store.notes()[0].section == "A:2.2"
