"""The topics of commercial contracts are data in every language we read (issue 23)."""

from __future__ import annotations

import pytest

from viewer.core.topics.classify import SectionStems, classify, load_taxonomy
from viewer.core.topics.stems import COMPOUNDING, stems

TAXONOMY = load_taxonomy()
HEADINGS = {
    "insurance": ("Insurance", "Försäkring", "Versicherung", "Assicurazione", "Ubezpieczenie"),
    "restrictive_covenants": (
        "Non-Competition", "Konkurrensförbud", "Wettbewerbsverbot", "Patto di non concorrenza",
        "Zakaz konkurencji",
    ),
    "license_grant": (
        "Grant of License", "Licensupplåtelse", "Lizenzeinräumung", "Concessione di licenza",
        "Udzielenie licencji",
    ),
    "liquidated_damages": ("Liquidated Damages", "Vite", "Vertragsstrafe", "Penale", "Kara umowna"),
    "term_renewal": ("Term and Renewal", "Avtalstid", "Laufzeit", "Durata", "Okres obowiązywania"),
    "first_refusal": (
        "Right of First Refusal", "Förköpsrätt", "Vorkaufsrecht", "Diritto di prelazione",
        "Prawo pierwokupu",
    ),
    "pricing": (
        "Minimum Purchase Commitment", "Minimiåtagande", "Mindestabnahme", "Acquisto minimo",
        "Minimalny zakup",
    ),
}  # fmt: skip
LANGUAGES = ("en", "sv", "de", "it", "pl")


@pytest.mark.parametrize(
    ("topic", "language", "heading"),
    [(t, lang, h) for t, hs in HEADINGS.items() for lang, h in zip(LANGUAGES, hs, strict=True)],
)
def test_a_commercial_clause_heading_names_its_topic(topic, language, heading) -> None:
    words = SectionStems(stems(heading, language), stems("Die Parteien vereinbaren.", language))
    lexicon = TAXONOMY.lexicon(language)
    found = classify(words, False, lexicon, TAXONOMY.order, TAXONOMY.broad, TAXONOMY.parts)
    assert found.topics[:1] == (topic,), (heading, found)
    assert language in COMPOUNDING or found.source == "heading"
