"""Who is who: the parties' own names mapped to their roles, so that a different company name
("Pelavik" here, "Brightwave" there) is not reported as a difference.

A document defines its parties in parentheses: `Pelavik Cloud AB ("Pelavik", "we" or "us")`,
`the customer identified in the order form ("Customer")`, `Nordmoln AB ("Leverantören")`.
Each quoted name joins the side of the role words it is defined with (data in
`resources/parties.json`); role words alone ("we", "Kunden") map to their side everywhere.
"""

from __future__ import annotations

import re
from functools import cache

from viewer.core.model import SectionTree
from viewer.core.resources import load_json

PROVIDER = "‹provider›"
CUSTOMER = "‹customer›"
_PARENTHESIS = re.compile(r"\(([^()]{1,200})\)")
_QUOTED = re.compile(r"\"([^\"]{1,60})\"")


@cache
def _role_words() -> dict[str, str]:
    data = load_json("parties.json")
    words = {word: PROVIDER for word in data["provider"]}
    words.update({word: CUSTOMER for word in data["customer"]})
    return words


def party_roles(tree: SectionTree) -> dict[str, str]:
    """Lower-cased word -> role token, for the role words and this document's defined names."""
    roles = dict(_role_words())
    for match in _PARENTHESIS.finditer(tree.document.text):
        names = [name.strip().lower() for name in _QUOTED.findall(match.group(1))]
        sides = {roles[name] for name in names if name in _role_words()}
        if len(sides) != 1:
            continue  # no role word, or both sides: not a party definition
        side = sides.pop()
        for name in names:
            if " " not in name:  # "Service Provider" would make "service" a party everywhere
                roles.setdefault(name, side)
    return roles
