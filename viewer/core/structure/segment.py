"""One segmenter for every format: lines with heading hints in, a section tree out.

Three questions are asked of each line, in this order:
1. its *shape* (`headings.py`): numbered, lettered or plain, and where the title sits;
2. its *context*: does a number continue the document's numbering (`7.` after `6.`), or is it
   an item of a list inside a clause (`1.` to `9.` under "a) API Prohibitions")?
3. its *place* in the tree: numbers nest by prefix (`10.1` under `10`), letters under the clause
   they follow, format headings (`##`, `<h3>`, heading styles) by their level.
The sections tile the text: the Preamble and every section's span together cover every character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from viewer.core.model import Document, Line, Section, SectionTree, section_id
from viewer.core.structure import headings
from viewer.core.structure.headings import Form, Kind, Shape
from viewer.core.structure.language import UNDETERMINED
from viewer.core.structure.sentences import CLAUSE_END, SENTENCE_END

PREAMBLE = "Preamble"
_SENTENCE_END = (*SENTENCE_END, *CLAUSE_END, '"', "'", ")", "»")  # and a quote or bracket after
_SLUG = re.compile(r"[^\w]+")
_TITLE_CASE_LANGUAGES = frozenset({"en", UNDETERMINED})  # too little text to tell: as English
_RUN_IN_REACH = 6  # lines between two run-in titled paragraphs that make a run


class _Heading:
    """A heading found in the text; placed in the tree (level, parent, id) afterwards."""

    __slots__ = (
        "body_offset",
        "empty",
        "first",
        "hint",
        "id",
        "indent",
        "kind",
        "last",
        "level",
        "next_top",
        "number",
        "parent",
        "parts",
        "rank",
        "run_in",
        "title",
    )

    def __init__(
        self,
        first: int,
        last: int,
        kind: str,
        number: str | None,
        parts: tuple[int, ...],
        title: str,
        body_offset: int,
        hint: int,
        indent: int,
        run_in: bool = False,
    ) -> None:
        self.first = first  # index of the heading line in document.lines
        self.last = last  # last line the heading occupies (a title under a lone number)
        self.kind = kind
        self.number = number
        self.parts = parts
        self.title = title
        self.body_offset = body_offset  # offset in the text where the heading's words end
        self.hint = hint
        self.indent = indent
        self.run_in = run_in  # an unnumbered run-in title: a leaf under the clause it is in
        self.level = 1
        self.parent: _Heading | None = None
        self.rank = 0  # the format's heading level, inherited by unhinted children
        self.id = ""
        self.empty = False  # no words of its own before the next heading
        self.next_top: int | None = None  # number of the next top-level numbered heading


class _Numbering:
    """What the document's clause numbering leads us to expect next."""

    __slots__ = ("ahead", "last_child", "list_value", "list_was_titled", "restart_allowed")

    def __init__(self) -> None:
        self.last_child: dict[tuple[int, ...], int] = {}
        self.list_value: int | None = None  # last numbered list item in the current clause
        self.list_was_titled = False
        self.restart_allowed = True
        self.ahead: dict[int, int] = {}  # line start -> the next top-level clause number

    def resumes(self, value: int, line: Line) -> bool:
        """A top-level number at or past the last clause's (`10.` after `2.`, or `10.` again)
        followed by the next clause number of the document (or by itself, numbered twice): the
        numbering goes on from here."""
        last = self.last_child.get(())
        if last is None or value < last or value == last == 1:  # a list in clause 1 starts at 1
            return False
        return self.ahead.get(line.start) in (value, value + 1)

    def expected(self, parts: tuple[int, ...]) -> bool:
        prefix, value = parts[:-1], parts[-1]
        previous = self.last_child.get(prefix)
        if previous is not None:
            restart = not prefix and value == 1 and self.restart_allowed
            return previous < value <= previous + 2 or restart
        if not prefix:
            return True  # the first clause of a document (or of an excerpt starting at `6.`)
        # a first sub-clause: its parent exists, or is missing but would continue the numbering
        return value <= 2 and (self._known(prefix) or self.expected(prefix))

    def _known(self, prefix: tuple[int, ...]) -> bool:
        return self.last_child.get(prefix[:-1]) == prefix[-1]

    def accept(self, parts: tuple[int, ...]) -> None:
        for depth in range(1, len(parts) + 1):
            prefix, value = parts[: depth - 1], parts[depth - 1]
            if self.last_child.get(prefix, 0) < value or depth == len(parts):
                self.last_child[prefix] = value
        self.list_value = None
        self.restart_allowed = False


