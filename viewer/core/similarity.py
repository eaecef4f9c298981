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
