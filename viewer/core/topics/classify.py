"""The topic taxonomy (data in `resources/taxonomy/`) and the classification of sections.

A section's heading speaks first: "Liability for our APIs", "4.4 Ansvar" and "Limitation of
Liability" all name the liability topic, through per-language lexicons matched on stems. Only
when the heading names no topic (no heading, a generic one like "General Provisions", or words
no lexicon knows) does the body decide, through distinctive phrases ("entire agreement",
"force majeure", "governed by the laws of"), and then a bundled clause carries every topic it
covers. A container whose children carry the topics is not forced into one of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cache, partial

from viewer.core.cache import cached
from viewer.core.model import SectionTree
from viewer.core.records import record
from viewer.core.resources import resource_path
from viewer.core.topics.model import TopicModel, load_model
from viewer.core.topics.stems import (
    COMPOUNDING,
    language_key,
    stemmer_in_use,
    stemming_sources,
    stems,
)

Phrase = tuple[str, ...]

_HEADING_MIN_SHARE = 0.2  # a topic must cover this share of a heading's content words
_BODY_MIN_SCORE = 2  # one multi-word cue ("force majeure"), or two single words
_SINGLE_SUBJECT = 0.75  # under a specific heading, body topics this close to the best one
_COMPOUND_MIN_STEM = 4  # shorter stems would match too many compounds
_CONTAINER_MAX_WORDS = 15  # a parent with fewer words of its own is only a container
_MENTION_MAX_SCORE = 3  # body evidence of a passing mention: one multi-word cue and a word
_UNFOCUSED_TOPICS = 3  # a body this many topics strong names no one subject
_SHORT_CLAUSE_WORDS = 40  # content words: a clause this short leans on the clause it is in


@record
class Topic:
    key: str
    label: str
    order: int
    broad: bool = False
    within: str | None = None  # the umbrella topic this one is a part of


@record
class Lexicon:
    """One language's heading terms and body cues, as stem tuples, indexed for lookup.

    `heading_terms` maps each stem to the (topic, phrase) entries containing it; `body_cues`
    maps a cue's first stem to its (topic, cue) entries: a section is checked only against the
    entries its own words can start, not against the whole lexicon.
    """

    language: str
    generic: frozenset[str]
    heading_terms: dict[str, tuple[tuple[str, Phrase], ...]]
    body_cues: dict[str, tuple[tuple[str, Phrase], ...]]


@record
class Taxonomy:
    """Topics in canonical order, and where each language's lexicon is (read on first use:
    stemming a lexicon costs more than most documents, and a review needs one or two)."""

    topics: tuple[Topic, ...]
    files: dict[str, str]  # language -> lexicon file
    order: dict[str, int]  # topic key -> position in the canonical order
    broad: frozenset[str]  # umbrella topics that yield to any narrower one named alongside
    parts: dict[str, frozenset[str]]  # umbrella topic -> the topics that are part of it
    keys: frozenset[str]  # every topic key, as the lexicon cache is keyed

    def topic(self, key: str) -> Topic:
        return next(topic for topic in self.topics if topic.key == key)

    def lexicon(self, language: str) -> Lexicon:
        path = self.files.get(language) or self.files["en"]
        return _read_lexicon(path, self.keys)


@cache
def load_taxonomy() -> Taxonomy:
    """Topics and lexicon locations; parsed once and then read from the cache."""
    topics_file = resource_path("taxonomy/topics.toml")
    lexicons = sorted(os.listdir(os.path.dirname(topics_file)))  # the paths it records
    return cached(
        "taxonomy",
        [topics_file, __file__],
        lambda: _parse_taxonomy(topics_file),
        depends=",".join(lexicons),
    )


def _parse_taxonomy(topics_file: str) -> Taxonomy:

    import tomllib  # only on a cache miss: it costs more to import than a cached read

    folder = os.path.dirname(topics_file)
    with open(topics_file, "rb") as handle:
        entries = tomllib.load(handle)["topic"]
    topics = tuple(
        Topic(e["key"], e["label"], index, e.get("broad", False), e.get("within"))
        for index, e in enumerate(entries)
    )
    parts: dict[str, set[str]] = {}
    for topic in topics:
        if topic.within:
            parts.setdefault(topic.within, set()).add(topic.key)
    files = {
        name.split(".")[1]: os.path.join(folder, name)
        for name in sorted(os.listdir(folder))
        if name.startswith("lexicon.") and name.endswith(".toml")
    }
    return Taxonomy(
        topics,
        files,
        {topic.key: topic.order for topic in topics},
        frozenset(topic.key for topic in topics if topic.broad),
        {key: frozenset(keys) for key, keys in parts.items()},
        frozenset(topic.key for topic in topics),
    )


@cache
def _read_lexicon(path: str, keys: frozenset[str]) -> Lexicon:
    """The stemmed lexicon, from the cache while it, the stemming and this code are unchanged
    (stemming and indexing a lexicon takes longer than aligning a typical document)."""

    def build() -> Lexicon:
        import tomllib

        with open(path, "rb") as handle:
            return _lexicon(tomllib.load(handle), keys, os.path.basename(path))

    sources = [path, __file__, *stemming_sources()]
    return cached("lexicon", sources, build, f"{stemmer_in_use()}|{','.join(sorted(keys))}")


def _lexicon(data: dict, keys: frozenset[str], name: str) -> Lexicon:
    language = data["language"]
    unknown = set(data.get("topics", {})) - keys
    if unknown:
        raise ValueError(f"{name}: unknown topic keys {sorted(unknown)}")

    def phrases(entries: Iterable[str]) -> tuple[Phrase, ...]:
        found = (tuple(stems(entry, language)) for entry in entries)
        return tuple(dict.fromkeys(phrase for phrase in found if phrase))

    heading: dict[str, list[tuple[str, Phrase]]] = {}
    body: dict[str, list[tuple[str, Phrase]]] = {}
    for key, entry in data["topics"].items():
        terms = phrases(entry.get("heading", []))
        for phrase in terms:
            for stem in dict.fromkeys(phrase):
                heading.setdefault(stem, []).append((key, phrase))
        # multi-word heading terms ("force majeure") are good body cues as well
        cues = dict.fromkeys([*phrases(entry.get("body", [])), *(p for p in terms if len(p) > 1)])
        for cue in cues:
            body.setdefault(cue[0], []).append((key, cue))
    generic = frozenset(stem for word in data.get("generic", []) for stem in stems(word, language))
    return Lexicon(
        language,
        generic,
        {stem: tuple(entries) for stem, entries in heading.items()},
        {stem: tuple(entries) for stem, entries in body.items()},
    )


@record
class Classification:
    """The topics of one section, best first, with scores in 0..1 and which part of the
    section named them. A heading's score is the share of its words the topic accounts for;
    body evidence, weaker by nature, scores at most 0.5 (the strongest body topic)."""

    topics: tuple[str, ...]
    scores: tuple[float, ...]
    source: str  # "heading", "body", "context" (the parent's topic), "model" or "" (no topic)


NONE = Classification((), (), "")


def _ranked(scores: dict[str, float], order: dict[str, int], source: str) -> Classification:
    if not scores:
        return NONE
    keys = tuple(sorted(scores, key=lambda k: (-scores[k], order[k])))
    return Classification(keys, tuple(round(scores[k], 3) for k in keys), source)


@record
class SectionStems:
    """A section's heading and body as content-word stems, computed once per alignment."""

    title: list[str]
    body: list[str]