#: Whether a heading (title, language) announces a list of defined terms (`Definitions`,
#: `1. Definitioner`); the words are the topic vocabulary's, a later stage, so the caller
#: passes the test in (`compare.service.read_tree`).
DefinitionsTest = Callable[[str, str], bool]


def segment(
    document: Document,
    doc_id: str = "A",
    cancelled: Callable[[], bool] | None = None,
    definitions: DefinitionsTest | None = None,
) -> SectionTree:
    """Build the section tree of `document`; `doc_id` prefixes the section ids (`A:12.1`).

    Without `definitions` no heading announces a definitions list, so the terms of one are
    read as the short title lines they look like."""
    lines = document.lines
    texts = [document.text[line.start : line.end] for line in lines]
    title_index = _title_line(lines, texts)
    skip = _table_of_contents(lines, texts, cancelled)
    if title_index is not None:
        skip.add(title_index)
    found = _find_headings(document, lines, texts, skip, cancelled)
    if definitions is not None:
        found = _definition_entries_removed(document, found, definitions)
    _annotate(found, document.text, lines)
    _place(found)
    _assign_ids(found)
    sections = _sections(document, doc_id, found)
    title = texts[title_index] if title_index is not None else None
    title = headings.clean_title(title) if title else None
    return SectionTree(doc_id, document, title, tuple(sections))


_MAX_COLON_TITLE_WORDS = 6
_DEFINITION_TERM_WORDS = 6  # a defined term, however long, is a name


def _find_headings(
    document: Document,
    lines: tuple[Line, ...],
    texts: list[str],
    skip: set[int],
    cancelled: Callable[[], bool] | None,
) -> list[_Heading]:
    found: list[_Heading] = []
    numbering = _Numbering()
    run_ins = _run_in_titles(document, lines, texts)
    shapes = [
        headings.shape_of(t, line.lead or (t if line.bold else ""))
        for line, t in zip(lines, texts, strict=True)
    ]
    numbering.ahead = _next_top_numbers(lines, texts, shapes)
    index = 0
    while index < len(lines):
        if cancelled is not None and index % 2000 == 0 and cancelled():
            raise InterruptedError("sectioning cancelled")
        if index in skip:
            index += 1
            continue
        line, text = lines[index], texts[index]
        heading = _numbered(lines, texts, shapes, index, numbering, found)
        if heading is None and _is_plain_heading(lines, texts, index):
            heading = _Heading(
                index,
                index,
                Kind.PLAIN,
                None,
                (),
                headings.clean_title(text),
                line.end,
                line.hint,
                line.indent,
            )
            numbering.restart_allowed = True
            numbering.list_value = None
        elif heading is None and index in run_ins:
            end = run_ins[index]
            title = headings.clean_title(text[:end])
            heading = _Heading(
                index, index, Kind.PLAIN, None, (), title, line.start + end, 0, line.indent, True
            )
        if heading is not None:
            found.append(heading)
            index = heading.last + 1
        else:
            index += 1
    return found


def _definition_entries_removed(
    document: Document, found: list[_Heading], names_definitions: DefinitionsTest
) -> list[_Heading]:
    """`Kund`, then `Det företag som ...`, under `1. Definitioner`: the terms of a definitions
    list look like short title lines, but they are entries of one clause, not sections. A
    numbered, format-marked or ALL-CAPS heading ends the list, and so does a title line of the
    very style of the definitions heading, set apart from its text (the next clause)."""
    kept: list[_Heading] = []
    announces: dict[int, bool] = {}  # position in `kept` -> names the definitions
    for heading in found:
        entry = (
            kept
            and heading.kind is Kind.PLAIN
            and not heading.hint
            and len(headings.words(heading.title)) <= _DEFINITION_TERM_WORDS
            and not headings.is_all_caps(heading.title)
        )
        louder = kept and (kept[-1].kind is not Kind.PLAIN or kept[-1].hint)
        if entry and (louder or _tight(document, heading)):
            owner = len(kept) - 1
            if owner not in announces:
                announces[owner] = _opens_list(document, kept[owner], heading) and (
                    names_definitions(
                        kept[owner].title, document.language_at(document.lines[heading.first].start)
                    )
                )
            if announces[owner]:
                continue
        kept.append(heading)
    return kept


