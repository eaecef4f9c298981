"""Version mode against a plain whole-document word diff, on real consecutive versions.

For each pair in `../shared/corpus/ota-versions` (skipped where absent), older version as
reference. The truth is difflib's word diff of the two normalised texts. Reported per pair and
pooled: changed sentences (a sentence or line counts as changed when it holds a changed word)
precision/recall/F1, changed words recall, and own-version rows: of the section titles found
once in each version, the share whose two sections share a row (recall), and of the section
pairs rows put together, the share with the same title (precision).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.compare.diff import diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.compare.versions import align_versions

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ota-versions"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_TITLE = re.compile(r"[\W_]+")


def truth(old: str, new: str) -> tuple[set[int], set[int]]:
    """Start offsets of the tokens a plain word diff marks as deleted (old) and inserted (new)."""
    a = list(_TOKEN.finditer(old))
    b = list(_TOKEN.finditer(new))
    matcher = difflib.SequenceMatcher(
        None, [m.group() for m in a], [m.group() for m in b], autojunk=False
    )
    deleted, inserted = set(), set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            deleted.update(m.start() for m in a[i1:i2])
            inserted.update(m.start() for m in b[j1:j2])
    return deleted, inserted


def covered(text: str, spans: list[tuple[int, int, str]]) -> set[int]:
    starts = set()
    for start, end, _ in spans:
        starts.update(m.start() for m in _TOKEN.finditer(text, start, end))
    return starts


def changed_sentences(text: str, tokens: set[int]) -> set[int]:
    return {
        m.start() for m in _SENTENCE.finditer(text) if any(m.start() <= t < m.end() for t in tokens)
    }


def evaluate(old_path: Path, new_path: Path) -> dict[str, float]:
    old, new = load_trees([str(old_path), str(new_path)])
    alignment = align_versions(old, new)
    diffs = diff_alignment(alignment)
    texts = {"A": old.document.text, "B": new.document.text}
    spans: dict[str, list] = {"A": [], "B": []}
    for row in diffs.values():
        for cell in row.cells.values():
            for doc, found in cell.spans.items():
                spans[doc].extend(found)
    true_del, true_ins = truth(texts["A"], texts["B"])
    ours = {doc: covered(texts[doc], spans[doc]) for doc in texts}
    counts = {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "words": len(true_del) + len(true_ins),
        "words_found": len(true_del & ours["A"]) + len(true_ins & ours["B"]),
    }
    for doc, true_tokens in (("A", true_del), ("B", true_ins)):
        expected = changed_sentences(texts[doc], true_tokens)
        found = changed_sentences(texts[doc], ours[doc])
        counts["tp"] += len(expected & found)
        counts["fp"] += len(found - expected)
        counts["fn"] += len(expected - found)
    counts.update(own_rows(alignment))
    return counts


def own_rows(alignment) -> dict[str, int]:
    """Counts for the own-version rows measure."""
    title = {
        s.id: _TITLE.sub(" ", s.title.lower()).strip()
        for tree in alignment.trees.values()
        for s in tree.sections
    }
    unique = {}
    for doc, tree in alignment.trees.items():
        seen: dict[str, list[str]] = {}
        for s in tree.sections:
            seen.setdefault(title[s.id], []).append(s.id)
        unique[doc] = {t: ids[0] for t, ids in seen.items() if len(ids) == 1 and t}
    shared = set(unique["A"]) & set(unique["B"])
    together = {
        (row.cells["A"][0], row.cells["B"][0])
        for row in alignment.rows
        if row.cells["A"] and row.cells["B"]
    }
    found = sum((unique["A"][t], unique["B"][t]) in together for t in shared)
    same = sum(title[a] == title[b] for a, b in together)
    return {
        "titles": len(shared),
        "titles_found": found,
        "pairs": len(together),
        "pairs_same": same,
    }


def scores(c: dict[str, float]) -> tuple[float, float, float, float, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    words = c["words_found"] / c["words"] if c["words"] else 1.0
    row_recall = c["titles_found"] / c["titles"] if c["titles"] else 1.0
    row_precision = c["pairs_same"] / c["pairs"] if c["pairs"] else 1.0
    rows = (
        2 * row_precision * row_recall / (row_precision + row_recall)
        if row_precision + row_recall
        else 0.0
    )
    return precision, recall, f1, words, rows


def report(per_pair: bool = False) -> str:
    if not CORPUS.is_dir():
        return "corpus ota-versions absent: version evaluation skipped\n"
    lines = [
        "| pair | sentences P | R | F1 | words recall | own rows F1 |",
        "|---|---|---|---|---|---|",
    ]
    pooled: dict[str, float] = {}
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "old.md").exists()):
        counts = evaluate(folder / "old.md", folder / "new.md")
        for key, value in counts.items():
            pooled[key] = pooled.get(key, 0) + value
        if per_pair:
            p, r, f, w, rows = scores(counts)
            lines.append(f"| {folder.name} | {p:.3f} | {r:.3f} | {f:.3f} | {w:.3f} | {rows:.3f} |")
    p, r, f, w, rows = scores(pooled)
    lines.append(f"| **pooled** | {p:.3f} | {r:.3f} | {f:.3f} | {w:.3f} | {rows:.3f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report(per_pair=True))