def analyse_tree(tree: SectionTree) -> dict[str, SectionStems]:
    return {
        s.id: SectionStems(stems(s.title, s.language), stems(tree.body_of(s), s.language))
        for s in tree.sections
    }


def classify_tree(
    tree: SectionTree,
    taxonomy: Taxonomy | None = None,
    analysis: dict[str, SectionStems] | None = None,
) -> dict[str, Classification]:
    """Topics for every section of a document, by section id."""
    taxonomy = taxonomy or load_taxonomy()
    analysis = analysis or analyse_tree(tree)
    parents = {s.parent for s in tree.sections if s.parent}
    result = {}
    cues: dict[str, Callable[[], dict[str, int]]] = {}
    for section in tree.sections:
        if section.level == 0:  # the Preamble has a row of its own
            result[section.id] = NONE
            continue
        lexicon = taxonomy.lexicon(language_key(section.language))
        words = analysis[section.id]
        cued = cues[section.id] = cache(partial(body_topics, words.body, lexicon))  # read once
        result[section.id] = classify(
            words,
            section.id in parents,
            lexicon,
            taxonomy.order,
            taxonomy.broad,
            taxonomy.parts,
            cued,
        )
        parent = result.get(section.parent) if section.parent else None
        if section.parent and parent is not None and parent.source == "heading":
            result[section.id] = _in_context(
                result[section.id], parent, words, analysis[section.parent], cued, taxonomy
            )
        if not (section.id in parents and not words.body):  # a container: its parts speak
            model = load_model(language_key(section.language))
            if model is not None:
                result[section.id] = _learned(result[section.id], words, model, taxonomy)
    return _without_mentions(tree, result, analysis, cues, taxonomy)


