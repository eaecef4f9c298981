"""Smoke test of an installed app: run it as a user would, with nothing from the build around it.

`make package-test` runs `python packaging/smoke_test.py dist/contract-compare/contract-compare`
on the frozen app, and `make wheel-check` runs it on the console script of the wheel installed
in a clean virtualenv (`packaging/wheel_check.py`). Each run gets an empty environment (like
`env -i`) holding only HOME, PATH, QT_QPA_PLATFORM=offscreen and XDG directories in a fresh
temporary folder, which is also the working directory, so nothing from the checkout or the
virtualenv can leak in. It checks
`--version`, `sections` and `align --json` on the sample contracts, `gui --screenshot`
offscreen, notes and a PDF report (and for a frozen app on Linux, that every bundled Qt plugin
finds its libraries), prints one line per check, and on the first failure prints one line
saying why and exits 1.
Images and PDFs are checked with the virtualenv's PyMuPDF, never with the frozen app's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from bench.common import FIVE_FORMATS  # noqa: E402

SAMPLES = [str(path) for path in FIVE_FORMATS]
TIMEOUT = 120


class SmokeFailure(Exception):
    """A check failed; the message is the one-line reason."""


def clean_env(home: str) -> dict[str, str]:
    """HOME, PATH, the offscreen Qt platform and XDG directories under `home`; nothing else."""
    env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    for key, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        env[key] = os.path.join(home, sub)
        os.makedirs(env[key], mode=0o700, exist_ok=True)
    if sys.platform == "win32":  # Windows cannot start a process without these
        env.update(
            {key: os.environ[key] for key in ("SYSTEMROOT", "TEMP", "TMP") if key in os.environ}
        )
    return env


def run(binary: str, args: list[str], home: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run the frozen binary with `args`; fail unless it exits 0."""
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [binary, *args],
            cwd=home,
            env=clean_env(home),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeFailure(f"{args[0]}: no answer after {TIMEOUT} s") from error
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        # the last line that is not the bootloader's "[PYI-...] Failed to execute script"
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        last = next((line for line in reversed(lines) if not line.startswith("[PYI-")), None)
        last = last or (lines[-1] if lines else "(nothing on stderr)")
        raise SmokeFailure(f"{args[0]}: exit code {result.returncode}: {last}")
    return result, seconds


def check_version(binary: str, home: str) -> str:
    result, seconds = run(binary, ["--version"], home)
    with open(os.path.join(ROOT, "viewer", "__init__.py"), encoding="utf-8") as handle:
        version = re.search(r'__version__ = "([^"]+)"', handle.read()).group(1)
    printed = result.stdout.strip()
    if printed != f"contract-compare {version}":
        raise SmokeFailure(f"--version: printed {printed!r}, expected 'contract-compare {version}'")
    return f"--version ({seconds:.2f} s): {printed}"


def check_sections(binary: str, home: str) -> str:
    result, seconds = run(binary, ["sections", "--json", *SAMPLES], home)
    documents = json.loads(result.stdout).get("documents", [])
    counts = [len(document.get("sections", [])) for document in documents]
    if len(documents) != len(SAMPLES) or min(counts) < 5:
        raise SmokeFailure(f"sections --json: sections per document {counts}")
    return f"sections --json ({seconds:.2f} s): {sum(counts)} sections in {len(counts)} documents"


def check_align(binary: str, home: str) -> str:
    result, seconds = run(binary, ["align", "--json", *SAMPLES], home)
    try:
        data = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise SmokeFailure(f"align --json: output is not JSON ({error})") from error
    documents, rows = data.get("documents", []), data.get("rows", [])
    if len(documents) != len(SAMPLES):
        raise SmokeFailure(f"align --json: {len(documents)} documents, expected {len(SAMPLES)}")
    if not rows:
        raise SmokeFailure("align --json: no rows")
    topics = {row.get("topic") for row in rows} - {None}
    if "governing_law" not in topics:  # the taxonomy in resources/ was not found
        raise SmokeFailure(f"align --json: no governing_law row (topics: {sorted(topics)[:5]})")
    return (
        f"align --json ({seconds:.2f} s): {len(documents)} documents, {len(rows)} rows, "
        f"{len(topics)} topics"
    )


