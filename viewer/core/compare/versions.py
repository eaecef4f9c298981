"""Version mode: two versions of one document, each section paired with its own other version.

"The vendor sent new terms: what changed?" needs rows that pair a section with itself, not
with everything else on its topic. Sections are paired like a compare tool pairs lines:
identical headings first (whatever their number, so renumbered sections still pair), then
similar text, and what is left is added or removed. A pair out of order against the others is
moved. Rows keep the topic of their section, and come in the new version's order, with a
removed section where it stood.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from viewer.core.compare.sequences import heaviest_chain
from viewer.core.model import VERSIONS, Alignment, AlignmentRow, Section, SectionTree
from viewer.core.structure.sentences import rough_sentences
from viewer.core.topics.classify import Taxonomy, analyse_tree, classify_tree, load_taxonomy
from viewer.core.topics.similarity import NearIndex, TfIdf, cosine

SIMILAR = 0.5  # TF-IDF cosine above which two unpaired sections are one section edited
SHARED_SENTENCES = 0.5  # share of identical sentences that makes two documents versions
_NOT_WORD = re.compile(r"[\W_]+")


def are_versions(old: SectionTree, new: SectionTree) -> bool:
    """The same title, or most sentences of the shorter one found word for word in the other."""
    if old.title and new.title and _key(old.title) == _key(new.title):
        return True
    left, right = _sentence_set(old), _sentence_set(new)
    smaller = min(len(left), len(right))
    return smaller > 0 and len(left & right) / smaller >= SHARED_SENTENCES


def align_versions(
    old: SectionTree, new: SectionTree, taxonomy: Taxonomy | None = None
) -> Alignment:
    """Rows pairing each section of `old` (the reference) with its version in `new`."""
    taxonomy = taxonomy or load_taxonomy()
    trees = {old.doc: old, new.doc: new}
    a, b = trees
    topics: dict[str, tuple[str, ...]] = {}
    scores: dict[str, tuple[float, ...]] = {}
    bags: dict[str, Counter[str]] = {}
    for tree in (old, new):
        analysis = analyse_tree(tree)
        for sid, found in classify_tree(tree, taxonomy, analysis).items():
            topics[sid], scores[sid] = found.topics, found.scores
        bags.update({sid: Counter(w.title + w.body) for sid, w in analysis.items()})
    space = TfIdf(bags.values())
    pairs = pair_sections(old, new, {sid: space.vector(bag) for sid, bag in bags.items()})
    moved = _moved(pairs, old, new)
    rows = []
    for old_section, new_section in _in_new_order(pairs, old, new):
        status = _status(old, old_section, new, new_section, moved)
        shown = new_section or old_section
        assert shown is not None  # every pair holds a section on one side at least
        cells: dict[str, tuple[str, ...]] = {
            a: (old_section.id,) if old_section else (),
            b: (new_section.id,) if new_section else (),
        }
        similarity = None
        if old_section and new_section:
            similarity = round(
                cosine(space.vector(bags[old_section.id]), space.vector(bags[new_section.id])), 3
            )
        shown_topics = topics.get(shown.id, ())
        rows.append(
            AlignmentRow(
                f"section:{shown.id}",
                shown_topics[0] if shown_topics else None,
                shown.heading,
                cells,
                similarity,
                status,
            )
        )
    return Alignment(VERSIONS, a, trees, topics, scores, tuple(rows))


def pair_sections(
    old: SectionTree, new: SectionTree, vectors: dict[str, dict[str, float]]
) -> dict[str, str]:
    """Old section id -> new section id, for the sections that are versions of each other."""
    pairs: dict[str, str] = {}
    by_title_old = _by_title(old)
    by_title_new = _by_title(new)
    for title, olds in by_title_old.items():
        news = by_title_new.get(title, [])
        if len(olds) == len(news):  # the same heading, as often: pair them in order
            pairs.update({o.id: n.id for o, n in zip(olds, news, strict=True)})
    taken = set(pairs.values())
    left = [s for s in old.sections if s.id not in pairs]
    right = [s for s in new.sections if s.id not in taken]
    near = NearIndex()
    for j, section in enumerate(right):
        near.add(j, vectors[section.id])
    candidates = [
        (cosine(vectors[section.id], vectors[right[j].id]), i, j)
        for i, section in enumerate(left)
        for j in near.candidates(vectors[section.id])
    ]
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    for score, i, j in candidates:
        if score < SIMILAR:
            break
        if i not in used_left and j not in used_right:
            pairs[left[i].id] = right[j].id
            used_left.add(i)
            used_right.add(j)
    pairs.update(_renamed(pairs, old, new))
    return pairs


def _renamed(pairs: dict[str, str], old: SectionTree, new: SectionTree) -> dict[str, str]:
    """Pairs of sections left over where they stood: between the same paired neighbours, at
    the same level, with titles that share at least half of the shorter one's words ("Trials"
    -> "Free Trials and Promotions"), as a line diff shows a changed line between equal ones.
    Their texts may differ too much for `SIMILAR`: a renamed heading with a rewritten text.
    The new sections are found through their title words (sorted positions per word and
    level), so a long stretch without pairs costs the candidates, not the stretch."""
    where = {s.id: i for i, s in enumerate(new.sections)}
    taken = set(pairs.values())
    words_of = [_title_words(s) for s in new.sections]
    postings: dict[tuple[int, str], list[int]] = {}
    for j, section in enumerate(new.sections):
        if section.id not in taken:
            for word in words_of[j]:
                postings.setdefault((section.level, word), []).append(j)
    after = [len(new.sections)] * len(old.sections)  # new position of the next paired section
    following = len(new.sections)
    for i in range(len(old.sections) - 1, -1, -1):
        after[i] = following
        if old.sections[i].id in pairs:
            following = where[pairs[old.sections[i].id]]
    found: dict[str, str] = {}
    before = -1
    for i, section in enumerate(old.sections):
        if section.id in pairs:
            before = where[pairs[section.id]]
            continue
        words = _title_words(section)
        shared: Counter[int] = Counter()
        for word in words:
            positions = postings.get((section.level, word), [])
            low, high = bisect_right(positions, before), bisect_left(positions, after[i])
            shared.update(j for j in positions[low:high] if new.sections[j].id not in taken)
        match = next(
            (j for j in sorted(shared) if 2 * shared[j] >= min(len(words), len(words_of[j]))),
            None,
        )
        if match is not None:
            found[section.id] = new.sections[match].id
            taken.add(new.sections[match].id)
    return found


def _title_words(section: Section) -> set[str]:
    return {word for word in _key(section.title).split() if len(word) > 3}


def _by_title(tree: SectionTree) -> dict[str, list[Section]]:
    groups: dict[str, list[Section]] = {}
    for section in tree.sections:
        key = "\x00preamble" if section.level == 0 else _key(section.title)
        if key:
            groups.setdefault(key, []).append(section)
    return groups


def _key(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _moved(pairs: dict[str, str], old: SectionTree, new: SectionTree) -> set[str]:
    """Old ids of the pairs outside the longest run that keeps its order in both versions."""
    old_index = {s.id: i for i, s in enumerate(old.sections)}
    new_index = {s.id: i for i, s in enumerate(new.sections)}
    ordered = sorted(pairs.items(), key=lambda pair: old_index[pair[0]])
    chain = heaviest_chain([(i, new_index[new_id], 1) for i, (_, new_id) in enumerate(ordered)])
    keep = {i for i, _ in chain}
    return {old_id for index, (old_id, _) in enumerate(ordered) if index not in keep}


def _in_new_order(
    pairs: dict[str, str], old: SectionTree, new: SectionTree
) -> list[tuple[Section | None, Section | None]]:
    """Rows in the new version's order; a removed section follows its old predecessor."""
    old_by_id = {s.id: s for s in old.sections}
    new_index = {s.id: i for i, s in enumerate(new.sections)}
    back = {new_id: old_id for old_id, new_id in pairs.items()}
    placed: list[tuple[tuple, Section | None, Section | None]] = []
    for section in new.sections:
        partner = back.get(section.id)
        placed.append(((new_index[section.id], 0, 0), old_by_id.get(partner or ""), section))
    anchor = -1
    for position, section in enumerate(old.sections):
        if section.id in pairs:
            anchor = new_index[pairs[section.id]]
        else:
            placed.append(((anchor, 1, position), section, None))
    placed.sort(key=lambda item: item[0])
    return [(old_section, new_section) for _, old_section, new_section in placed]


def _status(
    old: SectionTree,
    old_section: Section | None,
    new: SectionTree,
    new_section: Section | None,
    moved: set[str],
) -> str:
    if old_section is None:
        return "added"
    if new_section is None:
        return "removed"
    if old_section.id in moved:
        return "moved"
    same = " ".join(old.text_of(old_section).split()) == " ".join(new.text_of(new_section).split())
    return "same" if same else "changed"


def _sentence_set(tree: SectionTree) -> set[str]:
    """A document's fingerprint: its sentences of five words or more."""
    words = (sentence.split() for sentence in rough_sentences(tree.document.text))
    return {" ".join(found) for found in words if len(found) >= 5}
