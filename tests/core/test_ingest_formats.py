"""HTML, PDF and DOCX import: structure kept, chrome dropped, broken files refused clearly."""

from __future__ import annotations

import io
import socket
import zipfile
from pathlib import Path

import pytest

from viewer.core.compare.service import read_tree
from viewer.core.errors import IngestError
from viewer.core.structure.ingest import load_document

BODY = "The Customer shall pay all fees within thirty days of the invoice date."

PAGE = f"""<!DOCTYPE html><html><head><title>Acme</title>
<style>p {{ color: red }}</style><script>track("visit")</script>
<link rel="stylesheet" href="https://cdn.example.com/site.css"></head>
<body><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<p><a href="/a">Products</a> | <a href="/b">Support</a></p>
<main><h1>Acme Terms</h1><p>Intro &amp; scope.</p>
<h2>1. Fees &ndash; Payment</h2><p>{BODY}</p>
<h3>1.1 Late Payment</h3>
<p>Interest
   accrues at&nbsp;8%.</p>
<ol><li>first obligation of the customer;</li><li>second obligation.</li></ol>
<img src="https://tracker.example.com/pixel.gif">
<h2>2. Liability</h2><p>{BODY}</p></main>
<footer>Back to top · <a href="https://facebook.com">Facebook</a></footer></body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_html_visible_text_and_heading_structure(write, no_network) -> None:
    tree = read_tree(write("t.html", PAGE))
    text = tree.document.text
    assert tree.title == "Acme Terms"
    assert [(s.number, s.title, s.level) for s in tree.sections[1:]] == [
        ("1", "Fees – Payment", 1),
        ("1.1", "Late Payment", 2),
        ("2", "Liability", 1),
    ]
    assert "Intro & scope." in text and "Interest accrues at 8%." in text
    assert "1. first obligation of the customer;" in text
    for chrome in ("track(", "color: red", "Home", "cookies", "Products", "Facebook", "Back to"):
        assert chrome not in text
    assert {d.reason for d in tree.document.dropped} >= {"<nav> element", "<footer> element"}


def test_html_source_lines_point_at_the_markup(write) -> None:
    document = load_document(write("t.html", PAGE))
    lines = {document.line_text(line): line.source_line for line in document.lines}
    assert lines["1.1 Late Payment"] == 9


def make_pdf(path, pages: list[list[tuple[str, float, bool]]], encrypt: bool = False) -> str:
    """A PDF with the given (text, font size, bold) lines on each page."""
    import pymupdf

    document = pymupdf.open()
    for number, lines in enumerate(pages, start=1):
        page = document.new_page()
        y = 72.0
        for text, size, bold in lines:
            page.insert_text((72, y), text, fontsize=size, fontname="hebo" if bold else "helv")
            y += size * 2.2
        page.insert_text((290, 800), f"Page {number} of {len(pages)}", fontsize=8)
    options = (
        {"encryption": pymupdf.PDF_ENCRYPT_AES_256, "user_pw": "secret", "owner_pw": "owner"}
        if encrypt
        else {}
    )
    document.save(str(path), **options)
    return str(path)


PDF_PAGES = [
    [
        ("Acme Terms of Service", 20, True),
        ("1. Definitions", 14, True),
        (BODY, 10, False),
        ("2. Fees", 14, True),
        (BODY, 10, False),
    ],
    [
        ("2.1 Late Payment", 12, True),
        (BODY, 10, False),
        ("3. Liability", 14, True),
        (BODY, 10, False),
    ],
    [("4. Governing Law", 14, True), (BODY, 10, False)],
]


def test_pdf_headings_from_font_size_and_pages_kept(tmp_path) -> None:
    tree = read_tree(make_pdf(tmp_path / "t.pdf", PDF_PAGES))
    assert tree.title == "Acme Terms of Service"
    outline = [(s.number, s.title, s.level, s.page, s.line) for s in tree.sections[1:]]
    assert outline == [
        ("1", "Definitions", 1, 1, None),
        ("2", "Fees", 1, 1, None),
        ("2.1", "Late Payment", 2, 2, None),
        ("3", "Liability", 1, 2, None),
        ("4", "Governing Law", 1, 3, None),
    ]
    assert tree.document.pages == 3
    assert "Page 2 of 3" not in tree.document.text


def test_encrypted_pdf(tmp_path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", PDF_PAGES[:1], encrypt=True)
    with pytest.raises(IngestError, match="password-protected"):
        load_document(path)


def test_pdf_without_text_layer_needs_ocr(tmp_path) -> None:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    document.save(tmp_path / "scan.pdf")
    with pytest.raises(IngestError, match="OCR is needed"):
        load_document(tmp_path / "scan.pdf")


def test_truncated_pdf(tmp_path) -> None:
    whole = tmp_path / "whole.pdf"
    make_pdf(whole, PDF_PAGES)
    data = whole.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"truncated|corrupt"):
        load_document(cut)


def test_garbage_after_pdf_magic(write) -> None:
    with pytest.raises(IngestError, match="corrupt or truncated PDF"):
        load_document(write("x.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100))


def test_text_named_pdf(write) -> None:
    with pytest.raises(IngestError, match="not a PDF"):
        load_document(write("x.pdf", "Just some terms of service text."))


def make_docx(path) -> str:
    import docx

    document = docx.Document()
    document.add_paragraph("Acme Terms", style="Heading 1")
    document.add_paragraph(BODY)
    document.add_paragraph("1. Use of the Service", style="Heading 2")
    document.add_paragraph("You will not:")
    document.add_paragraph("copy the software;", style="List Number")
    document.add_paragraph("resell the service.", style="List Number")
    paragraph = document.add_paragraph()
    paragraph.add_run("Fees.").bold = True
    paragraph.add_run(" " + BODY)
    document.add_paragraph("2. Liability", style="Heading 2")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cap"
    table.rows[0].cells[1].text = "12 months of fees"
    document.save(str(path))
    return str(path)


def test_docx_heading_styles_and_list_numbering(tmp_path) -> None:
    tree = read_tree(make_docx(tmp_path / "t.docx"))
    text = tree.document.text
    assert tree.title == "Acme Terms"
    assert [(s.number, s.title) for s in tree.sections[1:]] == [
        ("1", "Use of the Service"),
        ("2", "Liability"),
    ]
    assert "1. copy the software;\n" in text and "2. resell the service.\n" in text
    assert "Cap | 12 months of fees" in text
    bold_line = next(line for line in tree.document.lines if line.lead)
    assert bold_line.lead == "Fees."


def test_corrupt_docx(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    (tmp_path / "bad.docx").write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match="corrupt DOCX"):
        load_document(tmp_path / "bad.docx")


def test_truncated_docx(tmp_path) -> None:
    data = Path(make_docx(tmp_path / "t.docx")).read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 3])
    with pytest.raises(IngestError, match="corrupt DOCX"):
        load_document(tmp_path / "cut.docx")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"Plain terms text.", "not a DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Word .doc"),
    ],
)
def test_not_a_docx(write, content: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        load_document(write("x.docx", content))
