"""N-way alignment of sections into rows: one row per topic, in the taxonomy's order.

Each row holds, per document, the sections on its topic; an empty cell means "not covered in
this document". Sections at any depth meet in one row, and of a section and its descendant on
the same topic only the more specific one is kept. Sections that no topic claims are matched
across documents by TF-IDF similarity, or for translations by their parallel numbering, and
otherwise get a row of their own. Reviewer overrides move a section to another row last.
Everything is ordered explicitly, so the same files give the same rows, byte for byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from viewer.core.model import TOPICS, Alignment, AlignmentRow, Override, Section, SectionTree
from viewer.core.records import replace
from viewer.core.topics.classify import Taxonomy, analyse_tree, classify_tree, load_taxonomy
from viewer.core.topics.similarity import NearIndex, TfIdf, Vector, cosine

PREAMBLE_KEY = "preamble"
UNCLAIMED_MATCH = 0.3  # cosine above which two unclaimed sections are the same clause


def align(
    trees: Sequence[SectionTree],
    reference: str | None = None,
    overrides: Sequence[Override] = (),
    taxonomy: Taxonomy | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Alignment:
    """Rows for `trees` (ids `A`, `B`, ... as given by the segmenter); `reference` defaults to
    the first document."""
    taxonomy = taxonomy or load_taxonomy()
    by_id = {tree.doc: tree for tree in trees}
    reference = reference or next(iter(by_id))
    if reference not in by_id:
        raise ValueError(f"unknown reference document {reference!r}")
    topics: dict[str, tuple[str, ...]] = {}
    scores: dict[str, tuple[float, ...]] = {}
    bags: dict[str, Counter[str]] = {}
    for tree in trees:
        _check(cancelled)
        analysis = analyse_tree(tree)
        for sid, found in classify_tree(tree, taxonomy, analysis).items():
            topics[sid], scores[sid] = found.topics, found.scores
        bags.update({sid: Counter(words.title + words.body) for sid, words in analysis.items()})
    space = TfIdf(bags.values())
    rows = [_preamble_row(by_id), *_topic_rows(by_id, topics, taxonomy)]
    _check(cancelled)
    unclaimed = [sid for sid, found in topics.items() if not found]
    vectors = {sid: space.vector(bags[sid]) for sid in unclaimed}
    rows += _unclaimed_rows(by_id, topics, vectors, reference)
    rows = _apply_overrides(rows, overrides, by_id, taxonomy)
    scored = tuple(_with_similarity(row, reference, bags, space) for row in rows if _filled(row))
    return Alignment(TOPICS, reference, by_id, topics, scores, scored)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise InterruptedError("alignment cancelled")


def _filled(row: AlignmentRow) -> bool:
    return any(row.cells.values())


def _preamble_row(by_id: dict[str, SectionTree]) -> AlignmentRow:
    cells = {doc: tuple(s.id for s in tree.sections if s.level == 0) for doc, tree in by_id.items()}
    return AlignmentRow(PREAMBLE_KEY, None, "Preamble", cells, None)


def _topic_rows(
    by_id: dict[str, SectionTree], topics: dict[str, tuple[str, ...]], taxonomy: Taxonomy
) -> list[AlignmentRow]:
    cells_of = {doc: _most_specific(tree, topics) for doc, tree in by_id.items()}
    return [
        AlignmentRow(
            topic.key,
            topic.key,
            topic.label,
            {doc: tuple(cells_of[doc].get(topic.key, ())) for doc in by_id},
            None,
        )
        for topic in taxonomy.topics
    ]


def _most_specific(tree: SectionTree, topics: dict[str, tuple[str, ...]]) -> dict[str, list]:
    """Topic -> the document's sections on it, without those whose descendant is on it too."""
    parent_of = {s.id: s.parent for s in tree.sections}
    on_topic: dict[str, list[str]] = {}
    for section in tree.sections:
        for key in topics.get(section.id, ()):
            on_topic.setdefault(key, []).append(section.id)
    result = {}
    for key, ids in on_topic.items():
        covered = set(ids)
        redundant = set()
        for section_id in ids:
            ancestor = parent_of.get(section_id)
            while ancestor:
                if ancestor in covered:
                    redundant.add(ancestor)
                ancestor = parent_of.get(ancestor)
        result[key] = [sid for sid in ids if sid not in redundant]
    return result


