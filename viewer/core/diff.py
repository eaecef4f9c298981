"""Word-level differences inside each aligned row, against the reference document.

Words (and punctuation marks) are mapped to single characters, the `diff_linesToChars` idea of
diff-match-patch applied to words, so diff-match-patch diffs words rather than letters and a
reworded clause shows as whole words changed. Options normalise words before they are compared
(case, punctuation, clause numbering, the parties' own names mapped to their roles); the spans
always point into each document's own normalised text. Deleted and inserted sentences that are
the same sentence are reported as moved. Work per cell is capped, like Meld's inline limit: a
changed stretch too long to refine word by word stays whole, and diff-match-patch stops at its
time limit; when that hides detail in alike text, the cell is flagged `coarse`.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from viewer.core.model import Alignment, AlignmentRow, SectionTree
from viewer.core.parties import party_roles
from viewer.core.records import record

IGNORABLE = ("case", "punctuation", "numbering", "parties")
REFINE_LIMIT = 2_000_000  # estimated work up to which a changed stretch is diffed word by word
ALIKE = 0.5  # stretches sharing fewer of their words are different text: nothing to refine
EDIT_COST = 6  # diff-match-patch's cost of an edit, in words, for its efficiency clean-up
TIME_LIMIT = 0.5  # seconds diff-match-patch may spend on one pass
MIN_MOVED_WORDS = 4  # a shorter identical run is more likely coincidence than a move

_TOKEN = re.compile(r"\w+|[^\w\s]")
_LABEL = re.compile(  # a clause or list number opening a line: `12.1.`, `(b)`, `b)`, `§ 4`
    r"^[ \t]*(\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\([a-z]\)|[a-z]\)|§ ?[0-9]+)(?=\s)", re.MULTILINE
)
_SENTENCE_END = frozenset(".!?;:")

Span = tuple[int, int, str]


@record
class DiffOptions:
    case: bool = False
    punctuation: bool = False
    numbering: bool = False
    parties: bool = False

    @classmethod
    def ignoring(cls, kinds: Iterable[str]) -> DiffOptions:
        kinds = set(kinds)
        unknown = kinds - set(IGNORABLE)
        if unknown:
            raise ValueError(f"unknown --ignore kind(s): {', '.join(sorted(unknown))}")
        return cls(*(kind in kinds for kind in IGNORABLE))


@record
class CellDiff:
    """One document's cell against the reference's: similarity 0..1 and spans per document."""

    similarity: float | None
    coarse: bool
    spans: dict[str, tuple[Span, ...]]


@record
class RowDiff:
    key: str
    similarity: float | None
    cells: dict[str, CellDiff]  # document id (other than the reference) -> its diff


@record
class _Token:
    key: str  # what is compared
    start: int
    end: int
    sentence_end: bool


def diff_alignment(
    alignment: Alignment,
    options: DiffOptions | None = None,
    rows: Sequence[AlignmentRow] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, RowDiff]:
    """Differences of every row (or of `rows`) by row key.

    Two versions of one document (rows with a status) are diffed as whole documents, as a
    compare tool would, and the changes are then shown in the rows of the sections that hold
    them: a section split in two, or text moved to a neighbouring section, is then not a
    change. Documents from different vendors are diffed row by row.
    """
    options = options or DiffOptions()
    trees = alignment.trees
    reference = alignment.reference
    roles = {doc: party_roles(tree) for doc, tree in trees.items()} if options.parties else {}
    wanted = list(rows if rows is not None else alignment.rows)
    if len(trees) == 2 and alignment.rows and all(r.status for r in alignment.rows):
        return _diff_versions(alignment, wanted, options, roles)
    tokens: dict[tuple[str, tuple[str, ...]], list[_Token]] = {}

    def cell_tokens(doc: str, ids: tuple[str, ...]) -> list[_Token]:
        if (doc, ids) not in tokens:
            tokens[(doc, ids)] = tokenise(trees[doc], ids, options, roles.get(doc, {}))
        return tokens[(doc, ids)]

    result = {}
    for row in wanted:
        if cancelled is not None and cancelled():
            raise InterruptedError("diff cancelled")
        base = cell_tokens(reference, row.cells.get(reference, ()))
        cells = {
            doc: diff_cells(reference, base, doc, cell_tokens(doc, ids))
            for doc, ids in row.cells.items()
            if doc != reference
        }
        result[row.key] = RowDiff(row.key, _mean(c.similarity for c in cells.values()), cells)
    return result


def _mean(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(sum(known) / len(known), 3) if known else None


def _diff_versions(
    alignment: Alignment,
    rows: list[AlignmentRow],
    options: DiffOptions,
    roles: dict[str, dict[str, str]],
) -> dict[str, RowDiff]:
    """One whole-document diff, its spans handed out to the rows whose sections hold them."""
    reference = alignment.reference
    other = next(doc for doc in alignment.trees if doc != reference)
    tokens = {
        doc: tokenise(tree, [s.id for s in tree.sections], options, roles.get(doc, {}))
        for doc, tree in alignment.trees.items()
    }
    whole = diff_cells(reference, tokens[reference], other, tokens[other])
    starts = {doc: [t.start for t in found] for doc, found in tokens.items()}
    ordered = {doc: sorted(whole.spans.get(doc, ())) for doc in alignment.trees}
    span_starts = {doc: [span[0] for span in spans] for doc, spans in ordered.items()}
    where = {s.id: (s.start, s.end) for tree in alignment.trees.values() for s in tree.sections}
    result = {}
    for row in rows:
        spans: dict[str, tuple[Span, ...]] = {}
        total = changed = 0
        for doc in alignment.trees:
            ranges = [where[sid] for sid in row.cells.get(doc, ())]
            spans[doc] = tuple(_clip(ordered[doc], span_starts[doc], ranges))
            total += sum(_count(starts[doc], low, high) for low, high in ranges)
            changed += sum(
                _count(starts[doc], a, b) for a, b, kind in spans[doc] if kind != "moved"
            )
        similarity = round(1 - changed / total, 3) if total else None
        result[row.key] = RowDiff(
            row.key, similarity, {other: CellDiff(similarity, whole.coarse, spans)}
        )
    return result


def _count(starts: list[int], low: int, high: int) -> int:
    """How many tokens start in [low, high) (`starts` is sorted)."""
    return bisect.bisect_left(starts, high) - bisect.bisect_left(starts, low)


def _clip(spans: Sequence[Span], starts: list[int], ranges: list[tuple[int, int]]) -> list[Span]:
    """The parts of `spans` (sorted, their starts in `starts`) that lie inside `ranges`."""
    out = []
    for low, high in ranges:
        index = max(bisect.bisect_right(starts, low) - 1, 0)  # a span may begin before `low`
        while index < len(spans) and spans[index][0] < high:
            start, end, kind = spans[index]
            a, b = max(start, low), min(end, high)
            if a < b:
                out.append((a, b, kind))
            index += 1
    return out


def tokenise(
    tree: SectionTree, ids: Sequence[str], options: DiffOptions, roles: dict[str, str]
) -> list[_Token]:
    """The cell's words and marks in document order, with the key each is compared by."""
    text = tree.document.text
    by_id = {s.id: s for s in tree.sections}
    out: list[_Token] = []
    for section_id in ids:
        section = by_id[section_id]
        labels = _label_ranges(text, section.start, section.end) if options.numbering else []
        for match in _TOKEN.finditer(text, section.start, section.end):
            word = match.group()
            if options.punctuation and not (word[0].isalnum() or word[0] == "_"):
                continue
            if labels and any(start <= match.start() < end for start, end in labels):
                continue
            key = roles.get(word.lower()) or (word.lower() if options.case else word)
            ends = word in _SENTENCE_END or text.startswith("\n", match.end())  # or a line
            out.append(_Token(key, match.start(), match.end(), ends))
    return out


