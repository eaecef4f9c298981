"""The taxonomy data and the classification of single sections."""

from __future__ import annotations

import pytest

from viewer.core.topics.classify import SectionStems, classify, load_taxonomy
from viewer.core.topics.stems import stems

TAXONOMY = load_taxonomy()
LANGUAGES = sorted(TAXONOMY.files)


def test_design_keys_are_all_in_the_taxonomy() -> None:
    keys = {topic.key for topic in TAXONOMY.topics}
    design = set(
        "acceptance definitions trial account services support acceptable_use customer_data "
        "data_protection security fees term_termination confidentiality ip third_party warranties "
        "liability indemnification governing_law notices assignment force_majeure changes "
        "entire_agreement severability_waiver compliance publicity relationship "
        "third_party_beneficiaries audit subprocessors equitable_relief".split()
    )
    assert design <= keys
    assert len({topic.label for topic in TAXONOMY.topics}) == len(TAXONOMY.topics)


def test_five_languages_have_lexicons() -> None:
    assert {"en", "sv", "de", "it", "pl"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lexicon_covers_every_topic(language: str) -> None:
    lexicon = TAXONOMY.lexicon(language)
    assert lexicon.language == language
    keys = {topic.key for topic in TAXONOMY.topics}
    with_terms = {key for entries in lexicon.heading_terms.values() for key, _ in entries}
    with_cues = {key for entries in lexicon.body_cues.values() for key, _ in entries}
    assert with_terms == keys and with_cues == keys


def classified(title: str, body: str, language: str = "en", has_children: bool = False):
    words = SectionStems(stems(title, language), stems(body, language))
    return classify(words, has_children, TAXONOMY.lexicon(language), TAXONOMY.order)


def topics_of(title: str, body: str, language: str = "en", has_children: bool = False):
    return classified(title, body, language, has_children).topics


def test_scores_say_how_much_of_the_heading_a_topic_explains() -> None:
    whole = classified("Limitation of Liability", "Text.")
    half = classified("Liability for our APIs", "Text.")
    assert (whole.topics, whole.scores, whole.source) == (("liability",), (1.0,), "heading")
    assert half.scores == (0.5,)
    body = classified("General Provisions", "This is the entire agreement between the parties.")
    assert body.source == "body" and body.scores[0] == 0.5


@pytest.mark.parametrize(
    "title, language, topic",
    [
        ("Limitation of Liability", "en", "liability"),
        ("Liability for our APIs", "en", "liability"),
        ("Governing Law and Jurisdiction", "en", "governing_law"),
        ("Ansvar", "sv", "liability"),
        ("Ansvarsbegränsning", "sv", "liability"),
        ("Tillämplig lag och tvister", "sv", "governing_law"),
        ("Haftungsbeschränkung", "de", "liability"),
        ("Anwendbares Recht", "de", "governing_law"),
        ("Limitazione di responsabilità", "it", "liability"),
        ("Legge applicabile", "it", "governing_law"),
        ("Ograniczenie odpowiedzialności", "pl", "liability"),
        ("Prawo właściwe", "pl", "governing_law"),
    ],
)
def test_headings_name_their_topic(title: str, language: str, topic: str) -> None:
    assert topics_of(title, "Some clause text follows here.", language)[0] == topic


def test_a_heading_naming_several_topics_carries_each() -> None:
    found = topics_of("Disclaimers; Limitation of Liability; Indemnity", "Text.")
    assert {"warranties", "liability", "indemnification"} <= set(found)


def test_generic_heading_lets_the_body_decide() -> None:
    body = (
        "No waiver of any provision is effective unless in writing. If any provision is held "
        "invalid, the remaining provisions stay in effect. Neither party is liable for force "
        "majeure events beyond its reasonable control. This is the entire agreement between "
        "the parties and supersedes all prior agreements."
    )
    found = topics_of("General Provisions", body)
    assert {"severability_waiver", "force_majeure", "entire_agreement"} <= set(found)


def test_a_container_of_specific_children_has_no_topic_of_its_own() -> None:
    assert topics_of("General", "", has_children=True) == ()
