"""Key-term extraction: every sample against its gold values, small clauses per term in English
and Swedish (a few in German, Italian and Polish), and real terms of service whose governing-law
and jurisdiction sentences were tagged by researchers (../shared/corpus, skipped where absent).

The values must be exactly the gold strings: a reviewer compares them across documents, so a
value that drifts in wording is as wrong as a wrong value. A term a document does not state
must be None, never a guess.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from viewer.core.compare.service import load_trees
from viewer.core.model import Document, LanguagePart, Section, SectionTree
from viewer.core.terms.extract import TERMS, KeyTerm, extract_terms, split_sentences

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_contracts"
GOLD = SAMPLES / "gold" / "terms"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _sample_files() -> list[tuple[str, str]]:
    """(gold stem, file name) for every sample and every other format built from it."""
    cases = []
    for gold in sorted(GOLD.glob("*.json")):
        outline = json.loads((SAMPLES / "gold" / gold.name).read_text("utf-8"))
        cases += [(gold.stem, name) for name in [outline["file"], *outline.get("also", [])]]
    return cases


FILES = _sample_files()


@cache
def gold(stem: str) -> dict[str, str | None]:
    return json.loads((GOLD / f"{stem}.json").read_text("utf-8"))


@cache
def extracted(name: str) -> tuple[SectionTree, dict[str, KeyTerm | None]]:
    tree = load_trees([str(SAMPLES / name)])[0]
    return tree, extract_terms(tree)


def test_every_sample_has_a_gold_value_for_every_term() -> None:
    stems = {stem for stem, _ in FILES}
    assert len(stems) >= 6
    for stem in stems:
        assert list(gold(stem)) == list(TERMS), stem
    values = [value for stem in stems for value in gold(stem).values()]
    assert None in values  # some terms are really absent from some samples


@pytest.mark.parametrize(
    ("stem", "name", "term"),
    [pytest.param(s, n, t, id=f"{n}-{t}") for s, n in FILES for t in TERMS],
)
def test_sample_terms_match_gold(stem: str, name: str, term: str) -> None:
    found = extracted(name)[1][term]
    assert (found.value if found else None) == gold(stem)[term]


@pytest.mark.parametrize("name", [name for _, name in FILES])
def test_quotes_are_document_text_inside_their_section(name: str) -> None:
    tree, terms = extracted(name)
    assert list(terms) == list(TERMS)
    sections = {section.id: section for section in tree.sections}
    for term, found in terms.items():
        if found is None:
            continue
        assert found.term == term
        assert tree.document.text[found.start : found.end] == found.quote
        section = sections[found.section]
        assert section.start <= found.start < found.end <= section.end, (term, found.section)


def test_topics_given_by_the_caller_are_used() -> None:
    tree, terms = extracted("pelavik_subscription_agreement.txt")
    no_topics = {section.id: () for section in tree.sections}
    assert extract_terms(tree, no_topics)["governing_law"] == terms["governing_law"]


# -- small clauses ---------------------------------------------------------------------------


def tree_of(body: str, language: str, title: str = "Clause") -> SectionTree:
    """A one-section document: `title`, a blank line and `body`."""
    text = f"{title}\n\n{body}\n"
    document = Document(
        "synthetic.txt", "txt", text, (), "", language, (LanguagePart(0, len(text), language),)
    )
    start = len(title) + 2
    section = Section("A:1", "A", "1", title, 1, None, None, None, 0, len(text), start, language)
    return SectionTree("A", document, None, (section,))


def value_of(body: str, language: str, term: str) -> str | None:
    found = extract_terms(tree_of(body, language), {"A:1": ()})[term]
    return found.value if found else None


CLAUSES = [
    # governing law
    (
        "en",
        "governing_law",
        "This Agreement is governed by the laws of the State of Delaware.",
        "Delaware",
    ),
    (
        "en",
        "governing_law",
        "These terms shall be construed in accordance with English law.",
        "England and Wales",
    ),
    ("en", "governing_law", "The laws of your country of residence govern this Agreement.", None),
    ("en", "governing_law", "This Agreement is signed in Stockholm, Sweden.", None),
    # a choice of law however phrased: the place from the gazetteer, after the word "laws"
    (
        "en",
        "governing_law",
        "This Agreement is governed by the internal laws, and not the conflict of laws rules, "
        "of the Province of Manitoba.",
        "Manitoba",
    ),
    (
        "en",
        "governing_law",
        "THIS AGREEMENT SHALL BE CONTROLLED BY THE LAWS OF THE STATE OF OREGON.",
        "Oregon",
    ),
    (
        "en",
        "governing_law",
        "Any dispute shall be determined in accordance with the laws ofthe State ofVermont.",
        "Vermont",
    ),
    (
        "en",
        "governing_law",
        "This Agreement is governed by the laws of Queensland, Australia.",
        "Queensland, Australia",
    ),
    (
        "en",
        "governing_law",
        "This Agreement shall be construed under Nova Scotia law, whatever its place of signing.",
        "Nova Scotia",
    ),
    (
        "en",
        "governing_law",
        "Orders are accepted by the Supplier in the State of Idaho and this Agreement shall be "
        "governed by the laws thereof.",
        "Idaho",
    ),
    (
        "en",
        "governing_law",
        "The Distributor is a company incorporated under the laws of Norway and is governed by "
        "its articles of association.",
        None,
    ),
    (
        "sv",
        "governing_law",
        "Avtalet ska tolkas och tillämpas i enlighet med svensk lag.",
        "Sweden",
    ),
    ("sv", "governing_law", "På detta avtal ska lagen i Norge tillämpas.", "Norway"),
    ("de", "governing_law", "Dieser Vertrag unterliegt deutschem Recht.", "Germany"),
    ("it", "governing_law", "Il presente contratto è disciplinato dalla legge italiana.", "Italy"),
    (
        "pl",
        "governing_law",
        "Umowa podlega prawu polskiemu i prawu Rzeczypospolitej Polskiej.",
        "Poland",
    ),
    (
        "de",
        "governing_law",
        "Für diesen Vertrag gilt das Recht des US-Bundesstaats Kalifornien.",
        "California",
    ),
    ("de", "governing_law", "Diese Bedingungen unterliegen dem Recht Irlands.", "Ireland"),
    (
        "de",
        "governing_law",
        "Das Vertragsverhältnis richtet sich nach dem in der Schweiz geltenden Recht.",
        "Switzerland",
    ),
    ("de", "governing_law", "Es gilt das niederländische Recht.", "Netherlands"),
    (
        "de",
        "governing_law",
        "Ausfuhren unterliegen den amerikanischen Gesetzen über die Exportkontrolle.",
        None,
    ),
    (
        "de",
        "governing_law",
        "Der Anbieter ist eine nach irischem Recht gegründete Gesellschaft, die der Aufsicht "
        "unterliegt.",
        None,
    ),
    (
        "it",
        "governing_law",
        "Il presente accordo sarà disciplinato dalle leggi dello Stato di New York.",
        "New York",
    ),
    ("it", "governing_law", "La legge inglese disciplinerà questi termini.", "England and Wales"),
    (
        "it",
        "governing_law",
        "Ai presenti termini si applicano le leggi vigenti in Svizzera.",
        "Switzerland",
    ),
    (
        "it",
        "governing_law",
        "Il servizio è regolamentato dalle leggi della Repubblica d'Irlanda.",
        "Ireland",
    ),
    (
        "it",
        "governing_law",
        "Le condizioni sono disciplinate dal diritto californiano.",
        "California",
    ),
    (
        "it",
        "governing_law",
        "Il fornitore è una società costituita ai sensi della legge irlandese e soggetta alla "
        "vigilanza della banca centrale.",
        None,
    ),
    (
        "it",
        "governing_law",
        "I prodotti possono essere soggetti alle leggi statunitensi sul controllo delle "
        "esportazioni.",
        None,
    ),
    ("pl", "governing_law", "Umowa podlega prawu stanu Kalifornia.", "California"),
    (
        "pl",
        "governing_law",
        "Prawem właściwym dla niniejszego regulaminu jest prawo irlandzkie.",
        "Ireland",
    ),
    (
        "pl",
        "governing_law",
        "Do umowy zastosowanie ma prawo obowiązujące w Szwajcarii.",
        "Switzerland",
    ),
    ("pl", "governing_law", "Warunki podlegają przepisom stanu Nowy Jork.", "New York"),
    ("pl", "governing_law", "Sklep podlega wyłącznie prawu austriackiemu.", "Austria"),
    (
        "pl",
        "governing_law",
        "Spory będą rozstrzygane zgodnie z przepisami prawa obowiązującego w Austrii.",
        "Austria",
    ),
    (
        "pl",
        "governing_law",
        "Eksport towarów podlega przepisom prawa Stanów Zjednoczonych dotyczącym kontroli "
        "eksportu.",
        None,
    ),
    (
        "pl",
        "governing_law",
        "Sprzedawca, spółka działająca zgodnie z prawem niemieckim, podlega nadzorowi "
        "właściwych władz.",
        None,
    ),
    # venue
    (
        "en",
        "venue",
        "The courts of Stockholm, Sweden have exclusive jurisdiction over any dispute.",
        "courts of Stockholm, Sweden",
    ),
    (
        "en",
        "venue",
        "Any dispute shall be finally settled by arbitration under the Rules of the ICC. The "
        "seat of arbitration shall be Paris.",
        "arbitration: ICC, seat Paris",
    ),
    ("en", "venue", "Each party will act in good faith to resolve any dispute.", None),
    (
        "en",
        "venue",
        "Any claim shall be brought in the courts located in Salt Lake County, State of Utah.",
        "courts of Salt Lake County, State of Utah",
    ),
    (
        "en",
        "venue",
        "SOLE AND EXCLUSIVE JURISDICTION FOR ANY ACTION SHALL BE IN AN APPROPRIATE STATE OR "
        "FEDERAL COURT LOCATED IN SAN FRANCISCO COUNTY, STATE OF CALIFORNIA.",
        "courts of San Francisco County, State of California",
    ),
    (
        "en",
        "venue",
        "ANY DISPUTE MAY BE BROUGHT BEFORE THE COURTS IN ANY COUNTRY WHERE YOU LIVE.",
        None,
    ),
    (
        "en",
        "venue",
        "No action shall be brought except in a court of competent jurisdiction in England.",
        "courts of England",
    ),
    (
        "en",
        "venue",
        "If you are based in Germany, legal proceedings may be brought in your local courts.",
        "your local courts",
    ),
    (
        "sv",
        "venue",
        "Tvist ska avgöras av Stockholms tingsrätt som första instans.",
        "Stockholms tingsrätt",
    ),
    (
        "sv",
        "venue",
        "Tvist ska slutligt avgöras genom skiljedom enligt Stockholms Handelskammares "
        "Skiljedomsinstitut. Skiljeförfarandets säte ska vara Malmö.",
        "arbitration: SCC, seat Malmö",
    ),
    (
        "de",
        "venue",
        "Gerichtsstand für alle Streitigkeiten aus diesem Vertrag ist München.",
        "courts of München",
    ),
    (
        "de",
        "venue",
        "Für alle Streitigkeiten sind ausschließlich die Gerichte der Republik Österreich "
        "zuständig.",
        "courts of Austria",
    ),
    ("de", "venue", "Für Klagen sind die Gerichte der Mitgliedstaaten zuständig.", None),
    (
        "it",
        "venue",
        "Ogni controversia sarà devoluta ai tribunali competenti della Repubblica d'Irlanda.",
        "courts of Ireland",
    ),
    (
        "it",
        "venue",
        "Per ogni controversia sono competenti i tribunali dello Stato membro in cui risiede "
        "il consumatore.",
        None,
    ),
    (
        "pl",
        "venue",
        "Wszelkie spory rozstrzygać będą sądy Rzeczypospolitej Polskiej.",
        "courts of Poland",
    ),
    (
        "pl",
        "venue",
        "Powództwa można wnosić wyłącznie do sądów w stanie Nowy Jork.",
        "courts of New York",
    ),
    # liability cap
    (
        "en",
        "liability_cap",
        "The Supplier's total liability shall not exceed EUR 50,000.",
        "EUR 50,000",
    ),
    (
        "en",
        "liability_cap",
        "Each party's aggregate liability shall not exceed three (3) months' fees.",
        "3 months' fees",
    ),
    (
        "en",
        "liability_cap",
        "Our aggregate liability is limited to the greater of the fees paid by you in the six"
        " (6) months preceding the claim and EUR 10 000.",
        "greater of fees paid in the 6 months before the claim and EUR 10,000",
    ),
    ("en", "liability_cap", "Our liability is limited as set out in this section.", None),
    (
        "en",
        "liability_cap",
        "The Contractor's liability shall be limited to the total price of the Order concerned.",
        "the total price of the Order concerned",
    ),
    (
        "en",
        "liability_cap",
        "IN NO EVENT SHALL THE SELLER'S LIABILITY EXCEED THE AMOUNT PAID BY THE BUYER FOR THE "
        "GOODS.",
        "the amount paid by the buyer for the goods",
    ),
    (
        "en",
        "liability_cap",
        "No action arising out of this Agreement may be brought by either party more than two "
        "(2) years after the cause of action has accrued.",
        "claims within 2 years",
    ),
    (
        "en",
        "excluded_damages",
        "NONE OF THE PARTIES SHALL IN ANY EVENT HAVE ANY LIABILITY FOR PUNITIVE OR CONSEQUENTIAL "
        "DAMAGES.",
        "consequential, punitive",
    ),
    ("en", "excluded_damages", "Neither party may use the other's data for any purpose.", None),
    (
        "en",
        "term_renewal",
        "This Agreement renews for further terms of the same duration unless a party elects not "
        "to renew by written notice given no later than four (4) months prior to the end of the "
        "current term.",
        "renews for periods equal to the initial term, 4 months' notice to stop renewal",
    ),
    (
        "sv",
        "term_renewal",
        "Avtalet förlängs automatiskt med ett år i taget om det inte sägs upp senast två (2) "
        "månader före avtalstidens utgång.",
        "renews automatically for 1 year, 2 months' notice to stop renewal",
    ),
    (
        "en",
        "liability_cap",
        "In no event shall our total liability exceed one hundred dollars (100$).",
        "USD 100",
    ),
    (
        "de",
        "liability_cap",
        "Unsere Gesamthaftung ist in jedem Fall auf einhundert Euro (100,00€) begrenzt.",
        "EUR 100",
    ),
    (
        "sv",
        "liability_cap",
        "Leverantörens sammanlagda ansvar är begränsat till 500 000 kronor.",
        "SEK 500,000",
    ),
    (
        "sv",
        "liability_cap",
        "Leverantörens sammanlagda ansvar är begränsat till tre (3) månaders avgifter.",
        "3 months' fees",
    ),
    (
        "de",
        "liability_cap",
        "Die Gesamthaftung des Anbieters übersteigt in keinem Fall 2.500 Euro.",
        "EUR 2,500",
    ),
    (
        "de",
        "liability_cap",
        "Die Haftung des Anbieters ist auf die Vergütung für drei Monate begrenzt.",
        "3 months' fees",
    ),
    (
        "de",
        "liability_cap",
        "Die Gesamthaftung ist auf den höheren Betrag von 200 US-Dollar oder den Entgelten "
        "begrenzt, die Sie in den zwölf (12) Monaten vor dem Schadensereignis gezahlt haben.",
        "greater of USD 200 and fees paid in the 12 months before the claim",
    ),
    (
        "de",
        "liability_cap",
        "Unter keinen Umständen wird die Gesamthaftung die von Ihnen in den letzten sechs Monaten "
        "gezahlten Entgelte überschreiten.",
        "fees paid in the 6 months before the claim",
    ),
    (
        "de",
        "liability_cap",
        "Die Anbieterin ist eine Gesellschaft mit beschränkter Haftung mit einem Stammkapital von "
        "25.000 Euro.",
        None,
    ),
    (
        "de",
        "liability_cap",
        "Die Haftung des Anbieters ist nach Maßgabe dieses Abschnitts beschränkt.",
        None,
    ),
    (
        "it",
        "liability_cap",
        "La responsabilità complessiva del Fornitore non potrà in alcun caso superare 10.000 euro.",
        "EUR 10,000",
    ),
    (
        "it",
        "liability_cap",
        "In nessun caso il Fornitore sarà tenuto a risarcire il Cliente per un importo superiore "
        "ai corrispettivi pagati dal Cliente nei sei (6) mesi precedenti il reclamo.",
        "fees paid in the 6 months before the claim",
    ),
    (
        "it",
        "liability_cap",
        "La responsabilità totale è limitata al più alto tra 500 EUR e il canone di tre mesi.",
        "greater of EUR 500 and 3 months' fees",
    ),
    (
        "it",
        "liability_cap",
        "La responsabilità del Fornitore è limitata ai soli danni diretti.",
        None,
    ),
    (
        "pl",
        "liability_cap",
        "Łączna odpowiedzialność Usługodawcy nie przekroczy kwoty 5000 zł.",
        "PLN 5,000",
    ),
    (
        "pl",
        "liability_cap",
        "Całkowita odpowiedzialność Sprzedawcy jest ograniczona do kwoty opłat uiszczonych przez "
        "Klienta w okresie trzech (3) miesięcy poprzedzających zgłoszenie roszczenia.",
        "fees paid in the 3 months before the claim",
    ),
    (
        "pl",
        "liability_cap",
        "Łączna odpowiedzialność Dostawcy nie przekroczy wyższej z następujących kwot: 200 euro "
        "lub opłat za 3 miesiące.",
        "greater of EUR 200 and 3 months' fees",
    ),
    (
        "pl",
        "liability_cap",
        "Sprzedawca jest spółką z ograniczoną odpowiedzialnością z kapitałem zakładowym 50 000 zł.",
        None,
    ),
    (
        "pl",
        "liability_cap",
        "Wypłacimy premię w wysokości 150% zasądzonego odszkodowania, do kwoty maksymalnie 1000 "
        "euro.",
        None,
    ),
    # excluded damages
    (
        "en",
        "excluded_damages",
        "Neither party shall be liable for any indirect or consequential damages, loss of "
        "profits or loss of data.",
        "indirect, consequential, lost profits, lost data",
    ),
    (
        "en",
        "excluded_damages",
        "Neither party shall be liable for delays caused by the other party.",
        None,
    ),
    (
        "sv",
        "excluded_damages",
        "Leverantören ansvarar inte för indirekt skada, såsom utebliven vinst eller förlust "
        "av data.",
        "indirect, lost profits, lost data",
    ),
    (
        "de",
        "excluded_damages",
        "Die Haftung für mittelbare Schäden und entgangenen Gewinn ist ausgeschlossen.",
        "indirect, lost profits",
    ),
    # payment terms
    (
        "en",
        "payment_terms",
        "Invoices are payable within forty-five (45) days of the invoice date.",
        "45 days from invoice",
    ),
    ("en", "payment_terms", "Payment is due 30 days net.", "30 days net"),
    ("en", "payment_terms", "Payment is due on the first day of each month.", None),
    (
        "sv",
        "payment_terms",
        "Betalning ska ske inom tjugo (20) dagar från fakturadatum.",
        "20 days from invoice",
    ),
    ("sv", "payment_terms", "Fakturor förfaller till betalning 30 dagar netto.", "30 days net"),
    (
        "de",
        "payment_terms",
        "Nach einem Widerruf erstatten wir alle Zahlungen innerhalb von 14 Tagen.",
        None,
    ),
    (
        "it",
        "payment_terms",
        "Le fatture sono pagabili entro trenta (30) giorni dalla data di emissione.",
        "30 days from invoice",
    ),
    (
        "it",
        "payment_terms",
        "I prodotti a pagamento possono essere modificati con un preavviso di 30 giorni.",
        None,
    ),
    (
        "pl",
        "payment_terms",
        "Faktura jest płatna w terminie 14 dni od daty wystawienia.",
        "14 days from invoice",
    ),
    (
        "pl",
        "payment_terms",
        "W przypadku odstąpienia od umowy zwrócimy wszystkie płatności w ciągu 14 dni.",
        None,
    ),
    # late interest
    ("en", "late_interest", "Overdue amounts bear interest at 2% per month.", "2% per month"),
    (
        "en",
        "late_interest",
        "Late payments accrue interest at eight percent (8%) per annum.",
        "8% per annum",
    ),
    ("en", "late_interest", "Late payments accrue interest at the statutory rate.", None),
    (
        "sv",
        "late_interest",
        "Vid försenad betalning utgår dröjsmålsränta med 2 procent per månad.",
        "2% per month",
    ),
    (
        "sv",
        "late_interest",
        "Vid försenad betalning utgår dröjsmålsränta enligt räntelagen.",
        "Swedish Interest Act (räntelagen)",
    ),
    (
        "de",
        "late_interest",
        "Bei Zahlungsverzug fallen Verzugszinsen in Höhe von 9 Prozentpunkten über dem "
        "Basiszinssatz pro Jahr an.",
        "9% per annum above reference rate",
    ),
    # term and renewal
    (
        "en",
        "term_renewal",
        "This Agreement has an initial term of twenty-four (24) months and renews "
        "automatically for successive 12-month periods.",
        "24 months, renews automatically for 12 months",
    ),
    (
        "en",
        "term_renewal",
        "This Agreement continues until further notice.",
        "until further notice",
    ),
    (
        "sv",
        "term_renewal",
        "Avtalet gäller under en inledande avtalstid om tre (3) år och förlängs därefter "
        "automatiskt med ett (1) år i taget.",
        "3 years, renews automatically for 1 year",
    ),
    (
        "de",
        "term_renewal",
        "Der Vertrag wird auf unbestimmte Zeit geschlossen.",
        "until further notice",
    ),
    ("de", "term_renewal", "Die Lizenz ist unbefristet und unwiderruflich.", None),
    (
        "it",
        "term_renewal",
        "Il contratto è stipulato a tempo indeterminato.",
        "until further notice",
    ),
    (
        "it",
        "term_renewal",
        "L'abbonamento si rinnova automaticamente per periodi successivi di dodici (12) mesi.",
        "renews automatically for 12 months",
    ),
    ("it", "term_renewal", "La licenza è concessa a tempo indeterminato.", None),
    ("pl", "term_renewal", "Umowa zostaje zawarta na czas nieokreślony.", "until further notice"),
    (
        "pl",
        "term_renewal",
        "Subskrypcja jest automatycznie przedłużana na kolejne okresy 1 miesiąca.",
        "renews automatically for 1 month",
    ),
    # termination notice
    (
        "en",
        "termination_notice",
        "Either party may terminate this Agreement for convenience on ninety (90) days' "
        "written notice.",
        "90 days' notice",
    ),
    (
        "en",
        "termination_notice",
        "Either party may terminate this Agreement for material breach.",
        None,
    ),
    (
        "sv",
        "termination_notice",
        "Avtalet kan sägas upp med tre månaders uppsägningstid.",
        "3 months' notice",
    ),
    (
        "de",
        "termination_notice",
        "Der Vertrag kann von beiden Seiten mit einer Frist von drei Monaten zum Monatsende "
        "gekündigt werden.",
        "3 months' notice",
    ),
    (
        "de",
        "termination_notice",
        "Der Anbieter kann das Abonnement mit einer 30-tägigen Vorankündigung beenden.",
        "30 days' notice",
    ),
    (
        "de",
        "termination_notice",
        "Die Kündigung muss spätestens einen Monat vor Ablauf der Laufzeit erfolgen.",
        "1 month's notice before renewal",
    ),
    (
        "de",
        "termination_notice",
        "Das Widerrufsrecht besteht innerhalb der vierzehn (14)-tägigen Frist; eine Kündigung ist "
        "danach nur aus wichtigem Grund möglich.",
        None,
    ),
    (
        "de",
        "termination_notice",
        "Wir kündigen Wartungsarbeiten mindestens drei Tage im Voraus an.",
        None,
    ),
    (
        "it",
        "termination_notice",
        "Ciascuna parte può recedere dal contratto con un preavviso scritto di almeno sessanta "
        "(60) giorni.",
        "60 days' notice",
    ),
    (
        "it",
        "termination_notice",
        "La disdetta deve pervenire almeno 30 giorni prima della scadenza del periodo di "
        "abbonamento.",
        "30 days' notice before renewal",
    ),
    (
        "it",
        "termination_notice",
        "Le parti tenteranno di risolvere ogni controversia in via amichevole per almeno 30 "
        "giorni prima di avviare un procedimento.",
        None,
    ),
    (
        "pl",
        "termination_notice",
        "Każda ze stron może wypowiedzieć umowę z zachowaniem 3-miesięcznego okresu wypowiedzenia.",
        "3 months' notice",
    ),
    ("pl", "termination_notice", "Okres wypowiedzenia wynosi jeden miesiąc.", "1 month's notice"),
    (
        "pl",
        "termination_notice",
        "Dostawca może rozwiązać umowę z co najmniej 14-dniowym wyprzedzeniem.",
        "14 days' notice",
    ),
    (
        "pl",
        "termination_notice",
        "Wypowiedzi użytkowników publikujemy najpóźniej 2 dni przed wydarzeniem.",
        None,
    ),
    # suspension
    (
        "en",
        "suspension",
        "We may suspend the Services if any invoice remains unpaid for more than 10 days "
        "after a written reminder.",
        "for non-payment after 10 days' notice",
    ),
    (
        "en",
        "suspension",
        "We may suspend the Services immediately if your use poses a security risk.",
        "immediately for security risk",
    ),
    (
        "sv",
        "suspension",
        "Leverantören har rätt att stänga av Kunden om Kunden bryter mot Avtalet.",
        "for breach",
    ),
    # data location
    (
        "en",
        "data_location",
        "Customer Data is stored in data centres located within the EU/EEA.",
        "EU/EEA",
    ),
    ("en", "data_location", "The Supplier is a company incorporated in Sweden.", None),
    ("sv", "data_location", "Kunddata lagras i datacenter i Sverige.", "Sweden"),
    # subprocessors
    (
        "en",
        "subprocessors",
        "We will notify you at least fourteen (14) days before adding a new subprocessor, and"
        " you may object to the change.",
        "14 days' notice of new subprocessors, right to object",
    ),
    ("en", "subprocessors", "We use subprocessors to host the Service.", None),
    (
        "sv",
        "subprocessors",
        "Leverantören ska underrätta Kunden minst fyrtiofem (45) dagar innan ett nytt "
        "underbiträde anlitas.",
        "45 days' notice of new subprocessors",
    ),
    # changes to the terms
    (
        "en",
        "changes_to_terms",
        "We may modify these Terms at any time by giving one (1) month's notice.",
        "unilateral, 1 month's notice",
    ),
    (
        "en",
        "changes_to_terms",
        "This Agreement may only be amended in writing signed by both parties.",
        "by written amendment only",
    ),
    (
        "sv",
        "changes_to_terms",
        "Leverantören har rätt att ändra dessa villkor med trettio (30) dagars varsel.",
        "unilateral, 30 days' notice",
    ),
    (
        "de",
        "changes_to_terms",
        "Wir behalten uns das Recht vor, diese Nutzungsbedingungen jederzeit zu ändern.",
        "unilateral",
    ),
    (
        "de",
        "changes_to_terms",
        "Der Anbieter kann diese Allgemeinen Geschäftsbedingungen mit Wirkung für die Zukunft "
        "ändern. Über Änderungen informiert er den Kunden mindestens sechs Wochen vor ihrem "
        "Inkrafttreten.",
        "unilateral, 6 weeks' notice",
    ),
    (
        "de",
        "changes_to_terms",
        "Sie können Ihre Kontoeinstellungen gemäß diesen Bedingungen jederzeit ändern.",
        None,
    ),
    (
        "de",
        "changes_to_terms",
        "Änderungen und Ergänzungen dieses Vertrages erfordern die Schriftform.",
        "by written amendment only",
    ),
    (
        "it",
        "changes_to_terms",
        "Il Fornitore si riserva il diritto di modificare le presenti Condizioni generali, "
        "dandone comunicazione al Cliente con almeno trenta (30) giorni di anticipo.",
        "unilateral, 30 days' notice",
    ),
    ("it", "changes_to_terms", "Potremmo aggiornare periodicamente questi Termini.", "unilateral"),
    (
        "it",
        "changes_to_terms",
        "L'utente può modificare in qualsiasi momento le impostazioni previste dai Termini.",
        None,
    ),
    (
        "it",
        "changes_to_terms",
        "Il Cliente non può modificare il contratto senza il consenso del Fornitore.",
        None,
    ),
    (
        "it",
        "changes_to_terms",
        "Qualsiasi modifica al presente contratto è valida solo se fatta per iscritto.",
        "by written amendment only",
    ),
    (
        "pl",
        "changes_to_terms",
        "Usługodawca zastrzega sobie prawo do zmiany Regulaminu z ważnych przyczyn.",
        "unilateral",
    ),
    (
        "pl",
        "changes_to_terms",
        "Sprzedawca może zmienić niniejszy regulamin. O zmianach Sprzedawca poinformuje Klienta z "
        "co najmniej 14-dniowym wyprzedzeniem.",
        "unilateral, 14 days' notice",
    ),
    (
        "pl",
        "changes_to_terms",
        "Użytkownik może zmienić hasło w ustawieniach konta zgodnie z Regulaminem.",
        None,
    ),
    ("pl", "changes_to_terms", "Warunki, które mogą być zmieniane, są dostępne na stronie.", None),
    (
        "pl",
        "changes_to_terms",
        "Wszelkie zmiany umowy wymagają formy pisemnej pod rygorem nieważności.",
        "by written amendment only",
    ),
    # survival
    (
        "en",
        "survival",
        "Sections 7, 9 and 12.2 shall survive termination of this Agreement.",
        "sections 7, 9, 12.2",
    ),
    (
        "en",
        "survival",
        "The obligations of confidentiality and the limitation of liability survive termination.",
        "confidentiality, liability",
    ),
    (
        "sv",
        "survival",
        "Avsnitt 7 och 9 ska fortsätta att gälla efter Avtalets upphörande.",
        "sections 7, 9",
    ),
    # commercial contracts: the parties and the date, from the opening
    (
        "en",
        "parties",
        "This Supply Agreement is made between Harrowgate Mills Limited, a company registered "
        'in Scotland ("Supplier"), and Ostrava Foods s.r.o. ("Buyer").',
        "Harrowgate Mills Limited (Supplier); Ostrava Foods s.r.o. (Buyer)",
    ),
    ("en", "parties", 'The Supplier ("Supplier") shall deliver the Products.', None),
    (
        "sv",
        "parties",
        "Detta avtal har träffats mellan Lövkulla Trävaror AB, org.nr 556000-0000 "
        '("Säljaren"), och Bergsnäs Bygg AB ("Köparen").',
        "Lövkulla Trävaror AB (Säljaren); Bergsnäs Bygg AB (Köparen)",
    ),
    (
        "en",
        "agreement_date",
        "This Agreement is entered into as of the 3rd day of March, 2021 by the parties below.",
        "2021-03-03",
    ),
    ("en", "agreement_date", "Deliveries start on the 3rd day of each month.", None),
    ("sv", "agreement_date", "Avtalet är daterat den 14 februari 2025.", "2025-02-14"),
    # walking away without cause
    (
        "en",
        "termination_for_convenience",
        "Either party may terminate this Agreement for convenience upon sixty (60) days' prior "
        "written notice to the other party.",
        "either party, 60 days' notice",
    ),
    (
        "en",
        "termination_for_convenience",
        "Upon termination of this Agreement for any reason, the Buyer shall pay all open invoices.",
        None,
    ),
    (
        "en",
        "termination_for_convenience",
        "The Buyer may terminate this Agreement if the Supplier fails to deliver.",
        None,
    ),
    (
        "sv",
        "termination_for_convenience",
        "Vardera parten har rätt att säga upp avtalet utan särskilda skäl med tre (3) månaders "
        "uppsägningstid.",
        "either party, 3 months' notice",
    ),
    # assignment and change of control
    (
        "en",
        "assignment",
        "Neither party may assign this Agreement without the prior written consent of the other.",
        "consent needed",
    ),
    ("en", "assignment", "The Supplier may assign receivables to its bank.", None),
    (
        "sv",
        "assignment",
        "Ingen part får överlåta avtalet utan den andra partens skriftliga samtycke.",
        "consent needed",
    ),
    (
        "en",
        "change_of_control",
        "The Buyer may terminate this Agreement on notice if the Supplier undergoes a change of "
        "control.",
        "may terminate, notice needed",
    ),
    (
        "en",
        "change_of_control",
        "Either party may assign this Agreement without consent to a successor in a merger.",
        None,
    ),
    (
        "sv",
        "change_of_control",
        "Vid ägarförändring hos Leverantören har Kunden rätt att säga upp avtalet.",
        "may terminate",
    ),
    # exclusive dealing and competition
    (
        "en",
        "exclusivity",
        "The Supplier appoints the Distributor as its exclusive distributor in the Territory.",
        "exclusive distributor",
    ),
    (
        "en",
        "exclusivity",
        "The courts of Ohio have exclusive jurisdiction over any dispute.",
        None,
    ),
    (
        "en",
        "exclusivity",
        "Nothing in this Agreement creates an exclusive relationship between the parties.",
        None,
    ),
    (
        "sv",
        "exclusivity",
        "Leverantören utser Återförsäljaren till exklusiv återförsäljare i Norge.",
        "exklusiv återförsäljare",
    ),
    (
        "en",
        "non_compete",
        "During the Term and for twelve (12) months after its termination, the Agent shall not "
        "sell products that compete with the Products.",
        "during the term and 12 months after",
    ),
    ("en", "non_compete", "The Supplier offers competitive prices in the market.", None),
    (
        "sv",
        "non_compete",
        "Agenten får inte bedriva konkurrerande verksamhet under avtalstiden.",
        "during the term",
    ),
    # money and records
    (
        "en",
        "minimum_commitment",
        "The Buyer shall meet a minimum annual purchase of USD 250,000.",
        "minimum annual purchase: USD 250,000",
    ),
    (
        "en",
        "minimum_commitment",
        "The Supplier shall keep insurance in a minimum amount of USD 1,000,000.",
        None,
    ),
    (
        "sv",
        "minimum_commitment",
        "Kunden åtar sig en minimivolym om 500 enheter per kvartal.",
        "minimivolym",
    ),
    (
        "en",
        "most_favoured_terms",
        "The prices charged to the Buyer shall be no less favourable than those charged to any "
        "other customer.",
        "prices",
    ),
    ("en", "most_favoured_terms", "Prices are listed in Schedule 2.", None),
    (
        "sv",
        "most_favoured_terms",
        "Kunden ska ha rätt till mest gynnad kunds villkor.",
        "terms",
    ),
    (
        "en",
        "audit_rights",
        "The Licensor may audit the Licensee's books and records once a year on fifteen (15) "
        "days' prior written notice.",
        "books and records, 15 days' notice",
    ),
    (
        "en",
        "audit_rights",
        "The Company shall deliver its audited financial statements each year.",
        None,
    ),
    (
        "sv",
        "audit_rights",
        "Kunden har rätt att granska Leverantörens räkenskaper en gång per år.",
        "books and records",
    ),
    (
        "en",
        "insurance",
        "The Contractor shall maintain general liability insurance of at least USD 2,000,000.",
        "general liability, USD 2,000,000",
    ),
    (
        "en",
        "insurance",
        "The Customer may take out cargo insurance if it wishes greater protection.",
        None,
    ),
    (
        "sv",
        "insurance",
        "Leverantören ska teckna och vidmakthålla en ansvarsförsäkring under avtalstiden.",
        "general liability",
    ),
    # warranty, ownership, uncapped liability
    (
        "en",
        "warranty_period",
        "The Supplier warrants that the Products will be free from defects for a period of "
        "eighteen (18) months from delivery.",
        "18 months",
    ),
    ("en", "warranty_period", "The Supplier warrants that it has the right to sell.", None),
    (
        "sv",
        "warranty_period",
        "Leverantören lämnar garanti för fel under en period av 24 månader från leverans.",
        "24 months",
    ),
    (
        "en",
        "ip_ownership",
        "The Consultant hereby assigns to the Client all intellectual property in the "
        "Deliverables.",
        "assigned",
    ),
    (
        "en",
        "ip_ownership",
        "Each party retains all intellectual property it owned before the Effective Date.",
        None,
    ),
    (
        "sv",
        "ip_ownership",
        "Samtliga immateriella rättigheter till arbetsresultatet övergår till Beställaren.",
        "assigned",
    ),
    (
        "en",
        "uncapped_liability",
        "The limitations of liability in this Section shall not apply to a party's "
        "indemnification obligations or to a breach of confidentiality.",
        "not capped for indemnification, confidentiality",
    ),
    (
        "en",
        "uncapped_liability",
        "The Buyer shall indemnify the Seller against third-party claims.",
        None,
    ),
    (
        "sv",
        "uncapped_liability",
        "Ansvarsbegränsningen gäller inte vid uppsåt eller grov vårdslöshet.",
        "not capped for gross negligence, wilful misconduct",
    ),
]


@pytest.mark.parametrize(
    ("language", "term", "body", "expected"),
    [pytest.param(*case, id=f"{case[0]}-{case[1]}-{index}") for index, case in enumerate(CLAUSES)],
)
def test_clause(language: str, term: str, body: str, expected: str | None) -> None:
    assert value_of(body, language, term) == expected


def test_every_term_has_clauses_in_english_and_swedish() -> None:
    for language in ("en", "sv"):
        stated = {term for lang, term, _, value in CLAUSES if lang == language and value}
        assert stated == set(TERMS), language


def test_a_document_without_terms_gives_none_for_every_term() -> None:
    terms = extract_terms(tree_of("We are glad to welcome you. Enjoy the product.", "en"))
    assert terms == dict.fromkeys(TERMS)


def test_the_section_on_the_topic_is_read_first() -> None:
    text = (
        "Services\n\nOur supplier's licence is governed by the laws of California.\n"
        "Governing Law\n\nThis Agreement is governed by the laws of Sweden.\n"
    )
    document = Document("t.txt", "txt", text, (), "", "en", (LanguagePart(0, len(text), "en"),))
    middle = text.index("Governing Law")
    end, body = len(text), middle + len("Governing Law\n\n")
    sections = (
        Section("A:1", "A", None, "Services", 1, None, None, None, 0, middle, 10, "en"),
        Section("A:2", "A", None, "Governing Law", 1, None, None, None, middle, end, body, "en"),
    )
    tree = SectionTree("A", document, None, sections)
    topics = {"A:1": ("services",), "A:2": ("governing_law",)}
    found = extract_terms(tree, topics)["governing_law"]
    assert found is not None and (found.value, found.section) == ("Sweden", "A:2")
    assert extract_terms(tree, {"A:1": (), "A:2": ()})["governing_law"].value == "California"


def test_sentences_do_not_end_at_abbreviations_or_clause_labels() -> None:
    text = "10.1. Delivery. Brightwave Labs Inc. delivers it, e.g. online. Next one."
    found = [text[s.start : s.end] for s in split_sentences(text, 0, len(text), "en")]
    assert found == [
        "10.1. Delivery.",
        "Brightwave Labs Inc. delivers it, e.g. online.",
        "Next one.",
    ]


def test_a_sentence_opening_with_a_polish_or_swedish_capital_is_split_off() -> None:
    text = "Umowa obowiązuje od dnia podpisania. Łączna odpowiedzialność jest ograniczona."
    found = [text[s.start : s.end] for s in split_sentences(text, 0, len(text), "pl")]
    assert found == [
        "Umowa obowiązuje od dnia podpisania.",
        "Łączna odpowiedzialność jest ograniczona.",
    ]
    text = "Avtalet gäller från i dag. Ändringar ska vara skriftliga."
    found = [text[s.start : s.end] for s in split_sentences(text, 0, len(text), "sv")]
    assert found == ["Avtalet gäller från i dag.", "Ändringar ska vara skriftliga."]


# -- real terms of service -------------------------------------------------------------------

#: Place names a tagged law sentence may name, and the governing_law value that names each
#: (independent of the extractor's own vocabulary, so that it checks rather than repeats it).
LAW_PLACES = {
    "California": "California", "New York": "New York", "Kansas": "Kansas",
    "Massachusetts": "Massachusetts", "Delaware": "Delaware", "Texas": "Texas",
    "Ireland": "Ireland", "Irish": "Ireland", "England and Wales": "England and Wales",
    "England": "England", "English": "England and Wales", "Netherlands": "Netherlands",
    "Lithuania": "Lithuania", "Finland": "Finland", "Austria": "Austria",
    "Austrian": "Austria", "Germany": "Germany", "France": "France", "Korea": "Korea",
    "Sweden": "Sweden", "Swedish": "Sweden", "Switzerland": "Switzerland",
    "Luxembourg": "Luxembourg",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-z]+)\d>")


def tagged_sentences(path: Path) -> list[tuple[str, str]]:
    """(tag, plain text) of every tagged sentence: `<law2>...</law2>` -> ("law", "...")."""
    found = []
    for line in path.read_text("utf-8").splitlines():
        plain, open_tags, position = "", [], 0
        for tag in _TAG.finditer(line):
            plain += line[position : tag.start()]
            position = tag.end()
            if not tag.group(1):
                open_tags.append((tag.group(2), len(plain)))
                continue
            for index in range(len(open_tags) - 1, -1, -1):
                if open_tags[index][0] == tag.group(2):
                    name, start = open_tags.pop(index)
                    found.append((name, plain[start:].strip()))
                    break
    return found


def locate(text: str, sentence: str) -> list[tuple[int, int]]:
    """Where a tagged sentence is in the normalised text (quotes and spaces may differ)."""
    words = re.findall(r"\w+", sentence)
    if not words:
        return []
    pattern = r"\W+".join(map(re.escape, words))
    return [m.span() for m in re.finditer(pattern, text)]


def overlaps(found: KeyTerm, spans: list[tuple[int, int]]) -> bool:
    return any(start < found.end and found.start < end for start, end in spans)


@pytest.mark.corpus
def test_governing_law_and_venue_agree_with_tagged_terms_of_service() -> None:
    folder = CORPUS / "tos-multilingual"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/tos-multilingual not present (the corpus is optional)")
    paths = sorted((folder / "text" / "en").glob("*.txt"))
    trees = load_trees([str(path) for path in paths])
    law_hits, law_total, venue_hits, venue_total, misses = 0, 0, 0, 0, []
    for path, tree in zip(paths, trees, strict=True):
        terms = extract_terms(tree)
        tags = tagged_sentences(folder / "tagged" / "en" / f"{path.stem}.xml")
        text = tree.document.text
        laws = [sentence for tag, sentence in tags if tag == "law"]
        named = {
            value
            for sentence in laws
            for name, value in LAW_PLACES.items()
            if re.search(rf"\b{name}\b", sentence)
        }
        if named:
            law_total += 1
            law = terms["governing_law"]
            spans = [span for sentence in laws for span in locate(text, sentence)]
            if law and law.value in named and overlaps(law, spans):
                law_hits += 1
            else:
                where = "on a tagged sentence" if law and overlaps(law, spans) else "elsewhere"
                misses.append(f"{path.stem}: law {law and law.value!r} {where}, tagged {named}")
        forums = [span for tag, s in tags if tag in ("j", "a") for span in locate(text, s)]
        if forums:
            venue_total += 1
            venue = terms["venue"]
            if venue and overlaps(venue, forums):
                venue_hits += 1
            else:
                misses.append(f"{path.stem}: venue {venue and venue.value!r}")
    print(f"\ngoverning law: {law_hits}/{law_total}, venue: {venue_hits}/{venue_total}")
    print("\n".join(misses))
    assert law_total >= 20 and venue_total >= 20
    # measured 2026-11-26: governing law 22/24 (92%), venue 23/25 (92%); the misses are a law
    # named only through "that jurisdiction", a correct law read from an untagged sentence, and
    # forums read as an arbitration institute where the tag is on a court sentence. Regression
    # guards, not ceilings.
    assert law_hits / law_total >= 0.85, misses
    assert venue_hits / venue_total >= 0.85, misses
