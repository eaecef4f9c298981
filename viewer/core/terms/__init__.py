"""Stage 6 of the pipeline: key terms (governing law, liability cap, notice periods, ...).

`patterns` turns the vocabularies in `resources/terms/` into matchers and cuts sections into
candidate clauses; `extract` finds each term's value and quote in the sections whose topic
says where to look. Imports `structure` and `topics`.
"""
