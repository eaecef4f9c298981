"""Where a note sits in a document, and finding that place again in an edited version.

An anchor is the section's path of titles (numbers left out, so renumbering does not break it),
the quoted text, and the quote's offset within its section. A re-imported document is searched
the way a reader would: the quote word for word near where it was (whitespace may differ), then
approximately (diff-match-patch `match_main` on the quote's first and last words, the section as
the hint), in the same section first and then in any section sharing its words. A note whose
text cannot be found is orphaned: it keeps its quote and is still listed.
"""

from __future__ import annotations

import re

from viewer.core.model import Section, SectionTree
from viewer.core.records import record

MATCH_THRESHOLD = 0.35  # diff-match-patch bitap: 0 exact .. 1 anything; a quote's ends are short
MIN_SIMILARITY = 0.6  # share of the quote's characters that must survive in the found text
LABEL_WORDS = 8  # words of an untitled clause that stand for its title
PROBE = 32  # characters of the quote's head and tail searched approximately (bitap's word size)

_WORD = re.compile(r"\w{4,}")


@record
class Anchor:
    section: str  # local section id, without the document prefix ("4.1", "preamble")
    path: tuple[str, ...]
    quote: str
    offset: int  # in the document's normalised text
    section_offset: int  # offset - section start: where to look in a moved section


@record
class Placement:
    section: str | None  # local id in the new tree; None when orphaned
    offset: int
    section_offset: int

    @property
    def orphaned(self) -> bool:
        return self.section is None


def local_id(section_id: str) -> str:
    """The key of a section id as a user gives it (`--section C:4.1` or `4.1`): a note
    belongs to the document, not to its letter in one review (`Section.key`)."""
    return section_id.split(":", 1)[1] if ":" in section_id else section_id


def title_path(tree: SectionTree, section: Section) -> tuple[str, ...]:
    """The labels from the top section down to `section`."""
    by_id = {s.id: s for s in tree.sections}
    path = []
    current: Section | None = section
    while current is not None:
        path.append(_label(tree, current))
        current = by_id.get(current.parent) if current.parent else None
    return tuple(reversed(path))


def _label(tree: SectionTree, section: Section) -> str:
    """A section's title, or the first words of an untitled clause (`1.1 The Customer pays
    ...`), which name it better than a number that renumbering changes."""
    words = section.title.split() or tree.body_of(section).split()[:LABEL_WORDS]
    return " ".join(words).casefold()


def make_anchor(tree: SectionTree, section: Section, quote: str | None) -> Anchor | None:
    """The anchor of a quote in `section` (the section itself when no quote), or None when the
    quote is not in the section's text."""
    path = title_path(tree, section)
    if not quote or not quote.strip():
        return Anchor(section.key, path, "", section.start, 0)
    # the quote starts in the section and may run on into its sub-sections
    found = _pattern(quote).search(tree.document.text, section.start)
    if found is None or found.start() >= section.end:
        return None
    return Anchor(section.key, path, quote, found.start(), found.start() - section.start)


def place(tree: SectionTree, anchor: Anchor) -> Placement:
    """Find `anchor` in `tree` (an edited version of the document it was made in)."""
    text = tree.document.text
    home = _by_path(tree, anchor.path)
    if not anchor.quote:
        if home is None:
            return Placement(None, anchor.offset, anchor.section_offset)
        return Placement(home.key, home.start, 0)
    hint = home.start + anchor.section_offset if home is not None else anchor.offset
    exact = [m.start() for m in _pattern(anchor.quote).finditer(text)]
    if exact:
        offset = min(exact, key=lambda at: (abs(at - hint), at))
        return _at(tree, offset)
    for section in _candidates(tree, anchor.quote, home):
        low = min(section.start + anchor.section_offset, section.end)
        near = _approximate(text, anchor.quote, section.start, section.end, low)
        if near is not None:
            return _at(tree, near)
    return Placement(None, anchor.offset, anchor.section_offset)


def recognisable(tree: SectionTree, anchored: list[Anchor]) -> bool:
    """Do at least half of these anchors stand in `tree` as they were: the quote word for word,
    or for a note on a whole section, its path of titles? A bar an edited version clears (its
    quotes mostly survive) and another vendor's terms with the same title do not."""
    text = tree.document.text
    kept = sum(
        bool(_pattern(a.quote).search(text)) if a.quote else _by_path(tree, a.path) is not None
        for a in anchored
    )
    return bool(anchored) and kept * 2 >= len(anchored)


def _at(tree: SectionTree, offset: int) -> Placement:
    section = next((s for s in tree.sections if s.start <= offset < s.end), tree.sections[-1])
    return Placement(section.key, offset, offset - section.start)


def _pattern(quote: str) -> re.Pattern[str]:
    """The quote word for word, any run of whitespace matching any other."""
    return re.compile(r"\s+".join(re.escape(part) for part in quote.split()))


def _by_path(tree: SectionTree, path: tuple[str, ...]) -> Section | None:
    """The section with this path of titles; else the only section with its last title."""
    if not path:
        return None
    last = [s for s in tree.sections if _label(tree, s) == path[-1]]
    for section in last:
        if title_path(tree, section) == path:
            return section
    return last[0] if len(last) == 1 else None


def _candidates(tree: SectionTree, quote: str, home: Section | None) -> list[Section]:
    """The home section, then the sections holding at least half of the quote's words, most
    shared first: a reworded quote stays among its own words even when its heading changed."""
    words = {w.casefold() for w in _WORD.findall(quote)}
    scored = []
    for section in tree.sections:
        if section is home or not words:
            continue
        found = {w.casefold() for w in _WORD.findall(tree.text_of(section))}
        shared = len(words & found)
        if shared * 2 >= len(words):
            scored.append((-shared, section.start, section))
    ordered = [section for _, _, section in sorted(scored, key=lambda item: item[:2])]
    return [home, *ordered] if home is not None else ordered


def _approximate(text: str, quote: str, low: int, high: int, hint: int) -> int | None:
    """Start of text within [low, high) close enough to `quote`, by its head and tail."""
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Match_Threshold = MATCH_THRESHOLD
    engine.Match_Distance = max(high - low, 1)
    window = text[low:high]
    head, tail = quote[:PROBE], quote[-PROBE:]
    start = engine.match_main(window, head, max(hint - low, 0))
    if start < 0:
        end = engine.match_main(window, tail, max(hint - low + len(quote) - len(tail), 0))
        if end < 0:
            return None
        start = max(end + len(tail) - len(quote), 0)
    else:
        end = engine.match_main(window, tail, start + len(quote) - len(tail))
    stop = end + len(tail) if end >= start else start + len(quote)
    if not 0.5 * len(quote) <= stop - start <= 2 * len(quote):
        stop = start + len(quote)
    found = window[start:stop]
    edits = engine.diff_main(quote, found, False)
    distance = engine.diff_levenshtein(edits)
    if 1 - distance / max(len(quote), len(found)) < MIN_SIMILARITY:
        return None
    return low + start