def check_screenshot(binary: str, home: str) -> str:
    path = os.path.join(home, "out.png")
    _result, seconds = run(binary, ["gui", "--screenshot", path, *SAMPLES], home)
    if not os.path.exists(path):
        raise SmokeFailure("gui --screenshot: exit code 0 but no PNG written")
    width, height, colours = png_summary(path)
    if width < 400 or height < 300:
        raise SmokeFailure(f"gui --screenshot: image is only {width}x{height}")
    if colours < 16:
        raise SmokeFailure(f"gui --screenshot: image looks blank ({colours} colours)")
    return f"gui --screenshot ({seconds:.2f} s): {width}x{height}, {colours} colours"


def check_libraries(binary: str, _home: str) -> str:
    """Linux: every bundled plugin finds the libraries it links (as the frozen app would look).

    The offscreen run above loads only the offscreen platform plugin; this covers the X11 and
    Wayland ones too. A missing Qt or PySide library means the spec pruned too much: failure.
    Other missing libraries come from the system; they are named, not failed on.
    """
    internal = os.path.join(os.path.dirname(binary), "_internal")
    plugins = os.path.join(internal, "PySide6", "Qt", "plugins")
    files = [
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(plugins)
        for name in names
        if name.endswith(".so")
    ]
    missing: dict[str, set[str]] = {}
    for path in files:
        result = subprocess.run(
            ["ldd", path],
            env={"LD_LIBRARY_PATH": internal, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )
        for line in result.stdout.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(os.path.relpath(path, plugins))
    ours = sorted(
        name
        for name in missing
        if name.startswith(("libQt6", "libpyside6", "libshiboken6", "libicu"))
    )
    if ours:
        raise SmokeFailure(
            f"plugins: {ours[0]} is not bundled but {sorted(missing[ours[0]])[0]} links it"
        )
    system = f"; not on this system: {', '.join(sorted(missing))}" if missing else ""
    return f"plugins: {len(files)} Qt plugins find their libraries{system}"


def png_summary(path: str) -> tuple[int, int, int]:
    """Width, height and number of distinct colours of the PNG (read with the build's own
    PyMuPDF from the virtualenv, not from the frozen app)."""
    import pymupdf

    try:
        pixmap = pymupdf.Pixmap(path)
    except (RuntimeError, ValueError) as error:
        raise SmokeFailure(f"{os.path.basename(path)}: not a readable image ({error})") from None
    return pixmap.width, pixmap.height, pixmap.color_count()


def check_notes_and_report(binary: str, home: str) -> str:
    """A note saved in the frozen app's store comes out in a PDF report (Jinja2, templates,
    PyMuPDF's Story and the store all work inside the build)."""
    import pymupdf

    db, out = os.path.join(home, "reviews.sqlite"), os.path.join(home, "review.pdf")
    text = "Cap too low: ask for twelve months of fees"
    run(binary, ["notes", "add", "--db", db, "--doc", SAMPLES[0], "--section", "A:1",
                 "--status", "negotiate", "--text", text], home)  # fmt: skip
    listed, _ = run(binary, ["notes", "list", "--db", db, "--json"], home)
    if [note["text"] for note in json.loads(listed.stdout)["notes"]] != [text]:
        raise SmokeFailure(f"notes list: the note is not listed ({listed.stdout[:80]!r})")
    _result, seconds = run(binary, ["report", "--db", db, "--format", "pdf", "--out", out,
                                    *SAMPLES[:2]], home)  # fmt: skip
    with pymupdf.open(out) as document:
        words = " ".join(" ".join(page.get_text().split()) for page in document)
        pages = document.page_count
    if text not in words:
        raise SmokeFailure("report: the note is not in the PDF's text")
    return f"notes + report --format pdf ({seconds:.2f} s): {pages} pages, the note is in it"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: smoke_test.py PATH/TO/contract-compare", file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[0])
    if not os.access(binary, os.X_OK):
        print(
            f"smoke test failed: {binary}: no such executable (run `make package`)", file=sys.stderr
        )
        return 1
    try:
        checks = [
            check_version,
            check_sections,
            check_align,
            check_screenshot,
            check_notes_and_report,
        ]
        frozen = os.path.isdir(os.path.join(os.path.dirname(binary), "_internal"))
        if frozen and sys.platform.startswith("linux"):
            checks.append(check_libraries)
        for check in checks:
            with tempfile.TemporaryDirectory(prefix="contract-compare-smoke-") as home:
                print(f"ok  {check(binary, home)}", flush=True)
    except SmokeFailure as failure:
        print(f"smoke test failed: {failure}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