def _learned(
    own: Classification, words: SectionStems, model: TopicModel, taxonomy: Taxonomy
) -> Classification:
    """What the topic model trained on labelled contracts reads in a section: the topics of a
    section the lexicons could not place (no heading they know, no distinctive phrase), and a
    topic it is sure of where many lawyers' labels taught it (`model.overrules`), over the
    lexicons' reading of words they were not written for ("Grant", "Term of Agreement")."""
    found = [(key, p) for key, p in model.topics(words.title, words.body) if key in taxonomy.order]
    if not found or (own.topics and not model.overrules(found[0], own.topics)):
        return own
    return Classification(tuple(k for k, _ in found), tuple(round(p, 3) for _, p in found), "model")


def _without_mentions(
    tree: SectionTree,
    result: dict[str, Classification],
    analysis: dict[str, SectionStems],
    cues: dict[str, Callable[[], dict[str, int]]],
    taxonomy: Taxonomy,
) -> dict[str, Classification]:
    """A clause with a title of its own that no lexicon knows ("Developer Documentation",
    "Other Obligations") is classified by its body; where the document gives a topic a clause
    of its own ("4.6 Data Protection"), a body with little evidence of it only mentions it,
    and does not join that clause's row."""
    named = {key for found in result.values() if found.source == "heading" for key in found.topics}
    for section in tree.sections:
        found = result[section.id]
        if found.source != "body" or not named & set(found.topics):
            continue
        lexicon = taxonomy.lexicon(language_key(section.language))
        if not any(stem not in lexicon.generic for stem in analysis[section.id].title):
            continue  # untitled, or "General": a bundle carries every topic it covers
        cued = cues[section.id]()
        kept = [
            (key, score)
            for key, score in zip(found.topics, found.scores, strict=True)
            if key not in named or cued.get(key, 0) > _MENTION_MAX_SCORE
        ]
        result[section.id] = Classification(
            tuple(key for key, _ in kept), tuple(score for _, score in kept), "body" if kept else ""
        )
    return result


