"""The PDF report at scale: long unbroken text wraps (in linear time), a large review is laid
out as many small stories that still read as one, and past the limits it is refused in one line.
No timings here: the structure that makes it fast is what is checked (bench/bench_report.py
times it)."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from tests.report.conftest import BRIGHTWAVE, PELAVIK, make_report
from viewer.core.errors import UserError
from viewer.core.records import replace
from viewer.report import ReportError, pdf_report, render_report, write_report
from viewer.report.model import NoteEntry, Report
from viewer.report.pdf_report import NEW_PAGE, SOFT_HYPHEN, breakable

_TEXT = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES
RIGHT_EDGE = pdf_report.PAGE.width - pdf_report.MARGIN
#: Where the text of a page is, above its page number.
BODY = pymupdf.Rect(0, 0, pdf_report.PAGE.width, pdf_report.PAGE.height - pdf_report.MARGIN + 4)


@pytest.fixture(scope="module")
def base() -> Report:
    return make_report([PELAVIK, BRIGHTWAVE], title="Scale")


def with_notes(report: Report, texts: list[str]) -> Report:
    """`report` with a note of each text, all on its first topic (one long list of notes)."""
    topic = report.topics[0]
    notes = tuple(
        NoteEntry(
            id=index,
            document="A",
            document_path=PELAVIK,
            sha256=report.documents[0].sha256,
            section=None,
            section_label="1.1 Definitions",
            section_path=("1", "1.1"),
            row=topic.key,
            topic=topic.label,
            status=("concern", "negotiate", "question", "ok")[index % 4],
            author="Reviewer",
            text=text,
            quote="",
            offset=0,
            created="2026-01-02T03:04:05",
            updated="2026-01-02T03:04:05",
            orphaned=False,
        )
        for index, text in enumerate(texts)
    )
    topics = (replace(topic, notes=notes), *report.topics[1:])
    return replace(report, topics=topics, notes=notes)


def _squeezed(text: str) -> str:
    """Text without what line breaking adds: white space, and hyphens at broken words."""
    return re.sub(rf"[\s\-{SOFT_HYPHEN}]", "", text)


# -- long runs of text ------------------------------------------------------------------------


def test_short_words_tags_and_entities_are_left_whole() -> None:
    html = '<p class="' + "c" * 100 + '">short words, and a 60-character run: ' + "w" * 60 + "</p>"
    assert breakable(html) == html
    entities = "<p>" + "&amp;" * 70 + "</p>"  # 70 characters once shown
    broken = breakable(entities)
    assert broken.count(SOFT_HYPHEN) == 6 and broken.replace(SOFT_HYPHEN, "") == entities
    assert re.fullmatch(rf"<p>((&amp;){{10}}{SOFT_HYPHEN}){{6}}(&amp;){{10}}</p>", broken)
    accented = "e\u0301" * 61  # a letter and its combining accent stay together
    assert SOFT_HYPHEN + "\u0301" not in breakable(accented)


def test_breaking_a_2_mb_run_inserts_one_break_every_few_characters() -> None:
    """Linear by construction: one pass, a break after every BREAK_EVERY characters."""
    every = pdf_report.BREAK_EVERY
    run = "x" * 2_000_000
    broken = breakable(run)
    assert broken.count(SOFT_HYPHEN) == (len(run) - 1) // every
    assert broken.replace(SOFT_HYPHEN, "") == run
    assert set(broken.split(SOFT_HYPHEN)) == {"x" * every}
    runs = ("y" * 1000 + "<br>") * 2000  # 2 MB in runs between tags
    broken = breakable(runs)
    assert broken.count(SOFT_HYPHEN) == 2000 * (999 // every)
    assert "<br>" + SOFT_HYPHEN not in broken and broken.replace(SOFT_HYPHEN, "") == runs


def test_a_note_of_200_kb_without_spaces_wraps_within_the_page(base: Report) -> None:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    run = (alphabet * (200_000 // len(alphabet) + 1))[:200_000]
    report = with_notes(base, ["Before it.", run, "After it."])
    with pymupdf.open("pdf", render_report(report, "pdf")) as document:
        text = "".join(page.get_text(flags=_TEXT, clip=BODY) for page in document)
        right = max(word[2] for page in document for word in page.get_text("words"))
    assert run in _squeezed(text), "every character is in the PDF"
    assert right <= RIGHT_EDGE + 1, "no line runs off the page"


# -- many notes -------------------------------------------------------------------------------


def test_stories_cut_lists_and_tables_into_well_formed_parts() -> None:
    items = [f'<li class="note">item {i}</li>' for i in range(3000)]
    rows = [f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(12000)]
    pieces = [
        "<h1>Notes</h1>",
        '<ul class="notes" id="the-list">',
        *items,
        "</ul>",
        NEW_PAGE,
        '<div><table class="matrix"><tbody>',
        *rows,
        "</tbody></table></div>",
    ]
    stories = list(pdf_report._stories(pieces))
    assert len(stories) > 5
    assert [new for new, _html in stories].count(True) == 2  # the two parts
    for _new, html in stories:
        assert len(html) < pdf_report.TABLE_BYTES + 1000
        opened = re.findall(r"<(ul|table|div|tbody|li|tr)\b", html)
        closed = re.findall(r"</(ul|table|div|tbody|li|tr)>", html)
        assert sorted(opened) == sorted(closed), "each story closes what it opens"
    whole = "".join(html for _new, html in stories)
    assert re.findall(r"item \d+", whole) == [f"item {i}" for i in range(3000)]
    assert re.findall(r"row \d+", whole) == [f"row {i}" for i in range(12000)]
    assert whole.count('id="the-list"') == 1  # a list opened again has no id
    assert '<ul class="notes cut" id="the-list">' in whole and '<ul class="notes cont">' in whole
    assert '<div class="cont"><table class="matrix cont"><tbody class="cont">' in whole


def test_2000_notes_on_one_topic_are_laid_out_whole_in_small_pages(base: Report) -> None:
    """One list of 2,000 notes: MuPDF drew every note of a list on each page it spans (pages
    of megabytes, in quadratic time); in stories of STORY_BYTES each page holds its own."""
    texts = [
        f"Note {i}: check this against our position <b>&</b> standard terms." for i in range(2000)
    ]
    report = with_notes(base, texts)
    with pymupdf.open("pdf", render_report(report, "pdf")) as document:
        text = " ".join(page.get_text(flags=_TEXT) for page in document)
        outline = [title for _level, title, _page in document.get_toc()]
        total = document.page_count
        assert (
            f"2 / {total}" in document[1].get_text()
            and f"{total} / {total}" in document[-1].get_text()
        )
        assert document[1].get_links(), "the contents link to their pages"
        biggest = max(len(page.read_contents()) for page in document)
        overlaps = [page.number + 1 for page in document if _overlapping(page)]
    found = {int(n) for n in re.findall(r"Note (\d+): check this against our position", text)}
    assert found == set(range(2000))
    assert all(topic.label in outline for topic in report.topics)
    assert biggest < 150_000, f"a page of {biggest} bytes draws more than its own notes"
    assert overlaps == [], "a story is placed below the one before it, never over it"


def _overlapping(page: pymupdf.Page) -> bool:
    """Whether two blocks of text on the page overlap (one story drawn over another)."""
    blocks = [pymupdf.Rect(b[:4]) for b in sorted(page.get_text("blocks"), key=lambda b: b[1])]
    return any(
        (a & b).height > 1 and (a & b).width > 1
        for i, a in enumerate(blocks)
        for b in blocks[i + 1 : i + 40]
    )


# -- limits -----------------------------------------------------------------------------------


def test_more_notes_than_the_pdf_holds_is_refused_in_one_line(
    base: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_report, "MAX_NOTES", 3)
    report = with_notes(base, ["one", "two", "three", "four"])
    out = tmp_path / "review.pdf"
    with pytest.raises(ReportError) as caught:
        write_report(report, "pdf", str(out))
    message = str(caught.value)
    assert message == (
        f"{out}: the PDF report holds at most 3 notes and this review has 4; "
        "export HTML or CSV instead, or filter the notes"
    )
    assert isinstance(caught.value, UserError) and "\n" not in message
    assert not out.exists() and list(tmp_path.iterdir()) == []
    write_report(report, "html", str(tmp_path / "review.html"))  # no limit there


def test_a_pdf_past_the_page_limit_is_refused_in_one_line(
    base: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_report, "MAX_PAGES", 4)
    with pytest.raises(ReportError, match=r"^the PDF report holds at most 4 pages and this one "):
        render_report(with_notes(base, ["a note"]), "pdf")
