"""Train the topic model (`viewer/core/topics/model.py`) on labelled real contracts.

usage: .venv/bin/python training/topic_model.py [--check]    (`make train`)

Examples are the product's own sections, as its segmenter cuts them, labelled from:
- cuad-dev (../shared/corpus): the clauses CUAD's lawyers marked, by the kind of clause, for
  the contracts of the development part only (bench/splits.py), read from PDF and from text;
  each clause labels the section its words start in. A kind maps to the topic a reviewer reads
  it under; a section no lawyer marked is a negative example for those topics alone (CUAD
  labels 41 kinds of clause, not every topic).
- b2b-gold: the gold topics of the development part's documents, for every topic.
- our own samples: their gold topics, for every topic.
The measure-only documents are never read here: their figures in `make bench` stay an honest
estimate of documents no one has seen. One logistic regression per topic (scikit-learn, here
only: the product reads the weights with plain Python) over TF-IDF features; the decision
threshold is chosen by cross-validation grouped by document. Needs ../shared/corpus and
scikit-learn (`pip install -e '.[train]'`); writes resources/taxonomy/model.en.json.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.splits import DEV, b2b_part_of, part_of  # noqa: E402
from viewer.core.compare.service import read_tree  # noqa: E402
from viewer.core.model import SectionTree  # noqa: E402
from viewer.core.topics.classify import analyse_tree, load_taxonomy  # noqa: E402
from viewer.core.topics.model import features  # noqa: E402

SHARED = ROOT.parent / "shared"
CUAD = SHARED / "corpus" / "cuad-dev"
B2B = SHARED / "corpus" / "b2b-gold"
OUT = ROOT / "resources" / "taxonomy" / "model.en.json"
LANGUAGE = "en"
#: The topic a reviewer reads each of CUAD's groups of clause kinds under (the groups are
#: ../shared/tools/cuad_score.py's).
CUAD_TOPICS = {
    "governing law": "governing_law",
    "liability": "liability",
    "assignment": "assignment",
    "term": "term_renewal",
    "termination": "term_termination",
    "audit": "audit",
    "insurance": "insurance",
    "warranty": "warranties",
    "ip ownership": "ip",
    "license": "license_grant",
    "restrictive covenants": "restrictive_covenants",
    "non-solicitation of employees": "non_solicitation",
    "non-disparagement": "non_disparagement",
    "commercial terms": "pricing",
    "third-party beneficiaries": "third_party_beneficiaries",
    "liquidated damages": "liquidated_damages",
    "first refusal": "first_refusal",
    "source code escrow": "source_code_escrow",
    "covenant not to sue": "covenant_not_to_sue",
}
MIN_DOCUMENT_FREQUENCY = 2  # a word of one section only is no evidence for a topic
MIN_POSITIVES = 4  # fewer examples of a topic teach nothing that generalises
KEEP_WEIGHTS = 250  # the heaviest features per topic: the rest change no decision
C = 4.0  # inverse regularisation strength, chosen by the grouped cross-validation below


class Example:
    """One section: its words, its topics, the topics its corpus labels, its document."""

    def __init__(self, title: list[str], body: list[str], topics: set[str], known: set[str],
                 doc: str) -> None:  # fmt: skip
        self.title, self.body, self.topics, self.known, self.doc = title, body, topics, known, doc
        self.features = features(title, body)


def cuad_examples(held_out: set[str]) -> list[Example]:
    score = _cuad_scorer()
    known = set(CUAD_TOPICS.values())
    with open(CUAD / "clauses.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    examples = []
    for row in rows:
        if part_of(row["Filename"]) != DEV or row["Filename"] in held_out:
            continue
        for ext in ("pdf", "txt"):
            path = score.file_for(CUAD, row["Filename"], ext)
            if path is None:
                continue
            tree = read_tree(str(path))
            labels = _cuad_labels(score, tree, row)
            examples += _examples(tree, labels, known, f"{row['Filename']}")
    return examples


def _cuad_scorer():
    spec = importlib.util.spec_from_file_location("cuad_score", SHARED / "tools" / "cuad_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cuad_labels(score, tree: SectionTree, row: dict[str, str]) -> dict[str, set[str]]:
    """Section id -> topics of the clauses the lawyers marked that start in it."""
    text = tree.document.text
    tokens = [(m.group().lower(), m.start()) for m in score.TOKEN.finditer(text)]
    sections = [{"id": s.id, "start": s.start, "end": s.end, "parent": s.parent}
                for s in tree.sections]  # fmt: skip
    labels: dict[str, set[str]] = {}
    for kind, group in score.GROUPS.items():
        for excerpt in score.excerpts(row.get(kind, "")):
            offset = score.offset_of(text, tokens, excerpt)
            deepest = score.section_ids(sections, offset)[0] if offset is not None else None
            if deepest:
                labels.setdefault(deepest, set()).add(CUAD_TOPICS[group])
    return labels


def b2b_examples(every: set[str]) -> list[Example]:
    spec = importlib.util.spec_from_file_location("gold", B2B / "gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    examples = []
    for name, gold in module.GOLD.items():
        if b2b_part_of(name) != DEV:
            continue
        tree = read_tree(str(B2B / name))
        labels = {s.id: set(gold[s.line]) for s in tree.sections if s.line in gold}
        examples += _examples(tree, labels, every, name, only=set(labels))
    return examples


def sample_examples(every: set[str]) -> list[Example]:
    examples = []
    for path in sorted((ROOT / "sample_contracts" / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        if gold.get("language", LANGUAGE) != LANGUAGE:
            continue
        tree = read_tree(str(ROOT / "sample_contracts" / gold["file"]))
        sections = [s for s in tree.sections if s.level > 0]
        if len(sections) != len(gold["sections"]):
            continue  # the segmenter disagrees with the gold file: its labels do not fit
        labels = {s.id: set(e["topics"]) for s, e in zip(sections, gold["sections"], strict=True)}
        examples += _examples(tree, labels, every, gold["file"])
    return examples


def _examples(tree: SectionTree, labels: dict[str, set[str]], known: set[str], doc: str,
              only: set[str] | None = None) -> list[Example]:  # fmt: skip
    analysis = analyse_tree(tree)
    found = []
    for section in tree.sections:
        if section.level == 0 or (only is not None and section.id not in only):
            continue
        if section.language != LANGUAGE:
            continue
        words = analysis[section.id]
        if words.title or words.body:
            topics = labels.get(section.id, set())
            found.append(Example(words.title, words.body, topics, known, doc))
    return found


def idf_of(examples: list[Example]) -> dict[str, float]:
    frequency: Counter[str] = Counter(f for e in examples for f in e.features)
    total = len(examples)
    return {
        feature: round(math.log((1 + total) / (1 + df)) + 1, 4)
        for feature, df in frequency.items()
        if df >= MIN_DOCUMENT_FREQUENCY
    }


def matrix(examples: list[Example], idf: dict[str, float], columns: dict[str, int]):
    from scipy.sparse import csr_matrix

    data, rows, cols = [], [], []
    for i, example in enumerate(examples):
        vector = {f: (1 + math.log(c)) * idf[f] for f, c in example.features.items() if f in idf}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        for feature, value in vector.items():
            rows.append(i)
            cols.append(columns[feature])
            data.append(value / norm)
    return csr_matrix((data, (rows, cols)), shape=(len(examples), len(columns)))


def train(examples: list[Example], topics: list[str]) -> tuple[dict, dict[str, float]]:
    """Per topic: (bias, weights by feature), fitted on the examples whose corpus labels it.

    Fitted twice: once on every feature to find those that weigh most for some topic, then on
    those alone, so that the vectors the product makes from the shipped features (their unit
    length included) are the vectors the weights were fitted to."""
    first, idf = _fit(examples, topics, idf_of(examples))
    kept = {f for topic in first.values() for f in topic["weights"]}
    return _fit(examples, topics, {f: v for f, v in idf.items() if f in kept})


def _fit(examples: list[Example], topics: list[str], idf: dict[str, float]):
    from sklearn.linear_model import LogisticRegression

    columns = {feature: index for index, feature in enumerate(sorted(idf))}
    names = sorted(idf)
    fitted = {}
    for topic in topics:
        chosen = [e for e in examples if topic in e.known]
        labels = [topic in e.topics for e in chosen]
        if sum(labels) < MIN_POSITIVES:
            continue
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
        model.fit(matrix(chosen, idf, columns), labels)
        weights = sorted(zip(model.coef_[0], names, strict=True), key=lambda wf: -abs(wf[0]))
        fitted[topic] = {
            "bias": round(float(model.intercept_[0]), 4),
            "weights": {f: round(float(w), 4) for w, f in weights[:KEEP_WEIGHTS] if abs(w) > 1e-3},
        }
    return fitted, idf


def grouped_check(examples: list[Example], topics: list[str], folds: int = 5) -> None:
    """Per threshold, precision and recall of the topics on documents left out of training."""
    from viewer.core.topics.model import TopicModel

    docs = sorted({e.doc for e in examples})
    results = []  # (probability, is it right) for every (example, known topic)
    for fold in range(folds):
        held = {d for i, d in enumerate(docs) if i % folds == fold}
        fitted, idf = train([e for e in examples if e.doc not in held], topics)
        model = TopicModel({"language": LANGUAGE, "threshold": 0.5, "idf": idf, "topics": fitted})
        for e in (e for e in examples if e.doc in held):
            for topic, p in model.probabilities(e.title, e.body).items():
                if topic in e.known:
                    results.append((p, topic in e.topics))
    positives = sum(right for _, right in results)
    for threshold in (0.3, 0.5, 0.7):
        claimed = [right for p, right in results if p >= threshold]
        hit = sum(claimed)
        print(f"threshold {threshold}: precision {hit / max(len(claimed), 1):.2f} "
              f"recall {hit / max(positives, 1):.2f} ({hit}/{positives})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="grouped cross-validation only")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument(
        "--hold-out",
        metavar="LIST",
        help="a file naming cuad-dev development contracts (one a line) to leave out, so that "
        "a choice can be checked on development contracts the model did not see",
    )
    args = parser.parse_args()
    if not CUAD.is_dir() or not B2B.is_dir():
        print("training needs ../shared/corpus (cuad-dev and b2b-gold)", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy()
    # our gold files label a clause on the term and one on termination alike (term_termination,
    # from before the two were told apart): only the lawyers' labels teach the difference
    every = {topic.key for topic in taxonomy.topics} - {"term_renewal", "term_termination"}
    held_out = set(Path(args.hold_out).read_text("utf-8").split("\n")) if args.hold_out else set()
    examples = cuad_examples(held_out) + b2b_examples(every) + sample_examples(every)
    topics = [topic.key for topic in taxonomy.topics]
    print(f"{len(examples)} sections from {len({e.doc for e in examples})} documents")
    if args.check:
        grouped_check(examples, topics)
        return 0
    fitted, idf = train(examples, topics)
    used = {f for topic in fitted.values() for f in topic["weights"]}
    data = {
        "language": LANGUAGE,
        "threshold": args.threshold,
        "trained_on": "cuad-dev, b2b-gold and sample development documents (bench/splits.py)",
        "idf": dict(sorted(idf.items())),
        "topics": fitted,
        "trusted": sorted(set(CUAD_TOPICS.values()) & set(fitted)),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(fitted)} topics, {len(used)} features, "
          f"{OUT.stat().st_size // 1024} KB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
