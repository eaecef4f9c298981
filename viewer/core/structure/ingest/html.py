"""HTML: the visible text with its heading structure; scripts, styles, menus and banners dropped.

BeautifulSoup with the standard-library parser never fetches anything: images, styles and links
stay unresolved, so importing a saved page works offline and leaks nothing.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from viewer.core.structure.ingest.builder import RawLine

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "footer",
        "form",
        "button",
        "svg",
        "iframe",
        "object",
        "embed",
        "select",
        "head",
        "dialog",
        "canvas",
    }
)
_SILENT_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "canvas"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "address",
        "figure",
        "figcaption",
        "caption",
        "body",
        "html",
        "hr",
        "details",
        "summary",
    }
)
_CHROME_ATTR = re.compile(
    r"(^|[-_ ])(cookie|consent|banner|breadcrumbs?|navbar|menu|skip|sidebar|share|social|"
    r"toolbar|modal|popup)([-_ ]|$)",
    re.IGNORECASE,
)
_ROLES = frozenset({"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"})
_SPACE = re.compile(r"\s+")


def raw_lines(data: bytes) -> Iterator[RawLine]:
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(data, "html.parser")
    walker = _Walker()
    walker.walk(soup.body or soup)
    walker.flush()
    return iter(walker.lines)


_CLOSE = object()  # on the walk's stack: the element whose children are all done


class _Walker:
    """Depth-first walk that cuts the text into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[RawLine] = []
        self._parts: list[str] = []
        self._linked = 0
        self._unlinked = 0
        self._links = 0
        self._source_line: int | None = None
        self._hint = 0
        self._bold = True
        self._has_text = False

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._parts)).strip()
        if text:
            nav = self._linked > 0 and self._unlinked == 0 and self._links > 1
            self.lines.append(
                RawLine(
                    text,
                    self._source_line,
                    hint=self._hint,
                    bold=self._bold and not self._hint,
                    drop="navigation links" if nav else "",
                )
            )
        self._parts, self._linked, self._unlinked, self._links = [], 0, 0, 0
        self._hint, self._bold, self._has_text = 0, True, False

    def walk(self, root: Any) -> None:
        """Every node in document order, with an explicit stack: a page nested 100,000 deep
        is read like any other, where recursion would run out of stack."""
        from bs4 import Comment, NavigableString, Tag

        stack: list[tuple[Any, Any, bool]] = [(root, False, False)]
        while stack:
            node, link, bold = stack.pop()
            if link is _CLOSE:
                self._close(node)
            elif isinstance(node, Comment):
                continue
            elif isinstance(node, NavigableString):
                self._add_text(str(node), node, link=link, bold=bold or self._hint > 0)
            elif isinstance(node, Tag):
                self._open(node, link, bold, stack)

    def _open(self, node: Any, link: bool, bold: bool, stack: list) -> None:
        reason = _hidden(node)
        if reason:
            self._record_hidden(node, reason)
            return
        name = node.name
        block = name in _BLOCK_TAGS
        if block or name == "br":
            self.flush()
        if block:
            self._source_line = node.sourceline
            if name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self._hint = int(name[1])
        if name == "li":
            self._parts.append(_list_marker(node))
        if name == "a":
            self._links += 1
        stack.append((node, _CLOSE, False))
        inner_link = link or name == "a"
        inner_bold = bold or name in {"b", "strong"}  # and a heading's, as the walk reaches it
        stack.extend((child, inner_link, inner_bold) for child in reversed(node.contents))

    def _close(self, node: Any) -> None:
        if node.name in {"td", "th"}:
            self._parts.append(" | ")
        if node.name in _BLOCK_TAGS:
            self.flush()

    def _record_hidden(self, node: Any, reason: str) -> None:
        """Keep visible-looking chrome (menus, banners, footers) traceable as dropped lines."""
        if node.name in _SILENT_TAGS:
            return
        text = _SPACE.sub(" ", node.get_text(" ")).strip()
        if text:
            self.flush()
            self.lines.append(RawLine(text, node.sourceline, drop=reason))

    def _add_text(self, text: str, node: Any, *, link: bool, bold: bool) -> None:
        if not text.strip():
            self._parts.append(" " if text else "")
            return
        if not self._has_text:
            self._source_line = getattr(node.parent, "sourceline", None) or self._source_line
            self._has_text = True
        self._parts.append(text)
        words = len(text.split())
        if link:
            self._linked += words
        elif text.strip(" |·•-–—/") and not _only_separators(text):
            self._unlinked += words
        self._bold = self._bold and bold


def _only_separators(text: str) -> bool:
    return not re.sub(r"[\s|·•/\-–—,]", "", text)


def _hidden(tag: Any) -> str:
    """Why a tag's content is not part of the terms ("" when it is)."""
    name = tag.name
    if name in _INVISIBLE_TAGS:
        return f"<{name}> element"
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return "hidden element"
    if attrs.get("role") in _ROLES:
        return f"{attrs['role']} landmark"
    if "display:none" in str(attrs.get("style", "")).replace(" ", ""):
        return "hidden element"
    names = " ".join(attrs.get("class", [])) + " " + str(attrs.get("id", ""))
    match = _CHROME_ATTR.search(names)
    return f"{match.group(2).lower()} element" if match else ""


def _list_marker(item: Any) -> str:
    """The number a browser would draw before an `<ol>` item, so list text reads the same."""
    parent = item.parent
    if parent is None or parent.name != "ol":
        return ""
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    position = sum(1 for sibling in item.find_previous_siblings("li"))
    kind = parent.get("type", "1")
    value = start + position
    if kind in {"a", "A"} and 1 <= value <= 26:
        letter = chr(ord("a") + value - 1)
        return f"{letter.upper() if kind == 'A' else letter}) "
    return f"{value}. "
