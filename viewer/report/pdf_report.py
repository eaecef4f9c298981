"""The PDF report: PyMuPDF's Story lays out HTML (from the same templates as the HTML report)
into A4 pages with real, searchable text and the difference marks as colours, underlines and
strike-through.

The body is laid out once, recording on which page each heading lands; the title page and the
contents are then laid out in front of it with those page numbers (shifted by their own length,
re-done in the rare case the contents grow by a page), linked to their pages, and mirrored as
PDF bookmarks. Page numbers are stamped on every page but the title page.

Large reports. MuPDF's time and memory for one story grow faster than its length (each page
visits every box of the story, and draws every item of a list that spans it): 10,000 notes took
18 s and 790 MB in one story, 55 s and 2.6 GB when they were all on one section. So the HTML is
streamed from the template and laid out as a sequence of stories of about STORY_BYTES each, cut
between blocks, list items or table rows (see _stories), each story placed on the page where
the one before it ended; memory stays bounded by a story and the finished pages. MuPDF also
breaks a word longer than a line in time quadratic in its length (a 120 KB note without spaces
took 10 s, 1 MB did not finish in 10 minutes) and lets it run off the page, so a run of text
longer than LONG_RUN gets an invisible break opportunity (a soft hyphen) every BREAK_EVERY
characters, in linear time (`breakable`).

Limits: a review of more than MAX_NOTES (50,000) notes is refused with one line that points to
the HTML and CSV reports, which have no limit, and so is a PDF that would run past MAX_PAGES
(10,000) pages (very long notes or documents). Measured on 2 cores with the bench's notes (one
or two lines each): 10,000 notes take about 4 s and the report's process peaks at about 150 MB;
50,000 notes about 20 s and 300 MB; 100,000 notes 50 s and over 500 MB. So 50,000 is the round
number that keeps a report at the limit within the 30 s and 500 MB a 10,000-note report is held
to. 30,000 notes of 1,400 characters fill 9,900 pages in 45 s and 490 MB: hence 10,000 pages.
"""

from __future__ import annotations

import io
import logging
import re

import pymupdf
from markupsafe import Markup

from viewer.core.resources import resource_path
from viewer.report.errors import ReportError
from viewer.report.model import Report
from viewer.report.templates import environment

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

log = logging.getLogger(__name__)

PAGE = pymupdf.paper_rect("a4")
MARGIN = 54  # points
FOOTER = 22  # points from the bottom edge to the page number's baseline
EM = 10  # points
#: Where the templates split their parts; never in escaped text, which has no `<`.
NEW_PAGE = "<!-- new page -->"

#: Most notes a PDF report holds, and most pages (a backstop for very long notes or
#: documents); the HTML, CSV, Markdown and JSON reports have no limit.
MAX_NOTES = 50_000
MAX_PAGES = 10_000
#: What to do instead, after a limit's message.
INSTEAD = "export HTML or CSV instead, or filter the notes"

