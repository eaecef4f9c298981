"""Site chrome that a saved web page or a copied document drags along, recognised line by line.

The phrase lists are data (`resources/chrome.json`); the rules here are structural: a line that is
only a known widget word, only social-network names, or only navigation links.
"""

from __future__ import annotations

import re
from functools import cache

from viewer.core.resources import load_json
from viewer.core.structure.language import in_every_language

# a line that is only a page number: `3`, `- 3 -`, `Page 3 of 12`, `Sida 3 av 12`, `3/12`;
# group 1 is the page's number
PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    + "|".join(map(re.escape, in_every_language("page_word")))
    + r")?\s*[-–]?\s*(\d{1,4})\s*(?:(?:"
    + "|".join([*map(re.escape, in_every_language("page_of")), "/"])
    + r")\s*\d{1,4})?\s*[-–]?\s*$",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[^\w\s']+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_SEPARATORS = re.compile(r"^[\s|·•/,;:\-–—>»«]*$")


@cache
def _data() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_json("chrome.json")
    return (
        frozenset(data["phrases"]),
        frozenset(data["social"]),
        frozenset(data["social_lead_words"]),
    )


def _plain(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def chrome_reason(text: str, raw: str = "") -> str | None:
    """Why `text` is chrome, or None if it is content; `raw` is the line before markup removal."""
    if len(text) > 120 and "](" not in raw:
        return None  # widget words and social footers are short; long lines are content
    phrases, social, lead_words = _data()
    plain = _plain(text)
    if not plain:
        return None
    if plain in phrases:
        return "widget text"
    tokens = plain.split()
    named = [token for token in tokens if token in social]
    rest = [token for token in tokens if token not in social and token not in lead_words]
    if not rest and (len(named) >= 2 or (named and len(named) < len(tokens))):
        return "social-media links"
    if raw and is_link_only(raw):
        return "navigation links"
    return None


def is_link_only(raw: str) -> bool:
    """True for a Markdown line of nothing but links and separators: `[Privacy](#) | [Terms](#)`."""
    links = _MD_LINK.findall(raw)
    if not links:
        return False
    remainder = _MD_LINK.sub("", raw)
    if not _SEPARATORS.match(remainder):
        return False
    return len(links) >= 2 or _plain(links[0][0]) in _data()[0]
