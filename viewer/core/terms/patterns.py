"""What key-term extraction reads: per-language vocabularies, sentences and clauses.

The words that state a governing law, a notice period or a damages exclusion differ per language,
but the way a value is read from them does not. So the words are data: number words, units,
place names and clause patterns per language (`resources/terms/en.toml` documents the format),
merged over the language-independent `common.toml`. A new language is mostly a new file; this
module turns any of them into the same matchers. It also cuts a section into sentences and
hands `extract` one candidate sentence at a time, as a `Clause` that can look at the sentences
after it (a clause may state a term in parts).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from functools import cache

from viewer.core.records import record
from viewer.core.resources import resource_path
from viewer.core.structure.sentences import UPPER, sentence_spans
from viewer.core.terms.places import Gazetteer, Place

_FLAGS = re.IGNORECASE
_TITLE = rf"[{UPPER}][^\W\d_{UPPER}][\w’-]*"  # "Stockholm", "McLean"; not "SAN"
_WORD = rf"(?:{_TITLE}|[{UPPER}]{{2,3}}(?!\w))"  # or a short acronym: "USA", "UK"
_CASED_WORD = re.compile(r"[^\W\d_]+")
_LOOKAHEAD = 3  # sentences after a clause's first one that may complete it (a seat, a notice)
_NUMBER = r"\d{1,3}(?:[ ,.\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
#: A section reference in a list ("4.4", "5(b)"), not a count in brackets nor part of a date.
_SECTION_NUMBER = re.compile(
    r"(?<![\w.(:/])(\d{1,3}(?:\.\d{1,3})*(?:\([a-z]\))?)(?![\w%)/:]|[.,]\d)"
)


@record
class Duration:
    """A stretch of time as written ("thirty (30) days'"), parsed to a count and a unit."""

    count: int
    unit: str  # canonical: "day", "business day", "week", "month", "year", "hour"
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"{self.count} {self.unit}" + ("" if self.count == 1 else "s")

    @property
    def possessive(self) -> str:
        """ "30 days'", "1 month's": as in "30 days' notice"."""
        return f"1 {self.unit}'s" if self.count == 1 else f"{self.text}'"


def _alternation(names: list[str]) -> str:
    """Names longest first, acronyms ("US", "EEA") case-sensitive, bounded by non-letters."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        escaped = re.escape(name).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{escaped})" if name.isupper() else escaped)
    return r"(?<!\w)(?:" + "|".join(parts or ["(?!)"]) + r")(?!\w)"


