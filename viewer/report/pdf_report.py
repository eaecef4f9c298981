"""The PDF report: PyMuPDF's Story lays out HTML (from the same templates as the HTML report)
into A4 pages with real, searchable text and the difference marks as colours, underlines and
strike-through.

The body is laid out once, recording on which page each heading lands; the title page and the
contents are then laid out in front of it with those page numbers (shifted by their own length,
re-done in the rare case the contents grow by a page), linked to their pages, and mirrored as
PDF bookmarks. Page numbers are stamped on every page but the title page.
"""

from __future__ import annotations

import io
import logging

import pymupdf
from markupsafe import Markup

from viewer.core.resources import resource_path
from viewer.report.errors import ReportError
from viewer.report.model import Report
from viewer.report.templates import render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

log = logging.getLogger(__name__)

PAGE = pymupdf.paper_rect("a4")
MARGIN = 54  # points
FOOTER = 22  # points from the bottom edge to the page number's baseline
EM = 10  # points
#: Where the templates split their parts; never in escaped text, which has no `<`.
NEW_PAGE = "<!-- new page -->"
#: Fewest bytes of HTML a page holds; far fewer means MuPDF is stuck on something taller than
#: a page (a table row), which it would otherwise break over new pages for ever.
MIN_BYTES_PER_PAGE = 200


def render_pdf(report: Report) -> bytes:
    css = _css()
    body_html = render("pdf_body.html.j2", report=report, new_page=Markup(NEW_PAGE))
    body, positions = _layout(body_html, css)
    headings = [p for p in positions if p.heading in (1, 2) and p.id and p.open_close & 1]
    front_pages = 2
    for _ in range(3):  # the contents' length depends on nothing but its entries' count
        entries = [(p.heading, p.text.strip(), p.id, p.page_num + front_pages) for p in headings]
        front_html = render(
            "pdf_front.html.j2", report=report, entries=entries, new_page=Markup(NEW_PAGE)
        )
        front, front_positions = _layout(front_html, css)
        if front.page_count == front_pages:
            break
        front_pages = front.page_count
    front.insert_pdf(body)
    body.close()
    _link_contents(front, front_positions, entries)
    front.set_toc([[level, title, page] for level, title, _id, page in entries])
    _number_pages(front)
    front.set_metadata(
        {
            "title": report.title,
            "author": report.reviewer or "",
            "subject": "Contract review: " + ", ".join(d.title for d in report.documents),
            "creator": "Contract Compare",
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
        }
    )
    data = front.tobytes(garbage=1, deflate=True)
    front.close()
    return data


def _css() -> str:
    with open(resource_path("report/pdf.css"), encoding="utf-8") as handle:
        return handle.read()


class _Position:
    """Where the Story placed an element (PyMuPDF's position objects live only in the
    callback)."""

    __slots__ = ("heading", "id", "open_close", "page_num", "rect", "text")

    def __init__(self, position: Any) -> None:
        self.heading = position.heading
        self.id = position.id
        self.open_close = position.open_close
        self.rect = pymupdf.Rect(position.rect)
        self.text = position.text or ""
        self.page_num = position.page_num


def _layout(html: str, css: str) -> tuple[pymupdf.Document, list[_Position]]:
    """Lay `html` out on as many pages as it needs, each part (split at NEW_PAGE) from the top
    of a new page; the PDF and where each element with an id or heading landed (1-based page
    numbers)."""
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    where = pymupdf.Rect(MARGIN, MARGIN, PAGE.width - MARGIN, PAGE.height - MARGIN)
    positions: list[_Position] = []
    page = 0
    for part in html.split(NEW_PAGE):
        story = pymupdf.Story(part, user_css=css, em=EM)
        last = page + len(part) // MIN_BYTES_PER_PAGE + 20
        more = True
        while more:
            page += 1
            if page > last:
                writer.close()
                raise ReportError("cannot lay out the PDF: a table row is taller than a page")
            device = writer.begin_page(PAGE)
            more, _filled = story.place(where)
            # Only after place(): PyMuPDF 1.28 crashes when asked for positions before it.
            story.element_positions(lambda p: positions.append(_Position(p)), {"page_num": page})
            story.draw(device)
            writer.end_page()
    writer.close()
    return pymupdf.open("pdf", buffer.getvalue()), positions


def _link_contents(
    document: pymupdf.Document, positions: list[_Position], entries: list[tuple]
) -> None:
    """Make each line of the contents a link to its page."""
    rows = {p.id: p for p in positions if p.id and p.id.startswith("toc-") and p.open_close & 1}
    for index, (_level, _title, _id, page) in enumerate(entries):
        found = rows.get(f"toc-{index}")
        if found is None:
            continue
        rect = pymupdf.Rect(found.rect.x0, found.rect.y0, PAGE.width - MARGIN, found.rect.y1)
        document[found.page_num - 1].insert_link(
            {"kind": pymupdf.LINK_GOTO, "from": rect, "page": page - 1, "to": pymupdf.Point(0, 0)}
        )


def _number_pages(document: pymupdf.Document) -> None:
    total = document.page_count
    for page in document.pages(1):  # not the title page
        label = f"{page.number + 1} / {total}"
        width = pymupdf.get_text_length(label, fontname="helv", fontsize=8)
        page.insert_text(
            ((PAGE.width - width) / 2, PAGE.height - FOOTER),
            label,
            fontname="helv",
            fontsize=8,
            color=(0.4, 0.4, 0.4),
        )
