"""DOCX through python-docx: heading styles become hints, and automatic list numbering is
written out as text (`1.`, `a)`) so that numbered clauses segment as they print.

`source_line` is the 1-based paragraph number (table rows count as one paragraph each).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from viewer.core.errors import IngestError
from viewer.core.structure.ingest.builder import RawLine

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_HEADING_STYLE = re.compile(
    r"^(?:heading|rubrik|überschrift|titolo|nagłówek|titre|overskrift)\s*(\d)$", re.IGNORECASE
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: What a DOCX may unpack to: python-docx holds every part in memory and parses the XML ones
#: whole. A 10,000-page contract's document.xml is about 30 MB.
MAX_XML_PART_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


def raw_lines(path: str, data: bytes) -> Iterator[RawLine]:
    import io

    import docx
    from lxml.etree import XMLSyntaxError

    _check_unpacked_size(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as error:
        raise IngestError(path, f"corrupt DOCX ({type(error).__name__}: {error})") from None
    numbering = _Numbering(document)
    return iter(list(_lines(document, numbering)))


def _check_unpacked_size(path: str, data: bytes) -> None:
    """Refuse a package that would unpack beyond the limits (a zip bomb) before any of it is.

    The sizes a ZIP declares are what `zipfile` will unpack at most (it stops there, and a
    part that holds more fails its CRC check), so checking them bounds the memory used.
    """
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise IngestError(path, f"corrupt DOCX ({error})") from None
    total = 0
    for part in parts:
        total += part.file_size
        xml = part.filename.endswith((".xml", ".rels"))
        if xml and part.file_size > MAX_XML_PART_BYTES:
            raise IngestError(path, _expands(part.filename, part.file_size, MAX_XML_PART_BYTES))
        if total > MAX_UNPACKED_BYTES:
            raise IngestError(path, _expands("the package", total, MAX_UNPACKED_BYTES))


def _expands(what: str, size: int, limit: int) -> str:
    return (
        f"{what} expands beyond {limit // 2**20} MB when unpacked "
        f"({size / 2**20:,.0f} MB declared); a zip bomb, or not a document to compare"
    )


def _lines(document: Any, numbering: _Numbering) -> Iterator[RawLine]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    number = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            number += 1
            yield _paragraph(Paragraph(child, document), number, numbering)
            yield RawLine("", number)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                number += 1
                cells = [cell.text.strip() for cell in row.cells]
                yield RawLine(" | ".join(dict.fromkeys(c for c in cells if c)), number)
            yield RawLine("", number)


def _paragraph(paragraph: Any, number: int, numbering: _Numbering) -> RawLine:
    style = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(style or "")
    hint = int(match.group(1)) if match else (1 if style == "Title" else 0)
    text = numbering.label(paragraph) + paragraph.text
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(_is_bold(run, paragraph) for run in runs)
    lead = ""
    if runs and not bold and _is_bold(runs[0], paragraph):
        lead = runs[0].text.strip()
    return RawLine(text, number, hint=hint, bold=bold and not hint, lead=lead)


def _is_bold(run: Any, paragraph: Any) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = paragraph.style
    return bool(style is not None and style.font.bold)


class _Numbering:
    """Counters for Word's automatic numbering, from `numbering.xml`."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = _val(lvl.find(f"{_W}numFmt"), "decimal")
                text = _val(lvl.find(f"{_W}lvlText"), "")
                start = int(_val(lvl.find(f"{_W}start"), "1"))
                levels[int(lvl.get(f"{_W}ilvl"))] = (fmt, text, start)
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = _val(num.find(f"{_W}abstractNumId"), "")
            for ilvl, spec in abstract.get(ref, {}).items():
                self._levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or (num_id, ilvl) not in self._levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        fmt, template, start = self._levels[(num_id, ilvl)]
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in {"bullet", "none"} or not template:
            return ""
        label = template
        for level in range(ilvl + 1):
            spec = self._levels.get((num_id, level), ("decimal", "", 1))
            value = counters[level] or spec[2]
            label = label.replace(f"%{level + 1}", _format(value, spec[0]))
        return label + " "


def _val(node: Any, default: str) -> str:
    return node.get(f"{_W}val", default) if node is not None else default


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    for owner in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
        ppr = owner if owner is None or owner.tag.endswith("pPr") else owner.find(f"{_W}pPr")
        if ppr is None:
            continue
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"), "")
            if num_id and num_id != "0":
                return num_id, int(_val(num_pr.find(f"{_W}ilvl"), "0"))
    return None, 0


def _format(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    numerals = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out
