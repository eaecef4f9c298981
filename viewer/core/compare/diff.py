"""Word-level differences inside each aligned row, against the reference document.

Words (and punctuation marks) are mapped to single characters, the `diff_linesToChars` idea of
diff-match-patch applied to words, so diff-match-patch diffs words rather than letters and a
reworded clause shows as whole words changed. Options normalise words before they are compared
(case, punctuation, clause numbering, the parties' own names mapped to their roles); the spans
always point into each document's own normalised text. Deleted and inserted sentences that are
the same sentence are reported as moved. Work per cell is capped, like Meld's inline limit: a
changed stretch too long to refine word by word stays whole, diff-match-patch stops at its time
limit, and shared units beyond the million or so characters there are to map them to count as
changed; when that hides detail, the cell is flagged `coarse`.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import time
from array import array
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from itertools import accumulate, compress, pairwise, repeat

from viewer.core.compare.parties import party_roles
from viewer.core.compare.sequences import heaviest_chain
from viewer.core.errors import RequestError
from viewer.core.model import VERSIONS, Alignment, AlignmentRow, SectionTree
from viewer.core.records import record
from viewer.core.structure.sentences import CLAUSE_END, SENTENCE_END

IGNORABLE = ("case", "punctuation", "numbering", "parties")
REFINE_LIMIT = 2_000_000  # estimated work up to which a changed stretch is diffed word by word
ALIKE = 0.5  # stretches sharing fewer of their words are different text: nothing to refine
EDIT_COST = 6  # diff-match-patch's cost of an edit, in words, for its efficiency clean-up
TIME_LIMIT = 0.5  # seconds diff-match-patch may spend on one pass
MIN_MOVED_WORDS = 4  # a shorter identical run is more likely coincidence than a move
JOIN_GAP = 2  # changed tokens at most this far apart may make one span (see `_joins`)
CODES = 0x110000 - 0x100 - 0x800  # the characters `_char` can give: U+0100 on, no surrogates

_TOKENS = re.compile(r"(\w+|[^\w\s])")  # split by it: gap, word or mark, gap, ...
_WORDS = re.compile(r"(\w+)")  # the same without the marks, when punctuation is ignored
_LABEL = re.compile(  # a clause or list number opening a line: `12.1.`, `(b)`, `b)`, `§ 4`
    r"^[ \t]*(\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\([a-z]\)|[a-z]\)|§ ?[0-9]+)(?=\s)", re.MULTILINE
)
_SENTENCE_END = frozenset(SENTENCE_END + CLAUSE_END)

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
            raise RequestError(f"unknown --ignore kind(s): {', '.join(sorted(unknown))}")
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
class _Tokens:
    """A cell's words and marks as parallel columns, one entry per token, in document order.

    A 5 MB document has a million tokens: an object per token costs its allocation, every
    garbage-collector pass over it, and most of the memory. Sentences, stretches and runs are
    index ranges and index lists into these columns. The offsets are machine integers
    (`array`), 8 bytes each instead of a 28-byte int object and its 8-byte pointer. The
    document's text is kept for what lies between tokens, which decides how spans join.
    """

    text: str  # the document's normalised text, which the offsets point into
    keys: list[str]  # what is compared, one string object per distinct key
    starts: array[int]
    ends: array[int]
    breaks: list[int]  # the index after each token that ends a sentence (or a line)


def diff_alignment(
    alignment: Alignment,
    options: DiffOptions | None = None,
    rows: Sequence[AlignmentRow] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, RowDiff]:
    """Differences of every row (or of `rows`) by row key, for a caller that diffs once."""
    return Differ(alignment, options).diff(rows, cancelled)


class Differ:
    """The word differences of one alignment under one set of options, a batch of rows at a
    time.

    The window diffs its rows a few at a time, to report progress and show the rows done so
    far. What does not depend on the batch, each document's party roles and each cell's
    tokens, is found here once and kept for the next batch rather than found again for each.
    """

    def __init__(self, alignment: Alignment, options: DiffOptions | None = None) -> None:
        self.alignment = alignment
        self.options = options or DiffOptions()
        trees = alignment.trees
        self._roles = (
            {doc: party_roles(tree) for doc, tree in trees.items()} if self.options.parties else {}
        )
        self._tokens: dict[tuple[str, tuple[str, ...]], _Tokens] = {}

    def diff(
        self,
        rows: Sequence[AlignmentRow] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, RowDiff]:
        """Differences of every row (or of `rows`) by row key.

        Two versions of one document (rows with a status) are diffed as whole documents, as a
        compare tool would, and the changes are then shown in the rows of the sections that
        hold them: a section split in two, or text moved to a neighbouring section, is then
        not a change. Documents from different vendors are diffed row by row.
        """
        alignment = self.alignment
        reference = alignment.reference
        wanted = list(rows if rows is not None else alignment.rows)
        if alignment.mode == VERSIONS:
            return _diff_versions(alignment, wanted, self.options, self._roles)
        result = {}
        for row in wanted:
            if cancelled is not None and cancelled():
                raise InterruptedError("diff cancelled")
            base = self._cell(reference, row.cells.get(reference, ()))
            cells = {
                doc: diff_cells(reference, base, doc, self._cell(doc, ids))
                for doc, ids in row.cells.items()
                if doc != reference
            }
            similarity = _mean(c.similarity for c in cells.values())
            result[row.key] = RowDiff(row.key, similarity, cells)
        return result

    def _cell(self, doc: str, ids: tuple[str, ...]) -> _Tokens:
        """The tokens of document `doc`'s sections `ids`, found on first use."""
        found = self._tokens.get((doc, ids))
        if found is None:
            tree = self.alignment.trees[doc]
            found = tokenise(tree, ids, self.options, self._roles.get(doc, {}))
            self._tokens[(doc, ids)] = found
        return found


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
    starts = {doc: found.starts for doc, found in tokens.items()}
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


