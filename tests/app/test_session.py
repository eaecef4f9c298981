"""The session tells its listeners what each change touched (its change notices)."""

from __future__ import annotations

from tests.app.test_compare import run
from viewer.app.compare import Request, ReviewData
from viewer.app.session import Changes, ReviewSession, open_store
from viewer.core.records import replace

from .conftest import SAMPLES, paths


def listening(session: ReviewSession) -> list[Changes]:
    heard: list[Changes] = []
    session.subscribe(heard.append)
    return heard


def test_snapshots_tell_rows_then_terms_then_the_diffs_that_arrived() -> None:
    session = ReviewSession()
    heard = listening(session)
    final, snapshots, _ = run(Request(tuple(paths(SAMPLES))))
    issued = session.issue()
    for snapshot in [*snapshots, final]:
        session.apply(snapshot, issued)
    first, *rest = heard
    assert first.rows and first.terms and first.notes and not first.diffs
    assert not any(changes.rows for changes in rest), "the same rows: no new layout"
    assert sum(changes.terms for changes in rest) == 1, "key terms arrive once"
    told = set().union(*(changes.diffs for changes in rest))
    assert told == set(final.diffs), "every row's highlights are told, as they arrive"
    assert all(not (a.diffs & b.diffs) for i, a in enumerate(rest) for b in rest[i + 1 :]), (
        "a row's highlights are told once"
    )
    assert heard[-1].complete and not any(changes.complete for changes in heard[:-1])


def test_notes_written_and_documents_closed_are_told(tmp_path) -> None:
    store = open_store(str(tmp_path / "db.sqlite"))
    session = ReviewSession(store)
    final, _, _ = run(Request(tuple(paths(SAMPLES))))
    session.apply(replace(final, review=ReviewData(review_id=None)), session.issue())
    heard = listening(session)
    note = session.add_note(final.rows[3].cells["A"][0], "question", "Why?", "alice")
    session.edit_note(note.id, text="Why so?")
    session.delete_note(note.id)
    assert heard == [Changes(notes=True)] * 3
    session.clear()
    assert heard[-1] == Changes(rows=True, terms=True, notes=True)
    store.close()
