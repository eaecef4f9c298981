"""TF-IDF over stems: how alike two sections' texts are, within one alignment.

Weights come from all sections of all documents being aligned, so words every section shares
("agreement", a vendor's name in all its clauses) count for little and distinctive ones decide.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]


class TfIdf:
    """Document frequencies of stems over a set of texts (here: sections)."""

    def __init__(self, bags: Iterable[Counter[str]]) -> None:
        frequency: Counter[str] = Counter()
        count = 0
        for bag in bags:
            frequency.update(bag.keys())
            count += 1
        self._idf = {stem: math.log((1 + count) / (1 + df)) + 1 for stem, df in frequency.items()}
        self._default = math.log(1 + count) + 1

    def vector(self, bag: Mapping[str, int]) -> Vector:
        """Unit-length TF-IDF vector (sublinear term frequency)."""
        idf, default = self._idf, self._default
        weights = {stem: _tf(n) * idf.get(stem, default) for stem, n in bag.items() if n > 0}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {stem: w / norm for stem, w in weights.items()} if norm else {}


_LOG_TF = [0.0] + [1 + math.log(n) for n in range(1, 256)]


def _tf(count: int) -> float:
    """Sublinear term frequency, 1 + log(count), from a table for the usual small counts."""
    return _LOG_TF[count] if count < 256 else 1 + math.log(count)


def cosine(left: Vector, right: Vector) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(weight * right.get(stem, 0.0) for stem, weight in left.items())


class NearIndex:
    """An inverted index over each vector's most weighted stems.

    Comparing every section with every other is quadratic; two texts that are alike share
    some of their most distinctive stems, so only the entries sharing the most of them are
    worth a cosine.
    """

    TOP = 8  # stems per vector that are indexed
    CANDIDATES = 24  # entries sharing the most top stems: the rest cannot be the most similar

    def __init__(self) -> None:
        self._by_stem: dict[str, list[int]] = {}

    def add(self, index: int, vector: Vector) -> None:
        for stem in _top(vector, self.TOP):
            self._by_stem.setdefault(stem, []).append(index)

    def candidates(self, vector: Vector) -> list[int]:
        """Indices added before that share the most top stems with `vector`, best first."""
        shared = Counter(i for stem in _top(vector, self.TOP) for i in self._by_stem.get(stem, ()))
        return sorted(shared, key=lambda i: (-shared[i], i))[: self.CANDIDATES]


def _top(vector: Vector, count: int) -> list[str]:
    return sorted(vector, key=lambda stem: (-vector[stem], stem))[:count]