class Vocab:
    """One language's vocabulary: its data file merged over common.toml, compiled on use."""

    def __init__(self, data: dict) -> None:
        self.language: str = data["language"]
        self.abbreviations = frozenset(data.get("abbreviations", ()))
        self.data = data
        self._places = {name.lower(): canon for name, canon in data["places"].items()}
        self._adjectives = {name.lower(): canon for name, canon in data["adjectives"].items()}
        self._numbers = {word.lower(): value for word, value in data["numbers"].items()}
        self._units = [
            (canon, re.compile(rf"(?:{pattern})(?:['’]s?)?", _FLAGS))
            for canon, patterns in data["units"].items()
            for pattern in patterns
        ]
        words = "|".join(sorted(map(re.escape, data["numbers"]), key=len, reverse=True))
        units = "|".join(p for patterns in data["units"].values() for p in patterns)
        tail = rf"[\s-]+(?:{units})(?:['’]s?)?(?!\w)"
        self._duration_source = rf"(?<!\w)(?:(?:{words})(?:[\s-]+\(\d+\))?|\(?\d+\)?){tail}"
        self._duration = re.compile(
            rf"(?<!\w)(?:(?P<w>{words})(?:[\s-]+\((?P<d1>\d+)\))?|\(?(?P<d2>\d+)\)?)"
            rf"[\s-]+(?P<u>{units})(?:['’]s?)?(?!\w)",
            _FLAGS,
        )
        self._known = _alternation(list(data["places"]))
        self._adjective = _alternation(list(data["adjectives"]))
        self._compiled: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}
        currencies = (  # "US$100", "100$": a currency may touch its number, not a word
            _alternation(list(data["currencies"]))
            .replace(r"(?<!\w)", r"(?<![^\W\d])(?<![$€£])")
            .replace(r"(?!\w)", r"(?![^\W\d_])")
        )
        self._amount = re.compile(
            rf"(?P<c1>{currencies})\s?(?P<n1>{_NUMBER})(?!\d)"
            rf"|(?<![\w.,])(?P<n2>{_NUMBER})\s?(?P<c2>{currencies})",
            _FLAGS,
        )
        self._currencies = {name.lower(): code for name, code in data["currencies"].items()}
        self._gazetteer: Gazetteer | None = None
        self._unions: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}
        self._months = _alternation(list(data.get("months", {})))

    # -- patterns from the data file ------------------------------------------------------

    def _expand(self, source: str) -> str:
        return (
            source.replace("{dur}", f"(?P<dur>{self._duration_source})")
            .replace("{known}", f"(?P<known>{self._known})")
            .replace("{adjective}", f"(?P<adjective>{self._adjective})")
            .replace("{place}", f"(?P<place>{_place()})")
            .replace("{month}", f"(?P<month>{self._months})")
        )

    def patterns(self, *path: str) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns at `path` in the data ("venue", "seat"); () where absent."""
        compiled = self._compiled.get(path)
        if compiled is None:
            node: object = self.data
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            sources = node if isinstance(node, list) else []
            compiled = tuple(re.compile(self._expand(source), _FLAGS) for source in sources)
            self._compiled[path] = compiled
        return compiled

    def has(self, text: str, *path: str) -> bool:
        union = self._unions.get(path)
        if union is None:
            union = self._unions[path] = _union(self.patterns(*path))
        return any(pattern.search(text) for pattern in union)

    def first(self, text: str, *path: str) -> re.Match[str] | None:
        """The match of the first pattern (in data order) that matches anywhere in `text`."""
        if not self.has(text, *path):  # one search where, as mostly, none matches
            return None
        for pattern in self.patterns(*path):
            match = pattern.search(text)
            if match:
                return match
        return None

    def stated_period(self, text: str, *path: str, units: tuple[str, ...] = ()) -> Duration | None:
        """The period a clause states in a {dur}: that of the first pattern at `path` (in data
        order) whose match holds one of `units` ("notice of at least {dur} before")."""
        if not self.has(text, *path):
            return None
        for pattern in self.patterns(*path):
            match = pattern.search(text)
            period = match and self.duration(match.group("dur"), units)
            if period:
                return period
        return None

    def labels(self, text: str, term: str, table: str, order: str) -> list[str]:
        """The labels of a table (`[term.table]`: label -> patterns) whose patterns occur in
        `text`, in the canonical order `order` of common.toml."""
        entries = self.data.get(term, {}).get(table, {})
        return [
            label
            for label in self.data[order]
            if label in entries and self.has(text, term, table, label)
        ]

    def table_hit(self, text: str, table: str) -> str | None:
        """The first key of a top-level table (label -> patterns) that occurs in `text`."""
        for label in self.data.get(table, {}):
            if self.has(text, table, label):
                return label
        return None

    # -- values ---------------------------------------------------------------------------

    def place(self, match: re.Match[str]) -> str | None:
        """The canonical place a match names, through its {known}, {adjective} or {place}."""
        found = match.groupdict()
        if found.get("known"):
            return self._places.get(" ".join(found["known"].split()).lower())
        if found.get("adjective"):
            return self._adjectives.get(" ".join(found["adjective"].split()).lower())
        if found.get("place"):  # any capitalised name; a known one in its canonical form
            place = found["place"].strip(" ,")
            return self._places.get(" ".join(place.split()).lower(), place)
        return None

    def places(self, text: str) -> list[tuple[str, int, int]]:
        """Every known place in `text`: (canonical name, start, end)."""
        pattern = self._compiled.get(("_known",))
        if pattern is None:
            pattern = self._compiled[("_known",)] = (re.compile(self._known, _FLAGS),)
        return [
            (self._places[" ".join(m.group().split()).lower()], m.start(), m.end())
            for m in pattern[0].finditer(text)
        ]

    def jurisdictions(self, text: str) -> list[Place]:
        """Every country or subdivision named in `text`, from the gazetteer (built on first use:
        most clauses name their place in words the patterns already know)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.language, self.data["places"])
        return self._gazetteer.find(text)

    def durations(self, text: str) -> list[Duration]:
        found = []
        for m in self._duration.finditer(text):
            digits = m.group("d1") or m.group("d2")
            count = int(digits) if digits else self._numbers[m.group("w").lower()]
            unit = next(canon for canon, p in self._units if p.fullmatch(m.group("u")))
            found.append(Duration(count, unit, m.start(), m.end()))
        return found

    def duration(self, text: str, units: tuple[str, ...] = ()) -> Duration | None:
        """The first duration in `text`, of one of `units` if given."""
        return next((d for d in self.durations(text) if not units or d.unit in units), None)

    def amounts(self, text: str) -> list[tuple[str, int, int]]:
        """Money amounts as "EUR 50,000" / "USD 100", with their positions."""
        found = []
        for m in self._amount.finditer(text):
            currency = m.group("c1") or m.group("c2")
            code = self._currencies.get(currency.lower(), currency.upper())
            found.append((f"{code} {_amount_text(m.group('n1') or m.group('n2'))}", *m.span()))
        return found

    def section_numbers(self, text: str) -> list[str]:
        """Section references listed in `text` ("4.4, 7 and 11.3"), skipping durations."""
        taken = [(d.start, d.end) for d in self.durations(text)]
        numbers = [
            m.group(1)
            for m in _SECTION_NUMBER.finditer(text)
            if not any(start <= m.start() < end for start, end in taken)
        ]
        return list(dict.fromkeys(numbers))


