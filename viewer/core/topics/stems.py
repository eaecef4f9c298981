"""Text analysis shared by topic classification and similarity: words -> content-word stems.

Stemming with Snowball (snowballstemmer covers English, Swedish, German, Italian, Polish and
more) makes "Limitation of Liability" and "limitations on liability" the same two stems, so
lexicons list base forms only. Stems are cached per language: a contract repeats a few
thousand distinct words hundreds of thousands of times, and an uncached stem costs ~25 µs.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import cache

from viewer.core.resources import resource_path
from viewer.core.structure import language as language_data
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


def stemming_sources() -> list[str]:
    """The files whose content decides what `stems` returns: this code, the stop words and
    the code that reads them (a cache of stems is keyed on them, with `stemmer_in_use`)."""
    return [__file__, language_data.__file__, resource_path("languages.json")]


def stemmer_in_use() -> str:
    """The stemming library `analyser` uses, as a cache key knows it: its module, file, size
    and modification time (how Python's bytecode cache knows a changed source). Reading the
    2.7 MB compiled module at every start would cost more than the cache saves."""
    import snowballstemmer

    module = sys.modules[snowballstemmer.stemmer.__module__]
    path = getattr(module, "__file__", None) or ""
    try:
        info = os.stat(path)
    except OSError:
        return module.__name__
    return f"{module.__name__}|{path}|{info.st_size}|{info.st_mtime_ns}"


def stems(text: str, language: str) -> list[str]:
    return analyser(language)(text)
