"""A topic model learned offline from labelled contracts, for the sections lexicons miss.

The lexicons (`classify`) read headings and distinctive phrases; many real clauses have no
heading a lexicon knows, or none at all (`15. The validity, construction and performance of
this Agreement shall be governed by ...`). For those, a linear model over the section's own
words decides: TF-IDF of its title's stems, its body's stems and pairs of body stems, one
logistic regression per topic. It is trained by `training/topic_model.py` on labelled real
contracts (never on the documents the benchmarks only measure on) and ships as
`resources/taxonomy/model.<language>.json`; a language without such a file has no model.

Deterministic and explainable: the same words give the same topics, and `reasons` names the
words that weigh most for a topic.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from itertools import pairwise
from typing import NamedTuple, TypeVar

from viewer.core.cache import cached
from viewer.core.resources import resource_path

BODY_WORDS = 400  # a clause states its subject early; the rest of a long one adds noise
MAX_TOPICS = 2  # a clause bundles at most this many subjects, as the model sees it
OVERRULE = 0.6  # how sure the model must be to read a section otherwise than the lexicons

Weights = dict[str, float]  # topic -> weight of one feature
Key = TypeVar("Key", str, str | tuple[str, str])


def features(title: Iterable[str], body: list[str]) -> Counter[str]:
    """A section's words as model features, by name: title stems (`t:`), body stems (`b:`)
    and pairs of neighbouring body stems (`b:` with a space between). What training fits
    and `reasons` explains; `TopicModel.probabilities` reads the same features faster."""
    found: Counter[str] = Counter(f"t:{stem}" for stem in title)
    head = body[:BODY_WORDS]
    found.update(f"b:{stem}" for stem in head)
    found.update(f"b:{a} {b}" for a, b in pairwise(head))
    return found


class Entry(NamedTuple):
    """One feature of the model: its inverse document frequency and its weight for each topic
    it matters to; `scaled` holds the same weights times the idf, as `scores` adds them."""

    idf: float
    weights: Weights
    scaled: tuple[tuple[str, float], ...]


class TopicModel:
    """One language's model: per topic a bias, and per feature its `Entry`, kept by where the
    feature is read (title stems; body stems and pairs of them) so that a section meets only
    its own words' entries."""

    def __init__(self, data: dict) -> None:
        self.language: str = data["language"]
        self.threshold: float = data["threshold"]
        self.cut = math.log(self.threshold / (1 - self.threshold))  # the threshold as log-odds
        # topics learned from experts' labels of many contracts, not only from our gold files
        self.trusted: frozenset[str] = frozenset(data.get("trusted", ()))
        self.bias: Weights = {key: topic["bias"] for key, topic in data["topics"].items()}
        by_feature: dict[str, Weights] = {}
        for key, topic in data["topics"].items():
            for feature, weight in topic["weights"].items():
                by_feature.setdefault(feature, {})[key] = weight
        self.title: dict[str, Entry] = {}
        self.body: dict[str | tuple[str, str], Entry] = {}  # a stem, or a pair of them
        for feature, idf in data["idf"].items():
            weights = by_feature.get(feature, {})
            entry = Entry(idf, weights, tuple((key, w * idf) for key, w in weights.items()))
            kind, words = feature[:2], feature[2:]
            if kind == "t:":
                self.title[words] = entry
            else:
                self.body[_body_key(words)] = entry

    def probabilities(self, title: Iterable[str], body: list[str]) -> dict[str, float]:
        """Each topic's probability for a section."""
        return {key: 1 / (1 + math.exp(-score)) for key, score in self.scores(title, body).items()}

    def scores(self, title: Iterable[str], body: list[str]) -> dict[str, float]:
        """Each topic's log-odds for a section: its TF-IDF vector (sublinear counts, unit
        length) against each topic's weights. Only the section's known features are visited
        (a set intersection finds them), and the vector's length divides the sums at the end."""
        head = body[:BODY_WORDS]
        in_body: Counter[str | tuple[str, str]] = Counter(head)
        in_body.update(pairwise(head))
        sums = dict.fromkeys(self.bias, 0.0)
        squares = _weigh(self.title, Counter(title), sums) + _weigh(self.body, in_body, sums)
        norm = math.sqrt(squares) or 1.0
        return {key: bias + sums[key] / norm for key, bias in self.bias.items()}

    def topics(self, title: Iterable[str], body: list[str]) -> list[tuple[str, float]]:
        """The topics the model is sure enough of, most probable first."""
        sure = sorted(
            (
                (key, 1 / (1 + math.exp(-score)))
                for key, score in self.scores(title, body).items()
                if score >= self.cut
            ),
            key=lambda item: (-item[1], item[0]),
        )
        return sure[:MAX_TOPICS]

    def overrules(self, found: tuple[str, float], lexical: Iterable[str]) -> bool:
        """Whether the model's best topic replaces what the lexicons read in a section."""
        key, probability = found
        return key in self.trusted and probability >= OVERRULE and key not in lexical

    def entry(self, feature: str) -> Entry | None:
        """A feature by its name (as `features` names it)."""
        kind, words = feature[:2], feature[2:]
        return self.title.get(words) if kind == "t:" else self.body.get(_body_key(words))

    def reasons(
        self, title: Iterable[str], body: list[str], topic: str, count: int = 5
    ) -> list[str]:
        """The features that weigh most for `topic` in this section: why it was placed."""
        weighed = [
            (entry[0] * entry[1].get(topic, 0.0), f)
            for f in features(title, body)
            if (entry := self.entry(f)) is not None
        ]
        return [feature for weight, feature in sorted(weighed, reverse=True)[:count] if weight > 0]


def _weigh(table: Mapping[Key, Entry], counts: Counter[Key], sums: dict[str, float]) -> float:
    """Adds the weights of the section's features known to `table` to `sums`; returns their
    squared length. Most occur once, which needs no logarithm."""
    squares = 0.0
    for feature in counts.keys() & table.keys():
        idf, _, scaled = table[feature]
        count = counts[feature]
        if count == 1:
            squares += idf * idf
            for key, weight in scaled:
                sums[key] += weight
        else:
            tf = 1 + math.log(count)
            squares += tf * tf * idf * idf
            for key, weight in scaled:
                sums[key] += weight * tf
    return squares


def _body_key(words: str) -> str | tuple[str, str]:
    """How a body feature is kept: a stem, or a pair of neighbouring stems as a tuple (what
    `zip` makes of a section's words, so counting them builds no strings)."""
    first, space, second = words.partition(" ")
    return (first, second) if space else first


@cache
def load_model(language: str) -> TopicModel | None:
    """The model of `language`, or None when none was trained for it. Read from the on-disk
    cache while its file is unchanged: parsing and indexing it costs more than a small
    document's whole alignment."""
    path = resource_path(f"taxonomy/model.{language}.json")
    if not os.path.exists(path):
        return None

    def build() -> TopicModel:
        with open(path, encoding="utf-8") as handle:
            return TopicModel(json.load(handle))

    return cached("topic model", [path, __file__], build)
