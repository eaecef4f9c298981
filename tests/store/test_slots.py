"""What a note is attached to: a review's slot and the content in it (README, "Notes").

A review's documents are its slots (position, path, content). A note made in a review belongs
to its slot and follows the content of that slot into a recognised new version; a note made
outside a review belongs to the content, wherever it is opened. Byte-identical files in two
slots (two vendors on one template) stay two documents; an unrelated file put at an old path is
a new document, not a new version, unless the reviewer says so (`move_notes`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from viewer.core.compare.service import load_trees
from viewer.core.model import Override
from viewer.store import Store

from .conftest import VERSION_1
from .test_anchors import INSERTED, OTHER_VENDOR

UNRELATED = """Harbour Catering Menu Conditions

1. Orders
Orders for buffets are confirmed by telephone at least two working days before the event.

2. Allergies
Guests tell the kitchen about allergies when they book; every dish is labelled.
"""


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _review(store: Store, paths: list[str]):
    trees = load_trees(paths)
    review = store.save_review(" + ".join(Path(p).name for p in paths), trees)
    return review, trees


def test_identical_files_in_two_slots_keep_their_names_and_their_own_notes(store, tmp_path):
    paths = [
        _write(tmp_path, "ours.txt", OTHER_VENDOR),
        _write(tmp_path, "ads.txt", VERSION_1),
        _write(tmp_path, "analytics.txt", VERSION_1),  # byte-identical to ads.txt
    ]
    review, trees = _review(store, paths)
    assert review.paths == tuple(paths)
    store.add_note(trees[1], "B:2.2", "concern", "Ads cap", review_id=review.id, position=1)
    store.add_note(trees[2], "C:2.2", "question", "Analytics cap", review_id=review.id, position=2)

    for _ in range(2):  # as opened, and again after File > Reopen review
        review, trees = _review(store, paths)
        placed = store.review_notes(review.id, trees)
        assert sorted((n.text, n.section, n.doc_path) for n in placed) == [
            ("Ads cap", "B:2.2", paths[1]),
            ("Analytics cap", "C:2.2", paths[2]),
        ]
        assert store.review(review.id).paths == tuple(paths)


def test_identical_files_get_a_note_made_outside_the_review_once(store, tmp_path):
    paths = [_write(tmp_path, "ads.txt", VERSION_1), _write(tmp_path, "analytics.txt", VERSION_1)]
    store.add_note(load_trees(paths[:1])[0], "A:1", "ok", "on the template")
    review, trees = _review(store, paths)
    assert [(n.text, n.section) for n in store.review_notes(review.id, trees)] == [
        ("on the template", "A:1")
    ]


def test_moving_a_section_in_one_of_two_identical_slots_moves_only_that_one(store, tmp_path):
    paths = [_write(tmp_path, "ads.txt", VERSION_1), _write(tmp_path, "analytics.txt", VERSION_1)]
    review, trees = _review(store, paths)
    store.save_override(review.id, trees[1], Override("B:3", "fees"), position=1)
    assert store.overrides(review.id, trees) == [Override("B:3", "fees")]


def test_a_slot_follows_its_new_version_and_the_identical_slot_stays(store, tmp_path):
    paths = [_write(tmp_path, "ads.txt", VERSION_1), _write(tmp_path, "analytics.txt", VERSION_1)]
    review, trees = _review(store, paths)
    cap = "total liability is capped at the fees paid"
    store.add_note(trees[0], "A:2.2", "concern", "Ads cap", quote=cap, review_id=review.id,
                   position=0)  # fmt: skip
    store.add_note(trees[1], "B:2.2", "concern", "Analytics cap", quote=cap,
                   review_id=review.id, position=1)  # fmt: skip
    _write(tmp_path, "ads.txt", INSERTED)  # a new version of the Ads terms only
    review, trees = _review(store, paths)
    placed = {n.text: n for n in store.review_notes(review.id, trees)}
    assert placed["Ads cap"].section == "A:3.2"  # INSERTED adds a clause before liability
    assert placed["Ads cap"].doc_sha256 == trees[0].document.sha256
    assert placed["Analytics cap"].section == "B:2.2"


def test_an_unrelated_file_at_the_old_path_is_a_new_document(store, tmp_path):
    path = _write(tmp_path, "P.txt", VERSION_1)
    note = store.add_note(load_trees([path])[0], "A:2.2", "concern", "Cap too low")
    _write(tmp_path, "P.txt", UNRELATED)
    assert store.place_notes(load_trees([path])[0]) == []

    moved = _write(tmp_path, "Q.txt", VERSION_1)  # the original content under another name
    [found] = store.place_notes(load_trees([moved])[0])
    assert (found.id, found.section, found.orphaned) == (note.id, "A:2.2", False)


def test_the_reviewer_can_say_an_unrelated_looking_file_is_a_new_version(store, tmp_path):
    path = _write(tmp_path, "P.txt", VERSION_1)
    old = load_trees([path])[0]
    store.add_note(old, "A:2.2", "concern", "Cap too low")
    _write(tmp_path, "P.txt", UNRELATED)
    new = load_trees([path])[0]
    assert store.move_notes(old.document.sha256[:12], new) == 1
    [moved] = store.place_notes(new)
    assert moved.orphaned and moved.doc_sha256 == new.document.sha256


def test_an_edited_file_at_the_same_path_still_keeps_its_notes(store, tmp_path):
    path = _write(tmp_path, "P.txt", VERSION_1)
    store.add_note(load_trees([path])[0], "A:2.2", "concern", "Cap too low",
                   quote="total liability is capped at the fees paid")  # fmt: skip
    _write(tmp_path, "P.txt", INSERTED)
    [placed] = store.place_notes(load_trees([path])[0])
    assert placed.section == "A:3.2" and not placed.orphaned


def test_a_schema_1_database_gets_slots_from_its_reviews(db, tmp_path):
    from viewer.store import database

    paths = [_write(tmp_path, "ads.txt", VERSION_1), _write(tmp_path, "ours.txt", OTHER_VENDOR)]
    trees = load_trees(paths)
    shas = [tree.document.sha256 for tree in trees]
    old = sqlite3.connect(db)
    database.MIGRATIONS[0](old)
    old.executescript(
        f"""PRAGMA user_version = 1; PRAGMA application_id = {database.APPLICATION_ID};
        INSERT INTO documents VALUES ('{shas[0]}', '{paths[0]}', 't', 'en', 'txt', 0, 'x', 'x');
        INSERT INTO documents VALUES ('{shas[1]}', '{paths[1]}', 't', 'en', 'txt', 0, 'x', 'x');
        INSERT INTO reviews VALUES (7, 'old', 'A', 'x', 'x');
        INSERT INTO review_documents VALUES (7, 0, '{shas[0]}'), (7, 1, '{shas[1]}');
        INSERT INTO overrides VALUES (7, '{shas[1]}', '2', 'fees');
        INSERT INTO notes (review_id, doc_sha256, section, section_path, quote, offset,
            section_offset, status, text, author, created, updated)
            VALUES (7, '{shas[1]}', '1', '["Scope"]', '', 0, 0, 'ok', 'kept', '', 'x', 'x');"""
    )
    old.close()
    with Store.open(db) as store:
        assert store.review(7).paths == tuple(paths)
        [note] = store.review_notes(7, trees)
        assert (note.text, note.section, note.position) == ("kept", "B:1", 1)
        assert store.overrides(7, trees) == [Override("B:2", "fees")]
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 2
