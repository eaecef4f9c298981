"""Markdown: headings become hints and markup is removed, so the text reads as it renders.

Removing markup (rather than keeping `**` and `\\.`) matters beyond looks: two versions of the
same terms that differ only in markup must give the same text and the same sections.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from viewer.core.structure.ingest.builder import RawLine
from viewer.core.structure.ingest.text import split_lines

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^(\s*)[-*+][ \t]+")
_ORDERED = re.compile(r"^\s*\d{1,9}[.)][ \t]")  # `1.  An "Account" ...`: an ordered list item
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LEAD = re.compile(r"^((?:\(?[0-9A-Za-z]{1,3}(?:\.[0-9]{1,3})*[.)]?\)?\s+)?)(\*\*|__)(.+?)\2")
_WHOLE_BOLD = re.compile(r"^(\*\*|__)(.+)\1$")
_COMMENT = re.compile(r"<!--.*?-->")
# `1.  [The Service](#1.-The-Service)`: an entry of a table of contents, linking into the page
_CONTENTS_ENTRY = re.compile(
    r"^\s*(?:[-*+]|\d{1,3}(?:\.\d{1,3})*[.)]?)?\s*\[[^\]]+\]\(#[^)]*\)\s*$"
)
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # an empty one is an anchor: `[](#intro)`
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)


_MARKUP = re.compile(r"[*_`\[\]<\\!]")
_FENCE_STARTS = ("`", "~")
_RULE_STARTS = ("=", "-", "*", "_", "|", ":")


# What only Markdown writes: `## Heading`, a setext underline, `**bold**`, `[link](url)`.
_MARKDOWN_SIGNS = re.compile(
    r"^ {0,3}#{1,6}[ \t]+\S|^ {0,3}(?:={3,}|-{3,})[ \t]*$|\*\*\S[^*\n]*\*\*|\]\([^)\s]+\)",
    re.MULTILINE,
)
_MARKDOWN_MIN_SIGNS = 3


def looks_like_markdown(text: str) -> bool:
    """Whether plain text is Markdown source (most terms scraped as `.txt` are): then it must
    read exactly as the same text in a `.md` file, headings and bold run-in titles included."""
    signs = _MARKDOWN_SIGNS.finditer(text[:400_000])
    return len(list(itertools.islice(signs, _MARKDOWN_MIN_SIGNS))) == _MARKDOWN_MIN_SIGNS


def strip_inline(text: str) -> str:
    if not _MARKUP.search(text):
        return text  # most lines of terms carry no inline markup at all
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def raw_lines(text: str) -> Iterator[RawLine]:
    lines = split_lines(_COMMENT.sub("", text))
    in_fence = False
    for index, line in enumerate(lines):
        number = index + 1
        start = line.lstrip()[:1]
        if start in _FENCE_STARTS and line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            yield RawLine(line, number, raw=line)
            continue
        if start in _RULE_STARTS and (
            _SETEXT.match(line) or _RULE.match(line) or _TABLE_RULE.match(line)
        ):
            continue  # underline of a setext heading, a thematic break, or a table rule
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not start or (start.isalnum() and not _MARKUP.search(line)):
            # the common case, a plain paragraph: no block or inline markup to remove
            ordered = bool(_ORDERED.match(line))
            yield RawLine(line, number, hint=_setext_level(line, following), raw=line, item=ordered)
            continue
        yield _convert(line, number, setext=_setext_level(line, following))


def _setext_level(line: str, following: str) -> int:
    if following.lstrip()[:1] not in ("=", "-") or not line.strip():
        return 0
    if _BULLET.match(line) or not _SETEXT.match(following):
        return 0
    return 1 if following.strip().startswith("=") else 2


def _convert(line: str, number: int, setext: int) -> RawLine:
    raw = line
    hint = setext
    heading = _ATX.match(line)
    if not (heading or setext) and _CONTENTS_ENTRY.match(line):
        return RawLine(strip_inline(line), number, raw=raw, drop="table of contents")
    if heading:
        hint = len(heading.group(1))
        line = heading.group(2) or ""
    line = _QUOTE.sub("", line)
    bullet = _BULLET.match(line)
    if bullet:
        line = bullet.group(1) + line[bullet.end() :]
    body = line.strip()
    if body.startswith("|") and body.endswith("|"):
        line = " | ".join(cell.strip() for cell in body[1:-1].split("|"))
    lead = _LEAD.match(body)
    whole_bold = bool(_WHOLE_BOLD.match(body)) and "**" not in body[2:-2]
    return RawLine(
        text=strip_inline(line),
        source_line=number,
        hint=hint,
        bold=whole_bold,
        lead=strip_inline(lead.group(3)) if lead and not whole_bold else "",
        raw=raw,
        item=bool(bullet or _ORDERED.match(line)) and not heading,
    )
