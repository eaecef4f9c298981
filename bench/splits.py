"""Which real documents we develop on and which we only measure on.

Every labelled corpus is split by document, once and for all, so that a change is judged by
documents whose misses nobody looked at while making it (the held-back documents of the same
kinds, which measure the product, behave like the measure-only part, not like the part we
tuned on). The split is a hash of the document's name: stable, no list to keep, and blind to
what the documents say. Develop on `DEV`; read only the figures of `MEASURE`, never its misses.
"""

from __future__ import annotations

from hashlib import sha1

DEV, MEASURE = "development", "measure-only"
PARTS = (DEV, MEASURE)

#: b2b-gold has three groups of two or three documents: one of each group is measure-only, the
#: rest development (the developer terms have two documents, so no pair of development ones).
B2B_MEASURE = frozenset({"dpa-wire.md", "dev-linkedin.md", "tos-wpengine.md"})


def part_of(name: str) -> str:
    """The part a document (a CUAD contract's file name, a service's name) belongs to."""
    return DEV if sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else MEASURE


def b2b_part_of(name: str) -> str:
    return MEASURE if name in B2B_MEASURE else DEV
