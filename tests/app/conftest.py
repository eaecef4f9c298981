"""The sample files the application layer's tests (and the window's) open."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tests.conftest import SAMPLES as SAMPLE_DIR

SAMPLE_A = SAMPLE_DIR / "pelavik_subscription_agreement.txt"
SAMPLE_B = SAMPLE_DIR / "brightwave_api_terms.md"
SAMPLES = (SAMPLE_A, SAMPLE_B)
VERSION_PAIR = (SAMPLE_B, SAMPLE_DIR / "versions" / "brightwave_api_terms_2026-09.md")


def paths(files: Sequence[Path]) -> list[str]:
    return [str(path) for path in files]
