"""Key terms a reviewer of a commercial contract looks for: may a party walk away, assign, or
compete; must it buy a minimum, keep insurance, allow an audit; who owns what is made.

Each is a clause found by its topic and cues (vocabulary per language in `resources/terms/`)
and summed up in a few words read from the clause itself: who may terminate and on what
notice, what consent an assignment needs, which liabilities the cap leaves out. The parties and
the date of the agreement are read from the contract's opening, where contracts state them.
"""

from __future__ import annotations

import re
from datetime import date

from viewer.core.terms.patterns import Clause, Hit, Vocab

_PERIODS = ("day", "business day", "week", "month", "year")
_OPENING = 6000  # characters at the start of a contract in which it names its parties and date
_NAME_REACH = 250  # characters before a party's defined role in which its name stands
_EFFECT_REACH = 150  # characters around a change of control in which what it triggers is said
_CENTURY, _PIVOT = 100, 50  # a two-digit year: 00-49 this century, 50-99 the last
_DATE_REACH = 40  # characters after a sentence that may hold the date it leads up to
_LONGEST_NAME = 100  # characters: more is a description, not a name


def _notice(s: str, v: Vocab) -> str:
    """ ", 30 days' notice" where the sentence gives a period of notice."""
    period = v.stated_period(s, "termination_notice", "notice", units=_PERIODS)
    return f", {period.possessive} notice" if period else ""


