"""Alignment quality (`make bench`): gold topics of the samples, and third-party clause tags.

Samples: pairwise precision (of the cross-document section pairs placed in one row, the share
whose gold topics agree), recall (of the document pairs x gold topics both documents have, the
share where some row holds sections of both with that topic) and F1, for all samples together
and for the Swedish/English pair.

Corpus (`../shared/corpus/tos-multilingual`, skipped where absent): clauses tagged by third-party
annotators (law, jurisdiction, arbitration, limitation of liability, termination, changes).
The sections that hold the same tag should share a row: between the English and German
versions of one service, and between the English terms of different services.

Real business terms (`../shared/corpus/b2b-gold`, skipped where absent): each group of
same-kind documents aligned together through the CLI and scored by the shared scorer
(`../shared/tools/alignment_score.py`), the metric the product is judged by.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.compare.align import align  # noqa: E402
from viewer.core.compare.service import load_trees  # noqa: E402
from viewer.core.model import Alignment  # noqa: E402

SAMPLES = ROOT / "sample_contracts"
CORPUS = ROOT.parent / "shared" / "corpus" / "tos-multilingual"
ALL_SAMPLES = (
    "pelavik_subscription_agreement.txt",
    "brightwave_api_terms.md",
    "nordmoln_allmanna_villkor.md",
    "kestrel_data_processing_agreement.html",
    "fjordlane_villkor_sv_en.txt",
    "nordmoln_general_terms_en.md",
)
SWEDISH_ENGLISH = ("nordmoln_allmanna_villkor.md", "nordmoln_general_terms_en.md")
TAGS = {
    "law": "governing law",
    "j": "jurisdiction",
    "a": "arbitration",
    "ltd": "limitation of liability",
    "ter": "termination",
    "ch": "changes to the terms",
}
_TAG = re.compile(r"<(law|j|a|ltd|ter|ch)\d>")
SHARED = ROOT.parent / "shared"
B2B = SHARED / "corpus" / "b2b-gold"
B2B_GROUPS = {
    "data processing agreements": ("dpa-mailjet.md", "dpa-scalingo.md", "dpa-wire.md"),
    "developer terms": ("dev-facebook.md", "dev-linkedin.md"),
    "SaaS terms": ("tos-cloudflare.md", "tos-linear.md", "tos-wpengine.md"),
}
B2B_TARGETS = {"heading recall": 0.95, "precision": 0.90, "recall": 0.90}
_SCORE_LINE = re.compile(
    r"heading recall ([\d.]+), pair precision ([\d.]+) \(\d+/\d+\), "
    r"pair recall ([\d.]+) \(\d+/\d+\), F1 ([\d.]+)"
)


def gold_topics(files: Sequence[str], alignment: Alignment) -> dict[str, frozenset[str]]:
    """Section id -> gold topics, matching each sample's sections to its gold list in order."""
    gold_by_file = {}
    for path in (SAMPLES / "gold").glob("*.json"):
        gold = json.loads(path.read_text("utf-8"))
        for name in [gold["file"], *gold.get("also", [])]:
            gold_by_file[name] = gold["sections"]
    result = {}
    for name, tree in zip(files, alignment.trees.values(), strict=True):
        result.update({s.id: frozenset() for s in tree.sections})
        sections = [s for s in tree.sections if s.level > 0]
        gold = gold_by_file[name]
        assert len(gold) == len(sections), f"{name}: segmentation differs from its gold file"
        for section, entry in zip(sections, gold, strict=True):
            result[section.id] = frozenset(entry["topics"])
    return result


def pairwise_scores(alignment: Alignment, gold: dict[str, frozenset[str]]) -> dict[str, float]:
    agree = pairs = 0
    for row in alignment.rows:
        if row.key == "preamble":
            continue
        for (_, left), (_, right) in itertools.combinations(row.cells.items(), 2):
            for a, b in itertools.product(left, right):
                pairs += 1
                agree += bool(gold[a] & gold[b])
    found = wanted = 0
    docs = list(alignment.trees)
    for x, y in itertools.combinations(docs, 2):
        topics_x = _topics_of(x, gold)
        topics_y = _topics_of(y, gold)
        for topic in sorted(topics_x & topics_y):
            wanted += 1
            found += any(
                _holds(row.cells.get(x, ()), topic, gold)
                and _holds(row.cells.get(y, ()), topic, gold)
                for row in alignment.rows
            )
    precision = agree / pairs if pairs else 0.0
    recall = found / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": pairs, "wanted": wanted}


def _topics_of(doc: str, gold: dict[str, frozenset[str]]) -> set[str]:
    return {t for sid, topics in gold.items() if sid.startswith(f"{doc}:") for t in topics}


def _holds(ids: Iterable[str], topic: str, gold: dict[str, frozenset[str]]) -> bool:
    return any(topic in gold[sid] for sid in ids)


def sample_scores(files: Sequence[str]) -> dict[str, float]:
    trees = load_trees([str(SAMPLES / name) for name in files])
    alignment = align(trees)
    return pairwise_scores(alignment, gold_topics(files, alignment))


