"""The taxonomy data and the classification of single sections."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from viewer.core.topics.classify import SectionStems, classify, load_taxonomy
from viewer.core.topics.stems import stems

TAXONOMY = load_taxonomy()
LANGUAGES = sorted(TAXONOMY.files)
TAXONOMY_DIR = ROOT / "resources" / "taxonomy"
DESIGN = ROOT.parent / "shared" / "DESIGN.md"


def read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


TOPIC_ENTRIES = read_toml(TAXONOMY_DIR / "topics.toml")["topic"]
KEYS = [entry["key"] for entry in TOPIC_ENTRIES]  # in the file's order, the canonical one


def test_the_taxonomy_is_topics_toml_in_its_order() -> None:
    assert len(set(KEYS)) == len(KEYS)
    assert [topic.key for topic in TAXONOMY.topics] == KEYS
    assert TAXONOMY.order == {key: position for position, key in enumerate(KEYS)}
    assert TAXONOMY.keys == set(KEYS)
    assert {entry["within"] for entry in TOPIC_ENTRIES if "within" in entry} <= set(KEYS)
    assert len({topic.label for topic in TAXONOMY.topics}) == len(TAXONOMY.topics)


@pytest.mark.parametrize(
    "path", sorted(TAXONOMY_DIR.glob("lexicon.*.toml")), ids=lambda path: path.name
)
def test_every_lexicon_uses_only_taxonomy_keys(path: Path) -> None:
    lexicon = read_toml(path)
    assert sorted(set(lexicon["topics"]) - set(KEYS)) == []
    assert lexicon["language"] == path.name.split(".")[1] and lexicon["language"] in LANGUAGES


def design_keys() -> list[str]:
    """The keys that DESIGN.md's `## Starting taxonomy (keys)` lists in its first sentence."""
    if not DESIGN.is_file():
        pytest.skip("../shared/DESIGN.md not present (../shared is optional)")
    _, heading, section = DESIGN.read_text("utf-8").partition("\n## Starting taxonomy (keys)\n")
    assert heading, "DESIGN.md has no starting taxonomy"
    return [key.strip() for key in section.split(".", 1)[0].split(",")]


def test_the_design_starting_keys_are_all_in_the_taxonomy() -> None:
    design = design_keys()
    assert len(design) >= 30 and all(re.fullmatch(r"[a-z_]+", key) for key in design), design
    assert sorted(set(design) - set(KEYS)) == []


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