def _opens_list(document: Document, owner: _Heading, entry: _Heading) -> bool:
    """Nothing but a lead-in (`In these terms:`) stands between a heading and the first entry
    of its list; a paragraph there is the clause's own text, and the title after it the next
    clause (`Definitions`, its paragraph, then `Service Admission`)."""
    between = document.text[owner.body_offset : document.lines[entry.first].start].strip()
    return not between or between.endswith(":")


def _tight(document: Document, heading: _Heading) -> bool:
    """The heading's line runs straight into the next one, with no blank line between."""
    lines = document.lines
    after = heading.last + 1
    return after < len(lines) and lines[after].start == lines[heading.last].end + 1


def _numbered(
    lines: tuple[Line, ...],
    texts: list[str],
    shapes: list[Shape | None],
    index: int,
    numbering: _Numbering,
    found: list[_Heading],
) -> _Heading | None:
    line, text, shape = lines[index], texts[index], shapes[index]
    if shape is None:
        return None
    last, title, body_offset = index, shape.title, line.start + shape.title_end
    if shape.form is Form.ALONE and index + 1 < len(lines):
        below = headings.title_after_alone(texts[index + 1])
        if below is not None:
            last, title, body_offset = index + 1, below, lines[index + 1].end
    titled = shape.form in {Form.OWN_LINE, Form.RUN_IN, Form.ALONE}
    if (
        shape.kind is Kind.DECIMAL
        and shape.form is Form.SENTENCE
        and _stands_alone(text[shape.title_end :], texts, index, shape)
    ):
        titled, title, body_offset = True, headings.clean_title(text[shape.title_end :]), line.end
    if shape.kind is Kind.LETTER:
        if not (line.hint or (titled and title) or (shape.form is Form.ALONE and last > index)):
            return None
        return _Heading(
            index, last, shape.kind, shape.number, (), title, body_offset, line.hint, line.indent
        )
    if not _accept_decimal(shape, line, numbering, titled, _opens_paragraph(lines, texts, index)):
        if not _titled_sub_item(shape, line, found):
            return None
        # numbered like a list, placed like a lettered item under its clause
        return _Heading(
            index, last, Kind.LETTER, shape.number, (), title, body_offset, line.hint, line.indent
        )
    numbering.accept(shape.parts)
    return _Heading(
        index,
        last,
        shape.kind,
        shape.number,
        shape.parts,
        title,
        body_offset,
        line.hint,
        line.indent,
    )


def _next_top_numbers(
    lines: tuple[Line, ...], texts: list[str], shapes: list[Shape | None]
) -> dict[int, int]:
    """For each paragraph opening with a top-level number, the clause number of the next
    numbered paragraph (`15` for `ARTICLE 15` followed by `Section 15.6`)."""
    ahead: dict[int, int] = {}
    following: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        shape = shapes[index]
        if shape is None or shape.kind is not Kind.DECIMAL:
            continue
        if not _opens_paragraph(lines, texts, index):
            continue
        if following is not None and len(shape.parts) == 1:
            ahead[lines[index].start] = following
        following = shape.parts[0]
    return ahead


def _opens_paragraph(lines: tuple[Line, ...], texts: list[str], index: int) -> bool:
    """The line starts a paragraph of its own: after a blank line, or after a sentence that
    ended (not after a colon, which announces a list)."""
    if index == 0:
        return True
    previous = texts[index - 1]
    if previous.endswith(":"):
        return False
    return lines[index].start > lines[index - 1].end + 1 or previous.endswith(_SENTENCE_END)


def _titled_sub_item(shape: Shape, line: Line, found: list[_Heading]) -> bool:
    """`    3.  Governing Law and Venue. The Agreement ...` indented under `12. General`: an item
    of a list nested in a clause (Markdown's nested ordered list) that carries a title of its
    own is a sub-clause; an untitled item (`1. By clicking through ...`) stays body text."""
    if len(shape.parts) != 1 or not shape.title or shape.form not in (Form.RUN_IN, Form.OWN_LINE):
        return False
    owner = next((h for h in reversed(found) if h.kind is Kind.DECIMAL), None)
    return owner is not None and line.indent > owner.indent


