"""The topic model trained on labelled contracts: for the sections the lexicons cannot place."""

from __future__ import annotations

import math

from viewer.core.compare.service import read_tree
from viewer.core.topics.classify import classify_tree
from viewer.core.topics.model import features, load_model
from viewer.core.topics.stems import stems

RENEWAL = (
    "This Agreement shall commence on the date first written above and shall continue for a "
    "period of five (5) years thereafter."
)


def test_an_untitled_clause_no_lexicon_places_takes_the_models_topic(write) -> None:
    """`2. This Agreement shall commence on ... and shall continue for ...`: no heading, no
    lexicon phrase; its words are those of a clause on the agreement's term."""
    content = (
        "SUPPLY AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta LLC.\n\n"
        "1. Acme shall deliver the Products in good condition to Beta's warehouse.\n\n"
        f"2. {RENEWAL}\n"
    )
    tree = read_tree(write("supply.txt", content))
    found = classify_tree(tree)
    renewal = next(s for s in tree.sections if s.number == "2")
    assert found[renewal.id].topics[:1] == ("term_renewal",)
    assert found[renewal.id].source == "model"


def test_the_model_is_deterministic_and_explains_itself() -> None:
    model = load_model("en")
    assert model is not None
    body = stems(RENEWAL, "en")
    assert model.topics([], body) == model.topics([], list(body))
    assert model.topics([], body)[0][0] == "term_renewal"
    reasons = model.reasons([], body, "term_renewal")
    assert reasons and all(reason in features([], body) for reason in reasons)


def test_a_language_without_a_trained_model_has_none() -> None:
    assert load_model("sv") is None


def test_the_fast_reading_is_the_trained_one() -> None:
    """`probabilities` reads a section's features by kind for speed; they must be the very
    vector training fitted (`features`, by name): TF-IDF, sublinear counts, unit length."""
    model = load_model("en")
    assert model is not None
    title = stems("Term of the Agreement", "en")
    body = stems(RENEWAL + " " + RENEWAL, "en")  # words counted twice as well
    values, sums = {}, dict.fromkeys(model.bias, 0.0)
    for name, count in features(title, body).items():
        entry = model.entry(name)
        if entry is not None:
            values[name] = (1 + math.log(count)) * entry[0]
            for topic, weight in entry[1].items():
                sums[topic] += weight * values[name]
    norm = math.sqrt(sum(v * v for v in values.values()))
    for topic, p in model.probabilities(title, body).items():
        expected = 1 / (1 + math.exp(-(model.bias[topic] + sums[topic] / norm)))
        assert abs(p - expected) < 1e-9, topic
