"""Turn a format's raw lines into one normalised `Document`.

Every importer yields `RawLine`s (text plus where it came from and what the format says about
it); this module does what is common to all formats: Unicode NFC, invisible characters, unified
quotes, whitespace, chrome removal, and the language of each part of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from hashlib import sha256

from viewer.core.errors import IngestError
from viewer.core.model import Document, DroppedLine, LanguagePart, Line
from viewer.core.records import record
from viewer.core.structure import language
from viewer.core.structure.ingest.chrome import chrome_reason

# One-for-one replacements keep offsets aligned with the source line.
# Typographic spaces and quotes become plain ones; ligatures (PDF `ﬁ`) are spelled out.
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}  # fmt: skip
_TRANSLATE = str.maketrans(_REPLACE)
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f"
_SPECIAL = re.compile(f"[{''.join(_REPLACE)}{_INVISIBLE}]")
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]+")
_SPACES = re.compile(r" {2,}")


@record
class RawLine:
    """A line as a format importer sees it; `raw` keeps markup for chrome detection."""

    text: str
    source_line: int | None
    page: int | None = None
    hint: int = 0
    bold: bool = False
    lead: str = ""
    raw: str = ""
    drop: str = ""  # why the format already knows this line is chrome, if it does
    item: bool = False  # an item of a list the format marks (`*`, `1.` in Markdown)


def normalise(text: str) -> tuple[str, int]:
    """NFC text with plain spaces and quotes and no invisible characters, one space between
    words, and the line's indent. Each step runs only when a cheap C-level check says it is
    needed: most lines need none of them."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _SPECIAL.search(text):
            text = _INVISIBLE_RUN.sub("", text.translate(_TRANSLATE))
    elif "\t" in text or _SPECIAL.search(text):
        text = _INVISIBLE_RUN.sub("", text.translate(_TRANSLATE))
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    stripped = stripped.rstrip()
    if "  " in stripped:
        stripped = _SPACES.sub(" ", stripped)
    return stripped, indent


def build_document(
    path: str,
    fmt: str,
    data: bytes,
    raw_lines: Iterable[RawLine],
    *,
    pages: int | None = None,
    encoding: str | None = None,
) -> Document:
    """Assemble the document; raise IngestError when no readable text remains."""
    pieces: list[str] = []
    lines: list[Line] = []
    dropped: list[DroppedLine] = []
    offset = 0
    blank_pending = False  # one blank line between paragraphs, none at either end
    for raw in raw_lines:
        text, indent = normalise(raw.text)
        if not text:
            blank_pending = bool(pieces)
            continue
        reason = raw.drop or chrome_reason(text, raw.raw)
        if reason:
            dropped.append(DroppedLine(raw.source_line, raw.page, text, reason))
            continue
        if blank_pending:
            pieces.append("\n")
            offset += 1
            blank_pending = False
        lead = normalise(raw.lead)[0] if raw.lead else ""
        lines.append(
            Line(
                offset,
                offset + len(text),
                raw.source_line,
                raw.page,
                raw.hint,
                raw.bold,
                lead,
                indent,
                raw.item,
            )
        )
        pieces.append(text + "\n")
        offset += len(text) + 1
    full = "".join(pieces)
    if not full.strip():
        raise IngestError(path, "no readable text (the file is empty or holds only markup)")
    runs = language.language_runs([full[line.start : line.end] for line in lines])
    return Document(
        path=path,
        format=fmt,
        text=full,
        lines=tuple(lines),
        sha256=sha256(data).hexdigest(),
        language=language.main_language(runs),
        parts=_parts(runs, lines, len(full)),
        pages=pages,
        encoding=encoding,
        dropped=tuple(dropped),
    )


def _parts(runs: list[language.Run], lines: list[Line], length: int) -> tuple[LanguagePart, ...]:
    """Language parts that tile the text; a part starts right after the previous part's last
    labelled line, so the headings and dates that introduce it belong to it."""
    if not runs:
        return (LanguagePart(0, length, language.UNDETERMINED),)
    parts: list[LanguagePart] = []
    start = 0
    for index, run in enumerate(runs):
        end = lines[run.last].end + 1 if index + 1 < len(runs) else length
        parts.append(LanguagePart(start, end, run.language))
        start = end
    return tuple(parts)