def _stands_alone(rest: str, texts: list[str], index: int, shape: Shape) -> bool:
    """A one-sentence line above its paragraph (`4. Reservation of all rights to ensure
    permitted use.`) titles a clause; the same line followed by the next number is a list item."""
    if not rest.endswith(".") or not rest[:1].isupper() or ". " in rest:
        return False
    if len(headings.words(rest)) > 20 or index + 1 >= len(texts):
        return False
    following = headings.shape_of(texts[index + 1])
    return (
        following is None
        or following.kind is not shape.kind
        or following.parts[-1:] != (shape.parts[-1] + 1,)
    )


def _accept_decimal(
    shape: Shape, line: Line, numbering: _Numbering, titled: bool, opens: bool
) -> bool:
    """Heading or list item? Continuing numbering and a title say heading; a run of items that
    counts on from the previous item says list, whatever the top-level numbering is.

    Many contracts number their clauses without titles (`15. The validity, construction and
    performance of this Agreement shall be governed by ...`): a paragraph that continues the
    clause numbering, and is no item of a list (nothing announced one), is a clause too. A
    number that skips ahead or repeats (`10.` twice; clauses lost to a page break) takes up
    the numbering again when the next clause number follows it."""
    if line.hint:
        return True
    expected = numbering.expected(shape.parts)
    value = shape.parts[-1]
    in_list = numbering.list_value is not None and value == numbering.list_value + 1
    nested = len(shape.parts) > 1
    if titled and expected and not (in_list and numbering.list_was_titled):
        return True
    if nested and (titled or expected) and not in_list:
        return True
    # an item of a list the format marks (Markdown's `1.`), or one the text announced, is not
    clause = opens and not (line.item or nested or in_list)
    if clause and (expected or numbering.resumes(value, line)):
        return True
    if not nested:
        numbering.list_value = value
        numbering.list_was_titled = titled
    return False


def _is_plain_heading(lines: tuple[Line, ...], texts: list[str], index: int) -> bool:
    """An unnumbered title line: a format heading, a bold or ALL-CAPS line, or a short title
    line standing between paragraphs."""
    line, text = lines[index], texts[index]
    if len(text) > 250:
        return False  # longer than any title, however generous
    count = text.count(" ") + 1  # words, near enough for these thresholds
    if headings.is_bare_date(text) or headings.is_only_small_words(text):
        return False  # a date heads no clause, nor does the "OR" between two alternatives
    if line.hint:
        return 0 < count <= 25
    if line.item and not line.bold:
        return False  # `* Badge Check`: an entry of a list, however title-like
    if headings.is_date_line(text) or text.endswith((",", ";")):
        return False
    previous = texts[index - 1] if index > 0 else ""
    separated = index == 0 or line.start > lines[index - 1].end + 1
    if previous.endswith(":") and not (separated or line.bold or headings.is_all_caps(text)):
        return False  # an item of a list announced by the previous line
    if line.bold:
        # `**If you are a consumer, the following sections do not apply:**` leads into text;
        # `**i. Your Content:**` is a title
        lead_in = text.endswith(":") and count > _MAX_COLON_TITLE_WORDS
        return 0 < count <= headings.MAX_TITLE_WORDS and not text.endswith(".") and not lead_in
    if headings.is_all_caps(text) and count <= headings.MAX_TITLE_WORDS:
        return not text.endswith(".") or count <= 6
    titled = headings.looks_like_title(text) or (
        count <= 6
        and headings.is_title_case(text)
        and headings.looks_like_title(text, allow_period=True)
    )  # `License.` standing alone above its paragraph
    if not titled or count > 10 or index + 1 >= len(lines):
        return False
    if texts[index + 1][:1].islower():
        return False
    return separated or previous.endswith(_SENTENCE_END)


