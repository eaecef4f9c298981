"""The Jinja2 environment over `resources/report/`: autoescaped HTML, strict about names."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import jinja2

from viewer.core.resources import resource_path


@cache
def environment() -> jinja2.Environment:
    """One environment per process (Jinja2 caches the compiled templates in it).

    Autoescape is on for every template, so every document and note text is escaped; a
    misspelt name in a template is an error rather than an empty string.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_path("report")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = clip
    env.filters["clip_list"] = clip_list
    return env


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis; a limit of 0 keeps it whole."""
    if limit <= 0 or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def clip_list(items: Sequence[str], limit: int) -> list[str]:
    """The first `limit` items and how many more there are; a limit of 0 keeps them all."""
    if limit <= 0 or len(items) <= limit:
        return list(items)
    return [*items[:limit], f"… {len(items) - limit} more"]


def render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