def _in_context(
    own: Classification,
    parent: Classification,
    words: SectionStems,
    parent_words: SectionStems,
    body_cues: Callable[[], dict[str, int]],
    taxonomy: Taxonomy,
) -> Classification:
    """A clause read as part of the clause it sits in.

    "17.5 Fees" under "Dispute Resolution and Arbitration" is about arbitration fees, "8.4
    Options" under "Indemnification" about the indemnifier's options, "6.2 Territorial scope"
    under "6. Subcontractors" about where subcontractors may be. When a heading names nothing
    the lexicon knows, and the body speaks of the parent's subject (its cues, or in a short
    clause its heading's words), the clause takes the parent's topic. When a heading names
    another subject than its parent's that the body does not speak of, and the body is mostly
    about the parent's: a one-word heading is one aspect of the parent's subject and takes its
    topic; a longer one takes it besides its own.
    """
    context = [key for key in parent.topics if key not in taxonomy.broad]
    if not context:
        return own
    related = set(context).union(*(taxonomy.parts.get(key, ()) for key in context))
    related |= {umbrella for umbrella, inner in taxonomy.parts.items() if inner & set(context)}
    if own.source == "heading" and related & set(own.topics):
        return own
    cued = body_cues()
    best = max(cued.values(), default=0)
    if own.source != "heading":
        short = len(words.body) <= _SHORT_CLAUSE_WORDS  # too short to set a subject of its own
        mentioned = short and not set(parent_words.title).isdisjoint(words.body)
        unfocused = len(own.topics) >= _UNFOCUSED_TOPICS  # no subject of its own either
        shared = [
            k for k in context if mentioned or unfocused or cued.get(k, 0) >= _SINGLE_SUBJECT * best
        ]
        return Classification((shared[0],), (0.5,), "context") if shared else own
    shared = [key for key in context if best and cued.get(key, 0) == best]
    if not shared or cued.keys() & set(own.topics):
        return own  # the body speaks of what the heading names ("Equitable Relief")
    if len(words.title) == 1:
        return Classification((shared[0],), (0.5,), "context")
    return Classification((*own.topics, shared[0]), (*own.scores, 0.5), "heading")


def classify(
    words: SectionStems,
    has_children: bool,
    lexicon: Lexicon,
    order: dict[str, int],
    broad: frozenset[str] = frozenset(),
    parts: dict[str, frozenset[str]] | None = None,
    body_cues: Callable[[], dict[str, int]] | None = None,
) -> Classification:
    compound = lexicon.language in COMPOUNDING
    title = words.title
    specific = [stem for stem in title if stem not in lexicon.generic]
    if specific:
        named = heading_topics(title, lexicon, compound, parts or {})
        if len(named) > len(broad & named.keys()):
            named = {key: score for key, score in named.items() if key not in broad}
        if named:
            return _ranked(named, order, "heading")
    body = words.body
    if has_children and len(body) < _CONTAINER_MAX_WORDS:
        return NONE
    cued = body_cues() if body_cues is not None else body_topics(body, lexicon)
    if specific and cued:
        # A heading of its own ("Pelavik Property", "Add-On Modules") names one subject even
        # when no lexicon knows its words: the body's clearly strongest topics, not all of them.
        best = max(cued.values())
        cued = {key: n for key, n in cued.items() if n >= _SINGLE_SUBJECT * best}
    best = max(cued.values(), default=1)
    return _ranked({key: 0.5 * n / best for key, n in cued.items()}, order, "body")


def names_definitions(title: str, language: str) -> bool:
    """Whether a heading announces the definitions (`Definitions`, `1. Definitioner`,
    `Begriffsbestimmungen`): the segmenter reads the term lines under it as entries."""
    lexicon = load_taxonomy().lexicon(language_key(language))
    words = stems(title, language)
    return "definitions" in heading_topics(words, lexicon, lexicon.language in COMPOUNDING)


def heading_topics(
    title: list[str],
    lexicon: Lexicon,
    compound: bool,
    parts: dict[str, frozenset[str]] | None = None,
) -> dict[str, float]:
    """Topic -> share of the heading's content words its heading terms account for."""
    if not title:
        return {}
    candidates: dict[tuple[str, Phrase], None] = {}
    for word in title:
        for stem in _stem_keys(word, compound):
            candidates.update(dict.fromkeys(lexicon.heading_terms.get(stem, ())))
    covered: dict[str, set[int]] = {}
    matched: dict[str, int] = {}  # the letters of the longest phrase each topic matched with
    for key, phrase in candidates:
        positions = _positions(phrase, title, compound)
        if positions is not None:
            covered.setdefault(key, set()).update(positions)
            matched[key] = max(matched.get(key, 0), sum(map(len, phrase)))
    if not covered:
        return {}
    covered = _narrowest(covered, parts or {}, matched)
    scores = {key: len(at) / len(title) for key, at in covered.items()}
    floor = max(_HEADING_MIN_SHARE, 0.4 * max(scores.values()))
    return {key: score for key, score in scores.items() if score >= floor}


