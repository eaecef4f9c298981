"""Build the PDF and DOCX samples from their Markdown sources (`make samples`).

- `brightwave_api_terms.md` -> `brightwave_api_terms.pdf`: laid out by PyMuPDF's Story, so
  headings get larger fonts and run-in titles bold runs, as in a vendor's printed PDF. Lines
  that are only site navigation links are left out, as a printout would.
- `nordmoln_allmanna_villkor.md` -> `nordmoln_allmanna_villkor.docx`: `#` lines become Word's
  heading styles and numbered list lines use Word's automatic numbering (the number is not in
  the text), so the DOCX importer's numbering support is exercised.

The outputs are committed; run this again after editing a source. Output is deterministic
(fixed document dates), so an unchanged source gives an unchanged file.
"""

from __future__ import annotations

import datetime
import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from viewer.core.structure.ingest.chrome import is_link_only  # noqa: E402

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_FIXED_DATE = datetime.datetime(2026, 1, 1, 12, 0, 0)


def blocks(source: Path) -> list[tuple[str, str]]:
    """(kind, text) per Markdown line: heading levels `h1`..`h6`, `li` for numbered items, `p`."""
    out = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or is_link_only(line):
            continue
        text = _LINK.sub(r"\1", line.strip()).replace("\\.", ".")
        heading = _HEADING.match(text)
        if heading:
            out.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif _NUMBERED.match(text):
            out.append(("li", text))
        else:
            bullet = _BULLET.match(text)
            out.append(("p", bullet.group(1) if bullet else text))
    return out


def build_pdf(source: Path, target: Path) -> None:
    import pymupdf

    parts = []
    for kind, text in blocks(source):
        body = _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))
        tag = kind if kind.startswith("h") else "p"
        parts.append(f"<{tag}>{body}</{tag}>")
    css = (
        "body {font-family: sans-serif; font-size: 10pt;} h1 {font-size: 18pt;} "
        "h2 {font-size: 13pt;} h3 {font-size: 11.5pt;} p {margin-bottom: 5pt;}"
    )
    story = pymupdf.Story(html="".join(parts), user_css=css)
    writer = pymupdf.DocumentWriter(str(target))
    mediabox = pymupdf.paper_rect("a4")
    where = pymupdf.Rect(56, 56, mediabox.width - 56, mediabox.height - 56)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    with pymupdf.open(target) as document:  # fixed metadata keeps the build reproducible
        document.set_metadata(
            {
                "title": blocks(source)[0][1],
                "creationDate": "D:20260101120000",
                "modDate": "D:20260101120000",
                "producer": "Contract Compare",
            }
        )
        document.save(str(target) + ".tmp", garbage=4, deflate=True, no_new_id=True)
    Path(str(target) + ".tmp").replace(target)


def build_docx(source: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.created = properties.modified = _FIXED_DATE
    properties.author = properties.last_modified_by = "Contract Compare"
    for kind, text in blocks(source):
        if kind.startswith("h"):
            paragraph = document.add_paragraph(style=f"Heading {kind[1]}")
        elif kind == "li":
            paragraph = document.add_paragraph(style="List Number")
            text = _NUMBERED.match(text).group(2)
        else:
            paragraph = document.add_paragraph()
        for index, piece in enumerate(_BOLD.split(text)):
            if piece:
                paragraph.add_run(piece).bold = index % 2 == 1 or None
    document.save(str(target))


def main() -> None:
    build_pdf(HERE / "brightwave_api_terms.md", HERE / "brightwave_api_terms.pdf")
    build_docx(HERE / "nordmoln_allmanna_villkor.md", HERE / "nordmoln_allmanna_villkor.docx")
    for name in ("brightwave_api_terms.pdf", "nordmoln_allmanna_villkor.docx"):
        print(f"wrote {name} ({(HERE / name).stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
