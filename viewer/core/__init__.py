"""Pure-Python core, in wings that read as the pipeline: `structure` (files -> section trees),
`topics` (what each section is about), `compare` (the comparison service: rows and word
differences), `terms` (key terms). Each wing imports only the ones before it. Beside them:
`model` (the records passed between the stages), `errors`, `contract` (the public JSON
shapes), and the plumbing `records`, `resources` and `cache`.

Nothing in this package may import Qt; an import-linter contract and a test enforce it.
"""

from __future__ import annotations
