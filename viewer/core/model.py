"""Plain, immutable results passed between the pipeline stages and out to the CLI and GUI.

Records (`records.record`, NamedTuple semantics) rather than dataclasses: importing
`dataclasses` or `typing` costs more start-up time than the CLI's own work on a typical file.

All positions are offsets into a document's normalised text (Python string indices); the GUI
converts them to Qt's UTF-16 positions at its own edge.
"""

from __future__ import annotations

from viewer.core.records import record


@record
class Line:
    """One logical line of the normalised text and where it came from.

    `hint` is a heading level suggested by the format (Markdown `#`, HTML `<h2>`, a DOCX heading
    style, a larger PDF font), 0 for none. `bold` says the whole line was bold; `lead` is a bold
    run at the start of the line (a run-in title such as `**Delivery.**`), empty if none.
    `item` marks an item of a list the format marks as such (Markdown's `*` and `1.`): a bulleted
    one is never a section unless it is bold or labelled, a numbered one only with a title.
    """

    start: int
    end: int
    source_line: int | None
    page: int | None = None
    hint: int = 0
    bold: bool = False
    lead: str = ""
    indent: int = 0
    item: bool = False  # the line opens a list item (`* Badge Check`, `1.  An "Account" ...`)


@record
class DroppedLine:
    """Site chrome removed during import, kept so that the removal stays traceable."""

    source_line: int | None
    page: int | None
    text: str
    reason: str


@record
class LanguagePart:
    """A stretch of the text in one language; a bilingual file has two or more."""

    start: int
    end: int
    language: str


@record
class Document:
    """One imported file: normalised text, line map back to the source, and metadata."""

    path: str
    format: str
    text: str
    lines: tuple[Line, ...]
    sha256: str
    language: str
    parts: tuple[LanguagePart, ...]
    pages: int | None = None
    encoding: str | None = None
    dropped: tuple[DroppedLine, ...] = ()

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def language_at(self, offset: int) -> str:
        for part in self.parts:
            if part.start <= offset < part.end:
                return part.language
        return self.language


@record
class Section:
    """A heading and the text it governs, up to the next heading at any level.

    `start`..`end` covers the heading line and its own body (not its children's), so that the
    sections of a document tile its text without gaps or overlaps.
    """

    id: str  # `A:12.1`: the document's id, a colon, the section's key in it
    doc: str  # the document's id (`A`)
    number: str | None
    title: str
    level: int
    parent: str | None
    line: int | None
    page: int | None
    start: int
    end: int
    body_start: int
    language: str

    @property
    def key(self) -> str:
        """The section's id within its document (`12.1`), as the store keeps it."""
        return self.id[len(self.doc) + 1 :]

    @property
    def empty(self) -> bool:
        """True for a heading with no text of its own (`11. Reserved`)."""
        return self.body_start >= self.end

    @property
    def heading(self) -> str:
        """The heading as a reader names it: number and title (`12.1 Governing Law`), or the
        id when the section has neither."""
        return " ".join(part for part in (self.number, self.title) if part) or self.id


def section_id(doc: str, key: str) -> str:
    """A section's id: its document's id and its key in that document (`A:12.1`)."""
    return f"{doc}:{key}"


@record
class SectionTree:
    """A document's sections in reading order; the first one is the Preamble when present.

    `doc` is the document's id in the comparison (`A`, `B`, ...), which every section id
    carries."""

    doc: str
    document: Document
    title: str | None
    sections: tuple[Section, ...]

    def text_of(self, section: Section) -> str:
        return self.document.text[section.start : section.end]

    def body_of(self, section: Section) -> str:
        return self.document.text[section.body_start : section.end]

    def children(self, section_id: str | None) -> list[Section]:
        return [s for s in self.sections if s.parent == section_id]


NOTE_STATUSES = ("ok", "concern", "question", "negotiate")  # a reviewer's verdict on a section


@record
class Override:
    """The reviewer's decision that a section belongs in another row (persisted by the store).

    `row` is a row key: a topic key (`"liability"`) or the key of a row of unclaimed sections.
    """

    section: str
    row: str


@record
class AlignmentRow:
    """One topic across the documents: per document id, the ids of its sections on it.

    An empty cell is a finding: the document does not cover the topic. `topic` is None for a
    row of sections that no topic claims, matched by similarity or numbering. In version mode
    (two versions of one document) `status` says what happened to the section: "same",
    "changed", "moved", "added" or "removed"; it is None for topic rows.
    """

    key: str
    topic: str | None
    label: str
    cells: dict[str, tuple[str, ...]]
    similarity: float | None
    status: str | None = None


TOPICS = "topics"  # rows by topic: documents of different vendors or kinds
VERSIONS = "versions"  # rows pair each section of two versions of one document with itself
AUTO = "auto"  # asked for, not made: versions when two files look like versions, else topics
MODES = (AUTO, TOPICS, VERSIONS)


@record
class Alignment:
    """Rows over the documents (`trees`, by id) in `mode` (TOPICS or VERSIONS), with each
    section's topics and their scores."""

    mode: str
    reference: str
    trees: dict[str, SectionTree]
    topics: dict[str, tuple[str, ...]]  # section id -> its topics, best first
    scores: dict[str, tuple[float, ...]]  # section id -> the topics' scores, in that order
    rows: tuple[AlignmentRow, ...]


@record
class KeyTerm:
    """One key term of a document: its normalised value and the text it was read from.

    `quote` is `document.text[start:end]`, inside the body of section `section`.
    """

    term: str
    value: str
    quote: str
    section: str
    start: int
    end: int
