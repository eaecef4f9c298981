"""The command line: `entry` is the `contract-compare` command and `python -m viewer`.

Thin, as DESIGN.md has it: parse, call the core, the store and the reports, print. `entry`
holds the parser and the headless commands, `options` what they share, `format` the readable
tables, `notes` and `report` their subcommands; the JSON shapes are `viewer.core.contract`.
"""

from viewer.cli.entry import entry, main

__all__ = ["entry", "main"]
