"""Every real-corpus figure (`make bench`) for the development part, the measure-only part and
all documents side by side (bench/splits.py): a change is judged by the measure-only column,
whose misses nobody looked at while making it.

cuad-dev and b2b-gold are scored by the shared scorers in ../shared/tools, as the product is
judged; tos-multilingual and ota-versions by the measures of bench/alignment_eval.py and
bench/version_eval.py. Each corpus (or scorer) that is absent is skipped with one line.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import alignment_eval, version_eval  # noqa: E402
from bench.common import CLI  # noqa: E402
from bench.splits import DEV, MEASURE, b2b_part_of, part_of  # noqa: E402
from viewer.core.compare.service import read_tree  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TOOLS = SHARED / "tools"
CUAD = CORPUS / "cuad-dev"
B2B = CORPUS / "b2b-gold"
HELPER = Path(__file__).with_name("print_alignment.py")
ALL = "all"
TRANSLATIONS = ("de", "it", "pl")
COLUMNS = (DEV, MEASURE, ALL)
HEADING = "## Real corpora: development and measure-only parts\n\n"
NOTE = """\
Each real document is in one part (bench/splits.py): develop on the development part, read
only the figures of the measure-only part, never its misses. cuad-dev: the shared scorer run on
a folder holding one part's contracts (it pairs contracts in name-hash order within what it is
given, so the parts' pairs are not the pairs of "all"). b2b-gold: each group aligned once, as
the product is used; development counts the pairs of two development documents, measure-only
the pairs with a measure-only document. tos-multilingual, across services: the part's services
aligned together.
"""
Row = tuple[str, dict[str, str]]
Counts = dict[str, int]


def frac(hit: int, total: int, digits: int = 2) -> str:
    return f"{hit / total:.{digits}f} ({hit}/{total})" if total else "— (0/0)"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def in_part(column: str, part: str) -> bool:
    return column == ALL or part == column


def merge(per_column: dict[str, dict[str, str]]) -> list[Row]:
    """Rows of figures in the order they are first met; a column without a figure shows '—'
    (the scorer leaves out key terms nobody reported in that part's contracts)."""
    labels = dict.fromkeys(label for column in (ALL, *COLUMNS) for label in per_column[column])
    return [(label, {c: per_column[c].get(label, "—") for c in COLUMNS}) for label in labels]


# cuad-dev ---------------------------------------------------------------------------------------

_CONTRACTS = re.compile(r"contracts (\d+) \(\w+\), unread (\d+)")
_FOUND = re.compile(r"found in the extracted text (\d+)/(\d+)")
_FIGURE = re.compile(
    r"(governing law|renewal notice|liability limits|clause rows recall|precision) "
    r"(\d+\.\d+ \([^)]*\))"
)
_DATE = re.compile(r"^agreement date: (\d+)/(\d+)", re.MULTILINE)
_FINDINGS = re.compile(r"^clause findings [^:]*: (.*?); not reported", re.MULTILINE)
_FINDING = re.compile(r"(\w+) (\d+)/(\d+), (\d+)/(\d+)")


def cuad_part_folder(part: str, folder: Path) -> Path:
    """A folder the scorer reads as it reads the corpus, holding only the part's contracts:
    their rows of clauses.csv (same header) and links to their PDF and text files."""
    csv.field_size_limit(10**9)
    folder.mkdir()
    with (CUAD / "clauses.csv").open(newline="", encoding="utf-8") as source:
        header, *rows = csv.reader(source)
    name = header.index("Filename")
    rows = [row for row in rows if part_of(row[name]) == part]
    with (folder / "clauses.csv").open("w", newline="", encoding="utf-8") as target:
        csv.writer(target).writerows([header, *rows])
    stems = {Path(row[name]).stem for row in rows}
    for path in CUAD.iterdir():
        if path.stem in stems and path.suffix.lower() in (".pdf", ".txt"):
            (folder / path.name).symlink_to(path)
    return folder


def cuad_score(folder: Path, ext: str) -> str:
    command = [sys.executable, str(TOOLS / "cuad_score.py"), "--dir", str(folder)]
    command += ["--cc", shlex.join(CLI), "--ext", ext]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def start_cuad(pool: ThreadPoolExecutor, tmp: Path) -> dict[tuple[str, str], Future[str]]:
    """The six scorer runs (PDF and text, per column), queued at once, the longest first: they
    take most of the time, and run on the pool's two workers while the other corpora are
    measured."""
    folders = {ALL: CUAD} | {part: cuad_part_folder(part, tmp / part) for part in (DEV, MEASURE)}
    return {
        (ext, column): pool.submit(cuad_score, folders[column], ext)
        for ext in ("pdf", "txt")
        for column in (ALL, DEV, MEASURE)
    }


def cuad_figures(output: str) -> dict[str, str]:
    """Figure -> cell from the scorer's output; `contracts` heads its block."""
    final = [line for line in output.splitlines() if line.startswith(("ok:", "FAIL:"))]
    contracts, found = _CONTRACTS.search(output), _FOUND.search(output)
    if not final or contracts is None or found is None:
        raise RuntimeError(f"cuad_score.py gave no score: {output[-500:]}")
    figures = {
        "contracts": f"{count(int(contracts[1]), 'contract')}, {contracts[2]} unread",
        "labelled clauses found in the extracted text": frac(int(found[1]), int(found[2])),
    }
    for label, cell in _FIGURE.findall(final[-1]):
        figures["clause rows precision" if label == "precision" else label] = cell
    if date := _DATE.search(output):
        figures["agreement date"] = frac(int(date[1]), int(date[2]))
    reported = _FINDINGS.search(output)
    for key, hit, labelled, claimed, unlabelled in _FINDING.findall(
        reported[1] if reported else ""
    ):
        cell = frac(int(hit), int(labelled))
        figures[f"clause finding {key}"] = f"{cell}; claimed where not {claimed}/{unlabelled}"
    return figures


def cuad_rows(runs: dict[tuple[str, str], Future[str]]) -> list[Row]:
    rows: list[Row] = []
    for ext, label in (("pdf", "read from PDF"), ("txt", "read from text")):
        figures = {column: cuad_figures(runs[ext, column].result()) for column in COLUMNS}
        heads = {column: figures[column].pop("contracts") for column in COLUMNS}
        rows += [(f"**cuad-dev, {label}**", heads), *merge(figures)]
    return rows


# b2b-gold ---------------------------------------------------------------------------------------

_SCORE = re.compile(
    r"heading recall ([\d.]+), pair precision [\d.]+ \((\d+)/(\d+)\), "
    r"pair recall [\d.]+ \((\d+)/(\d+)\)"
)


class Score(NamedTuple):
    """What the shared scorer prints: heading recall only as a ratio, the pairs as counts."""

    heading_recall: float
    agree: int
    together: int
    found: int
    wanted: int


@cache
def gold_headings(name: str) -> int:
    spec = importlib.util.spec_from_file_location("b2b_gold", B2B / "gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return len(module.GOLD[name])


def b2b_score(saved: Path, names: Sequence[str]) -> Score:
    """The shared scorer on some documents of a saved group alignment (bench/print_alignment.py)."""
    show = shlex.join([sys.executable, str(HELPER), str(saved), ",".join(names)])
    command = [sys.executable, str(TOOLS / "alignment_score.py"), "--gold", str(B2B / "gold.py")]
    command += ["--dir", str(B2B), "--cmd", show, *names]
    output = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    match = _SCORE.search(output)
    if match is None:
        raise RuntimeError(f"alignment_score.py gave no score: {output[-500:]}")
    return Score(float(match[1]), *map(int, match.groups()[1:]))


def heading_hits(saved: Path, name: str) -> int:
    """Gold headings found in one document. The scorer prints a two-decimal ratio, which gives
    the exact count while a document has under 100 gold headings (70 at most today)."""
    return round(b2b_score(saved, [name]).heading_recall * gold_headings(name))


def b2b_cells(hits: int, headings: int, pairs: Sequence[Score]) -> dict[str, str]:
    agree, together = sum(s.agree for s in pairs), sum(s.together for s in pairs)
    found, wanted = sum(s.found for s in pairs), sum(s.wanted for s in pairs)
    precision = agree / together if together else 0.0
    recall = found / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "heading recall": frac(hits, headings),
        "pair precision": frac(agree, together),
        "pair recall": frac(found, wanted),
        "F1": f"{f1:.2f}" if pairs else "—",
    }


def b2b_group_rows(label: str, files: Sequence[str], tmp: Path) -> list[Row]:
    """One group aligned once by the CLI, then each part's documents and pairs scored in it."""
    paths = [str(B2B / name) for name in files]
    saved = tmp / f"{files[0]}.json"
    aligned = subprocess.run([*CLI, "align", "--json", *paths], capture_output=True, check=True)
    saved.write_bytes(aligned.stdout)
    hits = {name: heading_hits(saved, name) for name in files}
    pairs = {pair: b2b_score(saved, pair) for pair in itertools.combinations(files, 2)}
    whole = b2b_score(saved, files)
    per_column, heads = {}, {}
    for column in COLUMNS:
        docs = [name for name in files if in_part(column, b2b_part_of(name))]
        chosen = [s for pair, s in pairs.items() if column == ALL or _pair_part(pair) == column]
        heads[column] = f"{count(len(docs), 'document')}, {count(len(chosen), 'pair')}"
        headings = sum(gold_headings(name) for name in docs)
        per_column[column] = b2b_cells(sum(hits[name] for name in docs), headings, chosen)
    _check_whole(whole, per_column[ALL])
    return [(f"**b2b-gold, {label}**", heads), *merge(per_column)]


def _pair_part(pair: tuple[str, str]) -> str:
    return DEV if all(b2b_part_of(name) == DEV for name in pair) else MEASURE


def _check_whole(whole: Score, pooled: dict[str, str]) -> None:
    """The whole group in one scorer run gives what the pooled pairs and documents give: else
    the restriction to a part would not score as the scorer does."""
    expected = {
        "heading recall": f"{whole.heading_recall:.2f}",
        "pair precision": f"({whole.agree}/{whole.together})",
        "pair recall": f"({whole.found}/{whole.wanted})",
    }
    if any(text not in pooled[key] for key, text in expected.items()):
        raise RuntimeError(f"pooled b2b scores {pooled} differ from one scorer run {whole}")


def b2b_rows(tmp: Path) -> list[Row]:
    rows: list[Row] = []
    for label, files in alignment_eval.B2B_GROUPS.items():
        rows += b2b_group_rows(label, files, tmp)
    return rows


# tos-multilingual -------------------------------------------------------------------------------


def tos_rows() -> list[Row]:
    """The same third-party tag in one row: across translations, and across services. Only the
    languages with tags count (the corpus holds tags for English and German only today; the
    source repository has them for Italian and Polish too)."""
    services = alignment_eval.tos_services()
    chosen = {column: [s for s in services if in_part(column, part_of(s))] for column in COLUMNS}
    tagged = [lang for lang in TRANSLATIONS if (alignment_eval.CORPUS / "tagged" / lang).is_dir()]
    versions = {
        (s, lang): alignment_eval.version_counts(s, lang) for s in services for lang in tagged
    }

    def translations(column: str, languages: Sequence[str]) -> str:
        counts = [versions[s, lang] for s in chosen[column] for lang in languages if lang in tagged]
        return frac(sum(hit for hit, _ in counts), sum(total for _, total in counts), 3)

    untagged = [lang for lang in TRANSLATIONS if lang not in tagged]
    pooled = "English vs German/Italian/Polish" + (
        f" ({', '.join(untagged)} untagged in the corpus: left out)" if untagged else ""
    )
    label = "same tag in one row"
    return [
        ("**tos-multilingual**", {c: count(len(chosen[c]), "service") for c in COLUMNS}),
        (f"{label}: English vs German", {c: translations(c, ("de",)) for c in COLUMNS}),
        (f"{label}: {pooled}", {c: translations(c, TRANSLATIONS) for c in COLUMNS}),
        (
            f"{label}: English terms of two services",
            {c: frac(*alignment_eval.across_counts(chosen[c]), 3) for c in COLUMNS},
        ),
    ]


# ota-versions -----------------------------------------------------------------------------------


def headings_kept(folder: Path) -> Counts:
    """Section headings (title, level) of the old version that the new version also has, as
    tests/core/test_corpus.py measures them (the number may change between versions)."""
    old = [(s.title, s.level) for s in read_tree(folder / "old.md").sections]
    new = {(s.title, s.level) for s in read_tree(folder / "new.md").sections}
    return {"headings": len(old), "headings_kept": sum(heading in new for heading in old)}


def pair_counts(folder: Path) -> Counts:
    return version_eval.evaluate(folder / "old.md", folder / "new.md") | headings_kept(folder)


def ota_cells(c: Counts) -> dict[str, str]:
    _, _, f1, _, rows_f1 = version_eval.scores(c)
    return {
        "changed sentences precision": frac(c["tp"], c["tp"] + c["fp"], 3),
        "changed sentences recall": frac(c["tp"], c["tp"] + c["fn"], 3),
        "changed sentences F1": f"{f1:.3f}",
        "changed words recall": frac(c["words_found"], c["words"], 3),
        "own rows F1": f"{rows_f1:.3f}",
        "section headings kept": frac(c["headings_kept"], c["headings"], 3),
    }


def ota_rows() -> list[Row]:
    """version_eval's pooled figures and the headings kept, pooled over each part's pairs."""
    folders = sorted(p for p in (CORPUS / "ota-versions").iterdir() if (p / "old.md").exists())
    counts = {folder.name: pair_counts(folder) for folder in folders}
    per_column, heads = {}, {}
    for column in COLUMNS:
        chosen = [c for name, c in counts.items() if in_part(column, part_of(name))]
        heads[column] = count(len(chosen), "pair")
        per_column[column] = ota_cells({key: sum(c[key] for c in chosen) for key in chosen[0]})
    return [("**ota-versions**", heads), *merge(per_column)]


# the table --------------------------------------------------------------------------------------


def table(rows: Sequence[Row]) -> str:
    lines = [f"| figure | {' | '.join(COLUMNS)} |", "|---|---|---|---|"]
    lines += [f"| {label} | {' | '.join(cells[c] for c in COLUMNS)} |" for label, cells in rows]
    return "\n".join(lines) + "\n"


def _absent(corpus: str, paths: Sequence[Path]) -> str | None:
    """The line saying a corpus is skipped, or None where all it needs is there."""
    missing = [f"../{p.relative_to(SHARED.parent)}" for p in paths if not p.exists()]
    return f"{corpus} skipped: {', '.join(missing)} absent" if missing else None


def report() -> str:
    if not CORPUS.is_dir():
        return HEADING + "../shared/corpus absent: real-corpus figures skipped\n"
    needs = {
        "cuad-dev": (CUAD, TOOLS / "cuad_score.py"),
        "b2b-gold": (B2B, TOOLS / "alignment_score.py"),
        "tos-multilingual": (alignment_eval.CORPUS,),
        "ota-versions": (version_eval.CORPUS,),
    }
    skipped = [line for key, paths in needs.items() if (line := _absent(key, paths))]
    ready = {key for key, paths in needs.items() if _absent(key, paths) is None}
    with tempfile.TemporaryDirectory() as name, ThreadPoolExecutor(max_workers=2) as pool:
        tmp = Path(name)
        runs = start_cuad(pool, tmp) if "cuad-dev" in ready else {}
        measured = {
            "b2b-gold": lambda: b2b_rows(tmp),
            "tos-multilingual": tos_rows,
            "ota-versions": ota_rows,
        }
        rows = [row for key, make in measured.items() if key in ready for row in make()]
        rows = (cuad_rows(runs) if runs else []) + rows
    text = HEADING + NOTE + "\n" + (table(rows) if rows else "")
    return text + "".join(f"\n{line}\n" for line in skipped)


if __name__ == "__main__":
    print(report())
