"""Stage 4 and 5 of the pipeline: the comparison service.

`service` is the one way in: files become section trees and trees become an `Alignment` in
the mode asked for (by topic, or two versions section by section), with the reviewer's
overrides; `align` and `versions` make those rows, `index` answers which row holds a section,
`diff` finds the word differences in each row (`parties` and `sequences` serve it). Imports
`structure` and `topics`, never `terms`.
"""