def _unclaimed_rows(
    by_id: dict[str, SectionTree],
    topics: dict[str, tuple[str, ...]],
    vectors: dict[str, Vector],
    reference: str,
) -> list[AlignmentRow]:
    """Rows for sections no topic claims: the reference document's first, then the others',
    each joining the most similar row that lacks its document, or starting a row of its own."""
    order = [reference, *(doc for doc in by_id if doc != reference)]
    groups = _Groups(vectors)
    for doc in order:
        for section in by_id[doc].sections:
            if section.level > 0 and not topics.get(section.id):
                groups.place(doc, section)
    rows = []
    for group in groups.members:
        first = next(iter(group.values()))
        cells: dict[str, tuple[str, ...]] = {
            doc: (group[doc].id,) if doc in group else () for doc in by_id
        }
        rows.append(AlignmentRow(f"section:{first.id}", None, first.heading, cells, None))
    return rows


class _Groups:
    """Groups of corresponding unclaimed sections, one section per document at most.

    A section is compared only with the groups that share its number or most of its most
    weighted stems (`NearIndex`), and with each group's first section, so grouping stays
    near-linear in the number of sections.
    """

    def __init__(self, vectors: dict[str, Vector]) -> None:
        self.vectors = vectors
        self.members: list[dict[str, Section]] = []
        self._near = NearIndex()
        self._by_number: dict[str, list[int]] = {}

    def place(self, doc: str, section: Section) -> None:
        best = self._best(doc, section)
        if best is not None:
            self.members[best][doc] = section
            return
        self.members.append({doc: section})
        index = len(self.members) - 1
        self._near.add(index, self.vectors[section.id])
        if section.number:
            self._by_number.setdefault(section.number, []).append(index)

    def _best(self, doc: str, section: Section) -> int | None:
        numbered = self._by_number.get(section.number, []) if section.number else []
        for index in numbered:
            first = next(iter(self.members[index].values()))
            parallel = first.language != section.language or first.title == section.title
            if doc not in self.members[index] and parallel:
                return index  # parallel numbering: a translation, or the same clause
        best, best_score = None, UNCLAIMED_MATCH
        vector = self.vectors[section.id]
        for index in self._near.candidates(vector):
            group = self.members[index]
            if doc in group:
                continue
            first = next(iter(group.values()))  # the row's first section stands for it
            score = cosine(vector, self.vectors[first.id])
            if score > best_score:
                best, best_score = index, score
        return best


def _apply_overrides(
    rows: list[AlignmentRow],
    overrides: Sequence[Override],
    by_id: dict[str, SectionTree],
    taxonomy: Taxonomy,
) -> list[AlignmentRow]:
    sections = {s.id: s for tree in by_id.values() for s in tree.sections}
    for override in overrides:
        if override.section not in sections:
            continue  # the document changed and the section is gone: nothing to move
        doc = sections[override.section].doc
        rows = [_without(row, doc, override.section) for row in rows]
        target = next((i for i, row in enumerate(rows) if row.key == override.row), None)
        if target is None:
            if override.row not in {t.key for t in taxonomy.topics}:
                continue
            topic = taxonomy.topic(override.row)
            rows.append(
                AlignmentRow(topic.key, topic.key, topic.label, {d: () for d in by_id}, None)
            )
            target = len(rows) - 1
        row = rows[target]
        cells = dict(row.cells)
        cells[doc] = tuple(_in_document_order(by_id[doc], (*cells[doc], override.section)))
        rows[target] = replace(row, cells=cells)
    return rows


def _without(row: AlignmentRow, doc: str, section_id: str) -> AlignmentRow:
    if section_id not in row.cells.get(doc, ()):
        return row
    cells = dict(row.cells)
    cells[doc] = tuple(sid for sid in cells[doc] if sid != section_id)
    return replace(row, cells=cells)


def _in_document_order(tree: SectionTree, ids: Sequence[str]) -> list[str]:
    wanted = set(ids)
    return [s.id for s in tree.sections if s.id in wanted]


def _with_similarity(
    row: AlignmentRow, reference: str, bags: dict[str, Counter[str]], space: TfIdf
) -> AlignmentRow:
    """Mean TF-IDF cosine between the reference's cell and every other non-empty cell."""
    base = row.cells.get(reference, ())
    others = [ids for doc, ids in row.cells.items() if doc != reference and ids]
    if not base or not others:
        return row
    left = space.vector(_merged(bags, base))
    scores = [cosine(left, space.vector(_merged(bags, ids))) for ids in others]
    return replace(row, similarity=round(sum(scores) / len(scores), 3))


def _merged(bags: dict[str, Counter[str]], ids: Sequence[str]) -> Counter[str]:
    if len(ids) == 1:
        return bags[ids[0]]  # read only: no copy needed
    total: Counter[str] = Counter()
    for sid in ids:
        total.update(bags[sid])
    return total
