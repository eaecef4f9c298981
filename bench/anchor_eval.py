"""Re-anchoring notes on real edits: quotes from each older version found in the newer one.

For each pair in `../shared/corpus/ota-versions` (skipped where absent): every section of the
older version with a body of at least 12 words gets a note quoting its middle sentence. The note
is placed in the newer version, and judged against difflib's word diff of the two texts: a quote
whose words mostly survive (at least 60% in equal blocks, or the quote found word for word
anywhere) must be placed on them; a quote that is gone must be orphaned. Reported: quotes kept
verbatim, reworded and gone, with how many were placed right, placed wrong, or orphaned.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.compare.service import load_trees
from viewer.store import anchors

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ota-versions"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]?")
MIN_WORDS = 12
KEPT = 0.6


def quotes(tree) -> list[tuple[object, str]]:
    """(section, the middle sentence of its body) for sections with enough words."""
    chosen = []
    for section in tree.sections:
        body = tree.body_of(section)
        if len(body.split()) < MIN_WORDS:
            continue
        sentences = [m.group().strip() for m in _SENTENCE.finditer(body)]
        sentences = [s for s in sentences if len(s.split()) >= 6]
        if sentences:
            chosen.append((section, sentences[len(sentences) // 2]))
    return chosen


def word_map(old: str, new: str) -> dict[int, int]:
    """Old token start -> new token start, for tokens in difflib's equal blocks."""
    a = list(_TOKEN.finditer(old))
    b = list(_TOKEN.finditer(new))
    matcher = difflib.SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b], False)
    mapped = {}
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            mapped[a[i + k].start()] = b[j + k].start()
    return mapped


def evaluate(old_path: Path, new_path: Path) -> dict[str, int]:
    old, new = load_trees([str(old_path), str(new_path)])
    old_text, new_text = old.document.text, new.document.text
    mapped = word_map(old_text, new_text)
    counts = dict.fromkeys(
        ("verbatim", "verbatim_right", "reworded", "reworded_right", "gone", "gone_orphaned",
         "wrong"), 0
    )  # fmt: skip
    for section, quote in quotes(old):
        anchor = anchors.make_anchor(old, section, quote)
        placed = anchors.place(new, anchor)
        end = anchor.offset + len(quote)
        starts = [m.start() for m in _TOKEN.finditer(old_text, anchor.offset, end)]
        targets = sorted(mapped[s] for s in starts if s in mapped)
        exact = [m.start() for m in anchors._pattern(quote).finditer(new_text)]
        if exact:
            kind, right = "verbatim", not placed.orphaned and placed.offset in exact
        elif len(targets) >= KEPT * len(starts):
            low, high = targets[0], targets[-1] + 1
            hit = not placed.orphaned and placed.offset < high and placed.offset + len(quote) > low
            kind, right = "reworded", hit
        else:
            counts["gone"] += 1
            counts["gone_orphaned"] += placed.orphaned
            counts["wrong"] += not placed.orphaned
            continue
        counts[kind] += 1
        counts[kind + "_right"] += right
        counts["wrong"] += not right and not placed.orphaned
    return counts


def report() -> str:
    if not CORPUS.is_dir():
        return "corpus ota-versions absent: anchor evaluation skipped\n"
    pooled: dict[str, int] = {}
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "old.md").exists()):
        for key, value in evaluate(folder / "old.md", folder / "new.md").items():
            pooled[key] = pooled.get(key, 0) + value
    rows = [
        ("quoted verbatim in the new version", pooled["verbatim"], pooled["verbatim_right"]),
        ("reworded (most words kept)", pooled["reworded"], pooled["reworded_right"]),
        ("gone (must be orphaned)", pooled["gone"], pooled["gone_orphaned"]),
    ]
    lines = ["| notes | count | placed right (or orphaned when gone) |", "|---|---|---|"]
    lines += [f"| {label} | {count} | {right} ({right / max(count, 1):.1%}) |" for label, count,
              right in rows]  # fmt: skip
    lines.append(f"| placed on the wrong text | {pooled['wrong']} | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report())
