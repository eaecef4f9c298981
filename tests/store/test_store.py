"""Notes, reviews and overrides through the Store API."""

from __future__ import annotations

import pytest

from viewer.core.model import Override
from viewer.store import STATUSES, Store, StoreError


def test_add_edit_delete_a_note(store, contract) -> None:
    tree = contract()
    note = store.add_note(tree, "2.2", "concern", "Cap too low", "ana", quote="capped")
    assert (note.section, note.status, note.text, note.author) == (
        "A:2.2", "concern", "Cap too low", "ana"
    )  # fmt: skip
    assert note.doc_sha256 == tree.document.sha256 and note.section_path[0] == "liability"
    edited = store.edit_note(note.id, status="negotiate", text="Ask for 2x")
    assert (edited.status, edited.text, edited.author) == ("negotiate", "Ask for 2x", "ana")
    assert edited.created == note.created and edited.updated >= note.updated
    store.delete_note(note.id)
    assert store.notes() == []


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s, t: s.add_note(t, "A:9", "ok", "x"), "no such section"),
        (lambda s, t: s.add_note(t, "A:1", "fine", "x"), "unknown status"),
        (lambda s, t: s.edit_note(42, text="x"), "no note with id 42"),
        (lambda s, t: s.edit_note(1, status="maybe"), "unknown status"),
        (lambda s, t: s.delete_note(42), "no note with id 42"),
    ],
)
def test_bad_requests_are_refused_and_change_nothing(store, contract, call, message) -> None:
    tree = contract()
    store.add_note(tree, "A:1", "ok", "first")
    with pytest.raises(StoreError, match=message):
        call(store, tree)
    assert [(n.status, n.text) for n in store.notes()] == [("ok", "first")]


def test_every_status_is_accepted(store, contract) -> None:
    tree = contract()
    for status in STATUSES:
        store.add_note(tree, "A:1", status, status)
    assert [n.status for n in store.notes()] == list(STATUSES)


def test_notes_survive_reopening(db, contract) -> None:
    with Store.open(db) as store:
        store.add_note(contract(), "A:3.1", "question", "Notice by e-mail?", "bo")
    with Store.open(db) as store:
        (note,) = store.notes()
    assert (note.section, note.text, note.author) == ("A:3.1", "Notice by e-mail?", "bo")


def test_a_review_keeps_its_documents_reference_and_overrides(store, contract, write) -> None:
    from viewer.core.compare.service import load_trees

    other_path = write("other.txt", "Other Terms\n\n1. Liability\nWe are not liable.\n")
    first, other = load_trees([contract().document.path, other_path])
    review = store.save_review("Tern vs Other", [first, other], reference="B")
    assert review.paths == (first.document.path, other.document.path)
    assert review.reference == "B"
    store.save_override(review.id, other, Override("B:1", "termination"))
    store.save_override(review.id, other, Override("B:1", "fees"))  # moved again: replaces
    assert store.overrides(review.id, [first, other]) == [Override("B:1", "fees")]
    # the same documents in another order carry other letters
    assert store.overrides(review.id, load_trees([other_path])) == [Override("A:1", "fees")]
    store.delete_override(review.id, other, "B:1")
    assert store.overrides(review.id, [first, other]) == []
    again = store.save_review("Tern vs Other", [other], reference="A")
    assert again.id == review.id and again.paths == (other.document.path,)
    assert [r.name for r in store.reviews()] == ["Tern vs Other"]


def test_notes_of_a_review(store, contract) -> None:
    tree = contract()
    review = store.save_review("Tern", [tree])
    store.add_note(tree, "A:1", "ok", "in the review", review_id=review.id)
    store.add_note(tree, "A:1", "ok", "outside")
    assert [n.text for n in store.notes(review_id=review.id)] == ["in the review"]
    assert len(store.notes(doc_sha256=tree.document.sha256)) == 2