#: Characters of HTML in one story: a part is cut into stories at the first place past this
#: many where it can be (see _stories); between table rows only past TABLE_BYTES, as each
#: story sizes the columns of its part of a table to its own rows (a cut may shift them).
STORY_BYTES = 24_000
TABLE_BYTES = 240_000
#: The template's pieces are scanned for tags in blocks of about this many characters.
BLOCK_BYTES = 8192
#: Least room (points) at the bottom of a page worth placing the next story in (a story's
#: filled area may end below the page's, by the bottom margin of its last element).
MIN_ROOM = 2 * EM
#: Fewest bytes of HTML a page holds; far fewer means MuPDF is stuck on something taller than
#: a page (a table row), which it would otherwise break over new pages for ever.
MIN_BYTES_PER_PAGE = 200

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>", re.DOTALL)
_VOID = frozenset({"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "wbr"})
#: A story may end after one of these at the top level (not after an inline element).
_BLOCKS = frozenset(
    {"blockquote", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "table", "ul"}
)
#: A story may end after an item of these lists (`li`) and tables (`tr`), when nothing but
#: divs is open around them: they are closed before the cut and opened again after it.
_ITEMS = {("ul",): "li", ("ol",): "li", ("table",): "tr", ("table", "tbody"): "tr"}
_CLASS = re.compile(r'\sclass="([^"]*)"')
_ID = re.compile(r'\sid="[^"]*"')

#: A run of more characters than this without a space may be broken: every BREAK_EVERY
#: characters (an entity, or a letter with its combining accents, counts as one).
LONG_RUN = 60
BREAK_EVERY = 10
SOFT_HYPHEN = "\u00ad"
#: A tag (kept whole), or a long run of text: between MuPDF's spaces, from the start of one.
_TAG_OR_RUN = re.compile(rf"<[^>]*>|(?<![^ \t\n\r\f<>])[^ \t\n\r\f<]{{{LONG_RUN + 1},}}")
#: Up to BREAK_EVERY characters (atomic: an entity or an accented letter is never split).
_UNITS = re.compile(rf"(?>&#?\w{{1,8}};|.[\u0300-\u036f]*){{1,{BREAK_EVERY}}}", re.DOTALL)


def render_pdf(report: Report) -> bytes:
    check_size(report)
    css = _css()
    body, positions = _layout(_generate("pdf_body.html.j2", report=report), css)
    headings = [p for p in positions if p.heading in (1, 2) and p.id and p.open_close & 1]
    front_pages = 2
    for _ in range(3):  # the contents' length depends on nothing but its entries' count
        entries = [(p.heading, p.text.strip(), p.id, p.page_num + front_pages) for p in headings]
        front_html = _generate("pdf_front.html.j2", report=report, entries=entries)
        front, front_positions = _layout(front_html, css)
        if front.page_count == front_pages:
            break
        front_pages = front.page_count
    document = body
    document.insert_pdf(front, start_at=0)  # the few pages into the many, not the other way
    front.close()
    _link_contents(document, front_positions, entries)
    document.set_toc([[level, title, page] for level, title, _id, page in entries])
    _number_pages(document)
    document.set_metadata(
        {
            "title": report.title,
            "author": report.reviewer or "",
            "subject": "Contract review: " + ", ".join(d.title for d in report.documents),
            "creator": "Contract Compare",
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
        }
    )
    data = document.tobytes(garbage=1, deflate=True)
    document.close()
    return data


def check_size(report: Report) -> None:
    """Refuse, in one line, a review with more notes than the PDF report holds."""
    if len(report.notes) > MAX_NOTES:
        raise ReportError(
            f"the PDF report holds at most {MAX_NOTES:,} notes and this review has "
            f"{len(report.notes):,}; {INSTEAD}"
        )


def breakable(html: str) -> str:
    """`html` with a soft hyphen (a break opportunity, invisible unless a line ends there)
    after every BREAK_EVERY characters of each run of text longer than LONG_RUN; tags and
    entities are kept whole. Linear in the length of `html`."""
    return _TAG_OR_RUN.sub(_break_run, html)


def _break_run(match: re.Match[str]) -> str:
    run = match.group()
    if run[0] == "<":
        return run
    end = len(run)
    return _UNITS.sub(lambda units: units.group() + SOFT_HYPHEN * (units.end() < end), run)


def _generate(name: str, **context: object) -> Iterator[str]:
    """The template's HTML in pieces, as it is made (never the whole of it at once)."""
    return environment().get_template(name).generate(new_page=Markup(NEW_PAGE), **context)


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


def _layout(html: str | Iterable[str], css: str) -> tuple[pymupdf.Document, list[_Position]]:
    """Lay `html` (a string, or the pieces a template generates) out on as many pages as it
    needs, each part (split at NEW_PAGE) from the top of a new page; the PDF and where each
    element with an id or heading landed (1-based page numbers).

    Each part is laid out as a sequence of stories of about STORY_BYTES of HTML (see
    _stories), each placed on the rest of the page where the one before it ended."""
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer, "compress")  # smaller in memory until saved
    full = pymupdf.Rect(MARGIN, MARGIN, PAGE.width - MARGIN, PAGE.height - MARGIN)
    positions: list[_Position] = []
    page = 0
    device = None  # the open page's, if any
    top = full.y0  # where the next story starts on the open page

    def record(position: Any) -> None:
        positions.append(_Position(position))

    try:
        for new_page, chunk in _stories([html] if isinstance(html, str) else html):
            if device is not None and (new_page or top > full.y1 - MIN_ROOM):
                writer.end_page()
                device = None
            story = pymupdf.Story(breakable(chunk), user_css=css, em=EM)
            last = page + len(chunk) // MIN_BYTES_PER_PAGE + 20
            more = True
            while more:
                if device is None:
                    page += 1
                    if page > MAX_PAGES:
                        raise ReportError(
                            f"the PDF report holds at most {MAX_PAGES:,} pages and this one "
                            f"runs past them; {INSTEAD}"
                        )
                    if page > last:
                        raise ReportError(
                            "cannot lay out the PDF: a table row is taller than a page"
                        )
                    device = writer.begin_page(PAGE)
                    top = full.y0
                more, filled = story.place(pymupdf.Rect(full.x0, top, full.x1, full.y1))
                # Only after place(): PyMuPDF 1.28 crashes when asked for positions before it.
                story.element_positions(record, {"page_num": page})
                story.draw(device)
                if more:
                    writer.end_page()
                    device = None
                else:
                    top = max(top, pymupdf.Rect(filled).y1)
            del story  # MuPDF frees the story's boxes now, not at the end
    finally:
        if device is not None:
            writer.end_page()
        writer.close()
    data = buffer.getvalue()
    buffer.close()
    return pymupdf.open("pdf", data), positions


def _stories(pieces: Iterable[str]) -> Iterator[tuple[bool, str]]:
    """The HTML of each story: (whether it starts a new page, its HTML), in one pass.

    A part (between NEW_PAGE marks) is cut at the first place after every STORY_BYTES where
    it can be: after a block at the top level, or after an item of a list or (past
    TABLE_BYTES) a row of a table, inside nothing but divs. The elements open at the cut are
    closed before it (given the class `cut`) and opened again after it (with the class
    `cont`, without their id). A part whose end tags do not match its start tags is not cut
    after the first mismatch."""
    chunk: list[str] = []  # the story's HTML so far
    size = 0  # its length
    stack: list[tuple[str, str, int]] = []  # open elements: name, start tag, offset in chunk
    sound = True  # every end tag so far closed the element open
    new_page = True
    for block in _blocks(pieces):
        done = 0  # block[:done] is in chunk
        for token in _TOKEN.finditer(block):
            closing, name = token.group(1, 2)
            if name is None:  # a comment
                if token.group() == NEW_PAGE:
                    html = "".join(chunk) + block[done : token.start()]
                    if html.strip():
                        yield new_page, html
                    chunk, size, stack, sound, new_page = [], 0, [], True, True
                    done = token.end()
                continue
            name = name.lower()
            if not closing:
                if name not in _VOID and not token.group().endswith("/>"):
                    stack.append((name, token.group(), size + token.start() - done))
                continue
            if not stack or stack[-1][0] != name:
                sound = False
                continue
            stack.pop()
            limit = _cut_limit(stack, name) if sound else None
            if limit is None or size + token.end() - done < limit:
                continue
            html = "".join(chunk) + block[done : token.end()]
            done = token.end()
            for open_name, tag, at in reversed(stack):  # from the end: offsets stay right
                html = f"{html[:at]}{_with_class(tag, 'cut')}{html[at + len(tag) :]}"
                html += f"</{open_name}>"
            yield new_page, html
            new_page = False
            reopened = [(n, _with_class(_ID.sub("", tag), "cont")) for n, tag, _at in stack]
            chunk, size, stack = [], 0, []
            for open_name, tag in reopened:
                stack.append((open_name, tag, size))
                chunk.append(tag)
                size += len(tag)
        chunk.append(block[done:])
        size += len(block) - done
    html = "".join(chunk)
    if html.strip():
        yield new_page, html


def _cut_limit(stack: list[tuple[str, str, int]], closed: str) -> int | None:
    """How long a story must be to end right after the end tag of `closed` inside `stack`;
    None where it may not end."""
    names = [name for name, _tag, _at in stack]
    if not names:
        return STORY_BYTES if closed in _BLOCKS else None
    while names and names[0] == "div":
        names.pop(0)
    if _ITEMS.get(tuple(names)) != closed:
        return None
    return TABLE_BYTES if names[0] == "table" else STORY_BYTES


def _with_class(tag: str, name: str) -> str:
    """The start tag `tag` with the class `name` added (if it has not got it)."""
    found = _CLASS.search(tag)
    if found and name in found.group(1).split():
        return tag
    if found:
        return f"{tag[: found.end(1)]} {name}{tag[found.end(1) :]}"
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end]} class="{name}"{tag[end:]}'


def _blocks(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces joined into blocks of about BLOCK_BYTES (or more), none ending inside a tag."""
    parts: list[str] = []
    size = 0
    for piece in pieces:
        parts.append(piece)
        size += len(piece)
        if size >= BLOCK_BYTES:
            text = "".join(parts)
            begun = text.rfind("<")
            if begun > text.rfind(">"):  # a tag begun in this block ends in the next
                yield text[:begun]
                parts, size = [text[begun:]], len(text) - begun
            else:
                yield text
                parts, size = [], 0
    if parts:
        yield "".join(parts)


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