def _without(s: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        s = pattern.sub(" ", s)
    return s


def _who(s: str, v: Vocab) -> str:
    return "either party" if v.has(s, "either_party") else "one party"


def termination_for_convenience(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "termination_for_convenience"
    if not (v.has(s, term, "cue") and v.has(s, term, "right")):
        return None
    events = v.patterns(term, "event")  # "termination for any reason" is an event, not a ground
    plain = v.has(_without(s, events), term, "ground")
    if not plain and not (v.has(s, term, "any_time") and not v.has(s, term, "cause")):
        return None
    return c.hit(_who(s, v) + _notice(s, v))


def assignment(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "assignment"
    if not (v.has(s, term, "cue") and v.has(s, term, "restrict")):
        return None
    if v.has(s, term, "consent"):
        value = "consent needed"
    elif v.has(s, "notice_word"):
        value = "notice needed"
    elif v.has(s, term, "prohibited"):
        value = "not assignable"
    elif v.has(s, term, "terminates"):
        value = "ends the agreement"
    else:
        return None
    if v.has(s, "change_of_control", "cue"):
        value += ", including on a change of control"
    return c.hit(value)


def change_of_control(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "change_of_control"
    match = v.first(s, term, "cue")
    if match is None or v.has(s, term, "exception"):
        return None
    near = s[max(0, match.start() - _EFFECT_REACH) : match.end() + _EFFECT_REACH]
    effects = v.labels(near, term, "effects", "control_order")
    return c.hit(", ".join(effects)) if effects else None


def exclusivity(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "exclusivity"
    match = v.first(s, term, "cue")
    if match is None or v.has(s, term, "not"):
        return None
    return c.hit(" ".join(match.group().lower().split()))


def non_compete(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "non_compete"
    if not v.has(s, term, "cue") or v.has(s, term, "not"):
        return None
    period = v.stated_period(s, term, "after", units=_PERIODS)
    return c.hit(f"during the term and {period.text} after" if period else "during the term")


def minimum_commitment(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "minimum_commitment"
    match = v.first(s, term, "cue")
    if match is None or v.has(s, term, "not"):
        return None
    amounts = v.amounts(s)
    what = " ".join(match.group().lower().split())
    return c.hit(f"{what}: {amounts[0][0]}" if amounts else what)


def most_favoured_terms(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "most_favoured_terms"
    if not v.has(s, term, "cue"):
        return None
    return c.hit("prices" if v.has(s, term, "price") else "terms")


def audit_rights(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "audit_rights"
    if not (v.has(s, term, "cue") and v.has(s, term, "object") and v.has(s, term, "right")):
        return None
    if v.has(s, term, "not"):
        return None
    what = "books and records" if v.has(s, term, "records") else "compliance"
    return c.hit(what + _notice(s, v))


def insurance(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "insurance"
    if not (v.has(s, term, "cue") and v.has(s, term, "duty")):
        return None
    kinds = v.labels(s, term, "kinds", "insurance_order")
    amounts = v.amounts(s)
    value = ", ".join(kinds) if kinds else "insurance required"
    return c.hit(value + (f", {amounts[0][0]}" if amounts else ""))


def warranty_period(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "warranty_period"
    if not v.has(s, term, "cue"):
        return None
    period = v.stated_period(s, term, "period", units=_PERIODS)
    if period:
        return c.hit(period.text)
    blank = v.first(s, term, "unstated")
    return c.hit(" ".join(blank.group("period").split())) if blank else None


def ip_ownership(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "ip_ownership"
    if not (v.has(s, term, "cue") and v.has(s, term, "transfer")) or v.has(s, term, "not"):
        return None
    return c.hit("work product owned by the other party" if v.has(s, term, "hire") else "assigned")


def uncapped_liability(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "uncapped_liability"
    if v.has(s, term, "unlimited"):
        return c.hit("unlimited")
    if not (v.has(s, term, "limit") and v.has(s, term, "carve_out")):
        return None
    outs = v.labels(s, term, "subjects", "carve_out_order")
    sections = v.first(s, term, "sections")
    numbers = v.section_numbers(s[sections.end() :])[:4] if sections else []
    if numbers:
        outs.append(("sections " if len(numbers) > 1 else "section ") + ", ".join(numbers))
    return c.hit("not capped for " + ", ".join(outs)) if outs else None


# -- the opening: who and when ------------------------------------------------------------


def in_opening(c: Clause) -> bool:
    return c.sentences[c.index].start < _OPENING


def parties(c: Clause) -> Hit | None:
    """ "Acme Corp. (Supplier); Beta LLC (Distributor)": each name with the role it is defined
    as, from the sentence that says who makes the agreement."""
    s, v, term = c.sentence, c.vocab, "parties"
    if not (in_opening(c) and v.has(s, term, "cue")):
        return None
    found: list[str] = []
    for definition in v.patterns(term, "role"):
        for match in definition.finditer(s):
            name = _party_name(s[max(0, match.start() - _NAME_REACH) : match.start()], v)
            role = " ".join(match.group("role").split())
            if name and not v.has(role, term, "not_a_role"):
                found.append(name if name.lower() == role.lower() else f"{name} ({role})")
    found = list(dict.fromkeys(found))
    return c.hit("; ".join(found)) if len(found) >= 2 else None


def _party_name(before: str, v: Vocab) -> str | None:
    """The name before a role's definition: after the word that starts the list of parties
    ("between") or the definition before it, up to the description that follows a name (", a
    Delaware corporation")."""
    cut = max(
        (m.end() for p in v.patterns("parties", "joiner") for m in p.finditer(before)), default=0
    )
    segment = before[cut:]
    leading = v.first(segment, "parties", "and")
    if leading and leading.start() == 0:  # "and Beta Inc."
        segment = segment[leading.end() :]
    elif v.has(segment[:4], "parties", "description"):  # ", a Delaware corporation, and Beta"
        last = [m for p in v.patterns("parties", "and") for m in p.finditer(segment)]
        segment = segment[max(m.end() for m in last) :] if last else ""
    for pattern in v.patterns("parties", "description"):
        described = pattern.search(segment)
        if described:
            segment = segment[: described.start()]
    name = " ".join(segment.split()).strip(" ,;:-")
    plain = name[:1].isupper() or name.lower().startswith("the ")  # "the entity that ..."
    return name if 2 <= len(name) <= _LONGEST_NAME and plain else None


def agreement_date(c: Clause) -> Hit | None:
    s, v, term = c.sentence, c.vocab, "agreement_date"
    if not (in_opening(c) and v.has(s, term, "cue")):
        return None
    end = c.sentences[c.index].end  # "entered into as of" and the date on the next line
    found = dates(s, v) or dates(c.text[end : end + _DATE_REACH], v)
    return c.hit(found[0].isoformat()) if found else None


def signed_date(c: Clause) -> Hit | None:
    """The date a contract that states none at its opening was signed: the last "Date:" of
    its signature blocks, where it took effect once both parties had signed."""
    s, v = c.sentence, c.vocab
    labelled = [when for m in v.patterns("agreement_date", "signed") for when in _after(m, s, v)]
    return c.hit(max(labelled).isoformat()) if labelled else None


def _after(label: re.Pattern[str], s: str, v: Vocab) -> list[date]:
    return [when for m in label.finditer(s) for when in dates(s[m.end() : m.end() + 30], v)[:1]]


def dates(text: str, v: Vocab) -> list[date]:
    """Full dates written in `text` ("March 5, 2019", "the 5th day of March, 2019", "5 mars
    2019", "2019-03-05", "3/5/2019"), in the order written; impossible ones are left out."""
    months = {name.lower(): number for name, number in v.data.get("months", {}).items()}
    found = []
    for pattern in v.patterns("agreement_date", "date"):
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = parts.get("month")
            number = int(month) if month and month.isdigit() else months.get((month or "").lower())
            year = int(parts["year"])
            year += 0 if year >= _CENTURY else 2000 if year < _PIVOT else 1900  # "11/4/10"
            try:
                when = date(year, number or 0, int(parts["day"]))
            except (TypeError, ValueError):
                continue
            found.append((match.start(), when))
    return [when for _, when in sorted(found)]
