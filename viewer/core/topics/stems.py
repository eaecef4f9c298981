"""Text analysis shared by topic classification and similarity: words -> content-word stems.

Stemming with Snowball (snowballstemmer covers English, Swedish, German, Italian, Polish and
more) makes "Limitation of Liability" and "limitations on liability" the same two stems, so
lexicons list base forms only. Stems are cached per language: a contract repeats a few
thousand distinct words hundreds of thousands of times, and an uncached stem costs ~25 µs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from viewer.core.structure.language import UNDETERMINED, stopwords

_TOKEN = re.compile(r"\w+")  # plain word characters: the fastest tokeniser re offers

#: Snowball algorithm per language code; a language missing here is analysed as English.
STEMMERS = {
    "en": "english", "sv": "swedish", "de": "german", "it": "italian", "pl": "polish",
    "fr": "french", "da": "danish", "nl": "dutch", "es": "spanish", "pt": "portuguese",
    "fi": "finnish", "no": "norwegian", "nb": "norwegian",
}  # fmt: skip
#: Languages that glue words into compounds ("Haftungsbeschränkung", "ansvarsbegränsning").
COMPOUNDING = frozenset({"sv", "de", "da", "nl", "no", "nb", "fi"})


def language_key(language: str) -> str:
    return language if language in STEMMERS else "en"


@cache
def analyser(language: str) -> Callable[[str], list[str]]:
    """A function from text to its content-word stems, for one language."""
    import snowballstemmer

    language = language_key(language if language != UNDETERMINED else "en")
    stem_word = snowballstemmer.stemmer(STEMMERS[language]).stemWord
    skip = stopwords(language)
    memo: dict[str, str] = {}

    def stem_new(word: str) -> str:
        stem = memo[word] = stem_word(word)
        return stem

    def analyse(text: str) -> list[str]:
        known = memo.get  # comprehensions, not a loop with append: this is the hot path
        kept = [w for w in _TOKEN.findall(text.lower()) if w not in skip and not w[0].isdigit()]
        return [known(w) or stem_new(w) for w in kept if len(w) > 1]

    return analyse


def stems(text: str, language: str) -> list[str]:
    return analyser(language)(text)
