"""`contract-compare notes add|list|edit|delete`: reviewer notes from the command line.

Thin like the rest of the CLI: parse, call the store, print. Every failure (unknown section or
status, a file that is not our database, a locked or read-only one) is a `UserError`: one line
and exit 2.
"""

from __future__ import annotations

import argparse

from viewer.cli.format import shown
from viewer.cli.options import emit
from viewer.core.model import NOTE_STATUSES as STATUSES

FIELDS = (
    "id", "doc_sha256", "doc_path", "section", "quote", "status", "text", "author", "created",
    "updated", "orphaned",
)  # fmt: skip


def add_parser(commands) -> None:
    notes = commands.add_parser("notes", help="reviewer notes: add, list, edit, delete")
    actions = notes.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = _action(actions, "add", "add a note to a section; prints its id")
    add.add_argument("--doc", required=True, metavar="FILE", help="the document")
    add.add_argument("--section", required=True, metavar="ID", help="id from `sections --json`")
    add.add_argument("--status", required=True, metavar="STATUS", help=" | ".join(STATUSES))
    add.add_argument("--text", required=True, help="the note")
    add.add_argument("--author", metavar="NAME", help="default: your user name")
    add.add_argument("--quote", metavar="TEXT", help="the words of the section it is about")

    listing = _action(actions, "list", "list notes (re-anchored in FILE when --doc is given)")
    listing.add_argument("--doc", metavar="FILE", help="only this document's notes")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    edit = _action(actions, "edit", "change a note's status, text or author")
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--status", metavar="STATUS", help=" | ".join(STATUSES))
    edit.add_argument("--text")
    edit.add_argument("--author", metavar="NAME")

    delete = _action(actions, "delete", "delete a note")
    delete.add_argument("id", type=int, metavar="ID")

    move = _action(actions, "move", "say FILE is a new version of OLD: its notes move into FILE")
    move.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="OLD",
        help="a path the old document was seen at, or the start of its SHA-256",
    )
    move.add_argument("--doc", required=True, metavar="FILE", help="the new version")


def _action(actions, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help_text)
    parser.add_argument("--db", metavar="DB", help="review database (default: your data folder)")
    return parser


def run(args: argparse.Namespace) -> int:
    from viewer.store import Store

    with Store.open(args.db) as store:
        output = ACTIONS[args.action](store, args)
    emit(output)
    return 0


def _tree(path: str):
    from viewer.core.compare.service import load_trees

    return load_trees([path])[0]


def _add(store, args: argparse.Namespace) -> str:
    author = args.author
    if author is None:
        import getpass

        author = getpass.getuser()
    note = store.add_note(
        _tree(args.doc), args.section, args.status, args.text, author, quote=args.quote
    )
    return f"{note.id}\n"


def _list(store, args: argparse.Namespace) -> dict[str, object] | str:
    notes = store.place_notes(_tree(args.doc)) if args.doc else store.notes()
    if args.json:
        return {"notes": [{field: getattr(note, field) for field in FIELDS} for note in notes]}
    return notes_table(notes)


def _edit(store, args: argparse.Namespace) -> str:
    note = store.edit_note(args.id, status=args.status, text=args.text, author=args.author)
    return f"{note.id}\n"


def _delete(store, args: argparse.Namespace) -> str:
    store.delete_note(args.id)
    return ""


def _move(store, args: argparse.Namespace) -> str:
    return f"{store.move_notes(args.source, _tree(args.doc))}\n"


ACTIONS = {"add": _add, "list": _list, "edit": _edit, "delete": _delete, "move": _move}


def notes_table(notes) -> str:
    """id, status, document, section (or "orphaned"), author and the note's first line; every
    cell as `format.shown` prints it (a note or a name is nobody's terminal control)."""
    import os

    rows: list[tuple[str, ...]] = [("id", "status", "document", "section", "author", "note")]
    for note in notes:
        cells = (
            str(note.id), note.status, os.path.basename(note.doc_path),
            "orphaned" if note.orphaned else (note.section or ""), note.author,
            (note.text.splitlines() or [""])[0],
        )  # fmt: skip
        rows.append(tuple(shown(cell) for cell in cells))
    if len(rows) == 1:
        return "no notes\n"
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"