def _union(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns as one alternation, searched once: whether any matches is most of what
    extraction asks, sentence by sentence. Their group names are dropped (several patterns
    name a {dur}), which `has` does not need."""
    if len(patterns) < 2:
        return patterns
    sources = (_GROUP_NAME.sub("(?:", pattern.pattern) for pattern in patterns)
    return (re.compile("|".join(f"(?:{source})" for source in sources), _FLAGS),)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _amount_text(raw: str) -> str:
    """ "50 000" / "50.000" / "50,000" -> "50,000"; "8,33" -> "8.33"; "100,00" -> "100"."""
    raw = raw.replace("\u00a0", " ")
    grouped = re.fullmatch(r"(\d{1,3}(?:[ ,.]\d{3})+)(?:[.,](\d+))?", raw)
    if grouped:
        whole, fraction = int(re.sub(r"\D", "", grouped.group(1))), grouped.group(2)
    else:
        head, _, fraction = raw.replace(",", ".").partition(".")
        whole = int(head)
    return f"{whole:,}" + (f".{fraction}" if fraction and fraction.strip("0") else "")


def _read(name: str) -> dict:
    with open(resource_path(f"terms/{name}"), "rb") as handle:
        return tomllib.load(handle)


@cache
def vocab(language: str) -> Vocab:
    """The vocabulary for a language code; English where no data file exists for it."""
    exists = os.path.exists(resource_path(f"terms/{language}.toml"))
    return _vocab(language if exists else "en")


@cache
def _vocab(language: str) -> Vocab:
    common, own = _common(), _read(f"{language}.toml")
    merged = {**common, **own}
    for table in ("places", "adjectives", "currencies"):  # a language adds to these
        merged[table] = {**common.get(table, {}), **own.get(table, {})}
    return Vocab(merged)


@record
class Sentence:
    """A sentence of a section's body: `text[start:end]`, in `language`."""

    start: int
    end: int
    language: str


@record
class Hit:
    """A term's value as read from sentences `first`..`last` of one section."""

    value: str
    first: int
    last: int


# -- sentences and clauses -------------------------------------------------------------------


def _unshouted(word: re.Match[str]) -> str:
    lower = word.group().lower()
    return lower if lower in _lower_in_names() else lower.capitalize()


@cache
def _common() -> dict:
    return _read("common.toml")


@cache
def _place() -> str:
    """Any capitalised place name: "Stockholm", "New York County, New York", "England and
    Wales", "State of Utah" (the words that join a name's parts are common.toml's)."""
    joiners = "|".join(re.escape(word) for word in _common()["place_name_joiners"])
    join = rf"(?:\s+(?:{joiners})\s+|\s+)"
    return rf"(?-i:{_TITLE}(?:{join}{_WORD})*(?:,\s+{_WORD}(?:{join}{_WORD})*)?)"


@cache
def _lower_in_names() -> frozenset[str]:
    """Words a name keeps in lower case when a shouted sentence is read back ("Bank of ...")."""
    return frozenset(_common()["lower_in_names"])


def split_sentences(text: str, start: int, end: int, language: str) -> list[Sentence]:
    """The sentences of `text[start:end]`, in `language` (whose abbreviations do not end one)."""
    abbreviations = vocab(language).abbreviations
    return [Sentence(a, b, language) for a, b in sentence_spans(text, start, end, abbreviations)]


class Clause:
    """A candidate sentence among its section's sentences, which may complete its value.

    `readable` reads ALL-CAPS sentences as a writer who does not shout would have written them
    (`Court Located in San Francisco County, State of California`): place names are told from
    other words by their capital, which a shouted sentence gives to every word.
    """

    __slots__ = ("index", "readable", "sentences", "text")

    def __init__(
        self, text: str, sentences: list[Sentence], index: int, readable: bool = False
    ) -> None:
        self.text, self.sentences, self.index = text, sentences, index
        self.readable = readable

    def at(self, index: int) -> tuple[str, Vocab]:
        sentence = self.sentences[index]
        piece = self.text[sentence.start : sentence.end]
        if self.readable and piece.isupper():
            piece = _CASED_WORD.sub(_unshouted, piece)
        return piece, vocab(sentence.language)

    def shouted(self) -> bool:
        sentence = self.sentences[self.index]
        return self.text[sentence.start : sentence.end].isupper()

    @property
    def sentence(self) -> str:
        return self.at(self.index)[0]

    @property
    def vocab(self) -> Vocab:
        return self.at(self.index)[1]

    def following(self) -> Iterator[tuple[int, str, Vocab]]:
        for index in range(self.index + 1, min(self.index + 1 + _LOOKAHEAD, len(self.sentences))):
            yield (index, *self.at(index))

    def section(self) -> Iterator[tuple[int, str, Vocab]]:
        for index in range(len(self.sentences)):
            yield (index, *self.at(index))

    def hit(self, value: str, *used: int) -> Hit:
        indices = (self.index, *used)
        return Hit(value, min(indices), max(indices))
