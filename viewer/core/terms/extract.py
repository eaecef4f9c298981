"""Key terms of a contract (governing law, liability cap, notice periods...) as short values.

A reviewer comparing contracts wants the few terms that decide the deal side by side: which
law and court, how much liability, how long to pay, how to get out. This module reads them
sentence by sentence, first in the sections on the matching topic and then anywhere, and turns
each into a normalised value ("Sweden", "30 days from invoice", "6 months' fees") that reads
the same whatever the document's language. A term the document does not state is None: values
are read, never guessed, and each comes with the sentence it was read from (or the few
consecutive sentences of one section, when a clause states a term in parts: a right to change
the terms, then the notice for it).

The vocabulary is data (`resources/terms/`, compiled by `terms_patterns`); this is the logic.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from viewer.core.model import KeyTerm, SectionTree
from viewer.core.terms import commercial
from viewer.core.terms.patterns import (
    Clause,
    Duration,
    Hit,
    Sentence,
    Vocab,
    split_sentences,
    vocab,
)
from viewer.core.topics.classify import classify_tree

log = logging.getLogger(__name__)


#: How a reviewer names each term (the matrix's rows, the reports' headings), in their order;
#: the last fourteen are the terms of commercial contracts (commercial.py).
LABELS = {
    "governing_law": "Governing law",
    "venue": "Venue and disputes",
    "liability_cap": "Liability cap",
    "excluded_damages": "Excluded damages",
    "payment_terms": "Payment terms",
    "late_interest": "Late-payment interest",
    "term_renewal": "Term and renewal",
    "termination_notice": "Termination notice",
    "suspension": "Suspension",
    "data_location": "Data location",
    "subprocessors": "Sub-processors",
    "changes_to_terms": "Changes to the terms",
    "survival": "Survival",
    "parties": "Parties",
    "agreement_date": "Agreement date",
    "termination_for_convenience": "Termination for convenience",
    "assignment": "Assignment",
    "change_of_control": "Change of control",
    "exclusivity": "Exclusivity",
    "non_compete": "Non-compete",
    "minimum_commitment": "Minimum commitment",
    "most_favoured_terms": "Most-favoured terms",
    "audit_rights": "Audit rights",
    "insurance": "Insurance",
    "warranty_period": "Warranty period",
    "ip_ownership": "IP ownership",
    "uncapped_liability": "Uncapped liability",
}

#: Every key term, in the order the matrix, the reports and `terms --json` show them.
TERMS = tuple(LABELS)

#: Where each term is looked for first: sections on these topics (then everywhere else).
_TOPICS = {
    **dict.fromkeys(("governing_law", "venue"), frozenset({"governing_law"})),
    **dict.fromkeys(("liability_cap", "excluded_damages"), frozenset({"liability"})),
    **dict.fromkeys(("payment_terms", "late_interest"), frozenset({"fees"})),
    **dict.fromkeys(
        ("term_renewal", "termination_notice", "suspension", "survival"),
        frozenset({"term_renewal", "term_termination"}),
    ),
    **dict.fromkeys(
        ("data_location", "subprocessors"), frozenset({"data_protection", "subprocessors"})
    ),
    "changes_to_terms": frozenset({"changes"}),
    **dict.fromkeys(("parties", "agreement_date"), frozenset()),
    "termination_for_convenience": frozenset({"term_termination"}),
    **dict.fromkeys(("assignment", "change_of_control"), frozenset({"assignment"})),
    **dict.fromkeys(("exclusivity", "non_compete"), frozenset({"restrictive_covenants"})),
    **dict.fromkeys(("minimum_commitment", "most_favoured_terms"), frozenset({"pricing", "fees"})),
    "audit_rights": frozenset({"audit"}),
    "insurance": frozenset({"insurance"}),
    "warranty_period": frozenset({"warranties"}),
    "ip_ownership": frozenset({"ip"}),
    "uncapped_liability": frozenset({"liability", "indemnification"}),
}
_DAYS = ("day", "business day")
_PERIODS = ("day", "business day", "week", "month", "year")
_LONG = ("month", "year")
_RENEWAL_REACH = 100  # characters after "renews" in which its period is stated
#: Kinds of damages only ever named to exclude them (unlike lost data or business).
_BY_NAME = frozenset(("indirect", "incidental", "consequential", "punitive", "exemplary"))
_AHEAD_REACH = 30  # characters after a period that say it runs before the end of the term
_LAW_REACH = 120  # characters after "laws" in which the place whose law it is is named
_FORMED_REACH = 60  # characters before "laws" that may say a company is formed under them


# -- the terms -----------------------------------------------------------------------------


def _governing_law(c: Clause) -> Hit | None:
    s, v = c.sentence, c.vocab
    if not v.has(s, "governing_law", "cue"):
        return None
    match = v.first(s, "governing_law", "place")
    place = match and v.place(match)
    if place:
        return c.hit(place)
    place = _law_place(s, v) if v.has(s, "governing_law", "choice") else None
    return c.hit(place) if place else None


def _law_place(s: str, v: Vocab) -> str | None:
    """The place whose law a choice-of-law sentence names, however it is phrased: the first
    country or subdivision the gazetteer knows within reach after a word for "law" ("the
    internal laws, and not the laws regarding conflicts of laws, of the State of North
    Carolina"), with its country when one follows ("Victoria, Australia"); the place named
    just before it ("New York law"); or, for "the laws thereof", the place named before. A law
    a company is formed under is not a choice of law."""
    for law in v.patterns("governing_law", "law"):
        for anchor in law.finditer(s):
            before = s[max(0, anchor.start() - _FORMED_REACH) : anchor.start()]
            if v.has(before, "governing_law", "formed"):
                continue
            after = s[anchor.end() : anchor.end() + _LAW_REACH]
            if v.has(after, "governing_law", "back_reference"):
                named = v.jurisdictions(s[: anchor.start()])
                if named:
                    return named[-1].name
                continue
            named = v.jurisdictions(before)
            if named and not before[named[-1].end :].strip(" '’s"):  # "New York law"
                return named[-1].name
            places = v.jurisdictions(after.split(";")[0])
            if places:
                first = places[0]
                if len(places) > 1 and re.fullmatch(r",\s*", after[first.end : places[1].start]):
                    return f"{first.name}, {places[1].name}"
                return first.name
    return None


def _court(s: str, v: Vocab) -> str | None:
    match = v.first(s, "venue", "court")
    if match is None:
        return None
    if match.groupdict().get("name"):
        return match.group("name")
    place = v.place(match)
    return f"courts of {place}" if place else None


def _arbitration(s: str, v: Vocab) -> list[str | None] | None:
    """[institute, seat] of an arbitration clause, None when `s` does not provide one."""
    if not v.has(s, "venue", "arbitration"):
        return None
    institute = v.table_hit(s, "arbitration")
    seat_match = v.first(s, "venue", "seat")
    seat = seat_match and v.place(seat_match)
    if not (institute or seat or v.has(s, "venue", "resolve")):
        return None
    return [institute, seat]


def _venue(c: Clause) -> Hit | None:
    """Courts and/or arbitration, in reading order; the sentences after the first may add the
    other forum ("other disputes ... by arbitration"), the institute or the seat."""
    if not c.vocab.has(c.sentence, "venue", "cue"):
        return None
    forums: dict[str, str | list[str | None] | None] = {}
    used = []
    for index, text, language in [(c.index, c.sentence, c.vocab), *c.following()]:
        court, arbitration = _court(text, language), _arbitration(text, language)
        changed = bool(court) and "court" not in forums
        if changed:
            forums["court"] = court
        if arbitration:
            old = forums.get("arbitration")
            new = [a or b for a, b in zip(old or (None, None), arbitration, strict=True)]
            changed = changed or new != old
            forums["arbitration"] = new
        if changed:
            used.append(index)
        elif index == c.index:
            return None
    parts = []
    for found in forums.values():
        if isinstance(found, str):
            parts.append(found)
        elif found:
            institute, seat = found
            where = (f": {institute}" if institute else "") + (f", seat {seat}" if seat else "")
            parts.append("arbitration" + where)
    return c.hit("; ".join(parts), *used)


def _cap(c: Clause, aggregate: bool) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "liability_cap"
    if not (v.has(s, term, "cue") and v.has(s, term, "liability")):
        return None
    if aggregate and not v.has(s, term, "aggregate"):
        return None
    parts: list[tuple[int, int, str]] = []
    months = v.first(s, term, "months_fees")
    period = months and v.duration(months.group("dur"), _LONG)
    if months and period:
        parts.append((months.start(), months.end(), f"{period.possessive} fees"))
    paid = v.first(s, term, "fees_paid")
    period = paid and v.duration(paid.group("dur"), _LONG)
    if paid and period:
        parts.append((paid.start(), paid.end(), f"fees paid in the {period.text} before the claim"))
    for amount, start, end in v.amounts(s):
        if not any(a <= start < b for a, b, _ in parts):
            parts.append((start, end, amount))
    values = [text for _, _, text in sorted(parts)]
    if not values:
        measure = v.first(s, term, "measure")  # a cap without a figure: "the contract value"
        if measure is None:
            return None
        words = " ".join(measure.group("measure").split())
        return c.hit(words.lower() if words.isupper() else words)
    if len(values) > 1 and v.has(s, term, "greater"):
        return c.hit("greater of " + " and ".join(values))
    if len(values) > 1 and v.has(s, term, "lesser"):
        return c.hit("lesser of " + " and ".join(values))
    return c.hit("; ".join(values))


def _claim_period(c: Clause) -> Hit | None:
    """A limit in time: no claim may be brought more than a period after it arose."""
    s, v, term = c.sentence, c.vocab, "liability_cap"
    period = v.stated_period(s, term, "claim_period", units=_PERIODS)
    return c.hit(f"claims within {period.text}") if period else None


def _excluded_damages(c: Clause) -> Hit | None:
    s, v = c.sentence, c.vocab
    plain = v.has(s, "excluded_damages", "cue")
    if not (plain or v.has(s, "excluded_damages", "broad_cue")):
        return None
    kinds = v.labels(s, "excluded_damages", "kinds", "damage_order")
    if not plain and not (v.has(s, "excluded_damages", "damages") and set(kinds) & _BY_NAME):
        return None
    if not v.has(s, "excluded_damages", "loss"):
        kinds = [kind for kind in kinds if not kind.startswith("lost ")]
    return c.hit(", ".join(kinds)) if kinds else None


def _payment_terms(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "payment_terms"
    if not (v.has(s, term, "cue") and v.has(s, term, "anchor")) or v.has(s, term, "negative"):
        return None
    period = v.duration(s, _DAYS)
    if period is None:
        return None
    if v.has(s, term, "net"):
        return c.hit(f"{period.text} net")
    return c.hit(period.text + (" from invoice" if v.has(s, term, "invoice") else ""))


def _per(text: str, v: Vocab) -> str:
    return next((p for p in ("month", "annum") if v.has(text, "late_interest", p)), "")


def _late_interest(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "late_interest"
    if not (v.has(s, term, "cue") and v.has(s, term, "late")):
        return None
    rate = v.first(s, term, "rate")
    if rate:
        # the period stated right after the rate, else anywhere in the sentence
        per = _per(s[rate.end() : rate.end() + 60], v) or _per(s, v)
        above = v.has(s, term, "reference") and v.has(s, term, "above")
        value = rate.group("rate").replace(",", ".") + "%" + (f" per {per}" if per else "")
        return c.hit(value + (" above reference rate" if above else ""))
    for law in v.data.get(term, {}).get("laws", {}):
        if v.has(s, term, "laws", law):
            return c.hit(law)
    return None


def _term_parts(s: str, v: Vocab) -> dict[str, str]:
    parts = {}
    if v.has(s, "term_renewal", "indefinite"):
        parts["indefinite"] = "until further notice"
    initial = v.first(s, "term_renewal", "initial")
    period = initial and v.duration(s[initial.end() :], _LONG)
    if period:
        parts["initial"] = period.text
    renew = v.first(s, "term_renewal", "renew")
    if renew:
        auto = " automatically" if v.has(s, "term_renewal", "auto") else ""
        period = v.duration(s[renew.end() : renew.end() + _RENEWAL_REACH], _LONG)
        if period:
            parts["renewal"] = f"renews{auto} for {period.text}"
        elif v.has(s, "term_renewal", "equal_initial"):
            parts["renewal"] = f"renews{auto} for periods equal to the initial term"
    notice = _renewal_notice(s, v)
    if notice:
        parts["notice"] = f"{notice.possessive} notice to stop renewal"
    return parts


def _renewal_notice(s: str, v: Vocab) -> Duration | None:
    """The notice that stops a renewal, in a sentence on renewing: the period stated just before
    "prior to" / "before" (the end of the term) or as the notice itself ("90 days' notice of
    non-renewal")."""
    if not (v.has(s, "term_renewal", "renew") or v.has(s, "term_renewal", "stop")):
        return None
    if not v.has(s, "term_renewal", "notice"):
        return None
    for stated in v.durations(s):
        ahead = s[stated.end : stated.end + _AHEAD_REACH]
        if stated.unit != "hour" and v.has(ahead, "term_renewal", "ahead"):
            return stated
    return v.stated_period(s, "termination_notice", "notice", units=_PERIODS)


def _term_renewal(c: Clause, anchors: frozenset[str]) -> Hit | None:
    parts = _term_parts(c.sentence, c.vocab)
    if not anchors & parts.keys():
        return None
    used = dict.fromkeys(parts, c.index)
    for index, text, language in c.section():  # the other parts, stated in the same section
        for key, value in _term_parts(text, language).items():
            if key not in parts:
                parts[key], used[key] = value, index
    order = ("indefinite", "initial", "renewal", "notice")
    return c.hit(", ".join(parts[key] for key in order if key in parts), *used.values())


def _termination_notice(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "termination_notice"
    period = v.has(s, term, "cue") and v.stated_period(s, term, "notice", units=_PERIODS)
    if not period:
        return None
    before = " before renewal" if v.has(s, term, "before_end") else ""
    return c.hit(f"{period.possessive} notice{before}")


def _suspension(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "suspension"
    if not v.has(s, term, "cue"):
        return None
    grounds = v.labels(s, term, "grounds", "suspension_order")
    if not grounds:
        return None
    value = "for " + ", ".join(grounds)
    period = v.duration(s, _DAYS)
    if period and v.has(s, term, "notice"):
        value += f" after {period.possessive} notice"
    return c.hit(("immediately " if v.has(s, term, "immediate") else "") + value)


def _data_location(c: Clause) -> Hit | None:
    s, v = c.sentence, c.vocab
    if not (v.has(s, "data_location", "cue") and v.has(s, "data_location", "data")):
        return None
    match = v.first(s, "data_location", "location")
    first = match and v.place(match)
    if not match or not first:
        return None
    names, end = [first], match.end()
    words = "|".join(rf"\b{re.escape(word)}\b" for word in v.data.get("connectors", ()))
    for name, start, stop in v.places(s):  # "in Sweden and Finland": the places listed after it
        if start < end:
            continue
        if not re.fullmatch(rf"(?:\s|,|{words})*", s[end:start], re.IGNORECASE):
            break
        names.append(name)
        end = stop
    return c.hit(", ".join(dict.fromkeys(names)))


def _subprocessors(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "subprocessors"
    if not all(v.has(s, term, key) for key in ("cue", "notice", "new")):
        return None
    period = v.duration(s, ("day", "business day", "week", "month"))
    if period:
        value = f"{period.possessive} notice of new subprocessors"
    elif v.has(s, term, "prior"):
        value = "prior notice of new subprocessors"
    else:
        return None
    if v.has(s, term, "object"):
        return c.hit(value + ", right to object")
    for index, text, language in c.following():
        if language.has(text, term, "object"):
            return c.hit(value + ", right to object", index)
    return c.hit(value)


def _changes_unilateral(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "changes_to_terms"
    if not (v.has(s, term, "unilateral") and v.has(s, term, "object")):
        return None
    for index, text, language in [(c.index, s, v), *c.following()]:
        period = language.has(text, term, "notice") and language.duration(text, _PERIODS)
        if period:
            return c.hit(f"unilateral, {period.possessive} notice", index)
    return c.hit("unilateral")


def _changes_written(c: Clause) -> Hit | None:
    has = c.vocab.has(c.sentence, "changes_to_terms", "written")
    return c.hit("by written amendment only") if has else None


def _survival(c: Clause) -> Hit | None:
    s, v = c.sentence, c.vocab
    if not v.has(s, "survival", "cue"):
        return None
    word = v.first(s, "survival", "section_word")
    numbers = v.section_numbers(s[word.end() :]) if word else []
    if numbers:
        return c.hit(("sections " if len(numbers) > 1 else "section ") + ", ".join(numbers))
    subjects = v.labels(s, "survival", "subjects", "survival_order")
    return c.hit(", ".join(subjects)) if subjects else None


Rule = Callable[[Clause], "Hit | None"]

#: Per term, the readings tried in turn over each tier of sections: a stronger reading (an
#: aggregate cap, a renewal clause) is preferred to a weaker one found earlier.
_RULES: dict[str, tuple[Rule, ...]] = {
    "governing_law": (_governing_law,),
    "venue": (_venue,),
    "liability_cap": (lambda c: _cap(c, True), lambda c: _cap(c, False), _claim_period),
    "excluded_damages": (_excluded_damages,),
    "payment_terms": (_payment_terms,),
    "late_interest": (_late_interest,),
    "term_renewal": (
        lambda c: _term_renewal(c, frozenset({"renewal", "indefinite", "notice"})),
        lambda c: _term_renewal(c, frozenset({"initial"})),
    ),
    "termination_notice": (_termination_notice,),
    "suspension": (_suspension,),
    "data_location": (_data_location,),
    "subprocessors": (_subprocessors,),
    "changes_to_terms": (_changes_unilateral, _changes_written),
    "survival": (_survival,),
    "parties": (commercial.parties,),
    "agreement_date": (commercial.agreement_date, commercial.signed_date),
    "termination_for_convenience": (commercial.termination_for_convenience,),
    "assignment": (commercial.assignment,),
    "change_of_control": (commercial.change_of_control,),
    "exclusivity": (commercial.exclusivity,),
    "non_compete": (commercial.non_compete,),
    "minimum_commitment": (commercial.minimum_commitment,),
    "most_favoured_terms": (commercial.most_favoured_terms,),
    "audit_rights": (commercial.audit_rights,),
    "insurance": (commercial.insurance,),
    "warranty_period": (commercial.warranty_period,),
    "ip_ownership": (commercial.ip_ownership,),
    "uncapped_liability": (commercial.uncapped_liability,),
}


# -- the search ----------------------------------------------------------------------------


def _tiers(term: str, tree: SectionTree, topics: dict[str, tuple[str, ...]]) -> list[list[int]]:
    """Section indices in search order: headings naming the term ("Suspension"), sections on
    its topic, then all the others; each in document order."""
    heading, topical, rest = [], [], []
    for index, section in enumerate(tree.sections):
        if vocab(section.language).has(section.title, term, "heading"):
            heading.append(index)
        elif _TOPICS[term] & set(topics.get(section.id, ())):
            topical.append(index)
        else:
            rest.append(index)
    return [heading, topical, rest]


def _unshouted_hit(rule: Callable[[Clause], Hit | None], clause: Clause) -> Hit | None:
    """The rule's hit on an ALL-CAPS sentence read in ordinary case, when its value names a
    known place: once every word has a capital, any words after "courts in" look like a name
    ("Courts in Any Jurisdiction"), so only a place the vocabulary knows is believed."""
    hit = rule(clause)
    return hit if hit and hit.value and clause.vocab.places(hit.value) else None


def extract_terms(
    tree: SectionTree, topics: dict[str, tuple[str, ...]] | None = None
) -> dict[str, KeyTerm | None]:
    """Every key term of TERMS, by term: the first statement of it in the document (searched
    on-topic first), or None where the document does not state it."""
    if topics is None:
        topics = {key: found.topics for key, found in classify_tree(tree).items()}
    text = tree.document.text
    sentences = [
        split_sentences(text, section.body_start, section.end, section.language)
        for section in tree.sections
    ]
    return {term: _search(term, tree, topics, sentences) for term in TERMS}


def _search(
    term: str,
    tree: SectionTree,
    topics: dict[str, tuple[str, ...]],
    sentences: list[list[Sentence]],
) -> KeyTerm | None:
    text = tree.document.text
    for tier in _tiers(term, tree, topics):
        for rule in _RULES[term]:
            for index in tier:
                found = sentences[index]
                for position in range(len(found)):
                    clause = Clause(text, found, position)
                    hit = rule(clause)
                    if not (hit and hit.value) and clause.shouted():
                        hit = _unshouted_hit(rule, Clause(text, found, position, readable=True))
                    if hit and hit.value:
                        start, end = found[hit.first].start, found[hit.last].end
                        section = tree.sections[index].id
                        return KeyTerm(term, hit.value, text[start:end], section, start, end)
    log.debug("%s: no %s stated", tree.document.path, term)
    return None