def _run_in_titles(document: Document, lines: tuple[Line, ...], texts: list[str]) -> dict[int, int]:
    """Unnumbered paragraphs that open with a short title, by line, with where the title ends.

    US-style terms often write their general clauses as `Choice of Law. These Terms ...`,
    `Forum. If for any reason ...`. One such paragraph may be a short sentence that happens to
    be title-like; two or more close together, at one indent, are a run of titled clauses.
    """
    found: dict[int, int] = {}
    for index, (line, text) in enumerate(zip(lines, texts, strict=True)):
        candidate = headings.plain_run_in(text)  # rarely a match: the cheap test goes first
        if candidate is None or line.hint or headings.shape_of(text, line.lead) is not None:
            continue
        if line.item and not line.lead:
            continue  # `* Processor. The company that ...`: a list of definitions
        if index > 0 and line.start <= lines[index - 1].end + 1:
            continue  # not the first line of a paragraph
        end, titled_in_english = candidate
        if titled_in_english or document.language_at(line.start) not in _TITLE_CASE_LANGUAGES:
            found[index] = end
    ordered = sorted(found)
    paired = {
        index
        for a, b in pairwise(ordered)
        if b - a <= _RUN_IN_REACH and lines[a].indent == lines[b].indent
        for index in (a, b)
    }
    return {index: found[index] for index in paired}


def _title_line(lines: tuple[Line, ...], texts: list[str]) -> int | None:
    """The document's own title: the only top-level format heading, or a title-like first line."""
    if not lines:
        return None
    hinted = [i for i, line in enumerate(lines) if line.hint]
    if hinted:
        top = min(lines[i].hint for i in hinted)
        tops = [i for i in hinted if lines[i].hint == top]
        # near the top, not counting a menu's list of links above it
        above = sum(not line.item for line in lines[: tops[0]]) if tops else 0
        alone = len(tops) == 1 and tops[0] == hinted[0] and above < 8
        if alone and headings.shape_of(texts[tops[0]]) is None:
            return tops[0]
        return None
    first = texts[0]
    if headings.shape_of(first) is not None or len(lines) < 3:
        return None
    if not (headings.looks_like_title(first) or headings.is_all_caps(first)):
        return None
    # A first line above a body paragraph is the first heading, unless the headings are
    # numbered and so of another style than this line.
    second = texts[1]
    above_body = not (headings.looks_like_title(second) or headings.is_date_line(second))
    if above_body and not any(_numbered_title(text) for text in texts[1:]):
        return None
    return 0


def _numbered_title(text: str) -> bool:
    shape = headings.shape_of(text)
    return shape is not None and shape.kind is Kind.DECIMAL and shape.form is Form.OWN_LINE


def _table_of_contents(
    lines: tuple[Line, ...], texts: list[str], cancelled: Callable[[], bool] | None = None
) -> set[int]:
    """Lines of a contents list: three or more title lines in a row that recur later on.

    Only a title's first occurrence counts, so the headings that repeat the list further down
    are never skipped themselves."""
    keys = [" ".join(t.lower().split()) for t in texts]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
        last[key] = i
    skip: set[int] = set()
    run: list[int] = []
    for i, text in enumerate(texts):
        if cancelled is not None and i % 2000 == 0 and cancelled():
            raise InterruptedError("sectioning cancelled")
        key = keys[i]
        # the cheap look-ups first: most lines occur once and are never tested as titles
        repeated = (
            first[key] == i
            and last[key] > i
            and not lines[i].hint
            and headings.looks_like_title(text)
        )
        if repeated:
            run.append(i)
            continue
        if len(run) >= 3:
            skip.update(run)
        run = []
    if len(run) >= 3:
        skip.update(run)
    return skip


def _annotate(found: list[_Heading], text: str, lines: tuple[Line, ...]) -> None:
    """Record what `_parent` needs to know about a heading's surroundings."""
    next_top = None
    for position in range(len(found) - 1, -1, -1):
        heading = found[position]
        heading.next_top = next_top
        if heading.kind is Kind.DECIMAL and len(heading.parts) == 1:
            next_top = heading.parts[0]
        end = lines[found[position + 1].first].start if position + 1 < len(found) else len(text)
        heading.empty = not text[heading.body_offset : end].strip()


def _place(found: list[_Heading]) -> None:
    """Give each heading its parent and level."""
    stack: list[_Heading] = []
    for heading in found:
        # Run-in titles are leaves: only a list item may sit under one.
        view = stack if heading.kind is Kind.LETTER else [h for h in stack if not h.run_in]
        parent = _parent(heading, view)
        if parent is None:
            container = None
            if heading.kind is Kind.DECIMAL:
                container = _container(stack, heading.hint)
            heading.parent = container
            base = container.level if container else 0
            depth = len(heading.parts) if heading.kind is Kind.DECIMAL else 1
            heading.level = base + depth
        else:
            heading.parent = parent
            heading.level = parent.level + 1
        anchor = heading.parent
        heading.rank = heading.hint or (anchor.rank + 1 if anchor and anchor.rank else 0)
        keep = stack.index(anchor) + 1 if anchor in stack else 0
        del stack[keep:]
        stack.append(heading)


