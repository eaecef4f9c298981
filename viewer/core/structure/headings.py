"""Recognise the shape of one line: is it a heading, and if so what number and title does it carry?

This module looks at a line (and the line after it) in isolation; whether a well-shaped line
really is a heading in context (numbering that continues, a list inside a clause) is decided by
`segment.py`.
"""

from __future__ import annotations

import re

from viewer.core.records import record
from viewer.core.structure.language import in_every_language

_DECIMAL = re.compile(
    r"^(?:(?:§|section|clause|article|art\.|artikel|articolo|artykuł|punkt)\s*)?"
    r"(\d{1,3}(?:\.\d{1,3}){0,5})([.)]?)(?=\s|$)\s*(?:[-–—:]\s+)?(.*)$",
    re.IGNORECASE,
)
# `(a)`, `b)`, `c.`, and roman `(ii)`, `iii)`, `iv.` (items of a lettered list all the same)
_LETTER = re.compile(
    r"^(?:\(([a-z]|[ivx]{2,5})\)|([a-z]|[ivx]{2,5})\)|([a-z]|[ivx]{2,5})\.(?=\s))\s*(.*)$"
)
_RUN_IN = re.compile(r"^(.{2,90}?)([.:])\s+(?=[\"'(\[]?[^\W\d_a-zåäöæøüéèàìòùłśżźćńó]|\d)")
_PLAIN_RUN_IN = re.compile(r"^(.{2,70}?)([.:])\s+(?=[\"'“(]?[^\W\d_a-zåäöæøüéèàìòùłśżźćńó])")
# `... on our Services; and`: an item of a list that goes on, not a title
_LIST_GOES_ON = re.compile(
    r"[;,]\s*(?:" + "|".join(map(re.escape, in_every_language("list_continuations"))) + ")$",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[ivxlcdm]{1,6}|[IVXLCDM]{1,6}")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# A line that dates the terms ("Last updated 3 May 2024", "Gäller från 2025-01-01").
_DATE_LINE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:"
    + "|".join(
        re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
        for word in in_every_language("date_words")
    )
    + r")\b",
    re.IGNORECASE,
)
# Words that stay lower case inside a title-case heading, in the languages we read.
_SMALL_WORDS = frozenset(in_every_language("title_small_words"))
_DATE_WORDS = 4  # words of a date written out ("1st of September 2023")
_ANNEX_WORDS = frozenset(in_every_language("annex_words"))

# First characters of `§ 3`, `(a)`, `Section 5`, `Clause`, `Article`/`Art.`/`Artikel`/`Articolo`/
# `Artykuł`, `Punkt`: any other line starts with a digit or has `)`/`.` second, or is no clause.
_LABEL_STARTS = frozenset("§(SsCcAaPp")

MAX_TITLE_WORDS = 14
MAX_TITLE_CHARS = 120


class Kind:
    """What labels a heading (plain string constants: `enum` costs start-up time)."""

    DECIMAL = "decimal"
    LETTER = "letter"
    PLAIN = "plain"


class Form:
    """How the title sits relative to the body."""

    OWN_LINE = "own line"  # `12. Limitation of Liability`
    ALONE = "number alone"  # `3.` with the title on the next line
    RUN_IN = "run in"  # `12.1 Governing Law. This Agreement ...`
    SENTENCE = "sentence"  # `4.2 The Customer shall ...`: numbered text without a title


@record
class Shape:
    kind: str
    form: str
    number: str | None
    parts: tuple[int, ...]
    title: str
    title_end: int  # offset within the line where the title (and its punctuation) ends


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title_case(text: str) -> bool:
    """Every significant word capitalised (`Governing Law and Jurisdiction`)."""
    significant = [w for w in words(text) if w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def is_annex(title: str) -> bool:
    """`EXHIBIT A`, `Schedule 2`, `Bilaga 1`: the title of an attachment to the agreement."""
    found = words(title)
    return bool(found) and found[0].lower() in _ANNEX_WORDS


def is_all_caps(text: str) -> bool:
    if text != text.upper() or text == text.lower():
        return False
    return sum(c.isalpha() for c in text[:MAX_TITLE_CHARS]) >= 3


def looks_like_title(text: str, *, allow_period: bool = False) -> bool:
    """Short, starts with a capital, and does not end like a sentence or a list lead-in."""
    text = text.strip()
    if not text or len(text) > MAX_TITLE_CHARS:
        return False
    count = len(words(text))
    if count == 0 or count > MAX_TITLE_WORDS:
        return False
    first = text.lstrip("\"'(«“")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if text[-1] in ",;:" or _LIST_GOES_ON.search(text):
        return False
    if text[-1] == "." and (not allow_period or count > 8 or ". " in text[:-1]):
        return False
    return not re.search(r"[.!?]\s+\S", text)


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE.search(text))


def is_bare_date(text: str) -> bool:
    """A date and nothing else ("1 September 2023", "September 1, 2023", "2023-09-01"): a year,
    at most four words, and at most one of them a word (the month)."""
    found = words(text)
    if not re.search(r"\b(?:19|20)\d\d\b", text) or len(found) > _DATE_WORDS:
        return False
    return sum(1 for word in found if not word[0].isdigit() and len(word) > 2) <= 1


