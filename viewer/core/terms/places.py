"""Places a contract may name as its law or forum, from a gazetteer rather than a hand-kept list.

"The laws of the State of North Carolina", "the laws of Victoria, Australia", "Sveriges lag":
the jurisdiction is a country or one of its subdivisions (states, provinces, regions, the
nations of the United Kingdom), in whatever language the contract is written. pycountry carries
ISO 3166-1 and the top level of ISO 3166-2 with their translations, so every such place is known
by name in every language we read; the vocabularies' own [places] (EU, EEA, "England and Wales",
"U.S.") are merged over it and win where both name a place.

Names are matched as runs of capitalised words, so a shouted sentence ("THE STATE OF TEXAS") and
words a PDF ran together ("ofTexas") are read as well.
"""

from __future__ import annotations

import gettext
import itertools
import re
from functools import cache

from viewer.core.records import record

#: The words a name may span at most ("Bosnia and Herzegovina", "Saint Vincent and the ...").
_LONGEST = 6
_WORD = re.compile(r"[^\W\d_]+(?:[.’'][^\W\d_]+)*\.?")
#: A lower-case letter followed by a capital inside one word: two words a PDF ran together.
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
#: Generic words an ISO name adds to a place's own name ("Beijing Shi", "Guangdong Sheng").
_GENERIC_TAIL = ("Sheng", "Shi", "Zizhiqu", "Zhuangzu Zizhiqu", "Huizu Zizhiqu", "Uygur Zizhiqu")


@record
class Place:
    """A place named in a text: its canonical English name and where the name stands."""

    name: str
    start: int
    end: int


def _key(words: list[str]) -> str:
    return " ".join(word.casefold().rstrip(".") for word in words).replace("&", "and")


def _english(country: object) -> str:
    """ "Korea, Republic of" -> "Korea"; common names ("Taiwan") preferred to official ones."""
    name = getattr(country, "common_name", None) or country.name  # type: ignore[attr-defined]
    return name.split(",")[0].strip()


def _aliases(name: str) -> list[str]:
    """An ISO name and the forms a contract writes it in ("Isle of Anglesey [Sir Ynys Môn]")."""
    plain = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name).strip()
    forms = [plain]
    for tail in _GENERIC_TAIL:
        if plain.endswith(" " + tail):
            forms.append(plain[: -len(tail) - 1])
    if "," in plain:
        forms.append(plain.split(",")[0].strip())
    return [form for form in forms if form]


@cache
def _iso_names(language: str) -> dict[str, str]:
    """Name key -> canonical English name, for countries and top-level subdivisions, in English
    and in `language`. (pycountry is imported here: most contracts name their law in words the
    vocabularies know, so most runs never need it.)"""
    import pycountry

    names: dict[str, str] = {}
    countries, subdivisions = (
        gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for domain in ("iso3166-1", "iso3166-2")
    )

    def add(name: str, canonical: str) -> None:
        for alias in _aliases(name):
            names.setdefault(_key(alias.split()), canonical)

    for country in pycountry.countries:
        canonical = _english(country)
        for field in ("common_name", "name", "official_name"):
            written = getattr(country, field, None)
            if written:
                add(written, canonical)
                add(countries.gettext(written), canonical)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            canonical = _aliases(subdivision.name)[-1]
            add(subdivision.name, canonical)
            add(subdivisions.gettext(subdivision.name), canonical)
    return names


class Gazetteer:
    """Every place name of one language: the vocabulary's own places over ISO 3166."""

    def __init__(self, language: str, own: dict[str, str]) -> None:
        self._names = dict(_iso_names(language))
        self._names.update({_key(name.split()): canonical for name, canonical in own.items()})

    def find(self, text: str) -> list[Place]:
        """The places named in `text`, longest name first at each word, left to right."""
        words = [
            (piece, match.start() + offset)
            for match in _WORD.finditer(text)
            for piece, offset in _pieces(match.group())
        ]
        found, index = [], 0
        while index < len(words):
            place = self._longest(text, words, index)
            if place is None:
                index += 1
                continue
            found.append(place[0])
            index = place[1]
        return found

    def _longest(
        self, text: str, words: list[tuple[str, int]], index: int
    ) -> tuple[Place, int] | None:
        if not words[index][0][0].isupper():
            return None
        for stop in range(min(len(words), index + _LONGEST), index, -1):
            last, at = words[stop - 1]
            if not last[0].isupper():  # a name ends in a capitalised word
                continue
            name = self._names.get(_key([word for word, _ in words[index:stop]]))
            if name:
                return Place(name, words[index][1], at + len(last)), stop
        return None


def _pieces(word: str) -> list[tuple[str, int]]:
    """A word, or the words a PDF ran together in it ("ofTexas" -> "of", "Texas")."""
    cuts = [0, *(m.start() for m in _GLUED.finditer(word)), len(word)]
    if len(cuts) == 2 or word.isupper():
        return [(word, 0)]
    return [(word[a:b], a) for a, b in itertools.pairwise(cuts)]