def tagged_sections(service: str, language: str, alignment: Alignment, doc: str) -> dict[str, set]:
    """Tag -> ids of the sections whose lines hold a clause with that tag."""
    lines = (CORPUS / "tagged" / language / f"{service}.xml").read_text("utf-8").splitlines()
    tree = alignment.trees[doc]
    headed = [(s.line or 1, s.id) for s in tree.sections]
    found: dict[str, set] = {}
    for number, line in enumerate(lines, start=1):
        for tag in _TAG.findall(line):
            section = max((item for item in headed if item[0] <= number), default=headed[0])
            found.setdefault(tag, set()).add(section[1])
    return found


def share_a_row(alignment: Alignment, left: set[str], right: set[str]) -> bool:
    return any(
        left & set(ids_a) and right & set(ids_b)
        for row in alignment.rows
        for ids_a, ids_b in [_split(row, left, right)]
    )


def _split(row, left: set[str], right: set[str]) -> tuple[list[str], list[str]]:
    ids = [sid for cell in row.cells.values() for sid in cell]
    return [i for i in ids if i in left], [i for i in ids if i in right]


def tos_services() -> list[str]:
    """The services of tos-multilingual, each in English, German, Italian and Polish."""
    return sorted(p.stem for p in (CORPUS / "tagged" / "en").glob("*.xml"))


def version_counts(service: str, language: str) -> tuple[int, int]:
    """(shared, tags): the English and another language's version of one service aligned; of
    the tags both hold, those whose sections share a row."""
    paths = [str(CORPUS / "text" / lang / f"{service}.txt") for lang in ("en", language)]
    alignment = align(load_trees(paths))
    english = tagged_sections(service, "en", alignment, "A")
    other = tagged_sections(service, language, alignment, "B")
    shared = sorted(set(english) & set(other))
    return sum(share_a_row(alignment, english[t], other[t]) for t in shared), len(shared)


def across_counts(services: Sequence[str]) -> tuple[int, int]:
    """(shared, cases): the English terms of the services aligned together; of the (pair of
    services, tag both hold) cases, those whose sections share a row."""
    trees = load_trees([str(CORPUS / "text" / "en" / f"{s}.txt") for s in services])
    alignment = align(trees)
    ids = list(alignment.trees)
    tagged = {
        doc: tagged_sections(s, "en", alignment, doc) for doc, s in zip(ids, services, strict=True)
    }
    across = [0, 0]
    for x, y in itertools.combinations(ids, 2):
        for tag in sorted(set(tagged[x]) & set(tagged[y])):
            across[1] += 1
            across[0] += share_a_row(alignment, tagged[x][tag], tagged[y][tag])
    return across[0], across[1]


def corpus_scores() -> dict[str, tuple[int, int]]:
    services = tos_services()
    versions = [version_counts(service, "de") for service in services]
    return {
        "en-de": (sum(hit for hit, _ in versions), sum(total for _, total in versions)),
        "across": across_counts(services),
    }


def b2b_scores(files: Sequence[str]) -> dict[str, float]:
    """One group of b2b-gold documents aligned by our CLI, scored by the shared scorer."""
    command = [
        sys.executable,
        str(SHARED / "tools" / "alignment_score.py"),
        "--gold",
        str(B2B / "gold.py"),
        "--dir",
        str(B2B),
        "--cmd",
        f"{sys.executable} -m viewer align --json",
        *files,
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    match = _SCORE_LINE.search(done.stdout)
    if match is None:
        raise RuntimeError(f"alignment_score.py gave no score: {done.stdout[-500:]}")
    keys = ("heading recall", "precision", "recall", "f1")
    return dict(zip(keys, map(float, match.groups()), strict=True))


def b2b_report() -> list[str]:
    if not (B2B / "gold.py").is_file() or not (SHARED / "tools" / "alignment_score.py").is_file():
        return ["", "corpus b2b-gold absent: real business terms skipped"]
    target = ", ".join(f"{key} >= {value:.2f}" for key, value in B2B_TARGETS.items())
    lines = [
        "",
        f"| real terms, b2b-gold (target: {target}) | heading recall | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for label, files in B2B_GROUPS.items():
        s = b2b_scores(files)
        lines.append(
            f"| {label} ({len(files)}) | {s['heading recall']:.2f} | {s['precision']:.2f} "
            f"| {s['recall']:.2f} | {s['f1']:.2f} |"
        )
    return lines


def samples_report() -> str:
    """The samples' figures: our own documents, all of them development (no split)."""
    lines = ["| alignment quality | precision | recall | F1 |", "|---|---|---|---|"]
    for label, files in (("all samples", ALL_SAMPLES), ("Swedish/English pair", SWEDISH_ENGLISH)):
        s = sample_scores(files)
        lines.append(
            f"| {label} ({s['pairs']} pairs, {s['wanted']} topic pairs) "
            f"| {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def report() -> str:
    """Samples and real corpora, all documents (`make bench` shows the corpora split into
    development and measure-only parts instead: bench/corpus_eval.py)."""
    lines = [samples_report().rstrip("\n")]
    lines += b2b_report()
    if not CORPUS.is_dir():
        lines.append("\ncorpus tos-multilingual absent: tag agreement skipped")
        return "\n".join(lines) + "\n"
    scores = corpus_scores()
    lines += ["", "| same third-party tag shares a row | rate |", "|---|---|"]
    for key, label in (
        ("en-de", "English vs German version of one service"),
        ("across", "English terms of two different services"),
    ):
        hit, total = scores[key]
        lines.append(f"| {label} | {hit}/{total} = {hit / total:.1%} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report())