def _count(starts: Sequence[int], low: int, high: int) -> int:
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
) -> _Tokens:
    """The cell's words and marks in document order, with the key each is compared by.

    With punctuation ignored, marks are not tokens at all (they are part of the gaps): the
    same words, without making and then dropping a token per mark.
    """
    text = tree.document.text
    by_id = {s.id: s for s in tree.sections}
    pattern = _WORDS if options.punctuation else _TOKENS
    vocabulary: dict[str, str] = {}
    out = _Tokens(text, [], array("q"), array("q"), [])
    for section_id in ids:
        section = by_id[section_id]
        words, starts, ends, breaks = _section_tokens(text, section.start, section.end, pattern)
        if options.numbering:
            keep = _outside(starts, _label_ranges(text, section.start, section.end))
            words = list(compress(words, keep))
            starts = array("q", compress(starts, keep))
            ends = array("q", compress(ends, keep))
            breaks = list(compress(breaks, keep))
        base = len(out.keys)
        keys = _keys(words, options.case, roles)
        out.keys.extend(map(vocabulary.setdefault, keys, keys))  # one string per distinct key
        out.starts.extend(starts)
        out.ends.extend(ends)
        out.breaks.extend(compress(itertools.count(base + 1), breaks))
    return out


def _section_tokens(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> tuple[list[str], array[int], array[int], list[bool]]:
    """Words, starts, ends and whether each ends a sentence, in text[start:end].

    `pattern.split` returns gap, word, gap, ..., word, gap, and the gaps' and words' running
    lengths are the offsets: all of it done by C loops, none per token in Python.
    """
    parts = pattern.split(text[start:end])
    words, gaps = parts[1::2], parts[2::2]
    if gaps and not gaps[-1]:  # the last word ends the section: what follows is the text's
        gaps[-1] = text[end : end + 1]
    offsets = array("q", accumulate(map(len, parts), initial=start))
    marks = map(_SENTENCE_END.__contains__, words)
    lines = map(str.startswith, gaps, repeat("\n"))  # a line break ends a sentence too
    return words, offsets[1:-1:2], offsets[2::2], list(map(operator.or_, marks, lines))


def _outside(starts: Sequence[int], labels: list[tuple[int, int]]) -> list[bool]:
    """Which of the tokens (by their sorted `starts`) begin outside every label range."""
    keep = [True] * len(starts)
    for low, high in labels:
        for index in range(bisect.bisect_left(starts, low), bisect.bisect_left(starts, high)):
            keep[index] = False
    return keep


def _keys(words: list[str], case: bool, roles: dict[str, str]) -> list[str]:
    """What each word is compared by: its party role, or the word (lower-cased if asked)."""
    if roles:
        return [roles.get(word.lower()) or (word.lower() if case else word) for word in words]
    return list(map(str.lower, words)) if case else words


def _label_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where clause and list numbers (`12.1.`, `(b)`, `§ 4`) open a line within a section."""
    return [match.span(1) for match in _LABEL.finditer(text, start, end)]


def diff_cells(reference: str, left: _Tokens, doc: str, right: _Tokens) -> CellDiff:
    """Sentences first, then words inside each changed stretch that is worth it.

    Two clauses on one topic from different vendors differ almost everywhere; diffing them
    word by word is quadratic and says nothing. Sentence units are few, so the first pass is
    fast; sentences deleted in one place and inserted in another are moved; what else changed
    is refined word by word when it is alike and small enough, which is where a reworded
    clause shows its exact words.
    """
    if not left.keys and not right.keys:
        return CellDiff(None, False, {reference: (), doc: ()})
    if not left.keys or not right.keys:
        whole = {reference: _whole(left, "delete"), doc: _whole(right, "insert")}
        return CellDiff(0.0, False, whole)
    bounds_left, bounds_right = _sentences(left), _sentences(right)
    units_left, units_right = _unit_keys(left, bounds_left), _unit_keys(right, bounds_right)
    # when every sentence is a single word, the sentence diff is a word diff and is cleaned up
    # like one
    words = len(units_left) == len(left.keys) and len(units_right) == len(right.keys)
    ops, coarse = _diff_units(units_left, units_right, words)
    changes, equal = _changes(ops, bounds_left)
    moved_left, moved_right = _moved(changes, left, bounds_left, units_left, units_right)
    gone_left, gone_right = set(moved_left), set(moved_right)
    deleted: list[int] = []  # token indices, run after run
    inserted: list[int] = []
    for i, i_end, j, j_end in changes:
        old = _token_indices(bounds_left, range(i, i_end), gone_left)
        new = _token_indices(bounds_right, range(j, j_end), gone_right)
        gone, added, same, detail_hidden = _refine(left.keys, old, right.keys, new)
        deleted += gone
        inserted += added
        equal += same
        coarse |= detail_hidden
    same = equal + sum(bounds_left[k + 1] - bounds_left[k] for k in moved_left)
    similarity = round(2 * same / (len(left.keys) + len(right.keys)), 3)
    if moved_left:
        moved_left, moved_right = _heaviest_order(
            ops, bounds_left, bounds_right, moved_left, moved_right
        )
    moved_old = _token_indices(bounds_left, moved_left)
    moved_new = _token_indices(bounds_right, moved_right)
    spans = {
        reference: _spans(left, [*deleted, *moved_old], moved_old, "delete"),
        doc: _spans(right, [*inserted, *moved_new], moved_new, "insert"),
    }
    return CellDiff(similarity, coarse, spans)


def _refine(
    keys_old: list[str], old: list[int], keys_new: list[str], new: list[int]
) -> tuple[list[int], list[int], int, bool]:
    """A changed stretch (its old and new token indices) word by word, if it is worth it.

    Returns the deleted and inserted token indices, the number of equal tokens, and whether
    detail in alike text was left out (too long to refine, or `_diff_units` lost some).
    """
    words_old = [keys_old[k] for k in old]
    words_new = [keys_new[k] for k in new]
    overlap = _overlap(words_old, words_new) if old and new else 0.0
    alike = overlap >= ALIKE
    # diff-match-patch's work grows with length times the number of edits, which alike
    # text keeps small: estimate it rather than refusing every long stretch
    if alike and (len(old) + len(new)) ** 2 * (1 - overlap) <= REFINE_LIMIT:
        ops, coarse = _diff_units(words_old, words_new, True)
        return (*_runs(ops, old, new), coarse)
    return old, new, 0, alike  # alike text, but too long to refine: the detail is not shown


def _unit_keys(tokens: _Tokens, bounds: list[int]) -> list[str]:
    """What each sentence is compared by: its keys joined by spaces.

    No key holds whitespace, so the joined keys are equal exactly when the keys are; a string,
    unlike a tuple per sentence, is never scanned by the garbage collector.
    """
    keys = tokens.keys
    return [" ".join(keys[a:b]) for a, b in pairwise(bounds)]


def _token_indices(
    bounds: list[int], sentences: Iterable[int], skip: Container[int] = ()
) -> list[int]:
    """The indices of the tokens of `sentences` (but not of those in `skip`), in that order."""
    out: list[int] = []
    for k in sentences:
        if k not in skip:
            out += range(bounds[k], bounds[k + 1])
    return out


Stretch = tuple[int, int, int, int]  # old sentences [i, i_end), new sentences [j, j_end)


def _changes(ops: list, bounds_left: list[int]) -> tuple[list[Stretch], int]:
    """The changed stretches between equal sentences, as sentence index ranges, and the
    number of tokens in the equal sentences."""
    changes: list[Stretch] = []
    equal = i = j = 0
    since_i = since_j = 0  # where the stretch being collected began
    for op, count in ops:
        if op == 0:
            if i > since_i or j > since_j:
                changes.append((since_i, i, since_j, j))
            equal += bounds_left[i + count] - bounds_left[i]
            i, j = i + count, j + count
            since_i, since_j = i, j
        elif op < 0:
            i += count
        else:
            j += count
    if i > since_i or j > since_j:
        changes.append((since_i, i, since_j, j))
    return changes, equal


def _overlap(old: list[str], new: list[str]) -> float:
    """How alike two stretches are: Dice over word pairs. Single words would call any two
    clauses alike (they all share "the", "of" and "party"); pairs of words are shared only by
    text that says the same thing."""
    a = Counter(pairwise(old))
    b = Counter(pairwise(new))
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def _diff_units(left: list[str], right: list[str], words: bool) -> tuple[list, bool]:
    """diff-match-patch over units (words' or sentences' keys), one character per unit.

    Returns `(op, number of units)` steps, and whether detail was lost (diff-match-patch ran
    out of time, or there were more shared units than characters: see `_shared`). Units found
    on one side only can never be part of the common subsequence, so each run of them is
    encoded as a single character, the same one for every run of a side (diff-match-patch only
    ever compares a character of one side with one of the other): the result is the same, and
    two unrelated clauses (nothing in common) cost nothing to compare.
    """
    shared, capped = _shared(left, right)
    codes = {key: _char(index) for index, key in enumerate(shared)}

    def encode(keys: list[str], run: str) -> tuple[str, list[int]]:
        chars: list[str] = []
        sizes: list[int] = []
        in_run = False
        for key in keys:
            code = codes.get(key)
            if code is not None:
                chars.append(code)
                sizes.append(1)
                in_run = False
            elif in_run:
                sizes[-1] += 1
            else:
                chars.append(run)
                sizes.append(1)
                in_run = True
        return "".join(chars), sizes

    text_left, sizes_left = encode(left, _char(len(codes)))
    text_right, sizes_right = encode(right, _char(len(codes) + 1))
    started = time.monotonic()
    ops = _diff_main(text_left, text_right)
    coarse = capped or time.monotonic() - started >= TIME_LIMIT
    if words:
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
    return steps, coarse


def _shared(left: list[str], right: list[str]) -> tuple[list[str], bool]:
    """The keys found on both sides (in `left`'s order) that get a character of their own, and
    whether some had to go without.

    Each shared key needs a character, and the one-sided runs two more, but there are only
    `CODES` characters: two texts with over a million distinct sentences in common have more
    shared keys. Those beyond the first `CODES - 2` are then treated as one-sided, so they show
    as changed although they are not. That is still a correct diff (whatever it calls equal
    is), only a coarser one, and the cell says so with its `coarse` flag. Diffing in pieces
    would keep the detail, at the cost of more code for inputs no one reads word by word.
    """
    found = set(right)
    shared = [key for key in dict.fromkeys(left) if key in found]
    if len(shared) + 2 <= CODES:
        return shared, False
    return shared[: CODES - 2], True


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
    """The index-th code point that is a valid single character (surrogates skipped); there
    are `CODES` of them."""
    code = index + 0x100
    return chr(code + 0x800 if code >= 0xD800 else code)


def _runs(ops: list, old: list[int], new: list[int]) -> tuple[list[int], list[int], int]:
    """The deleted and inserted token indices of a word diff of `old` and `new`, and the
    count of equal tokens."""
    deleted: list[int] = []
    inserted: list[int] = []
    equal = i = j = 0
    for op, count in ops:
        if op == 0:
            equal += count
            i, j = i + count, j + count
        elif op < 0:
            deleted += old[i : i + count]
            i += count
        else:
            inserted += new[j : j + count]
            j += count
    return deleted, inserted, equal


def _sentences(tokens: _Tokens) -> list[int]:
    """Sentence boundaries: sentence k is tokens [bounds[k], bounds[k + 1])."""
    bounds = [0, *tokens.breaks]
    if bounds[-1] != len(tokens.keys):  # the last sentence runs to the end of the cell
        bounds.append(len(tokens.keys))
    return bounds


def _moved(
    changes: list[Stretch],
    left: _Tokens,
    bounds_left: list[int],
    units_left: list[str],
    units_right: list[str],
) -> tuple[list[int], list[int]]:
    """Sentences (by index) deleted in one place and inserted in another, word for word."""
    deleted: dict[str, list[int]] = {}
    for i, i_end, _, _ in changes:
        for k in range(i, i_end):
            keys = left.keys[bounds_left[k] : bounds_left[k + 1]]
            if sum(key[:1].isalnum() for key in keys) >= MIN_MOVED_WORDS:
                deleted.setdefault(units_left[k], []).append(k)
    moved_left, moved_right = [], []
    for _, _, j, j_end in changes:
        for k in range(j, j_end):
            candidates = deleted.get(units_right[k])
            if candidates:
                moved_left.append(candidates.pop(0))
                moved_right.append(k)
    return moved_left, moved_right


def _heaviest_order(
    ops: list,
    bounds_left: list[int],
    bounds_right: list[int],
    moved_left: list[int],
    moved_right: list[int],
) -> tuple[list[int], list[int]]:
    """Of the sentences found on both sides, which ones to call moved.

    When blocks swap places, either block could be the one that moved; the sentence diff keeps
    the one with more sentences in place. A reader (and a plain word diff) expects the longer
    text to stay put and the shorter to move, so keep the in-order chain of matched sentences
    holding the most words, and call every other matched sentence moved.
    """

    def size(k: int) -> int:
        return bounds_left[k + 1] - bounds_left[k]

    pairs = [(a, b, 2 * size(a)) for a, b in zip(moved_left, moved_right, strict=True)]
    i = j = 0
    for op, count in ops:
        if op == 0:
            # ties go to the sentence diff's own choice
            pairs += [(i + k, j + k, 2 * size(i + k) + 1) for k in range(count)]
        i += count if op <= 0 else 0
        j += count if op >= 0 else 0
    kept = heaviest_chain(pairs)
    moved = [pair for pair in pairs if (pair[0], pair[1]) not in kept]
    return [a for a, _, _ in moved], [b for _, b, _ in moved]


def _spans(tokens: _Tokens, changed: list[int], moved: list[int], kind: str) -> tuple[Span, ...]:
    """Changed tokens (by index) as spans in text order; neighbours of one kind with nothing
    but a little whitespace between them join (see `_joins`)."""
    text, starts, ends = tokens.text, tokens.starts, tokens.ends
    moved_at = {starts[k] for k in moved}
    spans: list[Span] = []
    for k in sorted(changed, key=starts.__getitem__):
        start, end = starts[k], ends[k]
        label = "moved" if start in moved_at else kind
        last = spans[-1] if spans else None
        if last and last[2] == label and _joins(text, last[1], start):
            spans[-1] = (last[0], end, label)
        else:
            spans.append((start, end, label))
    return tuple(spans)


def _joins(text: str, end: int, start: int) -> bool:
    """Whether a span ending at `end` and a token starting at `start` make one span: at most
    `JOIN_GAP` characters lie between them, all whitespace, or none of them whitespace.

    A mark between words (`rent, late fees` with punctuation ignored, where marks are no
    tokens) did not change, and a span over it would say that it did; a mark inside a word
    (`Customer's`, `e-mail`) is part of the changed word, and splitting there would cut it.
    """
    if start - end > JOIN_GAP:
        return False
    gap = text[end:start]
    return gap.isspace() or not any(map(str.isspace, gap))


def _whole(tokens: _Tokens, kind: str) -> tuple[Span, ...]:
    """A cell against an empty one: all its tokens, joined as `_spans` joins them (with
    punctuation ignored, marks are no tokens and stay outside)."""
    return _spans(tokens, list(range(len(tokens.keys))), [], kind) if tokens.keys else ()
