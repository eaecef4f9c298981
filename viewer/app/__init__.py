"""The application layer: what the window and the command line both do, without Qt.

`compare` turns files, a reference and a mode into an aligned, diffed comparison and a report's
content; `session` keeps a comparison's review (notes, overrides) in the store; `pane_text`
lays out what a document pane shows. The GUI's widgets and workers and the CLI's commands call
these, each in a few lines.
"""
