"""Plain text and Markdown import: encodings, line map, chrome, language."""

from __future__ import annotations

import codecs

import pytest

from tests.conftest import SAMPLES
from viewer.core.errors import IngestError
from viewer.core.structure.ingest import load_document

SWEDISH = "Leverantören ansvarar för skador på grund av vårdslöshet. Avgift: 100 € per månad."

ENCODINGS = {
    "utf-8": SWEDISH.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + SWEDISH.encode("utf-8"),
    "utf-16-le with BOM": codecs.BOM_UTF16_LE + SWEDISH.encode("utf-16-le"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + SWEDISH.encode("utf-16-be"),
    "cp1252": (SWEDISH + " " + SWEDISH).encode("cp1252"),
    "latin-1 style": ("Överlåtelse. " + SWEDISH.replace(" €", "")).encode("latin-1"),
}


@pytest.mark.parametrize("data", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_encodings_decode_without_mojibake(write, data: bytes) -> None:
    document = load_document(write("terms.txt", data))
    assert "Leverantören ansvarar för skador på grund av vårdslöshet." in document.text
    assert "Ã" not in document.text and "\ufeff" not in document.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["CRLF", "CR", "LF"])
def test_line_endings_keep_source_line_numbers(write, newline: str) -> None:
    content = newline.join(["Title", "", "First paragraph.", "", "", "Second paragraph."])
    document = load_document(write("terms.txt", content))
    numbers = {document.line_text(line): line.source_line for line in document.lines}
    assert numbers == {"Title": 1, "First paragraph.": 3, "Second paragraph.": 6}
    assert "\r" not in document.text


def test_normalisation_is_nfc_with_plain_quotes_and_spaces(write) -> None:
    decomposed = "Leveranto\u0308ren\u00a0ska \u201cleverera\u201d det\u2019s sof\u00adtware."
    document = load_document(write("terms.txt", decomposed))
    assert document.text == 'Leverantören ska "leverera" det\'s software.\n'


def test_sha256_is_of_the_source_bytes(write) -> None:
    import hashlib

    data = b"Some terms of service text.\n"
    assert load_document(write("t.txt", data)).sha256 == hashlib.sha256(data).hexdigest()


CHROME = {
    "top of page": "Top of page",
    "bottom of page": "Bottom of page",
    "navigation links": "[Privacy](#) | [Terms](https://example.com/terms) | [Help](#)",
    "single back-to-top link": "[Back to top](#top)",
    "widget words": "Close",
    "social footer": "Follow us: [Twitter](#) · [LinkedIn](#) · [GitHub](#)",
    "social names only": "Facebook Instagram LinkedIn",
}


@pytest.mark.parametrize("line", CHROME.values(), ids=CHROME.keys())
def test_site_chrome_is_dropped_but_traceable(write, line: str) -> None:
    content = f"# Terms\n\n{line}\n\nThe customer shall pay all fees when due.\n"
    document = load_document(write("terms.md", content))
    assert document.text == "Terms\n\nThe customer shall pay all fees when due.\n"
    assert [dropped.source_line for dropped in document.dropped] == [3]


def test_links_inside_a_sentence_are_content(write) -> None:
    content = "See our [Privacy Policy](https://example.com/privacy) for details.\n"
    assert load_document(write("t.md", content)).text == "See our Privacy Policy for details.\n"


def test_markdown_markup_is_removed_and_hints_kept(write) -> None:
    content = (
        "# Title\n\n## 1\\. General\n\n**Bold Heading**\n\n10.1. **Delivery.** We _will_ deliver.\n"
    )
    document = load_document(write("t.md", content))
    lines = {document.line_text(line): line for line in document.lines}
    assert list(lines) == [
        "Title",
        "1. General",
        "Bold Heading",
        "10.1. Delivery. We will deliver.",
    ]
    assert lines["Title"].hint == 1 and lines["1. General"].hint == 2
    assert (
        lines["Bold Heading"].bold and lines["10.1. Delivery. We will deliver."].lead == "Delivery."
    )


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "The Customer shall pay the fees and the Provider will deliver the services to you.",
            "en",
        ),
        (
            "Kunden ska betala avgifterna och Leverantören ska leverera tjänsten enligt avtalet.",
            "sv",
        ),
        ("Der Kunde muss die Gebühren zahlen und wir werden die Dienste für Sie erbringen.", "de"),
        (
            "Il cliente deve pagare le tariffe e noi forniremo i servizi per la durata del patto.",
            "it",
        ),
        ("Klient musi zapłacić opłaty i nie może przenieść praw do usług na inne osoby.", "pl"),
    ],
)
def test_language_is_recorded(write, text: str, language: str) -> None:
    assert load_document(write("t.txt", f"{text}\n{text}\n")).language == language


BAD = {
    "empty": (b"", "empty file"),
    "whitespace only": (b"  \n\t\n  ", "only whitespace"),
    "png named .txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image, not text"),
    "pdf named .txt": (b"%PDF-1.7\n%binary", "a PDF, not text"),
    "random binary": (bytes(range(256)) * 64, "binary content"),
    "markup only": (b"<!-- nothing -->\n\n---\n", "no readable text"),
    "rtf named .txt": (b"{\\rtf1\\ansi Terms}", "an RTF document, not text; save it as .docx"),
}


@pytest.mark.parametrize("data, message", BAD.values(), ids=BAD.keys())
def test_bad_text_input_gives_one_line_error(write, data: bytes, message: str) -> None:
    name = "t.md" if b"<!--" in data else "t.txt"
    path = write(name, data)
    with pytest.raises(IngestError) as caught:
        load_document(path)
    assert message in str(caught.value) and path in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "sample, name, fmt",
    [
        ("brightwave_api_terms.pdf", "terms", "pdf"),
        ("kestrel_data_processing_agreement.html", "terms.aspx", "html"),
        ("nordmoln_allmanna_villkor.docx", "terms.bin", "docx"),
        ("pelavik_subscription_agreement.txt", "TERMS", "text"),
    ],
)
def test_a_name_without_a_known_extension_is_read_by_its_content(
    tmp_path, sample: str, name: str, fmt: str
) -> None:
    source = SAMPLES / sample
    renamed = tmp_path / name
    renamed.write_bytes(source.read_bytes())
    document = load_document(renamed)
    assert document.format == fmt
    assert document.text == load_document(source).text


def test_rtf_without_a_known_extension_says_what_to_do(write) -> None:
    with pytest.raises(IngestError, match=r"RTF document, not text; save it as \.docx or PDF"):
        load_document(write("terms.rtf", b"{\\rtf1\\ansi Terms of Service}"))


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        load_document(tmp_path / "absent.txt")
    with pytest.raises(IngestError, match="is a directory"):
        load_document(tmp_path)


def test_huge_file_without_a_known_extension_is_refused_as_text(tmp_path) -> None:
    big = tmp_path / "terms"
    with big.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # not a PDF, DOCX or web page: text, over its limit
    with pytest.raises(IngestError, match=r"file too large \(40 MB; the limit .* is 32 MB\)"):
        load_document(big)


def test_huge_file_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(IngestError, match="file too large"):
        load_document(big)
