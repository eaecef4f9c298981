"""Settings kept between runs, and the session's notes when a build races a note."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from tests.app.test_compare import run
from viewer.app.compare import Request, ReviewData
from viewer.app.session import ReviewSession, open_store
from viewer.gui.settings import MAX_RECENT, Settings

from .conftest import SAMPLES, paths


def settings_in(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_recent_files_newest_first_without_repeats(tmp_path):
    settings = settings_in(tmp_path)
    settings.add_recent(["a.txt", "b.txt"])
    settings.add_recent(["c.txt", "a.txt"])
    assert [p.rsplit("/", 1)[-1] for p in settings.recent_files] == ["c.txt", "a.txt", "b.txt"]
    settings.add_recent([f"{n}.txt" for n in range(20)])
    assert len(settings.recent_files) == MAX_RECENT
    again = settings_in(tmp_path)  # read back from the file
    again.qsettings.sync()
    assert again.recent_files == settings.recent_files


def test_preferences_are_checked(tmp_path):
    settings = settings_in(tmp_path)
    settings.theme = "purple"
    assert settings.theme == "system"
    settings.zoom = 99
    assert settings.zoom == 12
    settings.whole_document = True
    settings.author = "  Alice  "
    again = settings_in(tmp_path)
    assert (again.whole_document, again.author) == (True, "Alice")
    assert Settings(db_path="x.sqlite").db_path == "x.sqlite"


def test_a_note_written_during_a_build_is_not_lost(tmp_path):
    store = open_store(str(tmp_path / "db.sqlite"))
    session = ReviewSession(store)
    first, _, _ = run(Request(tuple(paths(SAMPLES))))
    review = ReviewData(review_id=None)
    session.apply(_with_review(first, review), session.issue())
    rebuild = session.issue()  # a rebuild is requested; its notes were read before the note
    note = session.add_note(first.rows[3].cells["A"][0], "question", "Why?", "alice")
    again, _, _ = run(Request(tuple(paths(SAMPLES)), reference="B"))
    session.apply(_with_review(again, ReviewData(review_id=None)), rebuild)
    assert [n.id for n in session.notes] == [note.id]
    # a build requested after the note brings it itself: no replay, no duplicate
    later = session.issue()
    placed = ReviewData(notes=tuple(store.place_notes(again.tree("A"))))
    session.apply(_with_review(again, placed), later)
    assert [n.id for n in session.notes] == [note.id]
    store.close()


def _with_review(comparison, review):
    from viewer.core.records import replace

    return replace(comparison, review=review)
