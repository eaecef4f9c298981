"""The HTML report: one self-contained file (inline CSS, no scripts, nothing fetched)."""

from __future__ import annotations

from viewer.report.model import Report
from viewer.report.templates import render


def render_html(report: Report) -> str:
    return render("report.html.j2", report=report)
