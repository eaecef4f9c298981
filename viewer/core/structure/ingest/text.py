"""Plain text: decoding any common encoding without mojibake, then one raw line per source line."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from itertools import pairwise

from viewer.core.errors import IngestError
from viewer.core.structure.ingest.builder import RawLine
from viewer.core.structure.ingest.chrome import PAGE_NUMBER
from viewer.core.structure.language import function_word_hits

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, ...)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
)

_SAVE_AS_DOCX = frozenset({"an RTF document", "a legacy Office file (.doc, .xls)"})


def sniff_binary(data: bytes) -> str | None:
    """What a file really is when its first bytes name a binary format, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with.

    BOMs decide first; then strict UTF-8 (the common case, and never wrong when it succeeds);
    then charset-normalizer for legacy single-byte and BOM-less UTF-16 files.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise IngestError(path, f"invalid {encoding} text at byte {error.start}") from None
    what = sniff_binary(data)
    if what:
        advice = "; save it as .docx or PDF and open that" if what in _SAVE_AS_DOCX else ""
        raise IngestError(path, f"content is {what}, not text{advice}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or _control_share(str(best)) > 0.01:
        raise IngestError(path, "binary content, not text")
    # Near-ties (cp1250 against cp1252) are settled by which decoding gives real words.
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01][:8]
    chosen = max(tied, key=lambda m: (function_word_hits(str(m)[:20_000]), m is best))
    return str(chosen), chosen.encoding


def _control_share(text: str) -> float:
    sample = text[:200_000]
    if not sample:
        return 0.0
    controls = sum(1 for char in sample if char < " " and char not in "\n\r\t\f")
    return controls / len(sample)


def split_lines(text: str) -> list[str]:
    """Source lines as an editor numbers them: CRLF, CR and LF all end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def raw_lines(text: str) -> Iterator[RawLine]:
    lines = split_lines(text)
    pages = page_number_lines(lines)
    extracted = _pages_as_lines(lines)
    for number, line in enumerate(lines, start=1):
        if number - 1 in pages:
            yield RawLine(line, number, drop="page number")
        elif extracted and len(line) > _PAGE_LINE:
            for paragraph in paragraphs(line):  # blank lines between: paragraphs, as printed
                yield RawLine(paragraph, number)
                yield RawLine("", number)
        else:
            yield RawLine(line, number)


_PAGE_LINE = 1500  # characters: a line this long holds a printed page, not a paragraph
# a clause label inside such a line, after a sentence ends: `... as follows: 1.1 Provision`,
# `... the Exhibit. (b) Recipient may`, `... above. Section 2.3 Fees`
_INLINE_LABEL = re.compile(
    r"(?<=[.:;!?)\"'])\s+(?=(?:\([a-z]{1,2}\)|\([A-Z]\)|\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\."
    r"|(?:Section|SECTION|Article|ARTICLE)\s+[\dIVXL]+(?:\.\d{1,3})*\.?)\s+[\"(]?[A-Z])"
)


def page_number_lines(lines: list[str]) -> set[int]:
    """Lines that only number the pages of a printed document: bare numbers between blank
    lines that count up through it (`2`, `3`, `4`), as text extracted from a PDF keeps them."""
    found = []
    for index, line in enumerate(lines):
        match = PAGE_NUMBER.match(line) if len(line) < 20 else None
        above = index == 0 or not lines[index - 1].strip()
        below = index + 1 == len(lines) or not lines[index + 1].strip()
        if match and above and below:
            found.append((index, int(match.group(1))))
    return {
        index
        for (index, value), (later, following) in pairwise(found)
        if 0 < following - value <= 2
        for index in (index, later)
    }


def _pages_as_lines(lines: list[str]) -> bool:
    """Whether the text holds one printed page per line (as CUAD's texts of SEC filings do):
    most of it in lines far longer than any paragraph."""
    total = sum(map(len, lines)) or 1
    return sum(len(line) for line in lines if len(line) > _PAGE_LINE) / total > 0.5


def paragraphs(line: str) -> list[str]:
    """A page's worth of text cut before each clause label that follows a sentence's end."""
    cuts = [0, *(match.end() for match in _INLINE_LABEL.finditer(line)), len(line)]
    return [line[a:b].strip() for a, b in pairwise(cuts) if line[a:b].strip()]
