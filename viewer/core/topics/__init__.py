"""Stage 3 of the pipeline: what each section is about.

`classify` reads the taxonomy and its lexicons (data in `resources/`) and gives each section
its topics with scores, asking `model` (a topic model learned offline from labelled contracts)
about what the lexicons cannot place; `stems` turns words into the stems the lexicons are
written in, in every language we read; `similarity` is the TF-IDF space in which sections that
no topic claims are matched. Imports `structure` only.
"""
