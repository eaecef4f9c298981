"""Property: the Preamble and the sections tile the normalised text, whatever the input."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.errors import IngestError
from viewer.core.structure.ingest.builder import RawLine, build_document
from viewer.core.structure.segment import segment

FRAGMENTS = st.sampled_from(
    [
        "1. Definitions",
        "1.1 Fees",
        "2.",
        "Types of Products.",
        "10.1. Delivery. We deliver.",
        "a) Registration: You register.",
        "(b) Confidential Matters",
        "LIMITATION OF LIABILITY",
        "General Provisions",
        "1. copy the software;",
        "The Customer shall pay all fees.",
        "",
        "Ansvar",
        "12.1 Governing Law and Jurisdiction. This Agreement is governed by Swedish law.",
        "Top of page",
        "- a) **Registration:** In order to use it you register.",
        "3 Introduction",
    ]
)
LINES = st.lists(
    st.tuples(
        st.one_of(FRAGMENTS, st.text(min_size=0, max_size=40)), st.integers(0, 3), st.booleans()
    ),
    min_size=1,
    max_size=40,
)


@given(LINES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sections_cover_the_whole_text(lines) -> None:
    raw = [
        RawLine(text, number, hint=hint, bold=bold)
        for number, (text, hint, bold) in enumerate(lines, start=1)
    ]
    try:
        document = build_document("generated.txt", "text", b"x", raw)
    except IngestError:  # nothing readable: nothing to cover
        return
    tree = segment(document)
    sections = tree.sections
    assert sections[0].start == 0
    assert sections[-1].end == len(document.text)
    for before, after in itertools.pairwise(sections):
        assert before.end == after.start
    assert all(s.start <= s.body_start <= s.end for s in sections)
    assert "".join(tree.text_of(s) for s in sections) == document.text
    ids = [s.id for s in sections]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(s.parent in known for s in sections if s.parent)
