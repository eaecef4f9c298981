"""Each format: escaping (HTML, Markdown), text intact (CSV, JSON), a PDF that opens and holds
every note and topic, a useful report without notes, and one-line errors on unwritable paths."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import SAMPLES
from tests.report.conftest import BRIGHTWAVE, NASTY, PELAVIK, make_report
from viewer.core.errors import UserError
from viewer.report import FORMATS, ReportError, render_report, write_report
from viewer.report.csv_report import COLUMNS, safe_cell
from viewer.report.markdown_report import escape_line
from viewer.report.model import Report
from viewer.report.templates import clip, clip_list
from viewer.store import Store


@pytest.fixture
def report(noted: Store) -> Report:
    return make_report([PELAVIK, BRIGHTWAVE], noted, title="Review <Q3> & co", reviewer="Åsa")


@pytest.fixture
def bare() -> Report:
    return make_report([PELAVIK, BRIGHTWAVE])


def _flat(text: str) -> str:
    return " ".join(text.split())


#: MuPDF's fonts set "fi", "ff", ... as ligatures, which the PDF maps to U+FB01...; readers
#: search through them (NFKC) and so does this extraction.
THREE_FORMATS = (
    "pelavik_subscription_agreement.txt",
    "brightwave_api_terms.pdf",
    "nordmoln_allmanna_villkor.docx",
)
_TEXT = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES


def _pdf_text(document: pymupdf.Document) -> str:
    return _flat("\n".join(page.get_text(flags=_TEXT) for page in document))


def test_html_escapes_every_text_and_is_self_contained(report: Report) -> None:
    html = render_report(report, "html").decode("utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co&#39;s &#34;cap&#34; &gt; 5" in html
    assert "<title>Review &lt;Q3&gt; &amp; co</title>" in html
    assert "=HYPERLINK(&#34;http://x&#34;)" in html  # shown as typed: only CSV needs a guard
    assert "Line one<br>Line two" in html
    # Nothing outside the file: no scripts, links, images, fonts or imports; CSS is inline.
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|url\(|@import", html)
    assert "default-src 'none'" in html and "<style>" in html
    for label in ("Documents", "Summary", "Topic coverage", "Key terms", "Topics"):
        assert f">{label}</h2>" in html
    assert "@media print" in html


def test_csv_is_one_row_per_note_intact_and_formula_safe(report: Report) -> None:
    data = render_report(report, "csv")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(report.notes) == 4
    by_note = {row["note"]: row for row in rows}
    nasty = by_note[NASTY]  # intact: not HTML-escaped
    assert (nasty["status"], nasty["document"], nasty["author"]) == ("Concern", "A", "Åsa Berg")
    assert nasty["section"] == "16.1 Governing Law and Jurisdiction"
    assert nasty["topic"] == "Governing law and disputes" and nasty["orphaned"] == "no"
    assert '\'=HYPERLINK("http://x")' in by_note
    assert by_note['\'=HYPERLINK("http://x")']["author"] == "'@bob"
    assert "'-1 looks fine" in by_note and "Line one\nLine two" in by_note


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("a=b", "a=b"), ("", ""), (None, ""), (7, "7")],
)  # fmt: skip
def test_safe_cell(value: object, shown: str) -> None:
    assert safe_cell(value) == shown


def test_json_holds_documents_rows_terms_and_notes_intact(report: Report) -> None:
    payload = json.loads(render_report(report, "json"))
    assert payload["title"] == "Review <Q3> & co" and payload["reference"] == "A"
    assert [d["id"] for d in payload["documents"]] == ["A", "B"]
    first = payload["documents"][0]
    assert len(first["sha256"]) == 64 and first["text"].startswith("PELAVIK")
    assert {"topics", "start", "end"} <= set(first["sections"][1])
    notes = {note["text"]: note for note in payload["notes"]}
    assert notes[NASTY]["section"] == "A:16.1" and notes[NASTY]["status"] == "concern"
    row = next(r for r in payload["rows"] if r["key"] == notes[NASTY]["row"])
    assert notes[NASTY]["id"] in row["notes"] and row["cells"]["A"]
    assert set(row["diffs"]["B"]) == {"similarity", "coarse", "spans"}
    law = payload["terms"][0]["terms"]["governing_law"]
    assert law["value"] and law["section"].startswith("A:")
    assert payload["summary"]["notes_by_status"]["concern"] == 1


def test_markdown_escapes_note_text(report: Report) -> None:
    text = render_report(report, "md").decode("utf-8")
    assert "<script>" not in text and "\\<script\\>alert(1)\\</script\\> \\& Co" in text
    assert text.startswith("# Review \\<Q3\\> \\& co\n")
    assert "| Topic | A | B | Notes | Similarity |" in text
    assert "- **Concern** · A · 16.1 Governing Law and Jurisdiction · Åsa Berg" in text
    assert "  Line one\\\n  Line two" in text


@pytest.mark.parametrize(
    ("line", "escaped"),
    [("# not a heading", "\\# not a heading"), ("- not a list", "\\- not a list"),
     ("1. not a list", "1\\. not a list"), ("2.1 Title", "2.1 Title"),
     ("a *b* [c](d) <e> | ~f~ & `g`", "a \\*b\\* \\[c\\](d) \\<e\\> \\| \\~f\\~ \\& \\`g\\`")],
)  # fmt: skip
def test_markdown_line_escapes(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_pdf_opens_and_holds_every_note_and_topic(report: Report) -> None:
    with pymupdf.open("pdf", render_report(report, "pdf")) as document:
        text = _pdf_text(document)
        outline = [title for _level, title, _page in document.get_toc()]
        assert document.metadata["title"] == "Review <Q3> & co"
        assert document.page_count > 5
        assert f"2 / {document.page_count}" in document[1].get_text()
        assert document[1].get_links(), "the contents link to their pages"
        assert any(page.search_for("alert(1)", flags=_TEXT) for page in document)  # searchable
    for note in report.notes:
        for line in note.text.splitlines():
            assert _flat(line) in text
    for topic in report.topics:
        assert _flat(topic.label) in text and topic.label in outline
    for heading in ("Contents", "Documents", "Summary", "Topic coverage", "Key terms"):
        assert heading in text
    assert "Åsa Berg" in text and report.documents[0].sha256 in text


def test_pdf_marks_differences(tmp_path: Path) -> None:
    from tests.report.conftest import BRIGHTWAVE_LATER

    report = make_report([BRIGHTWAVE, BRIGHTWAVE_LATER], versions=True)
    with pymupdf.open("pdf", render_report(report, "pdf")) as document:
        spans = [
            span
            for page in document
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", ())
            for span in line["spans"]
        ]
    colours = {span["color"] for span in spans if span["text"].strip()}
    assert 0xA61B1B in colours and 0x14632F in colours  # deleted red, inserted green


def test_pdf_draws_no_coloured_box_without_text() -> None:
    """A coverage table of three documents breaks across pages; MuPDF once drew its cells'
    backgrounds again, empty, on the page where it ends."""
    files = [str(SAMPLES / name) for name in THREE_FORMATS]
    with pymupdf.open("pdf", render_report(make_report(files), "pdf")) as document:
        empty = []
        for page in document:
            text = [pymupdf.Rect(block[:4]) for block in page.get_text("blocks")]
            for drawing in page.get_drawings():
                box, fill = drawing["rect"], drawing.get("fill")
                coloured = fill and fill != (1.0, 1.0, 1.0) and min(box.width, box.height) > 2
                if coloured and not any(box.intersects(words) for words in text):
                    empty.append((page.number + 1, box))
    assert empty == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_review_without_notes_is_still_a_coverage_report(bare: Report, fmt: str) -> None:
    data = render_report(bare, fmt)
    if fmt == "pdf":
        with pymupdf.open("pdf", data) as document:
            text = _pdf_text(document)
    else:
        text = data.decode("utf-8-sig")
    if fmt == "csv":
        assert text.splitlines() == [",".join(COLUMNS)]  # no notes, one header
        return
    if fmt == "json":
        payload = json.loads(text)
        assert payload["notes"] == [] and payload["summary"]["notes"] == 0
        row = next(r for r in payload["rows"] if r["key"] == "user_content")
        assert row["missing"] == ["A"]
        return
    assert "No notes were made in this review" in _flat(text)
    for heading in ("Topic coverage", "Key terms", "User content", "Governing law"):
        assert heading in text
    assert "—" in text  # the missing cells


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_report_writes_every_format(bare: Report, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    write_report(bare, fmt, str(out))
    assert out.read_bytes() == render_report(bare, fmt) or fmt == "pdf"
    assert out.stat().st_size > (100 if fmt == "csv" else 1000)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary left behind


@pytest.mark.parametrize(
    ("make_path", "problem"),
    [
        (lambda tmp: tmp / "no-such-folder" / "r.html", "does not exist"),
        (lambda tmp: tmp, "it is a folder"),
        (lambda tmp: tmp / "file.txt" / "r.html", "does not exist"),
    ],
)
def test_unwritable_output_is_one_line_naming_the_file(
    bare: Report, tmp_path: Path, make_path, problem: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    out = str(make_path(tmp_path))
    with pytest.raises(ReportError) as caught:
        write_report(bare, "html", out)
    message = str(caught.value)
    assert message.startswith(f"{out}: cannot write the report") and problem in message
    assert "\n" not in message and isinstance(caught.value, UserError)


def test_unknown_format_is_refused(bare: Report, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="unknown report format 'docx'"):
        write_report(bare, "docx", str(tmp_path / "r.docx"))


def test_pdf_of_a_topic_with_many_sections_is_clipped_not_stuck(tmp_path: Path) -> None:
    """MuPDF cannot break a table row over pages: matrix cells are shortened in the PDF."""
    clauses = (
        f"{i}. Fees and Payment {i}\nThe Customer pays item {i} in {i} days." for i in range(1, 81)
    )
    path = tmp_path / "price_list.txt"
    path.write_text("PRICE LIST\n\n" + "\n\n".join(clauses) + "\n", encoding="utf-8")
    report = make_report([str(path), PELAVIK])
    assert len(next(r for r in report.coverage if r.key == "fees").cells["A"]) == 80
    with pymupdf.open("pdf", render_report(report, "pdf")) as document:
        assert "… 68 more" in _pdf_text(document)
    assert "79, 80" in render_report(report, "html").decode("utf-8")  # the HTML keeps them all


def test_pdf_layout_stops_on_content_taller_than_a_page() -> None:
    from viewer.report.pdf_report import _layout

    tall = "<table><tr><td>" + " ".join(f"w{i}" for i in range(6000)) + "</td></tr></table>"
    with pytest.raises(ReportError, match="taller than a page"):
        _layout(tall, "")


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [("abcdef", 0, "abcdef"), ("abcdef", 6, "abcdef"), ("abc def", 5, "abc…")],
)
def test_clip(text: str, limit: int, clipped: str) -> None:
    assert clip(text, limit) == clipped


def test_clip_list() -> None:
    assert clip_list(["1", "2", "3"], 0) == ["1", "2", "3"]
    assert clip_list(["1", "2", "3"], 2) == ["1", "2", "… 1 more"]


def test_every_key_term_is_a_row_of_the_report_with_its_label(report: Report) -> None:
    """The commercial keys (issue 24) reach the reports as the window's matrix shows them."""
    from viewer.core.terms.extract import LABELS, TERMS
    from viewer.report.html_report import render_html

    assert [row.term for row in report.terms] == list(TERMS)
    assert all(row.label == LABELS[row.term] for row in report.terms)
    html = render_html(report)
    assert "Agreement date" in html and "Uncapped liability" in html


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_the_summary_comes_first_with_every_note_and_each_documents_gaps(
    report: Report, fmt: str
) -> None:
    """Issue 25, feature 6: before any topic's text, the summary lists every note with its
    status and topic, the key terms side by side, and per document the topics it lacks."""
    data = render_report(report, fmt)
    if fmt == "pdf":
        with pymupdf.open(stream=data, filetype="pdf") as document:
            text = _pdf_text(document)
    else:
        text = _flat(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))
    coverage = text.rindex("Topic coverage")  # its heading, after any table of contents
    summary = text[:coverage]
    assert text.rindex("Summary") < text.rindex("Key terms") < coverage  # terms up front
    for note in report.notes:
        assert note.status_label in summary and note.topic in summary
    lacking = [doc for doc, labels in report.summary.missing_by_document if labels]
    assert lacking, "the samples lack some topics"
    for doc, labels in report.summary.missing_by_document:
        assert f"{doc} lacks" in summary or not labels
        assert all(label in summary for label in labels[:3])
    assert "Every note" in summary and text.index(report.topics[0].label, coverage) > coverage