def _label_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where clause and list numbers (`12.1.`, `(b)`, `§ 4`) open a line within a section."""
    return [match.span(1) for match in _LABEL.finditer(text, start, end)]


def diff_cells(reference: str, left: list[_Token], doc: str, right: list[_Token]) -> CellDiff:
    """Sentences first, then words inside each changed stretch that is worth it.

    Two clauses on one topic from different vendors differ almost everywhere; diffing them
    word by word is quadratic and says nothing. Sentence units are few, so the first pass is
    fast; sentences deleted in one place and inserted in another are moved; what else changed
    is refined word by word when it is alike and small enough, which is where a reworded
    clause shows its exact words.
    """
    if not left and not right:
        return CellDiff(None, False, {reference: (), doc: ()})
    if not left or not right:
        whole = {reference: _whole(left, "delete"), doc: _whole(right, "insert")}
        return CellDiff(0.0, False, whole)
    sentences_left, sentences_right = _sentences(left), _sentences(right)
    ops, coarse = _diff_units(sentences_left, sentences_right)
    changes, equal = _changes(ops, sentences_left, sentences_right)
    moved_left, moved_right = _moved(changes)
    gone_ids = {id(s) for s in moved_left} | {id(s) for s in moved_right}
    deleted: list[list[_Token]] = []
    inserted: list[list[_Token]] = []
    for old_sentences, new_sentences in changes:
        old = [t for unit in old_sentences if id(unit) not in gone_ids for t in unit]
        new = [t for unit in new_sentences if id(unit) not in gone_ids for t in unit]
        overlap = _overlap(old, new) if old and new else 0.0
        alike = overlap >= ALIKE
        # diff-match-patch's work grows with length times the number of edits, which alike
        # text keeps small: estimate it rather than refusing every long stretch
        if alike and (len(old) + len(new)) ** 2 * (1 - overlap) <= REFINE_LIMIT:
            word_ops, timed_out = _diff_units([[t] for t in old], [[t] for t in new])
            gone, added, same = _runs(word_ops, [[t] for t in old], [[t] for t in new])
            deleted += gone
            inserted += added
            equal += same
            coarse |= timed_out
        else:
            coarse |= alike  # alike text, but too long to refine: the detail is not shown
            deleted += [old] if old else []
            inserted += [new] if new else []
    same = equal + sum(len(unit) for unit in moved_left)
    similarity = round(2 * same / (len(left) + len(right)), 3)
    if moved_left:
        moved_left, moved_right = _heaviest_order(
            ops, sentences_left, sentences_right, moved_left, moved_right
        )
    spans = {
        reference: _spans([*deleted, *moved_left], moved_left, "delete"),
        doc: _spans([*inserted, *moved_right], moved_right, "insert"),
    }
    return CellDiff(similarity, coarse, spans)


Stretch = tuple[list[list[_Token]], list[list[_Token]]]


def _changes(
    ops: list, left: list[list[_Token]], right: list[list[_Token]]
) -> tuple[list[Stretch], int]:
    """(old sentences, new sentences) of each changed stretch between equal sentences, and
    the number of tokens in the equal sentences."""
    changes: list[Stretch] = []
    old: list[list[_Token]] = []
    new: list[list[_Token]] = []
    equal = i = j = 0
    for op, count in ops:
        if op == 0:
            if old or new:
                changes.append((old, new))
                old, new = [], []
            equal += sum(len(unit) for unit in left[i : i + count])
            i, j = i + count, j + count
        elif op < 0:
            old += left[i : i + count]
            i += count
        else:
            new += right[j : j + count]
            j += count
    if old or new:
        changes.append((old, new))
    return changes, equal


def _overlap(old: list[_Token], new: list[_Token]) -> float:
    """How alike two stretches are: Dice over word pairs. Single words would call any two
    clauses alike (they all share "the", "of" and "party"); pairs of words are shared only by
    text that says the same thing."""
    a = Counter(zip((t.key for t in old), (t.key for t in old[1:]), strict=False))
    b = Counter(zip((t.key for t in new), (t.key for t in new[1:]), strict=False))
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def _diff_units(left: list[list[_Token]], right: list[list[_Token]]) -> tuple[list, bool]:
    """diff-match-patch over units (words or sentences), one character per unit.

    Returns `(op, number of units)` steps. Units found on one side only can never be part of
    the common subsequence, so each run of them is encoded as a single character: the result
    is the same, and two unrelated clauses (nothing in common) cost nothing to compare.
    """
    keys_left = [tuple(token.key for token in unit) for unit in left]
    keys_right = [tuple(token.key for token in unit) for unit in right]
    shared = set(keys_left) & set(keys_right)
    codes: dict[tuple[str, ...], str] = {}
    fresh = iter(range(len(shared), len(shared) + len(left) + len(right)))

    def encode(keys: list[tuple[str, ...]]) -> tuple[str, list[int]]:
        chars: list[str] = []
        sizes: list[int] = []
        in_run = False
        for key in keys:
            if key in shared:
                chars.append(codes.setdefault(key, _char(len(codes))))
                sizes.append(1)
                in_run = False
            elif in_run:
                sizes[-1] += 1
            else:
                chars.append(_char(next(fresh)))
                sizes.append(1)
                in_run = True
        return "".join(chars), sizes

    text_left, sizes_left = encode(keys_left)
    text_right, sizes_right = encode(keys_right)
    started = time.monotonic()
    ops = _diff_main(text_left, text_right)
    timed_out = time.monotonic() - started >= TIME_LIMIT
    if all(len(unit) == 1 for unit in left) and all(len(unit) == 1 for unit in right):
        # words: fold equalities too short to be worth showing into the edits around them;
        # sentences are left as found, an unchanged sentence is never a detail
        from diff_match_patch import diff_match_patch

        engine = diff_match_patch()
        engine.Diff_EditCost = EDIT_COST
        engine.diff_cleanupEfficiency(ops)
    steps: list[tuple[int, int]] = []
    i = j = 0
    for op, chars in ops:
        if op <= 0:
            count = sum(sizes_left[i : i + len(chars)])
            i += len(chars)
        if op >= 0:
            count = sum(sizes_right[j : j + len(chars)])
            j += len(chars)
        if steps and steps[-1][0] == op:
            steps[-1] = (op, steps[-1][1] + count)
        else:
            steps.append((op, count))
    return steps, timed_out


_OPS = {"=": 0, "-": -1, "+": 1}


def _diff_main(left: str, right: str) -> list[tuple[int, str]]:
    """diff-match-patch's `diff_main` (no line mode), run by its C++ implementation.

    fast-diff-match-patch wraps Google's C++ port of the same algorithm: the same result as
    the Python `diff_main` (checked on random edits), 60x faster on 200,000 units. The edit
    ops come back in the Python library's form, for its clean-up passes.
    """
    import fast_diff_match_patch

    found = fast_diff_match_patch.diff(
        left, right, timelimit=TIME_LIMIT, checklines=False, cleanup="No", counts_only=False
    )
    return [(_OPS[op], text) for op, text in found]


def _char(index: int) -> str:
    """The index-th code point that is a valid single character (surrogates skipped)."""
    code = index + 0x100
    return chr(code + 0x800 if code >= 0xD800 else code)


def _runs(ops: list, left: list[list[_Token]], right: list[list[_Token]]):
    """Deleted and inserted runs of tokens, and the count of equal tokens."""
    deleted: list[list[_Token]] = []
    inserted: list[list[_Token]] = []
    equal = i = j = 0
    for op, count in ops:
        if op == 0:
            equal += sum(len(unit) for unit in left[i : i + count])
            i, j = i + count, j + count
        elif op < 0:
            deleted.append([token for unit in left[i : i + count] for token in unit])
            i += count
        else:
            inserted.append([token for unit in right[j : j + count] for token in unit])
            j += count
    return deleted, inserted, equal


def _sentences(tokens: list[_Token]) -> list[list[_Token]]:
    units: list[list[_Token]] = [[]]
    for token in tokens:
        units[-1].append(token)
        if token.sentence_end:
            units.append([])
    return [unit for unit in units if unit]


def _moved(changes: list[Stretch]) -> tuple[list[list[_Token]], list[list[_Token]]]:
    """Sentences deleted in one place and inserted in another, word for word."""
    deleted: dict[tuple[str, ...], list[list[_Token]]] = {}
    for old, _ in changes:
        for sentence in old:
            if sum(token.key[:1].isalnum() for token in sentence) >= MIN_MOVED_WORDS:
                deleted.setdefault(tuple(token.key for token in sentence), []).append(sentence)
    moved_left, moved_right = [], []
    for _, new in changes:
        for sentence in new:
            candidates = deleted.get(tuple(token.key for token in sentence))
            if candidates:
                moved_left.append(candidates.pop(0))
                moved_right.append(sentence)
    return moved_left, moved_right


def _heaviest_order(
    ops: list,
    left: list[list[_Token]],
    right: list[list[_Token]],
    moved_left: list[list[_Token]],
    moved_right: list[list[_Token]],
) -> tuple[list[list[_Token]], list[list[_Token]]]:
    """Of the sentences found on both sides, which ones to call moved.

    When blocks swap places, either block could be the one that moved; the sentence diff keeps
    the one with more sentences in place. A reader (and a plain word diff) expects the longer
    text to stay put and the shorter to move, so keep the in-order chain of matched sentences
    holding the most words, and call every other matched sentence moved.
    """
    where_left = {id(unit): k for k, unit in enumerate(left)}
    where_right = {id(unit): k for k, unit in enumerate(right)}
    pairs = [
        (where_left[id(a)], where_right[id(b)], 2 * len(a))
        for a, b in zip(moved_left, moved_right, strict=True)
    ]
    i = j = 0
    for op, count in ops:
        if op == 0:
            # ties go to the sentence diff's own choice
            pairs += [(i + k, j + k, 2 * len(left[i + k]) + 1) for k in range(count)]
        i += count if op <= 0 else 0
        j += count if op >= 0 else 0
    kept = _heaviest_chain(pairs)
    moved = [pair for pair in pairs if (pair[0], pair[1]) not in kept]
    return [left[a] for a, _, _ in moved], [right[b] for _, b, _ in moved]


def _heaviest_chain(pairs: list[tuple[int, int, int]]) -> set[tuple[int, int]]:
    """The (old, new) positions of the chain increasing on both sides with the largest total
    weight: a longest increasing subsequence with weights, prefix maxima in a Fenwick tree."""
    pairs = sorted(pairs)
    size = max(b for _, b, _ in pairs) + 1
    tree = [(0, -1)] * (size + 1)  # (best total, index of its last pair) over new positions
    best: list[tuple[int, int]] = []
    for index, (_, b, weight) in enumerate(pairs):
        found, k = (0, -1), b  # best chain ending at a new position below b
        while k > 0:
            found = max(found, tree[k])
            k -= k & -k
        best.append((found[0] + weight, found[1]))
        k = b + 1
        while k <= size:
            tree[k] = max(tree[k], (found[0] + weight, index))
            k += k & -k
    index = max(range(len(pairs)), key=lambda n: best[n][0])
    chain = set()
    while index >= 0:
        chain.add(pairs[index][:2])
        index = best[index][1]
    return chain


def _spans(changed: list[list[_Token]], moved: list[list[_Token]], kind: str) -> tuple[Span, ...]:
    """Changed tokens as spans in text order; neighbours with only whitespace between join."""
    moved_at = {token.start for run in moved for token in run}
    spans: list[Span] = []
    for token in sorted((t for run in changed for t in run), key=lambda t: t.start):
        label = "moved" if token.start in moved_at else kind
        last = spans[-1] if spans else None
        if last and last[2] == label and 0 <= token.start - last[1] <= 2:
            spans[-1] = (last[0], token.end, label)
        else:
            spans.append((token.start, token.end, label))
    return tuple(spans)


def _whole(tokens: list[_Token], kind: str) -> tuple[Span, ...]:
    """A cell against an empty one: all of it, one span per stretch of adjacent text."""
    return _spans([tokens], [], kind) if tokens else ()
