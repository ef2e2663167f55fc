"""Who a reminder speaks to, and in which local conventions.

A greeting reads as a person wrote it when it uses the contact's first name ("Hello Grace,",
"Hola, José Ángel:") and nothing else: not "Hello Accounts Payable (Grace Taylor)," nor the
full name with both surnames. A company without a person gets a neutral greeting. Dates and
numbers follow the client's country as well as its language: a London client reads
"15 January 2027", not "January 15, 2027". Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata

from collector_gui.core.model import Client


def _fold(word: str) -> str:
    """A word as the lists below hold it: lower case, without its dots or the punctuation
    around it ("S.L." is "sl", "Inc." "inc", "D.ª" "dª")."""
    return word.lower().strip(",;:()").replace(".", "")


def _words(text: str) -> frozenset[str]:
    return frozenset(_fold(word) for word in text.split())


# Words that name a role or a department, not a person.
_ROLES = _words("""
accounts account payable payables receivable finance financial billing invoices invoice
department dept team office admin administration accounting bookkeeping purchasing
procurement ap ar the of and
contabilidad administración administracion facturación facturacion departamento
cuentas pagar pagos proveedores finanzas compras equipo de del la el y
""")
# Words that make a name a company's.
_COMPANY = _words("""
ltd ltd. limited llc llp inc inc. corp corp. co co. company plc gmbh ag bv nv sa s.a. sl
s.l. slu s.l.u. sas srl s.r.l. sociedad cooperativa studio studios agency group holdings
solutions services consulting partners associates media labs lab ventures foundation
fundación fundacion asociación asociacion ayuntamiento universidad university
hijos hermanos hnos sons brothers bros
""")
_TITLES = _words("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sr sr. sra sra. srta srta. don doña dña dña.
d. dª d.ª
""")
# Spanish given names that are two words ("José Ángel", "María José").
_SECOND_GIVEN = frozenset("""
ángel angel antonio josé jose maría maria luis carlos manuel ignacio javier miguel pablo
francisco jesús jesus carmen pilar teresa isabel elena dolores luisa eugenia victoria
""".split())
_FIRST_OF_PAIR = frozenset("josé jose juan maría maria miguel luis ana francisco".split())
# Common Spanish given names, for "Estimado"/"Estimada" (otherwise "Estimado/a").
_FEMININE = frozenset("""
maría maria carmen ana isabel laura lucía lucia marta elena pilar cristina sara paula
raquel beatriz rosa teresa silvia patricia mercedes julia irene andrea alba nuria
montserrat rocío rocio sonia eva natalia claudia inés ines dolores lourdes marina susana
alicia sofía sofia valentina ximena guadalupe fernanda gabriela daniela verónica veronica
""".split())
_MASCULINE = frozenset("""
josé jose antonio manuel francisco juan david javier daniel carlos jesús jesus alejandro
miguel rafael pablo pedro ángel angel sergio fernando jorge luis alberto álvaro alvaro
diego adrián adrian raúl raul enrique ramón ramon vicente andrés andres joaquín joaquin
santiago eduardo víctor victor roberto jaime ignacio alfonso ricardo emilio mario óscar
oscar guillermo gonzalo rubén ruben iván ivan hugo marcos
""".split())


def _person_part(text: str) -> str:
    """The part of a billing name that may be a person: "Accounts Payable (Grace Taylor)"
    gives "Grace Taylor"; "Grace Taylor, Accounts" gives "Grace Taylor"."""
    text = " ".join((text or "").split())
    inside = re.findall(r"\(([^()]*)\)", text)
    candidates = [c.strip() for c in inside] + [re.sub(r"\([^()]*\)", " ", text)]
    candidates += [p.strip() for p in re.split(r"[,/–—|]| - ", text)]
    for cand in candidates:
        words = [w for w in cand.split() if w]
        if not words or "@" in cand or any(ch.isdigit() for ch in cand):
            continue
        folded = [_fold(w) for w in words]
        if any(w in _ROLES for w in folded) or any(w in _COMPANY for w in folded):
            continue
        return " ".join(words)
    return ""


def first_name(client: Client) -> str:
    """The first name to greet, "" when there is no person to greet (a company, a role)."""
    person = _person_part(client.billing_name)
    if not person and not client.billing_name.strip() and len(client.name.split()) > 1:
        person = _person_part(client.name)  # a client who is a person ("Ana Ruiz")
    words = [w for w in person.split() if _fold(w) not in _TITLES]
    if not words:
        return ""
    if len(words) == 1:
        # A lone word after a title is a surname ("Mr Smith"): no first name to use.
        return "" if len(person.split()) > 1 else words[0]
    if (len(words) >= 4 and _fold(words[0]) in _FIRST_OF_PAIR
            and _fold(words[1]) in _SECOND_GIVEN):
        return f"{words[0]} {words[1]}"
    return words[0]


def spanish_salutation(name: str) -> str:
    """"Estimada" or "Estimado" when the first name says which, else "Estimado/a"."""
    first = _fold(name.split()[0]) if name.split() else ""
    if first in _FEMININE:
        return "Estimada"
    if first in _MASCULINE:
        return "Estimado"
    return "Estimado/a"


# -- local conventions -------------------------------------------------------------------------

# Country words seen at the end of addresses, and big cities written without a country.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "GB": ("united kingdom", "uk", "u.k.", "great britain", "england", "scotland", "wales",
           "northern ireland", "gb", "london", "manchester", "edinburgh", "glasgow",
           "birmingham", "bristol", "leeds", "reino unido"),
    "IE": ("ireland", "éire", "irlanda", "dublin", "cork"),
    "US": ("united states", "usa", "u.s.a.", "us", "estados unidos", "new york", "nyc",
           "san francisco", "los angeles", "chicago", "boston", "seattle", "austin"),
    "CA": ("canada", "toronto", "vancouver", "montreal"),
    "AU": ("australia", "sydney", "melbourne"),
    "ES": ("spain", "españa", "espana", "madrid", "barcelona", "valencia", "sevilla",
           "bilbao", "málaga", "malaga", "zaragoza"),
    "MX": ("mexico", "méxico", "cdmx", "ciudad de méxico", "guadalajara", "monterrey"),
    "AR": ("argentina", "buenos aires"),
    "CO": ("colombia", "bogotá", "bogota", "medellín"),
    "CL": ("chile", "santiago de chile"),
}
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_US_ZIP = re.compile(r"\b[A-Z]{2} \d{5}(?:-\d{4})?\b")
# The locale of a language when the country is unknown, and the countries each has data for.
_DEFAULT = {"en": "en", "es": "es_ES"}  # as documents/labels.BABEL_LOCALES
_KNOWN = {"en": {"GB", "IE", "US", "CA", "AU"}, "es": {"ES", "MX", "AR", "CO", "CL", "US"}}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def country_of(address: str) -> str:
    """The ISO country an address names (its last lines first), "" when it names none."""
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    for line in reversed(lines[-3:]):
        if _UK_POSTCODE.search(line.upper()) and not _US_ZIP.search(line):
            return "GB"
        if _US_ZIP.search(line):
            return "US"
        words = _plain(line)
        for country, names in _COUNTRIES.items():
            for name in names:
                if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", words):
                    return country
    return ""


def client_locale(client: Client) -> str:
    """The Babel locale for the client's dates and numbers: its language and the country of
    its address (en_GB for a London client, es_MX for one in Guadalajara)."""
    lang = client.language if client.language in _DEFAULT else "en"
    country = country_of(client.address)
    if country in _KNOWN[lang]:
        return f"{lang}_{country}"
    return _DEFAULT[lang]