def _narrowest(
    covered: dict[str, set[int]], parts: dict[str, frozenset[str]], matched: dict[str, int]
) -> dict[str, set[int]]:
    """The topics a heading names, without those that only name a piece of another's words.

    The longer match wins: "Availability Control" is security, whose term covers the whole
    heading, not support, whose "availability" is a part of it; in a compound, the longer stem
    ("Lizenzeinräumung" is a licence grant, not intellectual property for its "Lizenz"). And
    an umbrella topic yields to a part of it that shares its words or says more: "Return of
    the Customer's Personal Data" is customer data, "Certification/assurance of processes"
    audit; but "Security; Data Privacy" names security and data protection side by side.
    """

    def yields(key: str, at: set[int]) -> bool:
        return any(
            at < other
            or (at == other and matched[key] < matched[other_key])
            or (other_key in parts.get(key, ()) and (at & other or len(other) > len(at)))
            for other_key, other in covered.items()
            if other_key != key
        )

    return {key: at for key, at in covered.items() if not yields(key, at)}


def _stem_keys(word: str, compound: bool) -> list[str]:
    """The lexicon stems a heading word can match: itself, and in compounding languages each
    of its prefixes long enough to be a word (`haftungsbeschränk` -> `haft`, `haftung`, ...)."""
    if not compound or len(word) < _COMPOUND_MIN_STEM:
        return [word]  # `vit` (Vite): a short word is matched whole
    return [word[:end] for end in range(_COMPOUND_MIN_STEM, len(word) + 1)]


def _positions(phrase: Phrase, title: list[str], compound: bool) -> set[int] | None:
    """Where the stems of `phrase` occur in the heading, in the phrase's order ("Term of
    Agreement" is not "Agreement to Terms"), or None if they do not."""
    found = set()
    start = 0
    for stem in phrase:
        hit = next(
            (i for i in range(start, len(title)) if _matches(title[i], stem, compound)), None
        )
        if hit is None:
            return None
        found.add(hit)
        start = hit + 1
    return found


def _matches(word: str, stem: str, compound: bool) -> bool:
    if word == stem:
        return True
    return compound and len(stem) >= _COMPOUND_MIN_STEM and word.startswith(stem)


def body_topics(body: list[str], lexicon: Lexicon) -> dict[str, int]:
    """Topic -> score of its distinct cues in the text (a bundled clause can carry several)."""
    if not body:
        return {}
    at: dict[str, list[int]] = {}
    for index, stem in enumerate(body):
        at.setdefault(stem, []).append(index)
    found: dict[str, set[Phrase]] = {}
    for stem in at:
        for key, cue in lexicon.body_cues.get(stem, ()):
            if _occurs(cue, body, at):
                found.setdefault(key, set()).add(cue)
    if not found:
        return {}
    # a multi-word cue is evidence enough on its own; single words need company
    hits = {key: sum(min(len(cue), 2) for cue in cues) for key, cues in found.items()}
    best = max(hits.values())
    strong = {key: n for key, n in hits.items() if n >= max(_BODY_MIN_SCORE, best / 4)}
    return dict(sorted(strong.items(), key=lambda item: -item[1])[:5])


def _occurs(cue: Phrase, body: list[str], at: dict[str, list[int]]) -> bool:
    length = len(cue)
    return any(tuple(body[start : start + length]) == cue for start in at.get(cue[0], ()))
