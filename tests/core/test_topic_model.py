"""The topic model trained on labelled contracts: for the sections the lexicons cannot place."""

from __future__ import annotations

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
