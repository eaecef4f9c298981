"""The core stays pure Python and cheap to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_core_imports_with_pyside6_unavailable() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import viewer.core.structure.segment, viewer.core.structure.ingest\n"
        "import viewer.core.model, viewer.cli\n"
        "from viewer.core.structure.ingest import load_document\n"
        f"load_document({str(SAMPLES / 'brightwave_api_terms.pdf')!r})\n"
        "print('ok')"
    )
    assert run_python(code) == "ok"


def test_reading_text_loads_no_pdf_docx_html_or_qt_library() -> None:
    code = (
        "import sys\n"
        "from viewer.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['sections', '--json', {str(SAMPLES / 'fjordlane_villkor_sv_en.txt')!r}])\n"
        "heavy = ['pymupdf', 'fitz', 'docx', 'bs4', 'PySide6', 'lxml']\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    assert run_python(code) == "[]"


def test_import_linter_contract_holds() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core is pure Python: no Qt KEPT" in result.stdout
