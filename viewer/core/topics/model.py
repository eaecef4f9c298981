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
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from viewer.core.resources import resource_path

BODY_WORDS = 400  # a clause states its subject early; the rest of a long one adds noise
MAX_TOPICS = 2  # a clause bundles at most this many subjects, as the model sees it
OVERRULE = 0.6  # how sure the model must be to read a section otherwise than the lexicons


def features(title: Iterable[str], body: list[str]) -> Counter[str]:
    """A section's words as model features: title stems, body stems and body stem pairs."""
    found: Counter[str] = Counter(f"t:{stem}" for stem in title)
    head = body[:BODY_WORDS]
    found.update(f"b:{stem}" for stem in head)
    found.update(f"b:{a}_{b}" for a, b in pairwise(head))
    return found


class TopicModel:
    """One language's model: each feature's inverse document frequency, and per topic a bias
    and the weights of the features that matter for it (inverted: feature -> topic -> weight,
    so that a section meets only its own features' weights)."""

    def __init__(self, data: dict) -> None:
        self.language: str = data["language"]
        self.threshold: float = data["threshold"]
        # topics learned from experts' labels of many contracts, not only from our gold files
        self.trusted: frozenset[str] = frozenset(data.get("trusted", ()))
        self.idf: dict[str, float] = data["idf"]
        self.bias: dict[str, float] = {key: topic["bias"] for key, topic in data["topics"].items()}
        self.weights: dict[str, dict[str, float]] = {}
        for key, topic in data["topics"].items():
            for feature, weight in topic["weights"].items():
                self.weights.setdefault(feature, {})[key] = weight

    def vector(self, title: Iterable[str], body: list[str]) -> dict[str, float]:
        """The section's TF-IDF vector (sublinear counts, unit length), known features only."""
        vector = {
            feature: (1 + math.log(count)) * self.idf[feature]
            for feature, count in features(title, body).items()
            if feature in self.idf
        }
        norm = math.sqrt(sum(value * value for value in vector.values()))
        return {feature: value / norm for feature, value in vector.items()} if norm else {}

    def probabilities(self, title: Iterable[str], body: list[str]) -> dict[str, float]:
        totals = dict(self.bias)
        for feature, value in self.vector(title, body).items():
            for key, weight in self.weights.get(feature, {}).items():
                totals[key] += weight * value
        return {key: 1 / (1 + math.exp(-total)) for key, total in totals.items()}

    def topics(self, title: Iterable[str], body: list[str]) -> list[tuple[str, float]]:
        """The topics the model is sure enough of, most probable first."""
        chances = self.probabilities(title, body)
        sure = sorted(
            ((key, p) for key, p in chances.items() if p >= self.threshold),
            key=lambda item: (-item[1], item[0]),
        )
        return sure[:MAX_TOPICS]

    def overrules(self, found: tuple[str, float], lexical: Iterable[str]) -> bool:
        """Whether the model's best topic replaces what the lexicons read in a section."""
        key, probability = found
        return key in self.trusted and probability >= OVERRULE and key not in lexical

    def reasons(
        self, title: Iterable[str], body: list[str], topic: str, count: int = 5
    ) -> list[str]:
        """The features that weigh most for `topic` in this section: why it was placed."""
        vector = self.vector(title, body)
        weighed = [
            (self.weights.get(feature, {}).get(topic, 0.0) * value, feature)
            for feature, value in vector.items()
        ]
        return [feature for weight, feature in sorted(weighed, reverse=True)[:count] if weight > 0]


@cache
def load_model(language: str) -> TopicModel | None:
    """The model of `language`, or None when none was trained for it."""
    path = resource_path(f"taxonomy/model.{language}.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return TopicModel(json.load(handle))
