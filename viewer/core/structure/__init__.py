"""Stage 1 and 2 of the pipeline: a file becomes a `Document` (`ingest`, one module per
format, with `language` detection) and a `Document` becomes a `SectionTree` (`headings` reads
a line's shape, `segment` builds the tree; `sentences` says where a sentence ends).

Nothing here knows of topics, alignment or key terms: the later stages import this one, never
the other way round (an import-linter contract holds it).
"""