def _parent(heading: _Heading, stack: list[_Heading]) -> _Heading | None:
    if heading.kind is Kind.PLAIN and not heading.hint and headings.is_annex(heading.title):
        return None  # an exhibit or schedule is attached to the agreement, not to a clause
    if heading.run_in:
        return stack[-1] if stack else None
    if heading.kind is Kind.DECIMAL:
        prefix = heading.parts[:-1]
        for open_heading in reversed(stack):
            if open_heading.kind is Kind.DECIMAL and open_heading.parts == prefix and prefix:
                return open_heading
        return None
    if heading.kind is Kind.LETTER:
        for open_heading in reversed(stack):
            if open_heading.kind is not Kind.LETTER:
                return open_heading
        return None
    if heading.hint:
        for open_heading in reversed(stack):
            if 0 < open_heading.rank < heading.hint:
                return open_heading
        return None
    if heading.indent:
        for open_heading in reversed(stack):
            if open_heading.indent < heading.indent:
                return open_heading
    return _clause_of(heading, stack)


def _clause_of(heading: _Heading, stack: list[_Heading]) -> _Heading | None:
    """The numbered clause a plain title line belongs to in a plain-text document.

    `3 Your Use of the Services` followed at once by `User Accounts` and `Text Messaging`, or
    `2 The Services` with `License.` before `3 ...` continues the numbering: those title lines
    are sub-headings. An ALL-CAPS line is louder than the clause it follows and stays on top,
    unless the clause is an empty container.
    """
    top = stack[0] if stack else None
    if top is None or top.kind is not Kind.DECIMAL or len(top.parts) != 1 or top.hint:
        return None
    if top.empty:
        return top
    continues = heading.next_top == top.parts[0] + 1
    if continues and not headings.is_all_caps(heading.title):
        return top
    return None


def _container(stack: list[_Heading], hint: int) -> _Heading | None:
    """An enclosing unnumbered format heading (`# Part II`) that numbered clauses sit under."""
    for open_heading in reversed(stack):
        if (
            open_heading.kind is Kind.PLAIN
            and open_heading.hint
            and (not hint or open_heading.hint < hint)
        ):
            return open_heading
    return None


def _assign_ids(found: list[_Heading]) -> None:
    used: set[str] = set()
    for position, heading in enumerate(found, start=1):
        if heading.kind is Kind.DECIMAL:
            base = heading.number or ""
        elif heading.kind is Kind.LETTER:
            owner = heading.parent.id if heading.parent else ""
            base = f"{owner}.{heading.number}" if owner else str(heading.number)
        else:
            base = _SLUG.sub("-", heading.title.lower()).strip("-")[:40] or f"s{position}"
        candidate, suffix = base, 2
        while candidate in used or candidate == "preamble":
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        used.add(candidate)
        heading.id = candidate


def _sections(document: Document, doc_id: str, found: list[_Heading]) -> list[Section]:
    text, lines = document.text, document.lines
    starts = [lines[h.first].start for h in found]
    sections: list[Section] = []
    first_start = starts[0] if starts else len(text)
    if first_start > 0 or not found:
        sections.append(
            Section(
                section_id(doc_id, "preamble"),
                doc_id,
                None,
                PREAMBLE,
                0,
                None,
                lines[0].source_line if lines else None,
                lines[0].page if lines else None,
                0,
                first_start,
                0,
                document.language_at(0),
            )
        )
    for position, heading in enumerate(found):
        start = starts[position]
        end = starts[position + 1] if position + 1 < len(found) else len(text)
        body = min(heading.body_offset, end)
        while body < end and text[body].isspace():
            body += 1
        # a number standing alone above its title (`11.10`, then `Governing Law`) is read
        # where its title is
        line = lines[heading.last]
        sections.append(
            Section(
                id=section_id(doc_id, heading.id),
                doc=doc_id,
                number=heading.number,
                title=heading.title,
                level=heading.level,
                parent=section_id(doc_id, heading.parent.id) if heading.parent else None,
                line=line.source_line if line.page is None else None,
                page=line.page,
                start=start,
                end=end,
                body_start=body,
                language=document.language_at(start),
            )
        )
    return sections
