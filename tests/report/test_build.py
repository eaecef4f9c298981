"""The report's content: notes under their rows, orphans kept, summary, coverage, marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.conftest import BRIGHTWAVE, BRIGHTWAVE_LATER, NASTY, PELAVIK, make_report
from viewer.core.compare.service import load_trees
from viewer.core.model import NOTE_STATUSES, Section
from viewer.report.marks import line_segments, merge_reference_spans
from viewer.report.model import STATUS_LABELS, Segment
from viewer.store import Store

CONTRACT = """MASTER TERMS

1. Fees
The Customer pays every invoice within thirty days of its date.

2. Liability
Each party's liability is capped at the fees paid in the previous twelve months.
"""


def test_notes_sit_under_the_rows_of_their_sections(noted: Store) -> None:
    report = make_report([PELAVIK, BRIGHTWAVE], noted, title="Q3 review", reviewer="Åsa")
    assert (report.title, report.reviewer) == ("Q3 review", "Åsa")
    assert [n.text for n in report.notes] != []
    by_text = {note.text: note for note in report.notes}
    law = by_text[NASTY]
    assert (law.document, law.section, law.section_label) == (
        "A",
        "A:16.1",
        "16.1 Governing Law and Jurisdiction",
    )
    assert law.topic == "Governing law and disputes" and not law.orphaned
    topic = next(t for t in report.topics if t.key == law.row)
    assert law in topic.notes
    assert by_text["Line one\nLine two"].section == "B:2"
    assert report.orphaned == ()


def test_summary_counts_notes_by_status_and_coverage(noted: Store) -> None:
    summary = make_report([PELAVIK, BRIGHTWAVE], noted).summary
    counts = {status: count for status, _label, count in summary.notes_by_status}
    assert counts == {"concern": 1, "negotiate": 1, "question": 1, "ok": 1}
    assert summary.notes_total == 4 and summary.orphaned == 0
    assert summary.authors == ("@bob", "Åsa Berg")
    assert summary.unit == "topics"
    assert "Governing law and disputes" in summary.covered_by_all
    missing = dict(summary.missing_somewhere)
    assert missing["User content"] == ("A",)  # only Brightwave has a user-content clause
    assert summary.topics_total == len(summary.covered_by_all) + len(missing)


def test_every_store_status_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(NOTE_STATUSES)


def test_a_note_whose_text_is_gone_is_listed_as_orphaned(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "terms.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    (tree,) = load_trees([str(path)])
    store.add_note(tree, "2", "concern", "Cap too low", quote="capped at the fees paid")
    store.add_note(tree, "1", "ok", "Thirty days is fine")
    path.write_text(CONTRACT.split("2. Liability")[0], encoding="utf-8")  # clause 2 deleted
    report = make_report([str(path)], store)
    (orphan,) = report.orphaned
    assert orphan.text == "Cap too low" and orphan.orphaned and orphan.row is None
    assert orphan.document == "A" and orphan.section is None
    assert [n.text for n in report.notes] == ["Thirty days is fine", "Cap too low"]
    assert report.summary.orphaned == 1


def test_no_notes_still_gives_coverage() -> None:
    report = make_report([PELAVIK, BRIGHTWAVE])
    assert report.notes == () and report.summary.notes_total == 0
    assert len(report.coverage) > 20
    row = next(r for r in report.coverage if r.key == "user_content")
    assert row.missing == ("A",) and row.cells["B"] == ("6",) and row.cells["A"] == ()
    assert {t.term for t in report.terms} >= {"governing_law", "liability_cap"}
    law = next(t for t in report.terms if t.term == "governing_law")
    assert law.values["A"].value and law.values["A"].section_label.startswith("16.1")
    assert report.topics, "rows that differ are shown even without notes"


@pytest.mark.parametrize("versions", [False, True])
def test_versions_are_marked_word_by_word(versions: bool) -> None:
    report = make_report([BRIGHTWAVE, BRIGHTWAVE_LATER], versions=versions)
    kinds = {
        segment.kind
        for topic in report.topics
        for cell in topic.cells
        for passage in cell.passages
        for line in passage.lines
        for segment in line
    }
    assert {"delete", "insert", None} <= kinds
    cell = next(c for t in report.topics for c in t.cells if c.document == "B" and c.inserted)
    assert cell.marked and cell.remark.startswith("word similarity")
    assert report.summary.unit == ("sections" if versions else "topics")


def test_other_vendors_text_is_shown_unmarked() -> None:
    report = make_report([PELAVIK, BRIGHTWAVE])
    topic = next(t for t in report.topics if t.key == "governing_law")
    other = next(c for c in topic.cells if c.document == "B")
    assert not other.marked and "worded differently throughout" in other.remark
    assert all(s.kind is None for p in other.passages for line in p.lines for s in line)
    text = " ".join(s.text for p in other.passages for line in p.lines for s in line)
    assert "laws of" in text


@pytest.mark.parametrize(
    ("per_document", "expected"),
    [
        ({"B": [(0, 4, "delete")]}, [(0, 4, "delete", ())]),
        (  # missing from B only, then from both: the shared part names nobody
            {"B": [(0, 10, "delete")], "C": [(5, 10, "delete")]},
            [(0, 5, "delete", ("B",)), (5, 10, "delete", ())],
        ),
        ({"B": [(2, 6, "moved")], "C": [(4, 8, "delete")]},
         [(2, 4, "moved", ()), (4, 8, "delete", ("C",))]),
        ({"B": [(0, 3, "insert")]}, []),  # an insert lies in the other text, not here
        ({"B": [], "C": []}, []),
    ],
)  # fmt: skip
def test_reference_spans_say_which_documents_lack_them(per_document, expected) -> None:
    assert merge_reference_spans(per_document) == expected


def _section(start: int, end: int) -> Section:
    return Section("A:1", "A", "1", "Fees", 1, None, 1, None, start, end, start, "en")


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("one two", [], ((Segment("one two"),),)),
        ("  one two  \n\n three", [(2, 5, "insert", ())],
         ((Segment("one", "insert"), Segment(" two")), (Segment("three"),))),
        ("ab cd\nef gh", [(3, 8, "delete", ("B",))],  # a span across a line break is cut
         ((Segment("ab "), Segment("cd", "delete", ("B",))),
          (Segment("ef", "delete", ("B",)), Segment(" gh")))),
        ("ab cd", [(2, 3, "insert", ())], ((Segment("ab cd"),),)),  # a marked space is plain
    ],
)  # fmt: skip
def test_line_segments(text, spans, expected) -> None:
    assert line_segments(text, _section(0, len(text)), spans) == expected


def test_a_note_on_a_container_goes_to_its_topics_row(store: Store) -> None:
    """`16 Governing Law and Disputes` is in no row (its 16.1 and 16.2 are): its topic's row."""
    pelavik, _ = load_trees([PELAVIK, BRIGHTWAVE])
    store.add_note(pelavik, "16", "question", "Which court?")
    (note,) = make_report([PELAVIK, BRIGHTWAVE], store).notes
    assert (note.section, note.row, note.orphaned) == ("A:16", "governing_law", False)
    assert note.section_label == "16 Governing Law and Disputes"


def test_passages_not_compared_are_named_but_their_text_only_on_request() -> None:
    """Where the reference lacks a topic the other texts were printed in full, "not
    compared": most of a 51-page report of three DPAs."""
    short = make_report([PELAVIK, BRIGHTWAVE])
    full = make_report([PELAVIK, BRIGHTWAVE], full_text=True)
    uncompared = [
        (topic.key, cell.document)
        for topic in short.topics
        for cell in topic.cells
        if "not compared" in cell.remark
    ]
    assert uncompared
    for report, printed in ((short, False), (full, True)):
        cells = {(t.key, c.document): c for t in report.topics for c in t.cells}
        for key in uncompared:
            assert bool(cells[key].passages) is printed, key
