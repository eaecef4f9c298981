"""Plain text: decoding any common encoding without mojibake, then one raw line per source line."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from viewer.core.errors import IngestError
from viewer.core.structure.ingest.builder import RawLine
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
    for number, line in enumerate(split_lines(text), start=1):
        yield RawLine(line, number)
