"""Language identification from function words, per line and per stretch of a document.

Function words are the most reliable signal in legal prose: every paragraph is full of them and
they barely overlap between languages. The word lists are data (`resources/languages.json`), so
a new language needs no code. Whole documents and bilingual files (Swedish first, then English)
are handled by labelling long lines and smoothing the labels into parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from viewer.core.records import record
from viewer.core.resources import load_json

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_WORDS = 6  # shorter lines (headings, dates) say too little to be labelled on their own
_MIN_SHARE = 0.08  # below this share of function words a line is not labelled
_MIN_PART_WORDS = 60
_SAMPLE_CHARS = 240
_SAMPLE_STEP = 3  # a stretch in another language shorter than this is noise, not a part


def stopwords(language: str) -> frozenset[str]:
    """Function words of `language` (empty for a language we have no list for)."""
    return _stopwords().get(language, frozenset())


def in_every_language(field: str) -> list[str]:
    """One field of every language's entry in languages.json, joined in the file's order: the
    words a pattern needs to read text in any language we know (`page_word`, `date_words`)."""
    found: list[str] = []
    for code, entry in load_json("languages.json").items():
        value = entry.get(field, ()) if code[0] != "_" else ()
        found += [value] if isinstance(value, str) else value
    return found


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = load_json("languages.json")
    return {code: frozenset(entry["stopwords"]) for code, entry in data.items() if code[0] != "_"}


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Word -> the languages it is a function word of: one lookup per token."""
    index: dict[str, list[str]] = {}
    for code, vocab in _stopwords().items():
        for word in vocab:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def detect(text: str) -> str | None:
    """The language whose function words dominate `text`; None when too short or unclear.

    Forty words decide a paragraph's language as well as four hundred, so long lines are cut.
    """
    if text.count(" ") < _MIN_WORDS - 1:
        return None
    tokens = words(text[:_SAMPLE_CHARS])
    if len(tokens) < _MIN_WORDS:
        return None
    index = _languages_of_word()
    hits: dict[str, int] = dict.fromkeys(_stopwords(), 0)
    for token in tokens:
        for code in index.get(token, ()):
            hits[code] += 1
    best = max(hits, key=hits.__getitem__)  # ties go to the first language listed
    if hits[best] == 0 or hits[best] / len(tokens) < _MIN_SHARE:
        return None
    return best


def function_word_hits(text: str) -> int:
    """How many words of `text` are function words of some known language.

    Decoding the same bytes as cp1250 and cp1252 can look equally plausible to a charset
    detector; the one that yields real words (`på`, not `pĺ`) is right.
    """
    index = _languages_of_word()
    return sum(token in index for token in words(text))


@record
class Run:
    """Consecutive labelled lines in one language: indices into the caller's line list."""

    language: str
    first: int
    last: int
    words: int


def language_runs(texts: Sequence[str]) -> list[Run]:
    """Label each line, then merge runs too short to be a part into their neighbours.

    Every third line is looked at first: when they all agree (the usual monolingual document)
    that is the answer, and only a document whose sample mixes languages is read line by line.
    A part too short to show up in the sample would be merged away as noise anyway.
    """
    sample = {code for code in map(detect, texts[::_SAMPLE_STEP]) if code}
    if len(sample) == 1 and texts:
        total = sum(text.count(" ") + 1 for text in texts)
        return [Run(sample.pop(), 0, len(texts) - 1, total)]
    runs: list[Run] = []
    for index, text in enumerate(texts):
        code = detect(text)
        if code is None:
            continue
        count = text.count(" ") + 1
        if runs and runs[-1].language == code:
            last = runs[-1]
            runs[-1] = Run(code, last.first, index, last.words + count)
        else:
            runs.append(Run(code, index, index, count))
    while len(runs) > 1:
        smallest = min(range(len(runs)), key=lambda i: runs[i].words)
        if runs[smallest].words >= _MIN_PART_WORDS:
            break
        runs = _absorb(runs, smallest)
    return runs


def _absorb(runs: list[Run], index: int) -> list[Run]:
    """Fold runs[index] into a neighbour and join the neighbours if they now touch."""
    merged = list(runs)
    victim = merged.pop(index)
    if index > 0:
        left = merged[index - 1]
        merged[index - 1] = Run(left.language, left.first, victim.last, left.words + victim.words)
        if index < len(merged) and merged[index].language == left.language:
            right = merged.pop(index)
            merged[index - 1] = Run(
                left.language, left.first, right.last, merged[index - 1].words + right.words
            )
    else:
        right = merged[0]
        merged[0] = Run(right.language, victim.first, right.last, right.words + victim.words)
    return merged


def main_language(runs: Sequence[Run]) -> str:
    """The first part's language when it is substantial, else the one with the most words."""
    if not runs:
        return UNDETERMINED
    total = sum(run.words for run in runs)
    if runs[0].words >= 0.3 * total:
        return runs[0].language
    totals: dict[str, int] = {}
    for run in runs:
        totals[run.language] = totals.get(run.language, 0) + run.words
    return max(totals, key=lambda code: totals[code])