def is_only_small_words(text: str) -> bool:
    """ "OR", "and": words that join titles, never one of their own."""
    found = words(text)
    return bool(found) and all(word.lower() in _SMALL_WORDS for word in found)


def clean_title(text: str) -> str:
    return text.strip().rstrip(".:").strip()


def shape_of(text: str, lead: str = "") -> Shape | None:
    """The numbered or lettered shape of a line, or None for a line without a clause label."""
    if not (
        text[:1].isdigit()
        or text[1:2] in (")", ".")
        or text[:1] in _LABEL_STARTS
        or (text[:1] in "ivx" and text[1:2] in "ivx")
    ):
        return None  # most lines: no label can start here, skip the patterns
    match = _DECIMAL.match(text)
    if match and not is_bare_date(text):  # "1 September 2023" is no clause 1
        number = match.group(1)
        parts = tuple(int(p) for p in number.split("."))
        rest_at = match.start(3)
        return _with_title(Kind.DECIMAL, number, parts, text, rest_at, lead)
    match = _LETTER.match(text)
    if match:
        letter = match.group(1) or match.group(2) or match.group(3)
        return _with_title(Kind.LETTER, letter, (), text, match.start(4), lead)
    return None


def _with_title(
    kind: str, number: str, parts: tuple[int, ...], text: str, rest_at: int, lead: str
) -> Shape:
    rest = text[rest_at:]
    if not rest.strip():
        return Shape(kind, Form.ALONE, number, parts, "", len(text))
    label = text[:rest_at].strip()
    if lead and label and lead.startswith(label):
        lead = lead[len(label) :].strip()  # `**(i) Subject matter:**`: the bold run holds both
    if lead and rest.startswith(lead.rstrip()) and len(lead) < len(rest):
        end = rest_at + len(lead.rstrip())
        return Shape(kind, Form.RUN_IN, number, parts, clean_title(lead), end)
    if lead and rest.rstrip() == lead.rstrip() and looks_like_title(clean_title(lead)):
        # `**i. Your Content:**`: a bold line is a title, the colon notwithstanding
        return Shape(kind, Form.OWN_LINE, number, parts, clean_title(lead), len(text))
    if looks_like_title(rest, allow_period=True) and not rest.rstrip().endswith("."):
        return Shape(kind, Form.OWN_LINE, number, parts, clean_title(rest), len(text))
    run_in = _RUN_IN.match(rest)
    if run_in and _is_run_in_title(run_in.group(1), run_in.group(2)):
        end = rest_at + run_in.end(2)
        return Shape(kind, Form.RUN_IN, number, parts, clean_title(run_in.group(1)), end)
    if looks_like_title(rest, allow_period=True):
        return Shape(kind, Form.OWN_LINE, number, parts, clean_title(rest), len(text))
    return Shape(kind, Form.SENTENCE, number, parts, "", rest_at)


def _is_run_in_title(candidate: str, stop: str) -> bool:
    """`Governing Law and Jurisdiction.` yes; `Sublicense an API for use by a third party.` no."""
    count = len(words(candidate))
    if count == 0 or count > 8 or not candidate[:1].isupper():
        return False
    if is_title_case(candidate):
        return True
    # after a clause number, a colon closes a title even in sentence case
    # (`1.2. Nature, purpose and duration of processing: The data ...`)
    return stop == ":" or (count <= 3 and stop == ".")


def plain_run_in(text: str) -> tuple[int, bool] | None:
    """Where a short title opening an unnumbered paragraph ends (`Choice of Law. These Terms
    ...`), and whether it also reads as a title where titles are capitalised; or None.

    One such line is weak evidence (`Welcome to EA. These terms ...`), so `segment.py` also
    asks for a sibling paragraph of the same form. English capitalises its titles, so there a
    longer title must be in title case; a language that writes titles in sentence case
    (`Danni a WhatsApp o agli utenti.`, `Tillämplig lag och tvister.`) has only the length.
    """
    match = _PLAIN_RUN_IN.match(text)
    if match is None:
        return None
    title, rest = match.group(1), text[match.end() :]
    if len(words(title)) > 6 or sum(c.isalpha() for c in title) < 3 or _ROMAN.fullmatch(title):
        return None  # `xvii. Wenn ...` is an item of a list
    if match.group(2) == ":" and not is_all_caps(title):
        return None  # `Note: ...`, `You agree that: ...`; but `UNITED KINGDOM: The following`
    if len(rest) < 20 or is_all_caps(rest[:60]):
        return None  # an all-caps paragraph is a shouted sentence, not a title and its body
    return match.end(), _is_run_in_title(title, ".")


def title_after_alone(next_text: str) -> str | None:
    """The title under a number that stands alone (`3.` then `Types of Services.`)."""
    if looks_like_title(next_text, allow_period=True) and not _DECIMAL.match(next_text):
        return clean_title(next_text)
    return None
