"""Real processes on a real file: concurrent writers and a writer killed mid-stream."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

from tests.conftest import ROOT
from viewer.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from viewer.core.compare.service import load_trees
    from viewer.store import Store

    db, doc, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    tree = load_trees([doc])[0]
    with Store.open(db) as store:
        for number in range(count):
            note = store.add_note(tree, "A:1", "ok", f"{name} {number}", name)
            print(note.id, flush=True)  # acknowledged: the transaction has committed
    """
)


def _writer(db: str, doc: str, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, db, doc, name, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_adding_notes_at_once_lose_nothing(db: str, contract) -> None:
    doc = contract().document.path
    Store.open(db).close()
    writers = [_writer(db, doc, name, 150) for name in ("ana", "bo")]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    with Store.open(db) as store:
        texts = sorted(note.text for note in store.notes())
    assert texts == sorted(f"{name} {n}" for name in ("ana", "bo") for n in range(150))


def test_a_writer_killed_mid_stream_loses_no_acknowledged_note(db: str, contract) -> None:
    doc = contract().document.path
    writer = _writer(db, doc, "ana", 100_000)  # stops by itself if never killed
    acknowledged = []
    for line in writer.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) == 200:
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=60)
    writer.stdout.close()
    writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store.open(db) as store:
        stored = {note.id for note in store.notes()}
        assert set(acknowledged) <= stored
        store.add_note(contract(), "A:1", "ok", "after the crash")
