"""`contract-compare notes`: the JSON contract, the table, and one-line errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.conftest import VERSION_1
from viewer.cli import main

FIELDS = [
    "id", "doc_sha256", "doc_path", "section", "quote", "status", "text", "author", "created",
    "updated", "orphaned",
]  # fmt: skip


@pytest.fixture
def doc(tmp_path: Path) -> str:
    path = tmp_path / "tern.txt"
    path.write_text(VERSION_1, encoding="utf-8")
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_edit_delete(capsys, tmp_path: Path, doc: str) -> None:
    db = str(tmp_path / "n.sqlite")
    code, out, _ = run(
        capsys, "notes", "add", "--db", db, "--doc", doc, "--section", "A:2.2",
        "--status", "concern", "--text", "Cap <b>& low", "--author", "ana", "--quote", "capped",
    )  # fmt: skip
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(capsys, "notes", "list", "--db", db, "--json")
    (note,) = json.loads(out)["notes"]
    assert list(note) == FIELDS
    assert (note["section"], note["quote"], note["text"], note["orphaned"]) == (
        "A:2.2", "capped", "Cap <b>& low", False
    )  # fmt: skip
    assert run(capsys, "notes", "edit", "--db", db, "1", "--status", "ok")[0] == 0
    code, out, _ = run(capsys, "notes", "list", "--db", db, "--doc", doc)
    assert code == 0 and "ok" in out and "A:2.2" in out and "Cap <b>& low" in out
    assert run(capsys, "notes", "delete", "--db", db, "1")[0] == 0
    assert run(capsys, "notes", "list", "--db", db)[1] == "no notes\n"


def test_list_with_doc_reanchors_an_edited_file(capsys, tmp_path: Path, doc: str) -> None:
    db = str(tmp_path / "n.sqlite")
    run(capsys, "notes", "add", "--db", db, "--doc", doc, "--section", "3.1", "--status",
        "question", "--text", "30 days?", "--quote", "thirty days' written notice")  # fmt: skip
    Path(doc).write_text(
        "Preface line.\n\n" + VERSION_1.replace("3. Termination\n3.1", "4. Exit\n4.1")
    )
    code, out, _ = run(capsys, "notes", "list", "--db", db, "--doc", doc, "--json")
    (note,) = json.loads(out)["notes"]
    assert code == 0 and note["section"] == "A:4.1" and not note["orphaned"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--section", "A:7", "--status", "ok"], "no such section"),
        (["--section", "A:1", "--status", "good"], "unknown status"),
        (["--section", "A:1", "--status", "ok", "--quote", "not in there"], "not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, doc, args, message) -> None:
    db = str(tmp_path / "n.sqlite")
    code, out, err = run(capsys, "notes", "add", "--db", db, "--doc", doc, "--text", "x", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize("action", [["list"], ["delete", "1"], ["edit", "1", "--text", "x"]])
def test_a_file_that_is_not_a_database_is_refused_untouched(capsys, tmp_path, action) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(b"my notes, not a database\n")
    code, _, err = run(capsys, "notes", action[0], "--db", str(db), *action[1:])
    assert code == 2 and err.count("\n") == 1 and "not an SQLite file" in err
    assert db.read_bytes() == b"my notes, not a database\n"


def test_an_unreadable_document_is_one_line(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "n.sqlite")
    code, _, err = run(capsys, "notes", "list", "--db", db, "--doc", str(tmp_path / "gone.txt"))
    assert code == 2 and err.count("\n") == 1 and "gone.txt" in err


def test_a_note_stays_with_its_content_and_moves_only_when_told(capsys, tmp_path, doc) -> None:
    """Issue 26, case 1: an unrelated file put at the note's path does not get the note; the
    original content under another name does; `notes move` says it is a version after all."""
    from tests.store.test_slots import UNRELATED

    db = str(tmp_path / "n.sqlite")
    run(capsys, "notes", "add", "--db", db, "--doc", doc, "--section", "A:2.2",
        "--status", "concern", "--text", "Cap too low")  # fmt: skip
    Path(doc).write_text(UNRELATED, encoding="utf-8")
    assert run(capsys, "notes", "list", "--db", db, "--doc", doc)[1] == "no notes\n"
    moved = tmp_path / "renamed.txt"
    moved.write_text(VERSION_1, encoding="utf-8")
    _, out, _ = run(capsys, "notes", "list", "--db", db, "--doc", str(moved), "--json")
    [note] = json.loads(out)["notes"]
    assert (note["section"], note["orphaned"], note["doc_path"]) == ("A:2.2", False, str(moved))

    moved.unlink()
    assert run(capsys, "notes", "move", "--db", db, "--from", note["doc_sha256"][:10],
               "--doc", doc)[:2] == (0, "1\n")  # fmt: skip
    _, out, _ = run(capsys, "notes", "list", "--db", db, "--doc", doc, "--json")
    assert [n["orphaned"] for n in json.loads(out)["notes"]] == [True]
    code, _, err = run(capsys, "notes", "move", "--db", db, "--from", "abcdef", "--doc", doc)
    assert code == 2 and "no document with notes" in err
